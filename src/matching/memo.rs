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
use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::bits::Bits;
use super::classify::{classify, Chunk, Class, CHUNK, SHORT};
use super::lexicon::{Lexicon, Summary};
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

/// A remembered word: where its class is, and its index in the lexicon that used it last, so
/// a word that recurs in a document is one probe of this table and nothing else. Kept to 48
/// bytes: with tens of thousands of distinct words the table outgrows the cache, and a probe
/// costs the lines it touches.
pub(super) struct Entry {
    /// The word's first [`SHORT`] bytes (see [`short_of`]) and its length.
    pub(super) short: [u64; 3],
    pub(super) len: u32,
    /// Its index in the lexicon whose [`Lexicon::stamp`](super::Lexicon::stamp) is `stamp`.
    pub(super) local: u32,
    pub(super) stamp: u64,
    /// Its class: the chunk of the memory's [`Store`] and the place in it.
    chunk: u32,
    at: u8,
    /// Whether the word has a letter, kept here so that counting a text's words does not read
    /// the class of each.
    letter: bool,
    /// The patterns its class matches, as a set of the store's (see [`Store::sets`]): a word
    /// that matches none ([`NO_SET`]) is never looked at past this entry, and one that does
    /// adds its set to its text's summary without reading its class.
    set: u16,
}

/// The [`Entry::set`] of a word that matches no pattern.
const NO_SET: u16 = 0;

/// The [`Entry::set`] of a word whose bits are read from its class: the store has run out of
/// numbers for sets. It cannot, since each remembered word adds at most one set and the memory
/// is cleared before it has [`CLASS_SET`] words; the number only keeps that from being relied on.
const CLASS_SET: u16 = u16::MAX;
const _: () = assert!(MEMO_LIMIT < CLASS_SET as usize);

// A probe reads one entry: it is kept to 48 bytes, as said above.
const _: () = assert!(std::mem::size_of::<Entry>() <= 48);
// A place in a chunk is a byte.
const _: () = assert!(CHUNK <= 1 << u8::BITS);

/// The classes of the remembered words, in chunks, in the order they were first seen (so the
/// commonest words of a run share the first chunks); and which lexicon took a share of each
/// chunk last.
struct Store {
    chunks: Vec<Chunk>,
    /// Classes in the last chunk.
    filled: usize,
    /// Per chunk: the stamp of the lexicon that took a share of it last, and where that
    /// lexicon holds it.
    held: Vec<(u64, u32)>,
    /// Bytes of the remembered words longer than [`SHORT`].
    long_bytes: usize,
    /// The sets of patterns the remembered words match, each once, numbered from 1 (0 is
    /// [`NO_SET`]): the forms of one word share a set, so the sets are far fewer than the
    /// words, and a summary reads them from a table that stays in the cache.
    sets: Vec<Bits>,
    numbers: HashMap<Bits, u16, FxBuildHasher>,
}

impl Store {
    const fn new() -> Store {
        Store {
            chunks: Vec::new(),
            filled: 0,
            held: Vec::new(),
            long_bytes: 0,
            sets: Vec::new(),
            numbers: HashMap::with_hasher(FxBuildHasher),
        }
    }

    /// The number of the set of patterns `class` matches.
    fn set_of(&mut self, class: &Class) -> u16 {
        let Some(bits) = class.bits.as_deref() else {
            return NO_SET;
        };
        if let Some(&n) = self.numbers.get(bits) {
            return n;
        }
        match u16::try_from(self.sets.len() + 1) {
            Ok(n) if n < CLASS_SET => {
                self.sets.push(*bits);
                self.numbers.insert(*bits, n);
                n
            }
            _ => CLASS_SET,
        }
    }

    /// The patterns `e`'s word matches.
    #[inline]
    fn bits(&self, e: &Entry) -> &Bits {
        match e.set {
            CLASS_SET => self.class(e).bits(),
            n => self
                .sets
                .get(usize::from(n).wrapping_sub(1))
                .unwrap_or_else(|| self.class(e).bits()),
        }
    }

    #[inline]
    fn class(&self, e: &Entry) -> &Class {
        self.chunks
            .get(e.chunk as usize)
            .map_or(Class::none(), |c| c.get(usize::from(e.at)))
    }

    /// Keeps `class` in the last chunk (a new one when it is full); returns where.
    fn add(&mut self, class: Class) -> (u32, u8) {
        if self.filled == CHUNK || self.chunks.is_empty() {
            self.chunks.push(Chunk::new());
            self.held.push((0, 0));
            self.filled = 0;
        }
        let last = self.chunks.len() - 1;
        self.chunks[last].put(self.filled, class);
        self.filled += 1;
        // The memory is cleared long before it has 2^32 chunks, and a place is below CHUNK.
        let chunk = u32::try_from(last).unwrap_or(u32::MAX);
        (chunk, u8::try_from(self.filled - 1).unwrap_or(u8::MAX))
    }

