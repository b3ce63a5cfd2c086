//! The list under the matrix: per plan, every finding with its line, level and message (inline
//! code as `<code>`), waived ones with their waiver, and the rules that could not be judged or
//! were switched off, with why. It is the target of the matrix's links.

use std::fmt::Write as _;

use super::{anchor, esc, level_cell, waiver_text, with_code};
use crate::i18n::Lang;
use crate::render::matrix::{Cell, Matrix, Row, PER_CODE};

/// Every plan's findings, a table per plan, and the plans without any.
pub(super) fn findings(o: &mut String, m: &Matrix, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        o,
        "<h2 class=\"list\">{}</h2>",
        t("Anmärkningar per plan", "Findings by plan")
    );
    let mut clean = Vec::new();
    for (ri, row) in m.rows.iter().enumerate() {
        let quiet = row
            .cells
            .iter()
            .all(|c| matches!(c, Cell::Covered | Cell::Waived { .. }));
        if row.findings.is_empty() && quiet {
            clean.push(esc(&row.department));
            continue;
        }
        plan(o, m, ri, row, lang);
    }
    if !clean.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"clean\">{}: {}.</p>",
            t("Utan anmärkningar", "Without findings"),
            clean.join(", ")
        );
    }
}

/// One plan's table.
fn plan(o: &mut String, m: &Matrix, ri: usize, row: &Row, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let title = |code: &str| {
        m.columns
            .iter()
            .find(|c| c.code == code)
            .map(|c| format!(" {}", esc(&c.title)))
            .unwrap_or_default()
    };
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
            title(&f.code),
            level_cell(f, lang),
            with_code(&f.message),
        );
    }
    for (code, n) in seen.iter().filter(|(_, n)| *n > PER_CODE) {
        let _ = writeln!(
            o,
            "<tr><td class=\"line\">…</td><td class=\"rule\"><b>{}</b>{}</td><td class=\"level\"></td><td>{} {} ({})</td></tr>",
            esc(code),
            title(code),
            n - PER_CODE,
            t("till av samma slag", "more of the same kind"),
            t(
                "<code>planlint check --format short</code> listar alla",
                "<code>planlint check --format short</code> lists them all"
            ),
        );
    }
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
    o.push_str("</tbody>\n</table>\n</section>\n");
}
