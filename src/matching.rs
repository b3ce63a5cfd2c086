//! Swedish-aware text matching: folding, tokenising, stemming and term patterns.
//!
//! Everything that decides whether two pieces of Swedish text "say the same word" lives here,
//! so headings, mentions, placeholders and front-matter keys are all compared the same way:
//!
//! * **folding**: lowercase, Unicode NFD with combining marks removed, so `Bostäder`,
//!   `BOSTÄDER`, `Bostader` and the NFD spelling of `Bostäder` are one word (`bostader`);
//! * **stemming**: Snowball Swedish on the folded word, so inflections meet (`arbete`, `arbetet`);
//! * **patterns**: a term is one or more word patterns; `*` marks where a compound may continue.
//!
//! This module never sees Markdown; it works on words that already carry their byte spans.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, PoisonError, RwLock};

use rustc_hash::FxBuildHasher;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds `text` for comparison: lowercase, diacritics removed, NFC and NFD alike.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds one word without a heap allocation for words of up to 24 bytes (nearly all of them).
fn fold_word(text: &str) -> CompactString {
    if text.is_ascii() {
        let mut out = CompactString::from(text);
        out.make_ascii_lowercase();
        return out;
    }
    let mut out = CompactString::with_capacity(text.len());
    fold_chars(text, |c| out.push(c));
    out
}

fn fold_into(text: &str, out: &mut String) {
    fold_chars(text, |c| out.push(c));
}

/// The folds of U+00C0..=U+00FF (Latin-1 letters: å, ä, ö, é and the rest), worked out once
/// with the general rule below; Swedish text is full of them.
fn latin1_fold(c: char) -> Option<char> {
    static TABLE: OnceLock<[Option<char>; 64]> = OnceLock::new();
    let i = (c as usize).checked_sub(0xC0).filter(|&i| i < 64)?;
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = char::from_u32(0xC0 + u32::try_from(i).ok()?)?;
            let mut folded = String::new();
            fold_general(c, &mut |d| folded.push(d));
            let mut chars = folded.chars();
            // Only a fold to exactly one character goes in the table.
            match (chars.next(), chars.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
    })[i]
}

fn fold_general(c: char, push: &mut impl FnMut(char)) {
    for lower in c.to_lowercase() {
        match lower {
            'æ' => push('a'),
            'ø' => push('o'),
            _ => decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    push(d);
                }
            }),
        }
    }
}

fn fold_chars(text: &str, mut push: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
        if let Some(f) = latin1_fold(c) {
            push(f);
            continue;
        }
        if !is_invisible(c) {
            fold_general(c, &mut push);
        }
    }
}

/// Characters that take no room on the page and carry no letter: soft hyphens and zero-width
/// spaces and joiners, which word processors leave inside words (`Bo\u{AD}städer`). They are
/// part of the word they stand in, and folding drops them.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// `text` as a reader sees it: invisible characters (see [`is_invisible`]) removed and
/// no-break spaces made plain spaces, for headings shown in messages.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| is_invisible(c) || c == '\u{A0}') {
        text.chars()
            .filter(|&c| !is_invisible(c))
            .map(|c| if c == '\u{A0}' { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// The Swedish Snowball stem of an already folded word.
pub(crate) fn stem(folded: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::Swedish))
        .stem(folded)
        .into_owned()
}

/// One word of a text: where it is in the source, and which of its document's distinct words
/// it is (see [`Lexicon`]). A word is a span and an index: nothing is counted, shared or
/// freed per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the source file.
    pub span: Range<usize>,
    /// Index in the lexicon of the words it belongs to.
    class: u32,
}

/// The distinct words of one document, each once, in the order first seen: what its
/// [`Word`]s refer to. Built while the document's words are split (see [`words`]).
#[derive(Debug)]
pub struct Lexicon {
    classes: Vec<Rc<Class>>,
    /// Marks the memory entries that already have an index in this lexicon: unique in the
    /// process, never 0.
    stamp: u64,
}

/// A new lexicon: every lexicon has its own stamp, so a word's index is never taken for one
/// in another lexicon.
impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::new()
    }
}

