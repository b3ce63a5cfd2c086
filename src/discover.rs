//! Discovery: the paths on the command line become a sorted, de-duplicated list of plans.
//!
//! A file named on the command line is checked whatever its extension; a directory is walked
//! for `*.md` and `*.markdown`, honouring `.gitignore` and skipping hidden entries. A path that
//! does not exist is an error: the user named it, so silently skipping it could pass a gate.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// A named path that does not exist or cannot be walked.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct DiscoverError {
    /// The path as given.
    pub path: PathBuf,
    /// Why it cannot be used.
    pub reason: String,
}

/// Why an entry of a walked directory was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It could not be read or followed (no permission, a link to nothing, a link loop).
    Io(String),
    /// It is a link to a directory; those are not followed, so no plan is seen twice and no
    /// link loop can make the walk endless.
    DirectoryLink,
}

/// What discovery found: plans to check, and entries of walked directories that failed.
#[derive(Debug, Default)]
pub struct Found {
    /// Plans, sorted and without duplicates.
    pub files: Vec<PathBuf>,
    /// Entries that could not be walked, with the reason.
    pub problems: Vec<(PathBuf, Problem)>,
}

fn is_plan(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A link met in a walk: a linked plan is checked; a link to a directory is reported, not
/// followed; a plan's link to nothing (or a link loop) is reported, never skipped in silence.
fn link(path: PathBuf, found: &mut Found) {
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => found.problems.push((path, Problem::DirectoryLink)),
        Ok(m) if m.is_file() && is_plan(&path) => found.files.push(path),
        Err(e) if is_plan(&path) => found.problems.push((path, Problem::Io(e.to_string()))),
        // Not a plan, or a broken link that is not named like one.
        Ok(_) | Err(_) => {}
    }
}

/// The entry a walk error is about, if it names one.
fn problem_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            problem_path(err)
        }
        _ => None,
    }
}

/// Expands `paths` (the current directory if empty) into plans.
pub fn discover(paths: &[PathBuf]) -> Result<Found, DiscoverError> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| DiscoverError {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if !meta.is_dir() {
            found.files.push(path.clone());
            continue;
        }
        for entry in WalkBuilder::new(path)
            .sort_by_file_name(std::cmp::Ord::cmp)
            .build()
        {
            match entry {
                // A link named on the command line is followed: the user chose it.
                Ok(e) if e.depth() > 0 && e.path_is_symlink() => link(e.into_path(), &mut found),
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_plan(e.path()) => {
                    found.files.push(e.into_path());
                }
                Ok(_) => {}
                Err(err) => {
                    let at = problem_path(&err).unwrap_or_else(|| path.clone());
                    found.problems.push((at, Problem::Io(err.to_string())));
                }
            }
        }
    }
    // `a.md` and `./a.md` are one plan, and `./` reads better left out.
    for f in &mut found.files {
        *f = f
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}
