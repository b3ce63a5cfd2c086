//! The matrix's rows, kept out of memory: each row is written to a temporary file as its plan
//! comes ([`Spool`]), and only what ordering, grouping, the summary and the trend read of it
//! stays in memory ([`Head`]). A format reads a row back when it writes it, so a report of any
//! size holds a few hundred bytes per plan and one row at a time.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::{Cell, Row};

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
/// reader tells the department from another (see [`super::department_key`]).
#[derive(Debug)]
pub(super) struct Names {
    pub(super) order: (bool, String, String),
    pub(super) reads_as: String,
}

impl Head {
    /// The order of two heads within a year: by nämnd (none last), department, path.
    pub(super) fn order(&self, other: &Head) -> std::cmp::Ordering {
        (&self.names.order, &self.path).cmp(&(&other.names.order, &other.path))
    }

    /// The order of two heads: by [`super::year_order`], then [`Head::order`], then the order
    /// they came in.
    fn sorted(&self, other: &Head) -> std::cmp::Ordering {
        super::year_order(self.year, other.year)
            .then_with(|| self.order(other))
            .then(self.arrival.cmp(&other.arrival))
    }
}

/// A nämnd (if any) and a department.
type BoardAndDepartment = (Option<Arc<str>>, Arc<str>);

/// The names of a run's heads, each once.
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
                    reads_as: super::department_key(&row.department),
                })
            });
        Head {
            path: row.path.clone(),
            names: Arc::clone(names),
            department,
            board,
            year: row.year,
            stage: row.stage.as_deref().map(|s| self.string(s)),
            roster: row.roster.as_deref().map(|s| self.string(s)),
            not_judged: row.not_judged.is_some(),
            blocking: row.blocking,
            met: row
                .cells
                .iter()
                .map(|c| matches!(c, Cell::Covered | Cell::Waived { .. }))
                .collect(),
            place,
            arrival,
        }
    }
}

/// The rows as they are built: each written to the temporary file, its head kept.
pub(super) struct Spool {
    lang: crate::i18n::Lang,
    file: Option<BufWriter<File>>,
    written: u64,
    heads: Vec<Head>,
    interned: Interned,
}

impl Spool {
    pub(super) fn new(lang: crate::i18n::Lang) -> Spool {
        Spool {
            lang,
            file: None,
            written: 0,
            heads: Vec::new(),
            interned: Interned::default(),
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
        let arrival = u32::try_from(self.heads.len()).unwrap_or(u32::MAX);
        let head = self.interned.head(row, place, arrival);
        self.heads.push(head);
        Ok(())
    }

    /// The heads so far, in the order the rows came.
    pub(super) fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// The rows, sorted by year (newest first), nämnd, department and path, in place: no
    /// head is copied.
    pub(super) fn finish(mut self) -> io::Result<Rows> {
        let file = match self.file {
            Some(f) => Some(Arc::new(
                f.into_inner().map_err(io::IntoInnerError::into_error)?,
            )),
            None => None,
        };
        // Every key differs (the arrival last), so the unstable sort is the stable one, and
        // it needs no room of its own.
        self.heads.sort_unstable_by(Head::sorted);
        Ok(Rows {
            heads: self.heads,
            file,
        })
    }
}

/// The matrix's rows in their order: the heads in memory, the rows in the temporary file.
#[derive(Debug, Clone)]
pub struct Rows {
    heads: Vec<Head>,
    file: Option<Arc<File>>,
}

impl Rows {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The heads, in the rows' order.
    pub fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// Row `i`, read back.
    pub fn get(&self, i: usize) -> io::Result<Row> {
        let (at, len) = self.heads[i].place;
        let file = self
            .file
            .as_ref()
            .ok_or_else(|| io::Error::other("a row without its file"))?;
        let mut bytes = vec![0; len];
        read_at(file, &mut bytes, at)?;
        serde_json::from_slice(&bytes).map_err(io::Error::from)
    }

    /// Every row in order, each read back as it is reached.
    pub fn iter(&self) -> impl Iterator<Item = io::Result<Row>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        at += n as u64;
    }
    Ok(())
}

/// As a list of rows, read back one at a time: the same JSON as `Vec<Row>`.
impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for row in self.iter() {
            seq.serialize_element(&row.map_err(S::Error::custom)?)?;
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
