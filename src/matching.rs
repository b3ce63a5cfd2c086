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

use std::ops::Range;
use std::sync::OnceLock;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds `text` for comparison: lowercase, diacritics removed, NFC and NFD alike.
pub fn fold(text: &str) -> String {
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

fn fold_chars(text: &str, mut push: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
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
}

/// The Swedish Snowball stem of an already folded word.
pub fn stem(folded: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::Swedish))
        .stem(folded)
        .into_owned()
}

/// One word of a text: its folded form and where it is in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded form (see [`fold`]); kept inline, words are many and short.
    pub folded: CompactString,
    /// Byte range of the word in the source file.
    pub span: Range<usize>,
}

impl Word {
    /// Whether the word is a number (digits, possibly grouped as in `2027-06-30` or `12,5`).
    pub fn is_number(&self) -> bool {
        self.folded.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Whether the word is a year (1900–2100) or an ISO date.
    pub fn is_year_or_date(&self) -> bool {
        let w = self.folded.as_str();
        let year = |s: &str| {
            s.len() == 4
                && s.bytes().all(|b| b.is_ascii_digit())
                && (1900..=2100).contains(&s.parse::<u32>().unwrap_or(0))
        };
        year(w) || (w.len() == 10 && year(&w[..4]) && w.as_bytes()[4] == b'-')
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits `text` into words. `map` turns a byte range of `text` into one of the source file.
///
/// A word is a run of letters and digits (combining marks included, so NFD text stays whole).
/// Digit groups joined by `-`, `.`, `,`, `:` or `/` stay one word, so `2027-06-30` is one date.
pub fn words(text: &str, map: impl Fn(Range<usize>) -> Range<usize>, out: &mut Vec<Word>) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if is_word_char(next) {
                end = i + next.len_utf8();
                chars.next();
            } else if numeric && matches!(next, '-' | '.' | ',' | ':' | '/') {
                let rest = &text[i + 1..];
                if rest.starts_with(|d: char| d.is_ascii_digit()) {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        out.push(Word {
            folded: fold_word(raw),
            span: map(start..end),
        });
    }
}

/// A substring searcher built once, when the pack is compiled.
#[derive(Debug, Clone)]
pub struct Finder(memchr::memmem::Finder<'static>);

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
    /// `#number`: a number that is not a year or a date.
    Number,
    /// `#year`: a year or a date.
    Year,
}

impl WordPattern {
    fn parse(raw: &str) -> Result<Self, String> {
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
        if core.contains('*') || core.contains('#') || core.contains('=') {
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
            WordPattern::Stem(s, _) | WordPattern::Exact(s) | WordPattern::Prefix(s) => {
                s.as_bytes().first().copied()
            }
            WordPattern::Suffix(..)
            | WordPattern::Contains(_)
            | WordPattern::Number
            | WordPattern::Year => None,
        }
    }

    fn matches(&self, word: &Word) -> bool {
        let w = word.folded.as_str();
        match self {
            WordPattern::Stem(s, full) => inflection_of(w, s, full),
            WordPattern::Exact(s) => w == s,
            WordPattern::Prefix(s) => w.starts_with(s.as_str()),
            WordPattern::Suffix(s, full, finder) => finder
                .0
                .find_iter(w.as_bytes())
                .any(|i| i > 0 && inflection_of(&w[i..], s, full)),
            WordPattern::Contains(finder) => finder.0.find(w.as_bytes()).is_some(),
            WordPattern::Number => word.is_number() && !word.is_year_or_date(),
            WordPattern::Year => word.is_year_or_date(),
        }
    }
}

/// Swedish inflectional endings (folded): what may follow a stem in another form of the same
/// word. Derivations and compounds (`arbets|miljö`) are deliberately not here.
const ENDINGS: &[&str] = &[
    "", "a", "e", "n", "t", "s", "en", "et", "er", "ar", "or", "an", "na", "ns", "es", "ts", "as",
    "ad", "at", "de", "te", "ena", "arna", "erna", "orna", "ens", "ets", "ers", "ars", "ors",
    "ans", "ernas", "arnas", "ornas", "enas",
];

/// Whether `word` is an inflection of the word `full` whose Snowball stem is `stem`: the stem or
/// the full word followed by an inflectional ending, or the same Snowball stem. Snowball alone
/// is not enough for Swedish nouns (`arbetet` and `hälsan` keep their endings).
fn inflection_of(word: &str, stem_of_full: &str, full: &str) -> bool {
    let ends_inflected = |base: &str| {
        word.strip_prefix(base)
            .is_some_and(|rest| ENDINGS.contains(&rest))
    };
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
    words: Vec<WordPattern>,
}

impl Term {
    /// Parses a term such as `egen försörjning`, `bostad*`, `särskil* boende*` or `#number`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let words = raw
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(WordPattern::parse)
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
    pub fn matches_at(&self, words: &[Word], at: usize) -> bool {
        words.len() >= at + self.words.len()
            && self
                .words
                .iter()
                .zip(&words[at..])
                .all(|(p, w)| p.matches(w))
    }

    /// Number of words the term spans.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Always false: a parsed term has at least one word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The stems of plain (`Stem`) word patterns, used to explain near misses.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.words.iter().filter_map(|p| match p {
            WordPattern::Stem(s, _) => Some(s.as_str()),
            _ => None,
        })
    }
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
        raw.iter()
            .enumerate()
            .map(|(i, t)| Term::parse(t.as_ref()).map_err(|e| (i, e)))
            .collect::<Result<Vec<_>, _>>()
            .map(TermSet::new)
    }

    fn new(terms: Vec<Term>) -> Self {
        let by_first_byte = (0..=u8::MAX)
            .map(|b| {
                (0..terms.len())
                    .filter(|&i| terms[i].words[0].first_byte().is_none_or(|f| f == b))
                    .filter_map(|i| u32::try_from(i).ok())
                    .collect()
            })
            .collect();
        TermSet {
            terms,
            by_first_byte,
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

    /// Every match in `words`, leftmost first; at one position the first listed term wins.
    pub fn find_all<'a>(&'a self, words: &'a [Word]) -> impl Iterator<Item = Hit> + 'a {
        (0..words.len()).filter_map(move |at| {
            let first = words[at].folded.as_bytes().first().copied().unwrap_or(0);
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
    pub fn find(&self, words: &[Word]) -> Option<Hit> {
        self.find_all(words).next()
    }

    /// Whether any term matches anywhere in `words`.
    pub fn any(&self, words: &[Word]) -> bool {
        self.find(words).is_some()
    }
}

#[cfg(test)]
mod tests;
