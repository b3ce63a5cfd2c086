//! DESIGN §5 "When does a section cover an area?", one test per bullet.

use crate::support::{check, codes, covered, section, set, PROSE};

fn all_four() -> String {
    [
        "## Arbete och studier",
        "## Bostäder",
        "## Folkhälsa",
        "## Samverkan",
    ]
    .map(section)
    .concat()
}

#[test]
fn the_four_area_names_cover_their_areas() {
    assert_eq!(
        covered(&all_four()),
        set(&["IP001", "IP002", "IP003", "IP004"])
    );
}

#[test]
fn any_heading_level_counts() {
    assert_eq!(covered(&section("# Bostäder")), set(&["IP002"]));
    assert_eq!(covered(&section("###### Bostäder")), set(&["IP002"]));
}

#[test]
fn letter_case_does_not_matter() {
    assert_eq!(covered(&section("## BOSTÄDER")), set(&["IP002"]));
    assert_eq!(covered(&section("## folkhälsa")), set(&["IP003"]));
}

#[test]
fn nfd_headings_match_like_nfc() {
    let nfd = "## Bosta\u{308}der\n\n## Folkha\u{308}lsa\n\n";
    let text = format!("## Bosta\u{308}der\n\n{PROSE}\n\n## Folkha\u{308}lsa\n\n{PROSE}\n");
    assert!(nfd.contains('\u{308}'));
    assert_eq!(covered(&text), set(&["IP002", "IP003"]));
}

#[test]
fn nfd_spans_still_point_at_the_original_bytes() {
    let text = format!("## Bosta\u{308}der\n\n{PROSE} Skriv ha\u{308}r.\n");
    let found: Vec<_> = check(&text)
        .into_iter()
        .filter(|d| d.code == "IP006")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].primary.span.clone()], "Skriv ha\u{308}r");
}

#[test]
fn missing_diacritics_still_match() {
    assert_eq!(covered(&section("## Bostader")), set(&["IP002"]));
    assert_eq!(covered(&section("## Folkhalsa")), set(&["IP003"]));
}

#[test]
fn inflections_and_compounds_match() {
    assert_eq!(covered(&section("## Boende")), set(&["IP002"]));
    assert_eq!(covered(&section("## Bostadsförsörjning")), set(&["IP002"]));
    assert_eq!(covered(&section("## Folkhälsoarbete")), set(&["IP003"]));
    assert_eq!(covered(&section("## Samverkansformer")), set(&["IP004"]));
    assert_eq!(
        covered(&section("## Arbetet och studierna")),
        set(&["IP001"])
    );
    assert_eq!(covered(&section("## Arbetsmarknad")), set(&["IP001"]));
    assert_eq!(
        covered(&section("## Sysselsättning och utbildning")),
        set(&["IP001"])
    );
}

#[test]
fn numbering_and_trailing_parentheticals_are_ignored() {
    assert_eq!(covered(&section("## 3.2 Bostäder")), set(&["IP002"]));
    assert_eq!(
        covered(&section("## 3.2. Bostäder (se även bilaga 2)")),
        set(&["IP002"])
    );
    assert_eq!(covered(&section("## A) Folkhälsa")), set(&["IP003"]));
    // The parenthetical is not the heading's subject.
    assert_eq!(
        covered(&section("## Övrigt (bostäder och samverkan)")),
        set(&[])
    );
}

#[test]
fn a_heading_naming_two_areas_covers_both() {
    assert_eq!(
        covered(&section("## Folkhälsa och samverkan")),
        set(&["IP003", "IP004"])
    );
    assert_eq!(
        covered(&section("## Bostäder, arbete och studier")),
        set(&["IP001", "IP002"])
    );
}

#[test]
fn setext_headings_count() {
    let text = format!("Bostäder\n========\n\n{PROSE}\n\nFolkhälsa\n---------\n\n{PROSE}\n");
    assert_eq!(covered(&text), set(&["IP002", "IP003"]));
}

