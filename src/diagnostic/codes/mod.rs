//! Every code of planlint's own (`PL…`), in one table: findings about files planlint could not
//! check, about waivers, and errors in packs, configs and arguments.
//!
//! Rule codes (`IP…`) belong to packs; these belong to planlint. Like rule codes they are a
//! public contract: never reused, never renamed (a snapshot test of the full list shows any
//! change).

mod estate;
mod files;
mod inputs;
mod waivers;

pub use estate::*;
pub use files::*;
pub use inputs::*;
pub use waivers::*;

use super::Severity;

/// One code of planlint's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code, e.g. `PL001`.
    pub code: &'static str,
    /// The name findings of this code carry (where a rule would carry its rule name).
    pub name: &'static str,
    /// Its severity. Errors in packs, configs and arguments stop the run (exit 2).
    pub severity: Severity,
    /// What it means, in English, for `planlint rules`-style listings and the README.
    pub summary: &'static str,
    /// What `planlint explain` says about it: Swedish, then English.
    pub about: [About; 2],
}

/// The long help of a code in one language, as `planlint explain` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct About {
    /// What it means, one sentence.
    pub summary: &'static str,
    /// When planlint reports it, and what happens then.
    pub when: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

const fn code(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    about: [About; 2],
) -> Code {
    Code {
        code,
        name,
        severity,
        summary,
        about,
    }
}

const fn about(summary: &'static str, when: &'static str, fix: &'static str) -> About {
    About { summary, when, fix }
}

/// Every code of planlint's own, in code order.
pub const ALL: &[Code] = &[
    NOT_UTF8,
    UNREADABLE,
    BINARY,
    WALK,
    SKIPPED,
    LEFT_OUT,
    FRONT_MATTER,
    HIDDEN_BY_HTML,
    NO_REASON,
    BAD_CODE,
    UNUSED,
    EXPIRED,
    RESERVED,
    TOO_MANY,
    NO_PLAN,
    NOT_ON_ROSTER,
    UNKNOWN_STAGE,
    PACK,
    CONFIG,
    ARGUMENT,
];

/// The entry of `code` in the table, if it is one of planlint's own.
pub fn find(code: &str) -> Option<Code> {
    ALL.iter().find(|c| c.code == code).copied()
}
