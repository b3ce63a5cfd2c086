//! `planlint check --fix`: the editor's section skeleton for every missing area of every
//! Markdown plan, never a change to the plan's prose; `--diff` writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{copy_tree, planlint_in, repo, root, stderr, stdout};

/// Every file of `dir` with its text.
fn texts(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read"))
        })
        .collect()
}

/// Whether every line of `before` is in `after`, in order: lines were only added.
fn only_added(before: &str, after: &str) -> bool {
    let mut rest = after.lines();
    before.lines().all(|line| rest.any(|l| l == line))
}

#[test]
fn fix_inserts_the_missing_sections_and_the_gate_still_asks_for_their_content() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&root().join("examples/plans"), dir.path());
    let before = texts(dir.path());
    // --diff shows the change, writes nothing, and fails while there is one.
    let diff = planlint_in(dir.path(), &["check", "--fix", "--diff"], "");
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    let shown = stdout(&diff);
    assert!(shown.contains("+++ b/vard-och-omsorg.md\n"), "{shown}");
    assert!(shown.contains("+### Bostäder\n"), "{shown}");
    assert!(
        shown.contains("--fix --diff: 4 rubriker för områden som saknas skulle läggas till i 3 planer; ingenting skrevs"),
        "{shown}"
    );
    assert_eq!(texts(dir.path()), before);
    // --fix writes them, says so, and the check that follows still fails on them.
    let fixed = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
    assert_eq!(fixed.status.code(), Some(1), "{}", stderr(&fixed));
    let said = stdout(&fixed);
    assert!(
        said.contains("vard-och-omsorg.md: infogade `### Arbete och studier`, `### Bostäder`"),
        "{said}"
    );
    let after = texts(dir.path());
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(
        changed,
        [
            "arbetsmarknadsenheten.md",
            "kultur-och-fritid.md",
            "vard-och-omsorg.md"
        ]
    );
    for name in changed {
        assert!(
            only_added(&before[name], &after[name]),
            "{name}: {}",
            after[name]
        );
    }
    // A second check points each area's finding at its new heading and asks for substance.
    let again = planlint_in(dir.path(), &["check", "--format", "short"], "");
    let findings = stdout(&again);
    for (file, heading, code) in [
        ("vard-och-omsorg.md", "### Arbete och studier", "IP001"),
        ("vard-och-omsorg.md", "### Bostäder", "IP002"),
        ("kultur-och-fritid.md", "### Bostäder", "IP002"),
        ("arbetsmarknadsenheten.md", "### Samverkan", "IP004"),
    ] {
        let line = after[file]
            .lines()
            .position(|l| l == heading)
            .expect("heading")
            + 1;
        let area = heading.trim_start_matches("### ");
        let want = format!("{file}:{line}:1: error[{code}]: avsnittet `{area}` har inget innehåll");
        assert!(findings.contains(&want), "{want}\n{findings}");
    }
    // And a second --fix changes nothing.
    let second = planlint_in(dir.path(), &["check", "--fix", "--diff"], "");
    assert_eq!(second.status.code(), Some(0), "{}", stdout(&second));
    assert_eq!(texts(dir.path()), after);
}

#[test]
fn fix_leaves_a_waived_area_word_plans_and_links_alone() {
    let dir = repo(&[
        (
            "planlint.toml",
            "[[waiver]]\npaths = [\"a.md\"]\ncodes = [\"IP002\"]\nreason = \"Förvaltningen har inget uppdrag som rör bostäder i kommunen.\"\n",
        ),
        ("a.md", &crate::support::no_housing()),
        ("b.docx", "PK not really a document"),
    ]);
    let before = std::fs::read_to_string(dir.path().join("a.md")).expect("read");
    let out = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
    let said = stdout(&out);
    assert!(
        said.contains("b.docx: en Word- eller OpenDocument-plan rättas inte"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).expect("read"),
        before
    );
    assert!(
        said.contains("--fix: 0 rubriker för områden som saknades, i 0 planer"),
        "{said}"
    );
}

