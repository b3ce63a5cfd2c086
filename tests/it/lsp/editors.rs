//! Real clients: headless Neovim with its built-in LSP client, and pygls' `LanguageClient`
//! from PyPI. Outside CI a missing tool skips the test with a reason; in CI `.ci/run` installs
//! Neovim (Debian's `neovim`) and pygls (in a virtual environment it names with
//! `PLANLINT_PYTHON`), and the tests must run.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{available, no_housing, repo, repository};

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

/// The first fenced block with info string `info` in the README section headed `heading`,
/// and the section's text.
fn readme_block(heading: &str, info: &str) -> (String, String) {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    let section = readme
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the README has a section `{heading}`"))
        .1;
    let section = section
        .split("\n### ")
        .next()
        .expect("the section")
        .to_owned();
    let block = section
        .split_once(&format!("```{info}\n"))
        .unwrap_or_else(|| panic!("a `{info}` block under `{heading}`"))
        .1
        .split_once("\n```")
        .expect("the block ends")
        .0
        .to_owned();
    (block + "\n", section)
}

/// `PATH` with the directory of the planlint built for the tests first, as an installed one
/// would be.
fn path_with_planlint() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_planlint"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin];
    dirs.extend(std::env::split_paths(&path));
    std::env::join_paths(dirs).expect("PATH")
}

#[test]
fn the_readme_neovim_config_works_as_written() {
    let ok = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(ok, "Neovim (`nvim`)") {
        return;
    }
    let (config, section) = readme_block("### Neovim", "lua");
    let place = "~/.config/nvim/after/ftplugin/markdown.lua";
    assert!(section.contains(&format!("`{place}`")), "{section}");
    // The config where the README puts it, under a home of the test's own; the plans a folder
    // below their `planlint.toml`, so the root is found by looking up.
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join(".config/nvim/after/ftplugin/markdown.lua");
    std::fs::create_dir_all(file.parent().unwrap()).expect("dirs");
    std::fs::write(&file, &config).expect("config");
    // A placeholder: the second plan has a finding to wait for too.
    let second = format!("{}\nTODO: kontaktuppgifter.\n", crate::support::compliant());
    // A folder named as municipal shares name them: a space and a comma.
    let dir = repo(&[
        ("Plan 2028, KoF/planlint.toml", "lang = \"en\"\n"),
        ("Plan 2028, KoF/planer/kultur.md", &no_housing()),
        ("Plan 2028, KoF/planer/social.md", &second),
        ("probe.lua", include_str!("neovim_readme.lua")),
    ]);
    let probe = dir.path().join("probe.lua");
    let root = dir
        .path()
        .join("Plan 2028, KoF")
        .canonicalize()
        .expect("root");
    let out = root.join("neovim.json");
    let run = run_bounded(
        Command::new("nvim")
            .args(["--headless", "-i", "NONE", "-n", "kultur.md"])
            .arg("-c")
            .arg(format!("luafile {}", probe.display()))
            .current_dir(root.join("planer"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join(".config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("PATH", path_with_planlint())
            .env("PLANLINT_OUT", &out)
            .env("PLANLINT_SECOND", root.join("planer/social.md")),
    );
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "Neovim wrote nothing: {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let got: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(got["waited"], true, "{got:#}");
    let first = &got["diagnostics"][0];
    assert_eq!(first["source"], "planlint", "{got:#}");
    assert!(
        got["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["lnum"] == 21
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("the plan has no section on `Housing`"))),
        "{got:#}"
    );
    // One server for both plans, rooted where the config is.
    assert_eq!(got["second_waited"], true, "{got:#}");
    let clients = got["clients"].as_array().expect("clients");
    assert_eq!(clients.len(), 1, "{got:#}");
    assert_eq!(clients[0]["name"], "planlint");
    assert_eq!(
        clients[0]["root"],
        root.to_string_lossy().as_ref(),
        "{got:#}"
    );
    // K is the hover, not `man`.
    let hover: Vec<&str> = got["hover"]
        .as_array()
        .expect("hover")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        hover.iter().any(|l| l.contains("Policy clause:")),
        "K opened no hover: {got:#}"
    );
}

#[test]
fn the_readme_helix_config_starts_planlint_as_helix_would() {
    // Helix is in no package registry this project's CI reaches (Debian 12 has none), so the
    // config is read as Helix reads `languages.toml` and its server started as Helix starts it:
    // the command on `PATH` with the args, spoken to over stdio with the language id
    // `markdown`.
    let (config, _) = readme_block("### Helix", "toml");
    let toml: toml::Table = toml::from_str(&config).expect("the README's Helix config is TOML");
    let known_server = [
        "command",
        "args",
        "config",
        "environment",
        "timeout",
        "required-root-patterns",
    ];
    let server = toml["language-server"]["planlint"]
        .as_table()
        .expect("[language-server.planlint]");
    for key in server.keys() {
        assert!(
            known_server.contains(&key.as_str()),
            "Helix knows no `{key}`"
        );
    }
    let languages = toml["language"].as_array().expect("[[language]]");
    assert_eq!(languages.len(), 1, "{config}");
    let markdown = languages[0].as_table().expect("table");
    assert_eq!(markdown["name"].as_str(), Some("markdown"));
    let servers: Vec<&str> = markdown["language-servers"]
        .as_array()
        .expect("language-servers")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(servers.contains(&"planlint"), "{servers:?}");
    let command = server["command"].as_str().expect("command");
    let args: Vec<&str> = server["args"]
        .as_array()
        .expect("args")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let dir = repo(&[
        ("planlint.toml", "lang = \"en\"\n"),
        ("plan.md", &no_housing()),
    ]);
    let mut started = Command::new(command);
    started.args(&args).env("PATH", path_with_planlint());
    let mut server = super::client::Server::spawn(dir.path(), started);
    let init = server.initialize(dir.path(), serde_json::json!({}));
    assert_eq!(init["serverInfo"]["name"], "planlint", "{init:#}");
    let uri = super::client::uri(&dir.path().join("plan.md"));
    server.open(&uri, &no_housing());
    let found = server.diagnostics(&uri, 1);
    assert!(found.iter().any(|d| d["code"] == "IP002"), "{found:#?}");
    assert!(server.shutdown_and_exit().success());
}
