//! Plans as they come from real writers: placeholders inside real prose, look-alike compounds,
//! English headings, and lines that were meant as headings but are not (indented, in a table,
//! in a list). Each test names the class of mistake it guards against.

use planlint::diagnostic::Diagnostic;

use crate::support::{check, covered, outline_of, planlint_in, repo, section, set, stdout, PROSE};

/// Forty words of real housing prose.
const HOUSING: &str =
    "Förvaltningen arbetar tillsammans med det kommunala bostadsbolaget för att fler \
nyanlända hushåll ska få ett eget förstahandskontrakt inom två år. Vi följer upp väntetiderna \
varje kvartal, rapporterar resultatet till nämnden och erbjuder rådgivning om hyresrätter, \
boendekostnader och grannrelationer på flera språk.";

fn finding<'a>(found: &'a [Diagnostic], code: &str) -> Option<&'a Diagnostic> {
    found.iter().find(|d| d.code == code)
}

// 1. A placeholder sentence erases only itself.

#[test]
fn a_placeholder_sentence_does_not_erase_the_prose_around_it() {
    assert!(HOUSING.split_whitespace().count() >= 40);
    let text = format!(
        "## Bostäder\n\n{HOUSING} TODO: kontrollera antalet ansökningar 2026. Resten av texten står kvar.\n"
    );
    assert_eq!(covered(&text), set(&["IP002"]));
    let found = check(&text);
    assert!(finding(&found, "IP002").is_none(), "{found:#?}");
    let todo = finding(&found, "IP006").expect("the TODO is still reported");
    assert_eq!(&text[todo.primary.span.clone()], "TODO");
}

#[test]
fn the_words_of_the_placeholder_sentence_do_not_count() {
    // Thirteen words of prose and a placeholder sentence of eight: only the thirteen count.
    let text = "## Bostäder\n\nVi bygger tolv nya lägenheter för nyanlända familjer i centrala Vingåker i år. \
                TODO: skriv mer om kön och om hyresnivåerna här.\n";
    assert_eq!(covered(text), set(&[]));
    let out = outline_of(text);
    assert!(
        out.contains("1 platshållare borttagen: 13 ord kvar"),
        "{out}"
    );
}

#[test]
fn a_placeholder_inside_a_sentence_takes_out_only_itself() {
    // XXX stands for a number; the fifteen words with a letter around it are the plan's own.
    let text = "## Samverkan\n\nUnder 2027 träffas vi XXX gånger i det regionala nätverket för överförmyndare och socialtjänsten i hela länet.\n";
    assert_eq!(covered(text), set(&["IP004"]));
    assert!(outline_of(text).contains("1 platshållare borttagen: 15 ord kvar"));
}

#[test]
fn a_section_of_only_placeholders_is_still_not_covered() {
    let text = "## Folkhälsa\n\nTODO – texten tas fram tillsammans med folkhälsostrategen under våren.\n\n[Beskriv hur förvaltningen arbetar med mötesplatser och delaktighet.]\n";
    assert_eq!(covered(text), set(&[]));
}

#[test]
fn lorem_ipsum_takes_out_its_whole_paragraph() {
    let text = "## Samverkan\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor \
                incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
                exercitation ullamco laboris nisi ut aliquip.\n";
    assert_eq!(covered(text), set(&[]));
    assert!(check(text).iter().any(|d| d.code == "IP006"));
}

/// The texts of the IP006 findings for `text`.
fn placeholders(text: &str) -> Vec<String> {
    check(text)
        .iter()
        .filter(|d| d.code == "IP006")
        .map(|d| text[d.primary.span.clone()].to_owned())
        .collect()
}

#[test]
fn fylls_i_as_the_verb_of_a_sentence_is_the_plans_prose() {
    // A placeholder phrase after a word of its own sentence is that sentence's verb.
    for prose in [
        "Blanketten fylls i av vårdnadshavaren vid inskrivningen.",
        "Ansökan fylls i digitalt och skickas till förvaltningen inom två veckor.",
        "Varje nyanländ familj får hjälp med hur ansökan om bostadsbidrag fylls i.",
        "Enkäten, som fylls i av deltagarna efter kursen, sammanställs av samordnaren.",
        "Hur formuläret [för ansökan](https://example.se/a:b) fylls i visar handläggaren.",
        "Det står ”fylls i” i de rutor som deltagaren själv ska skriva i.",
        "Handläggaren visar var på blanketten\nfylls i uppgifterna om hushållet.",
        "Vi samlar all text här innan den skickas till nämnden.",
    ] {
        let text = format!("## Bostäder\n\n{prose}\n\n{PROSE}\n");
        assert_eq!(placeholders(&text), Vec::<String>::new(), "{prose}");
    }
    // And its words are substance: fifteen words with the verb in the middle cover the area.
    let text = "## Bostäder\n\nKontraktet fylls i av bostadsbolaget och nyanlända hushåll får hjälp att läsa det före inflyttningen.\n";
    assert_eq!(covered(text), set(&["IP002"]));
}

