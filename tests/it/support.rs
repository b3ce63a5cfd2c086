//! Helpers shared by the test modules.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use planlint::diagnostic::Diagnostic;
use planlint::document::Document;
use planlint::engine::RuleSet;
use planlint::lint;
use planlint::pack::Lang;

/// The built-in rules.
pub fn rules() -> RuleSet {
    planlint::load_rules(&[]).expect("the built-in pack compiles")
}

/// Findings for `text` with the built-in rules, in Swedish.
pub fn check(text: &str) -> Vec<Diagnostic> {
    lint::check_text(&rules(), "plan.md", text.to_owned(), Lang::Sv).diagnostics
}

/// Codes of the findings for `text`.
pub fn codes(text: &str) -> Vec<String> {
    check(text).into_iter().map(|d| d.code).collect()
}

/// Area codes (IP001–IP004) that `text` covers.
pub fn covered(text: &str) -> BTreeSet<String> {
    let rules = rules();
    let doc = Document::parse(text);
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

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the planlint binary in the repository root.
pub fn planlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
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
