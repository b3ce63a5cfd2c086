//! A measurable indicator (IP013) written with Swedish number words counts like one in digits:
//! `minst fyra möten per termin`. An article (`en plan`) is not a number.

use crate::support::check;

/// Whether IP013 reports the Bostäder section when its goal reads `goal`.
fn lacks_indicator(goal: &str) -> bool {
    let plan = format!(
        "# Plan\n\n## Bostäder\n\nFörvaltningen arbetar under året med bostäder för nyanlända hushåll \
         tillsammans med bostadsbolaget och hyresvärdarna i kommunen. Mål: {goal}.\n"
    );
    let findings = check(&plan);
    assert!(
        !findings.iter().any(|d| d.code == "IP002"),
        "the section must cover Bostäder: {findings:?}"
    );
    findings.iter().any(|d| d.code == "IP013")
}

#[test]
fn four_meetings_a_term_is_a_measurable_indicator() {
    assert!(!lacks_indicator(
        "minst fyra möten per termin med hyresvärdarna"
    ));
    // The same goal in digits, and without any figure, for comparison.
    assert!(!lacks_indicator(
        "minst 4 möten per termin med hyresvärdarna"
    ));
    assert!(lacks_indicator("fler möten med hyresvärdarna"));
}

#[test]
fn cardinal_words_count() {
    for goal in [
        "minst fem hushåll får ett eget kontrakt",
        "tolv nya lägenheter",
        "sjutton hushåll får ett eget kontrakt",
        "tjugo nya lägenheter",
        "nittio procent av hushållen har ett eget kontrakt",
        "hundra hushåll får ett eget kontrakt",
        "tusen kronor i startbidrag per hushåll",
        "noll vräkningar av barnfamiljer",
    ] {
        assert!(!lacks_indicator(goal), "{goal}");
    }
}

#[test]
fn compound_number_words_count() {
    for goal in [
        "tjugofem hushåll får ett eget kontrakt",
        "etthundra hushåll får ett eget kontrakt",
        "tvåhundrafemtio nya lägenheter till år",
        "tretusen kronor i startbidrag",
    ] {
        assert!(!lacks_indicator(goal), "{goal}");
    }
}

#[test]
fn fractions_count() {
    for goal in [
        "hälften av hushållen har ett eget kontrakt",
        "en tredjedel av hushållen har ett eget kontrakt",
        "två tredjedelar av hushållen har ett eget kontrakt",
        "en fjärdedel av de nya lägenheterna går till nyanlända",
    ] {
        assert!(!lacks_indicator(goal), "{goal}");
    }
}

#[test]
fn procent_after_a_number_word_counts_and_alone_does_not() {
    assert!(!lacks_indicator("tjugo procent fler egna kontrakt"));
    assert!(!lacks_indicator(
        "andelen med eget kontrakt ökar med en procent"
    ));
    assert!(lacks_indicator(
        "andelen med eget kontrakt ska öka, mätt i procent"
    ));
}

#[test]
fn an_article_is_not_a_number() {
    assert!(lacks_indicator(
        "en bättre boendesituation för ett hushåll i taget"
    ));
    assert!(lacks_indicator("ett eget kontrakt för fler hushåll"));
}
