//! Renderers: one module per output format, each writing a [`Report`] to `&mut dyn Write`.
//!
//! Renderers see diagnostics and source text only, never a parsed document.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod matrix;
pub mod sarif;
pub mod short;

use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::engine::RuleSet;
use crate::i18n::Lang;
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
    /// Leave out the summary line.
    pub quiet: bool,
    /// The checked plans (files in `sources` that are plans, not config files).
    pub plans: &'a [FileId],
    /// The rules that ran, for formats that describe them (SARIF, JUnit).
    pub rules: &'a RuleSet,
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
    /// Findings exempted by a waiver (not counted above).
    pub waived: usize,
}

impl Counts {
    /// Adds the counts of another part of the same run (with other plans).
    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.info += other.info;
        self.plans_with_findings += other.plans_with_findings;
        self.waived += other.waived;
    }
}

impl Report<'_> {
    /// Findings that are not waived: the ones people act on.
    pub fn live(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.waiver.is_none())
    }

    /// Counts the findings.
    pub fn counts(&self) -> Counts {
        let by = |s| self.live().filter(|d| d.severity == s).count();
        let mut files: Vec<usize> = self
            .live()
            .map(|d| d.file)
            .filter(|f| self.plans.contains(f))
            .collect();
        files.sort_unstable();
        files.dedup();
        Counts {
            errors: by(Severity::Error),
            warnings: by(Severity::Warning),
            info: by(Severity::Info),
            plans_with_findings: files.len(),
            waived: self.diagnostics.len() - self.live().count(),
        }
    }
}
