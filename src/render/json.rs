//! `--format json`: one object with `version`, `diagnostics` and `summary` (see the README).
//!
//! Lines and columns are 1-based; columns count Unicode scalar values. The shape is a public
//! contract: fields may be added, never renamed or removed, without raising `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::stages::StageTally;
use super::Sink;
use crate::diagnostic::{Label, WaiverOrigin};
use crate::i18n::Lang;
use crate::run::{Checked, Totals};
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
    /// The stage the plan was judged at, if any.
    stage: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonWaiver<'a> {
    reason: &'a str,
    source: &'a str,
    decided: Option<&'a str>,
    expires: Option<&'a str>,
    /// `inline` (the plan's author) or `config` (the board).
    origin: &'static str,
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
    /// Files that looked like plans and were not checked.
    skipped: usize,
    /// The stage every plan was judged at, when `--stage` set it.
    stage: Option<String>,
    /// Plans per stage they were judged at (`null`: without a stage).
    stages: Vec<StageCount>,
}

#[derive(Serialize)]
struct StageCount {
    stage: Option<String>,
    plans: usize,
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

/// The JSON object written a file at a time, so a long run never holds all findings: the
/// same bytes as serialising it whole, pretty-printed.
pub struct Json<'a> {
    out: &'a mut dyn Write,
    lang: Lang,
    written: usize,
    /// Reused for each finding's serialisation.
    buf: Vec<u8>,
    stages: StageTally,
}

impl<'a> Json<'a> {
    /// Writes to `out`, with `lang` recorded in the object; `stages` are the stages in order,
    /// as the summary lists them.
    pub fn new<'s>(
        lang: Lang,
        stages: impl Iterator<Item = &'s str>,
        out: &'a mut dyn Write,
    ) -> Self {
        Json {
            out,
            lang,
            written: 0,
            buf: Vec::new(),
            stages: StageTally::new(stages),
        }
    }
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

/// Indentation of a finding's fields, of its labels' fields and of its waiver's fields.
const I: &str = "      ";
const L: &str = "          ";
const W: &str = "        ";
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether a byte must be escaped in a JSON string: a control character, `"` or `\\`.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Appends `s` as a JSON string, escaped as `serde_json` does: `"`, `\\` and control characters
/// only, with the short forms for backspace, form feed, newline, carriage return and tab.
fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    // Runs without anything to escape (nearly all of every message) are copied whole.
    while let Some(at) = bytes[from..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let i = from + at;
        let b = bytes[i];
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0C => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => b'u',
        };
        buf.extend_from_slice(&bytes[from..i]);
        buf.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            buf.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]);
        }
        from = i + 1;
    }
    buf.extend_from_slice(&bytes[from..]);
    buf.push(b'"');
}

fn optional_string(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// Appends `"key": ` at the start of a line indented by `indent`.
fn key(buf: &mut Vec<u8>, indent: &str, key: &str) {
    buf.push(b'\n');
    buf.extend_from_slice(indent.as_bytes());
    string(buf, key);
    buf.extend_from_slice(b": ");
}

fn number(buf: &mut Vec<u8>, n: usize) {
    // Writing to a Vec cannot fail.
    let _ = write!(buf, "{n}");
}

/// Appends the `line`, `column`, `end_line` and `end_column` fields, each followed by a comma.
fn place(buf: &mut Vec<u8>, indent: &str, values: [usize; 4]) {
    for (name, value) in ["line", "column", "end_line", "end_column"]
        .into_iter()
        .zip(values)
    {
        key(buf, indent, name);
        number(buf, value);
        buf.push(b',');
    }
}

/// Appends one finding exactly as `serde_json`'s pretty printer writes a [`JsonDiagnostic`]
/// nested four spaces deep (the tests compare the two), without its per-field overhead: a
/// large run writes tens of megabytes of findings.
fn write_diagnostic(buf: &mut Vec<u8>, d: &JsonDiagnostic<'_>) {
    buf.push(b'{');
    for (name, value) in [
        ("code", d.code),
        ("name", d.name),
        ("severity", d.severity),
        ("path", d.path),
    ] {
        key(buf, I, name);
        string(buf, value);
        buf.push(b',');
    }
    place(buf, I, [d.line, d.column, d.end_line, d.end_column]);
    key(buf, I, "message");
    string(buf, d.message);
    buf.push(b',');
    key(buf, I, "labels");
    buf.push(b'[');
    for (i, l) in d.labels.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"\n        {");
        key(buf, L, "primary");
        buf.extend_from_slice(if l.primary { b"true," } else { b"false," });
        place(buf, L, [l.line, l.column, l.end_line, l.end_column]);
        key(buf, L, "message");
        string(buf, l.message);
        buf.extend_from_slice(b"\n        }");
    }
    if !d.labels.is_empty() {
        buf.extend_from_slice(b"\n      ");
    }
    buf.extend_from_slice(b"],");
    key(buf, I, "help");
    optional_string(buf, d.help);
    buf.push(b',');
    key(buf, I, "notes");
    buf.push(b'[');
    for (i, n) in d.notes.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"\n        ");
        string(buf, n);
    }
    if !d.notes.is_empty() {
        buf.extend_from_slice(b"\n      ");
    }
    buf.extend_from_slice(b"],");
    key(buf, I, "waiver");
    match &d.waiver {
        None => buf.extend_from_slice(b"null"),
        Some(w) => {
            buf.push(b'{');
            key(buf, W, "reason");
            string(buf, w.reason);
            buf.push(b',');
            key(buf, W, "source");
            string(buf, w.source);
            buf.push(b',');
            key(buf, W, "decided");
            optional_string(buf, w.decided);
            buf.push(b',');
            key(buf, W, "expires");
            optional_string(buf, w.expires);
            buf.push(b',');
            key(buf, W, "origin");
            string(buf, w.origin);
            buf.extend_from_slice(b"\n      }");
        }
    }
    buf.push(b',');
    key(buf, I, "stage");
    optional_string(buf, d.stage);
    buf.extend_from_slice(b"\n    }");
}

