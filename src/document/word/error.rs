//! Why a Word or OpenDocument file could not be read, and what a message about it says.

use super::{xml, Reader};
use crate::i18n::{t, Localized};

/// Why a Word or OpenDocument file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordError {
    /// The name says Word or OpenDocument, but the bytes are not a zip archive.
    NotAnArchive(Reader),
    /// The zip archive is damaged or cut short.
    Damaged,
    /// The archive uses a feature the reader does not have (a compression method, multiple
    /// disks).
    Unsupported,
    /// The document is protected with a password.
    Encrypted,
    /// Its contents inflate to more than the plan cap, or pack suspiciously well.
    TooLarge,
    /// The archive holds this many entries, more than a document ever does.
    TooManyEntries(usize),
    /// A part nests deeper than the reader follows.
    TooDeep(&'static str),
    /// A part has a document type declaration (which may declare entities), which Word and
    /// LibreOffice never write.
    Dtd(&'static str),
    /// A part that every such document has is missing.
    Missing(&'static str),
    /// A part is not well-formed XML, at this byte.
    BadXml {
        /// The part.
        part: &'static str,
        /// Byte offset in the part.
        at: u64,
    },
}

impl WordError {
    /// What is wrong, as the headline of a message.
    pub fn message(&self) -> Localized {
        match self {
            WordError::NotAnArchive(Reader::OpenDocument) => t(
                "filen har ändelsen för OpenDocument-text (.odt) men är inte ett OpenDocument-dokument",
                "the file has the extension of an OpenDocument text (.odt) but is not an OpenDocument document",
            ),
            WordError::NotAnArchive(_) => t(
                "filen har ändelsen för ett Word-dokument (.docx) men är inte ett Word-dokument",
                "the file has the extension of a Word document (.docx) but is not a Word document",
            ),
            WordError::Damaged => t(
                "dokumentet är skadat eller ofullständigt: dess zip-arkiv kan inte läsas",
                "the document is damaged or incomplete: its zip archive cannot be read",
            ),
            WordError::Unsupported => t(
                "dokumentet är packat på ett sätt som planlint inte läser",
                "the document is packed in a way planlint does not read",
            ),
            WordError::Encrypted => t(
                "dokumentet är skyddat med lösenord och kan inte läsas",
                "the document is protected with a password and cannot be read",
            ),
            WordError::TooLarge => t(
                "dokumentet packas upp till mer än 64 MB, eller packas ihop misstänkt mycket; det lästes inte",
                "the document unpacks to more than 64 MB, or packs suspiciously well; it was not read",
            ),
            WordError::TooManyEntries(n) => t(
                format!("dokumentets zip-arkiv har {n} delar; ett dokument har sällan fler än några hundra, så det lästes inte"),
                format!("the document's zip archive has {n} entries; a document seldom has more than a few hundred, so it was not read"),
            ),
            WordError::TooDeep(part) => t(
                format!("dokumentets XML ({part}) är nästlad djupare än {} nivåer; det lästes inte", xml::MAX_DEPTH),
                format!("the document's XML ({part}) nests deeper than {} levels; it was not read", xml::MAX_DEPTH),
            ),
            WordError::Dtd(part) => t(
                format!("dokumentets XML ({part}) har en DTD (`<!DOCTYPE`), som Word och LibreOffice aldrig skriver; planlint läser inga DTD:er, så det lästes inte"),
                format!("the document's XML ({part}) has a DTD (`<!DOCTYPE`), which Word and LibreOffice never write; planlint reads no DTDs, so it was not read"),
            ),
            WordError::Missing(part) => t(
                format!("dokumentet saknar sin text ({part})"),
                format!("the document has no text part ({part})"),
            ),
            WordError::BadXml { part, at } => t(
                format!("dokumentets XML ({part}) är felaktig vid byte {at}"),
                format!("the document's XML ({part}) is malformed at byte {at}"),
            ),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Localized {
        match self {
            WordError::NotAnArchive(_) => t(
                "öppna filen i Word eller LibreOffice och spara den som Word-dokument (.docx) eller OpenDocument-text (.odt); är den en plan i Markdown, ge den ändelsen .md",
                "open the file in Word or LibreOffice and save it as a Word document (.docx) or OpenDocument text (.odt); if it is a Markdown plan, give it the extension .md",
            ),
            WordError::Encrypted => t(
                "spara en kopia utan lösenord (i Word: Arkiv > Info > Skydda dokument > Kryptera med lösenord, töm fältet) och granska kopian",
                "save a copy without a password (in Word: File > Info > Protect Document > Encrypt with Password, clear the field) and check the copy",
            ),
            _ => t(
                "öppna dokumentet i Word eller LibreOffice; går det att öppna, spara det på nytt som .docx eller .odt och granska det igen",
                "open the document in Word or LibreOffice; if it opens, save it again as .docx or .odt and check it again",
            ),
        }
    }
}
