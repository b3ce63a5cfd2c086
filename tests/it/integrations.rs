//! A real consumer of the HTML report: headless Chromium opening it (the pre-commit framework
//! is in `install.rs`). Outside CI a missing browser skips the test with a reason; in CI
//! (`CI=true`) `.ci/run` installs it and the tests must run.

use std::process::Command;

use crate::support::{compliant, planlint_in, repository, root};

/// Headless Chromium as this machine runs it: no sandbox as root, and none of the background
/// connections a closed network refuses.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    crate::support::available(found.is_some(), "chromium")
        .then_some(found)
        .flatten()
}

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let plans = root().join("examples/plans");
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("coverage.html");
    let out = planlint_in(
        dir.path(),
        &[
            "report",
            plans.to_str().expect("path"),
            "-o",
            page.to_str().expect("path"),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).expect("report");
    assert!(
        !html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
    let dom = dump_dom(browser, dir.path(), &page);
    // 13 rules not met: 9 with an error (they block approval), 4 with warnings only.
    assert_eq!(
        dom.matches("<td class=\"missing error\"").count(),
        9,
        "{dom}"
    );
    assert_eq!(
        dom.matches("<td class=\"missing advice\"").count(),
        4,
        "{dom}"
    );
    // 14 rules had nothing to judge: the area they look in is missing from the plan.
    assert_eq!(dom.matches("<td class=\"na\"").count(), 14, "{dom}");
    assert_eq!(
        dom.matches("<th scope=\"row\"").count(),
        8,
        "7 plans and the totals row"
    );
    assert!(dom.contains("data-code=\"IP002\""), "{dom}");
    // The screenshot at 1280×900 and the printed pages, in target/ to look at (the README's
    // copies in examples/ci/ are made the same way).
    let shot = repository().join("target/report-1280.png");
    let pdf = repository().join("target/report-print.pdf");
    for (what, path) in [("--screenshot", &shot), ("--print-to-pdf", &pdf)] {
        let _ = std::fs::remove_file(path);
        let status = Command::new(browser)
            .args(CHROMIUM_FLAGS)
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .args([
                WINDOW,
                "--hide-scrollbars",
                "--no-pdf-header-footer",
                &format!("{what}={}", path.display()),
                &format!("file://{}", page.display()),
            ])
            .output()
            .expect("chromium runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    let pdf = std::fs::read(&pdf).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    // Every page A4 landscape: 842 × 595 points, give or take a rounding.
    let text = String::from_utf8_lossy(&pdf);
    let pages: Vec<(f64, f64)> = text
        .split("/MediaBox [")
        .skip(1)
        .filter_map(|box_| {
            let v: Vec<f64> = box_
                .split(']')
                .next()?
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (v.len() == 4).then(|| (v[2] - v[0], v[3] - v[1]))
        })
        .collect();
    assert!(!pages.is_empty(), "no page sizes in the PDF");
    assert!(
        pages
            .iter()
            .all(|(w, h)| (w - 842.0).abs() < 2.0 && (h - 595.0).abs() < 2.0),
        "pages in A4 landscape: {pages:?}"
    );
}

/// The window of the board's screen: 1280 × 900.
const WINDOW: &str = "--window-size=1280,900";

#[test]
fn the_html_report_fits_1280_px_with_its_totals_in_view() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    // Relative paths, as a board member would run it from the plans repository.
    let out = planlint_in(&root(), &["report", "examples/plans"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The report has no script; a copy with one measures the page as Chromium laid it out.
    let measure = "<script>const e=document.documentElement,\
s=document.getElementById('summa').getBoundingClientRect(),\
f=document.querySelector('table.matrix tfoot').getBoundingClientRect(),\
h=document.getElementById('summa-hindrar').getBoundingClientRect();\
document.body.setAttribute('data-measured',[innerWidth,innerHeight,e.clientWidth,e.scrollWidth,\
s.top,s.bottom,s.right,f.right,f.bottom,h.right].map(Math.round).join(' '));</script></body>";
    let html = String::from_utf8_lossy(&out.stdout).replacen("</body>", measure, 1);
    let page = dir.path().join("measured.html");
    std::fs::write(&page, html).expect("write");
    let dom = dump_dom(browser, dir.path(), &page);
    let measured: Vec<i64> = dom
        .split_once("data-measured=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(values, _)| values.split(' ').filter_map(|v| v.parse().ok()).collect())
        .unwrap_or_default();
    let [width, height, client, scroll, top, bottom, right, foot_right, foot_bottom, blocking_right] =
        measured[..]
    else {
        panic!("the page was not measured: {dom}");
    };
    assert_eq!(width, 1280, "the window is 1280 px wide");
    assert!(
        scroll <= client && client <= width,
        "the page is {scroll} px wide, wider than its {client} px"
    );
    assert!(
        top >= 0 && bottom <= height && right <= width,
        "the summary of what blocks is in view ({height} px high): {top}..{bottom}, right {right}"
    );
    assert!(
        blocking_right <= width && foot_right <= width,
        "the totals column is on the screen: {blocking_right}, {foot_right}"
    );
    assert!(
        foot_bottom <= height,
        "the totals row of the seven example plans is above the fold ({height} px): {foot_bottom}"
    );
}

#[test]
fn a_plan_that_could_not_be_judged_shows_so_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    std::fs::write(plans.join("a.md"), compliant()).expect("write");
    std::fs::write(plans.join("trasig.md"), b"# Plan \xff\xfe\n").expect("write");
    let page = dir.path().join("coverage.html");
    let out = planlint_in(
        dir.path(),
        &[
            "report",
            "plans",
            "--isolated",
            "-o",
            page.to_str().expect("path"),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = dump_dom(browser, dir.path(), &page);
    let rules = 15;
    assert_eq!(
        dom.matches("<td class=\"unjudged\"").count(),
        rules,
        "{dom}"
    );
    assert_eq!(dom.matches("<td class=\"ok\"").count(), rules, "{dom}");
    assert!(
        dom.contains("<td class=\"total unjudged\" colspan=\"2\">ej granskad</td>"),
        "{dom}"
    );
    // The totals count only the plan that was judged and met each rule.
    assert!(dom.contains("<td>1</td>"), "{dom}");
}

/// The page's DOM after headless Chromium has loaded it, with a fresh profile in `dir`.
pub fn dump_dom(browser: &str, dir: &std::path::Path, page: &std::path::Path) -> String {
    let profile = dir.join("profile");
    let dom = Command::new(browser)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args([WINDOW, "--dump-dom", &format!("file://{}", page.display())])
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&dom.stdout).into_owned()
}
