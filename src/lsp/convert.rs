//! planlint's findings as LSP diagnostics: byte spans become UTF-16 ranges, the label, help
//! and policy note join the message, secondary labels become related information.
//!
//! A waived finding is not a problem: it is published as a hint that names the waiver and its
//! reason. At most [`MAX_PER_CODE`] findings of one code are published for a plan (a plan with
//! thousands of placeholders would drown the editor); one more line says how many were left
//! out, as `check`'s human output does.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Uri,
};

use crate::diagnostic::{Diagnostic, Severity, WaiverOrigin};
use crate::i18n::Lang;
use crate::pack::PackError;
use crate::render::escape::terminal_text;
use crate::run::Checked;
use crate::source::SourceFile;

/// The most findings of one code published for one plan.
pub(super) const MAX_PER_CODE: usize = 100;

/// The name every diagnostic carries as its source.
pub(super) const SOURCE: &str = "planlint";

/// The LSP range of a byte span of `source`.
pub(super) fn range(source: &SourceFile, span: &Range<usize>) -> lsp_types::Range {
    let position = |byte: usize| {
        let (line, column) = source.utf16_position(byte);
        Position::new(saturate(line), saturate(column))
    };
    lsp_types::Range::new(position(span.start), position(span.end.max(span.start)))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The diagnostics to publish for a checked plan.
pub(super) fn diagnostics(checked: &Checked, uri: &Uri, lang: Lang) -> Vec<lsp_types::Diagnostic> {
    let mut per_code: HashMap<&str, (usize, Option<&Diagnostic>)> = HashMap::new();
    let mut out = Vec::new();
    for d in &checked.diagnostics {
        let (count, first_left_out) = per_code.entry(d.code.as_str()).or_default();
        *count += 1;
        if *count > MAX_PER_CODE {
            first_left_out.get_or_insert(d);
            continue;
        }
        out.push(diagnostic(d, &checked.source, uri, lang));
    }
    let mut left_out: Vec<(&str, usize, &Diagnostic)> = per_code
        .into_iter()
        .filter_map(|(code, (n, first))| first.map(|d| (code, n - MAX_PER_CODE, d)))
        .collect();
    left_out.sort_by_key(|(code, _, _)| *code);
    for (code, n, first) in left_out {
        let message = format!(
            "{n} {} `{code}` {}",
            lang.pick("anmärkningar till av", "more findings of"),
            lang.pick(
                "visas inte här; `planlint check` listar alla",
                "are not shown here; `planlint check` lists them all"
            )
        );
        out.push(lsp_types::Diagnostic {
            range: range(&checked.source, &first.primary.span),
            severity: Some(DiagnosticSeverity::INFORMATION),
            code: Some(NumberOrString::String(code.to_owned())),
            source: Some(SOURCE.to_owned()),
            message,
            ..lsp_types::Diagnostic::default()
        });
    }
    out
}

/// One finding as an LSP diagnostic.
pub(super) fn diagnostic(
    d: &Diagnostic,
    source: &SourceFile,
    uri: &Uri,
    lang: Lang,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(source, &l.span)),
            message: terminal_text(&l.message).into_owned(),
        })
        .collect();
    let (severity, message) = match &d.waiver {
        None => (severity(d.severity), message(d, lang)),
        Some(w) => {
            let by = match w.origin {
                WaiverOrigin::Inline => lang.pick("i planen", "in the plan"),
                WaiverOrigin::Config => lang.pick(
                    "av nämnden i planlint.toml",
                    "by the board in planlint.toml",
                ),
            };
            (
                DiagnosticSeverity::HINT,
                terminal_text(&format!(
                    "{} {by} ({}): {}\n{}: {}",
                    lang.pick("undantagen", "waived"),
                    w.source,
                    d.message,
                    lang.pick("motivering", "reason"),
                    w.reason
                ))
                .into_owned(),
            )
        }
    };
    lsp_types::Diagnostic {
        range: range(source, &d.primary.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.clone())),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message: the headline, then the label at the span, what to do and the policy note, a
/// line each.
fn message(d: &Diagnostic, lang: Lang) -> String {
    let mut m = d.message.clone();
    if !d.primary.message.is_empty() && d.primary.message != d.message {
        m.push('\n');
        m.push_str(&d.primary.message);
    }
    if let Some(help) = &d.help {
        m.push('\n');
        m.push_str(crate::i18n::HOW_TO_FIX.get(lang));
        m.push(' ');
        m.push_str(help);
    }
    for note in &d.notes {
        m.push('\n');
        m.push_str(note);
    }
    terminal_text(&m).into_owned()
}

/// A broken config or pack, as a diagnostic on that file (when the editor has it open).
pub(super) fn pack_error(e: &PackError, lang: Lang) -> lsp_types::Diagnostic {
    let source = SourceFile::new(e.path.clone(), e.text.clone());
    let span = e.span.clone().unwrap_or(0..0);
    let mut message = e.message.get(lang).to_owned();
    let label = e.label.get(lang);
    if !label.is_empty() {
        message.push('\n');
        message.push_str(label);
    }
    if let Some(help) = &e.help {
        message.push('\n');
        message.push_str(crate::i18n::HOW_TO_FIX.get(lang));
        message.push(' ');
        message.push_str(help.get(lang));
    }
    lsp_types::Diagnostic {
        range: range(&source, &span),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(e.code.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: terminal_text(&message).into_owned(),
        ..lsp_types::Diagnostic::default()
    }
}

/// What a plan shows while its config or a pack is broken: one error at its first line that
/// says which file to fix, since the plan cannot be judged.
/// `path` as the plan at `plan` sees it: relative to the folder the two share (`planlint.toml`,
/// `regler/trygghet.toml`), not the absolute path the editor's URI gave.
pub(super) fn near_path(path: &str, plan: Option<&std::path::Path>) -> String {
    let path = std::path::Path::new(path);
    let Some(plan) = plan else {
        return crate::source::shown_path(path);
    };
    let shared = plan
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && path.starts_with(a));
    match shared.and_then(|a| path.strip_prefix(a).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => crate::source::shown_path(rel),
        _ => crate::source::shown_path(path),
    }
}

pub(super) fn plan_not_checked(
    e: &PackError,
    plan: Option<&std::path::Path>,
    lang: Lang,
) -> lsp_types::Diagnostic {
    let (line, _) = crate::source::SourceFile::new(String::new(), e.text.clone())
        .line_col(e.span.as_ref().map_or(0, |s| s.start));
    let message = format!(
        "{} `{}:{line}`: {}\n{} {}",
        lang.pick(
            "planen granskades inte: planlint kan inte använda",
            "the plan was not checked: planlint cannot use"
        ),
        near_path(&e.path, plan),
        e.message.get(lang),
        crate::i18n::HOW_TO_FIX.get(lang),
        lang.pick(
            "rätta filen och spara den; planen granskas då igen",
            "correct the file and save it; the plan is then checked again"
        )
    );
    lsp_types::Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(e.code.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: terminal_text(&message).into_owned(),
        ..lsp_types::Diagnostic::default()
    }
}
