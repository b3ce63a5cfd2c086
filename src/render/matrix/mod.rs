//! The coverage matrix for the approval board (`planlint report`): plans × rules, each cell
//! met, missing (with the severity of its findings: an error blocks approval, a warning or info
//! is advice), waived (with the reason), off, not applicable (the rule judges an area the plan
//! does not have) or not judged, with totals that count what blocks apart from what advises,
//! and every finding of every plan with its line. One function per format: self-contained
//! HTML, Markdown for a PR comment, JSON and CSV for spreadsheets. Where a format names a plan
//! by its department alone, a department two plans share gets each plan's path beside it
//! ([`Rows::shares_department`]). The JSON is the [`Matrix`] as serde writes it; its types
//! derive their JSON Schema (`planlint schema report`) beside `Serialize`, from the same
//! fields and doc comments.
//!
//! Every format opens with what the report judged ([`Provenance`]): when, the plans' commit,
//! the packs and their versions, the config and the stage.
//!
//! Departments, paths, waiver reasons, messages, rule codes and titles, and the packs' names and
//! versions come from plans and packs nobody vetted, so each format escapes all of them: HTML text and attributes with `esc` and
//! ids built by `anchor`; Markdown cells with `md_cell` (the table and its totals always
//! survive); CSV fields with `csv_field` (quoted as RFC 4180 says, formulas neutralised).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod builder;
mod html;
mod provenance;
mod rows;
mod text;
mod trend;

pub use rows::{Head, Rows};

use crate::diagnostic::Severity;
use crate::i18n::Lang;

/// One cell.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Cell {
    /// No finding of the rule in the plan.
    Covered,
    /// Findings that are not waived: the most serious one's severity, and the first one.
    Missing {
        /// `error` blocks approval; `warning` and `info` are advice.
        severity: Severity,
        /// The first finding's message.
        message: String,
        /// Its 1-based line.
        line: usize,
        /// How many findings of the rule the plan has (every one is in the row's `findings`).
        count: usize,
    },
    /// Findings exist but are waived.
    Waived {
        /// The waiver's reason.
        reason: String,
        /// Who granted it: `plan` (an inline comment by the plan's author) or `board` (a
        /// `[[waiver]]` in planlint.toml).
        by: Cow<'static, str>,
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
    /// The rule judges only areas the plan does not cover, so it had nothing to judge: never
    /// "met" (the missing area is the area rule's finding).
    #[serde(rename = "not-applicable")]
    NotApplicable {
        /// Why, naming the missing areas and their rules.
        reason: String,
    },
    /// The plan could not be judged (not readable, not text): never "met".
    #[serde(rename = "not-judged")]
    NotJudged {
        /// Why.
        reason: String,
    },
}

/// A waiver as the report shows it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Waiver {
    /// Its reason.
    pub reason: String,
    /// `plan` (the plan's author) or `board` (planlint.toml).
    pub by: Cow<'static, str>,
    /// Where it is written.
    pub source: String,
    /// The decision behind it, if given.
    pub decided: Option<String>,
    /// Its last day, if it expires.
    pub expires: Option<String>,
}

/// One finding of a plan, as the report lists it under the matrix.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The rule's code (or planlint's own `PL…` code).
    pub code: String,
    /// Its severity after the settings.
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// The message, with the plan's words in backticks.
    pub message: String,
    /// The waiver that exempts it, if one does.
    pub waiver: Option<Waiver>,
}

/// A row: one plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// The plan's path.
    pub path: String,
    /// Its department (front matter or title).
    pub department: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Cells that are missing.
    pub missing: usize,
    /// Findings that block approval: errors not waived (planlint's own included).
    pub blocking: usize,
    /// Findings that are advice: warnings and info not waived.
    pub advisory: usize,
    /// Why the plan could not be judged, if it could not: then every cell is not judged.
    pub not_judged: Option<String>,
    /// Every finding of the plan, waived ones included, in line order.
    pub findings: Vec<Finding>,
    /// Whether the plan is a Word or OpenDocument file, whose lines are its paragraphs
    /// ("stycke N").
    pub by_paragraph: bool,
    /// Its nämnd: front matter `nämnd`, else the roster's entry for its department.
    pub board: Option<String>,
    /// The year it is for.
    pub year: Option<u16>,
    /// Where the year was read: `front-matter`, `folder` or `file-name`.
    pub year_from: Option<Cow<'static, str>>,
    /// Its `status` as written.
    pub status: Option<String>,
    /// The stage it was judged at.
    pub stage: Option<String>,
    /// The roster's department it belongs to, when the config has a roster.
    pub roster: Option<String>,
}

