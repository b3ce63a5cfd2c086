//! Hover: on a finding, or on a heading that names an area, the rule's explanation — what it
//! checks, why, how to fix it, the policy clause quoted with its reference, the examples — in
//! the configured language; on an area heading also what planlint saw there.
//!
//! The text comes from the pack, as `planlint explain` prints it, laid out in Markdown for
//! editors that show Markdown and as `explain`'s plain text for the others. Text from the plan
//! (a heading) is escaped for Markdown.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::convert;
use super::workspace::Ready;
use crate::checks::area::Area;
use crate::document::SectionId;
use crate::i18n::Lang;
use crate::run::Analysis;
use crate::verdict::Verdict;

/// The hover at byte `at` of the analysed plan, if anything there has an explanation.
pub(super) fn hover(
    ready: &Ready,
    analysis: &Analysis,
    at: usize,
    markdown: bool,
) -> Option<Hover> {
    let checked = &analysis.checked;
    let verdict = Verdict::new(&ready.rules, &ready.settings);
    let lang = verdict.lang();
    let source = &checked.source;
    let line = source.line_index(at);
    let mut parts: Vec<String> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    // The help of the finding under the cursor, by code: it names the plan's own heading level.
    let mut helps: Vec<(&str, &str)> = Vec::new();
    let mut range = None;
    for d in &checked.diagnostics {
        let span = &d.primary.span;
        let here = if span.is_empty() {
            source.line_index(span.start) == line
        } else {
            span.start <= at && at <= span.end
        };
        if !here || codes.contains(&d.code.as_str()) {
            continue;
        }
        codes.push(&d.code);
        if let Some(help) = &d.help {
            helps.push((&d.code, help));
        }
        range.get_or_insert_with(|| convert::range(source, span));
        if ready.rules.find(&d.code).is_none() {
            // planlint's own finding: its message and help say all there is.
            let mut part = format!("{}: {}", d.code, d.message);
            if let Some(help) = &d.help {
                let _ = write!(part, "\n\n{} {help}", crate::i18n::HOW_TO_FIX.get(lang));
            }
            parts.push(if markdown { escape(&part) } else { part });
        }
    }
    // The heading at `at`, from the plan's one analysis (none for a plan that was not parsed).
    let heading_at = analysis
        .document
        .as_ref()
        .zip(analysis.areas.as_ref())
        .and_then(|(doc, areas)| {
            doc.sections
                .iter()
                .enumerate()
                .find(|(_, s)| s.heading_span.start <= at && at <= s.heading_span.end)
                .map(|(id, section)| (id, section, areas))
        });
    if let Some((id, section, areas)) = heading_at {
        for (rule, area) in areas.iter() {
            let code = ready.rules.rules[rule].code();
            let Some(status) = heading_status(ready, area, id, lang) else {
                continue;
            };
            range.get_or_insert_with(|| convert::range(source, &section.heading_span));
            let heading = crate::render::escape::terminal_line(&section.text);
            parts.push(if markdown {
                format!("**{}** ”{}”", escape(&status), escape(&heading))
            } else {
                format!("{status}: ”{heading}”")
            });
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    for code in codes {
        let Some(i) = ready.rules.position(code) else {
            continue;
        };
        let rule = &ready.rules.rules[i];
        let header = &ready.rules.packs[rule.pack].header;
        let mut doc = crate::ruledoc::RuleDoc::new(rule, header, lang);
        if let Some((_, help)) = helps.iter().find(|(c, _)| *c == code) {
            doc = doc.with_fix(help);
        }
        parts.push(if markdown {
            doc.with_severity(verdict.severity(i).as_str()).markdown()
        } else {
            doc.plain()
        });
    }
    if parts.is_empty() {
        return None;
    }
    let separator = if markdown { "\n\n---\n\n" } else { "\n\n" };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: parts.join(separator),
        }),
        range,
    })
}

/// What the heading of section `id` means for `area`: it covers it (with its words), it is
/// too thin, or it does not count as the area; `None` when it has nothing to do with it.
fn heading_status(ready: &Ready, area: &Area, id: SectionId, lang: Lang) -> Option<String> {
    Some(
        if let Some(n) = area.named.iter().find(|n| n.section == id) {
            if n.substantive {
                format!(
                    "✓ {} {} ({} {})",
                    lang.pick("Avsnittet täcker", "The section covers"),
                    area.name.get(lang),
                    n.words,
                    lang.pick("ord", "words")
                )
            } else {
                format!(
                    "✗ {} {}: {} {} ({} {})",
                    lang.pick("Avsnittet täcker inte", "The section does not cover"),
                    area.name.get(lang),
                    n.words,
                    lang.pick("ord", "words"),
                    lang.pick("minst", "at least"),
                    ready.rules.packs[area.pack].min_words
                )
            }
        } else if area.misses.iter().any(|(s, _)| *s == id) {
            format!(
                "✗ {} {}",
                lang.pick("Rubriken räknas inte som", "The heading does not count as"),
                area.name.get(lang)
            )
        } else {
            return None;
        },
    )
}

/// `text` with Markdown's punctuation escaped, so a heading from the plan shows as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
