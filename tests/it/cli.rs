//! The command line as a user runs it: exit codes, languages, formats, colour, bad files.

use std::io::Write as _;

use crate::support::{planlint, planlint_in, repo, stderr, stdout};

const COMPLIANT: &str = "examples/plans/socialforvaltningen.md";
const NO_HOUSING: &str = "examples/plans/kultur-och-fritid.md";

#[test]
fn the_examples_fail_with_swedish_rustc_style_diagnostics() {
    let out = planlint(&["check", "examples/plans", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{text}"
    );
    assert!(
        text.contains("┌─ examples/plans/kultur-och-fritid.md:"),
        "{text}"
    );
    assert!(
        text.contains("= help: lägg till rubriken `### Bostäder`"),
        "{text}"
    );
    assert!(text.contains("= note: policyn: Integrationspolicy, Vingåkers kommun, Prioriterade områden – Bostäder (KF 2016-06-20 § 67"), "{text}");
    assert!(text.contains("Folkhälsa täcks här"), "{text}");
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with("7 planer granskade")),
        "{text}"
    );
}

#[test]
fn a_compliant_plan_alone_exits_0() {
    let out = planlint(&["check", COMPLIANT, "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out).trim(),
        "1 plan granskad: inga anmärkningar; skeden: 1 `utkast`"
    );
}

#[test]
fn warnings_alone_do_not_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = std::fs::read_to_string(crate::support::root().join(COMPLIANT)).expect("plan");
    let path = dir.path().join("plan.md");
    std::fs::write(&path, plan.replace("ansvarig:", "ansvarig_old:")).expect("write");
    let out = planlint(&["check", path.to_str().expect("path"), "--format", "short"]);
    assert!(stdout(&out).contains("warning[IP007]"), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_missing_path_exits_2() {
    let out = planlint(&["check", "no/such/plan.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sökvägen finns inte"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("no/such/plan.md"), "{}", stderr(&out));
}

#[test]
fn lang_en_gives_english() {
    let out = planlint(&["check", NO_HOUSING, "--lang", "en", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[IP002]: the plan has no section on `Housing`"),
        "{text}"
    );
    assert!(
        text.contains("= help: add the heading `### Bostäder`"),
        "{text}"
    );
    assert!(text.contains("1 plan checked, 1 with findings"), "{text}");
    assert!(!text.contains("saknar"), "{text}");
}

#[test]
fn short_format_is_one_line_per_finding() {
    let out = planlint(&["check", "examples/plans", "--format", "short"]);
    let text = stdout(&out);
    let json = planlint(&["check", "examples/plans", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let n = value["diagnostics"].as_array().expect("array").len();
    assert_eq!(text.lines().count(), n);
    for line in text.lines() {
        let parts: Vec<&str> = line.splitn(4, ':').collect();
        assert!(parts[0].starts_with("examples/plans/"), "{line}");
        assert!(parts[1].parse::<usize>().is_ok_and(|l| l >= 1), "{line}");
        assert!(parts[2].parse::<usize>().is_ok_and(|c| c >= 1), "{line}");
        assert!(
            parts[3].starts_with(" error[")
                || parts[3].starts_with(" warning[")
                || parts[3].starts_with(" info["),
            "{line}"
        );
    }
    assert!(text.contains("examples/plans/kultur-och-fritid.md:22:1: error[IP002]: planen saknar ett avsnitt om `Bostäder`"), "{text}");
}

#[test]
fn json_has_the_documented_shape() {
    let out = planlint(&["check", "examples/plans", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 7);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(v["summary"]["errors"], errors);
    let d = diags
        .iter()
        .find(|d| d["code"] == "IP002" && d["path"] == NO_HOUSING)
        .expect("IP002 in kultur-och-fritid");
    assert_eq!(d["name"], "omrade-bostader");
    assert_eq!(d["line"], 22);
    assert_eq!(d["column"], 1);
    assert_eq!(d["labels"][0]["primary"], true);
    assert!(d["help"]
        .as_str()
        .is_some_and(|h| h.contains("`### Bostäder`")));
    assert!(d["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("KF 2016-06-20 § 67")));
    for d in diags {
        for key in ["code", "severity", "path", "line", "column", "message"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
}

#[test]
fn colour_follows_the_flag() {
    let always = planlint(&["check", NO_HOUSING, "--color", "always"]);
    assert!(stdout(&always).contains('\u{1b}'));
    let never = planlint(&["check", NO_HOUSING, "--color", "never"]);
    assert!(!stdout(&never).contains('\u{1b}'));
    // Not a terminal, so `auto` means no colour; NO_COLOR must not turn it on either.
    let auto = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", NO_HOUSING])
        .current_dir(crate::support::root())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&auto).contains('\u{1b}'));
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte_and_others_are_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bad = std::fs::File::create(dir.path().join("a-trasig.md")).expect("create");
    bad.write_all(b"# Plan\n\nBost\xe4der i Latin-1\n")
        .expect("write");
    std::fs::copy(
        crate::support::root().join(NO_HOUSING),
        dir.path().join("b-kultur.md"),
    )
    .expect("copy");
    let out = planlint(&[
        "check",
        dir.path().to_str().expect("path"),
        "--format",
        "short",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("a-trasig.md:3:5: error[PL001]: filen är inte giltig UTF-8 (0xE4)"),
        "{text}"
    );
    assert!(text.contains("b-kultur.md:22:1: error[IP002]"), "{text}");
    let human = planlint(&[
        "check",
        dir.path().to_str().expect("path"),
        "--color",
        "never",
    ]);
    assert!(
        stdout(&human).contains("error[PL001]"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn a_binary_file_is_reported_not_parsed() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bild.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let out = planlint(&[
        "check",
        dir.path().to_str().expect("path"),
        "--format",
        "short",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[PL003]"), "{}", stdout(&out));
}

#[test]
fn explain_shows_the_policy_and_examples() {
    let out = planlint(&["explain", "IP002"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("IP002 omrade-bostader (error)"), "{text}");
    assert!(
        text.contains("Tillgången på bostäder är avgörande"),
        "{text}"
    );
    assert!(
        text.contains("Godkänt exempel:") && text.contains("Exempel som ger fel:"),
        "{text}"
    );
    let unknown = planlint(&["explain", "IP02"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("menade du `IP002`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = planlint(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.lines().count() >= 15);
    assert!(text
        .lines()
        .any(|l| l.starts_with("IP004") && l.contains("omrade-samverkan") && l.contains("error")));
}

#[test]
fn outline_shows_what_the_engine_saw() {
    let out = planlint(&["outline", "examples/plans/vard-och-omsorg.md"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("### Särskilt boende   ✗ Bostäder: `Särskilt boende` räknas inte"),
        "{text}"
    );
    assert!(text.contains("### Arbetsmiljö och kompetensförsörjning   ✗ Arbete och studier: `Arbetsmiljö` är ett sammansatt ord där områdesordet bara är förled"), "{text}");
    assert!(text.contains("✗ IP002 Bostäder: täcks inte"), "{text}");
    assert!(text.contains("✓ IP003 Folkhälsa: rad 53"), "{text}");
}

#[test]
fn head_closing_stdout_early_is_quiet() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "examples/plans", "--color", "never"])
        .current_dir(crate::support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_file_named_like_an_option_after_double_dash_is_checked_as_a_plan() {
    // `--config=x.md` read as an option would point planlint at `x.md`, which excludes every
    // plan; after `--` it is a file name like any other, and the file is judged as a plan.
    let exclude_all = "exclude = [\"**\"]\n";
    let dir = crate::support::repo(&[
        ("--config=x.md", exclude_all),
        ("x.md", exclude_all),
        ("plan.md", &crate::support::no_housing()),
    ]);
    let run = |args: &[&str]| {
        let out = crate::support::planlint_in(dir.path(), args, "");
        (out.status.code(), stdout(&out), stderr(&out))
    };
    let (code, out, err) = run(&[
        "check",
        "--format",
        "short",
        "--",
        "--config=x.md",
        "plan.md",
    ]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains(
            "--config=x.md:1:1: error[IP001]: planen saknar ett avsnitt om `Arbete och studier`"
        ),
        "{out}"
    );
    assert!(
        out.contains("plan.md:22:1: error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{out}"
    );
    // Without `--` the same name is the option, and nothing is checked: what a hook that
    // passes file names without `--` would let through.
    let (code, out, _) = run(&[
        "check",
        "--allow-empty",
        "--format",
        "short",
        "--config=x.md",
        "plan.md",
    ]);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("error["), "{out}");
    // A flag after `--` is a file name that does not exist: exit 2, saying where flags go.
    let (code, _, err) = run(&["check", "--", "--deny", "warnings", "plan.md"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("error: sökvägen finns inte eller kan inte läsas `--deny`: finns inte"),
        "{err}"
    );
    assert!(
        err.contains("= help: ett namn efter `--` är alltid en sökväg, aldrig en flagga; skriv flaggor före `--` (i pre-commit: i hookens `entry:`, inte i `args:`)"),
        "{err}"
    );
}

#[test]
fn swedish_command_names_work_and_are_shown_in_the_help() {
    let help = stdout(&planlint(&["--help"]));
    for alias in ["[alias: granska]", "[alias: förklara]", "[alias: rapport]"] {
        assert!(help.contains(alias), "{alias}: {help}");
    }
    let dir = repo(&[("a.md", &crate::support::compliant())]);
    let out = planlint_in(dir.path(), &["granska", "--format", "short"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = planlint_in(dir.path(), &["förklara", "IP002"], "");
    assert!(
        stdout(&out).starts_with("IP002 omrade-bostader"),
        "{}",
        stdout(&out)
    );
    let out = planlint_in(dir.path(), &["rapport", "--format", "csv"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_flag_as_another_linter_spells_it_gets_planlints() {
    let out = planlint(&["check", "--output-format", "json", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("menade du `--format`?"),
        "{}",
        stderr(&out)
    );
    let out = planlint(&["check", "--output-format=json", "."]);
    assert!(
        stderr(&out).contains("menade du `--format`?"),
        "{}",
        stderr(&out)
    );
}
