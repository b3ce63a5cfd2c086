//! The documents the editor has open: their text as the editor has it, kept in step with
//! incremental changes, and when each is due to be linted again.
//!
//! Positions from the editor are UTF-16 code units on lines ended by `\n`, `\r\n` or `\r`
//! ([`crate::source::utf16_offset`] maps them to bytes). Nothing here lints or writes.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::workspace::ConfigKey;
use crate::run::Analysis;
use crate::source::utf16_offset;

/// What planlint does with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A Markdown plan: linted.
    Plan,
    /// Anything else (a config file or pack, say): kept so that errors in it can be shown.
    Other,
}

/// One open document.
#[derive(Debug)]
pub(super) struct Doc {
    /// The URI as the editor wrote it (diagnostics go back under the same one).
    pub(super) uri: Uri,
    /// Its file, for a `file:` URI.
    pub(super) path: Option<PathBuf>,
    /// What it is.
    pub(super) kind: Kind,
    /// The editor's version of the text.
    pub(super) version: i32,
    /// The text.
    pub(super) text: String,
    /// When a change not yet linted must be linted: after a quiet spell, and at the latest by
    /// a deadline.
    pub(super) due: Option<Due>,
    /// The one analysis of the current text (findings, document, areas), once linted.
    pub(super) last: Option<Analysis>,
    /// The config that judged `last`, for reloads (`None`: not yet linted).
    pub(super) config: Option<ConfigKey>,
}

/// When a changed document is linted.
#[derive(Debug, Clone, Copy)]
pub(super) struct Due {
    /// After this much quiet since the last change.
    pub(super) quiet_until: Instant,
    /// And no later than this, however fast changes come.
    pub(super) deadline: Instant,
}

impl Due {
    /// The moment it falls due.
    pub(super) fn at(&self) -> Instant {
        self.quiet_until.min(self.deadline)
    }
}

/// How long to wait after a change before linting.
#[derive(Debug, Clone, Copy)]
pub(super) struct Debounce {
    /// Quiet time after the last change.
    pub(super) quiet: Duration,
    /// The longest a change waits while changes keep coming.
    pub(super) max_wait: Duration,
}

impl Debounce {
    /// 150 ms of quiet, at most 600 ms: a pause in typing, and never a stale screen for long.
    pub(super) const DEFAULT: Debounce = Debounce {
        quiet: Duration::from_millis(150),
        max_wait: Duration::from_millis(600),
    };

    /// The same quiet time in milliseconds, the deadline four times that; 0 lints after every
    /// change.
    pub(super) fn millis(ms: u64) -> Debounce {
        Debounce {
            quiet: Duration::from_millis(ms),
            max_wait: Duration::from_millis(ms.saturating_mul(4)),
        }
    }
}

/// Why a change could not be applied.
#[derive(Debug)]
pub(super) struct UnknownDocument;

/// The open documents by URI.
#[derive(Debug, Default)]
pub(super) struct Documents {
    docs: HashMap<String, Doc>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub(super) fn open(
        &mut self,
        uri: Uri,
        language: &str,
        version: i32,
        text: String,
    ) -> &mut Doc {
        let path = file_path(&uri);
        let kind = if language.eq_ignore_ascii_case("markdown")
            || path
                .as_deref()
                .is_some_and(crate::discover::looks_like_markdown)
        {
            Kind::Plan
        } else {
            Kind::Other
        };
        let doc = Doc {
            uri,
            path,
            kind,
            version,
            text,
            due: None,
            last: None,
            config: None,
        };
        match self.docs.entry(doc.uri.as_str().to_owned()) {
            Entry::Occupied(mut e) => {
                e.insert(doc);
                e.into_mut()
            }
            Entry::Vacant(e) => e.insert(doc),
        }
    }

    /// Closes a document; returns it if it was open.
    pub(super) fn close(&mut self, uri: &Uri) -> Option<Doc> {
        self.docs.remove(uri.as_str())
    }

    /// The open document at `uri`.
    pub(super) fn get(&self, uri: &Uri) -> Option<&Doc> {
        self.docs.get(uri.as_str())
    }

    /// The open document at `uri`, to change.
    pub(super) fn get_mut(&mut self, uri: &Uri) -> Option<&mut Doc> {
        self.docs.get_mut(uri.as_str())
    }

