//! The estate under hostile and odd input: front matter a plan author controls (`status`,
//! `förvaltning`, `år` holding line breaks, lists, numbers), rosters and stage tables a config
//! writer gets wrong (overlapping or impossible globs, names only of invisible characters,
//! stages out of order), large rosters, and `diff` over plans that cannot be read.

use std::path::Path;

use crate::estate::{estate, json};
use crate::support::{planlint_in, repo, stderr, stdout};

/// Replaces the front-matter line of `plan` (under `dir`) that starts with `key:` by `line`.
fn set_field(dir: &Path, plan: &str, key: &str, line: &str) {
    let path = dir.join(plan);
    let text = std::fs::read_to_string(&path).expect("plan");
    let prefix = format!("{key}:");
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with(&prefix) {
                line.to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&path, text.join("\n") + "\n").expect("write plan");
}

#[test]
fn a_status_or_department_with_line_breaks_is_quoted_on_one_line() {
    let dir = estate();
    set_field(
        dir.path(),
        "planer/2027/samhallsbyggnad.md",
        "status",
        r#"status: "klar\n\nerror[IP001]: falsk rad\r\nslut""#,
    );
    set_field(
        dir.path(),
        "planer/2027/vard-och-omsorg.md",
        "förvaltning",
        r#"förvaltning: "Vård\n  och omsorg""#,
    );
    let out = planlint_in(
        dir.path(),
        &["check", "planer/2027", "--color", "never"],
        "",
    );
    let text = stdout(&out);
    assert!(
        text.contains("planens status `klar error[IP001]: falsk rad slut` är inget känt skede"),
        "{text}"
    );
    assert!(
        text.contains("förvaltningen `Vård och omsorg` finns inte i förteckningen"),
        "{text}"
    );
    assert!(!text.contains("\nerror[IP001]: falsk rad"), "{text}");
    // What is cut short says so.
    let long = format!("status: {}", "mycket ".repeat(40).trim_end());
    set_field(
        dir.path(),
        "planer/2027/samhallsbyggnad.md",
        "status",
        &long,
    );
    let v = json(dir.path(), &["check", "planer/2027", "--format", "json"]);
    let message = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "PL018")
        .and_then(|d| d["message"].as_str())
        .expect("PL018")
        .to_owned();
    assert!(
        message.starts_with("planens status `mycket mycket") && message.contains("…` är inget"),
        "{message}"
    );
}

#[test]
fn a_department_named_only_by_invisible_characters_is_an_error_and_they_never_count() {
    for name in [r"\u202e\u2066", r"\u0007\u001b", r"\u200b \u00ad"] {
        let config =
            format!("[[department]]\nname = \"{name}\"\npaths = [\"planer/{{year}}/soc.md\"]\n");
        let dir = repo(&[("planlint.toml", &config)]);
        let out = planlint_in(dir.path(), &["check", "--allow-empty"], "");
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains("en förvaltning i `[[department]]` måste ha ett namn"),
            "{name}: {err}"
        );
    }
    // A bidirectional control inside a plan's `förvaltning` changes nothing a reader sees.
    let dir = estate();
    set_field(
        dir.path(),
        "planer/2027/socialforvaltningen.md",
        "förvaltning",
        "förvaltning: \"Social\\u202eförvaltningen\"",
    );
    let out = planlint_in(
        dir.path(),
        &["check", "planer/2027", "--format", "short"],
        "",
    );
    let text = stdout(&out);
    assert!(!text.contains("PL017"), "{text}");
}

