//! The document model, and its readers.
//!
//! A plan is read once into a [`Document`]: its front matter, a tree of sections with byte
//! spans, and the prose split into blocks of words. Checks read this model and never know which
//! reader built it. A reader (`markdown`, the one caller of pulldown-cmark and the front-matter
//! parsers; a clippy `disallowed-methods` entry keeps it so) says what each piece of its format
//! is, and `builder` turns that into the model the same way for every reader.
//!
//! What opens a section in Markdown follows DESIGN §5: ATX and setext headings of any level,
//! but not headings inside block quotes (code blocks and HTML blocks cannot contain heading
//! events). A UTF-8 BOM is skipped; CRLF needs nothing special; every span is a byte range into
//! the original text.

mod builder;
mod heading;
mod markdown;
mod word;

use std::ops::Range;
use std::rc::Rc;

pub use heading::clean_heading;
pub use markdown::frontmatter;
pub use markdown::frontmatter::FrontMatter;
pub use word::{paragraphs, reader_for, text_of, Paragraph, Reader, Role, WordError, WordPlan};

use crate::matching::{Hit, Patterns, Summary, TermSet, Words};

/// Index of a section in [`Document::sections`].
pub type SectionId = usize;

/// A heading and everything under it down to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// Heading text with inline markup stripped, as written.
    pub text: String,
    /// The heading text with leading numbering and a trailing parenthetical removed.
    pub title: String,
    /// Folded words of [`Section::title`], with spans into the source.
    pub title_words: Words,
    /// Byte range of the heading line(s).
    pub heading_span: Range<usize>,
    /// Byte range from the end of the heading to the end of the section.
    pub content_span: Range<usize>,
    /// Enclosing section, if any.
    pub parent: Option<SectionId>,
    /// Direct subsections, in order.
    pub children: Vec<SectionId>,
}

impl Section {
    /// Heading and content together.
    pub fn span(&self) -> Range<usize> {
        self.heading_span.start..self.content_span.end
    }
}

/// What kind of text a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, list item, table cell or similar: the plan's own prose.
    Prose,
    /// Prose inside a block quote (usually quoted from elsewhere).
    Quoted,
    /// The text of a heading.
    Heading,
}

/// Where a block of prose stands, for telling a planner why a line that names an area is not a
/// heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A paragraph (or anything else that is not a list item or a table cell).
    Paragraph,
    /// The text of a list item (`1. Bostäder`, `- Bostäder`).
    ListItem,
    /// A table cell.
    TableCell,
    /// A line of an indented code block that is written like a heading (`    ## Bostäder`).
    IndentedHeading,
    /// A heading written in raw HTML (`<h3>Bostäder</h3>`): the page shows it, but it opens
    /// no section of the plan.
    HtmlHeading,
    /// A heading with letters from another script that look like Latin ones (a Cyrillic `о` in
    /// `Bоstäder`), fullwidth letters or bidirectional controls: it shows like the area's name
    /// but is not it. Its words here are the heading as it looks.
    Disguised,
}

/// A run of text that belongs together, with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Innermost section the block lies in (`None` before the first heading).
    pub section: Option<SectionId>,
    /// What the text is.
    pub kind: BlockKind,
    /// Byte range covering the block's text in the source.
    pub span: Range<usize>,
    /// The words of `text`, with spans into the source.
    pub words: Words,
    /// Whether all of the text is bold or italic: a paragraph that may be meant as a heading.
    pub emphasized: bool,
    /// Where the text stands.
    pub shape: Shape,
    /// What the words can match, to rule out term sets without looking at each word.
    pub summary: Summary,
    /// For a table cell, where in its table it stands.
    pub cell: Option<Cell>,
}

/// Where a table cell stands: which table of the plan, which column, and whether it is in the
/// table's header row (Markdown's first row; the first of two or more rows in a Word table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    /// The table, numbered in document order.
    pub table: u32,
    /// The column, from 0.
    pub column: u32,
    /// Whether the cell is a header, which names what its column holds.
    pub header: bool,
}

impl Block {
    /// Every match of `set` in the block (see `TermSet::find_all`).
    pub fn hits<'a>(&'a self, set: &'a TermSet) -> impl Iterator<Item = Hit> + 'a {
        set.may_occur(&self.summary)
            .then(|| set.find_all(&self.words))
            .into_iter()
            .flatten()
    }

    /// Whether any term of `set` occurs in the block.
    pub fn has(&self, set: &TermSet) -> bool {
        self.hits(set).next().is_some()
    }
}

