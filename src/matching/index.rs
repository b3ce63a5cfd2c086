//! The index of a pattern table: which patterns a new word can match at all, so that
//! classifying it compares it with a few patterns instead of all.

use super::bits::{Bits, BITS};
use super::pattern::WordPattern;

/// Which of the first [`BITS`] patterns that lead a term (see [`super::Patterns::leads`]) a new
/// word can match at all, so that classifying it compares it with a few patterns instead of
/// all: patterns that fix the word's first bytes are listed under the first two of them (or the
/// one), and the needles of `*word` and `*word*` patterns are found in one pass of an
/// Aho-Corasick automaton. Built once, when a table is finished.
pub(super) struct Index {
    /// Per first byte of a folded word, the patterns that fix that first byte and no more.
    by_first: Vec<Vec<usize>>,
    /// Per first byte, the patterns that fix the first two bytes or more, by their second byte
    /// (in its order): a new word is compared with the few that start as it does, not with
    /// every pattern of its first letter (two dozen, on average, in the built-in pack).
    by_second: Vec<Vec<(u8, usize)>>,
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
        let (first, second) = match folded.as_bytes() {
            [a, b, ..] => (*a, Some(*b)),
            [a] => (*a, None),
            [] => (0, None),
        };
        self.by_first[usize::from(first)]
            .iter()
            .for_each(|&i| test(i));
        if let Some(second) = second {
            let list = &self.by_second[usize::from(first)];
            let from = list.partition_point(|&(b, _)| b < second);
            list[from..]
                .iter()
                .take_while(|&&(b, _)| b == second)
                .for_each(|&(_, i)| test(i));
        }
        self.anywhere.iter().for_each(|&i| test(i));
        if let Some(ac) = &self.inside {
            for m in ac.find_overlapping_iter(folded.as_bytes()) {
                test(self.inside_ids[m.pattern().as_usize()]);
            }
        }
    }

    /// The index of the patterns among `patterns` whose bit is set in `leads`.
    pub(super) fn new(patterns: &[WordPattern], leads: &Bits) -> Index {
        let mut by_first = vec![Vec::new(); 256];
        let mut by_second: Vec<Vec<(u8, usize)>> = vec![Vec::new(); 256];
        let (mut anywhere, mut needles, mut inside_ids) = (Vec::new(), Vec::new(), Vec::new());
        let lead = |i: usize| leads[i / 64] >> (i % 64) & 1 == 1;
        for (i, p) in patterns
            .iter()
            .enumerate()
            .take(BITS)
            .filter(|&(i, _)| lead(i))
        {
            match p {
                WordPattern::Suffix(_, _, finder) | WordPattern::Contains(finder) => {
                    needles.push(finder.0.needle().to_vec());
                    inside_ids.push(i);
                }
                WordPattern::Number | WordPattern::Year => anywhere.push(i),
                _ => match p.start().map(str::as_bytes) {
                    Some([a, b, ..]) => by_second[usize::from(*a)].push((*b, i)),
                    Some([a]) => by_first[usize::from(*a)].push(i),
                    _ => anywhere.push(i),
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
        for list in &mut by_second {
            list.sort_unstable();
        }
        Index {
            by_first,
            by_second,
            anywhere,
            inside,
            inside_ids,
        }
    }
}
