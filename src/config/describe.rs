//! `planlint config`: the effective settings, one per line, each with where it came from.

use globset::GlobSet;

use super::settings::{Origin, Settings};

/// The effective settings, one per line, each with where it came from (`planlint config`);
/// `pack_paths` are the loaded packs' paths.
pub fn describe(s: &Settings, pack_paths: &[String]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_owned()
        } else {
            v.join(", ")
        }
    };
    let mut line = |key: &str, value: String, origin: &Origin| {
        // The config file and the root have no origin of their own.
        let _ = match key {
            "config" | "root" => writeln!(out, "{key:<14} = {value}"),
            _ => writeln!(out, "{key:<14} = {value:<40} # {origin}"),
        };
    };
    let config = s
        .config
        .as_ref()
        .map_or_else(|| "-".to_owned(), |c| c.path.display().to_string());
    line("config", config, &Origin::Default);
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
    line("root", root, &Origin::Default);
    line("lang", s.lang.value.to_string(), &s.lang.origin);
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
    line("packs", packs.join(", "), &packs_origin);
    let globs = |g: &Option<(Vec<String>, GlobSet)>| {
        g.as_ref()
            .map_or_else(|| "*.md, *.markdown".to_owned(), |(raw, _)| list(raw))
    };
    line("include", globs(&s.include.value), &s.include.origin);
    line(
        "exclude",
        s.exclude
            .value
            .as_ref()
            .map_or_else(|| "-".to_owned(), |(raw, _)| list(raw)),
        &s.exclude.origin,
    );
    line(
        "select",
        s.select
            .value
            .as_ref()
            .map_or_else(|| "all".to_owned(), |v| list(v)),
        &s.select.origin,
    );
    line("ignore", list(&s.ignore.value), &s.ignore.origin);
    line(
        "deny-warnings",
        s.deny_warnings.value.to_string(),
        &s.deny_warnings.origin,
    );
    line("strict", s.strict.value.to_string(), &s.strict.origin);
    line(
        "allow_empty",
        s.allow_empty.value.to_string(),
        &s.allow_empty.origin,
    );
    for (code, level, origin) in &s.severity {
        line(
            &format!("severity.{code}"),
            format!("{level:?}").to_lowercase(),
            origin,
        );
    }
    for crate::config::settings::PathOverride {
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
        line(
            "override",
            format!("{} -> {}", list(paths), levels.join(", ")),
            origin,
        );
    }
    for w in &s.waivers {
        let expires = w
            .expires
            .as_deref()
            .map_or_else(String::new, |e| format!(" (expires {e})"));
        let _ = writeln!(
            out,
            "{:<14} = {} : {}{expires} # {}",
            "waiver",
            w.codes.join(", "),
            w.reason,
            w.source
        );
    }
    out
}
