//! What a file is when it is not a plan in Markdown text — a Word document, a PDF, an RTF
//! document, other binary data, or text that is not UTF-8 — told from its bytes, with what to
//! do about it. `check` reports it as a finding of planlint's own; `outline` stops with it.

use crate::diagnostic::codes::{self, Code};
use crate::i18n::{t, Localized};

/// Bytes that are not a plan in Markdown text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotText {
    /// A Word document: `.docx` (a zip holding `word/`) or, `legacy`, the older `.doc`.
    Word {
        /// The older binary format (`.doc`) rather than `.docx`.
        legacy: bool,
    },
    /// An OpenDocument text (`.odt`, e.g. from LibreOffice).
    OpenDocument,
    /// Another zip archive.
    Zip,
    /// A PDF.
    Pdf,
    /// An RTF document (text, but not Markdown).
    Rtf,
    /// Other binary data: a NUL byte at this offset.
    Binary(usize),
    /// Text that is not valid UTF-8: the first bad byte and its offset.
    NotUtf8 {
        /// Offset of the first bad byte.
        at: usize,
        /// The byte.
        byte: u8,
    },
}

/// The magic bytes of an OLE compound file: Word `.doc` and the other older Office formats.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How much of a file is looked at for a NUL byte or a zip's contents.
const LOOK: usize = 8192;

/// [`classify_head`] and invalid UTF-8 together, for the tests.
#[cfg(test)]
pub(crate) fn classify(bytes: &[u8], path: &str) -> Option<NotText> {
    classify_head(bytes, path).or_else(|| {
        std::str::from_utf8(bytes).err().map(|e| {
            let at = e.valid_up_to();
            NotText::NotUtf8 {
                at,
                byte: bytes[at],
            }
        })
    })
}

/// What `bytes` are, if not a text planlint can read as a plan, from the first bytes only:
/// everything but invalid UTF-8, which the caller finds when it turns the bytes into text.
/// `path` (as shown) helps tell an older Word file from another Office file.
pub(crate) fn classify_head(bytes: &[u8], path: &str) -> Option<NotText> {
    let head = &bytes[..bytes.len().min(LOOK)];
    let contains = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(if contains(b"word/") {
            NotText::Word { legacy: false }
        } else if contains(b"opendocument.text") {
            NotText::OpenDocument
        } else {
            NotText::Zip
        });
    }
    if bytes.starts_with(OLE) {
        let extension = std::path::Path::new(path).extension();
        let word = extension
            .is_some_and(|e| e.eq_ignore_ascii_case("doc") || e.eq_ignore_ascii_case("dot"));
        return Some(if word {
            NotText::Word { legacy: true }
        } else {
            NotText::Binary(memchr::memchr(0, head).unwrap_or(0))
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Some(NotText::Pdf);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(NotText::Rtf);
    }
    memchr::memchr(0, head).map(NotText::Binary)
}

const AS_DOCX: (&str, &str) = (
    "öppna planen i Word eller LibreOffice och spara den som Word-dokument (.docx) eller OpenDocument-text (.odt); de formaten granskas som de står",
    "open the plan in Word or LibreOffice and save it as a Word document (.docx) or OpenDocument text (.odt); those formats are checked as they stand",
);

impl NotText {
    /// planlint's code for it.
    pub(crate) fn code(self) -> Code {
        match self {
            NotText::NotUtf8 { .. } => codes::NOT_UTF8,
            _ => codes::BINARY,
        }
    }

    /// What the file is, as the headline of a message.
    pub(crate) fn message(self) -> Localized {
        let (sv, en) = match self {
            NotText::Word { legacy: false } => (
                "filen är ett Word-dokument (.docx), inte en plan i Markdown",
                "the file is a Word document (.docx), not a Markdown plan",
            ),
            NotText::Word { legacy: true } => (
                "filen är ett Word-dokument i det äldre formatet (.doc), inte en plan i Markdown",
                "the file is a Word document in the older format (.doc), not a Markdown plan",
            ),
            NotText::OpenDocument => (
                "filen är ett OpenDocument-dokument (.odt), inte en plan i Markdown",
                "the file is an OpenDocument text (.odt), not a Markdown plan",
            ),
            NotText::Zip => (
                "filen är ett zip-arkiv, inte en plan i Markdown",
                "the file is a zip archive, not a Markdown plan",
            ),
            NotText::Pdf => (
                "filen är en PDF, inte en plan i Markdown",
                "the file is a PDF, not a Markdown plan",
            ),
            NotText::Rtf => (
                "filen är ett RTF-dokument, inte en plan i Markdown",
                "the file is an RTF document, not a Markdown plan",
            ),
            NotText::Binary(_) => (
                "filen innehåller binära data och är ingen plan i Markdown",
                "the file holds binary data and is not a Markdown plan",
            ),
            NotText::NotUtf8 { byte, .. } => {
                return t(
                    format!("filen är inte giltig UTF-8 (0x{byte:02X})"),
                    format!("the file is not valid UTF-8 (0x{byte:02X})"),
                )
            }
        };
        t(sv, en)
    }

    /// What to do about it.
    pub(crate) fn help(self) -> Localized {
        let (sv, en) = match self {
            NotText::Word { .. } | NotText::OpenDocument | NotText::Rtf => AS_DOCX,
            NotText::Pdf => (
                "en PDF kan inte granskas: lämna in originalet (Word-dokumentet som .docx, eller .odt eller Markdown) i stället",
                "a PDF cannot be checked: hand in the original instead (the Word document as .docx, or .odt or Markdown)",
            ),
            NotText::Zip | NotText::Binary(_) => (
                "kontrollera att det är rätt fil; planlint granskar planer i Markdown (.md), sparade som text",
                "check that it is the right file; planlint checks plans in Markdown (.md), saved as text",
            ),
            NotText::NotUtf8 { .. } => (
                "spara planen som UTF-8-text (i de flesta redigerare: Spara som → Kodning: UTF-8) och kör planlint igen",
                "save the plan as UTF-8 text (in most editors: Save as → Encoding: UTF-8) and run planlint again",
            ),
        };
        t(sv, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_told_from_their_first_bytes() {
        let docx = b"PK\x03\x04\x14\0\x06\0[Content_Types].xml\0\0word/document.xml";
        assert_eq!(
            classify(docx, "plan.docx"),
            Some(NotText::Word { legacy: false })
        );
        let odt = b"PK\x03\x04\0\0mimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(classify(odt, "plan.odt"), Some(NotText::OpenDocument));
        assert_eq!(
            classify(b"PK\x03\x04\0\0data.csv", "a.zip"),
            Some(NotText::Zip)
        );
        let mut doc = OLE.to_vec();
        doc.extend_from_slice(&[0, 0, 0]);
        assert_eq!(
            classify(&doc, "Plan.DOC"),
            Some(NotText::Word { legacy: true })
        );
        assert_eq!(classify(&doc, "budget.xls"), Some(NotText::Binary(8)));
        assert_eq!(
            classify(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "p.pdf"),
            Some(NotText::Pdf)
        );
        assert_eq!(
            classify(b"{\\rtf1\\ansi Plan}", "p.rtf"),
            Some(NotText::Rtf)
        );
        assert_eq!(classify(b"# Plan\n\0", "p.md"), Some(NotText::Binary(7)));
        assert_eq!(
            classify(b"# Plan\nBost\xE4der", "p.md"),
            Some(NotText::NotUtf8 { at: 11, byte: 0xE4 })
        );
        assert_eq!(classify("# Plan\nBostäder".as_bytes(), "p.md"), None);
        assert_eq!(classify(b"", "p.md"), None);
    }
}
