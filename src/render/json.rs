//! `--format json`: one object with `version`, `tool`, `lang`, `diagnostics` and `summary`
//! ([`JsonOutput`], whose JSON Schema `planlint schema check` prints; see the README).
//!
//! Lines and columns are 1-based; columns count Unicode scalar values. The shape is a public
//! contract: fields may be added, never renamed or removed, without raising `version`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::stages::StageTally;
use super::Sink;
use crate::diagnostic::{Diagnostic, Label, Severity, WaiverOrigin};
use crate::i18n::Lang;
use crate::run::{Checked, Render, Totals};
use crate::source::SourceFile;

/// Version of the JSON shape.
pub const VERSION: u32 = 1;

/// The program that wrote the output.
#[derive(Serialize, JsonSchema)]
struct Tool {
    /// `planlint`.
    name: &'static str,
    /// planlint's version.
    version: &'static str,
}

// The sink never builds it whole, since it writes a file at a time: it is the shape `planlint
// schema check` prints, and the tests hold the bytes the sink writes to what `serde_json`
// writes for it.
/// What `planlint check --format json` writes: one object, pretty-printed, then a newline.
#[derive(Serialize, JsonSchema)]
#[cfg_attr(not(test), allow(dead_code))] // outside the tests only its schema is used
pub(crate) struct JsonOutput<'a> {
    /// Version of this shape, currently 1: fields may be added, never renamed or removed,
    /// without raising it.
    version: u32,
    /// The program that wrote it.
    tool: Tool,
    /// The language of the texts: `sv` or `en`.
    #[schemars(extend("enum" = ["sv", "en"]))]
    lang: String,
    /// Every finding, waived ones included, sorted by path, position and code.
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// The counts over the run.
    summary: Summary,
}

/// One finding.
#[derive(Serialize, JsonSchema)]
struct JsonDiagnostic<'a> {
    /// The rule's code, e.g. `IP002`, or one of planlint's own `PL` codes.
    code: &'a str,
    /// The rule's name, e.g. `omrade-bostader` (`fil`, `katalog` or `undantag` for a `PL`
    /// code).
    name: &'a str,
    /// `error`, `warning` or `info` (always English), after the settings and the stage.
    #[schemars(with = "Severity")]
    severity: &'static str,
    /// The file, as named or found; a byte of its name that is not UTF-8 as `\xFF`, a
    /// backslash as `\\`.
    path: &'a str,
    /// The 1-based line the primary span starts on (a paragraph of a Word or OpenDocument
    /// plan).
    line: usize,
    /// The 1-based column it starts at, counted in Unicode scalar values (`ä` is one).
    column: usize,
    /// The 1-based line of the position just after the primary span.
    end_line: usize,
    /// The 1-based column of the position just after the primary span.
    end_column: usize,
    /// The headline, in `lang`.
    message: &'a str,
    /// The primary label first, then the secondary labels in document order.
    labels: Vec<JsonLabel<'a>>,
    /// What to do about it, if the rule says.
    help: Option<&'a str>,
    /// Background: for a rule's finding the policy clause (`policyn: …`); empty for a `PL`
    /// code.
    notes: &'a [std::sync::Arc<str>],
    /// The waiver that exempts it; `null` for a finding that counts.
    waiver: Option<JsonWaiver<'a>>,
    /// The stage the plan was judged at (`--stage`, else the stage its `status` names); `null`
    /// for a plan without one and for a finding outside a plan (`PL016` in planlint.toml).
    stage: Option<&'a str>,
}

/// The waiver that exempts a finding.
#[derive(Serialize, JsonSchema)]
struct JsonWaiver<'a> {
    /// Why the plan is exempt.
    reason: &'a str,
    /// Where the waiver is written: `path:line` of the inline comment or of the `[[waiver]]`
    /// in planlint.toml.
    source: &'a str,
    /// The decision behind it, if given (always `null` for an inline waiver).
    decided: Option<&'a str>,
    /// Its last day, `YYYY-MM-DD`, if it expires (always `null` for an inline waiver).
    expires: Option<&'a str>,
    /// `inline` (the plan's author) or `config` (the board).
    #[schemars(extend("enum" = ["inline", "config"]))]
    origin: &'static str,
}

/// A span of the plan with a short text saying what is there.
#[derive(Serialize, JsonSchema)]
struct JsonLabel<'a> {
    /// Whether it is the finding's primary label (the first of `labels`).
    primary: bool,
    /// The 1-based line the span starts on.
    line: usize,
    /// The 1-based column it starts at, counted in Unicode scalar values.
    column: usize,
    /// The 1-based line of the position just after the span.
    end_line: usize,
    /// The 1-based column of the position just after the span.
    end_column: usize,
    /// What is there, in `lang` (may be empty).
    message: &'a str,
}

