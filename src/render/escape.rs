//! Escaping shared by the formats: plan text, file names, waiver reasons and pack fields are
//! written by people planlint does not trust, so what reaches a terminal, an XML document or a
//! URI is made safe here. The board report's Markdown, CSV and HTML escaping lives in
//! [`super::matrix`], GitHub's workflow-command escaping in [`super::github`].
//!
//! Every function returns its input borrowed when there is nothing to change, so output for
//! ordinary text stays byte-identical and costs no copy.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is a bidirectional control (Unicode's `Bidi_Control`): the embeddings and
/// overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C.
/// Printed raw, one makes a terminal (or a browser) reorder what follows it, so a file name or
/// a heading can show text in an order other than its own.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Whether `c` must not reach a terminal raw: the C0 controls except TAB (ESC among them, so
/// no escape sequence can start), DEL, the C1 controls U+0080–U+009F (CSI, OSC …) and the
/// bidirectional controls ([`is_bidi_control`]).
pub fn is_terminal_control(c: char) -> bool {
    (c < ' ' && c != '\t')
        || c == '\x7f'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || is_bidi_control(c)
}

/// Replaces every character `bad` accepts by its visible escape, `\u{1b}` for ESC.
fn escape_where(s: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            let _ = write!(out, "{}", c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` for one line of a terminal: every terminal control, line breaks included, as a visible
/// escape (`\u{1b}`, `\u{a}`). For paths, codes and the lines of `short` and `outline`.
pub fn terminal_line(s: &str) -> Cow<'_, str> {
    escape_where(s, is_terminal_control)
}

/// `s` for a terminal, keeping its line feeds (a message or note may have several lines): every
/// other terminal control, CR included, as a visible escape.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c != '\n' && is_terminal_control(c))
}

/// `s` with every bidirectional control as its visible escape (`\u{202e}`), the rest as it is:
/// for formats shown in a browser that must keep other text whole (GitHub annotations).
pub fn bidi(s: &str) -> Cow<'_, str> {
    escape_where(s, is_bidi_control)
}

/// Source text for codespan-reporting, which prints the lines a label points into itself.
///
/// Spans are byte ranges into the original text and codespan computes the column it prints
/// (`--> path:3:5`) by counting characters, so the display copy must keep both: every control
/// is replaced by a character of the same UTF-8 length, a 1-byte control (C0, DEL) by `?`, a
/// 2-byte one (C1, U+061C) by `¿` (U+00BF) and a 3-byte bidirectional control by U+FFFD. A
/// visible `\u{1b}` escape would be longer and every span after it would need remapping. Line feeds and CRs stay: they are the line ends
/// the file's line index was built from, and codespan trims them from the lines it prints.
pub fn same_length_source(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\r';
    if !text.chars().any(|c| is_terminal_control(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if keep(c) || !is_terminal_control(c) => c,
                c if c.len_utf8() == 1 => '?',
                c if c.len_utf8() == 2 => '¿',
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// Whether XML 1.0 forbids `c` even as a character reference: the C0 controls except TAB, LF
/// and CR, and U+FFFE and U+FFFF (lone surrogates cannot occur in a Rust string).
pub fn is_xml_illegal(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

/// `s` with every character XML 1.0 forbids as its visible escape (`\u{1}`), so a reader of the
/// report sees which character the plan had. Markup escaping is the XML writer's job.
pub fn xml(s: &str) -> Cow<'_, str> {
    escape_where(s, is_xml_illegal)
}

/// A file's display path as a URI reference (RFC 3986), for SARIF's `artifactLocation.uri`.
///
/// Backslashes become `/`. A relative path stays a relative reference; an absolute one (`/…`,
/// `//server/share/…`, `C:/…`) becomes a `file:` URI. Every byte of a segment outside the
/// unreserved characters (`A–Z a–z 0–9 - . _ ~`) is percent-encoded as UTF-8, so a space, `#`,
/// `%`, `?`, `:` (which would read as a scheme) and every non-ASCII letter are escaped; `/` is
/// kept, and so is the drive's `:`.
pub fn uri(path: &str) -> String {
    uri_of_bytes(path.replace('\\', "/").as_bytes())
}

/// A file's own path as a URI reference, for a file whose display path escapes part of its
/// name ([`crate::source::shown_path`]): on Unix the name's bytes are percent-encoded as they
/// are, so a byte that is not UTF-8 is `%FF` and a backslash, part of a name there, `%5C`.
#[cfg(unix)]
pub fn file_uri(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt as _;
    uri_of_bytes(path.as_os_str().as_bytes())
}

/// A file's own path as a URI reference (see the Unix version).
#[cfg(not(unix))]
pub fn file_uri(path: &std::path::Path) -> String {
    uri(&path.to_string_lossy())
}

/// [`uri`] of a path with `/` as its separator, as bytes.
fn uri_of_bytes(bytes: &[u8]) -> String {
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (prefix, rest) = if drive {
        ("file:///", bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"//") {
        ("file://", rest)
    } else if bytes.starts_with(b"/") {
        ("file://", bytes)
    } else {
        ("", bytes)
    };
    let mut out = String::with_capacity(prefix.len() + rest.len());
    out.push_str(prefix);
    for (i, &b) in rest.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_controls_and_keeps_ordinary_text_borrowed() {
        assert!(matches!(terminal_line("Bostäder\tx"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_line("a\u{1b}]0;t\u{7}b\n"),
            "a\\u{1b}]0;t\\u{7}b\\u{a}"
        );
        assert_eq!(
            terminal_text("a\nb\r\u{9b}c\u{7f}"),
            "a\nb\\u{d}\\u{9b}c\\u{7f}"
        );
    }

    #[test]
    fn every_bidirectional_control_is_escaped_for_a_terminal_and_nothing_else_is() {
        let controls = [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ];
        for c in controls {
            let s = format!("a{c}b");
            let escaped = format!("a{}b", c.escape_unicode());
            assert_eq!(terminal_line(&s), escaped);
            assert_eq!(terminal_text(&s), escaped);
            assert_eq!(bidi(&s), escaped);
        }
        // Right-to-left letters are text, not controls; zero-width joiners are not bidi.
        assert!(matches!(terminal_line("שלום مرحبا"), Cow::Borrowed(_)));
        assert!(matches!(bidi("a\u{200d}b\u{1b}"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_source_copy_keeps_byte_and_character_positions() {
        let text = "# A\u{1b}[2J\u{9b}ö\r\nb\u{0}\n";
        let shown = same_length_source(text);
        assert_eq!(shown, "# A?[2J¿ö\r\nb?\n");
        let text = "## \u{202e}dlroW\u{202c} \u{61c}x\u{2067}\u{200f}\n";
        let shown = same_length_source(text);
        assert_eq!(shown, "## \u{fffd}dlroW\u{fffd} ¿x\u{fffd}\u{fffd}\n");
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        for (i, _) in text.char_indices() {
            assert!(shown.is_char_boundary(i));
        }
    }

    #[test]
    fn xml_replaces_only_what_xml_forbids() {
        assert_eq!(
            xml("a\u{1}b\tc\n\u{ffff}\u{85}"),
            "a\\u{1}b\tc\n\\u{ffff}\u{85}"
        );
    }

    #[test]
    fn uris_are_percent_encoded_and_absolute_paths_are_file_uris() {
        assert_eq!(uri("plans/undantag.md"), "plans/undantag.md");
        assert_eq!(uri("a b/#1 100%?.md"), "a%20b/%231%20100%25%3F.md");
        assert_eq!(uri("planer\\förvaltning.md"), "planer/f%C3%B6rvaltning.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
        assert_eq!(uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
        assert_eq!(uri("C:\\p\\a.md"), "file:///C:/p/a.md");
        assert_eq!(uri("\\\\srv\\share\\a.md"), "file://srv/share/a.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }

    #[cfg(unix)]
    #[test]
    fn a_files_own_path_is_percent_encoded_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt as _;
        let path = |b: &[u8]| std::path::Path::new(std::ffi::OsStr::from_bytes(b)).to_owned();
        assert_eq!(file_uri(&path(b"planer/\xff.md")), "planer/%FF.md");
        assert_eq!(file_uri(&path(b"planer/\\xFF.md")), "planer/%5CxFF.md");
        assert_eq!(
            file_uri(&path("/tmp/\u{fffd}.md".as_bytes())),
            "file:///tmp/%EF%BF%BD.md"
        );
    }
}
