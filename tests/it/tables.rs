//! A table's header row says what its columns hold. A header over a column whose every cell
//! is a placeholder names nothing that is there: `Ansvarig` over `Fylls i` names nobody, in
//! Markdown, Word and OpenDocument alike.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::support::{planlint_in, stdout};
use crate::word_hostile::{minimal_docx, minimal_odt};

/// 20 words on cooperation, with a goal and a time frame but nobody named responsible.
const COOPERATION: &str = "Förvaltningen träffar socialförvaltningen och Arbetsförmedlingen \
     för att samordna insatserna runt varje nyanländ familj. Mål: minst 12 möten under 2028.";

/// The codes `planlint check` reports for `file` in `dir`.
fn codes(dir: &Path, file: &str) -> BTreeSet<String> {
    let out = planlint_in(dir, &["check", "--format", "json", file], "");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

/// A Markdown plan whose Samverkan section ends in `table`.
fn markdown(table: &str) -> String {
    format!("# Verksamhetsplan 2028\n\n## Samverkan\n\n{COOPERATION}\n\n{table}\n")
}

fn check_markdown(table: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("plan.md"), markdown(table)).expect("write");
    codes(dir.path(), "plan.md")
}

#[test]
fn a_responsible_column_of_placeholders_names_nobody() {
    let found = check_markdown(
        "| Åtgärd | Ansvarig | Tid |\n|---|---|---|\n| Språkombud | Fylls i | Varje termin |\n| Kurs | Fylls i | Hösten 2028 |",
    );
    assert!(found.contains("IP014"), "{found:?}");
    assert!(found.contains("IP006"), "{found:?}");
}

#[test]
fn a_responsible_column_that_names_someone_is_a_responsible_party() {
    // A name matches no term: the header says what it is.
    for cells in [["Anna Lind", "Fylls i"], ["Anna Lind", "Omar Haddad"]] {
        let table = format!(
            "| Åtgärd | Ansvarig | Tid |\n|---|---|---|\n| Språkombud | {} | Varje termin |\n| Kurs | {} | Hösten 2028 |",
            cells[0], cells[1]
        );
        let found = check_markdown(&table);
        assert!(!found.contains("IP014"), "{cells:?}: {found:?}");
    }
}

#[test]
fn a_table_of_one_row_is_text_and_an_empty_column_names_nobody() {
    // Only a header row: no column under it, so the row is the plan's text.
    let found = check_markdown("| Ansvarig: enhetschefen för mottagningen |\n|---|");
    assert!(!found.contains("IP014"), "{found:?}");
    // A column whose cells are empty holds nothing, as one of placeholders does.
    let found = check_markdown(
        "| Åtgärd | Ansvarig | Tid |\n|---|---|---|\n| Språkombud |  | Varje termin |",
    );
    assert!(found.contains("IP014"), "{found:?}");
}

/// A Word table of `rows`, each a list of cell texts.
fn docx_table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            let _ = write!(xml, "<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>");
        }
        xml.push_str("</w:tr>");
    }
    xml + "</w:tbl>"
}

/// An OpenDocument table of `rows`.
fn odt_table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<table:table>");
    for row in rows {
        xml.push_str("<table:table-row>");
        for cell in *row {
            let _ = write!(
                xml,
                "<table:table-cell><text:p>{cell}</text:p></table:table-cell>"
            );
        }
        xml.push_str("</table:table-row>");
    }
    xml + "</table:table>"
}

#[test]
fn word_and_opendocument_tables_read_their_first_row_as_the_header() {
    let placeholders: &[&[&str]] = &[
        &["Åtgärd", "Ansvarig", "Tid"],
        &["Språkombud", "Fylls i", "Varje termin"],
        &["Kurs", "Fylls i", "Hösten 2028"],
    ];
    let named: &[&[&str]] = &[
        &["Åtgärd", "Ansvarig", "Tid"],
        &["Språkombud", "Anna Lind", "Varje termin"],
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (rows, fires) in [(placeholders, true), (named, false)] {
        let docx = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Verksamhetsplan 2028</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Samverkan</w:t></w:r></w:p><w:p><w:r><w:t>{COOPERATION}</w:t></w:r></w:p>{}"#,
            docx_table(rows)
        );
        std::fs::write(dir.path().join("plan.docx"), minimal_docx(&docx)).expect("write");
        let found = codes(dir.path(), "plan.docx");
        assert_eq!(found.contains("IP014"), fires, "docx {rows:?}: {found:?}");
        let odt = format!(
            r#"<text:h text:outline-level="1">Verksamhetsplan 2028</text:h><text:h text:outline-level="2">Samverkan</text:h><text:p>{COOPERATION}</text:p>{}"#,
            odt_table(rows)
        );
        std::fs::write(dir.path().join("plan.odt"), minimal_odt(&odt)).expect("write");
        let found = codes(dir.path(), "plan.odt");
        assert_eq!(found.contains("IP014"), fires, "odt {rows:?}: {found:?}");
    }
}
