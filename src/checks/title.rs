//! The plan's title: a lone level-1 heading over the whole plan. It names the plan, so an area
//! word in it counts only when the title says what the plan is about — nothing but the area
//! (`# Samverkan`), a planning document about the area (`handlingsplan för bostäder`), or a
//! compound whose head is a planning document (`Folkhälsoprogram 2027`, `Bostadsstrategi`) —
//! and not when it names the department (`Verksamhetsplan 2027 – Arbetsmarknadsenheten`).
//!
//! Which words are planning documents is the pack's data (`[pack] documents`).

use toml::Spanned;

use crate::document::{Document, SectionId};
use crate::matching::{Hit, TermSet, Words};
use crate::pack::PackError;

use super::Compile;

/// Words that join the words of a title that says nothing but the area (`Arbete och studier`,
/// `Samverkan för integration` has `för` but also `integration`). Folded.
const CONNECTORS: &[&str] = &["och", "samt", "for", "med", "i", "om"];

/// Words that, after a planning document, say what it is about (`plan för`, `program om`,
/// `plan for`). Folded.
const ABOUT: &[&str] = &["for", "om", "inom", "kring", "on", "about"];

/// How many words may stand between `för` and the area word (`handlingsplan för en god
/// folkhälsa`).
const BETWEEN: usize = 2;

/// The pack's planning-document words, split by what they find: whole words
/// (`handlingsplan`, `strategy`) stand before `för` or after the area words; `*plan` finds
/// the compounds an area word starts.
#[derive(Debug, Default)]
pub struct Documents {
    whole: TermSet,
    heads: TermSet,
}

impl Documents {
    /// Compiles `[pack] documents`.
    pub(crate) fn compile(cx: &Compile<'_>, raw: &[Spanned<String>]) -> Result<Self, PackError> {
        let (heads, whole): (Vec<_>, Vec<_>) = raw
            .iter()
            .cloned()
            .partition(|t| t.get_ref().starts_with('*'));
        Ok(Documents {
            whole: cx.terms(&whole)?,
            heads: cx.terms(&heads)?,
        })
    }

    /// Reads a title whose area matches are `hits`, once, so that each hit is then judged in
    /// constant time however many the title holds.
    pub(crate) fn read(&self, words: &Words, hits: &[Hit]) -> Subjects {
        let n = words.len();
        let mut s = Subjects {
            only_area: only_area_words(words, hits),
            head_at: vec![false; n],
            document_at: vec![false; n + 1],
            after_about: vec![false; n],
        };
        for d in self.heads.find_all(words) {
            if d.end == d.start + 1 {
                s.head_at[d.start] = true;
            }
        }
        for d in self.whole.find_all(words) {
            s.document_at[d.start] = true;
            if d.end < n && ABOUT.contains(&words.folded(&words[d.end])) {
                let from = d.end + 1;
                for seen in &mut s.after_about[from.min(n)..(from + BETWEEN + 1).min(n)] {
                    *seen = true;
                }
            }
        }
        s
    }
}

/// A title read for its subject (see [`Documents::read`]).
pub(crate) struct Subjects {
    only_area: bool,
    /// Word `i` is a compound ending in a planning document (`Folkhälsoprogram`).
    head_at: Vec<bool>,
    /// A planning document's words start at word `i` (`strategy` in `Housing strategy`).
    document_at: Vec<bool>,
    /// Word `i` follows a planning document and `för`, with at most [`BETWEEN`] words between.
    after_about: Vec<bool>,
}

impl Subjects {
    /// Whether the area words `hit` say what the plan is about.
    pub(crate) fn about(&self, hit: &Hit) -> bool {
        self.only_area
            || self.head_at[hit.end - 1]
            || self.document_at[hit.end]
            || self.after_about[hit.start]
    }
}

/// Whether every word is in a hit or a connector (`och`, `samt` …).
fn only_area_words(words: &Words, hits: &[Hit]) -> bool {
    let mut in_hit = vec![false; words.len()];
    for h in hits {
        in_hit[h.start..h.end].fill(true);
    }
    words
        .iter()
        .zip(in_hit)
        .all(|(w, hit)| hit || CONNECTORS.contains(&words.folded(w)))
}

/// The plan's title: a lone level-1 heading that has subsections.
pub(crate) fn plan_title(doc: &Document) -> Option<SectionId> {
    let mut h1 = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level == 1);
    match (h1.next(), h1.next()) {
        (Some((id, s)), None) if !s.children.is_empty() => Some(id),
        _ => None,
    }
}
