//! Properties over generated plans: what must hold for every input, not just the fixtures.
//!
//! planlint is a gate that approves or rejects plans, so its verdict must depend on what a plan
//! says and on nothing else: not on line endings, Unicode normalisation, thread count or the
//! order of the paths on the command line. The generators below build plan-like Markdown
//! (front matter, area headings and their synonyms, lists, quotes, tables, code fences with
//! headings in them, placeholders, waiver comments, å/ä/ö) from proptest strategies, so a
//! failure shrinks to a small plan.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::LazyLock;

use planlint::diagnostic::Severity;
use planlint::engine::RuleSet;
use planlint::run::Checked;
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::UnicodeNormalization as _;

/// Compiled once: compiling the pack for every case would dominate the run time.
static RULES: LazyLock<RuleSet> = LazyLock::new(crate::support::rules);

fn check(text: &str) -> Checked {
    crate::support::check_with(&RULES, text)
}

/// What a gate decides on: each finding's code and severity, and whether it is waived.
fn verdict(text: &str) -> Vec<(String, Severity, bool)> {
    let mut v: Vec<_> = check(text)
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.severity, d.waiver.is_some()))
        .collect();
    v.sort();
    v
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators.

const HEADINGS: &[&str] = &[
    "Arbete och studier",
    "Bostäder",
    "Folkhälsa",
    "Samverkan",
    "Boende och bostadsförsörjning",
    "Hälsa och livsvillkor",
    "Samarbete och samverkan",
    "Arbete, praktik och utbildning",
    "3.2 Bostäder (se även bilaga 2)",
    "Särskilt boende",
    "Arbetsmiljö och hälsa",
    "Förebyggande arbete",
    "Prioriterade områden",
    "Ekonomi",
    "Uppföljning",
    "Övrigt",
];

const SENTENCES: &[&str] = &[
    "Planen utgår från kommunens integrationspolicy och dess fyra prioriterade områden.",
    "Förvaltningen erbjuder tio språkpraktikplatser per år och samarbetar med vuxenutbildningen.",
    "Mål: minst 30 nyanlända hushåll får ett eget förstahandskontrakt under året.",
    "Ansvarig: enhetschefen för arbetsmarknadsenheten.",
    "Senast i juni 2027 öppnar vi en mötesplats i biblioteket där föreningarna turas om.",
    "Vi förebygger och motverkar diskriminering, främlingsfientlighet och rasism i all vår verksamhet.",
    "Vi samordnar insatserna med socialförvaltningen, skolan, Arbetsförmedlingen och föreningarna.",
    "Det särskilda boendet byggs om under hösten och de boende får fler gemensamma aktiviteter.",
    "Väntetiden på en lägenhet ska minska med 20 procent jämfört med föregående år.",
    "Vi kartlägger nyanländas yrkeserfarenhet och erbjuder validering av tidigare utbildning.",
    "Kostnaderna följs upp varje tertial i nämnden och redovisas i årsredovisningen.",
    "Öppettiderna på fritidsgården förlängs två kvällar i veckan för ungdomar i hela kommunen.",
    "Skriv här hur förvaltningen arbetar med området.",
    "Lorem ipsum dolor sit amet.",
];

const COMMENTS: &[&str] = &[
    "<!-- en vanlig kommentar om året som gått -->",
    "<!-- planlint-disable-next-line IP013 -- skäl: målen beslutas i nämnden i mars -->",
    "<!-- planlint-disable IP002 -- nämnden har inget bostadsuppdrag -->",
    "<!-- planlint-disable IP006 -->",
    "<!-- planlint-disable XX999 -- okänd kod -->",
    "<!--\n## Bostäder\n\nÄr bortkommenterat.\n-->",
];

/// A paragraph, hard-wrapped at `width` columns (no wrapping for 0).
fn paragraph() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(select(SENTENCES), 1..4),
        prop_oneof![Just(0usize), 20usize..70],
    )
        .prop_map(|(sentences, width)| {
            let text = sentences.join(" ");
            if width == 0 {
                return text;
            }
            let mut out = String::new();
            let mut line = 0;
            for word in text.split(' ') {
                if line > 0 && line + word.chars().count() > width {
                    out.push('\n');
                    line = 0;
                } else if line > 0 {
                    out.push(' ');
                    line += 1;
                }
                out.push_str(word);
                line += word.chars().count();
            }
            out
        })
}

