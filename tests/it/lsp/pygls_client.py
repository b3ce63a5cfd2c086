"""Started by the Python client test: drives `planlint lsp` through pygls' LanguageClient,
whose lsprotocol types check every answer against the protocol, and prints what it got as
JSON: the diagnostics, the code actions for IP002, the hover there and the symbols."""

import asyncio
import json
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient


async def main(binary, root, plan):
    client = LanguageClient("planlint-test", "1")
    published = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        published.put_nowait(params)

    await client.start_io(binary, "lsp")
    root_uri = Path(root).as_uri()
    init = await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    hover=types.HoverClientCapabilities(
                        content_format=[types.MarkupKind.Markdown]
                    ),
                    document_symbol=types.DocumentSymbolClientCapabilities(
                        hierarchical_document_symbol_support=True
                    ),
                )
            ),
            root_uri=root_uri,
            workspace_folders=[types.WorkspaceFolder(uri=root_uri, name="plans")],
            initialization_options={"debounceMs": 0},
        )
    )
    client.initialized(types.InitializedParams())
    uri = Path(plan).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=Path(plan).read_text()
            )
        )
    )
    params = await asyncio.wait_for(published.get(), 30)
    ip002 = next(d for d in params.diagnostics if d.code == "IP002")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=ip002.range,
            context=types.CodeActionContext(diagnostics=[ip002]),
        )
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=ip002.range.start
        )
    )
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(
        json.dumps(
            {
                "server": init.server_info.name,
                "sync": int(init.capabilities.text_document_sync.change),
                "diagnostics": [
                    {"code": d.code, "line": d.range.start.line, "message": d.message}
                    for d in params.diagnostics
                ],
                "actions": [a.title for a in actions],
                "hover": hover.contents.value,
                "symbols": [s.name for s in symbols],
            },
            ensure_ascii=False,
        )
    )


asyncio.run(main(*sys.argv[1:4]))
