//! Term syntax: how one word of a term is written and compared ([`WordPattern`]: `arbete`,
//! `=arbetet`, `bostad*`, `*bostad`, `*samverk*`, `studie+`, `#number`, `#year`) and the
//! [`Term`], a sequence of them.
//!
//! Parses and compares single words; finding terms in a text is [`super::terms`]'s job, and
//! what a word is made of (stems, endings) is [`super::inflect`]'s.

use super::classify::BITS;
use super::fold::fold;
use super::inflect::{compound_head, inflection_of, stem};
use super::lexicon::{Summary, Words};
use super::numbers::{self, is_number, is_year_or_date};
use super::table::PatternsBuilder;
use super::tokenize::is_word_char;

/// A substring searcher built once, when the pack is compiled.
#[derive(Clone)]
pub(crate) struct Finder(pub(super) memchr::memmem::Finder<'static>);

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
pub(super) enum WordPattern {
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
    pub(super) fn parse(raw: &str, heads: &[WordPattern]) -> Result<Self, String> {
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
    pub(super) fn first_byte(&self) -> Option<u8> {
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

    pub(super) fn matches(&self, w: &str) -> bool {
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

/// Whether the head of a compound, with or without a linking letter, is one of `heads`.
fn keeps(heads: &[WordPattern], head: &str) -> bool {
    let unlinked = head.strip_prefix(['s', 'o', 'e']).filter(|h| h.len() >= 3);
    heads
        .iter()
        .any(|h| h.matches(head) || unlinked.is_some_and(|u| h.matches(u)))
}

fn nonempty(s: &str) -> Result<&str, String> {
    if s.is_empty() || !s.chars().any(is_word_char) {
        Err(format!("`{s}` has no letters to match"))
    } else {
        Ok(s)
    }
}

/// A term: a sequence of word patterns matched against consecutive words.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as written in the pack, for messages.
    pub source: String,
    /// Each word pattern with its id in the table numbered `table`.
    pub(super) words: Vec<(usize, WordPattern)>,
    /// The number of the pattern table the ids are in (see [`super::Patterns`]).
    pub(super) table: u64,
}

/// Two terms are equal when they are written alike and match alike, whatever table their ids
/// are in: the same pack compiled twice gives equal terms.
impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.source == other.source
            && self.words.len() == other.words.len()
            && self.words.iter().zip(&other.words).all(|(a, b)| a.1 == b.1)
    }
}

impl Eq for Term {}

impl Term {
    /// Parses a term such as `egen försörjning`, `bostad*`, `särskil* boende*` or `#number`,
    /// on its own: to tell whether it is valid, or to match it, always word by word, outside
    /// any rule set.
    pub fn parse(raw: &str) -> Result<Self, String> {
        Term::parse_with(raw, &[], &PatternsBuilder::new())
    }

    /// Parses a term whose `word+` patterns accept compounds with `heads` as their last part,
    /// its patterns taking their ids in `table`.
    pub(super) fn parse_with(
        raw: &str,
        heads: &[WordPattern],
        table: &PatternsBuilder,
    ) -> Result<Self, String> {
        let words = raw
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| WordPattern::parse(w, heads).map(|p| (table.register(&p), p)))
            .collect::<Result<Vec<_>, _>>()?;
        if words.is_empty() {
            return Err("an empty term matches nothing".to_owned());
        }
        Ok(Term {
            source: raw.to_owned(),
            words,
            table: table.number(),
        })
    }

    /// Whether the term matches the words starting at `at`: through the words' bits when they
    /// are classified against the term's table, else by comparing the words.
    pub fn matches_at(&self, words: &Words, at: usize) -> bool {
        words.len() >= at + self.words.len()
            && self.words.iter().zip(&words[at..]).all(|((id, p), w)| {
                words
                    .has(w, *id, self.table)
                    .unwrap_or_else(|| p.matches(words.folded(w)))
            })
    }

    /// Whether the term may match in the words summarised by `s` (if not, it matches nowhere
    /// in them): its first pattern is among their bits, or the bits cannot tell (another
    /// table's, or an id past them).
    pub fn may_occur(&self, s: &Summary) -> bool {
        let id = self.words[0].0;
        s.table != self.table || id >= BITS || s.bits[id / 64] >> (id % 64) & 1 == 1
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
