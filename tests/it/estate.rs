//! The estate the board governs: the roster of departments (`[[department]]`, PL016, PL017),
//! the stages a plan moves through (`status`, `[stage.NAME]`, `--stage`, PL018), and the report
//! over several years (missing rows, stages, the trend), over the fixture estate in
//! `tests/fixtures/estate` (three years, six departments; written apart from the matcher) and
//! small plans of the tests' own.

use std::path::Path;

use crate::support::{compliant, planlint_in, repo, stderr, stdout};

/// The roster of the fixture estate, as a board secretary would write it.
pub const ROSTER: &str = r#"
[[department]]
name = "Socialförvaltningen"
namnd = "Socialnämnden"
paths = ["planer/{year}/socialforvaltningen.*"]

[[department]]
name = "Barn- och utbildningsförvaltningen"
"nämnd" = "Barn- och utbildningsnämnden"
paths = ["planer/{year}/barn-och-utbildning.*"]

[[department]]
name = "Samhällsbyggnadsförvaltningen"
namnd = "Samhällsbyggnadsnämnden"
paths = ["planer/{year}/samhallsbyggnad.*"]

[[department]]
name = "Kultur- och fritidsförvaltningen"
namnd = "Kultur- och fritidsnämnden"
paths = ["planer/{year}/kultur-och-fritid.*"]

[[department]]
name = "Vård- och omsorgsförvaltningen"
namnd = "Socialnämnden"
paths = ["planer/{year}/vard-och-omsorg.*"]

[[department]]
name = "Kommunledningsförvaltningen"
namnd = "Kommunstyrelsen"
paths = ["planer/{year}/kommunledning.*"]
"#;

/// A copy of the fixture estate with the roster, in a temporary directory.
pub fn estate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = crate::support::root().join("tests/fixtures/estate/planer");
    copy_tree(&from, &dir.path().join("planer"));
    std::fs::write(dir.path().join("planlint.toml"), ROSTER).expect("config");
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = planlint_in(dir, args, "");
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)))
}

#[test]
fn the_approval_gate_names_the_missing_department_and_the_draft_todo() {
    let dir = estate();
    let out = planlint_in(
        dir.path(),
        &["check", "--stage", "för beslut", "--format", "short"],
        "",
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    // The department without a plan for 2027, at its line of the roster.
    assert!(
        text.contains(
            "planlint.toml:18:8: error[PL016]: `Kultur- och fritidsförvaltningen` har ingen plan för 2027"
        ),
        "{text}"
    );
    // The TODO left in a plan that goes to the nämnd blocks at that stage.
    assert!(
        text.contains(
            "planer/2027/barn-och-utbildning.md:19:1: error[IP006]: platshållaren `TODO` finns kvar i planen"
        ),
        "{text}"
    );
    // Only that year lacks the department's plan.
    assert_eq!(text.matches("[PL016]").count(), 1, "{text}");
    // The human summary says which stage the plans were judged at, and the finding why it blocks.
    let human = stdout(&planlint_in(
        dir.path(),
        &["check", "--stage", "för beslut", "--color", "never"],
        "",
    ));
    assert!(
        human.contains("granskade i skedet `för beslut` (`--stage`)"),
        "{human}"
    );
    assert!(
        human.contains("= note: planen granskas i skedet `för beslut`, där det här är ett fel i stället för en varning"),
        "{human}"
    );
}

#[test]
fn the_same_todo_is_advice_in_a_draft_and_the_stage_is_in_every_format() {
    let dir = estate();
    let out = planlint_in(
        dir.path(),
        &[
            "check",
            "planer/2027",
            "--stage",
            "utkast",
            "--format",
            "short",
        ],
        "",
    );
    let text = stdout(&out);
    assert!(text.contains("warning[IP006]"), "{text}");
    // A missing plan is a warning in a draft.
    assert!(text.contains("warning[PL016]"), "{text}");
    // Without `--stage`, each plan's own status decides: the 2027 plans are `för beslut`.
    let v = json(dir.path(), &["check", "planer/2027", "--format", "json"]);
    let todo = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "IP006")
        .expect("the TODO");
    assert_eq!(todo["severity"], "error");
    assert_eq!(todo["stage"], "för beslut");
    assert_eq!(v["summary"]["stages"][0]["stage"], "för beslut");
    assert_eq!(v["summary"]["stages"][0]["plans"], 5);
    let junit = stdout(&planlint_in(
        dir.path(),
        &["check", "planer/2027", "--format", "junit"],
        "",
    ));
    assert!(
        junit.contains("<property name=\"stage\" value=\"för beslut\"/>"),
        "{junit}"
    );
    let sarif = json(dir.path(), &["check", "planer/2027", "--format", "sarif"]);
    assert_eq!(
        sarif["runs"][0]["results"][0]["properties"]["stage"],
        "för beslut"
    );
    let github = stdout(&planlint_in(
        dir.path(),
        &["check", "planer/2027", "--format", "github"],
        "",
    ));
    assert!(
        github.contains("title=IP006 platshallare (för beslut)::"),
        "{github}"
    );
}