/// Each of `lines` with `prefix` before it and `after` on the next line.
fn each_line<'a>(lines: impl IntoIterator<Item = &'a str>, prefix: &str, after: &str) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(prefix);
        out.push_str(line);
        out.push('\n');
        out.push_str(after);
    }
    out
}

/// One block of a section's body, without the blank line after it.
fn block() -> impl Strategy<Value = String> {
    let sentences = |n: std::ops::Range<usize>| prop::collection::vec(select(SENTENCES), n);
    let lines = |items: Vec<&str>, prefix: &str, after: &str| {
        each_line(items, prefix, after).trim_end().to_owned()
    };
    prop_oneof![
        4 => paragraph(),
        1 => sentences(1..4).prop_map(move |items| lines(items, "- ", "")),
        1 => sentences(1..3).prop_map(move |items| lines(items, "> ", ">\n")),
        1 => (select(SENTENCES), select(SENTENCES))
            .prop_map(|(a, b)| format!("| Åtagande | Nyckeltal |\n|---|---|\n| {a} | {b} |")),
        1 => (select(&["```", "~~~", "```markdown"][..]), select(HEADINGS), select(SENTENCES))
            .prop_map(|(fence, h, s)| format!("{fence}\n## {h}\n\n{s}\n{}", &fence[..3])),
        1 => select(&["TODO", "[fyll i]", "Fylls i senare.", "XXX", "<Ange mål här>"][..])
            .prop_map(str::to_owned),
        1 => select(COMMENTS).prop_map(str::to_owned),
        1 => select(HEADINGS).prop_map(|h| format!("**{h}**")),
    ]
}

/// A heading of level 2 or 3 and its blocks, each followed by a blank line.
fn section() -> impl Strategy<Value = String> {
    (
        2usize..4,
        select(HEADINGS),
        prop::collection::vec(block(), 0..4),
    )
        .prop_map(|(level, heading, blocks)| {
            let mut s = format!("{} {heading}\n\n", "#".repeat(level));
            for b in blocks {
                s.push_str(&b);
                s.push_str("\n\n");
            }
            s
        })
}

/// A well-formed plan: every fence and comment closed, ending with a blank line.
fn plan() -> impl Strategy<Value = String> {
    let front = select(
        &[
            "",
            "---\nförvaltning: Socialförvaltningen\når: 2027\n---\n",
            "---\nförvaltning: Kultur och fritid\når: 2027\nansvarig: Åsa Öberg\n---\n",
        ][..],
    );
    (front, paragraph(), prop::collection::vec(section(), 0..7)).prop_map(
        |(front, intro, sections)| {
            format!(
                "{front}# Verksamhetsplan 2027\n\n{intro}\n\n{}",
                sections.concat()
            )
        },
    )
}

/// Pieces that make Markdown, waivers and odd line endings collide more often than chance.
const TOKENS: &[&str] = &[
    "#",
    "## ",
    "### ",
    "Bostäder",
    "Folkhälsa",
    "Samverkan",
    "Arbete och studier",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "> ",
    "- ",
    "1. ",
    "    ",
    "```",
    "~~~",
    "<!--",
    "-->",
    "planlint-disable",
    "planlint-disable-next-line",
    " IP002",
    " IP013",
    " -- skäl ",
    "TODO",
    "[fyll i]",
    "|",
    "---",
    "===",
    "**",
    "*",
    "Bosta\u{308}der",
    "å",
    "ö",
    "😀",
    "\u{feff}",
    " ",
    "\t",
    "Förvaltningen",
    "nyanlända",
    "integrationspolicyn",
    "2027",
    "30",
    "Mål:",
    "Ansvarig:",
    "<div>",
    "</div>",
    "\\",
    "`",
];

/// Markdown-ish text: a soup of tokens, and plans with LF, CRLF or lone-CR line endings.
fn markdownish_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(select(TOKENS), 0..80).prop_map(|t| t.concat()),
        (plan(), select(&["\n", "\r\n", "\r"][..])).prop_map(|(p, eol)| p.replace('\n', eol)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Line and column of byte `at` as defined independently of planlint: lines are 1-based and
/// break after `\n` and after a `\r` not followed by `\n`; columns count chars from 1.
fn expected_line_col(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut start) = (1, 0);
    for (i, &b) in bytes[..at].iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    (line, text[start..at].chars().count() + 1)
}

