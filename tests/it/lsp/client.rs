//! A small JSON-RPC client that drives `planlint lsp` as an editor would: frames with
//! `Content-Length`, requests answered by id, notifications kept in order until a test asks.
// Parameters are built with `json!` at the call and given away: by value reads best.
#![allow(clippy::needless_pass_by_value)]

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long a test waits for one message before it fails.
pub const WAIT: Duration = Duration::from_secs(30);

/// A running `planlint lsp`.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    queue: VecDeque<Value>,
    next_id: i64,
}

impl Server {
    /// Starts `planlint lsp` (with `args` before `lsp`) in `dir`, linting after every change.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        Server::start_with_env(dir, args, &[("PLANLINT_LSP_DEBOUNCE_MS", "0")])
    }

    /// Starts it with these environment variables.
    pub fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_planlint"));
        command
            .args(args)
            .arg("lsp")
            .env_remove("PLANLINT_LSP_DEBOUNCE_MS");
        for (k, v) in env {
            command.env(k, v);
        }
        Server::spawn(dir, command)
    }

    /// Starts `command` (a language server: `planlint lsp`, however an editor names it) in
    /// `dir`.
    pub fn spawn(dir: &Path, mut command: Command) -> Server {
        command
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = command.spawn().expect("planlint lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            queue: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Writes raw bytes to the server.
    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    /// Sends one message.
    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// The next message from the server (`None` after `WAIT`, or when it closed its output).
    pub fn next(&mut self) -> Option<Value> {
        self.queue
            .pop_front()
            .or_else(|| self.rx.recv_timeout(WAIT).ok())
    }

    /// Sends a request and returns the response to it (the whole message, `result` or
    /// `error`); notifications that come first are kept.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// Waits for the response with `id`.
    pub fn response(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no response to request {id}"));
            if message.get("method").is_none() && message.get("id") == Some(id) {
                return message;
            }
            self.queue.push_back(message);
        }
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for a notification of `method` that `accept` takes, dropping the others of that
    /// method before it; returns its params.
    pub fn wait_for(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            if let Some(at) = self
                .queue
                .iter()
                .position(|m| m["method"] == method && accept(&m["params"]))
            {
                let m = self.queue.remove(at).expect("queued");
                self.queue.retain(|q| q["method"] != method);
                return m["params"].clone();
            }
            let Ok(message) = self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                panic!("no `{method}` notification that fits; saw {seen:#?}");
            };
            if message["method"] == method {
                seen.push(message.clone());
            }
            self.queue.push_back(message);
        }
    }

    /// The diagnostics published for `uri` at document version `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        params["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .clone()
    }

    /// `initialize` (with `root` as the workspace folder and these initialization options) and
    /// `initialized`; returns the result.
    pub fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let root = uri(root);
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "plans"}],
                "initializationOptions": options,
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                        "publishDiagnostics": {"relatedInformation": true, "versionSupport": true}
                    }
                }
            }),
        );
        self.notify("initialized", json!({}));
        response["result"].clone()
    }

    /// Opens `text` as the Markdown document `uri`, version 1.
    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// Replaces `range` of `uri` by `text` as version `version`.
    pub fn change(&mut self, uri: &str, version: i64, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range, "text": text}]
            }),
        );
    }

    /// `shutdown`, then `exit`; returns how the process ended.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end (closing its input if it has not).
    pub fn wait(mut self) -> ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "planlint lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The most memory the server has held so far (its peak resident set), in KiB, where the
    /// system tells (Linux).
    pub fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Closes the server's input, as a client that went away.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

/// The `file:` URI of an absolute path, every byte outside `A–Z a–z 0–9 - . _ ~ /`
/// percent-encoded.
pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().expect("UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The LSP position (UTF-16 columns) of byte `at` of `text`, whose lines end with `\n`.
pub fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[start..].encode_utf16().count()})
}

/// The byte offset of an LSP position in `text` (lines end with `\n`).
pub fn offset(text: &str, position: &Value) -> usize {
    let line = usize::try_from(position["line"].as_u64().expect("line")).expect("line");
    let column = usize::try_from(position["character"].as_u64().expect("character")).expect("col");
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= column || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with one LSP text edit applied.
pub fn apply(text: &str, edit: &Value) -> String {
    let start = offset(text, &edit["range"]["start"]);
    let end = offset(text, &edit["range"]["end"]);
    let mut out = text.to_owned();
    out.replace_range(start..end, edit["newText"].as_str().expect("newText"));
    out
}
