//! Discovery: the paths on the command line become a sorted, de-duplicated sequence of plans,
//! and every file seen and not checked is accounted for.
//!
//! A file named on the command line is checked whatever its extension, unless the config's
//! `include`/`exclude` leave it out, which is then said by name. A directory is walked for
//! Markdown (`*.md`, `*.markdown`), Word and OpenDocument plans (`*.docx`, `*.docm`, `*.odt`)
//! and the documents planlint cannot read as plans (`*.doc`, `*.rtf`, `*.pdf`, `*.pages`), which
//! are named with a finding rather than left out; Word's and LibreOffice's lock files
//! (`~$plan.docx`, `.~lock.plan.odt#`) are skipped and counted (any letter case). A path that does not exist is an error: the user
//! named it, so silently skipping it could pass a gate.
//!
//! Ignore files (`.gitignore`, `.ignore`, `.git/info/exclude`) are not honoured: they are
//! written by whoever commits, and a gate must not let a plan's author hide a plan from it.
//! What is left out is the board's decision, in `planlint.toml`'s `exclude`. Version-control
//! directories (`.git`, `.hg`, `.svn`) are not walked; any other hidden folder is looked into,
//! and a hidden file that looks like a plan, or a plan in a hidden folder, is skipped and
//! counted (a folder with no plan in it, such as `.github/`, is not a word). A link in a walked tree is followed
//! only to a plan inside the tree; a link out of it, to a directory, to nothing, or to
//! something that is not a regular file is reported, not read. Discovery only finds paths; it
//! never reads a plan (that is `run`'s job).

mod selection;

pub(crate) use selection::Selection;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;

use crate::i18n::{os_reason, t, Lang, Localized};

/// A named path that does not exist or cannot be walked.
#[derive(Debug, thiserror::Error)]
#[error("{}: {}", crate::source::shown_path(path), reason.en)]
pub struct DiscoverError {
    /// The path as given.
    pub path: PathBuf,
    /// Why it cannot be used, in words for a planner.
    pub reason: Localized,
}

/// Why an entry was not checked and is reported as a finding of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It could not be read or followed (no permission, a link to nothing, a link loop).
    Io(Localized),
    /// It is a link to a directory; those are not followed, so no plan is seen twice and no
    /// link loop can make the walk endless.
    DirectoryLink,
    /// It is a link that leads out of the walked tree, to this target.
    OutsideTree(PathBuf),
    /// It is not a regular file (a named pipe, a device, a socket), or links to one: reading it
    /// could block or never end. `named`: named on the command line.
    NotRegular {
        /// Whether the user named it (an error then), or a walk met it (a warning).
        named: bool,
    },
}

/// Why a file that looks like a plan was seen and not checked, without a finding of its own
/// (it is counted in the summary, listed with `--verbose`, and an error with `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A hidden file or directory (its name starts with `.`).
    Hidden,
    /// The config's `include` globs do not match it.
    NotIncluded,
    /// The config's `exclude` globs match it.
    Excluded,
    /// A lock file Word or LibreOffice writes beside a document while it is open
    /// (`~$plan.docx`, `.~lock.plan.odt#`).
    LockFile,
}

impl Skip {
    /// Its name as data (the board's report in JSON and CSV): `hidden`, `not-included`,
    /// `excluded` or `lock-file`.
    pub fn name(self) -> &'static str {
        match self {
            Skip::Hidden => "hidden",
            Skip::NotIncluded => "not-included",
            Skip::Excluded => "excluded",
            Skip::LockFile => "lock-file",
        }
    }

    /// Why the file was not checked, in `lang`.
    pub fn reason(self, lang: Lang) -> &'static str {
        match self {
            Skip::Hidden => lang.pick(
                "dold (namnet börjar med `.`)",
                "hidden (its name starts with `.`)",
            ),
            Skip::NotIncluded => lang.pick(
                "`include` i planlint.toml tar inte med den",
                "`include` in planlint.toml does not match it",
            ),
            Skip::Excluded => lang.pick(
                "`exclude` i planlint.toml utesluter den",
                "`exclude` in planlint.toml leaves it out",
            ),
            Skip::LockFile => lang.pick(
                "en låsfil som Word eller LibreOffice skriver medan dokumentet är öppet, inte en plan",
                "a lock file Word or LibreOffice writes while the document is open, not a plan",
            ),
        }
    }
}

