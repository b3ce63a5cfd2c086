// Tests parse whole documents to look at their words.
#![allow(clippy::disallowed_methods)]

use std::rc::Rc;

use super::bits::BITS;
use super::memo::{hash, short_of};
use super::*;

/// The words of `text`, classified against `patterns`, and their summary.
fn split(text: &str, patterns: &Patterns) -> (Words, Summary) {
    let mut out = Vec::new();
    let mut lexicon = Lexicon::new(patterns);
    let summary = words(text, |r| r, &mut out, &mut lexicon);
    (Words::new(out, Rc::new(lexicon)), summary)
}

/// The words of `text`, classified for no rule set.
fn ws(text: &str) -> Words {
    split(text, &Patterns::default()).0
}

/// A term set compiled into a pattern table of its own, as a rule set compiles its terms.
struct Compiled {
    set: TermSet,
    patterns: Patterns,
}

fn with_heads(terms: &[&str], heads: &[&str]) -> Compiled {
    let table = PatternsBuilder::new();
    let set = TermSet::parse_with(terms, heads, &table).expect("valid terms and heads");
    Compiled {
        set,
        patterns: table.finish(),
    }
}

fn set(terms: &[&str]) -> Compiled {
    with_heads(terms, &[])
}

impl Compiled {
    /// The first match in `text`, found through the bits of words classified against the
    /// set's table; it must be the one found by comparing words classified for no table.
    fn find(&self, text: &str) -> Option<Hit> {
        let (words, summary) = split(text, &self.patterns);
        let fast = self.set.find(&words);
        // A summary may let a set through that has no match, never rule out one that has.
        assert!(fast.is_none() || self.set.may_occur(&summary), "`{text}`");
        let direct = self.set.find(&ws(text));
        assert_eq!(fast, direct, "`{text}`: the bits and the words disagree");
        fast
    }

