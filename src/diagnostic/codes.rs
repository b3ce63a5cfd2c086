//! Every code of planlint's own (`PL…`), in one table: findings about files planlint could not
//! check, about waivers, and errors in packs, configs and arguments.
//!
//! Rule codes (`IP…`) belong to packs; these belong to planlint. Like rule codes they are a
//! public contract: never reused, never renamed (a snapshot test of the full list shows any
//! change).

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
}

const fn code(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
) -> Code {
    Code {
        code,
        name,
        severity,
        summary,
    }
}

/// The file is not valid UTF-8.
pub const NOT_UTF8: Code = code(
    "PL001",
    "fil",
    Severity::Error,
    "the file is not valid UTF-8",
);
/// The file could not be read.
pub const UNREADABLE: Code = code("PL002", "fil", Severity::Error, "the file cannot be read");
/// The file holds binary data.
pub const BINARY: Code = code(
    "PL003",
    "fil",
    Severity::Error,
    "the file holds binary data",
);
/// An entry of a walked directory could not be followed (a link loop, no permission, a link to
/// a directory).
pub const WALK: Code = code(
    "PL004",
    "katalog",
    Severity::Warning,
    "an entry of a walked directory was not checked",
);
/// With `--strict`: a file that looks like a plan was seen and not checked (hidden, or not
/// matched by `include`).
pub const SKIPPED: Code = code(
    "PL005",
    "fil",
    Severity::Error,
    "with --strict, a file that looks like a plan was not checked",
);
/// A file named on the command line that the config's `include`/`exclude` leave out.
pub const LEFT_OUT: Code = code(
    "PL006",
    "fil",
    Severity::Info,
    "a file named on the command line is left out by the config",
);
/// The plan's front matter breaks a budget (size, depth, aliases, values) and was not read.
pub const FRONT_MATTER: Code = code(
    "PL007",
    "fil",
    Severity::Error,
    "the plan's front matter is over budget and was not read",
);
/// A waiver without a reason.
pub const NO_REASON: Code = code(
    "PL010",
    "undantag",
    Severity::Error,
    "a waiver has no reason",
);
/// A waiver naming no code or an unknown one.
pub const BAD_CODE: Code = code(
    "PL011",
    "undantag",
    Severity::Error,
    "a waiver names no known rule code",
);
/// A waiver that waived nothing.
pub const UNUSED: Code = code(
    "PL012",
    "undantag",
    Severity::Warning,
    "a waiver waives nothing",
);
/// An inline waiver of a code the board keeps to config waivers (`inline_reserved`).
pub const RESERVED: Code = code(
    "PL014",
    "undantag",
    Severity::Error,
    "an inline waiver names a code the board reserves to config waivers",
);
/// An inline waiver of more codes than `max_inline_codes`.
pub const TOO_MANY: Code = code(
    "PL015",
    "undantag",
    Severity::Error,
    "one inline waiver names too many codes",
);
/// A config waiver past its expiry date.
pub const EXPIRED: Code = code(
    "PL013",
    "undantag",
    Severity::Warning,
    "a config waiver has expired",
);
/// A mistake in a rule pack.
pub const PACK: Code = code(
    "PL100",
    "regelpaket",
    Severity::Error,
    "a rule pack is broken",
);
/// A mistake in `planlint.toml`.
pub const CONFIG: Code = code(
    "PL101",
    "konfiguration",
    Severity::Error,
    "the configuration is broken",
);
/// An unknown rule code on the command line.
pub const ARGUMENT: Code = code(
    "PL102",
    "argument",
    Severity::Error,
    "an unknown rule code on the command line",
);

/// Every code of planlint's own, in code order.
pub const ALL: &[Code] = &[
    NOT_UTF8,
    UNREADABLE,
    BINARY,
    WALK,
    SKIPPED,
    LEFT_OUT,
    FRONT_MATTER,
    NO_REASON,
    BAD_CODE,
    UNUSED,
    EXPIRED,
    RESERVED,
    TOO_MANY,
    PACK,
    CONFIG,
    ARGUMENT,
];

/// The entry of `code` in the table, if it is one of planlint's own.
pub fn find(code: &str) -> Option<Code> {
    ALL.iter().find(|c| c.code == code).copied()
}