#[test]
fn fylls_i_standing_for_missing_text_is_a_placeholder() {
    // Alone, in any case, with or without punctuation; after a sentence, a colon, a dash or a
    // bracket; as a paragraph, a list item or a table cell; on a line of its own.
    let text = "## Uppföljning\n\n\
                Fylls i\n\n\
                FYLLS I…\n\n\
                fylls i senare.\n\n\
                Fylls i av enhetschef\n\n\
                Budgeten är inte klar. Fylls i när ramarna är beslutade.\n\n\
                Ansvarig: fylls i. Budget – fylls i senare. Nyckeltal (fylls i).\n\n\
                - fylls i av samordnaren\n\n\
                | Mål | Ansvarig |\n|---|---|\n| Fylls i. | [Fylls i] |\n\n\
                Antal platser 2027\nFylls i\n";
    assert_eq!(
        placeholders(text),
        [
            "Fylls i",
            "FYLLS I",
            "fylls i",
            "Fylls i",
            "Fylls i",
            "fylls i",
            "fylls i",
            "fylls i",
            "fylls i",
            "Fylls i",
            "[Fylls i]",
            "Fylls i",
        ]
    );
}

#[test]
fn a_placeholder_phrase_standing_for_missing_text_is_no_substance() {
    // `Fylls i` opens its sentence: the sentence is a note to the writer, however long.
    let text = "## Bostäder\n\nFylls i av enhetschefen när vi vet hur många lägenheter bostadsbolaget kan erbjuda nyanlända hushåll under året.\n";
    assert_eq!(covered(text), set(&[]));
    assert!(outline_of(text).contains("1 platshållare borttagen: 0 ord kvar"));
}

// What a placeholder takes out, it takes out for every rule.

/// Forty words of Folkhälsa prose that name xenophobia and racism but not discrimination.
const HEALTH: &str = "Förvaltningen ordnar fler mötesplatser och uppmuntrar nyanlända att delta i \
föreningslivet, med främlingsfientlighet och rasism som återkommande teman på träffarna. \
Folkhälsostrategen ansvarar och följer upp antalet deltagare varje kvartal tillsammans med \
föreningarna och biblioteket, och målet är minst 200 besök under 2027.";

/// The messages of `text`'s findings of `code`.
fn messages(text: &str, code: &str) -> Vec<String> {
    check(text)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| d.message)
        .collect()
}

#[test]
fn a_placeholder_sentence_is_no_mention_for_a_mention_rule() {
    let todo = format!("## Folkhälsa\n\n{HEALTH} TODO: beskriv hur vi motverkar diskriminering.\n");
    assert_eq!(covered(&todo), set(&["IP003"]));
    assert_eq!(
        messages(&todo, "IP008"),
        ["avsnittet `Folkhälsa` tar inte upp `diskriminering`"]
    );
    // Not in brackets, nor as filler text; the same sentence as the plan's own counts.
    for draft in [
        "[Beskriv hur vi motverkar diskriminering.]",
        "Lorem ipsum dolor sit amet, diskriminering.",
    ] {
        let text = format!("## Folkhälsa\n\n{HEALTH}\n\n{draft}\n");
        assert_eq!(messages(&text, "IP008").len(), 1, "{draft}");
    }
    let written =
        format!("## Folkhälsa\n\n{HEALTH} Vi beskriver hur vi motverkar diskriminering.\n");
    assert_eq!(messages(&written, "IP008"), Vec::<String>::new());
}

#[test]
fn a_placeholder_inside_a_sentence_leaves_the_sentence_to_every_rule() {
    // XXX stands for a number: the sentence around it still names discrimination.
    let text = format!("## Folkhälsa\n\n{HEALTH} Vi håller XXX utbildningar om diskriminering.\n");
    assert_eq!(messages(&text, "IP008"), Vec::<String>::new());
}

