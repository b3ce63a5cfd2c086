//! Output: a [`Sink`](crate::run::Sink) that every `check` format implements, one file per format, and the
//! board's coverage matrix ([`matrix`], for `planlint report`).
//!
//! A run hands a sink each file's final findings in order, then the totals. Whether a format
//! writes as the files come (human, short, github, json, sarif) or keeps what it must to write
//! at the end (junit's counts, in a temporary file) is the sink's own business. A format whose
//! part for a file depends on that file alone (json, short, github) gives the run a renderer
//! ([`crate::run::Render`]), and that part is made on the thread that checked the file. Renderers see findings and source text only,
//! never a parsed document, and never decide anything about a finding.
//!
//! Adding a format: a file here with a sink, and a row in [`Format`] and [`Format::sink`].

mod error;
pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod matrix;
pub mod sarif;
pub mod short;
pub mod stages;
pub mod statistics;

use std::io::Write;

use crate::run::Sink;

use crate::verdict::Verdict;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics for people.
    Human,
    /// One line per finding: `path:line:col: severity[CODE]: message`.
    Short,
    /// One JSON object (`planlint schema check` describes it).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for GitLab, Jenkins and Azure.
    Junit,
}

/// What a sink may need besides the findings.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The run's verdict: its rules, which of them ran, their severities, the language.
    pub verdict: &'a Verdict<'a>,
    /// Colour for a terminal (human output).
    pub color: bool,
    /// Leave out the summary line (human output).
    pub quiet: bool,
    /// List the files that were not checked (human output).
    pub verbose: bool,
}

impl Format {
    /// Every format, in the order of `--help`.
    pub const ALL: [Format; 6] = [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ];

    /// Its name on the command line (`--format json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Short => "short",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
        }
    }

    /// What the format is, in Swedish and English (its line in `--help`).
    pub fn help(self) -> (&'static str, &'static str) {
        match self {
            Format::Human => (
                "meddelanden i rustc-stil, för människor",
                "rustc-style diagnostics, for people",
            ),
            Format::Short => (
                "en rad per anmärkning: `sökväg:rad:kolumn: nivå[KOD]: meddelande`",
                "one line per finding: `path:line:col: severity[CODE]: message`",
            ),
            Format::Json => (
                "ett JSON-objekt (`planlint schema check` beskriver formen)",
                "one JSON object (`planlint schema check` describes its shape)",
            ),
            Format::Sarif => (
                "SARIF 2.1.0, för GitHub code scanning",
                "SARIF 2.1.0, for GitHub code scanning",
            ),
            Format::Github => (
                "arbetsflödeskommandon för GitHub Actions (anteckningar i koden)",
                "GitHub Actions workflow commands (annotations)",
            ),
            Format::Junit => (
                "JUnit-XML, för GitLab, Jenkins och Azure",
                "JUnit XML, for GitLab, Jenkins and Azure",
            ),
        }
    }

    /// The sink that writes this format to `out`.
    pub fn sink<'a>(self, options: Options<'a>, out: &'a mut dyn Write) -> Box<dyn Sink + 'a> {
        match self {
            Format::Human => Box::new(human::Human::new(options, out)),
            Format::Short => Box::new(short::Short { out }),
            Format::Json => Box::new(json::Json::new(
                options.verdict.lang(),
                options.verdict.settings().stages.names(),
                out,
            )),
            Format::Sarif => Box::new(sarif::Sarif::new(options.verdict, out)),
            Format::Github => Box::new(github::Github { out }),
            Format::Junit => Box::new(junit::Junit::new(options.verdict, out)),
        }
    }
}

/// A file nobody else sees, deleted when the run ends, for the formats that write what comes
/// before their parts (counts, totals) only once every plan is in: the parts wait there, not
/// in memory. When it cannot be made the error says where it was tried and why.
pub(crate) fn temporary_file(lang: crate::i18n::Lang) -> std::io::Result<std::fs::File> {
    tempfile::tempfile().map_err(|e| {
        let dir = std::env::temp_dir();
        std::io::Error::new(
            e.kind(),
            format!(
                "{} {} ({}): {}",
                lang.pick(
                    "en tillfällig fil för utdata kunde inte skapas i",
                    "a temporary file for the output could not be made in"
                ),
                escape::terminal_line(&dir.to_string_lossy()),
                lang.pick(
                    "ange en annan katalog med TMPDIR",
                    "name another folder with TMPDIR"
                ),
                crate::i18n::os_reason(&e).get(lang)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum as _;

    use super::Format;

    /// A new format is a variant and its rows here: `ALL`, its name and help, and its sink.
    #[test]
    fn every_format_is_listed_named_as_clap_names_it_and_has_help() {
        assert_eq!(Format::value_variants(), &Format::ALL[..]);
        for f in Format::ALL {
            let value = f.to_possible_value().expect("no format is hidden");
            assert_eq!(value.get_name(), f.name());
            let (sv, en) = f.help();
            assert!(!sv.is_empty() && !en.is_empty(), "{}", f.name());
        }
    }
}