/// Checks `text` and asserts that every label of every finding lies inside it, on char
/// boundaries, and that `line_col` agrees with [`expected_line_col`] at both ends.
fn assert_spans_agree(text: &str) -> Result<(), TestCaseError> {
    let Checked {
        source,
        diagnostics,
        ..
    } = check(text);
    prop_assert_eq!(&source.text, text);
    for d in &diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let span = label.span.clone();
            prop_assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} label {:?} outside 0..{}",
                d.code,
                span,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} label {:?} splits a char",
                d.code,
                span
            );
            for at in [span.start, span.end] {
                prop_assert_eq!(
                    source.line_col(at),
                    expected_line_col(text, at),
                    "{} label {:?} at byte {}",
                    d.code,
                    span,
                    at
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// Every label of every finding points into the text, on char boundaries, and the
    /// line/column a user is shown is where the span really starts and ends. A span off by a
    /// byte sends the reader to the wrong line, and one inside a char panics the renderer.
    #[test]
    fn spans_lie_inside_the_text_and_line_col_agrees(text in markdownish_text()) {
        assert_spans_agree(&text)?;
    }

    /// The same for arbitrary strings. planlint panics (exit 2, the whole run lost) on a folded
    /// word of 10 bytes with a char across byte 4: `is_year_or_date` in
    /// src/matching/numbers.rs slices `&w[..4]`. Proptest shrinks to e.g. `"აௐ𐼰¡"`; a real
    /// plan trips it with `Białystok`.
    #[test]
    fn spans_agree_for_arbitrary_strings(text in any::<String>()) {
        assert_spans_agree(&text)?;
    }

    /// Rewriting line endings (`\n` → `\r\n`) or decomposing å/ä/ö (NFC → NFD) changes
    /// neither the findings' codes and severities nor what is waived: an editor on Windows or
    /// macOS must not turn a rejected plan into an approved one, or back.
    #[test]
    fn line_endings_and_normalisation_do_not_change_the_verdict(plan in plan()) {
        prop_assume!(plan.nfd().ne(plan.chars()), "the plan has å/ä/ö, so NFD differs");
        let expected = verdict(&plan);
        prop_assert!(!expected.is_empty(), "a generated plan always lacks something");
        for (what, variant) in [
            ("CRLF", plan.replace('\n', "\r\n")),
            ("NFD", plan.nfd().collect()),
            ("NFD and CRLF", plan.nfd().collect::<String>().replace('\n', "\r\n")),
        ] {
            prop_assert_eq!(&verdict(&variant), &expected, "{}", what);
        }
    }

    /// The same for old Mac line endings (a lone `\r`), which CommonMark and `SourceFile`
    /// count as line breaks. This found front matter split on `\n` only, HTML blocks and fences
    /// misread by pulldown-cmark 0.13.6 (upstream pulldown-cmark#1106), and next-line waivers
    /// looking for `\n` only; all fixed, with regression tests of their own.
    #[test]
    fn lone_cr_line_endings_do_not_change_the_verdict(plan in plan()) {
        prop_assert_eq!(verdict(&plan.replace('\n', "\r")), verdict(&plan));
    }
}

/// A substantive section for each area: heading, code, and a paragraph of at least 20 words
/// that names no other area, holds no placeholder and nothing the area excludes.
const AREAS: [(&str, &str, &str); 4] = [
    (
        "Arbete och studier",
        "IP001",
        "Förvaltningen erbjuder tio språkpraktikplatser per år och samarbetar med vuxenutbildningen så att nyanlända kan kombinera SFI med praktik och komma närmare egen försörjning.",
    ),
    (
        "Bostäder",
        "IP002",
        "Förvaltningen tar tillsammans med det kommunala bostadsbolaget fram tjugo nya lägenheter för nyanlända hushåll och följer upp väntetiden till ett eget kontrakt varje kvartal.",
    ),
    (
        "Folkhälsa",
        "IP003",
        "Förvaltningen startar två nya mötesplatser med föreningslivet och utbildar alla medarbetare i att upptäcka och motverka diskriminering, främlingsfientlighet och rasism under våren.",
    ),
    (
        "Samverkan",
        "IP004",
        "Förvaltningen träffar socialförvaltningen och Arbetsförmedlingen varje månad för att samordna insatserna runt varje nyanländ familj och följa upp resultaten tillsammans med föreningarna.",
    ),
];

/// How the appended section is attached: as a section of its own, or swallowed by an
/// unclosed fence, a block quote or an indented code block (where it must not count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    WellFormed,
    OpenFence,
    Quoted,
    Indented,
}