impl Sink for Json<'_> {
    /// Writes everything up to the first finding.
    fn begin(&mut self) -> io::Result<()> {
        let tool = Tool {
            name: "planlint",
            version: env!("CARGO_PKG_VERSION"),
        };
        write!(self.out, "{{\n  \"version\": {VERSION},\n  \"tool\": ")?;
        write_nested(&mut self.buf, &tool, "  ", self.out)?;
        write!(self.out, ",\n  \"lang\": ")?;
        write_nested(&mut self.buf, &self.lang.to_string(), "  ", self.out)?;
        write!(self.out, ",\n  \"diagnostics\": [")
    }

    /// Writes the findings of one file, waived ones included.
    fn file(&mut self, checked: Checked) -> io::Result<()> {
        self.stages.add(&checked);
        let file = &checked.source;
        for d in &checked.diagnostics {
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
                    origin: match w.origin {
                        WaiverOrigin::Inline => "inline",
                        WaiverOrigin::Config => "config",
                    },
                }),
                stage: file.facts.stage.as_deref(),
            };
            self.buf.clear();
            if self.written > 0 {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(b"\n    ");
            write_diagnostic(&mut self.buf, &json);
            self.out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    /// Closes the list of findings and writes the summary.
    fn end(&mut self, c: &Totals) -> io::Result<()> {
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        let summary = Summary {
            files: c.plans,
            files_with_findings: c.plans_with_findings,
            errors: c.errors,
            warnings: c.warnings,
            info: c.info,
            waived: c.waived,
            skipped: c.skipped,
            stage: self.stages.flagged().map(str::to_owned),
            stages: self
                .stages
                .counts()
                .into_iter()
                .map(|(stage, plans)| StageCount {
                    stage: stage.map(str::to_owned),
                    plans,
                })
                .collect(),
        };
        write!(self.out, "{close},\n  \"summary\": ")?;
        write_nested(&mut self.buf, &summary, "  ", self.out)?;
        writeln!(self.out, "\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_json` writes for `d` nested four spaces deep: the shape the hand-written
    /// writer must reproduce byte for byte.
    fn by_serde(d: &JsonDiagnostic<'_>) -> String {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        write_nested(&mut buf, d, "    ", &mut out).expect("writes to memory");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    fn by_hand(d: &JsonDiagnostic<'_>) -> String {
        let mut buf = Vec::new();
        write_diagnostic(&mut buf, d);
        String::from_utf8(buf).expect("JSON is UTF-8")
    }

    fn label(primary: bool, message: &str) -> JsonLabel<'_> {
        JsonLabel {
            primary,
            line: 3,
            column: 1,
            end_line: 12,
            end_column: 140,
            message,
        }
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let tricky =
            format!("”Bostäder” \"quoted\" back\\slash {every_control} \u{7f} 🏠 NFD: a\u{308}");
        // Escapes at many offsets, inside long runs of plain text.
        let mut long = String::new();
        for i in 0..40 {
            long.push_str(&"å".repeat(i % 9));
            long.push_str(["\"", "\\", "\n", "\u{1}", "x"][i % 5]);
        }
        let notes = vec![tricky.clone(), String::new(), long];
        let no_notes: Vec<String> = Vec::new();
        let waiver = JsonWaiver {
            reason: "beslut i nämnden \"2026\"",
            source: "planlint.toml:12",
            decided: Some("2026-01-01"),
            expires: None,
            origin: "config",
        };
        for (labels, help, notes, waiver) in [
            (vec![label(true, "här")], Some("lägg till"), &notes, None),
            (
                vec![label(true, &tricky), label(false, ""), label(false, "x")],
                None,
                &no_notes,
                Some(&waiver),
            ),
        ] {
            let d = JsonDiagnostic {
                code: "IP002",
                name: "omrade-bostader",
                severity: "error",
                path: "plans/a \"b\"\\c.md",
                line: 1,
                column: 2,
                end_line: 30,
                end_column: 4,
                message: &tricky,
                labels,
                help,
                notes,
                waiver: waiver.map(|w| JsonWaiver {
                    reason: w.reason,
                    source: w.source,
                    decided: w.decided,
                    expires: w.expires,
                    origin: w.origin,
                }),
                stage: waiver.map(|_| "för \"beslut\""),
            };
            assert_eq!(by_hand(&d), by_serde(&d));
        }
    }
}
