//! `planlint diff OLD NEW`: two years of plans compared for the board — what was fixed, what
//! is new, what regressed — in Swedish and English, as lines and as JSON, with the exit code
//! that says whether anything got worse, and the errors for paths that cannot be compared.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use crate::support::{planlint_in, repo, stderr, stdout};

const ALL: [&str; 4] = ["Arbete och studier", "Bostäder", "Folkhälsa", "Samverkan"];

/// What each area's section says: 20 words and more of substance, with a goal, a figure, who
/// is responsible and when, so the built-in pack finds nothing to say about it.
fn substance(area: &str, year: u32) -> String {
    match area {
        "Arbete och studier" => format!("Mål: minst 40 procent av de nyanlända som har ekonomiskt bistånd ska börja arbeta eller studera inom tolv månader. Deras tidigare kompetens och utbildning kartläggs vid första besöket. Enhetschefen ansvarar och följer upp varje kvartal under {year}."),
        "Bostäder" => format!("Mål: alla nyanlända hushåll ska ha ett eget förstahandskontrakt inom två år. Förvaltningen verkar för fler mindre hyresrätter och blandade boendeformer i alla kommundelar. Boendesamordnaren ansvarar och redovisar antalet kontrakt i december {year}."),
        "Folkhälsa" => format!("Mål: minst 60 barn i nyanlända familjer deltar i föreningslivet och på kommunens mötesplatser under {year}. Alla medarbetare utbildas i att motverka diskriminering, främlingsfientlighet och rasism. Enhetschefen för barn och familj ansvarar."),
        _ => format!("Mål: minst 25 samordnade individuella planer upprättas under {year}. Förvaltningen samverkar internt med skolan och arbetsmarknadsenheten och externt med Arbetsförmedlingen, Region Sörmland och föreningar. Förvaltningschefen ansvarar."),
    }
}

/// A plan of `department` for `year` with a section for each of `areas`, then `rest`.
fn plan(department: &str, year: u32, areas: &[&str], rest: &str) -> String {
    let mut plan = format!(
        "---\nförvaltning: {department}\når: {year}\nansvarig: Förvaltningschefen\n---\n\n# Verksamhetsplan {year} – {department}\n\nPlanen visar hur förvaltningen arbetar med kommunens integrationspolicy.\n\n"
    );
    for area in areas {
        let _ = write!(plan, "## {area}\n\n{}\n\n", substance(area, year));
    }
    plan + rest
}

/// Two years of plans: Socialförvaltningen adds Bostäder and clears a placeholder, Kultur och
/// fritid loses Samverkan (its files named by year), Barn och utbildning stays as it was (a
/// placeholder both years), Arbetsmarknadsenheten is new in 2027.
fn two_years() -> tempfile::TempDir {
    let without = |skip: &str| -> Vec<&str> { ALL.into_iter().filter(|a| *a != skip).collect() };
    let todo = "## Ekonomi\n\nTODO\n";
    repo(&[
        (
            "2026/soc.md",
            &plan("Socialförvaltningen", 2026, &without("Bostäder"), todo),
        ),
        ("2027/soc.md", &plan("Socialförvaltningen", 2027, &ALL, "")),
        (
            "2026/kultur-2026.md",
            &plan("Kultur- och fritidsförvaltningen", 2026, &ALL, ""),
        ),
        (
            "2027/kultur-2027.md",
            &plan(
                "Kultur- och fritidsförvaltningen",
                2027,
                &without("Samverkan"),
                "",
            ),
        ),
        (
            "2026/bou.md",
            &plan("Barn- och utbildningsförvaltningen", 2026, &ALL, todo),
        ),
        (
            "2027/bou.md",
            &plan("Barn- och utbildningsförvaltningen", 2027, &ALL, todo),
        ),
        (
            "2027/ame.md",
            &plan(
                "Arbetsmarknadsenheten",
                2027,
                &ALL,
                "## Uppföljning\n\nFylls i\n",
            ),
        ),
    ])
}

