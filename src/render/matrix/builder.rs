//! Building the matrix a row at a time as a run's files come: each plan's cells (met, missing
//! with its severity, waived, off, not applicable, not judged), its findings and its counts;
//! then the column totals and the summary. Each row goes to the temporary file of
//! [`super::rows`] as it is built; the builder keeps only the rows' heads and the counts.

use super::rows::Spool;
use super::{AbsentRow, Cell, Column, Finding, Matrix, Row, SkippedFile, Summary, Waiver};
use crate::diagnostic::{codes, Severity, WaiverOrigin};
use crate::discover::Skipped;
use crate::engine::Rule;
use crate::run::Sink;
use crate::run::{Checked, Totals};
use crate::source::shown_path;
use crate::verdict::{Absent, Verdict};

/// Codes that mean a plan could not be read as text, so no rule judged it.
pub(crate) const UNJUDGED: [&str; 3] = [
    codes::NOT_UTF8.code,
    codes::UNREADABLE.code,
    codes::BINARY.code,
];

/// Builds the matrix from the files of a run: a row per plan, a column per rule that ran.
pub fn build(files: &[Checked], verdict: &Verdict<'_>) -> std::io::Result<Matrix> {
    let mut builder = Builder::new(verdict);
    for file in files.iter().filter(|f| f.is_plan) {
        builder.add(file)?;
    }
    builder.finish()
}

/// The matrix built a row at a time as the files of a run come: a sink that writes each
/// plan's row away and keeps its head and counts, so memory holds neither plans nor rows.
pub struct Builder<'a> {
    verdict: &'a Verdict<'a>,
    rules: Vec<(usize, &'a Rule)>,
    rows: Spool,
    /// Per column, the rows so far that meet it.
    covered: Vec<usize>,
    /// The summary of the rows so far.
    summary: Summary,
    skipped: Vec<SkippedFile>,
    absent: Vec<AbsentRow>,
}

impl<'a> Builder<'a> {
    /// An empty matrix with a column per rule that runs.
    pub fn new(verdict: &'a Verdict<'a>) -> Self {
        let rules = verdict
            .rules()
            .rules
            .iter()
            .enumerate()
            .filter(|(i, _)| verdict.runs(*i))
            .collect::<Vec<_>>();
        Builder {
            verdict,
            covered: vec![0; rules.len()],
            rules,
            rows: Spool::new(verdict.lang()),
            summary: Summary::default(),
            skipped: Vec::new(),
            absent: Vec::new(),
        }
    }

    /// Adds the row of one plan.
    fn add(&mut self, plan: &Checked) -> std::io::Result<()> {
        let file = &plan.source;
        // A plan planlint could not read as text was not judged against any rule.
        let not_judged = plan
            .diagnostics
            .iter()
            .find(|d| UNJUDGED.contains(&d.code.as_str()))
            .map(|d| d.message.clone());
        let findings: Vec<Finding> = plan
            .diagnostics
            .iter()
            .map(|d| Finding {
                code: d.code.clone(),
                severity: d.severity,
                line: file.line_col(d.primary.span.start).0,
                message: d.message.clone(),
                waiver: d.waiver.as_ref().map(|w| Waiver {
                    reason: w.reason.clone(),
                    by: std::borrow::Cow::Borrowed(match w.origin {
                        WaiverOrigin::Inline => "plan",
                        WaiverOrigin::Config => "board",
                    }),
                    source: w.source.clone(),
                    decided: w.decided.clone(),
                    expires: w.expires.clone(),
                }),
            })
            .collect();
        let cells: Vec<Cell> = self
            .rules
            .iter()
            .map(|&(i, r)| match &not_judged {
                Some(reason) => Cell::NotJudged {
                    reason: reason.clone(),
                },
                None => self.cell(plan, &findings, i, r),
            })
            .collect();
        let missing = cells
            .iter()
            .filter(|c| matches!(c, Cell::Missing { .. }))
            .count();
        let live = || findings.iter().filter(|f| f.waiver.is_none());
        let blocking = live().filter(|f| f.severity == Severity::Error).count();
        let advisory = live().count() - blocking;
        let department = file.department.clone().unwrap_or_else(|| file.path.clone());
        let facts = &file.facts;
        self.count(&cells, not_judged.is_some(), blocking, advisory);
        self.summary.waived += findings.iter().filter(|f| f.waiver.is_some()).count();
        self.rows.push(&Row {
            board: facts.board.clone(),
            year: facts.year.map(|(y, _)| y),
            year_from: facts.year.map(|(_, from)| from.name().into()),
            status: facts.status.clone(),
            stage: facts.stage.clone(),
            roster: facts.roster.clone(),
            path: file.path.clone(),
            department,
            cells,
            missing,
            blocking,
            advisory,
            not_judged,
            findings,
            by_paragraph: file.is_by_paragraph(),
        })
    }

