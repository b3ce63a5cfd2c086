//! Inline waivers, written by the plan's author in the plan itself:
//! `<!-- planlint-disable IP002 -- motivering -->` for the whole file and
//! `<!-- planlint-disable-next-line IP006 -- motivering -->` for the next non-blank line.
//!
//! A waiver without a reason (`PL010`) or naming an unknown code (`PL011`) is an error and
//! waives nothing; one that waived nothing is reported (`PL012`), so waivers do not rot.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{about_waiver, inline_waiver, Verdict};
use crate::diagnostic::{codes, Diagnostic};
use crate::document::Document;
use crate::i18n::Lang;
use crate::source::FileId;
use crate::source::SourceFile;

/// An inline waiver found in a plan.
#[derive(Debug, Clone)]
struct Inline {
    codes: Vec<String>,
    reason: String,
    span: Range<usize>,
    /// `Some(line index)` for a next-line waiver.
    line: Option<usize>,
    used: bool,
}

/// Applies the inline waivers of one plan to its findings and returns findings about the
/// waivers themselves (missing reasons, unknown codes, unused waivers).
pub(super) fn apply(
    verdict: &Verdict<'_>,
    doc: &Document,
    source: &SourceFile,
    file: FileId,
    found: &mut [Diagnostic],
) -> Vec<Diagnostic> {
    let mut about = Vec::new();
    let mut waivers = read(verdict, doc, source, file, &mut about);
    waive(&mut waivers, source, found);
    for w in waivers.iter().filter(|w| !w.used) {
        if w.codes.iter().any(|c| verdict.code_runs(c)) {
            about.push(unused(file, w.span.clone(), verdict.lang()));
        }
    }
    about
}

/// A waiver comment as written: whether it is a next-line waiver, the codes it names and its
/// reason (`""` if none); `None` for any other comment.
fn parse(body: &str) -> Option<(bool, Vec<&str>, &str)> {
    let (line_level, rest) = if let Some(r) = body.strip_prefix("planlint-disable-next-line") {
        (true, r)
    } else if let Some(r) = body.strip_prefix("planlint-disable") {
        (false, r)
    } else {
        return None;
    };
    let (codes_part, reason) = match rest.split_once("--") {
        Some((c, r)) => (c, r.trim()),
        None => (rest, ""),
    };
    let named = codes_part
        .split([',', ' ', '\t', '\n', '\r'])
        .filter(|c| !c.is_empty())
        .collect();
    Some((line_level, named, reason))
}

/// The plan's waivers that may waive, in the plan's order. One that may not is reported in
/// `about` instead, and waives nothing.
fn read(
    verdict: &Verdict<'_>,
    doc: &Document,
    source: &SourceFile,
    file: FileId,
    about: &mut Vec<Diagnostic>,
) -> Vec<Inline> {
    let mut waivers = Vec::new();
    // The last line a next-line waiver ended on and the line it applies to: comments come in
    // the plan's order, so waivers sharing a line look past the blank lines after it once.
    let mut after: Option<(usize, usize)> = None;
    for comment in &doc.comments {
        let Some((line_level, named, reason)) = parse(&comment.body) else {
            continue;
        };
        let span = comment.span.clone();
        if let Some(refused) = refusal(verdict, &named, reason, file, &span) {
            about.push(refused);
            continue;
        }
        let codes = named
            .iter()
            .filter_map(|c| verdict.rules.find(c))
            .map(|r| r.code().to_owned())
            .collect();
        let line = line_level.then(|| {
            let from = source.line_index(comment.span.end);
            match after {
                Some((seen, next)) if seen == from => next,
                _ => {
                    let next = next_line(source, from);
                    after = Some((from, next));
                    next
                }
            }
        });
        waivers.push(Inline {
            codes,
            reason: reason.to_owned(),
            span,
            line,
            used: false,
        });
    }
    waivers
}