    fn any(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    fn modifier_in(&self, folded: &str) -> bool {
        self.set.modifier_in(folded)
    }
}

#[test]
fn folding_removes_case_and_diacritics_in_nfc_and_nfd() {
    assert_eq!(fold("Bostäder"), "bostader");
    assert_eq!(fold("BOSTÄDER"), "bostader");
    assert_eq!(fold("Bosta\u{308}der"), "bostader");
    assert_eq!(fold("Folkhälsa"), fold("Folkhalsa"));
    assert_eq!(fold("Åtgärd"), "atgard");
}

#[test]
fn words_keep_source_spans_and_nfd_words_whole() {
    let text = "Bosta\u{308}der, 2027-06-30 och 40 %";
    let got = ws(text);
    let folded: Vec<_> = got.iter().map(|w| got.folded(w)).collect();
    assert_eq!(folded, ["bostader", "2027-06-30", "och", "40"]);
    assert_eq!(&text[got[0].span.clone()], "Bosta\u{308}der");
    assert!(got.is_year_or_date(&got[1]));
    assert!(got.is_number(&got[3]) && !got.is_year_or_date(&got[3]));
}

#[test]
fn stem_pattern_matches_inflections_not_compounds() {
    let s = set(&["arbete"]);
    assert!(s.any("Arbete"));
    assert!(s.any("arbetet"));
    assert!(!s.any("Arbetsmiljö"));
    assert!(!s.any("Arbetssätt"));
    assert!(!s.any("Folkhälsoarbete"));
}

#[test]
fn prefix_suffix_and_contains_patterns() {
    assert!(set(&["bostad*"]).any("Bostadsförsörjning"));
    assert!(set(&["bostad*"]).any("bostäder"));
    assert!(set(&["*bostad"]).any("hyresbostäderna"));
    assert!(set(&["*samverk*"]).any("myndighetssamverkan"));
    assert!(!set(&["bostad*"]).any("hyresbostäder"));
}

#[test]
fn a_suffix_pattern_takes_compounds_whose_last_part_is_the_word_inflected() {
    for (pattern, yes) in [
        ("*månad", "kalendermånad"),
        ("*månad", "kalendermånaders"),
        ("*månad", "Sommarmånaderna"),
        ("*nämnd", "socialnämnds"),
        ("*nämnd", "Socialnämnden"),
        ("*chef", "enhetschefen"),
        ("*termin", "höstterminen"),
        ("*termin", "Vårterminerna"),
        // A final `a` or `e` gives way to the ending, as in the word's own forms.
        ("*skola", "grundskolor"),
        ("*skola", "Grundskolan"),
        ("*samordnare", "integrationssamordnarna"),
        ("*hälsa", "folkhälsan"),
    ] {
        assert!(set(&[pattern]).any(yes), "`{pattern}` and `{yes}`");
    }
}

#[test]
fn a_suffix_pattern_does_not_take_the_stem_inside_another_word() {
    // The Snowball stems of `månad`, `lägenhet` and `myndighet` are `man`, `lagen` and `mynd`,
    // words of their own that other words end with.
    for (pattern, no) in [
        ("*månad", "tillsammans"),
        ("*månad", "Romaner"),
        ("*månad", "månad"),
        ("*lägenhet", "socialtjänstlagen"),
        ("*myndighet", "självmyndig"),
        ("*hälsa", "flaskhals"),
        ("*skola", "grundskol"),
    ] {
        assert!(!set(&[pattern]).any(no), "`{pattern}` and `{no}`");
    }
}

#[test]
fn multiword_terms_match_consecutive_words() {
    let s = set(&["särskil* boende*"]);
    assert!(s.any("Särskilt boende"));
    assert!(s.any("särskilda boenden"));
    assert!(!s.any("boende särskilt"));
    let hit = set(&["fylls i"]).find("Detta fylls i senare").expect("hit");
    assert_eq!((hit.start, hit.end), (1, 3));
}

#[test]
fn digit_groups_in_a_term_are_one_word_as_in_the_text() {
    // `2016-178` is one word in the text, so it is one in a term, joined by any of the marks
    // that join digit groups.
    let s = set(&["ks 2016-178"]);
    for yes in [
        "KS 2016-178",
        "dnr KS 2016/178",
        "KS 2016.178",
        "KS 2016:178",
    ] {
        assert!(s.any(yes), "{yes}");
    }
    for no in ["KS 2016-1780", "KS 2016 178", "KS 2016-179", "KS 20161-78"] {
        assert!(!s.any(no), "{no}");
    }
    // A mark right after the first digit stands for any other too.
    let s = set(&["bilaga 1-2"]);
    for yes in ["Bilaga 1-2", "bilaga 1/2", "bilaga 1.2", "bilaga 1:2"] {
        assert!(s.any(yes), "{yes}");
    }
    assert!(!s.any("bilaga 12"));
    // A piece of a term that is only punctuation is no word, as `§` is none in the text.
    let s = set(&["kf 2016-06-20 § 67"]);
    assert!(s.any("beslut i KF 2016-06-20 § 67"));
    assert!(s.any("KF 2016-06-20, §67"));
    assert!(!s.any("KF § 67"));
    assert_eq!(Term::parse("kf 2016-06-20 § 67").expect("valid").len(), 3);
    // A `-` between letters still parts words, and a term of punctuation alone is empty.
    assert_eq!(Term::parse("co-operation").expect("valid").len(), 2);
    assert!(Term::parse("§ –").is_err());
}

#[test]
fn number_and_year_patterns() {
    assert!(set(&["#number"]).any("minst 30 deltagare"));
    assert!(!set(&["#number"]).any("under 2027, senast 2027-06-30"));
    assert!(set(&["#year"]).any("under 2027"));
}

#[test]
fn bad_patterns_are_rejected() {
    assert!(Term::parse("").is_err());
    assert!(Term::parse("*").is_err());
    assert!(Term::parse("bo*stad").is_err());
}

#[test]
fn inflections_snowball_misses_still_match() {
    assert!(set(&["hälsa"]).any("hälsan"));
    assert!(set(&["bostad"]).any("bostäderna"));
    assert!(set(&["studier"]).any("studierna"));
    assert!(!set(&["arbete"]).any("arbetsgrupp"));
}

#[test]
fn compound_pattern_takes_only_the_listed_heads() {
    let s = with_heads(
        &["studie+", "bostad+", "hälsa+"],
        &["möjlighet*", "stöd", "försörjning*", "främj*"],
    );
    for yes in [
        "studier",
        "studierna",
        "Studiemöjligheterna",
        "studiestöd",
        "bostäder",
        "Bostadsförsörjningen",
        "hälsofrämjande",
        "hälsan",
    ] {
        assert!(s.any(yes), "{yes}");
    }
    for no in [
        "studieresor",
        "Studiebesök",
        "bostadsanpassning",
        "hälsoundersökning",
    ] {
        assert!(!s.any(no), "{no}");
        assert!(s.modifier_in(&fold(no)), "{no} is a modifier compound");
    }
    // An inflection is not a compound, and an unrelated word is neither.
    assert!(!s.modifier_in("studierna") && !s.modifier_in("kultur"));
}

#[test]
fn a_compound_head_is_one_word() {
    assert!(matches!(
        TermSet::parse_with(&["studie+"], &["två ord"], &PatternsBuilder::new()),
        Err(TermError::Head(0, _))
    ));
    assert!(matches!(
        TermSet::parse_with(&["stu*die+"], &["x"], &PatternsBuilder::new()),
        Err(TermError::Term(0, _))
    ));
}

#[test]
fn invisible_characters_stay_inside_words_and_fold_away() {
    let text = "Bo\u{AD}städer och Folk\u{200B}hälsa \u{200B} slut";
    let got = ws(text);
    let folded: Vec<_> = got.iter().map(|w| got.folded(w)).collect();
    assert_eq!(folded, ["bostader", "och", "folkhalsa", "slut"]);
    assert_eq!(&text[got[0].span.clone()], "Bo\u{AD}städer");
    assert_eq!(visible("2.2\u{A0}Bo\u{AD}städer"), "2.2 Bostäder");
}

#[test]
fn every_lexicon_is_its_own_and_equal_words_compare_equal() {
    // A default lexicon is a new one: its words get indices in it, not in another.
    let mut out = Vec::new();
    let mut lexicon = Lexicon::default();
    words("Bostäder och hälsa", |r| r, &mut out, &mut lexicon);
    let got = Words::new(out, Rc::new(lexicon));
    let folded: Vec<_> = got.iter().map(|w| got.folded(w)).collect();
    assert_eq!(folded, ["bostader", "och", "halsa"]);
    // Two readings of one text are equal, whatever their lexicons' stamps.
    assert_eq!(ws("Bostäder och hälsa"), ws("Bostäder och hälsa"));
    assert_ne!(ws("Bostäder och hälsa"), ws("Bostäder och arbete"));
}

#[test]
fn words_keep_their_classes_across_chunks_a_cleared_memory_and_other_documents() {
    use std::fmt::Write as _;

    use super::classify::classify;

    let c = set(&["bostad*", "*samverk*", "hälsa", "arbete och studier"]);
    // 60,000 distinct words: more than a thread's memory holds, so it clears itself in the
    // middle of the text, and hundreds of chunks of classes; the terms' words among them.
    let mut text = String::new();
    for i in 0..60_000 {
        write!(text, "ord{i} ").expect("a String takes any text");
        if i % 997 == 0 {
            text.push_str("Bostäderna samverkan hälsan arbete och studier ");
        }
    }
    // Documents read before and after take shares of the same chunks, and of new ones.
    let first = "Bostäderna ord1 ord2 hälsan";
    let (before, _) = split(first, &c.patterns);
    let (words, summary) = split(&text, &c.patterns);
    let last = "ord1 Bostäderna ord59999 ord60000";
    let (after, _) = split(last, &c.patterns);
    for (got, source) in [(&before, first), (&words, text.as_str()), (&after, last)] {
        for w in got.iter() {
            let raw = &source[w.span.clone()];
            assert_eq!(got.class(w), &classify(raw, &c.patterns), "`{raw}`");
        }
    }
    assert_eq!(words.len(), 60_000 + 61 * 6);
    // Each of the 61 insertions holds the four terms, one after the other.
    assert_eq!(c.set.find_all(&words).count(), 61 * 4);
    assert_eq!(c.set.find_all(&after).count(), 1);
    // The summary is the union of the words' bits, read from the memory's sets.
    let mut union = [0u64; BITS / 64];
    for w in words.iter() {
        for (u, b) in union.iter_mut().zip(words.class(w).bits()) {
            *u |= b;
        }
    }
    assert_ne!(union, [0; BITS / 64]);
    assert_eq!(summary.bits, union);
    assert_eq!(summary.letters(), words.len());
}

#[test]
fn a_lexicon_alone_keeps_only_its_own_classes_and_reads_the_same() {
    use std::fmt::Write as _;

    let c = set(&["bostad*", "hälsa"]);
    // Another plan fills several chunks of the thread's memory first.
    let mut other = String::new();
    for i in 0..3_000 {
        write!(other, "ord{i} ").expect("a String takes any text");
    }
    let _ = split(&other, &c.patterns);
    // This one has five words in three of those chunks: the first, the sixth, and the last,
    // which its two new words join.
    let (words, _) = split("Bostäderna ord0 ord1500 ord2999 hälsan", &c.patterns);
    let held = |w: &Words| w.lexicon().held();
    assert_eq!(held(&words), 3 * 256, "shares of three chunks");
    let alone = words
        .lexicon()
        .alone()
        .expect("it holds far more than its own");
    let mut kept = words.clone();
    kept.with_lexicon(&Rc::new(alone));
    assert_eq!(held(&kept), 5, "its own five classes");
    assert_eq!(kept, words, "the same words and classes");
    let table = c.patterns.number();
    for (w, k) in words.iter().zip(kept.iter()) {
        for id in 0..c.patterns.patterns().len() {
            assert_eq!(words.has(w, id, table), kept.has(k, id, table));
        }
    }
    let hits = |w: &Words| {
        c.set
            .find_all(w)
            .map(|h| (h.start, h.end))
            .collect::<Vec<_>>()
    };
    assert_eq!(hits(&kept), [(0, 1), (4, 5)]);
    assert_eq!(hits(&kept), hits(&words));
    // A lexicon that holds little more than its own is left as it is.
    assert!(kept.lexicon().alone().is_none());
}

#[test]
fn long_words_with_one_start_and_length_hash_apart() {
    // Words a plan can write by the thousand: the same first 24 bytes and the same length.
    let words: Vec<String> = (0..1000)
        .map(|i| format!("samverkansöverenskommelse{i:06}"))
        .collect();
    let hashes: std::collections::HashSet<u64> = words
        .iter()
        .map(|w| hash(7, &short_of(w), w.len(), Some(w)))
        .collect();
    assert_eq!(hashes.len(), words.len());
}

#[test]
fn a_later_word_of_a_term_is_compared_where_the_first_matched_and_carries_no_bits() {
    // `och` and `studier` only follow `arbete`; `i` leads `i samverkan`.
    let c = set(&["arbete och studier", "i samverkan"]);
    let (words, summary) = split("Arbetet och studierna, och i samverkan.", &c.patterns);
    let hits: Vec<_> = c
        .set
        .find_all(&words)
        .map(|h| (h.term, h.start, h.end))
        .collect();
    assert_eq!(hits, [(0, 0, 3), (1, 4, 6)]);
    let id = |term: usize, at: usize| c.set.terms()[term].words[at].0;
    let table = c.patterns.number();
    // The leads' bits tell; the later words' do not, and `och` on its own has no bits at all.
    assert_eq!(words.has(&words[0], id(0, 0), table), Some(true));
    assert_eq!(words.has(&words[4], id(1, 0), table), Some(true));
    assert_eq!(words.has(&words[1], id(0, 1), table), None);
    assert_eq!(words.has(&words[2], id(0, 2), table), None);
    assert!(words.class(&words[3]).bits.is_none(), "`och` leads no term");
    // A text with only the later words rules every term out.
    let (_, only_later) = split("och studier och studier", &c.patterns);
    assert!(!c.set.may_occur(&only_later));
    assert!(c.set.may_occur(&summary));
}

#[test]
fn a_pattern_written_twice_is_one_id_and_patterns_that_differ_are_two() {
    let table = PatternsBuilder::new();
    let ids = |raw: &[&str]| -> Vec<usize> {
        let set = TermSet::parse_with(raw, &["plan"], &table).expect("valid terms");
        set.terms()
            .iter()
            .flat_map(|t| t.words.iter().map(|(id, _)| *id))
            .collect()
    };
    let first = ids(&[
        "*samverk*",
        "bostad*",
        "*bostad",
        "bostad",
        "=bostad",
        "studie+",
        "2016-178",
    ]);
    // The same seven again, in other terms and another order: the same ids.
    let again = ids(&[
        "2016-178",
        "studie+",
        "=bostad",
        "bostad",
        "*bostad",
        "bostad*",
        "*samverk*",
    ]);
    assert_eq!(again, first.iter().rev().copied().collect::<Vec<_>>());
    // Seven kinds of pattern over the same letters are seven patterns.
    let mut distinct = first.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct, (0..7).collect::<Vec<_>>());
    // `studie+` with other heads is another pattern; a needle that differs is another too.
    let other = TermSet::parse_with(&["studie+", "*samverka*"], &["resa"], &table).expect("valid");
    let other: Vec<usize> = other.terms().iter().map(|t| t.words[0].0).collect();
    assert_eq!(other, [7, 8]);
    assert_eq!(table.finish().len(), 9);
}

