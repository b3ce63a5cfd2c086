//! Discovery: the paths on the command line become a sorted, de-duplicated sequence of plans.
//!
//! A file named on the command line is checked whatever its extension; a directory is walked
//! for `*.md` and `*.markdown`, honouring `.gitignore` and skipping hidden entries. A path that
//! does not exist is an error: the user named it, so silently skipping it could pass a gate.
//! Discovery only finds paths; it never reads a plan (that is `run`'s job).

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

fn is_plan(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A link met in a walk: a linked plan is checked; a link to a directory is reported, not
/// followed; a plan's link to nothing (or a link loop) is reported, never skipped in silence.
fn link(path: PathBuf, problems: &mut Vec<(PathBuf, Problem)>) -> Option<PathBuf> {
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => problems.push((path, Problem::DirectoryLink)),
        Ok(m) if m.is_file() && is_plan(&path) => return Some(path),
        Err(e) if is_plan(&path) => problems.push((path, Problem::Io(e.to_string()))),
        // Not a plan, or a broken link that is not named like one.
        Ok(_) | Err(_) => {}
    }
    None
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

/// The plans under `paths`, in sorted order without duplicates, found as they are consumed:
/// a run over one directory never holds the whole list. Entries that could not be walked are
/// in [`Plans::problems`] once the iterator is used up.
pub struct Plans {
    source: Source,
    /// Entries of walked directories that could not be walked, with the reason.
    pub problems: Vec<(PathBuf, Problem)>,
}

enum Source {
    /// Several paths: listed whole, then sorted and de-duplicated.
    Listed(std::vec::IntoIter<PathBuf>),
    /// One directory, walked in sorted order: each directory's entries sorted by name and
    /// visited depth first is the order of sorted paths (paths compare component by
    /// component), and one walk meets each path once.
    Walking {
        root: PathBuf,
        walk: Box<ignore::Walk>,
    },
}

impl Plans {
    /// Starts discovery; a named path that does not exist is an error at once.
    pub fn new(paths: &[PathBuf]) -> Result<Plans, DiscoverError> {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        let mut problems = Vec::new();
        let mut listed = Vec::new();
        for path in paths {
            let meta = std::fs::metadata(path).map_err(|e| DiscoverError {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            if !meta.is_dir() {
                listed.push(normalize(path, false));
            } else if paths.len() == 1 {
                return Ok(Plans {
                    source: Source::Walking {
                        root: path.clone(),
                        walk: Box::new(walk(path)),
                    },
                    problems,
                });
            } else {
                let mut walk = walk(path);
                listed.extend(std::iter::from_fn(|| {
                    next_plan(&mut walk, path, &mut problems)
                }));
            }
        }
        listed.sort();
        listed.dedup();
        Ok(Plans {
            source: Source::Listed(listed.into_iter()),
            problems,
        })
    }
}

impl Iterator for Plans {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        match &mut self.source {
            Source::Listed(files) => files.next(),
            Source::Walking { root, walk } => next_plan(walk, root, &mut self.problems),
        }
    }
}

fn walk(dir: &Path) -> ignore::Walk {
    WalkBuilder::new(dir)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build()
}

/// The next plan of a walk of `root`, normalised; problems met on the way are recorded.
fn next_plan(
    walk: &mut ignore::Walk,
    root: &Path,
    problems: &mut Vec<(PathBuf, Problem)>,
) -> Option<PathBuf> {
    for entry in walk {
        let plan = match entry {
            // A link named on the command line is followed: the user chose it.
            Ok(e) if e.depth() > 0 && e.path_is_symlink() => link(e.into_path(), problems),
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_plan(e.path()) => {
                Some(e.into_path())
            }
            Ok(_) => None,
            Err(err) => {
                let at = problem_path(&err).unwrap_or_else(|| root.to_path_buf());
                problems.push((at, Problem::Io(err.to_string())));
                None
            }
        };
        if let Some(plan) = plan {
            return Some(normalize(&plan, false));
        }
    }
    None
}

/// `path` without `.` components: `a.md` and `./a.md` are one plan, and `./` reads better left
/// out. With `fold_parents`, `dir/..` is also folded away, without touching the file system:
/// right for matching globs, wrong for a path that is read (`dir` may be a link), so discovery
/// keeps its `..`.
pub fn normalize(path: &Path, fold_parents: bool) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if fold_parents => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_walked_directory_comes_out_in_sorted_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Names where comparing whole paths as bytes and walking would disagree if the walk
        // were not sorted component by component: `-` and `.` sort before `/`.
        for name in [
            "a-b/x.md",
            "a/x.md",
            "a/b/c.md",
            "a.md",
            "a/b.md",
            "B.md",
            "ä.md",
            "z/y/x/w.md",
            "notes.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
            std::fs::write(&path, "# Plan\n").expect("write");
        }
        let walked: Vec<PathBuf> = Plans::new(&[dir.path().to_path_buf()])
            .expect("exists")
            .collect();
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), 8, "{walked:?}");
        // Naming the same directory twice goes through the listing route: same plans, once.
        let listed: Vec<PathBuf> =
            Plans::new(&[dir.path().to_path_buf(), dir.path().to_path_buf()])
                .expect("exists")
                .collect();
        assert_eq!(listed, walked);
    }
}
