//! The coverage matrix for the approval board (`planlint report`): plans × rules, each cell
//! covered, missing (with the finding) or waived (with the reason), with totals. One function
//! per format: self-contained HTML, Markdown for a PR comment, JSON and CSV for spreadsheets.
//!
//! Departments, paths, waiver reasons, messages, rule codes and titles come from plans and packs
//! nobody vetted, so each format escapes all of them: HTML text and attributes with [`esc`] and
//! ids built by [`anchor`]; Markdown cells with [`md_cell`] (the table and its totals always
//! survive); CSV fields with [`csv_field`] (quoted as RFC 4180 says, formulas neutralised).

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::{codes, Checked, WaiverOrigin};
use crate::engine::Rule;
use crate::i18n::Lang;
use crate::verdict::Verdict;

/// One cell.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Cell {
    /// No finding of the rule in the plan.
    Covered,
    /// A finding: its message and 1-based line.
    Missing {
        /// The finding's message.
        message: String,
        /// Its line.
        line: usize,
    },
    /// Findings exist but are waived.
    Waived {
        /// The waiver's reason.
        reason: String,
        /// Who granted it: `plan` (an inline comment by the plan's author) or `board` (a
        /// `[[waiver]]` in planlint.toml).
        by: &'static str,
        /// Where it is written.
        source: String,
        /// The decision behind it, if given.
        decided: Option<String>,
        /// Its last day, if it expires.
        expires: Option<String>,
    },
    /// An `[[override]]` switches the rule off for this plan: a decision, never "met".
    Off {
        /// Where the override is written (`planlint.toml:LINE`).
        at: String,
        /// Its reason, if it gives one.
        reason: Option<String>,
    },
    /// The plan could not be judged (not readable, not text): never "met".
    #[serde(rename = "not-judged")]
    NotJudged {
        /// Why.
        reason: String,
    },
}

/// A row: one plan.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The plan's path.
    pub path: String,
    /// Its department (front matter or title).
    pub department: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Cells that are missing.
    pub missing: usize,
    /// Why the plan could not be judged, if it could not: then every cell is not judged.
    pub not_judged: Option<String>,
}

/// A column: one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Rule code.
    pub code: String,
    /// Short heading: the area's name for area rules, else the rule's name.
    pub title: String,
    /// Plans that meet it (covered or waived). Plans not judged and plans the rule is switched
    /// off for are not counted.
    pub covered: usize,
}

/// The whole matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Columns in rule order.
    pub columns: Vec<Column>,
    /// Rows in plan order.
    pub rows: Vec<Row>,
}

/// Codes that mean a plan could not be read as text, so no rule judged it.
const UNJUDGED: [&str; 3] = [
    codes::NOT_UTF8.code,
    codes::UNREADABLE.code,
    codes::BINARY.code,
];

/// Builds the matrix from the files of a run: a row per plan, a column per rule that ran.
pub fn build(files: &[Checked], verdict: &Verdict<'_>) -> Matrix {
    let lang = verdict.lang();
    let rules: Vec<(usize, &Rule)> = verdict
        .rules()
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| verdict.runs(*i))
        .collect();
    let rows: Vec<Row> = files
        .iter()
        .filter(|f| f.is_plan)
        .map(|plan| {
            let file = &plan.source;
            // A plan planlint could not read as text was not judged against any rule.
            let not_judged = plan
                .diagnostics
                .iter()
                .find(|d| UNJUDGED.contains(&d.code.as_str()))
                .map(|d| d.message.clone());
            let cells: Vec<Cell> = rules
                .iter()
                .map(|&(i, r)| {
                    if let Some(reason) = &not_judged {
                        return Cell::NotJudged {
                            reason: reason.clone(),
                        };
                    }
                    if let Some(o) = verdict.switched_off(&file.path, i) {
                        return Cell::Off {
                            at: o.origin.to_string(),
                            reason: o.reason.clone(),
                        };
                    }
                    let found: Vec<_> = plan
                        .diagnostics
                        .iter()
                        .filter(|d| d.code == r.code())
                        .collect();
                    if let Some(d) = found.iter().find(|d| d.waiver.is_none()) {
                        Cell::Missing {
                            message: d.message.clone(),
                            line: file.line_col(d.primary.span.start).0,
                        }
                    } else if let Some(w) = found.first().and_then(|d| d.waiver.as_ref()) {
                        Cell::Waived {
                            reason: w.reason.clone(),
                            by: match w.origin {
                                WaiverOrigin::Inline => "plan",
                                WaiverOrigin::Config => "board",
                            },
                            source: w.source.clone(),
                            decided: w.decided.clone(),
                            expires: w.expires.clone(),
                        }
                    } else {
                        Cell::Covered
                    }
                })
                .collect();
            let missing = cells
                .iter()
                .filter(|c| matches!(c, Cell::Missing { .. }))
                .count();
            let department = file.department.clone().unwrap_or_else(|| file.path.clone());
            Row {
                path: file.path.clone(),
                department,
                cells,
                missing,
                not_judged,
            }
        })
        .collect();
    let columns = rules
        .iter()
        .enumerate()
        .map(|(i, (_, r))| Column {
            code: r.code().to_owned(),
            title: r.area().map_or_else(
                || r.def.name.get_ref().clone(),
                |a| a.area.get(lang).to_owned(),
            ),
            covered: rows
                .iter()
                .filter(|row| matches!(row.cells[i], Cell::Covered | Cell::Waived { .. }))
                .count(),
        })
        .collect();
    Matrix { columns, rows }
}

