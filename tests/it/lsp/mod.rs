//! `planlint lsp` spoken to over JSON-RPC, as an editor would: the verdict `check` gives, in
//! UTF-16 positions; quick fixes applied and the plan linted again; hover, symbols, a broken
//! config, bad messages and the end of the conversation.

pub mod client;
mod editors;

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::support::{no_housing, planlint_in, repo, PROSE};
use client::{apply, position, uri, Server};

/// The findings of `check --format json` for `file` in `dir`: (code, line, column), 1-based.
fn check_json(dir: &std::path::Path, file: &str) -> Vec<(String, u64, u64)> {
    let out = planlint_in(dir, &["check", "--format", "json", file], "");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_owned(),
                d["line"].as_u64().expect("line"),
                d["column"].as_u64().expect("column"),
            )
        })
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

/// The codes, sorted: the same findings whatever moved.
fn sorted_codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes = codes(diagnostics);
    codes.sort();
    codes
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

/// The code actions for `diagnostic` of `uri`.
fn actions(server: &mut Server, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}
        }),
    );
    response["result"].as_array().expect("actions").clone()
}

/// The one text edit of `action` on `uri`.
fn edit_of<'a>(action: &'a Value, uri: &str) -> &'a Value {
    let edits = action["edit"]["changes"][uri].as_array().expect("edits");
    assert_eq!(edits.len(), 1, "{action:#}");
    &edits[0]
}

