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
    let mut stream = Stream::begin(report.lang, w)?;
    stream.part(report, w)?;
    stream.end(report.counts(), report.files, w)
}

/// The JSON object written a part at a time, so a long run never holds all findings: the
/// same bytes as serialising it whole, pretty-printed.
pub struct Stream {
    written: usize,
    /// Reused for each finding's serialisation.
    buf: Vec<u8>,
}

/// Writes `value` pretty-printed, each line after the first indented by `indent` spaces;
/// `buf` is scratch space, reused between calls.
fn write_nested(
    buf: &mut Vec<u8>,
    value: &impl Serialize,
    indent: &str,
    w: &mut dyn Write,
) -> io::Result<()> {
    buf.clear();
    serde_json::to_writer_pretty(&mut *buf, value).map_err(io::Error::from)?;
    // JSON strings never hold a raw newline, so every newline is between tokens.
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', buf) {
        w.write_all(&buf[from..=at])?;
        w.write_all(indent.as_bytes())?;
        from = at + 1;
    }
    w.write_all(&buf[from..])
}

impl Stream {
    /// Writes everything up to the first finding.
    pub fn begin(lang: crate::pack::Lang, w: &mut dyn Write) -> io::Result<Stream> {
        let tool = Tool {
            name: "planlint",
            version: env!("CARGO_PKG_VERSION"),
        };
        let mut buf = Vec::new();
        write!(w, "{{\n  \"version\": {VERSION},\n  \"tool\": ")?;
        write_nested(&mut buf, &tool, "  ", w)?;
        write!(w, ",\n  \"lang\": ")?;
        write_nested(&mut buf, &lang.to_string(), "  ", w)?;
        write!(w, ",\n  \"diagnostics\": [")?;
        Ok(Stream { written: 0, buf })
    }

    /// Writes the findings of `report`.
    pub fn part(&mut self, report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
        for d in report.diagnostics {
            let file = report.sources.get(d.file);
            let primary = label(file, &d.primary, true);
            let mut labels = vec![];
            labels.extend(d.secondary.iter().map(|l| label(file, l, false)));
            let json = JsonDiagnostic {
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
            };
            let sep = if self.written == 0 { "" } else { "," };
            write!(w, "{sep}\n    ")?;
            write_nested(&mut self.buf, &json, "    ", w)?;
            self.written += 1;
        }
        Ok(())
    }

    /// Closes the list of findings and writes the summary.
    pub fn end(mut self, c: super::Counts, files: usize, w: &mut dyn Write) -> io::Result<()> {
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        let summary = Summary {
            files,
            files_with_findings: c.plans_with_findings,
            errors: c.errors,
            warnings: c.warnings,
            info: c.info,
            waived: c.waived,
        };
        write!(w, "{close},\n  \"summary\": ")?;
        write_nested(&mut self.buf, &summary, "  ", w)?;
        writeln!(w, "\n}}")
    }
}
