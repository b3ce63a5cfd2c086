//! Hostile and odd inputs: each gets a defined answer and exit code, never a panic.

use std::process::{Command, Stdio};

use crate::support::{no_housing, planlint_in, repo, stderr, stdout};

fn short_codes(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(str::to_owned))
        .collect()
}

#[test]
fn an_empty_file_misses_every_area() {
    let dir = repo(&[("tom.md", "")]);
    let out = planlint_in(dir.path(), &["check", "tom.md", "--format", "short"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        short_codes(&out),
        ["IP001", "IP002", "IP003", "IP004", "IP005", "IP007"]
    );
}

#[test]
fn a_file_of_only_front_matter_misses_the_areas_but_not_the_fields() {
    let dir = repo(&[("fm.md", "---\nförvaltning: X\når: 2027\nansvarig: Y\n---\n")]);
    let out = planlint_in(dir.path(), &["check", "fm.md", "--format", "short"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        short_codes(&out),
        ["IP001", "IP002", "IP003", "IP004", "IP005"]
    );
}

#[test]
fn a_directory_named_like_a_plan_is_walked_not_read() {
    let dir = repo(&[
        ("plans/x.md/inne.md", &no_housing()),
        ("plans/a.md", &no_housing()),
    ]);
    let out = planlint_in(dir.path(), &["check", "plans", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_path_given_twice_is_checked_once() {
    let dir = repo(&[("a.md", &no_housing())]);
    let out = planlint_in(
        dir.path(),
        &["check", "a.md", "./a.md", "a.md", "--format", "json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 1, "{v}");
}

#[test]
fn stdin_that_is_empty_or_not_utf8() {
    let dir = repo(&[]);
    let empty = planlint_in(dir.path(), &["check", "-", "--format", "short"], "");
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stdout(&empty).contains("<stdin>:1:1: error[IP001]"),
        "{}",
        stdout(&empty)
    );
    let out = planlint_in(
        dir.path(),
        &["check", "-", "--format", "short"],
        b"# Plan\n\nBost\xe4der\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("<stdin>:3:5: error[PL001]: filen är inte giltig UTF-8 (0xE4)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_empty_pack_and_a_config_that_is_not_toml_are_exit_2() {
    let dir = repo(&[("tom.toml", ""), ("plan.md", &no_housing())]);
    let out = planlint_in(
        dir.path(),
        &["check", "--rules", "tom.toml", "--color", "never"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[PL100]: regelpaketet kan inte läsas"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("missing field `pack`"),
        "{}",
        stderr(&out)
    );
    let bad = repo(&[
        ("planlint.toml", "det här är ingen toml\n"),
        ("plan.md", &no_housing()),
    ]);
    let out = planlint_in(bad.path(), &["check", "--color", "never"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[PL101]: konfigurationen kan inte läsas"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn json_piped_into_head_stops_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "examples/plans", "--format", "json"])
        .current_dir(crate::support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 10];
    std::io::Read::read_exact(&mut child.stdout.take().expect("stdout"), &mut first)
        .expect("10 bytes");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(&first[..1], b"{");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "{err}");
}
