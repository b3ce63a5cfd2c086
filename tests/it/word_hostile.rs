//! Hostile Word (`.docx`, `.docm`) and OpenDocument (`.odt`) files: each is built here, in a
//! temporary directory, and checked by the binary under a 10 s deadline and, where GNU time is
//! installed, a 500 MB bound on its peak memory. Each must end in one of planlint's own findings
//! (`PL…`, exit 1) with a message in the language asked for: never a panic, a hang, a silent
//! skip or a pass.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/// WordprocessingML's main namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// `[Content_Types].xml` of a `.docx` whose main part is `word/document.xml`.
const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"</Types>"#
);

/// `[Content_Types].xml` of a macro-enabled `.docm`, with its VBA project.
const CONTENT_TYPES_DOCM: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"</Types>"#
);

/// `_rels/.rels`: the package's one relationship, to its main part.
const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"</Relationships>"#
);

/// `word/_rels/document.xml.rels`: the main part's styles.
const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"</Relationships>"#
);

/// `word/_rels/document.xml.rels` of a `.docm`: styles and the VBA project.
const DOCUMENT_RELS_DOCM: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>"#,
    r#"</Relationships>"#
);

/// `word/styles.xml`: Normal, and Heading 1 and 2 with their outline levels.
fn styles_xml() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="{w}">"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#,
            r#"</w:styles>"#
        ),
        w = W
    )
}

/// `word/document.xml` around `body_xml` (the paragraphs of `<w:body>`).
fn document_xml(body_xml: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body_xml}</w:body></w:document>"#
    )
}

/// One Word paragraph of `style` (`None` for Normal) holding `text` (escaped here).
fn paragraph(style: Option<&str>, text: &str) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let props = style.map_or(String::new(), |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    format!(r#"<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// The four areas of the built-in pack, each a section heading.
const AREAS: [&str; 4] = ["Arbete och studier", "Bostäder", "Folkhälsa", "Samverkan"];

/// 33 words of Swedish plan prose: enough substance for any area.
const PROSE: &str = "Förvaltningen genomför under året flera insatser tillsammans med berörda parter och följer upp resultaten noga i delårsrapporten och i årsredovisningen, så att nämnden kan se vad som har gjorts och vad som återstår.";

/// The body of a plan that covers all four areas: a title (Heading 1), then for each area a
/// Heading 2 paragraph and a Normal paragraph of [`PROSE`].
fn plan_body() -> String {
    let mut body = paragraph(Some("Heading1"), "Verksamhetsplan 2027");
    for area in AREAS {
        body.push_str(&paragraph(Some("Heading2"), area));
        body.push_str(&paragraph(None, PROSE));
    }
    body
}

/// The same plan as Markdown text.
fn plan_markdown() -> String {
    let mut text = String::from("# Verksamhetsplan 2027\n\n");
    for area in AREAS {
        let _ = write!(text, "## {area}\n\n{PROSE}\n\n");
    }
    text
}

/// Options for an entry: `method`, and a fixed time so that the same entries make the same bytes.
fn options(method: CompressionMethod) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
}

/// A zip archive of `entries` (name, contents, method), in that order, written with the `zip`
/// crate.
fn zip_of(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents, method) in entries {
        zip.start_file(*name, options(*method))
            .expect("start entry");
        zip.write_all(contents).expect("write entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

/// A minimal valid `.docx`: content types, package relationships, `word/document.xml` with
/// `body_xml` as its body, and `word/styles.xml` with Heading 1 and 2.
pub fn minimal_docx(body_xml: &str) -> Vec<u8> {
    let document = document_xml(body_xml);
    let styles = styles_xml();
    let d = CompressionMethod::Deflated;
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes(), d),
        ("_rels/.rels", PACKAGE_RELS.as_bytes(), d),
        ("word/document.xml", document.as_bytes(), d),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes(), d),
        ("word/styles.xml", styles.as_bytes(), d),
    ])
}

/// A minimal macro-enabled `.docm` with `body_xml` and a VBA project of `vba` bytes.
pub fn minimal_docm(body_xml: &str, vba: &[u8]) -> Vec<u8> {
    let document = document_xml(body_xml);
    let styles = styles_xml();
    let d = CompressionMethod::Deflated;
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES_DOCM.as_bytes(), d),
        ("_rels/.rels", PACKAGE_RELS.as_bytes(), d),
        ("word/document.xml", document.as_bytes(), d),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS_DOCM.as_bytes(),
            d,
        ),
        ("word/styles.xml", styles.as_bytes(), d),
        ("word/vbaProject.bin", vba, d),
    ])
}

