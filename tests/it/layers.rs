//! The library's layers point only down: a table of its modules from the ground up, and a test
//! that names every `crate::` path in library code that points up the table or round a cycle.
//!
//! A unit is a top-level module (a file `src/x.rs` or a folder `src/x/`); `lib` is the crate
//! root, the top. A module may name only modules below it. Inside a folder, its files must not
//! name each other round a cycle. Test code (`tests.rs` files, `#[cfg(test)]` items) is left
//! out: a test may load the whole rule set to check one word.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules from the ground up; each may use only the ones above it in this list.
const LAYERS: &[(&str, &str)] = &[
    ("i18n", "languages and every text's translation"),
    ("suggest", "did you mean: the closest known name"),
    ("source", "the file database: ids, text, line starts"),
    ("diagnostic", "a finding as data, and every PL code"),
    ("matching", "Swedish-aware words and terms"),
    ("document", "the document model and its readers"),
    ("pack", "rule packs: TOML with spans into rule data"),
    ("checks", "one file per rule kind"),
    ("engine", "rules compiled once; one document checked"),
    (
        "ruledoc",
        "a rule's documentation, for explain, SARIF and hover",
    ),
    (
        "fix",
        "what planlint may change in a plan: a section skeleton",
    ),
    (
        "discover",
        "paths to the stream of plans, and what is left out",
    ),
    ("config", "planlint.toml and the command line into settings"),
    ("verdict", "everything decided after a check"),
    ("error", "why planlint could not do its job"),
    ("run", "discovery to parallel checks to a sink"),
    ("render", "one file per output format"),
    ("lsp", "the language server"),
    ("cli", "the command line's types and parsing"),
    ("commands", "one file per subcommand"),
    ("lib", "the crate root"),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rank(unit: &str) -> Option<usize> {
    LAYERS.iter().position(|(name, _)| *name == unit)
}

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a Rust file with comments, string and character literals blanked out, and
/// `#[cfg(test)]` items removed.
fn code_of(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if b[i] == b'r' && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#')) {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            j += 1;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{ad}', '"'), or a lifetime ('a).
            let rest = &text[i + 1..];
            let end = if rest.starts_with('\\') {
                rest.find('\'').map(|e| e + 1)
            } else {
                rest.chars()
                    .next()
                    .filter(|_| rest.chars().nth(1) == Some('\''))
                    .map(|c| c.len_utf8() + 1)
            };
            if let Some(e) = end {
                i += 1 + e;
                out.push_str("' '");
            } else {
                out.push('\'');
                i += 1;
            }
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    without_test_items(&out)
}

/// `code` without the items marked `#[cfg(test)]`.
fn without_test_items(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let mut depth = 0;
        let mut end = item.len();
        for (k, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments of the paths that `prefix` (`crate::`, `super::`) opens in `code`:
/// `crate::a::b` gives `a`, `crate::{a, b::{c}}` gives `a` and `b`.
fn roots_after(code: &str, prefix: &str) -> Vec<String> {
    let mut roots = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(prefix) {
        let start = from + at;
        from = start + prefix.len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = code[from..].trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut expect_root = true;
            let mut k = 0;
            let g = group.as_bytes();
            while k < g.len() && depth > 0 {
                match g[k] {
                    b'{' => {
                        depth += 1;
                        expect_root = false;
                    }
                    b'}' => depth -= 1,
                    b',' if depth == 1 => expect_root = true,
                    c if expect_root && (c.is_ascii_alphabetic() || c == b'_') => {
                        let id = ident_at(&group[k..]);
                        roots.push(id.to_owned());
                        k += id.len();
                        expect_root = false;
                        continue;
                    }
                    _ => {}
                }
                k += 1;
            }
        } else {
            let id = ident_at(rest);
            if !id.is_empty() {
                roots.push(id.to_owned());
            }
        }
    }
    roots
}

struct Crate {
    /// Top-level module names (files and folders of `src/`).
    modules: BTreeSet<String>,
    /// For each file (relative to `src/`), its code.
    files: Vec<(PathBuf, String)>,
}

fn load() -> Crate {
    let root = src();
    let mut paths = Vec::new();
    rust_files(&root, &mut paths);
    let mut modules = BTreeSet::new();
    let mut files = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().to_path_buf();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let unit = first.trim_end_matches(".rs").to_owned();
        if unit != "lib" && unit != "main" {
            modules.insert(unit);
        }
        if rel.file_name().is_some_and(|n| n == "tests.rs") || rel == Path::new("main.rs") {
            continue;
        }
        files.push((rel, code_of(&std::fs::read_to_string(&path).unwrap())));
    }
    Crate { modules, files }
}

fn unit_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// Every edge `(from unit, to unit)` with the files that make it.
fn edges(krate: &Crate) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (rel, code) in &krate.files {
        let from = unit_of(rel);
        for root in roots_after(code, "crate::") {
            if root == "self" || root == from {
                continue;
            }
            let to = if krate.modules.contains(&root) {
                root
            } else {
                "lib".to_owned()
            };
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_default()
                    .insert(rel.display().to_string());
            }
        }
    }
    edges
}