/// An HTML comment (`<!-- … -->`) anywhere outside code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte range of the whole comment.
    pub span: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// A parsed plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Front matter, if the file starts with `---` (YAML) or `+++` (TOML).
    pub front_matter: Option<FrontMatter>,
    /// All sections in document order.
    pub sections: Vec<Section>,
    /// All text blocks in document order.
    pub blocks: Vec<Block>,
    /// What the plan's own text can match: the union of the summaries of the blocks that are
    /// not [`BlockKind::Quoted`], so that a rule asking whether a term occurs anywhere in the
    /// plan rules most terms out with one test. (A section's is joined when a rule asks: kept
    /// per section, it made a plan of a million empty headings need twice the memory.)
    pub summary: Summary,
    /// All HTML comments in document order.
    pub comments: Vec<Comment>,
    /// Lines of indented code blocks written like headings (`    ## Bostäder`), in document
    /// order: code, not headings, kept to explain why an area is missing. Their words are
    /// those after the `#`s; the span is the line's.
    pub code_headings: Vec<Block>,
    /// Where raw HTML leaves a comment, tag or attribute open at the end of its block, so that
    /// a browser hides the rest of the plan (which then counts for nothing).
    pub hidden_by_html: Option<Range<usize>>,
    /// Byte offset where the Markdown body starts (after a BOM and front matter).
    pub body_start: usize,
    /// Which reader built it: Markdown, or a word processor's format whose text is one
    /// paragraph per line.
    pub reader: Reader,
}

impl Document {
    /// Reads `text` (the whole file, Markdown) into the model, its words classified against
    /// `patterns`, the pattern table of the rule set that will check it.
    pub fn parse(text: &str, patterns: &Patterns) -> Document {
        markdown::read(text, patterns)
    }

    /// Builds the model of a Word or OpenDocument plan from its paragraphs and properties,
    /// whose text ([`text_of`]) is `text`.
    pub fn from_word(plan: &WordPlan, text: &str, reader: Reader, patterns: &Patterns) -> Document {
        word::build(&plan.paragraphs, &plan.properties, text, reader, patterns)
    }

    /// Reads a Word or OpenDocument file.
    pub fn read_word(bytes: &[u8], reader: Reader) -> Result<WordPlan, WordError> {
        word::read(bytes, reader)
    }

    /// Lets the document's words keep only their own classes, not shares of the chunks of
    /// classes its thread's memory filled while reading it and other plans: for a document kept
    /// after it is checked, as the language server keeps each open plan, so that it does not
    /// keep alive the words of every plan read before it.
    pub(crate) fn keep_alone(&mut self) {
        let mut all = self
            .blocks
            .iter_mut()
            .chain(&mut self.code_headings)
            .map(|b| &mut b.words)
            .chain(self.sections.iter_mut().map(|s| &mut s.title_words));
        let Some(first) = all.next() else {
            return;
        };
        let shared = Rc::clone(first.lexicon());
        let Some(alone) = shared.alone().map(Rc::new) else {
            return;
        };
        for words in std::iter::once(first).chain(all) {
            if Rc::ptr_eq(words.lexicon(), &shared) {
                words.with_lexicon(&alone);
            }
        }
    }

    /// The plan's title: the first level-1 heading, else the first heading.
    pub fn title(&self) -> Option<SectionId> {
        self.sections
            .iter()
            .position(|s| s.level == 1)
            .or(if self.sections.is_empty() {
                None
            } else {
                Some(0)
            })
    }

    /// The department the plan is for: front matter `förvaltning` (or `department`), else the
    /// title.
    pub fn department(&self) -> Option<String> {
        self.field(&["forvaltning", "department"])
            .map(|f| f.value.trim().to_owned())
            .or_else(|| self.title().map(|t| self.sections[t].title.clone()))
    }

    /// The first front-matter field with a value whose key, folded (case and diacritics
    /// aside), is one of `keys` (given folded: `namnd` for `nämnd`).
    pub fn field(&self, keys: &[&str]) -> Option<&frontmatter::Field> {
        self.front_matter.as_ref()?.fields.iter().find(|f| {
            !f.value.trim().is_empty() && keys.contains(&crate::matching::fold(&f.key).as_str())
        })
    }

    /// Whether `inner` is `outer` or lies inside it.
    pub fn is_within(&self, inner: SectionId, outer: SectionId) -> bool {
        let mut at = Some(inner);
        while let Some(id) = at {
            if id == outer {
                return true;
            }
            at = self.sections[id].parent;
        }
        false
    }

    /// Those of `sorted` (section ids in ascending order, repeats allowed) that lie in no
    /// other of them, in order, repeats kept. Sections are numbered in document order and a
    /// section's subsections follow it, so whether one lies inside an earlier one is asked
    /// only of the last outermost before it: one pass, however many there are.
    pub fn outermost(&self, sorted: &[SectionId]) -> Vec<SectionId> {
        let mut out: Vec<SectionId> = Vec::new();
        for &s in sorted {
            if out.last().is_none_or(|&o| o == s || !self.is_within(s, o)) {
                out.push(s);
            }
        }
        out
    }

    /// The blocks inside section `id`, subsections included.
    ///
    /// Blocks are in document order, so this is a binary search and a slice, not a scan: a plan
    /// with many sections stays linear.
    pub fn blocks_in(&self, id: SectionId) -> &[Block] {
        let span = self.sections[id].span();
        let first = self.blocks.partition_point(|b| b.span.start < span.start);
        let end = self
            .blocks
            .partition_point(|b| b.span.start < span.end.max(span.start + 1));
        &self.blocks[first..end.max(first)]
    }
}
