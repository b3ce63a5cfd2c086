//! Classification: what a distinct word is ([`Class`]: its folded form and the patterns it
//! matches, as bits), found with the table's index ([`super::index`]) so that a new word is
//! not compared with every pattern.
//!
//! Works one distinct word at a time against one rule set's [`Patterns`]; remembering words
//! is [`super::memo`]'s job, and the patterns themselves are [`super::pattern`]'s. Reads the
//! table only: nothing here locks or writes shared state.

use std::cell::OnceCell;
use std::rc::Rc;

use compact_str::CompactString;

use super::bits::{Bits, BITS};
use super::fold::fold_word;
use super::table::Patterns;

/// How many bytes of a word the memory's key holds in three machine words, so that comparing
/// and hashing a word of up to that length — nearly every word — is a few instructions on
/// registers; a longer word is also compared whole.
pub(super) const SHORT: usize = 24;

/// What a distinct word is: shared by all its occurrences (through its document's
/// [`super::Lexicon`]), so a word in the text costs a span and an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Class {
    pub(super) folded: CompactString,
    /// The word as written, when it is longer than [`SHORT`] bytes (its key holds only the
    /// first of them).
    pub(super) long: Option<Box<str>>,
    /// Whether the word has a letter.
    pub(super) letter: bool,
    /// The patterns it matches, by id in the table it was classified against (of the first
    /// [`BITS`], those that lead a term: see [`Patterns::leads`]); none for most words, which
    /// then cost no room for them.
    pub(super) bits: Option<Box<Bits>>,
}

/// The class of no word: what a place of a [`Chunk`] that was never filled reads as.
static NO_CLASS: Class = Class {
    folded: CompactString::const_new(""),
    long: None,
    letter: false,
    bits: None,
};

impl Class {
    /// The class of no word.
    pub(super) fn none() -> &'static Class {
        &NO_CLASS
    }

    pub(super) fn bits(&self) -> &Bits {
        const NONE: Bits = [0; BITS / 64];
        self.bits.as_deref().unwrap_or(&NONE)
    }
}

/// How many classes a [`Chunk`] holds: an index in it is a byte.
pub(super) const CHUNK: usize = 256;

/// Classes kept together, in the order they were worked out: a thread's memory of words fills
/// one chunk after another, and a document's lexicon takes a share of each chunk its words are
/// in. Counting shares per chunk, not per class, keeps a class out of the cache until something
/// reads it: a word new to a document costs its lexicon an index, not a write to its class
/// (which, among tens of thousands of rare words, is seldom in the cache). A document holds
/// whole chunks, so it may keep the classes of other words alive with its own: at most those
/// of the thread's memory when it was read (50,000 words, about 3 MB), and more only if the
/// memory was cleared while it was read.
#[derive(Debug, Clone)]
pub(super) struct Chunk(Rc<[OnceCell<Class>]>);

impl Chunk {
    /// An empty chunk of [`CHUNK`] places.
    pub(super) fn new() -> Chunk {
        Chunk((0..CHUNK).map(|_| OnceCell::new()).collect())
    }

    /// A chunk of one class, for a word kept by its document alone.
    pub(super) fn one(class: Class) -> Chunk {
        Chunk(Rc::new([OnceCell::from(class)]))
    }

    /// A full chunk of `classes`, as many as there are.
    pub(super) fn of(classes: impl Iterator<Item = Class>) -> Chunk {
        Chunk(classes.map(OnceCell::from).collect())
    }

    /// How many places it has.
    pub(super) fn places(&self) -> usize {
        self.0.len()
    }

    /// Puts `class` at place `at`, which must be empty: places are filled once, in order.
    pub(super) fn put(&self, at: usize, class: Class) {
        if let Some(cell) = self.0.get(at) {
            let set = cell.set(class);
            debug_assert!(set.is_ok(), "a chunk's place is filled twice");
        }
    }

    /// The class at place `at`.
    #[inline]
    pub(super) fn get(&self, at: usize) -> &Class {
        self.0
            .get(at)
            .and_then(OnceCell::get)
            .unwrap_or(Class::none())
    }
}

/// What `raw` is: its folded form and which of the patterns of `table` it matches.
pub(super) fn classify(raw: &str, table: &Patterns) -> Class {
    let folded = fold_word(raw);
    let (patterns, ix) = (table.patterns(), table.index());
    let (mut bits, mut tried) = ([0; BITS / 64], [0u64; BITS / 64]);
    // The index names a pattern once for every place its needle is found, which in a long
    // word is every few bytes: each pattern is compared with the word once.
    let mut test = |i: usize| {
        let (at, bit) = (i / 64, 1 << (i % 64));
        if tried[at] & bit == 0 {
            tried[at] |= bit;
            if patterns[i].matches(&folded) {
                bits[at] |= bit;
            }
        }
    };
    ix.candidates(&folded, &mut test);
    Class {
        letter: folded.chars().any(char::is_alphabetic),
        long: (raw.len() > SHORT).then(|| raw.into()),
        folded,
        bits: bits.iter().any(|&b| b != 0).then(|| Box::new(bits)),
    }
}
