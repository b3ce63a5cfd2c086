//! `planlint report`: the board's coverage matrix over every plan, in one of four formats, to
//! stdout (also `-o -`) or to a new file (a regular file is replaced only with `--force`; a
//! directory, a device or a named pipe never). Every report names what it judged (see
//! `provenance`).

use std::io::{self, Read, Write};
use std::path::Path;

use super::Outcome;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Error;
use crate::i18n::t;
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
    // Said before the plans are read, and said again by nothing else: `--force` does not help.
    // `-o -` is standard output, as `-` is standard input among the paths.
    let target = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if let Some(e) = target.and_then(not_a_file) {
        return Err(e);
    }
    // Gathered before the plans are read: the time the report was started, the commit the
    // plans were read at.
    let provenance = super::provenance::gather(verdict)?;
    crate::run::check_paths(verdict, scope, stdin, &mut matrix)?;
    let mut m = matrix.finish()?;
    let mut provenance = provenance;
    if provenance.stage.is_none() {
        provenance.stages = super::provenance::stage_counts(verdict, &m)?;
    }
    m.provenance = Some(provenance);
    // Written as it is made: the rows come back from the matrix's file one at a time.
    let write = |w: &mut dyn Write| -> io::Result<()> {
        match args.format {
            ReportFormat::Html => matrix::html(&m, lang, w),
            ReportFormat::Markdown => matrix::markdown(&m, lang, w),
            ReportFormat::Csv => matrix::csv(&m, w),
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut *w, &m).map_err(io::Error::from)?;
                writeln!(w)
            }
        }
    };
    match target {
        None => {
            let mut buffered = io::BufWriter::new(&mut *out);
            write(&mut buffered)?;
            buffered.flush()?;
        }
        Some(path) => {
            if !super::init::write_atomically_with(path, args.force, lang, &write)? {
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

/// Why `path` must not receive the report, `--force` or not: it is a directory, or (itself or
/// where its links lead) a device, a named pipe or a socket. Renaming a file over a device node
/// would remove the device; writing into a pipe or a device is no report. `None` when nothing
/// is there, or a regular file, or a link to one or to nothing.
fn not_a_file(path: &Path) -> Option<Error> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return None;
    }
    let shown = path.display();
    let link = std::fs::read_link(path).ok();
    let (sv, en) = match (&link, meta.is_dir()) {
        (None, true) => (
            format!("`{shown}` är en katalog"),
            format!("`{shown}` is a directory"),
        ),
        (Some(target), true) => (
            format!("`{shown}` är en länk till katalogen `{}`", target.display()),
            format!("`{shown}` is a link to the directory `{}`", target.display()),
        ),
        (None, false) => (
            format!("`{shown}` är ingen vanlig fil (t.ex. en enhet eller en namngiven pipe)"),
            format!("`{shown}` is not a regular file (e.g. a device or a named pipe)"),
        ),
        (Some(target), false) => (
            format!(
                "`{shown}` är en länk till `{}`, som inte är någon vanlig fil (t.ex. en enhet eller en namngiven pipe)",
                target.display()
            ),
            format!(
                "`{shown}` is a link to `{}`, which is not a regular file (e.g. a device or a named pipe)",
                target.display()
            ),
        ),
    };
    let message = t(
        format!("{sv}: rapporten skrevs inte dit, och `--force` ersätter den inte"),
        format!("{en}: the report was not written there, and `--force` does not replace it"),
    );
    Some(Error::NotAFile {
        path: path.to_path_buf(),
        message,
        help: t(
            "ange en fil att skriva rapporten till, t.ex. `-o rapport.html`, eller `-o -` för att skriva den till standard ut",
            "name a file to write the report to, e.g. `-o report.html`, or `-o -` to write it to standard output",
        ),
    })
}
