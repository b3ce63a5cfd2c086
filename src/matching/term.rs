//! A term: one or more word patterns in a row (`samverkan med`, `bostad*`), parsed into a
//! rule set's pattern table, and where it matches in a run of words.

use super::bits::BITS;
use super::fold::is_word_char;
use super::lexicon::{Summary, Words};
use super::pattern::WordPattern;
use super::table::PatternsBuilder;

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
        let words = term_words(raw)
            .enumerate()
            .map(|(i, w)| WordPattern::parse(w, heads).map(|p| (table.register(&p, i == 0), p)))
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
        self.words.iter().any(|(_, p)| p.has_as_modifier(folded))
    }
}

/// The words of a term as the text's words are split (see [`super::words`]): at spaces and at
/// `-`, except a `-` between digits (`2016-178` is one word, as in the text), without the
/// pieces that are only punctuation, which are no words in the text either (`§` in
/// `kf 2016-06-20 § 67`). A piece with term syntax but no letters (`*`) is kept, for the error.
pub(super) fn term_words(raw: &str) -> impl Iterator<Item = &str> {
    let bytes = raw.as_bytes();
    raw.split_whitespace()
        .flat_map(move |piece| {
            let offset = piece.as_ptr() as usize - raw.as_ptr() as usize;
            let mut start = 0;
            let mut out = Vec::new();
            for (i, c) in piece.char_indices() {
                let at = offset + i;
                let between_digits = at > 0
                    && bytes[at - 1].is_ascii_digit()
                    && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
                if c == '-' && !between_digits {
                    out.push(&piece[start..i]);
                    start = i + 1;
                }
            }
            out.push(&piece[start..]);
            out
        })
        .filter(|w| w.chars().any(|c| is_word_char(c) || "*#=+".contains(c)))
}

/// A bad term (its index in the terms) or a bad head (its index in the heads), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermError {
    /// A term.
    Term(usize, String),
    /// A compound head.
    Head(usize, String),
}
