//! What the board sees is what counts: text a reader of the rendered plan does not see covers
//! no area. Each fixture hides (or, for the controls, shows) a `Bostäder` section one way; the
//! first test holds planlint's verdict to the expected one, the second renders each fixture as
//! GitHub does (cmark-gfm, GitHub's extensions, raw HTML kept) in headless Chromium and holds
//! planlint's verdict to what the browser shows.
//!
//! What "shows" means for the browser: the page's `innerText` (no comments, nothing
//! `display: none`, no closed `<details>` content, no alt text), less struck-out text (shown,
//! but withdrawn) and the footnotes section (shown at the end of the page, so it covers no
//! section where it was written). The section counts as shown when its heading and its prose
//! (the word `bostadsförsörjningen`) are both there.

use std::process::Command;

use crate::support::{covered, python, python_module, repo, PROSE};

/// The prose of the hidden section: enough words, with a word no other part uses.
const HOUSING: &str = "Förvaltningen arbetar under året med bostadsförsörjningen för nyanlända i alla kommundelar tillsammans med det kommunala bostadsbolaget och hyresgästerna.";

/// The plan around each fixture: the other three areas, shown.
fn plan(body: &str) -> String {
    format!(
        "# Verksamhetsplan 2027\n\n## Arbete och studier\n\n{PROSE}\n\n## Folkhälsa\n\n{PROSE}\n\n## Samverkan\n\n{PROSE}\n\n{body}\n"
    )
}

/// The fixtures: a name, the Markdown, and whether a reader sees the `Bostäder` section.
fn fixtures() -> Vec<(&'static str, String, bool)> {
    let section = format!("## Bostäder\n\n{HOUSING}");
    let fillers = ["\u{3164}", "\u{FFA0}", "\u{115F}", "\u{1160}"]
        .repeat(8)
        .join(" ");
    vec![
        ("control", section.clone(), true),
        (
            "control-inside-open-details",
            format!("<details open>\n\n{section}\n\n</details>"),
            true,
        ),
        (
            "control-closed-comment",
            format!("<!-- en anteckning -->\n\n{section}"),
            true,
        ),
        (
            "footnote-unreferenced",
            format!("[^x]:\n    ## Bostäder\n\n    {HOUSING}"),
            false,
        ),
        (
            "footnote-referenced",
            format!("Se not.[^x]\n\n[^x]:\n    ## Bostäder\n\n    {HOUSING}"),
            false,
        ),
        (
            "html-open-comment-in-block",
            format!("<p><!--\n\n{section}"),
            false,
        ),
        (
            "html-open-comment-in-list",
            format!("- <!--\n\n{section}"),
            false,
        ),
        (
            "html-open-attribute",
            format!("<div title=\"\n\n{section}"),
            false,
        ),
        (
            "alt-text-heading",
            format!("### ![Bostäder](x.png)\n\n{HOUSING}"),
            false,
        ),
        (
            "alt-text-prose",
            format!("## Bostäder\n\n![{HOUSING}](x.png)"),
            false,
        ),
        (
            "ruby-rp",
            format!("## Bostäder\n\n<ruby>x<rp>{HOUSING}</rp></ruby>"),
            false,
        ),
        // The paragraph's end closes the `<rp>` its inline HTML opened: what follows shows.
        (
            "control-rp-closed-by-its-paragraph",
            format!("<ruby>x<rp>\n\n{section}"),
            true,
        ),
        (
            "struck-html-inline-in-heading",
            format!("## <del>Bostäder</del>\n\n{HOUSING}"),
            false,
        ),
        (
            "details-closed",
            format!("<details>\n\n{section}\n\n</details>"),
            false,
        ),
        (
            "hidden-attribute",
            format!("<div hidden>\n\n{section}\n\n</div>"),
            false,
        ),
        (
            "display-none",
            format!("<div style=\"display: none\">\n\n{section}\n\n</div>"),
            false,
        ),
        (
            "noscript",
            format!("<noscript>\n\n{section}\n\n</noscript>"),
            false,
        ),
        (
            "template",
            format!("<template>\n\n{section}\n\n</template>"),
            false,
        ),
        (
            "struck-markdown",
            format!("## Bostäder\n\n~~{HOUSING}~~"),
            false,
        ),
        (
            "struck-html",
            format!("## Bostäder\n\n<del>{HOUSING}</del>"),
            false,
        ),
        ("hangul-fillers", format!("## Bostäder\n\n{fillers}"), false),
    ]
}

#[test]
fn only_what_a_reader_sees_covers_an_area() {
    for (name, body, shown) in fixtures() {
        let text = plan(&body);
        let areas = covered(&text);
        assert_eq!(areas.contains("IP002"), shown, "{name}: {areas:?}\n{text}");
        assert!(
            areas.contains("IP004"),
            "{name}: the sections before are untouched: {areas:?}"
        );
    }
}

