//! Builds a [`Document`] from pulldown-cmark's event stream in one pass.

use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::frontmatter;
use super::{clean_heading, Block, BlockKind, Comment, Document, Section, Shape};
use crate::matching::{self, Lexicon, Patterns, Summary, Words};

const BOM: &str = "\u{feff}";

/// Text collected from events, with a map from positions in `text` back to source bytes.
#[derive(Default)]
struct Acc {
    text: String,
    /// Whether any text was outside bold or italic.
    plain: bool,
    /// (start in `text`, source range, whether the source bytes equal the text).
    pieces: Vec<(usize, Range<usize>, bool)>,
}

impl Acc {
    fn push(&mut self, piece: &str, source: Range<usize>, exact: bool) {
        self.pieces.push((self.text.len(), source, exact));
        self.text.push_str(piece);
    }

    fn push_space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn source_span(&self) -> Option<Range<usize>> {
        let first = self.pieces.first()?;
        let last = self.pieces.last()?;
        Some(first.1.start..last.1.end)
    }

    /// Index of the piece that holds byte `pos` of `text`, searching forward from `from`.
    fn piece_from(&self, from: usize, pos: usize) -> usize {
        let mut i = from;
        while i + 1 < self.pieces.len() && self.pieces[i + 1].0 <= pos {
            i += 1;
        }
        i
    }

    /// Maps a byte range of `text` to a byte range of the source. `cursor` is a piece index at
    /// or before the range's start; ranges mapped in ascending order move it forward only, so
    /// a block costs one walk over its pieces.
    fn map(&self, cursor: &mut usize, range: Range<usize>) -> Range<usize> {
        *cursor = self.piece_from(*cursor, range.start);
        let s = *cursor;
        let e = self.piece_from(s, range.end.saturating_sub(1).max(range.start));
        let (s_off, s_src, s_exact) = &self.pieces[s];
        let (e_off, e_src, e_exact) = &self.pieces[e];
        let start = if *s_exact {
            s_src.start + (range.start - s_off)
        } else {
            s_src.start
        };
        let end = if *e_exact {
            e_src.start + (range.end - e_off)
        } else {
            e_src.end
        };
        start..end.max(start)
    }

    /// The offset from `text` to the source when every piece is the source's bytes as they
    /// stand and each lies that far from its place in `text` (so [`Acc::map`] would add it to
    /// every position).
    fn shift(&self) -> Option<usize> {
        let (first, rest) = self.pieces.split_first()?;
        let shift = first.1.start.checked_sub(first.0)?;
        (first.2
            && rest
                .iter()
                .all(|p| p.2 && p.1.start.checked_sub(p.0) == Some(shift)))
        .then_some(shift)
    }

    /// The words of `text[within]`, with source spans, and what they can match. The words refer
    /// to `lexicon`, and are handed out with the `pending` one until [`build`] points them at
    /// `lexicon` once it is complete.
    fn words(
        &self,
        within: Range<usize>,
        lexicon: &mut Lexicon,
        pending: &Rc<Lexicon>,
    ) -> (Words, Summary) {
        // Swedish prose averages six or seven bytes per word with its space.
        let mut out = Vec::with_capacity(within.len() / 6 + 1);
        let base = within.start;
        let mut cursor = 0;
        // Most blocks are source text as it stands, line by line: a word's span is then its
        // place in the text moved by one offset.
        let shift = self.shift();
        let map = |r: Range<usize>| match shift {
            Some(shift) => r.start + base + shift..r.end + base + shift,
            None => self.map(&mut cursor, r.start + base..r.end + base),
        };
        let summary = matching::words(&self.text[within], map, &mut out, lexicon);
        (Words::new(out, Rc::clone(pending)), summary)
    }
}

struct Builder<'a> {
    text: &'a str,
    doc: Document,
    open: Vec<usize>,
    quote_depth: usize,
    code_depth: usize,
    heading: Option<(u8, Range<usize>, Acc)>,
    emphasis_depth: usize,
    /// List items and table cells the parser is inside.
    item_depth: usize,
    cell_depth: usize,
    block: Acc,
    lexicon: Lexicon,
    /// What words refer to until `lexicon` is complete: one empty lexicon for the document.
    pending: Rc<Lexicon>,
}