#[test]
fn english_ip002_where_check_points_then_the_quick_fix_and_a_housing_section_clear_it() {
    let plan = no_housing();
    let dir = repo(&[("planlint.toml", "lang = \"en\"\n"), ("plan.md", &plan)]);
    let expected = check_json(dir.path(), "plan.md");
    let (_, line, column) = expected
        .iter()
        .find(|(c, _, _)| c == "IP002")
        .expect("check reports IP002")
        .clone();

    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let first = server.diagnostics(&uri, 1);
    // The same findings as `check`, each where `check` puts it.
    let mut published: Vec<(String, u64, u64)> = first
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["range"]["start"]["character"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    published.sort();
    let mut from_check = expected.clone();
    from_check.sort();
    assert_eq!(published, from_check);
    let ip002 = find(&first, "IP002");
    assert_eq!(ip002["range"]["start"]["line"], line - 1);
    assert_eq!(ip002["range"]["start"]["character"], column - 1);
    assert_eq!(ip002["severity"], 1);
    assert_eq!(ip002["source"], "planlint");
    let message = ip002["message"].as_str().unwrap();
    assert!(
        message.starts_with("the plan has no section on `Housing`"),
        "{message}"
    );
    // At the level of the plan's other area sections, as the quick fix inserts it.
    assert!(
        message.contains("How to fix: add the heading `### Bostäder`"),
        "{message}"
    );
    assert!(message.contains("policy: Integrationspolicy"), "{message}");
    // The areas that are covered, as related information.
    let related = ip002["relatedInformation"].as_array().expect("related");
    assert!(
        related
            .iter()
            .any(|r| r["message"] == "Public health is covered here"),
        "{related:#?}"
    );

    // The quick fix: a Bostäder section at the level of the other areas, after the last of
    // them under "Prioriterade områden".
    let offered = actions(&mut server, &uri, ip002);
    let fix = offered
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("Bostäder"))
        .unwrap_or_else(|| panic!("no section fix in {offered:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edit = edit_of(fix, &uri);
    let fixed = apply(&plan, edit);
    let heading_at = fixed.find("\n### Bostäder\n").expect("heading inserted") + 1;
    // The guidance under it names the heading it stands under, at the same level.
    let guidance = &fixed[heading_at..fixed[heading_at..].find("-->").unwrap() + heading_at];
    assert!(guidance.contains("`### Bostäder`"), "{guidance}");
    assert!(!guidance.contains("`## Bostäder`"), "{guidance}");
    let samverkan = fixed.find("### Samverkan").unwrap();
    let next = fixed[samverkan..].find("\n## ").map(|i| samverkan + i);
    assert!(
        heading_at > samverkan && next.is_none_or(|n| heading_at < n),
        "{fixed}"
    );
    server.change(
        &uri,
        2,
        edit["range"].clone(),
        edit["newText"].as_str().unwrap(),
    );
    let second = server.diagnostics(&uri, 2);
    // Nothing new: the same codes, and IP002 now at the new, still empty, heading.
    assert_eq!(sorted_codes(&second), sorted_codes(&first), "{second:#?}");
    let ip002 = find(&second, "IP002");
    assert_eq!(ip002["range"]["start"], position(&fixed, heading_at));
    assert!(
        ip002["message"]
            .as_str()
            .unwrap()
            .contains("the heading is here, but the section has no content"),
        "{ip002:#}"
    );
    // The headline says what is wrong with the section that is there, not that it is missing.
    assert!(
        ip002["message"]
            .as_str()
            .unwrap()
            .starts_with("the section `Bostäder` has no content"),
        "{ip002:#}"
    );
    // The editor's text and the disk agree with `check`.
    std::fs::write(dir.path().join("plan.md"), &fixed).unwrap();
    assert!(check_json(dir.path(), "plan.md").iter().any(
        |(c, l, _)| c == "IP002" && *l == ip002["range"]["start"]["line"].as_u64().unwrap() + 1
    ));

    // Writing the section clears IP002.
    let after_comment = fixed[heading_at..].find("-->\n").unwrap() + heading_at + 4;
    let prose = format!(
        "\nFörvaltningen ger tillsammans med det kommunala bostadsbolaget nyanlända familjer stöd att hitta lägenheter och att teckna sitt första egna kontrakt. {PROSE}\n"
    );
    let at = position(&fixed, after_comment);
    server.change(&uri, 3, json!({"start": at, "end": at}), &prose);
    let third = server.diagnostics(&uri, 3);
    assert!(!codes(&third).contains(&"IP002".to_owned()), "{third:#?}");
    let mut written = fixed.clone();
    written.insert_str(after_comment, &prose);
    std::fs::write(dir.path().join("plan.md"), &written).unwrap();
    let on_disk: Vec<String> = check_json(dir.path(), "plan.md")
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    assert_eq!(codes(&third), on_disk);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn utf16_positions_after_an_emoji_swedish_letters_and_nfd_text() {
    // A thin Bostäder section: IP002 points at its heading, `## Bostäder 🏠`; placeholders
    // after an emoji, å/ä/ö and NFD letters on their lines.
    let emoji_line = "Vi ska åtgärda bostadsfrågorna 🏠🏡 snarast TODO";
    let nfd_line = "Bosta\u{30a}ende och fo\u{308}rskola: TODO";
    let plan = format!("# Verksamhetsplan\n\n## Bostäder 🏠\n\n{emoji_line}\n\n{nfd_line}\n");
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let found = server.diagnostics(&uri, 1);
    let ip002 = find(&found, "IP002");
    // `## Bostäder 🏠`: 12 units, the emoji 2 more (17 bytes, 13 characters).
    assert_eq!(
        ip002["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 14}})
    );
    let todos: Vec<&Value> = found.iter().filter(|d| d["code"] == "IP006").collect();
    assert_eq!(todos.len(), 2, "{found:#?}");
    for (todo, line, text) in [(todos[0], 4, emoji_line), (todos[1], 6, nfd_line)] {
        let units = text[..text.find("TODO").unwrap()].encode_utf16().count();
        assert_eq!(
            todo["range"],
            json!({"start": {"line": line, "character": units}, "end": {"line": line, "character": units + 4}}),
            "{text}"
        );
    }
    // An edit given in UTF-16 units after the emoji lands where the editor meant.
    let after_emoji = emoji_line.find(" snarast").unwrap();
    let at = position(&plan, plan.find(emoji_line).unwrap() + after_emoji);
    assert_eq!(
        at["character"],
        emoji_line[..after_emoji].encode_utf16().count()
    );
    server.change(&uri, 2, json!({"start": at, "end": at}), " FIXME");
    let found = server.diagnostics(&uri, 2);
    let fixme = found
        .iter()
        .find(|d| d["code"] == "IP006" && d["message"].as_str().unwrap().contains("FIXME"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        fixme["range"]["start"]["character"],
        at["character"].as_u64().unwrap() + 1
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn the_waiver_quick_fix_is_reported_until_its_reason_is_written() {
    let plan =
        format!("# Plan\n\n## Uppföljning\n\n{PROSE}\n\nUppföljningen sker i oktober. TODO\n");
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let first = server.diagnostics(&uri, 1);
    let todo = find(&first, "IP006");
    let offered = actions(&mut server, &uri, todo);
    let waiver = offered
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("IP006"))
        .unwrap_or_else(|| panic!("no waiver in {offered:#?}"));
    // The area rules are the board's to waive (the default policy): no waiver offered.
    let ip001 = find(&first, "IP001");
    assert!(actions(&mut server, &uri, ip001)
        .iter()
        .all(|a| !a["title"].as_str().unwrap().contains("IP001 ")));
    let edit = edit_of(waiver, &uri);
    let with_comment = apply(&plan, edit);
    assert!(
        with_comment.contains(
            "<!-- planlint-disable-next-line IP006 -- -->\nUppföljningen sker i oktober. TODO"
        ),
        "{with_comment}"
    );
    server.change(
        &uri,
        2,
        edit["range"].clone(),
        edit["newText"].as_str().unwrap(),
    );
    let second = server.diagnostics(&uri, 2);
    // Until the reason is written, the waiver is itself an error and waives nothing.
    assert_eq!(find(&second, "PL010")["severity"], 1);
    assert_eq!(find(&second, "IP006")["severity"], 2);
    let comment = with_comment.find("-- -->").unwrap() + 3;
    let at = position(&with_comment, comment);
    server.change(
        &uri,
        3,
        json!({"start": at, "end": at}),
        "uppföljningen beskrivs i bilaga ",
    );
    let third = server.diagnostics(&uri, 3);
    assert!(!codes(&third).contains(&"PL010".to_owned()), "{third:#?}");
    // Waived: a hint with its reason, not a problem.
    let hint = find(&third, "IP006");
    assert_eq!(hint["severity"], 4);
    assert!(
        hint["message"]
            .as_str()
            .unwrap()
            .contains("uppföljningen beskrivs i bilaga"),
        "{hint:#}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn hover_quotes_the_policy_and_symbols_mirror_the_outline() {
    let plan = no_housing();
    let dir = repo(&[("planlint.toml", "lang = \"en\"\n"), ("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let found = server.diagnostics(&uri, 1);
    let ip002 = find(&found, "IP002");
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": ip002["range"]["start"]}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(text.contains("**IP002**"), "{text}");
    assert!(text.contains("Policy clause:"), "{text}");
    // What to do, at the heading level the finding's help and the quick fix use, not the
    // rule's level for a typical plan.
    assert!(
        ip002["message"]
            .as_str()
            .unwrap()
            .contains("`### Bostäder`"),
        "{ip002:#}"
    );
    assert!(text.contains("`### Bostäder`"), "{text}");
    assert!(!text.contains("`## Bostäder`"), "{text}");
    assert!(
        text.contains("> ”Tillgången på bostäder är avgörande"),
        "{text}"
    );
    assert!(text.contains("KF 2016-06-20 § 67"), "{text}");
    // On an area heading: what planlint saw there, and the rule.
    let folkhalsa = plan.find("### Folkhälsa").unwrap();
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(&plan, folkhalsa + 5)}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(text.contains("The section covers Public health"), "{text}");
    assert!(text.contains("**IP003**"), "{text}");
    // Nothing to explain on a plain line.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 0}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");

    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut seen = Vec::new();
    for s in symbols["result"].as_array().expect("symbols") {
        walk(s, &mut seen);
    }
    // `planlint outline` prints `LINE ### Heading   notes` for every section.
    let outline = crate::support::stdout(&planlint_in(dir.path(), &["outline", "plan.md"], ""));
    let expected: Vec<(u64, String, String)> = outline
        .lines()
        .filter_map(|l| {
            let (line, rest) = l.trim_start().split_once(' ')?;
            let line: u64 = line.parse().ok()?;
            let rest = rest.trim_start().trim_start_matches('#').trim_start();
            let (name, notes) = rest.split_once("   ").unwrap_or((rest, ""));
            Some((line, name.to_owned(), notes.to_owned()))
        })
        .collect();
    assert!(expected.len() > 5, "{outline}");
    assert_eq!(seen, expected);
    assert!(seen
        .iter()
        .any(|(_, n, d)| n == "Folkhälsa" && d.starts_with("✓ IP003 Public health")));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn fifty_thousand_area_headings_get_their_fix_hover_and_symbols() {
    // Every area but Bostäder, 50,000 times under the anchor heading: the skeleton goes after
    // the last of them, at their level (each area section was once compared with every
    // other, which took seconds in a release build and minutes here).
    let areas = ["Folkhälsa", "Samverkan", "Arbete och studier"];
    let mut plan = String::from("# Verksamhetsplan 2027\n\n## Prioriterade områden\n\n");
    for i in 0..50_000 {
        let _ = write!(plan, "### {}\n\nInsats {i}.\n\n", areas[i % 3]);
    }
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let found = server.diagnostics(&uri, 1);
    let fixes = actions(&mut server, &uri, find(&found, "IP002"));
    let skeleton = fixes
        .iter()
        .find(|a| a["title"] == "Lägg till avsnittet `### Bostäder`")
        .unwrap_or_else(|| panic!("{fixes:#?}"));
    let edit = edit_of(skeleton, &uri);
    assert_eq!(
        edit["range"]["start"],
        position(&plan, plan.len()),
        "{edit}"
    );
    // A hover on the last heading, and the tree: the anchor holds the 50,000 sections.
    let last = plan.rfind("### ").unwrap();
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(&plan, last + 5)}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover");
    assert!(text.contains("Avsnittet täcker inte Samverkan"), "{text}");
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let anchor = &symbols["result"][0]["children"][0];
    assert_eq!(anchor["name"], "Prioriterade områden");
    assert_eq!(anchor["children"].as_array().map(Vec::len), Some(50_000));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_long_heading_over_many_sections_is_named_short_in_the_symbols() {
    // A flat list names each symbol's parent: whole, a heading of 100 KB would be copied into
    // every one of its 2,000 subsections.
    let long = "Långt ".repeat(20_000);
    let mut plan = format!("# Plan\n\n## {long}\n\n");
    for i in 0..2_000 {
        let _ = write!(plan, "### Punkt {i}\n\nText.\n\n");
    }
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    let root = uri(dir.path());
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    server.diagnostics(&uri, 1);
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let flat = symbols["result"].as_array().expect("symbols");
    assert_eq!(flat.len(), 2_002);
    let shown = format!("{}…", &long[..long.char_indices().nth(200).unwrap().0]);
    assert_eq!(flat[1]["name"], shown.as_str());
    for child in &flat[2..] {
        assert_eq!(child["containerName"], shown.as_str(), "{child}");
    }
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_broken_config_is_shown_and_the_server_keeps_running() {
    let plan = no_housing();
    let dir = repo(&[
        ("planlint.toml", "lang = \"en\"\nsevrity = {}\n"),
        ("plan.md", &plan),
    ]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let config_uri = uri(&dir.path().join("planlint.toml"));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": config_uri, "languageId": "toml", "version": 1, "text": "lang = \"en\"\nsevrity = {}\n"}}),
    );
    let on_config = server.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_uri
    });
    let d = &on_config["diagnostics"][0];
    assert_eq!(d["code"], "PL101");
    assert_eq!(d["range"]["start"]["line"], 1, "{d:#}");
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let found = server.diagnostics(&uri, 1);
    assert_eq!(codes(&found), ["PL101"]);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("planlint.toml"),
        "{found:#?}"
    );
    // The config is named as the plan's folder sees it, not by the editor's absolute path.
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("`planlint.toml:2`"), "{message}");
    let root = dir.path().to_string_lossy().into_owned();
    assert!(!message.contains(&root), "{message}");
    let shown = server.wait_for("window/showMessage", |_| true);
    assert_eq!(shown["type"], 1);
    let text = shown["message"].as_str().unwrap();
    assert!(
        text.contains("`planlint.toml`") && !text.contains(&root),
        "{text}"
    );
    // Fixed on disk and saved: the plan is checked again, with the fixed config.
    std::fs::write(
        dir.path().join("planlint.toml"),
        "lang = \"en\"\nseverity = { IP002 = \"warning\" }\n",
    )
    .unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let found = server.diagnostics(&uri, 1);
    assert_eq!(find(&found, "IP002")["severity"], 2);
    let cleared = server.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_uri
    });
    assert_eq!(cleared["diagnostics"], json!([]));
    // Closing the plan clears its diagnostics.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = server.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    assert_eq!(closed["diagnostics"], json!([]));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn bad_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let dir = repo(&[]);
    let mut server = Server::start(dir.path(), &[]);
    // Before `initialize`.
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    server.initialize(dir.path(), json!({}));
    // Not JSON; no Content-Length; a method that is no string; a batch.
    server.raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,");
    let e = server.next().expect("an answer");
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (Value::Null, json!(-32700)),
        "{e}"
    );
    server.raw(b"Content-Type: application/json\r\n\r\n");
    let e = server.next().expect("an answer");
    assert_eq!(e["error"]["code"], -32700, "{e}");
    server.send(&json!({"jsonrpc": "2.0", "id": 41, "method": 7}));
    let e = server.next().expect("an answer");
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (json!(41), json!(-32600)),
        "{e}"
    );
    server.send(&json!([{"jsonrpc": "2.0", "id": 42, "method": "shutdown"}]));
    let e = server.next().expect("an answer");
    assert_eq!(e["error"]["code"], -32600, "{e}");
    // An unknown method, parameters that do not fit, a document that is not open.
    let e = server.request("textDocument/formatting", json!({}));
    assert_eq!(e["error"]["code"], -32601, "{e}");
    let e = server.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(e["error"]["code"], -32602, "{e}");
    let e = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/plan.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(e["error"]["code"], -32602, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("är inte öppet"),
        "{e}"
    );
    let e = server.request("initialize", json!({"capabilities": {}}));
    assert_eq!(e["error"]["code"], -32600, "{e}");
    // A notification about a document that is not open is logged, not answered.
    server.change(
        "file:///nowhere/plan.md",
        2,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        "x",
    );
    let log = server.wait_for("window/logMessage", |_| true);
    assert!(
        log["message"].as_str().unwrap().contains("är inte öppet"),
        "{log}"
    );
    // Still serving.
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, "# Plan\n");
    assert!(!server.diagnostics(&uri, 1).is_empty());
    // After `shutdown` only `exit` is left; then exit code 0.
    let ok = server.request("shutdown", Value::Null);
    assert_eq!(ok["result"], Value::Null, "{ok}");
    let late = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(late["error"]["code"], -32600, "{late}");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0));
}

