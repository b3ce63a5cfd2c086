//! `--format human`: rustc-style diagnostics through codespan-reporting, then a summary line.
//!
//! Nothing from a plan or a pack reaches the terminal raw: messages, labels, notes, codes and
//! the path are escaped with [`escape::terminal_text`], and codespan is handed a display copy
//! of the source ([`escape::same_length_source`]) whose spans and columns are the original's.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::term::{self, termcolor::Ansi, Config, Styles, StylesWriter};

use super::stages::StageTally;
use super::{escape, Options, Sink};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Skipped;
use crate::i18n::Lang;
use crate::run::{Checked, Totals};
use crate::source::{shown_path, SourceFile};

/// Findings of one code in one plan shown in full; the rest are counted in one line, so a plan
/// with 200,000 placeholders cannot flood a terminal (`short` and `json` list every one).
const SHOWN_PER_CODE: usize = 100;

/// A source line longer than this (in bytes) is not printed under a finding: the finding gets
/// its place as a note instead, so one long line cannot be printed once per finding.
const SHOWN_LINE_BYTES: usize = 2_000;

/// `d` for codespan; without `labels`, no source line is printed and the place is a note.
fn to_codespan(d: &Diagnostic, labels_of: Option<&SourceFile>) -> CsDiagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let text = |s: &str| escape::terminal_text(s).into_owned();
    let mut labels = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    match labels_of {
        None => {
            labels.push(
                CsLabel::primary(d.file, d.primary.span.clone())
                    .with_message(text(&d.primary.message)),
            );
            labels.extend(d.secondary.iter().map(|l| {
                CsLabel::secondary(d.file, l.span.clone()).with_message(text(&l.message))
            }));
        }
        Some(source) => {
            let (line, column) = source.line_col(d.primary.span.start);
            notes.push(format!(
                "--> {}:{line}:{column}: {}",
                escape::terminal_line(&source.path),
                text(&d.primary.message)
            ));
        }
    }
    notes.extend(d.help.iter().map(|h| format!("help: {}", text(h))));
    notes.extend(d.notes.iter().map(|n| format!("note: {}", text(n))));
    let diagnostic = CsDiagnostic::new(severity)
        .with_message(text(&d.message))
        .with_labels(labels)
        .with_notes(notes);
    if d.code.is_empty() {
        diagnostic
    } else {
        diagnostic.with_code(escape::terminal_line(&d.code))
    }
}

/// `source` as codespan may print it: the path escaped, the text with each control replaced by
/// a character of the same length (so spans and columns still hold); borrowed when nothing
/// needs it.
fn for_display(source: &SourceFile) -> Cow<'_, SourceFile> {
    let path = escape::terminal_line(&source.path);
    let text = escape::same_length_source(&source.text);
    if matches!((&path, &text), (Cow::Borrowed(_), Cow::Borrowed(_))) {
        return Cow::Borrowed(source);
    }
    Cow::Owned(source.shown_as(path.into_owned(), text.into_owned()))
}

/// Writes one diagnostic that points into `source`, with or without ANSI colour.
pub fn emit(d: &Diagnostic, source: &SourceFile, color: bool, w: &mut dyn Write) -> io::Result<()> {
    emit_shown(d, &for_display(source), color, Lang::Sv, w)
}

/// Whether a label of `d` lies on a line too long to print under it.
fn on_a_long_line(d: &Diagnostic, source: &SourceFile) -> bool {
    std::iter::once(&d.primary).chain(&d.secondary).any(|l| {
        source
            .line_range_of(source.line_index(l.span.start))
            .is_some_and(|r| r.len() > SHOWN_LINE_BYTES)
    })
}

/// [`emit`] with `source` already made safe to print by [`for_display`].
fn emit_shown(
    d: &Diagnostic,
    source: &SourceFile,
    color: bool,
    lang: Lang,
    w: &mut dyn Write,
) -> io::Result<()> {
    if !source.is_by_paragraph() {
        return emit_by_line(d, source, color, w);
    }
    // A Word plan's lines are its paragraphs: its place is named so, with the heading it
    // stands under, where codespan names a line and column.
    let mut shown = Vec::new();
    emit_by_line(d, source, color, &mut shown)?;
    let shown = String::from_utf8_lossy(&shown);
    let (line, column) = source.line_col(d.primary.span.start);
    let by_line = format!("{}:{line}:{column}", source.path);
    let place = source.place(d.primary.span.start, lang);
    w.write_all(
        shown
            .replacen(&by_line, &escape::terminal_line(&place), 1)
            .as_bytes(),
    )
}

