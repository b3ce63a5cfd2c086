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

fn chromium() -> Option<&'static str> {
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
    assert_eq!(dom.matches("<td class=\"missing\"").count(), 13, "{dom}");
    assert_eq!(
        dom.matches("<th scope=\"row\">").count(),
        8,
        "7 plans and the totals row"
    );
    assert!(dom.contains("data-code=\"IP002\""), "{dom}");
    let shot = repository().join("target/report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    let status = Command::new(browser)
        .args(CHROMIUM_FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .args([
            "--window-size=1500,1000",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
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
    assert!(dom.contains("<td>ej granskad</td>"), "{dom}");
    // The totals count only the plan that was judged and met each rule.
    assert!(dom.contains("<td>1</td>"), "{dom}");
}

/// The page's DOM after headless Chromium has loaded it, with a fresh profile in `dir`.
fn dump_dom(browser: &str, dir: &std::path::Path, page: &std::path::Path) -> String {
    let profile = dir.join("profile");
    let dom = Command::new(browser)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--dump-dom", &format!("file://{}", page.display())])
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&dom.stdout).into_owned()
}
