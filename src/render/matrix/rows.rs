//! The matrix's rows, kept out of memory: each row is written to a temporary file as its plan
//! comes ([`Spool`]), and only what ordering, grouping, the summary and the trend read of it
//! stays behind ([`Head`]). The heads themselves are held only a run of [`RUN`] at a time: a
//! full run is sorted and written to a second temporary file ([`runs`]), and the sorted runs are
//! merged each time the matrix is read in order. A head is written with its names, so nothing of
//! a run stays behind once it is written but, per year and way of reading a department, a count.
//! A report of any number of plans therefore holds a run of heads, one row and those counts.

mod runs;

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::{Cell, Row};

/// How many heads are held before they are sorted and written away: 1–2 MB of them.
pub(super) const RUN: usize = 4096;

/// What the matrix reads of a row without reading the row: its place in the order, its
/// department and year, and its counts. The names a run repeats (departments, nämnder,
/// stages) are shared by every head that names them, so a head costs its path and a few
/// counts.
#[derive(Debug, Clone)]
pub struct Head {
    /// The plan's path.
    pub path: String,
    /// Its department.
    pub department: Arc<str>,
    /// Its nämnd.
    pub board: Option<Arc<str>>,
    /// Its year.
    pub year: Option<u16>,
    /// The stage it was judged at.
    pub stage: Option<Arc<str>>,
    /// The roster's department it belongs to.
    pub roster: Option<Arc<str>>,
    /// Whether it could not be judged.
    pub not_judged: bool,
    /// Whether it has no finding and every cell is met (covered or waived).
    pub clean: bool,
    /// Blocking findings.
    pub blocking: usize,
    /// Per column, whether the rule is met (covered or waived).
    pub met: Vec<bool>,
    /// How its nämnd and department sort and read, worked out once per run for each.
    pub(super) names: Arc<Names>,
    /// Where its row is in the temporary file: the offset and the length.
    place: (u64, usize),
    /// How many rows came before it.
    arrival: u32,
}

/// How a nämnd and department sort (see [`super::sort_key`], without the path) and how a
/// reader tells the department from another: a hash of its [`super::department_key`], the same
/// for two departments that read the same. Two that read differently may, very rarely, share a
/// hash; then both are named with their paths, which is more than needed, never less.
#[derive(Debug)]
pub(super) struct Names {
    pub(super) order: (bool, String, String),
    reads: u64,
}

impl Head {
    /// The order of two heads within a year: by nämnd (none last), department, path.
    pub(super) fn order(&self, other: &Head) -> std::cmp::Ordering {
        (&self.names.order, &self.path).cmp(&(&other.names.order, &other.path))
    }

    /// The order of two heads: by [`super::year_order`], then [`Head::order`], then the order
    /// they came in. No two heads are equal.
    fn sorted(&self, other: &Head) -> std::cmp::Ordering {
        super::year_order(self.year, other.year)
            .then_with(|| self.order(other))
            .then(self.arrival.cmp(&other.arrival))
    }
}

/// A nämnd (if any) and a department.
type BoardAndDepartment = (Option<Arc<str>>, Arc<str>);

/// The names of a run's heads as they come: each looked up once in a run.
#[derive(Default)]
struct Interned {
    strings: HashSet<Arc<str>>,
    names: HashMap<BoardAndDepartment, Arc<Names>>,
}

impl Interned {
    fn string(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.strings.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = s.into();
        self.strings.insert(Arc::clone(&a));
        a
    }

    /// The head of `row`, which is at `place` in the temporary file and came after
    /// `arrival` others.
    fn head(&mut self, row: &Row, place: (u64, usize), arrival: u32) -> Head {
        let department = self.string(&row.department);
        let board = row.board.as_deref().map(|b| self.string(b));
        let names = self
            .names
            .entry((board.clone(), Arc::clone(&department)))
            .or_insert_with(|| {
                let (none, board, department, _) =
                    super::sort_key(row.board.as_deref(), &row.department, "");
                Arc::new(Names {
                    order: (none, board, department),
                    reads: reading(&row.department),
                })
            });
        let met: Vec<bool> = row
            .cells
            .iter()
            .map(|c| matches!(c, Cell::Covered | Cell::Waived { .. }))
            .collect();
        Head {
            path: row.path.clone(),
            names: Arc::clone(names),
            department,
            board,
            year: row.year,
            stage: row.stage.as_deref().map(|s| self.string(s)),
            roster: row.roster.as_deref().map(|s| self.string(s)),
            not_judged: row.not_judged.is_some(),
            clean: row.findings.is_empty() && met.iter().all(|m| *m),
            blocking: row.blocking,
            met,
            place,
            arrival,
        }
    }
}

/// The hash of how a reader tells `department` from another ([`super::department_key`]), with
/// fixed keys, so that it is the same in every run.
fn reading(department: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::hash::DefaultHasher::new();
    super::department_key(department).hash(&mut h);
    h.finish()
}

/// The rows as they are built: each written to the temporary file, its head kept until its
/// run is full.
pub(super) struct Spool {
    lang: crate::i18n::Lang,
    file: Option<BufWriter<File>>,
    written: u64,
    /// The heads of the run being filled.
    heads: Vec<Head>,
    /// The runs written away, if any was.
    runs: Option<runs::Writer>,
    /// How many heads a run holds.
    run: usize,
    /// How many rows so far.
    count: usize,
    interned: Interned,
    /// Per year and way of reading a department, how many rows have it.
    readings: HashMap<(Option<u16>, u64), u32>,
    /// Whether any row names a nämnd or a stage.
    estate: bool,
    /// The rows' years.
    years: HashSet<u16>,
}

