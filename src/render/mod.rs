//! Renderers: one module per output format, each writing a [`Report`] to `&mut dyn Write`.
//!
//! Renderers see diagnostics and source text only, never a parsed document.

pub mod human;
pub mod json;
pub mod short;

use crate::diagnostic::{Diagnostic, Severity};
use crate::pack::Lang;
use crate::source::SourceDb;

/// Everything a renderer needs.
pub struct Report<'a> {
    /// All findings, sorted.
    pub diagnostics: &'a [Diagnostic],
    /// The files they point into.
    pub sources: &'a SourceDb,
    /// How many plans were checked.
    pub files: usize,
    /// Language of fixed texts.
    pub lang: Lang,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Informational findings.
    pub info: usize,
    /// Plans with at least one finding of any level.
    pub plans_with_findings: usize,
}

impl Report<'_> {
    /// Counts the findings.
    pub fn counts(&self) -> Counts {
        let by = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        let mut files: Vec<usize> = self.diagnostics.iter().map(|d| d.file).collect();
        files.dedup();
        Counts {
            errors: by(Severity::Error),
            warnings: by(Severity::Warning),
            info: by(Severity::Info),
            plans_with_findings: files.len(),
        }
    }
}