#[test]
fn a_placeholder_sentence_is_no_element_for_an_elements_rule() {
    // The prose has no one responsible and no time frame; the notes to the writer do not add them.
    let prose = "Vi samordnar insatserna med socialförvaltningen och skolan och har ett överenskommet \
                 arbetssätt med Arbetsförmedlingen och föreningarna i kommunen för nyanlända familjer.";
    let text = format!(
        "## Samverkan\n\n{prose}\n\nTODO: ansvarig är förvaltningschefen. Fylls i senast i juni 2027.\n"
    );
    assert_eq!(covered(&text), set(&["IP004"]));
    assert_eq!(
        messages(&text, "IP014"),
        ["avsnittet `Samverkan` anger inte vem som ansvarar"]
    );
    assert_eq!(
        messages(&text, "IP015"),
        ["avsnittet `Samverkan` anger ingen tidsram"]
    );
    let written =
        format!("## Samverkan\n\n{prose}\n\nFörvaltningschefen ansvarar, senast i juni 2027.\n");
    assert!(messages(&written, "IP014").is_empty() && messages(&written, "IP015").is_empty());
}

#[test]
fn a_placeholder_sentence_is_no_reference_to_the_policy_and_no_passing_mention() {
    let text = format!(
        "# Verksamhetsplan 2027\n\nTODO: hänvisa till integrationspolicyn och skriv om bostäder.\n\n{}",
        section("## Samverkan")
    );
    assert_eq!(
        messages(&text, "IP005"),
        ["planen hänvisar inte till integrationspolicyn"]
    );
    let housing = check(&text)
        .into_iter()
        .find(|d| d.code == "IP002")
        .expect("IP002 fires");
    assert!(
        !housing
            .secondary
            .iter()
            .any(|l| l.message.contains("i förbigående")),
        "{housing:#?}"
    );
}

// 2. In a Swedish compound the last part is the head.

#[test]
fn a_compound_whose_area_word_is_only_the_modifier_is_not_the_area() {
    let text = format!(
        "## Studieresor och läger\n\nFöreningsbidragen betalar en sommarresa för ungdomar där de får \
         uppleva natur och kultur i länet tillsammans med ledare från föreningarna.\n\n{}",
        section("## Bostäder")
    );
    assert_eq!(covered(&text), set(&["IP002"]));
    let found = check(&text);
    // The trip is not Arbete och studier, so it is not judged as that area's section either.
    for d in &found {
        assert!(
            !(matches!(d.code.as_str(), "IP013" | "IP014" | "IP015")
                && d.message.contains("Studieresor")),
            "{d:#?}"
        );
    }
    assert!(finding(&found, "IP001").is_some());
    for heading in [
        "Studiecirkel för pensionärer",
        "Studiebesök",
        "Arbetsbil och fordon",
        "Arbetsmiljö",
        "Arbetssätt",
        "Arbetsplatsträffar",
        "Bostadsanpassning",
        "Boendestöd",
        "Boendeparkering",
        "Hälsoundersökningar",
        "Utbildningsdagar för personalen",
    ] {
        let text = section(&format!("## {heading}"));
        assert_eq!(covered(&text), set(&[]), "{heading}");
    }
}

#[test]
fn a_compound_whose_head_keeps_the_meaning_counts() {
    for (heading, code) in [
        ("Studiemöjligheter för nyanlända", "IP001"),
        ("Studiestöd", "IP001"),
        ("Arbetsmarknadsinsatser", "IP001"),
        ("Arbetssökande", "IP001"),
        ("Jobbsökande", "IP001"),
        ("Boendemiljö", "IP002"),
        ("Bostadsförsörjning", "IP002"),
        ("Bostadsbolaget", "IP002"),
        ("Hälsofrämjande arbete", "IP003"),
        ("Hälsoläget bland nyanlända", "IP003"),
        ("Folkhälsoarbete", "IP003"),
        ("Samverkansformer", "IP004"),
    ] {
        let text = section(&format!("## {heading}"));
        assert_eq!(covered(&text), set(&[code]), "{heading}");
    }
}

#[test]
fn outline_says_a_heading_is_a_modifier_compound() {
    let out = outline_of(&section("## Studieresor och läger"));
    assert!(
        out.contains("`Studieresor` är ett sammansatt ord där områdesordet bara är förled"),
        "{out}"
    );
}

