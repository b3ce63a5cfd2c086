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

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::archive::Archive;
use super::xml::{attr, local, Events, Xml};
use super::{Paragraph, Role, Runs, WordError};
use crate::document::Shape;

/// What a style sets, each unset unless said.
#[derive(Debug, Clone, Default)]
struct Style {
    parent: Option<String>,
    /// Its display name (else its name), in lower case.
    name: String,
    outline: Option<u8>,
    bold: Option<bool>,
    hidden: Option<bool>,
    /// Font size in points, or relative to the parent's in per cent.
    size: Option<Size>,
}

#[derive(Debug, Clone, Copy)]
enum Size {
    Points(f32),
    Percent(f32),
}

/// The document's styles by name, paragraph and text families together (names are unique in
/// practice; an automatic style of `content.xml` replaces a common one of the same name).
#[derive(Debug, Default)]
struct Styles {
    by_name: HashMap<String, Style>,
    /// The default paragraph font size, in points.
    default_size: Option<f32>,
}

/// The most styles a parent chain is followed through.
const MAX_CHAIN: usize = 16;

/// What the styles of a paragraph and a span make of text.
#[derive(Debug, Clone, Copy, Default)]
struct Props {
    bold: bool,
    hidden: bool,
    /// Size as a share of the body text's.
    scale: f32,
}

impl Styles {
    fn chain<'s>(&'s self, name: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = name;
        std::iter::from_fn(move || {
            let style = self.by_name.get(next?)?;
            next = style.parent.as_deref();
            Some(style)
        })
        .take(MAX_CHAIN)
    }

    /// Role of a paragraph in style `name`, if its style makes it a title or a heading.
    fn role(&self, name: Option<&str>) -> Option<Role> {
        for style in self.chain(name) {
            if style.name == "title" {
                return Some(Role::Title);
            }
            if let Some(level) = style.outline {
                return (level > 0).then(|| Role::Heading(level.min(10)));
            }
        }
        None
    }

    /// What styles `names` (innermost first) make of text.
    fn props(&self, names: &[Option<&str>]) -> Props {
        let (mut bold, mut hidden, mut size) = (None, None, None);
        let mut percent = 1.0_f32;
        for name in names {
            for style in self.chain(*name) {
                bold = bold.or(style.bold);
                hidden = hidden.or(style.hidden);
                match style.size {
                    Some(Size::Points(pt)) if size.is_none() => size = Some(pt),
                    Some(Size::Percent(p)) if size.is_none() => percent *= p / 100.0,
                    _ => {}
                }
            }
        }
        let normal = self.default_size.unwrap_or(12.0);
        let scale = size.unwrap_or(normal) * percent / normal.max(1.0);
        Props {
            bold: bold == Some(true),
            hidden: hidden == Some(true),
            scale,
        }
    }

    /// Reads the styles of one part into `self`.
    fn read(&mut self, xml: &str, part: &'static str) -> Result<(), WordError> {
        let mut events = Events::new(xml, part);
        let mut current: Option<(String, Style, usize)> = None;
        let mut default_paragraph = false;
        while let Some(event) = events.next()? {
            let (e, empty) = match event {
                Xml::Open(e, empty) => (e, empty),
                Xml::Close => {
                    if current.as_ref().is_some_and(|c| events.depth() < c.2) {
                        if let Some((name, style, _)) = current.take() {
                            self.by_name.insert(name, style);
                        }
                    }
                    continue;
                }
                Xml::Text(_) => continue,
            };
            match local(e.name().as_ref()) {
                b"style" => {
                    // A paragraph style and a text style may share a name: each is its own.
                    let family = attr(&e, b"family").unwrap_or_default();
                    let plain = attr(&e, b"name").unwrap_or_default();
                    let name = key(&family, &plain);
                    let style = Style {
                        parent: attr(&e, b"parent-style-name").map(|p| key(&family, &p)),
                        name: attr(&e, b"display-name").unwrap_or(plain).to_lowercase(),
                        outline: attr(&e, b"default-outline-level").and_then(|v| v.parse().ok()),
                        ..Style::default()
                    };
                    if empty {
                        self.by_name.insert(name, style);
                    } else {
                        current = Some((name, style, events.depth()));
                    }
                }
                b"default-style" => {
                    default_paragraph = attr(&e, b"family").as_deref() == Some("paragraph");
                }
                b"text-properties" => {
                    let weight = attr(&e, b"font-weight");
                    let bold =
                        weight.map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                    let size = attr(&e, b"font-size").and_then(|s| size(&s));
                    // Not displayed, white (`fo:color` #ffffff) or at most 2 points: unseen.
                    let white = attr(&e, b"color")
                        .is_some_and(|c| c.eq_ignore_ascii_case("#ffffff"))
                        && attr(&e, b"background-color").is_none_or(|b| {
                            b == "transparent" || b.eq_ignore_ascii_case("#ffffff")
                        });
                    let tiny = matches!(size, Some(Size::Points(pt)) if pt <= 2.0);
                    // Struck-out text is marked as not meant, as `~~text~~` is in Markdown.
                    let struck = attr(&e, b"text-line-through-style").is_some_and(|s| s != "none");
                    let hidden = if white || tiny || struck {
                        Some(true)
                    } else {
                        attr(&e, b"display").map(|d| d == "none")
                    };
                    if let Some((_, style, _)) = &mut current {
                        style.bold = bold.or(style.bold);
                        style.size = size.or(style.size);
                        style.hidden = hidden.or(style.hidden);
                    } else if default_paragraph {
                        if let Some(Size::Points(pt)) = size {
                            self.default_size = Some(pt);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A style's key among the styles: its family and its name.
fn key(family: &str, name: &str) -> String {
    format!("{family}\u{1f}{name}")
}

/// A font size: `14pt`, `0.5in`, `120%`.
fn size(s: &str) -> Option<Size> {
    let s = s.trim();
    let number = |suffix: &str| s.strip_suffix(suffix)?.trim().parse::<f32>().ok();
    let value = if let Some(p) = number("%") {
        Size::Percent(p)
    } else if let Some(pt) = number("pt") {
        Size::Points(pt)
    } else if let Some(inch) = number("in") {
        Size::Points(inch * 72.0)
    } else if let Some(cm) = number("cm") {
        Size::Points(cm * 72.0 / 2.54)
    } else if let Some(mm) = number("mm") {
        Size::Points(mm * 72.0 / 25.4)
    } else {
        return None;
    };
    match value {
        Size::Points(v) | Size::Percent(v) if !v.is_finite() || v <= 0.0 => None,
        v => Some(v),
    }
}

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
        self.out.extend(p.runs.finish(p.role, shape));
    }
}