#[test]
fn reloading_the_built_in_pack_keeps_its_pattern_ids() {
    // The language server compiles the packs again on every reload: each rule set has a table
    // of its own, so ids start at 0 every time instead of climbing past the word bits (after
    // which every word would be compared with every term, at every occurrence).
    let load = || crate::engine::RuleSet::builtin().expect("the built-in pack compiles");
    let first = load();
    let len = first.patterns().len();
    assert!(len > 0, "the built-in pack has word patterns");
    let mut numbers = vec![first.patterns().number()];
    let mut last = None;
    for _ in 1..100 {
        let rules = load();
        assert_eq!(
            rules.patterns().len(),
            len,
            "the same packs, the same table"
        );
        numbers.push(rules.patterns().number());
        last = Some(rules);
    }
    let last = last.expect("reloaded");
    assert!(len <= BITS, "{len} patterns, {BITS} bits");
    // Every table has its own number, so no word is read with another table's bits.
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), 100);
    // The first and the hundredth rule set, used in turn, judge a plan alike.
    let plan = "# Plan\n\n## Bostäder\n\nVi bygger fler bostäder.\n\n## Folkhälsa\n\nText.\n";
    let findings = |rules: &crate::engine::RuleSet| {
        let doc = crate::document::Document::parse(plan, rules.patterns());
        rules
            .check_plan(&doc, plan, 0, crate::i18n::Lang::Sv, |_| true)
            .into_iter()
            .map(|d| (d.code, d.primary.span))
            .collect::<Vec<_>>()
    };
    let before = findings(&first);
    assert!(!before.is_empty());
    assert_eq!(findings(&last), before);
    assert_eq!(findings(&first), before);
}

