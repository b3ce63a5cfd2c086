//! Office Open XML (ECMA-376) as Word writes it: `word/styles.xml` for what each paragraph
//! style is, then `word/document.xml`'s body, paragraph by paragraph.
//!
//! A paragraph is a heading of level N when its outline level (`w:outlineLvl`, set on the
//! paragraph or through its style's `w:basedOn` chain) is N−1, or when its style, or one it is
//! based on, is a built-in heading (`w:name` "heading 1" … "heading 9", whatever the style's
//! localized id: Swedish Word writes `Rubrik1`). The Title style (`w:name` "Title") is the
//! plan's title. Numbering Word adds (`w:numPr`) is not in the text; a list paragraph is a
//! list item. Left out: tracked deletions and moves away (`w:del`, `w:moveFrom`), hidden runs
//! (`w:vanish`, directly or through a style), white text with nothing behind it, text of at
//! most 2 points, field codes (`w:instrText`), the table of
//! contents (its field, its content control and its `toc N` paragraphs), drawings, pictures
//! and embedded objects (text boxes, shapes and images' alt text), and the parts Word shows
//! outside the body (comments, headers, footers, footnotes, endnotes) are never read.
mod body;
mod fields;
mod styles;

use super::archive::Archive;
use super::xml::{attr, local, Events, Xml};
use super::{Paragraph, WordError};
use body::Body;
use styles::{styles, Styles};

/// Reads the body of the document in `archive`.
///
/// The main part and its styles are found as Word finds them: through the package's
/// relationships (`_rels/.rels`, then the main part's own), never by a name a part merely has.
pub(super) fn read(archive: &mut Archive<'_>) -> Result<Vec<Paragraph>, WordError> {
    let main = match related(archive, "_rels/.rels", "", "/officeDocument")? {
        Related::To(part) => part,
        Related::None => return Err(WordError::Missing("word/document.xml")),
        Related::NoRelationships => "word/document.xml".to_owned(),
    };
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let styles_part = match related(archive, &rels, folder, "/styles")? {
        Related::To(part) => Some(part),
        Related::None => None,
        Related::NoRelationships => Some(format!("{folder}/styles.xml")),
    };
    let styles = match styles_part {
        Some(part) => match archive.text(&part)? {
            Some(xml) => styles(&xml)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let Some(xml) = archive.text(&main)? else {
        return Err(if archive.has("EncryptedPackage") {
            WordError::Encrypted
        } else {
            WordError::Missing("word/document.xml")
        });
    };
    Body::new(&styles).read(&xml)
}

/// What a relationships part says of a kind of part.
enum Related {
    /// The part it names.
    To(String),
    /// It names none of that kind.
    None,
    /// There is no such relationships part.
    NoRelationships,
}

/// The part that the first internal relationship of `kind` (the end of its type, such as
/// `/officeDocument`) in the relationships part `rels` points to, resolved against `folder`.
fn related(
    archive: &mut Archive<'_>,
    rels: &str,
    folder: &str,
    kind: &str,
) -> Result<Related, WordError> {
    let Some(xml) = archive.text(rels)? else {
        return Ok(Related::NoRelationships);
    };
    let mut events = Events::new(&xml, "_rels");
    while let Some(event) = events.next()? {
        let Xml::Open(e, _) = event else {
            continue;
        };
        if local(e.name().as_ref()) != b"Relationship"
            || !attr(&e, b"Type").is_some_and(|t| t.ends_with(kind))
            || attr(&e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"))
        {
            continue;
        }
        if let Some(target) = attr(&e, b"Target") {
            return Ok(Related::To(resolve(folder, &target)));
        }
    }
    Ok(Related::None)
}

/// A relationship's target as a part name: absolute (`/word/document.xml`) or relative to
/// `folder`, with `.` and `..` folded.
fn resolve(folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if folder.is_empty() => target.to_owned(),
        None => format!("{folder}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}
