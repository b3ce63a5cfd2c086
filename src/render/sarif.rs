//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, built with the typed `serde-sarif`
//! model. Every loaded rule is described in `tool.driver.rules`; waived findings are results
//! with a suppression that carries the waiver's reason. A result's `artifactLocation.uri` is
//! the path as a URI reference ([`escape::uri`]): percent-encoded, `file:` when absolute.

use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run,
    Sarif as SarifLog, Suppression, Tool, ToolComponent,
};

use super::{escape, Sink};
use crate::diagnostic::{Diagnostic, Severity, WaiverOrigin};
use crate::run::{Checked, Totals};
use crate::source::SourceFile;
use crate::verdict::Verdict;

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The SARIF sink: results are kept as the files come and written as one log at the end.
pub struct Sarif<'a> {
    out: &'a mut dyn Write,
    verdict: &'a Verdict<'a>,
    results: Vec<SarifResult>,
}

impl<'a> Sarif<'a> {
    /// Writes to `out`; `verdict` gives the rules described in the log.
    pub fn new(verdict: &'a Verdict<'a>, out: &'a mut dyn Write) -> Self {
        Sarif {
            out,
            verdict,
            results: Vec::new(),
        }
    }
}

impl Sink for Sarif<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        let verdict = self.verdict;
        self.results.extend(
            file.diagnostics
                .iter()
                .map(|d| result(d, &file.source, verdict)),
        );
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        let results = std::mem::take(&mut self.results);
        write_log(self.verdict, results, self.out)
    }
}

/// Writes the SARIF log: every loaded rule, then `results`.
fn write_log(
    verdict: &Verdict<'_>,
    results: Vec<SarifResult>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let (lang, rule_set) = (verdict.lang(), verdict.rules());
    let rules: Vec<ReportingDescriptor> = rule_set
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let header = &rule_set.packs[r.pack].header;
            let policy = r.def.policy.cited(header);
            let full = r.def.rationale.as_ref().map_or_else(
                || r.def.summary.get(lang).to_owned(),
                |x| x.get(lang).to_owned(),
            );
            ReportingDescriptor::builder()
                .id(r.code().to_owned())
                .name(r.def.name.get_ref().clone())
                .short_description(text(r.def.summary.get(lang)))
                .full_description(text(full))
                .help(text(format!(
                    "{}\n\n{policy}",
                    crate::ruledoc::help_text(r, header, lang)
                )))
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::json!(level(verdict.severity(i))
                            .to_string()
                            .to_lowercase()))
                        .build(),
                )
                .build()
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("planlint".to_owned())
        .version(env!("CARGO_PKG_VERSION").to_owned())
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let log = SarifLog::builder()
        .version(serde_json::json!("2.1.0"))
        .schema("https://json.schemastore.org/sarif-2.1.0.json".to_owned())
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *w, &log).map_err(io::Error::from)?;
    writeln!(w)
}

/// One finding as a SARIF result.
fn result(d: &Diagnostic, file: &SourceFile, verdict: &Verdict<'_>) -> SarifResult {
    let (start_line, start_col) = file.line_col(d.primary.span.start);
    let (end_line, end_col) = file.line_col(d.primary.span.end);
    let region = Region::builder()
        .start_line(to_i64(start_line))
        .start_column(to_i64(start_col))
        .end_line(to_i64(end_line))
        .end_column(to_i64(end_col))
        .build();
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(
                            file.file_path()
                                .map_or_else(|| escape::uri(&file.path), escape::file_uri),
                        )
                        .build(),
                )
                .region(region)
                .build(),
        )
        .build();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    let rule_index = verdict.rules().index(&d.code);
    let suppressions: Vec<Suppression> = d
        .waiver
        .iter()
        .map(|wv| {
            // The board's waiver is decided; one the plan's author wrote awaits review.
            let (kind, status) = match wv.origin {
                WaiverOrigin::Config => ("external", "accepted"),
                WaiverOrigin::Inline => ("inSource", "underReview"),
            };
            Suppression::builder()
                .kind(serde_json::json!(kind))
                .status(serde_json::json!(status))
                .justification(wv.reason.clone())
                .build()
        })
        .collect();
    let result = SarifResult::builder()
        .rule_id(d.code.clone())
        .level(level(d.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![location]);
    let mut result = match (rule_index, suppressions.is_empty()) {
        (Some(i), true) => result.rule_index(to_i64(i)).build(),
        (Some(i), false) => result
            .rule_index(to_i64(i))
            .suppressions(suppressions)
            .build(),
        (None, true) => result.build(),
        (None, false) => result.suppressions(suppressions).build(),
    };
    // The stage the plan was judged at decides what blocks, so the result carries it.
    if let Some(stage) = &file.facts.stage {
        let mut bag = std::collections::BTreeMap::new();
        bag.insert("stage".to_owned(), serde_json::json!(stage));
        result.properties = Some(
            serde_sarif::sarif::PropertyBag::builder()
                .additional_properties(bag)
                .build(),
        );
    }
    result
}
