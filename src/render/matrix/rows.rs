//! The matrix's rows, kept out of memory: each row is written to a temporary file as its plan
//! comes ([`Spool`]), and only what ordering, grouping, the summary and the trend read of it
//! stays in memory ([`Head`]). A format reads a row back when it writes it, so a report of any
//! size holds a few hundred bytes per plan and one row at a time.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::{Cell, Row};

/// What the matrix reads of a row without reading the row: its place in the order, its
/// department and year, and its counts.
#[derive(Debug, Clone)]
pub struct Head {
    /// The plan's path.
    pub path: String,
    /// Its department.
    pub department: String,
    /// Its nämnd.
    pub board: Option<String>,
    /// Its year.
    pub year: Option<u16>,
    /// The stage it was judged at.
    pub stage: Option<String>,
    /// The roster's department it belongs to.
    pub roster: Option<String>,
    /// Whether it could not be judged.
    pub not_judged: bool,
    /// Blocking findings.
    pub blocking: usize,
    /// Per column, whether the rule is met (covered or waived).
    pub met: Vec<bool>,
}

impl Head {
    /// The head of `row`.
    fn of(row: &Row) -> Head {
        Head {
            path: row.path.clone(),
            department: row.department.clone(),
            board: row.board.clone(),
            year: row.year,
            stage: row.stage.clone(),
            roster: row.roster.clone(),
            not_judged: row.not_judged.is_some(),
            blocking: row.blocking,
            met: row
                .cells
                .iter()
                .map(|c| matches!(c, Cell::Covered | Cell::Waived { .. }))
                .collect(),
        }
    }
}

/// The rows as they are built: each written to the temporary file, its head kept.
pub(super) struct Spool {
    lang: crate::i18n::Lang,
    file: Option<BufWriter<File>>,
    written: u64,
    heads: Vec<Head>,
    places: Vec<(u64, usize)>,
}

impl Spool {
    pub(super) fn new(lang: crate::i18n::Lang) -> Spool {
        Spool {
            lang,
            file: None,
            written: 0,
            heads: Vec::new(),
            places: Vec::new(),
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
        self.places.push((self.written, bytes.len()));
        self.written += bytes.len() as u64;
        self.heads.push(Head::of(row));
        Ok(())
    }

    /// The heads so far, in the order the rows came.
    pub(super) fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// The rows, in the order `order` gives (indices into the order they came).
    pub(super) fn finish(self, order: &[usize]) -> io::Result<Rows> {
        let file = match self.file {
            Some(f) => Some(Arc::new(
                f.into_inner().map_err(io::IntoInnerError::into_error)?,
            )),
            None => None,
        };
        Ok(Rows {
            heads: order.iter().map(|&i| self.heads[i].clone()).collect(),
            places: order.iter().map(|&i| self.places[i]).collect(),
            file,
        })
    }
}

/// The matrix's rows in their order: the heads in memory, the rows in the temporary file.
#[derive(Debug, Clone)]
pub struct Rows {
    heads: Vec<Head>,
    places: Vec<(u64, usize)>,
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
        let (at, len) = self.places[i];
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