/// Two lexicons are equal when they hold the same words in the same order, whatever their
/// stamps: two parses of one text give equal documents.
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.classes == other.classes
    }
}

impl Eq for Lexicon {}

impl Lexicon {
    /// An empty lexicon for a new document.
    pub fn new() -> Lexicon {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Lexicon {
            classes: Vec::new(),
            stamp: NEXT.fetch_add(1, Ordering::Relaxed),
        }
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

    /// The same words, referring to `lexicon` (the finished lexicon of their document).
    pub(crate) fn with_lexicon(&mut self, lexicon: &Rc<Lexicon>) {
        self.lexicon = Rc::clone(lexicon);
    }

    fn class(&self, w: &Word) -> &Class {
        &self.lexicon.classes[w.class as usize]
    }

    /// Folded form of `w` (see [`fold`]).
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

    /// Whether registered pattern `id` matches `w`, if the word's bits know.
    fn has(&self, w: &Word, id: usize) -> Option<bool> {
        let c = self.class(w);
        (id < c.known.min(BITS)).then(|| c.bits()[id / 64] >> (id % 64) & 1 == 1)
    }
}

fn is_number(folded: &str) -> bool {
    folded.starts_with(|c: char| c.is_ascii_digit())
}

fn is_year_or_date(w: &str) -> bool {
    let year = |s: &str| {
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (1900..=2100).contains(&s.parse::<u32>().unwrap_or(0))
    };
    // `get` rather than slicing: byte 4 of a folded word may lie inside a letter (`białystok`).
    year(w) || (w.len() == 10 && w.get(..4).is_some_and(year) && w.as_bytes()[4] == b'-')
}

/// What a run of words can match at all: the union of their pattern bits. A term set none of
/// whose first patterns is in the union has no match in the run, so a whole block is ruled out
/// at once instead of word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    bits: Bits,
    /// The smallest `known` of the words (all patterns below it are in `bits`).
    known: usize,
}

impl Summary {
    /// Nothing: the summary of no words.
    pub fn empty() -> Summary {
        Summary {
            bits: [0; BITS / 64],
            known: usize::MAX,
        }
    }

    /// Adds one word's class.
    fn add(&mut self, class: &Class) {
        for (u, b) in self.bits.iter_mut().zip(class.bits()) {
            *u |= b;
        }
        self.known = self.known.min(class.known);
    }
}

/// How many word patterns a word's bits cover; patterns past this are compared directly.
const BITS: usize = 384;
type Bits = [u64; BITS / 64];

/// Every word pattern compiled in this process, by id. Terms refer to their patterns by id, so
/// what a word matches is worked out once per distinct word (see [`classify`]), not once per
/// word, term and rule.
struct Registry {
    patterns: Vec<WordPattern>,
    ids: HashMap<String, usize, FxBuildHasher>,
}

static REGISTRY: RwLock<Registry> = RwLock::new(Registry {
    patterns: Vec::new(),
    ids: HashMap::with_hasher(FxBuildHasher),
});
static REGISTERED: AtomicUsize = AtomicUsize::new(0);

fn register(p: &WordPattern) -> usize {
    let mut r = REGISTRY.write().unwrap_or_else(PoisonError::into_inner);
    let key = format!("{p:?}");
    if let Some(&id) = r.ids.get(&key) {
        return id;
    }
    let id = r.patterns.len();
    r.patterns.push(p.clone());
    r.ids.insert(key, id);
    REGISTERED.store(id + 1, Ordering::Release);
    id
}

/// Distinct words remembered per thread before the memory is cleared: plans repeat their
/// words, so a few thousand cover nearly all, and hostile input cannot make it grow unbounded.
const MEMO_LIMIT: usize = 50_000;

/// What a distinct word is: shared by all its occurrences (through its document's
/// [`Lexicon`]), so a word in the text costs a span and an index.
#[derive(Debug, PartialEq, Eq)]
struct Class {
    folded: CompactString,
    /// The word as written, when it is longer than [`SHORT`] bytes (its key holds only the
    /// first of them).
    long: Option<Box<str>>,
    /// Whether the word has a letter.
    letter: bool,
    /// The patterns it matches; none for most words, which then cost no room for them.
    bits: Option<Box<Bits>>,
    /// How many patterns `bits` covers: those registered when it was worked out.
    known: usize,
}

