//! What planlint says, in Swedish by default and in English with `--lang en`: argument errors
//! and help, errors from the operating system, files that are not plans, the help line of a
//! missing area, and `explain`.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{check, planlint, planlint_in, repo, stderr, stdout};

/// Runs planlint with `args` in an empty temporary directory (no config file anywhere near).
fn bare(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tempdir");
    planlint_in(dir.path(), args, "")
}

/// Stderr of a run that must fail with exit 2 and print nothing on stdout.
fn argument_error(args: &[&str]) -> String {
    let out = bare(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
    stderr(&out)
}

/// clap's English words, none of which may show in Swedish output.
const CLAP_ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print",
    "possible values",
    "Possible values",
    "default:",
    "unexpected",
    "unrecognized",
    "tip:",
    "For more information",
    "required",
    "[OPTIONS]",
];

fn assert_swedish(text: &str) {
    for word in CLAP_ENGLISH {
        assert!(!text.contains(word), "`{word}` in:\n{text}");
    }
}

#[test]
fn an_unknown_flag_before_the_command_is_said_in_swedish_with_the_command_it_belongs_to() {
    let sv = argument_error(&["--formt", "json"]);
    assert_swedish(&sv);
    assert!(sv.starts_with("error: okänd flagga `--formt`\n"), "{sv}");
    assert!(
        sv.contains(
            "= help: menade du `planlint check --format`, `planlint report --format` eller `planlint diff --format`?"
        ),
        "{sv}"
    );
    assert!(
        sv.contains("\nAnvändning: planlint [FLAGGOR] <KOMMANDO>\n"),
        "{sv}"
    );
    assert!(sv.contains("Mer hjälp: `planlint --help`"), "{sv}");
    let en = argument_error(&["--formt", "json", "--lang", "en"]);
    assert!(en.starts_with("error: unknown flag `--formt`\n"), "{en}");
    assert!(
        en.contains(
            "= help: did you mean `planlint check --format`, `planlint report --format` or `planlint diff --format`?"
        ),
        "{en}"
    );
    assert!(
        en.contains("\nUsage: planlint [OPTIONS] <COMMAND>\n"),
        "{en}"
    );
}

#[test]
fn an_unknown_flag_of_a_command_suggests_the_close_one() {
    let sv = argument_error(&["check", "--formt", "json"]);
    assert_swedish(&sv);
    assert!(sv.starts_with("error: okänd flagga `--formt`\n"), "{sv}");
    assert!(sv.contains("= help: menade du `--format`?"), "{sv}");
    assert!(
        sv.contains("Användning: planlint check [FLAGGOR] [SÖKVÄG]..."),
        "{sv}"
    );
    assert!(sv.contains("Mer hjälp: `planlint check --help`"), "{sv}");
    let en = argument_error(&["--lang", "en", "check", "--formt", "json"]);
    assert!(en.contains("= help: did you mean `--format`?"), "{en}");
    assert!(
        en.contains("Usage: planlint check [OPTIONS] [PATH]..."),
        "{en}"
    );
}

#[test]
fn an_unknown_command_suggests_the_closest_first() {
    let sv = argument_error(&["chek"]);
    assert_swedish(&sv);
    assert!(sv.starts_with("error: okänt kommando `chek`\n"), "{sv}");
    let help = sv
        .lines()
        .find(|l| l.contains("= help:"))
        .expect("a help line");
    assert!(help.contains("menade du `check`"), "{sv}");
    if let Some(schema) = help.find("`schema`") {
        assert!(help.find("`check`").is_some_and(|c| c < schema), "{help}");
    }
    let en = argument_error(&["chek", "--lang", "en"]);
    assert!(en.starts_with("error: unknown command `chek`\n"), "{en}");
    assert!(en.contains("did you mean `check`"), "{en}");
}

