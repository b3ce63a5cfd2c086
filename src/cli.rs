//! Command-line types (clap derive), and [`parse`], which reads argv into them in the user's
//! language.
//!
//! The texts users see in `--help` are in [`text`] (Swedish and English); the doc comments
//! here are for the code's readers. Argument errors are said by [`errors`].

mod errors;
mod parse;
mod text;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::render::Format;
pub use parse::{message_lang, parse, ArgsExit};

/// planlint: checks department plans against the municipality's policies.
#[derive(Debug, Parser)]
#[command(name = "planlint", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages (default `sv`, or `lang` in planlint.toml).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// When to colour output (`auto` honours `NO_COLOR` and whether stdout is a terminal).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// An extra rule pack (a TOML file); may be repeated. Its rules come after those of the
    /// packs the config names (without `packs`: the built-in pack).
    #[arg(long = "rules", global = true, value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Use this config file instead of looking for planlint.toml upwards from here.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore any planlint.toml.
    #[arg(long, global = true)]
    pub isolated: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans (files or directories; default: the current directory).
    #[command(visible_alias = "granska")]
    Check(CheckArgs),
    /// Show a plan's section tree and which area each section covers.
    Outline {
        /// The plan.
        file: PathBuf,
    },
    /// Print a Word or OpenDocument plan as Markdown, numbered by paragraph as findings are.
    Convert {
        /// The plan (.docx or .odt).
        file: PathBuf,
    },
    /// Explain a rule: what counts, the policy clause, passing and failing examples.
    #[command(visible_alias = "förklara", alias = "forklara")]
    Explain {
        /// A rule code, e.g. IP002.
        code: String,
    },
    /// The coverage matrix for the approval board: plans × rules.
    #[command(visible_alias = "rapport")]
    Report(ReportArgs),
    /// Compare two versions of a plan, or two folders of plans: what was fixed, what is new,
    /// what regressed.
    Diff(DiffArgs),
    /// Write a commented planlint.toml and a plan template here (never overwrites).
    Init,
    /// Print the effective settings and where each came from.
    Config,
    /// Print a JSON Schema for planlint.toml or for rule packs (for editors with TOML schema
    /// support), or for the JSON output of `check`, `report` or `diff`.
    Schema {
        /// Which file format or output.
        #[arg(value_enum)]
        of: SchemaOf,
    },
    /// Run the pass/fail examples of every rule in a pack.
    TestPack {
        /// The pack file.
        file: PathBuf,
    },
    /// Run the language server on standard input and output, for live diagnostics in editors.
    Lsp,
    /// Print the short guide in Swedish for planners and the board secretary.
    Guide,
    /// List the loaded rules.
    Rules {
        /// Print the rule table in Markdown, as in the README.
        #[arg(long)]
        markdown: bool,
    },
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plans or directories of plans.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Report only these rule codes (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Do not report these rule codes (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// `--deny warnings`: warnings fail the run too.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Print only findings: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The name to use for a plan read from standard input (`-`), for messages and config paths.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Print how many findings of each code there are, most first, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// `--fix` and `--diff`.
    #[command(flatten)]
    pub fixing: FixArgs,
    /// What to do with files that are not checked.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// `check --fix [--diff]`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Insert each missing area's section at the suggested level and place, then check.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix`: print what would change, as a diff, and write nothing.
    #[arg(long, requires = "fix")]
    pub diff: bool,
}

/// Flags about the files a run does not check (`check` and `report`).
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// For the CI gate: a hidden file that looks like a plan, or one `include` does not match,
    /// is an error instead of a counted skip (also `strict = true` in planlint.toml).
    #[arg(long)]
    pub strict: bool,
    /// List every file that was seen and not checked, with the reason.
    #[arg(long, short)]
    pub verbose: bool,
    /// Allow a run that finds no plan at all (otherwise exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    /// Judge every plan as if at this stage (`för beslut`), whatever its `status` says.
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
}

/// The file formats and outputs `planlint schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// `planlint.toml`.
    Config,
    /// A rule pack.
    Pack,
    /// The JSON output of `planlint check --format json`.
    Check,
    /// The JSON output of `planlint report --format json`.
    Report,
    /// The JSON output of `planlint diff`.
    Diff,
}

/// What `--deny` turns into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run like errors.
    Warnings,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Plans or directories of plans (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output (`-`: standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (a regular file only).
    #[arg(long)]
    pub force: bool,
    /// The name to use for a plan read from standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// What to do with files that are not checked.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A self-contained HTML page.
    Html,
    /// A Markdown table, e.g. for a pull-request comment.
    Markdown,
    /// JSON (`planlint schema report` describes it).
    Json,
    /// CSV, for spreadsheets.
    Csv,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier plan, or folder of plans. (The order keeps `--help` from listing the two
    /// by name, later before earlier.)
    #[arg(display_order = 1)]
    pub old: PathBuf,
    /// The later plan, or folder of plans (of the same kind as `old`).
    #[arg(display_order = 2)]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Allow a folder without any plan (otherwise exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    /// Judge the plans of both sides as if at this stage, whatever their `status` says.
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for people.
    Human,
    /// JSON (`planlint schema diff` describes it).
    Json,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Svenska.
    Sv,
    /// English.
    En,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The language chosen on the command line (Swedish if none), for errors before settings exist.
pub fn lang_of(cli: &Cli) -> crate::i18n::Lang {
    match cli.lang {
        Some(LangArg::En) => crate::i18n::Lang::En,
        Some(LangArg::Sv) | None => crate::i18n::Lang::Sv,
    }
}

/// Whether to colour output written to a stream that is (or is not) a terminal.
pub fn use_color(choice: ColorArg, is_terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}