/// A file seen and not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: PathBuf,
    /// Why.
    pub why: Skip,
    /// Whether it was named on the command line (then it is also said by name).
    pub named: bool,
}

/// Whether a file name is a Markdown file's: `.md` or `.markdown`, in any letter case.
pub(crate) fn looks_like_markdown(path: &Path) -> bool {
    has_extension(path, &["md", "markdown"])
}

/// Whether a file name looks like a plan a walk checks: Markdown, a Word or OpenDocument
/// document, or a document planlint cannot read as a plan (which is then said, not skipped).
pub(crate) fn looks_like_plan(path: &Path) -> bool {
    has_extension(
        path,
        &[
            "md", "markdown", "docx", "docm", "odt", "doc", "rtf", "pdf", "pages",
        ],
    ) && !is_lock_file(path)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether a file is a lock file of Word (`~$plan.docx`) or LibreOffice (`.~lock.plan.odt#`).
pub(crate) fn is_lock_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy());
    name.is_some_and(|n| n.starts_with("~$") || (n.starts_with(".~lock.") && n.ends_with('#')))
}

/// Where discovery records what it did not check.
#[derive(Debug, Default)]
struct Record {
    problems: Vec<(PathBuf, Problem)>,
    skipped: Vec<Skipped>,
}

/// A link met in a walk of `root` (canonical): a linked plan inside the tree is checked;
/// anything else is reported, never skipped in silence and never read.
fn link(path: PathBuf, root: Option<&Path>, record: &mut Record) -> Option<PathBuf> {
    let named_like_plan = looks_like_plan(&path);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => record.problems.push((path, Problem::DirectoryLink)),
        Ok(m) if named_like_plan && !m.is_file() => {
            record
                .problems
                .push((path, Problem::NotRegular { named: false }));
        }
        Ok(_) if named_like_plan => {
            let target = std::fs::canonicalize(&path);
            match (target, root) {
                (Ok(t), Some(root)) if !t.starts_with(root) => {
                    record.problems.push((path, Problem::OutsideTree(t)));
                }
                (Err(e), _) => record.problems.push((path, Problem::Io(os_reason(&e)))),
                _ => return Some(path),
            }
        }
        Err(e) if named_like_plan => record.problems.push((path, Problem::Io(os_reason(&e)))),
        // Not named like a plan: not a plan, whatever it links to.
        Ok(_) | Err(_) => {}
    }
    None
}

/// Why a walk could not go on at an entry, in words for a planner.
fn walk_reason(err: &ignore::Error) -> Localized {
    match err {
        ignore::Error::Io(e) => os_reason(e),
        ignore::Error::Loop { .. } => t(
            "länken pekar på en katalog ovanför sig själv, så den bildar en slinga",
            "the link points to a directory above itself, so it forms a loop",
        ),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_reason(err),
        other => t(other.to_string(), other.to_string()),
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

/// The plans under `paths` that the selection wants, in sorted order without duplicates, found
/// as they are consumed: a run over one directory never holds the whole list. What was seen
/// and not checked is in [`Plans::problems`] and [`Plans::skipped`] once the iterator is used
/// up.
pub(crate) struct Plans<'s> {
    source: Source,
    selection: Selection<'s>,
    record: Record,
}

enum Source {
    /// Several paths: listed whole, then sorted and de-duplicated.
    Listed(std::vec::IntoIter<PathBuf>),
    /// One directory, walked in sorted order: each directory's entries sorted by name and
    /// visited depth first is the order of sorted paths (paths compare component by
    /// component), and one walk meets each path once.
    Walking(Walk),
}

/// One directory's walk.
struct Walk {
    root: PathBuf,
    /// The root, resolved, to tell links out of the tree.
    canonical: Option<PathBuf>,
    entries: Box<ignore::Walk>,
    /// Hidden entries the walk left out, recorded by its filter.
    hidden: Arc<Mutex<Vec<PathBuf>>>,
}

impl<'s> Plans<'s> {
    /// Starts discovery; a named path that does not exist is an error at once.
    pub(crate) fn new(
        paths: &[PathBuf],
        selection: Selection<'s>,
    ) -> Result<Plans<'s>, DiscoverError> {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        let mut record = Record::default();
        let mut listed = Vec::new();
        for path in paths {
            let meta = std::fs::metadata(path).map_err(|e| DiscoverError {
                path: path.clone(),
                reason: os_reason(&e),
            })?;
            if meta.is_file() {
                let path = normalize(path, false);
                // A lock file is never a plan, even named (a hook names every staged file).
                let why = if is_lock_file(&path) {
                    Some(Skip::LockFile)
                } else {
                    selection.leaves_out(&path)
                };
                match why {
                    None => listed.push(path),
                    Some(why) => record.skipped.push(Skipped {
                        path,
                        why,
                        named: true,
                    }),
                }
            } else if !meta.is_dir() {
                record
                    .problems
                    .push((normalize(path, false), Problem::NotRegular { named: true }));
            } else if paths.len() == 1 {
                return Ok(Plans {
                    source: Source::Walking(Walk::new(path)),
                    selection,
                    record,
                });
            } else {
                let mut walk = Walk::new(path);
                listed.extend(std::iter::from_fn(|| {
                    walk.next_plan(selection, &mut record)
                }));
                walk.finish(selection, &mut record);
            }
        }
        listed.sort();
        listed.dedup();
        Ok(Plans {
            source: Source::Listed(listed.into_iter()),
            selection,
            record,
        })
    }

    /// Entries that could not be checked, each to be reported as a finding; complete once the
    /// iterator is used up.
    pub(crate) fn problems(&self) -> &[(PathBuf, Problem)] {
        &self.record.problems
    }

    /// Files that look like plans and were left out; complete once the iterator is used up.
    pub(crate) fn skipped(&self) -> &[Skipped] {
        &self.record.skipped
    }
}

