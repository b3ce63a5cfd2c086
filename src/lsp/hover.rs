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
use crate::diagnostic::Checked;
use crate::document::Document;
use crate::engine::Rule;
use crate::i18n::Lang;
use crate::pack::{self, PackHeader};
use crate::verdict::Verdict;

/// The hover at byte `at` of the checked plan, if anything there has an explanation.
pub(super) fn hover(ready: &Ready, checked: &Checked, at: usize, markdown: bool) -> Option<Hover> {
    let verdict = Verdict::new(&ready.rules, &ready.settings);
    let lang = verdict.lang();
    let text = &checked.source.text;
    let source = &checked.source;
    let line = source.line_index(at);
    let mut parts: Vec<String> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
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
        range.get_or_insert_with(|| convert::range(source, span));
        if ready.rules.find(&d.code).is_none() {
            // planlint's own finding: its message and help say all there is.
            let mut part = format!("{}: {}", d.code, d.message);
            if let Some(help) = &d.help {
                let _ = write!(
                    part,
                    "\n\n{} {help}",
                    lang.pick("Så åtgärdar du:", "How to fix:")
                );
            }
            parts.push(if markdown { escape(&part) } else { part });
        }
    }
    let doc = Document::parse(text, ready.rules.patterns());
    let areas = ready.rules.areas(&doc, text);
    if let Some((id, section)) = doc
        .sections
        .iter()
        .enumerate()
        .find(|(_, s)| s.heading_span.start <= at && at <= s.heading_span.end)
    {
        for (rule, area) in areas.iter() {
            let code = ready.rules.rules[rule].code();
            let status = if let Some(n) = area.named.iter().find(|n| n.section == id) {
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
        parts.push(if markdown {
            explain_markdown(rule, header, verdict.severity(i).as_str(), lang)
        } else {
            pack::explain(rule, header, lang)
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

/// A rule's explanation in Markdown: the same parts as `planlint explain`.
fn explain_markdown(rule: &Rule, header: &PackHeader, severity: &str, lang: Lang) -> String {
    let def = &rule.def;
    let mut out = format!(
        "**{}** `{}` ({severity})\n\n{}\n\n",
        def.code.get_ref(),
        def.name.get_ref(),
        def.summary.get(lang)
    );
    if let Some(why) = &def.rationale {
        let _ = write!(
            out,
            "**{}** {}\n\n",
            lang.pick("Varför:", "Why:"),
            why.get(lang)
        );
    }
    let _ = write!(
        out,
        "**{}** {}\n\n**{}** {}:\n\n> {}\n\n",
        lang.pick("Så åtgärdar du:", "How to fix:"),
        pack::help_text(rule, header, lang),
        lang.pick("Policytext:", "Policy clause:"),
        def.policy.place(header),
        def.policy.quoted()
    );
    for (title, example) in [
        (
            lang.pick("Godkänt exempel:", "Passing example:"),
            &def.examples.pass,
        ),
        (
            lang.pick("Exempel som ger fel:", "Failing example:"),
            &def.examples.fail,
        ),
    ] {
        let fence = fence_for(example);
        let _ = write!(
            out,
            "**{title}**\n\n{fence}markdown\n{}\n{fence}\n\n",
            example.trim_end()
        );
    }
    out.trim_end().to_owned()
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
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
