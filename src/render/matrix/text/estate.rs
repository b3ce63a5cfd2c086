//! The estate in the Markdown and CSV reports: a plan's year, nämnd and stage, a row for a
//! department that has not submitted its plan, and the trend per department.

use std::fmt::Write as _;

use super::{csv_field, md_cell};
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::render::matrix::trend::Trend;
use crate::render::matrix::{AbsentRow, Row};

/// A plan's year, nämnd and stage cells.
pub(super) fn md_cells(o: &mut String, row: &Row) {
    let year = row.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = write!(
        o,
        " {year} | {} | {} |",
        md_cell(row.board.as_deref().unwrap_or_default()),
        md_cell(row.stage.as_deref().unwrap_or_default())
    );
}

/// A department without a plan: `∅` in every rule's column, one blocking finding when it blocks.
pub(super) fn md_absent(o: &mut String, a: &AbsentRow, rules: usize, lang: Lang) {
    let blocks = a.severity == Some(Severity::Error);
    let _ = write!(
        o,
        "| {} ({}) | {} | {} | {} |",
        md_cell(&a.department),
        lang.pick("ingen plan inlämnad", "no plan submitted"),
        a.year.map(|y| y.to_string()).unwrap_or_default(),
        md_cell(a.board.as_deref().unwrap_or_default()),
        md_cell(a.stage.as_deref().unwrap_or_default()),
    );
    o.push_str(&" ∅ |".repeat(rules));
    let _ = writeln!(
        o,
        " {} | {} |",
        usize::from(blocks),
        usize::from(!blocks && a.severity.is_some())
    );
}

/// The trend as a table: a column per year, `areas/of` with the blocking errors and ↑/↓.
pub(super) fn md_trend(o: &mut String, t: &Trend, lang: Lang) {
    let _ = write!(
        o,
        "\n### {}\n\n| {} | {} |",
        lang.pick("Utveckling per förvaltning", "Trend by department"),
        lang.pick("Förvaltning", "Department"),
        lang.pick("Nämnd", "Board")
    );
    for y in &t.years {
        let _ = write!(o, " {y} |");
    }
    let _ = write!(o, " {} |\n|---|---|", lang.pick("Förändring", "Change"));
    o.push_str(&"---|".repeat(t.years.len() + 1));
    o.push('\n');
    for d in &t.departments {
        let _ = write!(
            o,
            "| {}{} | {} |",
            md_cell(&d.department),
            if d.fell_back { " ↓" } else { "" },
            md_cell(d.board.as_deref().unwrap_or_default())
        );
        for cell in &d.years {
            let text = match cell {
                None => String::new(),
                Some(c) if !c.submitted => format!("∅ {}", lang.pick("ingen plan", "no plan")),
                Some(c) if !c.judged => format!("? {}", lang.pick("ej granskad", "not judged")),
                Some(c) => {
                    let errors = match (c.blocking, lang) {
                        (0, _) => String::new(),
                        (n, Lang::Sv) => format!(" · {n} fel"),
                        (1, Lang::En) => " · 1 error".to_owned(),
                        (n, Lang::En) => format!(" · {n} errors"),
                    };
                    format!("{}/{}{errors}", c.areas, c.of)
                }
            };
            let arrow = match cell.as_ref().and_then(|c| c.change) {
                Some("up") => " ↑",
                Some("down") => " ↓",
                _ => "",
            };
            let _ = write!(o, " {text}{arrow} |");
        }
        let changes: Vec<String> = d.changes.iter().map(|c| md_cell(c).into_owned()).collect();
        let _ = writeln!(o, " {} |", changes.join("; "));
    }
}

/// A plan's `year,year_from,namnd,status,stage,roster` fields and the end of its line.
pub(super) fn csv_fields(o: &mut String, row: &Row) {
    let year = row.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = writeln!(
        o,
        ",{year},{},{},{},{},{}",
        row.year_from.as_deref().unwrap_or_default(),
        csv_field(row.board.as_deref().unwrap_or_default()),
        csv_field(row.status.as_deref().unwrap_or_default()),
        csv_field(row.stage.as_deref().unwrap_or_default()),
        csv_field(row.roster.as_deref().unwrap_or_default()),
    );
}

/// A department without a plan: no path, `no-plan` for every rule, blocking 1 when it blocks.
pub(super) fn csv_absent(o: &mut String, a: &AbsentRow, rules: usize) {
    let blocks = a.severity == Some(Severity::Error);
    o.push(',');
    o.push_str(&csv_field(&a.department));
    o.push_str(&",no-plan".repeat(rules));
    let year = a.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = writeln!(
        o,
        ",,{},{},{year},,{},,{},{}",
        usize::from(blocks),
        usize::from(!blocks && a.severity.is_some()),
        csv_field(a.board.as_deref().unwrap_or_default()),
        csv_field(a.stage.as_deref().unwrap_or_default()),
        csv_field(&a.department),
    );
}
