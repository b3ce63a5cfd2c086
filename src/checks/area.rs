//! Areas: what names an area in a heading, and which sections of a plan cover it.
//!
//! A heading names an area when a `terms` entry matches its cleaned title, no `exclude`
//! entry overlaps that match (`Särskilt boende` is not housing) and no `not_with` entry occurs
//! anywhere in it (`Personalens kompetensutveckling och utbildning` is not studies). The plan's
//! title — a lone level-1 heading over the whole plan — names an area only when it says the
//! plan is about it ([`super::title`]). A named section covers the area when its own prose,
//! and that of subsections that do not name another area, has at least the pack's `min_words`
//! words, not counting headings, HTML comments, quotes, the sentences that still hold a
//! placeholder and paragraphs of filler text: what [`super::drafts`] takes out.
//!
//! The engine works this out once per document for every `section` rule, with each pack's
//! drafts; the `section`, `forbid`, `mention` and `elements` checks read the result.

use std::ops::Range;

use crate::document::{Block, BlockKind, Document, SectionId, Shape};
use crate::i18n::Localized;
use crate::matching::{Hit, TermSet, Words};

use super::drafts::{Drafts, NO_DRAFTS};
use super::title::Documents;
use super::PackSettings;

pub(crate) use super::hints::not_a_heading;

/// What names an area in a heading.
#[derive(Debug)]
pub struct AreaMatcher {
    /// The area's name.
    pub area: Localized,
    /// The heading to suggest when the area is missing.
    pub heading: String,
    /// Terms that name the area.
    pub terms: TermSet,
    /// Terms that look like the area but are not.
    pub exclude: TermSet,
    /// Terms that, anywhere in a heading, show it is about something else (`personalens`).
    pub not_with: TermSet,
    /// Stems of `terms` of at least four letters: a heading word that starts with one without
    /// matching is a near miss.
    near: Vec<String>,
    /// The first bytes of those stems and of the `word+` words of `terms`, as a set of 256 bits:
    /// a word that starts with none of them is neither a near miss nor a compound with an
    /// area word as its modifier, which is nearly every word of a heading. `None` when a stem
    /// is empty, and every word may be either.
    starts: Option<[u64; 4]>,
}

/// Why the area's words in the plan's title do not name it ([`HeadingMatch::Title`]).
pub(crate) const IN_TITLE: crate::i18n::Text = crate::i18n::Text {
    sv: "står i planens titel, som här namnger förvaltningen eller planen och inte är ett avsnitt om området; skriv ett eget avsnitt om området",
    en: "is in the plan's title, which here names the department or the plan and is no section on the area; write a section of its own on the area",
};

/// How a heading relates to an area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingMatch {
    /// The heading names the area (the span of the matched words).
    Names(Range<usize>),
    /// A term matched but an exclusion overlapped it (the span of the excluding words).
    Excluded(Range<usize>),
    /// A compound has an area word only as its first part, and its head is about something
    /// else (`Studieresor` for `studie+`; the span of the compound).
    Modifier(Range<usize>),
    /// A word shares the area's stem without being a form of it (e.g. `Arbetsmiljö`; its span).
    NearMiss(Range<usize>),
    /// The plan's title has the area's words, but not as what the plan is about: they name
    /// the department (`Verksamhetsplan 2027 – Arbetsmarknadsenheten`; their span).
    Title(Range<usize>),
    /// Nothing in common.
    None,
}

impl AreaMatcher {
    /// A matcher for `area` named by `terms`.
    pub fn new(
        area: Localized,
        heading: String,
        terms: TermSet,
        exclude: TermSet,
        not_with: TermSet,
    ) -> Self {
        let mut near: Vec<String> = terms
            .terms()
            .iter()
            .flat_map(crate::matching::Term::stems)
            .filter(|s| s.len() >= 4)
            .map(str::to_owned)
            .collect();
        near.dedup();
        let mut starts = Some([0u64; 4]);
        let stems = terms.terms().iter().flat_map(crate::matching::Term::stems);
        for stem in stems.chain(near.iter().map(String::as_str)) {
            match (stem.as_bytes().first(), &mut starts) {
                (Some(&b), Some(set)) => set[usize::from(b / 64)] |= 1 << (b % 64),
                _ => starts = None,
            }
        }
        AreaMatcher {
            area,
            heading,
            terms,
            exclude,
            not_with,
            near,
            starts,
        }
    }

    /// Whether a word folded as `folded` may be a near miss or have an area word as its
    /// modifier: whether it starts with a byte some stem starts with.
    fn may_start(&self, folded: &str) -> bool {
        match (&self.starts, folded.as_bytes().first()) {
            (None, _) => true,
            (Some(set), Some(&b)) => set[usize::from(b / 64)] >> (b % 64) & 1 == 1,
            (Some(_), None) => false,
        }
    }