impl Class {
    fn bits(&self) -> &Bits {
        const NONE: Bits = [0; BITS / 64];
        self.bits.as_deref().unwrap_or(&NONE)
    }
}

/// A remembered word: what it is, and its index in the lexicon that used it last, so a word
/// that recurs in a document is one probe of this table and nothing else. Kept to 56 bytes:
/// with tens of thousands of distinct words the table outgrows the cache, and a probe costs
/// the lines it touches.
struct Entry {
    /// The word's first [`SHORT`] bytes (see [`short_of`]) and its length.
    short: [u64; 3],
    len: u32,
    /// Its index in the lexicon whose [`Lexicon::stamp`] is `stamp`.
    local: u32,
    stamp: u64,
    /// `class.known` (saturated) shifted left once, with the low bit set when `class` matches
    /// any pattern: a word that matches none is never looked at past this entry.
    known_any: u32,
    class: Rc<Class>,
}

impl Entry {
    fn any(&self) -> bool {
        self.known_any & 1 == 1
    }

    /// Whether the entry was worked out with `registered` patterns.
    fn knows(&self, registered: usize) -> bool {
        self.known_any >> 1 == saturated(registered)
    }
}

/// `n` as the 31 bits [`Entry::known_any`] keeps (a pack has far fewer patterns; past them
/// the entry is simply worked out again).
fn saturated(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).min(u32::MAX >> 1)
}

type Memo = hashbrown::HashTable<Entry>;

thread_local! {
    static MEMO: RefCell<Memo> = const { RefCell::new(Memo::new()) };
}

/// How many bytes of a word the memory's key holds in three machine words, so that comparing
/// and hashing a word of up to that length — nearly every word — is a few instructions on
/// registers; a longer word is also compared whole.
const SHORT: usize = 24;

/// The first [`SHORT`] bytes of `raw`, zero-padded, as three little-endian words: whole
/// words are loaded at once, the last partial one byte by byte.
#[inline]
fn short_of(raw: &str) -> [u64; 3] {
    let b = &raw.as_bytes()[..raw.len().min(SHORT)];
    let mut out = [0u64; 3];
    let mut chunks = b.chunks_exact(8);
    for (o, c) in out.iter_mut().zip(chunks.by_ref()) {
        *o = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default());
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let w = tail
            .iter()
            .enumerate()
            .fold(0u64, |w, (i, &x)| w | u64::from(x) << (8 * i));
        out[b.len() / 8] = w;
    }
    out
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
fn hash(seed: u64, short: &[u64; 3], len: usize, long: Option<&str>) -> u64 {
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
fn seed() -> u64 {
    thread_local! {
        static SEED: u64 = {
            use std::hash::BuildHasher as _;
            std::collections::hash_map::RandomState::new().hash_one(0x706c_616e_6c69_6e74_u64)
        };
    }
    SEED.with(|s| *s)
}

/// Which of the first [`BITS`] patterns a new word can match at all, so that classifying it
/// compares it with a few patterns instead of all: patterns that fix the word's first byte are
/// listed under that byte, and the needles of `*word` and `*word*` patterns are found in one
/// pass of an Aho-Corasick automaton. Built per thread for the patterns registered so far.
struct Index {
    /// How many patterns were registered when it was built.
    known: usize,
    /// Per first byte of a folded word, the patterns that fix that first byte.
    by_first: Vec<Vec<usize>>,
    /// Patterns any word may match whatever it starts with: `#number`, `#year`.
    anywhere: Vec<usize>,
    /// The needles of `*word` and `*word*` patterns, and the pattern of each needle.
    inside: Option<aho_corasick::AhoCorasick>,
    inside_ids: Vec<usize>,
}

impl Index {
    fn new(patterns: &[WordPattern]) -> Index {
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
            known: patterns.len(),
            by_first,
            anywhere,
            inside,
            inside_ids,
        }
    }
}

thread_local! {
    static INDEX: RefCell<Option<Rc<Index>>> = const { RefCell::new(None) };
}

