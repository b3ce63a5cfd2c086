//! Long help for a rule, as `planlint explain` prints it.

use std::fmt::Write as _;

use super::{PackHeader, RuleDef};
use crate::i18n::Lang;

/// The text `planlint explain CODE` prints for `rule` of the pack with `header`.
pub fn explain(rule: &RuleDef, header: &PackHeader, lang: Lang) -> String {
    let mut out = String::new();
    let h = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        out,
        "{} {} ({})",
        rule.code.get_ref(),
        rule.name.get_ref(),
        rule.severity.as_str()
    );
    let _ = writeln!(out, "\n{}", rule.summary.get(lang));
    if let Some(rationale) = &rule.rationale {
        let _ = writeln!(out, "\n{}\n{}", h("Varför:", "Why:"), rationale.get(lang));
    }
    let _ = writeln!(
        out,
        "\n{}\n{}",
        h("Så åtgärdar du:", "How to fix:"),
        example_text(rule, header, &rule.help, lang)
    );
    let _ = writeln!(
        out,
        "\n{} {}:\n  {}",
        h("Policytext:", "Policy clause:"),
        rule.policy.place(header),
        rule.policy.quoted()
    );
    let _ = writeln!(
        out,
        "\n{}\n{}",
        h("Godkänt exempel:", "Passing example:"),
        indent(&rule.examples.pass)
    );
    let _ = writeln!(
        out,
        "{}\n{}",
        h("Exempel som ger fel:", "Failing example:"),
        indent(&rule.examples.fail)
    );
    out
}

/// A rule's help with its `{placeholders}` filled as for a typical finding (for `explain` and
/// the SARIF rule descriptions).
pub fn help_text(rule: &RuleDef, header: &PackHeader, lang: Lang) -> String {
    example_text(rule, header, &rule.help, lang)
}

/// A rule text with its `{placeholders}` filled as they would be for a typical finding.
fn example_text(
    rule: &RuleDef,
    header: &PackHeader,
    text: &super::Localized,
    lang: Lang,
) -> String {
    let area = rule.area.as_ref().map_or_else(
        || lang.pick("området", "the area").to_owned(),
        |a| a.get_ref().get(lang).to_owned(),
    );
    let heading = rule.heading.as_ref().map_or_else(
        || {
            rule.area
                .as_ref()
                .map(|a| a.get_ref().sv.clone())
                .unwrap_or_default()
        },
        |h| h.get_ref().clone(),
    );
    let min = header.min_words.to_string();
    let missing = rule
        .groups
        .as_ref()
        .map(|g| {
            g.get_ref()
                .iter()
                .map(|g| format!("`{}`", g.label.get(lang)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let section = lang.pick("avsnittet", "the section");
    text.fill(
        lang,
        &[
            ("area", &area),
            ("heading", &heading),
            ("min", &min),
            ("missing", &missing),
            ("section", section),
            ("term", "TODO"),
        ],
    )
}

fn indent(text: &str) -> String {
    text.trim_end().lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "    {l}");
        out
    })
}
