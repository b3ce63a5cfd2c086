//! The Markdown reader: the one caller of pulldown-cmark and of the front-matter parsers. It
//! walks the event stream once and tells the [`Builder`] what each piece is.

mod budget;
pub mod frontmatter;
mod html;

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::builder::{Acc, Builder};
use super::{BlockKind, Cell, Document, Shape};
use crate::matching::Patterns;
use html::Html;

const BOM: &str = "\u{feff}";

struct Reader<'a> {
    b: Builder<'a>,
    quote_depth: usize,
    code_depth: usize,
    heading: Option<(u8, Range<usize>, Acc)>,
    emphasis_depth: usize,
    /// List items and table cells the parser is inside.
    item_depth: usize,
    cell_depth: usize,
    /// Tables begun so far, whether the header row is being read, and the next cell's column.
    tables: u32,
    in_head: bool,
    column: u32,
    /// Footnote definitions, images (their alt text) and struck-out text the parser is
    /// inside: none of it is the plan's text where it stands (see [`Reader::shows`]).
    footnote_depth: usize,
    image_depth: usize,
    strike_depth: usize,
    /// What the plan's raw HTML hides.
    html: Html,
}

/// Reads a Markdown plan into a [`Document`].
pub(super) fn read(text: &str, patterns: &Patterns) -> Document {
    // A lone CR ends a line (CommonMark), but pulldown-cmark does not always treat it so (it
    // misreads fences and HTML blocks) and neither would front matter. Each one becomes LF:
    // the same length, so every span still points into the original text.
    let normalized;
    let text = if has_lone_cr(text) {
        normalized = lone_cr_to_lf(text);
        normalized.as_str()
    } else {
        text
    };
    let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
    // Heading attributes (`## Bostäder {#bostader}`, as pandoc writes them) are not part of the
    // heading's text.
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let (front_matter, body_start) = match frontmatter::split(text, base) {
        Some((fm, end)) => (Some(fm), end),
        None => (None, base),
    };
    let mut b = Reader {
        b: Builder::new(text, front_matter, body_start, patterns),
        quote_depth: 0,
        code_depth: 0,
        heading: None,
        emphasis_depth: 0,
        item_depth: 0,
        cell_depth: 0,
        tables: 0,
        in_head: false,
        column: 0,
        footnote_depth: 0,
        image_depth: 0,
        strike_depth: 0,
        html: Html::new(),
    };
    // The one place Markdown is parsed (see clippy.toml).
    #[allow(clippy::disallowed_methods)]
    let parser = Parser::new_ext(&text[body_start..], options);
    for (event, range) in parser.into_offset_iter() {
        b.event(event, range.start + body_start..range.end + body_start);
    }
    b.flush();
    if let Some(span) = b.html.swallowing.take() {
        b.b.hidden_by_html(span);
    }
    b.b.finish()
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Event::End(
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
        ) = &event
        {
            self.html.inline_block_ends();
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                // A heading a reader does not see as one opens no section: in a quote, in a
                // footnote (shown at the end of the page), or where raw HTML hides it.
                if self.quote_depth == 0 && self.footnote_depth == 0 && self.html.shows() {
                    self.heading = Some((level as u8, range, Acc::default()));
                }
            }
            Event::End(TagEnd::Heading(_)) => match self.heading.take() {
                Some((level, span, acc)) => self.b.open_section(level, span, &acc),
                None => self.flush(),
            },
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush();
                self.code_depth += 1;
                if kind == CodeBlockKind::Indented {
                    self.code_headings_in(range);
                }
            }
            Event::End(TagEnd::CodeBlock) => self.code_depth = self.code_depth.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => {
                self.flush();
                self.comments_in(range);
            }
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::End(
                TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::Image
                | TagEnd::Strikethrough,
            )
            | Event::Start(Tag::FootnoteDefinition(_) | Tag::Image { .. } | Tag::Strikethrough) => {
                self.visibility(&event, range);
            }
            Event::Text(_) | Event::Code(_) if !self.shows() => {}
            Event::Text(t) | Event::Code(t) if self.code_depth == 0 => {
                // Text as it stands in the source is borrowed from it: the same bytes at the
                // same address, which is cheaper to see than comparing them.
                let exact = self.b.text().get(range.clone()).is_some_and(|src| {
                    (src.as_ptr() == t.as_ptr() && src.len() == t.len()) || src == &*t
                });
                let plain = self.emphasis_depth == 0 && !t.trim().is_empty();
                let acc = self.acc();
                acc.plain |= plain;
                acc.push(&t, range, exact);
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => self.emphasis_depth += 1,
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1);
            }
            Event::SoftBreak | Event::HardBreak => self.acc().push_space(),
            Event::Start(Tag::Item) => {
                self.flush();
                self.item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                self.flush();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.tables += 1;
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.flush();
                self.in_head = matches!(event, Event::Start(Tag::TableHead));
                self.column = 0;
            }
            Event::Start(Tag::TableCell) => {
                self.flush();
                self.cell_depth += 1;
                self.b.cell = Some(Cell {
                    table: self.tables,
                    column: self.column,
                    header: self.in_head,
                });
            }
            Event::End(TagEnd::TableCell) => {
                self.flush();
                self.cell_depth = self.cell_depth.saturating_sub(1);
                self.column += 1;
            }
            Event::Start(tag) if is_block(&tag) => self.flush(),
            Event::End(tag) if is_block_end(tag) => self.flush(),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    /// Events that change what a reader sees of the text after them: raw HTML, footnote
    /// definitions, images (their alt text) and struck-out text.
    fn visibility(&mut self, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Html(raw) => {
                self.html_headings_in(raw, range.start);
                self.html.read(raw, range.start, false);
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.html.block_ends(range.end);
                self.flush();
            }
            Event::InlineHtml(raw) => {
                self.html_headings_in(raw, range.start);
                self.html.read(raw, range.start, true);
                self.comments_in(range);
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                self.flush();
                self.footnote_depth += 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.flush();
                self.footnote_depth = self.footnote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike_depth += 1,
            Event::End(TagEnd::Strikethrough) => {
                self.strike_depth = self.strike_depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// Whether text here is the plan's text as a reader of the rendered page sees it: not in
    /// a footnote, not an image's alt text, not struck out, not hidden by raw HTML.
    fn shows(&self) -> bool {
        self.footnote_depth == 0
            && self.image_depth == 0
            && self.strike_depth == 0
            && self.html.shows()
    }

    fn acc(&mut self) -> &mut Acc {
        match &mut self.heading {
            Some((_, _, acc)) => acc,
            None => &mut self.b.block,
        }
    }

    /// Ends the block being collected, as what the parser is inside makes it.
    fn flush(&mut self) {
        let kind = if self.quote_depth > 0 {
            BlockKind::Quoted
        } else {
            BlockKind::Prose
        };
        let shape = if self.cell_depth > 0 {
            Shape::TableCell
        } else if self.item_depth > 0 {
            Shape::ListItem
        } else {
            Shape::Paragraph
        };
        self.b.flush(kind, shape);
    }

    /// Keeps the lines of the indented code block at `range` that are written like an ATX
    /// heading (`#` to `######` and a space): they were meant as headings.
    fn code_headings_in(&mut self, range: Range<usize>) {
        let mut at = range.start;
        for line in self.b.text()[range].split_inclusive('\n') {
            let start = at;
            at += line.len();
            let body = line.trim_start_matches([' ', '\t']);
            let hashes = body.len() - body.trim_start_matches('#').len();
            let rest = &body[hashes..];
            if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
                continue;
            }
            let offset = start + (line.len() - rest.len());
            let rest = rest.trim_end();
            let line_start = start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            self.b.near_heading(
                rest,
                |r| r.start + offset..r.end + offset,
                line_start..offset + rest.len(),
                Shape::IndentedHeading,
            );
        }
    }

    /// Keeps the headings written in raw HTML (`<h3>Bostäder</h3>`, on one line) that a reader
    /// sees: they open no section, and are kept to say why an area they name is missing.
    fn html_headings_in(&mut self, raw: &str, at: usize) {
        if !self.shows() {
            return;
        }
        let lower = raw.to_ascii_lowercase();
        let mut from = 0;
        while let Some(open) = lower[from..].find("<h") {
            let start = from + open;
            from = start + 2;
            let level = lower.as_bytes().get(start + 2).copied().unwrap_or(0);
            let after = lower.as_bytes().get(start + 3).copied().unwrap_or(0);
            if !(b'1'..=b'6').contains(&level) || !(after == b'>' || after.is_ascii_whitespace()) {
                continue;
            }
            let Some(gt) = lower[start..].find('>') else {
                break;
            };
            let body_start = start + gt + 1;
            let close = format!("</h{}", char::from(level));
            let Some(end) = lower[body_start..].find(&close) else {
                break;
            };
            let body_end = body_start + end;
            // The heading's text without inner tags, each tag kept as a space.
            let mut text = String::new();
            let mut in_tag = false;
            for c in raw[body_start..body_end].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let span = at + start..at + body_end + close.len() + 1;
            let line = span.start..span.end.min(at + raw.len());
            self.b
                .near_heading(&text, |_| line.clone(), line.clone(), Shape::HtmlHeading);
            from = body_end;
        }
    }

    fn comments_in(&mut self, range: Range<usize>) {
        let raw = &self.b.text()[range.clone()];
        let mut from = 0;
        while let Some(open) = raw[from..].find("<!--") {
            let start = from + open;
            let body_start = start + 4;
            let (body_end, end) = match raw[body_start..].find("-->") {
                Some(close) => (body_start + close, body_start + close + 3),
                None => (raw.len(), raw.len()),
            };
            self.b.comment(
                range.start + start..range.start + end,
                raw[body_start..body_end].trim().to_owned(),
            );
            from = end;
        }
    }
}

/// Whether `text` has a CR that is not followed by LF.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

/// `text` with each CR that is not followed by LF replaced by LF.
fn lone_cr_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        out.push(if rest.starts_with('\n') { '\r' } else { '\n' });
    }
    out.push_str(rest);
    out
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}
