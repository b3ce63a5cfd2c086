//! `planlint check`: every plan through the verdict into the chosen format's sink; the exit
//! code says whether an error-level finding (or, with `--deny warnings`, a warning) is live.

use std::io::{Read, Write};

use super::Outcome;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::render::{Format, Options};
use crate::run::Scope;
use crate::verdict::Verdict;

pub(super) fn run(
    args: &CheckArgs,
    verdict: &Verdict<'_>,
    stdin: &mut dyn Read,
    color: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    if args.fixing.fix {
        let fixes = super::fix::run(args, verdict, out)?;
        let human = matches!(args.format, Format::Human | Format::Short);
        if human || args.fixing.diff {
            super::fix::report(&fixes, args.fixing.diff, verdict.lang(), out)?;
        }
        if args.fixing.diff {
            // What `--diff` shows is the answer: a plan that would change fails, as ruff's does.
            return Ok(if fixes.changed.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            });
        }
    }
    let options = Options {
        verdict,
        color,
        quiet: args.quiet,
        verbose: args.scope.verbose,
    };
    let mut sink: Box<dyn crate::run::Sink + '_> = if args.statistics {
        let json = matches!(args.format, Format::Json);
        Box::new(crate::render::statistics::Statistics::new(
            verdict, json, out,
        ))
    } else {
        args.format.sink(options, out)
    };
    let scope = Scope {
        paths: &args.paths,
        stdin_filename: args.stdin_filename.as_deref(),
        allow_empty: args.scope.allow_empty,
    };
    let totals = crate::run::check_paths(verdict, scope, stdin, &mut *sink)?;
    let deny = verdict.settings().deny_warnings.value;
    let failed = totals.errors > 0 || (deny && totals.warnings > 0);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