/// The edges inside a folder: file → sibling file, through `super::x` or `crate::folder::x`.
fn folder_edges(krate: &Crate) -> BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> {
    let mut out: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let stems = |dir: &Path| -> BTreeSet<String> {
        krate
            .files
            .iter()
            .filter(|(r, _)| r.parent() == Some(dir))
            .filter_map(|(r, _)| r.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .chain(
                krate
                    .files
                    .iter()
                    .filter_map(|(r, _)| r.strip_prefix(dir).ok())
                    .filter(|r| r.components().count() > 1)
                    .map(|r| {
                        r.components()
                            .next()
                            .unwrap()
                            .as_os_str()
                            .to_string_lossy()
                            .into_owned()
                    }),
            )
            .filter(|s| s != "mod")
            .collect()
    };
    for (rel, code) in &krate.files {
        let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty()) else {
            continue;
        };
        let stem = rel.file_stem().unwrap().to_string_lossy().into_owned();
        if stem == "mod" {
            continue;
        }
        let siblings = stems(dir);
        let module_path = format!("crate::{}::", dir.display().to_string().replace('/', "::"));
        let mut targets = roots_after(code, "super::");
        targets.extend(roots_after(code, &module_path));
        for t in targets {
            if t != stem && siblings.contains(&t) {
                out.entry(dir.to_path_buf())
                    .or_default()
                    .entry(stem.clone())
                    .or_default()
                    .insert(t);
            }
        }
    }
    out
}

/// A cycle in `graph`, if there is one, as the list of its nodes.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut c = path[at..].to_vec();
            c.push(node.to_owned());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn every_module_has_a_layer() {
    let krate = load();
    let missing: Vec<_> = krate.modules.iter().filter(|m| rank(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "modules without a place in LAYERS (tests/it/layers.rs): {missing:?}"
    );
    let stale: Vec<_> = LAYERS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| *n != "lib" && !krate.modules.contains(*n))
        .collect();
    assert!(
        stale.is_empty(),
        "LAYERS names modules that do not exist: {stale:?}"
    );
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let krate = load();
    let mut wrong = Vec::new();
    for ((from, to), files) in edges(&krate) {
        let (Some(f), Some(t)) = (rank(&from), rank(&to)) else {
            continue;
        };
        if t >= f {
            wrong.push(format!(
                "{from} -> {to} (up the layers) in {}",
                files.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "`use crate::` edges that point up:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn no_file_of_a_folder_reaches_round_a_cycle() {
    let krate = load();
    let mut cycles = Vec::new();
    for (dir, graph) in folder_edges(&krate) {
        if let Some(c) = cycle(&graph) {
            cycles.push(format!("{}: {}", dir.display(), c.join(" -> ")));
        }
    }
    assert!(
        cycles.is_empty(),
        "files that import each other round a cycle:\n  {}",
        cycles.join("\n  ")
    );
}

#[test]
fn the_reader_sees_through_groups_comments_and_strings() {
    let code = code_of(
        "use crate::{a, b::{c, d}, e::f};\n// crate::g\nlet s = \"crate::h\"; let r = r#\"crate::i\"#;\nfn x<'a>(y: &'a str) { crate::j::k(); let c = '\"'; crate::l }\n#[cfg(test)]\nmod tests { use crate::m; }\n",
    );
    assert_eq!(roots_after(&code, "crate::"), ["a", "b", "e", "j", "l"]);
    let mut graph = BTreeMap::new();
    graph.insert("x".to_owned(), BTreeSet::from(["y".to_owned()]));
    graph.insert("y".to_owned(), BTreeSet::from(["x".to_owned()]));
    assert_eq!(
        cycle(&graph),
        Some(vec!["x".to_owned(), "y".to_owned(), "x".to_owned()])
    );
}
