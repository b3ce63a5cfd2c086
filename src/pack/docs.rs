//! Long help for a rule, as `planlint explain` prints it.

use std::fmt::Write as _;

use super::{Lang, PackHeader, RuleDef};

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
        rule.help.get(lang)
    );
    let _ = writeln!(
        out,
        "\n{} {}, {} ({}):\n  ”{}”",
        h("Policytext:", "Policy clause:"),
        header.source,
        rule.policy.section,
        header.decision,
        rule.policy.quote.trim()
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

fn indent(text: &str) -> String {
    text.trim_end().lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "    {l}");
        out
    })
}