/// OpenDocument's media type for text, the whole of an `.odt`'s `mimetype` entry.
const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// `META-INF/manifest.xml` listing `content.xml`, with `encryption` (an
/// `<manifest:encryption-data>` element, or nothing) inside its entry.
fn odt_manifest(encryption: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#,
            r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{mime}"/>"#,
            r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}</manifest:file-entry>"#,
            r#"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#,
            r#"</manifest:manifest>"#
        ),
        mime = ODT_MIMETYPE,
        encryption = encryption
    )
}

/// `content.xml` of an `.odt` around `text_xml` (the contents of `<office:text>`).
fn odt_content(text_xml: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">"#,
            r#"<office:body><office:text>{text}</office:text></office:body></office:document-content>"#
        ),
        text = text_xml
    )
}

/// The plan of [`plan_body`] as OpenDocument text: `<text:h>` with outline levels.
fn odt_plan_text() -> String {
    let mut text = String::from(r#"<text:h text:outline-level="1">Verksamhetsplan 2027</text:h>"#);
    for area in AREAS {
        let _ = write!(
            text,
            r#"<text:h text:outline-level="2">{area}</text:h><text:p>{PROSE}</text:p>"#
        );
    }
    text
}

/// `styles.xml` of an `.odt`: no styles of its own.
const ODT_STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3">"#,
    r#"<office:styles/></office:document-styles>"#
);

/// An `.odt` whose `content.xml` is `content` (its manifest lists it, with `encryption`): the
/// `mimetype` entry first and stored, as OpenDocument requires, then the manifest, the content
/// and empty styles.
fn odt_with(content: &[u8], encryption: &str) -> Vec<u8> {
    let manifest = odt_manifest(encryption);
    zip_of(&[
        (
            "mimetype",
            ODT_MIMETYPE.as_bytes(),
            CompressionMethod::Stored,
        ),
        (
            "META-INF/manifest.xml",
            manifest.as_bytes(),
            CompressionMethod::Deflated,
        ),
        ("content.xml", content, CompressionMethod::Deflated),
        (
            "styles.xml",
            ODT_STYLES.as_bytes(),
            CompressionMethod::Deflated,
        ),
    ])
}

/// A minimal valid `.odt` with `text_xml` as its text.
pub fn minimal_odt(text_xml: &str) -> Vec<u8> {
    odt_with(odt_content(text_xml).as_bytes(), "")
}

/// `n` bytes that look random (xorshift; the same bytes every run).
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[3]
        })
        .collect()
}

/// CRC-32 (IEEE, as zip uses it) of `bytes`, continuing from `crc` (0 to start).
fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u32; 256];
        for (i, entry) in (0u32..).zip(table.iter_mut()) {
            let mut c = i;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *entry = c;
        }
        table
    });
    let mut c = !crc;
    for &b in bytes {
        c = table[usize::from(c.to_le_bytes()[0] ^ b)] ^ (c >> 8);
    }
    !c
}

/// A raw DEFLATE stream written bit by bit: one final block with the fixed Huffman codes.
struct Deflate {
    out: Vec<u8>,
    bits: u64,
    count: u32,
}

impl Deflate {
    fn new() -> Deflate {
        let mut d = Deflate {
            out: Vec::new(),
            bits: 0,
            count: 0,
        };
        d.put(1, 1); // BFINAL: the one block
        d.put(0b01, 2); // BTYPE: fixed Huffman codes
        d
    }

    /// `n` bits of `value`, least significant first (how DEFLATE packs header and extra bits).
    fn put(&mut self, value: u32, n: u32) {
        self.bits |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.bits.to_le_bytes()[0]);
            self.bits >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code of `n` bits, most significant first (how DEFLATE packs codes).
    fn code(&mut self, code: u32, n: u32) {
        let reversed = code.reverse_bits() >> (32 - n);
        self.put(reversed, n);
    }

