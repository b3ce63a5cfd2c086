//! planlint never changes a plans tree it only reads, and writes its own files atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{planlint_in, root, stderr};

/// Every entry under `dir`: path → (kind, contents, permissions, modification time).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>, u32, std::time::SystemTime)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let contents = if meta.is_file() {
                std::fs::read(&path).unwrap()
            } else {
                Vec::new()
            };
            if meta.is_dir() {
                todo.push(path.clone());
            }
            let kind = format!("{:?}", meta.file_type());
            out.insert(
                path.strip_prefix(dir).unwrap().to_path_buf(),
                (
                    kind,
                    contents,
                    meta.permissions().mode(),
                    meta.modified().unwrap(),
                ),
            );
        }
    }
    out
}

/// A copy of `examples/repo` (config, own pack, waivers, an excluded archive) to run in.
fn plans_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = root().join("examples/repo");
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        for entry in std::fs::read_dir(from.join(&rel)).unwrap() {
            let entry = entry.unwrap();
            let rel = rel.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(dir.path().join(&rel)).unwrap();
                todo.push(rel);
            } else {
                std::fs::copy(entry.path(), dir.path().join(&rel)).unwrap();
            }
        }
    }
    dir
}

#[test]
fn reading_commands_leave_the_tree_exactly_as_it_was() {
    let dir = plans_repo();
    let before = snapshot(dir.path());
    assert!(before.len() > 5, "{before:?}");
    let runs: &[&[&str]] = &[
        &["check"],
        &["check", "planer", "--format", "json"],
        &["check", "planer", "--format", "sarif"],
        &["check", "planer", "--format", "junit"],
        &["check", "planer", "--format", "github"],
        &["check", "planer", "--format", "short", "--lang", "en"],
        &["check", "-", "--stdin-filename", "planer/ny.md"],
        &["report", "planer"],
        &["report", "planer", "--format", "markdown"],
        &["report", "planer", "--format", "json"],
        &["report", "planer", "--format", "csv"],
        &["outline", "planer/socialforvaltningen.md"],
        &["explain", "IP002"],
        &["rules"],
        &["config"],
        &["test-pack", "regler/trygghet.toml"],
    ];
    for args in runs {
        let out = planlint_in(dir.path(), args, "# Ny plan\n");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(before, snapshot(dir.path()), "{args:?} changed the tree");
    }
}

#[test]
fn report_output_is_written_whole_and_never_over_a_file_unless_forced() {
    let dir = plans_repo();
    let target = dir.path().join("rapport.html");
    std::fs::write(&target, "min egen fil\n").unwrap();
    let before = snapshot(dir.path());
    let refused = planlint_in(dir.path(), &["report", "planer", "-o", "rapport.html"], "");
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("rapport.html finns redan; använd --force för att ersätta den"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        before,
        snapshot(dir.path()),
        "a refused report changed the tree"
    );

    let forced = planlint_in(
        dir.path(),
        &["report", "planer", "-o", "rapport.html", "--force"],
        "",
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // Only the report changed: no temporary file is left behind, nothing else was touched.
    let after = snapshot(dir.path());
    let changed: Vec<_> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed, [Path::new("rapport.html")]);
    assert_eq!(before.len(), after.len());
}

#[test]
fn report_output_is_never_a_device_a_fifo_or_a_directory_even_with_force() {
    use std::os::unix::fs::symlink;
    use std::process::Command;
    let dir = plans_repo();
    let made = |args: &[&str]| {
        Command::new(args[0])
            .args(&args[1..])
            .current_dir(dir.path())
            .status()
            .is_ok_and(|s| s.success())
    };
    // The null device, made here so that a mistake could not remove the system's.
    let device = made(&["mknod", "enhet", "c", "1", "3"]);
    let fifo = made(&["mkfifo", "ror"]);
    std::fs::create_dir(dir.path().join("katalog")).unwrap();
    symlink("enhet", dir.path().join("till-enhet")).unwrap();
    symlink("katalog", dir.path().join("till-katalog")).unwrap();
    let not_regular = "är ingen vanlig fil (t.ex. en enhet eller en namngiven pipe): rapporten skrevs inte dit, och `--force` ersätter den inte";
    let mut targets = vec![
        (
            "katalog".to_owned(),
            "`katalog` är en katalog: rapporten skrevs inte dit".to_owned(),
        ),
        (
            "till-katalog".to_owned(),
            "`till-katalog` är en länk till katalogen `katalog`: rapporten skrevs inte dit"
                .to_owned(),
        ),
    ];
    if crate::support::available(device, "mknod (as root)") {
        targets.push(("enhet".to_owned(), format!("`enhet` {not_regular}")));
        targets.push((
            "till-enhet".to_owned(),
            "`till-enhet` är en länk till `enhet`, som inte är någon vanlig fil".to_owned(),
        ));
    }
    if crate::support::available(fifo, "mkfifo") {
        targets.push(("ror".to_owned(), format!("`ror` {not_regular}")));
    }
    let before = snapshot(dir.path());
    let started = std::time::Instant::now();
    for (target, says) in &targets {
        for force in [false, true] {
            let mut args = vec!["report", "planer", "-o", target.as_str()];
            if force {
                args.push("--force");
            }
            let out = planlint_in(dir.path(), &args, "");
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(
                stderr(&out).starts_with(&format!("error: {says}")),
                "{args:?}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains("= help: ange en fil att skriva rapporten till, t.ex. `-o rapport.html`, eller `-o -` för att skriva den till standard ut"),
                "{}",
                stderr(&out)
            );
            assert_eq!(before, snapshot(dir.path()), "{args:?} changed the tree");
        }
    }
    // The pipe is never opened, so nothing waits for a reader.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let out = planlint_in(
        dir.path(),
        &["report", "planer", "-o", "katalog", "--lang", "en"],
        "",
    );
    assert!(
        stderr(&out).starts_with("error: `katalog` is a directory: the report was not written there, and `--force` does not replace it\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_output_dash_is_standard_output() {
    let dir = plans_repo();
    let before = snapshot(dir.path());
    let plain = planlint_in(dir.path(), &["report", "planer", "--format", "csv"], "");
    for args in [
        &["report", "planer", "--format", "csv", "-o", "-"][..],
        &[
            "report",
            "planer",
            "--format",
            "csv",
            "--output=-",
            "--force",
        ][..],
    ] {
        let out = planlint_in(dir.path(), args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(out.stdout, plain.stdout, "{args:?}");
        let csv = String::from_utf8_lossy(&out.stdout);
        assert!(
            crate::support::csv_table(&csv).starts_with("path,department,"),
            "{csv}"
        );
        assert_eq!(before, snapshot(dir.path()), "{args:?} wrote a file");
    }
    // A file named `-` is still there to be had, as `./-`.
    let out = planlint_in(
        dir.path(),
        &["report", "planer", "--format", "csv", "-o", "./-"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(crate::support::stdout(&out), "skrev ./-\n");
    assert_eq!(std::fs::read(dir.path().join("-")).unwrap(), plain.stdout);
}
