//! A gate nobody can slip past: every file discovery sees and does not check is reported or
//! counted, an empty run is not a pass, links out of the tree and files that are not regular
//! are never read, and the board decides who may waive what.

use crate::support::{compliant, no_housing, planlint_in, repo, stderr, stdout};

fn short(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["check", "--format", "short"];
    all.extend_from_slice(args);
    let out = planlint_in(dir, &all, "");
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn ignore_files_cannot_hide_a_plan() {
    let dir = repo(&[
        (".ignore", "*\n"),
        (".gitignore", "*.md\n"),
        ("plans/kultur.md", &no_housing()),
    ]);
    std::fs::create_dir_all(dir.path().join(".git/info")).expect("mkdir");
    std::fs::write(dir.path().join(".git/info/exclude"), "plans/\n").expect("write");
    let (code, out, _) = short(dir.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("plans/kultur.md:") && out.contains("[IP002]"),
        "{out}"
    );
}

#[test]
fn a_run_without_plans_is_exit_2_not_a_pass() {
    let dir = repo(&[("notes.txt", "x")]);
    let out = planlint_in(dir.path(), &["check"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !stdout(&out).contains("inga anmärkningar"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("ingen plan att granska i `.`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--allow-empty"), "{}", stderr(&out));
    let allowed = planlint_in(dir.path(), &["check", "--allow-empty"], "");
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    let en = planlint_in(dir.path(), &["report", "--lang", "en"], "");
    assert_eq!(en.status.code(), Some(2));
    assert!(
        stderr(&en).contains("no plan to check in `.`"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn counts_of_one_are_said_in_the_singular() {
    // A run whose only plan is hidden: one skipped file, said as one.
    let dir = repo(&[(".utkast.md", &no_housing())]);
    let out = planlint_in(dir.path(), &["check", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("; 1 fil som ser ut som en plan hoppades över (`--verbose` listar den)"),
        "{}",
        stderr(&out)
    );
    let out = planlint_in(
        dir.path(),
        &["check", "--color", "never", "--lang", "en"],
        "",
    );
    assert!(
        stderr(&out).contains("; 1 file that looks like a plan was skipped (`--verbose` lists it)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_named_file_the_config_leaves_out_is_said_by_name() {
    let dir = repo(&[
        ("planlint.toml", "include = [\"**/*.md\"]\n"),
        ("plan.docx", "PK binary-ish"),
    ]);
    let out = planlint_in(dir.path(), &["check", "plan.docx", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("note[PL006]"), "{}", stdout(&out));
    assert!(stdout(&out).contains("plan.docx"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("ingen plan att granska"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plan_the_include_misses_is_counted_listed_and_with_strict_an_error() {
    let dir = repo(&[
        ("planlint.toml", "include = [\"**/*.md\"]\n"),
        ("a.md", &compliant()),
        ("B.MD", &no_housing()),
        ("c.markdown", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("2 filer hoppades över (`--verbose` listar dem)"),
        "{}",
        stdout(&out)
    );
    let verbose = planlint_in(dir.path(), &["check", "--verbose", "--color", "never"], "");
    assert!(
        stdout(&verbose)
            .contains("granskades inte: B.MD: `include` i planlint.toml tar inte med den"),
        "{}",
        stdout(&verbose)
    );
    let (code, out, _) = short(dir.path(), &["--strict"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("B.MD:1:1: error[PL005]"), "{out}");
    assert!(out.contains("c.markdown:1:1: error[PL005]"), "{out}");
    let json = planlint_in(dir.path(), &["check", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["summary"]["skipped"], 2);
}

#[test]
fn a_hidden_plan_is_counted_and_strict_makes_it_an_error() {
    let dir = repo(&[
        ("a.md", &compliant()),
        (".utkast.md", &no_housing()),
        (".arkiv/b.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--color", "never", "-v"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("granskades inte: .arkiv/b.md: dold"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("granskades inte: .utkast.md: dold"),
        "{}",
        stdout(&out)
    );
    let (code, out, _) = short(dir.path(), &["--strict"]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.matches("error[PL005]").count(), 2, "{out}");
}

#[test]
fn strict_passes_a_repository_whose_hidden_folders_hold_no_plan() {
    // What the README's own workflow and editor setup put beside the plans.
    let dir = repo(&[
        ("planer/a.md", &compliant()),
        (".github/workflows/planlint.yml", "on: [push]\njobs: {}\n"),
        (
            ".helix/languages.toml",
            "[[language]]\nname = \"markdown\"\n",
        ),
        (".vscode/settings.json", "{}\n"),
    ]);
    let (code, out, err) = short(dir.path(), &["--strict"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains("PL005"), "{out}");
    // A plan in a hidden folder is still one, and `exclude` is the board's word on it.
    std::fs::create_dir_all(dir.path().join(".github")).expect("dir");
    std::fs::write(
        dir.path().join(".github/pull_request_template.md"),
        no_housing(),
    )
    .expect("write");
    let (code, out, _) = short(dir.path(), &["--strict"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(".github/pull_request_template.md:1:1: error[PL005]"),
        "{out}"
    );
    std::fs::write(
        dir.path().join("planlint.toml"),
        "exclude = [\".github/**\"]\n",
    )
    .expect("write");
    let (code, out, err) = short(dir.path(), &["--strict"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains("PL005"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_tree_is_reported_and_never_read() {
    let outside = repo(&[("secret.md", "# Hemligt\n\nLÖSENORD=hunter2\n")]);
    let dir = repo(&[("a.md", &compliant())]);
    std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("x.md"))
        .expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("p.md")).expect("symlink");
    let (code, out, err) = short(dir.path(), &[]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains("hunter2") && !out.contains("root:"), "{out}");
    assert!(
        out.contains("x.md:1:1: warning[PL004]: länken leder ut ur katalogen"),
        "{out}"
    );
    assert!(out.contains("p.md:1:1: warning[PL004]"), "{out}");
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_not_read() {
    let dir = repo(&[("a.md", &compliant())]);
    let fifo = dir.path().join("ror.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !crate::support::available(made.is_ok_and(|s| s.success()), "mkfifo") {
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("noll.md")).expect("symlink");
    // In a walked tree: warnings, and the other plan is checked.
    let started = std::time::Instant::now();
    let (code, out, err) = short(dir.path(), &[]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("ror.md:1:1: warning[PL004]: filen är ingen vanlig fil"),
        "{out}"
    );
    assert!(out.contains("noll.md:1:1: warning[PL004]"), "{out}");
    // Named on the command line: an error for that file, still no read.
    let (code, out, err) = short(dir.path(), &["ror.md", "/dev/zero", "a.md"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("ror.md:1:1: error[PL002]"), "{out}");
    assert!(out.contains("/dev/zero:1:1: error[PL002]"), "{out}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

fn waived(comment: &str, config: Option<&str>) -> (Option<i32>, String) {
    let plan = no_housing().replacen("## Inledning", &format!("{comment}\n\n## Inledning"), 1);
    let mut files = vec![("plan.md", plan.as_str())];
    if let Some(c) = config {
        files.push(("planlint.toml", c));
    }
    let dir = repo(&files);
    let (code, out, _) = short(
        dir.path(),
        &["--deny", "warnings", "--ignore", "IP006,IP013"],
    );
    (code, out)
}

#[test]
fn a_reason_of_punctuation_emoji_or_invisible_characters_is_no_reason() {
    let open = Some("[waiver_policy]\ninline_reserved = []\n");
    for reason in ["x", ".", "🏠🏠🏠", "\u{200b}\u{200b}\u{200b}", "ok ok"] {
        let (code, out) = waived(
            &format!("<!-- planlint-disable IP002 -- {reason} -->"),
            open,
        );
        assert_eq!(code, Some(1), "{reason}: {out}");
        assert!(
            out.contains("error[PL010]: undantagets motivering är för kort"),
            "{reason}: {out}"
        );
        assert!(out.contains("error[IP002]"), "{reason}: {out}");
    }
    let (code, out) = waived(
        "<!-- planlint-disable IP002 -- Nämnden har inget bostadsuppdrag. -->",
        open,
    );
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn the_areas_are_the_boards_to_waive_unless_it_says_otherwise() {
    let comment = "<!-- planlint-disable IP002 -- Nämnden har inget bostadsuppdrag. -->";
    let (code, out) = waived(comment, None);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[PL014]: bara nämnden kan undanta från `IP002`"),
        "{out}"
    );
    assert!(out.contains("error[IP002]"), "{out}");
    let (code, out) = waived(comment, Some("[waiver_policy]\ninline_reserved = []\n"));
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = waived(
        "<!-- planlint-disable IP011 -- Nämnden har inget bostadsuppdrag. -->",
        Some("[waiver_policy]\ninline_reserved = [\"areas\", \"IP011\"]\n"),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[PL014]: bara nämnden kan undanta från `IP011`"),
        "{out}"
    );
}

#[test]
fn one_comment_cannot_waive_the_whole_pack() {
    let all = (5..=15)
        .map(|n| format!("IP{n:03}"))
        .collect::<Vec<_>>()
        .join(" ");
    let (code, out) = waived(
        &format!("<!-- planlint-disable {all} -- Vi vill inte följa policyn alls. -->"),
        None,
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[PL015]: undantaget anger 11 regelkoder; nämnden tillåter högst 3"),
        "{out}"
    );
}

#[test]
fn the_board_can_require_config_waivers_to_expire_soon() {
    let config = "[waiver_policy]\nrequire_expires = true\nmax_expires_days = 365\n\n\
                  [[waiver]]\npaths = [\"plan.md\"]\ncodes = [\"IP002\"]\nreason = \"Nämnden har beslutat om undantag.\"\n";
    let dir = repo(&[("plan.md", &no_housing()), ("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["check"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("undantaget saknar `expires`"),
        "{}",
        stderr(&out)
    );
    let far = format!("{config}expires = 2099-12-31\n");
    let dir = repo(&[("plan.md", &no_housing()), ("planlint.toml", &far)]);
    let out = planlint_in(dir.path(), &["check"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("går ut för långt fram"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sarif_and_json_tell_the_authors_waiver_from_the_boards() {
    let plan = no_housing().replacen(
        "## Inledning",
        "<!-- planlint-disable IP006 -- Platshållaren ersätts efter nämndens möte. -->\n\nTODO: siffrorna kommer.\n\n## Inledning",
        1,
    );
    let config = "[[waiver]]\npaths = [\"plan.md\"]\ncodes = [\"IP002\"]\nreason = \"Nämnden saknar bostadsuppdrag.\"\ndecided = \"KS 2026/1\"\n";
    let dir = repo(&[("plan.md", &plan), ("planlint.toml", config)]);
    let json = planlint_in(dir.path(), &["check", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let origin = |code: &str| {
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code && !d["waiver"].is_null())
            .map(|d| d["waiver"]["origin"].clone())
    };
    assert_eq!(origin("IP002"), Some(serde_json::json!("config")), "{v}");
    let sarif = planlint_in(dir.path(), &["check", "--format", "sarif"], "");
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let statuses: Vec<(String, String)> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| {
            let s = &r["suppressions"][0];
            s.is_object().then(|| {
                (
                    r["ruleId"].as_str().unwrap_or_default().to_owned(),
                    s["status"].as_str().unwrap_or_default().to_owned(),
                )
            })
        })
        .collect();
    assert!(
        statuses.contains(&("IP002".to_owned(), "accepted".to_owned())),
        "{statuses:?}"
    );
    assert_eq!(origin("IP006"), Some(serde_json::json!("inline")), "{v}");
    assert!(
        statuses.contains(&("IP006".to_owned(), "underReview".to_owned())),
        "{statuses:?}"
    );
}

#[test]
fn the_report_never_shows_an_unread_plan_as_covered() {
    let dir = repo(&[("a.md", &compliant())]);
    std::fs::write(dir.path().join("trasig.md"), b"# Plan \xff\xfe\n").expect("write");
    let report = |format: &str| {
        let out = planlint_in(dir.path(), &["report", "--format", format], "");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let markdown = report("markdown");
    let row = markdown
        .lines()
        .find(|l| l.contains("trasig.md"))
        .expect("row");
    assert!(
        !row.contains('✓') && row.contains("? |") && row.contains("ej granskad"),
        "{row}"
    );
    assert!(
        markdown.contains("| **Uppfyllt** |  |  |  | 1/2 |"),
        "{markdown}"
    );
    let csv = report("csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("trasig.md"))
        .expect("row");
    assert!(
        !row.contains("covered") && row.contains("not-judged"),
        "{row}"
    );
    let json: serde_json::Value = serde_json::from_str(&report("json")).expect("json");
    let row = &json["rows"][1];
    assert_eq!(row["path"], "trasig.md");
    assert!(
        row["not_judged"]
            .as_str()
            .is_some_and(|r| r.contains("UTF-8")),
        "{row}"
    );
    assert_eq!(row["cells"][1]["status"], "not-judged");
    assert_eq!(json["columns"][1]["covered"], 1);
    let html = report("html");
    assert_eq!(html.matches("<td class=\"unjudged\"").count(), 15, "{html}");
}

#[test]
fn an_override_that_switches_an_area_off_needs_a_reason_and_shows_as_off() {
    let no_reason = "[[override]]\npaths = [\"a.md\"]\nseverity = { IP002 = \"off\" }\n";
    let dir = repo(&[("a.md", &no_housing()), ("planlint.toml", no_reason)]);
    let out = planlint_in(dir.path(), &["report"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("en override som stänger av ett område är ett beslut och behöver en motivering (`reason`): IP002"),
        "{}",
        stderr(&out)
    );
    let with_reason =
        format!("{no_reason}reason = \"Nämnden har inget uppdrag som rör bostäder.\"\n");
    let dir = repo(&[("a.md", &no_housing()), ("planlint.toml", &with_reason)]);
    let out = planlint_in(dir.path(), &["report", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cell = &json["rows"][0]["cells"][1];
    assert_eq!(cell["status"], "off", "{json}");
    assert_eq!(cell["at"], "planlint.toml:2");
    assert_eq!(
        cell["reason"],
        "Nämnden har inget uppdrag som rör bostäder."
    );
    assert_eq!(json["columns"][1]["covered"], 0, "switched off is not met");
    let markdown = planlint_in(dir.path(), &["report", "--format", "markdown"], "");
    assert!(
        stdout(&markdown).contains("| ✓ | av |"),
        "{}",
        stdout(&markdown)
    );
}

#[test]
fn a_severity_that_switches_an_area_off_needs_a_reason_like_an_override() {
    let run = |config: &str, args: &[&str]| {
        let dir = repo(&[("a.md", &no_housing()), ("planlint.toml", config)]);
        let out = planlint_in(dir.path(), args, "");
        (out.status.code(), stdout(&out), stderr(&out))
    };
    let check = ["check", "--format", "short", "--color", "never"];
    // Without a reason: the decision is not on record, so it is not taken.
    let (code, out, err) = run("[severity]\nIP002 = \"off\"\n", &check);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("error[PL101]: `[severity]` stänger av området `IP002` för alla planer; det är ett beslut och behöver en motivering (`reason`)\n"),
        "{err}"
    );
    assert!(err.contains("┌─ planlint.toml:2:9"), "{err}");
    assert!(
        err.contains("= help: skriv t.ex. `IP002 = { level = \"off\", reason = \"Nämnden har inget uppdrag som rör bostäder.\" }`, eller använd en `[[waiver]]` för de planer det gäller"),
        "{err}"
    );
    let (_, _, err) = run("[severity]\nip002 = \"off\"\n", &["check", "--lang", "en"]);
    assert!(
        err.starts_with("error[PL101]: `[severity]` switches the area `IP002` off for every plan; that is a decision and needs a reason (`reason`)\n"),
        "{err}"
    );
    // A reason of no substance is no reason.
    let (code, _, err) = run(
        "[severity]\nIP002 = { level = \"off\", reason = \"nej.\" }\n",
        &check,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.starts_with("error[PL101]: motiveringen för att stänga av `IP002` är för kort\n")
            && err.contains("en motivering ska ha minst 3 ord"),
        "{err}"
    );
    // With one, the rule is off for every plan, and `planlint config` says why.
    let with_reason =
        "[severity]\nIP002 = { level = \"off\", reason = \"Nämnden har inget uppdrag som rör bostäder.\" }\n";
    let (code, out, err) = run(with_reason, &check);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(!out.contains("IP002"), "{out}");
    let (_, out, _) = run(with_reason, &["config"]);
    assert!(
        out.contains("severity.IP002 = off : Nämnden har inget uppdrag som rör bostäder."),
        "{out}"
    );
    // A rule that is not an area needs none, and the table form takes any level.
    let (code, out, err) = run(
        "[severity]\nIP015 = \"off\"\nIP002 = { level = \"warning\" }\n",
        &check,
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("warning[IP002]"), "{out}");
    // A misspelt key of the table form is said like any other.
    let (code, _, err) = run(
        "[severity]\nIP002 = { level = \"off\", reasn = \"Nämnden har inget uppdrag.\" }\n",
        &check,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("okänd nyckel `reasn` i konfigurationen")
            && err.contains("menade du `reason`?"),
        "{err}"
    );
}

#[test]
fn the_report_tells_the_boards_waiver_from_the_authors() {
    let plan = no_housing().replacen(
        "## Inledning",
        "<!-- planlint-disable IP011 -- Bostadsfrågorna ligger hos kommunstyrelsen. -->\n\n## Inledning",
        1,
    );
    let config = "[[waiver]]\npaths = [\"a.md\"]\ncodes = [\"IP002\"]\nreason = \"Nämnden saknar bostadsuppdrag.\"\ndecided = \"KS 2026/14\"\nexpires = 2099-12-31\n";
    let dir = repo(&[("a.md", &plan), ("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["report", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cell = &json["rows"][0]["cells"][1];
    assert_eq!(cell["status"], "waived", "{json}");
    assert_eq!(cell["by"], "board");
    assert_eq!(cell["decided"], "KS 2026/14");
    assert_eq!(cell["expires"], "2099-12-31");
    let html = planlint_in(dir.path(), &["report"], "");
    let html = stdout(&html);
    assert!(
        html.contains("beviljat av nämnden i planlint.toml"),
        "{html}"
    );
    assert!(html.contains("beslut: KS 2026/14"), "{html}");
    assert!(html.contains("gäller till och med: 2099-12-31"), "{html}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_pack_config_or_outline_is_refused_not_opened() {
    let dir = repo(&[("a.md", &compliant())]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("ror.toml"))
        .status();
    if !crate::support::available(made.is_ok_and(|s| s.success()), "mkfifo") {
        return;
    }
    let started = std::time::Instant::now();
    for (args, expected) in [
        (
            &["check", "--rules", "ror.toml", "a.md"][..],
            "regelpaketet `ror.toml` är ingen vanlig fil",
        ),
        (
            &["check", "--config", "ror.toml", "a.md"][..],
            "konfigurationen `ror.toml` är ingen vanlig fil",
        ),
        (&["outline", "ror.toml"][..], "ingen vanlig fil"),
    ] {
        let out = planlint_in(dir.path(), args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn the_report_and_junit_over_thousands_of_plans_hold_every_plan() {
    // Linear assembly (one row per plan as it comes), checked by what the output holds; the
    // times are `bench/run`'s, this only makes sure nothing is lost on the way.
    let plans: Vec<(String, String)> = (0..8_000)
        .map(|i| (format!("p/{i:05}.md"), format!("# Plan {i}\n")))
        .collect();
    let refs: Vec<(&str, &str)> = plans
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    let out = planlint_in(dir.path(), &["report", "--format", "csv"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    assert_eq!(crate::support::csv_table(&csv).lines().count(), 8_001);
    let out = planlint_in(dir.path(), &["check", "--format", "junit"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).matches("<testsuite ").count(), 8_000);
}

#[test]
fn front_matter_over_budget_fails_the_plan_whatever_the_packs_check() {
    let deep = format!("---\nx: {}\n---\n", "[".repeat(200) + &"]".repeat(200));
    let plan = format!("{deep}{}", compliant());
    let dir = repo(&[("a.md", &plan)]);
    let (code, out, _) = short(dir.path(), &["--select", "IP001"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("a.md:1:1: error[PL007]"), "{out}");
}

#[test]
fn human_output_stays_bounded_when_one_long_line_holds_thousands_of_findings() {
    let plan = format!("# Plan\n\n{}\n", "[ange datum] ".repeat(5_000));
    let dir = repo(&[("a.md", &plan)]);
    let out = planlint_in(dir.path(), &["check", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // The 65 KB line is never printed under a finding, and 100 of the 5,000 are shown in full.
    assert!(text.len() < 200_000, "{} bytes", text.len());
    assert!(
        text.contains("= --> a.md:3:1: ta bort eller skriv om"),
        "{}",
        &text[..2000]
    );
    assert!(
        text.contains("… och 4900 anmärkningar till av `IP006` i a.md"),
        "{}",
        &text[text.len() - 2000..]
    );
    assert!(
        text.contains("5002 varningar"),
        "{}",
        &text[text.len() - 500..]
    );
}
