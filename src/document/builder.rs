//! Builds a [`Document`] from what a reader hands it: headings, blocks of text with their
//! source spans, comments and near-miss heading lines. Readers (Markdown today) decide what a
//! piece of their format is; what becomes of it in the model is decided here, the same for
//! every reader.

use std::ops::Range;
use std::rc::Rc;

use super::{clean_heading, Block, BlockKind, Comment, Document, FrontMatter, Section, Shape};
use crate::matching::{self, Lexicon, Patterns, Summary, Words};

/// Bytes of text from which a block's list of words is given room for the most words it can
/// hold at once.
const LONG_BLOCK: usize = 64 << 10;

/// Text collected by a reader, with a map from positions in `text` back to source bytes.
#[derive(Default)]
pub(super) struct Acc {
    pub(super) text: String,
    /// Whether any text was outside bold or italic.
    pub(super) plain: bool,
    /// (start in `text`, source range, whether the source bytes equal the text).
    pieces: Vec<(usize, Range<usize>, bool)>,
}

impl Acc {
    /// Appends `piece`, which stands at `source` (`exact`: its bytes there are `piece`).
    ///
    /// An exact piece that goes on where the last one ended, in the text and in the source,
    /// extends it: a position in either maps the same, and a paragraph the parser hands over
    /// in thousands of pieces (`[a](` repeated: `[`, `a`, `](` …) keeps one.
    pub(super) fn push(&mut self, piece: &str, source: Range<usize>, exact: bool) {
        let at = self.text.len();
        self.text.push_str(piece);
        if let Some((start, last, true)) = self.pieces.last_mut() {
            if exact && last.end == source.start && *start + last.len() == at {
                last.end = source.end;
                return;
            }
        }
        self.pieces.push((at, source, exact));
    }

    /// A line break or similar: one space between words.
    pub(super) fn push_space(&mut self) {
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
    /// to `lexicon`, and are handed out with the `pending` one until [`Builder::finish`] points them at
    /// `lexicon` once it is complete.
    fn words(
        &self,
        within: Range<usize>,
        lexicon: &mut Lexicon,
        pending: &Rc<Lexicon>,
    ) -> (Words, Summary) {
        // Swedish prose averages six or seven bytes per word with its space. A long block gets
        // room for as many words as it can hold (one in two bytes): room never written to
        // takes no memory, and a list that never grows is never copied to a larger one.
        let mut out = Vec::with_capacity(if within.len() > LONG_BLOCK {
            within.len() / 2 + 1
        } else {
            within.len() / 6 + 1
        });
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
        if out.capacity() > 2 * out.len() + 8 {
            // Kept for as long as the document: without the room no word took (all of it for
            // a heading or a block without words).
            out.shrink_to_fit();
        }
        (Words::new(out, Rc::clone(pending)), summary)
    }
}

/// A document being built from a source `text`.
pub(super) struct Builder<'a> {
    text: &'a str,
    doc: Document,
    open: Vec<usize>,
    /// The block being collected.
    pub(super) block: Acc,
    /// Where the table cell being collected stands, if it is one.
    pub(super) cell: Option<super::Cell>,
    lexicon: Lexicon,
    /// What words refer to until `lexicon` is complete: one empty lexicon for the document.
    pending: Rc<Lexicon>,
}

impl<'a> Builder<'a> {
    /// A builder for `text`, whose body (after any front matter) starts at `body_start`.
    pub(super) fn new(
        text: &'a str,
        front_matter: Option<FrontMatter>,
        body_start: usize,
        patterns: &Patterns,
    ) -> Self {
        Builder {
            text,
            doc: Document {
                front_matter,
                body_start,
                ..Document::default()
            },
            open: Vec::new(),
            block: Acc::default(),
            cell: None,
            lexicon: Lexicon::new(patterns),
            pending: Rc::default(),
        }
    }

    /// Says which reader builds the document.
    pub(super) fn reader(&mut self, reader: super::Reader) {
        self.doc.reader = reader;
    }

