//! The per-thread memory of words: every distinct word seen on this thread, with what it is
//! (its [`Class`]) and its index in the lexicon that used it last, so a word that recurs costs
//! one probe of a hash table.
//!
//! What a word matches depends on the rule set's pattern table, so each table has a memory of
//! its own: a thread keeps the memories of the last few tables it used, each marked with its
//! table's number, and a word is only ever looked up in the memory of the table it is split
//! for. One rule set (a `check` run) finds its memory first every time; two used in turn (an
//! editor with two workspaces, tests) keep theirs; a reloaded rule set gets a fresh one.
//!
//! Keys, hashes and remembers; working out what a new word is belongs to
//! [`super::classify`]. Nothing here is shared between threads, so nothing locks.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxBuildHasher;

use super::classify::{classify, Class, SHORT};
use super::table::Patterns;

/// Distinct words remembered per thread before the memory is cleared: plans repeat their
/// words, so a few thousand cover nearly all, and hostile input cannot make it grow unbounded.
const MEMO_LIMIT: usize = 50_000;

/// Bytes of words longer than [`SHORT`] remembered per thread before the memory is cleared
/// (each is kept twice: as written and folded). Real words come nowhere near it; without it
/// 50,000 words of a kilobyte would stay in every thread's memory after their plan is done.
const MEMO_LONG_BYTES: usize = 8 << 20;

/// The longest word remembered: a longer one is worked out at each occurrence and kept only
/// by its document, so what a thread keeps after a plan does not grow with the plan.
pub(super) const MEMO_WORD_MAX: usize = 64 << 10;

/// A remembered word: what it is, and its index in the lexicon that used it last, so a word
/// that recurs in a document is one probe of this table and nothing else. Kept to 56 bytes:
/// with tens of thousands of distinct words the table outgrows the cache, and a probe costs
/// the lines it touches.
pub(super) struct Entry {
    /// The word's first [`SHORT`] bytes (see [`short_of`]) and its length.
    pub(super) short: [u64; 3],
    pub(super) len: u32,
    /// Its index in the lexicon whose [`Lexicon::stamp`](super::Lexicon::stamp) is `stamp`.
    pub(super) local: u32,
    pub(super) stamp: u64,
    /// Whether `class` matches any pattern: a word that matches none is never looked at past
    /// this entry.
    pub(super) any: bool,
    /// Whether the word has a letter, kept beside `any` so that counting a text's words does
    /// not read the class of each (with a large vocabulary, a line of memory that is rarely in
    /// the cache).
    pub(super) letter: bool,
    pub(super) class: Rc<Class>,
}

// A probe reads one entry: it is kept to 56 bytes, as said above.
const _: () = assert!(std::mem::size_of::<Entry>() <= 56);

/// The remembered words of one pattern table, and the bytes of the long ones.
pub(super) struct Memo {
    table: hashbrown::HashTable<Entry>,
    long_bytes: usize,
}

impl Memo {
    const fn new() -> Memo {
        Memo {
            table: hashbrown::HashTable::new(),
            long_bytes: 0,
        }
    }

    fn clear(&mut self) {
        self.table.clear();
        self.long_bytes = 0;
    }
}

/// How many tables' memories a thread keeps: enough for the rule sets an editor alternates
/// between, few enough that the memories of rule sets long dropped do not pile up.
const TABLES: usize = 4;

/// A thread's memories, the one used last first, each with the number of the table it is for
/// (0: none yet).
struct Memories([(u64, Memo); TABLES]);

impl Memories {
    /// Moves the memory for the table numbered `number` to the front; when the table has none,
    /// the one used longest ago is emptied for it.
    #[cold]
    fn bring_forward(&mut self, number: u64) {
        let at = self.0.iter().position(|(n, _)| *n == number);
        let at = at.unwrap_or_else(|| {
            let last = &mut self.0[TABLES - 1];
            last.0 = number;
            last.1.clear();
            TABLES - 1
        });
        self.0[..=at].rotate_right(1);
    }
}

thread_local! {
    static MEMORIES: RefCell<Memories> =
        const { RefCell::new(Memories([const { (0, Memo::new()) }; TABLES])) };
}

