//! The board's `[waiver_policy]` applied to inline waivers: a waiver that breaks it is
//! refused with a finding of its own and waives nothing.

use std::ops::Range;

use super::{about_waiver, Verdict};
use crate::config::policy::{words_of_substance, Reserved};
use crate::diagnostic::{codes, Diagnostic};
use crate::source::FileId;

/// The finding that refuses an inline waiver of `named` codes with `reason` (not empty) at
/// `span`, or `None` when the policy allows it.
pub(super) fn refuse_inline(
    verdict: &Verdict<'_>,
    named: &[&str],
    reason: &str,
    file: FileId,
    span: &Range<usize>,
) -> Option<Diagnostic> {
    let (policy, lang) = (&verdict.settings.waiver_policy, verdict.lang());
    let min = policy.min_reason_words.to_string();
    if words_of_substance(reason) < policy.min_reason_words {
        return Some(about_waiver(
            codes::NO_REASON,
            file,
            span.clone(),
            format!(
                "{} {min} {}",
                lang.pick("undantagets motivering är för kort: den ska ha minst", "the waiver's reason is too short: it must hold at least"),
                lang.pick("ord", "words"),
            ),
            lang.pick("motiveringen säger inte varför", "the reason does not say why"),
            lang.pick("skriv med ord varför regeln inte ska gälla efter `--`; tecken, emoji och enstaka bokstäver räknas inte", "say in words after `--` why the rule does not apply; punctuation, emoji and single letters do not count"),
        ));
    }
    if named.len() > policy.max_inline_codes {
        return Some(about_waiver(
            codes::TOO_MANY,
            file,
            span.clone(),
            format!(
                "{} {} {}; {} {}",
                lang.pick("undantaget anger", "the waiver names"),
                named.len(),
                lang.pick("regelkoder", "rule codes"),
                lang.pick("nämnden tillåter högst", "the board allows at most"),
                policy.max_inline_codes,
            ),
            lang.pick("för många koder", "too many codes"),
            lang.pick("ett undantag gäller några få regler, med en motivering för dem; behöver planen undantas från fler, är det nämndens beslut i planlint.toml", "a waiver covers a few rules, with a reason for them; exempting the plan from more is the board's decision in planlint.toml"),
        ));
    }
    let reserved: Vec<&str> = named
        .iter()
        .copied()
        .filter(|c| is_reserved(verdict, c, &policy.inline_reserved))
        .collect();
    if reserved.is_empty() {
        return None;
    }
    Some(about_waiver(
        codes::RESERVED,
        file,
        span.clone(),
        format!(
            "{} `{}`",
            lang.pick("bara nämnden kan undanta från", "only the board can waive"),
            reserved.join("`, `")
        ),
        lang.pick("undantaget gäller inte", "the waiver does not apply"),
        lang.pick("uppfyll regeln i planen, eller be nämnden om ett beslut som förs in som `[[waiver]]` i planlint.toml", "meet the rule in the plan, or ask the board for a decision recorded as a `[[waiver]]` in planlint.toml"),
    ))
}

/// Whether `code` (any letter case) is kept to config waivers.
fn is_reserved(verdict: &Verdict<'_>, code: &str, reserved: &[Reserved]) -> bool {
    let Some(rule) = verdict.rules.find(code) else {
        return false;
    };
    reserved.iter().any(|r| match r {
        Reserved::Areas => rule.area().is_some(),
        Reserved::Code(c) => c == rule.code(),
    })
}