#[test]
fn diff_without_fix_is_an_argument_error() {
    let dir = repo(&[("a.md", &crate::support::compliant())]);
    let out = planlint_in(dir.path(), &["check", "--diff"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--fix"), "{}", stderr(&out));
}

#[test]
fn fix_makes_a_bold_line_meant_as_the_heading_one_and_keeps_its_words() {
    let plan = format!(
        "# Verksamhetsplan 2028\n\n## Arbete och studier\n\n{p}\n\n**Bostäder**\n\n{p}\n\n## Folkhälsa\n\n{p}\n\n## Samverkan\n\n{p}\n",
        p = crate::support::PROSE
    );
    let dir = repo(&[("a.md", &plan)]);
    let out = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
    assert!(
        stdout(&out).contains("a.md: gjorde raden `**Bostäder**` till rubriken `## Bostäder`"),
        "{}",
        stdout(&out)
    );
    let after = std::fs::read_to_string(dir.path().join("a.md")).expect("read");
    assert_eq!(after, plan.replace("**Bostäder**", "## Bostäder"));
    // The section under it has the words it had: the area is covered now.
    assert!(!stdout(&out).contains("IP002"), "{}", stdout(&out));
}

#[test]
fn fix_takes_invisible_characters_out_of_area_headings_and_nowhere_else() {
    // A soft hyphen and a zero-width space in two area headings; one beside an emoji and a
    // Persian word's non-joiner, which change how the heading is shown, and one in the prose.
    let plan = format!(
        "# Verksamhetsplan 2028\n\n## Arbete och studier\n\n{p}\n\n## Bo\u{AD}städer\n\n{p} Bo\u{200B}städer.\n\n## Folk\u{200B}hälsa 👨\u{200D}👩\u{200D}👧\n\n{p}\n\n## Samverkan med می\u{200C}خواهم\n\n{p}\n",
        p = crate::support::PROSE
    );
    let dir = repo(&[("a.md", &plan)]);
    let diff = planlint_in(dir.path(), &["check", "--fix", "--diff"], "");
    let shown = stdout(&diff);
    assert!(
        shown.contains("a.md: skulle ta bort osynliga tecken ur `## Bostäder`, `## Folkhälsa 👨\u{200D}👩\u{200D}👧`"),
        "{shown}"
    );
    assert!(
        shown.contains("--fix --diff: osynliga tecken skulle tas bort ur 2 rubriker i 1 plan; ingenting skrevs"),
        "{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).expect("read"),
        plan
    );
    let fixed = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
    let said = stdout(&fixed);
    assert!(
        said.contains("--fix: osynliga tecken togs bort ur 2 rubriker i 1 plan\n"),
        "{said}"
    );
    let after = std::fs::read_to_string(dir.path().join("a.md")).expect("read");
    let expected = plan
        .replace("## Bo\u{AD}städer", "## Bostäder")
        .replace("## Folk\u{200B}hälsa", "## Folkhälsa");
    assert_eq!(after, expected);
    // The prose keeps its zero-width space, the emoji its joiners, the Persian word its
    // non-joiner; a second --fix changes nothing.
    assert!(after.contains("Bo\u{200B}städer."));
    assert!(after.contains("👨\u{200D}👩\u{200D}👧") && after.contains("می\u{200C}خواهم"));
    let again = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
    assert!(
        stdout(&again).contains("--fix: 0 rubriker för områden som saknades, i 0 planer\n"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).expect("read"),
        expected
    );
}

#[test]
fn fix_leaves_a_heading_alone_where_taking_a_character_out_could_change_what_is_drawn() {
    // Each a heading that names Bostäder with a soft hyphen or zero-width space in it, where
    // the character is part of a link's label or address, code, a closing sequence, HTML, or
    // sits beside a variation selector or a Hangul filler, or the heading has two lines.
    let p = crate::support::PROSE;
    let cases = [
        format!("## [Bo\u{AD}städer]\n\n{p}\n\n[Bo\u{AD}städer]: https://example.se/bo\n"),
        format!("## Bo\u{AD}städer ##\u{200B}\n\n{p}\n"),
        format!("## [Bostäder]\u{200B}(https://example.se)\n\n{p}\n"),
        format!("## Bostäder <span title=\"x\u{200B}y\">och boende</span>\n\n{p}\n"),
        format!("## Bostäder `a\u{200B}b`\n\n{p}\n"),
        format!("## Bostäder ©\u{FE0F}\u{200B}\n\n{p}\n"),
        format!("## Bo\u{3164}städer\n\n{p}\n"),
        format!("Bo\u{AD}städer och\nboende\u{AD}miljö\n---------\n\n{p}\n"),
    ];
    for case in cases {
        let plan = format!(
            "# Verksamhetsplan 2028\n\n## Arbete och studier\n\n{p}\n\n{case}\n## Folkhälsa\n\n{p}\n\n## Samverkan\n\n{p}\n"
        );
        let dir = repo(&[("a.md", &plan)]);
        let out = planlint_in(dir.path(), &["check", "--fix", "--format", "short"], "");
        assert!(
            !stdout(&out).contains("osynliga tecken"),
            "{plan:?}\n{}",
            stdout(&out)
        );
        // The heading names Bostäder as it is: there was something to take out.
        assert!(
            !stdout(&out).contains("IP002"),
            "{plan:?}\n{}",
            stdout(&out)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).expect("read"),
            plan,
            "changed: {plan:?}"
        );
    }
}