/// This thread's index of the patterns in `r`, rebuilt when patterns were registered since.
fn index(r: &Registry) -> Rc<Index> {
    INDEX.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some(ix) if ix.known == r.patterns.len() => Rc::clone(ix),
            _ => {
                let ix = Rc::new(Index::new(&r.patterns));
                *cell = Some(Rc::clone(&ix));
                ix
            }
        }
    })
}

/// The entry of `raw` in `memo` (words already seen on this thread), worked out and
/// remembered when it is new or older than the patterns registered since.
#[inline]
fn entry<'m>(memo: &'m mut Memo, seed: u64, registered: usize, raw: &str) -> &'m mut Entry {
    if memo.len() >= MEMO_LIMIT {
        memo.clear();
    }
    let short = short_of(raw);
    let h = hash(seed, &short, raw.len(), (raw.len() > SHORT).then_some(raw));
    let rehash = |e: &Entry| hash(seed, &e.short, e.len as usize, e.class.long.as_deref());
    match memo.entry(h, |e| is_key(e, &short, raw), rehash) {
        hashbrown::hash_table::Entry::Occupied(o) => {
            let e = o.into_mut();
            if !e.knows(registered) {
                *e = new_entry(raw, short);
            }
            e
        }
        hashbrown::hash_table::Entry::Vacant(v) => v.insert(new_entry(raw, short)).into_mut(),
    }
}

fn new_entry(raw: &str, short: [u64; 3]) -> Entry {
    let class = classify(raw);
    Entry {
        short,
        // A word is part of a plan of at most 64 MB.
        len: u32::try_from(raw.len()).unwrap_or(u32::MAX),
        local: 0,
        stamp: 0,
        known_any: saturated(class.known) << 1 | u32::from(class.bits.is_some()),
        class: Rc::new(class),
    }
}

/// What `raw` is: its folded form and the patterns it matches.
fn classify(raw: &str) -> Class {
    let folded = fold_word(raw);
    let r = REGISTRY.read().unwrap_or_else(PoisonError::into_inner);
    let ix = index(&r);
    let mut bits = [0; BITS / 64];
    let mut test = |i: usize| {
        if bits[i / 64] >> (i % 64) & 1 == 0 && r.patterns[i].matches(&folded) {
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
        known: r.patterns.len(),
    }
}

/// Runs `f` with this thread's memory of words and the number of registered patterns.
fn with_memo<R>(f: impl FnOnce(&mut Memo, usize) -> R) -> R {
    let registered = REGISTERED.load(Ordering::Acquire);
    MEMO.with(|memo| f(&mut memo.borrow_mut(), registered))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 letters (å, ä, ö, é …): all of U+00C0..=U+00FF but × and ÷.
    if ('\u{C0}'..='\u{FF}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits `text` into words. `map` turns a byte range of `text` into one of the source file.
///
/// A word is a run of letters and digits (combining marks included, so NFD text stays whole).
/// Digit groups joined by `-`, `.`, `,`, `:` or `/` stay one word, so `2027-06-30` is one date.
/// `map` is called with ascending ranges. The words refer to `lexicon`, which gains the new
/// ones. Returns the union of the words' pattern bits.
pub(crate) fn words(
    text: &str,
    map: impl FnMut(Range<usize>) -> Range<usize>,
    out: &mut Vec<Word>,
    lexicon: &mut Lexicon,
) -> Summary {
    let seed = seed();
    with_memo(|memo, registered| words_with(memo, seed, registered, text, map, out, lexicon))
}

/// Whether a byte is an ASCII letter or digit: the test of nearly every byte of a plan's
/// prose, as one load.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b: u8 = 0;
    loop {
        t[b as usize] = b.is_ascii_alphanumeric();
        if b == u8::MAX {
            break t;
        }
        b += 1;
    }
};

fn words_with(
    memo: &mut Memo,
    seed: u64,
    registered: usize,
    text: &str,
    mut map: impl FnMut(Range<usize>) -> Range<usize>,
    out: &mut Vec<Word>,
    lexicon: &mut Lexicon,
) -> Summary {
    let mut summary = Summary::empty();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b.is_ascii() {
            i += 1;
            continue;
        } else if let Some(len) = non_ascii_word_char(text, i).filter(|_| !invisible_at(text, i)) {
            i += len;
        } else {
            i += utf8_len(b);
            continue;
        }
        let numeric = b.is_ascii_digit();
        while i < n {
            let b = bytes[i];
            if ASCII_WORD[usize::from(b)] {
                i += 1;
            } else if !b.is_ascii() {
                match non_ascii_word_char(text, i) {
                    Some(len) => i += len,
                    None => break,
                }
            } else if numeric
                && matches!(b, b'-' | b'.' | b',' | b':' | b'/')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        let e = entry(memo, seed, registered, &text[start..i]);
        if e.stamp != lexicon.stamp {
            e.stamp = lexicon.stamp;
            // A plan of at most 64 MB has far fewer than 2^32 distinct words.
            e.local = u32::try_from(lexicon.classes.len()).unwrap_or(u32::MAX);
            lexicon.classes.push(Rc::clone(&e.class));
        }
        if e.any() {
            summary.add(&e.class);
        } else {
            // A fresh entry's class knows the patterns registered now (see `entry`).
            summary.known = summary.known.min(registered);
        }
        out.push(Word {
            span: map(start..i),
            class: e.local,
        });
    }
    summary
}

/// Length of the character at byte `i` of `text` (a char boundary, not ASCII) if it belongs
/// in a word.
#[inline]
fn non_ascii_word_char(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    (is_word_char(c) || is_invisible(c)).then(|| c.len_utf8())
}

/// Whether the character at byte `i` of `text` is invisible (it may not start a word).
fn invisible_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_invisible)
}

