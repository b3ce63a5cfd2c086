//! planlint checks municipal department plans (Markdown) against policy rule packs (TOML).
//!
//! The modules are layers, from the ground up; each uses only the ones before it (a test,
//! `tests/it/layers.rs`, holds the order and fails on a `use crate::` that points up or round):
//!
//! 1. [`i18n`]: the language and every text's translation; `suggest`: the known name
//!    closest to a misspelt one; [`source`]: the file database;
//!    [`diagnostic`]: a finding as data, and every PL code;
//! 2. `matching` (Swedish-aware words and terms) and [`document`]: the document model and its
//!    readers (Markdown is one);
//! 3. `pack`: rule packs as data; `checks`: one file per rule kind; [`engine`]: the packs
//!    compiled once into a [`engine::RuleSet`] that checks one document; `ruledoc`: a
//!    rule's documentation;
//! 4. `discover`: paths → the stream of plans; [`config`]: `planlint.toml` and the command
//!    line → settings, and which packs to load; [`verdict`]: what happens to each finding
//!    (severity, overrides, waivers);
//! 5. [`run`](mod@run): each plan analysed once ([`run::Analysis`]: findings, document,
//!    coverage), in parallel, handed in order to a [`run::Sink`]; [`render`]: one sink per
//!    output format; [`Error`]: why planlint could not do its job;
//! 6. `lsp` (the language server), [`cli`] and the subcommands, which tie the steps together;
//!    [`run()`] maps the outcome to an exit code.
//!
//! The library never prints to the process's stdout or stderr; it writes to the writers it is
//! given, so tests and editors reuse the same engine.

pub mod i18n;
mod suggest;
pub mod source;
pub mod diagnostic;
mod matching;
pub mod document;
mod pack;
mod checks;
pub mod engine;
mod ruledoc;
mod fix;
mod discover;
pub mod config;
pub mod verdict;
mod error;
pub mod run;
pub mod render;
mod lsp;
pub mod cli;
mod commands;

use std::io;

pub use commands::Outcome;
pub use error::Error;

/// Runs the command in `cli`: reads plans (stdin for `-`), writes results to `out`. It is the
/// binary's whole work, once per process: the compiled rule set is left to the end of the
/// process rather than freed, so calling it again and again in one process keeps each.
pub fn run(
    cli: &cli::Cli,
    stdin: &mut dyn io::Read,
    out: &mut dyn io::Write,
) -> Result<Outcome, Error> {
    commands::run(cli, stdin, out)
}
