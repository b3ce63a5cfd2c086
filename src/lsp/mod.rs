//! The language server, `planlint lsp`: live diagnostics in editors over stdio.
//!
//! Protocol glue only: the verdict on a plan comes from [`crate::run::check_bytes`], with the
//! config and packs `check` would use for it ([`workspace`]), so the editor shows what `check`
//! prints. The loop reads messages from a thread of their own ([`transport`]), keeps the open
//! documents in step with incremental changes ([`documents`]), and lints a changed plan after a
//! quiet spell (150 ms, at most 600 ms while typing goes on; `debounceMs` in
//! `initializationOptions` or `PLANLINT_LSP_DEBOUNCE_MS` changes it, 0 lints after every
//! change). Diagnostics ([`convert`]), hover ([`hover`]), quick fixes ([`actions`]) and the
//! outline ([`symbols`]) each have their file; the message handlers are in [`handlers`].
//!
//! Every bad input gets a JSON-RPC error or a log message, never a crash; `exit` after
//! `shutdown` ends the process with 0, as the protocol asks, and with 1 otherwise.

mod actions;
mod capabilities;
mod convert;
mod documents;
mod handlers;
mod hover;
mod symbols;
mod transport;
mod workspace;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Response};
use lsp_types::{MessageType, PublishDiagnosticsParams, ShowMessageParams, Uri};

use crate::i18n::Lang;
use documents::{Debounce, Documents, Kind};
use transport::Incoming;
pub(crate) use workspace::ConfigChoice;
use workspace::Workspaces;

/// How `planlint lsp` was started: the global flags that choose configs, packs and language.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// `--config`, `--isolated` or neither.
    pub(crate) choice: ConfigChoice,
    /// `--rules` packs.
    pub(crate) extra: Vec<PathBuf>,
    /// `--lang`, which wins over every config's `lang`.
    pub(crate) lang: Option<Lang>,
}

/// How the server ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// `exit` after `shutdown`: exit code 0.
    AfterShutdown,
    /// `exit` without `shutdown`, or the input ended: exit code 1.
    WithoutShutdown,
}

/// The environment variable that sets the debounce in milliseconds (0: none).
pub(crate) const DEBOUNCE_ENV: &str = "PLANLINT_LSP_DEBOUNCE_MS";

/// How often the files of loaded configs and packs are looked at for changes.
const POLL: Duration = Duration::from_secs(1);

/// Serves the protocol on `input` and `out` until `exit` or the end of input.
pub(crate) fn serve(
    options: Options,
    input: impl Read + Send + 'static,
    out: &mut dyn Write,
) -> io::Result<Exit> {
    let incoming = transport::spawn_reader(input)?;
    let debounce = std::env::var(DEBOUNCE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(Debounce::DEFAULT, Debounce::millis);
    let mut server = Server {
        out,
        phase: Phase::Waiting,
        docs: Documents::default(),
        workspaces: Workspaces::new(options.choice, &options.extra, options.lang),
        debounce,
        lang: options.lang.unwrap_or_default(),
        markdown_hover: false,
        hierarchical_symbols: false,
        shown: Vec::new(),
        error_files: HashMap::new(),
        last_poll: Instant::now(),
    };
    server.run(&incoming)
}

/// Where the conversation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Waiting,
    /// Between `initialize` and `shutdown`.
    Running,
    /// After `shutdown`, waiting for `exit`.
    ShutDown,
}

/// The server's state.
struct Server<'o> {
    out: &'o mut dyn Write,
    phase: Phase,
    docs: Documents,
    workspaces: Workspaces,
    debounce: Debounce,
    /// The language of messages that belong to no plan (a config that cannot be read).
    lang: Lang,
    /// Whether the client shows Markdown in hovers.
    markdown_hover: bool,
    /// Whether the client takes a tree of symbols.
    hierarchical_symbols: bool,
    /// Errors already shown with `window/showMessage`, so one is not shown again on every
    /// keystroke.
    shown: Vec<String>,
    /// Open config and pack files with an error published on them, and the error's message.
    error_files: HashMap<String, String>,
    last_poll: Instant,
}

