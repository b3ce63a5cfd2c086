//! `planlint outline`: the section tree as the engine saw it, and which area each section
//! covers, so a user can answer "why does it say Bostäder is missing?" without reading code.
//!
//! The path, front-matter keys, heading text, the quoted words and the pack's codes and area
//! names are shown through [`terminal_line`]: a control character is printed as `\u{1b}`, never
//! raw, and no line break in them can start a line of its own.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::checks::area::Area;
use crate::checks::area::{not_a_heading, HeadingMatch};
use crate::checks::Areas;
use crate::discover::DiscoverError;
use crate::document::{Document, Reader, SectionId, Shape};
use crate::engine::{Rule, RuleSet};
use crate::error::Error;
use crate::i18n::{Lang, Localized};
use crate::matching::visible;
use crate::render::escape::terminal_line;
use crate::run::{self, Unparsed};
use crate::source::SourceFile;
use crate::verdict::Verdict;

pub(super) fn run(
    file: &Path,
    verdict: &Verdict<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let not_read = |reason: Localized| DiscoverError {
        path: file.to_path_buf(),
        reason,
    };
    super::a_regular_file(file)?;
    // The one analysis of the plan, as `check` makes it: read under the same cap, not-text
    // files told apart the same way.
    let analysis = run::analyse_file(verdict, 0, file);
    let (Some(doc), Some(areas)) = (&analysis.document, &analysis.areas) else {
        // The engine checks no plan that is not text, so there is no outline to show.
        return Err(match analysis.unparsed {
            Some(Unparsed::Unreadable(reason)) => not_read(reason).into(),
            Some(Unparsed::NotText(what)) => Error::NotText {
                path: file.to_path_buf(),
                message: what.message(),
                help: what.help(),
            },
            Some(Unparsed::Word(e)) => Error::NotText {
                path: file.to_path_buf(),
                message: e.message(),
                help: e.help(),
            },
            Some(Unparsed::TooLarge) | None => {
                let (message, help) = run::too_large();
                Error::NotText {
                    path: file.to_path_buf(),
                    message,
                    help,
                }
            }
        });
    };
    let rules = verdict.rules();
    let codes: Vec<&str> = rules.rules.iter().map(Rule::code).collect();
    let source = &analysis.checked.source;
    write!(
        out,
        "{}",
        outline(doc, source, areas, rules, &codes, verdict.lang())
    )?;
    Ok(Outcome::Clean)
}

/// The outline of `doc` as text: the path, the front matter's keys, every section with what
/// it means for each area, then the areas.
fn outline(
    doc: &Document,
    source: &SourceFile,
    areas: &Areas,
    rules: &RuleSet,
    codes: &[&str],
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", terminal_line(&source.path));
    if let Some(fm) = &doc.front_matter {
        let keys: Vec<String> = fm
            .fields
            .iter()
            .map(|f| terminal_line(&f.key).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick(
                "uppgiftsblocket överst (front matter)",
                "the details at the top (front matter)"
            ),
            if keys.is_empty() {
                "–".to_owned()
            } else {
                keys.join(", ")
            }
        );
    }
    for (id, s) in doc.sections.iter().enumerate() {
        let (line, _) = source.line_col(s.heading_span.start);
        let indent = "  ".repeat(usize::from(s.level));
        let notes = section_notes(id, source, areas, codes, lang);
        let _ = writeln!(
            out,
            "{line:>5} {indent}{} {}{}",
            "#".repeat(usize::from(s.level)),
            terminal_line(&s.text),
            if notes.is_empty() {
                String::new()
            } else {
                format!("   {}", notes.join("; "))
            }
        );
    }
    let _ = writeln!(out, "\n{}", lang.pick("Områden:", "Areas:"));
    for (rule, area) in areas.iter() {
        let _ = writeln!(
            out,
            "{}",
            area_line(doc, source, rules, rule, area, codes, lang)
        );
    }
    out
}

