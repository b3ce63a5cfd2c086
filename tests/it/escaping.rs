//! Untrusted text in every output: plan text, file names, front matter, waiver reasons and pack
//! fields reach no format raw, and `report -o` removes only the files it made.

use std::io::Write as _;
use std::process::{Command, Stdio};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{compliant, no_housing, planlint_in, repo, stderr, stdout};

/// A compliant plan whose front matter says `förvaltning: VALUE` (a YAML scalar as written).
fn with_department(value: &str) -> String {
    let plan = compliant();
    let body = plan
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(plan.as_str(), |(_, body)| body);
    format!("---\nförvaltning: {value}\når: 2027\nansvarig: Förvaltningschefen\n---\n{body}")
}

/// Whether XML 1.0 allows `c` at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

#[test]
fn junit_stays_xml_with_control_characters_in_text_names_and_reasons() {
    let plan = no_housing()
        .replacen(
            "## Inledning",
            "<!-- planlint-disable IP002 -- ett skäl \u{1b}[31m röd \u{1} -->\n\n## Inledning",
            1,
        )
        .replacen("\n\n", "\n\nRapporten lämnas [da\u{1}tum].\n\n", 1);
    // The board lets authors waive areas here, so the inline waiver (and its reason) applies.
    let dir = repo(&[
        ("plan\u{1}.md", &plan),
        ("planlint.toml", "[waiver_policy]\ninline_reserved = []\n"),
    ]);
    let out = planlint_in(dir.path(), &["check", ".", "--format", "junit"], "");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let xml = stdout(&out);
    assert!(
        xml.contains("skipped message=\"undantag: ett skäl \\u{1b}[31m röd \\u{1}\""),
        "{xml}"
    );
    assert!(xml.contains("plan\\u{1}.md"), "{xml}");
    assert!(xml.chars().all(xml_char), "{xml:?}");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_)) => {
                elements += 1;
            }
            Ok(_) => {}
            Err(e) => panic!("not XML: {e}\n{xml}"),
        }
    }
    assert!(elements > 10, "{xml}");
    if !crate::support::python_module("xml.dom.minidom") {
        return;
    }
    // expat refuses every character XML forbids, which quick-xml does not check.
    let path = dir.path().join("junit.xml");
    std::fs::write(&path, &xml).expect("write");
    let parsed = Command::new(crate::support::python())
        .args([
            "-c",
            "import sys, xml.dom.minidom as m; m.parse(sys.argv[1]); print('ok')",
        ])
        .arg(&path)
        .output()
        .expect("python");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
}

