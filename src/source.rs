//! Source text: a file's display path and text, and byte ↔ line/column mapping.
//!
//! A path becomes text in one place, [`shown_path`], so every format names a file alike and
//! two files never look the same.
//!
//! Spans stay byte ranges everywhere else; lines and columns are computed here, and only when
//! rendering: columns in characters for people, in UTF-16 code units for the language server
//! (the unit the Language Server Protocol counts in). A [`SourceFile`] implements codespan-reporting's `Files`, so the human renderer
//! can use it as is. Nothing here reads files or knows about Markdown.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::files::{Error as FilesError, Files};

use crate::i18n::Lang;

/// A file's number in its run, in discovery order (the run assigns it, once).
pub type FileId = usize;

/// One file's text as planlint saw it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should read it (relative paths stay relative).
    pub path: String,
    /// The text; for a file that was not valid UTF-8 this is the lossy decoding.
    pub text: String,
    /// For a plan: the department from its front matter (`förvaltning`), else its title.
    pub department: Option<String>,
    /// For a plan: what the board's report groups and sorts it by (nämnd, year, stage).
    pub facts: PlanFacts,
    /// The file's own path, when `path` does not spell it as it is (see [`shown_path`]).
    file_path: Option<PathBuf>,
    /// For a document whose text is one paragraph per line (a Word or OpenDocument plan): the
    /// start of each heading's line and the heading, in order. A place in it is a paragraph
    /// ("stycke 14"), not a line.
    headings: Option<Vec<(usize, String)>>,
    line_starts: Vec<usize>,
    /// Characters before every [`CHECKPOINT`]th byte, built on the first column asked for on a
    /// long line, so a column costs at most [`CHECKPOINT`] bytes of counting however long the
    /// line is and in whatever order columns are asked for.
    checkpoints: OnceLock<Vec<usize>>,
    /// The same for UTF-16 code units, built on the first UTF-16 column asked for on a long
    /// line.
    utf16_checkpoints: OnceLock<Vec<usize>>,
}

/// What a plan says about its place in the estate, as the verdict read it: plain data for the
/// outputs, which never look at the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanFacts {
    /// The nämnd: front matter `nämnd`, else the roster's entry for the department.
    pub board: Option<String>,
    /// The year the plan is for, and where it was read.
    pub year: Option<(u16, YearFrom)>,
    /// The plan's `status` as written, if it has one.
    pub status: Option<String>,
    /// The stage the plan was judged at (`None`: none, so the packs' own severities).
    pub stage: Option<String>,
    /// Whether that stage came from `--stage` rather than the plan's `status`.
    pub stage_from_flag: bool,
    /// The roster's department the plan belongs to, if the config has a roster and one matches.
    pub roster: Option<String>,
    /// The roster department whose `paths` name the place the plan lies in (an index into the
    /// roster; of several, the one the plan names), which the roster's judgement counts it for.
    pub place: Option<usize>,
}

/// Where a plan's year was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearFrom {
    /// The front matter's `år`.
    FrontMatter,
    /// A folder of the plan's path (`planer/2027/…`).
    Folder,
    /// The plan's file name (`soc-2027.md`).
    FileName,
}