    /// A literal/length symbol in the fixed code.
    fn symbol(&mut self, s: u32) {
        match s {
            0..=143 => self.code(0x30 + s, 8),
            144..=255 => self.code(0x190 + s - 144, 9),
            256..=279 => self.code(s - 256, 7),
            _ => self.code(0xC0 + s - 280, 8),
        }
    }

    fn literals(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.symbol(u32::from(b));
        }
    }

    /// A copy of 258 bytes (symbol 285, no extra bits) from `distance` (33 to 48) back.
    fn copy_258(&mut self, distance: u32) {
        assert!((33..=48).contains(&distance));
        self.symbol(285);
        self.code(10, 5); // distance code 10: 33–48, 4 extra bits
        self.put(distance - 33, 4);
    }

    fn finish(mut self) -> Vec<u8> {
        self.symbol(256); // end of block
        if self.count > 0 {
            self.put(0, 8 - self.count);
        }
        self.out
    }
}

/// One entry of a zip written by hand: name, method (0 stored, 8 deflated), CRC-32,
/// uncompressed size, and the (compressed) data.
struct RawEntry<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    size: u32,
    data: &'a [u8],
}

impl<'a> RawEntry<'a> {
    fn stored(name: &'a str, data: &'a [u8]) -> RawEntry<'a> {
        RawEntry {
            name,
            method: 0,
            crc: crc32(0, data),
            size: u32::try_from(data.len()).expect("small entry"),
            data,
        }
    }
}

