//! The readers on small documents written the way Word and LibreOffice write them.

use std::io::Write as _;

use super::{paragraphs, Paragraph, Reader, Role, WordError};
use crate::document::Shape;

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in entries {
        out.start_file(*name, options).expect("entry");
        out.write_all(body.as_bytes()).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// Styles as Swedish Word names them: ids `Rubrik1`, `Rubrik`, names in English.
fn styles() -> String {
    format!(
        r#"<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="56"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Egen"><w:name w:val="Min rubrik"/><w:basedOn w:val="Rubrik1"/></w:style>
<w:style w:type="paragraph" w:styleId="Innehll1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:styleId="Dold"><w:name w:val="Dold text"/><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>"#
    )
}

fn docx(body: &str) -> Vec<u8> {
    let document =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/styles.xml", &styles()),
        ("word/document.xml", &document),
        (
            "word/comments.xml",
            &format!("<w:comments {W}><w:comment><w:p><w:r><w:t>Bostäder</w:t></w:r></w:p></w:comment></w:comments>"),
        ),
    ])
}

fn p(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn read_docx(body: &str) -> Vec<Paragraph> {
    paragraphs(&docx(body), Reader::Word).expect("read")
}

fn texts(ps: &[Paragraph]) -> Vec<(Role, &str)> {
    ps.iter().map(|p| (p.role, p.text.as_str())).collect()
}

#[test]
fn headings_are_told_by_outline_level_and_built_in_name_whatever_the_style_id() {
    let body = [
        p("Rubrik", "Verksamhetsplan 2027"),
        p("Rubrik1", "Arbete och studier"),
        p("Rubrik2", "Bostäder"),
        p("Egen", "Folkhälsa"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Samverkan</w:t></w:r></w:p>"#
            .to_owned(),
        p("Normal", "Text."),
        p("Okänd", "Mer text."),
    ]
    .concat();
    assert_eq!(
        texts(&read_docx(&body)),
        [
            (Role::Title, "Verksamhetsplan 2027"),
            (Role::Heading(1), "Arbete och studier"),
            (Role::Heading(2), "Bostäder"),
            (Role::Heading(1), "Folkhälsa"),
            (Role::Heading(3), "Samverkan"),
            (Role::Body, "Text."),
            (Role::Body, "Mer text."),
        ]
    );
}

#[test]
fn what_word_does_not_show_is_not_text() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Kvar </w:t></w:r><w:del><w:r><w:delText>Bostäder strukna</w:delText></w:r></w:del><w:ins><w:r><w:t>tillagt</w:t></w:r></w:ins></w:p>
<w:p><w:moveFrom><w:r><w:t>flyttat härifrån</w:t></w:r></w:moveFrom><w:r><w:rPr><w:vanish/></w:rPr><w:t>dold</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Dold"/></w:rPr><w:t>också dold</w:t></w:r><w:r><w:t>synlig</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>vit</w:t></w:r><w:r><w:rPr><w:color w:val="FFFFFF"/><w:highlight w:val="black"/></w:rPr><w:t>vit på svart</w:t></w:r><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t>pytteliten</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>kommenterad</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline xmlns:wp="x"><wp:docPr id="1" name="Bild" descr="Bostäder och folkhälsa"/><w:txbxContent><w:p><w:r><w:t>Textruta om Samverkan</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r><w:r><w:t>efter bilden</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>sidor</w:t></w:r><w:r><w:tab/><w:t>och</w:t><w:br/><w:t>rader</w:t></w:r></w:p>"#.to_owned();
    assert_eq!(
        texts(&read_docx(&body)),
        [
            (Role::Body, "Kvar tillagt"),
            (Role::Body, "synlig"),
            (Role::Body, "vit på svart"),
            (Role::Body, "kommenterad"),
            (Role::Body, "efter bilden"),
            (Role::Body, "3sidor och rader"),
        ]
    );
}

#[test]
fn struck_text_unknown_styles_table_styles_and_deleted_paragraph_marks_are_read_as_word_shows_them()
{
    let body = format!(
        r#"<w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>struken</w:t></w:r><w:r><w:rPr><w:dstrike/></w:rPr><w:t>dubbelt</w:t></w:r><w:r><w:t>kvar</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblStyle w:val="Dold"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>dold tabell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:pStyle w:val="Rubrik1"/><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>Bostäder</w:t></w:r></w:p>{}
<w:p><w:pPr><w:rPr><w:del w:id="2" w:author="a"/></w:rPr></w:pPr><w:del><w:r><w:delText>strukits helt</w:delText></w:r></w:del></w:p>{}"#,
        p("Normal", "prosa efter"),
        p("Rubrik1", "Folkhälsa")
    );
    assert_eq!(
        texts(&read_docx(&body)),
        [
            (Role::Body, "kvar"),
            (Role::Heading(1), "Bostäder prosa efter"),
            (Role::Heading(1), "Folkhälsa"),
        ]
    );
}

#[test]
fn the_main_part_and_its_styles_are_found_through_the_relationships() {
    let rels = r#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
    let main_rels = r#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../word/s2.xml"/></Relationships>"#;
    // Normal hides its text; Heading 1 shows it again.
    let hiding = styles()
        .replace(
            r#"<w:name w:val="Normal"/>"#,
            r#"<w:name w:val="Normal"/><w:rPr><w:vanish/></w:rPr>"#,
        )
        .replace(
            r#"<w:outlineLvl w:val="0"/></w:pPr>"#,
            r#"<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:vanish w:val="0"/></w:rPr>"#,
        );
    let decoy = format!(
        r"<w:document {W}><w:body>{}</w:body></w:document>",
        p("Rubrik1", "Bostäder")
    );
    let main = format!(
        r"<w:document {W}><w:body>{}{}</w:body></w:document>",
        p("Rubrik1", "Folkhälsa"),
        p("Okänd", "dold text")
    );
    let bytes = zip(&[
        ("_rels/.rels", rels),
        ("word/_rels/main.xml.rels", main_rels),
        ("word/document.xml", &decoy),
        ("word/styles.xml", &styles()),
        ("word/s2.xml", &hiding),
        ("word/main.xml", &main),
    ]);
    let ps = paragraphs(&bytes, Reader::Word).expect("read");
    assert_eq!(texts(&ps), [(Role::Heading(1), "Folkhälsa")]);
}

#[test]
fn the_table_of_contents_is_left_out_as_a_field_a_control_and_toc_paragraphs() {
    let field = format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Bostäder 3</w:t></w:r></w:p>
{}<w:p><w:r><w:t>Folkhälsa 4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        p("Normal", "Samverkan 5")
    );
    let control = format!(
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>{}{}</w:sdtContent></w:sdt>"#,
        p("Rubrik1", "Innehåll"),
        p("Normal", "Arbete och studier 2")
    );
    let body = [
        field,
        control,
        p("Innehll1", "Bostäder 3"),
        p("Rubrik1", "Bostäder"),
    ]
    .concat();
    assert_eq!(texts(&read_docx(&body)), [(Role::Heading(1), "Bostäder")]);
}

