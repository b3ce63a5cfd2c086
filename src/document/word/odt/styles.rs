//! The styles of `styles.xml` and `content.xml`: each style's family, name, parent and what it
//! sets, and what a paragraph's and its spans' styles make of text.

use std::collections::HashMap;

use crate::document::word::xml::{attr, local, Events, Xml};
use crate::document::word::{Role, WordError};

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
pub(super) struct Styles {
    by_name: HashMap<String, Style>,
    /// The default paragraph font size, in points.
    default_size: Option<f32>,
}

/// The most styles a parent chain is followed through.
const MAX_CHAIN: usize = 16;

/// What the styles of a paragraph and a span make of text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Props {
    pub(super) bold: bool,
    pub(super) hidden: bool,
    /// Size as a share of the body text's.
    pub(super) scale: f32,
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
    pub(super) fn role(&self, name: Option<&str>) -> Option<Role> {
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
    pub(super) fn props(&self, names: &[Option<&str>]) -> Props {
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
    pub(super) fn read(&mut self, xml: &str, part: &'static str) -> Result<(), WordError> {
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
pub(super) fn key(family: &str, name: &str) -> String {
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