/// A zip archive written by hand (the `zip` crate would take seconds to deflate a bomb in a
/// debug build): local headers and data, the central directory, its end record.
fn raw_zip(entries: &[RawEntry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = u32::try_from(out.len()).expect("under 4 GB");
        let compressed = u32::try_from(e.data.len()).expect("under 4 GB");
        let name_len = u16::try_from(e.name.len()).expect("short name");
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&0x0021u16.to_le_bytes()); // date: 1980-01-01
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&compressed.to_le_bytes());
        out.extend_from_slice(&e.size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra length
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(e.data);
        // Its central directory header.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&20u16.to_le_bytes()); // version needed
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&e.method.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0x0021u16.to_le_bytes());
        central.extend_from_slice(&e.crc.to_le_bytes());
        central.extend_from_slice(&compressed.to_le_bytes());
        central.extend_from_slice(&e.size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let count = u16::try_from(entries.len()).expect("few entries");
    let cd_offset = u32::try_from(out.len()).expect("under 4 GB");
    let cd_size = u32::try_from(central.len()).expect("small directory");
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// The paragraph a zip bomb repeats.
const BOMB_PARAGRAPH: &[u8] = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>";

/// How much `word/document.xml` of [`zip_bomb`] inflates to: about 200 MB, three times the
/// 64 MB a plan may have.
const BOMB_BYTES: usize = 200_000_000;

/// A `.docx` whose `word/document.xml` is a valid plan of the four areas followed by
/// [`BOMB_PARAGRAPH`] over and over, about [`BOMB_BYTES`] in all, deflated to about 1.6 MB;
/// its headers declare the true size. A reader that stopped at the cap and judged what it had
/// read would pass the plan. Built once per test run.
fn zip_bomb() -> &'static [u8] {
    static BOMB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BOMB.get_or_init(|| {
        let document = document_xml(&plan_body());
        let (head, tail) = document.split_at(document.find("</w:body>").expect("body"));
        let (head, tail) = (head.as_bytes(), tail.as_bytes());
        let period = BOMB_PARAGRAPH.len();
        let repeats = (BOMB_BYTES - head.len() - tail.len()) / period;
        let middle = repeats * period;

        let mut deflate = Deflate::new();
        deflate.literals(head);
        deflate.literals(BOMB_PARAGRAPH);
        let mut written = period;
        while written + 258 <= middle {
            deflate.copy_258(u32::try_from(period).expect("short"));
            written += 258;
        }
        // The rest of the last paragraphs, from where the copies stopped in the period.
        for i in written..middle {
            deflate.literals(&[BOMB_PARAGRAPH[i % period]]);
        }
        deflate.literals(tail);
        let data = deflate.finish();

        let mut crc = crc32(0, head);
        for _ in 0..repeats {
            crc = crc32(crc, BOMB_PARAGRAPH);
        }
        crc = crc32(crc, tail);
        let size = head.len() + middle + tail.len();
        let styles = styles_xml();
        raw_zip(&[
            RawEntry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            RawEntry::stored("_rels/.rels", PACKAGE_RELS.as_bytes()),
            RawEntry::stored("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
            RawEntry::stored("word/styles.xml", styles.as_bytes()),
            RawEntry {
                name: "word/document.xml",
                method: 8,
                crc,
                size: u32::try_from(size).expect("under 4 GB"),
                data: &data,
            },
        ])
    })
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    let b = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
    usize::try_from(u32::from_le_bytes(b)).expect("32 bits fit")
}

/// Where the central directory of the zip `bytes` starts (from its end record).
fn central_directory(bytes: &[u8]) -> usize {
    let end = (0..=bytes.len() - 22)
        .rev()
        .find(|&i| bytes[i..i + 4] == 0x0605_4b50u32.to_le_bytes())
        .expect("end of central directory");
    u32_at(bytes, end + 16)
}

/// `zip` with the uncompressed size of entry `name` set to `size` in its local header and in
/// the central directory, and nothing else changed (not the CRC, not the data).
fn declare_size(zip: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let mut at = central_directory(zip);
    let mut patched = false;
    while zip[at..at + 4] == 0x0201_4b50u32.to_le_bytes() {
        let name_len = u16_at(zip, at + 28);
        let next = at + 46 + name_len + u16_at(zip, at + 30) + u16_at(zip, at + 32);
        if &zip[at + 46..at + 46 + name_len] == name.as_bytes() {
            out[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            let local = u32_at(zip, at + 42);
            assert_eq!(zip[local..local + 4], 0x0403_4b50u32.to_le_bytes());
            assert_eq!(u16_at(zip, local + 6) & 0x8, 0, "no data descriptor");
            out[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
            patched = true;
        }
        at = next;
    }
    assert!(patched, "{name} is in the zip");
    out
}

/// A minimal OLE compound file (the container Word writes an encrypted `.docx` into): the
/// header, one FAT sector, one directory sector with the root, `EncryptionInfo` and
/// `EncryptedPackage` (UTF-16LE names), and their data, 4 kB of it random.
fn encrypted_docx() -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FAT: u32 = 0xFFFF_FFFD;
    let sector = 512;
    let info = {
        // EncryptionInfo of agile encryption: version 4.4, flags 0x40, then XML.
        let mut info = vec![4, 0, 4, 0, 0x40, 0, 0, 0];
        info.extend_from_slice(
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>"#,
        );
        info.resize(sector, 0);
        info
    };
    let package = {
        // EncryptedPackage: the size of the plain package (8 bytes), then ciphertext.
        let mut package = 4000u64.to_le_bytes().to_vec();
        package.extend_from_slice(&noise(4088, 7));
        package
    };
    // Sectors: 0 FAT, 1 directory, 2 EncryptionInfo, 3–10 EncryptedPackage. By the letter of
    // the format EncryptionInfo (under 4096 bytes) belongs in the mini stream; here it has a
    // sector of its own, which is all a reader needs that only asks whether this is Word's
    // encrypted package (the signature and the two names in the directory).
    let mut fat = vec![FAT, END, END];
    fat.extend(4u32..=10);
    fat.push(END);
    fat.resize(sector / 4, FREE);

    let mut header = Vec::with_capacity(sector);
    header.extend_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header.extend_from_slice(&[0; 16]); // CLSID
    header.extend_from_slice(&0x003Eu16.to_le_bytes()); // minor version
    header.extend_from_slice(&0x0003u16.to_le_bytes()); // major version 3: 512-byte sectors
    header.extend_from_slice(&0xFFFEu16.to_le_bytes()); // byte order
    header.extend_from_slice(&9u16.to_le_bytes()); // sector shift
    header.extend_from_slice(&6u16.to_le_bytes()); // mini sector shift
    header.extend_from_slice(&[0; 6]);
    header.extend_from_slice(&0u32.to_le_bytes()); // directory sectors (0 in version 3)
    header.extend_from_slice(&1u32.to_le_bytes()); // FAT sectors
    header.extend_from_slice(&1u32.to_le_bytes()); // first directory sector
    header.extend_from_slice(&0u32.to_le_bytes()); // transaction signature
    header.extend_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    header.extend_from_slice(&END.to_le_bytes()); // first mini FAT sector
    header.extend_from_slice(&0u32.to_le_bytes()); // mini FAT sectors
    header.extend_from_slice(&END.to_le_bytes()); // first DIFAT sector
    header.extend_from_slice(&0u32.to_le_bytes()); // DIFAT sectors
    header.extend_from_slice(&0u32.to_le_bytes()); // DIFAT[0]: the FAT is sector 0
    header.resize(sector, 0xFF); // the other 108 DIFAT entries are free

    let entry = |name: &str, kind: u8, left: u32, right: u32, child: u32, start: u32, size: u32| {
        let mut e = Vec::with_capacity(128);
        let utf16: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for unit in &utf16 {
            e.extend_from_slice(&unit.to_le_bytes());
        }
        e.resize(64, 0);
        let name_bytes = u16::try_from(utf16.len() * 2).expect("short name");
        e.extend_from_slice(&name_bytes.to_le_bytes());
        e.push(kind); // 5 root, 2 stream
        e.push(1); // black
        e.extend_from_slice(&left.to_le_bytes());
        e.extend_from_slice(&right.to_le_bytes());
        e.extend_from_slice(&child.to_le_bytes());
        e.extend_from_slice(&[0; 16 + 4 + 16]); // CLSID, state bits, times
        e.extend_from_slice(&start.to_le_bytes());
        e.extend_from_slice(&size.to_le_bytes());
        e.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(e.len(), 128);
        e
    };
    let mut directory = Vec::with_capacity(sector);
    directory.extend(entry("Root Entry", 5, FREE, FREE, 1, END, 0));
    let info_len = u32::try_from(info.len()).expect("small");
    directory.extend(entry("EncryptionInfo", 2, FREE, 2, FREE, 2, info_len));
    let package_len = u32::try_from(package.len()).expect("small");
    directory.extend(entry(
        "EncryptedPackage",
        2,
        FREE,
        FREE,
        FREE,
        3,
        package_len,
    ));
    directory.resize(sector, 0);

    let mut file = header;
    for value in fat {
        file.extend_from_slice(&value.to_le_bytes());
    }
    file.extend(directory);
    file.extend(info);
    file.extend(package);
    file
}

/// `<manifest:encryption-data>` as LibreOffice writes it for a password-protected entry.
const ODT_ENCRYPTION: &str = concat!(
    r#"<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="8Vt7ZCOr8vHoLr6PX9W7tkrtVU1uBbVRbvpnU5SNNbM=">"#,
    r#"<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="yNnfrb9UeZ9M3grPVuobEw=="/>"#,
    r#"<manifest:start-key-generation manifest:start-key-generation-name="http://www.w3.org/2000/09/xmldsig#sha256" manifest:key-size="32"/>"#,
    r#"<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="wIYBnz2LYsCUzl3UfnFuyQ=="/>"#,
    r#"</manifest:encryption-data>"#
);

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

/// How long one run may take.
const DEADLINE: Duration = Duration::from_secs(10);

/// The most memory one run may hold at its peak.
const PEAK_BYTES: u64 = 500_000_000;

/// GNU time, which reports a command's peak resident memory (`%M`, in kB).
const GNU_TIME: &str = "/usr/bin/time";

/// One bounded run of the binary.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory in bytes, when GNU time measured it.
    peak: Option<u64>,
}

/// Runs `planlint ARGS` in `dir` with no stdin; kills it (and fails the test) after
/// [`DEADLINE`]. Under GNU time when it is installed, to learn its peak memory.
fn run_bounded(dir: &Path, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt as _;
    let planlint = env!("CARGO_BIN_EXE_planlint");
    let measured = dir.join(".peak");
    let timed = Path::new(GNU_TIME).is_file();
    let mut command = if timed {
        let mut c = Command::new(GNU_TIME);
        c.arg("-o").arg(&measured).args(["-f", "%M", planlint]);
        c
    } else {
        Command::new(planlint)
    };
    // Its own process group, so that a run past the deadline is killed with GNU time.
    let mut child = command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("planlint starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let read_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut v);
        v
    });
    let read_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("planlint {args:?} took longer than {DEADLINE:?} and was killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&read_out.join().expect("stdout read")).into_owned();
    let stderr = String::from_utf8_lossy(&read_err.join().expect("stderr read")).into_owned();
    // GNU time writes "Command exited with non-zero status 1" before the figure.
    let peak = std::fs::read_to_string(&measured).ok().and_then(|t| {
        let kb: u64 = t.lines().last()?.trim().parse().ok()?;
        Some(kb * 1024)
    });
    let _ = std::fs::remove_file(&measured);
    Run {
        code: status.code(),
        stdout,
        stderr,
        peak,
    }
}

/// The start of a text too long to show in a failed assertion.
fn head(text: &str) -> String {
    text.chars().take(1_500).collect()
}

/// The words of `text`, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `message` reads as Swedish: å, ä or ö, or one of the short words every sentence has.
fn swedish(message: &str) -> bool {
    const COMMON: [&str; 10] = [
        "är", "inte", "kan", "och", "ett", "en", "filen", "som", "med", "av",
    ];
    message.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö'])
        || words(message).iter().any(|w| COMMON.contains(&w.as_str()))
}

/// Whether `message` reads as English.
fn english(message: &str) -> bool {
    const COMMON: [&str; 10] = [
        "the", "is", "not", "cannot", "file", "a", "an", "of", "with", "by",
    ];
    words(message).iter().any(|w| COMMON.contains(&w.as_str()))
}

/// The diagnostics of a JSON report.
fn diagnostics(run: &Run) -> Vec<Value> {
    let v: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}); exit {:?}\nstdout: {}\nstderr: {}",
            run.code,
            head(&run.stdout),
            head(&run.stderr)
        )
    });
    v["diagnostics"].as_array().expect("diagnostics").clone()
}