/// `s` as HTML text or a double-quoted attribute value.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// The mark of a waived cell: ⚑ for the board's waiver, ⚐ for one the plan's author wrote.
fn flag(by: &str) -> &'static str {
    if by == "plan" {
        "⚐"
    } else {
        "⚑"
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

/// `s` as the text of one Markdown table cell (or list item): it cannot end the cell, the row or
/// the table, nor open HTML (a comment that would swallow the rest). `\` and `|` are
/// backslash-escaped as GitHub's tables want, `` ` `` too; `<`, `>` and an `&` that could start
/// an entity become entities; TAB, CR and LF become spaces; other controls are dropped.
fn md_cell(s: &str) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '\\' | '|' | '`' | '<' | '>' | '&') || c.is_control();
    if !s.contains(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;");
            }
            '\t' | '\r' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` as one CSV field. A field that starts with `=`, `+`, `-`, `@`, TAB or CR would be a
/// formula to a spreadsheet; it gets a `'` in front (OWASP's advice). A field with `,`, `"`, CR
/// or LF is quoted, its `"` doubled (RFC 4180).
fn csv_field(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\r', '\n']);
    match (formula, quote) {
        (false, false) => Cow::Borrowed(s),
        (true, false) => Cow::Owned(format!("'{s}")),
        (formula, true) => Cow::Owned(format!(
            "\"{}{}\"",
            if formula { "'" } else { "" },
            s.replace('"', "\"\"")
        )),
    }
}