/// The counts over the run. Waived findings are counted only in `waived`.
#[derive(Serialize, JsonSchema)]
struct Summary {
    /// Plans checked.
    files: usize,
    /// Plans with at least one finding that is not waived.
    files_with_findings: usize,
    /// Error-level findings not waived.
    errors: usize,
    /// Warnings not waived.
    warnings: usize,
    /// Informational findings not waived.
    info: usize,
    /// Waived findings.
    waived: usize,
    /// Files that looked like plans and were not checked.
    skipped: usize,
    /// The stage every plan was judged at, when `--stage` named it; `null` without `--stage`.
    stage: Option<String>,
    /// How many plans were judged at each stage, in stage order (plans without a stage last).
    stages: Vec<StageCount>,
}

/// How many plans were judged at one stage.
#[derive(Serialize, JsonSchema)]
struct StageCount {
    /// The stage; `null` for the plans judged without one.
    stage: Option<String>,
    /// How many plans.
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

/// The program, as the output names it.
fn tool() -> Tool {
    Tool {
        name: "planlint",
        version: env!("CARGO_PKG_VERSION"),
    }
}

/// The finding `d` in `file`, as the output shows it.
fn diagnostic<'a>(file: &'a SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
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
            origin: match w.origin {
                WaiverOrigin::Inline => "inline",
                WaiverOrigin::Config => "config",
            },
        }),
        stage: file.facts.stage.as_deref(),
    }
}

/// The summary of a run with the totals `c` and the plans per stage `stages`.
fn summary(c: &Totals, stages: &StageTally) -> Summary {
    Summary {
        files: c.plans,
        files_with_findings: c.plans_with_findings,
        errors: c.errors,
        warnings: c.warnings,
        info: c.info,
        waived: c.waived,
        skipped: c.skipped,
        stage: stages.flagged().map(str::to_owned),
        stages: stages
            .counts()
            .into_iter()
            .map(|(stage, plans)| StageCount {
                stage: stage.map(str::to_owned),
                plans,
            })
            .collect(),
    }
}

/// One file's findings in the list of findings, each after a comma (the sink leaves out the
/// first of the run's), made on the thread that checked the file.
struct Part;

impl Render for Part {
    fn render(&self, checked: &Checked, out: &mut Vec<u8>) {
        let file = &checked.source;
        for d in &checked.diagnostics {
            out.extend_from_slice(b",\n    ");
            write_diagnostic(out, &diagnostic(file, d));
        }
    }
}

/// The JSON object written a file at a time, so a long run never holds all findings: the
/// same bytes as serialising a [`JsonOutput`] whole, pretty-printed.
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
    while let Some(i) = next_escaped(bytes, from) {
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

/// The first byte at or after `from` that must be escaped. Eight bytes are tested at a time:
/// a word none of whose bytes is a control character, `"` or `\\` is passed with a few
/// operations, where testing byte by byte took most of the time of writing a finding.
#[inline]
fn next_escaped(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `x` is zero (exact for the word as a whole).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // A byte below 0x20, or one equal to `"` or `\\`.
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if below | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| ESCAPED[usize::from(b)])
        .map(|i| at + i)
}

fn optional_string(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// Appends `"key": ` at the start of a line indented by `indent`. The keys are the names of
/// the fields, which hold nothing to escape.
fn key(buf: &mut Vec<u8>, indent: &str, key: &str) {
    debug_assert!(next_escaped(key.as_bytes(), 0).is_none());
    buf.push(b'\n');
    buf.extend_from_slice(indent.as_bytes());
    buf.push(b'"');
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\": ");
}

