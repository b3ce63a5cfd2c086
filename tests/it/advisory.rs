//! The advisory rules (IP005, IP008–IP015) read as a reader would: a time word only as a whole
//! word or the last part of a compound, a reference to the policy by its name, its description
//! or its decision, and an English plan by English words.

use planlint::diagnostic::Diagnostic;

use crate::support::{check, planlint_in, repo, stdout};

/// The findings of `code` in `found`.
fn of<'a>(found: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    found.iter().filter(|d| d.code == code).collect()
}

/// A Samverkan section that has everything but a time frame, with `words` added.
fn cooperation(words: &str) -> String {
    format!(
        "## Samverkan\n\nAnsvarig: förvaltningschefen. Mål: 12 gemensamma möten med \
         socialförvaltningen och Arbetsförmedlingen, där vi följer upp insatserna för varje \
         nyanländ familj. {words}\n"
    )
}

// 1. A time word is a word, or the last part of a compound, not letters inside another word.

#[test]
fn letters_of_a_time_word_inside_another_word_are_no_time_frame() {
    for words in [
        // `*månad`: the Snowball stem of `månad` is `man`, which `tillsammans` ends with.
        "Vi gör det tillsammans med skolan.",
        "Biblioteket lånar ut romaner på flera språk.",
        // `termin` is a word, not the start of one.
        "Vi enas om en gemensam terminologi för etableringen.",
        "Familjerna får hjälp vid datorterminalen i receptionen.",
        // `senast` has no other forms: `senare` is not a deadline.
        "Vi återkommer till formerna senare.",
    ] {
        let found = check(&cooperation(words));
        assert_eq!(of(&found, "IP015").len(), 1, "{words}: {found:#?}");
    }
}

#[test]
fn a_time_word_and_its_compounds_are_a_time_frame() {
    for words in [
        "Vi träffas en gång per kalendermånad.",
        "Vi utvärderar arbetet efter sex månader.",
        "Efter tre sommarmånaders uppehåll börjar vi igen.",
        "Mötena börjar under höstterminen.",
        "Varje termin går vi igenom resultaten.",
        "Vi ses vid terminsstarten.",
        "Arbetet ska vara klart senast i juni.",
        // A month by its name is a time frame.
        "Föreningskonsulenten kallar till det första mötet i september.",
        "Vi bjuder in föreningarna i mars och oktober.",
        "The first meeting is held in May.",
    ] {
        let found = check(&cooperation(words));
        assert!(of(&found, "IP015").is_empty(), "{words}: {found:#?}");
    }
}

#[test]
fn a_compound_head_found_by_its_stem_alone_is_no_other_pattern_either() {
    // `*lägenhet` (IP011) once stood as `*lägenheter`, whose stem `lagen` is the law.
    let housing = "## Bostäder\n\nVi ger råd till nyanlända hushåll om hur de står i bostadskön \
                   och vad socialtjänstlagen säger om stöd till boende, varje månad under året.\n";
    assert_eq!(of(&check(housing), "IP011").len(), 1);
    let housing = housing.replace("socialtjänstlagen", "hyreslägenheterna");
    assert!(of(&check(&housing), "IP011").is_empty());
}

#[test]
fn a_committee_or_a_unit_is_named_by_the_word_not_its_letters() {
    // IP014 takes `socialnämnds` (`*nämnd`), IP009 `arbetsmarknadsenheten` (`*senhet`) but
    // not `lägenheter`, which ends with the letters of `enheter`.
    let text = "## Samverkan\n\nSocialnämnds ordförande leder arbetet. Vi träffar \
                arbetsmarknadsenheten och Arbetsförmedlingen varje månad för att följa upp \
                insatserna för varje nyanländ familj.\n";
    let found = check(text);
    assert!(of(&found, "IP014").is_empty(), "{found:#?}");
    assert!(of(&found, "IP009").is_empty(), "{found:#?}");
    let text = text.replace("arbetsmarknadsenheten", "lägenheter");
    assert_eq!(of(&check(&text), "IP009").len(), 1);
    // The other forms the README names.
    for unit in ["enheterna", "socialnämnderna", "Enheten"] {
        let text = text.replace("lägenheter", unit);
        assert!(of(&check(&text), "IP009").is_empty(), "{unit}");
    }
}

// 2. The policy is named by its name, by what it is, or by its decision.

/// A plan's introduction that says `words`.
fn introduction(words: &str) -> String {
    format!("# Verksamhetsplan 2027\n\n{words}\n")
}