#[test]
fn a_pack_declares_its_own_compound_heads() {
    let pack = r###"
[pack]
id = "test"
name = "Test"
source = "Test"
decision = "KF 1"
prefix = "T"

[[rule]]
code = "T001"
name = "omrade-idrott"
kind = "section"
severity = "error"
area = { sv = "Idrott", en = "Sports" }
terms = ["idrott+"]
heads = ["förening*", "plats"]
summary = { sv = "s", en = "s" }
rationale = { sv = "r", en = "r" }
message = { sv = "saknar {area}", en = "lacks {area}" }
help = { sv = "h", en = "h" }
policy = { section = "Idrott", quote = "Idrott för alla." }
examples.pass = "## Idrottsföreningar\n\nKommunen ger bidrag till tolv föreningar som når barn och unga i alla delar av kommunen varje vecka."
examples.fail = "## Idrottsgala\n\nKommunen ordnar en gala för att fira årets idrottsprestationer med musik, mat och priser till de bästa."
"###;
    let plans = [
        ("## Idrottsföreningar\n", true),
        ("## Idrottsplatsen\n", true),
        ("## Idrottsgala\n", false),
        ("## Idrotten\n", true),
        ("## Sports\n", true),
    ];
    for (heading, counts) in plans {
        let dir = repo(&[
            ("pack.toml", pack),
            ("plan.md", &format!("{heading}\n{PROSE}\n")),
        ]);
        let out = planlint_in(
            dir.path(),
            &[
                "check",
                "--rules",
                "pack.toml",
                "plan.md",
                "--format",
                "short",
            ],
            "",
        );
        let text = stdout(&out);
        assert_eq!(!text.contains("T001"), counts, "{heading}: {text}");
    }
}

