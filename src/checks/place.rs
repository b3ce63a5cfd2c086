//! Where a missing area section belongs and at which heading level: decided once, here, for
//! the finding's help (`{level}`), the editor's quick fix that inserts the section, and its
//! hover, so that they never advise two different headings.
//!
//! After the last of the pack's other area sections (the outermost, under the anchor heading
//! when the plan has one), at that section's level; else at the end of the anchor's section,
//! one level below it; else at the end of the plan, one level below its title (`##` without
//! one).

use super::area::Areas;
use super::PackSettings;
use crate::document::{Document, SectionId};

/// Where the section of an area goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NewSection {
    /// The byte offset it is inserted at (the end of a section, or of the plan).
    pub(crate) at: usize,
    /// Its heading level, 1 to 6.
    pub(crate) level: u8,
}

impl NewSection {
    /// Its heading's `#` marks.
    pub(crate) fn marks(self) -> String {
        "#".repeat(usize::from(self.level))
    }
}

/// Where the section of the area of rule `rule` (of pack `pack`, whose settings are
/// `settings`) belongs in `doc`, whose text is `len` bytes long.
pub(crate) fn new_section(
    doc: &Document,
    areas: &Areas,
    settings: &PackSettings,
    pack: usize,
    rule: usize,
    len: usize,
) -> NewSection {
    let anchor = doc
        .sections
        .iter()
        .position(|s| settings.anchors.any(&s.title_words));
    let mut named: Vec<SectionId> = areas
        .iter()
        .filter(|(r, a)| *r != rule && a.pack == pack)
        .flat_map(|(_, a)| a.named.iter().map(|n| n.section))
        .filter(|&s| anchor.is_none_or(|a| s != a && doc.is_within(s, a)))
        .collect();
    named.sort_unstable();
    named.dedup();
    // The outermost area sections (one inside another goes with it), found in one pass.
    let outer = doc.outermost(&named);
    if let Some(last) = outer.last().map(|&s| &doc.sections[s]) {
        return NewSection {
            at: last.span().end,
            level: last.level.clamp(1, 6),
        };
    }
    if let Some(a) = anchor {
        let a = &doc.sections[a];
        return NewSection {
            at: a.span().end,
            level: (a.level + 1).min(6),
        };
    }
    NewSection {
        at: len,
        level: doc
            .title()
            .map_or(2, |t| (doc.sections[t].level + 1).min(6)),
    }
}
