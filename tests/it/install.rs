//! The ways in: the README's install lines, the release workflow, and the real pre-commit
//! framework running planlint's hooks, configured with the README's `.pre-commit-config.yaml`
//! snippet as written: only `repo:` points at this checkout and `rev:` at its `HEAD`, taken
//! when the test runs.
//!
//! pre-commit builds planlint once: the Rust hook (`planlint`) runs in one test with one
//! pre-commit store for all its calls (`try-repo` would make a new store, and a new release
//! build, on every call), and the `language: system` hook (`planlint-system`) runs the binary
//! cargo built for the tests, put first on `PATH`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{available, compliant, no_housing, planlint_in, pre_commit, repository};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Whether the pre-commit framework is there (see [`available`]).
fn have_pre_commit() -> bool {
    let ok = Command::new(pre_commit())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, &format!("pre-commit (`{}`)", pre_commit()))
}

/// The `yaml` block of the README's pre-commit section, as the reader copies it.
fn readme_snippet() -> String {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    let section = readme
        .split_once("\n### pre-commit\n")
        .expect("the README has a pre-commit section")
        .1;
    let block = section
        .split_once("```yaml\n")
        .expect("a yaml block in the pre-commit section")
        .1;
    block
        .split_once("\n```")
        .expect("the yaml block ends")
        .0
        .to_owned()
}

/// The value of a `key: value  # comment` line, and the line with the value replaced.
fn replace_value(line: &str, key: &str, value: &str) -> Option<(String, String)> {
    let (indent, rest) = line.split_at(line.len() - line.trim_start().len());
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", rest),
    };
    let rest = rest.strip_prefix(key)?.strip_prefix(':')?;
    let (old, comment) = match rest.find(" #") {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    Some((
        old.trim().to_owned(),
        format!("{indent}{dash}{key}: {value}{comment}"),
    ))
}

/// The README's snippet with `repo:` set to this checkout, `rev:` to `rev`, and (if given) the
/// hook id replaced. Returns the config and the `rev:` the README pins.
fn snippet_here(rev: &str, hook: Option<&str>) -> (String, String) {
    let mut pinned = None;
    let mut replaced = (0, 0, 0);
    let here = repository();
    let lines: Vec<String> = readme_snippet()
        .lines()
        .map(|line| {
            if let Some((_, l)) = replace_value(line, "repo", here.to_str().expect("path")) {
                replaced.0 += 1;
                l
            } else if let Some((old, l)) = replace_value(line, "rev", rev) {
                replaced.1 += 1;
                pinned = Some(old);
                l
            } else if let Some(id) = hook.and_then(|h| replace_value(line, "id", h)) {
                replaced.2 += 1;
                id.1
            } else {
                line.to_owned()
            }
        })
        .collect();
    let ids = usize::from(hook.is_some());
    assert_eq!(
        replaced,
        (1, 1, ids),
        "one `repo:`, one `rev:` and one hook `id:` in the README's snippet:\n{}",
        readme_snippet()
    );
    (lines.join("\n") + "\n", pinned.expect("rev"))
}

/// A new plans repository (git) with `files` and the config, everything staged.
fn plans_repository(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = crate::support::repo(files);
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), config).expect("config");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    dir
}

/// `pre-commit ARGS` in `dir` with its store in `home`, and `bin` first on `PATH` if given.
/// The test's own `CARGO_TARGET_DIR` is not passed on: cargo inside pre-commit builds in its
/// own directory and never waits for the lock of the one running the tests.
fn run(dir: &Path, home: &Path, bin: Option<&Path>, args: &[&str]) -> (Output, String) {
    let mut cmd = Command::new(pre_commit());
    cmd.args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("NO_COLOR")
        .env("PRE_COMMIT_COLOR", "never");
    if let Some(bin) = bin {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin.to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(dirs).expect("PATH"));
    }
    let out = cmd.output().expect("pre-commit runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out, text)
}

fn head() -> String {
    git(&repository(), &["rev-parse", "HEAD"])
}

/// The directory of the planlint that cargo built for these tests.
fn built_planlint() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_planlint"))
        .parent()
        .expect("bin dir")
        .to_path_buf()
}

