//! The report as text: a Markdown table for a pull-request comment (with the summary and every
//! finding under it), and CSV for spreadsheets. Both say the same as the HTML page: the same
//! marks, the same counts of what blocks and what advises.
//! Every cell is escaped so that no plan can end a cell, a row or the table, open HTML, or
//! become a spreadsheet formula.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use super::{Cell, Entry, Matrix, Provenance, PER_CODE};
use crate::diagnostic::Severity;
use crate::i18n::Lang;

mod estate;

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

/// The mark of a cell in the Markdown table: an error and advice differ in symbol.
fn md_mark(cell: &Cell) -> &'static str {
    match cell {
        Cell::Covered => "✓",
        Cell::Missing { severity, .. } => match severity {
            Severity::Error => "✗",
            Severity::Warning => "△",
            Severity::Info => "ℹ",
        },
        Cell::Waived { by, .. } if *by == "plan" => "⚐",
        Cell::Waived { .. } => "⚑",
        Cell::Off { .. } => "av",
        Cell::NotApplicable { .. } => "–",
        Cell::NotJudged { .. } => "?",
    }
}

/// A message as Markdown: what stands between backticks becomes a code span (it holds no
/// backtick, so one backtick on each side closes it; controls become spaces), the rest is
/// escaped like a cell.
fn md_inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (k, part) in parts.iter().enumerate() {
        if k % 2 == 0 {
            out.push_str(&md_cell(part));
        } else if k + 1 < parts.len() {
            let code: String = part
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            if !code.trim().is_empty() {
                let _ = write!(out, "`{code}`");
            }
        } else {
            out.push_str("\\`");
            out.push_str(&md_cell(part));
        }
    }
    out
}

/// A Markdown table for a pull-request comment, under a title naming the packs and a list of
/// what the report judged; then the summary, the legend and every finding.
pub fn markdown(m: &Matrix, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut o = String::new();
    if let Some(p) = &m.provenance {
        md_provenance(&mut o, p, lang);
    }
    let shown = m.shows_estate();
    let _ = write!(o, "| {} |", t("Förvaltning", "Department"));
    if shown {
        let _ = write!(
            o,
            " {} | {} | {} |",
            t("År", "Year"),
            t("Nämnd", "Board"),
            t("Skede", "Stage")
        );
    }
    for c in &m.columns {
        let _ = write!(o, " {} |", md_cell(&c.code));
    }
    let _ = write!(
        o,
        " {} | {} |\n|---|",
        t("Hindrar", "Blocking"),
        t("Råd", "Advice")
    );
    o.push_str(&"---|".repeat(m.columns.len() + 2 + if shown { 3 } else { 0 }));
    o.push('\n');
    for entry in m.entries() {
        let head = match entry?.1 {
            Entry::Plan(_, head) => head,
            Entry::Absent(ai) => {
                estate::md_absent(&mut o, &m.absent[ai], m.columns.len(), lang);
                continue;
            }
        };
        let row = &m.rows.row(&head)?;
        if m.rows.shares_department(&head) {
            let _ = write!(
                o,
                "| {} ({}) |",
                md_cell(&row.department),
                md_cell(&row.path)
            );
        } else {
            let _ = write!(o, "| {} |", md_cell(&row.department));
        }
        if shown {
            estate::md_cells(&mut o, row);
        }
        for cell in &row.cells {
            let _ = write!(o, " {} |", md_mark(cell));
        }
        match &row.not_judged {
            Some(_) => {
                let not = t("ej granskad", "not judged");
                let _ = writeln!(o, " {not} | {not} |");
            }
            None => {
                let _ = writeln!(o, " {} | {} |", row.blocking, row.advisory);
            }
        }
        super::spill(&mut o, out)?;
    }
    let _ = write!(o, "| **{}** |", t("Uppfyllt", "Met"));
    if shown {
        o.push_str("  |  |  |");
    }
    for c in &m.columns {
        let _ = write!(o, " {}/{} |", c.covered, m.rows.len());
    }
    let _ = writeln!(
        o,
        " **{}** | **{}** |\n",
        m.summary.blocking, m.summary.advisory
    );
    let statements: Vec<String> = m
        .summary
        .statements(lang)
        .into_iter()
        .enumerate()
        .map(|(k, (_, symbol, text))| {
            if k == 0 {
                format!("**{symbol} {}**", md_cell(&text))
            } else {
                format!("{symbol} {}", md_cell(&text))
            }
        })
        .collect();
    let _ = writeln!(o, "{}\n", statements.join(" · "));
    if m.summary.not_judged > 0 {
        let _ = write!(
            o,
            "**{}:** ",
            t("Kunde inte granskas", "Could not be judged")
        );
        let mut first = true;
        for head in m.rows.heads() {
            let head = head?;
            if !head.not_judged {
                continue;
            }
            let row = m.rows.row(&head)?;
            let _ = write!(
                o,
                "{}{} ({})",
                if first { "" } else { "; " },
                md_cell(&row.path),
                md_cell(row.not_judged.as_deref().unwrap_or_default())
            );
            first = false;
            super::spill(&mut o, out)?;
        }
        o.push_str("\n\n");
    }
    let _ = writeln!(
        o,
        "{}",
        t(
            "✗ fel, hindrar godkännande · △ varning och ℹ info: råd som inte hindrar · ✓ uppfyllt · ⚑ undantag beslutat av nämnden · ⚐ undantag som planens författare skrivit in · – kunde inte prövas: området saknas i planen · av: avstängd av en override · ?: kunde inte granskas",
            "✗ error, blocks approval · △ warning and ℹ info: advice that does not block · ✓ met · ⚑ waived by the board · ⚐ waived by the plan's author · – could not be judged: the area is missing from the plan · off: switched off by an override · ?: could not be judged"
        )
    );
    for c in &m.columns {
        let _ = writeln!(o, "- {}: {}", md_cell(&c.code), md_cell(&c.title));
    }
    if let Some(trend) = &m.trend {
        estate::md_trend(&mut o, trend, lang);
    }
    findings(&mut o, m, lang, out)?;
    skipped(&mut o, m, lang);
    out.write_all(o.as_bytes())
}

