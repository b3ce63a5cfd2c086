//! Long help for a rule, as `planlint explain` prints it.
//!
//! It reads the compiled rule, not only the pack: the placeholders of a rule's texts are filled
//! from what its kind's keys became (the area's name, the groups' labels).

use std::fmt::Write as _;

use crate::engine::Rule;
use crate::i18n::Lang;
use crate::pack::PackHeader;

/// The text `planlint explain CODE` prints for `rule` of the pack with `header`.
pub fn explain(compiled: &Rule, header: &PackHeader, lang: Lang) -> String {
    let rule = &compiled.def;
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
        h(crate::i18n::HOW_TO_FIX.sv, crate::i18n::HOW_TO_FIX.en),
        example_text(compiled, header, &rule.help, lang)
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
pub fn help_text(rule: &Rule, header: &PackHeader, lang: Lang) -> String {
    example_text(rule, header, &rule.def.help, lang)
}

/// A rule text with its `{placeholders}` filled as they would be for a typical finding.
fn example_text(
    rule: &Rule,
    header: &PackHeader,
    text: &crate::i18n::Localized,
    lang: Lang,
) -> String {
    let area = rule.area().map_or_else(
        || lang.pick("området", "the area").to_owned(),
        |a| a.area.get(lang).to_owned(),
    );
    let heading = rule.area().map(|a| a.heading.clone()).unwrap_or_default();
    let min = header.min_words.to_string();
    let missing = rule
        .groups()
        .iter()
        .map(|g| format!("`{}`", g.label.get(lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let section = lang.pick("avsnittet", "the section");
    text.fill(
        lang,
        &[
            ("area", &area),
            ("heading", &heading),
            ("level", "##"),
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