impl Row {
    /// What a line of the plan is called: a paragraph of a Word plan, else a line.
    pub fn line_word(&self) -> (&'static str, &'static str) {
        if self.by_paragraph {
            ("stycke", "paragraph")
        } else {
            ("rad", "line")
        }
    }
}

/// A column: one rule.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Column {
    /// Rule code.
    pub code: String,
    /// Short heading: the rule's `title`, else the area's name, else the rule's name.
    pub title: String,
    /// The rule's severity in this run (an `[[override]]` may change it for some plans).
    pub severity: Severity,
    /// Plans that meet it (covered or waived). Plans not judged, plans the rule is switched
    /// off for and plans it does not apply to are not counted.
    pub covered: usize,
    /// Whether the rule judges an area (kind `section`): the trend counts these.
    pub area: bool,
}

/// The counts the board reads first.
#[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema)]
pub struct Summary {
    /// Plans in the report.
    pub plans: usize,
    /// Plans judged without a blocking finding.
    pub approvable: usize,
    /// Plans judged with at least one blocking finding.
    pub blocked: usize,
    /// Plans that could not be judged.
    pub not_judged: usize,
    /// Blocking findings over all plans judged.
    pub blocking: usize,
    /// Advisory findings over all plans judged.
    pub advisory: usize,
    /// Plans judged with advisory findings.
    pub advised: usize,
    /// Waived findings.
    pub waived: usize,
    /// Files that look like plans and were not judged ([`Matrix::skipped`]).
    pub skipped: usize,
    /// Departments on the roster without a plan for a year ([`Matrix::absent`]).
    pub absent: usize,
    /// Of those, the ones whose missing plan blocks approval (an error at their stage).
    pub absent_blocking: usize,
}

/// A department on the roster that has no plan for a year: a row "ingen plan inlämnad".
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AbsentRow {
    /// The department, as the roster names it.
    pub department: String,
    /// Its nämnd, if the roster names one.
    pub board: Option<String>,
    /// The year it has no plan for (`null`: the roster's globs name no year).
    pub year: Option<u16>,
    /// Where its plan is expected.
    pub expected: Vec<String>,
    /// The stage the year is judged at.
    pub stage: Option<String>,
    /// The finding's severity (`error` blocks approval; `null`: switched off, shown only).
    pub severity: Option<Severity>,
}

/// A file that looks like a plan and was not judged: hidden, or left out by `include` or
/// `exclude`. It has no row, so the report lists it on its own: a plan moved into an excluded
/// folder must not vanish from the board's view.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SkippedFile {
    /// Its path.
    pub path: String,
    /// Why, as data: `hidden`, `not-included`, `excluded` or `lock-file`.
    pub why: &'static str,
    /// Why, in words.
    pub reason: String,
}

/// The whole matrix: what `planlint report --format json` writes (`planlint schema report`
/// prints its JSON Schema).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Matrix {
    /// What the report judged (when, the plans' commit, the packs, the config, the stage), set
    /// by the command that makes the report (`planlint report` always writes it); left out of
    /// a matrix built without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Columns in rule order.
    pub columns: Vec<Column>,
    /// Rows in plan order.
    pub rows: Rows,
    /// Files that look like plans and were not judged, in path order.
    pub skipped: Vec<SkippedFile>,
    /// Departments on the roster without a plan, in the rows' order.
    pub absent: Vec<AbsentRow>,
    /// The years of the plans and of the missing ones, newest first.
    pub years: Vec<u16>,
    /// Per department, how each year compares with the one before: when more than one year
    /// is in the report.
    pub trend: Option<trend::Trend>,
    /// What blocks and what advises, over all rows.
    pub summary: Summary,
}