    /// Counts a row with `cells` in the column totals and the summary.
    fn count(&mut self, cells: &[Cell], not_judged: bool, blocking: usize, advisory: usize) {
        for (covered, cell) in self.covered.iter_mut().zip(cells) {
            *covered += usize::from(matches!(cell, Cell::Covered | Cell::Waived { .. }));
        }
        let summary = &mut self.summary;
        summary.plans += 1;
        if not_judged {
            summary.not_judged += 1;
            return;
        }
        if blocking > 0 {
            summary.blocked += 1;
        } else {
            summary.approvable += 1;
        }
        summary.advised += usize::from(advisory > 0);
        summary.blocking += blocking;
        summary.advisory += advisory;
    }

    /// The cell of rule `r` (index `i`) for a plan that was judged.
    fn cell(&self, plan: &Checked, findings: &[Finding], i: usize, r: &Rule) -> Cell {
        if let Some(o) = self.verdict.switched_off(plan.source.matched_path(), i) {
            return Cell::Off {
                at: o.origin.to_string(),
                reason: o.reason.clone(),
            };
        }
        let mut found = findings.iter().filter(|f| f.code == r.code()).peekable();
        if found.peek().is_none() {
            return self.not_applicable(plan, r).unwrap_or(Cell::Covered);
        }
        let (mut first, mut count, mut severity, mut waiver) = (None, 0, Severity::Info, None);
        for f in found {
            match &f.waiver {
                None => {
                    first = first.or(Some(f));
                    count += 1;
                    severity = severity.max(f.severity);
                }
                Some(w) => waiver = waiver.or(Some(w)),
            }
        }
        match (first, waiver) {
            (Some(f), _) => Cell::Missing {
                severity,
                message: f.message.clone(),
                line: f.line,
                count,
            },
            (None, Some(w)) => Cell::Waived {
                reason: w.reason.clone(),
                by: w.by.clone(),
                source: w.source.clone(),
                decided: w.decided.clone(),
                expires: w.expires.clone(),
            },
            (None, None) => Cell::Covered,
        }
    }

    /// Not applicable when rule `r` judges only areas (`within`) that the plan does not cover.
    fn not_applicable(&self, plan: &Checked, r: &Rule) -> Option<Cell> {
        let within = r.within();
        if within.is_empty() || !within.iter().all(|a| plan.uncovered.contains(a)) {
            return None;
        }
        let lang = self.verdict.lang();
        let rules = &self.verdict.rules().rules;
        let areas: Vec<String> = within
            .iter()
            .map(|&a| format!("{} ({})", rules[a].title(lang), rules[a].code()))
            .collect();
        let areas = match areas.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {} {last}", rest.join(", "), lang.pick("eller", "or"))
            }
            _ => areas.concat(),
        };
        Some(Cell::NotApplicable {
            reason: format!(
                "{} {areas}",
                lang.pick(
                    "kunde inte prövas: planen har inget avsnitt om",
                    "could not be judged: the plan has no section on"
                )
            ),
        })
    }

    /// The matrix with its column totals and summary.
    pub fn finish(self) -> std::io::Result<Matrix> {
        let lang = self.verdict.lang();
        let columns = self
            .rules
            .iter()
            .zip(&self.covered)
            .map(|(&(index, r), &covered)| Column {
                code: r.code().to_owned(),
                title: r.title(lang).to_owned(),
                severity: self.verdict.severity(index),
                covered,
                area: r.area().is_some(),
            })
            .collect();
        let mut summary = self.summary;
        let mut years: Vec<u16> = self.rows.years().collect();
        let rows = self.rows.finish()?;
        let mut absent = self.absent;
        absent.sort_by(|a, b| {
            super::year_order(a.year, b.year).then_with(|| {
                super::sort_key(a.board.as_deref(), &a.department, "").cmp(&super::sort_key(
                    b.board.as_deref(),
                    &b.department,
                    "",
                ))
            })
        });
        years.extend(absent.iter().filter_map(|a| a.year));
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut skipped = self.skipped;
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        summary.skipped = skipped.len();
        summary.absent = absent.len();
        summary.absent_blocking = absent
            .iter()
            .filter(|a| a.severity == Some(Severity::Error))
            .count();
        let mut matrix = Matrix {
            provenance: None,
            columns,
            rows,
            skipped,
            absent,
            years,
            trend: None,
            summary,
        };
        matrix.trend = super::trend::Trend::of(&matrix, lang)?;
        Ok(matrix)
    }
}

impl Sink for Builder<'_> {
    fn file(&mut self, file: Checked) -> std::io::Result<()> {
        if file.is_plan {
            self.add(&file)?;
        }
        Ok(())
    }

    fn absent(&mut self, absent: &[Absent]) -> std::io::Result<()> {
        self.absent.extend(absent.iter().map(|a| AbsentRow {
            department: a.department.clone(),
            board: a.board.clone(),
            year: a.year,
            expected: a.expected.clone(),
            stage: a.stage.clone(),
            severity: a.severity,
        }));
        Ok(())
    }

    fn skipped(&mut self, skipped: &[Skipped]) -> std::io::Result<()> {
        let lang = self.verdict.lang();
        self.skipped.extend(skipped.iter().map(|s| SkippedFile {
            path: shown_path(&s.path),
            why: s.why.name(),
            reason: s.why.reason(lang).to_owned(),
        }));
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> std::io::Result<()> {
        Ok(())
    }
}
