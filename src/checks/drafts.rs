//! Drafts: what a pack's placeholders take out of a plan — the one answer to which of the
//! plan's words a rule may read.
//!
//! Worked out once per plan and pack, with the area coverage, which counts by it. A placeholder
//! that opens its sentence takes the sentence out (`TODO: beskriv hur vi motverkar
//! diskriminering.`), one inside a sentence only itself (`vi träffas XXX gånger`), a filler its
//! whole block. What is taken out is no substance of an area (`section`), holds no term a
//! `mention` or `elements` rule looks for and no passing mention of an area; the `forbid` rule
//! without terms of its own reports the placeholders found here. Which blocks a rule reads
//! (quotes, the sections of an area) is [`super::Cx::scope`]'s business, not this module's.

use std::collections::HashSet;
use std::ops::Range;

use crate::document::{Block, Document};
use crate::matching::{Hit, TermSet};

use super::Forbidden;

/// The placeholders of one plan by one pack's `placeholders`, `placeholder_phrases`, `fillers`
/// and `placeholder_patterns`, and the text they take out.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Drafts {
    /// Every placeholder, as source spans, in order.
    found: Vec<Range<usize>>,
    /// What they take out, as source spans: in order, merged.
    out: Vec<Range<usize>>,
}

/// The drafts of a pack the coverage was not worked out for: nothing taken out.
pub(crate) static NO_DRAFTS: Drafts = Drafts {
    found: Vec::new(),
    out: Vec::new(),
};

impl Drafts {
    /// The placeholders of `doc` by `placeholders`, in every block (quotes and headings too:
    /// what IP006 reports).
    pub(crate) fn of(doc: &Document, text: &str, placeholders: &Forbidden) -> Drafts {
        let mut found = Vec::new();
        let mut out: Vec<Range<usize>> = Vec::new();
        for b in &doc.blocks {
            let (f, o) = placeholders.drafts_in(b, text);
            found.extend(f);
            out.extend(o);
        }
        // Blocks come in document order; sorting keeps the searches below right even where
        // two blocks' spans were to meet.
        found.sort_by_key(|r| (r.start, r.end));
        let mut drafts = Drafts {
            found,
            out: merged(out),
        };
        let labels = drafts.labels_over_nothing(doc);
        if !labels.is_empty() {
            let mut out = std::mem::take(&mut drafts.out);
            out.extend(labels);
            drafts.out = merged(out);
        }
        drafts
    }

    /// The header cells of tables whose column holds nothing but what placeholders take out: a
    /// header names what its column holds (`Ansvarig` over `Fylls i`, `Fylls i`), so over
    /// nothing it names nothing, and no rule may read it as naming someone. A table of one row
    /// has no data under its first row, and keeps it: `| Ansvarig: enhetschefen |` is text.
    fn labels_over_nothing(&self, doc: &Document) -> Vec<Range<usize>> {
        let cells = || doc.blocks.iter().filter_map(|b| b.cell.map(|c| (b, c)));
        if !cells().any(|(_, c)| c.header) {
            return Vec::new();
        }
        // Per table, whether it has a data row; per column, whether a data cell holds words.
        let mut has_data: HashSet<u32> = HashSet::new();
        let mut filled: HashSet<(u32, u32)> = HashSet::new();
        for (b, c) in cells().filter(|(_, c)| !c.header) {
            has_data.insert(c.table);
            if self.words(b) > 0 {
                filled.insert((c.table, c.column));
            }
        }
        cells()
            .filter(|(_, c)| {
                c.header && has_data.contains(&c.table) && !filled.contains(&(c.table, c.column))
            })
            .map(|(b, _)| b.span.clone())
            .collect()
    }

    /// Every placeholder, in order.
    pub(crate) fn found(&self) -> &[Range<usize>] {
        &self.found
    }

    /// How many placeholders start inside `span`.
    pub(crate) fn found_in(&self, span: &Range<usize>) -> usize {
        let from = self.found.partition_point(|f| f.start < span.start);
        let to = self.found.partition_point(|f| f.start < span.end);
        to.saturating_sub(from)
    }

    /// Whether a placeholder takes out the text at `span` (a word's).
    pub(crate) fn takes_out(&self, span: &Range<usize>) -> bool {
        let at = self.out.partition_point(|o| o.end <= span.start);
        self.out
            .get(at)
            .is_some_and(|o| o.start <= span.start && span.end <= o.end)
    }

    /// The matches of `set` in what is left of `block`: none of whose words is taken out.
    pub(crate) fn hits<'a>(
        &'a self,
        block: &'a Block,
        set: &'a TermSet,
    ) -> impl Iterator<Item = Hit> + 'a {
        block.hits(set).filter(move |h| {
            !block.words[h.start..h.end]
                .iter()
                .any(|w| self.takes_out(&w.span))
        })
    }

    /// Whether a term of `set` occurs in what is left of `block`.
    pub(crate) fn has(&self, block: &Block, set: &TermSet) -> bool {
        self.hits(block, set).next().is_some()
    }

    /// Words of substance left in `block`: those with a letter that no placeholder takes out.
    /// The block's summary counted them as its words were split, so only a block that
    /// something taken out reaches into is counted word by word.
    pub(crate) fn words(&self, block: &Block) -> usize {
        if !self.reaches(block) {
            return block.summary.letters();
        }
        block
            .words
            .iter()
            .filter(|w| block.words.has_letter(w) && !self.takes_out(&w.span))
            .count()
    }

    /// Whether something taken out overlaps the words of `block` (from the first byte of any
    /// of them to the last).
    fn reaches(&self, block: &Block) -> bool {
        if self.out.is_empty() {
            return false;
        }
        let (lo, hi) = block.words.iter().fold((usize::MAX, 0), |(lo, hi), w| {
            (lo.min(w.span.start), hi.max(w.span.end))
        });
        // Touching counts too: the test may say yes where no word is taken out, never no
        // where one is.
        let at = self.out.partition_point(|o| o.end < lo);
        self.out.get(at).is_some_and(|o| o.start <= hi)
    }
}

