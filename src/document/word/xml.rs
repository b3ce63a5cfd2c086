//! What the Word and OpenDocument readers need of quick-xml: events with a bounded nesting, an
//! element's local name and attributes, and text with the five XML entities and character
//! references resolved. A document type declaration is refused (no entity it declares is ever
//! expanded); a reference to an entity that is not one of the five is left out of the text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::WordError;

/// The deepest an XML part may nest. Word nests a table in a table in a content control in a
/// few dozen levels at most.
pub(super) const MAX_DEPTH: usize = 256;

/// One event of a part, as the readers use it.
pub(super) enum Xml<'a> {
    /// An element opens (`empty`: it closes at once, `<w:b/>`).
    Open(BytesStart<'a>, bool),
    /// An element closes.
    Close,
    /// Text, entities resolved.
    Text(String),
}

/// A part being read, event by event.
pub(super) struct Events<'a> {
    reader: Reader<&'a [u8]>,
    part: &'static str,
    depth: usize,
}

impl<'a> Events<'a> {
    /// Reads `xml`, the part named `part` (for messages).
    pub(super) fn new(xml: &'a str, part: &'static str) -> Self {
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Events {
            reader,
            part,
            depth: 0,
        }
    }

    /// How deep the element being read is.
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    /// The next event, or `None` at the end of the part.
    pub(super) fn next(&mut self) -> Result<Option<Xml<'a>>, WordError> {
        loop {
            let at = self.reader.buffer_position();
            let event = self.reader.read_event().map_err(|_| WordError::BadXml {
                part: self.part,
                at,
            })?;
            return Ok(Some(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(WordError::TooDeep(self.part));
                    }
                    Xml::Open(e, false)
                }
                Event::Empty(e) => Xml::Open(e, true),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Xml::Close
                }
                Event::Text(t) => Xml::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::CData(t) => Xml::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::GeneralRef(r) => match entity(&r) {
                    Some(c) => Xml::Text(c.to_string()),
                    None => continue,
                },
                Event::Eof => return Ok(None),
                // Word and LibreOffice never write a document type declaration; one is refused
                // rather than passed over, so no entity it declares can stand in the text.
                Event::DocType(_) => return Err(WordError::Dtd(self.part)),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            }));
        }
    }

    /// Passes over the rest of the element just opened (not empty), to its close.
    pub(super) fn skip(&mut self) -> Result<(), WordError> {
        let until = self.depth;
        while self.depth >= until {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }
}

/// The character an entity reference (`amp`, `#233`, `#xE9`) stands for, if it is one of the
/// five XML entities or a character reference.
fn entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x' | b'X', hex @ ..] => {
            char::from_u32(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
        }
        [b'#', dec @ ..] => char::from_u32(std::str::from_utf8(dec).ok()?.parse().ok()?)?,
        _ => return None,
    })
}

/// The local name of an element or attribute (`w:p` → `p`).
pub(super) fn local(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of attribute `name` (local name) of `e`, entities resolved.
pub(super) fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            if raw.contains('&') {
                unescape(&raw)
            } else {
                raw
            }
        })
}

/// `raw` with entity and character references resolved; any other reference is left out.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match rest.find(';') {
            Some(end) if end <= 10 => {
                out.extend(entity(&rest.as_bytes()[..end]));
                rest = &rest[end + 1..];
            }
            _ => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="false"/>`) is on.
pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_resolved_and_a_dtd_is_refused() {
        let xml = "<d>x &amp; &#233;&#xE9; &a; y</d>";
        let mut events = Events::new(xml, "t.xml");
        let mut text = String::new();
        while let Some(e) = events.next().unwrap() {
            if let Xml::Text(t) = e {
                text.push_str(&t);
            }
        }
        assert_eq!(text, "x & éé  y");
        let dtd = "<!DOCTYPE d [<!ENTITY a \"AAAA\">]><d>&a;</d>";
        let mut events = Events::new(dtd, "t.xml");
        assert!(matches!(events.next(), Err(WordError::Dtd("t.xml"))));
        assert_eq!(unescape("a&amp;b&lol;c&"), "a&bc&");
    }

    #[test]
    fn nesting_deeper_than_the_bound_is_an_error() {
        let xml = "<a>".repeat(MAX_DEPTH + 1);
        let mut events = Events::new(&xml, "t.xml");
        let result = loop {
            match events.next() {
                Ok(Some(_)) => {}
                other => break other,
            }
        };
        assert!(matches!(result, Err(WordError::TooDeep("t.xml"))));
    }
}