#[test]
fn a_missing_or_invalid_value_names_the_flag_and_the_possible_values() {
    let sv = argument_error(&["check", "--format"]);
    assert_swedish(&sv);
    assert!(
        sv.starts_with("error: `--format` behöver ett värde\n"),
        "{sv}"
    );
    assert!(
        sv.contains("= help: möjliga värden: human, short, json, sarif, github, junit"),
        "{sv}"
    );
    let sv = argument_error(&["check", "--format", "xml"]);
    assert_swedish(&sv);
    assert!(
        sv.starts_with("error: ogiltigt värde `xml` för `--format`\n"),
        "{sv}"
    );
    assert!(sv.contains("Mer hjälp: `planlint check --help`"), "{sv}");
    let en = argument_error(&["check", "--format=xml", "--lang", "en"]);
    assert!(
        en.starts_with("error: invalid value `xml` for `--format`\n"),
        "{en}"
    );
    assert!(
        en.contains("= help: possible values: human, short, json, sarif, github, junit"),
        "{en}"
    );
    let en = argument_error(&["--lang", "en", "check", "--select"]);
    assert!(en.starts_with("error: `--select` needs a value\n"), "{en}");
}

#[test]
fn other_argument_errors_are_swedish_too() {
    let missing = argument_error(&["outline"]);
    assert_swedish(&missing);
    assert!(
        missing.starts_with("error: `planlint outline` behöver `<FIL>`\n"),
        "{missing}"
    );
    let conflict = argument_error(&["--config", "x.toml", "--isolated", "rules"]);
    assert_swedish(&conflict);
    assert!(
        conflict.starts_with("error: `--config` kan inte användas tillsammans med `--isolated`\n"),
        "{conflict}"
    );
    let extra = argument_error(&["rules", "extra"]);
    assert_swedish(&extra);
    assert!(
        extra.starts_with("error: oväntat argument `extra`"),
        "{extra}"
    );
}

