//! `planlint rules`: the loaded rules with their state after the settings (severity or `off`),
//! or with `--markdown` the rule table the README carries.

use std::fmt::Write as _;
use std::io::Write;

use super::Outcome;
use crate::error::Error;
use crate::verdict::Verdict;

pub(super) fn run(
    markdown: bool,
    verdict: &Verdict<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    if markdown {
        write!(out, "{}", markdown_table(verdict))?;
        return Ok(Outcome::Clean);
    }
    let rules = verdict.rules();
    for (i, rule) in rules.rules.iter().enumerate() {
        let state = if verdict.runs(i) {
            verdict.severity(i).as_str()
        } else {
            "off"
        };
        writeln!(
            out,
            "{:<6} {:<30} {:<8} {:<20} {}",
            rule.code(),
            rule.def.name.get_ref(),
            state,
            rules.packs[rule.pack].header.id,
            rule.def.summary.get(verdict.lang())
        )?;
    }
    Ok(Outcome::Clean)
}

/// The rule table in Markdown (code, name, severity, kind, what it checks), as in the README.
fn markdown_table(verdict: &Verdict<'_>) -> String {
    let mut out =
        String::from("| code | name | severity | kind | checks |\n|---|---|---|---|---|\n");
    for (i, r) in verdict.rules().rules.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            r.code(),
            r.def.name.get_ref(),
            verdict.severity(i).as_str(),
            r.def.kind.get_ref(),
            r.def.summary.en
        );
    }
    out
}
