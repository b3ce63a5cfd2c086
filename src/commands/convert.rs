//! `planlint convert`: a Word or OpenDocument plan printed as Markdown, the reading planlint
//! judged: one paragraph after each `<!-- stycke N -->` marker (the number every finding on
//! the plan names), headings as `#`, list items as `-`, a paragraph that looks like a heading
//! in bold, placeholders in square brackets. `check` on the printed Markdown gives the verdicts
//! `check` gives on the document; a department can move its plan into the repository with it.

use std::io::{Read as _, Write};
use std::path::Path;

use super::Outcome;
use crate::discover::DiscoverError;
use crate::document::{Document, Paragraph, Role, Shape};
use crate::error::Error;
use crate::i18n::{os_reason, t, Lang};
use crate::run::MAX_PLAN_BYTES;

pub(super) fn run(file: &Path, lang: Lang, out: &mut dyn Write) -> Result<Outcome, Error> {
    let not_read = |e: std::io::Error| DiscoverError {
        path: file.to_path_buf(),
        reason: os_reason(&e),
    };
    super::a_regular_file(file)?;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes))
        .map_err(not_read)?;
    let shown = crate::source::shown_path(file);
    let not_text = |message, help| Error::NotText {
        path: file.to_path_buf(),
        message,
        help,
    };
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        let (message, help) = crate::run::too_large();
        return Err(not_text(message, help));
    }
    let Some(reader) = crate::document::reader_for(&bytes, &shown) else {
        return Err(not_text(
            t(
                "filen är inget Word- eller OpenDocument-dokument; `convert` läser .docx och .odt",
                "the file is not a Word or OpenDocument document; `convert` reads .docx and .odt",
            ),
            t(
                "en plan i Markdown behöver inte konverteras: `planlint check` granskar den som den är",
                "a Markdown plan needs no converting: `planlint check` checks it as it is",
            ),
        ));
    };
    let plan = Document::read_word(&bytes, reader).map_err(|e| not_text(e.message(), e.help()))?;
    out.write_all(front_matter(&plan.properties).as_bytes())?;
    out.write_all(markdown(&plan.paragraphs, lang).as_bytes())?;
    Ok(Outcome::Clean)
}

/// The document's custom properties as front matter (every key and value quoted), or nothing.
fn front_matter(properties: &[(String, String)]) -> String {
    use std::fmt::Write as _;
    if properties.is_empty() {
        return String::new();
    }
    let quoted = |s: &str| {
        let mut q = String::from('"');
        for c in s.chars() {
            match c {
                '"' => q.push_str("\\\""),
                '\\' => q.push_str("\\\\"),
                c if c.is_control() => q.push(' '),
                c => q.push(c),
            }
        }
        q.push('"');
        q
    };
    let mut out = String::from("---\n");
    for (key, value) in properties {
        let _ = writeln!(out, "{}: {}", quoted(key), quoted(value));
    }
    out.push_str("---\n\n");
    out
}

/// The paragraphs as Markdown, each after its numbered marker.
pub(crate) fn markdown(paragraphs: &[Paragraph], lang: Lang) -> String {
    let word = lang.pick("stycke", "paragraph");
    let mut out = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        use std::fmt::Write as _;
        let _ = writeln!(out, "<!-- {word} {} -->", i + 1);
        let text = escaped(&p.text);
        let _ = match p.role {
            Role::Title => writeln!(out, "# {text}"),
            Role::Heading(level) => {
                writeln!(out, "{} {text}", "#".repeat(usize::from(level.clamp(1, 6))))
            }
            Role::Body if p.emphasized => writeln!(out, "**{text}**"),
            Role::Body if p.shape == Shape::ListItem => writeln!(out, "- {text}"),
            Role::Body => writeln!(out, "{text}"),
        };
        out.push('\n');
    }
    out
}

/// `text` as Markdown that shows it as it is: every character that could start markup is
/// escaped, except the square brackets of a placeholder.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        let escape = match c {
            '\\' | '*' | '_' | '`' | '<' | '>' | '&' | '|' | '~' | '$' => true,
            '!' => chars.peek() == Some(&'['),
            '#' | '-' | '+' | '=' => at_start,
            '.' | ')' => at_start_number(&out),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        at_start = false;
    }
    out
}

/// Whether `out` so far is only digits (so a `.` or `)` next would make a numbered list).
fn at_start_number(out: &str) -> bool {
    !out.is_empty() && out.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_paragraph_is_escaped_and_placeholders_stay() {
        assert_eq!(
            escaped("# 1. *a* <b> [Ange text] ![x]"),
            "\\# 1. \\*a\\* \\<b\\> [Ange text] \\![x]"
        );
        assert_eq!(escaped("3. Bostäder"), "3\\. Bostäder");
        assert_eq!(escaped("- punkt"), "\\- punkt");
    }
}
