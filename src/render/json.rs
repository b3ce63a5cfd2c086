//! `--format json`: one object with `version`, `diagnostics` and `summary` (see the README).
//!
//! Lines and columns are 1-based; columns count Unicode scalar values. The shape is a public
//! contract: fields may be added, never renamed or removed, without raising `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::Label;
use crate::source::SourceFile;

/// Version of the JSON shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    lang: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    notes: &'a [String],
    waiver: Option<JsonWaiver<'a>>,
}

#[derive(Serialize)]
struct JsonWaiver<'a> {
    reason: &'a str,
    source: &'a str,
    decided: Option<&'a str>,
    expires: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    primary: bool,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    files_with_findings: usize,
    errors: usize,
    warnings: usize,
    info: usize,
    waived: usize,
}

fn label<'a>(file: &SourceFile, l: &'a Label, primary: bool) -> JsonLabel<'a> {
    let (line, column) = file.line_col(l.span.start);
    let (end_line, end_column) = file.line_col(l.span.end);
    JsonLabel {
        primary,
        line,
        column,
        end_line,
        end_column,
        message: &l.message,
    }
}

/// Writes the report as one JSON object followed by a newline.
pub fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let file = report.sources.get(d.file);
            let primary = label(file, &d.primary, true);
            let mut labels = vec![];
            labels.extend(d.secondary.iter().map(|l| label(file, l, false)));
            JsonDiagnostic {
                code: &d.code,
                name: &d.name,
                severity: d.severity.as_str(),
                path: &file.path,
                line: primary.line,
                column: primary.column,
                end_line: primary.end_line,
                end_column: primary.end_column,
                message: &d.message,
                labels: std::iter::once(primary).chain(labels).collect(),
                help: d.help.as_deref(),
                notes: &d.notes,
                waiver: d.waiver.as_ref().map(|w| JsonWaiver {
                    reason: &w.reason,
                    source: &w.source,
                    decided: w.decided.as_deref(),
                    expires: w.expires.as_deref(),
                }),
            }
        })
        .collect();
    let c = report.counts();
    let out = Output {
        version: VERSION,
        tool: Tool {
            name: "planlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        lang: report.lang.to_string(),
        diagnostics,
        summary: Summary {
            files: report.files,
            files_with_findings: c.plans_with_findings,
            errors: c.errors,
            warnings: c.warnings,
            info: c.info,
            waived: c.waived,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &out).map_err(io::Error::from)?;
    writeln!(w)
}