/// A self-contained HTML page: inline CSS, no scripts, no external assets, printable.
pub fn html(m: &Matrix, lang: Lang) -> String {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
body{{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}}\n\
table{{border-collapse:collapse;font-size:.9rem}}\n\
th,td{{border:1px solid #999;padding:.35rem .5rem;text-align:center}}\n\
th[scope=row]{{text-align:left;font-weight:normal}}\n\
td.ok{{background:#e3f4e3}} td.missing{{background:#fbe1e1}} td.waived{{background:#fff3cd}} td.off,td.unjudged{{background:#e6e6e6}}\n\
td a{{color:inherit}}\n\
tfoot td,tfoot th{{font-weight:bold}}\n\
@media print{{body{{margin:0}} a{{text-decoration:none}} td.ok,td.missing,td.waived{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}}}\n\
</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{legend}</p>\n",
        title = t("Täckning av integrationspolicyn per förvaltning", "Coverage of the integration policy by department"),
        legend = t("✓ uppfyllt · ✗ saknas (länken leder till anmärkningen) · ⚑ undantag beslutat av nämnden · ⚐ undantag som planens författare skrivit in · av: regeln avstängd av en override · ?: planen kunde inte granskas", "✓ met · ✗ missing (the link leads to the finding) · ⚑ waived by the board · ⚐ waived by the plan's author · off: the rule is switched off by an override · ?: the plan could not be judged"),
    );
    let _ = write!(
        o,
        "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        t("Planer och regler", "Plans and rules"),
        t("Förvaltning", "Department")
    );
    for c in &m.columns {
        let _ = write!(
            o,
            "<th scope=\"col\"><abbr title=\"{}\">{}</abbr><br>{}</th>",
            esc(&c.title),
            esc(&c.code),
            esc(&c.title)
        );
    }
    let _ = writeln!(
        o,
        "<th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        t("Saknas", "Missing")
    );
    for (ri, row) in m.rows.iter().enumerate() {
        let _ = write!(
            o,
            "<tr><th scope=\"row\">{}<br><small>{}</small></th>",
            esc(&row.department),
            esc(&row.path)
        );
        for (c, cell) in m.columns.iter().zip(&row.cells) {
            let _ = match cell {
                Cell::Covered => write!(o, "<td class=\"ok\" data-code=\"{}\" aria-label=\"{}: {}\">✓</td>", esc(&c.code), esc(&c.title), t("uppfyllt", "met")),
                Cell::Missing { .. } => write!(
                    o,
                    "<td class=\"missing\" data-code=\"{}\" aria-label=\"{}: {}\"><a href=\"#{}\">✗</a></td>",
                    esc(&c.code),
                    esc(&c.title),
                    t("saknas", "missing"),
                    anchor(ri, &c.code)
                ),
                Cell::Waived { reason, by, .. } => write!(o, "<td class=\"waived\" data-code=\"{}\" title=\"{}: {}\" aria-label=\"{}: {}\">{}</td>", esc(&c.code), granted(by, lang), esc(reason), esc(&c.title), t("undantag", "waived"), flag(by)),
                Cell::Off { at, reason } => write!(o, "<td class=\"off\" data-code=\"{}\" title=\"{} ({}){}\" aria-label=\"{}: {}\">{}</td>", esc(&c.code), t("avstängd av en override", "switched off by an override"), esc(at), reason.as_deref().map(|r| format!(": {}", esc(r))).unwrap_or_default(), esc(&c.title), t("avstängd", "off"), t("av", "off")),
                Cell::NotJudged { reason } => write!(o, "<td class=\"unjudged\" data-code=\"{}\" title=\"{}\" aria-label=\"{}: {}\">?</td>", esc(&c.code), esc(reason), esc(&c.title), t("ej granskad", "not judged")),
            };
        }
        match &row.not_judged {
            Some(_) => {
                let _ = writeln!(o, "<td>{}</td></tr>", t("ej granskad", "not judged"));
            }
            None => {
                let _ = writeln!(o, "<td>{}</td></tr>", row.missing);
            }
        }
    }
    let _ = write!(
        o,
        "</tbody>\n<tfoot><tr><th scope=\"row\">{} ({} {})</th>",
        t("Uppfyllt", "Met"),
        m.rows.len(),
        t("planer", "plans")
    );
    for c in &m.columns {
        let _ = write!(o, "<td>{}</td>", c.covered);
    }
    let _ = writeln!(
        o,
        "<td></td></tr></tfoot>\n</table>\n<h2>{}</h2>\n<dl>",
        t("Anmärkningar och undantag", "Findings and waivers")
    );
    for (ri, row) in m.rows.iter().enumerate() {
        for (c, cell) in m.columns.iter().zip(&row.cells) {
            let _ = match cell {
                Cell::Missing { message, line } => writeln!(
                    o,
                    "<dt id=\"{}\">{} – {} ({}:{line})</dt><dd>{}</dd>",
                    anchor(ri, &c.code),
                    esc(&row.department),
                    esc(&c.code),
                    esc(&row.path),
                    esc(message)
                ),
                Cell::Waived {
                    reason,
                    by,
                    source,
                    decided,
                    expires,
                } => writeln!(
                    o,
                    "<dt>{} – {} ({})</dt><dd>{}: {} · {} ({}){}{}</dd>",
                    esc(&row.department),
                    esc(&c.code),
                    t("undantag", "waived"),
                    t("Motivering", "Reason"),
                    esc(reason),
                    granted(by, lang),
                    esc(source),
                    decided
                        .as_deref()
                        .map(|d| format!(" · {}: {}", t("beslut", "decision"), esc(d)))
                        .unwrap_or_default(),
                    expires
                        .as_deref()
                        .map(|e| format!(
                            " · {}: {}",
                            t("gäller till och med", "applies until"),
                            esc(e)
                        ))
                        .unwrap_or_default(),
                ),
                Cell::Off { at, reason } => writeln!(
                    o,
                    "<dt>{} – {} ({})</dt><dd>{} ({}){}</dd>",
                    esc(&row.department),
                    esc(&c.code),
                    t("avstängd", "off"),
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
                Cell::Covered | Cell::NotJudged { .. } => Ok(()),
            };
        }
    }
    for row in m.rows.iter().filter(|r| r.not_judged.is_some()) {
        let _ = writeln!(
            o,
            "<dt>{} – {}</dt><dd>{} ({})</dd>",
            esc(&row.department),
            t("ej granskad", "not judged"),
            esc(row.not_judged.as_deref().unwrap_or_default()),
            esc(&row.path)
        );
    }
    o.push_str("</dl>\n</body>\n</html>\n");
    o
}

/// A Markdown table for a pull-request comment.
pub fn markdown(m: &Matrix, lang: Lang) -> String {
    let mut o = String::new();
    let _ = write!(o, "| {} |", lang.pick("Förvaltning", "Department"));
    for c in &m.columns {
        let _ = write!(o, " {} |", md_cell(&c.code));
    }
    let _ = write!(o, " {} |\n|---|", lang.pick("Saknas", "Missing"));
    o.push_str(&"---|".repeat(m.columns.len() + 1));
    o.push('\n');
    for row in &m.rows {
        let _ = write!(o, "| {} |", md_cell(&row.department));
        for cell in &row.cells {
            o.push_str(match cell {
                Cell::Covered => " ✓ |",
                Cell::Missing { .. } => " ✗ |",
                Cell::Waived { by, .. } if *by == "plan" => " ⚐ |",
                Cell::Waived { .. } => " ⚑ |",
                Cell::Off { .. } => " av |",
                Cell::NotJudged { .. } => " ? |",
            });
        }
        match &row.not_judged {
            Some(_) => {
                let _ = writeln!(o, " {} |", lang.pick("ej granskad", "not judged"));
            }
            None => {
                let _ = writeln!(o, " {} |", row.missing);
            }
        }
    }
    let _ = write!(o, "| **{}** |", lang.pick("Uppfyllt", "Met"));
    for c in &m.columns {
        let _ = write!(o, " {}/{} |", c.covered, m.rows.len());
    }
    o.push_str(" |\n\n");
    let unjudged: Vec<&Row> = m.rows.iter().filter(|r| r.not_judged.is_some()).collect();
    if !unjudged.is_empty() {
        let _ = writeln!(
            o,
            "**{}:** {}\n",
            lang.pick("Kunde inte granskas", "Could not be judged"),
            unjudged
                .iter()
                .map(|r| format!(
                    "{} ({})",
                    md_cell(&r.path),
                    md_cell(r.not_judged.as_deref().unwrap_or_default())
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let _ = writeln!(
        o,
        "{}",
        lang.pick(
            "✓ uppfyllt · ✗ saknas · ⚑ undantag beslutat av nämnden · ⚐ undantag som planens författare skrivit in · av: avstängd av en override · ?: kunde inte granskas",
            "✓ met · ✗ missing · ⚑ waived by the board · ⚐ waived by the plan's author · off: switched off by an override · ?: could not be judged"
        )
    );
    for c in &m.columns {
        let _ = writeln!(o, "- {}: {}", md_cell(&c.code), md_cell(&c.title));
    }
    o
}

/// CSV with one row per plan: path, department, then one status per rule.
pub fn csv(m: &Matrix) -> String {
    let field = csv_field;
    let mut o = String::from("path,department");
    for c in &m.columns {
        o.push(',');
        o.push_str(&field(&c.code));
    }
    o.push_str(",missing\n");
    for row in &m.rows {
        o.push_str(&field(&row.path));
        o.push(',');
        o.push_str(&field(&row.department));
        for cell in &row.cells {
            o.push_str(match cell {
                Cell::Covered => ",covered",
                Cell::Missing { .. } => ",missing",
                Cell::Waived { by, .. } if *by == "plan" => ",waived-by-plan",
                Cell::Waived { .. } => ",waived-by-board",
                Cell::Off { .. } => ",off",
                Cell::NotJudged { .. } => ",not-judged",
            });
        }
        let _ = writeln!(o, ",{}", row.missing);
    }
    o
}
