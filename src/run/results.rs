//! What a run hands on: each file as checked ([`Checked`]), the counts over the run
//! ([`Totals`]), and the [`Sink`] that every output format implements to receive them.

use std::io;

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::Skipped;
use crate::source::{FileId, SourceFile};

/// Where a run's files go, in order.
pub trait Sink {
    /// Before the first file.
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// One file's final findings (a plan, or another file findings point into).
    fn file(&mut self, file: Checked) -> io::Result<()>;

    /// For a format whose part for a file depends on that file alone: what the checking
    /// threads run to make that part where the file was checked, so that the thread that
    /// delivers the files in order only writes bytes ([`Sink::rendered`]). `None` (the
    /// default): the sink formats each file itself, in [`Sink::file`].
    fn renderer(&self) -> Option<Box<dyn Render>> {
        None
    }

    /// One file with its part as [`Sink::renderer`]'s renderer made it.
    fn rendered(&mut self, file: Checked, part: &[u8]) -> io::Result<()> {
        let _ = part;
        self.file(file)
    }

    /// The roster's departments that have no plan for a year judged, once all files are in
    /// (before [`Sink::skipped`]).
    fn absent(&mut self, _absent: &[crate::verdict::Absent]) -> io::Result<()> {
        Ok(())
    }

    /// The files that looked like plans and were not checked, once all files are in.
    fn skipped(&mut self, _skipped: &[Skipped]) -> io::Result<()> {
        Ok(())
    }

    /// After the last file, with the totals over the run.
    fn end(&mut self, totals: &Totals) -> io::Result<()>;
}

/// A format's part for one file, made on the thread that checked it (see [`Sink::renderer`]).
pub trait Render: Send + Sync {
    /// Appends to `out` the bytes the sink writes for `file`.
    fn render(&self, file: &Checked, out: &mut Vec<u8>);
}

/// One file of a run as checked: its text and its final findings, sorted. Most files are plans;
/// the others are files findings point into that are not plans (the config file, for findings
/// about its waivers; an entry of a directory that could not be walked).
#[derive(Debug)]
pub struct Checked {
    /// The file's id in the run; every finding here carries it.
    pub id: FileId,
    /// The file as read (lossy text for a file that was not UTF-8).
    pub source: SourceFile,
    /// Its findings, waived ones included, in (start byte, code) order.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the file is a plan (counted in "plans checked").
    pub is_plan: bool,
    /// Indices of the `section` rules whose area the plan does not cover; empty for a file
    /// that was not parsed. The board's report shows a rule that judges only those areas as
    /// not applicable rather than met.
    pub uncovered: Vec<usize>,
}

impl Checked {
    /// Findings that are not waived: the ones people act on.
    pub fn live(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.waiver.is_none())
    }
}

/// Counts over the files of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Plans checked.
    pub plans: usize,
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Informational findings.
    pub info: usize,
    /// Plans with at least one finding of any level.
    pub plans_with_findings: usize,
    /// Findings exempted by a waiver (not counted above).
    pub waived: usize,
    /// Files that looked like plans and were not checked (see [`crate::discover::Skip`]).
    pub skipped: usize,
}

impl Totals {
    /// Adds one file's findings.
    pub fn add(&mut self, file: &Checked) {
        let mut live = 0;
        for d in file.live() {
            live += 1;
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.info += 1,
            }
        }
        self.waived += file.diagnostics.len() - live;
        if file.is_plan {
            self.plans += 1;
            self.plans_with_findings += usize::from(live > 0);
        }
    }
}