/// Length of the UTF-8 sequence that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// A substring searcher built once, when the pack is compiled.
#[derive(Clone)]
pub(crate) struct Finder(memchr::memmem::Finder<'static>);

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Finder({:?})", String::from_utf8_lossy(self.0.needle()))
    }
}

impl Finder {
    fn new(needle: &str) -> Self {
        Finder(memchr::memmem::Finder::new(needle.as_bytes()).into_owned())
    }
}

impl PartialEq for Finder {
    fn eq(&self, other: &Self) -> bool {
        self.0.needle() == other.0.needle()
    }
}

impl Eq for Finder {}

/// How one word of a term is compared with one word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WordPattern {
    /// `arbete`: the text word is an inflection of it (no compounds). Holds the folded word
    /// and its stem.
    Stem(String, String),
    /// `=arbetet`: exactly this folded form.
    Exact(String),
    /// `bostad*`: the text word starts with this (inflections and compounds with it first).
    Prefix(String),
    /// `*bostad`: the text word ends with an inflection of it (compounds with it last).
    /// The finder looks for the stem.
    Suffix(String, String, Finder),
    /// `*samverk*`: the text word contains this.
    Contains(Finder),
    /// `studie+`: the word in any inflection, or the first part of a compound whose last part
    /// (its head, after a linking `s`, `o` or `e`) is one of `heads` (`studiemöjligheter`, but
    /// not `studieresor`). Holds the stem, the folded word and the heads.
    Compound(String, String, Vec<WordPattern>),
    /// `#number`: a number that is not a year or a date.
    Number,
    /// `#year`: a year or a date.
    Year,
}

impl WordPattern {
    fn parse(raw: &str, heads: &[WordPattern]) -> Result<Self, String> {
        if let Some(core) = raw.strip_suffix('+') {
            let core = nonempty(core)?;
            if core.contains(['*', '#', '=', '+']) {
                return Err(format!("`{raw}`: `+` stands only after a plain word"));
            }
            let folded = fold(core);
            return Ok(WordPattern::Compound(stem(&folded), folded, heads.to_vec()));
        }
        match raw {
            "#number" => return Ok(WordPattern::Number),
            "#year" => return Ok(WordPattern::Year),
            _ => {}
        }
        if let Some(exact) = raw.strip_prefix('=') {
            return nonempty(exact).map(|w| WordPattern::Exact(fold(w)));
        }
        let (lead, trail) = (raw.starts_with('*'), raw.ends_with('*') && raw.len() > 1);
        let core = nonempty(raw.trim_matches('*'))?;
        if core.contains(['*', '#', '=', '+']) {
            return Err(format!(
                "`{raw}`: `*` may only stand first or last in a word"
            ));
        }
        let folded = fold(core);
        Ok(match (lead, trail) {
            (false, false) => WordPattern::Stem(stem(&folded), folded),
            (false, true) => WordPattern::Prefix(folded),
            (true, false) => {
                let stem = stem(&folded);
                let finder = Finder::new(&stem);
                WordPattern::Suffix(stem, folded, finder)
            }
            (true, true) => WordPattern::Contains(Finder::new(&folded)),
        })
    }

