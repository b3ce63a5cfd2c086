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
