//! The styles of `word/styles.xml`: run properties, paragraph and character styles down their
//! `w:basedOn` chains, and what a paragraph style makes a paragraph.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use crate::document::word::xml::{attr, local, on, Events, Xml};
use crate::document::word::{Role, WordError};

/// Run properties that matter here, each unset unless said.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunProps {
    pub(super) bold: Option<bool>,
    hidden: Option<bool>,
    /// Size in half-points.
    pub(super) size: Option<u32>,
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
    pub(super) fn over(self, below: RunProps) -> RunProps {
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
    pub(super) fn unseen(self) -> bool {
        self.hidden == Some(true)
            || self.struck == Some(true)
            || self.double_struck == Some(true)
            || (self.white == Some(true) && self.backed != Some(true))
            || self.size.is_some_and(|s| s <= TINY)
    }

    /// Reads one property element of a `w:rPr`.
    pub(super) fn read(&mut self, e: &BytesStart<'_>) {
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
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
    defaults: RunProps,
}

/// The most styles a `w:basedOn` chain is followed through.
const MAX_CHAIN: usize = 16;

/// What a paragraph style makes a paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ParagraphStyle {
    pub(super) role: Option<Role>,
    pub(super) toc: bool,
    pub(super) list: bool,
    pub(super) run: RunProps,
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
    pub(super) fn paragraph(&self, id: Option<&str>) -> ParagraphStyle {
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
    pub(super) fn character(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .fold(RunProps::default(), |acc, s| acc.over(s.run))
    }
}

/// The role of a paragraph at outline level `level` (0 for Heading 1, 9 for body text).
pub(super) fn heading(level: u8) -> Option<Role> {
    (level < 9).then(|| Role::Heading(level + 1))
}

/// Reads `word/styles.xml`.
pub(super) fn styles(xml: &str) -> Result<Styles, WordError> {
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
