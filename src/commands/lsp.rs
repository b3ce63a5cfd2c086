//! `planlint lsp`: the language server on the process's standard input and output.
//!
//! Unlike the other commands it reads the process's stdin itself, on a thread of its own (the
//! loop must wake for debounced lints while no message comes), and it loads configs per
//! document rather than once, so it takes the global flags as they are.

use std::io::Write;

use super::Outcome;
use crate::cli::Cli;
use crate::error::Error;
use crate::lsp::{self, ConfigChoice, Exit, Options};

pub(super) fn run(cli: &Cli, out: &mut dyn Write) -> Result<Outcome, Error> {
    let choice = if cli.isolated {
        ConfigChoice::Isolated
    } else if let Some(path) = &cli.config {
        ConfigChoice::File(path.clone())
    } else {
        ConfigChoice::Find
    };
    let options = Options {
        choice,
        extra: cli.rules.clone(),
        lang: cli.lang.map(|_| crate::cli::lang_of(cli)),
    };
    Ok(match lsp::serve(options, std::io::stdin(), out)? {
        Exit::AfterShutdown => Outcome::Clean,
        Exit::WithoutShutdown => Outcome::ExitWithoutShutdown,
    })
}