/// What every run must be: no panic, and memory under [`PEAK_BYTES`] where it was measured.
fn assert_bounded(run: &Run, what: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "{what}: {}",
        head(&run.stderr)
    );
    if crate::support::available(
        run.peak.is_some(),
        "GNU time (/usr/bin/time), to measure peak memory",
    ) {
        let peak = run.peak.unwrap_or(0);
        assert!(
            peak < PEAK_BYTES,
            "{what}: peak memory {} MB",
            peak / 1_000_000
        );
    }
}

/// Writes `bytes` as `name` in a new temporary directory and checks it there, in Swedish and in
/// English. Each run must end in exit 1 with one of planlint's own findings (`PL…`) for the
/// file, its message non-empty and in the language asked for; returns the Swedish and English
/// messages of that finding.
fn refused(name: &str, bytes: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), bytes).expect("write");
    let mut messages = Vec::new();
    for lang in ["sv", "en"] {
        let what = format!("{name} ({lang})");
        let run = run_bounded(
            dir.path(),
            &[
                "check",
                "--isolated",
                "--format",
                "json",
                "--lang",
                lang,
                name,
            ],
        );
        assert_bounded(&run, &what);
        assert_eq!(
            run.code,
            Some(1),
            "{what}: stdout {}\nstderr {}",
            head(&run.stdout),
            head(&run.stderr)
        );
        let found = diagnostics(&run);
        let own = found
            .iter()
            .find(|d| d["code"].as_str().is_some_and(|c| c.starts_with("PL")))
            .unwrap_or_else(|| panic!("{what}: no PL finding in {}", head(&run.stdout)));
        let message = own["message"].as_str().unwrap_or_default().to_owned();
        assert!(!message.trim().is_empty(), "{what}: {own}");
        // The answer planlint gave before it read Word files is not an answer to these.
        assert!(
            !message.contains("inte en plan i Markdown")
                && !message.contains("not a Markdown plan"),
            "{what}: {message}"
        );
        let in_lang = if lang == "sv" {
            swedish(&message)
        } else {
            english(&message)
        };
        assert!(in_lang, "{what}: not in {lang}: {message}");
        messages.push(message);
    }
    let en = messages.pop().expect("en");
    let sv = messages.pop().expect("sv");
    assert_ne!(sv, en, "{name}: the same message in both languages");
    (sv, en)
}

