//! `planlint check`: every plan through the verdict into the chosen format's sink; the exit
//! code says whether an error-level finding (or, with `--deny warnings`, a warning) is live.

use std::io::{Read, Write};

use crate::cli::CheckArgs;
use crate::render::Options;
use crate::verdict::Verdict;
use crate::{Error, Outcome};

pub(super) fn run(
    args: &CheckArgs,
    verdict: &Verdict<'_>,
    stdin: &mut dyn Read,
    color: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let options = Options {
        verdict,
        color,
        quiet: args.quiet,
    };
    let mut sink = args.format.sink(options, out);
    let totals = crate::run::check_paths(
        verdict,
        &args.paths,
        args.stdin_filename.as_deref(),
        stdin,
        &mut *sink,
    )?;
    let deny = verdict.settings().deny_warnings.value;
    let failed = totals.errors > 0 || (deny && totals.warnings > 0);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
