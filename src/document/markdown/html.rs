//! What the raw HTML of a plan hides from a reader of the rendered page.
//!
//! Markdown passes raw HTML through to the page, and the browser reads it as one stream: a
//! comment, tag or attribute value that a Markdown block leaves open swallows everything after
//! it until something closes it, and some elements show nothing (or nothing until a click) of
//! what they hold. [`Html`] follows the raw HTML of a plan in document order, as a browser's
//! tokenizer would, and says whether the Markdown between is seen. It errs on the side of
//! hiding: the gate cannot know which viewer the board uses, so text that some viewer hides
//! is not the plan's text.

use std::ops::Range;

/// Elements whose content a reader does not see (or sees only after opening or enabling
/// something): collapsed details, templates, fallbacks for disabled scripts, ruby fallback
/// parentheses, struck-out text, and elements whose text a browser never shows.
const HIDING: &[&str] = &[
    "details", "template", "noscript", "rp", "del", "s", "strike", "script", "style", "textarea",
    "title", "iframe", "object", "select",
];

/// Where the browser's tokenizer is between two pieces of raw HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// In text: Markdown after this is read as usual.
    Data,
    /// Inside `<!-- …`, until `-->`.
    Comment,
    /// Inside a tag, until `>`.
    Tag,
    /// Inside an attribute value quoted with this byte, until the same quote.
    Quoted(u8),
}

/// The raw HTML of one plan so far.
#[derive(Debug)]
pub(super) struct Html {
    state: State,
    /// Where the open comment, tag or attribute began (byte offset into the plan).
    opened_at: usize,
    /// The elements open inside the outermost hiding one, innermost last; empty when nothing
    /// hides.
    open: Vec<Open>,
    /// Whether the raw HTML being read stands inside a Markdown paragraph (inline HTML).
    inline: bool,
    /// Elements nested past [`MAX_OPEN`] inside a hiding one: the rest of the plan is hidden.
    sealed: bool,
    /// The tag being read: its bytes so far (capped), for its name and attributes.
    tag: String,
    /// The first place where raw HTML left open at the end of its block hides the Markdown
    /// after it.
    pub(super) swallowing: Option<Range<usize>>,
}

/// How many elements are followed inside a hiding one; closing a tag looks through them.
const MAX_OPEN: usize = 1024;

/// How much of one tag is kept to read its name and attributes; a longer tag keeps its start.
const TAG_CAP: usize = 4096;

impl Html {
    pub(super) fn new() -> Self {
        Html {
            state: State::Data,
            opened_at: 0,
            open: Vec::new(),
            tag: String::new(),
            swallowing: None,
            inline: false,
            sealed: false,
        }
    }

    /// Whether Markdown text at this point is seen by a reader.
    pub(super) fn shows(&self) -> bool {
        self.state == State::Data && self.open.is_empty() && !self.sealed
    }

