//! The trend for the board: per department, each year's areas covered and blocking findings,
//! whether it is better or worse than the year before, and what changed in words ("Bostäder
//! saknas sedan 2027"). Built from the matrix's rows and missing plans when they span more than
//! one year; a department is its roster entry when the config has one, else its name as a
//! reader tells it from another.

use schemars::JsonSchema;
use serde::Serialize;

use super::{department_key, sort_key, Matrix, SortKey};
use crate::i18n::Lang;

/// The trend over the years of a report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Trend {
    /// The years, oldest first.
    pub years: Vec<u16>,
    /// One line per department, by nämnd and department.
    pub departments: Vec<TrendRow>,
}

/// One department over the years.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrendRow {
    /// The department.
    pub department: String,
    /// Its nämnd, if known.
    pub board: Option<String>,
    /// Per year of [`Trend::years`]: what its plan did, or `null` when the report has nothing
    /// of it that year (neither a plan nor a roster entry expecting one).
    pub years: Vec<Option<YearCell>>,
    /// What changed, in words, newest first: areas missing since a year, areas covered since
    /// a year, a plan not submitted.
    pub changes: Vec<String>,
    /// Whether the latest year is worse than the one before it.
    pub fell_back: bool,
}

/// A department's plan in one year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct YearCell {
    /// Whether a plan was submitted (`false`: the roster expected one and there is none).
    pub submitted: bool,
    /// Whether the plan could be judged.
    pub judged: bool,
    /// Areas covered (met or waived).
    pub areas: usize,
    /// Areas judged in all.
    pub of: usize,
    /// Blocking findings.
    pub blocking: usize,
    /// Compared with the year before that has a cell: `up` (better), `down` (worse),
    /// `same`; `null` for the first.
    pub change: Option<&'static str>,
}

impl YearCell {
    /// How good the year is, for comparing: a plan beats none, more areas beat fewer, fewer
    /// blocking findings beat more.
    fn score(&self) -> (bool, usize, std::cmp::Reverse<usize>) {
        (
            self.submitted && self.judged,
            self.areas,
            std::cmp::Reverse(self.blocking),
        )
    }
}

/// One department's material while it is gathered: its name and nämnd, and per year its
/// cell and which area columns it covered.
struct Gathered {
    key: String,
    department: String,
    board: Option<String>,
    sort: SortKey,
    years: Vec<Option<(YearCell, Vec<bool>)>>,
}

impl Trend {
    /// The trend of `m`, when its rows and missing plans span more than one year.
    pub fn of(m: &Matrix, lang: Lang) -> std::io::Result<Option<Trend>> {
        if m.years.len() < 2 {
            return Ok(None);
        }
        let mut years = m.years.clone();
        years.reverse();
        let areas: Vec<usize> = m
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.area)
            .map(|(i, _)| i)
            .collect();
        let mut gathered: Vec<Gathered> = Vec::new();
        let n = years.len();
        let slot = |gathered: &mut Vec<Gathered>,
                    name: &str,
                    roster: Option<&str>,
                    board: Option<&str>|
         -> usize {
            let key = department_key(roster.unwrap_or(name));
            if let Some(at) = gathered.iter().position(|g| g.key == key) {
                if gathered[at].board.is_none() {
                    gathered[at].board = board.map(str::to_owned);
                }
                return at;
            }
            let shown = roster.unwrap_or(name);
            gathered.push(Gathered {
                key,
                department: shown.to_owned(),
                board: board.map(str::to_owned),
                sort: sort_key(board, shown, ""),
                years: vec![None; n],
            });
            gathered.len() - 1
        };
        // Rows are newest year first, so the newest name and nämnd of a department are kept.
        for row in m.rows.heads() {
            let row = row?;
            let Some(y) = row.year.and_then(|y| years.iter().position(|&v| v == y)) else {
                continue;
            };
            let at = slot(
                &mut gathered,
                &row.department,
                row.roster.as_deref(),
                row.board.as_deref(),
            );
            let covered: Vec<bool> = areas.iter().map(|&i| row.met[i]).collect();
            let cell = YearCell {
                submitted: true,
                judged: !row.not_judged,
                areas: covered.iter().filter(|c| **c).count(),
                of: areas.len(),
                blocking: row.blocking,
                change: None,
            };
            // Two plans of one department in one year: the first in the matrix's order counts.
            let entry = &mut gathered[at].years[y];
            if entry.is_none() {
                *entry = Some((cell, covered));
            }
        }
        for a in &m.absent {
            let Some(y) = a.year.and_then(|y| years.iter().position(|&v| v == y)) else {
                continue;
            };
            let at = slot(
                &mut gathered,
                &a.department,
                Some(&a.department),
                a.board.as_deref(),
            );
            let entry = &mut gathered[at].years[y];
            if entry.is_none() {
                let cell = YearCell {
                    submitted: false,
                    judged: false,
                    areas: 0,
                    of: areas.len(),
                    blocking: 0,
                    change: None,
                };
                *entry = Some((cell, vec![false; areas.len()]));
            }
        }
        gathered.sort_by(|a, b| a.sort.cmp(&b.sort));
        let titles: Vec<&str> = areas.iter().map(|&i| m.columns[i].title.as_str()).collect();
        let departments = gathered
            .into_iter()
            .map(|g| row_of(g, &years, &titles, lang))
            .collect();
        Ok(Some(Trend { years, departments }))
    }
}