impl Iterator for Plans<'_> {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        match &mut self.source {
            Source::Listed(files) => files.next(),
            Source::Walking(walk) => {
                let next = walk.next_plan(self.selection, &mut self.record);
                if next.is_none() {
                    walk.finish(self.selection, &mut self.record);
                }
                next
            }
        }
    }
}

/// Whether a folder between the walk's root and `path`, `depth` entries below it, is hidden.
fn in_hidden_folder(path: &Path, depth: usize) -> bool {
    path.ancestors().skip(1).take(depth - 1).any(|a| {
        a.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    })
}

/// Version-control directories: never plans, never walked, not worth a word.
const VCS_DIRS: [&str; 3] = [".git", ".hg", ".svn"];

impl Walk {
    fn new(dir: &Path) -> Walk {
        let hidden = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&hidden);
        let walk = WalkBuilder::new(dir)
            // No ignore files, no hidden-file filter of the walker's own: see the module doc.
            .standard_filters(false)
            .sort_by_file_name(std::cmp::Ord::cmp)
            .filter_entry(move |e| {
                let name = e.file_name().to_string_lossy();
                if e.depth() == 0 || !name.starts_with('.') {
                    return true;
                }
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                if is_dir {
                    // A hidden folder is looked into, so that what is said about it is its
                    // plans (`.arkiv/b.md`), not the folder: `.github/` and `.helix/` hold
                    // none, and say nothing. Version control is never walked.
                    return !VCS_DIRS.contains(&name.as_ref());
                }
                if looks_like_plan(e.path()) || is_lock_file(e.path()) {
                    seen.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(e.path().to_path_buf());
                }
                false
            })
            .build();
        Walk {
            root: dir.to_path_buf(),
            canonical: std::fs::canonicalize(dir).ok(),
            entries: Box::new(walk),
            hidden,
        }
    }

    /// The next plan the selection wants, normalised; what is met on the way is recorded.
    fn next_plan(&mut self, selection: Selection<'_>, record: &mut Record) -> Option<PathBuf> {
        for entry in self.entries.by_ref() {
            let plan = match entry {
                // A plan in a hidden folder (a link to one too) is left out like a hidden plan.
                Ok(e)
                    if e.depth() > 1
                        && looks_like_plan(e.path())
                        && in_hidden_folder(e.path(), e.depth()) =>
                {
                    self.hidden
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(e.into_path());
                    None
                }
                // A link named on the command line is followed: the user chose it.
                Ok(e) if e.depth() > 0 && e.path_is_symlink() => {
                    link(e.into_path(), self.canonical.as_deref(), record)
                }
                Ok(e) if is_lock_file(e.path()) => {
                    record.skipped.push(Skipped {
                        path: normalize(e.path(), false),
                        why: Skip::LockFile,
                        named: false,
                    });
                    None
                }
                Ok(e) if !looks_like_plan(e.path()) => None,
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => Some(e.into_path()),
                Ok(e) if e.file_type().is_some_and(|t| !t.is_dir()) => {
                    record
                        .problems
                        .push((e.into_path(), Problem::NotRegular { named: false }));
                    None
                }
                Ok(_) => None,
                Err(err) => {
                    let at = problem_path(&err).unwrap_or_else(|| self.root.clone());
                    record.problems.push((at, Problem::Io(walk_reason(&err))));
                    None
                }
            };
            let Some(plan) = plan.map(|p| normalize(&p, false)) else {
                continue;
            };
            match selection.leaves_out(&plan) {
                None => return Some(plan),
                Some(why) => record.skipped.push(Skipped {
                    path: plan,
                    why,
                    named: false,
                }),
            }
        }
        None
    }

    /// Records the hidden entries the walk left out: what `exclude` names as excluded (the
    /// board's choice, hidden or not), the rest as hidden.
    fn finish(&mut self, selection: Selection<'_>, record: &mut Record) {
        let mut hidden =
            std::mem::take(&mut *self.hidden.lock().unwrap_or_else(PoisonError::into_inner));
        hidden.sort();
        record.skipped.extend(hidden.into_iter().map(|path| {
            let path = normalize(&path, false);
            let why = if is_lock_file(&path) {
                Skip::LockFile
            } else if selection.leaves_out(&path) == Some(Skip::Excluded) {
                Skip::Excluded
            } else {
                Skip::Hidden
            };
            Skipped {
                why,
                path,
                named: false,
            }
        }));
    }
}

