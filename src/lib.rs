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
//! [`i18n`] holds the language and every text's translation.
//!
//! The library never prints to the process's stdout or stderr; it writes to the writers it is
//! given, so tests and editors reuse the same engine.

pub mod cli;
pub mod i18n;
pub mod config;
pub mod discover;
pub mod pack;
pub mod source;
pub mod document;
mod matching;
pub mod engine;
mod checks;
pub mod diagnostic;
pub mod verdict;
pub mod run;
pub mod render;
mod lsp;
mod commands;

use std::io::{self, Write};

use cli::{Cli, ColorArg, LangArg};
use diagnostic::{codes, Diagnostic, Label};
use i18n::Lang;
use pack::PackError;
use source::SourceFile;

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

/// Why planlint could not do its job (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule pack is broken.
    #[error(transparent)]
    Pack(#[from] PackError),
    /// A named path does not exist.
    #[error(transparent)]
    Discover(#[from] discover::DiscoverError),
    /// `explain` was given a word that names no code, rule or area; the closest code, if one
    /// is close.
    #[error("unknown rule code `{0}`")]
    UnknownCode(String, Option<String>),
    /// `explain` was given a word that fits several rules: the word and the candidates
    /// (`IP004 omrade-samverkan`).
    #[error("`{0}` fits several rules")]
    Ambiguous(String, Vec<String>),
    /// A file named to a command that reads one plan is not text (a Word file, a PDF, binary
    /// data, not UTF-8).
    #[error("{}: {}", path.display(), message.en)]
    NotText {
        /// The path as given.
        path: std::path::PathBuf,
        /// What the file is.
        message: i18n::Localized,
        /// What to do.
        help: i18n::Localized,
    },
    /// The run found no plan to check: not a pass (a gate run in the wrong directory, or a
    /// tree whose every plan is left out, must not look like approval).
    #[error("no plan to check")]
    NoPlans {
        /// The paths as given (none: the current directory).
        paths: Vec<std::path::PathBuf>,
        /// What was seen and left out.
        skipped: Vec<discover::Skipped>,
    },
    /// Writing output failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Error {
    /// The message in `lang`, for errors that are not rendered as diagnostics.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Pack(e) => e.message.get(lang).to_owned(),
            Error::Discover(e) => format!(
                "{} `{}`: {}",
                lang.pick(
                    "sökvägen finns inte eller kan inte läsas",
                    "the path does not exist or cannot be read"
                ),
                e.path.display(),
                e.reason.get(lang)
            ),
            Error::NotText { path, message, .. } => {
                format!("`{}`: {}", path.display(), message.get(lang))
            }
            Error::UnknownCode(code, best) => {
                let mut m = if code.chars().any(|c| c.is_ascii_digit()) {
                    format!(
                        "{} `{code}`",
                        lang.pick("okänd regelkod", "unknown rule code")
                    )
                } else {
                    format!(
                        "`{code}` {}",
                        lang.pick(
                            "är ingen regelkod och inget regelnamn eller område",
                            "is no rule code, rule name or area"
                        )
                    )
                };
                if let Some(b) = best {
                    let _ = std::fmt::Write::write_fmt(
                        &mut m,
                        format_args!("; {} `{b}`?", lang.pick("menade du", "did you mean")),
                    );
                }
                m
            }
            Error::Ambiguous(word, candidates) => format!(
                "`{word}` {}: {}",
                lang.pick("kan syfta på flera", "could mean several"),
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Error::NoPlans { paths, skipped } => {
                let shown: Vec<String> = if paths.is_empty() {
                    vec![".".to_owned()]
                } else {
                    paths.iter().map(|p| format!("{}", p.display())).collect()
                };
                let mut m = format!(
                    "{} `{}`",
                    lang.pick("ingen plan att granska i", "no plan to check in"),
                    shown.join("`, `")
                );
                if !skipped.is_empty() {
                    let _ = std::fmt::Write::write_fmt(
                        &mut m,
                        format_args!(
                            "; {} {}",
                            skipped.len(),
                            lang.pick(
                                "filer som ser ut som planer hoppades över (`--verbose` listar dem)",
                                "files that look like plans were skipped (`--verbose` lists them)"
                            )
                        ),
                    );
                }
                m
            }
            // planlint's own I/O errors say what failed; the system's say only why.
            Error::Io(e) if e.raw_os_error().is_some() => format!(
                "{}: {}",
                lang.pick(
                    "en fil kunde inte läsas eller skrivas",
                    "a file could not be read or written"
                ),
                i18n::os_reason(e).get(lang)
            ),
            Error::Io(e) => i18n::os_reason(e).get(lang).to_owned(),
        }
    }

    /// What to do about the error, if planlint can say.
    fn help(&self, lang: Lang) -> Option<String> {
        match self {
            Error::Pack(PackError { help: Some(help), .. }) | Error::NotText { help, .. } => {
                Some(help.get(lang).to_owned())
            }
            Error::UnknownCode(..) => Some(
                lang.pick(
                    "`planlint rules` listar reglerna med kod och namn",
                    "`planlint rules` lists the rules with their codes and names",
                )
                .to_owned(),
            ),
            Error::Ambiguous(_, candidates) => candidates.first().map(|c| {
                let code = c.split(' ').next().unwrap_or(c);
                format!(
                    "{} `planlint explain {code}`",
                    lang.pick("ange en av koderna, t.ex.", "give one of the codes, e.g.")
                )
            }),
            Error::NoPlans { .. } => Some(lang.pick(
                "kontrollera att kommandot körs i planernas katalog och att `include`/`exclude` i planlint.toml tar med planerna; `--allow-empty` godtar en körning utan planer",
                "check that the command runs in the plans' directory and that `include`/`exclude` in planlint.toml take the plans in; `--allow-empty` accepts a run without plans",
            ).to_owned()),
            _ => None,
        }
    }

    /// Writes the error for a person: rustc-style with a label into the pack for pack errors.
    pub fn render(&self, lang: Lang, color: bool, w: &mut dyn Write) -> io::Result<()> {
        if let Error::Pack(e) = self {
            if let Some(span) = &e.span {
                let file = SourceFile::new(e.path.clone(), e.text.clone());
                let code = codes::find(e.code).unwrap_or(codes::PACK);
                let label = Label::new(span.clone(), e.label.get(lang));
                let mut d = Diagnostic::own(code, e.message.get(lang), 0, label);
                d.help = e.help.as_ref().map(|h| h.get(lang).to_owned());
                return render::human::emit(&d, &file, color, w);
            }
        }
        writeln!(w, "error: {}", self.message(lang))?;
        if let Some(help) = self.help(lang) {
            writeln!(w, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// The language chosen on the command line (Swedish if none), for errors before settings exist.
pub fn lang_of(cli: &Cli) -> Lang {
    match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Sv) | None => Lang::Sv,
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

/// Runs the command in `cli`: reads plans (stdin for `-`), writes results to `out`.
pub fn run(cli: &Cli, stdin: &mut dyn io::Read, out: &mut dyn Write) -> Result<Outcome, Error> {
    commands::run(cli, stdin, out)
}
