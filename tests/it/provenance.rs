//! What a report judged, in its header, in every format: the time it was made
//! (`SOURCE_DATE_EPOCH` fixes it), the plans' commit and whether the work tree was dirty (or
//! that they are not in git), the packs with their versions or digests, the config and the
//! stage; and the HTML page's title naming the packs. Each test runs in a temporary directory:
//! a git repository it makes, or a directory outside git.

use std::path::Path;
use std::process::Command;

use crate::support::{
    available, compliant, csv_table, planlint_command, planlint_in, python, python_module, repo,
    stderr, stdout,
};

/// `planlint report ARGS` in `dir`, which must succeed; its stdout.
fn report(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = planlint_in(dir, &all, "");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The JSON report's `provenance` in `dir`.
fn provenance(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let v: serde_json::Value = serde_json::from_str(&report(dir, &all)).expect("json report");
    v["provenance"].clone()
}

/// The HTML header's line `key`: its term and definitions as written.
fn header_line<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html
        .find(&format!("<div data-key=\"{key}\">"))
        .unwrap_or_else(|| panic!("no header line {key}:\n{html}"));
    let end = start + html[start..].find("</div>").expect("end of the line");
    &html[start..end]
}

/// `git ARGS` in `dir` as a test's own user, without the machine's or the user's git config.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Nämndsekreteraren",
            "-c",
            "user.email=n@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    stdout(&out).trim().to_owned()
}

/// Whether `git` can be run (see [`available`]).
fn has_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, "git")
}

/// A pack with one warning rule, its header's `extra` lines after the required keys.
fn pack(id: &str, name: &str, extra: &str) -> String {
    format!(
        "[pack]\nid = \"{id}\"\nname = {name:?}\n{extra}source = \"S\"\ndecision = \"D\"\nprefix = \"TT\"\n\n\
[[rule]]\ncode = \"TT001\"\nname = \"ord-kvar\"\nkind = \"forbid\"\nseverity = \"warning\"\nterms = [\"utanförskapsområde\"]\n\
summary = {{ sv = \"s\", en = \"s\" }}\nmessage = {{ sv = \"`{{term}}` står kvar\", en = \"`{{term}}` is left\" }}\n\
help = {{ sv = \"h\", en = \"h\" }}\npolicy = {{ section = \"S\", quote = \"Q\" }}\n\
examples = {{ pass = \"p\", fail = \"utanförskapsområde\" }}\n"
    )
}

/// `sha256:` and the first 12 hex digits of the SHA-256 of `bytes`, worked out here.
fn digest(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let hash = sha2::Sha256::digest(bytes);
    hash[..6]
        .iter()
        .fold(String::from("sha256:"), |s, b| s + &format!("{b:02x}"))
}

#[test]
fn a_report_in_git_names_the_commit_and_says_when_the_tree_was_dirty() {
    if !has_git() {
        return;
    }
    let dir = repo(&[("planer/a.md", &compliant())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "planerna för 2027"]);
    let full = git(dir.path(), &["rev-parse", "HEAD"]);
    let short = &full[..12];
    let html = report(dir.path(), &[]);
    assert_eq!(
        header_line(&html, "commit"),
        format!("<div data-key=\"commit\"><dt>Planernas version i git</dt><dd>{short}</dd>")
    );
    // The time is SOURCE_DATE_EPOCH's, in UTC.
    assert_eq!(
        header_line(&html, "made_at"),
        "<div data-key=\"made_at\"><dt>Rapporten skapad</dt><dd>2027-03-14 08:30 +00:00</dd>"
    );
    let p = provenance(dir.path(), &[]);
    assert_eq!(p["commit"], full.as_str());
    assert_eq!(p["dirty"], false);
    assert_eq!(p["made_at"], "2027-03-14T08:30:00+00:00");
    // A plan changed and not committed: the report says the plans are not the commit's.
    std::fs::write(
        dir.path().join("planer/a.md"),
        compliant() + "\nEn rad till.\n",
    )
    .expect("write");
    let html = report(dir.path(), &[]);
    assert!(
        header_line(&html, "commit")
            .ends_with(&format!("<dd>{short}, med ej incheckade ändringar</dd>")),
        "{html}"
    );
    let md = report(dir.path(), &["--format", "markdown", "--lang", "en"]);
    assert!(
        md.contains(&format!(
            "\n- **The plans' version in git:** {short}, with uncommitted changes\n"
        )),
        "{md}"
    );
    assert_eq!(provenance(dir.path(), &[])["dirty"], true);
    // A new plan not yet added is a change too.
    git(dir.path(), &["commit", "-q", "-am", "en rad till"]);
    assert_eq!(provenance(dir.path(), &[])["dirty"], false);
    std::fs::write(dir.path().join("planer/b.md"), compliant()).expect("write");
    assert_eq!(provenance(dir.path(), &[])["dirty"], true);
}

