//! What planlint may change in a plan, never its prose: a missing area's section skeleton —
//! the heading the rule suggests, at the level of the plan's other area sections, after the
//! last of them under the anchor heading ("Prioriterade områden") when the plan has one, else
//! at the end of the anchor's section, else after the last area section or at the end; under
//! it a comment with the rule's help and the policy's clause. The editor's quick fix and
//! `check --fix` insert the same text.
//!
//! A fix must not break the plan: the edited text is parsed, and the new heading must name the
//! area, or no fix is offered.

use std::fmt::Write as _;

use crate::checks::area::Areas;
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;

/// The line ending the plan uses.
pub(crate) fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// A missing area's section, to insert: where, the text, and its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skeleton {
    /// The byte the text goes before.
    pub at: usize,
    /// The text: blank lines, the heading, the guidance comment.
    pub insert: String,
    /// The heading, as written (`### Bostäder`).
    pub heading: String,
}

/// For a missing area of rule `rule`: where its section goes, the text to insert there, and
/// the heading (checked: after the edit, the new heading names the area).
pub(crate) fn skeleton(
    rules: &RuleSet,
    doc: &Document,
    areas: &Areas,
    text: &str,
    rule: usize,
    lang: Lang,
) -> Option<Skeleton> {
    let compiled = &rules.rules[rule];
    let matcher = compiled.area()?;
    let area = areas.get(rule)?;
    if !area.named.is_empty() {
        // The heading is there; what it needs is text, which only the planner can write.
        return None;
    }
    let pack = &rules.packs[compiled.pack];
    // Where the finding's help says the section goes, at its level.
    let place =
        crate::checks::place::new_section(doc, areas, pack, compiled.pack, rule, text.len());
    let at = place.at;
    let at = if at >= text.len() {
        text.len()
    } else {
        line_start(text, at)
    };
    let nl = newline(text);
    let before = &text[..at];
    let mut insert = String::new();
    if before.ends_with(['\n', '\r']) {
        if !ends_with_blank_line(before) {
            insert.push_str(nl);
        }
    } else if !before.is_empty() {
        insert.push_str(nl);
        insert.push_str(nl);
    }
    let heading = format!("{} {}", place.marks(), matcher.heading);
    let header = &pack.header;
    let help = crate::ruledoc::help_at_level(compiled, header, &place.marks(), lang);
    let quote = compiled.def.policy.quoted();
    let guidance = format!(
        "{}: {help}.{nl}     {}: {quote}",
        compiled.code(),
        lang.pick("policyn", "policy")
    )
    // An HTML comment ends at the first `-->`; the pack's text must not end it early.
    .replace("--", "–");
    let _ = write!(insert, "{heading}{nl}{nl}<!-- {guidance} -->{nl}");
    if at < text.len() {
        insert.push_str(nl);
    }
    // Checked: the edited plan has the new heading, and it names the area.
    let mut edited = text.to_owned();
    edited.insert_str(at, &insert);
    // The plan as it would read with the section inserted: another text than the analysed one.
    #[allow(clippy::disallowed_methods)]
    let after = Document::parse(&edited, rules.patterns());
    let new_areas = rules.areas(&after, &edited);
    let start = at + insert.find(&heading)?;
    let found = after
        .sections
        .iter()
        .position(|s| s.heading_span.start == start)?;
    new_areas
        .get(rule)?
        .named
        .iter()
        .any(|n| n.section == found)
        .then_some(Skeleton {
            at,
            insert,
            heading,
        })
}

/// The start of the line byte `at` is on.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(text.len());
    while i > 0 {
        let b = bytes[i - 1];
        if b == b'\n' || (b == b'\r' && bytes.get(i) != Some(&b'\n')) {
            break;
        }
        i -= 1;
    }
    i
}

/// Whether `before`, which ends with a line ending, ends with a blank line (or is one).
fn ends_with_blank_line(before: &str) -> bool {
    let body = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix(['\n', '\r']))
        .unwrap_or(before);
    let last = &body[body.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    last.trim().is_empty()
}

/// A replacement of part of a plan: the bytes `range` become `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replace {
    /// The bytes replaced: a whole line.
    pub range: std::ops::Range<usize>,
    /// What stands there instead.
    pub text: String,
    /// The heading it makes, as written (`### Bostäder`).
    pub heading: String,
}