    /// Relates a heading's title words to the area. `title` is the pack's planning documents
    /// when the heading is the plan's title (see [`super::title`]).
    pub fn classify(&self, words: &Words, title: Option<&Documents>) -> HeadingMatch {
        let span = |hit: &Hit| words[hit.start].span.start..words[hit.end - 1].span.end;
        let mut excluded = None;
        let hits: Vec<Hit> = self.terms.find_all(words).collect();
        if !hits.is_empty() {
            if let Some(x) = self.not_with.find(words) {
                return HeadingMatch::Excluded(span(&x));
            }
        }
        // With several hits the exclusions are found once, not once per hit, and so is whether
        // the title says nothing but the area: a heading of many area words is judged in time
        // linear in its words.
        let several = hits.len() > 1;
        let exclusions: Vec<Hit> = if several {
            self.exclude.find_all(words).collect()
        } else {
            Vec::new()
        };
        let longest = exclusions
            .iter()
            .map(|x| x.end - x.start)
            .max()
            .unwrap_or(0);
        let subjects = title.map(|d| d.read(words, &hits));
        let mut in_title = None;
        for hit in &hits {
            let overlapping = if several {
                first_overlapping(&exclusions, longest, hit).copied()
            } else {
                self.exclude
                    .find_all(words)
                    .find(|x| x.start < hit.end && hit.start < x.end)
            };
            match overlapping {
                Some(x) => excluded = excluded.or(Some(span(&x))),
                None if subjects.as_ref().is_some_and(|s| !s.about(hit)) => {
                    in_title = in_title.or(Some(span(hit)));
                }
                None => return HeadingMatch::Names(span(hit)),
            }
        }
        if let Some(x) = excluded {
            return HeadingMatch::Excluded(x);
        }
        if let Some(t) = in_title {
            return HeadingMatch::Title(t);
        }
        if !words.iter().any(|w| self.may_start(words.folded(w))) {
            return HeadingMatch::None;
        }
        if let Some(w) = words
            .iter()
            .find(|w| self.terms.modifier_in(words.folded(w)))
        {
            return HeadingMatch::Modifier(w.span.clone());
        }
        let near = words.iter().find(|w| {
            let folded = words.folded(w);
            self.near.iter().any(|s| folded.starts_with(s.as_str()))
        });
        near.map_or(HeadingMatch::None, |w| {
            HeadingMatch::NearMiss(w.span.clone())
        })
    }

    /// A line that names the area and was meant as its heading, but is not one: an indented
    /// heading (code), or a short bold paragraph, list item or table cell. The first in the
    /// plan, indented headings first (they are headings in all but the indent).
    pub fn pseudo_heading<'d>(&self, doc: &'d Document) -> Option<&'d Block> {
        // Most lines cannot name the area at all, which their words' bits tell at once.
        let names = |b: &&Block| {
            self.terms.may_occur(&b.summary)
                && matches!(self.classify(&b.words, None), HeadingMatch::Names(_))
        };
        doc.code_headings.iter().find(names).or_else(|| {
            doc.blocks
                .iter()
                .filter(|b| {
                    b.kind == BlockKind::Prose
                        && b.words.len() <= 8
                        && (b.emphasized || b.shape != Shape::Paragraph)
                })
                .find(names)
        })
    }
}

/// The first of `exclusions` (matches in word order, none more than `longest` words long) that
/// overlaps `hit`. Only those that start less than `longest` words before the hit can reach
/// it, so a few are looked at, however many the heading holds.
fn first_overlapping<'x>(exclusions: &'x [Hit], longest: usize, hit: &Hit) -> Option<&'x Hit> {
    let from = exclusions.partition_point(|x| x.start + longest <= hit.start);
    exclusions[from..]
        .iter()
        .take_while(|x| x.start < hit.end)
        .find(|x| hit.start < x.end)
}

/// One section whose heading names an area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The section.
    pub section: SectionId,
    /// Words of substance it holds.
    pub words: usize,
    /// Whether that is enough.
    pub substantive: bool,
    /// Placeholders taken out (each with the sentence it opens, a filler with its paragraph).
    pub drafts: usize,
}

/// What one document says about one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The area's name.
    pub name: Localized,
    /// Pack the area rule belongs to.
    pub pack: usize,
    /// Sections whose heading names the area.
    pub named: Vec<Named>,
    /// Headings that came close, and why they did not count.
    pub misses: Vec<(SectionId, HeadingMatch)>,
}

