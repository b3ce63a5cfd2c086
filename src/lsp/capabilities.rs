//! What the server announces in `initialize`, and the requests it answers: kept side by side, so
//! a new request comes with its capability (a test holds the two together).

use lsp_types::request::{CodeActionRequest, DocumentSymbolRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    OneOf, PositionEncodingKind, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

/// The requests the server answers besides `initialize` and `shutdown`: each needs its
/// capability announced in [`capabilities`] (a test holds the two together).
pub(super) const ANSWERED: [&str; 3] = [
    HoverRequest::METHOD,
    CodeActionRequest::METHOD,
    DocumentSymbolRequest::METHOD,
];

/// What the server announces it does, for [`ANSWERED`] and the document notifications.
pub(super) fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{capabilities, ANSWERED};

    /// The capability that announces each request, by method.
    fn announced(method: &str) -> &'static str {
        match method {
            "textDocument/hover" => "hoverProvider",
            "textDocument/codeAction" => "codeActionProvider",
            "textDocument/documentSymbol" => "documentSymbolProvider",
            other => panic!("no capability known for `{other}`"),
        }
    }

    #[test]
    fn every_request_answered_is_announced_and_nothing_else() {
        let caps = serde_json::to_value(capabilities()).expect("serializes");
        let Value::Object(caps) = caps else {
            panic!("an object")
        };
        for method in ANSWERED {
            assert!(caps.contains_key(announced(method)), "{method}");
        }
        let providers: Vec<&String> = caps.keys().filter(|k| k.ends_with("Provider")).collect();
        assert_eq!(providers.len(), ANSWERED.len(), "{providers:?}");
    }
}
