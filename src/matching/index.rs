//! The index of a pattern table: which patterns a new word can match at all, so that
//! classifying it compares it with a few patterns instead of all.

use super::bits::BITS;
use super::pattern::WordPattern;

/// Which of the first [`BITS`] patterns a new word can match at all, so that classifying it
/// compares it with a few patterns instead of all: patterns that fix the word's first byte are
/// listed under that byte, and the needles of `*word` and `*word*` patterns are found in one
/// pass of an Aho-Corasick automaton. Built once, when a table is finished.
pub(super) struct Index {
    /// Per first byte of a folded word, the patterns that fix that first byte.
    by_first: Vec<Vec<usize>>,
    /// Patterns any word may match whatever it starts with: `#number`, `#year`.
    anywhere: Vec<usize>,
    /// The needles of `*word` and `*word*` patterns, and the pattern of each needle.
    inside: Option<aho_corasick::AhoCorasick>,
    inside_ids: Vec<usize>,
}

impl Index {
    /// Calls `test` with every pattern the folded word `folded` can match (some more than
    /// once: testing a pattern again is cheap and changes nothing).
    pub(super) fn candidates(&self, folded: &str, test: &mut impl FnMut(usize)) {
        let first = folded.as_bytes().first().copied().unwrap_or(0);
        self.by_first[usize::from(first)]
            .iter()
            .for_each(|&i| test(i));
        self.anywhere.iter().for_each(|&i| test(i));
        if let Some(ac) = &self.inside {
            for m in ac.find_overlapping_iter(folded.as_bytes()) {
                test(self.inside_ids[m.pattern().as_usize()]);
            }
        }
    }

    pub(super) fn new(patterns: &[WordPattern]) -> Index {
        let mut by_first = vec![Vec::new(); 256];
        let (mut anywhere, mut needles, mut inside_ids) = (Vec::new(), Vec::new(), Vec::new());
        for (i, p) in patterns.iter().enumerate().take(BITS) {
            match p {
                WordPattern::Suffix(_, _, finder) | WordPattern::Contains(finder) => {
                    needles.push(finder.0.needle().to_vec());
                    inside_ids.push(i);
                }
                WordPattern::Number | WordPattern::Year => anywhere.push(i),
                _ => match p.first_byte() {
                    Some(b) => by_first[usize::from(b)].push(i),
                    None => anywhere.push(i),
                },
            }
        }
        let inside = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&needles)
            .ok();
        if inside.is_none() {
            // Cannot happen for the few short needles of a pack, but never lose a pattern:
            // without the automaton every such pattern is tried.
            anywhere.append(&mut inside_ids);
        }
        Index {
            by_first,
            anywhere,
            inside,
            inside_ids,
        }
    }
}
