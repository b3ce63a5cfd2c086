//! Code actions: quick fixes for the findings under the cursor.
//!
//! * A missing area (a `section` rule whose area no heading names) gets its section skeleton
//!   ([`crate::fix::skeleton`], which `check --fix` inserts too), and, when a bold line of its
//!   own names it, that line made the heading ([`crate::fix::heading_of_bold_line`]).
//! * An area heading with invisible characters in it (`### Folk\u{AD}hälsa`) gets them taken
//!   out ([`crate::fix::visible_headings`]), where the cursor is on it: no finding is needed.
//! * Any finding of a rule gets an inline waiver whose reason is left to write: on the line
//!   before the finding when that is a line of its own, else for the whole file, after the
//!   front matter. Until the reason is written the waiver is itself reported (`PL010`).
//!
//! Neither may break the plan: before an action is offered, the edited text is parsed (the new
//! heading must name the area) or checked (the waiver, with a reason written in, must waive the
//! finding under the board's waiver policy). An edit that would not do what it says is not
//! offered.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::convert;
use super::workspace::Ready;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::newline;
use crate::run::Analysis;
use crate::source::SourceFile;
use crate::verdict::Verdict;

/// The most waiver actions offered at once: each costs a check of the whole plan.
const MAX_WAIVERS: usize = 8;

/// The quick fixes for the findings of `checked` whose primary span meets `wanted` (bytes).
pub(super) fn actions(
    ready: &Ready,
    analysis: &Analysis,
    wanted: Range<usize>,
    uri: &Uri,
) -> Vec<CodeActionOrCommand> {
    let verdict = Verdict::new(&ready.rules, &ready.settings);
    let lang = verdict.lang();
    let checked = &analysis.checked;
    let source = &checked.source;
    let text = &source.text;
    // A plan that was not parsed (not text) gets no fixes.
    let (Some(doc), Some(areas)) = (&analysis.document, &analysis.areas) else {
        return Vec::new();
    };
    let (first, last) = (
        source.line_index(wanted.start),
        source.line_index(wanted.end),
    );
    let meets = |d: &Diagnostic| {
        let span = &d.primary.span;
        let line = source.line_index(span.start);
        (span.start <= wanted.end && wanted.start <= span.end) || (first..=last).contains(&line)
    };
    let mut out = Vec::new();
    let mut waivers = 0;
    // Each costs a parse of the edited plan, so a rule's skeleton is worked out once however
    // many of its findings the range holds.
    let mut skeletons: HashMap<usize, Option<crate::fix::Skeleton>> = HashMap::new();
    let mut bold: HashMap<usize, Option<crate::fix::Replace>> = HashMap::new();
    for d in checked.live().filter(|d| meets(d)) {
        let Some(rule) = ready.rules.index(&d.code) else {
            continue;
        };
        let diagnostic = convert::diagnostic(d, source, uri, lang);
        let fix = skeletons
            .entry(rule)
            .or_insert_with(|| crate::fix::skeleton(&ready.rules, doc, areas, text, rule, lang));
        if let Some(s) = fix.clone() {
            let title = format!(
                "{} `{}`",
                lang.pick("Lägg till avsnittet", "Add the section"),
                s.heading
            );
            out.push(action(
                title,
                source,
                s.at..s.at,
                s.insert,
                uri,
                Some(&diagnostic),
                true,
            ));
        }
        if let Some(r) = bold
            .entry(rule)
            .or_insert_with(|| {
                crate::fix::heading_of_bold_line(&ready.rules, doc, areas, text, rule)
            })
            .clone()
        {
            let title = format!(
                "{} `{}`",
                lang.pick("Gör raden till rubriken", "Make the line the heading"),
                r.heading
            );
            out.push(action(
                title,
                source,
                r.range,
                r.text,
                uri,
                Some(&diagnostic),
                true,
            ));
        }
        if waivers < MAX_WAIVERS {
            if let Some((at, insert, whole_file)) = waiver(&verdict, doc, source, d) {
                waivers += 1;
                let title = format!(
                    "{} {} {} ({})",
                    lang.pick("Undanta", "Waive"),
                    d.code,
                    if whole_file {
                        lang.pick("i hela planen", "in the whole plan")
                    } else {
                        lang.pick("på nästa rad", "on the next line")
                    },
                    lang.pick(
                        "skriv motiveringen efter `--`",
                        "write the reason after `--`"
                    )
                );
                out.push(action(
                    title,
                    source,
                    at..at,
                    insert,
                    uri,
                    Some(&diagnostic),
                    false,
                ));
            }
        }
    }
    // An area heading on the lines asked about that holds invisible characters: no finding
    // says so (the heading counts as a reader sees it), but the fix is offered there.
    let lines = source
        .line_range_of(first)
        .map_or(wanted.start, |r| r.start)
        ..source.line_range_of(last).map_or(wanted.end, |r| r.end);
    for r in crate::fix::visible_headings(&ready.rules, doc, areas, text, Some(&lines)) {
        let line = source.line_index(r.range.start);
        if (first..=last).contains(&line) {
            let title = format!(
                "{} `{}`",
                lang.pick(
                    "Ta bort osynliga tecken ur rubriken",
                    "Remove the invisible characters from the heading"
                ),
                r.heading
            );
            out.push(action(title, source, r.range, r.text, uri, None, true));
        }
    }
    out
}

