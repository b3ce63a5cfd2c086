use std::rc::Rc;
use std::sync::atomic::Ordering;

use super::classify::{BITS, REGISTERED};
use super::memo::{hash, short_of};
use super::*;

fn ws(text: &str) -> Words {
    let mut out = Vec::new();
    let mut lexicon = Lexicon::new();
    words(text, |r| r, &mut out, &mut lexicon);
    Words::new(out, Rc::new(lexicon))
}

fn set(terms: &[&str]) -> TermSet {
    TermSet::parse(terms).expect("valid terms")
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
    assert!(s.any(&ws("Arbete")));
    assert!(s.any(&ws("arbetet")));
    assert!(!s.any(&ws("Arbetsmiljö")));
    assert!(!s.any(&ws("Arbetssätt")));
    assert!(!s.any(&ws("Folkhälsoarbete")));
}

#[test]
fn prefix_suffix_and_contains_patterns() {
    assert!(set(&["bostad*"]).any(&ws("Bostadsförsörjning")));
    assert!(set(&["bostad*"]).any(&ws("bostäder")));
    assert!(set(&["*bostad"]).any(&ws("hyresbostäderna")));
    assert!(set(&["*samverk*"]).any(&ws("myndighetssamverkan")));
    assert!(!set(&["bostad*"]).any(&ws("hyresbostäder")));
}

#[test]
fn multiword_terms_match_consecutive_words() {
    let s = set(&["särskil* boende*"]);
    assert!(s.any(&ws("Särskilt boende")));
    assert!(s.any(&ws("särskilda boenden")));
    assert!(!s.any(&ws("boende särskilt")));
    let hit = set(&["fylls i"])
        .find(&ws("Detta fylls i senare"))
        .expect("hit");
    assert_eq!((hit.start, hit.end), (1, 3));
}

#[test]
fn number_and_year_patterns() {
    assert!(set(&["#number"]).any(&ws("minst 30 deltagare")));
    assert!(!set(&["#number"]).any(&ws("under 2027, senast 2027-06-30")));
    assert!(set(&["#year"]).any(&ws("under 2027")));
}

#[test]
fn bad_patterns_are_rejected() {
    assert!(Term::parse("").is_err());
    assert!(Term::parse("*").is_err());
    assert!(Term::parse("bo*stad").is_err());
}

#[test]
fn inflections_snowball_misses_still_match() {
    assert!(set(&["hälsa"]).any(&ws("hälsan")));
    assert!(set(&["bostad"]).any(&ws("bostäderna")));
    assert!(set(&["studier"]).any(&ws("studierna")));
    assert!(!set(&["arbete"]).any(&ws("arbetsgrupp")));
}

fn with_heads(terms: &[&str], heads: &[&str]) -> TermSet {
    TermSet::parse_with(terms, heads).expect("valid terms and heads")
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
        assert!(s.any(&ws(yes)), "{yes}");
    }
    for no in [
        "studieresor",
        "Studiebesök",
        "bostadsanpassning",
        "hälsoundersökning",
    ] {
        assert!(!s.any(&ws(no)), "{no}");
        assert!(s.modifier_in(&fold(no)), "{no} is a modifier compound");
    }
    // An inflection is not a compound, and an unrelated word is neither.
    assert!(!s.modifier_in("studierna") && !s.modifier_in("kultur"));
}

#[test]
fn a_compound_head_is_one_word() {
    assert!(matches!(
        TermSet::parse_with(&["studie+"], &["två ord"]),
        Err(TermError::Head(0, _))
    ));
    assert!(matches!(
        TermSet::parse_with(&["stu*die+"], &["x"]),
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
fn the_built_in_pack_fits_in_the_word_bits() {
    // A pattern past BITS is compared at every occurrence of every word instead of once per
    // distinct word: correct, but several times slower. Raise BITS when this fails.
    crate::engine::RuleSet::load(None, &[]).expect("the built-in pack compiles");
    let registered = REGISTERED.load(Ordering::Acquire);
    assert!(registered <= BITS, "{registered} patterns, {BITS} bits");
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
