//! Document symbols: the plan's section tree as `planlint outline` shows it, so the editor's
//! outline says which section covers which area and which heading came close.
//!
//! A section that names an area is a module symbol whose detail is the verdict
//! (`✓ IP002 Bostäder (42 ord)`, `✗ IP002 Bostäder: för lite innehåll, 7 ord`); other
//! sections are string symbols, as editors show Markdown headings. The front matter is one
//! symbol with its keys as children. Clients without hierarchical symbols get the same list
//! flat, each with its parent's name.

use lsp_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri,
};

use super::convert::range;
use super::workspace::Ready;
use crate::checks::area::HeadingMatch;
use crate::checks::Areas;
use crate::document::{Document, SectionId};
use crate::i18n::Lang;
use crate::matching::Patterns;
use crate::render::escape::terminal_line;
use crate::source::SourceFile;

/// The symbols of `source`: from its analysis (`analysed`: the rules that judged it, its
/// document and areas) when the config could be loaded, else from its document alone.
pub(super) fn symbols(
    analysed: Option<(&Ready, &Document, &Areas)>,
    source: &SourceFile,
    lang: Lang,
    uri: &Uri,
    hierarchical: bool,
) -> DocumentSymbolResponse {
    let text = &source.text;
    let parsed;
    let (doc, notes) = if let Some((ready, doc, areas)) = analysed {
        (doc, area_notes(ready, doc, areas, text, lang))
    } else {
        // No rules could judge it (its config is broken), so there is no analysis: its
        // sections are all there is to show.
        #[allow(clippy::disallowed_methods)]
        let doc = Document::parse(text, &Patterns::default());
        parsed = doc;
        (&parsed, vec![Notes::default(); parsed.sections.len()])
    };
    let mut top: Vec<DocumentSymbol> = Vec::new();
    if let Some(fm) = &doc.front_matter {
        let children: Vec<DocumentSymbol> = fm
            .fields
            .iter()
            .map(|f| {
                let value: String = f.value.chars().take(80).collect();
                symbol(
                    &f.key,
                    Some(&value),
                    SymbolKind::PROPERTY,
                    source,
                    &f.span,
                    &f.span,
                    None,
                )
            })
            .collect();
        top.push(symbol(
            lang.pick("front matter", "front matter"),
            None,
            SymbolKind::OBJECT,
            source,
            &fm.span,
            &fm.span,
            Some(children),
        ));
    }
    let roots: Vec<SectionId> = (0..doc.sections.len())
        .filter(|&i| doc.sections[i].parent.is_none())
        .collect();
    top.extend(roots.into_iter().map(|id| section(doc, id, &notes, source)));
    if hierarchical {
        DocumentSymbolResponse::Nested(top)
    } else {
        let mut flat = Vec::new();
        for s in top {
            flatten(s, None, uri, &mut flat);
        }
        DocumentSymbolResponse::Flat(flat)
    }
}

/// One section and its subsections. The tree is as deep as the headings' levels (six at most).
fn section(doc: &Document, id: SectionId, notes: &[Notes], source: &SourceFile) -> DocumentSymbol {
    let s = &doc.sections[id];
    let children: Vec<DocumentSymbol> = s
        .children
        .iter()
        .map(|&c| section(doc, c, notes, source))
        .collect();
    let n = &notes[id];
    let detail = (!n.lines.is_empty()).then(|| n.lines.join("; "));
    let kind = if n.names_area {
        SymbolKind::MODULE
    } else {
        SymbolKind::STRING
    };
    symbol(
        &s.text,
        detail.as_deref(),
        kind,
        source,
        &s.span(),
        &s.heading_span,
        (!children.is_empty()).then_some(children),
    )
}

/// The most characters of a heading a symbol's name shows. An outline needs no more to tell
/// sections apart, and a flat list repeats each name in every child's `containerName`: whole,
/// a heading of megabytes over thousands of subsections would be copied once per subsection.
const MAX_NAME: usize = 200;

/// `name` cut to [`MAX_NAME`] characters, with `…` where it was cut.
fn short_name(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(MAX_NAME) {
        Some((end, _)) => format!("{}…", &name[..end]).into(),
        None => name.into(),
    }
}

#[allow(deprecated)] // `deprecated` must be written out; `tags` replaces it.
fn symbol(
    name: &str,
    detail: Option<&str>,
    kind: SymbolKind,
    source: &SourceFile,
    span: &std::ops::Range<usize>,
    selection: &std::ops::Range<usize>,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    let name = terminal_line(&short_name(name.trim())).into_owned();
    DocumentSymbol {
        // Editors refuse a symbol without a name.
        name: if name.is_empty() {
            "–".to_owned()
        } else {
            name
        },
        detail: detail.map(|d| terminal_line(d).into_owned()),
        kind,
        tags: None,
        deprecated: None,
        range: range(source, span),
        selection_range: range(source, selection),
        children,
    }
}

#[allow(deprecated)] // as above
fn flatten(s: DocumentSymbol, parent: Option<&str>, uri: &Uri, out: &mut Vec<SymbolInformation>) {
    out.push(SymbolInformation {
        name: s.name.clone(),
        kind: s.kind,
        tags: None,
        deprecated: None,
        location: Location::new(uri.clone(), s.range),
        container_name: parent.map(str::to_owned),
    });
    for c in s.children.into_iter().flatten() {
        flatten(c, Some(&s.name), uri, out);
    }
}

/// What one section means for the areas.
#[derive(Debug, Clone, Default)]
struct Notes {
    /// One line per area it names or nearly names, as in `planlint outline`.
    lines: Vec<String>,
    /// Whether its heading names an area.
    names_area: bool,
}

/// Per section, what it means for each area.
fn area_notes(ready: &Ready, doc: &Document, areas: &Areas, text: &str, lang: Lang) -> Vec<Notes> {
    let mut notes = vec![Notes::default(); doc.sections.len()];
    for (rule, area) in areas.iter() {
        let code = ready.rules.rules[rule].code();
        let name = area.name.get(lang);
        for n in &area.named {
            notes[n.section].names_area = true;
            notes[n.section].lines.push(if n.substantive {
                format!(
                    "✓ {code} {name} ({} {})",
                    n.words,
                    lang.pick("ord", "words")
                )
            } else {
                format!(
                    "✗ {code} {name}: {} {} {}",
                    lang.pick("för lite innehåll,", "too little content,"),
                    n.words,
                    lang.pick("ord", "words")
                )
            });
        }
        for (s, miss) in &area.misses {
            let why = match miss {
                HeadingMatch::Excluded(x) => {
                    format!(
                        "`{}` {}",
                        &text[x.clone()],
                        lang.pick("räknas inte", "does not count")
                    )
                }
                HeadingMatch::NearMiss(w) => {
                    format!(
                        "`{}` {}",
                        &text[w.clone()],
                        lang.pick("är ett annat ord", "is a different word")
                    )
                }
                HeadingMatch::Title(w) => format!(
                    "`{}` {}",
                    &text[w.clone()],
                    crate::checks::area::IN_TITLE.get(lang)
                ),
                _ => continue,
            };
            notes[*s].lines.push(format!("✗ {name}: {why}"));
        }
    }
    notes
}
