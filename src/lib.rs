//! planlint checks municipal department plans (Markdown) against policy rule packs (TOML).
//!
//! The pipeline, one direction, in module order:
//!
//! 1. [`config`]: `planlint.toml` and the command line → settings; [`discover`]: paths and
//!    directories → the stream of plans;
//! 2. [`pack`] + [`engine`]: rule packs (built-in + extra) → one compiled [`engine::RuleSet`];
//! 3. [`run`](mod@run): each plan is read once ([`source`]) and parsed once into a
//!    [`document::Document`] (`matching` does the Swedish-aware comparisons), then every
//!    rule's `checks` run;
//! 4. the [`verdict`] decides what happens to each finding (severity, overrides, waivers);
//!    findings ([`diagnostic`]) are sorted once and handed to a [`render`] sink;
//! 5. the subcommands tie the steps together and [`run()`] maps the outcome to an exit code;
//!    `planlint lsp` serves the same verdict to editors (`lsp`).
//!
//! [`i18n`] holds the language and every text's translation; [`suggest`] finds the known name
//! closest to a misspelt one.
//!
//! The library never prints to the process's stdout or stderr; it writes to the writers it is
//! given, so tests and editors reuse the same engine.

pub mod cli;
pub mod i18n;
pub mod suggest;
pub mod config;
pub mod discover;
pub mod pack;
pub mod source;
pub mod document;
mod matching;
pub mod engine;
pub mod ruledoc;
mod checks;
pub mod diagnostic;
pub mod verdict;
pub mod error;
pub mod run;
pub mod render;
mod lsp;
mod commands;

use std::io;

pub use commands::Outcome;
pub use error::Error;

/// Runs the command in `cli`: reads plans (stdin for `-`), writes results to `out`.
pub fn run(
    cli: &cli::Cli,
    stdin: &mut dyn io::Read,
    out: &mut dyn io::Write,
) -> Result<Outcome, Error> {
    commands::run(cli, stdin, out)
}