    /// The source text.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    fn current_section(&self) -> Option<usize> {
        self.open.last().copied()
    }

    /// Ends the block being collected: its words become a block of `kind` and `shape` in the
    /// current section (nothing, if it has no words).
    pub(super) fn flush(&mut self, kind: BlockKind, shape: Shape) {
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
        let section = self.current_section();
        self.doc.blocks.push(Block {
            section,
            kind,
            span,
            words,
            emphasized,
            shape,
            summary,
            cell: if shape == Shape::TableCell {
                self.cell
            } else {
                None
            },
        });
    }

    /// Opens a section of `level` whose heading is at `range` and reads `acc`; it closes the
    /// open sections of the same or a deeper level.
    pub(super) fn open_section(&mut self, level: u8, range: Range<usize>, acc: &Acc) {
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
        if let Some(looks) = matching::undisguised(&title) {
            // What a reader takes the heading for, kept to say why it names no area.
            let at = heading_span.clone();
            self.near_heading(
                &looks,
                |_| at.clone(),
                heading_span.clone(),
                Shape::Disguised,
            );
        }
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
            cell: None,
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

    /// A line that was written like a heading but is not one (`shape` says why), with its
    /// words `rest` at `offset` and the whole line at `span`.
    pub(super) fn near_heading(
        &mut self,
        rest: &str,
        map: impl FnMut(Range<usize>) -> Range<usize>,
        span: Range<usize>,
        shape: Shape,
    ) {
        let mut list = Vec::new();
        let summary = matching::words(rest, map, &mut list, &mut self.lexicon);
        let words = Words::new(list, Rc::clone(&self.pending));
        if words.is_empty() {
            return;
        }
        self.doc.code_headings.push(Block {
            section: self.current_section(),
            kind: BlockKind::Heading,
            span,
            words,
            emphasized: false,
            shape,
            summary,
            cell: None,
        });
    }

    /// Raw HTML at `span` leaves a comment, tag or attribute open, so a browser hides what
    /// follows it.
    pub(super) fn hidden_by_html(&mut self, span: Range<usize>) {
        self.doc.hidden_by_html = Some(span);
    }

    /// A comment at `span` saying `body`.
    pub(super) fn comment(&mut self, span: Range<usize>, body: String) {
        self.doc.comments.push(Comment { span, body });
    }

    /// The document: open sections end at the end of the text, and every word points at the
    /// document's lexicon.
    pub(super) fn finish(mut self) -> Document {
        for id in self.open.drain(..) {
            self.doc.sections[id].content_span.end = self.text.len();
        }
        let table = self.lexicon.table();
        let lexicon = Rc::new(std::mem::take(&mut self.lexicon));
        let doc = &mut self.doc;
        summarise(doc, table);
        for block in doc.blocks.iter_mut().chain(&mut doc.code_headings) {
            block.words.with_lexicon(&lexicon);
        }
        for section in &mut doc.sections {
            section.title_words.with_lexicon(&lexicon);
        }
        self.doc
    }
}

/// Fills in the summary of the document's own text (see
/// [`Document::summary`](super::Document::summary)), for words classified against the table
/// numbered `table`.
fn summarise(doc: &mut Document, table: u64) {
    let mut all = Summary::empty(table);
    for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Quoted) {
        all.join(&b.summary);
    }
    doc.summary = all;
}

/// The first line of `range`, without its line ending.
fn first_line(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let len = slice.find('\n').unwrap_or(slice.len());
    let line = slice[..len].trim_end();
    range.start..range.start + line.len()
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document};
    use crate::matching::Summary;

    #[test]
    fn the_plan_can_match_what_its_own_text_holds_and_no_quote() {
        let table = crate::matching::PatternsBuilder::new();
        let housing = crate::matching::TermSet::parse_with(&["bostad"], &[] as &[&str], &table)
            .expect("a valid term");
        let patterns = table.finish();
        let parse = |plan: &str| {
            #[allow(clippy::disallowed_methods)]
            Document::parse(plan, &patterns)
        };
        let quoted = parse("# Plan\n\n## Folkhälsa\n\n> Citat om bostäder.\n\nText om hälsa.\n");
        let own = parse("# Plan\n\n## Folkhälsa\n\nVi bygger bostäder.\n");
        assert!(!housing.may_occur(&quoted.summary), "only in a quote");
        assert!(housing.may_occur(&own.summary));
        // The summary is the join of the blocks, quotes left out.
        let mut joined = Summary::empty(patterns.number());
        for b in quoted.blocks.iter().filter(|b| b.kind != BlockKind::Quoted) {
            joined.join(&b.summary);
        }
        assert_eq!(quoted.summary, joined);
        let letters: usize = quoted.blocks.iter().map(|b| b.summary.letters()).sum();
        assert_eq!(
            quoted.summary.letters(),
            letters - 3,
            "the quote's three words"
        );
    }

    #[test]
    fn a_document_kept_alone_reads_as_it_did() {
        use std::fmt::Write as _;

        let patterns = crate::matching::PatternsBuilder::new().finish();
        #[allow(clippy::disallowed_methods)]
        let parse = |plan: &str| Document::parse(plan, &patterns);
        let mut other = String::new();
        for i in 0..3_000 {
            write!(other, "ord{i} ").expect("a String takes any text");
        }
        let _ = parse(&other);
        let plan = "# Plan\n\n## Bostäder\n\nord0 och ord2999.\n\n    ## Folkhälsa\n";
        let read = parse(plan);
        let mut kept = read.clone();
        kept.keep_alone();
        assert_eq!(kept, read);
        // Every block and title now refers to one lexicon, not the one the plan was read with.
        let lexicons: Vec<_> = kept
            .blocks
            .iter()
            .chain(&kept.code_headings)
            .map(|b| b.words.lexicon())
            .chain(kept.sections.iter().map(|s| s.title_words.lexicon()))
            .collect();
        assert!(lexicons.len() >= 4);
        let first = lexicons[0];
        assert!(lexicons.iter().all(|l| std::rc::Rc::ptr_eq(l, first)));
        assert!(!std::rc::Rc::ptr_eq(first, read.blocks[0].words.lexicon()));
    }
}