    /// Reads one piece of raw HTML that starts at byte `at` of the plan; `inline`: it stands
    /// in a paragraph, heading, list item or table cell (not an HTML block of its own).
    pub(super) fn read(&mut self, raw: &str, at: usize, inline: bool) {
        self.inline = inline;
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                State::Data => {
                    let Some(lt) = memchr::memchr(b'<', &bytes[i..]) else {
                        break;
                    };
                    i += lt;
                    let rest = &bytes[i..];
                    if rest.starts_with(b"<!--") {
                        self.state = State::Comment;
                        self.opened_at = at + i;
                        i += 4;
                    } else if rest
                        .get(1)
                        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
                    {
                        self.state = State::Tag;
                        self.opened_at = at + i;
                        self.tag.clear();
                        i += 1;
                    } else {
                        i += 1;
                    }
                }
                State::Comment => match memchr::memmem::find(&bytes[i..], b"-->") {
                    Some(end) => {
                        self.state = State::Data;
                        i += end + 3;
                    }
                    None => break,
                },
                State::Tag => {
                    let b = bytes[i];
                    match b {
                        b'>' => {
                            self.state = State::Data;
                            self.end_tag();
                        }
                        b'"' | b'\'' => self.state = State::Quoted(b),
                        _ => {}
                    }
                    self.keep(b);
                    i += 1;
                }
                State::Quoted(q) => {
                    let b = bytes[i];
                    if b == q {
                        self.state = State::Tag;
                    }
                    self.keep(b);
                    i += 1;
                }
            }
        }
    }

    /// The end of a paragraph, heading, list item or table cell: its end tag closes the
    /// elements its inline HTML opened (a browser pops them with it), except the formatting
    /// elements `<s>` and `<strike>`, which it opens again in the blocks that follow.
    pub(super) fn inline_block_ends(&mut self) {
        if let Some(at) = self
            .open
            .iter()
            .position(|o| o.inline && !matches!(o.name.as_str(), "s" | "strike"))
        {
            self.open.truncate(at);
        }
    }

    /// The end of a piece of raw HTML that a Markdown block closes (an HTML block): if a
    /// comment, tag or attribute is still open, the browser swallows what follows.
    pub(super) fn block_ends(&mut self, line_end: usize) {
        if self.state != State::Data && self.swallowing.is_none() {
            self.swallowing = Some(self.opened_at..line_end.max(self.opened_at));
        }
    }

    fn keep(&mut self, b: u8) {
        // Names and the attributes that hide are ASCII; other bytes only need to hold a place.
        if self.tag.len() < TAG_CAP {
            self.tag.push(if b.is_ascii() {
                char::from(b.to_ascii_lowercase())
            } else {
                '?'
            });
        }
    }

    /// A whole tag has been read: an element opens or closes. Outside hiding elements only
    /// hiding ones are followed; inside one, every element is, so that its end tag is matched
    /// with its own start and not with an inner element of the same name.
    fn end_tag(&mut self) {
        let tag = std::mem::take(&mut self.tag);
        let body = tag.trim_end_matches('>');
        let (closing, body) = match body.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let name_end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(body.len());
        let name = &body[..name_end];
        if closing {
            if let Some(at) = self.open.iter().rposition(|o| o.name == name) {
                self.open.truncate(at);
            }
            return;
        }
        if body.ends_with('/') || VOID.contains(&name) {
            return;
        }
        let attributes = attributes(&body[name_end..]);
        let has = |key: &str| attributes.iter().any(|(k, _)| k == key);
        let style = attributes
            .iter()
            .filter(|(k, _)| k == "style")
            .any(|(_, v)| hides_by_style(v));
        let hides = match name {
            "details" => !has("open"),
            _ => HIDING.contains(&name),
        } || has("hidden")
            || style;
        if hides || !self.open.is_empty() {
            if self.open.len() >= MAX_OPEN {
                // Deeper than any plan needs: hidden to the end, rather than a guess.
                self.state = State::Data;
                self.open.truncate(1);
                self.open[0].inline = false;
                self.sealed = true;
                return;
            }
            self.open.push(Open {
                name: name.to_owned(),
                inline: self.inline,
            });
        }
    }
}

/// An element open inside a hiding one (or the hiding one itself).
#[derive(Debug)]
struct Open {
    name: String,
    /// Opened by inline HTML, so closed with its paragraph.
    inline: bool,
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The attributes of a tag (its text after the name, lowercased): names, and values without
/// their quotes.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = text[start..i].to_owned();
        let mut value = String::new();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                let end = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                value.push_str(&text[i + 1..end]);
                i = end + 1;
            } else {
                let end = text[i..]
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or(text.len(), |e| i + e);
                value.push_str(&text[i..end]);
                i = end;
            }
        }
        out.push((name, value));
    }
    out
}

/// Whether a `style` value hides the element (`display: none`, `visibility: hidden`).
fn hides_by_style(style: &str) -> bool {
    let squeezed: String = style.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::Html;

    fn after(pieces: &[&str]) -> Html {
        let mut h = Html::new();
        for p in pieces {
            h.read(p, 0, false);
        }
        h
    }

    #[test]
    fn closed_comments_and_tags_show_what_follows() {
        assert!(after(&["<!-- a note -->"]).shows());
        assert!(after(&["<p title=\"x > y\">", "</p>"]).shows());
        assert!(after(&["<details open>"]).shows());
        assert!(after(&["<br/>"]).shows());
    }

    #[test]
    fn open_comments_tags_and_values_hide_what_follows() {
        assert!(!after(&["<p><!--"]).shows());
        assert!(!after(&["<span title=\""]).shows());
        assert!(!after(&["<span"]).shows());
        assert!(after(&["<p><!--", "-->"]).shows());
    }

    #[test]
    fn hiding_elements_hide_until_they_close() {
        for open in [
            "<details>",
            "<template>",
            "<noscript>",
            "<rp>",
            "<del>",
            "<s>",
            "<div hidden>",
            "<div style=\"display: none\">",
            "<DIV STYLE='visibility:hidden'>",
        ] {
            let h = after(&[open]);
            assert!(!h.shows(), "{open}");
        }
        assert!(after(&["<details>", "<summary>x</summary>", "</details>"]).shows());
        assert!(after(&["<div hidden>", "<div>", "</div>", "</div>"]).shows());
        assert!(after(&["<div data-hidden=\"no\" title=\"hidden\">"]).shows());
        assert!(!after(&["<div hidden>", "<div>", "</div>"]).shows());
    }
}
