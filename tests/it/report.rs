//! The board's report: columns headed by the pack's titles, blocking and advisory findings told
//! apart and counted apart, rules that had nothing to judge shown as such, every finding with
//! its line, inline code as code, and the same counts in every format and in `check`.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{
    compliant, csv_table, no_housing, planlint_in, repo, root, stderr, stdout, PROSE,
};

/// `planlint report` in `dir` with `args`, which must succeed; its stdout.
fn report(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = planlint_in(dir, &all, "");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The JSON report in `dir`.
fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&report(dir, &all)).expect("json report")
}

/// The HTML cell of `code` in the first row that has one.
fn cell<'a>(html: &'a str, code: &str) -> &'a str {
    let at = html
        .find(&format!("data-code=\"{code}\""))
        .unwrap_or_else(|| panic!("no cell for {code}"));
    let start = html[..at].rfind("<td").expect("cell start");
    let end = at + html[at..].find("</td>").expect("cell end");
    &html[start..end]
}

/// The cells of the Markdown table row whose first cell starts with `first`.
/// The cells of the Markdown row that starts with `first`: the department, then one per rule
/// and the counts (a report that shows each plan's year, nämnd and stage has those three
/// columns after the department; they are left out here).
fn md_row<'a>(md: &'a str, first: &str) -> Vec<&'a str> {
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {first}")))
        .unwrap_or_else(|| panic!("no row {first}:\n{md}"));
    let mut cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
    if md.contains("| Förvaltning | År | Nämnd | Skede |") && cells.len() > 4 {
        cells.drain(1..4);
    }
    cells
}

/// A plan whose four areas all have substance; only the named ones hold a goal with a figure.
fn plan_with_goals(with_goal: &[&str]) -> String {
    let mut plan = String::from(
        "---\nförvaltning: Testförvaltningen\når: 2027\nansvarig: Förvaltningschefen\n---\n\n# Verksamhetsplan 2027\n\nPlanen följer kommunens integrationspolicy.\n\n",
    );
    for area in ["Arbete och studier", "Bostäder", "Folkhälsa", "Samverkan"] {
        let _ = write!(plan, "## {area}\n\n{PROSE}\n\n");
        if with_goal.contains(&area) {
            plan.push_str(
                "Mål: minst 20 nyanlända får stöd under 2027. Enhetschefen ansvarar.\n\n",
            );
        }
    }
    plan
}

#[test]
fn every_column_is_headed_by_the_packs_swedish_title() {
    let plans = root().join("examples/plans");
    let plans = plans.to_str().expect("path");
    let dir = tempfile::tempdir().expect("tempdir");
    let html = report(dir.path(), &[plans]);
    for title in [
        "Arbete och studier",
        "Bostäder",
        "Folkhälsa",
        "Hänvisning till policyn",
        "Inga platshållare kvar",
        "Förvaltning, år och ansvarig",
        "Samverkan internt och externt",
        "Nyanländas kompetens",
        "Diskriminering och rasism",
        "Bostadsutbud och boendeformer",
        "Mötesplatser och föreningsliv",
        "Mål med mätbart nyckeltal",
    ] {
        assert!(
            html.contains(&format!("</b> {title}</span></th>")),
            "no column headed {title}"
        );
    }
    // No column is headed by a rule's name any more.
    for slug in [
        "hanvisning-till-policyn",
        "platshallare",
        "matbart-mal",
        "metadata",
    ] {
        assert!(!html.contains(slug), "{slug} in the HTML report");
    }
    let md = report(dir.path(), &[plans, "--format", "markdown"]);
    assert!(md.contains("- IP005: Hänvisning till policyn\n"), "{md}");
    assert!(
        md.contains("- IP011: Bostadsutbud och boendeformer\n"),
        "{md}"
    );
    let columns = json(dir.path(), &[plans])["columns"].clone();
    assert_eq!(columns[6]["title"], "Förvaltning, år och ansvarig");
    assert_eq!(columns[6]["severity"], "warning");
    let en = json(dir.path(), &[plans, "--lang", "en"]);
    assert_eq!(en["columns"][4]["title"], "Reference to the policy");
    assert_eq!(en["columns"][1]["title"], "Housing");
}

