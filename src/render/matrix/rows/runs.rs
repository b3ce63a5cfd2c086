//! Sorted runs of heads in a temporary file, and their merge: how the matrix orders any number
//! of plans while holding one run. A head is written as a few numbers, its names and its path;
//! each run is read back through its own small buffer, and the merge keeps one head per run.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::Arc;

use super::{Head, Names};
use crate::i18n::Lang;

/// The file the runs are being written to.
pub(super) struct Writer {
    lang: Lang,
    file: BufWriter<File>,
    written: u64,
    spans: Vec<Span>,
    record: Vec<u8>,
}

/// Where a run is in the file, and how many heads it holds: a run that ends before its last
/// head is an error, never a shorter report.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u64,
    end: u64,
    heads: usize,
}

impl Writer {
    pub(super) fn new(lang: crate::i18n::Lang) -> io::Result<Writer> {
        Ok(Writer {
            lang,
            file: BufWriter::new(crate::render::temporary_file(lang)?),
            written: 0,
            spans: Vec::new(),
            record: Vec::new(),
        })
    }

    /// Writes `heads`, which are sorted, as one run.
    pub(super) fn run(&mut self, heads: &[Head]) -> io::Result<()> {
        let start = self.written;
        for head in heads {
            self.record.clear();
            encode(head, &mut self.record);
            let len = u32::try_from(self.record.len()).map_err(|_| {
                io::Error::other(self.lang.pick(
                    "en plans sökväg och namn är längre än 4 GB",
                    "a plan's path and names are longer than 4 GB",
                ))
            })?;
            self.file.write_all(&len.to_le_bytes())?;
            self.file.write_all(&self.record)?;
            self.written += 4 + u64::from(len);
        }
        self.spans.push(Span {
            start,
            end: self.written,
            heads: heads.len(),
        });
        Ok(())
    }

    pub(super) fn finish(self) -> io::Result<Runs> {
        let file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        Ok(Runs {
            lang: self.lang,
            file: Some(Arc::new(file)),
            spans: self.spans,
        })
    }
}

/// The runs written: where each starts and ends in the file.
#[derive(Debug, Clone, Default)]
pub(super) struct Runs {
    lang: Lang,
    file: Option<Arc<File>>,
    spans: Vec<Span>,
}

impl Runs {
    /// The heads of every run, merged into the matrix's order.
    pub(super) fn merge(&self) -> Merge<'_> {
        let mut readers: Vec<Run<'_>> = match &self.file {
            Some(file) => self
                .spans
                .iter()
                .map(|&span| Run {
                    bytes: BufReader::with_capacity(
                        1 << 13,
                        At {
                            file,
                            from: span.start,
                            end: span.end,
                        },
                    ),
                    left: span.heads,
                    lang: self.lang,
                    longest: span.end - span.start,
                    record: Vec::new(),
                })
                .collect(),
            None => Vec::new(),
        };
        let mut next = BinaryHeap::with_capacity(readers.len());
        let mut failed = None;
        for (run, reader) in readers.iter_mut().enumerate() {
            match reader.next() {
                Some(Ok(head)) => next.push(Next { head, run }),
                Some(Err(e)) => failed = failed.or(Some(e)),
                None => {}
            }
        }
        Merge {
            readers,
            next,
            failed,
        }
    }
}

#[cfg(test)]
impl Runs {
    /// Cuts the file to `len` bytes, as something outside planlint might.
    pub(super) fn cut(&self, len: impl Fn(u64) -> u64) {
        let file = self.file.as_ref().expect("runs were written");
        let now = file.metadata().expect("the file is there").len();
        file.set_len(len(now)).expect("the file can be cut");
    }
}

/// The merge of the runs: the smallest head of each run not yet given, smallest first.
pub(super) struct Merge<'a> {
    readers: Vec<Run<'a>>,
    next: BinaryHeap<Next>,
    failed: Option<io::Error>,
}

impl Iterator for Merge<'_> {
    type Item = io::Result<Head>;

    fn next(&mut self) -> Option<io::Result<Head>> {
        if let Some(e) = self.failed.take() {
            self.next.clear();
            return Some(Err(e));
        }
        let Next { head, run } = self.next.pop()?;
        match self.readers[run].next() {
            Some(Ok(after)) => self.next.push(Next { head: after, run }),
            Some(Err(e)) => self.failed = Some(e),
            None => {}
        }
        Some(Ok(head))
    }
}

/// A run's next head, ordered so that the heap's greatest is the matrix's first.
struct Next {
    head: Head,
    run: usize,
}

impl Ord for Next {
    fn cmp(&self, other: &Next) -> Ordering {
        other.head.sorted(&self.head)
    }
}

impl PartialOrd for Next {
    fn partial_cmp(&self, other: &Next) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Next {
    fn eq(&self, other: &Next) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Next {}

/// One run, read head by head.
struct Run<'a> {
    bytes: BufReader<At<'a>>,
    /// The heads not yet read.
    left: usize,
    /// The run's length in bytes, which no record of it exceeds.
    longest: u64,
    lang: Lang,
    record: Vec<u8>,
}

/// What a run that does not read back as it was written is.
fn changed(lang: Lang) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        lang.pick(
            "rapportens tillfälliga fil med planerna ändrades medan rapporten skrevs; kör kommandot igen",
            "the report's temporary file of plans was changed while the report was written; run the command again",
        ),
    )
}

