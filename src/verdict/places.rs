//! Where the roster expects plans: every department's `paths`, with any year for `{year}`,
//! and which departments' globs name the place of a plan.
//!
//! A roster may hold thousands of departments, each with globs such as
//! `planer/{year}/socialforvaltningen*.md`. One glob set over all of them makes every plan's
//! path run through one automaton of every glob, which grows with the roster and, past a few
//! thousand globs that need a regular expression, takes milliseconds a plan. So each glob is
//! filed under a piece of literal text any path it matches must hold (the rarest among the
//! globs, `/socialforvaltningen`), the pieces are found in a path in one pass, and only the
//! globs whose piece is there are tried. A glob without literal text is tried for every plan.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use globset::{Candidate, GlobBuilder, GlobMatcher};
use rustc_hash::FxHashMap;

use crate::config::estate::{Department, YEAR};

/// A glob that matches any year where `{year}` stands.
pub(super) const ANY_YEAR: &str = "[12][0-9][0-9][0-9]";

/// Every roster glob, and the index that finds the ones a path could match.
#[derive(Debug, Default)]
pub(super) struct Places {
    /// One per glob, `{year}` as any year (`None`: it does not compile, so it matches nothing).
    globs: Vec<Option<GlobMatcher>>,
    /// For each glob, the department (an index into the roster) it is of.
    owners: Vec<usize>,
    /// The pieces of literal text the globs are filed under.
    pieces: Option<AhoCorasick>,
    /// For each piece, the globs filed under it.
    filed: Vec<Vec<usize>>,
    /// The globs without literal text.
    always: Vec<usize>,
}

impl Places {
    /// The places of the roster `departments`.
    pub(super) fn new(departments: &[Department]) -> Self {
        let mut out = Places::default();
        let mut runs: Vec<Vec<String>> = Vec::new();
        for (d, department) in departments.iter().enumerate() {
            for g in &department.globs {
                let glob = g.replace(YEAR, ANY_YEAR);
                out.globs.push(
                    GlobBuilder::new(&glob)
                        .literal_separator(true)
                        .build()
                        .ok()
                        .map(|g| g.compile_matcher()),
                );
                out.owners.push(d);
                runs.push(literal_runs(&glob));
            }
        }
        // How many globs hold each piece: a glob is filed under its rarest, the longest of
        // those, so that pieces all globs share (`planer/`, `.md`) choose few.
        let mut shared: FxHashMap<&str, usize> = FxHashMap::default();
        for r in &runs {
            for piece in r {
                *shared.entry(piece.as_str()).or_default() += 1;
            }
        }
        let mut pieces: Vec<&str> = Vec::new();
        let mut piece_of: FxHashMap<&str, usize> = FxHashMap::default();
        for (g, r) in runs.iter().enumerate() {
            let best = r
                .iter()
                .map(String::as_str)
                .min_by_key(|p| (shared[p], std::cmp::Reverse(p.len())));
            match best {
                Some(p) => {
                    let at = *piece_of.entry(p).or_insert_with(|| {
                        pieces.push(p);
                        out.filed.push(Vec::new());
                        pieces.len() - 1
                    });
                    out.filed[at].push(g);
                }
                None => out.always.push(g),
            }
        }
        if !pieces.is_empty() {
            out.pieces = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&pieces)
                .ok();
            if out.pieces.is_none() {
                // Not expected; trying every glob is slower, never wrong.
                out.always = (0..out.globs.len()).collect();
                out.filed.clear();
            }
        }
        out
    }

    /// Whether the roster names any place.
    pub(super) fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }

    /// The departments whose globs match `relative` (a path relative to the config's
    /// directory), in roster order.
    pub(super) fn of(&self, relative: &Path) -> Vec<usize> {
        let mut tried = self.always.clone();
        if let Some(pieces) = &self.pieces {
            let text = relative.to_string_lossy();
            let text = if cfg!(windows) {
                text.replace('\\', "/").into()
            } else {
                text
            };
            for m in pieces.find_overlapping_iter(text.as_ref()) {
                tried.extend_from_slice(&self.filed[m.pattern().as_usize()]);
            }
        }
        let candidate = Candidate::new(relative);
        let mut out: Vec<usize> = tried
            .into_iter()
            .filter(|&g| {
                self.globs[g]
                    .as_ref()
                    .is_some_and(|m| m.is_match_candidate(&candidate))
            })
            .map(|g| self.owners[g])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The runs of literal text in `glob` that every path it matches holds as they are: what lies
/// outside `*`, `?`, `[…]`, `{…}` and escapes, without a `/` that touches a `*` (`**/` also
/// matches no folder at all).
fn literal_runs(glob: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let end = |run: &mut String, runs: &mut Vec<String>| {
        if !run.is_empty() {
            runs.push(std::mem::take(run));
        }
    };
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '?' => {
                if c == '*' && run.ends_with('/') {
                    run.pop();
                }
                end(&mut run, &mut runs);
                while chars.peek() == Some(&'*') {
                    chars.next();
                }
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                }
            }
            '\\' => {
                end(&mut run, &mut runs);
                chars.next();
            }
            '[' => {
                end(&mut run, &mut runs);
                skip_class(&mut chars);
            }
            '{' => {
                end(&mut run, &mut runs);
                let mut depth = 1;
                while let Some(d) = chars.next() {
                    match d {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        '[' => skip_class(&mut chars),
                        '\\' => {
                            chars.next();
                        }
                        _ => {}
                    }
                }
            }
            c => run.push(c),
        }
    }
    end(&mut run, &mut runs);
    runs
}

