//! `planlint outline`: the section tree as the engine saw it, and which area each section
//! covers, so a user can answer "why does it say Bostäder is missing?" without reading code.
//!
//! The path, front-matter keys, heading text, the quoted words and the pack's codes and area
//! names are shown through [`terminal_line`]: a control character is printed as `\u{1b}`, never
//! raw, and no line break in them can start a line of its own.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use crate::checks::area::{not_a_heading, HeadingMatch};
use crate::checks::Areas;
use crate::discover::DiscoverError;
use crate::document::Document;
use crate::engine::{Rule, RuleSet};
use crate::i18n::{os_reason, t, Lang, Localized};
use crate::matching::visible;
use crate::render::escape::terminal_line;
use crate::run::not_text;
use crate::source::SourceFile;
use crate::{Error, Outcome};

pub(super) fn run(
    file: &Path,
    rules: &RuleSet,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let not_read = |reason: Localized| DiscoverError {
        path: file.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(file).map_err(|e| not_read(os_reason(&e)))?;
    // A named pipe or a device is never opened: opening a pipe blocks.
    if !meta.is_file() {
        return Err(not_read(t(
            "är ingen vanlig fil (t.ex. en katalog, en namngiven pipe eller en enhet)",
            "is not a regular file (e.g. a directory, a named pipe or a device)",
        ))
        .into());
    }
    let bytes = std::fs::read(file).map_err(|e| not_read(os_reason(&e)))?;
    let shown = file.display().to_string();
    // The engine checks no plan that is not text, so there is no outline to show.
    if let Some(what) = not_text::classify(&bytes, &shown) {
        return Err(Error::NotText {
            path: file.to_path_buf(),
            message: what.message(),
            help: what.help(),
        });
    }
    let source = SourceFile::new(shown, String::from_utf8_lossy(&bytes).into_owned());
    let doc = Document::parse(&source.text, rules.patterns());
    let areas = rules.areas(&doc, &source.text);
    let codes: Vec<&str> = rules.rules.iter().map(Rule::code).collect();
    write!(
        out,
        "{}",
        outline(&doc, &source, &areas, rules, &codes, lang)
    )?;
    Ok(Outcome::Clean)
}

/// The outline of `doc` as text.
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
                notes.push(match miss {
                    HeadingMatch::Excluded(x) => format!(
                        "✗ {name}: `{}` {}",
                        terminal_line(&visible(&source.text[x.clone()])),
                        lang.pick("räknas inte", "does not count")
                    ),
                    HeadingMatch::Modifier(w) => format!(
                        "✗ {name}: `{}` {}",
                        terminal_line(&visible(&source.text[w.clone()])),
                        lang.pick(
                            "är ett sammansatt ord där områdesordet bara är förled",
                            "is a compound in which the area word is only the modifier"
                        )
                    ),
                    HeadingMatch::NearMiss(w) => format!(
                        "✗ {name}: `{}` {}",
                        terminal_line(&visible(&source.text[w.clone()])),
                        lang.pick("är ett annat ord", "is a different word")
                    ),
                    _ => String::new(),
                });
            }
        }
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
        let covered: Vec<String> = area
            .covered()
            .map(|s| {
                format!(
                    "{} {}",
                    lang.pick("rad", "line"),
                    source.line_col(doc.sections[s].heading_span.start).0
                )
            })
            .collect();
        if covered.is_empty() {
            let why = rules.rules[rule]
                .area()
                .and_then(|m| m.pseudo_heading(doc))
                .filter(|_| area.named.is_empty())
                .map(|b| {
                    let line = source.line_col(b.span.start).0;
                    let (_, what) = not_a_heading(b.shape, lang);
                    format!(" ({} {line} {what})", lang.pick("rad", "line"))
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  ✗ {} {}: {}{why}",
                terminal_line(codes[rule]),
                terminal_line(area.name.get(lang)),
                lang.pick("täcks inte", "not covered")
            );
        } else {
            let _ = writeln!(
                out,
                "  ✓ {} {}: {}",
                terminal_line(codes[rule]),
                terminal_line(area.name.get(lang)),
                covered.join(", ")
            );
        }
    }
    out
}