    /// The first byte a matching word must start with, if the pattern fixes one.
    fn first_byte(&self) -> Option<u8> {
        match self {
            WordPattern::Stem(s, _)
            | WordPattern::Exact(s)
            | WordPattern::Prefix(s)
            | WordPattern::Compound(s, ..) => s.as_bytes().first().copied(),
            WordPattern::Suffix(..)
            | WordPattern::Contains(_)
            | WordPattern::Number
            | WordPattern::Year => None,
        }
    }

    fn matches(&self, w: &str) -> bool {
        match self {
            WordPattern::Stem(s, full) => inflection_of(w, s, full),
            WordPattern::Exact(s) => w == s,
            WordPattern::Prefix(s) => w.starts_with(s.as_str()),
            WordPattern::Suffix(s, full, finder) => finder
                .0
                .find_iter(w.as_bytes())
                .any(|i| i > 0 && inflection_of(&w[i..], s, full)),
            WordPattern::Contains(finder) => finder.0.find(w.as_bytes()).is_some(),
            WordPattern::Compound(s, full, heads) => {
                inflection_of(w, s, full)
                    || compound_head(w, s, full).is_some_and(|head| keeps(heads, head))
            }
            WordPattern::Number => {
                (is_number(w) && !is_year_or_date(w)) || numbers::is_number_word(w)
            }
            WordPattern::Year => is_year_or_date(w),
        }
    }
}

/// The rest of `word` after the first part `full` (or its stem `stem`), when `word` is a
/// compound with that first part: at least three letters that are not an inflectional ending.
/// With two readings (`bostad|sförsörjning`, `bostads|försörjning`) the longer first part wins.
fn compound_head<'w>(word: &'w str, stem: &str, full: &str) -> Option<&'w str> {
    [full, stem].into_iter().find_map(|base| {
        let rest = word.strip_prefix(base).filter(|r| !r.is_empty())?;
        (rest.len() >= 3 && !is_ending(rest)).then_some(rest)
    })
}

/// Whether the head of a compound, with or without a linking letter, is one of `heads`.
fn keeps(heads: &[WordPattern], head: &str) -> bool {
    let unlinked = head.strip_prefix(['s', 'o', 'e']).filter(|h| h.len() >= 3);
    heads
        .iter()
        .any(|h| h.matches(head) || unlinked.is_some_and(|u| h.matches(u)))
}

/// Swedish inflectional endings (folded): what may follow a stem in another form of the same
/// word. Derivations and compounds (`arbets|miljö`) are deliberately not here.
const ENDINGS: &[&str] = &[
    "", "a", "e", "n", "t", "s", "en", "et", "er", "ar", "or", "an", "na", "ns", "es", "ts", "as",
    "ad", "at", "de", "te", "ena", "arna", "erna", "orna", "ens", "ets", "ers", "ars", "ors",
    "ans", "ernas", "arnas", "ornas", "enas",
];

/// Whether `rest` is one of [`ENDINGS`]; no ending is longer than five bytes.
fn is_ending(rest: &str) -> bool {
    rest.len() <= 5 && ENDINGS.contains(&rest)
}

/// Whether `word` is an inflection of the word `full` whose Snowball stem is `stem`: the stem or
/// the full word followed by an inflectional ending, or the same Snowball stem. Snowball alone
/// is not enough for Swedish nouns (`arbetet` and `hälsan` keep their endings).
fn inflection_of(word: &str, stem_of_full: &str, full: &str) -> bool {
    let ends_inflected = |base: &str| word.strip_prefix(base).is_some_and(is_ending);
    // A Snowball stem is always a prefix of its word, so test that cheaply before stemming.
    ends_inflected(full)
        || ends_inflected(stem_of_full)
        || (word.starts_with(stem_of_full) && stem(word) == stem_of_full)
}