/// Why a waiver naming `named` for `reason` may not waive: it names no known code (`PL011`),
/// gives no reason (`PL010`), or the waiver policy refuses it.
fn refusal(
    verdict: &Verdict<'_>,
    named: &[&str],
    reason: &str,
    file: FileId,
    span: &Range<usize>,
) -> Option<Diagnostic> {
    let lang = verdict.lang();
    let unknown: Vec<&str> = named
        .iter()
        .copied()
        .filter(|c| verdict.rules.find(c).is_none())
        .collect();
    if named.is_empty() || !unknown.is_empty() {
        let what = if named.is_empty() {
            String::new()
        } else {
            format!(" `{}`", unknown.join("`, `"))
        };
        return Some(about_waiver(
            codes::BAD_CODE,
            file,
            span.clone(),
            format!("{}{what}", lang.pick("undantaget anger ingen känd regelkod", "the waiver names no known rule code")),
            lang.pick("här", "here"),
            lang.pick("skriv koden för regeln som inte ska gälla, t.ex. `<!-- planlint-disable IP002 -- motivering -->`; `planlint rules` listar koderna", "name the rule that is not to apply, e.g. `<!-- planlint-disable IP002 -- reason -->`; `planlint rules` lists the codes"),
        ));
    }
    if reason.is_empty() {
        return Some(about_waiver(
            codes::NO_REASON,
            file,
            span.clone(),
            lang.pick("undantaget saknar motivering", "the waiver has no reason").to_owned(),
            lang.pick("motivering saknas efter `--`", "no reason after `--`"),
            lang.pick("skriv varför regeln inte ska gälla efter `--`, t.ex. `<!-- planlint-disable IP002 -- nämnden har inget bostadsuppdrag -->`; undantaget är en del av beslutsunderlaget", "say after `--` why the rule does not apply, e.g. `<!-- planlint-disable IP002 -- the board has no housing remit -->`; the waiver is part of the record"),
        ));
    }
    super::policy::refuse_inline(verdict, named, reason, file, span)
}

/// Marks each finding that a waiver applies to as waived, and the waiver as used.
fn waive(waivers: &mut [Inline], source: &SourceFile, found: &mut [Diagnostic]) {
    // The first waiver, in the plan's order, that names a finding's code and applies to its
    // line: the earliest whole-file waiver of the code or the earliest next-line waiver of the
    // code on that line, whichever comes first. Indexed once, so each finding is one lookup.
    let mut whole_file: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_line: FxHashMap<(usize, &str), usize> = FxHashMap::default();
    for (i, w) in waivers.iter().enumerate() {
        for code in &w.codes {
            match w.line {
                None => whole_file.entry(code.as_str()).or_insert(i),
                Some(line) => by_line.entry((line, code.as_str())).or_insert(i),
            };
        }
    }
    let mut chosen = Vec::new();
    for (at, d) in found.iter().enumerate().filter(|(_, d)| d.waiver.is_none()) {
        let line = source.line_index(d.primary.span.start);
        let file_level = whole_file.get(d.code.as_str()).copied();
        let line_level = by_line.get(&(line, d.code.as_str())).copied();
        if let Some(w) = file_level.into_iter().chain(line_level).min() {
            chosen.push((at, w));
        }
    }
    for (at, w) in chosen {
        let w = &mut waivers[w];
        w.used = true;
        let line = source.line_col(w.span.start).0;
        found[at].waiver = Some(Box::new(inline_waiver(
            &w.reason,
            format!("{}:{line}", source.path),
        )));
    }
}

/// A waiver that waived nothing (`PL012`), at `span` of file `file`.
pub(super) fn unused(file: FileId, span: Range<usize>, lang: Lang) -> Diagnostic {
    about_waiver(
        codes::UNUSED,
        file,
        span,
        lang.pick("undantaget undantar ingenting", "the waiver waives nothing")
            .to_owned(),
        lang.pick(
            "ingen anmärkning av de angivna koderna finns här",
            "there is no finding of these codes here",
        ),
        lang.pick(
            "ta bort undantaget; planen uppfyller redan regeln",
            "remove the waiver; the plan already meets the rule",
        ),
    )
}

/// Index of the first non-blank line after line `from` (lines as the file counts them, so a
/// lone CR ends a line here too).
fn next_line(source: &SourceFile, from: usize) -> usize {
    let mut line = from + 1;
    while let Some(range) = source.line_range_of(line) {
        if !source.text[range].trim().is_empty() {
            break;
        }
        line += 1;
    }
    line
}