/// What section `id` means for each area: covered (with its words), too thin, or a heading
/// that comes close without naming the area.
fn section_notes(
    id: SectionId,
    source: &SourceFile,
    areas: &Areas,
    codes: &[&str],
    lang: Lang,
) -> Vec<String> {
    let mut notes = Vec::new();
    for (rule, area) in areas.iter() {
        let name = terminal_line(area.name.get(lang));
        let code = terminal_line(codes[rule]);
        if let Some(n) = area.named.iter().find(|n| n.section == id) {
            let count = format!("{} {}", n.words, lang.pick("ord", "words"));
            let count = match n.drafts {
                0 => count,
                k => format!(
                    "{k} {}: {count} {}",
                    if k == 1 {
                        lang.pick("platshållare borttagen", "placeholder removed")
                    } else {
                        lang.pick("platshållare borttagna", "placeholders removed")
                    },
                    lang.pick("kvar", "left")
                ),
            };
            notes.push(if n.substantive {
                format!("✓ {code} {name} ({count})")
            } else {
                format!(
                    "✗ {code} {name}: {} {count}",
                    lang.pick("för lite innehåll,", "too little content,"),
                )
            });
        }
        if let Some((_, miss)) = area.misses.iter().find(|(s, _)| *s == id) {
            notes.push(miss_note(&name, miss, source, lang));
        }
    }
    notes
}

/// Why a heading that comes close to area `name` does not name it.
fn miss_note(name: &str, miss: &HeadingMatch, source: &SourceFile, lang: Lang) -> String {
    let (span, why) = match miss {
        HeadingMatch::Excluded(x) => (x, lang.pick("räknas inte", "does not count")),
        HeadingMatch::Modifier(w) => (
            w,
            lang.pick(
                "är ett sammansatt ord där områdesordet bara är förled",
                "is a compound in which the area word is only the modifier",
            ),
        ),
        HeadingMatch::NearMiss(w) => (w, lang.pick("är ett annat ord", "is a different word")),
        HeadingMatch::Title(w) => (w, crate::checks::area::IN_TITLE.get(lang)),
        _ => return String::new(),
    };
    format!(
        "✗ {name}: `{}` {why}",
        terminal_line(&visible(&source.text[span.clone()]))
    )
}

/// The line of the area summary for rule `rule`: the lines that cover it, or why not.
fn area_line(
    doc: &Document,
    source: &SourceFile,
    rules: &RuleSet,
    rule: usize,
    area: &Area,
    codes: &[&str],
    lang: Lang,
) -> String {
    let line_word = if source.is_by_paragraph() {
        lang.pick("stycke", "paragraph")
    } else {
        lang.pick("rad", "line")
    };
    let covered: Vec<String> = area
        .covered()
        .map(|s| {
            format!(
                "{line_word} {}",
                source.line_col(doc.sections[s].heading_span.start).0
            )
        })
        .collect();
    let (code, name) = (
        terminal_line(codes[rule]),
        terminal_line(area.name.get(lang)),
    );
    if !covered.is_empty() {
        return format!("  ✓ {code} {name}: {}", covered.join(", "));
    }
    let why = rules.rules[rule]
        .area()
        .and_then(|m| m.pseudo_heading(doc))
        .filter(|_| area.named.is_empty())
        .map(|b| {
            let line = source.line_col(b.span.start).0;
            let what = if doc.reader == Reader::Markdown || b.shape != Shape::Paragraph {
                not_a_heading(b.shape, lang).1
            } else {
                lang.pick(
                    "har formatmallen Normal, inte en rubrikmall",
                    "has the style Normal, not a heading style",
                )
            };
            format!(" ({line_word} {line} {what})")
        })
        .unwrap_or_default();
    format!(
        "  ✗ {code} {name}: {}{why}",
        lang.pick("täcks inte", "not covered")
    )
}
