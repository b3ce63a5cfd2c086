//! `planlint diff OLD NEW`: the board's question between two review rounds or two years —
//! what was fixed, what is new, what regressed.
//!
//! Each side is checked as `check` checks it (the same verdict: config, packs, waivers) through
//! a sink that keeps, per plan, only what the comparison reads: its path, department, live
//! findings and covered areas, never its text. Plans of two folders are paired by department
//! when it is unique on both sides, else by their path in the folder with every year folded
//! (`2026/soc.md` pairs `2027/soc.md`). Per pair: an area no longer covered and an error of a
//! rule that had no live finding before are regressions; findings that are gone (by code and
//! message, whatever their line) and areas newly covered are fixed; the other findings that
//! came are new. A plan that no longer exists is a regression. Exit 1 on a regression or a new
//! error. Pairing and classifying are [`compare`]'s, the lines for people [`human`]'s; the
//! JSON output's shape is here, with its schema (`planlint schema diff`). Nothing here decides
//! a finding: `diff` compares what the verdict decided.

mod compare;
mod human;

use std::io::{self, Write};
use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

use super::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diagnostic::{codes, Severity};
use crate::discover::DiscoverError;
use crate::error::Error;
use crate::i18n::{self, t};
use crate::render::matrix::{department_key, UNJUDGED};
use crate::run::{Checked, Scope, Sink, Totals};
use crate::source::shown_path;
use crate::verdict::Verdict;

/// The JSON output of `planlint diff`.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct DiffReport {
    /// Version of this shape: fields may be added, never renamed or removed, without raising it.
    version: u32,
    /// The program that wrote it.
    tool: Tool,
    /// The earlier plan or folder, as given.
    old: String,
    /// The later plan or folder, as given.
    new: String,
    /// One entry per plan pair, added or removed plan, by department then path.
    plans: Vec<PlanDiff>,
    /// The counts over all plans.
    summary: Summary,
}

/// The program that wrote the output.
#[derive(Debug, Serialize, JsonSchema)]
struct Tool {
    /// `planlint`.
    name: String,
    /// Its version.
    version: String,
}

/// How a plan of one side found its plan of the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Pairing {
    /// The same department, unique on both sides.
    Department,
    /// The same path in its folder, years aside (or the two files named).
    Path,
    /// Only in the later plans: a new plan.
    Added,
    /// Only in the earlier plans: the plan no longer exists (a regression).
    Removed,
}

/// What changed for one plan.
#[derive(Debug, Serialize, JsonSchema)]
struct PlanDiff {
    /// The department (the later plan's, else the earlier's; its path when it names none).
    department: String,
    /// The earlier plan's path, if there is one.
    old_path: Option<String>,
    /// The later plan's path, if there is one.
    new_path: Option<String>,
    /// How the two were paired.
    pairing: Pairing,
    /// Areas the earlier plan covers.
    areas_old: Option<usize>,
    /// Areas the later plan covers.
    areas_new: Option<usize>,
    /// Live error-level findings of the earlier plan: what blocked its approval.
    blocking_old: Option<usize>,
    /// Live error-level findings of the later plan.
    blocking_new: Option<usize>,
    /// Findings gone and areas newly covered.
    fixed: Vec<Change>,
    /// Findings that came and are not regressions.
    new: Vec<Change>,
    /// Areas no longer covered, errors of rules that had no finding before, a plan gone.
    regressed: Vec<Change>,
}

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Kind {
    /// One finding.
    Finding,
    /// An area rule's area, covered or not.
    Area,
    /// The plan itself, which no longer exists.
    Plan,
}

/// One change: a finding, an area or a plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
struct Change {
    /// What it is about.
    kind: Kind,
    /// The rule's code (none for a plan).
    code: Option<String>,
    /// The finding's severity; for an area its rule's; `error` for a plan gone.
    severity: Severity,
    /// The message (for an area: `Bostäder täcks nu`, `Bostäder täcks inte längre`).
    message: String,
    /// The 1-based line (a paragraph in a Word or OpenDocument plan): of the finding in the
    /// later plan, in the earlier for a fixed one; for an area no longer covered, of its rule's
    /// finding in the later plan (where the section belongs).
    line: Option<usize>,
    /// For an area: its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    /// Whether `line` counts paragraphs (a Word or OpenDocument plan).
    #[serde(skip)]
    by_paragraph: bool,
}

