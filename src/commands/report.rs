//! `planlint report`: the board's coverage matrix over every plan, in one of four formats, to
//! stdout or to a new file (replaced only with `--force`).

use std::io::{self, Read, Write};

use super::Outcome;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Error;
use crate::render::matrix;
use crate::run::Scope;
use crate::verdict::Verdict;

pub(super) fn run(
    args: &ReportArgs,
    verdict: &Verdict<'_>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let lang = verdict.lang();
    let mut matrix = matrix::Builder::new(verdict);
    let scope = Scope {
        paths: &args.paths,
        stdin_filename: args.stdin_filename.as_deref(),
        allow_empty: args.scope.allow_empty,
    };
    crate::run::check_paths(verdict, scope, stdin, &mut matrix)?;
    let m = matrix.finish();
    let text = match args.format {
        ReportFormat::Html => matrix::html(&m, lang),
        ReportFormat::Markdown => matrix::markdown(&m, lang),
        ReportFormat::Csv => matrix::csv(&m),
        ReportFormat::Json => serde_json::to_string_pretty(&m).map_err(io::Error::from)? + "\n",
    };
    match &args.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            if !super::init::write_atomically(path, &text, args.force, lang)? {
                return Err(Error::Io(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} {}",
                        path.display(),
                        lang.pick(
                            "finns redan; använd --force för att ersätta den",
                            "already exists; use --force to replace it"
                        )
                    ),
                )));
            }
            writeln!(out, "{} {}", lang.pick("skrev", "wrote"), path.display())?;
        }
    }
    Ok(Outcome::Clean)
}