impl Iterator for Run<'_> {
    type Item = io::Result<Head>;

    fn next(&mut self) -> Option<io::Result<Head>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.read())
    }
}

impl Run<'_> {
    /// The next head, which must be there: the run holds `left` more.
    fn read(&mut self) -> io::Result<Head> {
        let lang = self.lang;
        let eof = |e: io::Error| match e.kind() {
            io::ErrorKind::UnexpectedEof => changed(lang),
            _ => e,
        };
        let mut len = [0; 4];
        self.bytes.read_exact(&mut len).map_err(eof)?;
        let len = u32::from_le_bytes(len);
        if u64::from(len) > self.longest {
            return Err(changed(lang));
        }
        self.record.resize(len as usize, 0);
        self.bytes.read_exact(&mut self.record).map_err(eof)?;
        decode(&self.record).ok_or_else(|| changed(lang))
    }
}

/// The bytes from `at` to `end` of a file, read where they are (the file is shared).
struct At<'a> {
    file: &'a File,
    from: u64,
    end: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = usize::try_from(self.end.saturating_sub(self.from)).unwrap_or(usize::MAX);
        let n = buf.len().min(left);
        if n == 0 {
            return Ok(0);
        }
        read_at(self.file, &mut buf[..n], self.from)?;
        self.from += n as u64;
        Ok(n)
    }
}

/// Reads exactly `buf.len()` bytes of `file` from `at`.
#[cfg(unix)]
pub(super) fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

/// Reads exactly `buf.len()` bytes of `file` from `at`.
#[cfg(windows)]
pub(super) fn read_at(file: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
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

/// A head as bytes: the arrival, the row's place, the blocking count, the year and four flags,
/// the met cells as bits, the names (each as its length and bytes; the optional ones only when
/// there), how the names sort and read, and the path.
fn encode(head: &Head, out: &mut Vec<u8>) {
    out.extend_from_slice(&head.arrival.to_le_bytes());
    out.extend_from_slice(&head.place.0.to_le_bytes());
    out.extend_from_slice(&(head.place.1 as u64).to_le_bytes());
    out.extend_from_slice(&(head.blocking as u64).to_le_bytes());
    out.extend_from_slice(&head.year.unwrap_or(0).to_le_bytes());
    let names = &head.names;
    out.push(
        u8::from(head.year.is_some())
            | u8::from(head.not_judged) << 1
            | u8::from(head.clean) << 2
            | u8::from(names.order.0) << 3,
    );
    out.extend_from_slice(&(head.met.len() as u64).to_le_bytes());
    for bits in head.met.chunks(8) {
        out.push(
            bits.iter()
                .enumerate()
                .fold(0, |b, (i, &m)| b | u8::from(m) << i),
        );
    }
    out.extend_from_slice(&names.reads.to_le_bytes());
    let text = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    let optional = |out: &mut Vec<u8>, s: Option<&str>| {
        out.push(u8::from(s.is_some()));
        if let Some(s) = s {
            text(out, s);
        }
    };
    text(out, &head.department);
    optional(out, head.board.as_deref());
    optional(out, head.stage.as_deref());
    optional(out, head.roster.as_deref());
    text(out, &names.order.1);
    text(out, &names.order.2);
    out.extend_from_slice(head.path.as_bytes());
}

/// The head `encode` wrote, or `None` when the bytes are not one.
fn decode(bytes: &[u8]) -> Option<Head> {
    let mut r = Reader(bytes);
    let arrival = u32::from_le_bytes(r.take()?);
    let place = (
        u64::from_le_bytes(r.take()?),
        usize::try_from(u64::from_le_bytes(r.take()?)).ok()?,
    );
    let blocking = usize::try_from(u64::from_le_bytes(r.take()?)).ok()?;
    let year = u16::from_le_bytes(r.take()?);
    let [flags] = r.take()?;
    let columns = usize::try_from(u64::from_le_bytes(r.take()?)).ok()?;
    let bits = r.bytes(columns.div_ceil(8))?;
    let met = (0..columns)
        .map(|i| bits[i / 8] >> (i % 8) & 1 == 1)
        .collect();
    let reads = u64::from_le_bytes(r.take()?);
    let department = r.text()?;
    let board = r.optional().ok()?;
    let stage = r.optional().ok()?;
    let roster = r.optional().ok()?;
    let order = (flags & 8 == 8, r.text()?.to_string(), r.text()?.to_string());
    let path = std::str::from_utf8(r.0).ok()?.to_owned();
    Some(Head {
        path,
        department,
        board,
        year: (flags & 1 == 1).then_some(year),
        stage,
        roster,
        not_judged: flags & 2 == 2,
        clean: flags & 4 == 4,
        blocking,
        met,
        names: Arc::new(Names { order, reads }),
        place,
        arrival,
    })
}

/// The bytes of a record not yet read.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    /// A text written as its length and its bytes.
    fn text(&mut self) -> Option<Arc<str>> {
        let len = usize::try_from(u64::from_le_bytes(self.take()?)).ok()?;
        std::str::from_utf8(self.bytes(len)?).ok().map(Arc::from)
    }

    /// A text that may not be there: a flag, then the text if it is (`Err`: not written so).
    fn optional(&mut self) -> Result<Option<Arc<str>>, ()> {
        let [there] = self.take().ok_or(())?;
        match there {
            0 => Ok(None),
            1 => self.text().map(Some).ok_or(()),
            _ => Err(()),
        }
    }
}