/// Writes `bytes` as `name` and checks it: read as a plan, no finding of planlint's own, all
/// four areas covered, exit 0. Returns the directory, to look at afterwards.
fn accepted(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), bytes).expect("write");
    let run = run_bounded(
        dir.path(),
        &["check", "--isolated", "--format", "json", name],
    );
    assert_bounded(&run, name);
    let found = diagnostics(&run);
    let codes: Vec<&str> = found.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("PL") || ["IP001", "IP002", "IP003", "IP004"].contains(c)),
        "{name}: {codes:?}\n{}",
        head(&run.stdout)
    );
    assert_eq!(
        run.code,
        Some(0),
        "{name}: {codes:?}\n{}",
        head(&run.stderr)
    );
    dir
}

// ---------------------------------------------------------------------------------------------
// The rows
// ---------------------------------------------------------------------------------------------

#[test]
fn a_minimal_docx_of_the_four_areas_under_heading_styles_passes() {
    // The positive control: what the hostile files below are variations of.
    accepted("plan.docx", &minimal_docx(&plan_body()));
}

#[test]
fn a_minimal_odt_of_the_four_areas_under_outline_levels_passes() {
    accepted("plan.odt", &minimal_odt(&odt_plan_text()));
}

#[test]
fn a_zip_bomb_docx_is_refused_before_it_is_inflated() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 3_000_000, "{} bytes", bomb.len());
    refused("plan.docx", bomb);
}