/// `path` without `.` components: `a.md` and `./a.md` are one plan, and `./` reads better left
/// out. With `fold_parents`, `dir/..` is also folded away, without touching the file system:
/// right for matching globs, wrong for a path that is read (`dir` may be a link), so discovery
/// keeps its `..`.
pub(crate) fn normalize(path: &Path, fold_parents: bool) -> PathBuf {
    if is_normal(path, fold_parents) {
        return path.to_path_buf();
    }
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

/// Whether `path` is already as [`normalize`] makes it: no empty, `.` or (with
/// `fold_parents`) `..` component and no trailing separator, so that its components put
/// together again are its bytes. A walked path nearly always is, and copying it is cheaper
/// than putting it together component by component.
#[cfg(unix)]
fn is_normal(path: &Path, fold_parents: bool) -> bool {
    use std::os::unix::ffi::OsStrExt as _;
    let bytes = path.as_os_str().as_bytes();
    // The root's own `/` is the one empty part a path may start with.
    let parts = bytes.strip_prefix(b"/").unwrap_or(bytes);
    parts.is_empty() && bytes.len() <= 1
        || parts
            .split(|&b| b == b'/')
            .all(|c| !c.is_empty() && c != b"." && !(fold_parents && c == b".."))
}

/// Elsewhere a path is always put together again from its components.
#[cfg(not(unix))]
fn is_normal(_: &Path, _: bool) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_already_normal_is_kept_as_it_is_and_any_other_put_together_again() {
        let slow = |path: &Path, fold: bool| {
            let mut out = PathBuf::new();
            for c in path.components() {
                match c {
                    std::path::Component::CurDir => {}
                    std::path::Component::ParentDir if fold => {
                        out.pop();
                    }
                    other => out.push(other),
                }
            }
            out
        };
        for raw in [
            "", "/", "//", "a", "a/", "/a", "./a", "a/.", "a/./b", "a//b", "../a", "a/../b",
            "a/b/..", ".", "..", "/..", "a/.b", "a/..b", "a/b.md", "//a", "a/b//", ".a/b",
        ] {
            for fold in [false, true] {
                let path = Path::new(raw);
                // As bytes: paths compare by their components, and `a//b` equals `a/b`.
                assert_eq!(
                    normalize(path, fold).as_os_str(),
                    slow(path, fold).as_os_str(),
                    "{raw:?}, {fold}"
                );
            }
        }
    }

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
        let selection = Selection {
            root: dir.path(),
            include: None,
            exclude: None,
        };
        let walked: Vec<PathBuf> = Plans::new(&[dir.path().to_path_buf()], selection)
            .expect("exists")
            .collect();
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), 8, "{walked:?}");
        // Naming the same directory twice goes through the listing route: same plans, once.
        let listed: Vec<PathBuf> = Plans::new(
            &[dir.path().to_path_buf(), dir.path().to_path_buf()],
            selection,
        )
        .expect("exists")
        .collect();
        assert_eq!(listed, walked);
    }
}
