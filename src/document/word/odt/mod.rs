//! OpenDocument Text (ODF 1.2/1.3) as LibreOffice writes it: the styles of `styles.xml` and
//! `content.xml`, then `content.xml`'s body, paragraph by paragraph.
//!
//! A heading is a `text:h` (of its `text:outline-level`, 1 when unset) or a paragraph whose
//! style, or one it inherits from, sets a default outline level; the Title style is the plan's
//! title. Numbering the program adds (`text:number`) is not in the text. Left out: tracked
//! changes (`text:tracked-changes` holds what was deleted), comments (`office:annotation`),
//! footnotes and endnotes (`text:note`), the table of contents and other generated indexes,
//! frames (text boxes, shapes, images and their descriptions), hidden text and hidden
//! paragraphs and sections, and text in a style that is not displayed, is white with nothing
//! behind it, or is at most 2 points high. A placeholder field
//! (`text:placeholder`) is kept in square brackets. Headers and footers live in `styles.xml`'s
//! master pages and are never read as text.
mod styles;

use quick_xml::events::BytesStart;

use super::archive::Archive;
use super::xml::{attr, local, Events, Xml};
use super::{Grid, Paragraph, Role, Runs, WordError};
use crate::document::Shape;
use styles::{key, Styles};

/// Reads the body of the document in `archive`.
pub(super) fn read(archive: &mut Archive<'_>) -> Result<Vec<Paragraph>, WordError> {
    if let Some(manifest) = archive.text("META-INF/manifest.xml")? {
        if manifest.contains("encryption-data") {
            return Err(WordError::Encrypted);
        }
    }
    let mut styles = Styles::default();
    if let Some(xml) = archive.text("styles.xml")? {
        styles.read(&xml, "styles.xml")?;
    }
    let Some(content) = archive.text("content.xml")? else {
        return Err(WordError::Missing("content.xml"));
    };
    styles.read(&content, "content.xml")?;
    Body::new(&styles).read(&content)
}

/// Elements whose contents are never the plan's text where they stand.
fn left_out(e: &BytesStart<'_>) -> bool {
    let name = e.name();
    let full = name.as_ref();
    if full.starts_with(b"draw:") || full.starts_with(b"svg:") {
        return true;
    }
    // Drawing elements under another prefix: their local names are none of the text's.
    if matches!(
        local(full),
        b"frame"
            | b"text-box"
            | b"custom-shape"
            | b"rect"
            | b"line"
            | b"polyline"
            | b"polygon"
            | b"regular-polygon"
            | b"path"
            | b"circle"
            | b"ellipse"
            | b"g"
            | b"connector"
            | b"caption"
            | b"measure"
            | b"control"
            | b"page-thumbnail"
            | b"image"
            | b"object"
            | b"object-ole"
            | b"desc"
            | b"title"
    ) && !full.starts_with(b"text:")
        && !full.starts_with(b"office:")
    {
        return true;
    }
    match local(full) {
        b"tracked-changes"
        | b"annotation"
        | b"note"
        | b"table-of-content"
        | b"alphabetical-index"
        | b"illustration-index"
        | b"object-index"
        | b"user-index"
        | b"bibliography"
        | b"table-index"
        | b"number"
        | b"hidden-text"
        | b"forms"
        | b"sequence-decls"
        | b"variable-decls"
        | b"user-field-decls"
        | b"deletion"
        | b"change-info"
        | b"index-body"
        | b"index-title" => true,
        // A section shown only on a condition may be hidden: it is not counted.
        b"section" => attr(e, b"display").is_some_and(|d| d != "true"),
        _ => false,
    }
}

/// The paragraph being read.
struct Para {
    role: Role,
    hidden: bool,
    style: Option<String>,
    runs: Runs,
    /// Depth of the paragraph's element.
    depth: usize,
}

