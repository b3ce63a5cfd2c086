//! `planlint.toml`: discovery, merging with the command line, and errors pointing into it.

use crate::support::{compliant, json_codes, no_housing, planlint_in, repo, stderr, stdout};

fn codes(out: &std::process::Output) -> Vec<String> {
    json_codes(out)
        .into_iter()
        .filter(|(_, waived)| !waived)
        .map(|(c, _)| c)
        .collect()
}

#[test]
fn the_config_is_found_by_walking_up() {
    let dir = repo(&[
        ("planlint.toml", "[severity]\nIP002 = \"off\"\n"),
        ("plans/kultur/plan.md", &no_housing()),
    ]);
    let deep = dir.path().join("plans/kultur");
    let out = planlint_in(&deep, &["check", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(codes(&out).is_empty());
    // --isolated ignores it.
    let isolated = planlint_in(&deep, &["check", "--isolated", "--format", "json"], "");
    assert_eq!(isolated.status.code(), Some(1));
    assert_eq!(codes(&isolated), ["IP002"]);
}

#[test]
fn dot_planlint_toml_is_found_too_and_config_names_a_file() {
    let dir = repo(&[
        (".planlint.toml", "[severity]\nIP002 = \"warning\"\n"),
        ("elsewhere.toml", "lang = \"en\"\n"),
        ("plan.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    assert!(stdout(&out).contains("warning[IP002]"), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(0));
    let other = planlint_in(
        dir.path(),
        &["check", "--config", "elsewhere.toml", "--format", "short"],
        "",
    );
    assert!(
        stdout(&other).contains("error[IP002]: the plan has no section on `Housing`"),
        "{}",
        stdout(&other)
    );
}

#[test]
fn include_and_exclude_choose_the_plans_and_gitignore_does_not() {
    let dir = repo(&[
        (
            "planlint.toml",
            "include = [\"plans/**/*.md\"]\nexclude = [\"plans/arkiv/**\"]\n",
        ),
        ("plans/a.md", &compliant()),
        ("plans/arkiv/gammal.md", &no_housing()),
        ("plans/utkast/ignorerad.md", &no_housing()),
        ("plans/.gitignore", "utkast/\n"),
        ("README.md", "# Om förrådet\n"),
    ]);
    std::fs::create_dir(dir.path().join(".git")).expect("git dir");
    let out = planlint_in(dir.path(), &["check", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // `.gitignore` is written by whoever commits; it does not hide a plan from the gate.
    assert_eq!(v["summary"]["files"], 2, "{v}");
    assert_eq!(
        v["diagnostics"][0]["path"], "plans/utkast/ignorerad.md",
        "{v}"
    );
    // The excluded plan and README.md are counted as skipped.
    assert_eq!(v["summary"]["skipped"], 2, "{v}");
    assert_eq!(out.status.code(), Some(1));
    // An excluded file named explicitly (as pre-commit does) is skipped too, and said so.
    let args = [
        "check",
        "plans/arkiv/gammal.md",
        "README.md",
        "--format",
        "json",
        "--allow-empty",
    ];
    let named = planlint_in(dir.path(), &args, "");
    assert_eq!(named.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&named.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 0, "{v}");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["PL006", "PL006"], "{v}");
    // Without `--allow-empty`, a run that checked nothing is not a pass.
    let strict = planlint_in(dir.path(), &args[..5], "");
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn severity_and_per_path_overrides() {
    let dir = repo(&[
        (
            "planlint.toml",
            "[severity]\nIP002 = \"warning\"\n\n[[override]]\npaths = [\"strikt/**\"]\nseverity = { IP002 = \"error\" }\n",
        ),
        ("mild/plan.md", &no_housing()),
        ("strikt/plan.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    let text = stdout(&out);
    assert!(text.contains("mild/plan.md:22:1: warning[IP002]"), "{text}");
    assert!(text.contains("strikt/plan.md:22:1: error[IP002]"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn select_ignore_and_deny_warnings() {
    let mut draft = no_housing();
    draft.push_str("\nTODO: fler mål.\n");
    let dir = repo(&[("plan.md", &draft)]);
    let all = planlint_in(dir.path(), &["check", "--format", "json"], "");
    assert_eq!(codes(&all), ["IP002", "IP006"]);
    let select = planlint_in(
        dir.path(),
        &["check", "--select", "IP006", "--format", "json"],
        "",
    );
    assert_eq!(codes(&select), ["IP006"]);
    assert_eq!(
        select.status.code(),
        Some(0),
        "a warning alone does not fail"
    );
    let deny = planlint_in(
        dir.path(),
        &[
            "check", "--select", "ip006", "--deny", "warnings", "--format", "json",
        ],
        "",
    );
    assert_eq!(deny.status.code(), Some(1), "--deny warnings makes it fail");
    let ignore = planlint_in(
        dir.path(),
        &["check", "--ignore", "IP002,IP006", "--format", "json"],
        "",
    );
    assert!(codes(&ignore).is_empty());
    assert_eq!(ignore.status.code(), Some(0));
    let unknown = planlint_in(dir.path(), &["check", "--select", "IP02"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("okänd regelkod `IP02`")
            && stderr(&unknown).contains("menade du `IP002`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn quiet_prints_only_findings() {
    let dir = repo(&[("plan.md", &compliant())]);
    let out = planlint_in(dir.path(), &["check", "--quiet"], "");
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_plan_on_stdin_uses_its_stdin_filename() {
    let dir = repo(&[(
        "planlint.toml",
        "[[override]]\npaths = [\"mild/**\"]\nseverity = { IP002 = \"warning\" }\n",
    )]);
    let out = planlint_in(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "mild/plan.md",
            "--format",
            "short",
        ],
        no_housing(),
    );
    assert!(
        stdout(&out).contains("mild/plan.md:22:1: warning[IP002]"),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0));
    let plain = planlint_in(
        dir.path(),
        &["check", "-", "--format", "short"],
        no_housing(),
    );
    assert!(
        stdout(&plain).contains("<stdin>:22:1: error[IP002]"),
        "{}",
        stdout(&plain)
    );
    assert_eq!(plain.status.code(), Some(1));
}

#[test]
fn command_line_beats_the_file_and_config_shows_origins() {
    let dir = repo(&[
        ("planlint.toml", "lang = \"en\"\n"),
        ("plan.md", &no_housing()),
    ]);
    let out = planlint_in(
        dir.path(),
        &["check", "--lang", "sv", "--format", "short"],
        "",
    );
    assert!(
        stdout(&out).contains("planen saknar ett avsnitt om `Bostäder`"),
        "{}",
        stdout(&out)
    );
    let shown = planlint_in(dir.path(), &["config", "--lang", "sv"], "");
    let text = stdout(&shown);
    assert!(
        text.lines()
            .any(|l| l.starts_with("lang") && l.contains("= sv") && l.ends_with("# command line")),
        "{text}"
    );
    let file = planlint_in(dir.path(), &["config"], "");
    assert!(
        stdout(&file)
            .lines()
            .any(|l| l.starts_with("lang") && l.contains("= en") && l.contains("planlint.toml:1")),
        "{}",
        stdout(&file)
    );
}

/// Runs `planlint check` in a repo whose config is `config`; returns (exit code, stderr).
fn config_error(config: &str) -> (Option<i32>, String) {
    let dir = repo(&[("planlint.toml", config), ("plan.md", &compliant())]);
    let out = planlint_in(dir.path(), &["check", "--color", "never"], "");
    (
        out.status.code(),
        stderr(&out).replace(&dir.path().display().to_string(), "REPO"),
    )
}

fn assert_points_at(err: &str, config: &str, needle: &str) {
    let at = config.find(needle).expect("needle");
    let line = config[..at].matches('\n').count() + 1;
    let col = at - config[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    assert!(
        err.contains(&format!("┌─ planlint.toml:{line}:{col}")),
        "expected {line}:{col}:\n{err}"
    );
}

#[test]
fn a_misspelt_key_gets_did_you_mean() {
    let config = "inclde = [\"*.md\"]\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("error[PL101]: okänd nyckel `inclde` i konfigurationen"),
        "{err}"
    );
    assert!(err.contains("= help: menade du `include`?"), "{err}");
    assert_points_at(&err, config, "inclde");
}

#[test]
fn an_unknown_code_gets_did_you_mean() {
    let config = "[severity]\nIP02 = \"off\"\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("okänd regelkod `IP02` i konfigurationen"),
        "{err}"
    );
    assert!(err.contains("menade du `IP002`?"), "{err}");
    assert_points_at(&err, config, "IP02");
}

#[test]
fn a_bad_glob_is_an_error_at_the_glob() {
    let config = "exclude = [\"arkiv/[**\"]\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(err.contains("ogiltigt mönster `arkiv/[**`"), "{err}");
    assert_points_at(&err, config, "\"arkiv/[**\"");
}

#[test]
fn a_missing_pack_file_is_an_error_at_its_name() {
    let config = "packs = [\"builtin\", \"regler/saknas.toml\"]\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("regelpaketet `regler/saknas.toml` finns inte"),
        "{err}"
    );
    assert_points_at(&err, config, "\"regler/saknas.toml\"");
}

#[test]
fn an_invalid_date_is_an_error_at_the_date() {
    for (config, needle) in [
        ("[[waiver]]\npaths = [\"*.md\"]\ncodes = [\"IP002\"]\nreason = \"r\"\nexpires = 2027-13-45\n", "2027-13-45"),
        ("[[waiver]]\npaths = [\"*.md\"]\ncodes = [\"IP002\"]\nreason = \"r\"\nexpires = \"31/12/2027\"\n", "\"31/12/2027\""),
    ] {
        let (code, err) = config_error(config);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("error[PL101]"), "{err}");
        assert_points_at(&err, config, needle);
    }
}

#[test]
fn a_bad_severity_and_a_bad_language_are_errors() {
    let config = "[severity]\nIP002 = \"fatal\"\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert_points_at(&err, config, "\"fatal\"");
    let config = "lang = \"de\"\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(err.contains("okänt språk `de`"), "{err}");
    assert_points_at(&err, config, "\"de\"");
}

#[test]
fn a_single_star_stays_in_its_directory() {
    let dir = repo(&[
        ("planlint.toml", "include = [\"plans/*.md\"]\n"),
        ("plans/a.md", &compliant()),
        ("plans/arkiv/b.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1, "{v}");
    // The plan in the subdirectory is not dropped in silence: it is counted as skipped.
    assert_eq!(v["summary"]["skipped"], 1, "{v}");
}

#[test]
fn a_single_star_stays_in_its_directory_for_waivers_and_overrides_too() {
    let config = "[[waiver]]\npaths = [\"plans/*.md\"]\ncodes = [\"IP002\"]\nreason = \"Nämnden har inget uppdrag som rör bostäder.\"\n\n[[override]]\npaths = [\"plans/*.md\"]\nseverity = { IP006 = \"error\" }\n";
    let plan = no_housing().replacen("\n\n", "\n\nRapporten lämnas TODO.\n\n", 1);
    let dir = repo(&[
        ("planlint.toml", config),
        ("plans/a.md", &plan),
        ("plans/arkiv/b.md", &plan),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, String, String, bool)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_owned(),
                d["code"].as_str().expect("code").to_owned(),
                d["severity"].as_str().expect("severity").to_owned(),
                !d["waiver"].is_null(),
            )
        })
        .collect();
    let row = |path: &str, code: &str, severity: &str, waived: bool| {
        (
            path.to_owned(),
            code.to_owned(),
            severity.to_owned(),
            waived,
        )
    };
    assert_eq!(
        found,
        [
            row("plans/a.md", "IP006", "error", false),
            row("plans/a.md", "IP002", "error", true),
            row("plans/arkiv/b.md", "IP006", "warning", false),
            row("plans/arkiv/b.md", "IP002", "error", false),
        ],
        "{v}"
    );
}
