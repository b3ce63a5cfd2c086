//! Real clients: headless Neovim with its built-in LSP client, and pygls' `LanguageClient`
//! from PyPI. Outside CI a missing tool skips the test with a reason; in CI `.ci/run` installs
//! Neovim (Debian's `neovim`) and pygls (in a virtual environment it names with
//! `PLANLINT_PYTHON`), and the tests must run.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{available, no_housing, repo};

/// Runs `command` to its end, killing it after two minutes.
fn run_bounded(command: &mut Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn headless_neovim_shows_the_diagnostic() {
    let ok = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(ok, "Neovim (`nvim`)") {
        return;
    }
    // The example plan without Bostäder, and a placeholder after an emoji on its last line.
    let plan = format!(
        "{}\nUppföljning av boendet 🏠 sker i december. TODO\n",
        no_housing()
    );
    let dir = repo(&[
        ("planlint.toml", "lang = \"en\"\n"),
        ("plan.md", &plan),
        ("neovim.lua", include_str!("neovim.lua")),
    ]);
    let out = dir.path().join("diagnostics.json");
    let run = run_bounded(
        Command::new("nvim")
            .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "plan.md"])
            .args(["-c", "luafile neovim.lua"])
            .current_dir(dir.path())
            .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
            .env("PLANLINT_OUT", &out)
            .env("PLANLINT_ROOT", dir.path()),
    );
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "Neovim wrote no diagnostics: {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let got: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(got["waited"], true, "{got:#}");
    let diagnostics = got["diagnostics"].as_array().expect("diagnostics");
    let ip002 = diagnostics
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("the plan has no section on `Housing`"))
        })
        .unwrap_or_else(|| panic!("{got:#}"));
    // Line 22 of the plan (0-based in Neovim), an error, from planlint.
    assert_eq!(ip002["lnum"], 21, "{ip002:#}");
    assert_eq!(ip002["severity"], 1, "{ip002:#}");
    assert_eq!(ip002["source"], "planlint", "{ip002:#}");
    // Neovim turns the UTF-16 columns into bytes: the placeholder after the emoji is where
    // its bytes are.
    let last = plan.lines().count() - 1;
    let line = plan.lines().last().expect("last line");
    let todo = diagnostics
        .iter()
        .find(|d| d["lnum"] == last && d["message"].as_str().is_some_and(|m| m.contains("TODO")))
        .unwrap_or_else(|| panic!("{got:#}"));
    assert_eq!(todo["col"], line.find("TODO").expect("TODO"), "{todo:#}");
    assert_eq!(todo["end_col"], line.len(), "{todo:#}");
}

/// The Python with pygls: `PLANLINT_PYTHON` (set by `.ci/run`), else `python3`.
fn python_with_pygls() -> Option<String> {
    let python = std::env::var("PLANLINT_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let ok = Command::new(&python)
        .args(["-c", "import pygls.lsp.client, lsprotocol.types"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, &format!("`{python}` with pygls (set PLANLINT_PYTHON)")).then_some(python)
}

#[test]
fn pygls_language_client_reads_diagnostics_actions_hover_and_symbols() {
    let Some(python) = python_with_pygls() else {
        return;
    };
    let dir = repo(&[
        ("planlint.toml", "lang = \"en\"\n"),
        ("plan.md", &no_housing()),
        ("client.py", include_str!("pygls_client.py")),
    ]);
    let root = dir.path().canonicalize().expect("root");
    let plan = root.join("plan.md");
    let run = run_bounded(
        Command::new(&python)
            .arg(root.join("client.py"))
            .arg(env!("CARGO_BIN_EXE_planlint"))
            .arg(&root)
            .arg(&plan)
            .current_dir(Path::new(&root)),
    );
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let got: Value = serde_json::from_slice(&run.stdout).expect("the client prints JSON");
    assert_eq!(got["server"], "planlint");
    // Incremental sync.
    assert_eq!(got["sync"], 2);
    let ip002 = got["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "IP002")
        .unwrap_or_else(|| panic!("{got:#}"));
    assert_eq!(ip002["line"], 21);
    assert!(ip002["message"]
        .as_str()
        .unwrap()
        .starts_with("the plan has no section on `Housing`"));
    assert_eq!(
        got["actions"],
        serde_json::json!(["Add the section `### Bostäder`"])
    );
    assert!(
        got["hover"].as_str().unwrap().contains("Policy clause:"),
        "{got:#}"
    );
    let symbols: Vec<&str> = got["symbols"]
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(symbols.contains(&"front matter"), "{symbols:?}");
}
