//! The CI formats: SARIF against the shared schema, GitHub escaping, JUnit read by a real parser.

use std::process::Command;

use planlint::render::github::{escape_data, escape_property};

use crate::support::{compliant, no_housing, planlint_in, repo, root, stdout};

fn examples_with_a_waiver() -> tempfile::TempDir {
    let waived = no_housing().replacen(
        "## Inledning",
        "<!-- planlint-disable IP002 -- Nämnden har inget bostadsuppdrag. -->\n\n## Inledning",
        1,
    );
    let mut files: Vec<(String, String)> = std::fs::read_dir(root().join("examples/plans"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            (
                format!("plans/{}", p.file_name().expect("name").to_string_lossy()),
                std::fs::read_to_string(&p).expect("plan"),
            )
        })
        .collect();
    files.push(("plans/undantag.md".to_owned(), waived));
    // The board lets plan authors waive areas here, so the waiver is an inline one.
    files.push((
        "planlint.toml".to_owned(),
        "[waiver_policy]\ninline_reserved = []\n".to_owned(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    repo(&refs)
}

#[test]
fn sarif_validates_against_the_shared_schema_with_a_suppression() {
    let dir = examples_with_a_waiver();
    let out = planlint_in(dir.path(), &["check", "plans", "--format", "sarif"], "");
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let run = &log["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .len(),
        15
    );
    assert_eq!(run["tool"]["driver"]["rules"][1]["id"], "IP002");
    assert!(run["tool"]["driver"]["rules"][1]["help"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Tillgången på bostäder")));
    let results = run["results"].as_array().expect("results");
    let waived = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/undantag.md"
        })
        .expect("waived result");
    assert_eq!(
        waived["suppressions"][0]["justification"],
        "Nämnden har inget bostadsuppdrag."
    );
    assert_eq!(waived["suppressions"][0]["kind"], "inSource");
    // The author granted it; only the board's waivers are `accepted`.
    assert_eq!(waived["suppressions"][0]["status"], "underReview");
    let first = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert!(
        first["startLine"].as_i64().is_some_and(|l| l >= 1)
            && first["startColumn"].as_i64().is_some_and(|c| c >= 1)
    );
    if !crate::support::python_module("jsonschema") {
        return;
    }
    // The schema lives beside the repository (`../shared/`), as in CI.
    let schema = crate::support::repository().join("../shared/schemas/sarif-schema-2.1.0.json");
    if !crate::support::available(schema.exists(), "../shared/schemas/sarif-schema-2.1.0.json") {
        return;
    }
    let sarif = dir.path().join("out.sarif");
    std::fs::write(&sarif, &out.stdout).expect("write");
    let check = Command::new(crate::support::python())
        .args(["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('ok')"])
        .arg(&sarif)
        .arg(&schema)
        .output()
        .expect("python");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn github_escaping_follows_the_workflow_command_rules() {
    assert_eq!(
        escape_data("50 % klart: a, b\nny rad\r"),
        "50 %25 klart: a, b%0Any rad%0D"
    );
    assert_eq!(escape_property("plans/a:b,c%.md"), "plans/a%3Ab%2Cc%25.md");
    let pack = "[pack]\nid = \"t\"\nname = \"T\"\nsource = \"S\"\ndecision = \"D\"\nprefix = \"TP\"\n\n[[rule]]\ncode = \"TP001\"\nname = \"procent\"\nkind = \"forbid\"\nterms = [\"klart\"]\nseverity = \"warning\"\nsummary = { sv = \"s\", en = \"s\" }\nmessage = { sv = \"100 % klart: a, b\\nnästa rad\", en = \"x\" }\nhelp = { sv = \"h\", en = \"h\" }\npolicy = { section = \"S\", quote = \"Q\" }\nexamples = { pass = \"p\", fail = \"klart\" }\n";
    let dir = repo(&[
        ("pack.toml", pack),
        ("a,b: plan.md", "# Plan\n\nAllt är klart.\n"),
    ]);
    let out = planlint_in(
        dir.path(),
        &[
            "check",
            "a,b: plan.md",
            "--rules",
            "pack.toml",
            "--select",
            "TP001",
            "--format",
            "github",
        ],
        "",
    );
    assert_eq!(stdout(&out), "::warning file=a%2Cb%3A plan.md,line=3,col=9,endLine=3,endColumn=14,title=TP001 procent::100 %25 klart: a, b%0Anästa rad%0Ah\n");
}

#[test]
fn junit_is_read_by_junitparser_with_the_expected_counts() {
    let dir = examples_with_a_waiver();
    let out = planlint_in(dir.path(), &["check", "plans", "--format", "junit"], "");
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml"), "{xml}");
    let json = planlint_in(dir.path(), &["check", "plans", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let live = v["summary"]["errors"].as_u64().expect("n")
        + v["summary"]["warnings"].as_u64().expect("n")
        + v["summary"]["info"].as_u64().expect("n");
    if !crate::support::python_module("junitparser") {
        return;
    }
    let path = dir.path().join("junit.xml");
    std::fs::write(&path, xml).expect("write");
    let script = "import sys\nfrom junitparser import JUnitXml, Failure, Skipped\nx = JUnitXml.fromfile(sys.argv[1])\nsuites = list(x)\ncases = [c for s in suites for c in s]\nfailures = sum(1 for c in cases for r in c.result if isinstance(r, Failure))\nskipped = sum(1 for c in cases for r in c.result if isinstance(r, Skipped))\nprint(len(suites), len(cases), failures, skipped)\n";
    let parsed = Command::new(crate::support::python())
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let counts = String::from_utf8_lossy(&parsed.stdout).trim().to_owned();
    assert_eq!(counts, format!("8 120 {live} 1"));
}

#[test]
fn statistics_count_the_live_findings_per_code_most_first() {
    let dir = repo(&[
        ("a.md", &no_housing()),
        ("b.md", &no_housing()),
        ("c.md", &crate::support::compliant()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--statistics"], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text.lines().next().expect("a row");
    assert_eq!(
        first.split_whitespace().collect::<Vec<_>>(),
        ["2", "IP002", "fel", "omrade-bostader"],
        "{text}"
    );
    assert!(!text.contains("error[IP002]"), "{text}");
    assert!(
        text.contains("3 planer granskade, 2 med anmärkningar: 2 fel"),
        "{text}"
    );
    let out = planlint_in(
        dir.path(),
        &["check", "--statistics", "--format", "json"],
        "",
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["statistics"][0]["code"], "IP002");
    assert_eq!(json["statistics"][0]["count"], 2);
    assert_eq!(json["statistics"][0]["severity"], "error");
    let counted: u64 = json["statistics"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(json["total"], counted);
}

#[test]
fn junit_waits_in_a_temporary_file_and_says_where_when_it_cannot_make_one() {
    // Many plans, each suite written as its plan comes: the document is the one a run that
    // kept them all would write, every suite in order, the root counting them.
    let plans: Vec<(String, String)> = (0..150)
        .map(|i| (format!("plan-{i:03}.md"), no_housing()))
        .collect();
    let files: Vec<(&str, &str)> = plans
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = repo(&files);
    let out = planlint_in(dir.path(), &["check", "--format", "junit"], "");
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(
        xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"planlint\" tests=\""
        ),
        "{xml}"
    );
    assert!(xml.ends_with("  </testsuite>\n</testsuites>\n"), "{xml}");
    let names: Vec<&str> = xml
        .match_indices("<testsuite name=\"")
        .map(|(at, m)| {
            let rest = &xml[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let expected: Vec<&str> = plans.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, expected);
    assert_eq!(
        xml.matches("\n  <testsuite name=").count(),
        150,
        "indented under the root"
    );
    // No temporary folder: exit 2, and the message says what, where and what to do.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planlint"));
    let out = cmd
        .args(["check", "--format", "junit"])
        .current_dir(dir.path())
        .env("TMPDIR", dir.path().join("inte-här"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("en tillfällig fil för utdata kunde inte skapas i")
            && err.contains("inte-här (ange en annan katalog med TMPDIR): finns inte"),
        "{err}"
    );
}

#[test]
fn json_made_on_the_checking_threads_is_one_valid_list_whatever_comes_first() {
    // Two chunks and more of plans, the first ones without findings, then a plan from
    // standard input, which the delivering thread formats itself: one list, every finding once.
    let mut plans: Vec<(String, String)> = (0..70)
        .map(|i| (format!("a-{i:02}.md"), compliant()))
        .collect();
    plans.extend((0..70).map(|i| (format!("b-{i:02}.md"), no_housing())));
    let files: Vec<(&str, &str)> = plans
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = repo(&files);
    for format in ["json", "short", "github"] {
        let out = planlint_in(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "--stdin-filename",
                "c.md",
                ".",
                "-",
            ],
            no_housing(),
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = stdout(&out);
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON object");
            let found = json["diagnostics"].as_array().expect("list");
            let ip002 = found.iter().filter(|d| d["code"] == "IP002").count();
            assert_eq!(ip002, 71, "70 plans and standard input");
            assert_eq!(found.last().unwrap()["path"], "c.md");
        } else {
            assert_eq!(text.matches("IP002").count(), 71, "{format}: {text}");
        }
    }
}

#[test]
fn a_plan_of_thousands_of_findings_is_written_a_finding_at_a_time_in_one_valid_list() {
    // A plan with more findings than are rendered ahead on the checking thread comes first,
    // then plans whose part is rendered ahead, then one more of the large ones: the sink writes
    // the large ones itself, and the list stays one list with every finding once.
    let todos = format!("{}\n\n{}\n", compliant(), "TODO ".repeat(2_500));
    let dir = repo(&[
        ("a.md", todos.as_str()),
        ("b.md", no_housing().as_str()),
        ("c.md", compliant().as_str()),
        ("d.md", todos.as_str()),
    ]);
    for format in ["json", "short", "github"] {
        let out = planlint_in(dir.path(), &["check", "--format", format, "."], "");
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = stdout(&out);
        let (todo, housing) = if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON object");
            let found = json["diagnostics"].as_array().expect("list");
            let of = |path: &str, code: &str| {
                found
                    .iter()
                    .filter(|d| d["path"] == path && d["code"] == code)
                    .count()
            };
            assert_eq!(of("a.md", "IP006"), of("d.md", "IP006"));
            (
                found.iter().filter(|d| d["code"] == "IP006").count(),
                of("b.md", "IP002"),
            )
        } else {
            (text.matches("IP006").count(), text.matches("IP002").count())
        };
        assert_eq!(todo, 5_000, "{format}: every placeholder of both plans");
        assert_eq!(housing, 1, "{format}");
    }
}