#[test]
fn reloading_an_edited_pack_keeps_the_ids_flat() {
    // A policy author edits a pack in the editor: each reload has a term the one before did not.
    // The table is the rule set's, so the new term takes the old one's place instead of an id
    // after every pattern any earlier reload had.
    let pack = include_str!("../../examples/repo/regler/trygghet.toml");
    assert!(pack.contains("\"brottsprevent*\""));
    let load = |edit: usize| {
        let edited = pack.replace(
            "\"brottsprevent*\"",
            &format!("\"brottsprevent*\", \"trygghetsrond{edit}*\""),
        );
        let defs = vec![
            crate::engine::builtin_pack().expect("the built-in pack reads"),
            crate::engine::parse_pack("regler/trygghet.toml", &edited)
                .expect("the edited pack reads"),
        ];
        crate::engine::RuleSet::compile(defs).expect("the edited pack compiles")
    };
    let len = load(0).patterns().len();
    for edit in 1..100 {
        assert_eq!(load(edit).patterns().len(), len, "edit {edit}");
    }
    assert!(len <= BITS, "{len} patterns, {BITS} bits");
}

#[test]
fn two_tables_used_in_turn_on_one_thread_keep_their_meanings() {
    // Pattern 0 is `bostad` in one table and `hälsa` in the other.
    let housing = set(&["bostad"]);
    let health = set(&["hälsa"]);
    for _ in 0..3 {
        for (text, is_housing) in [("Bostäderna", true), ("hälsan", false)] {
            let (for_housing, housing_summary) = split(text, &housing.patterns);
            let (for_health, health_summary) = split(text, &health.patterns);
            assert_eq!(housing.set.any(&for_housing), is_housing, "{text}");
            assert_eq!(health.set.any(&for_health), !is_housing, "{text}");
            assert_eq!(
                housing.set.may_occur(&housing_summary),
                is_housing,
                "{text}"
            );
            assert_eq!(health.set.may_occur(&health_summary), !is_housing, "{text}");
            // Words split for the other table: their bits mean other patterns, so the set
            // compares the words themselves.
            assert_eq!(housing.set.any(&for_health), is_housing, "{text}");
            assert_eq!(health.set.any(&for_housing), !is_housing, "{text}");
            assert!(
                housing.set.may_occur(&health_summary) && health.set.may_occur(&housing_summary)
            );
            let term = &health.set.terms()[0];
            assert_eq!(term.may_occur(&health_summary), !is_housing, "{text}");
            assert_eq!(term.matches_at(&for_housing, 0), !is_housing, "{text}");
        }
    }
}

