//! The list under the matrix: per plan, every finding with its line, level and message (inline
//! code as `<code>`), waived ones with their waiver, and the rules that could not be judged or
//! were switched off, with why. It is the target of the matrix's links.

use std::fmt::Write as _;

use super::{anchor, esc, flag, granted, level, with_code};
use crate::i18n::Lang;
use crate::render::matrix::{Cell, Finding, Matrix, Row, Waiver, PER_CODE};

/// Every plan's findings, a table per plan, and the plans without any.
pub(super) fn findings(
    o: &mut String,
    m: &Matrix,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        o,
        "<h2 class=\"list\">{}</h2>",
        t("Anmärkningar per plan", "Findings by plan")
    );
    for (ri, head) in m.rows.heads().enumerate() {
        let head = head?;
        if head.clean {
            continue;
        }
        plan(o, m, ri, &m.rows.row(&head)?, lang);
        crate::render::matrix::spill(o, out)?;
    }
    // The plans without findings, named from their heads: no row is read again.
    let mut first = true;
    for head in m.rows.heads() {
        let head = head?;
        if !head.clean {
            continue;
        }
        if first {
            let _ = write!(
                o,
                "<p class=\"clean\">{}: ",
                t("Utan anmärkningar", "Without findings")
            );
        } else {
            o.push_str(", ");
        }
        first = false;
        o.push_str(&esc(&head.department));
        if m.rows.shares_department(&head) {
            let _ = write!(o, " <small>({})</small>", esc(&head.path));
        }
        crate::render::matrix::spill(o, out)?;
    }
    if !first {
        o.push_str(".</p>\n");
    }
    Ok(())
}

/// The files that look like plans and were not judged, with their paths and why, under a
/// heading of their own: they have no row in the matrix.
pub(super) fn skipped(o: &mut String, m: &Matrix, lang: Lang) {
    if m.skipped.is_empty() {
        return;
    }
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        o,
        "<h2 class=\"skipped\" id=\"hoppades-over\">{}</h2>\n<p>{}</p>\n<ul class=\"skipped\">",
        t("Hoppades över", "Skipped"),
        t(
            "Filer som ser ut som planer men inte granskades; de finns inte i tabellen.",
            "Files that look like plans but were not judged; they are not in the table."
        )
    );
    for s in &m.skipped {
        let _ = writeln!(
            o,
            "<li data-why=\"{}\"><code>{}</code>: {}</li>",
            s.why,
            esc(&s.path),
            with_code(&s.reason)
        );
    }
    o.push_str("</ul>\n");
}

/// One plan's table: its findings (the first few of each code), a line for the rest of each
/// code, and the rules that were not judged or were switched off.
fn plan(o: &mut String, m: &Matrix, ri: usize, row: &Row, lang: Lang) {
    head(o, row, lang);
    let seen = finding_rows(o, m, ri, row, lang);
    more_rows(o, m, &seen, lang);
    unjudged_rows(o, m, row, lang);
    o.push_str("</tbody>\n</table>\n</section>\n");
}

/// The rule `code`'s title with a space before it, or `""` for a code with no column.
fn rule_title(m: &Matrix, code: &str) -> String {
    m.columns
        .iter()
        .find(|c| c.code == code)
        .map(|c| format!(" {}", esc(&c.title)))
        .unwrap_or_default()
}

/// The plan's heading with its counts, and the head of its table.
fn head(o: &mut String, row: &Row, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        o,
        "<section class=\"plan\">\n<h3>{} <small>{}</small> <span>· {}</span></h3>\n<table class=\"findings\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        esc(&row.department),
        esc(&row.path),
        match &row.not_judged {
            Some(_) => t("ej granskad", "not judged").to_owned(),
            None => format!(
                "{} {} · {} {}",
                row.blocking,
                t("fel som hindrar", "blocking"),
                row.advisory,
                t("råd", "advisory")
            ),
        },
        t("Rad", "Line"),
        t("Regel", "Rule"),
        t("Nivå", "Level"),
        t("Anmärkning", "Finding"),
    );
}