struct Body<'s> {
    styles: &'s Styles,
    out: Vec<Paragraph>,
    para: Option<Para>,
    /// Spans open in the paragraph: their style and depth, innermost last.
    spans: Vec<(Option<String>, usize)>,
    /// Depth of the placeholder field being read, if any.
    placeholder: usize,
    /// List items and table cells open: their depths.
    items: Vec<usize>,
    cells: Vec<usize>,
    /// The depths of the open tables, and where the cell being read stands.
    tables: Vec<usize>,
    grid: Grid,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles) -> Self {
        Body {
            styles,
            out: Vec::new(),
            para: None,
            spans: Vec::new(),
            placeholder: 0,
            items: Vec::new(),
            cells: Vec::new(),
            tables: Vec::new(),
            grid: Grid::default(),
        }
    }

    fn read(mut self, xml: &str) -> Result<Vec<Paragraph>, WordError> {
        let mut events = Events::new(xml, "content.xml");
        let mut in_body = false;
        while let Some(event) = events.next()? {
            match event {
                Xml::Open(e, empty) => {
                    let name = e.name();
                    let full = name.as_ref();
                    if full == b"office:text" {
                        in_body = true;
                        continue;
                    }
                    if !in_body {
                        continue;
                    }
                    if !empty && left_out(&e) {
                        events.skip()?;
                        continue;
                    }
                    self.open(&e, empty, events.depth());
                }
                Xml::Close => self.close(events.depth()),
                Xml::Text(text) => self.text(&text),
            }
        }
        self.end_paragraph();
        Ok(self.out)
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool, depth: usize) {
        let style = attr(e, b"style-name");
        match local(e.name().as_ref()) {
            name @ (b"p" | b"h") => {
                self.end_paragraph();
                let role = if name == b"h" {
                    let level = attr(e, b"outline-level")
                        .and_then(|v| v.parse::<u8>().ok())
                        .unwrap_or(1);
                    if level == 0 {
                        Role::Body
                    } else {
                        Role::Heading(level.min(10))
                    }
                } else {
                    let key = style.as_deref().map(|s| key("paragraph", s));
                    self.styles.role(key.as_deref()).unwrap_or(Role::Body)
                };
                let para = Para {
                    role,
                    hidden: false,
                    style,
                    runs: Runs::new(),
                    depth,
                };
                if empty {
                    self.para = Some(para);
                    self.end_paragraph();
                } else {
                    self.para = Some(para);
                }
            }
            b"span" if !empty => self.spans.push((style, depth)),
            b"list-item" | b"list-header" if !empty => self.items.push(depth),
            b"table-cell" | b"covered-table-cell" if !empty => {
                self.end_paragraph();
                self.cells.push(depth);
            }
            // An empty cell is a column too.
            b"table-cell" | b"covered-table-cell" => self.grid.end_cell(),
            b"table" if !empty => {
                self.end_paragraph();
                self.tables.push(depth);
                self.grid.table();
            }
            b"table-row" => {
                self.end_paragraph();
                self.grid.row();
            }
            b"placeholder" if !empty => self.placeholder = depth,
            b"hidden-paragraph" => {
                let hidden = attr(e, b"is-hidden").is_none_or(|h| h == "true");
                if let Some(p) = &mut self.para {
                    p.hidden |= hidden;
                }
            }
            b"s" | b"tab" | b"line-break" => {
                if let Some(p) = &mut self.para {
                    p.runs.space();
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, depth: usize) {
        while self.spans.last().is_some_and(|(_, d)| *d > depth) {
            self.spans.pop();
        }
        if self.placeholder > depth {
            self.placeholder = 0;
        }
        if self.para.as_ref().is_some_and(|p| p.depth > depth) {
            self.end_paragraph();
        }
        while self.items.last().is_some_and(|d| *d > depth) {
            self.items.pop();
        }
        while self.cells.last().is_some_and(|d| *d > depth) {
            self.end_paragraph();
            self.cells.pop();
            self.grid.end_cell();
        }
        while self.tables.last().is_some_and(|d| *d > depth) {
            self.tables.pop();
            self.grid.end_table();
        }
    }

    fn text(&mut self, text: &str) {
        let Some(p) = &mut self.para else {
            return;
        };
        let mut keys: Vec<Option<String>> = self
            .spans
            .iter()
            .rev()
            .map(|(s, _)| s.as_deref().map(|s| key("text", s)))
            .collect();
        keys.push(p.style.as_deref().map(|s| key("paragraph", s)));
        let names: Vec<Option<&str>> = keys.iter().map(Option::as_deref).collect();
        let props = self.styles.props(&names);
        if props.hidden {
            return;
        }
        p.runs
            .push(text, props.bold, props.scale >= 1.25, self.placeholder > 0);
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.para.take() else {
            return;
        };
        self.spans.clear();
        if p.hidden {
            return;
        }
        let shape = if !self.cells.is_empty() {
            Shape::TableCell
        } else if !self.items.is_empty() {
            Shape::ListItem
        } else {
            Shape::Paragraph
        };
        let cell = if shape == Shape::TableCell {
            self.grid.cell()
        } else {
            None
        };
        self.out.extend(
            p.runs
                .finish(p.role, shape)
                .map(|q| Paragraph { cell, ..q }),
        );
    }
}
