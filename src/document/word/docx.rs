//! Office Open XML (ECMA-376) as Word writes it: `word/styles.xml` for what each paragraph
//! style is, then `word/document.xml`'s body, paragraph by paragraph.
//!
//! A paragraph is a heading of level N when its outline level (`w:outlineLvl`, set on the
//! paragraph or through its style's `w:basedOn` chain) is N−1, or when its style, or one it is
//! based on, is a built-in heading (`w:name` "heading 1" … "heading 9", whatever the style's
//! localized id: Swedish Word writes `Rubrik1`). The Title style (`w:name` "Title") is the
//! plan's title. Numbering Word adds (`w:numPr`) is not in the text; a list paragraph is a
//! list item. Left out: tracked deletions and moves away (`w:del`, `w:moveFrom`), hidden runs
//! (`w:vanish`, directly or through a style), white text with nothing behind it, text of at
//! most 2 points, field codes (`w:instrText`), the table of
//! contents (its field, its content control and its `toc N` paragraphs), drawings, pictures
//! and embedded objects (text boxes, shapes and images' alt text), and the parts Word shows
//! outside the body (comments, headers, footers, footnotes, endnotes) are never read.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::archive::Archive;
use super::xml::{attr, local, on, Events, Xml};
use super::{Paragraph, Role, Runs, WordError};
use crate::document::Shape;

/// Run properties that matter here, each unset unless said.
#[derive(Debug, Clone, Copy, Default)]
struct RunProps {
    bold: Option<bool>,
    hidden: Option<bool>,
    /// Size in half-points.
    size: Option<u32>,
    /// Whether the text is white (`w:color` FFFFFF).
    white: Option<bool>,
    /// Whether the text has a highlight or a shading of its own behind it.
    backed: Option<bool>,
    /// Whether it is struck out, once or twice.
    struck: Option<bool>,
    double_struck: Option<bool>,
}

impl RunProps {
    /// `self`, with what it leaves unset taken from `below`.
    fn over(self, below: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(below.bold),
            hidden: self.hidden.or(below.hidden),
            size: self.size.or(below.size),
            white: self.white.or(below.white),
            backed: self.backed.or(below.backed),
            struck: self.struck.or(below.struck),
            double_struck: self.double_struck.or(below.double_struck),
        }
    }

    /// Whether a reader sees none of the text (hidden, white on the page with nothing behind
    /// it, or at most 2 points high), or sees it struck out.
    fn unseen(self) -> bool {
        self.hidden == Some(true)
            || self.struck == Some(true)
            || self.double_struck == Some(true)
            || (self.white == Some(true) && self.backed != Some(true))
            || self.size.is_some_and(|s| s <= TINY)
    }

    /// Reads one property element of a `w:rPr`.
    fn read(&mut self, e: &BytesStart<'_>) {
        match local(e.name().as_ref()) {
            b"b" => self.bold = Some(on(e)),
            b"vanish" | b"specVanish" => self.hidden = Some(on(e)),
            // Struck-out text is marked as not meant, as `~~text~~` is in Markdown.
            b"strike" => self.struck = Some(on(e)),
            b"dstrike" => self.double_struck = Some(on(e)),
            b"sz" => self.size = attr(e, b"val").and_then(|v| v.parse().ok()),
            b"color" => {
                self.white = attr(e, b"val").map(|v| v.eq_ignore_ascii_case("FFFFFF"));
            }
            b"highlight" => {
                self.backed = attr(e, b"val").map(|v| !v.eq_ignore_ascii_case("none"));
            }
            b"shd" => {
                self.backed = attr(e, b"fill")
                    .map(|v| !(v.eq_ignore_ascii_case("auto") || v.eq_ignore_ascii_case("FFFFFF")));
            }
            _ => {}
        }
    }
}

/// The largest text, in half-points, that no reader sees: 2 points.
const TINY: u32 = 4;

/// A style of `word/styles.xml`.
#[derive(Debug, Default)]
struct Style {
    /// Its name, in lower case (`heading 1`).
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    run: RunProps,
}

/// The document's styles: paragraph and character styles by id.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
    defaults: RunProps,
}

/// The most styles a `w:basedOn` chain is followed through.
const MAX_CHAIN: usize = 16;

/// What a paragraph style makes a paragraph.
#[derive(Debug, Clone, Copy, Default)]
struct ParagraphStyle {
    role: Option<Role>,
    toc: bool,
    list: bool,
    run: RunProps,
}

