//! Snapshots of what users see, rendered, for the examples: each example plan in human output
//! (no colour) and the plans in JSON; every other `check --format` for `examples/plans`, and
//! every format for `examples/repo` (its `planlint.toml`, second pack, override and waivers);
//! the report in every format; `explain`, `outline` and `rules`; the diagnostics the language
//! server publishes for one plan. Each snapshot was read before it was accepted; a change
//! shows up in review, and CI (`CI=true`) fails on a stale one instead of writing it.
//!
//! They run in the copy of the examples ([`root`]). What differs between machines and builds is
//! replaced before the snapshot: the copy's absolute path by `[root]`, its `file:` URI by
//! `file:///[root]`, planlint's version by `[version]`; nothing else.

use std::path::PathBuf;
use std::process::Output;

use serde_json::json;

use crate::lsp::client::{uri, Server};
use crate::support::{planlint, planlint_in, root, stderr, stdout};

const PLANS: &[&str] = &[
    "arbetsmarknadsenheten",
    "barn-och-utbildning",
    "kultur-och-fritid",
    "miljo-och-byggnad-utkast",
    "samhallsbyggnad",
    "socialforvaltningen",
    "vard-och-omsorg",
];

/// The copy of `examples/repo`, the plans repository with a config of its own.
fn example_repo() -> PathBuf {
    root().join("examples/repo")
}

/// Runs planlint in the copy of `examples/repo`.
fn in_repo(args: &[&str]) -> Output {
    planlint_in(&example_repo(), args, "")
}

/// `text` with what varies between machines and builds replaced: the copy's path and the
/// version in the JSON and SARIF `tool` objects.
fn redact(text: &str) -> String {
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    text.replace(root().to_str().expect("UTF-8 path"), "[root]")
        .replace(&version, "\"version\": \"[version]\"")
}

/// Stdout of a run that ended with `code` and wrote nothing to stderr, redacted.
fn shown(out: &Output, code: i32) -> String {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(out));
    assert_eq!(stderr(out), "");
    redact(&stdout(out))
}

/// The exit status `check` gives for the examples: both sets have an error-level finding.
const CHECK_EXIT: i32 = 1;

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

#[test]
fn the_other_check_formats_of_the_example_plans() {
    // `human` (per plan) and `json` are the snapshots above.
    for format in ["short", "sarif", "github", "junit"] {
        let out = planlint(&["check", "examples/plans", "--format", format]);
        insta::assert_snapshot!(format!("check_plans_{format}"), shown(&out, CHECK_EXIT));
    }
}

#[test]
fn english_short_output_of_the_example_plans() {
    let out = planlint(&[
        "check",
        "examples/plans",
        "--format",
        "short",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("check_plans_short_en", shown(&out, CHECK_EXIT));
}

#[test]
fn every_check_format_of_the_example_repository() {
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let out = in_repo(&["check", "--format", format, "--color", "never"]);
        insta::assert_snapshot!(format!("check_repo_{format}"), shown(&out, CHECK_EXIT));
    }
}

#[test]
fn every_report_format_of_the_examples() {
    for format in ["html", "markdown", "json", "csv"] {
        let out = planlint(&["report", "examples/plans", "--format", format]);
        insta::assert_snapshot!(format!("report_plans_{format}"), shown(&out, 0));
        let out = in_repo(&["report", "--format", format]);
        insta::assert_snapshot!(format!("report_repo_{format}"), shown(&out, 0));
    }
}

#[test]
fn explain_a_rule_and_one_of_planlints_own_codes() {
    for code in ["IP002", "PL013"] {
        let out = planlint(&["explain", code]);
        insta::assert_snapshot!(format!("explain_{code}"), shown(&out, 0));
    }
}

#[test]
fn outline_of_the_draft_plan() {
    let out = planlint(&["outline", "examples/plans/miljo-och-byggnad-utkast.md"]);
    insta::assert_snapshot!("outline_miljo-och-byggnad-utkast", shown(&out, 0));
}

#[test]
fn rules_of_the_example_repository() {
    let out = in_repo(&["rules"]);
    insta::assert_snapshot!("rules_repo", shown(&out, 0));
}

/// What an editor receives for the plan that fails the repository's own pack: TR001 with the
/// passing mention as related information, TR003 in the middle of a long line.
#[test]
fn language_server_diagnostics_for_one_plan() {
    let repo = example_repo();
    let path = repo.join("planer/tekniska-forvaltningen.md");
    let text = std::fs::read_to_string(&path).expect("plan");
    let plan = uri(&path);
    let mut server = Server::start(&repo, &[]);
    server.initialize(&repo, json!({}));
    server.open(&plan, &text);
    let published = server.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == plan && p["version"] == 1
    });
    assert!(server.shutdown_and_exit().success());
    let pretty = serde_json::to_string_pretty(&published).expect("json");
    let shown = redact(&pretty.replace(&uri(&root()), "file:///[root]"));
    insta::assert_snapshot!("lsp_tekniska-forvaltningen", shown);
}