/// A row per finding, at most [`PER_CODE`] of each code; returns how many findings each code
/// has, in the order the codes first came.
fn finding_rows<'r>(
    o: &mut String,
    m: &Matrix,
    ri: usize,
    row: &'r Row,
    lang: Lang,
) -> Vec<(&'r str, usize)> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for f in &row.findings {
        let n = if let Some((_, n)) = seen.iter_mut().find(|(c, _)| *c == f.code) {
            *n += 1;
            *n
        } else {
            seen.push((&f.code, 1));
            1
        };
        if n > PER_CODE {
            continue;
        }
        // The matrix links to the first finding of the code that is not waived.
        let first_live = f.waiver.is_none()
            && row
                .findings
                .iter()
                .find(|g| g.code == f.code && g.waiver.is_none())
                .is_some_and(|g| std::ptr::eq(g, f));
        let id = if first_live {
            format!(" id=\"{}\"", anchor(ri, &f.code))
        } else {
            String::new()
        };
        let waiver = f
            .waiver
            .as_ref()
            .map(|w| format!("<br><small>{}</small>", waiver_text(w, lang)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<tr{id}><td class=\"line\">{}</td><td class=\"rule\"><b>{}</b>{}</td>{}<td>{}{waiver}</td></tr>",
            f.line,
            esc(&f.code),
            rule_title(m, &f.code),
            level_cell(f, lang),
            with_code(&f.message),
        );
    }
    seen
}

/// For each code with more than [`PER_CODE`] findings, a row saying how many more.
fn more_rows(o: &mut String, m: &Matrix, seen: &[(&str, usize)], lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    for (code, n) in seen.iter().filter(|(_, n)| *n > PER_CODE) {
        let _ = writeln!(
            o,
            "<tr><td class=\"line\">…</td><td class=\"rule\"><b>{}</b>{}</td><td class=\"level\"></td><td>{} {} ({})</td></tr>",
            esc(code),
            rule_title(m, code),
            n - PER_CODE,
            t("till av samma slag", "more of the same kind"),
            t(
                "<code>planlint check --format short</code> listar alla",
                "<code>planlint check --format short</code> lists them all"
            ),
        );
    }
}

/// A row per rule that could not be judged on the plan or that an override switched off.
fn unjudged_rows(o: &mut String, m: &Matrix, row: &Row, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    for (c, cell) in m.columns.iter().zip(&row.cells) {
        let (class, level, text) = match cell {
            Cell::NotApplicable { reason } => ("na", t("– ej prövad", "– not judged"), esc(reason)),
            Cell::Off { at, reason } => (
                "off",
                t("av", "off"),
                format!(
                    "{} ({}){}",
                    t(
                        "Regeln är avstängd för planen av en override",
                        "An override switches the rule off for this plan"
                    ),
                    esc(at),
                    reason
                        .as_deref()
                        .map(|r| format!(": {}", esc(r)))
                        .unwrap_or_default()
                ),
            ),
            _ => continue,
        };
        let _ = writeln!(
            o,
            "<tr class=\"{class}\"><td class=\"line\">–</td><td class=\"rule\"><b>{}</b> {}</td><td class=\"level {class}\">{level}</td><td>{text}</td></tr>",
            esc(&c.code),
            esc(&c.title),
        );
    }
}

/// A waiver's reason, who granted it, where, and its decision and expiry, as HTML text.
fn waiver_text(w: &Waiver, lang: Lang) -> String {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    format!(
        "{}: {} · {} ({}){}{}",
        t("Motivering", "Reason"),
        esc(&w.reason),
        granted(&w.by, lang),
        esc(&w.source),
        w.decided
            .as_deref()
            .map(|d| format!(" · {}: {}", t("beslut", "decision"), esc(d)))
            .unwrap_or_default(),
        w.expires
            .as_deref()
            .map(|e| format!(
                " · {}: {}",
                t("gäller till och med", "applies until"),
                esc(e)
            ))
            .unwrap_or_default(),
    )
}

/// The level cell of a finding in the list: symbol and word, or the waiver's flag.
fn level_cell(f: &Finding, lang: Lang) -> String {
    if let Some(w) = &f.waiver {
        format!(
            "<td class=\"level waived\">{} {}</td>",
            flag(&w.by),
            lang.pick("undantag", "waived")
        )
    } else {
        let (sym, class, word) = level(f.severity, lang);
        format!("<td class=\"level {class}\">{sym} {word}</td>")
    }
}
