//! planlint's findings as plain data.
//!
//! A [`Diagnostic`] is one finding: a stable code, a severity, a message that is already in the
//! user's language, byte spans into one source file, and the help and notes that explain it.
//! Nothing here knows about Markdown or about how a diagnostic is printed.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is; `Error` fails the run.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: shown, never fails the run.
    Info,
    /// Shown; fails the run only with `--deny warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Severity {
    /// The lowercase English name used in every machine-readable format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Index of a file in the run's [`crate::source::SourceDb`].
pub type FileId = usize;

/// A span of a file with a short text saying what is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range into the file's text.
    pub span: Range<usize>,
    /// Short, lowercase text shown beside the span.
    pub message: String,
}

impl Label {
    /// A label over `span` with `message`.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `IP002`, or `PL001` for planlint's own findings.
    pub code: String,
    /// Readable rule name, e.g. `omrade-bostader`.
    pub name: String,
    /// Severity after any overrides.
    pub severity: Severity,
    /// The headline, in the user's language.
    pub message: String,
    /// The file the finding is in.
    pub file: FileId,
    /// Where the finding is.
    pub primary: Label,
    /// Further places that explain the finding (e.g. the areas that are covered).
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Background, such as the policy clause the rule comes from.
    pub notes: Vec<String>,
    /// The waiver that exempts this finding, if any: it is then kept for the record but does
    /// not fail the run.
    pub waiver: Option<Waived>,
}

/// A waiver that applied to a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    /// Why the department is exempt.
    pub reason: String,
    /// Where the waiver is written: `plan.md:3` or `planlint.toml:12`.
    pub source: String,
    /// The decision behind it, if given.
    pub decided: Option<String>,
    /// Last day it applies (`YYYY-MM-DD`), if it expires.
    pub expires: Option<String>,
}

impl Diagnostic {
    /// Sort key that makes output independent of thread scheduling: (file, start byte, code).
    pub fn sort_key(&self) -> (FileId, usize, &str) {
        (self.file, self.primary.span.start, self.code.as_str())
    }
}
