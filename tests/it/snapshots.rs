//! Snapshots of what users see for each example plan: human output (no colour) and JSON.
//! Each snapshot was read before it was accepted; a change shows up in review.

use crate::support::{planlint, stdout};

const PLANS: &[&str] = &[
    "arbetsmarknadsenheten",
    "barn-och-utbildning",
    "kultur-och-fritid",
    "miljo-och-byggnad-utkast",
    "samhallsbyggnad",
    "socialforvaltningen",
    "vard-och-omsorg",
];

#[test]
fn human_output_of_each_example_plan() {
    for plan in PLANS {
        let path = format!("examples/plans/{plan}.md");
        let out = planlint(&["check", &path, "--color", "never"]);
        insta::assert_snapshot!(format!("human_{plan}"), stdout(&out));
    }
}

#[test]
fn json_output_of_the_examples() {
    let out = planlint(&["check", "examples/plans", "--format", "json"]);
    let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    value["tool"]["version"] = serde_json::Value::from("[version]");
    insta::assert_json_snapshot!("json_examples", value);
}

#[test]
fn english_human_output() {
    let out = planlint(&[
        "check",
        "examples/plans/vard-och-omsorg.md",
        "--color",
        "never",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("human_en_vard-och-omsorg", stdout(&out));
}