fn nonempty(s: &str) -> Result<&str, String> {
    if s.is_empty() || !s.chars().any(is_word_char) {
        Err(format!("`{s}` has no letters to match"))
    } else {
        Ok(s)
    }
}

/// A term: a sequence of word patterns matched against consecutive words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as written in the pack, for messages.
    pub source: String,
    /// Each word pattern with its id in the registry.
    words: Vec<(usize, WordPattern)>,
}

impl Term {
    /// Parses a term such as `egen försörjning`, `bostad*`, `särskil* boende*` or `#number`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        Term::parse_with(raw, &[])
    }

    /// Parses a term whose `word+` patterns accept compounds with `heads` as their last part.
    fn parse_with(raw: &str, heads: &[WordPattern]) -> Result<Self, String> {
        let words = raw
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| WordPattern::parse(w, heads).map(|p| (register(&p), p)))
            .collect::<Result<Vec<_>, _>>()?;
        if words.is_empty() {
            return Err("an empty term matches nothing".to_owned());
        }
        Ok(Term {
            source: raw.to_owned(),
            words,
        })
    }

    /// Whether the term matches the words starting at `at`.
    pub fn matches_at(&self, words: &Words, at: usize) -> bool {
        words.len() >= at + self.words.len()
            && self.words.iter().zip(&words[at..]).all(|((id, p), w)| {
                words
                    .has(w, *id)
                    .unwrap_or_else(|| p.matches(words.folded(w)))
            })
    }

    /// Whether the term may match in the words summarised by `s` (if not, it matches nowhere
    /// in them): its first pattern is among their bits, or past what they know.
    pub fn may_occur(&self, s: &Summary) -> bool {
        let id = self.words[0].0;
        id >= s.known.min(BITS) || s.bits[id / 64] >> (id % 64) & 1 == 1
    }

    /// Number of words the term spans.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Always false: a parsed term has at least one word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The stems of plain (`Stem`, `Compound`) word patterns, used to explain near misses.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.words.iter().filter_map(|(_, p)| match p {
            WordPattern::Stem(s, _) | WordPattern::Compound(s, ..) => Some(s.as_str()),
            _ => None,
        })
    }

    /// Whether `folded` is a compound that starts with one of the term's `word+` words but
    /// whose head is none of the heads that keep the meaning (`studieresor` for `studie+`):
    /// the area word is only its modifier.
    pub fn modifier_in(&self, folded: &str) -> bool {
        self.words.iter().any(|(_, p)| match p {
            WordPattern::Compound(s, full, heads) => {
                folded.starts_with(s.as_str())
                    && !inflection_of(folded, s, full)
                    && compound_head(folded, s, full).is_some_and(|h| !keeps(heads, h))
            }
            _ => false,
        })
    }
}

/// A bad term (its index in the terms) or a bad head (its index in the heads), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermError {
    /// A term.
    Term(usize, String),
    /// A compound head.
    Head(usize, String),
}

/// A compiled list of terms.
///
/// Most word patterns fix the first letter of the words they match, so the set keeps, per first
/// byte of a folded word, the terms that could start there: a word is compared with those only,
/// not with every term of the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermSet {
    terms: Vec<Term>,
    /// For each first byte, the indices (in order) of the terms that may start with it.
    by_first_byte: Vec<Vec<u32>>,
    /// The registry ids of the terms' first patterns, as the non-zero words of a bit set; a
    /// word none of whose bits are set here starts no match.
    first: Vec<(usize, u64)>,
    /// One past the highest first-pattern id; `BITS + 1` if any lies past the bits.
    first_end: usize,
    /// The indices of the terms with a `word+` pattern, for [`TermSet::modifier_in`].
    compounds: Vec<usize>,
}

/// Where a term matched: the term's index and the word range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the term in its set.
    pub term: usize,
    /// First matched word.
    pub start: usize,
    /// One past the last matched word.
    pub end: usize,
}

