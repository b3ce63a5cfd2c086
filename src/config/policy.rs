//! `[waiver_policy]`: who may waive what, and what a waiver must hold.
//!
//! A plan's author controls the plan, the board controls `planlint.toml`; so the board decides
//! here which codes an inline waiver may touch, how much a reason must say, how many codes one
//! comment may waive, and whether its own `[[waiver]]`s must expire. This module compiles the
//! section and checks the config's own waivers against it; inline waivers are judged against
//! it in `verdict`.

use super::{validate, ConfigWaiver, Loaded, WaiverPolicyDef};
use crate::i18n::fill_pair;
use crate::pack::PackError;

/// One entry of `inline_reserved`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reserved {
    /// Every area rule (kind `section`).
    Areas,
    /// One rule code.
    Code(String),
}

/// The board's rules for waivers, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiverPolicy {
    /// Codes inline waivers may not waive.
    pub inline_reserved: Vec<Reserved>,
    /// The fewest words (of two letters or more) a reason must hold.
    pub min_reason_words: usize,
    /// The most codes one inline comment may waive.
    pub max_inline_codes: usize,
    /// Whether every `[[waiver]]` needs `expires`.
    pub require_expires: bool,
    /// How many days ahead `expires` may lie at most.
    pub max_expires_days: Option<u32>,
}

impl Default for WaiverPolicy {
    /// What a careful board wants: the four priority areas are the policy's core, so only the
    /// board may exempt a department from one; a reason says something (three words); a
    /// comment waives a few rules, not the whole pack. Expiry stays the board's own choice.
    fn default() -> Self {
        WaiverPolicy {
            inline_reserved: vec![Reserved::Areas],
            min_reason_words: 3,
            max_inline_codes: 3,
            require_expires: false,
            max_expires_days: None,
        }
    }
}

impl WaiverPolicy {
    /// Compiles `[waiver_policy]`, checking its codes against the loaded rules.
    pub(super) fn read(
        c: &Loaded,
        def: &WaiverPolicyDef,
        known: &[&str],
    ) -> Result<Self, PackError> {
        let mut policy = WaiverPolicy::default();
        if let Some(list) = &def.inline_reserved {
            policy.inline_reserved = list
                .get_ref()
                .iter()
                .map(|entry| {
                    if entry.get_ref() == "areas" {
                        Ok(Reserved::Areas)
                    } else {
                        validate::code(c, entry, known).map(Reserved::Code)
                    }
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(n) = def.min_reason_words {
            policy.min_reason_words = n;
        }
        if let Some(n) = def.max_inline_codes {
            policy.max_inline_codes = n.max(1);
        }
        policy.require_expires = def.require_expires.unwrap_or(false);
        policy.max_expires_days = def.max_expires_days;
        Ok(policy)
    }

    /// Checks one of the config's own waivers: its reason, and its expiry as the policy asks.
    pub(super) fn check_waiver(
        &self,
        c: &Loaded,
        w: &ConfigWaiver,
        today: &str,
    ) -> Result<(), PackError> {
        if words_of_substance(&w.reason) < self.min_reason_words {
            return Err(validate::error(
                c,
                w.span.clone(),
                fill_pair(
                    "undantagets motivering är för kort: den ska ha minst {why} ord",
                    "the waiver's reason is too short: it must hold at least {why} words",
                    &self.min_reason_words.to_string(),
                ),
                fill_pair("här", "here", ""),
            ));
        }
        match (&w.expires, self.require_expires) {
            (None, true) => Err(validate::error(
                c,
                w.span.clone(),
                fill_pair(
                    "undantaget saknar `expires`; `waiver_policy` kräver att undantag går ut",
                    "the waiver has no `expires`; `waiver_policy` requires waivers to expire",
                    "",
                ),
                fill_pair("här", "here", ""),
            )
            .with_help(fill_pair(
                "skriv t.ex. `expires = 2027-12-31`",
                "write e.g. `expires = 2027-12-31`",
                "",
            ))),
            (Some(date), _) => match (self.max_expires_days, days_between(today, date)) {
                (Some(max), Some(days)) if days > i64::from(max) => Err(validate::error(
                    c,
                    w.span.clone(),
                    fill_pair(
                        "undantaget går ut för långt fram: `waiver_policy` tillåter högst {why} dagar",
                        "the waiver expires too far ahead: `waiver_policy` allows at most {why} days",
                        &max.to_string(),
                    ),
                    fill_pair("här", "here", ""),
                )),
                _ => Ok(()),
            },
            (None, false) => Ok(()),
        }
    }
}

/// How many words of two letters or more `reason` holds: punctuation, digits, emoji and
/// invisible characters are not words, so `x`, `.`, `🙂` or U+200B are no reason at all.
pub fn words_of_substance(reason: &str) -> usize {
    reason
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .count()
}

/// Days from `from` to `to`, both `YYYY-MM-DD`.
fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(days_from_civil(to)? - days_from_civil(from)?)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the inverse of [`super::today`]'s civil date).
fn days_from_civil(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_counted_in_words_of_letters() {
        for (reason, words) in [
            ("x", 0),
            (".", 0),
            ("🙂 🙂 🙂", 0),
            ("\u{200b}\u{200b}", 0),
            ("Nämnden har inget bostadsuppdrag.", 4),
            ("KS 2027/14 § 5", 1),
        ] {
            assert_eq!(words_of_substance(reason), words, "{reason}");
        }
    }

    #[test]
    fn days_between_dates_agree_with_the_calendar() {
        assert_eq!(days_from_civil("1970-01-01"), Some(0));
        assert_eq!(days_between("2026-12-01", "2027-12-01"), Some(365));
        assert_eq!(days_between("2027-12-01", "2028-12-01"), Some(366));
        assert_eq!(days_between("2026-02-28", "2026-03-01"), Some(1));
        assert_eq!(days_between("2026-12-01", "not a date"), None);
    }
}