#[test]
fn roster_paths_that_can_match_no_plan_are_errors_at_their_place() {
    let cases = [
        (r#""""#, "är tomt"),
        (r#""   ""#, "är tomt"),
        (
            r#""../andra/{year}/soc.md""#,
            "utanför katalogen där planlint.toml ligger",
        ),
        (
            r#""planer/2027/../{year}/soc.md""#,
            "utanför katalogen där planlint.toml ligger",
        ),
        (r#""/srv/planer/{year}/soc.md""#, "är en absolut sökväg"),
    ];
    for (glob, says) in cases {
        let config = format!(
            "[[department]]\nname = \"Socialförvaltningen\"\npaths = [\"planer/{{year}}/soc.md\", {glob}]\n"
        );
        let dir = repo(&[("planlint.toml", &config)]);
        let out = planlint_in(dir.path(), &["check", "--allow-empty"], "");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{glob}: {err}");
        assert!(err.contains(says), "{glob}: {err}");
        assert!(err.contains("planlint.toml:3:"), "{glob}: {err}");
    }
}

#[test]
fn a_plan_in_a_place_two_departments_share_counts_for_the_one_it_names() {
    let dir = estate();
    // Kommunledningsförvaltningen, first on the roster, takes any plan of a year's folder; the
    // other departments name their own file there too.
    let roster = crate::estate::ROSTER.replace(
        "paths = [\"planer/{year}/kommunledning.*\"]",
        "paths = [\"planer/{year}/*.md\"]",
    );
    let (rest, kommunledning) = roster
        .split_once("[[department]]\nname = \"Kommunledningsförvaltningen\"")
        .expect("kommunledning in the roster");
    let config =
        format!("[[department]]\nname = \"Kommunledningsförvaltningen\"{kommunledning}\n{rest}");
    std::fs::write(dir.path().join("planlint.toml"), config).expect("config");
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    let text = stdout(&out);
    assert!(!text.contains("PL017"), "{text}");
    let missing: Vec<&str> = text.lines().filter(|l| l.contains("PL016")).collect();
    assert_eq!(missing.len(), 1, "{text}");
    assert!(
        missing[0].contains("`Kultur- och fritidsförvaltningen` har ingen plan för 2027"),
        "{text}"
    );
    // A plan there that names no department of the roster is the first one's.
    set_field(
        dir.path(),
        "planer/2027/samhallsbyggnad.md",
        "förvaltning",
        "förvaltning: Tekniska kontoret",
    );
    let v = json(dir.path(), &["report", "--format", "json"]);
    let row = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["path"] == "planer/2027/samhallsbyggnad.md")
        .expect("the row");
    assert_eq!(row["roster"], "Kommunledningsförvaltningen", "{row}");
}

/// `planlint config`'s lines about stages.
fn stage_lines(config: &str) -> Vec<String> {
    let dir = repo(&[("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["config"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .filter(|l| l.starts_with("stage"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn a_table_named_by_another_word_for_a_stage_is_that_stage() {
    let lines = stage_lines("[stage.beslutsunderlag]\nseverity = { IP005 = \"error\" }\n");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stages = utkast, remiss, för beslut, beslutad #")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stage.för beslut = ") && l.contains("IP005=error")),
        "{lines:?}"
    );
    // With `after`, the word names a stage of the config's own, which takes the word over.
    let lines = stage_lines("[stage.\"samråd\"]\nafter = \"remiss\"\n");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stages = utkast, remiss, samråd, för beslut, beslutad #")),
        "{lines:?}"
    );
}

#[test]
fn a_name_two_stage_tables_give_is_an_error() {
    let config = "[stage.a]\nnames = [\"samråd\"]\n\n[stage.b]\nnames = [\"x\", \"Samråd\"]\n";
    let dir = repo(&[("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["check", "--allow-empty"], "");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`Samråd` är redan ett namn på skedet `a`"),
        "{err}"
    );
    assert!(err.contains("planlint.toml:5:"), "{err}");
    // Nor may a stage of the config's own be named by a word another table gave.
    let config = "[stage.a]\nnames = [\"x\"]\n\n[stage.x]\nafter = \"remiss\"\n";
    let dir = repo(&[("planlint.toml", config)]);
    let out = planlint_in(dir.path(), &["check", "--allow-empty"], "");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("`x` är redan ett namn på skedet `a`"), "{err}");
    // One table may give a word twice, and take over a word planlint knows for a default stage.
    let lines = stage_lines("[stage.a]\nafter = \"utkast\"\nnames = [\"samråd\", \"SAMRÅD\"]\n");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stages = utkast, a, remiss")),
        "{lines:?}"
    );
}

#[test]
fn after_may_name_a_stage_a_later_table_adds_but_not_itself_or_a_ring() {
    let lines = stage_lines(
        "[stage.b]\nafter = \"a\"\n\n[stage.a]\nafter = \"remiss\"\nseverity = { IP006 = \"error\" }\n",
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stages = utkast, remiss, a, b, för beslut, beslutad #")),
        "{lines:?}"
    );
    for (config, says) in [
        (
            "[stage.x]\nafter = \"x\"\n",
            "skedet `x` kan inte komma efter sig självt",
        ),
        (
            "[stage.a]\nafter = \"b\"\n\n[stage.b]\nafter = \"a\"\n",
            "`a` ska komma efter `b`, som ska komma efter `a`",
        ),
    ] {
        let dir = repo(&[("planlint.toml", config)]);
        let out = planlint_in(dir.path(), &["check", "--allow-empty"], "");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(err.contains("planlint.toml:2:9"), "{err}");
    }
}

#[test]
fn planlint_config_says_which_stages_the_file_set() {
    let lines = stage_lines(
        "[stage.remiss]\nseverity = { IP006 = \"error\" }\n\n[stage.x]\nafter = \"remiss\"\n",
    );
    assert!(
        lines.contains(
            &"stages = utkast, remiss, x, för beslut, beslutad # planlint.toml:4".to_owned()
        ),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"stage.remiss = IP006=error # planlint.toml:1".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stage.för beslut = ") && l.ends_with("# default")),
        "{lines:?}"
    );
}

#[test]
fn a_missing_plan_says_when_its_place_holds_the_plan_of_another_year() {
    // Last year's plan copied into this year's folder, its `år` not yet changed.
    let dir = estate();
    set_field(
        dir.path(),
        "planer/2027/socialforvaltningen.md",
        "år",
        "år: 2026",
    );
    let v = json(dir.path(), &["check", "--format", "json"]);
    let missing: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL016")
        .collect();
    let social = missing
        .iter()
        .find(|d| d["message"] == "`Socialförvaltningen` har ingen plan för 2027")
        .unwrap_or_else(|| panic!("{missing:?}"));
    let help = social["help"].as_str().expect("help");
    assert!(
        help.contains("planen i `planer/2027/socialforvaltningen.md`, där planen för 2027 ska ligga, anger år 2026"),
        "{help}"
    );
    // A department whose place is empty keeps the plain help.
    let kultur = missing
        .iter()
        .find(|d| d["message"] == "`Kultur- och fritidsförvaltningen` har ingen plan för 2027")
        .expect("kultur");
    assert!(
        kultur["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("förvaltningens plan ska ligga i")),
        "{kultur}"
    );
}

#[test]
fn a_mistyped_year_or_an_archived_plan_does_not_make_every_department_lack_a_plan() {
    // One plan's `år` mistyped (2072 for 2027) in its own place.
    let dir = estate();
    set_field(dir.path(), "planer/2027/kommunledning.md", "år", "år: 2072");
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    let text = stdout(&out);
    let missing: Vec<&str> = text.lines().filter(|l| l.contains("PL016")).collect();
    assert!(!text.contains("för 2072"), "{text}");
    assert_eq!(missing.len(), 2, "{text}");
    assert!(
        missing
            .iter()
            .any(|l| l.contains("`Kommunledningsförvaltningen` har ingen plan för 2027")),
        "{text}"
    );
    // An archived plan of 2019 outside every department's `paths`.
    let dir = estate();
    let old = std::fs::read_to_string(dir.path().join("planer/2025/kommunledning.md"))
        .expect("plan")
        .replace("år: 2025", "år: 2019");
    std::fs::create_dir_all(dir.path().join("arkiv")).expect("mkdir");
    std::fs::write(dir.path().join("arkiv/kommunledning-2019.md"), old).expect("write");
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    let text = stdout(&out);
    assert!(!text.contains("för 2019"), "{text}");
    assert_eq!(text.matches("PL016").count(), 1, "{text}");
    let v = json(dir.path(), &["report", "--format", "json"]);
    assert_eq!(
        v["absent"].as_array().map(Vec::len),
        Some(1),
        "{}",
        v["absent"]
    );
}

#[cfg(unix)]
#[test]
fn diff_says_a_plan_that_cannot_be_read_is_there_not_gone() {
    let dir = estate();
    let new = dir.path().join("planer/2027");
    std::fs::remove_file(new.join("kommunledning.md")).expect("rm");
    std::os::unix::fs::symlink(
        "/nonexistent/kommunledning.md",
        new.join("kommunledning.md"),
    )
    .expect("link");
    let out = planlint_in(
        dir.path(),
        &["diff", "planer/2026", "planer/2027", "--color", "never"],
        "",
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    let kommun = text
        .split("\n\n")
        .find(|block| block.starts_with("Kommunledningsförvaltningen"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!kommun.contains("planen finns inte längre"), "{kommun}");
    assert!(
        kommun.contains("planer/2026/kommunledning.md → planer/2027/kommunledning.md"),
        "{kommun}"
    );
    assert!(
        kommun.contains("nytt:      warning[PL004]: en post i katalogen kunde inte läsas"),
        "{kommun}"
    );
    assert!(
        kommun.contains("försämrat: error[IP001]: Arbete och studier täcks inte längre"),
        "{kommun}"
    );
    let v = json(
        dir.path(),
        &["diff", "planer/2026", "planer/2027", "--format", "json"],
    );
    let kommun = v["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .find(|p| p["new_path"] == "planer/2027/kommunledning.md")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(kommun["pairing"], "path", "{kommun}");
    // Only Kultur- och fritidsförvaltningen, which has no plan for 2027, is gone.
    assert_eq!(v["summary"]["removed"], 1, "{}", v["summary"]);
}

#[test]
fn an_empty_stage_flag_says_so_and_a_hidden_control_in_it_is_shown() {
    let dir = estate();
    for empty in ["", "   "] {
        let out = planlint_in(dir.path(), &["check", "--stage", empty], "");
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("`--stage` är tomt"), "{err}");
        assert!(err.contains("`för beslut`"), "{err}");
    }
    let out = planlint_in(dir.path(), &["check", "--stage", "\u{202e}tusek"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("okänt skede `\\u{202e}tusek`"), "{err}");
    assert!(!err.contains('\u{202e}'), "{err:?}");
}