/// The title naming the packs, and what the report judged as a list: a line each, the packs
/// in a list of their own when there are several.
fn md_provenance(o: &mut String, p: &Provenance, lang: Lang) {
    let _ = writeln!(o, "## {}\n", md_cell(&p.title(lang)));
    for line in p.lines(lang) {
        match line.values.as_slice() {
            [one] => {
                let _ = writeln!(o, "- **{}:** {}", line.label, md_cell(one));
            }
            many => {
                let _ = writeln!(o, "- **{}:**", line.label);
                for value in many {
                    let _ = writeln!(o, "  - {}", md_cell(value));
                }
            }
        }
    }
    o.push('\n');
}

/// The files that look like plans and were not judged, with their paths and why, under a
/// heading of their own: they have no row in the table.
fn skipped(o: &mut String, m: &Matrix, lang: Lang) {
    if m.skipped.is_empty() {
        return;
    }
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(
        o,
        "\n### {}\n\n{}\n",
        t("Hoppades över", "Skipped"),
        t(
            "Filer som ser ut som planer men inte granskades; de finns inte i tabellen.",
            "Files that look like plans but were not judged; they are not in the table."
        )
    );
    for s in &m.skipped {
        let _ = writeln!(o, "- {}: {}", md_cell(&s.path), md_inline(&s.reason));
    }
}

/// Every finding of every plan with its line, as a list under the table.
fn findings(o: &mut String, m: &Matrix, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let _ = writeln!(o, "\n### {}\n", t("Anmärkningar", "Findings"));
    let title = |code: &str| {
        m.columns
            .iter()
            .find(|c| c.code == code)
            .map(|c| format!(" {}", md_cell(&c.title)))
            .unwrap_or_default()
    };
    for row in m.rows.iter() {
        let (_, row) = row?;
        super::spill(o, out)?;
        let extra = row
            .cells
            .iter()
            .any(|c| matches!(c, Cell::NotApplicable { .. } | Cell::Off { .. }));
        if row.findings.is_empty() && !extra {
            continue;
        }
        let _ = writeln!(
            o,
            "- **{}** ({})",
            md_cell(&row.department),
            md_cell(&row.path)
        );
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for f in &row.findings {
            if let Some((_, n)) = seen.iter_mut().find(|(c, _)| *c == f.code) {
                *n += 1;
                if *n > PER_CODE {
                    continue;
                }
            } else {
                seen.push((&f.code, 1));
            }
            let level = match (&f.waiver, f.severity) {
                (Some(w), _) if w.by == "plan" => t("⚐ undantag", "⚐ waived"),
                (Some(_), _) => t("⚑ undantag", "⚑ waived"),
                (None, Severity::Error) => t("✗ fel", "✗ error"),
                (None, Severity::Warning) => t("△ varning", "△ warning"),
                (None, Severity::Info) => "ℹ info",
            };
            let _ = writeln!(
                o,
                "  - {} {} · {level} · {}{}: {}",
                t(row.line_word().0, row.line_word().1),
                f.line,
                md_cell(&f.code),
                title(&f.code),
                md_inline(&f.message)
            );
        }
        for (code, n) in seen.iter().filter(|(_, n)| *n > PER_CODE) {
            let _ = writeln!(
                o,
                "  - … {} {}{}: {} ({})",
                n - PER_CODE,
                md_cell(code),
                title(code),
                t("till av samma slag", "more of the same kind"),
                t(
                    "`planlint check --format short` listar alla",
                    "`planlint check --format short` lists them all"
                ),
            );
        }
        for (c, cell) in m.columns.iter().zip(&row.cells) {
            let text = match cell {
                Cell::NotApplicable { reason } => {
                    format!(
                        "– {} · {} {}: {}",
                        t("ej prövad", "not judged"),
                        md_cell(&c.code),
                        md_cell(&c.title),
                        md_cell(reason)
                    )
                }
                Cell::Off { at, .. } => format!(
                    "{} · {} {}: {} ({})",
                    t("av", "off"),
                    md_cell(&c.code),
                    md_cell(&c.title),
                    t("avstängd av en override", "switched off by an override"),
                    md_cell(at)
                ),
                _ => continue,
            };
            let _ = writeln!(o, "  - {text}");
        }
    }
    Ok(())
}

