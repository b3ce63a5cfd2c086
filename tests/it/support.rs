//! Helpers shared by the test modules.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use planlint::config::Settings;
use planlint::diagnostic::Diagnostic;
use planlint::document::Document;
use planlint::engine::RuleSet;
use planlint::run::Checked;
use planlint::verdict::Verdict;

/// The built-in rules, loaded as the binary loads them without a config.
pub fn rules() -> RuleSet {
    RuleSet::builtin().expect("the built-in pack compiles")
}

/// `text` checked as `plan.md` with `rules` and the default settings (Swedish), through the
/// same one-plan entry point as `check -`.
pub fn check_with(rules: &RuleSet, text: &str) -> Checked {
    let settings = Settings::defaults();
    let verdict = Verdict::new(rules, &settings);
    planlint::run::check_plan(&verdict, 0, "plan.md", text.to_owned())
}

/// Findings for `text` with the built-in rules, in Swedish.
pub fn check(text: &str) -> Vec<Diagnostic> {
    check_with(&rules(), text).diagnostics
}

/// Codes of the findings for `text`.
pub fn codes(text: &str) -> Vec<String> {
    check(text).into_iter().map(|d| d.code).collect()
}

/// Area codes (IP001–IP004) that `text` covers.
pub fn covered(text: &str) -> BTreeSet<String> {
    let rules = rules();
    let doc = Document::parse(text, rules.patterns());
    let areas = rules.areas(&doc, text);
    areas
        .iter()
        .filter(|(_, a)| a.covered().next().is_some())
        .map(|(i, _)| rules.rules[i].code().to_owned())
        .collect()
}

/// A set of codes, for comparisons.
pub fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

/// Twenty words of ordinary plan prose, enough substance for any area.
pub const PROSE: &str = "Förvaltningen genomför under året flera insatser tillsammans med berörda parter och följer upp resultaten noga i delårsrapporten och i årsredovisningen.";

/// A section with `heading` (including its `#`s) and enough prose.
pub fn section(heading: &str) -> String {
    format!("{heading}\n\n{PROSE}\n\n")
}

/// The source checkout, for the few tests that need the repository itself (pre-commit's
/// hooks, the README, `../shared/` beside it). planlint never runs here.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the repository's `examples/`, `rules/` and `tests/fixtures/` in a temporary
/// directory, made once per test run. Tests run planlint here, never in the checkout, so a
/// `planlint.toml` left at the repository root (or anything else there) cannot change them.
pub fn root() -> PathBuf {
    static COPY: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = COPY.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        for part in ["examples", "rules", "tests/fixtures"] {
            copy_tree(&repository().join(part), &dir.path().join(part));
        }
        dir
    });
    dir.path().to_path_buf()
}

pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The time every report made by [`planlint`] and [`planlint_in`] bears, as
/// `SOURCE_DATE_EPOCH`: 2027-03-14 08:30 UTC.
pub const EPOCH: &str = "1805013000";

/// The planlint binary, in an environment that makes a report the same on every machine: its
/// time is [`EPOCH`] in UTC, and `git` looks for a repository no further up than the
/// temporary directory, whatever repository or hook the tests run in.
pub fn planlint_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planlint"));
    command
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("TZ")
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    command
}

/// Runs the planlint binary in [`root`], the copy of the examples.
pub fn planlint(args: &[&str]) -> Output {
    planlint_command()
        .args(args)
        .current_dir(root())
        .output()
        .expect("planlint runs")
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A temporary plans repository with the given files (path, contents).
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, contents) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, contents).expect("write");
    }
    dir
}

/// Runs planlint in `dir`, feeding `stdin` (text or raw bytes).
/// `planlint outline` of a plan `plan.md` holding `text`, which must succeed.
pub fn outline_of(text: &str) -> String {
    let dir = repo(&[("plan.md", text)]);
    let out = planlint_in(dir.path(), &["outline", "plan.md"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    stdout(&out)
}

pub fn planlint_in(dir: &std::path::Path, args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    use std::io::Write as _;
    let mut child = planlint_command()
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("planlint runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_ref())
        .expect("write stdin");
    child.wait_with_output().expect("planlint ends")
}

/// A plan that meets every rule of the built-in pack.
pub fn compliant() -> String {
    std::fs::read_to_string(root().join("examples/plans/socialforvaltningen.md"))
        .expect("example plan")
}

/// A plan with no Bostäder section (and otherwise compliant).
pub fn no_housing() -> String {
    std::fs::read_to_string(root().join("examples/plans/kultur-och-fritid.md"))
        .expect("example plan")
}

/// The table of a CSV report: what follows the block of `field,value` rows that says what the
/// report judged, and the empty line after it.
pub fn csv_table(csv: &str) -> &str {
    let block = csv
        .strip_prefix("field,value\n")
        .unwrap_or_else(|| panic!("a CSV report opens with its provenance: {csv}"));
    match block.split_once("\n\n") {
        Some((_, table)) => table,
        None => panic!("an empty line ends the provenance: {csv}"),
    }
}

/// The codes of a JSON report, in order, with whether each is waived.
pub fn json_codes(out: &Output) -> Vec<(String, bool)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_owned(),
                !d["waiver"].is_null(),
            )
        })
        .collect()
}

/// Whether a tool (or a file) a test needs is there; the one place that decides skip or fail.
///
/// When `CI` is exactly `true` a missing tool fails the test: `.ci/run` installs every tool, so
/// a missing one is a broken CI. Anywhere else the test is skipped and says so, twice: a
/// `skipped: TEST: WHAT is not available` line goes straight to the terminal's stderr (libtest
/// captures what a passing test prints with `print!`/`eprint!`, not direct writes, so a plain
/// `cargo test` shows it), and the same line is appended to the file the environment variable
/// `PLANLINT_TEST_SKIPS` names, which `.ci/run` counts and lists after its totals.
pub fn available(ok: bool, what: &str) -> bool {
    if ok {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must have {what} (.ci/run installs it)"
    );
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main").unwrap_or("a test");
    let line = format!("skipped: {test}: {what} is not available\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    if let Some(list) = std::env::var_os("PLANLINT_TEST_SKIPS") {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(list);
        if let Ok(mut file) = file {
            let _ = std::io::Write::write_all(&mut file, line.as_bytes());
        }
    }
    false
}

/// The Python interpreter for tests that need one: `PLANLINT_PYTHON` (`.ci/run` points it into
/// the virtual environment it owns), else `python3` on `PATH`.
pub fn python() -> String {
    std::env::var("PLANLINT_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// The pre-commit framework: `PLANLINT_PRE_COMMIT` (set by `.ci/run`), else `pre-commit` on
/// `PATH`.
pub fn pre_commit() -> String {
    std::env::var("PLANLINT_PRE_COMMIT").unwrap_or_else(|_| "pre-commit".to_owned())
}

/// Whether [`python`] can import `module` (see [`available`]).
pub fn python_module(module: &str) -> bool {
    let ok = Command::new(python())
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, &format!("{} with the {module} module", python()))
}