/// One line of the matrix in its order: a plan's row, or a department's missing plan.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A plan: its place among the rows (the first is 0) and its head.
    Plan(usize, Head),
    /// `absent[i]`.
    Absent(usize),
}

/// The matrix's lines in order, each with its year ([`Matrix::entries`]).
pub struct Entries<'a> {
    m: &'a Matrix,
    heads: std::iter::Peekable<Box<dyn Iterator<Item = std::io::Result<Head>> + 'a>>,
    /// The sort keys of the missing plans.
    absent: Vec<SortKey>,
    /// How many rows and missing plans were given.
    rows: usize,
    missing: usize,
}

impl Iterator for Entries<'_> {
    type Item = std::io::Result<(Option<u16>, Entry)>;

    fn next(&mut self) -> Option<Self::Item> {
        // Both lists are sorted by year and the same key (a missing plan's path is empty), so
        // they are merged, a row before a missing plan with the same key, as a stable sort of
        // the rows followed by the missing plans would order them.
        let plan = self.m.absent.get(self.missing);
        let row_first = match (self.heads.peek(), plan) {
            (None, None) => return None,
            (Some(Err(_)), _) | (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(Ok(head)), Some(plan)) => {
                let (none, board, department) = &head.names.order;
                let key = &self.absent[self.missing];
                year_order(head.year, plan.year)
                    .then_with(|| {
                        (
                            *none,
                            board.as_str(),
                            department.as_str(),
                            head.path.as_str(),
                        )
                            .cmp(&(
                                key.0,
                                key.1.as_str(),
                                key.2.as_str(),
                                key.3.as_str(),
                            ))
                    })
                    .is_le()
            }
        };
        if row_first {
            let head = match self.heads.next()? {
                Ok(head) => head,
                Err(e) => return Some(Err(e)),
            };
            self.rows += 1;
            Some(Ok((head.year, Entry::Plan(self.rows - 1, head))))
        } else {
            self.missing += 1;
            let year = self.m.absent[self.missing - 1].year;
            Some(Ok((year, Entry::Absent(self.missing - 1))))
        }
    }
}

impl Summary {
    /// What the board reads first, as statements each format marks up its own way: (kind,
    /// symbol, text), kind `error`, `advice`, `ok`, `unjudged`, `skipped` or `waived`. The
    /// first three are always there; the others when they count something.
    pub fn statements(&self, lang: Lang) -> Vec<(&'static str, &'static str, String)> {
        let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let (plan, plans) = lang.pick2(("plan", "planer"), ("plan", "plans"));
        let mut out = vec![
            (
                "error",
                "✗",
                format!(
                    "{} {} {} {} ({})",
                    self.blocked,
                    t("av", "of"),
                    count(self.plans, plan, plans),
                    match (self.blocked, lang) {
                        (1, Lang::En) => "has errors that block approval",
                        (_, Lang::En) => "have errors that block approval",
                        (_, Lang::Sv) => "har fel som hindrar godkännande",
                    },
                    count(self.blocking, t("fel", "error"), t("fel", "errors")),
                ),
            ),
            (
                "advice",
                "△",
                format!(
                    "{} {} {} – {}",
                    count(
                        self.advisory,
                        t(
                            "råd (varning eller info)",
                            "piece of advice (warning or info)"
                        ),
                        t(
                            "råd (varningar och info)",
                            "pieces of advice (warnings and info)"
                        )
                    ),
                    t("i", "in"),
                    count(self.advised, plan, plans),
                    t("hindrar inte", "not blocking"),
                ),
            ),
            (
                "ok",
                "✓",
                format!(
                    "{} {}",
                    count(self.approvable, plan, plans),
                    t("kan godkännas", "can be approved")
                ),
            ),
        ];
        if self.absent > 0 {
            out.push((
                if self.absent_blocking > 0 { "error" } else { "advice" },
                "∅",
                match (self.absent, lang) {
                    (1, Lang::Sv) => "1 förvaltning i förteckningen har inte lämnat in någon plan".to_owned(),
                    (n, Lang::Sv) => format!("{n} planer saknas: förvaltningar i förteckningen har inte lämnat in någon plan"),
                    (1, Lang::En) => "1 department on the roster has not submitted a plan".to_owned(),
                    (n, Lang::En) => format!("{n} plans are missing: departments on the roster have not submitted a plan"),
                },
            ));
        }
        if self.not_judged > 0 {
            out.push((
                "unjudged",
                "?",
                format!(
                    "{} {}",
                    count(self.not_judged, plan, plans),
                    t("kunde inte granskas", "could not be judged")
                ),
            ));
        }
        if self.skipped > 0 {
            out.push((
                "skipped",
                "⊘",
                match (self.skipped, lang) {
                    (1, Lang::Sv) => {
                        "1 fil som ser ut som en plan hoppades över och granskades inte".to_owned()
                    }
                    (n, Lang::Sv) => {
                        format!("{n} filer som ser ut som planer hoppades över och granskades inte")
                    }
                    (1, Lang::En) => {
                        "1 file that looks like a plan was skipped and not judged".to_owned()
                    }
                    (n, Lang::En) => {
                        format!("{n} files that look like plans were skipped and not judged")
                    }
                },
            ));
        }
        if self.waived > 0 {
            out.push((
                "waived",
                "⚑",
                count(
                    self.waived,
                    t("undantag", "waiver"),
                    t("undantag", "waivers"),
                ),
            ));
        }
        out
    }
}

