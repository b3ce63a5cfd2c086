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
    let mut out = String::with_capacity(template.len() + 32);
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

/// Shorthand for a Swedish/English text pair.
pub fn t(sv: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized {
        sv: sv.into(),
        en: en.into(),
    }
}