impl TermSet {
    /// Parses every term; the error names the first bad one and its index.
    pub fn parse<S: AsRef<str>>(raw: &[S]) -> Result<Self, (usize, String)> {
        TermSet::parse_with::<S, &str>(raw, &[]).map_err(|e| match e {
            TermError::Term(i, why) | TermError::Head(i, why) => (i, why),
        })
    }

    /// Parses every term, with `heads` for their `word+` patterns: single words, each in the
    /// term syntax, that may stand last in a compound whose first part is the `word+` word.
    pub fn parse_with<S: AsRef<str>, H: AsRef<str>>(
        raw: &[S],
        heads: &[H],
    ) -> Result<Self, TermError> {
        let heads = heads
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = h.as_ref();
                if h.split(|c: char| c.is_whitespace() || c == '-')
                    .filter(|w| !w.is_empty())
                    .count()
                    != 1
                {
                    return Err(TermError::Head(i, format!("`{h}`: a head is one word")));
                }
                WordPattern::parse(h.trim(), &[]).map_err(|e| TermError::Head(i, e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        raw.iter()
            .enumerate()
            .map(|(i, t)| Term::parse_with(t.as_ref(), &heads).map_err(|e| TermError::Term(i, e)))
            .collect::<Result<Vec<_>, _>>()
            .map(TermSet::new)
    }

    fn new(terms: Vec<Term>) -> Self {
        let by_first_byte = (0..=u8::MAX)
            .map(|b| {
                (0..terms.len())
                    .filter(|&i| terms[i].words[0].1.first_byte().is_none_or(|f| f == b))
                    .filter_map(|i| u32::try_from(i).ok())
                    .collect()
            })
            .collect();
        let mut first = [0; BITS / 64];
        let mut first_end = 0;
        for t in &terms {
            let id = t.words[0].0;
            first_end = first_end.max(id + 1);
            if id < BITS {
                first[id / 64] |= 1 << (id % 64);
            } else {
                first_end = BITS + 1;
            }
        }
        let first = first
            .iter()
            .enumerate()
            .filter(|(_, &m)| m != 0)
            .map(|(i, &m)| (i, m))
            .collect();
        let compounds = (0..terms.len())
            .filter(|&i| {
                terms[i]
                    .words
                    .iter()
                    .any(|(_, p)| matches!(p, WordPattern::Compound(..)))
            })
            .collect();
        TermSet {
            terms,
            by_first_byte,
            first,
            first_end,
            compounds,
        }
    }

    /// Whether the set has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether `folded` is a compound with one of the terms' `word+` words only as its modifier
    /// (see [`Term::modifier_in`]).
    pub fn modifier_in(&self, folded: &str) -> bool {
        self.compounds
            .iter()
            .any(|&i| self.terms[i].modifier_in(folded))
    }

    /// Whether some word summarised by `s` may start a match (if not, none does).
    pub fn may_occur(&self, s: &Summary) -> bool {
        self.first_end > s.known.min(BITS) || self.first.iter().any(|&(i, m)| s.bits[i] & m != 0)
    }

    /// Every match in `words`, leftmost first; at one position the first listed term wins.
    pub fn find_all<'a>(&'a self, words: &'a Words) -> impl Iterator<Item = Hit> + 'a {
        (0..words.len()).filter_map(move |at| {
            let c = words.class(&words[at]);
            if self.first_end <= c.known.min(BITS)
                && self.first.iter().all(|&(i, m)| c.bits()[i] & m == 0)
            {
                return None;
            }
            let first = c.folded.as_bytes().first().copied().unwrap_or(0);
            self.by_first_byte
                .get(usize::from(first))?
                .iter()
                .map(|&t| t as usize)
                .find(|&t| self.terms[t].matches_at(words, at))
                .map(|term| Hit {
                    term,
                    start: at,
                    end: at + self.terms[term].len(),
                })
        })
    }

    /// The first match in `words`, if any.
    pub fn find(&self, words: &Words) -> Option<Hit> {
        self.find_all(words).next()
    }

    /// Whether any term matches anywhere in `words`.
    pub fn any(&self, words: &Words) -> bool {
        self.find(words).is_some()
    }
}

mod numbers;

#[cfg(test)]
mod tests;
