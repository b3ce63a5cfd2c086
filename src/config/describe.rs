//! `planlint config`: the effective settings, one per line, each with where it came from.

use std::fmt::Write as _;

use globset::GlobSet;

use super::settings::{Origin, PathOverride, Settings};

/// The effective settings, one per line, each with where it came from (`planlint config`);
/// `pack_paths` are the loaded packs' paths.
pub fn describe(s: &Settings, pack_paths: &[String]) -> String {
    let mut out = Lines(String::new());
    files(&mut out, s, pack_paths);
    selection(&mut out, s);
    levels(&mut out, s);
    waivers(&mut out, s);
    estate(&mut out, s);
    out.0
}

/// The text being written, a `key = value # origin` line at a time.
struct Lines(String);

impl Lines {
    fn line(&mut self, key: &str, value: &str, origin: &Origin) {
        // The config file and the root have no origin of their own.
        let _ = match key {
            "config" | "root" => writeln!(self.0, "{key:<14} = {value}"),
            _ => writeln!(self.0, "{key:<14} = {value:<40} # {origin}"),
        };
    }
}

/// A list as `a, b`, or `-` when empty.
fn list(v: &[String]) -> String {
    if v.is_empty() {
        "-".to_owned()
    } else {
        v.join(", ")
    }
}

/// What the run reads: the config file, the root its globs are relative to, the language and
/// the packs.
fn files(out: &mut Lines, s: &Settings, pack_paths: &[String]) {
    let config = s
        .config
        .as_ref()
        .map_or_else(|| "-".to_owned(), |c| c.path.display().to_string());
    out.line("config", &config, &Origin::Default);
    let root = s.config.as_ref().map_or_else(
        || ".".to_owned(),
        |c| {
            let dir = c.dir().display().to_string();
            if dir.is_empty() {
                ".".to_owned()
            } else {
                dir
            }
        },
    );
    out.line("root", &root, &Origin::Default);
    out.line("lang", &s.lang.value.to_string(), &s.lang.origin);
    let packs_origin = s
        .config
        .as_ref()
        .and_then(|c| {
            c.file
                .packs
                .as_ref()
                .map(|p| Origin::File(c.path.clone(), c.line_of(p.span().start)))
        })
        .unwrap_or(Origin::Default);
    let packs: Vec<&str> = pack_paths
        .iter()
        .map(|p| {
            if p == crate::pack::BUILTIN_PATH {
                "builtin"
            } else {
                p.as_str()
            }
        })
        .collect();
    out.line("packs", &packs.join(", "), &packs_origin);
}

/// Which plans and codes the run checks and reports, and what fails it.
fn selection(out: &mut Lines, s: &Settings) {
    let globs = |g: &Option<(Vec<String>, GlobSet)>| {
        g.as_ref()
            .map_or_else(|| "*.md, *.markdown".to_owned(), |(raw, _)| list(raw))
    };
    out.line("include", &globs(&s.include.value), &s.include.origin);
    out.line(
        "exclude",
        &s.exclude
            .value
            .as_ref()
            .map_or_else(|| "-".to_owned(), |(raw, _)| list(raw)),
        &s.exclude.origin,
    );
    out.line(
        "select",
        &s.select
            .value
            .as_ref()
            .map_or_else(|| "all".to_owned(), |v| list(v)),
        &s.select.origin,
    );
    out.line("ignore", &list(&s.ignore.value), &s.ignore.origin);
    out.line(
        "deny-warnings",
        &s.deny_warnings.value.to_string(),
        &s.deny_warnings.origin,
    );
    out.line("strict", &s.strict.value.to_string(), &s.strict.origin);
    out.line(
        "allow_empty",
        &s.allow_empty.value.to_string(),
        &s.allow_empty.origin,
    );
}

/// The severities set by code, then those set for paths.
fn levels(out: &mut Lines, s: &Settings) {
    for set in &s.severity {
        let level = format!("{:?}", set.level).to_lowercase();
        let value = match &set.reason {
            Some(reason) => format!("{level} : {reason}"),
            None => level,
        };
        out.line(&format!("severity.{}", set.code), &value, &set.origin);
    }
    for PathOverride {
        globs: paths,
        levels: map,
        origin,
        ..
    } in &s.overrides
    {
        let levels: Vec<String> = map
            .iter()
            .map(|(c, l)| format!("{c}={}", format!("{l:?}").to_lowercase()))
            .collect();
        out.line(
            "override",
            &format!("{} -> {}", list(paths), levels.join(", ")),
            origin,
        );
    }
}

/// The config's waivers: codes, reason and expiry, with where each was written.
fn waivers(out: &mut Lines, s: &Settings) {
    for w in &s.waivers {
        let expires = w
            .expires
            .as_deref()
            .map_or_else(String::new, |e| format!(" (expires {e})"));
        let _ = writeln!(
            out.0,
            "{:<14} = {} : {}{expires} # {}",
            "waiver",
            w.codes.join(", "),
            w.reason,
            w.source
        );
    }
}

/// The stages in order with what each changes from then on, `--stage`, and the roster.
fn estate(out: &mut Lines, s: &Settings) {
    let origin = |span: &std::ops::Range<usize>| {
        s.config.as_ref().map_or(Origin::Default, |c| {
            Origin::File(c.path.clone(), c.line_of(span.start))
        })
    };
    let stages: Vec<String> = s.stages.names().map(str::to_owned).collect();
    // The list is the file's once it adds a stage: the line of the first table that does.
    let added = s
        .stages
        .0
        .iter()
        .filter(|st| st.added)
        .filter_map(|st| st.table.clone())
        .min_by_key(|span| span.start);
    let from = |span: Option<std::ops::Range<usize>>| span.map_or(Origin::Default, |r| origin(&r));
    out.line("stages", &list(&stages), &from(added));
    for stage in &s.stages.0 {
        let mut changes: Vec<String> = stage
            .defaults
            .iter()
            .map(|(target, level)| {
                let level = format!("{level:?}").to_lowercase();
                match target {
                    super::estate::Target::Kind(kind) => format!("kind {kind}={level}"),
                    super::estate::Target::Code(code) => format!("{code}={level}"),
                }
            })
            .collect();
        changes.extend(
            stage
                .levels
                .iter()
                .map(|(c, l)| format!("{c}={}", format!("{l:?}").to_lowercase())),
        );
        if !changes.is_empty() {
            out.line(
                &format!("stage.{}", stage.name),
                &changes.join(", "),
                &from(stage.table.clone()),
            );
        }
    }
    let stage = s
        .stage
        .value
        .map_or_else(|| "-".to_owned(), |i| s.stages.0[i].name.clone());
    out.line("stage", &stage, &s.stage.origin);
    for d in &s.departments {
        let board = d
            .board
            .as_deref()
            .map_or_else(String::new, |b| format!(" ({b})"));
        out.line(
            "department",
            &format!("{}{board} -> {}", d.name, d.globs.join(", ")),
            &origin(&d.span),
        );
    }
}
