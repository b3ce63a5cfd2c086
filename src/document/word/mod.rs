//! The Word (.docx, Office Open XML) and OpenDocument Text (.odt) reader: a plan as Word and
//! LibreOffice show it, read into the same model as a Markdown plan.
//!
//! A file is an untrusted zip archive of XML (see `archive` and `xml` for the budgets). Each
//! format's reader (`docx`, `odt`) turns its body into [`Paragraph`]s: the paragraphs a reader
//! of the document sees, in order, with what each is (title, heading of a level, body text in a
//! paragraph, list or table) and whether it looks like a heading without being one (wholly
//! bold, or notably larger). What Word hides from its reader never becomes a paragraph's
//! text: tracked deletions, hidden text, struck-out, white or tiny text, comments, headers and
//! footers, footnotes and endnotes, field codes, the table of contents, text boxes and shapes,
//! and images' alt text. The document's custom properties are its front matter.
//! A content control or placeholder field still showing its placeholder is kept as the text it
//! shows, in square brackets, which the rule packs read as a placeholder.
//!
//! The plan's text is then its paragraphs one per line: line N is paragraph N ("stycke N" in
//! messages), so every span, line number and quoted source line of the rest of planlint points
//! at a paragraph. [`Paragraph`]s are handed to the builder like the Markdown reader's blocks.

mod archive;
mod docx;
mod error;
mod odt;
mod xml;

#[cfg(test)]
mod tests;

use super::builder::{Acc, Builder};
use super::markdown::frontmatter::Field;
use super::{BlockKind, Cell, Document, FrontMatter, Shape};
use crate::matching::Patterns;

pub use error::WordError;

/// Which word processor's format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reader {
    /// Markdown text.
    #[default]
    Markdown,
    /// Office Open XML (.docx, .docm, .dotx), as Word writes it.
    Word,
    /// OpenDocument Text (.odt, .ott), as LibreOffice writes it.
    OpenDocument,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document's title (Word's Title style, "Rubrik" in Swedish Word).
    Title,
    /// A heading of this level (1 for Heading 1).
    Heading(u8),
    /// Body text.
    Body,
}

/// A paragraph as a reader of the document sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// What it is.
    pub role: Role,
    /// Where it stands: a paragraph, a list item or a table cell.
    pub shape: Shape,
    /// Its text on one line, placeholders in square brackets.
    pub text: String,
    /// Whether it is body text that looks like a heading: all of it bold, or notably larger
    /// than the body text.
    pub emphasized: bool,
    /// For a paragraph in a table cell, where the cell stands.
    pub cell: Option<Cell>,
}

/// Where the cells of a document's tables stand as it is read: each open table's number, the
/// rows begun in it and the column of the cell being read. The first row is the header row,
/// as it is in Markdown and as Word repeats it; a table of one row has no other (see
/// `checks::drafts`, which alone reads it).
#[derive(Debug, Default)]
pub(super) struct Grid {
    tables: u32,
    open: Vec<(u32, u32, u32)>,
}

impl Grid {
    /// A table begins.
    pub(super) fn table(&mut self) {
        self.tables = self.tables.saturating_add(1);
        self.open.push((self.tables, 0, 0));
    }

    /// The innermost table ends.
    pub(super) fn end_table(&mut self) {
        self.open.pop();
    }

    /// A row of the innermost table begins.
    pub(super) fn row(&mut self) {
        if let Some((_, rows, column)) = self.open.last_mut() {
            *rows = rows.saturating_add(1);
            *column = 0;
        }
    }

    /// A cell of the innermost table ends: the next is one column on.
    pub(super) fn end_cell(&mut self) {
        if let Some((_, _, column)) = self.open.last_mut() {
            *column = column.saturating_add(1);
        }
    }

    /// Where the cell being read stands, if one is.
    pub(super) fn cell(&self) -> Option<Cell> {
        self.open.last().map(|&(table, rows, column)| Cell {
            table,
            column,
            header: rows <= 1,
        })
    }
}

/// The budget of inflated XML per document: the plan cap.
const BUDGET: u64 = 64_000_000;

/// A Word or OpenDocument plan as read: its paragraphs, and its custom document properties
/// (File > Properties > Custom: `förvaltning`, `år`, `ansvarig`), which are its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordPlan {
    /// The paragraphs a reader sees, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Custom properties: name and value, in the document's order.
    pub properties: Vec<(String, String)>,
}

/// The paragraphs of a Word or OpenDocument file.
pub fn paragraphs(bytes: &[u8], reader: Reader) -> Result<Vec<Paragraph>, WordError> {
    read(bytes, reader).map(|plan| plan.paragraphs)
}

/// The paragraphs and custom properties of a Word or OpenDocument file.
pub(super) fn read(bytes: &[u8], reader: Reader) -> Result<WordPlan, WordError> {
    if is_encrypted_office(bytes) {
        return Err(WordError::Encrypted);
    }
    if !bytes.starts_with(b"PK") {
        return Err(WordError::NotAnArchive(reader));
    }
    let mut archive = archive::Archive::open(bytes, BUDGET)?;
    let (paragraphs, part) = match reader {
        Reader::OpenDocument => (odt::read(&mut archive)?, "meta.xml"),
        _ => (docx::read(&mut archive)?, "docProps/custom.xml"),
    };
    let properties = match archive.text(part)? {
        Some(xml) => properties(&xml, part)?,
        None => Vec::new(),
    };
    Ok(WordPlan {
        paragraphs,
        properties,
    })
}

/// The most custom properties read; a document rarely has more than a few.
const MAX_PROPERTIES: usize = 100;

