//! `init`, `test-pack` and `schema`.

use std::process::Command;

use crate::support::{planlint, planlint_in, repo, root, stderr, stdout};

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

/// `text` with the example roster and stage of `planlint init` uncommented: from the first
/// `# [[department]]` on, each commented line that is TOML (a table header, `key = value`).
fn with_the_example_roster(text: &str) -> String {
    let at = text.find("# [[department]]").expect("an example roster");
    let toml = |t: &str| {
        t.starts_with("[[department]]")
            || t.starts_with("[stage.")
            || t.split_once(" = ")
                .is_some_and(|(key, _)| !key.is_empty() && !key.contains(' '))
    };
    let tail: Vec<&str> = text[at..]
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(t) if toml(t) => t,
            _ => l,
        })
        .collect();
    format!("{}{}\n", &text[..at], tail.join("\n"))
}

#[test]
fn init_shows_a_roster_and_a_stage_that_work_once_uncommented() {
    for (lang, words) in [
        ("sv", "Förteckningen över förvaltningarna"),
        ("en", "The roster of departments"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = planlint_in(dir.path(), &["init", "--lang", lang], "");
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        let config = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config");
        assert!(config.contains(words), "{lang}: {config}");
        assert!(config.contains("# [stage.\"för beslut\"]"), "{config}");
        // As written, the file parses, and the examples are comments.
        let shown = planlint_in(dir.path(), &["config"], "");
        assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
        let check = planlint_in(dir.path(), &["check", "--format", "json"], "");
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

        let roster = with_the_example_roster(&config);
        assert!(roster.contains("\n[[department]]\nname = \"Socialförvaltningen\"\n"));
        assert!(roster.contains("\n[stage.\"för beslut\"]\nseverity = "));
        std::fs::write(dir.path().join("planlint.toml"), &roster).expect("config");
        let shown = planlint_in(dir.path(), &["config"], "");
        assert_eq!(shown.status.code(), Some(0), "{lang}: {}", stderr(&shown));

        // A plan copied from the template to where the roster expects it: the other
        // department on the roster has no plan for its year, an error at `för beslut` (or at
        // the stage's own name for it).
        let template = std::fs::read_to_string(dir.path().join("mallar/verksamhetsplan.md"))
            .expect("template");
        let plan = template
            .replacen("förvaltning:", "förvaltning: Socialförvaltningen", 1)
            .replacen("år:", "år: 2027", 1);
        std::fs::create_dir_all(dir.path().join("planer/2027")).expect("mkdir");
        std::fs::write(dir.path().join("planer/2027/socialforvaltningen.md"), plan).expect("plan");
        for (stage, severity) in [
            (None, "warning"),
            (Some("för beslut"), "error"),
            (Some("beslutsförslag"), "error"),
        ] {
            let mut args = vec!["check", "--format", "json"];
            args.extend(stage.iter().flat_map(|s| ["--stage", *s]));
            let check = planlint_in(dir.path(), &args, "");
            let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
            let found: Vec<_> = v["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .filter(|d| d["code"] == "PL016" || d["code"] == "PL017")
                .collect();
            assert_eq!(found.len(), 1, "{stage:?}: {v}");
            assert_eq!(found[0]["code"], "PL016");
            assert_eq!(found[0]["severity"], severity, "{stage:?}");
            assert_eq!(found[0]["path"], "planlint.toml");
            let message = found[0]["message"].as_str().expect("message");
            assert!(
                message.contains("Barn- och utbildningsförvaltningen") && message.contains("2027"),
                "{message}"
            );
        }
    }
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
    // Its example roster and stage, uncommented.
    let written = std::fs::read_to_string(&configs[0]).expect("config");
    let roster = repo(&[("planlint.toml", &with_the_example_roster(&written))]);
    configs.push(roster.path().join("planlint.toml"));
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

#[test]
fn init_comments_its_config_in_the_language_it_sets() {
    for (lang, said, not_said) in [
        ("sv", "Varje nyckel kan utelämnas", "Every key is optional"),
        ("en", "Every key is optional", "Varje nyckel kan utelämnas"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = planlint_in(dir.path(), &["init", "--lang", lang], "");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let config = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("config");
        assert!(
            config.contains(said) && !config.contains(not_said),
            "{lang}: {config}"
        );
        assert!(
            config.contains(&format!("\nlang = \"{lang}\"\n")),
            "{lang}: {config}"
        );
        // Every comment line but the examples' values is in the language: no English
        // sentence opens a Swedish comment.
        if lang == "sv" {
            for english in [
                "# Which files",
                "# Severity by",
                "# A waiver",
                "# Rule packs",
            ] {
                assert!(!config.contains(english), "{english}: {config}");
            }
        }
    }
}

#[test]
fn a_named_file_that_exclude_leaves_out_is_told_about_exclude() {
    let dir = tempfile::tempdir().expect("tempdir");
    planlint_in(dir.path(), &["init"], "");
    let out = planlint_in(
        dir.path(),
        &["check", "--color", "never", "mallar/verksamhetsplan.md"],
        "",
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "note[PL006]: filen granskades inte: `exclude` i planlint.toml utesluter den"
        ),
        "{text}"
    );
    assert!(!text.contains("ändra `include`"), "{text}");
}
