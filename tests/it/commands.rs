//! `init`, `test-pack` and `schema`.

use std::process::Command;

use crate::support::{planlint, planlint_in, repo, root, stdout};

#[test]
fn init_writes_a_template_that_fails_helpfully_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = planlint_in(dir.path(), &["init"], "");
    assert_eq!(first.status.code(), Some(0));
    assert!(
        stdout(&first).contains("skapade planlint.toml")
            && stdout(&first).contains("skapade mall-verksamhetsplan.md"),
        "{}",
        stdout(&first)
    );
    let config = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config");
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
    std::fs::write(dir.path().join("mall-verksamhetsplan.md"), "egen text").expect("edit");
    let again = planlint_in(dir.path(), &["init"], "");
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stdout(&again).contains("planlint.toml finns redan och lämnades orörd"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mall-verksamhetsplan.md")).expect("template"),
        "egen text"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config"),
        config
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files are left: {names:?}");
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
    let python = "python3";
    let config_schema = stdout(&planlint(&["schema", "config"]));
    let pack_schema = stdout(&planlint(&["schema", "pack"]));
    let init = tempfile::tempdir().expect("tempdir");
    planlint_in(init.path(), &["init"], "");
    let mut configs = vec![init.path().join("planlint.toml")];
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
}