#[test]
fn the_config_file_chooses_the_language_of_argument_errors_and_help() {
    let dir = repo(&[("planlint.toml", "lang = \"en\"\n")]);
    let out = planlint_in(dir.path(), &["chek"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: unknown command `chek`"),
        "{}",
        stderr(&out)
    );
    let help = planlint_in(dir.path(), &["--help"], "");
    assert!(
        stdout(&help).contains("Usage: planlint"),
        "{}",
        stdout(&help)
    );
    // Errors after parsing, too.
    let out = planlint_in(dir.path(), &["outline", "nosuch.md"], "");
    assert_eq!(
        stderr(&out),
        "error: the path does not exist or cannot be read `nosuch.md`: does not exist\n"
    );
    // The command line wins over the file.
    let out = planlint_in(dir.path(), &["chek", "--lang", "sv"], "");
    assert!(
        stderr(&out).starts_with("error: okänt kommando `chek`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_is_swedish_with_swedish_headings_and_a_text_for_every_flag() {
    let out = bare(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let root = stdout(&out);
    assert_swedish(&root);
    for heading in [
        "Användning: planlint [FLAGGOR] <KOMMANDO>",
        "\nKommandon:\n",
        "\nFlaggor:\n",
    ] {
        assert!(root.contains(heading), "{heading} in:\n{root}");
    }
    let out = bare(&["check", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_swedish(&text);
    for part in [
        "Användning: planlint check [FLAGGOR] [SÖKVÄG]...",
        "\nArgument:\n",
        "\nFlaggor:\n",
        "Utdataformat",
        "Möjliga värden:",
        "- human:  meddelanden i rustc-stil, för människor",
        "[standard: human]",
        "Visa hjälpen",
    ] {
        assert!(text.contains(part), "{part} in:\n{text}");
    }
    insta::assert_snapshot!("help_check_sv", text);
    let short = stdout(&bare(&["check", "-h"]));
    assert_swedish(&short);
    assert!(
        short.contains("--format <FORMAT>        Utdataformat [standard: human] [möjliga värden: human, short, json, sarif, github, junit]"),
        "{short}"
    );
}

#[test]
fn help_is_english_with_lang_en() {
    let out = bare(&["check", "--help", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for part in [
        "Usage: planlint check [OPTIONS] [PATH]...",
        "\nArguments:\n",
        "\nOptions:\n",
        "Output format",
        "Possible values:",
        "[default: human]",
    ] {
        assert!(text.contains(part), "{part} in:\n{text}");
    }
    for swedish in [
        "Användning",
        "Flaggor",
        "Utdataformat",
        "[standard",
        "ä",
        "ö",
    ] {
        assert!(!text.contains(swedish), "`{swedish}` in:\n{text}");
    }
    insta::assert_snapshot!("help_check_en", text);
}

#[test]
fn version_and_its_help_line() {
    let out = bare(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        format!("planlint {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = stdout(&bare(&["-h"]));
    let line = |help: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with("-V, --version"))
            .map(|l| l.split_whitespace().skip(2).collect::<Vec<_>>().join(" "))
    };
    assert_eq!(line(&help).as_deref(), Some("Visa versionen"), "{help}");
    let help = stdout(&bare(&["-h", "--lang", "en"]));
    assert_eq!(line(&help).as_deref(), Some("Print the version"), "{help}");
}

#[test]
fn the_help_of_rules_says_which_packs_load() {
    let help = stdout(&bare(&["check", "--help", "--lang", "en"]));
    assert!(!help.contains("always loaded"), "{help}");
    assert!(
        help.contains("Its rules come after those of the packs planlint.toml names in `packs` (without `packs`: the built-in pack)"),
        "{help}"
    );
    // What the help says: with `packs` naming another pack, the built-in one is not loaded,
    // and the rules of `--rules` come after those of `packs`.
    let dir = repo(&[
        ("planlint.toml", "packs = [\"egen.toml\"]\n"),
        ("egen.toml", &minimal_pack("AA")),
        ("extra.toml", &minimal_pack("BB")),
    ]);
    let out = planlint_in(dir.path(), &["rules", "--rules", "extra.toml"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let codes: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert_eq!(codes, ["AA001", "BB001"], "{}", stdout(&out));
}

fn minimal_pack(prefix: &str) -> String {
    format!(
        r#"[pack]
id = "{prefix}-paket"
name = "{prefix}"
source = "En policy"
decision = "KF 2027-01-01 § 1"
prefix = "{prefix}"

[[rule]]
code = "{prefix}001"
name = "omrade-trygghet"
kind = "section"
severity = "error"
area = {{ sv = "Trygghet", en = "Safety" }}
terms = ["trygghet"]
summary = {{ sv = "Planen har ett avsnitt om trygghet.", en = "The plan has a section on safety." }}
message = {{ sv = "planen saknar ett avsnitt om `{{area}}`", en = "the plan has no section on `{{area}}`" }}
help = {{ sv = "lägg till rubriken `{{level}} {{heading}}`", en = "add the heading `{{level}} {{heading}}`" }}
policy = {{ section = "Trygghet", quote = "Alla ska känna sig trygga." }}
examples.pass = """
## Trygghet

Förvaltningen arbetar under året med trygghet i bostadsområdena tillsammans med polisen och
föreningarna, och följer upp arbetet i delårsrapporten.
"""
examples.fail = """
## Ekonomi

Budgeten är i balans.
"""
"#
    )
}

#[test]
fn a_path_that_does_not_exist_is_said_without_the_systems_english() {
    for args in [&["check", "nosuch.md"][..], &["outline", "nosuch.md"]] {
        let sv = argument_error(args);
        assert_eq!(
            sv,
            "error: sökvägen finns inte eller kan inte läsas `nosuch.md`: finns inte\n"
        );
        let mut en_args = args.to_vec();
        en_args.extend(["--lang", "en"]);
        let en = argument_error(&en_args);
        assert_eq!(
            en,
            "error: the path does not exist or cannot be read `nosuch.md`: does not exist\n"
        );
    }
}

#[test]
fn a_directory_named_to_outline_is_said_to_be_one() {
    let dir = repo(&[("planer/a.md", "# Plan\n")]);
    let out = planlint_in(dir.path(), &["outline", "planer"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`planer`: är ingen vanlig fil"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

/// The start of a `.docx`, cut short: a zip whose first entries name the Word parts, and no
/// central directory.
const DOCX: &[u8] = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00\x00PK\x03\x04word/document.xml";
/// The start of a Word 97 `.doc`: an OLE compound file.
const DOC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

#[test]
fn a_word_file_or_a_pdf_is_said_to_be_one_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "plan.doc", DOC);
    write(dir.path(), "plan.docx", DOCX);
    write(dir.path(), "plan.pdf", PDF);
    let out = planlint_in(
        dir.path(),
        &[
            "check",
            "plan.doc",
            "plan.docx",
            "plan.pdf",
            "--color",
            "never",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[PL003]: filen är ett Word-dokument i det äldre formatet (.doc), inte en plan i Markdown"),
        "{text}"
    );
    assert!(
        text.contains(
            "error[PL002]: dokumentet är skadat eller ofullständigt: dess zip-arkiv kan inte läsas"
        ),
        "{text}"
    );
    assert!(
        text.contains("error[PL003]: filen är en PDF, inte en plan i Markdown"),
        "{text}"
    );
    assert!(
        text.contains("= help: öppna planen i Word eller LibreOffice och spara den som Word-dokument (.docx) eller OpenDocument-text (.odt)"),
        "{text}"
    );
    assert!(!text.contains("Kodning"), "{text}");
    assert!(!text.contains("IP001"), "{text}");
    let en = planlint_in(
        dir.path(),
        &["check", "plan.docx", "--format", "short", "--lang", "en"],
        "",
    );
    assert!(
        stdout(&en).contains(
            "plan.docx:1:1: error[PL002]: the document is damaged or incomplete: its zip archive cannot be read"
        ),
        "{}",
        stdout(&en)
    );
}

#[test]
fn outline_of_a_file_that_is_not_text_says_so_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "plan.docx", DOCX);
    write(dir.path(), "plan.pdf", PDF);
    write(dir.path(), "bild.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(dir.path(), "latin1.md", b"# Plan\n\n## Bost\xe4der\n");
    for (file, what) in [
        (
            "plan.docx",
            "dokumentet är skadat eller ofullständigt: dess zip-arkiv kan inte läsas",
        ),
        ("plan.pdf", "filen är en PDF, inte en plan i Markdown"),
        (
            "bild.md",
            "filen innehåller binära data och är ingen plan i Markdown",
        ),
        ("latin1.md", "filen är inte giltig UTF-8 (0xE4)"),
    ] {
        let out = planlint_in(dir.path(), &["outline", file], "");
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(out.stdout.is_empty(), "{file}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: `{file}`: {what}\n")),
            "{err}"
        );
        assert!(err.contains("  = help: "), "{err}");
    }
    let en = planlint_in(dir.path(), &["outline", "plan.pdf", "--lang", "en"], "");
    assert!(
        stderr(&en).starts_with("error: `plan.pdf`: the file is a PDF, not a Markdown plan"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn front_matter_is_named_in_plain_words_with_the_term_once() {
    let out = planlint(&[
        "check",
        "examples/plans/miljo-och-byggnad-utkast.md",
        "--format",
        "short",
    ]);
    let line = stdout(&out)
        .lines()
        .find(|l| l.contains("[IP007]"))
        .map(str::to_owned)
        .expect("IP007");
    assert!(
        line.ends_with(
            "warning[IP007]: uppgiftsblocket överst i planen (front matter) saknar `ansvarig`"
        ),
        "{line}"
    );
    assert_eq!(line.matches("front matter").count(), 1, "{line}");
    let none = check("# Plan\n\nText.\n");
    let ip007 = none.iter().find(|d| d.code == "IP007").expect("IP007");
    assert!(
        ip007.primary.message.contains("inget uppgiftsblock överst"),
        "{:?}",
        ip007.primary
    );
}

/// The help line of the IP002 finding for `text`.
fn housing_help(text: &str) -> String {
    check(text)
        .into_iter()
        .find(|d| d.code == "IP002")
        .and_then(|d| d.help.as_deref().map(str::to_owned))
        .expect("IP002 with a help line")
}

#[test]
fn the_help_line_of_a_missing_area_uses_the_level_of_the_other_areas() {
    use crate::support::section;
    let deep = format!(
        "# Plan\n\n## Prioriterade områden\n\n{}{}{}",
        section("### Arbete och studier"),
        section("### Folkhälsa"),
        section("### Samverkan")
    );
    assert!(
        housing_help(&deep).starts_with("lägg till rubriken `### Bostäder` "),
        "{}",
        housing_help(&deep)
    );
    let flat = format!(
        "# Plan\n\n{}{}",
        section("## Arbete och studier"),
        section("## Folkhälsa")
    );
    assert!(
        housing_help(&flat).starts_with("lägg till rubriken `## Bostäder` "),
        "{}",
        housing_help(&flat)
    );
    // No other area covered: one level below the heading the section belongs under.
    let anchored = "# Plan\n\n## Prioriterade områden\n\nText.\n";
    assert!(
        housing_help(anchored).starts_with("lägg till rubriken `### Bostäder` "),
        "{}",
        housing_help(anchored)
    );
    assert!(
        housing_help("Bara text.\n").starts_with("lägg till rubriken `## Bostäder` "),
        "{}",
        housing_help("Bara text.\n")
    );
    let explain = stdout(&planlint(&["explain", "IP002"]));
    assert!(
        explain.contains("lägg till rubriken `## Bostäder`"),
        "{explain}"
    );
}

#[test]
fn explain_knows_every_code_of_planlints_own() {
    for code in planlint::diagnostic::codes::ALL {
        let out = planlint(&["explain", code.code]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            code.code,
            stderr(&out)
        );
        let text = stdout(&out);
        assert!(
            text.starts_with(&format!("{} {} (", code.code, code.name)),
            "{text}"
        );
        assert!(text.contains(code.about[0].summary), "{text}");
        assert!(text.contains("Så åtgärdar du:"), "{text}");
        let en = stdout(&planlint(&[
            "explain",
            &code.code.to_lowercase(),
            "--lang",
            "en",
        ]));
        assert!(en.contains(code.about[1].summary), "{en}");
        assert!(en.contains("How to fix:"), "{en}");
    }
    let pl003 = stdout(&planlint(&["explain", "PL003"]));
    assert!(pl003.contains("Word-dokument"), "{pl003}");
}

#[test]
fn explain_finds_a_rule_by_its_area_or_its_name() {
    for word in [
        "Bostäder",
        "bostader",
        "BOSTÄDER",
        "omrade-bostader",
        "omrade bostader",
        "Housing",
    ] {
        let out = planlint(&["explain", word]);
        assert_eq!(out.status.code(), Some(0), "{word}: {}", stderr(&out));
        assert!(
            stdout(&out).starts_with("IP002 omrade-bostader (error)"),
            "{word}: {}",
            stdout(&out)
        );
    }
    let folk = stdout(&planlint(&["explain", "folkhalsa"]));
    assert!(folk.starts_with("IP003 "), "{folk}");
}

#[test]
fn explain_lists_the_candidates_of_an_ambiguous_word() {
    let out = planlint(&["explain", "bostad"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: `bostad` kan syfta på flera: "),
        "{err}"
    );
    assert!(err.contains("`IP002 omrade-bostader`"), "{err}");
    assert!(err.contains("= help: ange en av koderna"), "{err}");
    let out = planlint(&["explain", "undantag", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("could mean several: `PL010 undantag`"),
        "{}",
        stderr(&out)
    );
    let unknown = planlint(&["explain", "xyzzy"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown)
            .starts_with("error: `xyzzy` är ingen regelkod och inget regelnamn eller område"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn argument_errors_as_a_planner_sees_them() {
    let mut sv = String::new();
    let mut en = String::new();
    for args in [
        &["--formt", "json"][..],
        &["check", "--formt", "json"],
        &["chek"],
        &["check", "--format"],
        &["check", "--format", "xml"],
    ] {
        let _ = writeln!(
            sv,
            "$ planlint {}\n{}",
            args.join(" "),
            argument_error(args)
        );
        let mut with_en = args.to_vec();
        with_en.extend(["--lang", "en"]);
        let _ = writeln!(
            en,
            "$ planlint {}\n{}",
            with_en.join(" "),
            argument_error(&with_en)
        );
    }
    insta::assert_snapshot!("argument_errors_sv", sv);
    insta::assert_snapshot!("argument_errors_en", en);
}

#[test]
fn a_message_about_a_file_quotes_at_most_eighty_characters_of_each_value() {
    use planlint::i18n::excerpts;
    let long = "a".repeat(200);
    let cut = format!("{}…", "a".repeat(80));
    // Short quotes and the words around them stay as they are.
    let plain = "okänd nyckel `inclde` i konfigurationen; menade du `include`?";
    assert_eq!(excerpts(plain), plain);
    assert_eq!(
        excerpts(&format!("okänd nyckel `{long}` i konfigurationen")),
        format!("okänd nyckel `{cut}` i konfigurationen")
    );
    // A string as serde quotes it, with escaped quotes inside; no backslash is left at the cut.
    let escaped = format!(
        "invalid type: string \"{}\\\"{long}\", expected a boolean",
        "b".repeat(79)
    );
    assert_eq!(
        excerpts(&escaped),
        format!(
            "invalid type: string \"{}…\", expected a boolean",
            "b".repeat(79)
        )
    );
    // A quote that never closes quotes nothing; the whole message is still bounded.
    let open = format!("okänd nyckel `a`{}` i konfigurationen", "c".repeat(5_000));
    let shown = excerpts(&open);
    assert!(shown.starts_with("okänd nyckel `a`ccc"), "{shown}");
    assert_eq!(shown.chars().count(), planlint::i18n::MESSAGE_CHARS + 1);
    assert!(shown.ends_with('…'));
    // Characters, not bytes.
    assert_eq!(
        excerpts(&format!("`{}`", "ö".repeat(81))),
        format!("`{}…`", "ö".repeat(80))
    );
}

/// A thin area section is there: the headline says what is wrong with it (too few words, only
/// placeholders, nothing at all), in every format that shows only the headline.
#[test]
fn a_thin_section_is_named_as_thin_not_as_missing() {
    let plan = crate::support::compliant().replacen(
        "## Ekonomi\n",
        "## Bostäder och boende\n\nTODO\n\n## Ekonomi\n",
        1,
    );
    let short = |text: &str| {
        let dir = crate::support::repo(&[("a.md", text)]);
        crate::support::stdout(&crate::support::planlint_in(
            dir.path(),
            &["check", "a.md", "--format", "short"],
            "",
        ))
    };
    // The compliant plan covers Bostäder already; a plan whose only Bostäder section is thin:
    let thin = "# Verksamhetsplan 2027\n\n## Bostäder\n\nVi arbetar vidare med detta.\n\n## Samverkan och boende\n\nTODO\n";
    let out = short(thin);
    assert!(
        out.contains("error[IP002]: avsnittet `Bostäder` är för kort för att täcka Bostäder: 5 ord, minst 15 behövs"),
        "{out}"
    );
    assert!(
        !out.contains("planen saknar ett avsnitt om `Bostäder`"),
        "{out}"
    );
    let only_todo =
        "# Verksamhetsplan 2027\n\n## Bostäder och boende\n\nTODO: skriv om bostäderna.\n";
    let out = short(only_todo);
    assert!(
        out.contains("error[IP002]: avsnittet `Bostäder och boende` har bara platshållare, så det täcker inte Bostäder"),
        "{out}"
    );
    // With no heading at all, the plan does lack the section.
    let out = short("# Verksamhetsplan 2027\n\nText.\n");
    assert!(
        out.contains("error[IP002]: planen saknar ett avsnitt om `Bostäder`"),
        "{out}"
    );
    let _ = plan;
}

/// One place decides the heading a missing area's section gets: the finding's help names the
/// level of the plan's other area sections (`###` under `## Prioriterade områden`).
#[test]
fn the_suggested_heading_has_the_level_of_the_other_area_sections() {
    let dir = crate::support::repo(&[("a.md", &crate::support::no_housing())]);
    let out = crate::support::stdout(&crate::support::planlint_in(
        dir.path(),
        &["check", "a.md", "--format", "json"],
        "",
    ));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let ip002 = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "IP002")
        .expect("IP002");
    let help = ip002["help"].as_str().expect("help");
    assert!(help.contains("`### Bostäder`"), "{help}");
    assert!(
        crate::support::no_housing().contains("\n### Samverkan"),
        "the other areas are at ###"
    );
}

#[test]
fn explain_names_the_section_a_rule_within_one_area_asks_about() {
    let out = planlint(&["explain", "IP008"]);
    let text = stdout(&out);
    assert!(
        text.contains("beskriv under `Folkhälsa` hur förvaltningen"),
        "{text}"
    );
    assert!(!text.contains("`avsnittet`"), "{text}");
    // A rule within every area names none of them.
    let out = planlint(&["explain", "IP014"]);
    assert!(!stdout(&out).contains("`avsnittet`"));
}
