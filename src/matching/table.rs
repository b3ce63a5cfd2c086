//! The pattern table: every word pattern of one compiled rule set, by id, so that what a word
//! matches is worked out once per distinct word (see [`super::classify`]), not once per word,
//! term and rule.
//!
//! A table is collected while a rule set is compiled ([`PatternsBuilder`]), is immutable once
//! finished ([`Patterns`]) and belongs to that rule set: ids start at 0 for every rule set, so
//! compiling the same packs again (as the language server does on every reload) gives the same
//! ids, and they stay within the word bits. There is no process-wide table; the only thing
//! shared is the counter that numbers tables, so that a word remembered for one table is never
//! read for another.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxBuildHasher;

use super::bits::{Bits, BITS};
use super::index::Index;
use super::pattern::WordPattern;

/// A new table number: unique in the process and never 0, which stands for no table.
fn next_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The patterns of a rule set being compiled. Terms are parsed against it (see
/// [`super::TermSet::parse_with`]) and keep the ids it hands out; [`PatternsBuilder::finish`]
/// makes it the rule set's [`Patterns`].
#[derive(Debug)]
pub struct PatternsBuilder {
    /// The number the finished table will carry, known from the start so that terms can
    /// record it.
    number: u64,
    /// Filled through `&self`: the pack compiler hands out its context by shared reference.
    collected: RefCell<Collected>,
}

#[derive(Debug, Default)]
struct Collected {
    patterns: Vec<WordPattern>,
    /// Each pattern's id: one pattern written in two rules is one id.
    ids: HashMap<WordPattern, usize, FxBuildHasher>,
    /// The patterns that stand first in some term, by id (see [`Patterns::leads`]).
    leads: Bits,
}

impl Default for PatternsBuilder {
    fn default() -> PatternsBuilder {
        PatternsBuilder::new()
    }
}

impl PatternsBuilder {
    /// An empty table for a rule set about to be compiled.
    pub fn new() -> PatternsBuilder {
        PatternsBuilder {
            number: next_number(),
            collected: RefCell::default(),
        }
    }

    /// The id of `p`, added to the table if it is new; `lead` when it stands first in its term.
    pub(super) fn register(&self, p: &WordPattern, lead: bool) -> usize {
        let mut c = self.collected.borrow_mut();
        let id = c.ids.get(p).copied().unwrap_or_else(|| {
            let id = c.patterns.len();
            c.patterns.push(p.clone());
            c.ids.insert(p.clone(), id);
            id
        });
        if lead && id < BITS {
            c.leads[id / 64] |= 1 << (id % 64);
        }
        id
    }

    /// The number the finished table carries (see [`Patterns::number`]).
    pub(super) fn number(&self) -> u64 {
        self.number
    }

    /// The finished, immutable table, with the index that classifies new words against it.
    pub fn finish(self) -> Patterns {
        let Collected {
            patterns, leads, ..
        } = self.collected.into_inner();
        Patterns(Arc::new(Table {
            number: self.number,
            index: Index::new(&patterns, &leads),
            patterns,
            leads,
        }))
    }
}

/// The word patterns of one compiled rule set, by id; cheap to clone (the table is shared).
/// Words are classified against it when a plan is parsed for the rule set, and its term sets
/// read the bits that classification gave them.
#[derive(Clone)]
pub struct Patterns(Arc<Table>);

struct Table {
    number: u64,
    patterns: Vec<WordPattern>,
    index: Index,
    leads: Bits,
}

/// The table of no rule set: empty. Words classified against it match nothing through their
/// bits, so any term compares them directly. It is one shared table, since nothing can be
/// added to it.
impl Default for Patterns {
    fn default() -> Patterns {
        static EMPTY: OnceLock<Patterns> = OnceLock::new();
        EMPTY
            .get_or_init(|| PatternsBuilder::new().finish())
            .clone()
    }
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patterns")
            .field("number", &self.0.number)
            .field("len", &self.0.patterns.len())
            .finish()
    }
}

impl Patterns {
    /// How many distinct word patterns the rule set has.
    pub fn len(&self) -> usize {
        self.0.patterns.len()
    }

    /// Whether the rule set has no word patterns.
    pub fn is_empty(&self) -> bool {
        self.0.patterns.is_empty()
    }

    /// The table's number: unique in the process, so words and terms can tell whether their
    /// ids refer to the same table.
    #[inline]
    pub(crate) fn number(&self) -> u64 {
        self.0.number
    }

    #[inline]
    pub(super) fn patterns(&self) -> &[WordPattern] {
        &self.0.patterns
    }

    #[inline]
    pub(super) fn index(&self) -> &Index {
        &self.0.index
    }

    /// The patterns (of the first [`BITS`]) that stand first in some term: the only ones a
    /// word's bits tell (see [`super::classify`]). A term's later words are compared with the
    /// words that follow a match of its first, and only there, so the words of `och`, `i` and
    /// `för` in `arbete och studier` cost nothing where no term starts.
    #[inline]
    pub(super) fn leads(&self) -> &Bits {
        &self.0.leads
    }
}
