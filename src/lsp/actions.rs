//! Code actions: quick fixes for the findings under the cursor.
//!
//! * A missing area (a `section` rule whose area no heading names) gets its section skeleton:
//!   the heading the rule suggests, at the level of the plan's other area sections, after the
//!   last of them under the anchor heading ("Prioriterade områden") when the plan has one, else
//!   at the end of the anchor's section, else after the last area section or at the end; under
//!   it a comment with the rule's help.
//! * Any finding of a rule gets an inline waiver whose reason is left to write: on the line
//!   before the finding when that is a line of its own, else for the whole file, after the
//!   front matter. Until the reason is written the waiver is itself reported (`PL010`).
//!
//! Neither may break the plan: before an action is offered, the edited text is parsed (the new
//! heading must name the area) or checked (the waiver, with a reason written in, must waive the
//! finding under the board's waiver policy). An edit that would not do what it says is not
//! offered.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::convert;
use super::workspace::Ready;
use crate::checks::area::Areas;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;
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
    let mut skeletons: HashMap<usize, Option<(usize, String, String)>> = HashMap::new();
    for d in checked.live().filter(|d| meets(d)) {
        let Some(rule) = ready.rules.index(&d.code) else {
            continue;
        };
        let diagnostic = convert::diagnostic(d, source, uri, lang);
        let fix = skeletons
            .entry(rule)
            .or_insert_with(|| skeleton(&ready.rules, doc, areas, text, rule, lang));
        if let Some((at, insert, heading)) = fix.clone() {
            let title = format!(
                "{} `{heading}`",
                lang.pick("Lägg till avsnittet", "Add the section")
            );
            out.push(action(title, source, at, insert, uri, &diagnostic, true));
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
                out.push(action(title, source, at, insert, uri, &diagnostic, false));
            }
        }
    }
    out
}

fn action(
    title: String,
    source: &SourceFile,
    at: usize,
    insert: String,
    uri: &Uri,
    diagnostic: &lsp_types::Diagnostic,
    preferred: bool,
) -> CodeActionOrCommand {
    let edit = TextEdit::new(convert::range(source, &(at..at)), insert);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(
            uri.clone(),
            vec![edit],
        )]))),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The line ending the plan uses.
fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// For a missing area of rule `rule`: where its section goes, the text to insert there, and
/// the heading (checked: after the edit, the new heading names the area).
fn skeleton(
    rules: &RuleSet,
    doc: &Document,
    areas: &Areas,
    text: &str,
    rule: usize,
    lang: Lang,
) -> Option<(usize, String, String)> {
    let compiled = &rules.rules[rule];
    let matcher = compiled.area()?;
    let area = areas.get(rule)?;
    if !area.named.is_empty() {
        // The heading is there; what it needs is text, which only the planner can write.
        return None;
    }
    let pack = &rules.packs[compiled.pack];
    // Where the finding's help says the section goes, at its level.
    let place =
        crate::checks::place::new_section(doc, areas, pack, compiled.pack, rule, text.len());
    let at = place.at;
    let at = if at >= text.len() {
        text.len()
    } else {
        line_start(text, at)
    };
    let nl = newline(text);
    let before = &text[..at];
    let mut insert = String::new();
    if before.ends_with(['\n', '\r']) {
        if !ends_with_blank_line(before) {
            insert.push_str(nl);
        }
    } else if !before.is_empty() {
        insert.push_str(nl);
        insert.push_str(nl);
    }
    let heading = format!("{} {}", place.marks(), matcher.heading);
    let header = &pack.header;
    let help = crate::ruledoc::help_at_level(compiled, header, &place.marks(), lang);
    let quote = compiled.def.policy.quoted();
    let guidance = format!(
        "{}: {help}.{nl}     {}: {quote}",
        compiled.code(),
        lang.pick("policyn", "policy")
    )
    // An HTML comment ends at the first `-->`; the pack's text must not end it early.
    .replace("--", "–");
    let _ = write!(insert, "{heading}{nl}{nl}<!-- {guidance} -->{nl}");
    if at < text.len() {
        insert.push_str(nl);
    }
    // Checked: the edited plan has the new heading, and it names the area.
    let mut edited = text.to_owned();
    edited.insert_str(at, &insert);
    // The plan as it would read with the section inserted: another text than the analysed one.
    #[allow(clippy::disallowed_methods)]
    let after = Document::parse(&edited, rules.patterns());
    let new_areas = rules.areas(&after, &edited);
    let start = at + insert.find(&heading)?;
    let found = after
        .sections
        .iter()
        .position(|s| s.heading_span.start == start)?;
    new_areas
        .get(rule)?
        .named
        .iter()
        .any(|n| n.section == found)
        .then_some((at, insert, heading))
}

/// The start of the line byte `at` is on.
fn line_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(text.len());
    while i > 0 {
        let b = bytes[i - 1];
        if b == b'\n' || (b == b'\r' && bytes.get(i) != Some(&b'\n')) {
            break;
        }
        i -= 1;
    }
    i
}

/// Whether `before`, which ends with a line ending, ends with a blank line (or is one).
fn ends_with_blank_line(before: &str) -> bool {
    let body = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix(['\n', '\r']))
        .unwrap_or(before);
    let last = &body[body.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    last.trim().is_empty()
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
