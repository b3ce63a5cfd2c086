//! The roster's judgement, once every plan of a run is in: which department on the roster has
//! no plan for a year judged (`PL016`), and the row the report gives it.
//!
//! A year is judged when the run found a plan in a place of it; a department has its plan for
//! a year when a plan of that year lies where its `paths` name. Nothing here reads a plan: it
//! judges what the run saw of each ([`Seen`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::estate::{say, years_in};
use super::places::ANY_YEAR;
use crate::config::estate::{Department, YEAR};
use crate::diagnostic::{codes, Diagnostic, Label, Severity};
use crate::i18n::Lang;
use crate::source::FileId;

/// A plan of the run as the roster sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The roster department whose place it lies in (an index into the roster).
    pub department: Option<usize>,
    /// Its year.
    pub year: Option<u16>,
    /// The stage it was judged at, as an index into the settings' stages.
    pub stage: Option<usize>,
    /// Its path relative to the config's directory.
    pub path: PathBuf,
}

/// A department on the roster with no plan for a year judged: a row "ingen plan inlämnad".
#[derive(Debug, Clone)]
pub struct Absent {
    /// The department.
    pub department: String,
    /// Its nämnd, if the roster names one.
    pub board: Option<String>,
    /// The year it has no plan for (`None`: its globs have no `{year}`).
    pub year: Option<u16>,
    /// Where its plan is expected, as the roster writes it (with the year in place).
    pub expected: Vec<String>,
    /// The stage the year is judged at.
    pub stage: Option<String>,
    /// The finding's severity (`None`: switched off at that stage, so only the row).
    pub severity: Option<Severity>,
}

