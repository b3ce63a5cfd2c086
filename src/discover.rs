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

/// What discovery found: plans to check, and entries of walked directories that failed.
#[derive(Debug, Default)]
pub struct Found {
    /// Plans, sorted and without duplicates.
    pub files: Vec<PathBuf>,
    /// Entries that could not be walked (e.g. a symlink loop), with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

fn is_plan(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
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
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_plan(e.path()) => {
                    found.files.push(e.into_path());
                }
                Ok(_) => {}
                Err(err) => found.problems.push((path.clone(), err.to_string())),
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