// The parser reads the report planlint wrote, as GitHub would, not a plan: the rule that
// Markdown is parsed only in `src/document` is about plans.
#[allow(clippy::disallowed_methods)]
#[test]
fn markdown_report_keeps_its_rows_and_totals_when_a_department_opens_a_comment() {
    let dir = repo(&[
        ("a.md", &with_department(r#""A\n\n<!--""#)),
        ("b.md", &with_department(r#""B | `kod` <b> \\| &amp;""#)),
        ("c.md", &with_department("Kultur & fritid")),
    ]);
    let out = planlint_in(dir.path(), &["report", ".", "--format", "markdown"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(!md.contains("<!--") && !md.contains("<b>"), "{md}");
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 6, "header, rule, three rows, totals:\n{md}");
    assert!(table[2].starts_with("| A  &lt;!-- |"), "{md}");
    assert!(
        table[3].starts_with(r"| B \| \`kod\` &lt;b&gt; \\\| &amp;amp; |"),
        "{md}"
    );
    assert!(table[4].starts_with("| Kultur & fritid |"), "{md}");
    assert!(table[5].starts_with("| **Uppfyllt** |"), "{md}");
    // A GitHub-flavoured parser sees one table of five rows, each as wide as the header, and
    // no HTML; the departments read back as written (line breaks as spaces).
    let (mut rows, mut cells, mut html, mut text) = (Vec::new(), 0, 0, String::new());
    let mut first_cells = Vec::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) => {
                if cells == 0 {
                    first_cells.push(text.clone());
                }
                cells += 1;
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => rows.push(cells),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(_) | Event::InlineHtml(_) => html += 1,
            _ => {}
        }
    }
    // The department, 15 rules, and what blocks and what advises.
    assert_eq!(rows, [18; 5], "{md}");
    assert_eq!(html, 0, "{md}");
    assert_eq!(
        first_cells,
        [
            "Förvaltning",
            "A  <!--",
            r"B | `kod` <b> \| &amp;",
            "Kultur & fritid",
            "Uppfyllt"
        ],
        "{md}"
    );
}

#[test]
fn csv_report_neutralises_formulas_and_quotes_a_bare_cr() {
    let dir = repo(&[
        (
            "a.md",
            &with_department(r#""=HYPERLINK(\"http://x.invalid\",\"klicka\")""#),
        ),
        ("b.md", &with_department(r#""rad ett\rrad två""#)),
        ("c.md", &with_department(r#""@SUM(A1)""#)),
        ("d.md", &with_department("Socialförvaltningen")),
    ]);
    let out = planlint_in(dir.path(), &["report", ".", "--format", "csv"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    // Rows are in department order; each is found by its path.
    let table = crate::support::csv_table(&csv);
    let row = |path: &str| {
        table
            .split('\n')
            .find(|r| r.starts_with(&format!("{path},")))
            .unwrap_or_else(|| panic!("no row {path}: {csv:?}"))
    };
    assert!(
        row("a.md").starts_with(r#"a.md,"'=HYPERLINK(""http://x.invalid"",""klicka"")",covered"#),
        "{csv:?}"
    );
    assert!(
        row("b.md").starts_with("b.md,\"rad ett\rrad två\",covered"),
        "{csv:?}"
    );
    assert!(row("c.md").starts_with("c.md,'@SUM(A1),covered"), "{csv:?}");
    assert!(
        row("d.md").starts_with("d.md,Socialförvaltningen,covered"),
        "{csv:?}"
    );
}

#[test]
fn sarif_uri_is_a_percent_encoded_reference_or_a_file_uri() {
    let dir = repo(&[
        ("planer/a b#1 100%?ö.md", &no_housing()),
        ("x y.md", &no_housing()),
    ]);
    let absolute = dir.path().join("x y.md");
    let out = planlint_in(
        dir.path(),
        &[
            "check",
            "planer",
            absolute.to_str().expect("utf-8 temp dir"),
            "--format",
            "sarif",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let uris: std::collections::BTreeSet<String> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .to_owned()
        })
        .collect();
    let uris: Vec<String> = uris.into_iter().collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    let file = uris
        .iter()
        .find(|u| u.starts_with("file:"))
        .expect("absolute");
    assert!(
        file.starts_with("file:///") && file.ends_with("/x%20y.md"),
        "{file}"
    );
    assert!(!file.contains(' '), "{file}");
    assert!(
        uris.contains(&"planer/a%20b%231%20100%25%3F%C3%B6.md".to_owned()),
        "{uris:?}"
    );
}

#[test]
fn terminal_formats_never_print_raw_control_characters() {
    let plan = no_housing()
        .replacen(
            "## Inledning",
            "## Inledning \u{1b}]0;kapad\u{7} \u{1b}[2J \u{9b}31m",
            1,
        )
        .replacen(
            "\n\n",
            "\n\nRapporten lämnas [datum] \u{1b}[2J\u{9b}.\n\n",
            1,
        );
    let name = "::error file=x::\u{1b}[31mplan.md";
    let dir = repo(&[(name, &plan)]);
    let raw = |s: &str| {
        s.chars()
            .any(|c| (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c))
    };
    let short = planlint_in(dir.path(), &["check", name, "--format", "short"], "");
    let short = stdout(&short);
    assert!(!raw(&short), "{short:?}");
    assert!(
        !short.is_empty()
            && short
                .lines()
                .all(|l| l.starts_with("./::error file=x::\\u{1b}[31mplan.md:")),
        "{short}"
    );
    let human = planlint_in(dir.path(), &["check", name, "--color", "never"], "");
    let human = stdout(&human);
    assert!(!raw(&human), "{human:?}");
    assert!(human.contains("[datum] ?[2J¿."), "{human}");
    // The display copy keeps every position: human points where short does.
    let at = |text: &str, from: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| {
                l.split_once(from)
                    .map(|(_, rest)| rest.split(": ").next().unwrap_or(rest).to_owned())
            })
            .collect()
    };
    let human_at: Vec<String> = at(&human, "plan.md:")
        .into_iter()
        .filter(|p| !p.contains(' '))
        .collect();
    assert!(!human_at.is_empty(), "{human}");
    assert_eq!(human_at, at(&short, "plan.md:"), "{human}\n{short}");
    let outline = planlint_in(dir.path(), &["outline", name], "");
    let outline = stdout(&outline);
    assert!(!raw(&outline), "{outline:?}");
    assert!(
        outline.contains("## Inledning \\u{1b}]0;kapad\\u{7} \\u{1b}[2J \\u{9b}31m"),
        "{outline}"
    );
}

#[test]
fn bidi_controls_are_escaped_in_terminal_formats_and_kept_in_json_and_sarif() {
    // U+202E reverses what follows it on a terminal; U+2066 … U+2069 isolate it.
    let plan = no_housing()
        .replacen(
            "## Prioriterade områden enligt integrationspolicyn",
            "## Prioriterade \u{202e}nedårmo\u{202c} enligt \u{2067}integrationspolicyn\u{2069}",
            1,
        )
        .replacen(
            "\n\n",
            "\n\nRapporten lämnas [ange \u{202e}mutad\u{200f}].\n\n",
            1,
        );
    let name = "plan-\u{202e}dm.txt\u{61c}.md";
    let dir = repo(&[(name, &plan)]);
    let bidi = |s: &str| s.chars().any(planlint::render::escape::is_bidi_control);
    let run = |args: &[&str]| {
        let out = planlint_in(dir.path(), args, "");
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stdout(&out)
    };
    let shown_name = "plan-\\u{202e}dm.txt\\u{61c}.md";
    let placeholder = "`[ange \\u{202e}mutad\\u{200f}]`";
    for format in ["short", "human", "github"] {
        let out = run(&["check", name, "--format", format, "--color", "never"]);
        assert!(!bidi(&out), "{format}: {out:?}");
        assert!(out.contains(shown_name), "{format}: {out}");
        assert!(out.contains(placeholder), "{format}: {out}");
    }
    // The line human output quotes keeps its columns: each control is one U+FFFD there.
    let human = run(&["check", name, "--color", "never"]);
    assert!(
        human.contains(
            "## Prioriterade \u{fffd}nedårmo\u{fffd} enligt \u{fffd}integrationspolicyn\u{fffd}"
        ),
        "{human}"
    );
    let outline = planlint_in(dir.path(), &["outline", name], "");
    let outline = stdout(&outline);
    assert!(!bidi(&outline), "{outline:?}");
    assert!(
        outline.contains("## Prioriterade \\u{202e}nedårmo\\u{202c} enligt \\u{2067}integrationspolicyn\\u{2069}"),
        "{outline}"
    );
    // JSON and SARIF are data: the text is kept as it is.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["check", name, "--format", "json"])).expect("json");
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["message"].as_str().expect("message"))
        .collect();
    assert!(
        messages.contains(&"platshållaren `[ange \u{202e}mutad\u{200f}]` finns kvar i planen"),
        "{messages:?}"
    );
    assert_eq!(json["diagnostics"][0]["path"], name);
    let sarif = run(&["check", name, "--format", "sarif"]);
    assert!(sarif.contains("[ange \u{202e}mutad\u{200f}]"), "{sarif}");
}

#[test]
fn html_report_escapes_a_hostile_pack_prefix_and_its_links_still_match() {
    let pack = "[pack]\nid = \"t\"\nname = \"T\"\nsource = \"S\"\ndecision = \"D\"\nprefix = '\"><script>'\n\n[[rule]]\ncode = '\"><script>001'\nname = \"klart\"\nkind = \"forbid\"\nterms = [\"klart\"]\nseverity = \"warning\"\nsummary = { sv = \"s\", en = \"s\" }\nmessage = { sv = \"<i>klart</i>\", en = \"x\" }\nhelp = { sv = \"h\", en = \"h\" }\npolicy = { section = \"S\", quote = \"Q\" }\nexamples = { pass = \"p\", fail = \"klart\" }\n";
    let dir = repo(&[
        ("pack.toml", pack),
        ("a.md", "# Plan\n\nAllt är klart.\n"),
        ("b.md", "# Plan\n\nInget här.\n"),
    ]);
    let out = planlint_in(
        dir.path(),
        &["report", "a.md", "b.md", "--rules", "pack.toml"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(!html.contains("<script") && !html.contains("<i>"), "{html}");
    let code = "&quot;&gt;&lt;script&gt;001";
    assert!(html.contains(&format!("data-code=\"{code}\"")), "{html}");
    let id = "f-0-_22__3e__3c_script_3e_001";
    assert!(html.contains(&format!("<a href=\"#{id}\">")), "{html}");
    // The link's target is the finding's row in the plan's table of findings.
    assert!(html.contains(&format!("<tr id=\"{id}\">")), "{html}");
}

/// Starts `planlint report - -o r.html` in `dir`; returns the child, waiting for its stdin.
fn report_from_stdin(dir: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["report", "-", "-o", "r.html"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planlint runs")
}

/// Feeds the child a plan and waits for it.
fn finish(mut child: std::process::Child) -> std::process::Output {
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(no_housing().as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("planlint ends")
}

#[test]
fn report_output_leaves_a_temporary_looking_file_it_did_not_create() {
    let dir = repo(&[]);
    let child = report_from_stdin(dir.path());
    let pid = child.id();
    // The name planlint used before, and the first names it tries now: all someone else's.
    let theirs: Vec<String> = [format!(".r.html.planlint-{pid}.tmp")]
        .into_iter()
        .chain((0..3).map(|n| format!(".r.html.planlint-{pid}-{n}.tmp")))
        .collect();
    for name in &theirs {
        std::fs::write(dir.path().join(name), "inte planlints\n").expect("write");
    }
    let out = finish(child);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "skrev r.html\n");
    let html = std::fs::read_to_string(dir.path().join("r.html")).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for name in &theirs {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).expect("left alone"),
            "inte planlints\n"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = theirs.clone();
    expected.push("r.html".to_owned());
    expected.sort();
    assert_eq!(names, expected, "no temporary file of planlint's is left");
}

#[test]
fn report_output_fails_with_a_message_when_every_temporary_name_is_taken() {
    let dir = repo(&[]);
    let child = report_from_stdin(dir.path());
    let pid = child.id();
    for n in 0..100 {
        let name = format!(".r.html.planlint-{pid}-{n}.tmp");
        std::fs::write(dir.path().join(name), "inte planlints\n").expect("write");
    }
    let out = finish(child);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("r.html: kunde inte skapa en ny tillfällig fil bredvid den"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("r.html").exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 100);
}
