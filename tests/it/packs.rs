//! Broken rule packs are reported rustc-style, pointing into the TOML, with exit 2.

use std::io::Write as _;

use crate::support::{planlint, stderr};

fn pack_with(rule_body: &str) -> String {
    format!(
        "[pack]\nid = \"test\"\nname = \"Test\"\nsource = \"Testpolicy\"\ndecision = \"KF 2026-01-01 § 1\"\nprefix = \"TP\"\n\n[[rule]]\n{rule_body}\nseverity = \"warning\"\nsummary = {{ sv = \"s\", en = \"s\" }}\nmessage = {{ sv = \"m\", en = \"m\" }}\nhelp = {{ sv = \"h\", en = \"h\" }}\npolicy = {{ section = \"S\", quote = \"Q\" }}\nexamples = {{ pass = \"p\", fail = \"f\" }}\n"
    )
}

/// Runs `planlint rules --rules PACK` and returns (exit code, stderr, the pack text).
fn run_pack(text: &str) -> (Option<i32>, String) {
    let mut file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("temp file");
    file.write_all(text.as_bytes()).expect("write");
    let path = file.path().to_str().expect("utf-8 path").to_owned();
    let out = planlint(&["rules", "--color", "never", "--rules", &path]);
    (out.status.code(), stderr(&out).replace(&path, "PACK"))
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[test]
fn an_unknown_kind_points_at_the_kind_with_a_suggestion() {
    let text = pack_with("code = \"TP001\"\nname = \"x\"\nkind = \"sektion\"");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    let (line, col) = position(&text, "\"sektion\"");
    assert!(
        err.contains("error[PL100]: okänd regeltyp `sektion`"),
        "{err}"
    );
    assert!(err.contains(&format!("┌─ PACK:{line}:{col}")), "{err}");
    assert!(err.contains("^^^^^^^^^"), "{err}");
    assert!(err.contains("menade du `section`?"), "{err}");
}

#[test]
fn an_unknown_key_gets_did_you_mean() {
    let text = pack_with("code = \"TP001\"\nname = \"x\"\nkidn = \"section\"");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("okänd nyckel `kidn`"), "{err}");
    assert!(err.contains("menade du `kind`?"), "{err}");
    let (line, _) = position(&text, "kidn");
    assert!(err.contains(&format!("PACK:{line}:")), "{err}");
}

#[test]
fn a_duplicate_code_points_at_the_second_definition() {
    let one = pack_with("code = \"TP001\"\nname = \"a\"\nkind = \"forbid\"\nterms = [\"todo\"]");
    let two = one
        .split("[[rule]]")
        .nth(1)
        .expect("rule")
        .replace("name = \"a\"", "name = \"b\"");
    let text = format!("{one}\n[[rule]]{two}");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("regelkoden `TP001` finns två gånger"), "{err}");
    let second = text.rfind("\"TP001\"").expect("second");
    let line = text[..second].matches('\n').count() + 1;
    assert!(err.contains(&format!("PACK:{line}:")), "{err}");
    assert!(err.contains("redan använd på rad"), "{err}");
}

#[test]
fn bad_toml_is_reported_at_the_error() {
    let text = "[pack]\nid = \"test\nname = 3\n";
    let (code, err) = run_pack(text);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("error[PL100]: regelpaketet kan inte läsas"),
        "{err}"
    );
    assert!(err.contains("PACK:2:"), "{err}");
}

#[test]
fn a_key_the_kind_does_not_take_is_an_error() {
    let text = pack_with("code = \"TP001\"\nname = \"x\"\nkind = \"forbid\"\nfields = []");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("nyckeln `fields` används inte av regler av typen `forbid`"),
        "{err}"
    );
}

#[test]
fn an_unknown_code_in_within_is_an_error_with_a_suggestion() {
    let text = pack_with("code = \"TP001\"\nname = \"x\"\nkind = \"mention\"\nwithin = [\"IP03\"]\ngroups = [{ label = { sv = \"a\", en = \"a\" }, terms = [\"a\"] }]");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("okänd regelkod `IP03`"), "{err}");
    assert!(err.contains("menade du `IP003`?"), "{err}");
}

#[test]
fn a_bad_term_is_an_error_at_the_term() {
    let text =
        pack_with("code = \"TP001\"\nname = \"x\"\nkind = \"forbid\"\nterms = [\"bo*stad\"]");
    let (code, err) = run_pack(&text);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("ogiltig term"), "{err}");
    let (line, col) = position(&text, "\"bo*stad\"");
    assert!(err.contains(&format!("PACK:{line}:{col}")), "{err}");
}

#[test]
fn english_pack_errors_with_lang_en() {
    let text = pack_with("code = \"TP001\"\nname = \"x\"\nkind = \"sektion\"");
    let mut file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("temp file");
    file.write_all(text.as_bytes()).expect("write");
    let out = planlint(&[
        "rules",
        "--lang",
        "en",
        "--color",
        "never",
        "--rules",
        file.path().to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown rule kind `sektion`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("did you mean `section`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_pack_file_is_exit_2() {
    let out = planlint(&["rules", "--rules", "does/not/exist.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("does/not/exist.toml"),
        "{}",
        stderr(&out)
    );
}

/// A pack's `forbid` rules with `patterns`, checked on a plan: every occurrence is found,
/// whether the patterns start with a literal (blocks without its first byte are skipped) or
/// with a class (every block is searched).
#[test]
fn forbid_patterns_find_every_occurrence_with_or_without_a_literal_start() {
    let literal = pack_with(
        "code = \"TP001\"\nname = \"utkast\"\nkind = \"forbid\"\npatterns = ['(?i)utkast']",
    );
    let classes = pack_with(
        "code = \"TQ001\"\nname = \"oklart\"\nkind = \"forbid\"\npatterns = ['\\d{4}-XX-XX', '\\p{Lu}{3}-\\d+']",
    )
    .replace("id = \"test\"", "id = \"test2\"")
    .replace("prefix = \"TP\"", "prefix = \"TQ\"");
    let plan = "# Plan\n\nEtt UTKAST till planen, och ett utkast till.\n\nDatum 2026-XX-XX och ärende ABC-123 här.\n\nInget att se här.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8 path").to_owned()
    };
    let (literal, classes, plan) = (
        write("literal.toml", &literal),
        write("classes.toml", &classes),
        write("plan.md", plan),
    );
    let out = planlint(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "--rules",
        &literal,
        "--rules",
        &classes,
        "--select",
        "TP001,TQ001",
        &plan,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let found: Vec<(String, u64, u64)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().expect("number");
            (
                d["code"].as_str().expect("code").to_owned(),
                n("line"),
                n("column"),
            )
        })
        .collect();
    let at = |code: &str, line: u64, column: u64| (code.to_owned(), line, column);
    assert_eq!(
        found,
        [
            at("TP001", 3, 5),
            at("TP001", 3, 33),
            at("TQ001", 5, 7),
            at("TQ001", 5, 29),
        ]
    );
}
