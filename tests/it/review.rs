//! Cases a review of the accuracy work found: a title, a field left unfilled, `fylls i` in
//! ordinary prose and as a placeholder, a line without a full stop, folded letters inside
//! compounds, and words the advisory rules missed. Each is a rule, with examples of its own.

use planlint::diagnostic::Diagnostic;

use crate::support::{check, covered, set, PROSE};

fn count(found: &[Diagnostic], code: &str) -> usize {
    found.iter().filter(|d| d.code == code).count()
}

/// A Bostäder section of 18 words with no goal, no one responsible and no time frame, and
/// `extra`.
fn housing(extra: &str) -> String {
    format!(
        "# Plan\n\n## Bostäder\n\nVi hjälper nyanlända hushåll att hitta en bostad och talar med \
         hyresvärdarna och det kommunala bostadsbolaget i hela kommunen.\n\n{extra}\n"
    )
}

#[test]
fn a_field_left_unfilled_names_nothing_it_labels() {
    let found = check(&housing(
        "- Mål: TODO\n- Nyckeltal: TODO\n- Ansvarig: fylls i\n- **Ansvarig** fylls i\n- Senast: XXX",
    ));
    for code in ["IP013", "IP014", "IP015"] {
        assert_eq!(count(&found, code), 1, "{code}: {found:#?}");
    }
    assert_eq!(count(&found, "IP006"), 5, "{found:#?}");
    // Filled in, the same fields satisfy the rules.
    let found = check(&housing(
        "- Mål: minst 20 hushåll får ett eget kontrakt\n- Ansvarig: enhetschefen\n- Senast: 2028-06-30",
    ));
    for code in ["IP006", "IP013", "IP014", "IP015"] {
        assert_eq!(count(&found, code), 0, "{code}: {found:#?}");
    }
}

#[test]
fn fylls_i_as_the_verb_of_a_sentence_is_prose_wherever_it_stands() {
    for sentence in [
        "Enkäten – som skickas ut till alla deltagare – fylls i av varje deltagare efter avslutad kurs.",
        "Anmälan till kurser, föreningar m.m. fylls i digitalt på kommunens webbplats.",
        "Blanketten&nbsp;fylls i av vårdnadshavaren vid inskrivningen.",
    ] {
        let found = check(&housing(sentence));
        assert_eq!(count(&found, "IP006"), 0, "{sentence}: {found:#?}");
    }
}

#[test]
fn fylls_i_in_place_of_text_is_a_placeholder_in_every_form() {
    for text in [
        "Tidsram = fylls i",
        "Mål → fylls i",
        "**Ansvarig** fylls i",
        "Budget – fylls i senare.",
        "Avsnittet om bostäder fylls i senare av enhetschefen när ramarna är beslutade.",
    ] {
        let found = check(&housing(text));
        assert_eq!(count(&found, "IP006"), 1, "{text}: {found:#?}");
    }
}

#[test]
fn a_todo_line_without_a_full_stop_ends_before_the_next_sentence() {
    let text = format!("# Plan\n\n## Bostäder\n\nTODO: lägg till siffror från 2026\n{PROSE}\n");
    assert_eq!(covered(&text), set(&["IP002"]));
}

#[test]
fn folded_letters_inside_a_compound_are_not_the_area_word() {
    // `*hälsa` folds to `halsa`: a bottleneck (`flaskhals`) is no health.
    for heading in ["## Flaskhalsen", "## Flaskhalsar i mottagandet"] {
        assert_eq!(
            covered(&format!("{heading}\n\n{PROSE}\n")),
            set(&[]),
            "{heading}"
        );
    }
    // `*aktör` folds to `aktor`: `f|aktorer` has no first part to be a compound.
    let cooperation = format!(
        "## Samverkan\n\nVi samverkar med socialförvaltningen om de faktorer som påverkar etableringen. {PROSE}\n"
    );
    assert_eq!(count(&check(&cooperation), "IP009"), 1);
    // A compound that ends in the word stays one.
    assert_eq!(
        covered(&format!("## Elevhälsan\n\n{PROSE}\n")),
        set(&["IP003"])
    );
}

#[test]
fn a_committee_the_policys_decision_and_english_time_words_count() {
    let cooperation = |words: &str| {
        format!(
            "## Samverkan\n\nAnsvarig: förvaltningschefen. Mål: 12 möten med Arbetsförmedlingen och föreningarna under 2028. {words}\n"
        )
    };
    assert_eq!(
        count(&check(&cooperation("Socialnämnden deltar.")), "IP009"),
        0
    );
    for words in [
        "Planen bygger på kommunfullmäktiges beslut den 20 juni 2016, § 67.",
        "Planen följer kommunens policy för integrationsfrågor.",
    ] {
        let text = format!("# Verksamhetsplan 2028\n\n{words}\n");
        assert_eq!(count(&check(&text), "IP005"), 0, "{words}");
    }
    let english = |words: &str| {
        format!(
            "## Cooperation\n\nResponsible: the head of unit. Goal: twelve meetings with the employment service and the associations. {words}\n"
        )
    };
    for words in [
        "We meet each term.",
        "We report in May.",
        "We meet every spring.",
    ] {
        assert_eq!(count(&check(&english(words)), "IP015"), 0, "{words}");
    }
}

#[test]
fn a_placeholder_on_a_setext_headings_second_line_is_found_not_a_crash() {
    // A setext heading's span is its first line; its words run on below it.
    for text in [
        "x\nTODO\n---\n",
        "-->\nTODO\n---\n",
        "## Bostäder\n\nVi\nTODO: mer\n===\n",
    ] {
        let found = check(text);
        assert_eq!(count(&found, "IP006"), 1, "{text:?}: {found:#?}");
    }
}
