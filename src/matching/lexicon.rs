//! What a document's words are made of: [`Word`] (a span and an index), the [`Lexicon`] of a
//! document's distinct words, [`Words`] (a text's words with their lexicon) and the
//! [`Summary`] of what a run of words can match.
//!
//! Holds words that are already split and classified; it neither splits text nor compares
//! words with patterns beyond reading the bits [`super::classify`] gave them.

use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::bits::{Bits, BITS};
use super::classify::{Chunk, Class, CHUNK};
use super::numbers::{is_number, is_year_or_date};
use super::table::Patterns;

/// One word of a text: where it is in the source, and which of its document's distinct words
/// it is (see [`Lexicon`]). A word is a span and an index: nothing is counted, shared or
/// freed per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the source file.
    pub span: Range<usize>,
    /// Index in the lexicon of the words it belongs to.
    pub(super) class: u32,
}

/// The distinct words of one document, each once, in the order first seen: what its
/// [`Word`]s refer to. Built while the document's words are split (see [`super::words`]),
/// against the pattern table of the rule set the document is parsed for.
///
/// Each word is where its class is (a chunk and a place, see [`Chunk`]) and whether it matches
/// any pattern; the lexicon holds a share of each chunk its words are in.
pub struct Lexicon {
    words: Vec<Place>,
    chunks: Vec<Chunk>,
    /// Marks the memory entries that already have an index in this lexicon: unique in the
    /// process, never 0.
    pub(super) stamp: u64,
    /// The table the words are classified against.
    pub(super) patterns: Patterns,
    /// Its number, kept here so that a term asks it of the words at one remove.
    pub(super) table: u64,
}

/// Where a distinct word's class is: the chunk (of its lexicon's) and the place in it; and
/// whether the class matches any pattern, so that most words are passed over without reading
/// it.
#[derive(Debug, Clone, Copy)]
struct Place {
    chunk: u32,
    at: u8,
    any: bool,
}

/// A new lexicon for no rule set (see [`Patterns::default`]): every lexicon has its own stamp,
/// so a word's index is never taken for one in another lexicon.
impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::new(&Patterns::default())
    }
}

/// Two lexicons are equal when they hold the same words in the same order, whatever their
/// stamps: two parses of one text give equal documents.
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.words.len() == other.words.len()
            && (0..self.words.len()).all(|i| self.class(i) == other.class(i))
    }
}

impl Eq for Lexicon {}

/// Its words' classes, in order.
impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries((0..self.words.len()).map(|i| self.class(i)))
            .finish()
    }
}

impl Lexicon {
    /// An empty lexicon for a new document whose words are classified against `patterns`.
    pub fn new(patterns: &Patterns) -> Lexicon {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Lexicon {
            words: Vec::new(),
            chunks: Vec::new(),
            stamp: NEXT.fetch_add(1, Ordering::Relaxed),
            patterns: patterns.clone(),
            table: patterns.number(),
        }
    }

    /// The number of the table its words are classified against.
    pub(crate) fn table(&self) -> u64 {
        self.table
    }

    /// A copy that holds only its own words' classes, when this one holds shares of chunks
    /// with many more (a thread's memory fills a chunk with the words of every document it
    /// reads); `None` when it holds few more than its own. For a document kept long, as an
    /// editor keeps an open plan: otherwise it would keep alive the classes of words it does
    /// not have, even after the memory that read them is cleared.
    pub(crate) fn alone(&self) -> Option<Lexicon> {
        if self.held() <= 4 * self.words.len() + CHUNK {
            return None;
        }
        let mut alone = Lexicon::new(&self.patterns);
        let n = self.words.len();
        for from in (0..n).step_by(CHUNK) {
            let to = (from + CHUNK).min(n);
            let chunk = alone.hold(Chunk::of((from..to).map(|i| self.class(i).clone())));
            for i in from..to {
                // `i - from` is below CHUNK, a place in a chunk.
                let at = u8::try_from(i - from).unwrap_or(u8::MAX);
                alone.push(chunk, at, self.words[i].any);
            }
        }
        Some(alone)
    }

    /// How many classes the chunks it holds have room for, its own and others'.
    pub(super) fn held(&self) -> usize {
        self.chunks.iter().map(Chunk::places).sum()
    }

    /// Takes a share of `chunk`; returns where the lexicon holds it.
    pub(super) fn hold(&mut self, chunk: Chunk) -> u32 {
        self.chunks.push(chunk);
        // A plan of at most 64 MB has far fewer than 2^32 chunks of words.
        u32::try_from(self.chunks.len() - 1).unwrap_or(u32::MAX)
    }

    /// Adds the word whose class is at place `at` of the chunk it holds at `chunk`, and which
    /// matches some pattern if `any`; returns the word's index.
    pub(super) fn push(&mut self, chunk: u32, at: u8, any: bool) -> u32 {
        self.words.push(Place { chunk, at, any });
        // A plan of at most 64 MB has far fewer than 2^32 distinct words.
        u32::try_from(self.words.len() - 1).unwrap_or(u32::MAX)
    }

    /// The class of word `i`.
    #[inline]
    fn class(&self, i: usize) -> &Class {
        self.at(self.words[i])
    }

    /// The class of word `i` if it matches any pattern (if not, its bits are all clear).
    #[inline]
    fn with_bits(&self, i: usize) -> Option<&Class> {
        let p = self.words[i];
        p.any.then(|| self.at(p))
    }

