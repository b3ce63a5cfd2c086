//! The message handlers: `initialize` and `shutdown`, the document notifications, and the
//! requests for hover, code actions and symbols.
//!
//! A request before `initialize` is refused (`ServerNotInitialized`), one after `shutdown`
//! too (`InvalidRequest`); an unknown method is `MethodNotFound`; parameters that do not fit
//! the method are `InvalidParams`, and so is a request about a document the editor has not
//! opened. A notification cannot be answered: a bad one is written to the client's log.

use std::path::Path;
use std::time::Instant;

use lsp_server::{ErrorCode, Notification, Request};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit as ExitNotification, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, HoverRequest, Initialize, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentSymbolParams, HoverParams,
    InitializeParams, InitializeResult, MarkupKind, MessageType, ServerInfo, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::capabilities::{capabilities, ANSWERED};
use super::documents::{self, Debounce, Doc, Kind};
use super::workspace::{ConfigKey, Ready};
use super::{actions, hover, symbols, Exit, Failure, Phase, Server};
use crate::discover::Skipped;
use crate::i18n::Lang;
use crate::run::Analysis;
use crate::source::utf16_offset;
use crate::verdict::Verdict;

/// Analyses an open plan as `check` checks the file: the same verdict, binary data and a file
/// the config leaves out reported the same way.
pub(super) fn check(ready: &Ready, doc: &Doc) -> Analysis {
    let verdict = Verdict::new(&ready.rules, &ready.settings);
    let shown = doc
        .path
        .as_ref()
        .map_or_else(|| doc.uri.as_str().to_owned(), |p| p.display().to_string());
    if let Some(path) = &doc.path {
        if let Some(why) = ready.settings.leaves_out(path) {
            let skipped = Skipped {
                path: path.clone(),
                why,
                named: true,
            };
            if let Some(finding) = crate::run::skipped_finding(0, &skipped, &verdict) {
                return Analysis::left_out(finding);
            }
        }
    }
    crate::run::analyse_bytes(&verdict, 0, shown, doc.text.clone().into_bytes())
}

fn params<P: DeserializeOwned>(value: Value, lang: Lang) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| {
        let why = lang.pick(
            "parametrarna passar inte metoden",
            "the parameters do not fit the method",
        );
        (ErrorCode::InvalidParams, format!("{why}: {e}"))
    })
}

