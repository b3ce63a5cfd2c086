//! Why planlint could not do its job (exit 2): the one error type of a run, and its text in
//! the user's language. How it is shown is `render`'s business.

use std::io;

use crate::discover;
use crate::i18n::{self, Lang};
use crate::pack::PackError;
use crate::source::shown_path;

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
    #[error("{}: {}", shown_path(path), message.en)]
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
    /// A path names the wrong kind of thing: `report -o` something a report must not replace
    /// or be written into (a directory, a device, a named pipe, also through a link); `diff` a
    /// plan beside a folder of plans.
    #[error("{}: {}", path.display(), message.en)]
    NotAFile {
        /// The path as given.
        path: std::path::PathBuf,
        /// What stands there.
        message: i18n::Localized,
        /// What to do.
        help: i18n::Localized,
    },
    /// An environment variable planlint reads holds what it cannot use: a
    /// `SOURCE_DATE_EPOCH` that is not whole seconds since 1970.
    #[error("{}", message.en)]
    Environment {
        /// What is wrong with it.
        message: i18n::Localized,
        /// What to do.
        help: i18n::Localized,
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
                shown_path(&e.path),
                e.reason.get(lang)
            ),
            Error::NotText { path, message, .. } => {
                format!("`{}`: {}", shown_path(path), message.get(lang))
            }
            Error::NotAFile { message, .. } | Error::Environment { message, .. } => {
                message.get(lang).to_owned()
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
                    paths.iter().map(|p| shown_path(p)).collect()
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
                            match (skipped.len(), lang) {
                                (1, crate::i18n::Lang::Sv) => "fil som ser ut som en plan hoppades över (`--verbose` listar den)",
                                (_, crate::i18n::Lang::Sv) => "filer som ser ut som planer hoppades över (`--verbose` listar dem)",
                                (1, crate::i18n::Lang::En) => "file that looks like a plan was skipped (`--verbose` lists it)",
                                (_, crate::i18n::Lang::En) => "files that look like plans were skipped (`--verbose` lists them)",
                            }
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
    pub(crate) fn help(&self, lang: Lang) -> Option<String> {
        match self {
            Error::Pack(PackError { help: Some(help), .. })
            | Error::NotText { help, .. }
            | Error::NotAFile { help, .. }
            | Error::Environment { help, .. } => Some(help.get(lang).to_owned()),
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
            // Only a name after `--` reaches discovery starting with `-` (before it, clap
            // reads it as an option): most likely a flag put after `--`, as pre-commit does
            // with a hook's `args:`.
            Error::Discover(e) if e.path.to_string_lossy().starts_with('-') => Some(lang.pick(
                "ett namn efter `--` är alltid en sökväg, aldrig en flagga; skriv flaggor före `--` (i pre-commit: i hookens `entry:`, inte i `args:`)",
                "a name after `--` is always a path, never an option; put options before `--` (in pre-commit: in the hook's `entry:`, not in `args:`)",
            ).to_owned()),
            Error::NoPlans { .. } => Some(lang.pick(
                "kontrollera att kommandot körs i planernas katalog och att `include`/`exclude` i planlint.toml tar med planerna; `--allow-empty` godtar en körning utan planer",
                "check that the command runs in the plans' directory and that `include`/`exclude` in planlint.toml take the plans in; `--allow-empty` accepts a run without plans",
            ).to_owned()),
            _ => None,
        }
    }
}