impl Server<'_> {
    fn run(&mut self, incoming: &Receiver<Incoming>) -> io::Result<Exit> {
        loop {
            let now = Instant::now();
            let next_poll = self.last_poll + POLL;
            let wake = self.docs.next_due().map_or(next_poll, |d| d.min(next_poll));
            let message = match incoming.recv_timeout(wake.saturating_duration_since(now)) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Incoming::End),
            };
            match message {
                Some(Incoming::Message(m)) => {
                    if let Some(exit) = self.handle(m)? {
                        return Ok(exit);
                    }
                }
                Some(Incoming::Malformed { id, code, message }) => {
                    transport::send_error(self.out, id, code, message.get(self.lang))?;
                }
                Some(Incoming::End) => return Ok(Exit::WithoutShutdown),
                None => {}
            }
            if self.phase == Phase::Running {
                for uri in self.docs.due(Instant::now()) {
                    self.lint(&uri)?;
                }
                if self.last_poll.elapsed() >= POLL {
                    self.poll()?;
                }
            }
        }
    }

    fn handle(&mut self, message: Message) -> io::Result<Option<Exit>> {
        match message {
            Message::Request(r) => {
                let id = r.id.clone();
                let response = match self.request(r) {
                    Ok(value) => Response::new_ok(id, value),
                    Err((code, text)) => Response::new_err(id, code as i32, text),
                };
                self.send(&Message::Response(response))?;
                Ok(None)
            }
            Message::Notification(n) => self.notification(n),
            // planlint sends no requests, so a response answers nothing.
            Message::Response(_) => Ok(None),
        }
    }

    /// Writes a message.
    fn send(&mut self, message: &Message) -> io::Result<()> {
        transport::send(self.out, message)
    }

    /// Sends notification `N`: its method and the type of its parameters go together.
    fn notify<N: lsp_types::notification::Notification>(
        &mut self,
        params: N::Params,
    ) -> io::Result<()> {
        self.send(&Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )))
    }

    /// A line in the client's log (for notifications, which get no answer).
    fn log(&mut self, kind: MessageType, message: String) -> io::Result<()> {
        self.notify::<lsp_types::notification::LogMessage>(lsp_types::LogMessageParams {
            typ: kind,
            message,
        })
    }

    fn publish(
        &mut self,
        uri: &Uri,
        version: Option<i32>,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) -> io::Result<()> {
        self.notify::<lsp_types::notification::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        })
    }

    /// Lints the plan at `uri` now and publishes its diagnostics.
    fn lint(&mut self, uri: &Uri) -> io::Result<()> {
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        doc.due = None;
        if doc.kind != Kind::Plan {
            return Ok(());
        }
        let config = self.workspaces.config_for(doc.path.as_deref());
        doc.config = Some(config.clone());
        let entry = self.workspaces.entry(&config);
        let (version, diagnostics, broken) = match &entry.state {
            Err(e) => {
                doc.last = None;
                let key = format!("{}: {}", e.path, e.message.en);
                let shown = format!(
                    "planlint: {} `{}`: {}",
                    self.lang.pick("kan inte använda", "cannot use"),
                    convert::near_path(&e.path, doc.path.as_deref()),
                    e.message.get(self.lang)
                );
                (
                    doc.version,
                    vec![convert::plan_not_checked(e, doc.path.as_deref(), self.lang)],
                    Some((key, shown)),
                )
            }
            Ok(ready) => {
                let mut analysis = handlers::check(ready, doc);
                // Kept while the plan is open: only its own words.
                if let Some(document) = analysis.document.as_mut() {
                    document.keep_alone();
                }
                let lang = ready.settings.lang.value;
                let diagnostics = convert::diagnostics(&analysis.checked, &doc.uri, lang);
                doc.last = Some(analysis);
                (doc.version, diagnostics, None)
            }
        };
        self.publish(uri, Some(version), diagnostics)?;
        if let Some((key, shown)) = broken {
            if !self.shown.contains(&key) {
                self.shown.push(key);
                self.notify::<lsp_types::notification::ShowMessage>(ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: shown,
                })?;
            }
        }
        self.sync_error_files()
    }

    /// Publishes each config or pack error on its file, when the editor has that file open,
    /// and clears the ones that are gone.
    fn sync_error_files(&mut self) -> io::Result<()> {
        let mut now: HashMap<String, (Uri, lsp_types::Diagnostic)> = HashMap::new();
        for e in self.workspaces.errors() {
            if let Some(doc) = self.docs.by_path(std::path::Path::new(&e.path)) {
                let d = convert::pack_error(e, self.lang);
                now.insert(doc.uri.as_str().to_owned(), (doc.uri.clone(), d));
            }
        }
        let gone: Vec<String> = self
            .error_files
            .keys()
            .filter(|k| !now.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            self.error_files.remove(&key);
            if let Ok(uri) = key.parse::<Uri>() {
                self.publish(&uri, None, Vec::new())?;
            }
        }
        for (key, (uri, d)) in now {
            if self.error_files.get(&key) != Some(&d.message) {
                self.error_files.insert(key, d.message.clone());
                self.publish(&uri, None, vec![d])?;
            }
        }
        // A fixed config may be broken again later: say so again then.
        let live: Vec<String> = self
            .workspaces
            .errors()
            .map(|e| format!("{}: {}", e.path, e.message.en))
            .collect();
        self.shown.retain(|k| live.contains(k));
        Ok(())
    }

    /// Looks for changed configs and packs (and configs that appeared or went away), and
    /// lints again every plan judged by one.
    fn poll(&mut self) -> io::Result<()> {
        self.last_poll = Instant::now();
        let stale = self.workspaces.drop_stale();
        let now = Instant::now();
        for doc in self.docs.iter_mut() {
            if doc.kind != Kind::Plan {
                continue;
            }
            let config = self.workspaces.config_for(doc.path.as_deref());
            if stale || doc.config.as_ref() != Some(&config) {
                doc.due = Some(documents::Due {
                    quiet_until: now,
                    deadline: now,
                });
            }
        }
        for uri in self.docs.due(now) {
            self.lint(&uri)?;
        }
        if stale {
            self.sync_error_files()?;
        }
        Ok(())
    }
}

/// A failed request: the JSON-RPC error code and the message.
type Failure = (ErrorCode, String);