impl super::Verdict<'_> {
    /// The roster's departments without a plan among `seen`, the plans of a run that walked
    /// `walked` (directories, relative to the config's directory); with the findings about
    /// them, pointing into the config file (file `file`). Nothing when the config has no
    /// roster or the run walked no directory: a run over single files (a pre-commit hook, an
    /// editor) cannot tell who has not submitted.
    pub fn judge_roster(
        &self,
        seen: &[Seen],
        walked: &[PathBuf],
        file: FileId,
    ) -> (Vec<Absent>, Vec<Diagnostic>) {
        let settings = self.settings;
        if settings.departments.is_empty() || walked.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let years = place_years(&settings.departments, seen);
        // Which department has a plan for which year (`None`: for any), and the latest stage
        // of each year's plans.
        let mut submitted: HashSet<(usize, Option<u16>)> = HashSet::new();
        let mut stage_of_year: HashMap<Option<u16>, usize> = HashMap::new();
        for s in seen {
            if let Some(d) = s.department {
                submitted.insert((d, s.year));
                submitted.insert((d, None));
            }
            if let Some(stage) = s.stage {
                for year in [s.year, None] {
                    let at = stage_of_year.entry(year).or_insert(stage);
                    *at = (*at).max(stage);
                }
            }
        }
        let mut of_department: HashMap<usize, Vec<&Seen>> = HashMap::new();
        for s in seen {
            if let Some(d) = s.department {
                of_department.entry(d).or_default().push(s);
            }
        }
        let mut absent = Vec::new();
        let mut found = Vec::new();
        for (i, d) in settings.departments.iter().enumerate() {
            let years: Vec<Option<u16>> = if d.by_year() && !years.is_empty() {
                years.iter().copied().map(Some).collect()
            } else {
                vec![None]
            };
            for year in years {
                if submitted.contains(&(i, year)) {
                    continue;
                }
                let shown = year.map_or_else(|| ANY_YEAR.to_owned(), |y| y.to_string());
                let globs: Vec<String> = d.globs.iter().map(|g| g.replace(YEAR, &shown)).collect();
                if !globs.iter().any(|g| in_scope(g, walked)) {
                    continue;
                }
                let stage = settings
                    .stage
                    .value
                    .or_else(|| stage_of_year.get(&year).copied());
                let severity = self.stages.own_at(stage, codes::NO_PLAN);
                if let Some(severity) = severity {
                    let occupant = year.and_then(|y| {
                        held_by_another_year(&globs, of_department.get(&i).map(Vec::as_slice), y)
                    });
                    found.push(self.no_plan(d, year, &globs, occupant, severity, file));
                }
                absent.push(Absent {
                    department: d.name.clone(),
                    board: d.board.clone(),
                    year,
                    expected: if year.is_some() {
                        globs
                    } else {
                        d.globs.clone()
                    },
                    stage: stage.map(|s| settings.stages.0[s].name.clone()),
                    severity,
                });
            }
        }
        (absent, found)
    }

    fn no_plan(
        &self,
        d: &Department,
        year: Option<u16>,
        globs: &[String],
        occupant: Option<&Seen>,
        severity: Severity,
        file: FileId,
    ) -> Diagnostic {
        let lang = self.lang();
        let places = globs
            .iter()
            .map(|g| format!("`{g}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let name = &d.name;
        let message = match (year, lang) {
            (Some(y), Lang::Sv) => format!("`{name}` har ingen plan för {y}"),
            (Some(y), Lang::En) => format!("`{name}` has no plan for {y}"),
            (None, Lang::Sv) => format!("`{name}` har ingen plan"),
            (None, Lang::En) => format!("`{name}` has no plan"),
        };
        let label = lang.pick(
            "förvaltningen i förteckningen",
            "the department on the roster",
        );
        let help = match (occupant, year) {
            // The place holds a plan, of another year: often last year's plan copied.
            (Some(occupant), Some(y)) => {
                let at = crate::source::shown_path(&occupant.path);
                let (sv, en) = match occupant.year {
                    Some(other) => (format!("anger år {other}"), format!("says year {other}")),
                    None => ("anger inget år".to_owned(), "gives no year".to_owned()),
                };
                say(
                    lang,
                    format!("planen i `{at}`, där planen för {y} ska ligga, {sv}: är den planen för {y}, rätta `år` i den; annars lägg planen för {y} där"),
                    format!("the plan at `{at}`, where the plan for {y} belongs, {en}: if it is the plan for {y}, correct its `år`; else put the plan for {y} there"),
                )
            }
            _ => say(
                lang,
                format!("förvaltningens plan ska ligga i {places}; lägg den där, rätta `paths`, eller ta bort förvaltningen ur förteckningen om den inte ska ha någon plan"),
                format!("the department's plan belongs in {places}; put it there, correct `paths`, or remove the department from the roster if it is to have no plan"),
            ),
        };
        let mut diag = Diagnostic::own(
            codes::NO_PLAN,
            message,
            file,
            Label::new(d.span.clone(), label),
        )
        .with_help(help);
        diag.severity = severity;
        diag
    }
}

/// The years judged: those the run found a plan in a place of, where a department's `paths`
/// with the year in place name its path (a plan in `planer/2027/` is in a place of 2027
/// whatever its `år` says), so that a mistyped `år` or an archived plan outside every
/// department's `paths` adds no year every department would lack a plan for. In order.
fn place_years(departments: &[Department], seen: &[Seen]) -> Vec<u16> {
    let mut years: BTreeSet<u16> = BTreeSet::new();
    for s in seen {
        let Some(d) = s
            .department
            .map(|d| &departments[d])
            .filter(|d| d.by_year())
        else {
            continue;
        };
        let text = s.path.to_string_lossy();
        let candidates = years_in(&text).chain(s.year);
        for y in candidates.collect::<Vec<_>>() {
            if years.contains(&y) {
                continue;
            }
            let globs: Vec<String> = d
                .globs
                .iter()
                .map(|g| g.replace(YEAR, &y.to_string()))
                .collect();
            if matches_any(&globs, &s.path) {
                years.insert(y);
            }
        }
    }
    years.into_iter().collect()
}

/// Whether one of `globs` matches `path`.
fn matches_any(globs: &[String], path: &Path) -> bool {
    globs.iter().any(|g| {
        globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .is_ok_and(|g| g.compile_matcher().is_match(path))
    })
}

/// Of a department's plans `seen`, the first (by path) that lies where `globs` (its `paths`
/// with the year `year` in place) name, though it is not of that year.
fn held_by_another_year<'s>(
    globs: &[String],
    seen: Option<&[&'s Seen]>,
    year: u16,
) -> Option<&'s Seen> {
    seen?
        .iter()
        .copied()
        .filter(|s| s.year != Some(year) && matches_any(globs, &s.path))
        .min_by(|a, b| a.path.cmp(&b.path))
}

/// Whether a plan matching `glob` could lie in one of the directories a run walked: the glob's
/// literal start and the directory agree as far as both go.
fn in_scope(glob: &str, walked: &[PathBuf]) -> bool {
    let literal = glob
        .find(['*', '?', '[', '{'])
        .map_or(glob, |at| &glob[..at]);
    let literal = literal.rsplit_once('/').map_or("", |(dir, _)| dir);
    let literal = Path::new(literal);
    walked.iter().any(|w| {
        let w = w.strip_prefix(".").unwrap_or(w);
        w.as_os_str().is_empty() || literal.starts_with(w) || w.starts_with(literal)
    })
}