impl Styles {
    /// The styles from `id` down its `w:basedOn` chain (cycles and long chains cut).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        std::iter::from_fn(move || {
            let style = self.by_id.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(MAX_CHAIN)
    }

    /// What paragraph style `id` (or the default paragraph style) makes a paragraph.
    fn paragraph(&self, id: Option<&str>) -> ParagraphStyle {
        // A style that does not exist is the default paragraph style, as Word reads it.
        let id = id
            .filter(|id| self.by_id.contains_key(*id))
            .or(self.default_paragraph.as_deref());
        let mut out = ParagraphStyle::default();
        let mut outline = None;
        let mut named = None;
        let mut run = RunProps::default();
        for style in self.chain(id) {
            outline = outline.or(style.outline);
            let name = &style.name;
            if named.is_none() {
                if let Some(n) = name.strip_prefix("heading ").and_then(|n| n.parse().ok()) {
                    named = Some(Role::Heading(n));
                } else if name == "title" {
                    named = Some(Role::Title);
                }
            }
            out.toc |= name.starts_with("toc ") || name == "toc heading";
            out.list |= name == "list paragraph" || name.starts_with("list ");
            run = run.over(style.run);
        }
        out.run = run.over(self.defaults);
        out.role = match (named, outline) {
            (Some(Role::Title), _) => Some(Role::Title),
            (_, Some(level)) => heading(level),
            (named, None) => named,
        };
        out
    }

    /// Run properties of character style `id`, down its chain.
    fn character(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .fold(RunProps::default(), |acc, s| acc.over(s.run))
    }
}

/// The role of a paragraph at outline level `level` (0 for Heading 1, 9 for body text).
fn heading(level: u8) -> Option<Role> {
    (level < 9).then(|| Role::Heading(level + 1))
}

