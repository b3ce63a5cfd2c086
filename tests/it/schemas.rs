//! The JSON Schemas of `check --format json` and `report --format json` (`planlint schema check`,
//! `planlint schema report`): they describe every field, and real outputs validate against them
//! (with Python's `jsonschema`): the examples, the example repository with its waivers and
//! skipped files, and the fixture estate with its roster at `--stage "för beslut"`.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::support::{planlint_in, root, stderr, stdout};

/// The schema `planlint schema of` prints.
fn schema(of: &str) -> Value {
    let out = planlint_in(&root(), &["schema", of], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("a schema is JSON")
}

/// `value`, or the definition its `$ref` names.
fn resolved<'a>(schema: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("a local reference");
            &schema["$defs"][name]
        }
        None => value,
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("an array: {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

/// The names of the properties of `schema` (the root and each definition, each variant of one)
/// that have no description, leaving out `status`, the tag serde adds to a cell.
fn undescribed(schema: &Value) -> Vec<String> {
    let mut objects = vec![("(root)".to_owned(), schema)];
    for (name, def) in schema["$defs"].as_object().expect("definitions") {
        objects.push((name.clone(), def));
        for variant in def["oneOf"].as_array().into_iter().flatten() {
            objects.push((name.clone(), variant));
        }
    }
    let mut out = Vec::new();
    for (name, object) in objects {
        for (key, property) in object["properties"].as_object().into_iter().flatten() {
            let described = property["description"]
                .as_str()
                .is_some_and(|d| !d.trim().is_empty());
            if !described && key != "status" {
                out.push(format!("{name}.{key}"));
            }
        }
    }
    out
}

#[test]
fn the_check_schema_describes_every_field_of_the_json_output() {
    let s = schema("check");
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(
        strings(&s["required"]),
        ["version", "tool", "lang", "diagnostics", "summary"]
    );
    assert_eq!(strings(&s["properties"]["lang"]["enum"]), ["sv", "en"]);
    let diagnostic = resolved(&s, &s["properties"]["diagnostics"]["items"]);
    let required = strings(&diagnostic["required"]);
    // Every field is always written, `null` or not.
    for key in [
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "labels",
        "help",
        "notes",
        "waiver",
        "stage",
    ] {
        assert!(required.contains(&key), "{key}: {diagnostic}");
    }
    let severity = resolved(&s, &diagnostic["properties"]["severity"]);
    let levels: Vec<&str> = severity["oneOf"]
        .as_array()
        .expect("the levels")
        .iter()
        .map(|l| l["const"].as_str().expect("a level"))
        .collect();
    assert_eq!(levels, ["info", "warning", "error"]);
    let line = diagnostic["properties"]["line"]["description"]
        .as_str()
        .expect("described");
    assert!(line.contains("1-based"), "{line}");
    let stage = diagnostic["properties"]["stage"]["description"]
        .as_str()
        .expect("described");
    assert!(
        stage.contains("judged at") && stage.contains("null"),
        "{stage}"
    );
    let summary = resolved(&s, &s["properties"]["summary"]);
    for key in ["stage", "stages", "skipped", "waived"] {
        assert!(strings(&summary["required"]).contains(&key), "{key}");
    }
    let waiver = &s["$defs"]["JsonWaiver"];
    assert_eq!(
        strings(&waiver["properties"]["origin"]["enum"]),
        ["inline", "config"]
    );
    assert_eq!(undescribed(&s), Vec::<String>::new());
}

#[test]
fn the_report_schema_has_the_rows_the_missing_plans_and_the_trend() {
    let s = schema("report");
    assert_eq!(s["title"], "Matrix");
    let top = strings(&s["required"]);
    for key in [
        "columns", "rows", "skipped", "absent", "years", "trend", "summary",
    ] {
        assert!(top.contains(&key), "{key}");
    }
    // `planlint report` always writes it; a matrix built without it leaves it out.
    assert!(!top.contains(&"provenance"));
    assert!(s["properties"]["provenance"].is_object());
    let row = resolved(&s, &s["properties"]["rows"]["items"]);
    let required = strings(&row["required"]);
    for key in [
        "path",
        "department",
        "cells",
        "year",
        "board",
        "stage",
        "roster",
    ] {
        assert!(required.contains(&key), "{key}: {row}");
    }
    for name in [
        "AbsentRow",
        "Trend",
        "TrendRow",
        "YearCell",
        "Provenance",
        "PackUsed",
        "SkippedFile",
    ] {
        assert!(s["$defs"][name]["properties"].is_object(), "{name}");
    }
    let absent = resolved(&s, &s["properties"]["absent"]["items"]);
    for key in ["department", "year", "expected", "severity"] {
        assert!(strings(&absent["required"]).contains(&key), "{key}");
    }
    // A cell is tagged by its status, as serde writes it.
    let statuses: Vec<&str> = s["$defs"]["Cell"]["oneOf"]
        .as_array()
        .expect("the cells")
        .iter()
        .map(|c| c["properties"]["status"]["const"].as_str().expect("a tag"))
        .collect();
    assert_eq!(
        statuses,
        [
            "covered",
            "missing",
            "waived",
            "off",
            "not-applicable",
            "not-judged"
        ]
    );
    assert_eq!(undescribed(&s), Vec::<String>::new());
}

/// Runs planlint in `dir` and keeps what it wrote, named for a failure's message.
fn output(dir: &Path, args: &[&str]) -> (String, Output) {
    let out = planlint_in(dir, args, "");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&out)
    );
    (args.join(" "), out)
}