    /// The class at `p`.
    #[inline]
    fn at(&self, p: Place) -> &Class {
        self.chunks[p.chunk as usize].get(usize::from(p.at))
    }
}

/// The words of a text, with the lexicon they refer to. Dereferences to the words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    list: Vec<Word>,
    lexicon: Rc<Lexicon>,
}

impl std::ops::Deref for Words {
    type Target = [Word];

    fn deref(&self) -> &[Word] {
        &self.list
    }
}

impl Words {
    /// `list`, whose words refer to `lexicon`.
    pub fn new(list: Vec<Word>, lexicon: Rc<Lexicon>) -> Words {
        Words { list, lexicon }
    }

    /// The lexicon the words refer to.
    pub(crate) fn lexicon(&self) -> &Rc<Lexicon> {
        &self.lexicon
    }

    /// The same words, referring to `lexicon` (the finished lexicon of their document).
    pub(crate) fn with_lexicon(&mut self, lexicon: &Rc<Lexicon>) {
        self.lexicon = Rc::clone(lexicon);
    }

    #[inline]
    pub(super) fn class(&self, w: &Word) -> &Class {
        self.lexicon.class(w.class as usize)
    }

    /// The class of `w` if it matches any pattern of the first [`BITS`] that lead a term: if
    /// not, its bits are all clear, and its class need not be read to know it.
    #[inline]
    pub(super) fn with_bits(&self, w: &Word) -> Option<&Class> {
        self.lexicon.with_bits(w.class as usize)
    }

    /// Folded form of `w` (see [`super::fold()`]).
    pub fn folded(&self, w: &Word) -> &str {
        &self.class(w).folded
    }

    /// Whether `w` has a letter (not only digits).
    pub fn has_letter(&self, w: &Word) -> bool {
        self.class(w).letter
    }

    /// Whether `w` is a number (digits, possibly grouped as in `2027-06-30` or `12,5`).
    pub fn is_number(&self, w: &Word) -> bool {
        is_number(&self.class(w).folded)
    }

    /// Whether `w` is a year (1900–2100) or an ISO date.
    pub fn is_year_or_date(&self, w: &Word) -> bool {
        is_year_or_date(&self.class(w).folded)
    }

    /// The number of the table the words are classified against.
    #[inline]
    pub(super) fn table(&self) -> u64 {
        self.lexicon.table
    }

    /// Whether pattern `id` of the table numbered `table` matches `w`, if the word's bits
    /// know: they do for the patterns of the first [`BITS`] that lead a term (see
    /// [`Patterns::leads`]) of the table the words are classified against, and for no other
    /// pattern or table.
    #[inline]
    pub(super) fn has(&self, w: &Word, id: usize, table: u64) -> Option<bool> {
        let bit = |bits: &Bits| bits[id / 64] >> (id % 64) & 1 == 1;
        (table == self.table() && id < BITS && bit(self.lexicon.patterns.leads()))
            .then(|| self.with_bits(w).is_some_and(|c| bit(c.bits())))
    }
}

/// What a run of words can match at all, the union of their pattern bits, and how many of them
/// have a letter: worked out in the one pass that splits the words. A term set none of whose
/// first patterns is in the union has no match in the run, so a whole block, or a whole
/// section, is ruled out at once instead of word by word; and a block that no placeholder
/// touches has its count of words without looking at them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Ids (of the first [`BITS`], those that lead a term) in the table numbered `table`.
    pub(super) bits: Bits,
    /// The number of the table the words are classified against: a term of another table
    /// learns nothing from `bits`.
    pub(super) table: u64,
    /// How many of the words have a letter (not only digits): what counts as a word of
    /// substance when nothing is taken out.
    pub(super) letters: usize,
}

/// The summary of no words classified against no table: it rules out no term set but the empty
/// one.
impl Default for Summary {
    fn default() -> Summary {
        Summary::empty(0)
    }
}

impl Summary {
    /// Nothing yet: the summary of no words classified against the table numbered `table`.
    pub(crate) fn empty(table: u64) -> Summary {
        Summary {
            bits: [0; BITS / 64],
            table,
            letters: 0,
        }
    }

    /// Adds one word's pattern bits.
    #[inline]
    pub(super) fn add(&mut self, bits: &Bits) {
        for (u, b) in self.bits.iter_mut().zip(bits) {
            *u |= b;
        }
    }

    /// The number of the table the words are classified against (0 for none).
    pub(crate) fn table_number(&self) -> u64 {
        self.table
    }

    /// Words with a letter among those summarised.
    pub fn letters(&self) -> usize {
        self.letters
    }

    /// The summary of both runs of words together. Summaries of words classified against two
    /// tables cannot be joined into one that rules anything out for either, so a term asks
    /// them one at a time: the join keeps `self`'s table only when both share it, and is
    /// otherwise one that rules nothing out (see [`TermSet::may_occur`]).
    ///
    /// [`TermSet::may_occur`]: super::TermSet::may_occur
    pub fn join(&mut self, other: &Summary) {
        if self.table != other.table {
            self.table = 0;
        }
        for (u, b) in self.bits.iter_mut().zip(&other.bits) {
            *u |= b;
        }
        self.letters += other.letters;
    }
}