fn to_value(v: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

impl Server<'_> {
    /// Answers one request.
    pub(super) fn request(&mut self, r: Request) -> Result<Value, Failure> {
        let lang = self.lang;
        match (self.phase, r.method.as_str()) {
            (Phase::Waiting, m) if m == Initialize::METHOD => self.initialize(r.params),
            (Phase::Waiting, _) => Err((
                ErrorCode::ServerNotInitialized,
                lang.pick(
                    "servern är inte initierad: skicka `initialize` först",
                    "the server has not been initialized: send `initialize` first",
                )
                .to_owned(),
            )),
            (Phase::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                lang.pick(
                    "servern är avstängd: bara `exit` återstår",
                    "the server is shut down: only `exit` is left",
                )
                .to_owned(),
            )),
            (Phase::Running, m) if m == Initialize::METHOD => Err((
                ErrorCode::InvalidRequest,
                lang.pick(
                    "servern är redan initierad",
                    "the server is already initialized",
                )
                .to_owned(),
            )),
            (Phase::Running, m) if m == Shutdown::METHOD => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, m) if ANSWERED.contains(&m) => self.answer(m, r.params),
            (Phase::Running, method) => Err((
                ErrorCode::MethodNotFound,
                format!(
                    "{} `{method}`",
                    lang.pick("planlint hanterar inte", "planlint does not handle")
                ),
            )),
        }
    }

    /// Answers one of the [`ANSWERED`] requests (after `initialize`).
    fn answer(&mut self, method: &str, raw: Value) -> Result<Value, Failure> {
        let lang = self.lang;
        match method {
            m if m == HoverRequest::METHOD => {
                let p: HoverParams = params(raw, lang)?;
                let position = p.text_document_position_params.position;
                let uri = p.text_document_position_params.text_document.uri;
                let markdown = self.markdown_hover;
                self.with_plan(&uri, |ready, analysis| {
                    let at = utf16_offset(
                        &analysis.checked.source.text,
                        position.line as usize,
                        position.character as usize,
                    );
                    to_value(hover::hover(ready, analysis, at, markdown))
                })
            }
            m if m == CodeActionRequest::METHOD => {
                let p: CodeActionParams = params(raw, lang)?;
                let uri = p.text_document.uri;
                self.with_plan(&uri, |ready, analysis| {
                    let text = &analysis.checked.source.text;
                    let offset = |pos: lsp_types::Position| {
                        utf16_offset(text, pos.line as usize, pos.character as usize)
                    };
                    let (a, b) = (offset(p.range.start), offset(p.range.end));
                    to_value(actions::actions(ready, analysis, a.min(b)..a.max(b), &uri))
                })
            }
            m if m == DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = params(raw, lang)?;
                self.symbols(&p.text_document.uri)
            }
            // Not reached: ANSWERED lists only the methods above.
            other => Err((ErrorCode::MethodNotFound, other.to_owned())),
        }
    }

    fn initialize(&mut self, raw: Value) -> Result<Value, Failure> {
        let p: InitializeParams = params(raw, self.lang)?;
        let text = p.capabilities.text_document.as_ref();
        self.markdown_hover = text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| f.contains(&MarkupKind::Markdown));
        self.hierarchical_symbols = text
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|s| s.hierarchical_document_symbol_support)
            .unwrap_or(false);
        #[allow(deprecated)] // `root_uri` is the fallback for clients without folders
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(p.root_uri.clone());
        self.workspaces.root = root.as_ref().and_then(documents::file_path);
        if let Some(ms) = p
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("debounceMs"))
            .and_then(Value::as_u64)
        {
            self.debounce = Debounce::millis(ms);
        }
        self.phase = Phase::Running;
        to_value(InitializeResult {
            capabilities: capabilities(),
            server_info: Some(ServerInfo {
                name: "planlint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    /// Runs `f` on the open plan at `uri`, linted up to its latest change, and its config.
    fn with_plan(
        &mut self,
        uri: &Uri,
        f: impl FnOnce(&Ready, &Analysis) -> Result<Value, Failure>,
    ) -> Result<Value, Failure> {
        self.bring_up_to_date(uri)?;
        let doc = self.docs.get(uri).ok_or_else(|| unknown(uri, self.lang))?;
        let (Some(analysis), Some(config)) = (&doc.last, &doc.config) else {
            // Not a plan, or its config is broken: nothing to say.
            return Ok(Value::Null);
        };
        match &self.workspaces.entry(config).state {
            Ok(ready) => f(ready, analysis),
            Err(_) => Ok(Value::Null),
        }
    }

    /// Lints the document at `uri` now if a change is waiting.
    fn bring_up_to_date(&mut self, uri: &Uri) -> Result<(), Failure> {
        let doc = self.docs.get(uri).ok_or_else(|| unknown(uri, self.lang))?;
        if doc.kind == Kind::Plan && (doc.due.is_some() || doc.last.is_none()) {
            self.lint(uri)
                .map_err(|e| (ErrorCode::InternalError, e.to_string()))?;
        }
        Ok(())
    }

    fn symbols(&mut self, uri: &Uri) -> Result<Value, Failure> {
        self.bring_up_to_date(uri)?;
        let doc = self.docs.get(uri).ok_or_else(|| unknown(uri, self.lang))?;
        if doc.kind != Kind::Plan {
            return Ok(Value::Array(Vec::new()));
        }
        let source = crate::source::SourceFile::new(uri.as_str(), doc.text.clone());
        let config = self.workspaces.config_for(doc.path.as_deref());
        let ready = self.workspaces.entry(&config).state.as_ref().ok();
        let lang = ready.map_or(self.lang, |r| r.settings.lang.value);
        // The plan's one analysis, when its config could judge it; else its bare outline.
        let analysed = ready.zip(doc.last.as_ref()).and_then(|(r, a)| {
            let (doc, areas) = (a.document.as_ref()?, a.areas.as_ref()?);
            Some((r, doc, areas))
        });
        to_value(symbols::symbols(
            analysed,
            &source,
            lang,
            uri,
            self.hierarchical_symbols,
        ))
    }

    /// Handles one notification; `exit` ends the loop.
    pub(super) fn notification(&mut self, n: Notification) -> std::io::Result<Option<Exit>> {
        if n.method == ExitNotification::METHOD {
            return Ok(Some(if self.phase == Phase::ShutDown {
                Exit::AfterShutdown
            } else {
                Exit::WithoutShutdown
            }));
        }
        // Before `initialize` notifications are dropped, as the protocol asks; after
        // `shutdown` there is nothing left to do with them.
        if self.phase != Phase::Running {
            return Ok(None);
        }
        let method = n.method.clone();
        let result = match method.as_str() {
            m if m == DidOpenTextDocument::METHOD => self.did_open(n),
            m if m == DidChangeTextDocument::METHOD => self.did_change(n),
            m if m == DidSaveTextDocument::METHOD => self.did_save(n),
            m if m == DidCloseTextDocument::METHOD => self.did_close(n),
            m if m == DidChangeWatchedFiles::METHOD => self.poll().map_err(|e| e.to_string()),
            // `initialized`, `$/cancelRequest`, `$/setTrace`, configuration changes: nothing to do.
            _ => Ok(()),
        };
        if let Err(why) = result {
            self.log(
                MessageType::ERROR,
                format!(
                    "planlint: `{method}` {}: {why}",
                    self.lang.pick("kunde inte hanteras", "was not handled")
                ),
            )?;
        }
        Ok(None)
    }

    fn did_open(&mut self, n: Notification) -> Result<(), String> {
        let p: DidOpenTextDocumentParams = n
            .extract(DidOpenTextDocument::METHOD)
            .map_err(|e| e.to_string())?;
        let item = p.text_document;
        let uri = item.uri.clone();
        let doc = self
            .docs
            .open(item.uri, &item.language_id, item.version, item.text);
        let path = doc.path.clone();
        if doc.kind == Kind::Plan {
            self.lint(&uri).map_err(|e| e.to_string())?;
        } else if let Some(path) = path.filter(|p| is_config_name(p)) {
            // A config opened on its own: load it, so that its errors show.
            let _ = self.workspaces.entry(&ConfigKey(Some(path)));
            self.sync_error_files().map_err(|e| e.to_string())?;
        } else {
            self.sync_error_files().map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn did_change(&mut self, n: Notification) -> Result<(), String> {
        let p: DidChangeTextDocumentParams = n
            .extract(DidChangeTextDocument::METHOD)
            .map_err(|e| e.to_string())?;
        let uri = p.text_document.uri;
        self.docs
            .change(
                &uri,
                p.text_document.version,
                p.content_changes,
                self.debounce,
                Instant::now(),
            )
            .map(|_| ())
            .map_err(|_| not_open(&uri, self.lang))
    }

    fn did_save(&mut self, n: Notification) -> Result<(), String> {
        let p: DidSaveTextDocumentParams = n
            .extract(DidSaveTextDocument::METHOD)
            .map_err(|e| e.to_string())?;
        let uri = p.text_document.uri;
        let doc = self
            .docs
            .get(&uri)
            .ok_or_else(|| not_open(&uri, self.lang))?;
        if let Some(path) = doc.path.clone().filter(|p| is_config_name(p)) {
            let _ = self.workspaces.entry(&ConfigKey(Some(path)));
        }
        // A saved config or pack is loaded again; a saved plan is linted at once.
        self.poll().map_err(|e| e.to_string())?;
        if self.docs.get(&uri).is_some_and(|d| d.kind == Kind::Plan) {
            self.lint(&uri).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn did_close(&mut self, n: Notification) -> Result<(), String> {
        let p: DidCloseTextDocumentParams = n
            .extract(DidCloseTextDocument::METHOD)
            .map_err(|e| e.to_string())?;
        let uri = p.text_document.uri;
        self.docs
            .close(&uri)
            .ok_or_else(|| not_open(&uri, self.lang))?;
        self.error_files.remove(uri.as_str());
        self.publish(&uri, None, Vec::new())
            .map_err(|e| e.to_string())
    }
}

fn unknown(uri: &Uri, lang: Lang) -> Failure {
    (
        ErrorCode::InvalidParams,
        format!(
            "{}: {}",
            not_open(uri, lang),
            lang.pick(
                "skicka `textDocument/didOpen` först",
                "send `textDocument/didOpen` first"
            )
        ),
    )
}

fn not_open(uri: &Uri, lang: Lang) -> String {
    format!(
        "`{}` {}",
        uri.as_str(),
        lang.pick("är inte öppet i redigeraren", "is not open in the editor")
    )
}

fn is_config_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::FILE_NAMES.contains(&n))
}