/// Skips a class's characters up to its `]`, the `[` taken: a `]` right after `[` or `[!` is
/// one of them.
fn skip_class(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    if matches!(chars.peek(), Some('!' | '^')) {
        chars.next();
    }
    if chars.peek() == Some(&']') {
        chars.next();
    }
    for d in chars.by_ref() {
        if d == ']' {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn department(name: &str, globs: &[&str]) -> Department {
        Department {
            name: name.to_owned(),
            board: None,
            globs: globs.iter().map(|g| (*g).to_owned()).collect(),
            keys: vec![name.to_owned()],
            span: 0..0,
        }
    }

    #[test]
    fn literal_runs_keep_only_text_every_match_holds() {
        assert_eq!(
            literal_runs("planer/[12][0-9][0-9][0-9]/soc*.md"),
            ["planer/", "/soc", ".md"]
        );
        assert_eq!(literal_runs("**/arkiv/{a,b}/x-[!a]*"), ["arkiv/", "/x-"]);
        assert_eq!(literal_runs("a/**/b.md"), ["a", "b.md"]);
        assert_eq!(literal_runs("[]x]y\\*z"), ["y", "z"]);
        assert!(literal_runs("**").is_empty());
        assert_eq!(literal_runs("x{a,[}]}y"), ["x", "y"]);
    }

    #[test]
    fn the_index_finds_what_one_glob_set_over_every_glob_finds() {
        let forms = [
            "planer/{year}/soc.*",
            "planer/{year}/**/bou*.md",
            "**/arkiv/{year}/kof-[a-z]*.{md,docx}",
            "planer/**/vo-{year}.md",
            "**/*.odt",
            "planer/{{year},gamla}/kl.md",
            "planer/[{year}]/x.md",
            "*",
            "planer/{year}/s?b.md",
            "planer/{2026,{year}}/nested.md",
            "planer/{year}/x{a,[}]}y.md",
        ];
        let departments: Vec<Department> = forms
            .iter()
            .enumerate()
            .map(|(i, g)| department(&format!("d{i}"), &[g]))
            .collect();
        let places = Places::new(&departments);
        let paths = [
            "planer/2027/soc.md",
            "planer/2027/soc",
            "planer/2027/a/b/bou-x.md",
            "planer/2027/bou.md",
            "x/arkiv/2026/kof-a.docx",
            "arkiv/2026/kof-a.md",
            "planer/vo-2027.md",
            "planer/a/vo-2027.md",
            "plan.odt",
            "a/b/plan.odt",
            "planer/gamla/kl.md",
            "planer/2027/kl.md",
            "planer/2/x.md",
            "README.md",
            "planer/2027/sab.md",
            "planer/2026/nested.md",
            "planer/2027/nested.md",
            "planer/2027/xay.md",
            "planer/2027/x}y.md",
        ];
        let one: Vec<(usize, globset::GlobMatcher)> = departments
            .iter()
            .enumerate()
            .flat_map(|(d, dep)| {
                dep.globs.iter().filter_map(move |g| {
                    GlobBuilder::new(&g.replace(YEAR, ANY_YEAR))
                        .literal_separator(true)
                        .build()
                        .ok()
                        .map(|g| (d, g.compile_matcher()))
                })
            })
            .collect();
        for path in paths {
            let expected: Vec<usize> = one
                .iter()
                .filter(|(_, m)| m.is_match(path))
                .map(|(d, _)| *d)
                .collect();
            assert_eq!(places.of(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn random_globs_and_paths_agree_with_one_glob_set() {
        // Globs and paths made of the same few pieces, so that many of them meet.
        let glob_parts = [
            "planer/", "{year}", "/", "*", "**/", "?", "soc", "[a-c]", "{x,y}", ".md", "-", "\\*",
            "[!s]", "{a,[}]}", "2027",
        ];
        let path_parts = [
            "planer", "/", "soc", "a", "x", "y", ".md", "-", "2027", "*", "}", "b",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let departments: Vec<Department> = (0..300)
            .map(|i| {
                let glob: String = (0..=next(6))
                    .map(|_| glob_parts[next(glob_parts.len())])
                    .collect();
                department(&format!("d{i}"), &[&glob])
            })
            .collect();
        let places = Places::new(&departments);
        let each: Vec<Option<globset::GlobMatcher>> = departments
            .iter()
            .map(|d| {
                GlobBuilder::new(&d.globs[0].replace(YEAR, ANY_YEAR))
                    .literal_separator(true)
                    .build()
                    .ok()
                    .map(|g| g.compile_matcher())
            })
            .collect();
        let mut met = 0;
        for _ in 0..3000 {
            let path: String = (0..=next(8))
                .map(|_| path_parts[next(path_parts.len())])
                .collect();
            let expected: Vec<usize> = (0..each.len())
                .filter(|&d| each[d].as_ref().is_some_and(|m| m.is_match(&path)))
                .collect();
            met += usize::from(!expected.is_empty());
            assert_eq!(places.of(Path::new(&path)), expected, "{path}");
        }
        assert!(met > 100, "only {met} paths met a glob");
    }

    #[test]
    fn a_path_tries_only_the_globs_whose_text_it_holds() {
        let departments: Vec<Department> = (0..3000)
            .map(|i| {
                department(
                    &format!("d{i}"),
                    &[
                        &format!("planer/{{year}}/**/f{i:05}*.md"),
                        &format!("**/arkiv/{{year}}/f{i:05}-[a-z]*.{{md,docx}}"),
                    ],
                )
            })
            .collect();
        let places = Places::new(&departments);
        assert!(places.always.is_empty());
        let filed = places.filed.iter().map(Vec::len).max().unwrap_or(0);
        assert!(filed <= 2, "{filed} globs under one piece");
        assert_eq!(places.of(Path::new("planer/2027/f01234.md")), [1234]);
        assert_eq!(places.of(Path::new("x/arkiv/2026/f00007-ny.docx")), [7]);
    }
}
