//! Word and OpenDocument plans (`tests/fixtures/word`): Markdown plans converted by pandoc and
//! by LibreOffice, and plans written as in a Swedish Word. Each file must give the findings
//! `expected.toml` lists, and a plan must give the same findings as .md, .docx and .odt,
//! whichever program wrote it. The same holds for what the pandoc, LibreOffice and python-docx
//! on this machine write afresh (`make OUTDIR`), not only for the committed files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{available, planlint_in, repository, root, stderr, stdout};

/// The codes compared: an area is missing (IP001–IP004), a placeholder is left (IP006).
const COMPARED: [&str; 5] = ["IP001", "IP002", "IP003", "IP004", "IP006"];

/// Where each kind of fixture lives, and the extensions it has there.
const PRODUCERS: [(&str, &[&str]); 4] = [
    ("src", &["md"]),
    ("pandoc", &["docx", "odt"]),
    ("libreoffice", &["docx", "odt"]),
    ("python-docx", &["docx"]),
];

/// Fixtures are kept small; `make` refuses to write larger ones.
const MAX_BYTES: u64 = 40_000;

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/word")
}

/// One entry of `expected.toml`.
struct Expected {
    codes: BTreeSet<String>,
    /// The Markdown plan a converted file was made from.
    same_as: Option<String>,
}

/// `expected.toml`, by file (relative to `tests/fixtures/word`).
fn expected() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(fixtures().join("expected.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table
        .into_iter()
        .map(|(file, entry)| {
            let codes = entry["codes"]
                .as_array()
                .unwrap_or_else(|| panic!("{file}: `codes` is a list"))
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect();
            let same_as = entry.get("same_as").map(|s| s.as_str().unwrap().to_owned());
            (file, Expected { codes, same_as })
        })
        .collect()
}

/// The files in `base`'s folders `dirs`, relative to `base`.
fn files_in(base: &Path, dirs: &[&str]) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for dir in dirs {
        for entry in std::fs::read_dir(base.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            files.insert(format!("{dir}/{name}"));
        }
    }
    files
}

/// The fixture files on disk, relative to `tests/fixtures/word`.
fn files_on_disk() -> BTreeSet<String> {
    files_in(&fixtures(), &PRODUCERS.map(|(dir, _)| dir))
}

/// The findings of `planlint check --format json FILE` for a fixture in `tests/fixtures/word`.
fn findings(file: &str) -> Result<Vec<Value>, String> {
    findings_in(&fixtures(), file)
}

/// The findings of `planlint check --format json FILE`, run on a copy of `base/FILE` in a
/// temporary directory of its own; an error when planlint did not check it as a plan.
fn findings_in(base: &Path, file: &str) -> Result<Vec<Value>, String> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(file);
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(base.join(file), &copy).unwrap();
    let out = planlint_in(dir.path(), &["check", "--format", "json", file], "");
    let report: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "{file}: no JSON report ({e}); exit {:?}, stderr: {}",
            out.status.code(),
            stderr(&out)
        )
    })?;
    let summary = &report["summary"];
    if summary["files"] != 1 || summary["skipped"] != 0 {
        return Err(format!("{file}: not checked as a plan: summary {summary}"));
    }
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // PL001–PL008: planlint could not read the file as a plan, or read only part of it.
    if let Some(d) = diagnostics.iter().find(|d| {
        d["code"]
            .as_str()
            .is_some_and(|c| ("PL001"..="PL008").contains(&c))
    }) {
        return Err(format!("{file}: {} {}", d["code"], d["message"]));
    }
    for d in &diagnostics {
        let path = d["path"].as_str().unwrap_or_default();
        if !path.ends_with(file) || d["line"].as_u64().is_none_or(|l| l == 0) {
            return Err(format!(
                "{file}: a finding points at {path}:{}: {d}",
                d["line"]
            ));
        }
    }
    Ok(diagnostics)
}

/// The compared codes among `findings`.
fn codes(findings: &[Value]) -> BTreeSet<String> {
    findings
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|c| COMPARED.contains(c))
        .map(str::to_owned)
        .collect()
}

