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

/// How many words after the area's may name the unit it is part of (`Employment Unit`; a
/// Swedish unit is one compound, `Arbetsmarknadsenheten`).
const OWNER_AFTER: usize = 1;

/// Endings of a Swedish genitive (`Arbetsmarknadsnämndens`, `kommunens`): an area word so
/// written before a planning document names whose plan it is (`Vuxenutbildningens
/// handlingsplan`), not what it is about. Folded.
const GENITIVE: &[&str] = &["ens", "ets", "ans", "ons", "ars", "ers", "ors", "ns"];

/// The pack's planning-document words, split by what they find: whole words
/// (`handlingsplan`, `strategy`) stand before `för` or after the area words; `*plan` finds
/// the compounds an area word starts. And its words for a department or a unit: an area word
/// that is part of a unit's name (`Arbetsmarknadsenheten`, `Employment Unit`) names whose plan
/// it is, wherever it stands.
#[derive(Debug, Default)]
pub struct Documents {
    whole: TermSet,
    heads: TermSet,
    owners: TermSet,
}

impl Documents {
    /// Compiles `[pack] documents` and `[pack] owners`.
    pub(crate) fn compile(
        cx: &Compile<'_>,
        raw: &[Spanned<String>],
        owners: &[Spanned<String>],
    ) -> Result<Self, PackError> {
        let (heads, whole): (Vec<_>, Vec<_>) = raw
            .iter()
            .cloned()
            .partition(|t| t.get_ref().starts_with('*'));
        Ok(Documents {
            whole: cx.terms(&whole)?,
            heads: cx.terms(&heads)?,
            owners: cx.terms(owners)?,
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
            owner_at: vec![false; n],
            genitive_at: words
                .iter()
                .map(|w| {
                    let f = words.folded(w);
                    GENITIVE
                        .iter()
                        .any(|g| f.len() > g.len() + 2 && f.ends_with(g))
                })
                .collect(),
        };
        for o in self.owners.find_all(words) {
            s.owner_at[o.start..o.end].fill(true);
        }
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
    /// Word `i` names a department or a unit, or is part of such a name.
    owner_at: Vec<bool>,
    /// Word `i` has a genitive's ending.
    genitive_at: Vec<bool>,
}

impl Subjects {
    /// Whether the area words `hit` say what the plan is about.
    pub(crate) fn about(&self, hit: &Hit) -> bool {
        if self.only_area {
            return true;
        }
        let last = hit.end - 1;
        // `Arbetsmarknadsenheten`, `Labour Market Unit`: the unit whose plan it is.
        let upto = (hit.end + OWNER_AFTER).min(self.owner_at.len());
        if self.owner_at[hit.start..upto].iter().any(|&o| o) {
            return false;
        }
        self.head_at[last]
            || (self.document_at[hit.end] && !self.genitive_at[last])
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
