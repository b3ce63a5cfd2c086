//! Which files a run checks: `include` and `exclude`, matched against paths relative to the
//! config's directory.

use std::path::{Path, PathBuf};

use globset::GlobSet;

use super::{normalize, Skip};

/// Which files a run checks: the config's `include` and `exclude` globs, matched against paths
/// relative to the root (the config file's directory). Without `include`, every plan is in.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// The directory globs are relative to.
    pub root: &'a Path,
    /// `include`, if set.
    pub include: Option<&'a GlobSet>,
    /// `exclude`, if set.
    pub exclude: Option<&'a GlobSet>,
}

impl Selection<'_> {
    /// `path` relative to the root, as globs see it.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let clean = normalize(&absolute, true);
        clean
            .strip_prefix(normalize(self.root, true))
            .map_or(clean.clone(), Path::to_path_buf)
    }

    /// Why `include`/`exclude` leave the plan at `path` out, or `None` when it is checked.
    pub fn leaves_out(&self, path: &Path) -> Option<Skip> {
        let rel = self.relative(path);
        if !self.include.is_none_or(|set| set.is_match(&rel)) {
            Some(Skip::NotIncluded)
        } else if self.exclude.is_some_and(|set| set.is_match(&rel)) {
            Some(Skip::Excluded)
        } else {
            None
        }
    }
}
