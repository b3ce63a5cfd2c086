//! One value of the `[severity]` table: a level (`IP015 = "off"`), or a level with the reason
//! for it (`IP002 = { level = "off", reason = "…" }`).
//!
//! Switching an area rule off for every plan is a decision like a waiver, so it needs a reason,
//! as an `[[override]]` that does the same for some plans does; the table form is where it is
//! written. [`check_reason`] checks it once the loaded rules are known.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::values::{CodeLevel, Level};
use super::{validate, Loaded};
use crate::i18n::t;
use crate::pack::PackError;

/// A `[severity]` value as written.
#[derive(Debug, Clone)]
pub struct SeverityDef {
    /// The level.
    pub level: Level,
    /// Why, when the table form gives one.
    pub reason: Option<Spanned<String>>,
}

/// The keys of the table form.
const KEYS: &[&str] = &["level", "reason"];

impl<'de> Deserialize<'de> for SeverityDef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SeverityVisitor)
    }
}

struct SeverityVisitor;

impl<'de> Visitor<'de> for SeverityVisitor {
    type Value = SeverityDef;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a level (`error`, `warning`, `info` or `off`) or a table with `level` and `reason`",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SeverityDef, E> {
        // The same words, and the same message for a wrong one, as a level anywhere else.
        let level = Level::deserialize(de::value::StrDeserializer::<E>::new(v))?;
        Ok(SeverityDef {
            level,
            reason: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeverityDef, A::Error> {
        let mut level = None;
        let mut reason = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "level" if level.is_none() => level = Some(map.next_value::<Level>()?),
                "reason" if reason.is_none() => reason = Some(map.next_value::<Spanned<String>>()?),
                "level" | "reason" => return Err(de::Error::duplicate_field(KEYS[0])),
                other => return Err(de::Error::unknown_field(other, KEYS)),
            }
        }
        Ok(SeverityDef {
            level: level.ok_or_else(|| de::Error::missing_field("level"))?,
            reason,
        })
    }
}

/// Checks that a `[severity]` entry that switches one of `areas` off gives a reason of at least
/// `min_words` words of substance: for every plan at once, it is the decision an `[[override]]`
/// or a `[[waiver]]` makes for some.
pub(super) fn check_reason(
    c: &Loaded,
    set: &CodeLevel,
    value: &Spanned<SeverityDef>,
    areas: &[&str],
    min_words: usize,
) -> Result<(), PackError> {
    if set.level != Level::Off || !areas.contains(&set.code.as_str()) {
        return Ok(());
    }
    let code = &set.code;
    let help = || {
        t(
            format!("skriv t.ex. `{code} = {{ level = \"off\", reason = \"Nämnden har inget uppdrag som rör bostäder.\" }}`, eller använd en `[[waiver]]` för de planer det gäller"),
            format!("write e.g. `{code} = {{ level = \"off\", reason = \"The board has no housing remit.\" }}`, or use a `[[waiver]]` for the plans it concerns"),
        )
    };
    match value.get_ref().reason.as_ref() {
        None => Err(validate::error(
            c,
            value.span(),
            t(
                format!("`[severity]` stänger av området `{code}` för alla planer; det är ett beslut och behöver en motivering (`reason`)"),
                format!("`[severity]` switches the area `{code}` off for every plan; that is a decision and needs a reason (`reason`)"),
            ),
            t("här", "here"),
        )
        .with_help(help())),
        Some(reason) if super::policy::words_of_substance(reason.get_ref()) < min_words => {
            Err(validate::error(
                c,
                reason.span(),
                t(
                    format!("motiveringen för att stänga av `{code}` är för kort"),
                    format!("the reason for switching `{code}` off is too short"),
                ),
                t(
                    format!("en motivering ska ha minst {min_words} ord"),
                    format!("a reason must hold at least {min_words} words"),
                ),
            )
            .with_help(help()))
        }
        Some(_) => Ok(()),
    }
}

// The JSON Schema of a `SeverityDef`, which deserializes by hand.
/// A `[severity]` value: a level, or a table with the level and the reason for it.
#[derive(schemars::JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
pub(super) enum SeveritySchema {
    /// `"error"`, `"warning"`, `"info"` or `"off"`.
    Level(Level),
    /// `{ level = "off", reason = "…" }`: the reason is needed when an area rule is switched
    /// off.
    WithReason {
        /// The level.
        level: Level,
        /// Why.
        reason: Option<String>,
    },
}
