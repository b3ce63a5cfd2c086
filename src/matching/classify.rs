//! Classification: what a distinct word is ([`Class`]: its folded form and the patterns it
//! matches, as bits) and the [`Index`] that keeps a new word from being compared with every
//! pattern.
//!
//! Works one distinct word at a time; remembering words is [`super::memo`]'s job, and the
//! patterns themselves are [`super::pattern`]'s.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock};

use compact_str::CompactString;
use rustc_hash::FxBuildHasher;

use super::fold::fold_word;
use super::memo::SHORT;
use super::pattern::WordPattern;

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
    /// The patterns it matches; none for most words, which then cost no room for them.
    pub(super) bits: Option<Box<Bits>>,
    /// How many patterns `bits` covers: those registered when it was worked out.
    pub(super) known: usize,
}

impl Class {
    pub(super) fn bits(&self) -> &Bits {
        const NONE: Bits = [0; BITS / 64];
        self.bits.as_deref().unwrap_or(&NONE)
    }
}

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
pub(super) static REGISTERED: AtomicUsize = AtomicUsize::new(0);

pub(super) fn register(p: &WordPattern) -> usize {
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

/// What `raw` is: its folded form and the patterns it matches.
pub(super) fn classify(raw: &str) -> Class {
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