#[test]
fn the_readme_snippet_pins_a_commit_of_this_repository_with_the_hooks_it_names() {
    let (_, pinned) = snippet_here("HEAD", None);
    let here = repository();
    let known = Command::new("git")
        .args(["merge-base", "--is-ancestor", &pinned, "HEAD"])
        .current_dir(&here)
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        known,
        "the README's pre-commit snippet pins `rev: {pinned}`, which is not a commit in this \
         repository's history; pin one that is (`git log -1 --format=%H -- .pre-commit-hooks.yaml`)"
    );
    let hooks = git(
        &here,
        &["show", &format!("{pinned}:.pre-commit-hooks.yaml")],
    );
    for id in ["planlint", "planlint-system"] {
        assert!(
            hooks.contains(&format!("- id: {id}\n")),
            "`{id}` at {pinned}:\n{hooks}"
        );
    }
    // pre-commit appends the file names to the entry: after `--`, none is read as an option.
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry:"))
        .collect();
    assert_eq!(entries.len(), 2, "{hooks}");
    for entry in entries {
        assert!(
            entry.trim_end().ends_with(" --"),
            "the hook at {pinned} runs `{}`, which lets a file name be read as an option; pin a \
             commit whose entries end with `--`",
            entry.trim()
        );
    }
    assert!(
        readme_snippet().contains("- id: planlint"),
        "{}",
        readme_snippet()
    );
}

#[test]
fn the_readme_snippet_works_as_written_and_builds_planlint_once() {
    if !have_pre_commit() {
        return;
    }
    let (config, _) = snippet_here(&head(), None);
    let dir = plans_repository(&config, &[("planer/social.md", &compliant())]);
    // One store for every call: pre-commit builds the Rust hook once and then reuses it.
    let home = tempfile::tempdir().expect("tempdir");
    let (good, text) = run(dir.path(), home.path(), None, &["run", "--all-files"]);
    assert!(good.status.success(), "{config}\n{text}");
    assert!(
        text.contains("planlint") && text.contains("Passed"),
        "{text}"
    );

    std::fs::write(dir.path().join("planer/kultur.md"), no_housing()).expect("write");
    git(dir.path(), &["add", "."]);
    let (bad, text) = run(dir.path(), home.path(), None, &["run", "--all-files"]);
    assert_eq!(bad.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{text}"
    );
    assert!(text.contains("planer/kultur.md"), "{text}");
    // Only the files pre-commit passes are checked.
    let (one, text) = run(
        dir.path(),
        home.path(),
        None,
        &["run", "--files", "planer/social.md"],
    );
    assert!(one.status.success(), "{text}");
    let envs = std::fs::read_dir(home.path())
        .expect("store")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert_eq!(envs, 1, "one clone of planlint in the store, built once");
}

#[test]
fn the_system_hook_runs_the_planlint_on_path() {
    if !have_pre_commit() {
        return;
    }
    let (config, _) = snippet_here(&head(), Some("planlint-system"));
    let dir = plans_repository(
        &config,
        &[
            ("planer/kultur.md", &no_housing()),
            ("planer/social.md", &compliant()),
        ],
    );
    let home = tempfile::tempdir().expect("tempdir");
    let bin = built_planlint();
    let (bad, text) = run(
        dir.path(),
        home.path(),
        Some(&bin),
        &["run", "--files", "planer/kultur.md"],
    );
    assert_eq!(bad.status.code(), Some(1), "{config}\n{text}");
    assert!(text.contains("planlint (installed)"), "{text}");
    assert!(
        text.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{text}"
    );
    let (good, text) = run(
        dir.path(),
        home.path(),
        Some(&bin),
        &["run", "--files", "planer/social.md"],
    );
    assert!(good.status.success(), "{text}");
    assert!(text.contains("Passed"), "{text}");
}

