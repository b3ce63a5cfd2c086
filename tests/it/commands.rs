//! `init`, `test-pack` and `schema`.

use std::process::Command;

use crate::support::{planlint, planlint_in, repo, root, stdout};

#[test]
fn init_passes_its_own_gate_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = planlint_in(dir.path(), &["init"], "");
    assert_eq!(first.status.code(), Some(0));
    assert!(
        stdout(&first).contains("skapade planlint.toml")
            && stdout(&first).contains("skapade mallar/verksamhetsplan.md")
            && stdout(&first).contains("Kopiera mallen till en ny fil"),
        "{}",
        stdout(&first)
    );
    let config = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config");
    let template =
        std::fs::read_to_string(dir.path().join("mallar/verksamhetsplan.md")).expect("template");
    // The template is not a plan: the config excludes it, by walk and by name (as the
    // pre-commit hook passes it), and the report has no department for it.
    for args in [
        &["check", "--allow-empty", "--format", "json"][..],
        &[
            "check",
            "--allow-empty",
            "--format",
            "json",
            "mallar/verksamhetsplan.md",
        ],
    ] {
        let check = planlint_in(dir.path(), args, "");
        assert_eq!(check.status.code(), Some(0), "{args:?}: {}", stdout(&check));
        let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
        assert_eq!(v["summary"]["files"], 0, "{v}");
        assert_eq!(v["summary"]["skipped"], 1, "{v}");
        assert_eq!(v["summary"]["errors"], 0, "{v}");
    }
    let walked = planlint_in(dir.path(), &["check", "--allow-empty", "--verbose"], "");
    assert!(
        stdout(&walked).contains(
            "granskades inte: mallar/verksamhetsplan.md: `exclude` i planlint.toml utesluter den"
        ),
        "{}",
        stdout(&walked)
    );
    let report = planlint_in(
        dir.path(),
        &["report", "--allow-empty", "--format", "json"],
        "",
    );
    assert_eq!(report.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&report.stdout).expect("json");
    assert_eq!(v["rows"], serde_json::json!([]), "{v}");
    assert!(!stdout(&report).contains("förvaltningens namn"));
    // A new repository passes its own gate: the generated config allows a run without plans…
    let empty = planlint_in(dir.path(), &["check"], "");
    assert_eq!(empty.status.code(), Some(0), "{}", stdout(&empty));
    assert!(
        stdout(&empty).contains("0 planer granskade"),
        "{}",
        stdout(&empty)
    );
    // …and once that line is gone, a run that finds no plan fails the gate again.
    let strict = config.replace("allow_empty = true\n", "");
    assert_ne!(strict, config);
    std::fs::write(dir.path().join("planlint.toml"), &strict).expect("config");
    let empty = planlint_in(dir.path(), &["check"], "");
    assert_eq!(empty.status.code(), Some(2));
    std::fs::write(dir.path().join("planlint.toml"), &config).expect("config");

    // Copied to a plan of its own, the template fails, helpfully, until it is filled in.
    std::fs::write(dir.path().join("socialforvaltningen.md"), &template).expect("copy");
    let check = planlint_in(dir.path(), &["check", "--color", "never"], "");
    assert_eq!(check.status.code(), Some(1));
    let text = stdout(&check);
    for code in ["IP001", "IP002", "IP003", "IP004"] {
        assert!(text.contains(&format!("error[{code}]")), "{code}: {text}");
    }
    assert!(
        text.contains("rubriken finns, men avsnittet har inget innehåll"),
        "{text}"
    );
    assert!(text.contains("= help: skriv minst 15 ord om hur förvaltningen arbetar med Bostäder under rubriken `Bostäder`"), "{text}");
    assert!(
        text.contains(
            "warning[IP007]: uppgiftsblocket överst i planen (front matter) saknar `förvaltning`, `år`, `ansvarig`"
        ),
        "{text}"
    );
    assert!(!text.contains("mallar/"), "{text}");
    std::fs::remove_file(dir.path().join("socialforvaltningen.md")).expect("remove");

    std::fs::write(dir.path().join("mallar/verksamhetsplan.md"), "egen text").expect("edit");
    let again = planlint_in(dir.path(), &["init"], "");
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stdout(&again).contains("planlint.toml finns redan och lämnades orörd")
            && stdout(&again).contains("mallar/verksamhetsplan.md finns redan och lämnades orörd"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mallar/verksamhetsplan.md")).expect("template"),
        "egen text"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config"),
        config
    );
    for (folder, expected) in [
        (dir.path().to_path_buf(), 2),
        (dir.path().join("mallar"), 1),
    ] {
        let names: Vec<_> = std::fs::read_dir(&folder)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names.len(),
            expected,
            "no temporary files are left: {names:?}"
        );
    }
}

