//! Fields and content controls of `word/document.xml`, and the elements whose contents are never
//! the plan's text where they stand.

use crate::document::word::WordError;

/// The most fields or content controls open at once.
pub(super) const MAX_OPEN: usize = 64;

/// A complex field being read (`w:fldChar` begin … separate … end).
struct Field {
    /// Its code so far, until the separator.
    code: Option<String>,
    /// Whether it is a table of contents (or another generated index), whose result is
    /// not the plan's text.
    generated: bool,
}

/// The complex fields open, innermost last.
#[derive(Default)]
pub(super) struct Fields(Vec<Field>);

impl Fields {
    /// A `w:fldChar` of this `w:fldCharType`.
    pub(super) fn char(&mut self, kind: Option<&str>) -> Result<(), WordError> {
        match kind {
            Some("begin") => {
                if self.0.len() >= MAX_OPEN {
                    return Err(WordError::TooDeep("word/document.xml"));
                }
                self.0.push(Field {
                    code: Some(String::new()),
                    generated: false,
                });
            }
            Some("separate") => {
                if let Some(f) = self.0.last_mut() {
                    if let Some(code) = f.code.take() {
                        f.generated = generated(&code);
                    }
                }
            }
            Some("end") => {
                self.0.pop();
            }
            _ => {}
        }
        Ok(())
    }

    /// Text of the innermost field's code (`w:instrText`).
    pub(super) fn code(&mut self, text: &str) {
        if let Some(Field {
            code: Some(code), ..
        }) = self.0.last_mut()
        {
            if code.len() < 256 {
                code.push_str(text);
            }
        }
    }

    /// Whether text here is shown: not a field's code, not a generated list's entries.
    pub(super) fn shows(&self) -> bool {
        self.0.iter().all(|f| f.code.is_none() && !f.generated)
    }
}

/// A content control being read.
#[derive(Default)]
pub(super) struct Control {
    pub(super) placeholder: bool,
    pub(super) toc: bool,
}

/// Elements whose contents are never the plan's text where they stand.
pub(super) fn left_out(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"delText"
            | b"delInstrText"
            | b"drawing"
            | b"pict"
            | b"object"
            | b"AlternateContent"
            | b"txbxContent"
            | b"footnoteReference"
            | b"endnoteReference"
            | b"commentReference"
            | b"rubyBase"
            | b"pPrChange"
            | b"rPrChange"
            | b"sectPr"
    )
}

/// Whether a field code makes a generated list (table of contents, index, table of figures).
pub(super) fn generated(code: &str) -> bool {
    let word = code
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(word.as_str(), "TOC" | "INDEX" | "TOA")
}
