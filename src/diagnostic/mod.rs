//! planlint's findings as plain data.
//!
//! A [`Diagnostic`] is one finding: a stable code, a severity, a message that is already in the
//! user's language, byte spans into one source file, and the help and notes that explain it.
//! Nothing here knows about Markdown or about how a diagnostic is printed. Every finding is
//! built with [`Diagnostic::new`]; planlint's own codes are in [`codes`].

pub mod codes;

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::FileId;

/// How serious a finding is; `error` fails the run.
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
    pub help: Option<Arc<str>>,
    /// Background, such as the policy clause the rule comes from. A rule's policy clause is
    /// shared by all its findings: a plan may have a million of them.
    pub notes: Vec<Arc<str>>,
    /// The waiver that exempts this finding, if any: it is then kept for the record but does
    /// not fail the run.
    pub waiver: Option<Box<Waived>>,
}

/// A waiver that applied to a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    /// Who granted it: the plan's author inline, or the board in the config.
    pub origin: WaiverOrigin,
    /// Why the department is exempt.
    pub reason: String,
    /// Where the waiver is written: `plan.md:3` or `planlint.toml:12`.
    pub source: String,
    /// The decision behind it, if given.
    pub decided: Option<String>,
    /// Last day it applies (`YYYY-MM-DD`), if it expires.
    pub expires: Option<String>,
}

/// Where a waiver is written, and so who granted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverOrigin {
    /// A comment in the plan: granted by the plan's author.
    Inline,
    /// A `[[waiver]]` in `planlint.toml`: granted by the board.
    Config,
}

impl Diagnostic {
    /// A finding of `code` at `primary`, without help, notes or secondary labels.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
        file: FileId,
        primary: Label,
    ) -> Self {
        Diagnostic {
            code: code.into(),
            name: name.into(),
            severity,
            message: message.into(),
            file,
            primary,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            waiver: None,
        }
    }

    /// A finding of planlint's own `code` (its name and severity come from the table).
    pub fn own(
        code: codes::Code,
        message: impl Into<String>,
        file: FileId,
        primary: Label,
    ) -> Self {
        Diagnostic::new(code.code, code.name, code.severity, message, file, primary)
    }

    /// The same finding with `help`.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<Arc<str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same finding with `notes`.
    #[must_use]
    pub fn with_notes(mut self, notes: Vec<Arc<str>>) -> Self {
        self.notes = notes;
        self
    }

    /// Sort key that makes output independent of thread scheduling: (file, start byte, code).
    pub fn sort_key(&self) -> (FileId, usize, &str) {
        (self.file, self.primary.span.start, self.code.as_str())
    }
}
