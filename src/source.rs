//! Source text: a file's display path and text, and byte ↔ line/column mapping.
//!
//! Spans stay byte ranges everywhere else; lines and columns are computed here, and only when
//! rendering. A [`SourceFile`] implements codespan-reporting's `Files`, so the human renderer
//! can use it as is. Nothing here reads files or knows about Markdown.

use std::ops::Range;
use std::sync::OnceLock;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::diagnostic::FileId;

/// One file's text as planlint saw it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should read it (relative paths stay relative).
    pub path: String,
    /// The text; for a file that was not valid UTF-8 this is the lossy decoding.
    pub text: String,
    /// For a plan: the department from its front matter (`förvaltning`), else its title.
    pub department: Option<String>,
    line_starts: Vec<usize>,
    /// Characters before every [`CHECKPOINT`]th byte, built on the first column asked for on a
    /// long line, so a column costs at most [`CHECKPOINT`] bytes of counting however long the
    /// line is and in whatever order columns are asked for.
    checkpoints: OnceLock<Vec<usize>>,
}

/// Bytes between two column checkpoints; a column on a line no longer than this is counted
/// from the line's start.
const CHECKPOINT: usize = 256;

impl SourceFile {
    /// Indexes `text` by line.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0).chain(memchr_lines(&text)).collect();
        SourceFile {
            path: path.into(),
            text,
            department: None,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// 0-based line index of a byte offset (offsets past the end map to the last line).
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = if byte - start <= CHECKPOINT {
            chars_in(&self.text.as_bytes()[start..byte])
        } else {
            self.chars_before(byte) - self.chars_before(start)
        } + 1;
        (line + 1, column)
    }

    /// Characters in the text before byte `byte`, from the nearest checkpoint at or below it.
    fn chars_before(&self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut seen = 0;
            std::iter::once(0)
                .chain(bytes.chunks(CHECKPOINT).map(|chunk| {
                    seen += chars_in(chunk);
                    seen
                }))
                .collect()
        });
        let at = byte / CHECKPOINT;
        checkpoints[at] + chars_in(&bytes[at * CHECKPOINT..byte])
    }

    /// The largest character boundary at or below `byte`.
    fn floor_char_boundary(&self, mut byte: usize) -> usize {
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }

    /// Byte range of 0-based line `line`, its line ending included.
    pub fn line_range_of(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(start..end)
    }
}

/// Characters in UTF-8 `bytes`, which may start or end inside a character: the bytes that are
/// not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Byte offsets where lines start: after `\n`, and after a lone `\r` (old Mac line endings),
/// as CommonMark counts them.
fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(move |i| {
        let ends_line = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
        ends_line.then_some(i + 1)
    })
}

/// The 1-based line of byte `byte` of `text`, counting `\n` only: for TOML files (packs and
/// configs), where a lone CR is not a line ending.
pub fn line_of(text: &str, byte: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..byte.min(text.len())]).count() + 1
}

/// One file is a file database for codespan-reporting: every diagnostic rendered against it
/// points into it, whatever its file id.
impl<'a> Files<'a> for SourceFile {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: FileId) -> Result<&'a str, FilesError> {
        Ok(self.path.as_str())
    }

    fn source(&'a self, _: FileId) -> Result<&'a str, FilesError> {
        Ok(self.text.as_str())
    }

    fn line_index(&'a self, _: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(SourceFile::line_index(self, byte_index))
    }

    fn line_range(&'a self, _: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        self.line_range_of(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            })
    }
}