#[test]
fn raw_html_that_swallows_the_rest_is_an_error_at_its_line() {
    let text = plan(&format!("<p><!--\n\n## Bostäder\n\n{HOUSING}"));
    let found = crate::support::check(&text);
    let pl008 = found.iter().find(|d| d.code == "PL008").expect("PL008");
    assert_eq!(&text[pl008.primary.span.clone()], "<!--");
    assert!(found.iter().any(|d| d.code == "IP002"));
    // Markdown text does not close it: `-->` in a paragraph is shown as text, so the browser's
    // comment goes on.
    let text = plan(&format!("<p><!--\n\n-->\n\n## Bostäder\n\n{HOUSING}"));
    let found = crate::support::check(&text);
    assert!(found.iter().any(|d| d.code == "PL008") && found.iter().any(|d| d.code == "IP002"));
    // A comment over several lines that closes hides nothing after it.
    let text = plan(&format!(
        "<!--\nen anteckning\n-->\n\n## Bostäder\n\n{HOUSING}"
    ));
    let found = crate::support::check(&text);
    assert!(
        !found.iter().any(|d| d.code == "PL008" || d.code == "IP002"),
        "{found:?}"
    );
}

/// Renders `markdown` as GitHub does and returns what headless Chromium shows of it.
const RENDER: &str = r#"
import json, sys
import cmarkgfm
from cmarkgfm.cmark import Options
html = cmarkgfm.github_flavored_markdown_to_html(
    open(sys.argv[1], encoding="utf-8").read(), options=Options.CMARK_OPT_UNSAFE)
page = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="plan"></div><pre id="visible"></pre>
<script>
const plan = document.getElementById("plan");
plan.innerHTML = %s;
plan.querySelectorAll("del, s, strike, section.footnotes, .footnotes").forEach(e => e.remove());
document.getElementById("visible").textContent = plan.innerText;
plan.remove();
</script></body></html>""" % json.dumps(html)
open(sys.argv[2], "w", encoding="utf-8").write(page)
"#;

fn shown_by_browser(browser: &str, dir: &std::path::Path, name: &str, text: &str) -> String {
    let md = dir.join(format!("{name}.md"));
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&md, text).expect("write plan");
    let script = dir.join("render.py");
    std::fs::write(&script, RENDER).expect("write script");
    let out = Command::new(python())
        .arg(&script)
        .arg(&md)
        .arg(&page)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = crate::integrations::dump_dom(browser, dir, &page);
    let start =
        dom.find("<pre id=\"visible\">").expect("the page ran") + "<pre id=\"visible\">".len();
    let end = dom[start..].find("</pre>").map_or(dom.len(), |e| start + e);
    dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn planlint_agrees_with_what_a_browser_shows_of_the_github_rendering() {
    let Some(browser) = crate::integrations::chromium() else {
        return;
    };
    if !python_module("cmarkgfm") {
        return;
    }
    let dir = repo(&[]);
    for (name, body, expected) in fixtures() {
        let text = plan(&body);
        let seen = shown_by_browser(browser, dir.path(), name, &text);
        let shows =
            seen.lines().any(|l| l.trim() == "Bostäder") && seen.contains("bostadsförsörjningen");
        assert_eq!(shows, expected, "{name}: the browser shows:\n{seen}");
        assert_eq!(
            covered(&text).contains("IP002"),
            shows,
            "{name}: planlint disagrees with the browser"
        );
    }
}

#[test]
fn a_heading_a_reader_takes_for_the_area_gets_a_hint_and_does_not_count() {
    let cases = [
        ("<h2>Bostäder</h2>", "en rubrik i HTML"),
        ("## B\u{43E}städer", "tecken som bara liknar bokstäverna"),
        ("## \u{FF22}ostäder", "tecken som bara liknar bokstäverna"),
        ("## Bo\u{202E}städer", "styrtecken för skrivriktning"),
        ("## S\u{430}mverkan", "tecken som bara liknar bokstäverna"),
    ];
    for (heading, hint) in cases {
        let text = format!("# Plan\n\n{heading}\n\n{HOUSING}\n");
        let found = crate::support::check(&text);
        let code = if heading.contains("mverkan") {
            "IP004"
        } else {
            "IP002"
        };
        let missing = found
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{heading}: {found:?}"));
        let label = missing
            .secondary
            .iter()
            .map(|l| l.message.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(label.contains(hint), "{heading}: {label}");
        let at = text.find(heading).unwrap();
        assert!(
            missing.secondary.iter().any(|l| l.span.start == at),
            "{heading}: points at the heading"
        );
    }
}