#[test]
fn more_tables_than_a_thread_remembers_stay_correct() {
    // Six rule sets in turn on one thread: each time one comes back its words are worked out
    // again or found in its own memory, never in another table's.
    let sets: Vec<Compiled> = ["bostad", "hälsa", "arbete", "kultur", "skola", "miljö"]
        .iter()
        .map(|t| set(&[t]))
        .collect();
    let text = "Bostäder, hälsan, arbetet, kulturen, skolorna och miljön";
    for _ in 0..3 {
        for s in &sets {
            let (words, summary) = split(text, &s.patterns);
            let hit = s.set.find(&words).expect("each term is in the text");
            assert!(s.set.may_occur(&summary));
            assert_eq!(hit.end - hit.start, 1);
            for other in sets
                .iter()
                .filter(|o| o.patterns.number() != s.patterns.number())
            {
                assert_eq!(other.set.find(&words), other.set.find(&ws(text)));
            }
        }
    }
}

mod long_words {
    //! A long word costs a pass, not a pass at every place a pattern's word occurs in it: the
    //! stemmer's bounded cut and the suffix search over the word's last bytes give the answers
    //! that trying every place gives.

    use proptest::prelude::*;

    use crate::matching::fold;
    use crate::matching::inflect::{is_ending, stem, MAX_STEM_CUT};
    use crate::matching::pattern::WordPattern;