fn diff(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    planlint_in(dir, &all, "")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn two_years_of_plans_say_what_was_fixed_what_is_new_and_what_regressed() {
    let dir = two_years();
    let out = diff(dir.path(), &["2026", "2027"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\
Arbetsmarknadsenheten: ny plan 2027/ame.md
  nytt:      warning[IP006]: platshållaren `Fylls i` finns kvar i planen (rad 29)
  områden: 4 av 4 · fel som hindrar godkännande: 0

Barn- och utbildningsförvaltningen: 2026/bou.md → 2027/bou.md
  inga ändringar
  områden: 4 → 4 av 4 · fel som hindrar godkännande: 0 → 0

Kultur- och fritidsförvaltningen: 2026/kultur-2026.md → 2027/kultur-2027.md
  försämrat: error[IP004]: Samverkan täcks inte längre (rad 7)
  områden: 4 → 3 av 4 · fel som hindrar godkännande: 0 → 1

Socialförvaltningen: 2026/soc.md → 2027/soc.md
  åtgärdat:  error[IP002]: Bostäder täcks nu
  åtgärdat:  warning[IP006]: platshållaren `TODO` finns kvar i planen (var rad 25)
  områden: 3 → 4 av 4 · fel som hindrar godkännande: 1 → 0

3 planer jämförda och 1 ny plan: 2 åtgärdade, 1 ny anmärkning, 1 försämring
"
    );
}

#[test]
fn the_json_output_holds_every_pair_with_its_classes_and_counts() {
    let dir = two_years();
    let out = diff(dir.path(), &["2026", "2027", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "planlint");
    assert_eq!(
        (v["old"].as_str(), v["new"].as_str()),
        (Some("2026"), Some("2027"))
    );
    let plans = v["plans"].as_array().expect("plans");
    let departments: Vec<&str> = plans
        .iter()
        .filter_map(|p| p["department"].as_str())
        .collect();
    assert_eq!(
        departments,
        [
            "Arbetsmarknadsenheten",
            "Barn- och utbildningsförvaltningen",
            "Kultur- och fritidsförvaltningen",
            "Socialförvaltningen"
        ]
    );
    let pairings: Vec<&str> = plans.iter().filter_map(|p| p["pairing"].as_str()).collect();
    assert_eq!(
        pairings,
        ["added", "department", "department", "department"]
    );
    let (ame, bou, kultur, soc) = (&plans[0], &plans[1], &plans[2], &plans[3]);
    assert!(
        ame["old_path"].is_null() && ame["areas_old"].is_null(),
        "{ame}"
    );
    assert_eq!(ame["new"][0]["code"], "IP006");
    assert_eq!(ame["new"][0]["line"], 29);
    for class in ["fixed", "new", "regressed"] {
        assert_eq!(bou[class], serde_json::json!([]), "{bou}");
    }
    assert_eq!(
        kultur["regressed"],
        serde_json::json!([{
            "kind": "area", "code": "IP004", "severity": "error",
            "message": "Samverkan täcks inte längre", "line": 7, "area": "Samverkan"
        }])
    );
    // The area's own finding is the area change, not a new finding beside it.
    assert_eq!(kultur["new"], serde_json::json!([]));
    assert_eq!(
        (kultur["areas_old"].as_u64(), kultur["areas_new"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(
        (
            kultur["blocking_old"].as_u64(),
            kultur["blocking_new"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(soc["fixed"][0]["kind"], "area");
    assert_eq!(soc["fixed"][0]["area"], "Bostäder");
    assert_eq!(soc["fixed"][0]["message"], "Bostäder täcks nu");
    assert_eq!(
        soc["fixed"][1],
        serde_json::json!({
            "kind": "finding", "code": "IP006", "severity": "warning",
            "message": "platshållaren `TODO` finns kvar i planen", "line": 25
        })
    );
    assert_eq!(soc["fixed"].as_array().map(Vec::len), Some(2));
    let s = &v["summary"];
    let counts = [
        "compared",
        "added",
        "removed",
        "fixed",
        "new",
        "new_errors",
        "regressed",
    ]
    .map(|k| s[k].as_u64().unwrap_or(u64::MAX));
    assert_eq!(counts, [3, 1, 0, 2, 1, 0, 1], "{s}");
    assert_eq!(
        (s["blocking_old"].as_u64(), s["blocking_new"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn only_improvements_exit_0_and_a_new_error_or_a_regression_exit_1() {
    let dir = two_years();
    let better = diff(dir.path(), &["2026/soc.md", "2027/soc.md"]);
    assert_eq!(better.status.code(), Some(0), "{}", stderr(&better));
    assert!(
        stdout(&better)
            .ends_with("1 plan jämförd: 2 åtgärdade, 0 nya anmärkningar, 0 försämringar\n"),
        "{}",
        stdout(&better)
    );
    let same = diff(dir.path(), &["2026/bou.md", "2027/bou.md"]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(
        stdout(&same).contains("  inga ändringar\n"),
        "{}",
        stdout(&same)
    );
    // The other way round, the improvement is a regression.
    let worse = diff(dir.path(), &["2027/soc.md", "2026/soc.md"]);
    assert_eq!(worse.status.code(), Some(1), "{}", stderr(&worse));
    let text = stdout(&worse);
    assert!(
        text.contains("  försämrat: error[IP002]: Bostäder täcks inte längre (rad 7)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  nytt:      warning[IP006]: platshållaren `TODO` finns kvar i planen (rad 25)\n"
        ),
        "{text}"
    );
    // Two plans named are compared whatever their departments are called.
    let other = diff(
        dir.path(),
        &["2026/bou.md", "2027/ame.md", "--format", "json"],
    );
    let v = json(&other);
    assert_eq!(v["plans"][0]["pairing"], "path");
    assert_eq!(v["plans"][0]["department"], "Arbetsmarknadsenheten");
    // A warning that is new does not fail the run; an error of a rule that had no finding is a
    // regression (a waiver without a reason is planlint's own error).
    let new_warning = plan("Socialförvaltningen", 2027, &ALL, "## Ekonomi\n\nTODO\n");
    let new_error = plan(
        "Socialförvaltningen",
        2027,
        &ALL,
        "<!-- planlint-disable IP006 -->\n\n## Ekonomi\n\nTODO\n",
    );
    let dir = repo(&[
        ("a.md", &plan("Socialförvaltningen", 2026, &ALL, "")),
        ("b.md", &new_warning),
        ("c.md", &new_error),
    ]);
    let warned = diff(dir.path(), &["a.md", "b.md"]);
    assert_eq!(warned.status.code(), Some(0), "{}", stdout(&warned));
    assert!(
        stdout(&warned).contains("1 ny anmärkning, 0 försämringar"),
        "{}",
        stdout(&warned)
    );
    let failed = diff(dir.path(), &["a.md", "c.md", "--format", "json"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stdout(&failed));
    let v = json(&failed);
    let regressed = v["plans"][0]["regressed"].as_array().expect("regressed");
    assert!(
        regressed.iter().any(|r| r["kind"] == "finding"
            && r["severity"] == "error"
            && r["code"].as_str().is_some_and(|c| c.starts_with("PL"))),
        "{regressed:?}"
    );
}

#[test]
fn plans_pair_by_path_with_years_folded_when_a_department_is_not_unique_and_a_plan_gone_regresses()
{
    let both = |year| plan("Socialförvaltningen", year, &ALL, "");
    let dir = repo(&[
        // Two plans name the same department, so each pairs by its path, years aside.
        ("old/vp-2026-ifo.md", &both(2026)),
        ("old/vp-2026-aldre.md", &both(2026)),
        ("new/vp-2027-ifo.md", &both(2027)),
        (
            "new/vp-2027-aldre.md",
            &plan("Socialförvaltningen", 2027, &ALL, "TODO\n"),
        ),
        ("old/miljo.md", &plan("Miljöförvaltningen", 2026, &ALL, "")),
    ]);
    let out = diff(dir.path(), &["old", "new", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let plans = v["plans"].as_array().expect("plans");
    let row = |path: &str| {
        plans
            .iter()
            .find(|p| p["old_path"] == path)
            .unwrap_or_else(|| panic!("no {path}: {plans:?}"))
    };
    assert_eq!(row("old/vp-2026-ifo.md")["new_path"], "new/vp-2027-ifo.md");
    assert_eq!(row("old/vp-2026-ifo.md")["pairing"], "path");
    assert_eq!(
        row("old/vp-2026-aldre.md")["new_path"],
        "new/vp-2027-aldre.md"
    );
    assert_eq!(row("old/vp-2026-aldre.md")["new"][0]["code"], "IP006");
    let gone = row("old/miljo.md");
    assert_eq!(gone["pairing"], "removed");
    assert!(
        gone["new_path"].is_null() && gone["areas_new"].is_null(),
        "{gone}"
    );
    assert_eq!(gone["regressed"][0]["kind"], "plan");
    assert_eq!(gone["regressed"][0]["message"], "planen finns inte längre");
    assert_eq!(v["summary"]["removed"], 1);
    let text = stdout(&diff(dir.path(), &["old", "new"]));
    assert!(
        text.contains(
            "Miljöförvaltningen: old/miljo.md\n  försämrat: planen finns inte längre\n\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("2 planer jämförda och 1 plan som inte finns längre: 0 åtgärdade, 1 ny anmärkning, 1 försämring\n"),
        "{text}"
    );
}

#[test]
fn stage_judges_both_sides_at_that_stage() {
    let dir = two_years();
    let out = diff(dir.path(), &["2026", "2027", "--stage", "för beslut"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        // At `för beslut` a placeholder is an error: new in a new plan, blocking on both sides
        // of a plan that kept it, and still fixed where it is gone.
        "  nytt:      error[IP006]: platshållaren `Fylls i` finns kvar i planen (rad 29)\n",
        "  områden: 4 av 4 · fel som hindrar godkännande: 1\n",
        "Barn- och utbildningsförvaltningen: 2026/bou.md → 2027/bou.md\n  inga ändringar\n  områden: 4 → 4 av 4 · fel som hindrar godkännande: 1 → 1\n",
        "  åtgärdat:  error[IP006]: platshållaren `TODO` finns kvar i planen (var rad 25)\n",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    let v = json(&diff(
        dir.path(),
        &["2026", "2027", "--stage", "för beslut", "--format", "json"],
    ));
    assert_eq!(v["summary"]["new_errors"], 1, "{v}");
    assert_eq!(v["summary"]["blocking_new"], 3, "{v}");
    // Without it each plan is judged at its own `status` (these have none).
    let v = json(&diff(dir.path(), &["2026", "2027", "--format", "json"]));
    assert_eq!(v["summary"]["new_errors"], 0, "{v}");
    let wrong = diff(dir.path(), &["2026", "2027", "--stage", "för besult"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("okänt skede `för besult` i `--stage`")
            && stderr(&wrong).contains("menade du `för beslut`?"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn in_english_with_lang_en() {
    let dir = two_years();
    let out = diff(dir.path(), &["2026", "2027", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "Arbetsmarknadsenheten: new plan 2027/ame.md\n",
        "  new:       warning[IP006]: the placeholder `Fylls i` is still in the plan (line 29)\n",
        "  regressed: error[IP004]: Cooperation is no longer covered (line 7)\n",
        "  fixed:     error[IP002]: Housing is now covered\n",
        "  areas: 3 → 4 of 4 · errors blocking approval: 1 → 0\n",
        "  no changes\n",
        "3 plans compared and 1 new plan: 2 fixed, 1 new finding, 1 regression\n",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    assert!(
        !text.contains("åtgärdat") && !text.contains("täcks"),
        "{text}"
    );
}

#[test]
fn a_file_beside_a_folder_or_a_missing_path_is_exit_2_in_the_users_language() {
    let dir = two_years();
    let out = diff(dir.path(), &["2026/soc.md", "2027"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert_eq!(
        stderr(&out),
        "error: `2026/soc.md` är en fil men `2027` är en katalog: `diff` jämför två planer eller två kataloger med planer\n  = help: ange två filer, t.ex. `planlint diff 2026/soc.md 2027/soc.md`, eller två kataloger, t.ex. `planlint diff 2026 2027`\n"
    );
    let out = diff(dir.path(), &["2026", "2027/soc.md", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: `2026` is a folder but `2027/soc.md` is a file: `diff` compares two plans or two folders of plans\n"),
        "{}",
        stderr(&out)
    );
    let out = diff(dir.path(), &["2026/soc.md", "2027/nosuch.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: sökvägen finns inte eller kan inte läsas `2027/nosuch.md`: finns inte\n"
    );
    let out = diff(dir.path(), &["nosuch", "2027", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`nosuch`: does not exist"),
        "{}",
        stderr(&out)
    );
    // A folder without plans is no comparison, unless allowed: then every plan is new.
    std::fs::create_dir(dir.path().join("tom")).expect("mkdir");
    let out = diff(dir.path(), &["tom", "2027"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("ingen plan att granska i `tom`"),
        "{}",
        stderr(&out)
    );
    let out = diff(
        dir.path(),
        &["tom", "2027", "--allow-empty", "--format", "json"],
    );
    assert_eq!(json(&out)["summary"]["added"], 4);
}

#[test]
fn plan_controlled_text_reaches_the_terminal_escaped() {
    let dir = repo(&[
        ("a/x.md", &plan("\"Soc\\e[31mial\"", 2026, &ALL, "")),
        (
            "b/x.md",
            &plan("\"Soc\\e[31mial\"", 2027, &ALL, "Fylls i \u{1b}[2J\n"),
        ),
    ]);
    let out = diff(dir.path(), &["a", "b", "--color", "never"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.starts_with("Soc\\u{1b}[31mial: a/x.md → b/x.md\n"),
        "{text}"
    );
}

#[test]
fn the_schema_describes_the_json_output_and_validates_it() {
    let dir = two_years();
    let schema = stdout(&planlint_in(dir.path(), &["schema", "diff"], ""));
    let parsed: serde_json::Value = serde_json::from_str(&schema).expect("schema is JSON");
    assert_eq!(parsed["title"], "DiffReport");
    for key in ["version", "tool", "old", "new", "plans", "summary"] {
        assert!(
            parsed["required"]
                .as_array()
                .is_some_and(|r| r.contains(&key.into())),
            "{key}"
        );
    }
    if !crate::support::python_module("jsonschema") {
        return;
    }
    let output = diff(dir.path(), &["2026", "2027", "--format", "json"]);
    std::fs::write(dir.path().join("schema.json"), &schema).expect("write");
    std::fs::write(dir.path().join("out.json"), &output.stdout).expect("write");
    let check = std::process::Command::new(crate::support::python())
        .current_dir(dir.path())
        .args([
            "-c",
            "import json, jsonschema; jsonschema.validate(json.load(open('out.json')), json.load(open('schema.json')))",
        ])
        .output()
        .expect("python runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_placeholder_repeated_is_counted_after_a_hundred_lines_and_json_lists_all() {
    let many = "TODO\n\n".repeat(150);
    let dir = repo(&[
        ("a.md", &plan("Socialförvaltningen", 2026, &ALL, "")),
        ("b.md", &plan("Socialförvaltningen", 2027, &ALL, &many)),
    ]);
    let text = stdout(&diff(dir.path(), &["a.md", "b.md"]));
    assert_eq!(
        text.matches("  nytt:      warning[IP006]").count(),
        100,
        "{text}"
    );
    assert!(
        text.contains("  nytt:      och 50 till av IP006 (`--format json` listar alla)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 plan jämförd: 0 åtgärdade, 150 nya anmärkningar, 0 försämringar\n"),
        "{text}"
    );
    let v = json(&diff(dir.path(), &["a.md", "b.md", "--format", "json"]));
    assert_eq!(v["plans"][0]["new"].as_array().map(Vec::len), Some(150));
}

#[test]
fn a_plan_that_cannot_be_read_covers_nothing_and_fixes_nothing() {
    let dir = repo(&[("a.md", &plan("Socialförvaltningen", 2026, &ALL, "TODO\n"))]);
    std::fs::write(dir.path().join("b.md"), b"\xff\xfe inte text").expect("write");
    let v = json(&diff(dir.path(), &["a.md", "b.md", "--format", "json"]));
    let pair = &v["plans"][0];
    assert_eq!(pair["department"], "Socialförvaltningen");
    assert_eq!(pair["areas_new"], 0);
    assert_eq!(pair["fixed"], serde_json::json!([]), "{pair}");
    let regressed: Vec<&str> = pair["regressed"]
        .as_array()
        .expect("regressed")
        .iter()
        .filter_map(|c| c["code"].as_str())
        .collect();
    assert_eq!(regressed, ["IP001", "IP002", "IP003", "IP004", "PL001"]);
    assert_eq!(diff(dir.path(), &["a.md", "b.md"]).status.code(), Some(1));
}