/// The counts over all plans.
#[derive(Debug, Default, Serialize, JsonSchema)]
struct Summary {
    /// Plan pairs compared.
    compared: usize,
    /// Plans only in the later plans.
    added: usize,
    /// Plans only in the earlier plans.
    removed: usize,
    /// Area rules that ran: how many areas a plan can cover.
    areas: usize,
    /// Fixed changes.
    fixed: usize,
    /// New findings.
    new: usize,
    /// New findings of level error.
    new_errors: usize,
    /// Regressions (a plan gone included).
    regressed: usize,
    /// Live errors over the earlier plans.
    blocking_old: usize,
    /// Live errors over the later plans.
    blocking_new: usize,
}

/// One live finding, as the comparison reads it.
#[derive(Debug)]
struct Found {
    code: String,
    severity: Severity,
    message: String,
    line: usize,
}

/// One plan, as the comparison keeps it: no text.
#[derive(Debug)]
struct Plan {
    path: String,
    /// Its path in its folder with every year folded, for pairing.
    key: String,
    department: Option<String>,
    live: Vec<Found>,
    /// Indices of the area rules it covers, in rule order.
    covered: Vec<usize>,
    by_paragraph: bool,
    /// Whether it could be read as text and judged at all.
    judged: bool,
}

impl Plan {
    fn blocking(&self) -> usize {
        self.live
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

/// The sink for one side: each plan as [`Plan`].
struct Side<'a> {
    verdict: &'a Verdict<'a>,
    root: &'a Path,
    /// Indices of the area rules that run.
    areas: &'a [usize],
    plans: Vec<Plan>,
}

impl Sink for Side<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        let source = &file.source;
        // A file the walk found where a plan would be but could not read (a broken link, a
        // named pipe) is that plan, judged against nothing: it is there, not gone.
        let unread = !file.is_plan
            && file.diagnostics.iter().any(|d| d.code == codes::WALK.code)
            && self
                .verdict
                .settings()
                .leaves_out(source.matched_path())
                .is_none();
        if !file.is_plan && !unread {
            return Ok(());
        }
        // A plan that could not be read as text was judged against nothing: it covers nothing.
        let judged = !unread
            && !file
                .diagnostics
                .iter()
                .any(|d| UNJUDGED.contains(&d.code.as_str()));
        let covered = self
            .areas
            .iter()
            .copied()
            .filter(|i| judged && !file.uncovered.contains(i))
            .collect();
        let live = file
            .live()
            .map(|d| Found {
                code: d.code.clone(),
                severity: d.severity,
                message: d.message.clone(),
                line: source.line_col(d.primary.span.start).0,
            })
            .collect();
        let inside = source.matched_path().strip_prefix(self.root).ok();
        let key = match inside.filter(|p| !p.as_os_str().is_empty()) {
            Some(p) => shown_path(p),
            None => source.path.clone(),
        };
        self.plans.push(Plan {
            path: source.path.clone(),
            key: compare::without_years(&key),
            department: source.department.clone(),
            live,
            covered,
            by_paragraph: source.is_by_paragraph(),
            judged,
        });
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        Ok(())
    }
}