#[test]
fn a_file_named_like_an_option_is_checked_as_a_plan_by_the_hook() {
    if !have_pre_commit() {
        return;
    }
    // Passed before the plan (pre-commit sorts `-` first), `--config=x.md` read as an option
    // would make planlint use `x.md`, which excludes every plan, and the commit would pass.
    let exclude_all = "exclude = [\"**\"]\n";
    let (config, _) = snippet_here(&head(), Some("planlint-system"));
    let dir = plans_repository(
        &config,
        &[
            ("--config=x.md", exclude_all),
            ("x.md", exclude_all),
            ("planer/kultur.md", &no_housing()),
        ],
    );
    let home = tempfile::tempdir().expect("tempdir");
    let bin = built_planlint();
    let (out, text) = run(dir.path(), home.path(), Some(&bin), &["run", "--all-files"]);
    assert_eq!(out.status.code(), Some(1), "{config}\n{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(
        text.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`")
            && text.contains("┌─ planer/kultur.md:"),
        "{text}"
    );
    // The file itself is judged as the plan it claims to be.
    assert!(text.contains("┌─ --config=x.md:1:1"), "{text}");

    // A flag goes into an `entry:` of one's own, as the README's commented line shows; in
    // `args:` it would come after the `--` and be taken for a file name.
    let warned = format!("{}\nTODO: kontaktuppgifter.\n", compliant());
    std::fs::write(dir.path().join("planer/kultur.md"), &warned).expect("write");
    git(dir.path(), &["add", "."]);
    let files = ["run", "--files", "planer/kultur.md"];
    let (out, text) = run(dir.path(), home.path(), Some(&bin), &files);
    assert!(out.status.success(), "a warning alone passes:\n{text}");
    let entry = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("# entry:"))
        .and_then(|l| l.split("  #").next())
        .expect("the README's snippet has a commented `entry:` line")
        .trim()
        .to_owned();
    assert!(entry.ends_with(" --"), "{entry}");
    for (extra, code, says) in [
        (format!("entry: {entry}"), 1, "warning[IP006]"),
        (
            "args: [--deny, warnings]".to_owned(),
            1,
            "sökvägen finns inte eller kan inte läsas `--deny`",
        ),
    ] {
        let hook = "- id: planlint-system";
        let at = config.find(hook).expect("the hook") + hook.len();
        let indent = " ".repeat(
            config[..at]
                .lines()
                .last()
                .expect("line")
                .find('-')
                .expect("-")
                + 2,
        );
        let line_end = at + config[at..].find('\n').expect("newline");
        let edited = format!(
            "{}\n{indent}{extra}{}",
            &config[..line_end],
            &config[line_end..]
        );
        std::fs::write(dir.path().join(".pre-commit-config.yaml"), &edited).expect("config");
        git(dir.path(), &["add", "."]);
        let (out, text) = run(dir.path(), home.path(), Some(&bin), &files);
        assert_eq!(out.status.code(), Some(code), "{edited}\n{text}");
        assert!(text.contains(says), "{edited}\n{text}");
    }
}

#[test]
fn a_repository_made_by_init_passes_the_hook() {
    if !have_pre_commit() {
        return;
    }
    let (config, _) = snippet_here(&head(), Some("planlint-system"));
    let dir = tempfile::tempdir().expect("tempdir");
    let init = planlint_in(dir.path(), &["init"], "");
    assert_eq!(init.status.code(), Some(0));
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), &config).expect("config");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    let home = tempfile::tempdir().expect("tempdir");
    let (out, text) = run(
        dir.path(),
        home.path(),
        Some(&built_planlint()),
        &["run", "--all-files"],
    );
    assert!(out.status.success(), "{text}");
    // The template is Markdown, so the hook ran on it, and planlint left it out.
    assert!(text.contains("Passed"), "{text}");
    assert!(!text.contains("error["), "{text}");
}

#[test]
fn the_readme_opens_with_the_install_lines() {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    // After the quick start's two commands, the install section comes first.
    let opening: String = readme.lines().take(80).collect::<Vec<_>>().join("\n");
    for line in [
        "cargo install --locked --path .",
        "cargo install --locked --git ",
        "planlint-system",
    ] {
        assert!(
            opening.contains(line),
            "`{line}` in the README's first lines"
        );
    }
}

#[test]
fn the_release_workflow_builds_for_linux_windows_and_macos_on_a_tag() {
    let text = std::fs::read_to_string(repository().join(".github/workflows/release.yml"))
        .expect("release workflow");
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("the workflow is YAML");
    let flow = &docs[0];
    assert!(
        flow["on"]["push"]["tags"][0]
            .as_str()
            .is_some_and(|t| t.starts_with('v')),
        "runs on a pushed tag"
    );
    let build = &flow["jobs"]["build"];
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_vec()
        .expect("a matrix")
        .iter()
        .filter_map(|m| m["target"].as_str())
        .collect();
    for os in ["linux", "windows", "apple-darwin"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    let runs: Vec<&str> = build["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo build --release --locked")),
        "{runs:?}"
    );
    let release = flow["jobs"]["release"]["steps"]
        .as_vec()
        .expect("release steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<String>();
    assert!(
        release.contains("gh release upload") && release.contains("gh release create"),
        "{release}"
    );
}
