//! Every kind of mistake a pack author can make, rendered as planlint prints it in both
//! languages: one snapshot per mistake (`pack_error_NAME`), so any change to a code, message,
//! label, span or help shows up under the name of the case it changed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::support::{planlint, stderr};

/// A pack with one rule made of `body` and the common keys that `body` does not replace.
fn rule(body: &str) -> String {
    let mut common = String::new();
    for (key, value) in [
        ("severity", "\"warning\""),
        ("summary", "{ sv = \"s\", en = \"s\" }"),
        ("message", "{ sv = \"m\", en = \"m\" }"),
        ("help", "{ sv = \"h\", en = \"h\" }"),
        ("policy", "{ section = \"S\", quote = \"Q\" }"),
        ("examples", "{ pass = \"p\", fail = \"f\" }"),
    ] {
        if !body.lines().any(|l| l.starts_with(&format!("{key} ="))) {
            let _ = writeln!(common, "{key} = {value}");
        }
    }
    format!("{HEADER}\n[[rule]]\n{body}\n{common}")
}

const HEADER: &str = "[pack]\nid = \"test\"\nname = \"Test\"\nsource = \"Testpolicy\"\ndecision = \"KF 2026-01-01 § 1\"\nprefix = \"TP\"\n";

const GROUP: &str = "{ label = { sv = \"a\", en = \"a\" }, terms = [\"a\"] }";
const FIELD: &str = "{ key = \"år\", label = { sv = \"år\", en = \"year\" } }";

/// A section rule with `extra` keys.
fn section(extra: &str) -> String {
    rule(&format!(
        "code = \"TP001\"\nname = \"x\"\nkind = \"section\"\narea = {{ sv = \"Bostäder\", en = \"Housing\" }}\nterms = [\"bostad\"]\n{extra}"
    ))
}