#[cfg(target_os = "linux")]
#[test]
fn an_overlong_header_line_is_refused_without_being_held() {
    let dir = repo(&[]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let before = server
        .peak_memory_kib()
        .expect("the peak memory of the server");
    // 256 MiB without a line feed, then the end of the header: a parse error, like a body
    // that is no JSON, and the server reads on.
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..256 {
        server.raw(&chunk);
    }
    server.raw(b"\r\n\r\n");
    let e = server.next().expect("an answer");
    assert_eq!(e["error"]["code"], -32700, "{e}");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("för lång"),
        "{e}"
    );
    let e = server.request("textDocument/formatting", json!({}));
    assert_eq!(e["error"]["code"], -32601, "{e}");
    // The line went through a buffer of the reader's: the server's peak grew by far less
    // than the line (it held 256 MiB and more before).
    let after = server
        .peak_memory_kib()
        .expect("the peak memory of the server");
    assert!(
        after < before + 32 * 1024,
        "peak {before} KiB before the line, {after} KiB after"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn exit_without_shutdown_or_a_closed_input_is_exit_code_1() {
    let dir = repo(&[]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(1));
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    server.close_input();
    assert_eq!(server.wait().code(), Some(1));
}

#[test]
fn changes_in_quick_succession_are_linted_once_after_a_pause() {
    let plan = "# Plan\n\n## Bostäder\n\nTODO\n".to_owned();
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start_with_env(dir.path(), &[], &[]);
    server.initialize(dir.path(), json!({"debounceMs": 1000}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    server.diagnostics(&uri, 1);
    let end = position(&plan, plan.len());
    for version in 2..=6 {
        server.change(&uri, version, json!({"start": end, "end": end}), "x");
    }
    // The first diagnostics after the burst are for its last version.
    let next = server.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    assert_eq!(next["version"], 6, "{next:#}");
    assert!(server.shutdown_and_exit().success());
}

/// The sections among `s` and its children: (line, name, detail); front matter left out.
fn walk(s: &Value, out: &mut Vec<(u64, String, String)>) {
    if s["kind"] != 7 && s["kind"] != 19 {
        out.push((
            s["selectionRange"]["start"]["line"].as_u64().unwrap() + 1,
            s["name"].as_str().unwrap().to_owned(),
            s["detail"].as_str().unwrap_or("").to_owned(),
        ));
    }
    for c in s["children"].as_array().into_iter().flatten() {
        walk(c, out);
    }
}

#[test]
fn the_section_fix_goes_where_the_plan_keeps_its_areas_and_breaks_nothing() {
    let prose = format!("{PROSE}\n");
    // (plan, rule, the heading expected, the text expected right after the inserted section)
    let cases = [
        // CRLF, areas under the anchor, a section after them: before `## Uppföljning`.
        (
            format!(
                "# Plan\r\n\r\n## Prioriterade områden\r\n\r\n### Arbete och studier\r\n\r\n{p}\r\n### Folkhälsa\r\n\r\n{p}\r\n## Uppföljning\r\n\r\n{p}",
                p = prose.trim_end()
            ),
            "IP002",
            "### Bostäder\r\n",
            Some("## Uppföljning"),
        ),
        // An anchor without area sections: at its end, a level below it.
        (
            format!("# Plan\n\n## Prioriterade områden\n\nHär kommer områdena.\n\n## Bilagor\n\n{prose}"),
            "IP004",
            "### Samverkan\n",
            Some("## Bilagor"),
        ),
        // No anchor, no area, no line break at the end: at the end, under the title.
        (
            "# Plan\n\nKort text utan radbrytning".to_owned(),
            "IP003",
            "## Folkhälsa\n",
            None,
        ),
    ];
    for (plan, code, heading, followed_by) in cases {
        let dir = repo(&[("plan.md", &plan)]);
        let mut server = Server::start(dir.path(), &[]);
        server.initialize(dir.path(), json!({}));
        let uri = uri(&dir.path().join("plan.md"));
        server.open(&uri, &plan);
        let before = server.diagnostics(&uri, 1);
        let finding = find(&before, code);
        let offered = actions(&mut server, &uri, finding);
        let fix = offered
            .iter()
            .find(|a| a["isPreferred"] == true && a["diagnostics"][0]["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {offered:#?}"));
        let edit = edit_of(fix, &uri);
        let fixed = apply(&plan, edit);
        let at = fixed.find(heading).unwrap_or_else(|| panic!("{fixed:?}"));
        if let Some(next) = followed_by {
            let rest = &fixed[at..];
            let next_heading = rest[heading.len()..]
                .lines()
                .find(|l| l.starts_with('#'))
                .unwrap_or_default();
            assert_eq!(next_heading.trim_end(), next, "{fixed:?}");
        } else {
            assert!(fixed.starts_with(&plan), "{fixed:?}");
        }
        // The heading stands on a line of its own, after a blank line.
        assert!(
            fixed[..at].ends_with("\n\n") || fixed[..at].ends_with("\r\n\r\n"),
            "{fixed:?}"
        );
        server.change(
            &uri,
            2,
            edit["range"].clone(),
            edit["newText"].as_str().unwrap(),
        );
        let after = server.diagnostics(&uri, 2);
        assert_eq!(
            sorted_codes(&after),
            sorted_codes(&before),
            "{code}: {after:#?}"
        );
        let moved = find(&after, code);
        let line = fixed[..at].matches('\n').count();
        assert_eq!(moved["range"]["start"]["line"], line, "{code}: {fixed:?}");
        assert!(server.shutdown_and_exit().success());
    }
}

#[test]
fn an_unsaved_buffer_uses_the_workspace_config_and_a_left_out_plan_says_so() {
    let dir = repo(&[
        (
            "planlint.toml",
            "lang = \"en\"\nexclude = [\"utkast/**\"]\n",
        ),
        ("utkast/plan.md", "# Plan\n"),
    ]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    server.open("untitled:Untitled-1", "# Plan\n\nTODO\n");
    let found = server.diagnostics("untitled:Untitled-1", 1);
    let todo = find(&found, "IP006");
    assert!(
        todo["message"]
            .as_str()
            .unwrap()
            .starts_with("the placeholder `TODO`"),
        "{todo:#}"
    );
    let uri = uri(&dir.path().join("utkast/plan.md"));
    server.open(&uri, "# Plan\n");
    let found = server.diagnostics(&uri, 1);
    assert_eq!(codes(&found), ["PL006"], "{found:#?}");
    assert_eq!(found[0]["severity"], 3);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_config_changed_outside_the_editor_is_picked_up() {
    let plan = no_housing();
    let dir = repo(&[("planlint.toml", "lang = \"en\"\n"), ("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    assert_eq!(find(&server.diagnostics(&uri, 1), "IP002")["severity"], 1);
    // No notification at all: the server looks at the config's file by itself.
    std::fs::write(
        dir.path().join("planlint.toml"),
        "lang = \"en\"\n\n[severity]\nIP002 = \"warning\"\n",
    )
    .unwrap();
    let again = server.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "IP002" && d["severity"] == 2))
    });
    assert_eq!(again["version"], 1);
    // A plan in a folder with a config of its own is judged by the nearer one.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/planlint.toml"), "lang = \"sv\"\n").unwrap();
    let nested = uri.replace("/plan.md", "/sub/plan.md");
    std::fs::write(dir.path().join("sub/plan.md"), &plan).unwrap();
    server.open(&nested, &plan);
    let found = server.diagnostics(&nested, 1);
    assert!(find(&found, "IP002")["message"]
        .as_str()
        .unwrap()
        .starts_with("planen saknar ett avsnitt om `Bostäder`"));
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_bold_line_meant_as_the_heading_is_made_one_by_a_quick_fix() {
    let plan = format!(
        "# Verksamhetsplan 2028\n\n## Arbete och studier\n\n{p}\n\n**Bostäder**\n\n{p}\n",
        p = crate::support::PROSE
    );
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    let found = server.diagnostics(&uri, 1);
    let fixes = actions(&mut server, &uri, find(&found, "IP002"));
    let made = fixes
        .iter()
        .find(|a| a["title"] == "Gör raden till rubriken `## Bostäder`")
        .unwrap_or_else(|| panic!("{fixes:#?}"));
    let edit = edit_of(made, &uri);
    assert_eq!(edit["newText"], "## Bostäder");
    let line = plan.lines().position(|l| l == "**Bostäder**").unwrap();
    assert_eq!(edit["range"]["start"]["line"], line);
    assert_eq!(edit["range"]["end"]["line"], line);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn an_area_heading_with_invisible_characters_gets_them_taken_out_where_the_cursor_is() {
    let plan = format!(
        "# Verksamhetsplan 2028\n\n## Arbete och studier\n\n{p}\n\n## Bo\u{AD}städer\n\n{p}\n",
        p = crate::support::PROSE
    );
    let dir = repo(&[("plan.md", &plan)]);
    let mut server = Server::start(dir.path(), &[]);
    server.initialize(dir.path(), json!({}));
    let uri = uri(&dir.path().join("plan.md"));
    server.open(&uri, &plan);
    server.diagnostics(&uri, 1);
    let line = plan.lines().position(|l| l.starts_with("## Bo")).unwrap();
    let ask = |server: &mut Server, line: usize| -> Vec<Value> {
        let at = json!({"line": line, "character": 3});
        let response = server.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": at, "end": at},
                "context": {"diagnostics": []}
            }),
        );
        response["result"].as_array().expect("actions").clone()
    };
    let fixes = ask(&mut server, line);
    let cleaned = fixes
        .iter()
        .find(|a| a["title"] == "Ta bort osynliga tecken ur rubriken `## Bostäder`")
        .unwrap_or_else(|| panic!("{fixes:#?}"));
    assert_eq!(
        apply(&plan, edit_of(cleaned, &uri)),
        plan.replace('\u{AD}', "")
    );
    // On another line it is not offered.
    let elsewhere = ask(&mut server, line + 2);
    assert!(
        elsewhere
            .iter()
            .all(|a| !a["title"].as_str().unwrap_or("").starts_with("Ta bort")),
        "{elsewhere:#?}"
    );
    assert!(server.shutdown_and_exit().success());
}
