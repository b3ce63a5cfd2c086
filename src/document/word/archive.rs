//! The zip archive a Word or OpenDocument file is, read under budgets: the entries are counted
//! before any is read, and an entry's size is checked against what is left of the plan cap and
//! against its compressed size before it is inflated; what it inflates to is cut at what it
//! declared, so a header that lies gains nothing.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::WordError;

/// The most entries an archive may hold. Word writes a few dozen; a template with many
/// images a few hundred.
pub(super) const MAX_ENTRIES: usize = 10_000;

/// The most an entry may inflate to per byte it takes in the archive, once it is larger than
/// [`RATIO_FREE`]. Word's XML packs ten to fifty times; deflate's own limit is about 1,032.
const MAX_RATIO: u64 = 200;

/// Entries up to this size may pack any amount (a page of empty paragraphs packs well).
const RATIO_FREE: u64 = 4 << 20;

/// An archive being read, with what is left of its budget of inflated bytes.
pub(super) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip archive whose entries may inflate to `budget` bytes in all.
    pub(super) fn open(bytes: &'a [u8], budget: u64) -> Result<Self, WordError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(_) => WordError::Unsupported,
            _ => WordError::Damaged,
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(WordError::TooManyEntries(zip.len()));
        }
        Ok(Archive { zip, left: budget })
    }

    /// Whether the archive holds an entry `name`.
    pub(super) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The entry `name` as text (lossily decoded, a BOM dropped), or `None` when there is none.
    pub(super) fn text(&mut self, name: &str) -> Result<Option<String>, WordError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
                WordError::Encrypted
            }
            ZipError::UnsupportedArchive(_) => WordError::Unsupported,
            _ => WordError::Damaged,
        })?;
        if entry.encrypted() {
            return Err(WordError::Encrypted);
        }
        let declared = entry.size();
        let packed = entry.compressed_size().max(1);
        if declared > self.left || (declared > RATIO_FREE && declared / packed > MAX_RATIO) {
            return Err(WordError::TooLarge);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(1 << 24));
        entry
            .take(declared + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| WordError::Damaged)?;
        if bytes.len() as u64 > declared {
            // It inflates to more than it says: a header that lies.
            return Err(WordError::TooLarge);
        }
        self.left -= bytes.len() as u64;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Ok(Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }))
    }
}