#[test]
fn the_repositorys_own_config_cannot_make_the_report_run_a_program() {
    if !has_git() {
        return;
    }
    let dir = repo(&[("a.md", &compliant())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "första"]);
    // `git status` runs an fsmonitor program named in the repository's config.
    let marker = dir.path().join("ran");
    let hook = format!("touch '{}'; echo", marker.display());
    git(dir.path(), &["config", "core.fsmonitor", &hook]);
    let p = provenance(dir.path(), &[]);
    assert!(p["commit"].is_string(), "{p}");
    assert!(
        !marker.exists(),
        "the report ran the repository's fsmonitor program"
    );
}

#[test]
fn git_runs_in_the_config_files_directory() {
    if !has_git() {
        return;
    }
    let dir = repo(&[("planlint.toml", ""), ("planer/a.md", &compliant())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "första"]);
    let full = git(dir.path(), &["rev-parse", "HEAD"]);
    // Run from a folder below, where the config is found by walking up.
    let p = provenance(&dir.path().join("planer"), &["a.md"]);
    assert_eq!(p["commit"], full.as_str());
    assert_eq!(p["config"], "../planlint.toml");
}

#[test]
fn a_report_outside_git_or_without_git_says_so_and_is_made_all_the_same() {
    let dir = repo(&[("a.md", &compliant())]);
    let html = report(dir.path(), &[]);
    assert_eq!(
        header_line(&html, "commit"),
        "<div data-key=\"commit\"><dt>Planernas version i git</dt><dd>ingen git-version</dd>"
    );
    let en = report(dir.path(), &["--format", "markdown", "--lang", "en"]);
    assert!(
        en.contains("\n- **The plans' version in git:** not in git\n"),
        "{en}"
    );
    let p = provenance(dir.path(), &[]);
    assert!(p["commit"].is_null() && p["dirty"].is_null(), "{p}");
    // No `git` on PATH at all.
    let out = planlint_command()
        .args(["report", "--format", "json"])
        .current_dir(dir.path())
        .env("PATH", dir.path().join("no-such-bin"))
        .output()
        .expect("planlint runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["provenance"]["commit"].is_null(), "{v}");
}

#[test]
fn the_title_names_every_pack_and_the_header_their_versions() {
    let dir = repo(&[
        (
            "extra.toml",
            &pack(
                "testpaket",
                "Testpaket för nämnden",
                "version = \"2027.2\"\n",
            ),
        ),
        ("a.md", &compliant()),
    ]);
    let html = report(dir.path(), &["--rules", "extra.toml"]);
    let title = "Täckningsrapport – Integrationspolicy, Vingåkers kommun · Testpaket för nämnden";
    assert!(html.contains(&format!("<title>{title}</title>")), "{html}");
    assert!(html.contains(&format!("<h1>{title}</h1>")), "{html}");
    assert_eq!(
        header_line(&html, "packs"),
        "<div data-key=\"packs\"><dt>Regelpaket</dt>\
<dd>Integrationspolicy, Vingåkers kommun · version 2026.2 · inbyggt i planlint · id integrationspolicy</dd>\
<dd>Testpaket för nämnden · version 2027.2 · extra.toml · id testpaket</dd>"
    );
    let md = report(
        dir.path(),
        &["--rules", "extra.toml", "--format", "markdown"],
    );
    assert!(
        md.starts_with(&format!(
            "## {title}\n\n- **Rapporten skapad:** 2027-03-14 08:30 +00:00\n- **Planernas version i git:** ingen git-version\n- **Regelpaket:**\n  - Integrationspolicy, Vingåkers kommun · version 2026.2 · inbyggt i planlint · id integrationspolicy\n  - Testpaket för nämnden · version 2027.2 · extra.toml · id testpaket\n- **Konfiguration:** ingen planlint.toml\n- **Skede:** varje plan i skedet som dess status anger: 1 utkast\n\n| Förvaltning |"
        )),
        "{md}"
    );
    let en = report(dir.path(), &["--rules", "extra.toml", "--lang", "en"]);
    assert!(
        en.contains("<title>Coverage report – Integrationspolicy, Vingåkers kommun · Testpaket för nämnden</title>"),
        "{en}"
    );
    assert!(
        header_line(&en, "packs").contains("<dd>Integrationspolicy, Vingåkers kommun · version 2026.2 · built into planlint · id integrationspolicy</dd>"),
        "{en}"
    );
    // The built-in pack alone: the title names it, not "the integration policy" in general.
    let html = report(dir.path(), &[]);
    assert!(
        html.contains("<title>Täckningsrapport – Integrationspolicy, Vingåkers kommun</title>"),
        "{html}"
    );
}

#[test]
fn a_pack_without_a_version_is_named_by_a_digest_of_its_bytes() {
    let text = pack("utan", "Paket utan version", "");
    let dir = repo(&[("extra.toml", &text), ("a.md", &compliant())]);
    let first = digest(text.as_bytes());
    let html = report(dir.path(), &["--rules", "extra.toml"]);
    assert!(
        header_line(&html, "packs").ends_with(&format!(
            "<dd>Paket utan version · utan version, kontrollsumma {first} · extra.toml · id utan</dd>"
        )),
        "{html}"
    );
    let p = provenance(dir.path(), &["--rules", "extra.toml"]);
    assert_eq!(p["packs"][1]["digest"], first.as_str());
    assert!(p["packs"][1]["version"].is_null(), "{p}");
    // One byte more (a comment) is another pack as far as the report can tell.
    std::fs::write(dir.path().join("extra.toml"), format!("{text}# ändrad\n")).expect("write");
    let second = digest(format!("{text}# ändrad\n").as_bytes());
    assert_ne!(first, second);
    let p = provenance(dir.path(), &["--rules", "extra.toml"]);
    assert_eq!(p["packs"][1]["digest"], second.as_str());
    // The built-in pack has a digest as well as its version.
    let digest = p["packs"][0]["digest"].as_str().expect("digest");
    assert!(
        digest.len() == 19
            && digest.starts_with("sha256:")
            && digest[7..].bytes().all(|b| b.is_ascii_hexdigit()),
        "{digest}"
    );
}

#[test]
fn json_has_the_provenance_object() {
    let dir = repo(&[("planlint.toml", "lang = \"sv\"\n"), ("a.md", &compliant())]);
    let p = provenance(dir.path(), &[]);
    let mut keys: Vec<&str> = p
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["commit", "config", "dirty", "made_at", "packs", "stage", "stages"],
        "{p}"
    );
    assert_eq!(p["config"], "planlint.toml");
    assert!(p["stage"].is_null(), "{p}");
    assert_eq!(
        p["packs"][0],
        serde_json::json!({
            "id": "integrationspolicy",
            "name": "Integrationspolicy, Vingåkers kommun",
            "version": "2026.2",
            "digest": p["packs"][0]["digest"],
            "path": null,
            "builtin": true,
        })
    );
    // The rest of the report is where it was.
    let v: serde_json::Value =
        serde_json::from_str(&report(dir.path(), &["--format", "json"])).expect("json");
    for key in ["columns", "rows", "skipped", "summary"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    // Without a config file the report says there was none.
    assert!(provenance(dir.path(), &["--isolated"])["config"].is_null());
    let html = report(dir.path(), &["--isolated"]);
    assert!(
        header_line(&html, "config").ends_with("<dd>ingen planlint.toml</dd>"),
        "{html}"
    );
    assert!(
        header_line(&html, "stage").ends_with(
            "<dt>Skede</dt><dd>varje plan i skedet som dess status anger: 1 utkast</dd>"
        ),
        "{html}"
    );
}

#[test]
fn the_csv_opens_with_a_block_of_fields_and_values_then_an_empty_line() {
    let hostile = "Paket \"A\", med komma\noch radbrytning";
    let dir = repo(&[
        ("extra.toml", &pack("=HYPERLINK", hostile, "")),
        ("a.md", &compliant()),
    ]);
    let csv = report(dir.path(), &["--rules", "extra.toml", "--format", "csv"]);
    let (block, _) = csv.split_once("\n\n").expect("an empty line");
    assert!(block.starts_with(
        "field,value\nmade_at,2027-03-14T08:30:00+00:00\ncommit,\ndirty,\nconfig,\nstage,\n\
pack.id,integrationspolicy\npack.name,\"Integrationspolicy, Vingåkers kommun\"\npack.version,2026.2\npack.digest,sha256:"
    ), "{csv}");
    assert!(
        block.ends_with(&format!(
            "\npack.id,'=HYPERLINK\npack.name,\"Paket \"\"A\"\", med komma\noch radbrytning\"\npack.version,\npack.digest,{}\npack.path,extra.toml",
            digest(pack("=HYPERLINK", hostile, "").as_bytes())
        )),
        "{csv}"
    );
    assert!(
        csv_table(&csv).starts_with("path,department,IP001,"),
        "{csv}"
    );
    // A spreadsheet's reader sees two columns, then an empty row, then the table.
    if !python_module("csv") {
        return;
    }
    let file = dir.path().join("report.csv");
    std::fs::write(&file, &csv).expect("write");
    let script = "import csv, json, sys\n\
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
end = rows.index([])\n\
print(json.dumps({'block': rows[:end], 'table': rows[end + 1][:2]}))\n";
    let out = Command::new(python())
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let block = v["block"].as_array().expect("block");
    assert!(
        block.iter().all(|r| r.as_array().map(Vec::len) == Some(2)),
        "{v}"
    );
    assert_eq!(block[0], serde_json::json!(["field", "value"]));
    assert_eq!(
        block[1],
        serde_json::json!(["made_at", "2027-03-14T08:30:00+00:00"])
    );
    assert!(
        block.contains(&serde_json::json!(["pack.name", hostile])),
        "{v}"
    );
    assert_eq!(v["table"], serde_json::json!(["path", "department"]));
}

#[test]
fn a_hostile_pack_name_or_path_cannot_break_a_format() {
    let name = "<script>x</script> | `a` <!-- &amp;";
    let dir = repo(&[
        (
            "a<b>\"&|/extra.toml",
            &pack("x", name, "version = \"<1>\"\n"),
        ),
        (
            "a<b>\"&|/planlint.toml",
            "packs = [\"builtin\", \"extra.toml\"]\n",
        ),
        ("a.md", &compliant()),
    ]);
    let config = "a<b>\"&|/planlint.toml";
    let html = report(dir.path(), &["--config", config, "a.md"]);
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("<title>Täckningsrapport – Integrationspolicy, Vingåkers kommun · &lt;script&gt;x&lt;/script&gt; | `a` &lt;!-- &amp;amp;</title>"),
        "{html}"
    );
    assert!(
        header_line(&html, "packs").contains("<dd>&lt;script&gt;x&lt;/script&gt; | `a` &lt;!-- &amp;amp; · version &lt;1&gt; · a&lt;b&gt;&quot;&amp;|/extra.toml · id x</dd>"),
        "{html}"
    );
    assert!(
        header_line(&html, "config").ends_with("<dd>a&lt;b&gt;&quot;&amp;|/planlint.toml</dd>"),
        "{html}"
    );
    let md = report(
        dir.path(),
        &["--config", config, "a.md", "--format", "markdown"],
    );
    assert!(!md.contains("<!--") && !md.contains("<script"), "{md}");
    assert!(
        md.contains("\n- **Konfiguration:** a&lt;b&gt;\"&\\|/planlint.toml\n"),
        "{md}"
    );
    // The table is still there, whole, under the header.
    assert!(
        md.contains("\n| Förvaltning | År | Nämnd | Skede | IP001 |"),
        "{md}"
    );
}

