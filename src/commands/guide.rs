//! `planlint guide`: the short guide in Swedish for planners and the board secretary,
//! `examples/guide.md`, as the binary carries it (an installed planlint has no checkout to
//! point to). With `--lang en` one English line says so first; the README is the English
//! documentation.

use std::io::Write;

use super::Outcome;
use crate::error::Error;
use crate::i18n::Lang;

/// The guide, as `examples/guide.md` has it.
pub(crate) const GUIDE: &str = include_str!("../../examples/guide.md");

pub(super) fn run(lang: Lang, out: &mut dyn Write) -> Result<Outcome, Error> {
    if lang == Lang::En {
        writeln!(
            out,
            "This guide is in Swedish, for planners and board secretaries; the README is planlint's documentation in English.\n"
        )?;
    }
    write!(out, "{GUIDE}")?;
    Ok(Outcome::Clean)
}