/// Findings of one code in one plan that the HTML and Markdown lists show before the rest are
/// counted in one line, as human output does: the list stays readable when a plan repeats one
/// placeholder thousands of times. JSON holds them all.
pub(super) const PER_CODE: usize = 100;

impl Matrix {
    /// Whether the tables show a plan's year, nämnd and stage: when any plan names a nämnd or
    /// a stage, or a department has not submitted.
    pub fn shows_estate(&self) -> bool {
        !self.absent.is_empty() || self.rows.any_estate()
    }

    /// The matrix's lines, each with its year: by year, newest first (plans without a year
    /// last), then the rows and missing plans of a year in the order of [`Matrix::rows`] and
    /// [`Matrix::absent`], which are sorted by year, nämnd and department. Each row's head is
    /// read as it is reached.
    pub fn entries(&self) -> Entries<'_> {
        Entries {
            m: self,
            heads: self.rows.heads().peekable(),
            absent: self
                .absent
                .iter()
                .map(|a| sort_key(a.board.as_deref(), &a.department, ""))
                .collect(),
            rows: 0,
            missing: 0,
        }
    }
}

/// Hands the text `o` holds to `out` once it is 64 KB, so that no format's text waits whole in
/// memory.
pub(super) fn spill(o: &mut String, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if o.len() >= 1 << 16 {
        out.write_all(o.as_bytes())?;
        o.clear();
    }
    Ok(())
}

/// How rows sort within a year: by nämnd (none last), department, path.
pub(super) type SortKey = (bool, String, String, String);

/// The sort key of a row or a missing plan.
pub(super) fn sort_key(board: Option<&str>, department: &str, path: &str) -> SortKey {
    (
        board.is_none(),
        board.map(swedish_order).unwrap_or_default(),
        swedish_order(department),
        path.to_owned(),
    )
}

/// A name as a Swedish reader alphabetises it: letter case and other diacritics aside, but
/// å, ä and ö after z, in that order (Överförmyndarnämnden after Socialnämnden).
fn swedish_order(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let marked: String = name
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => '\u{7b}',
            'ä' | 'æ' => '\u{7c}',
            'ö' | 'ø' => '\u{7d}',
            other => other,
        })
        .collect();
    department_key(&marked)
}

/// Years newest first, no year last.
pub(super) fn year_order(a: Option<u16>, b: Option<u16>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

/// A department's name as a reader tells it from another (also how `diff` pairs plans).
pub(crate) fn department_key(department: &str) -> String {
    let shown: String = department
        .chars()
        .filter(|&c| !c.is_control() && !crate::render::escape::is_bidi_control(c))
        .collect();
    let folded = crate::matching::fold(&shown);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `n` and the noun in the right number.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) use builder::UNJUDGED;
pub use builder::{build, Builder};
pub use html::html;
pub use provenance::{Line, PackUsed, Provenance, StageCount};
pub use text::{csv, markdown};