#[test]
fn a_bad_compound_head_is_an_error_at_its_place() {
    let pack = "[pack]\nid = \"t\"\nname = \"T\"\nsource = \"T\"\ndecision = \"K\"\nprefix = \"T\"\n\n[[rule]]\ncode = \"T001\"\nname = \"a\"\nkind = \"section\"\nseverity = \"error\"\narea = { sv = \"A\", en = \"A\" }\nterms = [\"idrott+\"]\nheads = [\"två ord\"]\nsummary = { sv = \"s\", en = \"s\" }\nrationale = { sv = \"r\", en = \"r\" }\nmessage = { sv = \"m\", en = \"m\" }\nhelp = { sv = \"h\", en = \"h\" }\npolicy = { section = \"A\", quote = \"q\" }\nexamples.pass = \"x\"\nexamples.fail = \"y\"\n";
    let dir = repo(&[("pack.toml", pack), ("plan.md", "# Plan\n")]);
    let out = planlint_in(
        dir.path(),
        &["check", "--rules", "pack.toml", "plan.md"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = crate::support::stderr(&out);
    assert!(err.contains("ogiltigt huvudord"), "{err}");
    assert!(err.contains("pack.toml:15"), "{err}");
}

// 3. English area names count in any language setting.

#[test]
fn english_area_headings_count_in_swedish_and_english() {
    let text = [
        "## Work and studies",
        "## Housing",
        "## Public health",
        "## Cooperation",
    ]
    .map(section)
    .concat();
    assert_eq!(covered(&text), set(&["IP001", "IP002", "IP003", "IP004"]));
    for lang in ["sv", "en"] {
        let dir = repo(&[("plan.md", &section("## Cooperation"))]);
        let out = planlint_in(
            dir.path(),
            &["check", "plan.md", "--lang", lang, "--format", "short"],
            "",
        );
        let text = stdout(&out);
        assert!(text.contains("IP001"), "{text}");
        assert!(!text.contains("IP004"), "{lang}: {text}");
    }
}

#[test]
fn english_synonyms_and_bilingual_headings_count() {
    for (heading, code) in [
        ("## Employment and education", "IP001"),
        ("## Housing for newcomers", "IP002"),
        ("## Health and wellbeing", "IP003"),
        ("## Collaboration with other actors", "IP004"),
        ("## Partnerships", "IP004"),
        ("## Bostäder / Housing", "IP002"),
    ] {
        assert_eq!(covered(&section(heading)), set(&[code]), "{heading}");
    }
    for heading in [
        "## Work environment",
        "## Our work with children",
        "## Health and safety",
        "## Sheltered housing",
        "## Staff education",
    ] {
        assert_eq!(covered(&section(heading)), set(&[]), "{heading}");
    }
}

// 4. Near misses are pointed at, not silent.

fn hint(text: &str, code: &str) -> String {
    let found = check(text);
    let d = finding(&found, code).unwrap_or_else(|| panic!("{code} fires: {found:#?}"));
    d.secondary
        .iter()
        .map(|l| format!("{} @ {}", l.message, &text[l.span.clone()]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_indented_heading_is_code_and_is_pointed_at() {
    for indent in ["    ", "\t"] {
        let text = format!("# Plan\n\nInledning om planen och året som kommer.\n\n{indent}## Bostäder\n\n{PROSE}\n");
        assert_eq!(covered(&text), set(&[]));
        let h = hint(&text, "IP002");
        assert!(
            h.contains("den här raden är indragen och räknas som kod, inte som rubrik"),
            "{h}"
        );
        assert!(h.contains("`## Bostäder` @ ## Bostäder"), "{h}");
        let out = outline_of(&text);
        assert!(
            out.contains("✗ IP002 Bostäder: täcks inte (rad 5 är indragen och räknas som kod, inte som rubrik)"),
            "{out}"
        );
    }
}

#[test]
fn an_area_named_only_in_a_table_row_is_pointed_at() {
    let text = format!(
        "## Prioriterade områden\n\n| Område | Insats |\n|---|---|\n| Bostäder | {PROSE} |\n"
    );
    assert_eq!(covered(&text), set(&[]));
    let h = hint(&text, "IP002");
    assert!(h.contains("området nämns bara i en tabell"), "{h}");
    assert!(h.contains("@ Bostäder"), "{h}");
    assert!(outline_of(&text).contains("(rad 5 är en tabellrad, inte en rubrik)"));
}

#[test]
fn an_area_named_only_in_a_numbered_list_item_is_pointed_at() {
    let text = format!("## Prioriterade områden\n\n1. Bostäder\n2. Folkhälsa\n\n{PROSE}\n");
    assert_eq!(covered(&text), set(&[]));
    let h = hint(&text, "IP002");
    assert!(h.contains("en punkt i en lista är ingen rubrik"), "{h}");
    // One level below the `##` anchor.
    assert!(h.contains("`### Bostäder` @ Bostäder"), "{h}");
    assert!(outline_of(&text).contains("(rad 3 är en punkt i en lista, inte en rubrik)"));
}

#[test]
fn the_suggested_heading_has_the_level_of_the_other_areas() {
    let text = format!(
        "# Plan\n\n## Integration\n\n{}{}\n- Bostäder\n",
        section("### Folkhälsa"),
        section("### Samverkan")
    );
    let h = hint(&text, "IP002");
    assert!(h.contains("`### Bostäder`"), "{h}");
}

#[test]
fn invisible_characters_are_part_of_the_word_and_not_shown() {
    for (heading, clean) in [
        ("## Bo\u{AD}städer", "Bostäder"),
        ("## Bo\u{200B}städer", "Bostäder"),
        ("## 2.2\u{A0}Bostäder", "2.2 Bostäder"),
    ] {
        assert_eq!(covered(&section(heading)), set(&["IP002"]), "{heading:?}");
        // A thin section: the message quotes the heading as the reader sees it.
        let text = format!("{heading}\n\nFör kort.\n");
        let found = check(&text);
        let d = finding(&found, "IP002").expect("too thin");
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains(&format!("`{clean}`")), "{help}");
        assert!(
            !help.contains('\u{AD}') && !help.contains('\u{200B}'),
            "{help:?}"
        );
    }
}

#[test]
fn pandoc_heading_attributes_and_escaped_numbering_are_not_the_name() {
    assert_eq!(
        covered(&section("## Bostäder {#bostader .unnumbered}")),
        set(&["IP002"])
    );
    assert_eq!(covered(&section("## 3\\. Samverkan")), set(&["IP004"]));
    let text = "## Samverkan {#samverkan}\n\nFör kort.\n";
    let d = check(text)
        .into_iter()
        .find(|d| d.code == "IP004")
        .expect("thin");
    assert!(!d.help.unwrap_or_default().contains('{'));
}

#[test]
fn words_that_merely_start_like_an_area_are_not_passing_mentions() {
    let text = format!(
        "## Hamnen\n\nByggarbetena i hamnen fortsätter och arbetena ska vara klara till hösten. {PROSE}\n"
    );
    let h = hint(&text, "IP001");
    assert!(!h.contains("förbigående"), "{h}");
    // The employment sense still is one.
    let text = format!("## Hamnen\n\nFler nyanlända ska få arbete i hamnen. {PROSE}\n");
    assert!(hint(&text, "IP001").contains("förbigående"));
}