#[test]
fn headings_in_code_blocks_do_not_open_sections() {
    let text = format!("## Inledning\n\n```markdown\n## Bostäder\n\n{PROSE}\n```\n\n~~~\n## Samverkan\n~~~\n\n    ## Folkhälsa\n    {PROSE}\n");
    assert_eq!(covered(&text), set(&[]));
}

#[test]
fn headings_in_html_comments_and_blocks_do_not_open_sections() {
    let text = format!("## Inledning\n\n{PROSE}\n\n<!--\n## Bostäder\n\n{PROSE}\n-->\n\n<div>\n## Samverkan\n{PROSE}\n</div>\n");
    assert_eq!(covered(&text), set(&[]));
}

#[test]
fn headings_in_block_quotes_do_not_open_sections() {
    let text = format!("## Inledning\n\n{PROSE}\n\n> ## Bostäder\n>\n> {PROSE}\n");
    assert_eq!(covered(&text), set(&[]));
}

#[test]
fn false_friends_do_not_cover_an_area() {
    assert_eq!(covered(&section("## Arbetsmiljö")), set(&[]));
    assert_eq!(covered(&section("## Arbetssätt")), set(&[]));
    assert_eq!(covered(&section("## Särskilt boende")), set(&[]));
    assert_eq!(
        covered(&section("## Särskilda boenden för äldre")),
        set(&[])
    );
    assert_eq!(covered(&section("## Boendestöd")), set(&[]));
    assert_eq!(covered(&section("## Vårt arbete med kvalitet")), set(&[]));
    assert_eq!(covered(&section("## Hälso- och sjukvård")), set(&[]));
    // Folkhälsoarbete is public health, not work.
    assert_eq!(covered(&section("## Folkhälsoarbete")), set(&["IP003"]));
}

#[test]
fn a_passing_mention_is_not_coverage() {
    let text = format!(
        "## Arbete och studier\n\nVi ordnar språkpraktik i samverkan med Arbetsförmedlingen och bostadsbolaget. {PROSE}\n"
    );
    assert_eq!(covered(&text), set(&["IP001"]));
    let found = check(&text);
    let ip004 = found
        .iter()
        .find(|d| d.code == "IP004")
        .expect("IP004 fires");
    let mention = ip004
        .secondary
        .iter()
        .find(|l| l.message.contains("förbigående"))
        .expect("the passing mention is shown");
    assert_eq!(&text[mention.span.clone()], "samverkan");
}

#[test]
fn an_empty_section_is_not_coverage() {
    let text = format!("## Bostäder\n\n## Folkhälsa\n\n{PROSE}\n");
    assert_eq!(covered(&text), set(&["IP003"]));
    let d = check(&text)
        .into_iter()
        .find(|d| d.code == "IP002")
        .expect("IP002 fires");
    assert_eq!(&text[d.primary.span.clone()], "## Bostäder");
    assert!(
        d.primary.message.contains("inget innehåll"),
        "{}",
        d.primary.message
    );
}

#[test]
fn a_placeholder_only_section_is_not_coverage() {
    for body in [
        "TODO",
        "Fylls i senare av enhetschefen när budgeten för nästa år är klar och beslutad av nämnden.",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
        "[Beskriv här hur förvaltningen arbetar med bostäder för nyanlända och vilka insatser som planeras under året]",
        "<!-- Skriv här hur förvaltningen arbetar med området, med mål, nyckeltal, ansvarig och tidsram för varje insats. -->",
    ] {
        let text = format!("## Bostäder\n\n{body}\n");
        assert_eq!(covered(&text), set(&[]), "{body}");
        assert!(codes(&text).contains(&"IP002".to_owned()), "{body}");
    }
}