#[test]
fn a_packs_title_heads_its_column_and_a_rule_without_one_falls_back_to_its_name() {
    let rule = |code: &str, name: &str, title: &str, term: &str| {
        format!("[[rule]]\ncode = \"{code}\"\nname = \"{name}\"\nkind = \"forbid\"\nseverity = \"warning\"\n{title}terms = [\"{term}\"]\nsummary = {{ sv = \"s\", en = \"s\" }}\nmessage = {{ sv = \"`{{term}}` står kvar\", en = \"`{{term}}` is left\" }}\nhelp = {{ sv = \"h\", en = \"h\" }}\npolicy = {{ section = \"S\", quote = \"Q\" }}\nexamples = {{ pass = \"p\", fail = \"{term}\" }}\n\n")
    };
    let pack = format!(
        "[pack]\nid = \"t\"\nname = \"T\"\nsource = \"S\"\ndecision = \"D\"\nprefix = \"TT\"\n\n{}{}",
        rule(
            "TT001",
            "ord-kvar",
            "title = { sv = \"Inga ord som stämplar områden\", en = \"No stigmatising words\" }\n",
            "utanförskapsområde"
        ),
        rule("TT002", "klart-kvar", "", "klart")
    );
    let dir = repo(&[("pack.toml", &pack), ("a.md", &compliant())]);
    let out = planlint_in(dir.path(), &["test-pack", "pack.toml"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let m = json(dir.path(), &["a.md", "--rules", "pack.toml"]);
    let titles: Vec<&str> = m["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["title"].as_str())
        .collect();
    assert_eq!(
        titles[15..],
        ["Inga ord som stämplar områden", "klart-kvar"]
    );
    // The pack schema knows the key, with what it is for.
    let schema: serde_json::Value =
        serde_json::from_str(&stdout(&planlint_in(dir.path(), &["schema", "pack"], "")))
            .expect("schema");
    let title = &schema["$defs"]["RuleDef"]["properties"]["title"];
    assert!(
        title["description"]
            .as_str()
            .is_some_and(|d| d.contains("column heading")),
        "{title}"
    );
}

#[test]
fn blocking_and_advisory_findings_look_different_and_are_counted_apart() {
    // No Bostäder section (an error) and a placeholder (a warning).
    let plan = no_housing().replacen(
        "## Inledning\n",
        "## Inledning\n\nKontaktperson: TODO.\n",
        1,
    );
    let dir = repo(&[("a.md", &plan)]);
    let html = report(dir.path(), &[]);
    let error = cell(&html, "IP002");
    assert!(error.starts_with("<td class=\"missing error\""), "{error}");
    assert!(
        error.contains("<span class=\"sym\">✗</span><span class=\"word\">fel</span>"),
        "{error}"
    );
    let warning = cell(&html, "IP006");
    assert!(
        warning.starts_with("<td class=\"missing advice\""),
        "{warning}"
    );
    assert!(
        warning.contains("<span class=\"sym\">△</span><span class=\"word\">varning</span>"),
        "{warning}"
    );
    // The colours differ too, and the heading says which columns block.
    assert!(
        html.contains(".error,th.group.error{background:#b3261e"),
        "{html}"
    );
    assert!(
        html.contains(".advice,th.group.advice{background:#ffe9a8"),
        "{html}"
    );
    assert!(html.contains("class=\"group error\" title=\"Krav – hindrar godkännande\">Krav – hindrar godkännande</th>"));
    assert!(
        html.contains(
            "<li class=\"error\">✗ 1 av 1 plan har fel som hindrar godkännande (1 fel)</li>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<li class=\"advice\">△ 1 råd (varning eller info) i 1 plan – hindrar inte</li>"
        ),
        "{html}"
    );
    let md = report(dir.path(), &["--format", "markdown"]);
    let row = md_row(&md, "Kultur");
    assert_eq!((row[2], row[6]), ("✗", "△"), "{md}");
    assert_eq!(row[16..], ["1", "1"], "blocking, then advice: {md}");
    assert!(
        md.contains(" · ✗ fel · IP002 Bostäder: planen saknar ett avsnitt om `Bostäder`\n"),
        "{md}"
    );
    assert!(
        md.contains("· △ varning · IP006 Inga platshållare kvar:"),
        "{md}"
    );
    let csv = report(dir.path(), &["--format", "csv"]);
    let line = csv_table(&csv).lines().nth(1).expect("row");
    assert!(line.contains(",covered,missing-error,"), "{line}");
    assert!(line.contains(",missing-warning,"), "{line}");
    assert!(
        line.contains(",2,1,1,2027,front-matter,"),
        "missing, blocking, advisory, then the year and where it was read: {line}"
    );
    let m = json(dir.path(), &[]);
    assert_eq!(m["rows"][0]["cells"][1]["severity"], "error");
    assert_eq!(m["rows"][0]["cells"][5]["severity"], "warning");
    assert_eq!(m["summary"]["blocking"], 1);
    assert_eq!(m["summary"]["advisory"], 1);
    assert_eq!(m["summary"]["blocked"], 1);
    assert_eq!(m["summary"]["approvable"], 0);
}

#[test]
fn a_warning_raised_to_an_error_counts_as_blocking() {
    let plan = compliant().replacen("## Ekonomi\n", "## Ekonomi\n\nTODO\n", 1);
    let dir = repo(&[
        ("a.md", &plan),
        ("planlint.toml", "[severity]\nIP006 = \"error\"\n"),
    ]);
    let m = json(dir.path(), &[]);
    assert_eq!(m["columns"][5]["severity"], "error");
    assert_eq!(m["rows"][0]["cells"][5]["severity"], "error");
    assert_eq!(
        (
            m["summary"]["blocking"].as_u64(),
            m["summary"]["advisory"].as_u64()
        ),
        (Some(1), Some(0))
    );
    let html = report(dir.path(), &[]);
    assert!(cell(&html, "IP006").starts_with("<td class=\"missing error\""));
}

#[test]
fn a_rule_that_could_not_apply_shows_a_dash_and_why_never_a_tick() {
    let dir = repo(&[("a.md", &no_housing())]);
    let html = report(dir.path(), &[]);
    // IP011 judges the Bostäder section, which the plan does not have.
    let why = "kunde inte prövas: planen har inget avsnitt om Bostäder (IP002)";
    let na = cell(&html, "IP011");
    assert!(na.starts_with("<td class=\"na\""), "{na}");
    assert!(na.contains(&format!("title=\"{why}\"")), "{na}");
    assert!(na.ends_with(">–"), "{na}");
    // The reason is printed under the table too, for the paper copy.
    assert!(
        html.contains(&format!(
            "<td class=\"level na\">– ej prövad</td><td>{why}</td>"
        )),
        "{html}"
    );
    // IP013 still judges the three areas the plan has.
    assert!(cell(&html, "IP013").starts_with("<td class=\"ok\""));
    let m = json(dir.path(), &[]);
    let rows = m["rows"].as_array().expect("rows");
    let kultur = rows
        .iter()
        .find(|r| {
            r["department"]
                .as_str()
                .is_some_and(|d| d.starts_with("Kultur"))
        })
        .expect("the plan without Bostäder");
    let c = &kultur["cells"][10];
    assert_eq!(c["status"], "not-applicable", "{c}");
    assert_eq!(c["reason"], why);
    assert_eq!(m["columns"][10]["covered"], 0, "not applicable is not met");
    let md = report(dir.path(), &["--format", "markdown"]);
    assert_eq!(md_row(&md, "Kultur")[11], "–", "{md}");
    assert!(md.contains(&format!(
        "– ej prövad · IP011 Bostadsutbud och boendeformer: {why}"
    )));
    let csv = report(dir.path(), &["--format", "csv"]);
    assert!(
        csv.contains(",missing-error,") && csv.contains(",not-applicable,"),
        "{csv}"
    );
    // A plan without any area: the rules on every area section could not apply either.
    let empty = repo(&[("a.md", "# Plan\n\nIngenting ännu.\n")]);
    let m = json(empty.path(), &["--lang", "en"]);
    let c = &m["rows"][0]["cells"][12];
    assert_eq!(c["status"], "not-applicable", "{c}");
    assert_eq!(
        c["reason"],
        "could not be judged: the plan has no section on Work and studies (IP001), Housing (IP002), Public health (IP003) or Cooperation (IP004)"
    );
}

#[test]
fn every_finding_is_listed_with_its_line() {
    let plan = plan_with_goals(&["Arbete och studier", "Bostäder"]);
    let line = |heading: &str| {
        plan.lines()
            .position(|l| l == heading)
            .map(|i| (i + 1).to_string())
            .expect("heading")
    };
    let (folk, samverkan) = (line("## Folkhälsa"), line("## Samverkan"));
    let dir = repo(&[("a.md", &plan)]);
    let m = json(dir.path(), &[]);
    let lines: Vec<String> = m["rows"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "IP013")
        .map(|f| f["line"].to_string())
        .collect();
    assert_eq!(lines, [folk.clone(), samverkan.clone()], "{m}");
    assert_eq!(m["rows"][0]["cells"][12]["count"], 2);
    let html = report(dir.path(), &[]);
    for at in [&folk, &samverkan] {
        assert!(
            html.contains(&format!("<td class=\"line\">{at}</td><td class=\"rule\"><b>IP013</b> Mål med mätbart nyckeltal</td>")),
            "IP013 at line {at}:\n{html}"
        );
    }
    // The cell links to the first, and says there are two.
    assert!(cell(&html, "IP013").contains("<span class=\"n\">×2</span>"));
    assert!(html.contains(&format!(
        "<tr id=\"f-0-IP013\"><td class=\"line\">{folk}</td>"
    )));
    let md = report(dir.path(), &["--format", "markdown"]);
    for at in [&folk, &samverkan] {
        assert!(
            md.contains(&format!(
                "  - rad {at} · △ varning · IP013 Mål med mätbart nyckeltal: avsnittet `"
            )),
            "{md}"
        );
    }
}

#[test]
fn inline_code_in_messages_is_code_and_escaped() {
    let plan = compliant().replacen(
        "## Ekonomi\n",
        "## Ekonomi\n\nSe [<b>bilaga</b>] och `kod`.\n",
        1,
    );
    let dir = repo(&[("a.md", &plan)]);
    let html = report(dir.path(), &[]);
    assert!(
        html.contains(
            "<td>platshållaren <code>[&lt;b&gt;bilaga&lt;/b&gt;]</code> finns kvar i planen</td>"
        ),
        "{html}"
    );
    assert!(!html.contains("<b>bilaga"), "{html}");
    // No message keeps its Markdown backticks, in the list or in a tooltip.
    let list = &html[html.find("<h2 class=\"list\">").expect("list")..];
    assert!(!list.contains('`'), "{list}");
    assert!(
        cell(&html, "IP006").contains("title=\"rad "),
        "{}",
        cell(&html, "IP006")
    );
    assert!(!cell(&html, "IP006").contains('`'));
    // Markdown keeps them as code spans, with the plan's text escaped around them.
    let md = report(dir.path(), &["--format", "markdown"]);
    assert!(
        md.contains(": platshållaren `[<b>bilaga</b>]` finns kvar i planen\n"),
        "{md}"
    );
}

#[test]
fn every_format_and_check_count_the_same() {
    let plans = root().join("examples/plans");
    let plans = plans.to_str().expect("path");
    let dir = tempfile::tempdir().expect("tempdir");
    let check = planlint_in(dir.path(), &["check", plans, "--format", "json"], "");
    let check: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let (errors, advice) = (
        check["summary"]["errors"].as_u64().expect("errors"),
        check["summary"]["warnings"].as_u64().expect("warnings")
            + check["summary"]["info"].as_u64().expect("info"),
    );
    assert_eq!((errors, advice), (9, 10), "the example plans");
    let m = json(dir.path(), &[plans]);
    assert_eq!(m["summary"]["blocking"].as_u64(), Some(errors));
    assert_eq!(m["summary"]["advisory"].as_u64(), Some(advice));
    let listed = m["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["findings"].as_array().map_or(0, Vec::len))
        .sum::<usize>();
    assert_eq!(
        listed as u64,
        errors + advice,
        "every finding is in the report"
    );
    let md = report(dir.path(), &[plans, "--format", "markdown"]);
    let totals = md_row(&md, "**Uppfyllt**");
    assert_eq!(totals[16..], ["**9**", "**10**"], "{md}");
    assert!(
        md.contains("**✗ 5 av 7 planer har fel som hindrar godkännande (9 fel)**"),
        "{md}"
    );
    assert_eq!(md.matches("\n  - rad ").count(), 19, "{md}");
    let csv = report(dir.path(), &[plans, "--format", "csv"]);
    let sums = csv_table(&csv).lines().skip(1).fold((0, 0), |(b, a), l| {
        // From the end: roster, stage, status, nämnd, year_from, year, advisory, blocking.
        let f: Vec<&str> = l.rsplitn(9, ',').collect();
        (
            b + f[7].parse::<u64>().expect("blocking"),
            a + f[6].parse::<u64>().expect("advisory"),
        )
    });
    assert_eq!(sums, (errors, advice), "{csv}");
    let html = report(dir.path(), &[plans]);
    assert!(
        html.contains("data-blocking=\"9\" data-advisory=\"10\""),
        "{html}"
    );
    assert!(html.contains("id=\"summa-hindrar\">9</td><td class=\"total advice\">10</td>"));
    assert_eq!(
        html.matches("<td class=\"line\">").count()
            - html.matches("<td class=\"line\">–</td>").count(),
        19
    );
}

#[test]
fn a_plan_repeating_one_placeholder_lists_a_hundred_and_counts_the_rest() {
    let todos = "TODO\n\n".repeat(150);
    let plan = compliant().replacen("## Ekonomi\n", &format!("## Ekonomi\n\n{todos}"), 1);
    let dir = repo(&[("a.md", &plan)]);
    let m = json(dir.path(), &[]);
    assert_eq!(m["rows"][0]["findings"].as_array().map(Vec::len), Some(150));
    assert_eq!(m["rows"][0]["cells"][5]["count"], 150);
    let html = report(dir.path(), &[]);
    assert_eq!(
        html.matches("<b>IP006</b> Inga platshållare kvar</td><td class=\"level advice\">")
            .count(),
        100
    );
    assert!(html.contains("<td>50 till av samma slag (<code>planlint check --format short</code> listar alla)</td>"), "{html}");
    let md = report(dir.path(), &["--format", "markdown"]);
    assert_eq!(md.matches("· △ varning · IP006 ").count(), 100, "{md}");
    assert!(
        md.contains("  - … 50 IP006 Inga platshållare kvar: till av samma slag"),
        "{md}"
    );
}

#[test]
fn a_department_named_twice_shows_each_rows_path_beside_it() {
    let social = compliant();
    // The same name in other letter case and with a zero-width space reads the same.
    let lookalike = social.replacen(
        "förvaltning: Socialförvaltningen",
        "förvaltning: socialförvaltningen\u{200b}",
        1,
    );
    assert_ne!(lookalike, social);
    let dir = repo(&[
        ("plans/a.md", &social),
        ("plans/b.md", &social),
        ("plans/c.md", &lookalike),
        ("plans/d.md", &no_housing()),
    ]);
    let md = report(dir.path(), &["plans", "--format", "markdown"]);
    let names: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .skip(2)
        .take(4)
        .map(|l| l.split(" | ").next().unwrap_or(l))
        .collect();
    assert_eq!(
        names,
        // By department (the look-alike reads as the same), then path.
        [
            "| Kultur- och fritidsförvaltningen",
            "| Socialförvaltningen (plans/a.md)",
            "| Socialförvaltningen (plans/b.md)",
            "| socialförvaltningen\u{200b} (plans/c.md)",
        ],
        "{md}"
    );
    // The HTML page names each plan with its path in the matrix; the list of plans without
    // findings names them by department, so the path goes beside a shared one there too.
    let html = report(dir.path(), &["plans", "--format", "html"]);
    assert!(
        html.contains("<p class=\"clean\">Utan anmärkningar: Socialförvaltningen <small>(plans/a.md)</small>, Socialförvaltningen <small>(plans/b.md)</small>, socialförvaltningen\u{200b} <small>(plans/c.md)</small>.</p>"),
        "{html}"
    );
    // CSV and JSON have a path in every row.
    let csv = report(dir.path(), &["plans", "--format", "csv"]);
    assert!(csv.contains("\nplans/a.md,Socialförvaltningen,"), "{csv}");
    assert!(csv.contains("\nplans/b.md,Socialförvaltningen,"), "{csv}");
    let rows = json(dir.path(), &["plans"])["rows"].clone();
    assert_eq!(rows[1]["path"], "plans/a.md");
    assert_eq!(rows[2]["path"], "plans/b.md");
    // A department named once keeps its row as it was.
    let one = report(
        dir.path(),
        &["plans/a.md", "plans/d.md", "--format", "markdown"],
    );
    assert!(one.contains("\n| Socialförvaltningen | 2027 |"), "{one}");
}

#[test]
fn a_plan_moved_into_an_excluded_folder_is_counted_and_listed_in_every_format() {
    let dir = repo(&[
        ("planlint.toml", "exclude = [\"arkiv/**\"]\n"),
        ("plans/a.md", &compliant()),
        // A failing plan moved out of the board's view, and a hidden draft.
        ("arkiv/b.md", &no_housing()),
        ("plans/.utkast.md", &no_housing()),
    ]);
    let md = report(dir.path(), &["--format", "markdown"]);
    assert!(
        md.contains(" · ⊘ 2 filer som ser ut som planer hoppades över och granskades inte"),
        "{md}"
    );
    assert!(
        md.ends_with("\n### Hoppades över\n\nFiler som ser ut som planer men inte granskades; de finns inte i tabellen.\n\n- arkiv/b.md: `exclude` i planlint.toml utesluter den\n- plans/.utkast.md: dold (namnet börjar med `.`)\n"),
        "{md}"
    );
    let en = report(dir.path(), &["--format", "markdown", "--lang", "en"]);
    assert!(
        en.contains(" · ⊘ 2 files that look like plans were skipped and not judged"),
        "{en}"
    );
    assert!(
        en.contains("\n### Skipped\n\nFiles that look like plans but were not judged; they are not in the table.\n\n- arkiv/b.md: `exclude` in planlint.toml leaves it out\n"),
        "{en}"
    );
    let html = report(dir.path(), &["--format", "html"]);
    assert!(
        html.contains("<li class=\"skipped\">⊘ 2 filer som ser ut som planer hoppades över och granskades inte</li>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 class=\"skipped\" id=\"hoppades-over\">Hoppades över</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<li data-why=\"excluded\"><code>arkiv/b.md</code>: <code>exclude</code> i planlint.toml utesluter den</li>\n<li data-why=\"hidden\"><code>plans/.utkast.md</code>: dold (namnet börjar med <code>.</code>)</li>"),
        "{html}"
    );
    let v = json(dir.path(), &[]);
    assert_eq!(
        v["skipped"],
        serde_json::json!([
            {"path": "arkiv/b.md", "why": "excluded", "reason": "`exclude` i planlint.toml utesluter den"},
            {"path": "plans/.utkast.md", "why": "hidden", "reason": "dold (namnet börjar med `.`)"},
        ])
    );
    assert_eq!(v["summary"]["skipped"], 2, "{v}");
    // The skipped plan's missing Bostäder is not the board's verdict on a judged plan.
    assert_eq!(v["summary"]["plans"], 1, "{v}");
    assert_eq!(v["summary"]["blocked"], 0, "{v}");
    let csv = report(dir.path(), &["--format", "csv"]);
    let rules = v["columns"].as_array().expect("columns").len();
    // No counts, year, nämnd, status, stage or roster department: nine empty fields.
    let row = |path: &str, why: &str| {
        format!(
            "{path},{},,,,,,,,,",
            format!(",skipped-{why}").repeat(rules)
        )
    };
    let lines: Vec<&str> = csv_table(&csv).lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[1].starts_with("plans/a.md,Socialförvaltningen,"),
        "{csv}"
    );
    assert_eq!(lines[2], row("arkiv/b.md", "excluded"));
    assert_eq!(lines[3], row("plans/.utkast.md", "hidden"));
    // A report with nothing skipped has no such section.
    let md = report(dir.path(), &["plans/a.md", "--format", "markdown"]);
    assert!(!md.contains("Hoppades över") && !md.contains('⊘'), "{md}");
}

#[test]
fn the_rows_wait_in_a_temporary_file_and_come_back_in_order_whole() {
    // Plans of two years and many departments, out of order: every row comes back once, in
    // the report's order (newest year first, then department), with its cells and findings.
    let mut plans = Vec::new();
    for i in (0..120).rev() {
        let year = if i % 2 == 0 { 2027 } else { 2026 };
        let text = format!(
            "---\nförvaltning: Förvaltning {i:03}\når: {year}\n---\n{}",
            crate::support::no_housing()
        );
        plans.push((format!("plan-{i:03}.md"), text));
    }
    let files: Vec<(&str, &str)> = plans
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = crate::support::repo(&files);
    let out = crate::support::planlint_in(dir.path(), &["report", "--format", "json"], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::support::stderr(&out)
    );
    let json: serde_json::Value =
        serde_json::from_str(&crate::support::stdout(&out)).expect("JSON");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 120);
    let order: Vec<(u64, String)> = rows
        .iter()
        .map(|r| {
            (
                r["year"].as_u64().unwrap(),
                r["department"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut expected = order.clone();
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    assert_eq!(order, expected);
    for row in rows {
        assert!(
            row["findings"].as_array().is_some_and(|f| !f.is_empty()),
            "{row}"
        );
        assert_eq!(
            row["cells"].as_array().map(Vec::len),
            json["columns"].as_array().map(Vec::len)
        );
    }
    assert_eq!(json["summary"]["plans"], 120);
    // No temporary folder: exit 2, and the message says where and what to do; nothing written.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["report", "--format", "html", "-o", "rapport.html"])
        .current_dir(dir.path())
        .env("TMPDIR", dir.path().join("saknas"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("saknas (ange en annan katalog med TMPDIR): finns inte"),
        "{err}"
    );
    assert!(!dir.path().join("rapport.html").exists());
}