#[test]
fn a_content_control_showing_its_placeholder_is_a_placeholder_in_brackets() {
    let body = r#"<w:p><w:r><w:t xml:space="preserve">Ansvarig: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="Platshllartext"/></w:rPr><w:t>Klicka eller tryck här för att ange text.</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Ange [mål]</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:sdt><w:sdtPr><w:alias w:val="Ifylld"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Ifylld text</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    assert_eq!(
        texts(&read_docx(body)),
        [
            (
                Role::Body,
                "Ansvarig: [Klicka eller tryck här för att ange text.]"
            ),
            (Role::Body, "[Ange mål]"),
            (Role::Body, "Ifylld text"),
        ]
    );
}

#[test]
fn bold_or_large_normal_paragraphs_look_like_headings_and_tables_and_lists_are_told() {
    let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bostäder</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t>Folkhälsa</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Delvis</w:t></w:r><w:r><w:t> fet</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Inte fet</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Punkt</w:t></w:r></w:p>"#.to_owned();
    let ps = read_docx(&body);
    let got: Vec<_> = ps
        .iter()
        .map(|p| (p.text.as_str(), p.emphasized, p.shape))
        .collect();
    assert_eq!(
        got,
        [
            ("Bostäder", true, Shape::Paragraph),
            ("Folkhälsa", true, Shape::Paragraph),
            ("Delvis fet", false, Shape::Paragraph),
            ("Inte fet", false, Shape::Paragraph),
            ("Cell", false, Shape::TableCell),
            ("Punkt", false, Shape::ListItem),
        ]
    );
}