/// [`emit_shown`] with places as codespan names them: line and column.
fn emit_by_line(
    d: &Diagnostic,
    source: &SourceFile,
    color: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let cs = to_codespan(d, on_a_long_line(d, source).then_some(source));
    let result = if color {
        let styles = Styles::default();
        let mut writer = StylesWriter::new(Ansi::new(&mut *w), &styles);
        term::emit_to_write_style(&mut writer, &config, source, &cs)
    } else {
        term::emit_to_io_write(&mut *w, &config, source, &cs)
    };
    result.map_err(|e| match e {
        codespan_reporting::files::Error::Io(io) => io,
        other => io::Error::other(other.to_string()),
    })
}

/// The human sink: every finding that is not waived as it comes, then the summary line.
pub struct Human<'a> {
    out: &'a mut dyn Write,
    color: bool,
    quiet: bool,
    verbose: bool,
    lang: Lang,
    stages: StageTally,
}

impl<'a> Human<'a> {
    /// Writes to `out`.
    pub fn new(options: Options<'_>, out: &'a mut dyn Write) -> Self {
        Human {
            out,
            color: options.color,
            quiet: options.quiet,
            verbose: options.verbose,
            lang: options.verdict.lang(),
            stages: StageTally::new(options.verdict.settings().stages.names()),
        }
    }
}

impl Sink for Human<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        self.stages.add(&file);
        let mut live = file.live().peekable();
        if live.peek().is_none() {
            return Ok(());
        }
        let shown = for_display(&file.source);
        let mut per_code: Vec<(&str, usize)> = Vec::new();
        for d in live {
            let at = per_code.iter().position(|(c, _)| *c == d.code);
            let at = at.unwrap_or_else(|| {
                per_code.push((&d.code, 0));
                per_code.len() - 1
            });
            per_code[at].1 += 1;
            if per_code[at].1 <= SHOWN_PER_CODE {
                emit_shown(d, &shown, self.color, self.lang, self.out)?;
            }
        }
        let lang = self.lang;
        for (code, n) in per_code.into_iter().filter(|(_, n)| *n > SHOWN_PER_CODE) {
            writeln!(
                self.out,
                "{} {} {} `{}` {} {} (`--format short` {} `json` {})\n",
                lang.pick("… och", "… and"),
                n - SHOWN_PER_CODE,
                lang.pick("anmärkningar till av", "more findings of"),
                escape::terminal_line(code),
                lang.pick("i", "in"),
                escape::terminal_line(&file.source.path),
                lang.pick("eller", "or"),
                lang.pick("visar alla", "show them all"),
            )?;
        }
        Ok(())
    }

    fn skipped(&mut self, skipped: &[Skipped]) -> io::Result<()> {
        if !self.verbose {
            return Ok(());
        }
        let lang = self.lang;
        for s in skipped {
            let why = s.why.reason(lang);
            writeln!(
                self.out,
                "{} {}: {why}",
                lang.pick("granskades inte:", "not checked:"),
                escape::terminal_line(&shown_path(&s.path))
            )?;
        }
        Ok(())
    }

    fn end(&mut self, totals: &Totals) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut line = summary_line(totals, self.lang);
        if totals.skipped > 0 {
            let lang = self.lang;
            let _ = write!(
                line,
                "; {} {}",
                plural(
                    lang,
                    totals.skipped,
                    ("fil hoppades över", "filer hoppades över"),
                    ("file skipped", "files skipped")
                ),
                if self.verbose {
                    ""
                } else {
                    lang.pick("(`--verbose` listar dem)", "(`--verbose` lists them)")
                }
            );
        }
        let stages = self.stages.describe(self.lang);
        if !stages.is_empty() {
            let _ = write!(line, "; {stages}");
        }
        writeln!(self.out, "{}", line.trim_end())
    }
}

fn plural(lang: Lang, n: usize, sv: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = lang.pick2(sv, en);
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing line, e.g. `7 planer granskade, 3 med anmärkningar: 4 fel, 3 varningar, 0 info`.
pub fn summary_line(c: &Totals, lang: Lang) -> String {
    let plans = plural(
        lang,
        c.plans,
        ("plan granskad", "planer granskade"),
        ("plan checked", "plans checked"),
    );
    let waived = if c.waived == 0 {
        String::new()
    } else {
        format!(
            "; {}",
            plural(
                lang,
                c.waived,
                ("undantagen", "undantagna"),
                ("waived", "waived")
            )
        )
    };
    if c.errors + c.warnings + c.info == 0 {
        return format!(
            "{plans}: {}{waived}",
            lang.pick("inga anmärkningar", "no findings")
        );
    }
    format!(
        "{plans}, {} {}: {}, {}, {}{}",
        c.plans_with_findings,
        lang.pick("med anmärkningar", "with findings"),
        plural(lang, c.errors, ("fel", "fel"), ("error", "errors")),
        plural(
            lang,
            c.warnings,
            ("varning", "varningar"),
            ("warning", "warnings")
        ),
        plural(lang, c.info, ("info", "info"), ("info", "info")),
        waived,
    )
}