#[test]
fn a_docx_whose_headers_declare_a_small_size_but_inflate_to_200_mb_is_refused() {
    // The real bomb, with only the declared uncompressed size of word/document.xml changed
    // (local header and central directory): the inflated bytes are counted, not the header.
    let lying = declare_size(zip_bomb(), "word/document.xml", 4_096);
    refused("plan.docx", &lying);
}

#[test]
fn a_docx_of_100000_entries_is_refused() {
    let document = document_xml(&plan_body());
    let d = CompressionMethod::Deflated;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", &document),
    ] {
        zip.start_file(name, options(d)).expect("start");
        zip.write_all(contents.as_bytes()).expect("write");
    }
    let stored = options(CompressionMethod::Stored);
    for i in 0..100_000 {
        zip.start_file(format!("word/media/x{i}.bin"), stored)
            .expect("start");
        zip.write_all(b"x").expect("write");
    }
    let bytes = zip.finish().expect("finish").into_inner();
    refused("plan.docx", &bytes);
}

#[test]
fn a_docx_nested_100000_elements_deep_is_refused_without_overflow() {
    // The plan, then 100,000 paragraphs each inside the one before.
    let mut body = plan_body();
    body.push_str(&"<w:p>".repeat(100_000));
    body.push_str("<w:r><w:t>djupt</w:t></w:r>");
    body.push_str(&"</w:p>".repeat(100_000));
    refused("plan.docx", &minimal_docx(&body));
}

#[test]
fn a_docx_with_a_billion_laughs_dtd_expands_no_entity() {
    let mut dtd = String::from(r#"<!DOCTYPE w:document [<!ENTITY lol "lol">"#);
    dtd.push_str(r#"<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#);
    for level in 2..=9 {
        let prev = format!("&lol{};", level - 1);
        let _ = write!(dtd, r#"<!ENTITY lol{level} "{}">"#, prev.repeat(10));
    }
    dtd.push(']');
    dtd.push('>');
    let mut body = plan_body();
    body.push_str(&paragraph(None, "").replace("</w:t>", "&lol9;</w:t>"));
    let document = document_xml(&body).replacen("?>", &format!("?>{dtd}"), 1);
    assert!(document.len() < 10_000);
    let d = CompressionMethod::Deflated;
    let styles = styles_xml();
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes(), d),
        ("_rels/.rels", PACKAGE_RELS.as_bytes(), d),
        ("word/document.xml", document.as_bytes(), d),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes(), d),
        ("word/styles.xml", styles.as_bytes(), d),
    ]);
    let started = Instant::now();
    let (sv, en) = refused("plan.docx", &bytes);
    assert!(started.elapsed() < DEADLINE, "took {:?}", started.elapsed());
    for message in [sv, en] {
        assert!(!message.contains("lollol"), "{}", head(&message));
    }
}

#[test]
fn a_password_protected_docx_is_said_to_be_one() {
    let bytes = encrypted_docx();
    assert!(bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"));
    let head_8k = &bytes[..bytes.len().min(8192)];
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(
            head_8k.windows(utf16.len()).any(|w| w == utf16.as_slice()),
            "{name}"
        );
    }
    let (sv, en) = refused("plan.docx", &bytes);
    assert!(sv.to_lowercase().contains("lösenord"), "{sv}");
    assert!(en.to_lowercase().contains("password"), "{en}");
}

