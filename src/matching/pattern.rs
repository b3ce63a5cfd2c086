//! Term syntax for one word: how it is written and compared ([`WordPattern`]: `arbete`,
//! `=arbetet`, `bostad*`, `*bostad`, `*samverk*`, `studie+`, `2016-178`, `#number`, `#year`). A
//! [`super::term::Term`] is a sequence of them.
//!
//! Parses and compares single words; finding terms in a text is [`super::terms`]'s job, and
//! what a word is made of (stems, endings) is [`super::inflect`]'s.

use super::fold::fold;
use super::fold::{is_digit_joiner, is_word_char};
use super::inflect::{
    compound_head, head_base, head_inflection_of, inflection_of, longest_head, stem,
};
use super::numbers::{self, is_number, is_year_or_date};

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

/// Hashed as it is compared: by its needle.
impl std::hash::Hash for Finder {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.needle().hash(state);
    }
}

/// How one word of a term is compared with one word of the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum WordPattern {
    /// `arbete`: the text word is an inflection of it (no compounds). Holds the folded word
    /// and its stem.
    Stem(String, String),
    /// `=arbetet`: exactly this folded form.
    Exact(String),
    /// `bostad*`: the text word starts with this (inflections and compounds with it first).
    Prefix(String),
    /// `*bostad`: the text word ends, after at least one letter, with the word inflected
    /// (compounds with it last; see [`super::inflect::head_inflection_of`]). Holds what the
    /// last part must start with ([`super::inflect::head_base`]), the folded word, and a
    /// finder of the former.
    Suffix(String, String, Finder),
    /// `*samverk*`: the text word contains this.
    Contains(Finder),
    /// `studie+`: the word in any inflection, or the first part of a compound whose last part
    /// (its head, after a linking `s`, `o` or `e`) is one of `heads` (`studiemöjligheter`, but
    /// not `studieresor`). Holds the stem, the folded word and the heads.
    Compound(String, String, Vec<WordPattern>),
    /// `2016-178`, `67`: these digit groups, joined in the text by any of the marks that join
    /// digit groups into one word (`2016-178`, `2016/178`, `2016.178`). Holds the term's word.
    Digits(String),
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
        if is_digit_groups(raw) {
            return Ok(WordPattern::Digits(raw.to_owned()));
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
                let base = head_base(&folded).to_owned();
                let finder = Finder::new(&base);
                WordPattern::Suffix(base, folded, finder)
            }
            (true, true) => WordPattern::Contains(Finder::new(&folded)),
        })
    }

    /// What every word the pattern matches starts with, if the pattern fixes a start: a
    /// `Stem` or `Compound` pattern takes forms of its stem and of its full word (see
    /// [`inflection_of`] and [`compound_head`]), so what the two share.
    pub(super) fn start(&self) -> Option<&str> {
        match self {
            WordPattern::Stem(stem, full) | WordPattern::Compound(stem, full, _) => {
                let shared = stem
                    .char_indices()
                    .zip(full.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(stem.len().min(full.len()), |((i, _), _)| i);
                Some(&full[..shared])
            }
            WordPattern::Exact(s) | WordPattern::Prefix(s) => Some(s),
            // Any mark that joins digit groups stands for any other (`2016-178`, `2016/178`):
            // only the digits before the first are fixed.
            WordPattern::Digits(d) => {
                Some(&d[..d.bytes().position(is_digit_joiner).unwrap_or(d.len())])
            }
            WordPattern::Suffix(..)
            | WordPattern::Contains(_)
            | WordPattern::Number
            | WordPattern::Year => None,
        }
    }

    /// The first byte a matching word must start with, if the pattern fixes one.
    pub(super) fn first_byte(&self) -> Option<u8> {
        match self {
            WordPattern::Stem(s, _)
            | WordPattern::Exact(s)
            | WordPattern::Prefix(s)
            | WordPattern::Compound(s, ..)
            | WordPattern::Digits(s) => s.as_bytes().first().copied(),
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
            WordPattern::Suffix(base, full, finder) => {
                // Only the word's last bytes can hold an inflection of the pattern's word, so
                // only they are searched: the work is the same for a word of megabytes.
                let from = w.len().saturating_sub(longest_head(full));
                // A compound's first part has two letters at least: `f|aktorer` is no compound
                // of `aktör`.
                finder.0.find_iter(&w.as_bytes()[from..]).any(|i| {
                    let i = from + i;
                    i >= 2 && head_inflection_of(&w[i..], base, full)
                })
            }
            WordPattern::Contains(finder) => finder.0.find(w.as_bytes()).is_some(),
            WordPattern::Digits(d) => {
                w.len() == d.len()
                    && w.bytes()
                        .zip(d.bytes())
                        .all(|(a, b)| a == b || (is_digit_joiner(a) && is_digit_joiner(b)))
            }
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

impl WordPattern {
    /// For a `word+` pattern: whether `folded` is a compound that starts with the word but whose
    /// head is none of the heads that keep the meaning (`studieresor` for `studie+`).
    pub(super) fn has_as_modifier(&self, folded: &str) -> bool {
        match self {
            WordPattern::Compound(s, full, heads) => {
                folded.starts_with(s.as_str())
                    && !inflection_of(folded, s, full)
                    && compound_head(folded, s, full).is_some_and(|h| !keeps(heads, h))
            }
            _ => false,
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

/// Whether a term's word is digit groups, as the text's digit words are (`67`, `2016-178`,
/// `2016-06-20`): digits, and marks that join two of them.
fn is_digit_groups(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.windows(2)
            .all(|p| p[0].is_ascii_digit() || (is_digit_joiner(p[0]) && p[1].is_ascii_digit()))
}

fn nonempty(s: &str) -> Result<&str, String> {
    if s.is_empty() || !s.chars().any(is_word_char) {
        Err(format!("`{s}` has no letters to match"))
    } else {
        Ok(s)
    }
}