#[test]
fn the_report_shows_the_missing_row_the_stages_and_the_trend() {
    let dir = estate();
    let v = json(
        dir.path(),
        &["report", "--format", "json", "--stage", "för beslut"],
    );
    assert_eq!(v["years"], serde_json::json!([2027, 2026, 2025]));
    let absent = &v["absent"][0];
    assert_eq!(absent["department"], "Kultur- och fritidsförvaltningen");
    assert_eq!(absent["year"], 2027);
    assert_eq!(absent["severity"], "error");
    assert_eq!(v["summary"]["absent"], 1);
    assert_eq!(v["provenance"]["stage"], "för beslut");
    // Rows: newest year first, then by nämnd; each knows its year and where it was read.
    let first = &v["rows"][0];
    assert_eq!(first["year"], 2027);
    assert_eq!(first["year_from"], "front-matter");
    assert_eq!(first["board"], "Barn- och utbildningsnämnden");
    assert_eq!(first["stage"], "för beslut");
    let trend = &v["trend"]["departments"];
    let of = |name: &str| {
        trend
            .as_array()
            .expect("trend")
            .iter()
            .find(|d| d["department"] == name)
            .unwrap_or_else(|| panic!("{name} in {trend}"))
            .clone()
    };
    let samhall = of("Samhällsbyggnadsförvaltningen");
    assert_eq!(
        samhall["changes"],
        serde_json::json!(["Bostäder saknas sedan 2027"])
    );
    assert_eq!(samhall["fell_back"], true);
    assert_eq!(samhall["years"][2]["areas"], 3);
    assert_eq!(samhall["years"][2]["change"], "down");
    let social = of("Socialförvaltningen");
    assert_eq!(social["years"][0]["areas"], 2);
    assert_eq!(social["years"][1]["change"], "up");
    assert_eq!(
        social["changes"],
        serde_json::json!(["Bostäder täcks sedan 2026", "Samverkan täcks sedan 2026"])
    );
    assert_eq!(
        of("Kultur- och fritidsförvaltningen")["changes"],
        serde_json::json!(["ingen plan inlämnad 2027"])
    );
    assert_eq!(of("Kommunledningsförvaltningen")["fell_back"], false);
    // CSV: the missing plan is a row, the plans carry year, nämnd and stage.
    let csv = stdout(&planlint_in(dir.path(), &["report", "--format", "csv"], ""));
    assert!(
        csv.lines().any(|l| l.starts_with(",Kultur- och fritidsförvaltningen,no-plan,")
            && l.ends_with(",1,0,2027,,Kultur- och fritidsnämnden,,för beslut,Kultur- och fritidsförvaltningen")),
        "{csv}"
    );
    let md = stdout(&planlint_in(
        dir.path(),
        &["report", "--format", "markdown"],
        "",
    ));
    assert!(
        md.contains("| Kultur- och fritidsförvaltningen (ingen plan inlämnad) | 2027 |"),
        "{md}"
    );
    assert!(md.contains("| Samhällsbyggnadsförvaltningen ↓ | Samhällsbyggnadsnämnden | 4/4 | 4/4 | 3/4 · 1 fel ↓ | Bostäder saknas sedan 2027 |"), "{md}");
}