impl Spool {
    pub(super) fn new(lang: crate::i18n::Lang) -> Spool {
        Spool::with_run(lang, RUN)
    }

    /// A spool whose runs hold `run` heads (at least one).
    fn with_run(lang: crate::i18n::Lang, run: usize) -> Spool {
        Spool {
            lang,
            file: None,
            written: 0,
            heads: Vec::new(),
            runs: None,
            run: run.max(1),
            count: 0,
            interned: Interned::default(),
            readings: HashMap::new(),
            estate: false,
            years: HashSet::new(),
        }
    }

    /// Writes `row` and keeps its head.
    pub(super) fn push(&mut self, row: &Row) -> io::Result<()> {
        let file = match &mut self.file {
            Some(f) => f,
            None => self
                .file
                .insert(BufWriter::new(crate::render::temporary_file(self.lang)?)),
        };
        let bytes = serde_json::to_vec(row).map_err(io::Error::from)?;
        file.write_all(&bytes)?;
        let place = (self.written, bytes.len());
        self.written += bytes.len() as u64;
        // A run has far fewer than 2^32 plans.
        let arrival = u32::try_from(self.count).unwrap_or(u32::MAX);
        let head = self.interned.head(row, place, arrival);
        self.count += 1;
        *self
            .readings
            .entry((head.year, head.names.reads))
            .or_default() += 1;
        self.estate |= head.board.is_some() || head.stage.is_some();
        self.years.extend(head.year);
        self.heads.push(head);
        if self.heads.len() >= self.run {
            self.write_run()?;
        }
        Ok(())
    }

    /// Sorts the heads held and writes them away as a run.
    fn write_run(&mut self) -> io::Result<()> {
        self.heads.sort_unstable_by(Head::sorted);
        let runs = match &mut self.runs {
            Some(r) => r,
            None => self.runs.insert(runs::Writer::new(self.lang)?),
        };
        runs.run(&self.heads)?;
        self.heads.clear();
        // The run's names are in its file now; the next run looks its own up.
        self.interned = Interned::default();
        Ok(())
    }

    /// The rows' years, in no order.
    pub(super) fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.years.iter().copied()
    }

    /// The rows, sorted by year (newest first), nämnd, department and path.
    pub(super) fn finish(mut self) -> io::Result<Rows> {
        let file = match self.file.take() {
            Some(f) => Some(Arc::new(
                f.into_inner().map_err(io::IntoInnerError::into_error)?,
            )),
            None => None,
        };
        let heads = if self.runs.is_some() {
            if !self.heads.is_empty() {
                self.write_run()?;
            }
            let runs = self.runs.take().map(runs::Writer::finish).transpose()?;
            Heads::Written(runs.unwrap_or_default())
        } else {
            // Every key differs (the arrival last), so the unstable sort is the stable one.
            self.heads.sort_unstable_by(Head::sorted);
            Heads::Held(std::mem::take(&mut self.heads))
        };
        Ok(Rows {
            len: self.count,
            heads,
            file,
            readings: self.readings,
            estate: self.estate,
        })
    }
}

/// Where the sorted heads are.
#[derive(Debug, Clone)]
enum Heads {
    /// All of them in memory: a run that never filled.
    Held(Vec<Head>),
    /// In sorted runs in a temporary file.
    Written(runs::Runs),
}

/// The matrix's rows in their order: the heads in memory or in sorted runs, the rows in the
/// temporary file.
#[derive(Debug, Clone)]
pub struct Rows {
    len: usize,
    heads: Heads,
    file: Option<Arc<File>>,
    readings: HashMap<(Option<u16>, u64), u32>,
    estate: bool,
}

impl Rows {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether any row names a nämnd or a stage.
    pub fn any_estate(&self) -> bool {
        self.estate
    }

    /// The heads in the rows' order, each read (or merged) as it is reached.
    pub fn heads(&self) -> Box<dyn Iterator<Item = io::Result<Head>> + '_> {
        match &self.heads {
            Heads::Held(heads) => Box::new(heads.iter().cloned().map(Ok)),
            Heads::Written(runs) => Box::new(runs.merge()),
        }
    }

    /// The row of `head`, read back.
    pub fn row(&self, head: &Head) -> io::Result<Row> {
        let (at, len) = head.place;
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| io::Error::other("a row without its file"))?;
        let mut bytes = vec![0; len];
        runs::read_at(file, &mut bytes, at)?;
        serde_json::from_slice(&bytes).map_err(io::Error::from)
    }

    /// Every row in order with its head, each read back as it is reached.
    pub fn iter(&self) -> impl Iterator<Item = io::Result<(Head, Row)>> + '_ {
        self.heads().map(|head| {
            let head = head?;
            let row = self.row(&head)?;
            Ok((head, row))
        })
    }

    /// Whether another row of the same year as `head` has a department that reads the same
    /// (compared as a reader sees them: letter case, diacritics, runs of spaces and invisible
    /// or control characters make no difference). Such a row is named with its path beside its
    /// department wherever a format names a plan by its department alone, so two plans never
    /// look like one. Plans of one department in different years are told apart by their year.
    pub fn shares_department(&self, head: &Head) -> bool {
        self.readings
            .get(&(head.year, head.names.reads))
            .is_some_and(|n| *n > 1)
    }
}

/// As a list of rows, read back one at a time: the same JSON as `Vec<Row>`.
impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self.iter() {
            let (_, row) = item.map_err(S::Error::custom)?;
            seq.serialize_element(&row)?;
        }
        seq.end()
    }
}

/// The schema of `Vec<Row>`, which is what the rows are written as.
impl JsonSchema for Rows {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<Row>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Vec<Row>>::schema_id()
    }

    fn inline_schema() -> bool {
        <Vec<Row>>::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Row>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests;