#[test]
fn init_in_english_names_the_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = planlint_in(dir.path(), &["init", "--lang", "en"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("created mallar/verksamhetsplan.md")
            && stdout(&out).contains("The template itself is not checked"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn test_pack_passes_for_the_built_in_pack() {
    let out = planlint(&["test-pack", "rules/integrationspolicy.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("15 regler prövade, 0 med exempel som inte stämmer"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn test_pack_reports_a_wrong_example() {
    let text = std::fs::read_to_string(root().join("rules/integrationspolicy.toml")).expect("pack");
    let broken = text.replacen(
        "TODO: skriv när planen följs upp.",
        "Planen följs upp i augusti.",
        1,
    );
    assert_ne!(broken, text);
    let dir = repo(&[("pack.toml", &broken)]);
    let out = planlint_in(dir.path(), &["test-pack", "pack.toml"], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("IP006: exemplet som ska ge fel (`examples.fail`) ger: inget"),
        "{text}"
    );
    assert!(text.contains("1 med exempel som inte stämmer"), "{text}");
}

const VALIDATE: &str = r#"
import json, sys, tomllib, datetime, jsonschema
def plain(v):
    if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list): return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
    return v
schema = json.load(open(sys.argv[1]))
doc = plain(tomllib.load(open(sys.argv[2], "rb")))
jsonschema.validate(doc, schema)
print("valid")
"#;

fn validate(python: &str, schema: &str, toml_path: &std::path::Path) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema_path = dir.path().join("schema.json");
    std::fs::write(&schema_path, schema).expect("write schema");
    Command::new(python)
        .arg("-c")
        .arg(VALIDATE)
        .arg(&schema_path)
        .arg(toml_path)
        .output()
        .expect("python runs")
}

#[test]
fn the_schemas_validate_the_example_config_and_the_built_in_pack() {
    if !crate::support::python_module("jsonschema") {
        return;
    }
    let python = &crate::support::python();
    let config_schema = stdout(&planlint(&["schema", "config"]));
    let pack_schema = stdout(&planlint(&["schema", "pack"]));
    let init = tempfile::tempdir().expect("tempdir");
    planlint_in(init.path(), &["init"], "");
    let mut configs = vec![init.path().join("planlint.toml")];
    // Both forms of a `[severity]` value, as `planlint init` shows them commented out.
    let severity = repo(&[(
        "planlint.toml",
        "[severity]\nIP015 = \"off\"\nIP002 = { level = \"off\", reason = \"Nämnden har inget uppdrag som rör bostäder.\" }\n",
    )]);
    configs.push(severity.path().join("planlint.toml"));
    let example = root().join("examples/repo/planlint.toml");
    if example.exists() {
        configs.push(example);
    }
    for config in configs {
        let out = validate(python, &config_schema, &config);
        assert!(
            out.status.success(),
            "{}: {}",
            config.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = validate(
        python,
        &pack_schema,
        &root().join("rules/integrationspolicy.toml"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And the schema rejects what planlint rejects: an unknown key.
    let bad = repo(&[("planlint.toml", "inclde = [\"*.md\"]\n")]);
    let out = validate(python, &config_schema, &bad.path().join("planlint.toml"));
    assert!(!out.status.success(), "an unknown key must not validate");
    let bad = repo(&[(
        "planlint.toml",
        "[severity]\nIP002 = { level = \"off\", reasn = \"Nämnden har inget uppdrag.\" }\n",
    )]);
    let out = validate(python, &config_schema, &bad.path().join("planlint.toml"));
    assert!(
        !out.status.success(),
        "an unknown key of a severity must not validate"
    );
}