#[test]
fn a_too_short_section_is_not_coverage_and_fifteen_words_are_enough() {
    let fourteen =
        "Vi hjälper nyanlända familjer att hitta en bostad med hjälp av bostadsbolaget i kommunen.";
    let fifteen = "Vi hjälper nyanlända familjer att hitta en egen bostad med hjälp av bostadsbolaget i hela kommunen.";
    assert_eq!(fourteen.split_whitespace().count(), 15 - 1);
    assert_eq!(covered(&format!("## Bostäder\n\n{fourteen}\n")), set(&[]));
    assert_eq!(
        covered(&format!("## Bostäder\n\n{fifteen}\n")),
        set(&["IP002"])
    );
    let d = check(&format!("## Bostäder\n\n{fourteen}\n"))
        .into_iter()
        .find(|d| d.code == "IP002")
        .expect("fires");
    assert!(
        d.primary.message.contains("14 ord"),
        "{}",
        d.primary.message
    );
}

#[test]
fn subsections_count_unless_they_name_another_area() {
    let own = format!("## Bostäder\n\n### Nybyggnation\n\n{PROSE}\n");
    assert_eq!(covered(&own), set(&["IP002"]));
    let other = format!("## Bostäder\n\n### Samverkan\n\n{PROSE}\n");
    assert_eq!(covered(&other), set(&["IP004"]));
}

#[test]
fn a_subsection_heading_naming_an_area_covers_it() {
    let text = format!("## Prioriterade områden\n\n{}", section("### Samverkan"));
    assert_eq!(covered(&text), set(&["IP004"]));
}

#[test]
fn the_plan_title_names_the_plan_not_an_area() {
    let text = format!(
        "# Verksamhetsplan 2027 – Arbetsmarknads- och integrationsenheten\n\n{PROSE}\n\n{}",
        section("## Bostäder")
    );
    assert_eq!(covered(&text), set(&["IP002"]));
    // A title that says nothing but the area still counts.
    let only = format!("# Bostäder\n\n{PROSE}\n\n## Nybyggnation\n\n{PROSE}\n");
    assert_eq!(covered(&only), set(&["IP002"]));
}

/// A plan under a title of `title`, whose only subsection names no area.
fn under_title(title: &str) -> String {
    format!("{title}\n\n{PROSE}\n\n## Uppföljning\n\n{PROSE}\n")
}

#[test]
fn a_title_that_says_the_plan_is_about_an_area_covers_it_wherever_the_area_stands() {
    // A planning document about the area, after the department's name or not.
    let about = [
        (
            "# Gatu- och parkenheten – handlingsplan för bostäder och boende 2028",
            "IP002",
        ),
        ("# Åtgärdsprogram om folkhälsa för 2028", "IP003"),
        (
            "# Strategi för samverkan med civilsamhället 2028–2030",
            "IP004",
        ),
        ("# Plan för en god folkhälsa", "IP003"),
        ("# Action plan for housing, 2028", "IP002"),
        ("# Housing strategy 2028", "IP002"),
    ];
    for (title, code) in about {
        assert_eq!(covered(&under_title(title)), set(&[code]), "{title}");
    }
}

#[test]
fn a_title_compound_whose_head_is_a_planning_document_names_its_area() {
    let about = [
        ("# Folkhälsoprogrammet 2028", "IP003"),
        ("# Fritidsgårdarna – folkhälsoplan 2028", "IP003"),
        ("# Bostadsstrategi för Vingåker 2028", "IP002"),
        ("# Samverkanspolicy 2028", "IP004"),
    ];
    for (title, code) in about {
        assert_eq!(covered(&under_title(title)), set(&[code]), "{title}");
    }
    // A title may name the unit and the subject both.
    assert_eq!(
        covered(&under_title("# Folkhälsoprogram 2028 – Folkhälsoenheten")),
        set(&["IP003"])
    );
    // Look-alikes stay look-alikes: the area word is only the modifier of another word.
    for title in ["# Arbetsplan 2028", "# Arbetsordning för nämnden 2028"] {
        assert_eq!(covered(&under_title(title)), set(&[]), "{title}");
    }
}

