//! The subcommands, one file each: settings are merged once here, then each command runs the
//! part of the pipeline it needs.

mod check;
mod convert;
mod diff;
mod explain;
mod fix;
mod guide;
pub(crate) mod init;
mod lsp;
mod outline;
mod provenance;
mod report;
mod rules;
mod test_pack;

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use crate::cli::{Cli, Command, Deny, SchemaOf};
use crate::config::settings::CliValues;
use crate::config::{self, Loaded, Settings};
use crate::engine::RuleSet;
use crate::error::Error;
use crate::i18n::Lang;
use crate::pack::PackError;
use crate::verdict::Verdict;

/// How a run ended, when planlint could do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No error-level finding: exit 0.
    Clean,
    /// At least one error-level finding: exit 1.
    Findings,
    /// The language server was told to exit without being shut down first, or its input
    /// ended: exit 1, as the Language Server Protocol asks.
    ExitWithoutShutdown,
}

/// Finds the config file: `--config`, none with `--isolated`, else upwards from `cwd`.
/// That `file`, named to a command that reads one plan, is a regular file: a named pipe or a
/// device is never opened (opening a pipe blocks), a directory is not a plan.
fn a_regular_file(file: &Path) -> Result<(), crate::discover::DiscoverError> {
    let not_read = |reason| crate::discover::DiscoverError {
        path: file.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(file).map_err(|e| not_read(crate::i18n::os_reason(&e)))?;
    if meta.is_file() {
        return Ok(());
    }
    Err(not_read(crate::i18n::t(
        "är ingen vanlig fil (t.ex. en katalog, en namngiven pipe eller en enhet)",
        "is not a regular file (e.g. a directory, a named pipe or a device)",
    )))
}

fn locate(cli: &Cli, cwd: &Path) -> Result<Option<Loaded>, PackError> {
    if cli.isolated {
        return Ok(None);
    }
    match &cli.config {
        Some(p) => config::load(p).map(Some),
        None => config::discover(cwd),
    }
}

fn cli_values(cli: &Cli) -> CliValues {
    let lang = cli.lang.map(|_| crate::cli::lang_of(cli));
    match &cli.command {
        Command::Check(a) => CliValues {
            lang,
            select: a.select.clone(),
            ignore: a.ignore.clone(),
            deny_warnings: a.deny == Some(Deny::Warnings),
            strict: a.scope.strict,
            allow_empty: a.scope.allow_empty,
            stage: a.scope.stage.clone(),
        },
        Command::Report(a) => CliValues {
            lang,
            strict: a.scope.strict,
            allow_empty: a.scope.allow_empty,
            stage: a.scope.stage.clone(),
            ..CliValues::default()
        },
        Command::Diff(a) => CliValues {
            lang,
            allow_empty: a.allow_empty,
            stage: a.stage.clone(),
            ..CliValues::default()
        },
        _ => CliValues {
            lang,
            ..CliValues::default()
        },
    }
}

/// The JSON Schema of an output planlint writes. It describes what serialising writes (not what
/// deserialising accepts), so a field that is always written is required, `null` or not.
fn output_schema<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Runs the command in `cli`.
pub(crate) fn run(cli: &Cli, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir()?;
    match &cli.command {
        Command::Init => {
            write!(out, "{}", init::init(&cwd, crate::cli::lang_of(cli))?)?;
            return Ok(Outcome::Clean);
        }
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Config => schemars::schema_for!(config::ConfigFile),
                SchemaOf::Pack => schemars::schema_for!(crate::checks::schema::PackSchema),
                SchemaOf::Check => output_schema::<crate::render::json::JsonOutput<'static>>(),
                SchemaOf::Report => output_schema::<crate::render::matrix::Matrix>(),
                SchemaOf::Diff => output_schema::<diff::DiffReport>(),
            };
            serde_json::to_writer_pretty(&mut *out, &schema).map_err(io::Error::from)?;
            writeln!(out)?;
            return Ok(Outcome::Clean);
        }
        Command::TestPack { file } => return test_pack::run(file, crate::cli::lang_of(cli), out),
        Command::Lsp => return lsp::run(cli, out),
        Command::Convert { file } => {
            return convert::run(file, crate::cli::lang_of(cli), out);
        }
        Command::Guide => return guide::run(crate::cli::lang_of(cli), out),
        _ => {}
    }
    let config = locate(cli, &cwd)?;
    let rules = RuleSet::load(&config::packs(config.as_ref(), &cli.rules)?)?;
    let settings = Settings::new(
        config,
        &cli_values(cli),
        &rules.known_codes(),
        &cwd,
        config::today(),
    )?;
    let verdict = Verdict::new(&rules, &settings);
    let lang: Lang = verdict.lang();
    let color = crate::cli::use_color(cli.color, io::stdout().is_terminal());
    let outcome = match &cli.command {
        Command::Check(args) => check::run(args, &verdict, stdin, color, out),
        Command::Outline { file } => outline::run(file, &verdict, out),
        Command::Explain { code } => explain::run(code, &rules, lang, out),
        Command::Rules { markdown } => rules::run(*markdown, &verdict, out),
        Command::Report(args) => report::run(args, &verdict, stdin, out),
        Command::Diff(args) => diff::run(args, &verdict, color, out),
        Command::Config => {
            write!(out, "{}", config::describe(&settings, &rules.pack_paths))?;
            Ok(Outcome::Clean)
        }
        Command::Init
        | Command::TestPack { .. }
        | Command::Schema { .. }
        | Command::Lsp
        | Command::Guide
        | Command::Convert { .. } => Ok(Outcome::Clean),
    };
    // The command is done and the process ends after it: the rule set (its terms, automata and
    // regular expressions) is left to the end of the process instead of being taken apart
    // piece by piece, which took a twentieth of the time of checking one plan.
    drop(verdict);
    std::mem::forget(rules);
    outcome
}