/// The broken packs: a name and the pack files of one run.
fn cases() -> Vec<(&'static str, Vec<String>)> {
    let one = |name, text: String| (name, vec![text]);
    let forbid = |extra: &str| {
        rule(&format!(
            "code = \"TP001\"\nname = \"x\"\nkind = \"forbid\"\n{extra}"
        ))
    };
    let mention = |extra: &str| {
        rule(&format!(
            "code = \"TP001\"\nname = \"x\"\nkind = \"mention\"\n{extra}"
        ))
    };
    let elements = |extra: &str| {
        rule(&format!(
            "code = \"TP001\"\nname = \"x\"\nkind = \"elements\"\n{extra}"
        ))
    };
    let metadata = |extra: &str| {
        rule(&format!(
            "code = \"TP001\"\nname = \"x\"\nkind = \"metadata\"\n{extra}"
        ))
    };
    let second_rule = |first: String, second: &str| format!("{first}\n[[rule]]\n{second}\n");
    vec![
        one("toml syntax", "[pack]\nid = \"test\nname = 3\n".to_owned()),
        one(
            "toml duplicate key",
            forbid("terms = [\"a\"]\nterms = [\"b\"]"),
        ),
        one("no [pack]", "[[rule]]\ncode = \"TP001\"\n".to_owned()),
        one(
            "unknown top-level key",
            format!("{}\n[rules]\nx = 1\n", forbid("terms = [\"a\"]")),
        ),
        one(
            "unknown header key",
            forbid("terms = [\"a\"]").replace("prefix = \"TP\"", "prefix = \"TP\"\nprefx = 1"),
        ),
        one(
            "unknown rule key near a common key",
            rule("code = \"TP001\"\nname = \"x\"\nkidn = \"section\""),
        ),
        one(
            "unknown rule key near a kind key",
            forbid("patern = ['x']"),
        ),
        one("unknown rule key near terms", section("term = [\"a\"]")),
        one("unknown rule key near not_with", section("notwith = [\"a\"]")),
        one("unknown rule key far from any", forbid("colour = \"red\"")),
        one(
            "unknown key in a localized text",
            section("").replace("en = \"Housing\"", "en = \"Housing\", eng = \"x\""),
        ),
        one(
            "unknown key in policy",
            forbid("terms = [\"a\"]\npolicy = { section = \"S\", quote = \"Q\", quot = \"R\" }"),
        ),
        one(
            "unknown key in examples",
            forbid("terms = [\"a\"]\nexamples = { pass = \"p\", fail = \"f\", pas = \"x\" }"),
        ),
        one(
            "unknown key in a group",
            mention("groups = [{ lable = { sv = \"a\", en = \"a\" }, terms = [\"a\"] }]"),
        ),
        one(
            "unknown key in a field",
            metadata(
                "fields = [{ key = \"år\", alias = [\"year\"], label = { sv = \"år\", en = \"year\" } }]",
            ),
        ),
        one("patterns on a section rule", section("patterns = [\"x\"]")),
        one("fields on a forbid rule", forbid("fields = []")),
        one(
            "two keys a forbid rule does not take",
            forbid("within = [\"IP001\"]\narea = { sv = \"a\", en = \"a\" }"),
        ),
        one(
            "groups on a metadata rule",
            metadata(&format!("fields = [{FIELD}]\ngroups = [{GROUP}]")),
        ),
        one("require on an elements rule", elements(&format!("within = [\"IP001\"]\ngroups = [{GROUP}]\nrequire = \"any\""))),
        one(
            "section without area",
            rule("code = \"TP001\"\nname = \"x\"\nkind = \"section\"\nterms = [\"a\"]"),
        ),
        one(
            "section without terms",
            rule("code = \"TP001\"\nname = \"x\"\nkind = \"section\"\narea = { sv = \"a\", en = \"a\" }"),
        ),
        one("mention without groups", mention("within = [\"IP001\"]")),
        one("elements without within", elements(&format!("groups = [{GROUP}]"))),
        one(
            "elements with an empty within",
            elements(&format!("within = []\ngroups = [{GROUP}]")),
        ),
        one("elements without groups", elements("within = [\"IP001\"]")),
        one("metadata without fields", metadata("")),
        one(
            "a rule without severity",
            forbid("terms = [\"a\"]").replace("severity = \"warning\"\n", ""),
        ),
        one(
            "a rule without code",
            rule("name = \"x\"\nkind = \"forbid\""),
        ),
        one("terms is a string", forbid("terms = \"todo\"")),
        one("a term is a number", forbid("terms = [\"a\", 3]")),
        one("area is a string", section("").replace(
            "area = { sv = \"Bostäder\", en = \"Housing\" }",
            "area = \"Bostäder\"",
        )),
        one("area lacks en", section("").replace(", en = \"Housing\"", "")),
        one("heading is a number", section("heading = 5")),
        one("exclude holds a number", section("exclude = [1]")),
        one("unknown severity", forbid("severity = \"fatal\"")),
        one("severity is a number", forbid("severity = 2")),
        one("require is a number", mention(&format!("groups = [{GROUP}]\nrequire = 3"))),
        one("unknown require", mention(&format!("groups = [{GROUP}]\nrequire = \"some\""))),
        one("groups is a table", mention("groups = { a = 1 }")),
        one(
            "a group's terms is a string",
            mention("groups = [{ label = { sv = \"a\", en = \"a\" }, terms = \"a\" }]"),
        ),
        one(
            "a group without terms",
            mention("groups = [{ label = { sv = \"a\", en = \"a\" } }]"),
        ),
        one("within is a string", mention(&format!("within = \"IP001\"\ngroups = [{GROUP}]"))),
        one("a field key is a number", metadata("fields = [{ key = 1, label = { sv = \"a\", en = \"a\" } }]")),
        one("a field without label", metadata("fields = [{ key = \"a\" }]")),
        one("kind is a number", rule("code = \"TP001\"\nname = \"x\"\nkind = 3")),
        one("code is a number", rule("code = 5\nname = \"x\"\nkind = \"forbid\"")),
        one("rationale is a string", forbid("rationale = \"why\"")),
        one("rule is a table", format!("{HEADER}\n[rule]\ncode = \"TP001\"\n")),
        one("rule holds a number", format!("{HEADER}\nrule = [1]\n")),
        one("a bad section term", section("").replace("[\"bostad\"]", "[\"bo*stad\"]")),
        one("a bad exclude term", section("exclude = [\"a\", \"**\"]")),
        one("a bad not_with term", section("not_with = [\"\"]")),
        one("a bad forbid term", forbid("terms = [\"bo*stad\"]")),
        one("a bad group term", mention("groups = [{ label = { sv = \"a\", en = \"a\" }, terms = [\"#nummer\"] }]")),
        one("a bad pattern", forbid("patterns = ['(']")),
        one(
            "a bad anchor",
            forbid("terms = [\"a\"]").replace("prefix = \"TP\"", "prefix = \"TP\"\nanchors = [\"*\"]"),
        ),
        one(
            "a bad placeholder pattern",
            forbid("terms = [\"a\"]")
                .replace("prefix = \"TP\"", "prefix = \"TP\"\nplaceholder_patterns = ['[']"),
        ),
        one(
            "an unknown code in within",
            mention(&format!("within = [\"IP03\"]\ngroups = [{GROUP}]")),
        ),
        one(
            "within names a rule that is not a section rule",
            mention(&format!("within = [\"IP005\"]\ngroups = [{GROUP}]")),
        ),
        one(
            "within names the rule itself",
            elements(&format!("within = [\"TP001\"]\ngroups = [{GROUP}]")),
        ),
        one("unknown kind", rule("code = \"TP001\"\nname = \"x\"\nkind = \"sektion\"")),
        one("invalid code", rule("code = \"XX1\"\nname = \"x\"\nkind = \"forbid\"")),
        one("invalid name", rule("code = \"TP001\"\nname = \"Bad Name\"\nkind = \"forbid\"")),
        one(
            "a duplicate code",
            second_rule(
                forbid("terms = [\"a\"]"),
                "code = \"TP001\"\nname = \"y\"\nkind = \"forbid\"\nseverity = \"warning\"\nsummary = { sv = \"s\", en = \"s\" }\nmessage = { sv = \"m\", en = \"m\" }\nhelp = { sv = \"h\", en = \"h\" }\npolicy = { section = \"S\", quote = \"Q\" }\nexamples = { pass = \"p\", fail = \"f\" }",
            ),
        ),
        (
            "a code defined by another pack",
            vec![
                forbid("terms = [\"a\"]"),
                forbid("terms = [\"b\"]").replace("id = \"test\"", "id = \"other\""),
            ],
        ),
        one(
            "the second rule has the mistake",
            second_rule(
                forbid("terms = [\"a\"]"),
                "code = \"TP002\"\nname = \"y\"\nkind = \"section\"\nseverity = \"warning\"\nsummary = { sv = \"s\", en = \"s\" }\nmessage = { sv = \"m\", en = \"m\" }\nhelp = { sv = \"h\", en = \"h\" }\npolicy = { section = \"S\", quote = \"Q\" }\nexamples = { pass = \"p\", fail = \"f\" }\narea = { sv = \"a\", en = \"a\" }\nterms = [\"a\"]\npatterns = [\"x\"]",
            ),
        ),
    ]
}

/// The snapshot name of a case: its words joined by `-`, nothing but letters, digits and `_`.
fn snapshot_name(case: &str) -> String {
    let words: Vec<String> = case
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("pack_error_{}", words.join("-"))
}

#[test]
fn every_pack_mistake_renders_the_same_in_both_languages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut names = BTreeSet::new();
    for (case, packs) in cases() {
        let name = snapshot_name(case);
        assert!(names.insert(name.clone()), "two cases are named `{name}`");
        let mut args = vec!["rules".to_owned(), "--color".into(), "never".into()];
        for (i, text) in packs.iter().enumerate() {
            let path = dir.path().join(format!("pack{i}.toml"));
            std::fs::write(&path, text).expect("write");
            args.push("--rules".into());
            args.push(path.to_str().expect("utf-8 path").to_owned());
        }
        let mut shown = String::new();
        for lang in ["sv", "en"] {
            let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
            args.extend(["--lang", lang]);
            let out = planlint(&args);
            let text = stderr(&out).replace(dir.path().to_str().expect("utf-8 path"), "DIR");
            let _ = writeln!(
                shown,
                "===== {case} ({lang}): exit {:?}\n{text}",
                out.status.code()
            );
        }
        insta::assert_snapshot!(name, shown);
    }
}
