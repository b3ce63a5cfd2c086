//! The estate in the HTML report: the nämnd and stage cells of a plan's row, a year's heading
//! row, a row for a department that has not submitted its plan, and the trend per department
//! over the years.

use std::fmt::Write as _;

use super::esc;
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::render::matrix::trend::{Trend, YearCell};
use crate::render::matrix::{AbsentRow, Row};

/// The nämnd and stage cells of a plan's row; the stage's title says the `status` as written
/// and whether `--stage` set it.
pub(super) fn cells(o: &mut String, row: &Row, lang: Lang) {
    let board = row.board.as_deref().map_or_else(|| "–".to_owned(), esc);
    let _ = write!(o, "<td class=\"board\">{board}</td>");
    match &row.stage {
        None => {
            let _ = write!(
                o,
                "<td class=\"stage\" title=\"{}\">–</td>",
                lang.pick("planen anger ingen status", "the plan gives no status")
            );
        }
        Some(stage) => {
            let why = match &row.status {
                Some(status) => format!("status: {}", esc(status)),
                None => lang
                    .pick("ingen status i planen", "no status in the plan")
                    .to_owned(),
            };
            let _ = write!(o, "<td class=\"stage\" title=\"{why}\">{}</td>", esc(stage));
        }
    }
}

/// The heading row of a year's plans (or of the plans without a year), across `width` columns.
pub(super) fn year_row(o: &mut String, year: Option<u16>, width: usize, lang: Lang) {
    let (id, text) = match year {
        Some(y) => (format!("ar-{y}"), y.to_string()),
        None => (
            "ar-okant".to_owned(),
            lang.pick("Utan år", "Without a year").to_owned(),
        ),
    };
    let _ = writeln!(
        o,
        "<tr class=\"year\"><th scope=\"rowgroup\" colspan=\"{width}\" id=\"{id}\">{text}</th></tr>"
    );
}

/// The row of a department without a plan: its name and where the plan is expected, its
/// nämnd and stage, one cell across the rules, and one blocking finding when it blocks.
pub(super) fn absent_row(o: &mut String, a: &AbsentRow, rules: usize, lang: Lang) {
    let blocks = a.severity == Some(Severity::Error);
    let expected = a
        .expected
        .iter()
        .map(|g| esc(g))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(
        o,
        "<tr class=\"absent\"><th scope=\"row\">{}<br><small>{}: {expected}</small></th>",
        esc(&a.department),
        lang.pick("väntas i", "expected in")
    );
    let board = a.board.as_deref().map_or_else(|| "–".to_owned(), esc);
    let stage = a.stage.as_deref().map_or_else(|| "–".to_owned(), esc);
    let _ = write!(
        o,
        "<td class=\"board\">{board}</td><td class=\"stage\">{stage}</td>"
    );
    let _ = writeln!(
        o,
        "<td class=\"noplan{}\" colspan=\"{rules}\">∅ {}</td><td class=\"total{}\">{}</td><td class=\"total\">{}</td></tr>",
        if blocks { " error" } else { " advice" },
        lang.pick("ingen plan inlämnad", "no plan submitted"),
        if blocks { " error" } else { "" },
        usize::from(blocks),
        usize::from(!blocks && a.severity.is_some()),
    );
}

/// The trend: per department, each year's areas and blocking findings with ↑/↓ against the
/// year before, and what changed in words.
pub(super) fn trend(o: &mut String, t: &Trend, lang: Lang) {
    let _ = writeln!(
        o,
        "<h2 id=\"utveckling\">{}</h2>\n<p class=\"note\">{}</p>\n<table class=\"trend\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>{}<th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        lang.pick("Utveckling per förvaltning", "Trend by department"),
        lang.pick(
            "Områden som täcks av planen och fel som hindrar godkännande, år för år; ↑ bättre än året före, ↓ sämre.",
            "Areas the plan covers and errors that block approval, year by year; ↑ better than the year before, ↓ worse."
        ),
        lang.pick("Förvaltning", "Department"),
        lang.pick("Nämnd", "Board"),
        t.years.iter().fold(String::new(), |mut heads, y| {
            let _ = write!(heads, "<th scope=\"col\">{y}</th>");
            heads
        }),
        lang.pick("Förändring", "Change"),
    );
    for d in &t.departments {
        let _ = write!(
            o,
            "<tr{}><th scope=\"row\">{}</th><td class=\"board\">{}</td>",
            if d.fell_back {
                " class=\"fell-back\""
            } else {
                ""
            },
            esc(&d.department),
            d.board.as_deref().map_or_else(|| "–".to_owned(), esc)
        );
        for cell in &d.years {
            year_cell(o, cell.as_ref(), lang);
        }
        let changes = d
            .changes
            .iter()
            .map(|c| esc(c))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(o, "<td class=\"changes\">{changes}</td></tr>");
    }
    o.push_str("</tbody>\n</table>\n");
}

/// One year of a department in the trend.
fn year_cell(o: &mut String, cell: Option<&YearCell>, lang: Lang) {
    let Some(c) = cell else {
        o.push_str("<td class=\"none\"></td>");
        return;
    };
    let arrow = match c.change {
        Some("up") => format!(
            " <span class=\"up\" title=\"{}\">↑</span>",
            lang.pick("bättre än året före", "better than the year before")
        ),
        Some("down") => format!(
            " <span class=\"down\" title=\"{}\">↓</span>",
            lang.pick("sämre än året före", "worse than the year before")
        ),
        _ => String::new(),
    };
    if !c.submitted {
        let _ = write!(
            o,
            "<td class=\"noplan\">∅ {}{arrow}</td>",
            lang.pick("ingen plan", "no plan")
        );
        return;
    }
    if !c.judged {
        let _ = write!(
            o,
            "<td class=\"unjudged\">? {}{arrow}</td>",
            lang.pick("ej granskad", "not judged")
        );
        return;
    }
    let errors = match (c.blocking, lang) {
        (0, _) => String::new(),
        (n, Lang::Sv) => format!(" · {n} fel"),
        (1, Lang::En) => " · 1 error".to_owned(),
        (n, Lang::En) => format!(" · {n} errors"),
    };
    let _ = write!(
        o,
        "<td class=\"{}\" data-areas=\"{}\" data-blocking=\"{}\">{}/{} {}{errors}{arrow}</td>",
        if c.blocking > 0 { "blocked" } else { "ok" },
        c.areas,
        c.blocking,
        c.areas,
        c.of,
        lang.pick("områden", "areas"),
    );
}