#[test]
fn the_reports_lines_run_by_year_then_namnd_then_department_with_the_missing_plan_in_its_place() {
    // Plans named so that the order they are read in (by path) is not the report's order: a
    // nämnd with å and ö sorts after z, a plan without a nämnd last, and the missing plan
    // stands among the plans of its year where its nämnd puts it.
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = |name: &str, department: &str, board: Option<&str>, year: u16| {
        let board = board.map(|b| format!("nämnd: {b}\n")).unwrap_or_default();
        let text = compliant()
            .replacen(
                "förvaltning: Socialförvaltningen",
                &format!("förvaltning: {department}"),
                1,
            )
            .replacen("nämnd: Socialnämnden\n", &board, 1)
            .replacen("år: 2027", &format!("år: {year}"), 1);
        let path = dir.path().join(format!("planer/{year}/{name}.md"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("plan");
    };
    std::fs::write(
        dir.path().join("planlint.toml"),
        r#"
[[department]]
name = "Bildningsförvaltningen"
namnd = "Östra nämnden"
paths = ["planer/{year}/a-bildning.*"]

[[department]]
name = "Tekniska förvaltningen"
namnd = "Ändra nämnden"
paths = ["planer/{year}/b-teknik.*"]

[[department]]
name = "Miljöförvaltningen"
namnd = "Zeta-nämnden"
paths = ["planer/{year}/c-miljo.*"]

[[department]]
name = "Kansliet"
paths = ["planer/{year}/d-kansli.*"]
"#,
    )
    .expect("config");
    for year in [2026, 2027] {
        plan(
            "a-bildning",
            "Bildningsförvaltningen",
            Some("Östra nämnden"),
            year,
        );
        plan("d-kansli", "Kansliet", None, year);
        plan("c-miljo", "Miljöförvaltningen", Some("Zeta-nämnden"), year);
    }
    // Tekniska förvaltningen (Ändra nämnden) handed in a plan for 2026 only.
    plan(
        "b-teknik",
        "Tekniska förvaltningen",
        Some("Ändra nämnden"),
        2026,
    );
    let md = stdout(&planlint_in(
        dir.path(),
        &["report", "--format", "markdown"],
        "",
    ));
    let lines: Vec<(String, String)> = md
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let year = cells.get(1)?;
            (year.len() == 4 && year.starts_with("20")).then(|| {
                (
                    cells[0].trim_start_matches("| ").to_owned(),
                    (*year).to_owned(),
                )
            })
        })
        .collect();
    let want = [
        ("Miljöförvaltningen", "2027"),
        ("Tekniska förvaltningen (ingen plan inlämnad)", "2027"),
        ("Bildningsförvaltningen", "2027"),
        ("Kansliet", "2027"),
        ("Miljöförvaltningen", "2026"),
        ("Tekniska förvaltningen", "2026"),
        ("Bildningsförvaltningen", "2026"),
        ("Kansliet", "2026"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(d, y)| ((*d).to_owned(), (*y).to_owned()))
        .collect();
    assert_eq!(lines, want, "{md}");
}

#[test]
fn the_report_over_three_years_in_headless_chromium() {
    let Some(browser) = crate::integrations::chromium() else {
        return;
    };
    let dir = estate();
    let page = dir.path().join("rapport.html");
    let out = planlint_in(
        dir.path(),
        &["report", "--stage", "för beslut", "-o", "rapport.html"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dom = crate::integrations::dump_dom(browser, dir.path(), &page);
    // The browser read the whole page: the trend table comes after the matrix.
    assert!(
        dom.contains("<h2 id=\"utveckling\">Utveckling per förvaltning</h2>"),
        "{dom}"
    );
    // The missing department's row in its year, blocking.
    let absent = dom
        .split("<tr class=\"absent\">")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("a row for the missing plan");
    assert!(
        absent.contains("Kultur- och fritidsförvaltningen"),
        "{absent}"
    );
    assert!(absent.contains("∅ ingen plan inlämnad"), "{absent}");
    assert!(absent.contains("<td class=\"noplan error\""), "{absent}");
    // A heading per year, newest first.
    let years: Vec<usize> = ["ar-2027", "ar-2026", "ar-2025"]
        .iter()
        .map(|id| dom.find(&format!("id=\"{id}\"")).expect("year heading"))
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    // Every plan's stage, and the header's.
    assert_eq!(
        dom.matches("<td class=\"stage\"").count(),
        18,
        "17 plans and the missing one"
    );
    assert!(
        dom.contains(
            "<dt>Skede</dt><dd>för beslut (alla planer granskade i det skedet med --stage)</dd>"
        ),
        "{dom}"
    );
    // The trend: the regression is named and marked, the missing plan too.
    assert!(dom.contains("Bostäder saknas sedan 2027"), "{dom}");
    assert!(
        dom.contains(
            "<tr class=\"fell-back\"><th scope=\"row\">Samhällsbyggnadsförvaltningen</th>"
        ),
        "{dom}"
    );
    assert!(dom.contains("∅ ingen plan <span class=\"down\""), "{dom}");
    assert!(dom.contains("<li class=\"error\">∅ 1 förvaltning i förteckningen har inte lämnat in någon plan</li>"), "{dom}");
}

#[test]
fn diff_between_two_years_lists_the_regression() {
    let dir = estate();
    let out = planlint_in(dir.path(), &["diff", "planer/2026", "planer/2027"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Samhällsbyggnadsförvaltningen: planer/2026/samhallsbyggnad.md → planer/2027/samhallsbyggnad.md\n  försämrat: error[IP002]: Bostäder täcks inte längre"),
        "{text}"
    );
    assert!(
        text.contains("Kultur- och fritidsförvaltningen: planer/2026/kultur-och-fritid.md\n  försämrat: planen finns inte längre"),
        "{text}"
    );
    // 2025 → 2026: Socialförvaltningen gained two areas, nothing regressed.
    let out = planlint_in(dir.path(), &["diff", "planer/2025", "planer/2026"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("åtgärdat:  error[IP002]: Bostäder täcks nu"),
        "{text}"
    );
}

#[test]
fn a_run_over_single_files_does_not_judge_the_roster() {
    let dir = estate();
    // As pre-commit runs it: the files that changed.
    let out = planlint_in(
        dir.path(),
        &["check", "planer/2027/kommunledning.md", "--format", "short"],
        "",
    );
    let text = stdout(&out);
    assert!(!text.contains("PL016"), "{text}");
    // A folder without the department's place does not make it missing either.
    let other = repo(&[("planlint.toml", ROSTER), ("ovrigt/a.md", &compliant())]);
    let out = planlint_in(other.path(), &["check", "ovrigt", "--format", "short"], "");
    assert!(!stdout(&out).contains("PL016"), "{}", stdout(&out));
    // The whole tree does: every department is missing.
    let out = planlint_in(other.path(), &["check", "--format", "short"], "");
    assert_eq!(
        stdout(&out).matches("warning[PL016]").count(),
        6,
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_department_name_off_the_roster_is_flagged_with_the_closest_name() {
    let plan = compliant().replacen(
        "förvaltning: Socialförvaltningen",
        "förvaltning: Socialförvaltingen",
        1,
    );
    let dir = repo(&[("planlint.toml", ROSTER), ("a.md", &plan)]);
    let out = planlint_in(dir.path(), &["check", "a.md", "--color", "never"], "");
    let text = stdout(&out);
    assert!(
        text.contains("warning[PL017]: förvaltningen `Socialförvaltingen` finns inte i förteckningen i planlint.toml"),
        "{text}"
    );
    assert!(text.contains("menade du `Socialförvaltningen`?"), "{text}");
    // A plan where another department's plan belongs.
    let dir = repo(&[
        ("planlint.toml", ROSTER),
        ("planer/2027/kommunledning.md", &compliant()),
    ]);
    let out = planlint_in(dir.path(), &["check", "--format", "short"], "");
    assert!(
        stdout(&out).contains("error[PL017]: planen anger förvaltningen `Socialförvaltningen` men ligger där `Kommunledningsförvaltningen`s plan ska ligga")
            || stdout(&out).contains("warning[PL017]: planen anger förvaltningen `Socialförvaltningen` men ligger där `Kommunledningsförvaltningen`s plan ska ligga"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_unknown_status_is_judged_at_the_last_stage_and_said() {
    let plan = compliant()
        .replacen("status: utkast", "status: för beslutt", 1)
        .replacen("## Ekonomi\n", "## Ekonomi\n\nTODO\n", 1);
    let dir = repo(&[("a.md", &plan)]);
    let out = planlint_in(dir.path(), &["check", "a.md", "--color", "never"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("warning[PL018]: planens status `för beslutt` är inget känt skede"),
        "{text}"
    );
    assert!(text.contains("menade du `för beslut`?"), "{text}");
    assert!(
        text.contains("planen granskas som om den vore `beslutad`"),
        "{text}"
    );
    assert!(text.contains("error[IP006]"), "{text}");
    // Common words for a stage are known: `Förslag` goes to the nämnd, `antagen` is decided.
    for (status, stage) in [
        ("Förslag", "för beslut"),
        ("Antagen", "beslutad"),
        ("Arbetsmaterial", "utkast"),
    ] {
        let plan = compliant().replacen("status: utkast", &format!("status: {status}"), 1);
        let dir = repo(&[("a.md", &plan)]);
        let v = json(dir.path(), &["check", "a.md", "--format", "json"]);
        assert_eq!(v["summary"]["stages"][0]["stage"], stage, "{status}: {v}");
    }
}

#[test]
fn stage_tables_change_what_blocks_from_their_stage_on() {
    let plan = compliant().replacen("## Ekonomi\n", "## Ekonomi\n\nTODO\n", 1);
    let config = r#"
[stage.remiss]
severity = { IP006 = "error" }

[stage."samråd"]
after = "remiss"

[stage."för beslut"]
names = ["beslutsunderlag"]
"#;
    let dir = repo(&[("planlint.toml", config), ("a.md", &plan)]);
    let level = |stage: &str, code: &str| -> String {
        let v = json(
            dir.path(),
            &["check", "a.md", "--stage", stage, "--format", "json"],
        );
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code)
            .map_or_else(
                || "none".to_owned(),
                |d| d["severity"].as_str().unwrap_or("").to_owned(),
            )
    };
    assert_eq!(level("utkast", "IP006"), "warning");
    assert_eq!(level("remiss", "IP006"), "error");
    // A stage of the config's own, after `remiss`, inherits what `remiss` set.
    assert_eq!(level("samråd", "IP006"), "error");
    assert_eq!(level("beslutsunderlag", "IP006"), "error");
    // `--stage` names an unknown stage: exit 2 with the stages there are.
    let out = planlint_in(dir.path(), &["check", "a.md", "--stage", "för besult"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("okänt skede `för besult` i `--stage`"),
        "{err}"
    );
    assert!(err.contains("menade du `för beslut`?"), "{err}");
    assert!(err.contains("`samråd`"), "{err}");
    // `after` naming no stage is an error at its place in planlint.toml.
    let bad = repo(&[
        ("planlint.toml", "[stage.\"samråd\"]\nafter = \"remis\"\n"),
        ("a.md", &plan),
    ]);
    let out = planlint_in(bad.path(), &["check", "a.md"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("okänt skede `remis` i `after`"), "{err}");
    assert!(err.contains("planlint.toml:2:"), "{err}");
}

#[test]
fn a_default_stage_never_overrides_what_severity_says() {
    let plan = compliant().replacen("## Ekonomi\n", "## Ekonomi\n\nTODO\n", 1);
    let dir = repo(&[
        ("planlint.toml", "[severity]\nIP006 = \"info\"\n"),
        ("a.md", &plan),
    ]);
    let v = json(
        dir.path(),
        &["check", "a.md", "--stage", "för beslut", "--format", "json"],
    );
    let todo = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "IP006")
        .expect("the TODO");
    assert_eq!(todo["severity"], "info", "{v}");
}

#[test]
fn the_config_schema_knows_the_roster_and_the_stages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v = json(dir.path(), &["schema", "config"]);
    let props = &v["properties"];
    assert!(props["department"].is_object(), "{v}");
    assert!(props["stage"].is_object(), "{v}");
    let department = &v["$defs"]["DepartmentDef"]["properties"];
    for key in ["name", "nämnd", "paths", "aliases"] {
        assert!(department[key].is_object(), "{key}: {department}");
    }
    let stage = &v["$defs"]["StageDef"]["properties"];
    for key in ["severity", "after", "names"] {
        assert!(stage[key].is_object(), "{key}: {stage}");
    }
}
