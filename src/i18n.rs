//! Translation: the user's language, texts in Swedish and English, and template filling.
//!
//! The one home of translation. Every user-visible text is either a [`Localized`] pair (from a
//! pack, or built with [`t`] / [`fill_pair`]) or picked with [`Lang::pick`]. Nothing here knows
//! about plans, rules or output formats.

use std::fmt;

use serde::Deserialize;

/// The user's language for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Picks a pair of texts (e.g. singular and plural) for this language.
    pub fn pick2<'a>(self, sv: (&'a str, &'a str), en: (&'a str, &'a str)) -> (&'a str, &'a str) {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// A text in both languages fixed when planlint is built: a label shown in several places,
/// written once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// Swedish.
    pub sv: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.sv, self.en)
    }
}

/// The label before what to do about a finding (explain, hover, editor messages).
pub const HOW_TO_FIX: Text = Text {
    sv: "Så åtgärdar du:",
    en: "How to fix:",
};

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("sv", "en"))
    }
}

/// A text in Swedish and English.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// Both texts with what they quote cut short (see [`excerpts`]).
    #[must_use]
    pub fn excerpted(self) -> Localized {
        Localized {
            sv: excerpts(&self.sv),
            en: excerpts(&self.en),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    /// The text in `lang` with each `{name}` replaced by its value.
    pub fn fill(&self, lang: Lang, vars: &[(&str, &str)]) -> String {
        fill(self.get(lang), vars)
    }
}

/// Replaces each `{name}` in `template` by its value.
/// Placeholders with no value are left as written. One pass: a value is never filled again.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    // Room for each value once, so that a message is not copied as it grows.
    let values: usize = vars.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(template.len() + values);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = vars.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        if let Some((value, close)) = value {
            out.push_str(value);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A Swedish/English pair with `{why}` replaced by `value` in both.
pub fn fill_pair(sv: &str, en: &str, value: &str) -> Localized {
    Localized {
        sv: fill(sv, &[("why", value)]),
        en: fill(en, &[("why", value)]),
    }
}

/// The most characters of one quoted stretch that a message about a file shows: a name or a
/// value from a config or a pack is quoted so the reader knows which one is meant, and a few
/// words say that; megabytes of it say nothing more.
pub const EXCERPT_CHARS: usize = 80;

/// The most characters of a whole message about a file (a fallback: see [`excerpts`]).
pub const MESSAGE_CHARS: usize = 1_000;

/// `text` with what it quotes cut short: every stretch between two backticks or two double
/// quotes (with `\"` inside) longer than [`EXCERPT_CHARS`] characters is cut to that many and
/// `…`, and the whole to [`MESSAGE_CHARS`]. For messages that quote what a file says, in
/// either language; linear in `text`.
pub fn excerpts(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MESSAGE_CHARS));
    let mut rest = text;
    // Once a quote has no match further on, no later one of its kind has either, so it is no
    // longer looked for (which keeps this linear).
    let mut quotes = vec!['`', '"'];
    while let Some(at) = rest.find(quotes.as_slice()) {
        let quote = char::from(rest.as_bytes()[at]);
        out.push_str(&rest[..=at]);
        let after = &rest[at + 1..];
        if let Some(close) = closing(after, quote) {
            out.push_str(&cut(&after[..close]));
            out.push(quote);
            rest = &after[close + 1..];
        } else {
            quotes.retain(|q| *q != quote);
            rest = after;
        }
    }
    out.push_str(rest);
    cut_to(out, MESSAGE_CHARS)
}

/// Where the quote `quote` that opened `text` closes: the next backtick, or the next double
/// quote that no backslash escapes.
fn closing(text: &str, quote: char) -> Option<usize> {
    if quote == '`' {
        return text.find('`');
    }
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// `quoted` cut to [`EXCERPT_CHARS`] characters and `…` (without a backslash left dangling
/// at the cut, which would escape the closing quote).
fn cut(quoted: &str) -> std::borrow::Cow<'_, str> {
    match quoted.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", quoted[..end].trim_end_matches('\\')).into(),
        None => quoted.into(),
    }
}

/// `text` cut to `max` characters and `…`.
fn cut_to(mut text: String, max: usize) -> String {
    if let Some((end, _)) = text.char_indices().nth(max) {
        text.truncate(end);
        text.push('…');
    }
    text
}

/// Shorthand for a Swedish/English text pair.
pub fn t(sv: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized {
        sv: sv.into(),
        en: en.into(),
    }
}

/// Why the operating system refused a file operation, in words for a planner: `finns inte`,
/// `åtkomst nekad`, `är en katalog` … rather than the system's own text (which is English or
/// in the system's language, and ends in `(os error 2)`). An error planlint made itself
/// carries its own text, which is kept.
pub fn os_reason(e: &std::io::Error) -> Localized {
    use std::io::ErrorKind as K;
    if e.raw_os_error().is_none() && e.get_ref().is_some() {
        // An error planlint made itself: its text is already in the user's language.
        return t(e.to_string(), e.to_string());
    }
    // Loops of symbolic links have no stable `ErrorKind` yet; ELOOP is 40 on Linux and 62 on
    // macOS and the BSDs.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    let (sv, en) = match e.kind() {
        _ if cfg!(unix) && e.raw_os_error() == Some(eloop) => (
            "länkarna bildar en slinga eller är för många i rad",
            "the links form a loop or are too many in a row",
        ),
        K::NotFound => ("finns inte", "does not exist"),
        K::PermissionDenied => (
            "åtkomst nekad: du har inte behörighet",
            "permission denied: you do not have the rights",
        ),
        K::IsADirectory => ("är en katalog, inte en fil", "is a directory, not a file"),
        K::NotADirectory => (
            "en del av sökvägen är en fil, inte en katalog",
            "a part of the path is a file, not a directory",
        ),
        K::AlreadyExists => ("finns redan", "already exists"),
        K::DirectoryNotEmpty => ("katalogen är inte tom", "the directory is not empty"),
        K::StorageFull | K::QuotaExceeded => (
            "disken är full (eller kvoten är slut)",
            "the disk is full (or the quota is used up)",
        ),
        K::ReadOnlyFilesystem => (
            "filsystemet är skrivskyddat",
            "the file system is read-only",
        ),
        K::FileTooLarge => ("filen är för stor", "the file is too large"),
        K::ResourceBusy => (
            "filen används av ett annat program",
            "the file is in use by another program",
        ),
        K::InvalidFilename => (
            "namnet är för långt eller innehåller otillåtna tecken",
            "the name is too long or holds characters that are not allowed",
        ),
        K::InvalidData => ("innehåller ogiltiga data", "holds invalid data"),
        K::UnexpectedEof => ("tog slut för tidigt", "ended too early"),
        K::TimedOut => (
            "tog för lång tid (tidsgränsen nåddes)",
            "took too long (timed out)",
        ),
        K::Interrupted => ("avbröts", "was interrupted"),
        K::OutOfMemory => ("minnet räckte inte", "there was not enough memory"),
        K::Unsupported => (
            "stöds inte av operativsystemet",
            "is not supported by the operating system",
        ),
        _ => {
            return match e.raw_os_error() {
                Some(n) => Localized {
                    sv: format!("operativsystemet gav felkod {n}"),
                    en: format!("the operating system gave error code {n}"),
                },
                None => Localized {
                    sv: format!("fel från operativsystemet: {e}"),
                    en: format!("error from the operating system: {e}"),
                },
            };
        }
    };
    t(sv, en)
}