#[test]
fn a_title_that_names_the_department_covers_nothing_and_outline_says_why() {
    for title in [
        "# Verksamhetsplan 2028 – Arbetsmarknadsenheten",
        "# Verksamhetsplan för Folkhälsoenheten 2028",
        "# Samverkanscentrum Öst – verksamhetsplan 2028",
        "# Verksamhetsplan 2028 – Boende och stöd för unga",
        // A unit's name after `för` or before the document, a genitive owner, an English unit.
        "# Plan för Arbetsmarknadsenheten 2028",
        "# Arbetsmarknadsenheten – plan och budget 2028",
        "# Vuxenutbildningens handlingsplan 2028",
        "# Arbetsmarknadsnämndens program 2028",
        "# Operational plan for the Employment Unit 2028",
        "# Business plan for the Labour Market Unit",
        // `arbete` as an activity in a title as in any heading.
        "# Plan för förvaltningens arbete 2028",
        "# Handlingsplan för arbete mot våld i nära relationer",
    ] {
        assert_eq!(covered(&under_title(title)), set(&[]), "{title}");
    }
    let out =
        crate::support::outline_of(&under_title("# Verksamhetsplan för Folkhälsoenheten 2028"));
    assert!(
        out.contains("✗ Folkhälsa: `Folkhälsoenheten` står i planens titel, som här namnger förvaltningen eller planen"),
        "{out}"
    );
}

#[test]
fn coordination_is_not_cooperation_and_outline_says_so() {
    for heading in [
        "## Samordning av inköp och avtal",
        "## Samordning med Försäkringskassan",
        "## Samordning",
        "## Coordination of purchasing",
    ] {
        assert_eq!(covered(&section(heading)), set(&[]), "{heading}");
    }
    // Beside a word that does name the area, the heading still names it.
    assert_eq!(
        covered(&section(
            "## Samordning och samverkan med Försäkringskassan"
        )),
        set(&["IP004"])
    );
    let out = crate::support::outline_of(&section("## Samordning av inköp och avtal"));
    assert!(
        out.contains("✗ Samverkan: `Samordning` räknas inte"),
        "{out}"
    );
}

#[test]
fn crlf_gives_the_same_verdict_and_lines() {
    let lf = format!(
        "---\nförvaltning: X\når: 2027\nansvarig: Y\n---\n# Plan\n\n{}",
        section("## Bostäder")
    );
    let crlf = lf.replace('\n', "\r\n");
    assert_eq!(covered(&lf), covered(&crlf));
    assert_eq!(codes(&lf), codes(&crlf));
    let d = check(&crlf)
        .into_iter()
        .find(|d| d.code == "IP001")
        .expect("IP001 fires");
    assert_eq!(&crlf[d.primary.span.clone()], "# Plan");
}

#[test]
fn a_bom_is_skipped_and_front_matter_still_read() {
    let text = format!(
        "\u{feff}---\nförvaltning: X\når: 2027\nansvarig: Y\n---\n{}",
        section("## Bostäder")
    );
    assert_eq!(covered(&text), set(&["IP002"]));
    assert!(!codes(&text).contains(&"IP007".to_owned()));
}

#[test]
fn toml_front_matter_is_read() {
    // TOML bare keys are ASCII, so Swedish keys are quoted.
    let text = format!(
        "+++\n\"förvaltning\" = \"X\"\n\"år\" = 2027\nansvarig = \"Y\"\n+++\n{}",
        section("## Bostäder")
    );
    assert!(!codes(&text).contains(&"IP007".to_owned()));
    let missing = "+++\nforvaltning = \"X\"\n+++\n# Plan\n";
    let d = check(missing)
        .into_iter()
        .find(|d| d.code == "IP007")
        .expect("IP007 fires");
    assert!(
        d.message.contains("`år`") && d.message.contains("`ansvarig`"),
        "{}",
        d.message
    );
}

#[test]
fn unreadable_front_matter_is_said_so() {
    let text = "---\nförvaltning: [X\n---\n# Plan\n";
    let d = check(text)
        .into_iter()
        .find(|d| d.code == "IP007")
        .expect("IP007 fires");
    assert!(
        d.primary
            .message
            .starts_with("uppgiftsblocket kan inte läsas"),
        "{}",
        d.primary.message
    );
    assert_eq!(&text[d.primary.span.clone()], "---");
}