#[test]
fn the_policy_by_description_or_decision_is_a_reference() {
    for words in [
        "Planen utgår från kommunens policy för integration (KF 2016-06-20 § 67).",
        "Vi följer policyn för integration som fullmäktige antog 2016.",
        "Planen bygger på beslutet KF 2016-06-20, § 67.",
        "Se kommunfullmäktiges beslut, KF 2016-06-20 §67.",
        "Styrdokument: KS 2016-178.",
        // The date and the § name the decision, whoever is said to have made it.
        "Planen har stämts av mot kommunfullmäktiges beslut 2016-06-20 § 67.",
        "Styrdokument: dnr KS 2016/178.",
        "Planen vilar på Integrationspolicyn.",
    ] {
        let found = check(&introduction(words));
        assert!(of(&found, "IP005").is_empty(), "{words}: {found:#?}");
    }
}

#[test]
fn policy_or_integration_alone_is_no_reference() {
    for words in [
        "Planen följer kommunens policy för informationssäkerhet.",
        "Vi arbetar för integration av nyanlända i hela kommunen.",
        "Vi har en policy. Integration är viktigt för oss.",
        // Every year's council has a § 67, and a day's meeting many decisions.
        "Planen bygger på KF § 67.",
        "Planen bygger på beslutet i KF 2016-06-20.",
        "Ärendet har diarienummer KS 2016-179.",
    ] {
        let found = check(&introduction(words));
        assert_eq!(of(&found, "IP005").len(), 1, "{words}: {found:#?}");
    }
}

// 3. An English plan is judged by English words.

/// An English plan that does everything the advisory rules ask, in every area.
const ENGLISH_PLAN: &str = include_str!("../fixtures/advisory/english-plan.md");

/// The same areas, with prose that does none of it.
const ENGLISH_PLAN_LACKING: &str = include_str!("../fixtures/advisory/english-plan-lacking.md");

/// The advisory rules the tests judge: the reference to the policy and IP008–IP015.
const ADVISORY: &[&str] = &[
    "IP005", "IP008", "IP009", "IP010", "IP011", "IP012", "IP013", "IP014", "IP015",
];

#[test]
fn an_english_plan_that_does_everything_has_no_advisory_findings() {
    let found = check(ENGLISH_PLAN);
    assert!(found.is_empty(), "{found:#?}");
    // One section without its time frame has the finding it deserves, and only that one.
    let text = ENGLISH_PLAN
        .replace("twelve newcomers a year", "twelve newcomers")
        .replace(", and we follow up every quarter", "");
    let found = check(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "IP015");
    assert!(found[0].message.contains("Work and studies"), "{found:#?}");
}

#[test]
fn an_english_plan_that_does_none_of_it_has_every_advisory_finding() {
    let found = check(ENGLISH_PLAN_LACKING);
    for code in ADVISORY {
        assert!(!of(&found, code).is_empty(), "{code}: {found:#?}");
    }
    // IP013–IP015 judge each of the four sections.
    for code in ["IP013", "IP014", "IP015"] {
        assert_eq!(of(&found, code).len(), 4, "{code}: {found:#?}");
    }
}

#[test]
fn an_english_plan_is_told_in_english_with_lang_en_and_in_swedish_without() {
    let dir = repo(&[("plan.md", ENGLISH_PLAN_LACKING)]);
    let en = stdout(&planlint_in(
        dir.path(),
        &["--lang", "en", "check", "plan.md"],
        "",
    ));
    assert!(
        en.contains("the section `Cooperation` does not mention `the municipality's own units`"),
        "{en}"
    );
    let sv = stdout(&planlint_in(dir.path(), &["check", "plan.md"], ""));
    assert!(
        sv.contains("avsnittet `Cooperation` nämner inte `kommunens egna verksamheter`"),
        "{sv}"
    );
}

#[test]
fn english_words_do_not_make_a_swedish_section_pass() {
    // `skillnad` (a difference) is no skill, `springer` (runs) no spring, the plan's own
    // department no partner.
    let work = "## Arbete och studier\n\nVi erbjuder språkpraktik på förvaltningens arbetsplatser \
                och ser ingen skillnad mellan deltagarna, som annars springer mellan myndigheterna.\n";
    let found = check(work);
    assert_eq!(of(&found, "IP010").len(), 1, "{found:#?}");
    assert_eq!(of(&found, "IP015").len(), 1, "{found:#?}");
    let english = "## Cooperation\n\nThe department meets the Public Employment Service at its \
                   office to talk about how things are going for each family that came here.\n";
    assert_eq!(of(&check(english), "IP009").len(), 1);
}