/// Checks the schema in the first argument against its meta-schema, then validates each file
/// named after it against the schema.
const VALIDATE: &str = r"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
for path in sys.argv[2:]:
    cls(schema).validate(json.load(open(path)))
";

/// Validates each output against `schema` (checked itself against its meta-schema first) with
/// Python's `jsonschema`.
fn validate(schema: &Value, outputs: &[(String, Output)]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema_path = dir.path().join("schema.json");
    std::fs::write(&schema_path, schema.to_string()).expect("write");
    let mut command = std::process::Command::new(crate::support::python());
    command.args(["-c", VALIDATE]).arg(&schema_path);
    for (i, (_, out)) in outputs.iter().enumerate() {
        let path = dir.path().join(format!("{i}.json"));
        std::fs::write(&path, &out.stdout).expect("write");
        command.arg(path);
    }
    let check = command.output().expect("python runs");
    let names: Vec<&str> = outputs.iter().map(|(name, _)| name.as_str()).collect();
    assert!(
        check.status.success(),
        "{names:?}: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn the_json_of_check_and_of_report_validates_against_its_schema() {
    let examples = root();
    let repository = root().join("examples/repo");
    let estate = crate::estate::estate();
    let at = ["--stage", "för beslut"];
    let checks = [
        output(&examples, &["check", "examples/plans", "--format", "json"]),
        output(&repository, &["check", "--format", "json"]),
        output(estate.path(), &["check", at[0], at[1], "--format", "json"]),
    ];
    let reports = [
        output(&examples, &["report", "examples/plans", "--format", "json"]),
        output(&repository, &["report", "--format", "json"]),
        output(estate.path(), &["report", at[0], at[1], "--format", "json"]),
        output(estate.path(), &["report", "--format", "json"]),
    ];
    // What the schemas describe is in what they validate: waivers of both kinds, stages, a
    // department without a plan, skipped files, the trend.
    let repo_check = json(&checks[1].1);
    let origins: Vec<&str> = repo_check["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["waiver"]["origin"].as_str())
        .collect();
    assert!(
        origins.contains(&"inline") && origins.contains(&"config"),
        "{origins:?}"
    );
    let estate_check = json(&checks[2].1);
    assert_eq!(estate_check["summary"]["stage"], "för beslut");
    assert!(
        estate_check["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["code"] == "PL016"),
        "{estate_check}"
    );
    let repo_report = json(&reports[1].1);
    assert!(
        !repo_report["skipped"]
            .as_array()
            .expect("skipped")
            .is_empty(),
        "{repo_report}"
    );
    let estate_report = json(&reports[2].1);
    assert!(
        !estate_report["absent"]
            .as_array()
            .expect("absent")
            .is_empty(),
        "{estate_report}"
    );
    assert!(
        estate_report["trend"]["departments"].is_array(),
        "{estate_report}"
    );
    assert!(
        estate_report["provenance"]["packs"].is_array(),
        "{estate_report}"
    );
    if !crate::support::python_module("jsonschema") {
        return;
    }
    validate(&schema("check"), &checks);
    validate(&schema("report"), &reports);
}