/// The finished line of one department: each year compared with the one before, and the
/// changes in words.
fn row_of(g: Gathered, years: &[u16], titles: &[&str], lang: Lang) -> TrendRow {
    let mut cells: Vec<Option<YearCell>> = Vec::with_capacity(years.len());
    let mut before: Option<(bool, usize, std::cmp::Reverse<usize>)> = None;
    for year in &g.years {
        let cell = year.as_ref().map(|(cell, _)| {
            let mut cell = cell.clone();
            let score = cell.score();
            cell.change = before.map(|b| match score.cmp(&b) {
                std::cmp::Ordering::Greater => "up",
                std::cmp::Ordering::Less => "down",
                std::cmp::Ordering::Equal => "same",
            });
            before = Some(score);
            cell
        });
        cells.push(cell);
    }
    let fell_back = cells.iter().flatten().last().and_then(|c| c.change) == Some("down");
    TrendRow {
        department: g.department,
        board: g.board,
        changes: changes(&g.years, years, titles, lang),
        years: cells,
        fell_back,
    }
}

/// What changed up to the latest year a department has: a plan not submitted that year, and
/// per area, missing since the year it was lost or covered since the year it was gained.
fn changes(
    gathered: &[Option<(YearCell, Vec<bool>)>],
    years: &[u16],
    titles: &[&str],
    lang: Lang,
) -> Vec<String> {
    let known: Vec<(u16, &YearCell, &Vec<bool>)> = gathered
        .iter()
        .zip(years)
        .filter_map(|(g, &y)| g.as_ref().map(|(c, covered)| (y, c, covered)))
        .collect();
    let mut out = Vec::new();
    let Some(&(last_year, last, _)) = known.last() else {
        return out;
    };
    if !last.submitted {
        out.push(match lang {
            Lang::Sv => format!("ingen plan inlämnad {last_year}"),
            Lang::En => format!("no plan submitted for {last_year}"),
        });
        return out;
    }
    // Only the years whose plan was judged say anything about an area.
    let judged: Vec<&(u16, &YearCell, &Vec<bool>)> = known
        .iter()
        .filter(|(_, c, _)| c.submitted && c.judged)
        .collect();
    for (a, title) in titles.iter().enumerate() {
        let Some((now_year, _, now)) = judged.last() else {
            break;
        };
        let now = now[a];
        // The earliest year of the run of years ending now in which the area was as now.
        let mut since = *now_year;
        let mut changed = false;
        for (y, _, covered) in judged.iter().rev().skip(1) {
            if covered[a] == now {
                since = *y;
            } else {
                changed = true;
                break;
            }
        }
        if !changed {
            continue;
        }
        out.push(match (now, lang) {
            (false, Lang::Sv) => format!("{title} saknas sedan {since}"),
            (false, Lang::En) => format!("{title} missing since {since}"),
            (true, Lang::Sv) => format!("{title} täcks sedan {since}"),
            (true, Lang::En) => format!("{title} covered since {since}"),
        });
    }
    out
}
