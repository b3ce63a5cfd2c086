//! The report as a self-contained HTML page: inline CSS, no scripts, no external assets. It fits
//! a 1280 px screen (the rule headings stand upright, the table takes the page's width) and
//! prints on A4 landscape (the matrix on the first page, headers repeated, no row cut in two,
//! colours kept). A blocking finding and an advisory one differ in symbol, colour and word.
//! Everything from a plan or a pack is escaped for its place (text, attribute, id).

use std::fmt::Write as _;
use std::io;

use super::{Cell, Column, Entry, Matrix, Provenance, Row, Summary};
use crate::diagnostic::Severity;
use crate::i18n::Lang;

mod estate;
mod list;

/// The page's style: screen first, then print (A4 landscape, headers repeated, colours kept).
const STYLE: &str = include_str!("html/style.css");

/// `s` as HTML text or a double-quoted attribute value.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A message as HTML text: what stands between a pair of backticks becomes `<code>`, the rest
/// is escaped; a backtick without a partner stays a backtick.
fn with_code(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 16);
    for (k, part) in parts.iter().enumerate() {
        if k % 2 == 0 {
            out.push_str(&esc(part));
        } else if k + 1 < parts.len() {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push('`');
            out.push_str(&esc(part));
        }
    }
    out
}

/// A message for an attribute (a tooltip): paired backticks become Swedish quotation marks.
fn plain(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (k, part) in parts.iter().enumerate() {
        match (k % 2, k + 1 < parts.len()) {
            (0, _) => out.push_str(part),
            (_, true) => {
                out.push('”');
                out.push_str(part);
                out.push('”');
            }
            (_, false) => {
                out.push('`');
                out.push_str(part);
            }
        }
    }
    esc(&out)
}

/// Who granted a waiver, for a person.
fn granted(by: &str, lang: Lang) -> &'static str {
    if by == "plan" {
        lang.pick(
            "beviljat i planen av dess författare",
            "granted in the plan by its author",
        )
    } else {
        lang.pick(
            "beviljat av nämnden i planlint.toml",
            "granted by the board in planlint.toml",
        )
    }
}

/// Who granted a waiver, in one short word under its flag.
fn granter(by: &str, lang: Lang) -> &'static str {
    if by == "plan" {
        "plan"
    } else {
        lang.pick("nämnd", "board")
    }
}

/// The mark of a waived cell: ⚑ for the board's waiver, ⚐ for one the plan's author wrote.
fn flag(by: &str) -> &'static str {
    if by == "plan" {
        "⚐"
    } else {
        "⚑"
    }
}

/// Symbol, class and word of a severity: an error blocks approval, the others are advice.
fn level(severity: Severity, lang: Lang) -> (&'static str, &'static str, &'static str) {
    match severity {
        Severity::Error => ("✗", "error", lang.pick("fel", "error")),
        Severity::Warning => ("△", "advice", lang.pick("varning", "warning")),
        Severity::Info => ("ℹ", "advice", "info"),
    }
}

/// The id of a finding's entry, `f-ROW-CODE`, and the target of its link (`#` + the id). Every
/// character of the code outside `A–Z a–z 0–9 -` is written `_HEX_` (its code point), `_`
/// included, so the id needs no escaping in `id` or `href`, and two codes never share an id.
fn anchor(row: usize, code: &str) -> String {
    let mut id = format!("f-{row}-");
    for c in code.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", u32::from(c));
        }
    }
    id
}

/// A path as HTML text that may break after each `/` when its cell is narrow.
fn breakable(path: &str) -> String {
    esc(path).replace('/', "/<wbr>")
}