fn number(buf: &mut Vec<u8>, n: usize) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
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
        write!(self.out, "{{\n  \"version\": {VERSION},\n  \"tool\": ")?;
        write_nested(&mut self.buf, &tool(), "  ", self.out)?;
        write!(self.out, ",\n  \"lang\": ")?;
        write_nested(&mut self.buf, &self.lang.to_string(), "  ", self.out)?;
        write!(self.out, ",\n  \"diagnostics\": [")
    }

    /// Writes the findings of one file, waived ones included, a finding at a time: the same
    /// bytes as [`Part`] makes.
    fn file(&mut self, checked: Checked) -> io::Result<()> {
        self.stages.add(&checked);
        let file = &checked.source;
        for d in &checked.diagnostics {
            self.buf.clear();
            if self.written > 0 {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(b"\n    ");
            write_diagnostic(&mut self.buf, &diagnostic(file, d));
            self.out.write_all(&self.buf)?;
            self.written += 1;
        }
        Ok(())
    }

    fn renderer(&self) -> Option<Box<dyn Render>> {
        Some(Box::new(Part))
    }

    /// Writes a file's findings as [`Part`] made them: each after a comma but the first of all.
    fn rendered(&mut self, checked: Checked, part: &[u8]) -> io::Result<()> {
        self.stages.add(&checked);
        let part = match part.split_first() {
            Some((b',', rest)) if self.written == 0 => rest,
            _ => part,
        };
        self.out.write_all(part)?;
        self.written += checked.diagnostics.len();
        Ok(())
    }

    /// Closes the list of findings and writes the summary.
    fn end(&mut self, c: &Totals) -> io::Result<()> {
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        let summary = summary(c, &self.stages);
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
        let notes: Vec<std::sync::Arc<str>> = vec![tricky.as_str().into(), "".into(), long.into()];
        let no_notes: Vec<std::sync::Arc<str>> = Vec::new();
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

    #[test]
    fn a_string_is_escaped_as_serde_json_escapes_it_wherever_the_byte_falls_in_a_word() {
        // Eight bytes are tested at a time: every byte that needs escaping, and some that do
        // not but lie close to them (a space, `#`, `[`, DEL, a letter of two bytes), at every
        // place of a string of every length from 1 to 24, once alone and once twice.
        let mut specials: Vec<String> = (0u8..0x20).map(|b| char::from(b).to_string()).collect();
        specials.extend(["\"", "\\", " ", "!", "#", "[", "]", "\u{7f}", "ä"].map(String::from));
        for len in 1..=24 {
            for at in 0..len {
                for special in &specials {
                    for twice in [false, true] {
                        let mut text: String = (0..len)
                            .map(|i| if i == at { special.as_str() } else { "a" })
                            .collect();
                        if twice {
                            text.push_str(special);
                        }
                        let mut buf = Vec::new();
                        string(&mut buf, &text);
                        let expected = serde_json::to_string(&text).expect("a string");
                        assert_eq!(String::from_utf8(buf).expect("UTF-8"), expected, "{text:?}");
                    }
                }
            }
        }
    }

    /// The output of the sink for `plans`, and what `serde_json` writes for the same run as one
    /// [`JsonOutput`]. The sink's output is the same whichever files come with their part made
    /// by [`Part`] on a checking thread and whichever it writes itself: made in each of three
    /// ways (all, none, every other one), the three must agree.
    fn whole(plans: &[(&str, &str)]) -> (String, String) {
        let ways: [fn(usize) -> bool; 3] = [|_| true, |_| false, |i| i % 2 == 0];
        let outputs: Vec<String> = ways
            .iter()
            .map(|ahead| whole_with(plans, ahead).0)
            .collect();
        let (_, by_serde) = whole_with(plans, &|_| false);
        assert_eq!(outputs[0], outputs[1], "made ahead and written by the sink");
        assert_eq!(
            outputs[0], outputs[2],
            "made ahead and written by the sink in turn"
        );
        (outputs[0].clone(), by_serde)
    }

    /// [`whole`], with the files `ahead` picks (by their place) rendered by [`Part`] first.
    fn whole_with(plans: &[(&str, &str)], ahead: &dyn Fn(usize) -> bool) -> (String, String) {
        let rules = crate::engine::RuleSet::builtin().expect("the built-in pack compiles");
        let settings = crate::config::Settings::defaults();
        let verdict = crate::verdict::Verdict::new(&rules, &settings);
        let checked: Vec<Checked> = plans
            .iter()
            .zip(0..)
            .map(|(&(path, text), id)| crate::run::check_plan(&verdict, id, path, text.to_owned()))
            .collect();
        let mut totals = Totals::default();
        let mut stages = StageTally::new(settings.stages.names());
        for c in &checked {
            totals.add(c);
            stages.add(c);
        }
        let object = JsonOutput {
            version: VERSION,
            tool: tool(),
            lang: Lang::Sv.to_string(),
            diagnostics: checked
                .iter()
                .flat_map(|c| c.diagnostics.iter().map(|d| diagnostic(&c.source, d)))
                .collect(),
            summary: summary(&totals, &stages),
        };
        let by_serde = serde_json::to_string_pretty(&object).expect("serialises") + "\n";
        let mut out = Vec::new();
        let mut sink = Json::new(Lang::Sv, settings.stages.names(), &mut out);
        sink.begin().expect("writes to memory");
        for (i, c) in checked.into_iter().enumerate() {
            if ahead(i) {
                let mut part = Vec::new();
                Part.render(&c, &mut part);
                sink.rendered(c, &part).expect("writes to memory");
            } else {
                sink.file(c).expect("writes to memory");
            }
        }
        sink.end(&totals).expect("writes to memory");
        (String::from_utf8(out).expect("JSON is UTF-8"), by_serde)
    }

    #[test]
    fn the_whole_object_is_written_as_serde_json_writes_a_json_output() {
        let failing = include_str!("../../examples/plans/kultur-och-fritid.md");
        let compliant = include_str!("../../examples/plans/socialforvaltningen.md");
        let waived =
            "# Plan\n\n<!-- planlint-disable IP005 -- Policyn nämns i nämndens egen bilaga. -->\n";
        let (by_hand, by_serde) = whole(&[("a.md", compliant)]);
        assert!(by_hand.contains("\"diagnostics\": [],"), "{by_hand}");
        assert_eq!(by_hand, by_serde);
        // Findings of several plans, a waived one and a plan without a stage among them.
        let (by_hand, by_serde) =
            whole(&[("a.md", failing), ("b.md", compliant), ("c.md", waived)]);
        for part in [
            "\"origin\": \"inline\"",
            "\"stage\": null",
            "\"stage\": \"utkast\"",
        ] {
            assert!(by_hand.contains(part), "{part}: {by_hand}");
        }
        assert_eq!(by_hand, by_serde);
    }

    #[test]
    fn a_severity_is_written_as_its_schema_names_it() {
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            assert_eq!(
                serde_json::to_value(severity).expect("serialises"),
                severity.as_str()
            );
        }
    }
}