    /// What a `*word` pattern means, without its bounded search: after a first part of two
    /// letters or more, the word and an ending, or the word without a final `a` or `e` and an
    /// ending that drops it.
    fn suffix_at_every_place(w: &str, pattern: &str) -> bool {
        let full = fold(pattern.trim_start_matches('*'));
        let base = full
            .strip_suffix(['a', 'e'])
            .filter(|b| b.len() >= 3)
            .unwrap_or(&full);
        let drops = |r: &str| {
            if full.ends_with('a') {
                ["or", "ors", "orna", "ornas"].contains(&r)
            } else {
                ["na", "nas"].contains(&r)
            }
        };
        (2..w.len()).filter(|&i| w.is_char_boundary(i)).any(|i| {
            let x = &w[i..];
            x.strip_prefix(full.as_str()).is_some_and(is_ending)
                || (base != full && x.strip_prefix(base).is_some_and(drops))
        })
    }

    #[test]
    fn the_stemmer_cuts_at_most_its_bound_and_can_cut_all_of_it() {
        // `heterna`, then one letter of `gd`, then `lig`.
        assert_eq!(stem("bankligdheterna"), "bank");
        assert_eq!("bankligdheterna".len() - "bank".len(), MAX_STEM_CUT);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_stem_is_a_prefix_at_most_the_bound_shorter(
            w in "[abdefghiklnorstuvåäö]{0,24}(heterna|hetens|arnas|lig|els|fullt|löst|dd|gd|tt|s)*"
        ) {
            let w = fold(&w);
            let s = stem(&w);
            prop_assert!(w.starts_with(&s), "`{}` → `{}`", w, s);
            prop_assert!(w.len() - s.len() <= MAX_STEM_CUT, "`{}` → `{}`", w, s);
        }

        #[test]
        fn a_suffix_pattern_matches_as_if_tried_at_every_place(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("bostad"), Just("bostäder"), Just("er"), Just("na"), Just("het"),
                    Just("lig"), Just("d"), Just("s"), Just("hälsa"), Just("an"), Just("arbete"),
                    Just("t"), Just("samverkan"), Just("studie"), Just("x"), Just("ö"),
                    Just("månad"), Just("man"), Just("or"), Just("hals"),
                ],
                0..40,
            ),
            pattern in prop_oneof![
                Just("*bostad"), Just("*bostäder"), Just("*hälsa"), Just("*arbete"),
                Just("*samverkan"), Just("*studier"), Just("*heter"), Just("*månad"),
            ],
        ) {
            let w = fold(&parts.concat());
            let p = WordPattern::parse(pattern, &[]).expect("a valid pattern");
            prop_assert_eq!(p.matches(&w), suffix_at_every_place(&w, pattern), "`{}` `{}`", w, pattern);
        }
    }
}

