//! Classification: what a distinct word is ([`Class`]: its folded form and the patterns it
//! matches, as bits) and the [`Index`] that keeps a new word from being compared with every
//! pattern.
//!
//! Works one distinct word at a time against one rule set's [`Patterns`]; remembering words
//! is [`super::memo`]'s job, and the patterns themselves are [`super::pattern`]'s. Reads the
//! table only: nothing here locks or writes shared state.

use compact_str::CompactString;

use super::fold::fold_word;
use super::memo::SHORT;
use super::pattern::WordPattern;
use super::table::Patterns;

/// How many word patterns a word's bits cover; patterns past this are compared directly.
pub(super) const BITS: usize = 384;
pub(super) type Bits = [u64; BITS / 64];

/// What a distinct word is: shared by all its occurrences (through its document's
/// [`super::Lexicon`]), so a word in the text costs a span and an index.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Class {
    pub(super) folded: CompactString,
    /// The word as written, when it is longer than [`SHORT`] bytes (its key holds only the
    /// first of them).
    pub(super) long: Option<Box<str>>,
    /// Whether the word has a letter.
    pub(super) letter: bool,
    /// The patterns it matches, by id in the table it was classified against (the first
    /// [`BITS`] of them); none for most words, which then cost no room for them.
    pub(super) bits: Option<Box<Bits>>,
}

impl Class {
    pub(super) fn bits(&self) -> &Bits {
        const NONE: Bits = [0; BITS / 64];
        self.bits.as_deref().unwrap_or(&NONE)
    }
}

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

/// What `raw` is: its folded form and which of the patterns of `table` it matches.
pub(super) fn classify(raw: &str, table: &Patterns) -> Class {
    let folded = fold_word(raw);
    let (patterns, ix) = (table.patterns(), table.index());
    let mut bits = [0; BITS / 64];
    let mut test = |i: usize| {
        if bits[i / 64] >> (i % 64) & 1 == 0 && patterns[i].matches(&folded) {
            bits[i / 64] |= 1 << (i % 64);
        }
    };
    let first = folded.as_bytes().first().copied().unwrap_or(0);
    ix.by_first[usize::from(first)]
        .iter()
        .for_each(|&i| test(i));
    ix.anywhere.iter().for_each(|&i| test(i));
    if let Some(ac) = &ix.inside {
        for m in ac.find_overlapping_iter(folded.as_bytes()) {
            test(ix.inside_ids[m.pattern().as_usize()]);
        }
    }
    Class {
        letter: folded.chars().any(char::is_alphabetic),
        long: (raw.len() > SHORT).then(|| raw.into()),
        folded,
        bits: bits.iter().any(|&b| b != 0).then(|| Box::new(bits)),
    }
}