/// CSV with one row per plan: path, department, then one status per rule and the counts; then
/// one row per skipped file: its path, and `skipped-hidden`, `skipped-not-included` or
/// `skipped-excluded` for every rule. Before the table, when the matrix has its provenance, a
/// block of `field,value` rows saying what the report judged, and an empty line.
pub fn csv(m: &Matrix, out: &mut dyn io::Write) -> io::Result<()> {
    let field = csv_field;
    let mut o = String::new();
    if let Some(p) = &m.provenance {
        csv_provenance(&mut o, p);
    }
    o.push_str("path,department");
    for c in &m.columns {
        o.push(',');
        o.push_str(&field(&c.code));
    }
    o.push_str(",missing,blocking,advisory,year,year_from,namnd,status,stage,roster\n");
    for row in m.rows.iter() {
        let row = &row?.1;
        super::spill(&mut o, out)?;
        o.push_str(&field(&row.path));
        o.push(',');
        o.push_str(&field(&row.department));
        for cell in &row.cells {
            o.push_str(match cell {
                Cell::Covered => ",covered",
                Cell::Missing { severity, .. } => match severity {
                    Severity::Error => ",missing-error",
                    Severity::Warning => ",missing-warning",
                    Severity::Info => ",missing-info",
                },
                Cell::Waived { by, .. } if *by == "plan" => ",waived-by-plan",
                Cell::Waived { .. } => ",waived-by-board",
                Cell::Off { .. } => ",off",
                Cell::NotApplicable { .. } => ",not-applicable",
                Cell::NotJudged { .. } => ",not-judged",
            });
        }
        let _ = write!(o, ",{},{},{}", row.missing, row.blocking, row.advisory);
        estate::csv_fields(&mut o, row);
    }
    for a in &m.absent {
        estate::csv_absent(&mut o, a, m.columns.len());
    }
    // A file that was not judged has no department and no counts; every rule's field says
    // why it was skipped, as a plan that could not be read says `not-judged`.
    for s in &m.skipped {
        o.push_str(&field(&s.path));
        o.push(',');
        for _ in &m.columns {
            o.push_str(",skipped-");
            o.push_str(s.why);
        }
        o.push_str(",,,,,,,,,\n");
    }
    out.write_all(o.as_bytes())
}

/// What the report judged as `field,value` rows, with the keys and values of the JSON report's
/// `provenance` (an empty value for `null`; a pack's five rows each, starting with `pack.id`;
/// `built-in` as the built-in pack's path), then an empty line before the table.
fn csv_provenance(o: &mut String, p: &Provenance) {
    let mut row = |key: &str, value: &str| {
        let _ = writeln!(o, "{key},{}", csv_field(value));
    };
    row("field", "value");
    row("made_at", &p.made_at);
    row("commit", p.commit.as_deref().unwrap_or_default());
    row(
        "dirty",
        match p.dirty {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        },
    );
    row("config", p.config.as_deref().unwrap_or_default());
    row("stage", p.stage.as_deref().unwrap_or_default());
    for pack in &p.packs {
        row("pack.id", &pack.id);
        row("pack.name", &pack.name);
        row("pack.version", pack.version.as_deref().unwrap_or_default());
        row("pack.digest", &pack.digest);
        let path = match &pack.path {
            Some(path) if !pack.builtin => path.as_str(),
            _ => "built-in",
        };
        row("pack.path", path);
    }
    o.push('\n');
}