    /// Where `lexicon` holds chunk `chunk`, giving it a share of the chunk when it has none.
    #[inline]
    fn held_by(&mut self, chunk: u32, lexicon: &mut Lexicon) -> u32 {
        let (Some(held), Some(c)) = (
            self.held.get_mut(chunk as usize),
            self.chunks.get(chunk as usize),
        ) else {
            // Cannot happen: an entry's chunk is one of this store's. An empty chunk reads
            // as no word.
            return lexicon.hold(Chunk::new());
        };
        if held.0 != lexicon.stamp {
            *held = (lexicon.stamp, lexicon.hold(c.clone()));
        }
        held.1
    }

    fn clear(&mut self) {
        self.chunks.clear();
        self.held.clear();
        self.filled = 0;
        self.long_bytes = 0;
        self.sets.clear();
        self.numbers.clear();
    }
}

/// The remembered words of one pattern table, and their classes.
pub(super) struct Memo {
    table: hashbrown::HashTable<Entry>,
    store: Store,
}

impl Memo {
    const fn new() -> Memo {
        Memo {
            table: hashbrown::HashTable::new(),
            store: Store::new(),
        }
    }

    fn clear(&mut self) {
        self.table.clear();
        self.store.clear();
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

/// Whether `e` (whose class is in `store`) is the word whose first bytes are `short` and whose
/// text is `raw`.
#[inline]
fn is_key(store: &Store, e: &Entry, short: &[u64; 3], raw: &str) -> bool {
    e.len as usize == raw.len()
        && e.short == *short
        && (raw.len() <= SHORT || store.class(e).long.as_deref() == Some(raw))
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

/// The index in `lexicon` of the word `raw`, which it gains when the word is new to it; the
/// word's bits are added to `summary`. The word is looked up in `memo` (words already seen on
/// this thread for the lexicon's table), and worked out and remembered when it is new.
// Left to itself the compiler calls this once per word of every plan: 2 % more instructions
// over a thousand plans, measured with callgrind.
#[expect(clippy::inline_always, reason = "measured: see the line above")]
#[inline(always)]
pub(super) fn local(
    memo: &mut Memo,
    seed: u64,
    raw: &str,
    lexicon: &mut Lexicon,
    summary: &mut Summary,
) -> u32 {
    let (e, store) = entry(memo, seed, &lexicon.patterns, raw);
    if e.stamp != lexicon.stamp {
        e.stamp = lexicon.stamp;
        let chunk = store.held_by(e.chunk, lexicon);
        e.local = lexicon.push(chunk, e.at, e.set != NO_SET);
    }
    if e.set != NO_SET {
        summary.add(store.bits(e));
    }
    summary.letters += usize::from(e.letter);
    e.local
}

/// The entry of `raw` in `memo`, worked out and remembered when it is new; and the store of
/// the memory's classes.
#[inline(never)]
fn entry<'m>(
    memo: &'m mut Memo,
    seed: u64,
    patterns: &Patterns,
    raw: &str,
) -> (&'m mut Entry, &'m mut Store) {
    if memo.table.len() >= MEMO_LIMIT || memo.store.long_bytes > MEMO_LONG_BYTES {
        memo.clear();
    }
    let Memo { table, store } = memo;
    let short = short_of(raw);
    let h = hash(seed, &short, raw.len(), (raw.len() > SHORT).then_some(raw));
    let found = {
        let store = &*store;
        let rehash = |e: &Entry| {
            hash(
                seed,
                &e.short,
                e.len as usize,
                store.class(e).long.as_deref(),
            )
        };
        table.entry(h, |e| is_key(store, e, &short, raw), rehash)
    };
    let e = match found {
        hashbrown::hash_table::Entry::Occupied(o) => o.into_mut(),
        hashbrown::hash_table::Entry::Vacant(v) => {
            v.insert(remember(store, patterns, raw, short)).into_mut()
        }
    };
    (e, store)
}

/// The entry of the new word `raw` (whose first bytes are `short`), its class worked out and
/// kept in `store`.
#[cold]
#[inline(never)]
fn remember(store: &mut Store, patterns: &Patterns, raw: &str, short: [u64; 3]) -> Entry {
    if raw.len() > SHORT {
        store.long_bytes += 2 * raw.len();
    }
    let class = classify(raw, patterns);
    let (set, letter) = (store.set_of(&class), class.letter);
    let (chunk, at) = store.add(class);
    Entry {
        short,
        // A word is part of a plan of at most 64 MB.
        len: u32::try_from(raw.len()).unwrap_or(u32::MAX),
        local: 0,
        stamp: 0,
        chunk,
        at,
        letter,
        set,
    }
}

/// The index in `lexicon` of `raw`, worked out without the memory (for a word longer than
/// [`MEMO_WORD_MAX`]) and kept by the lexicon alone; its bits are added to `summary`.
#[cold]
pub(super) fn unremembered(raw: &str, lexicon: &mut Lexicon, summary: &mut Summary) -> u32 {
    let class = classify(raw, &lexicon.patterns);
    let any = class.bits.is_some();
    if any {
        summary.add(class.bits());
    }
    summary.letters += usize::from(class.letter);
    let chunk = lexicon.hold(Chunk::one(class));
    lexicon.push(chunk, 0, any)
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