    /// Applies the editor's changes in order, and schedules a lint by `debounce`.
    pub(super) fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        debounce: Debounce,
        now: Instant,
    ) -> Result<&mut Doc, UnknownDocument> {
        let doc = self.docs.get_mut(uri.as_str()).ok_or(UnknownDocument)?;
        for change in changes {
            apply(&mut doc.text, change);
        }
        doc.version = version;
        doc.last = None;
        doc.due = Some(Due {
            quiet_until: now + debounce.quiet,
            deadline: doc.due.map_or(now + debounce.max_wait, |d| d.deadline),
        });
        Ok(doc)
    }

    /// Every open document, to change.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Doc> {
        self.docs.values_mut()
    }

    /// The earliest moment a changed document falls due.
    pub(super) fn next_due(&self) -> Option<Instant> {
        self.docs
            .values()
            .filter_map(|d| d.due.map(|d| d.at()))
            .min()
    }

    /// The URIs of documents due at `now`.
    pub(super) fn due(&self, now: Instant) -> Vec<Uri> {
        self.docs
            .values()
            .filter(|d| d.due.is_some_and(|d| d.at() <= now))
            .map(|d| d.uri.clone())
            .collect()
    }

    /// The open document whose file is `path`.
    pub(super) fn by_path(&self, path: &Path) -> Option<&Doc> {
        self.docs.values().find(|d| d.path.as_deref() == Some(path))
    }
}

/// Applies one change: a range replaced, or (without a range) the whole text.
fn apply(text: &mut String, change: TextDocumentContentChangeEvent) {
    let Some(range) = change.range else {
        *text = change.text;
        return;
    };
    let start = utf16_offset(
        text,
        range.start.line as usize,
        range.start.character as usize,
    );
    let end = utf16_offset(text, range.end.line as usize, range.end.character as usize);
    let (start, end) = (start.min(end), start.max(end));
    text.replace_range(start..end, &change.text);
}

/// The file a `file:` URI names (`None` for other schemes, or a URI with a remote host).
pub(super) fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri
        .scheme()
        .is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"))
    {
        return None;
    }
    if let Some(auth) = uri.authority() {
        let host = auth.as_str();
        if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
            return None;
        }
    }
    let decoded = uri.path().as_estr().decode().into_string().ok()?;
    // `file:///C:/plans/x.md` on Windows: the drive letter follows the first slash.
    let bytes = decoded.as_bytes();
    let path = if cfg!(windows) && bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':' {
        decoded[1..].to_owned()
    } else {
        decoded.into_owned()
    };
    let path = PathBuf::from(path);
    path.is_absolute().then_some(path)
}

#[cfg(test)]
mod tests {
    use super::{apply, file_path};
    use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
    use std::str::FromStr;

    fn edit(text: &mut String, from: (u32, u32), to: (u32, u32), new: &str) {
        apply(
            text,
            TextDocumentContentChangeEvent {
                range: Some(Range::new(
                    Position::new(from.0, from.1),
                    Position::new(to.0, to.1),
                )),
                range_length: None,
                text: new.to_owned(),
            },
        );
    }

    #[test]
    fn edits_count_utf16_units_after_emoji_and_nfd_letters() {
        let mut text = "# Plan\n## Bostäder 🏠 x\nBosta\u{30a}der y\n".to_owned();
        // After `## Bostäder 🏠 ` (12 + 2 + 1 units).
        edit(&mut text, (1, 15), (1, 16), "z");
        assert_eq!(text, "# Plan\n## Bostäder 🏠 z\nBosta\u{30a}der y\n");
        // The NFD line: `Bosta` + combining ring + `der ` is 10 units.
        edit(&mut text, (2, 10), (2, 11), "w");
        assert_eq!(text, "# Plan\n## Bostäder 🏠 z\nBosta\u{30a}der w\n");
        // A range across a line break, and one past the end.
        edit(&mut text, (1, 16), (2, 0), " ");
        assert_eq!(text, "# Plan\n## Bostäder 🏠 z Bosta\u{30a}der w\n");
        edit(&mut text, (9, 0), (9, 0), "slut");
        assert_eq!(text, "# Plan\n## Bostäder 🏠 z Bosta\u{30a}der w\nslut");
    }

    #[test]
    fn file_uris_become_paths_and_others_do_not() {
        let uri = Uri::from_str("file:///tmp/planer/v%C3%A5rd%20och%20omsorg.md").unwrap();
        if cfg!(unix) {
            assert_eq!(
                file_path(&uri).unwrap(),
                std::path::PathBuf::from("/tmp/planer/vård och omsorg.md")
            );
        }
        assert!(file_path(&Uri::from_str("untitled:Untitled-1").unwrap()).is_none());
        assert!(file_path(&Uri::from_str("file://server/share/p.md").unwrap()).is_none());
    }
}
