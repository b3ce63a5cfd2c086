//! The report as a self-contained HTML page: inline CSS, no scripts, no external assets,
//! printable. Everything from a plan or a pack is escaped for its place (text, attribute, id).

use std::fmt::Write as _;

use super::{Cell, Matrix};
use crate::i18n::Lang;

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
