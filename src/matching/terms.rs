//! Compiled term sets: the terms of one pack key (`terms`, `exclude`, a group's terms) and
//! where in a text they match ([`Hit`]).
//!
//! Searches words already split and classified; the per-word fast path reads their pattern
//! bits and compares a word directly only when the bits cannot tell.

use super::bits::BITS;
use super::lexicon::{Summary, Words};
use super::pattern::WordPattern;
use super::table::PatternsBuilder;
use super::term::{term_words, Term, TermError};

/// A compiled list of terms.
///
/// Most word patterns fix the first letter of the words they match, so the set keeps, per first
/// byte of a folded word, the terms that could start there: a word is compared with those only,
/// not with every term of the set.
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    terms: Vec<Term>,
    /// The number of the pattern table the terms' ids are in (0, no table, for the empty set).
    table: u64,
    /// For each first byte, the indices (in order) of the terms that may start with it.
    by_first_byte: Vec<Vec<u32>>,
    /// The ids of the terms' first patterns, as the non-zero words of a bit set; a
    /// word none of whose bits are set here starts no match.
    first: Vec<(usize, u64)>,
    /// One past the highest first-pattern id; `BITS + 1` if any lies past the bits.
    first_end: usize,
    /// The indices of the terms with a `word+` pattern, for [`TermSet::modifier_in`].
    compounds: Vec<usize>,
}

/// Two sets are equal when their terms are (everything else is worked out from them).
impl PartialEq for TermSet {
    fn eq(&self, other: &TermSet) -> bool {
        self.terms == other.terms
    }
}

impl Eq for TermSet {}

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
    /// Parses every term, with `heads` for their `word+` patterns: single words, each in the
    /// term syntax, that may stand last in a compound whose first part is the `word+` word.
    /// The patterns take their ids in `table`, the table of the rule set being compiled.
    pub fn parse_with<S: AsRef<str>, H: AsRef<str>>(
        raw: &[S],
        heads: &[H],
        table: &PatternsBuilder,
    ) -> Result<Self, TermError> {
        let heads = heads
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = h.as_ref();
                let mut words = term_words(h);
                match (words.next(), words.next()) {
                    (Some(word), None) => {
                        WordPattern::parse(word, &[]).map_err(|e| TermError::Head(i, e))
                    }
                    _ => Err(TermError::Head(i, format!("`{h}`: a head is one word"))),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        raw.iter()
            .enumerate()
            .map(|(i, t)| {
                Term::parse_with(t.as_ref(), &heads, table).map_err(|e| TermError::Term(i, e))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|terms| TermSet::new(terms, table.number()))
    }

    fn new(terms: Vec<Term>, table: u64) -> Self {
        // One pass over the terms, in order, so each list is in order too.
        let mut by_first_byte: Vec<Vec<u32>> = vec![Vec::new(); 256];
        for (i, t) in terms.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            match t.words[0].1.first_byte() {
                Some(f) => by_first_byte[usize::from(f)].push(i),
                None => by_first_byte.iter_mut().for_each(|l| l.push(i)),
            }
        }
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
            table,
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

    /// Whether some word summarised by `s` may start a match (if not, none does). Summaries
    /// of words classified against another table tell nothing, and only an empty set rules
    /// them out.
    pub fn may_occur(&self, s: &Summary) -> bool {
        if s.table != self.table {
            return !self.terms.is_empty();
        }
        self.first_end > BITS || self.first.iter().any(|&(i, m)| s.bits[i] & m != 0)
    }

    /// Every match in `words`, leftmost first; at one position the first listed term wins.
    pub fn find_all<'a>(&'a self, words: &'a Words) -> impl Iterator<Item = Hit> + 'a {
        // How many of the set's ids the words' bits cover: the first `BITS` when the words are
        // classified against the set's table, none for any other.
        let known = if words.table() == self.table { BITS } else { 0 };
        (0..words.len()).filter_map(move |at| {
            let w = &words[at];
            // A word that matches no pattern has no bits to read; most words are such.
            let with_bits = words.with_bits(w);
            if self.first_end <= known
                && !with_bits.is_some_and(|c| self.first.iter().any(|&(i, m)| c.bits()[i] & m != 0))
            {
                return None;
            }
            let c = with_bits.unwrap_or_else(|| words.class(w));
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