impl Area {
    /// Sections that cover the area.
    pub fn covered(&self) -> impl Iterator<Item = SectionId> + '_ {
        self.named
            .iter()
            .filter(|n| n.substantive)
            .map(|n| n.section)
    }
}

/// Area coverage of one document, by rule index (`None` for rules that are not `section`), and
/// what each pack's placeholders take out of it, which the coverage counts by and every rule
/// reads by.
#[derive(Debug, Default)]
pub struct Areas {
    by_rule: Vec<Option<Area>>,
    drafts: Vec<Drafts>,
}

impl Areas {
    /// The area of rule `rule`, if it is a `section` rule.
    pub fn get(&self, rule: usize) -> Option<&Area> {
        self.by_rule.get(rule).and_then(Option::as_ref)
    }

    /// Sections covering rule `rule`'s area.
    pub fn covered(&self, rule: usize) -> Vec<SectionId> {
        self.get(rule)
            .map(|a| a.covered().collect())
            .unwrap_or_default()
    }

    /// What the placeholders of pack `pack` take out of the document.
    pub(crate) fn drafts(&self, pack: usize) -> &Drafts {
        self.drafts.get(pack).unwrap_or(&NO_DRAFTS)
    }

    /// All areas with their rule index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Area)> {
        self.by_rule
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (i, a)))
    }
}

/// A `section` rule as the engine hands it to [`coverage`].
pub(crate) struct AreaRule<'a> {
    /// The matcher.
    pub matcher: &'a AreaMatcher,
    /// Index of the rule's pack.
    pub pack: usize,
    /// The pack's settings.
    pub settings: &'a PackSettings,
}

/// Works out what the placeholders of each of `packs` take out of `doc`, and by that which
/// sections cover which area. `rules[i]` is `Some` for `section` rules.
pub(crate) fn coverage(
    doc: &Document,
    text: &str,
    rules: &[Option<AreaRule<'_>>],
    packs: &[PackSettings],
) -> Areas {
    let drafts: Vec<Drafts> = packs
        .iter()
        .map(|p| Drafts::of(doc, text, &p.placeholders))
        .collect();
    let title = super::title::plan_title(doc);
    // Per `section` rule, the headings that relate to its area, in document order; most
    // relate to none, so a plan of many headings keeps a bit per heading, not a match per
    // heading and rule.
    let mut names = vec![false; doc.sections.len()];
    let classified: Vec<Vec<(SectionId, HeadingMatch)>> = rules
        .iter()
        .map(|r| {
            let Some(r) = r else { return Vec::new() };
            let mut found = Vec::new();
            for (id, s) in doc.sections.iter().enumerate() {
                let documents = (title == Some(id)).then_some(&r.settings.documents);
                match r.matcher.classify(&s.title_words, documents) {
                    HeadingMatch::None => {}
                    m => {
                        names[id] |= matches!(m, HeadingMatch::Names(_));
                        found.push((id, m));
                    }
                }
            }
            found
        })
        .collect();
    let names_any = |id: SectionId| names[id];
    let by_rule = rules
        .iter()
        .zip(classified)
        .map(|(rule, found)| {
            let rule = rule.as_ref()?;
            let mut area = Area {
                name: rule.matcher.area.clone(),
                pack: rule.pack,
                named: Vec::new(),
                misses: Vec::new(),
            };
            for (id, m) in found {
                match m {
                    HeadingMatch::Names(_) => {
                        let drafts = drafts.get(rule.pack).unwrap_or(&NO_DRAFTS);
                        let (words, drafts) = substance(doc, id, drafts, &names_any);
                        area.named.push(Named {
                            section: id,
                            words,
                            substantive: words >= rule.settings.min_words,
                            drafts,
                        });
                    }
                    HeadingMatch::None => {}
                    miss => area.misses.push((id, miss)),
                }
            }
            Some(area)
        })
        .collect();
    Areas { by_rule, drafts }
}

/// Words of substance in section `id` — its own prose and that of subsections that do not
/// name another area — and the number of placeholders taken out of it.
fn substance(
    doc: &Document,
    id: SectionId,
    drafts: &Drafts,
    names_any: &dyn Fn(SectionId) -> bool,
) -> (usize, usize) {
    let belongs_here = |mut at: Option<SectionId>| {
        while let Some(s) = at {
            if s == id {
                return true;
            }
            if names_any(s) {
                return false;
            }
            at = doc.sections[s].parent;
        }
        false
    };
    let (mut words, mut found) = (0, 0);
    for b in doc
        .blocks_in(id)
        .iter()
        .filter(|b| b.kind == BlockKind::Prose && belongs_here(b.section))
    {
        words += drafts.words(b);
        found += drafts.found_in(&b.span);
    }
    (words, found)
}