/// A self-contained HTML page: inline CSS, no scripts, no external assets, printable.
pub fn html(m: &Matrix, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    // The title names the packs the plans were judged against.
    let title = esc(&m.provenance.as_ref().map_or_else(
        || t("Täckningsrapport", "Coverage report").to_owned(),
        |p| p.title(lang),
    ));
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    if let Some(p) = &m.provenance {
        provenance(&mut o, p, lang);
    }
    summary(&mut o, &m.summary, lang);
    matrix(&mut o, m, lang, out)?;
    let _ = writeln!(
        o,
        "<p class=\"legend\">{}</p>",
        t(
            "<span><b class=\"error\">&nbsp;✗ fel&nbsp;</b> hindrar godkännande</span> · <span><b class=\"advice\">&nbsp;△ varning&nbsp;</b> <b class=\"advice\">&nbsp;ℹ info&nbsp;</b> råd som inte hindrar</span> · <span>✓ uppfyllt</span> · <span>⚑ nämnd: undantag beslutat av nämnden</span> · <span>⚐ plan: undantag som planens författare skrivit in</span> · <span>– kunde inte prövas: området saknas i planen</span> · <span>av: avstängd av en override</span> · <span>?: planen kunde inte granskas</span> · <span>en markering leder till anmärkningen under tabellen</span>",
            "<span><b class=\"error\">&nbsp;✗ error&nbsp;</b> blocks approval</span> · <span><b class=\"advice\">&nbsp;△ warning&nbsp;</b> <b class=\"advice\">&nbsp;ℹ info&nbsp;</b> advice that does not block</span> · <span>✓ met</span> · <span>⚑ board: waived by the board</span> · <span>⚐ plan: waived by the plan's author</span> · <span>– could not be judged: the area is missing from the plan</span> · <span>off: switched off by an override</span> · <span>?: the plan could not be judged</span> · <span>a mark leads to the finding below the table</span>"
        )
    );
    if let Some(trend) = &m.trend {
        estate::trend(&mut o, trend, lang);
    }
    list::findings(&mut o, m, lang, out)?;
    list::skipped(&mut o, m, lang);
    o.push_str("</body>\n</html>\n");
    out.write_all(o.as_bytes())
}

/// What the report judged, as a definition list above the summary: a group per line, its
/// term and a definition per value (one per pack). The groups run on as text (two lines on a
/// 1280 px screen), so the matrix's totals stay in view.
fn provenance(o: &mut String, p: &Provenance, lang: Lang) {
    o.push_str("<dl class=\"provenance\">\n");
    for line in p.lines(lang) {
        let _ = write!(
            o,
            "<div data-key=\"{}\"><dt>{}</dt>",
            line.key,
            esc(line.label)
        );
        for value in &line.values {
            let _ = write!(o, "<dd>{}</dd>", esc(value));
        }
        o.push_str("</div>\n");
    }
    o.push_str("</dl>\n");
}

/// What the board reads first: how many plans are blocked, how much advice, how many pass.
fn summary(o: &mut String, s: &Summary, lang: Lang) {
    let _ = writeln!(
        o,
        "<ul id=\"summa\" data-plans=\"{}\" data-blocking=\"{}\" data-advisory=\"{}\">",
        s.plans, s.blocking, s.advisory
    );
    for (kind, symbol, text) in s.statements(lang) {
        let _ = writeln!(o, "<li class=\"{kind}\">{symbol} {}</li>", esc(&text));
    }
    o.push_str("</ul>\n");
}