#[test]
fn arbete_as_an_activity_is_not_the_work_area() {
    for heading in [
        "## Förebyggande arbete",
        "## Hälsofrämjande arbete",
        "## Systematiskt arbete",
        "## Arbetet med kvalitet",
        "## Så arbetar vi",
        "## Fortsatt arbete",
    ] {
        assert!(!covered(&section(heading)).contains("IP001"), "{heading}");
    }
    for heading in [
        "## Arbete",
        "## Vägar till arbete",
        "## Studier och arbete",
        "## Språk, utbildning och arbete",
    ] {
        assert!(covered(&section(heading)).contains("IP001"), "{heading}");
    }
}

#[test]
fn residents_and_staff_health_are_not_areas() {
    assert_eq!(covered(&section("## Trygghet för de boende")), set(&[]));
    assert_eq!(covered(&section("## Medarbetarnas hälsa")), set(&[]));
    assert_eq!(covered(&section("## Arbetsmiljö och hälsa")), set(&[]));
    assert_eq!(
        covered(&section("## Hälsa och välbefinnande")),
        set(&["IP003"])
    );
}

#[test]
fn a_bold_line_is_not_a_heading_but_is_pointed_out() {
    let text = format!("## Prioriterade områden\n\n**Bostäder**\n\n{PROSE}\n");
    assert_eq!(covered(&text), set(&[]));
    let d = check(&text)
        .into_iter()
        .find(|d| d.code == "IP002")
        .expect("IP002 fires");
    let hint = d
        .secondary
        .iter()
        .find(|l| l.message.contains("fetstil är ingen rubrik"))
        .expect("hint");
    assert_eq!(&text[hint.span.clone()], "Bostäder");
    // One level below `## Prioriterade områden`, where the section belongs.
    assert!(hint.message.ends_with("`### Bostäder`"), "{}", hint.message);
}

#[test]
fn headings_about_the_departments_own_staff_are_not_areas() {
    assert_eq!(
        covered(&section(
            "## Personalens kompetensutveckling och utbildning"
        )),
        set(&[])
    );
    assert_eq!(
        covered(&section("## Hälsa och friskvård för medarbetare")),
        set(&[])
    );
    // Nor the guardians, volunteers and elected members the department trains.
    for heading in [
        "## Rekrytering och utbildning av gode män",
        "## Utbildning för förtroendevalda",
        "## Studiedag för volontärerna",
        "## Training for volunteers",
    ] {
        assert_eq!(covered(&section(heading)), set(&[]), "{heading}");
    }
    // Newcomers' studies still are the area.
    assert_eq!(
        covered(&section("## Utbildning för nyanlända")),
        set(&["IP001"])
    );
}

#[test]
fn lone_cr_line_endings_count_as_lines() {
    let text = format!("# Plan\r\r## Bostäder\r\r{PROSE}\r");
    assert_eq!(covered(&text), set(&["IP002"]));
    let d = check(&text)
        .into_iter()
        .find(|d| d.code == "IP001")
        .expect("IP001");
    let file = planlint::source::SourceFile::new("p.md", text.clone());
    assert_eq!(file.line_col(d.primary.span.start), (1, 1));
    assert_eq!(file.line_col(text.find("## B").expect("heading")), (3, 1));
}

#[test]
fn lone_cr_does_not_turn_a_fenced_example_into_a_section() {
    // Found by the property tests: with lone CR endings the parser misread the fence, and the
    // heading inside the example counted as the Bostäder section.
    let lf = format!("# Plan\n\n```markdown\n## Bostäder\n\n{PROSE}\n```\n");
    let cr = lf.replace('\n', "\r");
    assert!(!covered(&lf).contains("IP002"));
    assert!(!covered(&cr).contains("IP002"), "{cr:?}");
    assert_eq!(codes(&lf), codes(&cr));
}