#[test]
fn a_source_date_epoch_that_is_no_time_stops_the_report_with_why() {
    let dir = repo(&[("a.md", &compliant())]);
    let out = planlint_command()
        .args(["report"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "i morgon")
        .output()
        .expect("planlint runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "`SOURCE_DATE_EPOCH` är `i morgon`, inte ett antal sekunder sedan 1970-01-01"
        ),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    // TZ names the zone the fixed time is shown in.
    if !available(
        Path::new("/usr/share/zoneinfo/Europe/Stockholm").exists(),
        "the time zone database",
    ) {
        return;
    }
    let out = planlint_command()
        .args(["report", "--format", "json"])
        .current_dir(dir.path())
        .env("TZ", "Europe/Stockholm")
        .output()
        .expect("planlint runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["provenance"]["made_at"], "2027-03-14T09:30:00+01:00");
}

#[test]
fn the_pack_schema_has_the_version_key_and_an_empty_one_is_an_error() {
    let dir = repo(&[
        ("tom.toml", &pack("tom", "Tom", "version = \" \"\n")),
        ("a.md", &compliant()),
    ]);
    let schema: serde_json::Value =
        serde_json::from_str(&stdout(&planlint_in(dir.path(), &["schema", "pack"], "")))
            .expect("schema");
    let version = &schema["$defs"]["PackHeader"]["properties"]["version"];
    assert!(
        version["description"]
            .as_str()
            .is_some_and(|d| d.contains("report")),
        "{version}"
    );
    let out = planlint_in(dir.path(), &["report", "--rules", "tom.toml"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("paketets `version` är tom"),
        "{}",
        stderr(&out)
    );
}
