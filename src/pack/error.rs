//! A mistake in a rule pack or a config file, as data: the code, the file's text and the span
//! of the offending bytes, the message in both languages and what to do.
//!
//! Loading and validating make these; rendering them (rustc-style, or as an editor's
//! diagnostic) is the business of the layers above.

use std::ops::Range;

use crate::diagnostic::codes;
use crate::i18n::Localized;
use crate::suggest::suggestion;

/// A mistake in a pack, with the span of the offending bytes.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {}", .path, .message.en)]
pub struct PackError {
    /// `PL100` for a rule pack, `PL101` for a config file.
    pub code: &'static str,
    /// Path of the pack as shown to the user.
    pub path: String,
    /// The pack's text (empty if it could not be read).
    pub text: String,
    /// Offending bytes, if the mistake has a place.
    pub span: Option<Range<usize>>,
    /// Headline.
    pub message: Localized,
    /// Text beside the span.
    pub label: Localized,
    /// What to do, e.g. "did you mean `kind`?".
    pub help: Option<Localized>,
}

impl PackError {
    /// An error at `span` of the pack `def`-to-be. What `message` and `label` quote from the
    /// file is cut short ([`crate::i18n::excerpts`]): a value of megabytes is named by its
    /// first words, and the span shows where it is.
    pub fn at(
        path: &str,
        text: &str,
        span: Range<usize>,
        message: Localized,
        label: Localized,
    ) -> Self {
        PackError {
            code: FileKind::Pack.code(),
            path: path.to_owned(),
            text: text.to_owned(),
            span: Some(span),
            message: message.excerpted(),
            label: label.excerpted(),
            help: None,
        }
    }

    /// Adds "did you mean `best`?" as the help line, if there is a close name.
    #[must_use]
    pub fn with_suggestion(self, best: Option<&str>) -> Self {
        match best {
            Some(b) => self.with_help(suggestion(b)),
            None => self,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: Localized) -> Self {
        self.help = Some(help);
        self
    }
}

/// What kind of TOML file an error is in: a rule pack or a config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A rule pack (errors are `PL100`).
    Pack,
    /// `planlint.toml` (errors are `PL101`).
    Config,
}

impl FileKind {
    /// The code of errors in this kind of file.
    pub(crate) fn code(self) -> &'static str {
        match self {
            FileKind::Pack => codes::PACK.code,
            FileKind::Config => codes::CONFIG.code,
        }
    }

    /// The file kind's name with a definite article, Swedish and English.
    pub(super) fn noun(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Pack => ("regelpaketet", "the rule pack"),
            FileKind::Config => ("konfigurationen", "the configuration"),
        }
    }
}