#[test]
fn damaged_encrypted_and_misnamed_files_are_errors_of_their_own() {
    let whole = docx(&p("Normal", "Text"));
    assert_eq!(
        paragraphs(&whole[..whole.len() / 2], Reader::Word),
        Err(WordError::Damaged)
    );
    assert_eq!(
        paragraphs(b"<html><body><h1>Plan</h1>", Reader::Word),
        Err(WordError::NotAnArchive(Reader::Word))
    );
    let manifest = r#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#;
    let odt = zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", "\u{1}\u{2}"),
    ]);
    assert_eq!(
        paragraphs(&odt, Reader::OpenDocument),
        Err(WordError::Encrypted)
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(paragraphs(&ole, Reader::Word), Err(WordError::Encrypted));
    let deep = zip(&[("word/document.xml", &"<w:p>".repeat(100_000))]);
    assert!(matches!(
        paragraphs(&deep, Reader::Word),
        Err(WordError::TooDeep(_))
    ));
    let missing = zip(&[("[Content_Types].xml", "<Types/>")]);
    assert_eq!(
        paragraphs(&missing, Reader::Word),
        Err(WordError::Missing("word/document.xml"))
    );
}

const ODT_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0""#;

fn read_odt(body: &str) -> Vec<Paragraph> {
    let styles = format!(
        r#"<office:document-styles {ODT_NS}><office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style>
<style:style style:name="Title" style:family="paragraph"/>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
<style:style style:name="Min" style:family="paragraph" style:parent-style-name="Heading_20_2"/>
</office:styles></office:document-styles>"#
    );
    let content = format!(
        r##"<office:document-content {ODT_NS}><office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties fo:color="#FFFFFF"/></style:style>
<style:style style:name="X" style:family="paragraph"><style:text-properties text:display="none"/></style:style>
<style:style style:name="X" style:family="text"/>
</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"##
    );
    let bytes = zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("styles.xml", &styles),
        ("content.xml", &content),
    ]);
    paragraphs(&bytes, Reader::OpenDocument).expect("read")
}

#[test]
fn odt_headings_hidden_and_generated_text_and_placeholders() {
    let body = r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>Bostäder strukna</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p text:style-name="Title">Verksamhetsplan</text:p>
<text:table-of-content><text:index-body><text:p>Bostäder 2</text:p></text:index-body></text:table-of-content>
<text:h text:outline-level="1"><text:number>1.</text:number>Arbete och studier</text:h>
<text:p text:style-name="Min">Bostäder</text:p>
<text:p>Text<text:note><text:note-body><text:p>fotnot om samverkan</text:p></text:note-body></text:note> och<office:annotation><text:p>kommentar</text:p></office:annotation> mer<text:span text:style-name="T1"> dold</text:span><text:span text:style-name="T2"> vit</text:span><text:s/>här<draw:frame><draw:text-box><text:p>textruta</text:p></draw:text-box></draw:frame></text:p>
<text:p><text:hidden-paragraph text:is-hidden="true"/>dolt stycke</text:p>
<text:p text:style-name="X">dold genom stilen</text:p>
<text:p><d:frame xmlns:d="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><d:text-box><text:p>textruta</text:p></d:text-box></d:frame></text:p>
<text:section text:name="S" text:display="condition" text:condition="ooow:1==1"><text:p>villkorligt dold</text:p></text:section>
<text:index-body><text:p>index</text:p></text:index-body>
<text:p text:style-name="P1">Folkhälsa</text:p>
<text:p>Ansvarig: <text:placeholder text:placeholder-type="text">&lt;Ange namn&gt;</text:placeholder></text:p>
<text:list><text:list-item><text:p>Punkt</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Cell</text:p></table:table-cell></table:table-row></table:table>"#;
    let ps = read_odt(body);
    let got: Vec<_> = ps
        .iter()
        .map(|p| (p.role, p.text.as_str(), p.emphasized, p.shape))
        .collect();
    assert_eq!(
        got,
        [
            (Role::Title, "Verksamhetsplan", false, Shape::Paragraph),
            (
                Role::Heading(1),
                "Arbete och studier",
                false,
                Shape::Paragraph
            ),
            (Role::Heading(2), "Bostäder", false, Shape::Paragraph),
            (Role::Body, "Text och mer här", false, Shape::Paragraph),
            (Role::Body, "Folkhälsa", true, Shape::Paragraph),
            (
                Role::Body,
                "Ansvarig: [<Ange namn>]",
                false,
                Shape::Paragraph
            ),
            (Role::Body, "Punkt", false, Shape::ListItem),
            (Role::Body, "Cell", false, Shape::TableCell),
        ]
    );
}
