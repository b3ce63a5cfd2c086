//! The typed values a config resolves to (a level, where a value came from, an override, a
//! waiver): plain data, shared by the reading of the file and the merged settings.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use globset::GlobSet;
use serde::Deserialize;

use crate::diagnostic::Severity;

/// A severity as configured, including `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not report.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// planlint's default.
    Default,
    /// A line of the config file.
    File(PathBuf, usize),
    /// A command-line flag.
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path, line) => write!(f, "{}:{line}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Its origin.
    pub origin: Origin,
}

/// A rule's severity for every plan, from `[severity]`.
#[derive(Debug, Clone)]
pub struct CodeLevel {
    /// The rule's code, as the rule spells it.
    pub code: String,
    /// Its level.
    pub level: Level,
    /// Where it is written.
    pub origin: Origin,
    /// Why, when it says one (it must when it switches an area off).
    pub reason: Option<String>,
}

/// Severity overrides for some paths.
#[derive(Debug, Clone)]
pub struct PathOverride {
    /// The globs as written.
    pub globs: Vec<String>,
    /// The globs, compiled.
    pub set: GlobSet,
    /// Severity by code.
    pub levels: BTreeMap<String, Level>,
    /// Where it is written.
    pub origin: Origin,
    /// Why, when it says one (it must when it switches an area off).
    pub reason: Option<String>,
}

/// A waiver from the config file, compiled.
#[derive(Debug, Clone)]
pub struct ConfigWaiver {
    /// Which paths (relative to the config file).
    pub paths: GlobSet,
    /// Which codes.
    pub codes: Vec<String>,
    /// Why.
    pub reason: String,
    /// The decision behind it.
    pub decided: Option<String>,
    /// Last day it applies, as `YYYY-MM-DD`.
    pub expires: Option<String>,
    /// `planlint.toml:LINE`, for the record.
    pub source: String,
    /// Span of the waiver in the config file.
    pub span: std::ops::Range<usize>,
}