fn action(
    title: String,
    source: &SourceFile,
    at: Range<usize>,
    insert: String,
    uri: &Uri,
    diagnostic: Option<&lsp_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edit = TextEdit::new(convert::range(source, &at), insert);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(
            uri.clone(),
            vec![edit],
        )]))),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// For finding `d`: where its inline waiver goes, the text, and whether it waives the code in
/// the whole file (checked: with a reason written in, it waives `d`).
fn waiver(
    verdict: &Verdict<'_>,
    doc: &Document,
    source: &SourceFile,
    d: &Diagnostic,
) -> Option<(usize, String, bool)> {
    let text = &source.text;
    let nl = newline(text);
    let line = source.line_index(d.primary.span.start);
    let range = source.line_range_of(line)?;
    let in_front_matter = doc
        .front_matter
        .as_ref()
        .is_some_and(|fm| d.primary.span.start < fm.span.end.max(doc.body_start));
    let own_line = line == 0 || {
        let previous = source.line_range_of(line - 1)?;
        let this = text[range.clone()].trim_start();
        let prev = text[previous].trim();
        prev.is_empty() || this.starts_with('#') || prev.starts_with('#')
    };
    let (at, insert, whole_file) = if !in_front_matter && own_line {
        let start = range.start.max(doc.body_start);
        let indent: String = text[start..range.end]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        (
            start,
            format!(
                "{indent}<!-- planlint-disable-next-line {} -- -->{nl}",
                d.code
            ),
            false,
        )
    } else {
        (
            doc.body_start,
            format!("<!-- planlint-disable {} -- -->{nl}{nl}", d.code),
            true,
        )
    };
    // Checked with a reason the policy accepts in place of the blank one.
    let words = verdict.settings().waiver_policy.min_reason_words.max(1) + 1;
    let reason = vec!["motivering"; words].join(" ");
    let filled = insert.replacen("-- -->", &format!("-- {reason} -->"), 1);
    let mut edited = text.clone();
    edited.insert_str(at, &filled);
    let shift = |b: usize| if b >= at { b + filled.len() } else { b };
    let checked = crate::run::check_plan(verdict, 0, &source.path, edited);
    let start = shift(d.primary.span.start);
    checked
        .diagnostics
        .iter()
        .any(|e| e.code == d.code && e.primary.span.start == start && e.waiver.is_some())
        .then_some((at, insert, whole_file))
}