/// The matrix: a header row grouping blocking and advisory rules, one row per plan, totals.
fn matrix(o: &mut String, m: &Matrix, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let estate = m.shows_estate();
    let _ = write!(
        o,
        "<table class=\"matrix{}{}\">\n<caption>{}</caption>\n<colgroup><col class=\"dept\">{}{}<col class=\"total\"><col class=\"total\"></colgroup>\n<thead><tr><td{}></td>",
        // More rules than the built-in pack's leave the department less room.
        if m.columns.len() > 15 { " many" } else { "" },
        if estate { " estate" } else { "" },
        match m.years.as_slice() {
            [year] => format!("{} {year}", t("Planer och regler,", "Plans and rules,")),
            _ => t("Planer och regler", "Plans and rules").to_owned(),
        },
        if estate { "<col class=\"board\"><col class=\"stage\">" } else { "" },
        "<col>".repeat(m.columns.len()),
        if estate { " colspan=\"3\"" } else { "" },
    );
    // Runs of neighbouring columns that block or advise, each under one heading.
    let mut k = 0;
    while k < m.columns.len() {
        let blocks = m.columns[k].severity == Severity::Error;
        let run = m.columns[k..]
            .iter()
            .take_while(|c| (c.severity == Severity::Error) == blocks)
            .count();
        let (class, symbol, short, text) = if blocks {
            (
                "error",
                "✗",
                t("Krav", "Must"),
                t("Krav – hindrar godkännande", "Required – blocks approval"),
            )
        } else {
            (
                "advice",
                "△",
                t("Råd", "Advice"),
                t("Råd – hindrar inte", "Advice – does not block"),
            )
        };
        // A heading over one or two narrow columns says it in a symbol or a word.
        let shown = match run {
            1 => symbol,
            2 => short,
            _ => text,
        };
        let _ = write!(
            o,
            "<th scope=\"colgroup\" colspan=\"{run}\" class=\"group {class}\" title=\"{text}\">{shown}</th>"
        );
        k += run;
    }
    let _ = write!(
        o,
        "<th scope=\"colgroup\" colspan=\"2\" class=\"group\">{}</th></tr>\n<tr><th scope=\"col\">{}</th>",
        t("Summa", "Totals"),
        t("Förvaltning", "Department")
    );
    if estate {
        let _ = write!(
            o,
            "<th scope=\"col\" class=\"board\">{}</th><th scope=\"col\" class=\"stage\">{}</th>",
            t("Nämnd", "Board"),
            t("Skede", "Stage")
        );
    }
    for c in &m.columns {
        let _ = write!(
            o,
            "<th scope=\"col\" class=\"rule\" title=\"{code} {title}\"><span class=\"rot\"><b>{code}</b> {title}</span></th>",
            code = esc(&c.code),
            title = esc(&c.title),
        );
    }
    let _ = writeln!(
        o,
        "<th scope=\"col\" class=\"total error\">{}</th><th scope=\"col\" class=\"total advice\">{}</th></tr></thead>\n<tbody>",
        t("Hindrar", "Blocking"),
        t("Råd", "Advice")
    );
    let width = m.columns.len() + 3 + if estate { 2 } else { 0 };
    let mut year = None;
    for entry in m.entries() {
        let (of, entry) = entry?;
        // One year needs no heading of its own: the caption names it.
        if year != Some(of) {
            year = Some(of);
            if m.years.len() > 1 || (of.is_none() && !m.years.is_empty()) {
                estate::year_row(o, of, width, lang);
            }
        }
        match entry {
            Entry::Plan(ri, head) => {
                plan_row(o, m, ri, &m.rows.row(&head)?, estate, lang);
                super::spill(o, out)?;
            }
            Entry::Absent(ai) => estate::absent_row(o, &m.absent[ai], m.columns.len(), lang),
        }
    }
    let _ = write!(
        o,
        "</tbody>\n<tfoot><tr><th scope=\"row\"{}>{} ({})</th>",
        if estate { " colspan=\"3\"" } else { "" },
        t("Uppfyllt", "Met"),
        if m.rows.len() == 1 {
            format!("1 {}", t("plan", "plan"))
        } else {
            format!("{} {}", m.rows.len(), t("planer", "plans"))
        }
    );
    for c in &m.columns {
        let _ = write!(o, "<td>{}</td>", c.covered);
    }
    let _ = writeln!(
        o,
        "<td class=\"total error\" id=\"summa-hindrar\">{}</td><td class=\"total advice\">{}</td></tr></tfoot>\n</table>",
        m.summary.blocking, m.summary.advisory
    );
    Ok(())
}