pub(super) fn run(
    args: &DiffArgs,
    verdict: &Verdict<'_>,
    color: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let lang = verdict.lang();
    let folders = same_kind(&args.old, &args.new)?;
    let rules = &verdict.rules().rules;
    let areas: Vec<usize> = (0..rules.len())
        .filter(|&i| rules[i].area().is_some() && verdict.runs(i))
        .collect();
    let side = |root: &Path| -> Result<Vec<Plan>, Error> {
        let mut sink = Side {
            verdict,
            root,
            areas: &areas,
            plans: Vec::new(),
        };
        let paths = [root.to_path_buf()];
        let scope = Scope {
            paths: &paths,
            stdin_filename: None,
            allow_empty: args.allow_empty,
        };
        crate::run::check_paths(verdict, scope, &mut io::empty(), &mut sink)?;
        let mut plans = sink.plans;
        plans.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(plans)
    };
    let (old, new) = (side(&args.old)?, side(&args.new)?);
    let pairs = match (old.len(), new.len()) {
        // Two plans named are one pair, whatever each calls its department.
        (1, 1) if !folders => {
            let both = old.into_iter().zip(new);
            both.map(|(o, n)| (Pairing::Path, Some(o), Some(n)))
                .collect()
        }
        _ => compare::pair(old, new),
    };
    let mut summary = Summary {
        areas: areas.len(),
        ..Summary::default()
    };
    let mut plans: Vec<PlanDiff> = pairs
        .into_iter()
        .map(|(pairing, o, n)| compare::diff(pairing, o.as_ref(), n.as_ref(), verdict))
        .collect();
    plans.sort_by_cached_key(|p| {
        let path = p.new_path.clone().or_else(|| p.old_path.clone());
        (department_key(&p.department), path)
    });
    for p in &plans {
        summary.compared +=
            usize::from(p.pairing == Pairing::Department || p.pairing == Pairing::Path);
        summary.added += usize::from(p.pairing == Pairing::Added);
        summary.removed += usize::from(p.pairing == Pairing::Removed);
        summary.fixed += p.fixed.len();
        summary.new += p.new.len();
        summary.new_errors += p
            .new
            .iter()
            .filter(|c| c.severity == Severity::Error)
            .count();
        summary.regressed += p.regressed.len();
        summary.blocking_old += p.blocking_old.unwrap_or(0);
        summary.blocking_new += p.blocking_new.unwrap_or(0);
    }
    let failed = summary.regressed > 0 || summary.new_errors > 0;
    let report = DiffReport {
        version: 1,
        tool: Tool {
            name: "planlint".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        old: shown_path(&args.old),
        new: shown_path(&args.new),
        plans,
        summary,
    };
    match args.format {
        DiffFormat::Human => human::write(&report, lang, color, out)?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Whether `old` and `new` are folders (`true`) or plans (`false`); an error when one is
/// missing, is neither, or they are of two kinds.
fn same_kind(old: &Path, new: &Path) -> Result<bool, Error> {
    let is_dir = |path: &Path| -> Result<bool, Error> {
        let meta = std::fs::metadata(path).map_err(|e| DiscoverError {
            path: path.to_path_buf(),
            reason: i18n::os_reason(&e),
        })?;
        if !meta.is_dir() {
            super::a_regular_file(path)?;
        }
        Ok(meta.is_dir())
    };
    let (old_dir, new_dir) = (is_dir(old)?, is_dir(new)?);
    if old_dir == new_dir {
        return Ok(old_dir);
    }
    let (o, n) = (shown_path(old), shown_path(new));
    let (sv, en) = if old_dir {
        (
            format!("`{o}` är en katalog men `{n}` är en fil"),
            format!("`{o}` is a folder but `{n}` is a file"),
        )
    } else {
        (
            format!("`{o}` är en fil men `{n}` är en katalog"),
            format!("`{o}` is a file but `{n}` is a folder"),
        )
    };
    Err(Error::NotAFile {
        path: new.to_path_buf(),
        message: t(
            format!("{sv}: `diff` jämför två planer eller två kataloger med planer"),
            format!("{en}: `diff` compares two plans or two folders of plans"),
        ),
        help: t(
            "ange två filer, t.ex. `planlint diff 2026/soc.md 2027/soc.md`, eller två kataloger, t.ex. `planlint diff 2026 2027`",
            "name two files, e.g. `planlint diff 2026/soc.md 2027/soc.md`, or two folders, e.g. `planlint diff 2026 2027`",
        ),
    })
}