#[test]
fn a_words_key_is_its_first_bytes_zero_padded_at_every_length() {
    let text = "abcdefghijklmnopqrstuvwxyzåäö0123456789";
    for end in 0..=text.len() {
        let Some(raw) = text.get(..end) else { continue };
        let mut padded = [0u8; 24];
        let n = raw.len().min(24);
        padded[..n].copy_from_slice(&raw.as_bytes()[..n]);
        let want: Vec<u64> = padded
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        assert_eq!(short_of(raw).to_vec(), want, "`{raw}`");
    }
}

mod index {
    //! The index only spares comparisons: a new word classified through it gets exactly the
    //! bits that comparing it with every pattern of the table gives.

    use proptest::prelude::*;

    use crate::matching::bits::BITS;
    use crate::matching::classify::classify;
    use crate::matching::fold;

    thread_local! {
        /// The built-in pack, compiled once for the cases.
        static RULES: crate::engine::RuleSet =
            crate::engine::RuleSet::builtin().expect("the built-in pack compiles");
    }

    /// The built-in pack's words, and pieces that make inflections, compounds and digit groups
    /// of them.
    fn pieces(rules: &crate::engine::RuleSet) -> Vec<String> {
        let mut out: Vec<String> = rules
            .patterns()
            .patterns()
            .iter()
            .filter_map(|p| p.start().map(str::to_owned))
            .filter(|s| !s.is_empty())
            .collect();
        out.extend(
            [
                "er", "na", "en", "et", "s", "ar", "ernas", "het", "lig", "a", "e", "o", "1",
                "2016", "-", "/", "178", "tjugo", "fem", "hundra", "del", "ens", "ets", "x", "q",
                "å", "ä", "ö", "É",
            ]
            .map(String::from),
        );
        out.sort();
        out.dedup();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn a_new_words_bits_are_those_of_every_pattern_compared(
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..4)
        ) {
            let failure = RULES.with(|rules| {
                let table = rules.patterns();
                let pieces = pieces(rules);
                let word: String = picks.iter().map(|i| i.get(&pieces).as_str()).collect();
                let class = classify(&word, table);
                let folded = fold(&word);
                // A pattern that leads a term has its bit exactly when it matches; one that
                // only follows the first word of its terms has none (it is compared directly).
                let lead = |id: usize| table.leads()[id / 64] >> (id % 64) & 1 == 1;
                table.patterns().iter().enumerate().take(BITS).find_map(|(id, p)| {
                    let bit = class.bits()[id / 64] >> (id % 64) & 1 == 1;
                    let want = lead(id) && p.matches(&folded);
                    (bit != want).then(|| format!("`{word}`: pattern {id} {p:?}"))
                })
            });
            prop_assert!(failure.is_none(), "{:?}", failure);
        }
    }
}