/// One plan's row: its name and path (its nämnd and stage when the matrix shows them), a
/// cell per rule, and its totals.
fn plan_row(o: &mut String, m: &Matrix, ri: usize, row: &Row, estate: bool, lang: Lang) {
    let _ = write!(
        o,
        "<tr><th scope=\"row\">{}<br><small>{}</small></th>",
        esc(&row.department),
        breakable(&row.path)
    );
    if estate {
        estate::cells(o, row, lang);
    }
    for (c, cell) in m.columns.iter().zip(&row.cells) {
        rule_cell(o, c, ri, cell, row.line_word(), lang);
    }
    totals(o, row, lang);
}

/// The cell of rule column `c` in row `ri`: its mark, a tooltip saying why, and a label for
/// screen readers; a finding's mark links to its entry in the list.
fn rule_cell(
    o: &mut String,
    c: &Column,
    ri: usize,
    cell: &Cell,
    line_word: (&'static str, &'static str),
    lang: Lang,
) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let head = format!("{} {}", esc(&c.code), esc(&c.title));
    let _ = match cell {
        Cell::Covered => write!(
            o,
            "<td class=\"ok\" data-code=\"{}\" aria-label=\"{head}: {}\">✓</td>",
            esc(&c.code),
            t("uppfyllt", "met")
        ),
        Cell::Missing {
            severity,
            message,
            line,
            count,
        } => {
            let (sym, class, word) = level(*severity, lang);
            let more = if *count > 1 {
                format!("<span class=\"n\">×{count}</span>")
            } else {
                String::new()
            };
            write!(
                o,
                "<td class=\"missing {class}\" data-code=\"{}\" title=\"{} {line}: {}\" aria-label=\"{head}: {word}\"><a href=\"#{}\"><span class=\"sym\">{sym}{more}</span><span class=\"word\">{word}</span></a></td>",
                esc(&c.code),
                t(line_word.0, line_word.1),
                plain(message),
                anchor(ri, &c.code)
            )
        }
        Cell::Waived { reason, by, .. } => write!(
            o,
            "<td class=\"waived\" data-code=\"{}\" title=\"{}: {}\" aria-label=\"{head}: {}, {}\"><span class=\"sym\">{}</span><span class=\"word\">{}</span></td>",
            esc(&c.code),
            granted(by, lang),
            esc(reason),
            t("undantag", "waived"),
            granted(by, lang),
            flag(by),
            granter(by, lang)
        ),
        Cell::Off { at, reason } => write!(
            o,
            "<td class=\"off\" data-code=\"{}\" title=\"{} ({}){}\" aria-label=\"{head}: {}\">{}</td>",
            esc(&c.code),
            t("avstängd av en override", "switched off by an override"),
            esc(at),
            reason
                .as_deref()
                .map(|r| format!(": {}", esc(r)))
                .unwrap_or_default(),
            t("avstängd", "off"),
            t("av", "off")
        ),
        Cell::NotApplicable { reason } => write!(
            o,
            "<td class=\"na\" data-code=\"{}\" title=\"{}\" aria-label=\"{head}: {}\">–</td>",
            esc(&c.code),
            esc(reason),
            esc(reason)
        ),
        Cell::NotJudged { reason } => write!(
            o,
            "<td class=\"unjudged\" data-code=\"{}\" title=\"{}\" aria-label=\"{head}: {}\">?</td>",
            esc(&c.code),
            esc(reason),
            t("ej granskad", "not judged")
        ),
    };
}

/// The row's blocking and advisory counts, or one cell saying the plan was not judged.
fn totals(o: &mut String, row: &Row, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    match &row.not_judged {
        Some(_) => {
            let _ = writeln!(
                o,
                "<td class=\"total unjudged\" colspan=\"2\">{}</td></tr>",
                t("ej granskad", "not judged")
            );
        }
        None => {
            let _ = writeln!(
                o,
                "<td class=\"total{}\">{}</td><td class=\"total{}\">{}</td></tr>",
                if row.blocking > 0 { " error" } else { "" },
                row.blocking,
                if row.advisory > 0 { " advice" } else { "" },
                row.advisory
            );
        }
    }
}
