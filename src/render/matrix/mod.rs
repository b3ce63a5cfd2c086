//! The coverage matrix for the approval board (`planlint report`): plans × rules, each cell
//! covered, missing (with the finding) or waived (with the reason), with totals. One function
//! per format: self-contained HTML, Markdown for a PR comment, JSON and CSV for spreadsheets.
//!
//! Departments, paths, waiver reasons, messages, rule codes and titles come from plans and packs
//! nobody vetted, so each format escapes all of them: HTML text and attributes with [`esc`] and
//! ids built by [`anchor`]; Markdown cells with [`md_cell`] (the table and its totals always
//! survive); CSV fields with [`csv_field`] (quoted as RFC 4180 says, formulas neutralised).

use serde::Serialize;

mod html;
mod text;

use super::Sink;
use crate::diagnostic::{codes, Checked, Totals, WaiverOrigin};
use crate::engine::Rule;
use crate::verdict::Verdict;

/// One cell.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Cell {
    /// No finding of the rule in the plan.
    Covered,
    /// A finding: its message and 1-based line.
    Missing {
        /// The finding's message.
        message: String,
        /// Its line.
        line: usize,
    },
    /// Findings exist but are waived.
    Waived {
        /// The waiver's reason.
        reason: String,
        /// Who granted it: `plan` (an inline comment by the plan's author) or `board` (a
        /// `[[waiver]]` in planlint.toml).
        by: &'static str,
        /// Where it is written.
        source: String,
        /// The decision behind it, if given.
        decided: Option<String>,
        /// Its last day, if it expires.
        expires: Option<String>,
    },
    /// An `[[override]]` switches the rule off for this plan: a decision, never "met".
    Off {
        /// Where the override is written (`planlint.toml:LINE`).
        at: String,
        /// Its reason, if it gives one.
        reason: Option<String>,
    },
    /// The plan could not be judged (not readable, not text): never "met".
    #[serde(rename = "not-judged")]
    NotJudged {
        /// Why.
        reason: String,
    },
}

/// A row: one plan.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The plan's path.
    pub path: String,
    /// Its department (front matter or title).
    pub department: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Cells that are missing.
    pub missing: usize,
    /// Why the plan could not be judged, if it could not: then every cell is not judged.
    pub not_judged: Option<String>,
}

/// A column: one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Rule code.
    pub code: String,
    /// Short heading: the area's name for area rules, else the rule's name.
    pub title: String,
    /// Plans that meet it (covered or waived). Plans not judged and plans the rule is switched
    /// off for are not counted.
    pub covered: usize,
}

/// The whole matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Columns in rule order.
    pub columns: Vec<Column>,
    /// Rows in plan order.
    pub rows: Vec<Row>,
}

/// Codes that mean a plan could not be read as text, so no rule judged it.
const UNJUDGED: [&str; 3] = [
    codes::NOT_UTF8.code,
    codes::UNREADABLE.code,
    codes::BINARY.code,
];

/// Builds the matrix from the files of a run: a row per plan, a column per rule that ran.
pub fn build(files: &[Checked], verdict: &Verdict<'_>) -> Matrix {
    let mut builder = Builder::new(verdict);
    for file in files.iter().filter(|f| f.is_plan) {
        builder.add(file);
    }
    builder.finish()
}

/// The matrix built a row at a time as the files of a run come: a sink that keeps each plan's
/// row, not the plan, so memory holds the matrix only.
pub struct Builder<'a> {
    verdict: &'a Verdict<'a>,
    rules: Vec<(usize, &'a Rule)>,
    rows: Vec<Row>,
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
            .collect();
        Builder {
            verdict,
            rules,
            rows: Vec::new(),
        }
    }

    /// Adds the row of one plan.
    fn add(&mut self, plan: &Checked) {
        let verdict = self.verdict;
        let file = &plan.source;
        // A plan planlint could not read as text was not judged against any rule.
        let not_judged = plan
            .diagnostics
            .iter()
            .find(|d| UNJUDGED.contains(&d.code.as_str()))
            .map(|d| d.message.clone());
        let cells: Vec<Cell> = self
            .rules
            .iter()
            .map(|&(i, r)| {
                if let Some(reason) = &not_judged {
                    return Cell::NotJudged {
                        reason: reason.clone(),
                    };
                }
                if let Some(o) = verdict.switched_off(&file.path, i) {
                    return Cell::Off {
                        at: o.origin.to_string(),
                        reason: o.reason.clone(),
                    };
                }
                let found: Vec<_> = plan
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == r.code())
                    .collect();
                if let Some(d) = found.iter().find(|d| d.waiver.is_none()) {
                    Cell::Missing {
                        message: d.message.clone(),
                        line: file.line_col(d.primary.span.start).0,
                    }
                } else if let Some(w) = found.first().and_then(|d| d.waiver.as_ref()) {
                    Cell::Waived {
                        reason: w.reason.clone(),
                        by: match w.origin {
                            WaiverOrigin::Inline => "plan",
                            WaiverOrigin::Config => "board",
                        },
                        source: w.source.clone(),
                        decided: w.decided.clone(),
                        expires: w.expires.clone(),
                    }
                } else {
                    Cell::Covered
                }
            })
            .collect();
        let missing = cells
            .iter()
            .filter(|c| matches!(c, Cell::Missing { .. }))
            .count();
        let department = file.department.clone().unwrap_or_else(|| file.path.clone());
        self.rows.push(Row {
            path: file.path.clone(),
            department,
            cells,
            missing,
            not_judged,
        });
    }

    /// The matrix with its column totals.
    pub fn finish(self) -> Matrix {
        let lang = self.verdict.lang();
        let rows = self.rows;
        let columns = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, (_, r))| Column {
                code: r.code().to_owned(),
                title: r.area().map_or_else(
                    || r.def.name.get_ref().clone(),
                    |a| a.area.get(lang).to_owned(),
                ),
                covered: rows
                    .iter()
                    .filter(|row| matches!(row.cells[i], Cell::Covered | Cell::Waived { .. }))
                    .count(),
            })
            .collect();
        Matrix { columns, rows }
    }
}

impl Sink for Builder<'_> {
    fn file(&mut self, file: Checked) -> std::io::Result<()> {
        if file.is_plan {
            self.add(&file);
        }
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> std::io::Result<()> {
        Ok(())
    }
}

pub use html::html;
pub use text::{csv, markdown};