/// Custom properties: Word's `<property name="…"><vt:lpwstr>…</vt:lpwstr></property>` and
/// OpenDocument's `<meta:user-defined meta:name="…">…</meta:user-defined>`.
fn properties(xml: &str, part: &'static str) -> Result<Vec<(String, String)>, WordError> {
    let mut events = xml::Events::new(xml, part);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open: Option<usize> = None;
    while let Some(event) = events.next()? {
        match event {
            xml::Xml::Open(e, empty) => {
                let name = e.name();
                let local = xml::local(name.as_ref());
                if matches!(local, b"property" | b"user-defined") && out.len() < MAX_PROPERTIES {
                    if let Some(key) = xml::attr(&e, b"name") {
                        out.push((key, String::new()));
                        open = (!empty).then(|| events.depth());
                    }
                }
            }
            xml::Xml::Close => {
                if open.is_some_and(|d| events.depth() < d) {
                    open = None;
                }
            }
            xml::Xml::Text(text) => {
                if let (Some(_), Some((_, value))) = (open, out.last_mut()) {
                    if value.len() < 1000 {
                        value.push_str(&text);
                    }
                }
            }
        }
    }
    for (_, value) in &mut out {
        *value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(out)
}

/// Whether `bytes` are a password-protected Office document: Word keeps the encrypted package
/// in an OLE compound file with a stream named `EncryptedPackage`.
fn is_encrypted_office(bytes: &[u8]) -> bool {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(OLE) && memchr::memmem::find(bytes, &name).is_some()
}

/// Which format the file named `name` with these first bytes is in, if it is one this reader
/// reads: by the bytes for a zip archive, else by the name.
pub fn reader_for(bytes: &[u8], name: &str) -> Option<Reader> {
    let extension = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let by_name = match extension.as_deref() {
        Some("docx" | "docm" | "dotx" | "dotm") => Some(Reader::Word),
        Some("odt" | "ott") => Some(Reader::OpenDocument),
        _ => None,
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(8192)];
        let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
        if has(b"opendocument.text") || has(b"opendocument.text-template") {
            return Some(Reader::OpenDocument);
        }
        if has(b"word/") || has(b"[Content_Types].xml") {
            return Some(Reader::Word);
        }
    }
    by_name
}

/// The plan's text: its paragraphs, one per line.
pub fn text_of(paragraphs: &[Paragraph]) -> String {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 1).sum());
    for p in paragraphs {
        text.push_str(&p.text);
        text.push('\n');
    }
    text
}

/// Builds the document from `paragraphs`, whose text ([`text_of`]) is `text`.
pub(super) fn build(
    paragraphs: &[Paragraph],
    properties: &[(String, String)],
    text: &str,
    reader: Reader,
    patterns: &Patterns,
) -> Document {
    // The properties stand where front matter would: at the start of the first paragraph.
    let front_matter = (!properties.is_empty()).then(|| FrontMatter {
        span: 0..0,
        fields: properties
            .iter()
            .map(|(key, value)| Field {
                key: key.clone(),
                value: value.clone(),
                span: 0..0,
            })
            .collect(),
        error: None,
    });
    let mut b = Builder::new(text, front_matter, 0, patterns);
    b.reader(reader);
    let mut at = 0;
    for p in paragraphs {
        let span = at..at + p.text.len();
        at = span.end + 1;
        let mut acc = Acc::default();
        acc.push(&p.text, span.clone(), true);
        match p.role {
            Role::Title => b.open_section(1, span, &acc),
            Role::Heading(level) => b.open_section(level.clamp(1, 6), span, &acc),
            Role::Body => {
                b.block = acc;
                b.block.plain = !p.emphasized;
                b.cell = p.cell;
                b.flush(BlockKind::Prose, p.shape);
            }
        }
    }
    b.finish()
}

/// Collects a paragraph's runs: its text, and whether all of it (not counting spaces) is bold
/// and whether all of it is large.
#[derive(Default)]
struct Runs {
    text: String,
    /// Text outside any placeholder, then a placeholder's text being collected.
    placeholder: Option<String>,
    any: bool,
    all_bold: bool,
    all_large: bool,
}

impl Runs {
    fn new() -> Self {
        Runs {
            all_bold: true,
            all_large: true,
            ..Runs::default()
        }
    }

    /// Adds `piece`, shown bold or large as said, inside a placeholder or not.
    fn push(&mut self, piece: &str, bold: bool, large: bool, placeholder: bool) {
        if placeholder != self.placeholder.is_some() {
            self.end_placeholder();
            if placeholder {
                self.placeholder = Some(String::new());
            }
        }
        let to = self.placeholder.as_mut().unwrap_or(&mut self.text);
        for c in piece.chars() {
            // One line per paragraph: a line break, tab or control character is a space.
            to.push(if c.is_control() { ' ' } else { c });
        }
        if !piece.trim().is_empty() {
            self.any = true;
            self.all_bold &= bold;
            self.all_large &= large;
        }
    }

    /// A space between words (a tab, a line break).
    fn space(&mut self) {
        let to = self.placeholder.as_mut().unwrap_or(&mut self.text);
        to.push(' ');
    }

    fn end_placeholder(&mut self) {
        if let Some(shown) = self.placeholder.take() {
            let shown = shown.trim();
            if !shown.is_empty() {
                self.text.push('[');
                self.text.push_str(&shown.replace(['[', ']'], ""));
                self.text.push(']');
            }
        }
    }

    /// The paragraph, when it shows any text.
    fn finish(mut self, role: Role, shape: Shape) -> Option<Paragraph> {
        self.end_placeholder();
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return None;
        }
        let emphasized = role == Role::Body && self.any && (self.all_bold || self.all_large);
        Some(Paragraph {
            role,
            shape,
            text,
            emphasized,
            cell: None,
        })
    }
}