pub(super) fn build(text: &str, patterns: &Patterns) -> Document {
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
    let mut b = Builder {
        text,
        doc: Document {
            front_matter,
            body_start,
            ..Document::default()
        },
        open: Vec::new(),
        quote_depth: 0,
        code_depth: 0,
        heading: None,
        emphasis_depth: 0,
        item_depth: 0,
        cell_depth: 0,
        block: Acc::default(),
        lexicon: Lexicon::new(patterns),
        pending: Rc::default(),
    };
    // The one place Markdown is parsed (see clippy.toml).
    #[allow(clippy::disallowed_methods)]
    let parser = Parser::new_ext(&text[body_start..], options);
    for (event, range) in parser.into_offset_iter() {
        b.event(event, range.start + body_start..range.end + body_start);
    }
    b.flush();
    for id in b.open.drain(..) {
        b.doc.sections[id].content_span.end = text.len();
    }
    let lexicon = Rc::new(std::mem::take(&mut b.lexicon));
    let doc = &mut b.doc;
    for block in doc.blocks.iter_mut().chain(&mut doc.code_headings) {
        block.words.with_lexicon(&lexicon);
    }
    for section in &mut doc.sections {
        section.title_words.with_lexicon(&lexicon);
    }
    b.doc
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                if self.quote_depth == 0 {
                    self.heading = Some((level as u8, range, Acc::default()));
                }
            }
            Event::End(TagEnd::Heading(_)) => match self.heading.take() {
                Some((level, span, acc)) => self.open_section(level, span, &acc),
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
            Event::InlineHtml(_) => self.comments_in(range),
            Event::Text(t) | Event::Code(t) if self.code_depth == 0 => {
                // Text as it stands in the source is borrowed from it: the same bytes at the
                // same address, which is cheaper to see than comparing them.
                let exact = self.text.get(range.clone()).is_some_and(|src| {
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
            Event::Start(Tag::TableCell) => {
                self.flush();
                self.cell_depth += 1;
            }
            Event::End(TagEnd::TableCell) => {
                self.flush();
                self.cell_depth = self.cell_depth.saturating_sub(1);
            }
            Event::Start(tag) if is_block(&tag) => self.flush(),
            Event::End(tag) if is_block_end(tag) => self.flush(),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn acc(&mut self) -> &mut Acc {
        match &mut self.heading {
            Some((_, _, acc)) => acc,
            None => &mut self.block,
        }
    }

    fn current_section(&self) -> Option<usize> {
        self.open.last().copied()
    }

    fn flush(&mut self) {
        // The block's buffers are reused for the next block: most blocks are short, and
        // growing fresh buffers for each was a large share of the allocations.
        let acc = &mut self.block;
        let (lexicon, pending) = (&mut self.lexicon, &self.pending);
        let found = acc.source_span().map(|span| {
            let (words, summary) = acc.words(0..acc.text.len(), lexicon, pending);
            (span, words, summary, !acc.plain)
        });
        acc.text.clear();
        acc.pieces.clear();
        acc.plain = false;
        let Some((span, words, summary, emphasized)) = found else {
            return;
        };
        if words.is_empty() {
            return;
        }
        let kind = if self.quote_depth > 0 {
            BlockKind::Quoted
        } else {
            BlockKind::Prose
        };
        let section = self.current_section();
        let shape = if self.cell_depth > 0 {
            Shape::TableCell
        } else if self.item_depth > 0 {
            Shape::ListItem
        } else {
            Shape::Paragraph
        };
        self.doc.blocks.push(Block {
            section,
            kind,
            span,
            words,
            emphasized,
            shape,
            summary,
        });
    }

    fn open_section(&mut self, level: u8, range: Range<usize>, acc: &Acc) {
        while let Some(&top) = self.open.last() {
            if self.doc.sections[top].level < level {
                break;
            }
            self.doc.sections[top].content_span.end = range.start;
            self.open.pop();
        }
        let trimmed = acc.text.trim();
        let title = clean_heading(trimmed);
        // Words of the cleaned title only: numbering and parentheticals never match an area.
        let lead = acc.text.len() - acc.text.trim_start().len();
        let at = lead + trimmed.find(title).unwrap_or(0);
        let (title_words, summary) =
            acc.words(at..at + title.len(), &mut self.lexicon, &self.pending);
        // Shown as a reader sees it: no soft hyphens or zero-width spaces in messages.
        let text = matching::visible(trimmed).trim().to_owned();
        let title = matching::visible(title).trim().to_owned();
        let heading_span = first_line(self.text, range.clone());
        let id = self.doc.sections.len();
        let parent = self.current_section();
        if let Some(p) = parent {
            self.doc.sections[p].children.push(id);
        }
        self.doc.blocks.push(Block {
            section: Some(id),
            kind: BlockKind::Heading,
            span: heading_span.clone(),
            summary,
            words: title_words.clone(),
            emphasized: false,
            shape: Shape::Paragraph,
        });
        self.doc.sections.push(Section {
            level,
            text,
            title,
            title_words,
            heading_span,
            content_span: range.end..self.text.len(),
            parent,
            children: Vec::new(),
        });
        self.open.push(id);
    }

    /// Keeps the lines of the indented code block at `range` that are written like an ATX
    /// heading (`#` to `######` and a space): they were meant as headings.
    fn code_headings_in(&mut self, range: Range<usize>) {
        let mut at = range.start;
        for line in self.text[range].split_inclusive('\n') {
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
            let mut list = Vec::new();
            let lexicon = &mut self.lexicon;
            let summary = matching::words(
                rest,
                |r| r.start + offset..r.end + offset,
                &mut list,
                lexicon,
            );
            let words = Words::new(list, Rc::clone(&self.pending));
            if words.is_empty() {
                continue;
            }
            let line_start = start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            self.doc.code_headings.push(Block {
                section: self.current_section(),
                kind: BlockKind::Heading,
                span: line_start..offset + rest.len(),
                words,
                emphasized: false,
                shape: Shape::IndentedHeading,
                summary,
            });
        }
    }

    fn comments_in(&mut self, range: Range<usize>) {
        let raw = &self.text[range.clone()];
        let mut from = 0;
        while let Some(open) = raw[from..].find("<!--") {
            let start = from + open;
            let body_start = start + 4;
            let (body_end, end) = match raw[body_start..].find("-->") {
                Some(close) => (body_start + close, body_start + close + 3),
                None => (raw.len(), raw.len()),
            };
            self.doc.comments.push(Comment {
                span: range.start + start..range.start + end,
                body: raw[body_start..body_end].trim().to_owned(),
            });
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

/// The first line of `range`, without its line ending.
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let len = slice.find('\n').unwrap_or(slice.len());
    let line = slice[..len].trim_end();
    range.start..range.start + line.len()
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
