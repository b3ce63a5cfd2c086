//! "Did you mean": the known name or code closest to a misspelt one, and the help line that
//! offers it.
//!
//! The caller passes the candidates (a pack's keys, the loaded rule codes, clap's flags and
//! commands); this module knows nothing of where they come from, so every layer above it can
//! use it without reaching up.

use crate::i18n::{t, Localized};

/// "did you mean `best`?" in both languages.
pub(crate) fn suggestion(best: &str) -> Localized {
    t(
        format!("menade du `{best}`?"),
        format!("did you mean `{best}`?"),
    )
}

/// The longest word that may be a typo of a name: every key, code, flag and rule name is far
/// shorter, and comparing a value of megabytes with each candidate would take seconds.
const MAX_TYPO_CHARS: usize = 100;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.chars().nth(MAX_TYPO_CHARS).is_some() {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The code closest to `input`: the same prefix and number (`ip2`, `IP02` → `IP002`), else the
/// closest spelling.
pub(crate) fn suggest_code<'a>(
    input: &str,
    codes: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let upper = input.trim().to_uppercase();
    let digits_at = upper
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(upper.len());
    let number = upper[digits_at..].parse::<u32>().ok();
    let same = codes.clone().into_iter().find(|c| {
        let at = c.find(|ch: char| ch.is_ascii_digit()).unwrap_or(c.len());
        c[..at] == upper[..digits_at] && c[at..].parse::<u32>().ok() == number && number.is_some()
    });
    same.or_else(|| did_you_mean(&upper, codes))
}