#[test]
fn a_password_protected_odt_is_said_to_be_one() {
    let bytes = odt_with(&noise(3_000, 11), ODT_ENCRYPTION);
    let (sv, en) = refused("plan.odt", &bytes);
    assert!(sv.to_lowercase().contains("lösenord"), "{sv}");
    assert!(en.to_lowercase().contains("password"), "{en}");
}

#[test]
fn a_docx_cut_at_half_its_length_is_refused() {
    let whole = minimal_docx(&plan_body());
    refused("plan.docx", &whole[..whole.len() / 2]);
}

#[test]
fn a_docx_cut_before_its_central_directory_is_refused() {
    // Every entry is whole; only the directory and its end record are gone.
    let whole = minimal_docx(&plan_body());
    let cut = central_directory(&whole);
    assert!(cut > whole.len() / 2);
    refused("plan.docx", &whole[..cut]);
}

/// Whether `sv` and `en` say the file is not a Word document.
fn says_not_word(sv: &str, en: &str) -> bool {
    let (sv, en) = (sv.to_lowercase(), en.to_lowercase());
    (sv.contains("inte ett word-dokument") || sv.contains("inget word-dokument"))
        && en.contains("not a word document")
}

#[test]
fn a_docx_that_is_really_html_is_not_a_word_document() {
    let mut html = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Verksamhetsplan 2027</title></head><body>\n");
    for area in AREAS {
        let _ = write!(html, "<h1>{area}</h1>\n<p>{PROSE}</p>\n");
    }
    html.push_str("</body></html>\n");
    let (sv, en) = refused("plan.docx", html.as_bytes());
    assert!(says_not_word(&sv, &en), "{sv} / {en}");
}

#[test]
fn a_docx_that_is_really_markdown_of_the_four_areas_is_not_a_word_document_and_not_a_pass() {
    let (sv, en) = refused("plan.docx", plan_markdown().as_bytes());
    assert!(says_not_word(&sv, &en), "{sv} / {en}");
}

#[test]
fn a_macro_enabled_docm_is_read_and_its_macros_never_run() {
    // The VBA project is junk that names a command; nothing of it runs, and the plan in
    // document.xml is judged like any other.
    let mut vba = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    vba.extend_from_slice(b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\nShell \"touch MAKRO-KORDES\"\r\nEnd Sub\r\n");
    vba.extend_from_slice(&noise(2_000, 3));
    let dir = accepted("plan.docm", &minimal_docm(&plan_body(), &vba));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["plan.docm"], "nothing but the plan in the directory");
}

#[test]
fn the_builders_make_what_they_say() {
    // Not planlint: the hostile files are what their tests claim, read back with the zip crate.
    let read = |bytes: &[u8], name: &str| {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut text)
            .expect("inflates");
        text
    };
    let docx = minimal_docx(&plan_body());
    assert!(read(&docx, "word/document.xml").contains("<w:pStyle w:val=\"Heading2\"/>"));
    assert!(read(&docx, "word/styles.xml").contains("<w:outlineLvl w:val=\"1\"/>"));
    let odt = minimal_odt(&odt_plan_text());
    assert_eq!(read(&odt, "mimetype"), ODT_MIMETYPE);
    assert!(read(&odt, "content.xml").contains("Bostäder"));

    // The bomb: a valid zip whose document inflates, in full and with the right CRC, to its
    // declared ~200 MB (the zip crate checks the CRC at the end of the entry).
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bomb())).expect("a zip");
    let mut entry = archive.by_name("word/document.xml").expect("document");
    let declared = entry.size();
    assert!(declared > 190_000_000, "{declared}");
    let mut start = vec![0; 200];
    std::io::Read::read_exact(&mut entry, &mut start).expect("read");
    assert!(start.starts_with(b"<?xml"));
    let rest = std::io::copy(&mut entry, &mut std::io::sink()).expect("inflates with its CRC");
    assert_eq!(rest + 200, declared);
    drop(entry);
    let lying = declare_size(zip_bomb(), "word/document.xml", 4_096);
    let mut archive = zip::ZipArchive::new(Cursor::new(lying)).expect("still a zip");
    let entry = archive.by_name("word/document.xml").expect("document");
    assert_eq!(entry.size(), 4_096);
}
