//! The report as text: a Markdown table for a pull-request comment, and CSV for spreadsheets.
//! Every cell is escaped so that no plan can end a cell, a row or the table, open HTML, or
//! become a spreadsheet formula.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Cell, Matrix, Row};
use crate::i18n::Lang;

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