/// The first [`SHORT`] bytes of `raw`, zero-padded, as three little-endian words. Each word
/// is made in registers from at most three loads of the text: going through a buffer on the
/// stack, byte by byte, stalled every probe of the memory on the stores it had to wait for.
#[inline]
pub(super) fn short_of(raw: &str) -> [u64; 3] {
    let b = &raw.as_bytes()[..raw.len().min(SHORT)];
    let mut out = [0u64; 3];
    for (o, chunk) in out.iter_mut().zip(b.chunks(8)) {
        *o = le_padded(chunk);
    }
    out
}

/// The bytes of `b` (at most 8) as a little-endian word, zero-padded.
#[inline]
fn le_padded(b: &[u8]) -> u64 {
    let n = b.len();
    let at = |i: usize| u64::from(b[i]);
    let four = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    match n {
        8.. => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        // Two loads of four that overlap: the bytes they share are the same bytes.
        4..=7 => four(0) | four(n - 4) << (8 * (n - 4)),
        1..=3 => at(0) | at(n / 2) << (8 * (n / 2)) | at(n - 1) << (8 * (n - 1)),
        0 => 0,
    }
}

/// Whether `e` is the word whose first bytes are `short` and whose text is `raw`.
#[inline]
fn is_key(e: &Entry, short: &[u64; 3], raw: &str) -> bool {
    e.len as usize == raw.len()
        && e.short == *short
        && (raw.len() <= SHORT || e.class.long.as_deref() == Some(raw))
}

/// The hash of a word from this thread's `seed`, its [`short_of`] words, its length and, for a
/// word longer than [`SHORT`] bytes, all of its bytes: words a plan writes to collide (a long
/// common start, the same length) must still spread, or the memory would be a linear list.
#[inline]
pub(super) fn hash(seed: u64, short: &[u64; 3], len: usize, long: Option<&str>) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (seed ^ len as u64).wrapping_mul(K);
    for &w in short {
        h = (h.rotate_left(26) ^ w).wrapping_mul(K);
    }
    if let Some(long) = long {
        use std::hash::BuildHasher as _;
        h = (h.rotate_left(26) ^ FxBuildHasher.hash_one(long)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// This thread's hash seed, random per process and thread, so that no plan can be written
/// in advance whose words all land in one place of the memory.
pub(super) fn seed() -> u64 {
    thread_local! {
        static SEED: u64 = {
            use std::hash::BuildHasher as _;
            std::collections::hash_map::RandomState::new().hash_one(0x706c_616e_6c69_6e74_u64)
        };
    }
    SEED.with(|s| *s)
}

/// The entry of `raw` in `memo` (words already seen on this thread for `table`), worked out
/// and remembered when it is new.
#[inline]
pub(super) fn entry<'m>(
    memo: &'m mut Memo,
    seed: u64,
    table: &Patterns,
    raw: &str,
) -> &'m mut Entry {
    if memo.table.len() >= MEMO_LIMIT || memo.long_bytes > MEMO_LONG_BYTES {
        memo.clear();
    }
    let short = short_of(raw);
    let h = hash(seed, &short, raw.len(), (raw.len() > SHORT).then_some(raw));
    let rehash = |e: &Entry| hash(seed, &e.short, e.len as usize, e.class.long.as_deref());
    match memo.table.entry(h, |e| is_key(e, &short, raw), rehash) {
        hashbrown::hash_table::Entry::Occupied(o) => o.into_mut(),
        hashbrown::hash_table::Entry::Vacant(v) => {
            if raw.len() > SHORT {
                memo.long_bytes += 2 * raw.len();
            }
            v.insert(new_entry(raw, short, table)).into_mut()
        }
    }
}

/// What `raw` is, worked out without the memory (for a word longer than [`MEMO_WORD_MAX`]).
pub(super) fn unremembered(raw: &str, table: &Patterns) -> Entry {
    new_entry(raw, short_of(raw), table)
}

fn new_entry(raw: &str, short: [u64; 3], table: &Patterns) -> Entry {
    let class = classify(raw, table);
    Entry {
        short,
        // A word is part of a plan of at most 64 MB.
        len: u32::try_from(raw.len()).unwrap_or(u32::MAX),
        local: 0,
        stamp: 0,
        any: class.bits.is_some(),
        letter: class.letter,
        class: Rc::new(class),
    }
}

/// Runs `f` with this thread's memory of the words classified against the table numbered
/// `table`.
pub(super) fn with_memo<R>(table: u64, f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMORIES.with(|m| {
        let mut m = m.borrow_mut();
        if m.0[0].0 != table {
            m.bring_forward(table);
        }
        f(&mut m.0[0].1)
    })
}