fn append(plan: &str, tail: Tail, heading: &str, body: &str) -> String {
    let section = format!("## {heading}\n\n{body}\n");
    let tail = match tail {
        Tail::WellFormed => section,
        Tail::OpenFence => format!("```\n{section}"),
        Tail::Quoted => each_line(section.lines(), "> ", ""),
        Tail::Indented => each_line(section.lines(), "    ", ""),
    };
    format!("{plan}{tail}")
}

fn count(text: &str, code: &str) -> usize {
    check(text)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .count()
}

proptest! {
    #![proptest_config(config(48))]

    /// Writing more about an area never makes the plan worse on that area: appending a section
    /// never adds a finding with the area's code, however the section ends up being read. And
    /// when it is a section of its own after a well-formed plan (fences closed, a blank line
    /// before it), the area is covered and its code is gone, whatever came before.
    #[test]
    fn appending_an_area_section_never_adds_that_areas_finding(
        plan in plan(),
        tail in prop_oneof![
            3 => Just(Tail::WellFormed),
            1 => Just(Tail::OpenFence),
            1 => Just(Tail::Quoted),
            1 => Just(Tail::Indented),
        ],
    ) {
        prop_assert!(plan.ends_with("\n\n"), "the generator ends plans with a blank line");
        for (heading, code, body) in AREAS {
            prop_assert!(body.split_whitespace().count() >= 20, "{} body too short", code);
            let before = count(&plan, code);
            let longer = append(&plan, tail, heading, body);
            let after = count(&longer, code);
            prop_assert!(after <= before, "{}: {} findings before, {} after", code, before, after);
            if tail == Tail::WellFormed {
                prop_assert_eq!(after, 0, "{} still fires after `## {}`", code, heading);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The binary: thread count and path order.

const NAMES: &[&str] = &["a.md", "b.md", "del/c.md", "del/ö.md", "z.md"];

fn run(dir: &Path, paths: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--isolated", "--format", "json"])
        .args(paths)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("planlint runs")
}

/// Plans and a shuffled order of their indices.
fn plans_and_order() -> impl Strategy<Value = (Vec<String>, Vec<usize>)> {
    prop::collection::vec(plan(), 2..=NAMES.len()).prop_flat_map(|plans| {
        let order: Vec<usize> = (0..plans.len()).collect();
        (Just(plans), Just(order).prop_shuffle())
    })
}

proptest! {
    // Each case starts four processes.
    #![proptest_config(config(8))]

    /// The JSON report is byte-identical with one thread or four and whatever the order of the
    /// paths: CI runners differ in core count, and a report that changes between runs of the
    /// same plans cannot be diffed, cached or trusted as a gate.
    #[test]
    fn the_report_does_not_depend_on_threads_or_path_order((plans, order) in plans_and_order()) {
        let names = &NAMES[..plans.len()];
        let files: Vec<(&str, &str)> =
            names.iter().copied().zip(plans.iter().map(String::as_str)).collect();
        let dir = crate::support::repo(&files);
        let shuffled: Vec<&str> = order.iter().map(|&i| names[i]).collect();

        let one = run(dir.path(), names, "1");
        let report: serde_json::Value = serde_json::from_slice(&one.stdout).expect("json report");
        prop_assert_eq!(report["summary"]["files"].as_u64(), u64::try_from(plans.len()).ok());
        prop_assert!(matches!(one.status.code(), Some(0 | 1)), "{}", crate::support::stderr(&one));

        for (what, paths, threads) in [
            ("4 threads", names, "4"),
            ("4 threads, shuffled", &shuffled[..], "4"),
            ("1 thread, shuffled", &shuffled[..], "1"),
        ] {
            let other = run(dir.path(), paths, threads);
            prop_assert_eq!(other.status.code(), one.status.code(), "{}", what);
            prop_assert!(other.stdout == one.stdout, "{} ({:?}) changed the report", what, paths);
        }
    }
}
