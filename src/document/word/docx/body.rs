//! The body of `word/document.xml`, paragraph by paragraph: fields, content controls, runs and
//! tables, and what of them is left out of the plan's text.

use quick_xml::events::BytesStart;

use super::fields::{generated, left_out, Control, Fields, MAX_OPEN};
use super::styles::{heading, ParagraphStyle, RunProps, Styles};
use crate::document::word::xml::{attr, local, on, Events, Xml};
use crate::document::word::{Grid, Paragraph, Role, Runs, WordError};
use crate::document::Shape;

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

pub(super) struct Body<'s> {
    styles: &'s Styles,
    out: Vec<Paragraph>,
    para: Option<Para>,
    run: Option<Run>,
    fields: Fields,
    controls: Vec<Control>,
    /// Depth of the `w:pPr` / `w:rPr` being read, if any.
    in_ppr: usize,
    in_rpr: usize,
    /// Depth of the `w:sdtPr` being read, if any.
    in_sdt_pr: usize,
    table_depth: usize,
    /// The style of each table open, innermost last.
    tables: Vec<Option<String>>,
    /// Where the table cell being read stands.
    grid: Grid,
    /// A paragraph whose mark was deleted: what it was and its text, for the next one.
    carry: Option<(Role, Runs)>,
    /// What text read now is, and the depth of its element.
    text_in: (TextIn, usize),
    /// The body text size, in half-points, against which "notably larger" is judged.
    normal_size: u32,
}

impl<'s> Body<'s> {
    pub(super) fn new(styles: &'s Styles) -> Self {
        let normal_size = styles.paragraph(None).run.size.unwrap_or(22);
        Body {
            styles,
            out: Vec::new(),
            para: None,
            run: None,
            fields: Fields::default(),
            controls: Vec::new(),
            in_ppr: 0,
            in_rpr: 0,
            in_sdt_pr: 0,
            table_depth: 0,
            tables: Vec::new(),
            grid: Grid::default(),
            carry: None,
            text_in: (TextIn::Nothing, 0),
            normal_size,
        }
    }

    pub(super) fn read(mut self, xml: &str) -> Result<Vec<Paragraph>, WordError> {
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
                self.grid.table();
                Some(Close::Table)
            }
            b"tr" => {
                self.end_paragraph();
                self.grid.row();
                None
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
                self.fields.char(attr(e, b"fldCharType").as_deref())?;
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

    fn close(&mut self, close: Close) {
        match close {
            Close::Paragraph => self.end_paragraph(),
            Close::Run => self.run = None,
            Close::Cell => {
                self.end_paragraph();
                self.table_depth = self.table_depth.saturating_sub(1);
                self.grid.end_cell();
            }
            Close::Control => {
                self.controls.pop();
            }
            Close::Table => {
                self.end_paragraph();
                self.tables.pop();
                self.grid.end_table();
            }
        }
    }

    /// Whether text here is shown as the plan's text: not a field's code, not a generated
    /// list's entries.
    fn shows(&self) -> bool {
        self.fields.shows()
    }

    fn text(&mut self, text: &str) {
        match self.text_in.0 {
            TextIn::Nothing => {}
            TextIn::Code => self.fields.code(text),
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
            // A deleted paragraph that shows nothing (its text deleted with its mark) leaves the
            // next one as it is.
            if p.runs.any {
                self.carry = Some((role, p.runs));
            }
            return;
        }
        let shape = if self.table_depth > 0 {
            Shape::TableCell
        } else if p.numbered || style.list {
            Shape::ListItem
        } else {
            Shape::Paragraph
        };
        let cell = if shape == Shape::TableCell {
            self.grid.cell()
        } else {
            None
        };
        self.out
            .extend(p.runs.finish(role, shape).map(|q| Paragraph { cell, ..q }));
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
