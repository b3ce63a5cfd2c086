//! Every rule documents and tests itself: its failing example fires exactly that rule, its
//! passing example does not, for every rule of every bundled pack.

use std::path::PathBuf;

use planlint::i18n::Lang;

use crate::support::{planlint, root, stdout};

/// Every pack file in the repository: `rules/` and the example packs under `examples/`.
fn bundled_packs() -> Vec<PathBuf> {
    let mut packs = Vec::new();
    let mut dirs = vec![root().join("rules"), root().join("examples")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("[[rule]]"))
            {
                packs.push(path);
            }
        }
    }
    packs.sort();
    packs
}

#[test]
fn every_rule_example_behaves_as_stated() {
    let packs = bundled_packs();
    assert!(packs
        .iter()
        .any(|p| p.ends_with("rules/integrationspolicy.toml")));
    // The built-in pack is always loaded; other packs come on top of it.
    let extra: Vec<PathBuf> = packs
        .into_iter()
        .filter(|p| !p.ends_with("rules/integrationspolicy.toml"))
        .collect();
    let all = planlint::engine::RuleSet::load(&planlint::config::packs(None, &extra).unwrap())
        .expect("bundled packs compile");
    assert!(all.rules.len() >= 15, "only {} rules", all.rules.len());
    let failures = all.test_examples(None);
    let report: Vec<String> = failures.iter().map(|f| f.describe(Lang::En)).collect();
    assert!(failures.is_empty(), "{}", report.join("\n"));
}

#[test]
fn a_wrong_example_is_caught() {
    let mut def = planlint::engine::builtin_pack().expect("builtin");
    def.rules[1].examples.pass = "## Särskilt boende\n\nVi bygger om två avdelningar.\n".to_owned();
    let rules = planlint::engine::RuleSet::compile(vec![def]).expect("compiles");
    let failures = rules.test_examples(None);
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].code, "IP002");
    assert!(failures[0].passing);
    assert_eq!(failures[0].fired, ["IP002"]);
}

#[test]
fn the_fixed_codes_are_stable() {
    let rules = crate::support::rules();
    // Rule codes (the pack's) and planlint's own codes alike: a rename shows here.
    let table: Vec<String> = rules
        .rules
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.code(),
                r.def.name.get_ref(),
                r.def.severity.as_str()
            )
        })
        .chain(
            planlint::diagnostic::codes::ALL
                .iter()
                .map(|c| format!("{} {} {}", c.code, c.name, c.severity.as_str())),
        )
        .collect();
    insta::assert_snapshot!("builtin_rule_codes", table.join("\n"));
    for (code, name) in [
        ("IP001", "omrade-arbete-och-studier"),
        ("IP002", "omrade-bostader"),
        ("IP003", "omrade-folkhalsa"),
        ("IP004", "omrade-samverkan"),
    ] {
        let rule = rules.find(code).expect("fixed code present");
        assert_eq!(rule.def.name.get_ref(), name);
        assert_eq!(rule.def.severity.as_str(), "error");
    }
}

#[test]
fn the_readme_rule_table_matches_the_packs() {
    let readme =
        std::fs::read_to_string(crate::support::repository().join("README.md")).expect("README.md");
    let table = stdout(&planlint(&["rules", "--markdown", "--isolated"]));
    let start = readme
        .find("<!-- rules-table:start -->")
        .expect("start marker")
        + "<!-- rules-table:start -->".len();
    let end = readme.find("<!-- rules-table:end -->").expect("end marker");
    assert_eq!(
        readme[start..end].trim(),
        table.trim(),
        "README rule table is stale; paste the output of `planlint rules --markdown`"
    );
}

