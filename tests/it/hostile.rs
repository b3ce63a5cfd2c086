//! Hostile and odd inputs: each gets a defined answer and exit code, never a panic.

use std::fmt::Write as _;
use std::process::{Command, Stdio};

use crate::support::{no_housing, planlint_in, repo, stderr, stdout};

fn short_codes(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(str::to_owned))
        .collect()
}

#[test]
fn an_empty_file_misses_every_area() {
    let dir = repo(&[("tom.md", "")]);
    let out = planlint_in(dir.path(), &["check", "tom.md", "--format", "short"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        short_codes(&out),
        ["IP001", "IP002", "IP003", "IP004", "IP005", "IP007"]
    );
}

#[test]
fn a_file_of_only_front_matter_misses_the_areas_but_not_the_fields() {
    let dir = repo(&[("fm.md", "---\nförvaltning: X\når: 2027\nansvarig: Y\n---\n")]);
    let out = planlint_in(dir.path(), &["check", "fm.md", "--format", "short"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        short_codes(&out),
        ["IP001", "IP002", "IP003", "IP004", "IP005"]
    );
}

#[test]
fn a_directory_named_like_a_plan_is_walked_not_read() {
    let dir = repo(&[
        ("plans/x.md/inne.md", &no_housing()),
        ("plans/a.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "plans", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_path_given_twice_is_checked_once() {
    let dir = repo(&[("a.md", &no_housing())]);
    let out = planlint_in(
        dir.path(),
        &["check", "a.md", "./a.md", "a.md", "--format", "json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1, "{v}");
}

#[test]
fn stdin_that_is_empty_or_not_utf8() {
    let dir = repo(&[]);
    let empty = planlint_in(dir.path(), &["check", "-", "--format", "short"], "");
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stdout(&empty).contains("<stdin>:1:1: error[IP001]"),
        "{}",
        stdout(&empty)
    );
    let out = planlint_in(
        dir.path(),
        &["check", "-", "--format", "short"],
        b"# Plan\n\nBost\xe4der\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("<stdin>:3:5: error[PL001]: filen är inte giltig UTF-8 (0xE4)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_empty_pack_and_a_config_that_is_not_toml_are_exit_2() {
    let dir = repo(&[("tom.toml", ""), ("plan.md", &no_housing())]);
    let out = planlint_in(
        dir.path(),
        &["check", "--rules", "tom.toml", "--color", "never"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[PL100]: regelpaketet kan inte läsas"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("missing field `pack`"),
        "{}",
        stderr(&out)
    );
    let bad = repo(&[
        ("planlint.toml", "det här är ingen toml\n"),
        ("plan.md", &no_housing()),
    ]);
    let out = planlint_in(bad.path(), &["check", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[PL101]: konfigurationen kan inte läsas"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn json_piped_into_head_stops_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "examples/plans", "--format", "json"])
        .current_dir(crate::support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 10];
    std::io::Read::read_exact(&mut child.stdout.take().expect("stdout"), &mut first)
        .expect("10 bytes");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(&first[..1], b"{");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "{err}");
}

/// Runs `check --format short` in `dir` and returns (exit code, stdout, stderr).
fn short(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec![
        "check",
        "--isolated",
        "--format",
        "short",
        "--color",
        "never",
    ];
    all.extend_from_slice(args);
    let out = planlint_in(dir, &all, "");
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn a_20_mb_plan_is_checked_to_the_end() {
    // The compliant plan over and over, then a placeholder at the very end: the finding proves
    // the whole file was read and parsed, and its line proves the line index is right.
    let one = crate::support::compliant();
    let copies = 20_000_000 / one.len() + 1;
    let mut text = one.repeat(copies);
    text.push_str("\n## Att göra\n\nTODO\n");
    let last_line = text.lines().count();
    assert!(text.len() > 20_000_000);
    let dir = repo(&[("stor.md", &text)]);
    let (code, out, err) = short(dir.path(), &["stor.md"]);
    assert_eq!(code, Some(0), "a warning only: {err}");
    assert!(err.is_empty(), "{err}");
    assert!(
        out.contains(&format!("stor.md:{last_line}:1: warning[IP006]")),
        "{}",
        &out[..out.len().min(2000)]
    );
}

#[test]
fn nesting_10000_deep_is_parsed_without_overflow() {
    for (name, nested) in [
        ("listor.md", "- ".repeat(10_000)),
        ("citat.md", "> ".repeat(10_000)),
        ("blandat.md", "> - 1. ".repeat(3_500)),
    ] {
        let dir = repo(&[(name, &format!("# Plan\n\n{nested}djupt\n"))]);
        let (code, out, err) = short(dir.path(), &[name]);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(err.is_empty(), "{name}: {err}");
        assert!(out.contains("error[IP001]"), "{name}: {out}");
    }
}

#[test]
fn a_line_of_100000_characters_gets_the_right_column() {
    // A placeholder after 100 000 characters on one line: its column is counted in characters.
    let long = "å".repeat(100_000);
    let text = format!("{}\n{long} TODO\n", crate::support::compliant());
    let line = text.lines().count();
    let dir = repo(&[("lang.md", &text)]);
    let (code, out, err) = short(dir.path(), &["lang.md"]);
    assert_eq!(code, Some(0), "a warning only: {err}");
    assert!(
        out.contains(&format!("lang.md:{line}:100002: warning[IP006]")),
        "{out}"
    );
}

#[test]
fn fifty_thousand_headings_are_one_plan() {
    let text = (0..50_000).fold(String::new(), |mut t, i| {
        let _ = std::fmt::Write::write_fmt(&mut t, format_args!("## Rubrik {i}\n\n"));
        t
    });
    let dir = repo(&[("rubriker.md", &text)]);
    let (code, out, err) = short(dir.path(), &["rubriker.md"]);
    assert_eq!(code, Some(1), "{err}");
    for area in ["IP001", "IP002", "IP003", "IP004"] {
        assert!(out.contains(&format!("error[{area}]")), "{area}: {out}");
    }
}

/// Prose of more than the pack's 15 words, so a section that holds it is substantive.
const HOUSING_PROSE: &str = "Förvaltningen arbetar under året med att fler nyanlända ska få en \
    egen bostad genom samarbete med bostadsbolaget och hyresvärdar i hela kommunen.";

/// Whether the `short` output has an error for Bostäder (IP002), without printing megabytes.
fn misses_housing(out: &str) -> bool {
    out.lines().any(|l| l.contains("error[IP002]"))
}

#[test]
fn a_word_of_5_mb_is_matched_to_its_end() {
    // `bostad` 850,000 times without a space: one word of 5.1 MB, as a heading and in its
    // prose. Only its last letters decide what it is: ending in `bostad` it is a compound about
    // housing (`*bostad`) and the heading names Bostäder; one letter more and it names nothing.
    let word = "bostad".repeat(850_000);
    assert!(word.len() > 5_000_000);
    for (tail, names, exit) in [("", true, 0), ("x", false, 1)] {
        let text = format!(
            "{}\n## {word}{tail}\n\n{HOUSING_PROSE} {word}{tail}\n",
            no_housing()
        );
        let dir = repo(&[("ord.md", &text)]);
        let (code, out, err) = short(dir.path(), &["ord.md"]);
        assert!(err.is_empty(), "{}", &err[..err.len().min(500)]);
        assert_eq!(code, Some(exit), "tail `{tail}`");
        assert_eq!(misses_housing(&out), !names, "tail `{tail}`");
    }
}

#[test]
fn a_heading_of_100000_area_words_is_judged_whole() {
    // The plan's title saying nothing but the area, 100,000 times: it names the area (every
    // word is an area word or a connector), so the plan covers Bostäder.
    let many = "Bostäder och ".repeat(50_000);
    let plan = no_housing();
    let titled = plan.replacen(
        "# Verksamhetsplan 2027 – Kultur- och fritidsförvaltningen",
        &format!("# {many}bostäder\n\n{HOUSING_PROSE}"),
        1,
    );
    assert_ne!(titled, plan);
    // 50,000 times `Särskilt boende` in a section heading: every match of `boende+` is
    // overlapped by the exclusion `särskil* boende*`, so it names nothing.
    let excluded = format!(
        "{plan}\n## {}\n\n{HOUSING_PROSE}\n",
        "Särskilt boende, ".repeat(50_000)
    );
    for (name, text, names, exit) in [
        ("titel.md", titled, true, 0),
        ("undantag.md", excluded, false, 1),
    ] {
        let dir = repo(&[(name, &text)]);
        let (code, out, err) = short(dir.path(), &[name]);
        assert!(err.is_empty(), "{name}: {err}");
        assert_eq!(misses_housing(&out), !names, "{name}");
        assert_eq!(code, Some(exit), "{name}");
    }
}

#[test]
fn fifty_thousand_covered_sections_are_all_searched_for_a_mention() {
    // Folkhälsa 50,000 times, each section substantive: IP008 looks for its groups in all of
    // them (each covered section was once compared with every other to find the outermost),
    // and finds them in the last one.
    let mut plan = String::from("# Plan\n\n## Prioriterade områden\n\n");
    for _ in 0..50_000 {
        let _ = write!(plan, "### Folkhälsa\n\n{HOUSING_PROSE}\n\n");
    }
    let named = format!("{plan}Vi motverkar diskriminering, främlingsfientlighet och rasism.\n");
    for (name, text, mentioned) in [("alla.md", named, true), ("ingen.md", plan, false)] {
        let dir = repo(&[(name, &text)]);
        let (code, out, err) = short(dir.path(), &[name]);
        assert!(err.is_empty(), "{name}: {err}");
        assert_eq!(code, Some(1), "{name}: IP001, IP002 and IP004 are missing");
        assert_eq!(out.contains("warning[IP008]"), !mentioned, "{name}");
        assert_eq!(out.matches("warning[IP014]").count(), 50_000, "{name}");
    }
}

#[test]
fn large_and_small_plans_share_the_run_budget_and_all_get_their_verdict() {
    // Two plans of 1.2 MB that are only link openers (`[a](`: a node of the parser's tree per
    // byte), two large compliant plans and a small one, on four threads: the large ones take
    // their size from the run's budget before they are read and wait for room, the small one
    // never waits, and every plan gets its verdict (that no two large plans exceed the budget
    // at once is `run::budget`'s test).
    let markup = "[a](".repeat(300_000);
    let one = crate::support::compliant();
    let compliant = one.repeat(1_200_000 / one.len() + 1);
    assert!(markup.len() >= 1 << 20 && compliant.len() >= 1 << 20);
    let dir = repo(&[
        ("a-markup.md", &markup),
        ("b-stor.md", &compliant),
        ("c-markup.md", &markup),
        ("d-stor.md", &compliant),
        ("e-liten.md", &one),
    ]);
    let out = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--isolated", "--format", "short", "."])
        .current_dir(dir.path())
        .env("RAYON_NUM_THREADS", "4")
        .output()
        .expect("planlint runs");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for plan in ["a-markup.md", "c-markup.md"] {
        for area in ["IP001", "IP002", "IP003", "IP004"] {
            assert!(
                text.contains(&format!("{plan}:1:1: error[{area}]")),
                "{plan} {area}: {text}"
            );
        }
    }
    for plan in ["b-stor.md", "d-stor.md", "e-liten.md"] {
        assert!(!text.contains(&format!("{plan}:")), "{plan}: {text}");
    }
}

#[cfg(unix)]
#[test]
fn links_in_a_walked_tree_are_checked_or_reported_never_skipped() {
    use std::os::unix::fs::symlink;
    let dir = repo(&[("plans/a.md", &crate::support::compliant())]);
    let plans = dir.path().join("plans");
    symlink("..", plans.join("loop")).unwrap();
    symlink("finns-inte.md", plans.join("borta.md")).unwrap();
    symlink("sig-själv.md", plans.join("sig-själv.md")).unwrap();
    symlink("a.md", plans.join("länkad.md")).unwrap();
    let (code, out, err) = short(dir.path(), &["plans"]);
    // Only warnings: the gate passes unless warnings are denied.
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("plans/borta.md:1:1: warning[PL004]: en post i katalogen kunde inte läsas och granskades inte: finns inte"),
        "{out}"
    );
    assert!(
        out.contains("plans/sig-själv.md:1:1: warning[PL004]: en post i katalogen kunde inte läsas och granskades inte: länkarna bildar en slinga eller är för många i rad"),
        "{out}"
    );
    assert!(
        out.contains(
            "plans/loop:1:1: warning[PL004]: länken pekar på en katalog; sådana länkar följs inte"
        ),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "{out}");
    let json = planlint_in(
        dir.path(),
        &["check", "--isolated", "--format", "json", "plans"],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2, "a.md and the linked plan");
    let (denied, _, _) = short(dir.path(), &["plans", "--deny", "warnings"]);
    assert_eq!(denied, Some(1));
    // A link named on the command line is followed without a warning: the user chose it.
    symlink("plans", dir.path().join("genväg")).unwrap();
    let (code, out, _) = short(dir.path(), &["genväg", "--deny", "warnings"]);
    assert!(!out.contains("genväg:1:1"), "{out}");
    assert_eq!(code, Some(1), "the links inside are still reported: {out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_an_error_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo(&[
        ("plans/a.md", &crate::support::compliant()),
        ("plans/hemlig.md", &crate::support::compliant()),
    ]);
    let secret = dir.path().join("plans/hemlig.md");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    for d in [dir.path(), &dir.path().join("plans")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Permissions do not bind root: as root, run planlint as `nobody`.
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_planlint"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_planlint"))
    };
    let out = cmd
        .args(["check", "--isolated", "--format", "short", "plans"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.contains("plans/hemlig.md:1:1: error[PL002]: filen kan inte läsas: åtkomst nekad: du har inte behörighet"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "a.md is checked and clean: {text}");
}

#[cfg(unix)]
pub(crate) fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_still_checked() {
    use std::os::unix::ffi::OsStrExt;
    let dir = repo(&[("plans/a.md", &crate::support::compliant())]);
    let name = std::ffi::OsStr::from_bytes(b"plan-\xff.md");
    std::fs::write(dir.path().join("plans").join(name), no_housing()).unwrap();
    let (code, out, _) = short(dir.path(), &["plans"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("plans/plan-\\xFF.md:"), "{out}");
    assert!(out.contains("error[IP002]"), "{out}");
}

#[test]
fn a_waiver_matches_a_plan_by_its_own_name_whatever_the_name_is_shown_as() {
    // The name holds a backslash, shown as `\\`; the glob `a\\b.md` means a literal backslash.
    let dir = repo(&[
        (
            "planlint.toml",
            "[[waiver]]\npaths = ['a\\\\b.md']\ncodes = [\"IP002\"]\nreason = \"Nämnden har inget bostadsuppdrag.\"\n",
        ),
        ("a\\b.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["path"], "a\\\\b.md");
    assert_eq!(d["code"], "IP002");
    assert_eq!(d["waiver"]["origin"], "config", "{d}");
}

/// The values of `attribute="…"` in `text`, in order.
fn attribute_values<'t>(text: &'t str, attribute: &str) -> Vec<&'t str> {
    let opening = format!("{attribute}=\"");
    text.split(opening.as_str())
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn names_of_different_bytes_a_replacement_character_and_a_backslash_differ_in_every_format() {
    use std::collections::BTreeSet;
    use std::os::unix::ffi::OsStrExt;
    let dir = repo(&[]);
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    // The bytes 0xFF and 0xFE, the character U+FFFD, and the text `\xFF`.
    for name in [
        &b"\xff.md"[..],
        b"\xfe.md",
        "\u{fffd}.md".as_bytes(),
        b"\\xFF.md",
    ] {
        std::fs::write(plans.join(std::ffi::OsStr::from_bytes(name)), no_housing()).unwrap();
    }
    let expected: BTreeSet<String> = [
        "plans/\\xFF.md",
        "plans/\\xFE.md",
        "plans/\u{fffd}.md",
        "plans/\\\\xFF.md",
    ]
    .map(str::to_owned)
    .into();
    let set =
        |names: Vec<&str>| -> BTreeSet<String> { names.into_iter().map(str::to_owned).collect() };
    let run = |args: &[&str], code: i32| {
        let out = planlint_in(dir.path(), args, "");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let check = |format: &str| {
        run(
            &[
                "check",
                "plans",
                "--isolated",
                "--format",
                format,
                "--color",
                "never",
            ],
            1,
        )
    };
    let json = |text: &str| -> serde_json::Value { serde_json::from_str(text).expect("json") };

    let short = check("short");
    assert_eq!(
        set(short.lines().filter_map(|l| l.split(':').next()).collect()),
        expected,
        "{short}"
    );
    let human = check("human");
    let human_paths = human
        .lines()
        .filter_map(|l| {
            l.split_once("┌─ ")
                .map(|(_, at)| at.split(':').next().unwrap_or(at))
        })
        .collect();
    assert_eq!(set(human_paths), expected, "{human}");
    let github = check("github");
    let github_paths = github
        .lines()
        .filter_map(|l| {
            l.split_once("file=")
                .map(|(_, at)| at.split(',').next().unwrap_or(at))
        })
        .collect();
    assert_eq!(set(github_paths), expected, "{github}");
    let junit = check("junit");
    assert_eq!(
        set(attribute_values(&junit, "classname")),
        expected,
        "{junit}"
    );
    let diagnostics = json(&check("json"));
    let json_paths = diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(set(json_paths), expected);
    // SARIF's URIs encode the name's own bytes.
    let sarif = json(&check("sarif"));
    let uris = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    let expected_uris = set(vec![
        "plans/%FF.md",
        "plans/%FE.md",
        "plans/%EF%BF%BD.md",
        "plans/%5CxFF.md",
    ]);
    assert_eq!(set(uris), expected_uris);

    let report = |format: &str| run(&["report", "plans", "--isolated", "--format", format], 0);
    let rows = json(&report("json"));
    let row_paths = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(set(row_paths), expected);
    let csv = report("csv");
    assert_eq!(
        set(crate::support::csv_table(&csv)
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect()),
        expected,
        "{csv}"
    );
    let html = report("html");
    let html_paths: Vec<String> = html
        .split("<br><small>")
        .skip(1)
        .filter_map(|rest| rest.split("</small>").next())
        .map(|p| p.replace("<wbr>", ""))
        .collect();
    assert_eq!(
        html_paths.into_iter().collect::<BTreeSet<_>>(),
        expected,
        "{html}"
    );
    // Markdown escapes a backslash with a backslash.
    let markdown = report("markdown");
    let md_paths = markdown
        .lines()
        .filter(|l| l.starts_with("- **"))
        .filter_map(|l| l.rsplit_once(" (").map(|(_, p)| p.trim_end_matches(')')))
        .collect();
    let md_expected = set(vec![
        "plans/\\\\xFF.md",
        "plans/\\\\xFE.md",
        "plans/\u{fffd}.md",
        "plans/\\\\\\\\xFF.md",
    ]);
    assert_eq!(set(md_paths), md_expected, "{markdown}");
}

#[test]
fn an_empty_config_means_the_defaults() {
    let dir = repo(&[
        ("planlint.toml", ""),
        ("a.md", &crate::support::compliant()),
    ]);
    let out = planlint_in(dir.path(), &["check", "a.md"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 plan granskad: inga anmärkningar"));
}

#[test]
fn a_pack_that_is_not_toml_is_exit_2() {
    let dir = repo(&[("paket.toml", "[pack\nid = \n"), ("a.md", &no_housing())]);
    let out = planlint_in(
        dir.path(),
        &["check", "--rules", "paket.toml", "--color", "never", "a.md"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[PL100]: regelpaketet kan inte läsas"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("paket.toml:1:"), "{}", stderr(&out));
}

#[test]
fn a_pack_or_config_of_10_mb_is_refused_before_it_is_read() {
    let big = format!("# {}\n", "x".repeat(10_000_000));
    let dir = repo(&[("paket.toml", &big), ("a.md", &no_housing())]);
    let out = planlint_in(dir.path(), &["check", "--rules", "paket.toml", "a.md"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("regelpaketet `paket.toml` är 10.0 MB; planlint läser högst 2 MB"),
        "{}",
        stderr(&out)
    );
    let dir = repo(&[("planlint.toml", &big), ("a.md", &no_housing())]);
    let out = planlint_in(dir.path(), &["check", "--lang", "en", "a.md"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the configuration `")
            && stderr(&out).contains("planlint.toml` is 10.0 MB; planlint reads at most 2 MB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_endless_device_as_pack_or_config_is_refused_unread() {
    if !crate::support::available(std::path::Path::new("/dev/zero").exists(), "/dev/zero") {
        return;
    }
    let dir = repo(&[("a.md", &no_housing())]);
    for (flag, noun) in [("--rules", "regelpaketet"), ("--config", "konfigurationen")] {
        let out = planlint_in(dir.path(), &["check", flag, "/dev/zero", "a.md"], "");
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!(
                "{noun} `/dev/zero` är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och lästes inte"
            )),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_word_with_a_letter_across_its_fifth_byte_does_not_crash() {
    // Found by the property tests: `białystok` folds to ten bytes with `ł` across bytes 3–4,
    // and the date check sliced it at byte 4 and panicked.
    let text = format!(
        "{}\nVi samarbetar med vänorten Białystok.\n",
        crate::support::compliant()
    );
    let dir = repo(&[("a.md", &text)]);
    let (code, out, err) = short(dir.path(), &["a.md"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(err.is_empty(), "{err}");
}

/// Runs `check . --format json --lang en` on `hostile.md` beside a plan without Bostäder and
/// returns the JSON report, after checking that the run ended in time with exit code 1 and
/// that the other plan's finding is still there.
fn beside_a_plan(hostile: &str) -> serde_json::Value {
    let dir = repo(&[("hostile.md", hostile), ("other.md", &no_housing())]);
    let started = std::time::Instant::now();
    let out = planlint_in(
        dir.path(),
        &["check", ".", "--format", "json", "--lang", "en"],
        "",
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 2, "{v}");
    let found = |path: &str, code: &str| {
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["path"].as_str().is_some_and(|p| p.ends_with(path)) && d["code"] == code)
    };
    assert!(found("other.md", "IP002"), "{v}");
    // A backstop only: the assertions above are the test.
    assert!(took.as_secs() < 30, "took {took:?}");
    v
}

/// The label of `hostile.md`'s metadata finding (IP007), where an unreadable front matter's
/// reason is given.
fn front_matter_reason(v: &serde_json::Value) -> String {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("hostile.md"))
                && d["code"] == "IP007"
        })
        .and_then(|d| d["labels"][0]["message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn yaml_front_matter_nested_5000_deep_is_over_budget_not_a_crash() {
    let fm = format!(
        "---\nförvaltning: X\nnästlat:\n  {}x\n---\n# Plan\n",
        "- ".repeat(5_000)
    );
    let v = beside_a_plan(&fm);
    let reason = front_matter_reason(&v);
    assert!(
        reason.contains("the details block cannot be read: the block nests deeper than 64 levels"),
        "{reason}"
    );
}

#[test]
fn yaml_front_matter_in_flow_style_nested_5000_deep_is_over_budget() {
    let fm = format!(
        "---\na: {}{}\n---\n# Plan\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    // The YAML scanner's own bound on flow nesting may answer first; either way the block is
    // unread with the reason given.
    let reason = front_matter_reason(&beside_a_plan(&fm));
    assert!(
        reason.contains("nests deeper than 64 levels") || reason.contains("recursion limit"),
        "{reason}"
    );
}

#[test]
fn yaml_flow_nesting_the_scanner_refuses_is_over_budget_whatever_the_depth() {
    // The scanner counts flow levels in a byte and looks ahead: at 100, 256 or 300 levels it
    // refuses before the walk sees level 65. That is the budget's PL007, not a syntax error
    // that leaves only an IP007 warning (and a pass with IP007 off).
    for depth in [65, 100, 256, 300, 1_000] {
        let plan = format!(
            "---\nförvaltning: x\nk: {}{}\n---\n\n# Plan\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let codes = crate::support::codes(&plan);
        assert!(codes.iter().any(|c| c == "PL007"), "{depth}: {codes:?}");
        let reason = front_matter_reason(&beside_a_plan(&format!(
            "---\na: {}{}\n---\n# Plan\n",
            "{a: ".repeat(depth),
            "}".repeat(depth)
        )));
        assert!(
            reason.contains("nests deeper than 64 levels"),
            "{depth}: {reason}"
        );
    }
}

#[test]
fn a_yaml_alias_bomb_is_over_budget_without_being_expanded() {
    let mut fm = String::from("---\nförvaltning: X\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        let items = [prev.as_str(); 9].join(",");
        let _ = writeln!(fm, "a{level}: &a{level} [{items}]");
    }
    fm.push_str("---\n# Plan\n");
    assert!(fm.len() < 600, "{}", fm.len());
    let reason = front_matter_reason(&beside_a_plan(&fm));
    assert!(
        reason
            .contains("more than 100000 values or 4194304 bytes of text once aliases are expanded"),
        "{reason}"
    );
}

#[test]
fn many_yaml_aliases_are_over_budget() {
    let mut fm = String::from("---\nförvaltning: &f X\nlista:\n");
    for _ in 0..1_001 {
        fm.push_str("  - *f\n");
    }
    fm.push_str("---\n# Plan\n");
    let reason = front_matter_reason(&beside_a_plan(&fm));
    assert!(reason.contains("more than 1000 aliases"), "{reason}");
}

#[test]
fn an_aliased_long_text_counts_as_its_bytes() {
    let mut fm = format!("---\nlång: &l \"{}\"\nlista: [", "x".repeat(500_000));
    fm.push_str(&["*l"; 20].join(", "));
    fm.push_str("]\n---\n# Plan\n");
    let reason = front_matter_reason(&beside_a_plan(&fm));
    assert!(
        reason.contains("bytes of text once aliases are expanded"),
        "{reason}"
    );
}

#[test]
fn toml_front_matter_nested_deep_is_over_budget_not_a_crash() {
    for (open, close) in [("[", "]"), ("{a=", "}")] {
        let fm = format!(
            "+++\nförvaltning = \"X\"\nnästlat = {}1{}\n+++\n# Plan\n",
            open.repeat(5_000),
            close.repeat(5_000)
        );
        let reason = front_matter_reason(&beside_a_plan(&fm));
        assert!(
            reason.contains("the details block cannot be read: the block nests deeper than 64"),
            "{open}: {reason}"
        );
    }
}

#[test]
fn toml_strings_and_comments_do_not_hide_nesting() {
    // Closers inside strings and comments close nothing, so the nesting is still counted.
    let item = "[\"]]\", '}]', \"\"\"]\"\"\", # ]]\n";
    let fm = format!(
        "+++\nnästlat = {}1{}\n+++\n# Plan\n",
        item.repeat(100),
        "]".repeat(100)
    );
    let reason = front_matter_reason(&beside_a_plan(&fm));
    assert!(reason.contains("nests deeper than 64"), "{reason}");
}

#[test]
fn a_huge_front_matter_block_is_over_budget_unread() {
    let mut fm = String::from("---\nförvaltning: X\n");
    while fm.len() < 3_000_000 {
        fm.push_str("# en kommentar som bara tar plats i blocket\n");
    }
    fm.push_str("---\n# Plan\n");
    let v = beside_a_plan(&fm);
    let reason = front_matter_reason(&v);
    assert!(
        reason.contains("the block is 3000024 bytes; the limit is 1048576 bytes"),
        "{reason}"
    );
    let sv = planlint_in(
        repo(&[("hostile.md", &fm)]).path(),
        &["check", "hostile.md", "--format", "short"],
        "",
    );
    assert_eq!(sv.status.code(), Some(1));
    assert!(stdout(&sv).contains("IP007"), "{}", stdout(&sv));
}

#[test]
fn a_deep_but_legal_front_matter_is_still_read() {
    let dir = repo(&[(
        "fm.md",
        "---\nförvaltning: X\når: 2027\nansvarig: Y\nextra: [[[[[[[[1]]]]]]]]\nankare: &a [1, 2]\nkopia: *a\n---\n",
    )]);
    let out = planlint_in(dir.path(), &["check", "fm.md", "--format", "short"], "");
    assert!(
        !short_codes(&out).contains(&"IP007".to_owned()),
        "{}",
        stdout(&out)
    );
}

#[test]
fn two_hundred_thousand_placeholders_on_one_line_get_their_columns_in_time() {
    // `å` is two bytes, so bytes and columns differ.
    let n = 200_000;
    let plan = format!("# Plan\n\n{}\n", "[ange å] ".repeat(n));
    let dir = repo(&[("p.md", &plan)]);
    let started = std::time::Instant::now();
    let out = planlint_in(dir.path(), &["check", "p.md", "--format", "short"], "");
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let found: Vec<&str> = text.lines().filter(|l| l.contains("[IP006]")).collect();
    assert_eq!(found.len(), n);
    assert!(found[0].starts_with("p.md:3:1: "), "{}", found[0]);
    let last = format!("p.md:3:{}: ", 9 * (n - 1) + 1);
    assert!(found[n - 1].starts_with(&last), "{}", found[n - 1]);
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
fn forty_thousand_front_matter_keys_each_get_their_line_in_time() {
    let n = 40_000;
    let mut plan = String::from("---\n");
    for i in 0..n {
        let _ = writeln!(plan, "nyckel-{i}: {i}");
    }
    plan.push_str("---\n# Plan\n");
    let rules = crate::support::rules();
    let started = std::time::Instant::now();
    let doc = planlint::document::Document::parse(&plan, rules.patterns());
    let fm = doc.front_matter.expect("front matter");
    assert_eq!(fm.error, None);
    assert_eq!(fm.fields.len(), n);
    let last = &fm.fields[n - 1];
    assert_eq!(last.key, format!("nyckel-{}", n - 1));
    assert_eq!(&plan[last.span.clone()], format!("nyckel-{0}: {0}", n - 1));
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn front_matter_keys_are_found_on_their_own_line_whatever_their_order() {
    let plan = "---\nab: 1\na : 2\n\"q\": 3\nb=: 4\n---\n";
    let fm = planlint::document::Document::parse(plan, crate::support::rules().patterns())
        .front_matter
        .expect("front matter");
    let lines: Vec<(&str, &str)> = fm
        .fields
        .iter()
        .map(|f| (f.key.as_str(), &plan[f.span.clone()]))
        .collect();
    assert_eq!(
        lines,
        [
            ("ab", "ab: 1"),
            ("a", "a : 2"),
            ("q", "ab: 1\na : 2\n\"q\": 3\nb=: 4\n"),
            ("b=", "b=: 4"),
        ]
    );
}

#[test]
fn forty_thousand_next_line_waivers_each_waive_their_line_in_time() {
    let n = 40_000;
    let mut plan = String::from("# Plan\n\n");
    for i in 0..n {
        let _ = write!(
            plan,
            "<!-- planlint-disable-next-line IP006 -- datum nummer {i} kommer senare -->\nRad {i} [ange datum]\n\n"
        );
    }
    let dir = repo(&[("p.md", &plan)]);
    let started = std::time::Instant::now();
    let out = planlint_in(dir.path(), &["check", "p.md", "--format", "json"], "");
    let took = started.elapsed();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ip006: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "IP006")
        .collect();
    assert_eq!(ip006.len(), n);
    let last = ip006[n - 1];
    assert_eq!(
        last["waiver"]["reason"],
        format!("datum nummer {} kommer senare", n - 1),
        "{last}"
    );
    assert_eq!(
        last["waiver"]["source"],
        format!("p.md:{}", 3 + 3 * (n - 1)),
        "{last}"
    );
    assert!(!v["diagnostics"].to_string().contains("PL012"));
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
fn waivers_sharing_a_line_look_past_the_same_blank_lines() {
    let plan = format!(
        "# Plan\n\n<!-- planlint-disable-next-line IP006 -- det första skälet --><!-- planlint-disable-next-line IP006 -- det andra skälet -->\n{}[ange datum]\n",
        "\n".repeat(50_000)
    );
    let dir = repo(&[("p.md", &plan)]);
    let out = planlint_in(dir.path(), &["check", "p.md", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let waived = diags.iter().find(|d| d["code"] == "IP006").expect("IP006");
    assert_eq!(waived["waiver"]["reason"], "det första skälet", "{waived}");
    // The second waiver waived nothing: the first took the finding.
    assert!(diags.iter().any(|d| d["code"] == "PL012"), "{v}");
}

/// The start of a text too long to show in a failed assertion.
fn head(text: &str) -> String {
    text.chars().take(500).collect()
}

/// What `error` says in `lang`, rendered as the binary renders it (no colour).
fn rendered(error: impl Into<planlint::Error>, lang: planlint::i18n::Lang) -> String {
    let mut out = Vec::new();
    error.into().render(lang, false, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_config_or_pack_error_quotes_a_multi_megabyte_value_in_a_few_words() {
    use planlint::i18n::Lang;
    let big = "ö".repeat(2_500_000); // 5 MB
    let excerpt = format!("{}…", "ö".repeat(80));
    // Through the library, which parses what it is given whatever its size.
    let configs = [
        (
            format!("\"{big}\" = 1\n"),
            "okänd nyckel `{}` i konfigurationen",
            "unknown key `{}` in the configuration",
        ),
        (
            format!("strict = \"{big}\"\n"),
            "invalid type: string \"{}\", expected a boolean",
            "invalid type: string \"{}\", expected a boolean",
        ),
        (
            format!("[severity]\nIP002 = \"{big}\"\n"),
            "unknown variant `{}`, expected one of",
            "unknown variant `{}`, expected one of",
        ),
    ];
    for (text, sv, en) in &configs {
        let e = planlint::config::parse(std::path::Path::new("planlint.toml"), text.clone())
            .expect_err("a broken config");
        for (lang, says) in [(Lang::Sv, sv), (Lang::En, en)] {
            let shown = rendered(e.clone(), lang);
            assert!(
                shown.len() < 1_000,
                "{} bytes: {}",
                shown.len(),
                head(&shown)
            );
            assert!(shown.contains(&says.replace("{}", &excerpt)), "{shown}");
        }
    }
    // Values that only the loaded rules can judge.
    let rules = crate::support::rules();
    let codes = rules.known_codes();
    for (text, sv, en) in [
        (
            format!("lang = \"{big}\"\n"),
            "okänt språk `{}`",
            "unknown language `{}`",
        ),
        (
            format!("select = [\"{big}\"]\n"),
            "okänd regelkod `{}` i konfigurationen",
            "unknown rule code `{}` in the configuration",
        ),
        (
            format!("include = [\"[{big}\"]\n"),
            "ogiltigt mönster `[{}`",
            "invalid glob `[{}`",
        ),
    ] {
        let config =
            planlint::config::parse(std::path::Path::new("planlint.toml"), text).expect("TOML");
        let started = std::time::Instant::now();
        let e = planlint::config::Settings::new(
            Some(config),
            &planlint::config::settings::CliValues::default(),
            &codes,
            std::path::Path::new("."),
            planlint::config::today(),
        )
        .expect_err("a bad value");
        // No "did you mean" is looked for among megabytes.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        for (lang, says) in [(Lang::Sv, sv), (Lang::En, en)] {
            let shown = rendered(e.clone(), lang);
            assert!(
                shown.len() < 1_000,
                "{} bytes: {}",
                shown.len(),
                head(&shown)
            );
            let cut = if says.contains('[') {
                format!("{}…", "ö".repeat(79))
            } else {
                excerpt.clone()
            };
            assert!(shown.contains(&says.replace("{}", &cut)), "{shown}");
        }
    }
    let pack = format!(
        "[pack]\nid = \"t\"\nname = \"t\"\nsource = \"s\"\ndecision = \"d\"\nprefix = \"TR\"\n\"{big}\" = 1\n"
    );
    let e = planlint::engine::parse_pack("paket.toml", &pack).expect_err("a broken pack");
    let shown = rendered(e, Lang::Sv);
    assert!(shown.len() < 1_000, "{} bytes", shown.len());
    assert!(
        shown.starts_with(&format!(
            "error[PL100]: okänd nyckel `{excerpt}` i regelpaketet\n"
        )),
        "{shown}"
    );

    // Through the binary, with a value just under the size a file may have.
    let big = "x".repeat(1_900_000);
    let dir = repo(&[
        ("planlint.toml", &format!("lang = \"{big}\"\n")),
        ("a.md", &no_housing()),
    ]);
    for (lang, says) in [
        ("sv", "error[PL101]: okänt språk `"),
        ("en", "error[PL101]: unknown language `"),
    ] {
        let out = planlint_in(dir.path(), &["check", "--lang", lang, "a.md"], "");
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stderr.len() < 1_000, "{} bytes", out.stderr.len());
        assert!(
            stderr(&out).starts_with(&format!("{says}{}…`\n", "x".repeat(80))),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn an_html_comment_left_open_before_a_two_byte_letter_is_pl008_not_a_crash() {
    // Found by the property tests: the start of the line was cut at a fixed byte, inside `å`.
    let dir = repo(&[("a.md", "\n<!--| IP002å#")]);
    let out = planlint_in(dir.path(), &["check", "--format", "short", "a.md"], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("a.md:2:1: error[PL008]: en HTML-kommentar som aldrig stängs döljer resten av planen för den som läser den"),
        "{}",
        stdout(&out)
    );
}