/// For a missing area of rule `rule` named only by a bold line of its own (`**Bostäder**`,
/// meant as its heading and read as a paragraph): that line as a heading at the level the
/// area's section would get, its words unchanged (checked: after the edit, the heading names
/// the area, and the plan's words are the same).
pub(crate) fn heading_of_bold_line(
    rules: &RuleSet,
    doc: &Document,
    areas: &Areas,
    text: &str,
    rule: usize,
) -> Option<Replace> {
    let compiled = &rules.rules[rule];
    let matcher = compiled.area()?;
    let area = areas.get(rule)?;
    if !area.named.is_empty() {
        return None;
    }
    let block = matcher.pseudo_heading(doc)?;
    if !block.emphasized || block.shape != crate::document::Shape::Paragraph {
        return None;
    }
    // The whole line, and nothing but the bold text on it.
    let start = line_start(text, block.span.start);
    let end = text[block.span.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| block.span.end + i);
    let line = &text[start..end];
    let inner = ["**", "__"].iter().find_map(|m| {
        line.trim()
            .strip_prefix(m)
            .and_then(|l| l.strip_suffix(m))
            .filter(|i| !i.contains(['*', '_', '\n']) && !i.trim().is_empty())
    })?;
    let pack = &rules.packs[compiled.pack];
    let place =
        crate::checks::place::new_section(doc, areas, pack, compiled.pack, rule, text.len());
    let heading = format!("{} {}", place.marks(), inner.trim());
    let mut edited = text.to_owned();
    edited.replace_range(start..end, &heading);
    #[allow(clippy::disallowed_methods)]
    let after = Document::parse(&edited, rules.patterns());
    let found = after
        .sections
        .iter()
        .position(|s| s.heading_span.start == start)?;
    rules
        .areas(&after, &edited)
        .get(rule)?
        .named
        .iter()
        .any(|n| n.section == found)
        .then_some(Replace {
            range: start..end,
            text: heading.clone(),
            heading,
        })
}

/// The area headings of the plan that hold invisible characters (`## Folk\u{AD}hälsa`, a soft
/// hyphen or zero-width space a word processor left), each with them removed: a reader sees the
/// same heading, and a search for the area's word now finds it. Only the characters that are
/// never drawn go (soft hyphen, zero-width space, joiners, word joiner, BOM), and only between
/// Latin letters, digits, spaces or plain punctuation; only in a heading of one line (`## …`)
/// whose text holds no Markdown or HTML syntax (no link, code, emphasis, closing `#`, tag or
/// entity), where removing a character cannot change what is drawn: beside an emoji, a letter
/// of another script or a variation selector it stays. Checked: after the edit, the heading
/// reads as a reader saw it before and still names its areas. `within`: only the headings that
/// start in these bytes (the editor's lines), so that no other is parsed.
pub(crate) fn visible_headings(
    rules: &RuleSet,
    doc: &Document,
    areas: &Areas,
    text: &str,
    within: Option<&std::ops::Range<usize>>,
) -> Vec<Replace> {
    let mut sections: Vec<usize> = areas
        .iter()
        .flat_map(|(_, area)| area.named.iter().map(|n| n.section))
        .collect();
    sections.sort_unstable();
    sections.dedup();
    let mut out = Vec::new();
    for id in sections {
        let Some(section) = doc.sections.get(id) else {
            continue;
        };
        let span = section.heading_span.clone();
        if within.is_some_and(|w| span.start > w.end || span.end < w.start) {
            continue;
        }
        let Some(cleaned) = text.get(span.clone()).and_then(without_invisible) else {
            continue;
        };
        let start = span.start;
        let mut edited = text.to_owned();
        edited.replace_range(span.clone(), &cleaned);
        #[allow(clippy::disallowed_methods)]
        let after = Document::parse(&edited, rules.patterns());
        let new_areas = rules.areas(&after, &edited);
        let Some(found) = after
            .sections
            .iter()
            .position(|s| s.heading_span.start == start)
        else {
            continue;
        };
        let reads_the_same =
            after.sections[found].text == crate::matching::visible(&section.text).as_ref();
        let still = areas.iter().all(|(rule, area)| {
            !area.named.iter().any(|n| n.section == id)
                || new_areas
                    .get(rule)
                    .is_some_and(|a| a.named.iter().any(|n| n.section == found))
        });
        if reads_the_same && still {
            out.push(Replace {
                range: span,
                heading: cleaned.trim().to_owned(),
                text: cleaned,
            });
        }
    }
    out
}

/// The characters [`visible_headings`] removes: drawn as nothing in every font.
const NEVER_DRAWN: [char; 6] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// `line`, an ATX heading, without its never-drawn characters, when it has some and they can go
/// (see [`visible_headings`]); `None` otherwise.
fn without_invisible(line: &str) -> Option<String> {
    if !line.contains(NEVER_DRAWN) || line.contains(['\n', '\r']) {
        return None;
    }
    let body = line.trim_start_matches([' ', '\t']).strip_prefix('#')?;
    let body = body.trim_start_matches('#');
    // Syntax whose meaning one of these characters can change: links, code, emphasis, a
    // closing sequence, HTML, entities, escapes.
    if body.contains([
        '[', ']', '(', ')', '<', '>', '`', '\\', '*', '_', '~', '!', '|', '&', '#',
    ]) {
        return None;
    }
    let plain = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace() || (c < '\u{250}' && c.is_alphanumeric()) || "-–.,:;'\"/".contains(c)
        })
    };
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if NEVER_DRAWN.contains(&c) {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|b| !NEVER_DRAWN.contains(b))
                .copied();
            let after = chars[i + 1..]
                .iter()
                .find(|a| !NEVER_DRAWN.contains(a))
                .copied();
            if plain(before) && plain(after) {
                continue;
            }
        }
        out.push(c);
    }
    (out != line).then_some(out)
}