/// The README's terminal blocks for the example plans (`$ planlint check examples/plans…` and
/// `$ planlint report examples/plans…`), each with one command and shown whole (no `…`): the
/// text under the command is exactly what planlint prints, with the same relative paths and
/// nothing cut off.
#[test]
fn the_readme_shows_the_whole_output_for_the_example_plans() {
    let readme =
        std::fs::read_to_string(crate::support::repository().join("README.md")).expect("README.md");
    let mut blocks = 0;
    for block in fenced_blocks(&readme) {
        let Some((command, shown)) = block.split_once('\n') else {
            continue;
        };
        let Some(args) = command.strip_prefix("$ planlint ") else {
            continue;
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        if args.get(1).is_none_or(|a| !a.starts_with("examples/plans"))
            || args.iter().any(|a| a.starts_with('/'))
            || shown.contains("\n$ ")
            || shown.contains('…')
        {
            continue;
        }
        blocks += 1;
        let out = stdout(&planlint(&args));
        assert_eq!(
            shown.trim_end(),
            out.trim_end(),
            "the README block of `planlint {}` is stale; paste the command's output",
            args.join(" ")
        );
    }
    assert!(blocks >= 4, "only {blocks} blocks found");
}

/// The text of every fenced code block of `markdown` without an info string (a terminal
/// session), each fence counted where it stands: a block with one (```` ```toml ````) opens and
/// closes like any other, so it cannot shift which blocks are read.
fn fenced_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(bool, Vec<&str>)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().is_empty(), Vec::new())),
            (Some(_), Some(rest)) if rest.trim().is_empty() => {
                if let Some((true, lines)) = open.take() {
                    blocks.push(lines.join("\n"));
                }
            }
            (Some((_, lines)), _) => lines.push(line),
            (None, None) => {}
        }
    }
    blocks
}

/// The guide's terminal blocks (`examples/guide.md`): each a `$ planlint …` command, after an
/// optional `$ cd DIR`, and its whole output, run in a copy of `examples/` as it would be from
/// the repository's root (so `--fix` could not change the examples themselves).
#[test]
fn the_guide_shows_the_whole_output_of_each_of_its_commands() {
    let guide = std::fs::read_to_string(root().join("examples/guide.md")).expect("guide");
    let copy = tempfile::tempdir().expect("tempdir");
    crate::support::copy_tree(&root().join("examples"), &copy.path().join("examples"));
    let mut blocks = 0;
    for block in fenced_blocks(&guide) {
        let mut lines = block.lines();
        let Some(mut first) = lines.next() else {
            continue;
        };
        let mut dir = copy.path().to_path_buf();
        if let Some(to) = first.strip_prefix("$ cd ") {
            dir = dir.join(to.trim());
            first = lines.next().expect("a command after `cd`");
        }
        let args = first
            .strip_prefix("$ planlint")
            .unwrap_or_else(|| panic!("a terminal block of the guide runs planlint: {first}"));
        let args: Vec<&str> = args.split_whitespace().collect();
        let shown: Vec<&str> = lines.collect();
        assert!(
            !shown.iter().any(|l| l.starts_with("$ ")),
            "one command per block"
        );
        blocks += 1;
        let out = crate::support::planlint_in(&dir, &args, "");
        assert_eq!(
            shown.join("\n").trim_end(),
            stdout(&out).trim_end(),
            "the guide's block of `planlint {}` is stale; paste the command's output",
            args.join(" ")
        );
    }
    assert!(blocks >= 4, "only {blocks} blocks found");
}

#[test]
fn planlint_guide_prints_the_guide_and_the_help_points_to_it() {
    let guide = std::fs::read_to_string(root().join("examples/guide.md")).expect("guide");
    let out = planlint(&["guide"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), guide);
    let en = planlint(&["--lang", "en", "guide"]);
    assert!(
        stdout(&en).starts_with("This guide is in Swedish"),
        "{}",
        stdout(&en)
    );
    assert!(stdout(&en).ends_with(&guide));
    for (lang, line) in [
        (
            "sv",
            "En kort guide på svenska för planerare och nämndsekreterare: `planlint guide`.",
        ),
        (
            "en",
            "A short guide in Swedish for planners and board secretaries: `planlint guide`.",
        ),
    ] {
        let help = planlint(&["--lang", lang, "--help"]);
        assert!(stdout(&help).contains(line), "{}", stdout(&help));
    }
    // Short, and in Swedish: the headings a planner and a secretary look for.
    assert!(
        guide.lines().count() < 250,
        "{} lines",
        guide.lines().count()
    );
    for heading in [
        "## För dig som skriver en verksamhetsplan",
        "### Så läser du en anmärkning",
        "### Så åtgärdar du",
        "### Så ber du om undantag",
        "## För nämndsekreteraren",
        "### Rapporten till nämnden",
        "### Förteckningen över förvaltningar",
        "### Nämndens undantag",
    ] {
        assert!(guide.contains(&format!("\n{heading}\n")), "{heading}");
    }
}
