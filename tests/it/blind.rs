//! Plans written independently of the matching code, with the coverage a careful reviewer
//! expects (`tests/fixtures/blind/expected.toml`). Guards against tuning the engine to its own
//! examples.

use std::collections::BTreeSet;

use crate::support::{covered, root};

fn area_name(code: &str) -> &'static str {
    match code {
        "IP001" => "Arbete och studier",
        "IP002" => "Bostäder",
        "IP003" => "Folkhälsa",
        "IP004" => "Samverkan",
        other => panic!("not an area code: {other}"),
    }
}

#[test]
fn independent_plans_get_the_expected_coverage() {
    let dir = root().join("tests/fixtures/blind");
    let expected: toml::Table = std::fs::read_to_string(dir.join("expected.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        expected.len() >= 40,
        "the corpus has {} plans",
        expected.len()
    );
    let mut wrong = Vec::new();
    for (file, entry) in &expected {
        let want: BTreeSet<String> = entry["covered"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let got: BTreeSet<String> = covered(&text)
            .iter()
            .map(|c| area_name(c).to_owned())
            .collect();
        if got != want {
            wrong.push(format!("{file}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Batch 4 (`tests/fixtures/blind/batch4`): Markdown and Word plans labelled for the area rules
/// and the advisory rules IP005, IP006 and IP013-IP015. Each plan is checked as a user checks
/// it, by the program, in a folder with no `planlint.toml`.
#[test]
fn batch_four_gets_every_labelled_verdict() {
    let dir = root().join("tests/fixtures/blind/batch4");
    let expected: toml::Table = std::fs::read_to_string(dir.join("expected.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        expected.len() >= 40,
        "the batch has {} plans",
        expected.len()
    );
    let words = expected
        .keys()
        .filter(|k| {
            std::path::Path::new(k)
                .extension()
                .is_some_and(|e| e == "docx")
        })
        .count();
    assert!(words * 4 >= expected.len(), "{words} Word plans");
    let here = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    for (file, entry) in &expected {
        let path = dir.join(file);
        let out = crate::support::planlint_in(
            here.path(),
            &["check", "--format", "json", path.to_str().unwrap()],
            "",
        );
        assert!(matches!(out.status.code(), Some(0 | 1)), "{file}: {out:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let fired: BTreeSet<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect();
        let covered: BTreeSet<&str> = entry["covered"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let list_nonempty = |key: &str| !entry[key].as_array().unwrap().is_empty();
        let mut want = Vec::new();
        for code in ["IP001", "IP002", "IP003", "IP004"] {
            want.push((code, !covered.contains(area_name(code))));
        }
        want.push(("IP005", !entry["refers_to_policy"].as_bool().unwrap()));
        want.push(("IP006", entry["placeholders"].as_integer().unwrap() > 0));
        want.push(("IP013", list_nonempty("goal_missing")));
        want.push(("IP014", list_nonempty("responsible_missing")));
        want.push(("IP015", list_nonempty("timeframe_missing")));
        for (code, fires) in want {
            if fired.contains(code) != fires {
                let said = if fires { "is silent" } else { "fires" };
                wrong.push(format!("{file}: {code} {said}, the label says otherwise"));
            }
        }
    }
    // The verdicts planlint still gets wrong, each argued in tests/fixtures/blind/README.md
    // ("Open disagreements"): a fix or a new error shows here.
    let open = ["plan-b4-16-kost.md: IP013 fires, the label says otherwise"];
    assert_eq!(wrong, open, "{}", wrong.join("\n"));
}