impl YearFrom {
    /// Its name in data formats: `front-matter`, `folder` or `file-name`.
    pub fn name(self) -> &'static str {
        match self {
            YearFrom::FrontMatter => "front-matter",
            YearFrom::Folder => "folder",
            YearFrom::FileName => "file-name",
        }
    }

    /// Where, in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            YearFrom::FrontMatter => lang.pick("`år` i planen", "`år` in the plan"),
            YearFrom::Folder => lang.pick("katalogens namn", "the folder's name"),
            YearFrom::FileName => lang.pick("filens namn", "the file's name"),
        }
    }
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
            facts: PlanFacts::default(),
            file_path: None,
            headings: None,
            line_starts,
            checkpoints: OnceLock::new(),
            utf16_checkpoints: OnceLock::new(),
        }
    }

    /// Indexes `text` of the file at `path`, shown as [`shown_path`] shows it.
    pub fn from_path(path: &Path, text: String) -> Self {
        let shown = shown_path(path);
        let spelled = path.to_str() == Some(shown.as_str());
        let mut file = SourceFile::new(shown, text);
        if !spelled {
            file.file_path = Some(path.to_path_buf());
        }
        file
    }

    /// Says that the text is one paragraph per line, with these headings (the start of each
    /// heading's line, and its title), so places are named by paragraph.
    pub fn by_paragraph(&mut self, headings: Vec<(usize, String)>) {
        self.headings = Some(headings);
    }

    /// Whether places in the text are paragraphs (a Word or OpenDocument plan), not lines.
    pub fn is_by_paragraph(&self) -> bool {
        self.headings.is_some()
    }

    /// Where byte `byte` is, as a planner finds it: `path:line:column`, or for a text by
    /// paragraph `path: stycke 14 (under ”Bostäder”)`.
    pub fn place(&self, byte: usize, lang: Lang) -> String {
        let (line, column) = self.line_col(byte);
        if !self.is_by_paragraph() {
            return format!("{}:{line}:{column}", self.path);
        }
        let word = lang.pick("stycke", "paragraph");
        // The heading the paragraph stands under, unless it is that heading.
        let under = self.headings.as_ref().and_then(|headings| {
            let after = headings.partition_point(|(at, _)| *at <= byte);
            let (at, heading) = &headings[after.checked_sub(1)?];
            (self.line_index(*at) + 1 != line && !heading.is_empty()).then_some(heading)
        });
        match under {
            Some(heading) => {
                let (open, close) = lang.pick2(("”", "”"), ("“", "”"));
                format!(
                    "{}: {word} {line} (under {open}{heading}{close})",
                    self.path
                )
            }
            None => format!("{}: {word} {line}", self.path),
        }
    }

    /// A copy with another path and text of the same length (for display).
    #[must_use]
    pub fn shown_as(&self, path: String, text: String) -> SourceFile {
        let mut shown = SourceFile::new(path, text);
        shown.department.clone_from(&self.department);
        shown.facts.clone_from(&self.facts);
        shown.headings.clone_from(&self.headings);
        shown
    }

    /// The file's own path, when [`SourceFile::path`] escapes part of it (a name that is not
    /// UTF-8, or holds a backslash).
    pub fn file_path(&self) -> Option<&Path> {
        self.file_path.as_deref()
    }

    /// The path per-path settings (`[[override]]`, `[[waiver]]`) are matched against: the
    /// file's own path, which `include` and `exclude` saw too; for a plan given as text (stdin,
    /// an editor's buffer), the name it was given.
    pub fn matched_path(&self) -> &Path {
        self.file_path().unwrap_or_else(|| Path::new(&self.path))
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

    /// 0-based line and 0-based column in UTF-16 code units of a byte offset, as the Language
    /// Server Protocol counts positions (offsets past the end map to the end; an offset inside
    /// a character to that character's start).
    pub fn utf16_position(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = if byte - start <= CHECKPOINT {
            utf16_units_in(&self.text.as_bytes()[start..byte])
        } else {
            self.utf16_before(byte) - self.utf16_before(start)
        };
        (line, column)
    }

    /// UTF-16 code units in the text before byte `byte`, from the nearest checkpoint.
    fn utf16_before(&self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let checkpoints = self.utf16_checkpoints.get_or_init(|| {
            let mut seen = 0;
            std::iter::once(0)
                .chain(bytes.chunks(CHECKPOINT).map(|chunk| {
                    seen += utf16_units_in(chunk);
                    seen
                }))
                .collect()
        });
        let at = byte / CHECKPOINT;
        checkpoints[at] + utf16_units_in(&bytes[at * CHECKPOINT..byte])
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

/// `path` as planlint shows it in every format: as it is when it is UTF-8 and holds no
/// backslash; else each byte that is not UTF-8 as `\xFF` (its value in hex) and each backslash
/// as `\\`, so files named with the bytes `\xff`, `\xfe`, the character U+FFFD and the text
/// `\xFF` are four different names. (On Windows, where names are UTF-16 and a backslash is a
/// separator, a lone surrogate is shown as `\u{D800}`.)
#[cfg(unix)]
pub fn shown_path(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt as _;
    let bytes = path.as_os_str().as_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\\') {
            return text.to_owned();
        }
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// `path` as planlint shows it in every format (see the Unix version): a lone surrogate of a
/// UTF-16 name as `\u{D800}`.
#[cfg(windows)]
pub fn shown_path(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::windows::ffi::OsStrExt as _;
    if let Some(text) = path.to_str() {
        return text.to_owned();
    }
    let mut out = String::new();
    for unit in char::decode_utf16(path.as_os_str().encode_wide()) {
        match unit {
            Ok(c) => out.push(c),
            Err(e) => {
                let _ = write!(out, "\\u{{{:X}}}", e.unpaired_surrogate());
            }
        }
    }
    out
}

/// `path` as planlint shows it, where the system's names are neither bytes nor UTF-16.
#[cfg(not(any(unix, windows)))]
pub fn shown_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Characters in UTF-8 `bytes`, which may start or end inside a character: the bytes that are
/// not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// UTF-16 code units in UTF-8 `bytes`, which may start or end inside a character: each
/// character is counted at its first byte, two units for one of four bytes (outside the Basic
/// Multilingual Plane, e.g. an emoji), one for the others.
fn utf16_units_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

/// The byte offset in `text` of 0-based `line` and 0-based `column` in UTF-16 code units, as
/// the Language Server Protocol gives positions. A line past the end is the end of the text; a
/// column past the end of its line is the end of the line (before its line ending), as the
/// protocol asks; a column inside a character (half of a surrogate pair) is that character's
/// start. Costs a scan of the text up to the line and of the line itself.
pub fn utf16_offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line == 0 {
        0
    } else {
        match memchr_lines(text).nth(line - 1) {
            Some(start) => start,
            None => return text.len(),
        }
    };
    let rest = &text[start..];
    let content = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let mut units = 0;
    for (at, c) in rest[..content].char_indices() {
        let next = units + c.len_utf16();
        if next > column {
            return start + at;
        }
        units = next;
    }
    start + content
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

#[cfg(test)]
mod tests {
    use super::{utf16_offset, SourceFile};

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_a_replacement_character_and_a_backslash_look_different() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt as _;
        use std::path::Path;
        let shown = |bytes: &[u8]| super::shown_path(Path::new(OsStr::from_bytes(bytes)));
        assert_eq!(shown(b"planer/\xff.md"), "planer/\\xFF.md");
        assert_eq!(shown(b"planer/\xfe.md"), "planer/\\xFE.md");
        assert_eq!(shown("planer/\u{fffd}.md".as_bytes()), "planer/\u{fffd}.md");
        assert_eq!(shown(b"planer/\\xFF.md"), "planer/\\\\xFF.md");
        assert_eq!(shown(b"planer/\xc3\xa5\xe5.md"), "planer/å\\xE5.md");
        assert_eq!(shown(b"planer/a.md"), "planer/a.md");
        // A file shown with an escape keeps its own path for matching; one shown as it is
        // needs none.
        let odd = Path::new(OsStr::from_bytes(b"\xff.md"));
        let file = SourceFile::from_path(odd, String::new());
        assert_eq!(file.path, "\\xFF.md");
        assert_eq!(file.matched_path(), odd);
        let plain = SourceFile::from_path(Path::new("a.md"), String::new());
        assert!(plain.file_path().is_none());
        assert_eq!(plain.matched_path(), Path::new("a.md"));
    }

    #[test]
    fn utf16_columns_count_emoji_twice_and_swedish_letters_once() {
        let text = "# Plan\n## Bostäder 🏠 och mer\r\nslut".to_owned();
        let file = SourceFile::new("p.md", text.clone());
        let after_emoji = text.find(" och").unwrap();
        // `## Bostäder ` is 12 units, the emoji 2 more.
        assert_eq!(file.utf16_position(after_emoji), (1, 14));
        assert_eq!(utf16_offset(&text, 1, 14), after_emoji);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(utf16_offset(&text, 1, 13), text.find('🏠').unwrap());
        // Past the line's end: before its CRLF.
        assert_eq!(utf16_offset(&text, 1, 99), text.find("\r\n").unwrap());
        assert_eq!(utf16_offset(&text, 2, 0), text.find("slut").unwrap());
        assert_eq!(utf16_offset(&text, 9, 0), text.len());
    }

    #[test]
    fn utf16_columns_on_long_lines_match_a_plain_count() {
        // Long enough for checkpoints; NFD `a` + combining ring, and astral letters.
        let line: String = "bosta\u{30a}der 𝔅 ".repeat(200);
        let text = format!("intro\n{line}\n");
        let file = SourceFile::new("p.md", text.clone());
        let start = text.find('\n').unwrap() + 1;
        for (at, _) in line.char_indices().step_by(37) {
            let expected = line[..at].encode_utf16().count();
            assert_eq!(file.utf16_position(start + at), (1, expected));
            assert_eq!(utf16_offset(&text, 1, expected), start + at);
        }
    }
}
