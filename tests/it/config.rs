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
        (
            "planlint.toml",
            "[severity]\nIP002 = { level = \"off\", reason = \"Nämnden har inget bostadsuppdrag alls.\" }\n",
        ),
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
fn a_key_with_a_swedish_letter_says_to_quote_it() {
    let config = "[[department]]\nname = \"Socialförvaltningen\"\nnämnd = \"Socialnämnden\"\npaths = [\"planer/{year}/soc.md\"]\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("error[PL101]: konfigurationen kan inte läsas"),
        "{err}"
    );
    assert!(
        err.contains("`ä` går inte i en nyckel utan citattecken"),
        "{err}"
    );
    assert!(
        err.contains("= help: TOML tillåter inte å, ä och ö i nycklar utan citattecken: skriv `\"nämnd\" = …` eller `namnd = …`"),
        "{err}"
    );
    assert_points_at(&err, config, "ämnd =");
    let dir = repo(&[("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["config", "--lang", "en"], "");
    assert!(
        stderr(&out).contains("= help: TOML allows no å, ä or ö in keys without quotes: write `\"nämnd\" = …` or `namnd = …`"),
        "{}",
        stderr(&out)
    );
    // Either way of writing it is read.
    for fixed in ["\"nämnd\" =", "namnd ="] {
        let dir = repo(&[(
            "planlint.toml",
            &format!("allow_empty = true\n{}", config.replace("nämnd =", fixed)),
        )]);
        let out = planlint_in(dir.path(), &["config"], "");
        assert_eq!(out.status.code(), Some(0), "{fixed}: {}", stderr(&out));
    }
    // A stage's name with a space and an ö, as a table's key.
    let config = "[stage.för beslut]\nseverity = { IP013 = \"error\" }\n";
    let (code, err) = config_error(config);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("= help: TOML tillåter inte mellanslag, å, ä och ö i nycklar utan citattecken: skriv `[stage.\"för beslut\"]`"),
        "{err}"
    );
    // Other mistakes keep toml's own words.
    let (_, err) = config_error("include = [\"*.md\"\n");
    assert!(!err.contains("citattecken"), "{err}");
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

/// A repository whose `planlint.toml` at the top ignores IP002, with a plan without Bostäder
/// in `inner/`: a config in `inner/` that planlint passed by would let the plan pass.
fn under_a_lenient_config() -> tempfile::TempDir {
    repo(&[
        ("planlint.toml", "ignore = [\"IP002\"]\n"),
        ("inner/plan.md", &no_housing()),
    ])
}

/// Makes an entry at the path; false when it cannot.
type Make<'a> = &'a dyn Fn(&std::path::Path) -> bool;

#[cfg(unix)]
#[test]
fn a_config_found_that_is_not_a_regular_file_is_an_error_not_passed_by() {
    use std::os::unix::fs::symlink;
    let fifo = |p: &std::path::Path| {
        std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .is_ok_and(|s| s.success())
    };
    let cases: [(&str, Make, &str); 4] = [
        (
            "a directory",
            &|p| std::fs::create_dir(p).is_ok(),
            "kan inte läsas: är en katalog, inte en fil",
        ),
        (
            "a named pipe",
            &fifo,
            "är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och lästes inte",
        ),
        (
            "a link to nothing",
            &|p| symlink("saknas.toml", p).is_ok(),
            "är en trasig länk till `saknas.toml`: finns inte",
        ),
        (
            "a link to /dev/zero",
            &|p| symlink("/dev/zero", p).is_ok(),
            "är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och lästes inte",
        ),
    ];
    for name in ["planlint.toml", ".planlint.toml"] {
        for (what, make, says) in &cases {
            let dir = under_a_lenient_config();
            let inner = dir.path().join("inner");
            if !crate::support::available(make(&inner.join(name)), what) {
                continue;
            }
            let started = std::time::Instant::now();
            let out = planlint_in(&inner, &["check", "--format", "short"], "");
            let err = stderr(&out);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} as {what}: {}{err}",
                stdout(&out)
            );
            assert!(stdout(&out).is_empty(), "{}", stdout(&out));
            assert!(
                err.starts_with(&format!("error: konfigurationen `{name}` {says}\n")),
                "{name} as {what}: {err}"
            );
            assert!(
                err.contains(&format!("= help: planlint letar efter `planlint.toml` och `.planlint.toml` i katalogen och uppåt och läser den första den hittar; gör `{name}` till en vanlig textfil eller ta bort den")),
                "{err}"
            );
            // A pipe is never opened, so nothing waits for a writer.
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
        }
    }
    // In English too, and one directory up.
    let dir = under_a_lenient_config();
    symlink("/dev/zero", dir.path().join("inner/planlint.toml")).expect("link");
    std::fs::create_dir(dir.path().join("inner/deeper")).expect("mkdir");
    let out = planlint_in(
        &dir.path().join("inner/deeper"),
        &["check", "../plan.md", "--lang", "en"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: the configuration `../planlint.toml` is not a regular file (e.g. a named pipe or a device) and was not read\n"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_config_found_without_read_permission_is_an_error_not_passed_by() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    let dir = under_a_lenient_config();
    let config = dir.path().join("inner/planlint.toml");
    std::fs::write(&config, "ignore = [\"IP001\"]\n").expect("write");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    for d in [dir.path(), &dir.path().join("inner")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    // Permissions do not bind root: as root, run planlint as `nobody`.
    let mut cmd = if crate::hostile::is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_planlint"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_planlint"))
    };
    let out = cmd
        .args(["check", "--format", "short"])
        .current_dir(dir.path().join("inner"))
        .output()
        .expect("planlint runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).starts_with("error: konfigurationen `planlint.toml` kan inte läsas: åtkomst nekad: du har inte behörighet\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn planlint_toml_and_dot_planlint_toml_in_one_folder_is_an_error_naming_both() {
    let dir = repo(&[
        ("planlint.toml", "[severity]\nIP002 = \"warning\"\n"),
        (".planlint.toml", "lang = \"en\"\n"),
        ("plans/plan.md", &no_housing()),
    ]);
    let both = "två konfigurationsfiler i samma katalog: `{}planlint.toml` och `{}.planlint.toml`; planlint kan inte veta vilken som gäller\n";
    for (cwd, args, prefix) in [
        (dir.path().to_path_buf(), &["check", "plans"][..], ""),
        (dir.path().join("plans"), &["check"][..], "../"),
        (
            dir.path().to_path_buf(),
            &["check", "--config", ".planlint.toml", "plans"][..],
            "",
        ),
    ] {
        let out = planlint_in(&cwd, args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: {}", both.replace("{}", prefix))),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(
                "= help: behåll en av dem: planlint läser bara en fil och slår inte ihop dem"
            ),
            "{err}"
        );
    }
    let out = planlint_in(dir.path(), &["check", "--lang", "en"], "");
    assert!(
        stderr(&out).starts_with("error: two configuration files in one directory: `planlint.toml` and `.planlint.toml`; planlint cannot tell which one applies\n"),
        "{}",
        stderr(&out)
    );
    // `--isolated` reads neither.
    let out = planlint_in(dir.path(), &["check", "--isolated", "plans"], "");
    assert_eq!(out.status.code(), Some(1));
}
