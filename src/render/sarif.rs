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

/// The SARIF sink: each result is written as its file comes, so a run of any size holds one
/// file's results at a time. The log around them (the tool and every loaded rule) is known
/// before the first file; it is written as `serde_json` would write the whole log, with the
/// results array cut open where they go ([`Frame`]), so the bytes are the same.
pub struct Sarif<'a> {
    out: &'a mut dyn Write,
    verdict: &'a Verdict<'a>,
    frame: Option<Frame>,
    results: usize,
}

impl<'a> Sarif<'a> {
    /// Writes to `out`; `verdict` gives the rules described in the log.
    pub fn new(verdict: &'a Verdict<'a>, out: &'a mut dyn Write) -> Self {
        Sarif {
            out,
            verdict,
            frame: None,
            results: 0,
        }
    }
}

impl Sink for Sarif<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        let verdict = self.verdict;
        for d in &file.diagnostics {
            let frame = match &self.frame {
                Some(f) => f,
                None => self.frame.insert(Frame::new(verdict)?),
            };
            if self.results == 0 {
                self.out.write_all(frame.before.as_bytes())?;
            } else {
                self.out.write_all(b",\n")?;
                self.out.write_all(frame.indent.as_bytes())?;
            }
            let text = serde_json::to_string_pretty(&result(d, &file.source, verdict))
                .map_err(io::Error::from)?;
            write_indented(self.out, &text, &frame.indent)?;
            self.results += 1;
        }
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        match &self.frame {
            Some(frame) if self.results > 0 => writeln!(self.out, "{}", frame.after),
            _ => {
                let log = serde_json::to_string_pretty(&log(self.verdict, Vec::new()))
                    .map_err(io::Error::from)?;
                writeln!(self.out, "{log}")
            }
        }
    }
}

/// The log around its results, as `serde_json::to_string_pretty` writes the whole log: the
/// text before the first result (with its indentation), the indentation of each further line
/// of a result, and the text after the last one.
struct Frame {
    before: String,
    indent: String,
    after: String,
}

impl Frame {
    /// The log with one result whose id no rule has, found again in its text.
    fn new(verdict: &Verdict<'_>) -> io::Result<Frame> {
        let marker = SarifResult::builder()
            .rule_id("\u{1}planlint: the results go here".to_owned())
            .message(Message::builder().text(String::new()).build())
            .build();
        let alone = serde_json::to_string_pretty(&marker).map_err(io::Error::from)?;
        let whole =
            serde_json::to_string_pretty(&log(verdict, vec![marker])).map_err(io::Error::from)?;
        // The marker stands in the log indented: every line after its first gets the indent
        // of the line it starts on.
        let first = alone.lines().next().unwrap_or_default();
        for (at, _) in whole.match_indices(first) {
            let line = whole[..at].rfind('\n').map_or(0, |n| n + 1);
            let indent = &whole[line..at];
            if !indent.bytes().all(|b| b == b' ') {
                continue;
            }
            let mut placed = Vec::new();
            write_indented(&mut placed, &alone, indent)?;
            if whole.as_bytes()[at..].starts_with(&placed) {
                return Ok(Frame {
                    before: whole[..at].to_owned(),
                    indent: indent.to_owned(),
                    after: whole[at + placed.len()..].to_owned(),
                });
            }
        }
        Err(io::Error::other(
            "the SARIF log has no place for its results",
        ))
    }
}

/// `text` (pretty JSON, whose strings hold no line break) with `indent` before each of its
/// lines but the first.
fn write_indented(out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The SARIF log: every loaded rule, then `results`.
fn log(verdict: &Verdict<'_>, results: Vec<SarifResult>) -> SarifLog {
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
    SarifLog::builder()
        .version(serde_json::json!("2.1.0"))
        .schema("https://json.schemastore.org/sarif-2.1.0.json".to_owned())
        .runs(vec![run])
        .build()
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