/// `spans` sorted and merged where they meet or overlap.
fn merged(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for o in spans {
        match merged.last_mut() {
            Some(last) if o.start <= last.end => last.end = last.end.max(o.end),
            _ => merged.push(o),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::Drafts;

    /// The built-in pack's drafts of `plan`, and the plan's parsed model.
    fn drafts(plan: &str) -> (Drafts, crate::document::Document) {
        let rules = crate::engine::RuleSet::builtin().expect("the built-in pack compiles");
        #[allow(clippy::disallowed_methods)]
        let doc = crate::document::Document::parse(plan, rules.patterns());
        let drafts = Drafts::of(&doc, plan, &rules.packs[0].placeholders);
        (drafts, doc)
    }

    /// The words of `plan` that no placeholder takes out.
    fn left(plan: &str) -> Vec<String> {
        let (drafts, doc) = drafts(plan);
        doc.blocks
            .iter()
            .flat_map(|b| b.words.iter())
            .filter(|w| !drafts.takes_out(&w.span))
            .map(|w| plan[w.span.clone()].to_owned())
            .collect()
    }

    #[test]
    fn a_placeholder_takes_out_the_sentence_it_opens_and_only_itself_inside_one() {
        assert_eq!(
            left("Vi ses varje vecka. TODO: beskriv diskriminering. Vi har XXX platser.\n"),
            ["Vi", "ses", "varje", "vecka", "Vi", "har", "platser"]
        );
    }

    #[test]
    fn a_filler_takes_out_its_block_and_the_next_block_stays() {
        assert_eq!(
            left("Lorem ipsum dolor sit amet, rasism.\n\nVi motverkar rasism.\n"),
            ["Vi", "motverkar", "rasism"]
        );
    }

    #[test]
    fn fylls_i_as_a_verb_takes_nothing_out_and_as_a_placeholder_its_sentence() {
        // The label of a field left unfilled (`Mål:`) goes with it.
        assert_eq!(
            left("Blanketten fylls i av vårdnadshavaren. Fylls i av rektor.\n\nMål: fylls i.\n"),
            ["Blanketten", "fylls", "i", "av", "vårdnadshavaren"]
        );
    }

    #[test]
    fn a_label_of_a_placeholder_goes_with_it_and_a_sentence_around_one_stays() {
        assert_eq!(
            left("- Ansvarig: TODO\n- **Ansvarig** fylls i\n- Tidsram = XXX\n- Vi träffas XXX gånger per år.\n"),
            ["Vi", "träffas", "gånger", "per", "år"]
        );
        // A line without a full stop ends its sentence before one that opens with a capital.
        assert_eq!(
            left("TODO: lägg till siffror\nVi bygger tjugo lägenheter.\n"),
            ["Vi", "bygger", "tjugo", "lägenheter"]
        );
    }

    /// Pieces of plans: prose, placeholders where they take out a sentence, a word or a block,
    /// quotes, headings, tables whose header is over nothing, digits.
    const PIECES: &[&str] = &[
        "Vi bygger tjugo lägenheter.",
        "TODO: skriv om bostäder.",
        "Vi träffas XXX gånger per år.",
        "Lorem ipsum dolor sit amet.",
        "[ange antal] platser",
        "2027 och 12,5",
        "> Citat med TODO i.",
        "\n\n## Bostäder\n\n",
        "\n\nRubrik TODO\n---\n\n",
        "\n\n| Ansvarig | Mål |\n|---|---|\n| Fylls i | 20 nya |\n\n",
        "- Ansvarig: TODO\n",
        "\n\n",
        " ",
        "Fylls i av rektor.",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// A block's words of substance, taken from its summary when nothing taken out reaches
        /// it, are the words counted one by one: those with a letter that no placeholder
        /// takes out.
        #[test]
        fn the_count_of_a_block_is_its_words_counted_one_by_one(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
        ) {
            let plan: String = parts.concat();
            let (drafts, doc) = drafts(&plan);
            for b in doc.blocks.iter().chain(&doc.code_headings) {
                let one_by_one = b
                    .words
                    .iter()
                    .filter(|w| b.words.has_letter(w) && !drafts.takes_out(&w.span))
                    .count();
                proptest::prop_assert_eq!(drafts.words(b), one_by_one, "{:?} in {:?}", b.span, plan);
            }
        }
    }

    #[test]
    fn placeholders_are_counted_where_they_start() {
        let plan = "TODO: ett.\n\nTvå [ange antal] och XXX.\n";
        let (drafts, doc) = drafts(plan);
        let found: Vec<&str> = drafts.found().iter().map(|f| &plan[f.clone()]).collect();
        assert_eq!(found, ["TODO", "[ange antal]", "XXX"]);
        let per_block: Vec<usize> = doc
            .blocks
            .iter()
            .map(|b| drafts.found_in(&b.span))
            .collect();
        assert_eq!(per_block, [1, 2]);
    }
}