/// Reads `word/styles.xml`.
fn styles(xml: &str) -> Result<Styles, WordError> {
    let mut out = Styles::default();
    let mut events = Events::new(xml, "word/styles.xml");
    let mut current: Option<(String, Style)> = None;
    let mut in_run = 0;
    let mut in_defaults = false;
    while let Some(event) = events.next()? {
        let e = match event {
            Xml::Open(e, empty) => (e, empty),
            Xml::Close => {
                // The end of a style is seen by its depth: styles sit at depth 1.
                if events.depth() < 2 {
                    if let Some((id, style)) = current.take() {
                        out.by_id.insert(id, style);
                    }
                    in_defaults = false;
                }
                if events.depth() < in_run {
                    in_run = 0;
                }
                continue;
            }
            Xml::Text(_) => continue,
        };
        let (e, empty) = e;
        match local(e.name().as_ref()) {
            b"style" => {
                let id = attr(&e, b"styleId").unwrap_or_default();
                let kind = attr(&e, b"type");
                if kind.as_deref() == Some("paragraph")
                    && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                {
                    out.default_paragraph = Some(id.clone());
                }
                if !empty {
                    current = Some((id, Style::default()));
                }
            }
            b"docDefaults" if !empty => in_defaults = true,
            b"name" => {
                if let Some((_, style)) = &mut current {
                    style.name = attr(&e, b"val").unwrap_or_default().to_ascii_lowercase();
                }
            }
            b"basedOn" => {
                if let Some((_, style)) = &mut current {
                    style.based_on = attr(&e, b"val");
                }
            }
            b"outlineLvl" => {
                if let Some((_, style)) = &mut current {
                    style.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"rPr" if !empty => in_run = events.depth(),
            _ if in_run > 0 => {
                if let Some((_, style)) = &mut current {
                    style.run.read(&e);
                } else if in_defaults {
                    out.defaults.read(&e);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Reads the body of the document in `archive`.
///
/// The main part and its styles are found as Word finds them: through the package's
/// relationships (`_rels/.rels`, then the main part's own), never by a name a part merely has.
pub(super) fn read(archive: &mut Archive<'_>) -> Result<Vec<Paragraph>, WordError> {
    let main = match related(archive, "_rels/.rels", "", "/officeDocument")? {
        Related::To(part) => part,
        Related::None => return Err(WordError::Missing("word/document.xml")),
        Related::NoRelationships => "word/document.xml".to_owned(),
    };
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let styles_part = match related(archive, &rels, folder, "/styles")? {
        Related::To(part) => Some(part),
        Related::None => None,
        Related::NoRelationships => Some(format!("{folder}/styles.xml")),
    };
    let styles = match styles_part {
        Some(part) => match archive.text(&part)? {
            Some(xml) => styles(&xml)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let Some(xml) = archive.text(&main)? else {
        return Err(if archive.has("EncryptedPackage") {
            WordError::Encrypted
        } else {
            WordError::Missing("word/document.xml")
        });
    };
    Body::new(&styles).read(&xml)
}

/// What a relationships part says of a kind of part.
enum Related {
    /// The part it names.
    To(String),
    /// It names none of that kind.
    None,
    /// There is no such relationships part.
    NoRelationships,
}

/// The part that the first internal relationship of `kind` (the end of its type, such as
/// `/officeDocument`) in the relationships part `rels` points to, resolved against `folder`.
fn related(
    archive: &mut Archive<'_>,
    rels: &str,
    folder: &str,
    kind: &str,
) -> Result<Related, WordError> {
    let Some(xml) = archive.text(rels)? else {
        return Ok(Related::NoRelationships);
    };
    let mut events = Events::new(&xml, "_rels");
    while let Some(event) = events.next()? {
        let Xml::Open(e, _) = event else {
            continue;
        };
        if local(e.name().as_ref()) != b"Relationship"
            || !attr(&e, b"Type").is_some_and(|t| t.ends_with(kind))
            || attr(&e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"))
        {
            continue;
        }
        if let Some(target) = attr(&e, b"Target") {
            return Ok(Related::To(resolve(folder, &target)));
        }
    }
    Ok(Related::None)
}

/// A relationship's target as a part name: absolute (`/word/document.xml`) or relative to
/// `folder`, with `.` and `..` folded.
fn resolve(folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if folder.is_empty() => target.to_owned(),
        None => format!("{folder}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// A complex field being read (`w:fldChar` begin … separate … end).
struct Field {
    /// Its code so far, until the separator.
    code: Option<String>,
    /// Whether it is a table of contents (or another generated index), whose result is
    /// not the plan's text.
    generated: bool,
}

/// A content control being read.
#[derive(Default)]
struct Control {
    placeholder: bool,
    toc: bool,
}

/// The paragraph being read.
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    numbered: bool,
    /// What its style makes it, once asked.
    style_props: Option<ParagraphStyle>,
    runs: Runs,
    /// What the paragraph it continues was, when that one's mark was deleted.
    carried: Option<Role>,
    /// Whether its own mark is a tracked deletion (it runs on into the next paragraph).
    mark_deleted: bool,
}

/// The run being read.
#[derive(Default)]
struct Run {
    style: Option<String>,
    props: RunProps,
}

/// What the text being read is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextIn {
    /// Between elements: layout of the XML, not text.
    Nothing,
    /// A run's text (`w:t`).
    Run,
    /// A field's code (`w:instrText`).
    Code,
}

/// The most fields or content controls open at once.
const MAX_OPEN: usize = 64;

struct Body<'s> {
    styles: &'s Styles,
    out: Vec<Paragraph>,
    para: Option<Para>,
    run: Option<Run>,
    fields: Vec<Field>,
    controls: Vec<Control>,
    /// Depth of the `w:pPr` / `w:rPr` being read, if any.
    in_ppr: usize,
    in_rpr: usize,
    /// Depth of the `w:sdtPr` being read, if any.
    in_sdt_pr: usize,
    table_depth: usize,
    /// The style of each table open, innermost last.
    tables: Vec<Option<String>>,
    /// A paragraph whose mark was deleted: what it was and its text, for the next one.
    carry: Option<(Role, Runs)>,
    /// What text read now is, and the depth of its element.
    text_in: (TextIn, usize),
    /// The body text size, in half-points, against which "notably larger" is judged.
    normal_size: u32,
}

/// Elements whose contents are never the plan's text where they stand.
fn left_out(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"delText"
            | b"delInstrText"
            | b"drawing"
            | b"pict"
            | b"object"
            | b"AlternateContent"
            | b"txbxContent"
            | b"footnoteReference"
            | b"endnoteReference"
            | b"commentReference"
            | b"rubyBase"
            | b"pPrChange"
            | b"rPrChange"
            | b"sectPr"
    )
}

/// Whether a field code makes a generated list (table of contents, index, table of figures).
fn generated(code: &str) -> bool {
    let word = code
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(word.as_str(), "TOC" | "INDEX" | "TOA")
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles) -> Self {
        let normal_size = styles.paragraph(None).run.size.unwrap_or(22);
        Body {
            styles,
            out: Vec::new(),
            para: None,
            run: None,
            fields: Vec::new(),
            controls: Vec::new(),
            in_ppr: 0,
            in_rpr: 0,
            in_sdt_pr: 0,
            table_depth: 0,
            tables: Vec::new(),
            carry: None,
            text_in: (TextIn::Nothing, 0),
            normal_size,
        }
    }

    fn read(mut self, xml: &str) -> Result<Vec<Paragraph>, WordError> {
        let mut events = Events::new(xml, "word/document.xml");
        // Depths at which a table cell, a run, a content control's content or a control
        // closes, innermost last.
        let mut closes: Vec<(usize, Close)> = Vec::new();
        while let Some(event) = events.next()? {
            match event {
                Xml::Open(e, empty) => {
                    let name = local(e.name().as_ref()).to_vec();
                    if self.in_ppr > 0 && self.in_rpr > 0 && name == b"del" {
                        // The paragraph mark is a tracked deletion.
                        if let Some(p) = &mut self.para {
                            p.mark_deleted = true;
                        }
                    }
                    if !empty && left_out(&name) {
                        events.skip()?;
                        continue;
                    }
                    if let Some(close) = self.open(&name, &e, empty, &mut events)? {
                        if empty {
                            self.close(close);
                        } else {
                            closes.push((events.depth(), close));
                        }
                    }
                }
                Xml::Close => {
                    let depth = events.depth();
                    if self.in_ppr > depth {
                        self.in_ppr = 0;
                    }
                    if self.in_rpr > depth {
                        self.in_rpr = 0;
                    }
                    if self.in_sdt_pr > depth {
                        self.in_sdt_pr = 0;
                    }
                    if self.text_in.1 > depth {
                        self.text_in = (TextIn::Nothing, 0);
                    }
                    while closes.last().is_some_and(|(d, _)| *d > depth) {
                        if let Some((_, close)) = closes.pop() {
                            self.close(close);
                        }
                    }
                }
                Xml::Text(text) => self.text(&text),
            }
        }
        self.end_paragraph();
        if let Some((role, runs)) = self.carry.take() {
            self.out.extend(runs.finish(role, Shape::Paragraph));
        }
        Ok(self.out)
    }

    /// An element opens; what to do when it closes, if anything.
    fn open(
        &mut self,
        name: &[u8],
        e: &BytesStart<'_>,
        empty: bool,
        events: &mut Events<'_>,
    ) -> Result<Option<Close>, WordError> {
        if self.in_sdt_pr > 0 {
            match name {
                b"showingPlcHdr" if on(e) => {
                    if let Some(c) = self.controls.last_mut() {
                        c.placeholder = true;
                    }
                }
                b"docPartGallery" => {
                    let gallery = attr(e, b"val").unwrap_or_default().to_ascii_lowercase();
                    if gallery.contains("table of contents") || gallery.contains("bibliograph") {
                        if let Some(c) = self.controls.last_mut() {
                            c.toc = true;
                        }
                    }
                }
                _ => {}
            }
            return Ok(None);
        }
        if self.in_ppr > 0 && self.in_rpr == 0 {
            if let Some(p) = &mut self.para {
                match name {
                    b"pStyle" => p.style = attr(e, b"val"),
                    b"outlineLvl" => p.outline = attr(e, b"val").and_then(|v| v.parse().ok()),
                    b"numPr" => p.numbered = true,
                    b"rPr" if !empty => self.in_rpr = events.depth(),
                    _ => {}
                }
            }
            return Ok(None);
        }
        if self.in_rpr > 0 {
            // Properties of a run (those of a paragraph mark change no text).
            if self.in_ppr == 0 {
                if let Some(run) = &mut self.run {
                    match name {
                        b"rStyle" => run.style = attr(e, b"val"),
                        _ => run.props.read(e),
                    }
                }
            }
            return Ok(None);
        }
        Ok(match name {
            b"p" => {
                self.end_paragraph();
                // A paragraph whose mark was deleted runs on into this one, as what it was.
                let (role, mut runs) = match self.carry.take() {
                    Some((role, runs)) => (Some(role), runs),
                    None => (None, Runs::new()),
                };
                if role.is_some() {
                    runs.space();
                }
                self.para = Some(Para {
                    style: None,
                    outline: None,
                    numbered: false,
                    style_props: None,
                    runs,
                    carried: role,
                    mark_deleted: false,
                });
                Some(Close::Paragraph)
            }
            b"tbl" => {
                self.end_paragraph();
                self.tables.push(None);
                Some(Close::Table)
            }
            b"tblStyle" => {
                if let Some(style) = self.tables.last_mut() {
                    *style = attr(e, b"val");
                }
                None
            }
            b"pPr" if !empty => {
                self.in_ppr = events.depth();
                None
            }
            b"r" => {
                self.run = Some(Run::default());
                Some(Close::Run)
            }
            b"t" if !empty => {
                self.text_in = (TextIn::Run, events.depth());
                None
            }
            b"instrText" if !empty => {
                self.text_in = (TextIn::Code, events.depth());
                None
            }
            b"rPr" if !empty => {
                self.in_rpr = events.depth();
                None
            }
            b"tc" => {
                self.end_paragraph();
                self.table_depth += 1;
                Some(Close::Cell)
            }
            b"sdt" => {
                if self.controls.len() >= MAX_OPEN {
                    return Err(WordError::TooDeep("word/document.xml"));
                }
                self.controls.push(Control::default());
                Some(Close::Control)
            }
            b"sdtPr" if !empty => {
                self.in_sdt_pr = events.depth();
                None
            }
            b"sdtContent" if !empty => {
                if self.controls.last().is_some_and(|c| c.toc) {
                    events.skip()?;
                }
                None
            }
            b"fldSimple" if !empty => {
                if generated(&attr(e, b"instr").unwrap_or_default()) {
                    events.skip()?;
                }
                None
            }
            b"fldChar" => {
                self.field_char(attr(e, b"fldCharType").as_deref())?;
                None
            }
            b"tab" | b"br" | b"cr" | b"ptab" => {
                if self.shows() {
                    if let Some(p) = &mut self.para {
                        p.runs.space();
                    }
                }
                None
            }
            b"noBreakHyphen" => {
                self.run_text("-");
                None
            }
            b"softHyphen" => {
                self.run_text("\u{ad}");
                None
            }
            _ => None,
        })
    }

    fn field_char(&mut self, kind: Option<&str>) -> Result<(), WordError> {
        match kind {
            Some("begin") => {
                if self.fields.len() >= MAX_OPEN {
                    return Err(WordError::TooDeep("word/document.xml"));
                }
                self.fields.push(Field {
                    code: Some(String::new()),
                    generated: false,
                });
            }
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    if let Some(code) = f.code.take() {
                        f.generated = generated(&code);
                    }
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, close: Close) {
        match close {
            Close::Paragraph => self.end_paragraph(),
            Close::Run => self.run = None,
            Close::Cell => {
                self.end_paragraph();
                self.table_depth = self.table_depth.saturating_sub(1);
            }
            Close::Control => {
                self.controls.pop();
            }
            Close::Table => {
                self.end_paragraph();
                self.tables.pop();
            }
        }
    }

    /// Whether text here is shown as the plan's text: not a field's code, not a generated
    /// list's entries.
    fn shows(&self) -> bool {
        self.fields.iter().all(|f| f.code.is_none() && !f.generated)
    }

    fn text(&mut self, text: &str) {
        match self.text_in.0 {
            TextIn::Nothing => {}
            TextIn::Code => {
                if let Some(Field {
                    code: Some(code), ..
                }) = self.fields.last_mut()
                {
                    if code.len() < 256 {
                        code.push_str(text);
                    }
                }
            }
            TextIn::Run => self.run_text(text),
        }
    }

    /// Text a run shows, unless a field's code or a generated list.
    fn run_text(&mut self, text: &str) {
        if !self.shows() {
            return;
        }
        let (Some(p), Some(run)) = (&mut self.para, &self.run) else {
            return;
        };
        let styles = self.styles;
        let paragraph = *p
            .style_props
            .get_or_insert_with(|| styles.paragraph(p.style.as_deref()));
        // Direct formatting, then the character style, the paragraph style, the table style.
        let table = self.tables.last().cloned().flatten();
        let props = run.props.over(
            styles
                .character(run.style.as_deref())
                .over(paragraph.run.over(styles.character(table.as_deref()))),
        );
        if props.unseen() {
            return;
        }
        let size = props.size.unwrap_or(self.normal_size);
        let large = u64::from(size) * 4 >= u64::from(self.normal_size) * 5;
        let placeholder = self.controls.iter().any(|c| c.placeholder);
        p.runs
            .push(text, props.bold == Some(true), large, placeholder);
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.para.take() else {
            return;
        };
        let style = p
            .style_props
            .unwrap_or_else(|| self.styles.paragraph(p.style.as_deref()));
        if style.toc || (self.controls.iter().any(|c| c.toc)) {
            return;
        }
        let own = match p.outline {
            Some(level) => heading(level).unwrap_or(Role::Body),
            None => style.role.unwrap_or(Role::Body),
        };
        let role = p.carried.unwrap_or(own);
        if p.mark_deleted && self.carry.is_none() {
            self.carry = Some((role, p.runs));
            return;
        }
        let shape = if self.table_depth > 0 {
            Shape::TableCell
        } else if p.numbered || style.list {
            Shape::ListItem
        } else {
            Shape::Paragraph
        };
        self.out.extend(p.runs.finish(role, shape));
    }
}

/// What ends when an element closes.
#[derive(Debug, Clone, Copy)]
enum Close {
    Paragraph,
    Run,
    Cell,
    Control,
    Table,
}
