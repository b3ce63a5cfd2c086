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
    run_in(dir, home, bin, &[], args)
}

/// [`run`] with no planlint put on `PATH`, and `env` set.
fn run_with(dir: &Path, home: &Path, env: &[(&str, &str)], args: &[&str]) -> (Output, String) {
    run_in(dir, home, None, env, args)
}

fn run_in(
    dir: &Path,
    home: &Path,
    bin: Option<&Path>,
    env: &[(&str, &str)],
    args: &[&str],
) -> (Output, String) {
    let mut cmd = Command::new(pre_commit());
    cmd.envs(env.iter().copied());
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
fn the_readme_pins_the_release_tag_of_this_version_and_the_hooks_it_names() {
    // A release is tagged `v` + the crate's version (.github/workflows/release.yml), so the
    // `rev:` that names this version cannot drift from the planlint CI installs.
    let version = env!("CARGO_PKG_VERSION");
    let (_, pinned) = snippet_here("HEAD", None);
    assert_eq!(
        pinned,
        format!("v{version}"),
        "the README's pre-commit snippet pins `rev: {pinned}`, but Cargo.toml says version \
         {version}, which is released as the tag `v{version}`; pin that"
    );
    // Every other place that names the version to install names this one.
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    let ci = [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
    ]
    .map(|f| std::fs::read_to_string(repository().join(f)).expect("CI example"));
    let mut pins = 0;
    for text in std::iter::once(&readme).chain(&ci) {
        for (at, _) in text.match_indices("planlint==") {
            let pin: String = text[at + "planlint==".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            assert_eq!(
                pin, version,
                "`planlint=={pin}` where Cargo.toml says {version}"
            );
            pins += 1;
        }
    }
    assert!(pins >= 4, "only {pins} pinned installs found");
    assert!(
        readme.contains(&format!("--tag v{version}")),
        "the README's cargo install from git names no `--tag v{version}`"
    );
    let release = std::fs::read_to_string(repository().join(".github/workflows/release.yml"))
        .expect("release.yml");
    assert!(
        release.contains("tags: [\"v*\"]") && release.contains("\"v$version\""),
        "{release}"
    );
    let hooks =
        std::fs::read_to_string(repository().join(".pre-commit-hooks.yaml")).expect("hooks");
    for id in ["planlint", "planlint-system"] {
        assert!(hooks.contains(&format!("- id: {id}\n")), "`{id}`:\n{hooks}");
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
            "the hook runs `{}`, which lets a file name be read as an option",
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
    let opening: String = readme.lines().take(100).collect::<Vec<_>>().join("\n");
    for line in [
        "pipx install planlint==",
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
fn the_release_workflow_builds_binaries_and_wheels_for_linux_windows_and_macos() {
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
    // The wheels: the same three systems, the binary in each (`--bindings bin`), to PyPI.
    let wheels = &flow["jobs"]["wheels"];
    let targets: Vec<&str> = wheels["strategy"]["matrix"]["include"]
        .as_vec()
        .expect("a matrix of wheels")
        .iter()
        .filter_map(|m| m["target"].as_str())
        .collect();
    for os in ["linux", "windows", "apple-darwin"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    let maturin = wheels["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("PyO3/maturin-action"))
        })
        .expect("maturin builds the wheels");
    assert!(
        maturin["with"]["args"]
            .as_str()
            .is_some_and(|a| a.contains("--bindings bin") && a.contains("--release")),
        "{maturin:?}"
    );
    let publish = &flow["jobs"]["pypi"];
    assert!(
        publish["steps"]
            .as_vec()
            .expect("steps")
            .iter()
            .any(|s| s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("pypa/gh-action-pypi-publish"))),
        "the wheels go to PyPI"
    );
    // On main, a version with no tag yet is released, and the tag made; one run at a time,
    // so two pushes never release one version twice.
    assert_eq!(flow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert!(flow["concurrency"]["group"].as_str().is_some(), "{text}");
    assert_eq!(
        flow["concurrency"]["cancel-in-progress"].as_bool(),
        Some(false)
    );
    // Runner images GitHub has retired never start.
    for retired in ["macos-13", "macos-12", "ubuntu-20.04"] {
        assert!(!text.contains(retired), "{retired}");
    }
}

/// Whether maturin is there (`python -m maturin`; `.ci/run` installs it beside the other
/// Python tools), see [`available`].
fn have_maturin() -> bool {
    let ok = Command::new(crate::support::python())
        .args(["-m", "maturin", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        ok,
        &format!("maturin (`{} -m maturin`)", crate::support::python()),
    )
}

/// The wheel maturin builds of this checkout (`bindings = bin`: the binary in a wheel, as the
/// release workflow builds it, without `--release` to build in half the time), built once per
/// test run in a target directory of its own beside the tests' (cargo must not wait for the
/// lock of the build running the tests) and with no network.
fn wheel() -> &'static Path {
    static WHEEL: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    WHEEL.get_or_init(|| {
        let target = built_planlint()
            .parent()
            .expect("the target directory")
            .join("wheel");
        let dist = target.join("dist");
        let _ = std::fs::remove_dir_all(&dist);
        let out = Command::new(crate::support::python())
            .args([
                "-m",
                "maturin",
                "build",
                "--bindings",
                "bin",
                "--locked",
                "--strip",
            ])
            .arg("--manifest-path")
            .arg(repository().join("Cargo.toml"))
            .arg("--out")
            .arg(&dist)
            .arg("--target-dir")
            .arg(target.join("build"))
            .env_remove("CARGO_TARGET_DIR")
            .env("CARGO_NET_OFFLINE", "true")
            .output()
            .expect("maturin runs");
        assert!(
            out.status.success(),
            "maturin build: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
            .expect("dist")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "whl"))
            .collect();
        assert_eq!(wheels.len(), 1, "{wheels:?}");
        let name = wheels[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!("planlint-{}-py3-none-", env!("CARGO_PKG_VERSION"))),
            "{name}"
        );
        wheels[0].clone()
    })
}

#[test]
fn the_wheel_installs_with_no_network_and_checks_the_examples() {
    if !have_maturin() {
        return;
    }
    let wheel = wheel();
    let venv = tempfile::tempdir().expect("tempdir");
    let made = Command::new(crate::support::python())
        .args(["-m", "venv"])
        .arg(venv.path())
        .output()
        .expect("venv");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let pip = Command::new(venv.path().join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(wheel)
        .output()
        .expect("pip");
    assert!(
        pip.status.success(),
        "{}",
        String::from_utf8_lossy(&pip.stderr)
    );
    let installed = venv.path().join("bin/planlint");
    let version = Command::new(&installed)
        .arg("--version")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("planlint {}", env!("CARGO_PKG_VERSION"))
    );
    // The examples, checked by the installed planlint as by the one cargo built for the tests.
    let dir = tempfile::tempdir().expect("tempdir");
    crate::support::copy_tree(&crate::support::root().join("examples"), dir.path());
    for args in [
        vec!["check", "plans/kultur-och-fritid.md"],
        vec!["check", "--format", "short", "plans"],
    ] {
        let got = Command::new(&installed)
            .args(&args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("runs");
        let want = planlint_in(dir.path(), &args, "");
        assert_eq!(got.status.code(), Some(1), "{args:?}");
        assert_eq!(got.status.code(), want.status.code(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "{args:?}"
        );
    }
}

/// The README's hook that installs planlint from PyPI: the pre-commit section's `yaml` block
/// with `repo: local`.
fn readme_wheel_hook() -> String {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    let section = readme
        .split_once("\n### pre-commit\n")
        .expect("the README has a pre-commit section")
        .1;
    section
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split_once("\n```").expect("the yaml block ends").0)
        .find(|b| b.contains("repo: local"))
        .expect("a `repo: local` hook in the pre-commit section")
        .to_owned()
        + "\n"
}

#[test]
fn the_readme_hook_from_pypi_installs_the_wheel_in_seconds_and_gates_the_commit() {
    if !have_pre_commit() || !have_maturin() {
        return;
    }
    let config = readme_wheel_hook();
    let wheel = wheel();
    let dir = plans_repository(
        &config,
        &[
            ("planer/kultur.md", &no_housing()),
            ("planer/social.md", &compliant()),
        ],
    );
    let home = tempfile::tempdir().expect("tempdir");
    // pip inside pre-commit finds `planlint==VERSION` in the wheel's folder instead of on PyPI,
    // and nowhere else; the placeholder package pre-commit installs beside it is built with the
    // setuptools its environment has (with a network, pip would fetch one).
    let links = wheel.parent().expect("dist").to_string_lossy().into_owned();
    let env = [
        ("PIP_NO_INDEX", "1"),
        ("PIP_FIND_LINKS", links.as_str()),
        // pip reads this variable inverted: "0" turns build isolation off, so the placeholder
        // is built with the environment's own setuptools.
        ("PIP_NO_BUILD_ISOLATION", "0"),
    ];
    let (bad, text) = run_with(
        dir.path(),
        home.path(),
        &env,
        &["run", "--files", "planer/kultur.md"],
    );
    assert_eq!(bad.status.code(), Some(1), "{config}\n{text}");
    assert!(
        text.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{text}"
    );
    let (good, text) = run_with(
        dir.path(),
        home.path(),
        &env,
        &["run", "--files", "planer/social.md"],
    );
    assert!(good.status.success(), "{text}");
    assert!(text.contains("Passed"), "{text}");
}
