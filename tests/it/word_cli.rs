//! Word and OpenDocument plans through the command line: places named by paragraph, `convert`
//! giving the reading that was judged, and a walk and the report that see every plan.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{planlint_in, stdout};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/word")
        .join(path)
}

/// A temporary directory holding `files` copied from the fixtures under the given names.
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (from, to) in files {
        std::fs::copy(fixture(from), dir.path().join(to)).expect("copy");
    }
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = planlint_in(dir, args, "");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

/// (code, message) of every finding, in order.
fn findings(report: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_finding_names_the_paragraph_and_the_heading_it_stands_under() {
    let dir = dir_with(&[("python-docx/innehallskontroll.docx", "plan.docx")]);
    let out = planlint_in(dir.path(), &["check", "plan.docx", "--color", "never"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("┌─ plan.docx: stycke 10 (under ”Folkhälsa”)"),
        "{text}"
    );
    assert!(
        text.contains("10 │ [Klicka eller tryck här för att ange text.]"),
        "{text}"
    );
    let en = planlint_in(dir.path(), &["check", "plan.docx", "--lang", "en"], "");
    assert!(
        stdout(&en).contains("plan.docx: paragraph 10 (under “Folkhälsa”)"),
        "{}",
        stdout(&en)
    );
    let report = json(dir.path(), &["check", "plan.docx", "--format", "json"]);
    let placeholder = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "IP006")
        .expect("IP006");
    assert_eq!(placeholder["line"], 10);
}

#[test]
fn a_bold_normal_paragraph_gets_the_hint_in_words_of_styles() {
    let dir = dir_with(&[("python-docx/fetstil-som-rubrik.docx", "plan.docx")]);
    let text = stdout(&planlint_in(dir.path(), &["check", "plan.docx"], ""));
    assert!(
        text.contains("stycket ser ut som en rubrik men har formatmallen Normal; ge det formatmallen Rubrik 2"),
        "{text}"
    );
    assert!(
        text.contains("= help: lägg till rubriken `Bostäder` med minst 15 ord"),
        "{text}"
    );
    assert!(!text.contains("`## Bostäder`"), "{text}");
    let outline = stdout(&planlint_in(dir.path(), &["outline", "plan.docx"], ""));
    assert!(
        outline.contains(
            "✗ IP002 Bostäder: täcks inte (stycke 7 har formatmallen Normal, inte en rubrikmall)"
        ),
        "{outline}"
    );
    assert!(
        outline.contains("✓ IP001 Arbete och studier: stycke 5"),
        "{outline}"
    );
}

#[test]
fn convert_prints_the_reading_that_was_judged_and_check_on_it_agrees() {
    let files = [
        "python-docx/dold-text-och-kommentarer.docx",
        "python-docx/fetstil-som-rubrik.docx",
        "python-docx/innehallsforteckning.docx",
        "python-docx/innehallskontroll.docx",
        "python-docx/sparade-andringar.docx",
        "python-docx/tabell-fotnot-textruta-bild.docx",
        "pandoc/socialforvaltningen.docx",
        "pandoc/vard-och-omsorg.odt",
        "libreoffice/samhallsbyggnad.odt",
        "libreoffice/teknik-och-service.docx",
    ];
    for file in files {
        let name = Path::new(file).file_name().unwrap().to_str().unwrap();
        let dir = dir_with(&[(file, name)]);
        let converted = planlint_in(dir.path(), &["convert", name], "");
        assert_eq!(converted.status.code(), Some(0), "{file}");
        let markdown = stdout(&converted);
        std::fs::write(dir.path().join("plan.md"), &markdown).expect("write");
        let document = json(dir.path(), &["check", name, "--format", "json"]);
        let again = json(dir.path(), &["check", "plan.md", "--format", "json"]);
        assert_eq!(findings(&document), findings(&again), "{file}\n{markdown}");
        // Every finding's paragraph has its marker, and the paragraph after it.
        for d in document["diagnostics"].as_array().expect("diagnostics") {
            let n = d["line"].as_u64().expect("line");
            assert!(
                markdown.contains(&format!("<!-- stycke {n} -->\n")),
                "{file}: stycke {n}\n{markdown}"
            );
        }
    }
}

#[test]
fn a_walk_and_the_report_show_every_plan_whatever_its_format() {
    let dir = dir_with(&[
        ("src/socialforvaltningen.md", "a.md"),
        ("src/kultur-och-fritid.md", "b.md"),
        ("src/barn-och-utbildning.md", "c.md"),
        ("python-docx/innehallskontroll.docx", "d.docx"),
        ("libreoffice/samhallsbyggnad.odt", "e.odt"),
    ]);
    let d = dir.path();
    std::fs::write(d.join("~$d.docx"), b"lock").expect("lock");
    std::fs::write(d.join(".~lock.e.odt#"), b"lock").expect("lock");
    std::fs::write(d.join("f.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").expect("doc");
    let out = planlint_in(d, &["check", "--format", "short", "."], "");
    let text = stdout(&out);
    assert!(text.contains("d.docx:10:1: warning[IP006]"), "{text}");
    assert!(text.contains("d.docx:9:1: error[IP003]"), "{text}");
    assert!(text.contains("e.odt:"), "{text}");
    assert!(text.contains("f.doc:1:1: error[PL003]"), "{text}");
    assert!(!text.contains("~$d.docx:"), "{text}");
    let report = json(d, &["report", "--format", "json", "."]);
    let mut rows: Vec<&str> = report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["path"].as_str().unwrap_or(""))
        .collect();
    rows.sort_unstable();
    assert_eq!(rows, ["a.md", "b.md", "c.md", "d.docx", "e.odt", "f.doc"]);
    let mut by_paragraph: Vec<(&str, bool)> = report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["path"].as_str().unwrap_or(""), r["by_paragraph"] == true))
        .collect();
    by_paragraph.sort_unstable();
    let by_paragraph: Vec<bool> = by_paragraph.into_iter().map(|(_, b)| b).collect();
    assert_eq!(by_paragraph, [false, false, false, true, true, false]);
    let mut skipped: Vec<(&str, &str)> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap_or(""),
                s["why"].as_str().unwrap_or(""),
            )
        })
        .collect();
    skipped.sort_unstable();
    assert_eq!(
        skipped,
        [(".~lock.e.odt#", "lock-file"), ("~$d.docx", "lock-file")]
    );
}