/// Checks every fixture under `dir` against `expected.toml`, reporting all that differ.
fn check_producer(dir: &str) {
    let expected = expected();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (file, want) in expected
        .iter()
        .filter(|(f, _)| f.starts_with(&format!("{dir}/")))
    {
        checked += 1;
        match findings(file) {
            Ok(found) => {
                let got = codes(&found);
                if got != want.codes {
                    wrong.push(format!("{file}: got {got:?}, want {:?}", want.codes));
                }
            }
            Err(e) => wrong.push(e),
        }
    }
    assert!(checked > 0, "expected.toml has no files under {dir}/");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn expected_lists_every_fixture_and_each_conversion_matches_its_source() {
    let expected = expected();
    let listed: BTreeSet<String> = expected.keys().cloned().collect();
    assert_eq!(
        listed,
        files_on_disk(),
        "expected.toml and the files differ"
    );
    for (file, entry) in &expected {
        assert!(
            entry.codes.iter().all(|c| COMPARED.contains(&c.as_str())),
            "{file}: only {COMPARED:?} are compared"
        );
        let ext = file.rsplit('.').next().unwrap();
        let (dir, exts) = PRODUCERS
            .iter()
            .find(|(dir, _)| file.starts_with(&format!("{dir}/")))
            .unwrap();
        assert!(exts.contains(&ext), "{file}: no .{ext} files in {dir}/");
        let converted = matches!(*dir, "pandoc" | "libreoffice");
        match &entry.same_as {
            Some(source) => {
                assert!(converted, "{file}: only conversions name a source");
                let stem = file.rsplit('/').next().unwrap().rsplit_once('.').unwrap().0;
                assert_eq!(source, &format!("src/{stem}.md"), "{file}: its source");
                assert_eq!(
                    entry.codes, expected[source].codes,
                    "{file} must give what {source} gives"
                );
            }
            None => assert!(!converted, "{file}: a conversion names its source"),
        }
    }
    // Every Markdown plan is converted by both programs to both formats.
    for source in listed.iter().filter(|f| f.starts_with("src/")) {
        let stem = source.trim_start_matches("src/").trim_end_matches(".md");
        for conversion in [
            format!("pandoc/{stem}.docx"),
            format!("pandoc/{stem}.odt"),
            format!("libreoffice/{stem}.docx"),
            format!("libreoffice/{stem}.odt"),
        ] {
            assert!(listed.contains(&conversion), "{conversion} is missing");
        }
    }
}

#[test]
fn fixtures_are_small() {
    for file in files_on_disk() {
        let size = std::fs::metadata(fixtures().join(&file)).unwrap().len();
        assert!(size < MAX_BYTES, "{file} is {size} bytes");
    }
}

#[test]
fn markdown_plans_give_their_expected_findings() {
    check_producer("src");
}

#[test]
fn pandoc_plans_give_their_expected_findings() {
    check_producer("pandoc");
}

#[test]
fn libreoffice_plans_give_their_expected_findings() {
    check_producer("libreoffice");
}

#[test]
fn plans_written_in_a_swedish_word_give_their_expected_findings() {
    check_producer("python-docx");
}

#[test]
fn a_plan_gives_the_same_findings_whichever_program_wrote_it() {
    let expected = expected();
    let mut wrong = Vec::new();
    for source in expected.keys().filter(|f| f.starts_with("src/")) {
        let Ok(markdown) = findings(source).map(|f| codes(&f)) else {
            wrong.push(format!("{source}: not checked"));
            continue;
        };
        for (file, _) in expected
            .iter()
            .filter(|(_, e)| e.same_as.as_ref() == Some(source))
        {
            match findings(file) {
                Ok(found) if codes(&found) == markdown => {}
                Ok(found) => wrong.push(format!(
                    "{file}: {:?}, but {source}: {markdown:?}",
                    codes(&found)
                )),
                Err(e) => wrong.push(e),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_bold_line_in_the_normal_style_is_told_apart_from_a_heading() {
    let file = "python-docx/fetstil-som-rubrik.docx";
    let found = findings(file).unwrap_or_else(|e| panic!("{e}"));
    let housing = found
        .iter()
        .find(|d| d["code"] == "IP002")
        .unwrap_or_else(|| panic!("{file}: Bostäder is missing: {found:#?}"));
    // The wording is the hint's own; it only has to point at the paragraph style.
    let mut said = housing["help"].as_str().unwrap_or_default().to_owned();
    for note in housing["notes"].as_array().into_iter().flatten() {
        said.push('\n');
        said.push_str(note.as_str().unwrap_or_default());
    }
    assert!(
        said.contains("Normal") || said.to_lowercase().contains("formatmall"),
        "{file}: the IP002 finding does not say that `Bostäder` is not in a heading style: {said}"
    );
}

/// The Python that `make` runs `make_docx.py` with: `PLANLINT_PYTHON` (`.ci/run` points it at
/// its virtual environment), else that environment if it is there, else `python3`.
fn docx_python() -> String {
    if let Ok(python) = std::env::var("PLANLINT_PYTHON") {
        return python;
    }
    let venv = repository().join("target/ci-venv/bin/python");
    if venv.exists() {
        venv.to_string_lossy().into_owned()
    } else {
        "python3".to_owned()
    }
}

/// Whether `program args` runs and succeeds (see [`available`]).
fn runs(program: &str, args: &[&str], what: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, what)
}

#[test]
fn the_producers_on_this_machine_agree_with_the_markdown() {
    let python = docx_python();
    if !runs("pandoc", &["--version"], "pandoc")
        || !runs("soffice", &["--version"], "soffice (LibreOffice)")
        || !runs(
            &python,
            &["-c", "import docx"],
            &format!("{python} with the docx module (python-docx)"),
        )
    {
        return;
    }
    // Everything `make` writes, made afresh from the sources with the programs installed here.
    let fresh = tempfile::tempdir().unwrap();
    let out = Command::new("bash")
        .arg(fixtures().join("make"))
        .arg(fresh.path())
        .env("PYTHON", &python)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "make failed ({:?}):\n{}{}",
        out.status.code(),
        stdout(&out),
        stderr(&out)
    );
    // make's line naming the versions it used, for the messages below.
    let made = stdout(&out);
    let versions = made
        .lines()
        .find(|l| l.starts_with("pandoc "))
        .unwrap_or("versions unknown")
        .to_owned();

    let expected = expected();
    let made_dirs: Vec<&str> = PRODUCERS
        .iter()
        .map(|(dir, _)| *dir)
        .filter(|dir| *dir != "src")
        .collect();
    let listed: BTreeSet<String> = expected
        .keys()
        .filter(|f| !f.starts_with("src/"))
        .cloned()
        .collect();
    assert_eq!(
        files_in(fresh.path(), &made_dirs),
        listed,
        "make ({versions}) wrote other files than expected.toml lists"
    );

    let mut wrong = Vec::new();
    let mut compare =
        |base: &Path, file: &str, want: &BTreeSet<String>, why: &str| match findings_in(base, file)
        {
            Ok(found) if codes(&found) == *want => {}
            Ok(found) => wrong.push(format!(
                "{file}: got {:?}, want {want:?} ({why})",
                codes(&found)
            )),
            Err(e) => wrong.push(e),
        };
    let mut sources = 0;
    for source in expected.keys().filter(|f| f.starts_with("src/")) {
        sources += 1;
        let want = &expected[source].codes;
        compare(&fixtures(), source, want, "expected.toml");
        let stem = source.trim_start_matches("src/").trim_end_matches(".md");
        for program in ["pandoc", "libreoffice"] {
            for ext in ["docx", "odt"] {
                let file = format!("{program}/{stem}.{ext}");
                compare(fresh.path(), &file, want, &format!("what {source} gives"));
            }
        }
    }
    let mut written = 0;
    for (file, entry) in expected
        .iter()
        .filter(|(f, _)| f.starts_with("python-docx/"))
    {
        written += 1;
        compare(fresh.path(), file, &entry.codes, "expected.toml");
    }
    assert!(
        sources > 0 && written > 0,
        "expected.toml lists no Markdown or no python-docx plans"
    );
    assert!(
        wrong.is_empty(),
        "made here by {versions}:\n{}",
        wrong.join("\n")
    );
}
