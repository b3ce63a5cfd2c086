//! What planlint says about a line that names an area but is not its heading: the label of the
//! finding and the words `outline` shows, by the line's shape.

use crate::document::Shape;
use crate::i18n::Lang;

/// A heading style of Word and LibreOffice, as the program names it in `lang`: `Rubrik 2`.
pub(crate) fn heading_style(level: usize, lang: Lang) -> String {
    format!("{} {level}", lang.pick("Rubrik", "Heading"))
}

/// The label of the finding, in Word's terms, for a paragraph of a Word or OpenDocument plan
/// that names an area but is not its heading, when its heading would be of `level`.
pub(crate) fn not_a_heading_style(shape: Shape, level: usize, lang: Lang) -> String {
    let style = heading_style(level, lang);
    match shape {
        Shape::TableCell => format!(
            "{} {style} {}",
            lang.pick(
                "området nämns bara i en tabell, och en tabellcell är ingen rubrik; skriv ett stycke med formatmallen",
                "the area is named only in a table, and a table cell is not a heading; write a paragraph in the style",
            ),
            lang.pick("före tabellen", "before the table")
        ),
        Shape::ListItem => format!(
            "{} {style}",
            lang.pick(
                "stycket är en punkt i en lista, inte en rubrik; ge det formatmallen",
                "the paragraph is a list item, not a heading; give it the style",
            )
        ),
        _ => format!(
            "{} {style}",
            lang.pick(
                "stycket ser ut som en rubrik men har formatmallen Normal; ge det formatmallen",
                "the paragraph looks like a heading but has the style Normal; give it the style",
            )
        ),
    }
}

/// Why a line that names an area is not its heading (see [`super::area::AreaMatcher::pseudo_heading`]):
/// the label of the finding, which goes on with the heading to write, and the words `outline`
/// puts after the line's number.
pub(crate) fn not_a_heading(shape: Shape, lang: Lang) -> (&'static str, &'static str) {
    let (finding, outline) = match shape {
        Shape::IndentedHeading => (
            (
                "den här raden är indragen och räknas som kod, inte som rubrik; ta bort indraget:",
                "this line is indented and counts as code, not as a heading; remove the indent:",
            ),
            (
                "är indragen och räknas som kod, inte som rubrik",
                "is indented and counts as code, not as a heading",
            ),
        ),
        Shape::TableCell => (
            (
                "området nämns bara i en tabell, och en tabellrad är ingen rubrik; lägg till en rubrik, t.ex.",
                "the area is named only in a table, and a table row is not a heading; add a heading, e.g.",
            ),
            ("är en tabellrad, inte en rubrik", "is a table row, not a heading"),
        ),
        Shape::ListItem => (
            (
                "en punkt i en lista är ingen rubrik; skriv raden som en rubrik, t.ex.",
                "a list item is not a heading; make this line a heading, e.g.",
            ),
            ("är en punkt i en lista, inte en rubrik", "is a list item, not a heading"),
        ),
        Shape::HtmlHeading => (
            (
                "en rubrik i HTML (`<h1>`–`<h6>`) öppnar inget avsnitt i planen; skriv den som en rubrik i Markdown, t.ex.",
                "a heading in HTML (`<h1>`–`<h6>`) opens no section of the plan; write it as a Markdown heading, e.g.",
            ),
            ("är en rubrik i HTML, inte i Markdown", "is an HTML heading, not a Markdown one"),
        ),
        Shape::Disguised => (
            (
                "rubriken ser ut som områdets namn men har tecken som bara liknar bokstäverna (t.ex. kyrilliska eller helbreddstecken) eller styrtecken för skrivriktning; skriv den med vanliga bokstäver, t.ex.",
                "the heading looks like the area's name but has characters that only look like its letters (e.g. Cyrillic or fullwidth ones) or bidirectional controls; write it in plain letters, e.g.",
            ),
            (
                "liknar områdets namn men har tecken som bara ser ut som bokstäverna",
                "looks like the area's name but has characters that only look like its letters",
            ),
        ),
        Shape::Paragraph => (
            (
                "fetstil är ingen rubrik; skriv raden som en rubrik, t.ex.",
                "bold text is not a heading; make this line a heading, e.g.",
            ),
            ("är fetstil, inte en rubrik", "is bold text, not a heading"),
        ),
    };
    (
        lang.pick(finding.0, finding.1),
        lang.pick(outline.0, outline.1),
    )
}
