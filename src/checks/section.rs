//! `section`: the plan has a substantive section whose heading names the area.
//!
//! Which sections cover an area is worked out in [`super::area`]; this check reports an area
//! nobody covers, pointing where the section belongs (or at the heading whose section is too
//! thin) and explaining what came close: headings that do not count, a bold line that was
//! meant as a heading, a passing mention in another section.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::document::{BlockKind, Reader, Shape};
use crate::i18n::{Lang, Localized};
use crate::matching::{Hit, TermSet};
use crate::pack::{PackError, RawParams, RuleDef};

use super::area::{not_a_heading, Area, AreaMatcher, HeadingMatch, Named};
use super::hints::{heading_style, not_a_heading_style};
use super::{Check, Compile, Cx};

/// The keys of a `section` rule. `area` and `terms` are needed; they are optional here so that
/// a missing one is reported as the rule lacking a key, at its `kind`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionParams {
    /// The area's name.
    pub area: Option<Localized>,
    /// The heading to suggest (default: the area's Swedish name).
    pub heading: Option<String>,
    /// Terms that, in a heading, name the area.
    #[schemars(with = "Option<Vec<String>>")]
    pub terms: Option<Vec<Spanned<String>>>,
    /// Terms that look like a match but are not (e.g. `särskilt boende`).
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Terms that, anywhere in a heading, mean it is about something else.
    #[schemars(with = "Option<Vec<String>>")]
    pub not_with: Option<Vec<Spanned<String>>>,
    /// Last parts of compounds that keep a `word+` term's meaning in the area
    /// (`möjlighet*` for `studie+`: `studiemöjligheter`, not `studieresor`).
    #[schemars(with = "Option<Vec<String>>")]
    pub heads: Option<Vec<Spanned<String>>>,
}

/// The fields of [`SectionParams`].
pub(super) const KEYS: &[&str] = &["area", "heading", "terms", "exclude", "not_with", "heads"];

#[derive(Debug)]
struct SectionCheck {
    matcher: AreaMatcher,
}

pub(super) fn compile(
    rule: &RuleDef,
    raw: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let params: SectionParams = cx.params(raw)?;
    let area = params.area.ok_or_else(|| cx.missing_key(rule, "area"))?;
    let terms = params.terms.ok_or_else(|| cx.missing_key(rule, "terms"))?;
    let optional = |list: Option<Vec<Spanned<String>>>| match list {
        Some(x) => cx.terms(&x),
        None => Ok(TermSet::default()),
    };
    let (exclude, not_with) = (optional(params.exclude)?, optional(params.not_with)?);
    let heading = params.heading.unwrap_or_else(|| area.sv.clone());
    // The area's own names, in every language the pack gives, name it too: a plan written in
    // English says `Housing` whatever language the messages are in.
    let mut terms = terms;
    for name in [&area.sv, &area.en] {
        if crate::matching::Term::parse(name).is_ok() && !terms.iter().any(|t| t.get_ref() == name)
        {
            terms.push(Spanned::new(0..0, name.clone()));
        }
    }
    let terms = cx.terms_with_heads(&terms, params.heads.as_deref().unwrap_or_default())?;
    Ok(Box::new(SectionCheck {
        matcher: AreaMatcher::new(area, heading, terms, exclude, not_with),
    }))
}

impl Check for SectionCheck {
    fn area(&self) -> Option<&AreaMatcher> {
        Some(&self.matcher)
    }

    fn doc_placeholders(&self, lang: crate::i18n::Lang) -> Vec<(&'static str, String)> {
        vec![
            ("area", self.matcher.area.get(lang).to_owned()),
            ("heading", self.matcher.heading.clone()),
        ]
    }

    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(area) = cx.areas.get(cx.rule_index) else {
            return;
        };
        if area.covered().next().is_some() {
            return;
        }
        let name = area.name.get(cx.lang);
        let min = cx.pack.min_words.to_string();
        let level = super::place::new_section(
            cx.doc,
            cx.areas,
            cx.pack,
            area.pack,
            cx.rule_index,
            cx.text.len(),
        )
        .marks();
        let vars = [
            ("area", name),
            ("heading", self.matcher.heading.as_str()),
            ("min", min.as_str()),
            ("level", level.as_str()),
        ];
        // A section that names the area but is too thin is where the finding points; with none,
        // it points where the section belongs.
        let mut d = match area.named.first() {
            Some(thin) => thin_section(cx, thin, name, &min, &vars),
            None => self.missing_section(cx, &vars),
        };
        if cx.doc.reader != Reader::Markdown {
            in_word_terms(cx, &level, &mut d);
        }
        covered_elsewhere(cx, area, &mut d);
        near_misses(cx, area, name, &mut d);
        if area.named.is_empty() {
            self.came_close(cx, name, &level, &mut d);
        }
        d.secondary.sort_by_key(|l| l.span.start);
        out.push(d);
    }
}

impl SectionCheck {
    /// The finding when no heading names the area, at the place its section belongs.
    fn missing_section(&self, cx: &Cx<'_>, vars: &[(&str, &str)]) -> Diagnostic {
        let lang = cx.lang;
        let label = format!(
            "{} `{}` {}",
            lang.pick("avsnittet", "the section"),
            self.matcher.heading,
            lang.pick("hör hemma här", "belongs here")
        );
        cx.diagnostic(cx.anchor(), label, vars)
    }

    /// With no heading naming the area, what may have been meant as its section: a line that
    /// looks like a heading but is not one, else a passing mention in the prose.
    fn came_close(&self, cx: &Cx<'_>, name: &str, level: &str, d: &mut Diagnostic) {
        let lang = cx.lang;
        if let Some(b) = self.matcher.pseudo_heading(cx.doc) {
            let shown = match b.shape {
                // Its source is HTML, or letters that only look right: the area's own heading
                // is what to write.
                Shape::HtmlHeading | Shape::Disguised => self.matcher.heading.clone(),
                _ => crate::matching::visible(
                    cx.text[b.span.clone()].trim_matches(['*', '_', ' ', '#', '|', '\t']),
                )
                .trim_matches(['*', '_', ' '])
                .to_owned(),
            };
            let label = if cx.doc.reader == Reader::Markdown {
                let (why, _) = not_a_heading(b.shape, lang);
                format!("{why} `{level} {shown}`")
            } else {
                not_a_heading_style(b.shape, level.len(), lang)
            };
            d.secondary.push(Label::new(b.span.clone(), label));
        } else if let Some(span) = passing_mention(cx, &self.matcher) {
            let label = format!(
                "{name} {}",
                lang.pick(
                    "nämns här i förbigående, vilket inte räcker",
                    "is mentioned here in passing, which is not enough"
                )
            );
            d.secondary.push(Label::new(span, label));
        }
    }
}

/// The finding at the heading of a section that names the area but holds too little: how
/// little, and what to write.
fn thin_section(
    cx: &Cx<'_>,
    thin: &Named,
    name: &str,
    min: &str,
    vars: &[(&str, &str)],
) -> Diagnostic {
    let lang = cx.lang;
    let heading = &cx.doc.sections[thin.section];
    let label = match (thin.words, thin.drafts) {
        (0, 0) => lang
            .pick(
                "rubriken finns, men avsnittet har inget innehåll",
                "the heading is here, but the section has no content",
            )
            .to_owned(),
        (0, _) => lang
            .pick(
                "rubriken finns, men avsnittet har bara platshållare",
                "the heading is here, but the section holds only placeholders",
            )
            .to_owned(),
        (n, _) => format!(
            "{} {n} {} {min} {}",
            lang.pick(
                "rubriken finns, men avsnittet har bara",
                "the heading is here, but the section has only"
            ),
            lang.pick("ord (minst", "words (at least"),
            lang.pick("behövs)", "are needed)")
        ),
    };
    let mut d = cx.diagnostic(heading.heading_span.clone(), label, vars);
    // The heading is there: the headline says what is wrong with its section, not that it is
    // missing.
    let shown = crate::matching::visible(&heading.text);
    // A heading that is the area's name needs no "so it does not cover …".
    let same = crate::matching::fold(&heading.title) == crate::matching::fold(name);
    let not_covering = match (same, lang) {
        (true, _) => String::new(),
        (false, Lang::Sv) => format!(", så det täcker inte {name}"),
        (false, Lang::En) => format!(", so it does not cover {name}"),
    };
    d.message = match (thin.words, thin.drafts, lang) {
        (0, 0, Lang::Sv) => format!("avsnittet `{shown}` har inget innehåll{not_covering}"),
        (0, 0, Lang::En) => format!("the section `{shown}` has no content{not_covering}"),
        (0, _, Lang::Sv) => format!("avsnittet `{shown}` har bara platshållare{not_covering}"),
        (0, _, Lang::En) => format!("the section `{shown}` holds only placeholders{not_covering}"),
        (n, _, Lang::Sv) => format!("avsnittet `{shown}` är för kort för att täcka {name}: {n} ord, minst {min} behövs"),
        (n, _, Lang::En) => format!("the section `{shown}` is too short to cover {name}: {n} words, at least {min} are needed"),
    };
    d.help = Some(
        format!(
            "{} {min} {} {name} {} `{}`; {}",
            lang.pick("skriv minst", "write at least"),
            lang.pick(
                "ord om hur förvaltningen arbetar med",
                "words on how the department works on"
            ),
            lang.pick("under rubriken", "under the heading"),
            heading.text,
            lang.pick(
                "platshållare, HTML-kommentarer och citat räknas inte",
                "placeholders, HTML comments and quotes do not count"
            )
        )
        .into(),
    );
    d
}

/// Labels where the pack's other areas are covered, so the reader sees the plan's shape.
fn covered_elsewhere(cx: &Cx<'_>, area: &Area, d: &mut Diagnostic) {
    for (rule, other) in cx.areas.iter() {
        if rule == cx.rule_index || other.pack != area.pack {
            continue;
        }
        if let Some(s) = other.covered().next() {
            let label = format!(
                "{} {}",
                other.name.get(cx.lang),
                cx.lang.pick("täcks här", "is covered here")
            );
            d.secondary
                .push(Label::new(cx.doc.sections[s].heading_span.clone(), label));
        }
    }
}

/// Labels on the first few headings that came close to naming the area, with why they do not
/// count.
fn near_misses(cx: &Cx<'_>, area: &Area, name: &str, d: &mut Diagnostic) {
    let lang = cx.lang;
    for (s, miss) in area.misses.iter().take(3) {
        let label = match miss {
            HeadingMatch::Excluded(x) => format!(
                "`{}` {} {name}",
                &cx.text[x.clone()],
                lang.pick("räknas inte som", "does not count as")
            ),
            HeadingMatch::Modifier(w) => format!(
                "`{}` {} {name}",
                crate::matching::visible(&cx.text[w.clone()]),
                lang.pick(
                    "är ett sammansatt ord där områdesordet bara är förled; det räknas inte som",
                    "is a compound in which the area word is only the modifier; it does not count as"
                )
            ),
            HeadingMatch::Title(w) => format!(
                "`{}` {}",
                crate::matching::visible(&cx.text[w.clone()]),
                super::area::IN_TITLE.get(lang)
            ),
            _ => format!(
                "{} {name}",
                lang.pick("liknar men är inte", "looks like but is not")
            ),
        };
        d.secondary
            .push(Label::new(cx.doc.sections[*s].heading_span.clone(), label));
    }
}

/// A Word or OpenDocument plan has no `#`: the help names the heading without them, and a note
/// says which style makes a paragraph a heading.
fn in_word_terms(cx: &Cx<'_>, level: &str, d: &mut Diagnostic) {
    if let Some(help) = &mut d.help {
        *help = help.replace(&format!("`{level} "), "`").into();
    }
    let lang = cx.lang;
    d.notes.insert(
        0,
        format!(
            "{} {} {}",
            lang.pick(
                "i Word och LibreOffice är en rubrik ett stycke med formatmallen",
                "in Word and LibreOffice a heading is a paragraph in the style",
            ),
            heading_style(level.len(), lang),
            lang.pick(
                "(eller en annan rubrikmall); fetstil eller större text gör inget stycke till en rubrik",
                "(or another heading style); bold or larger text does not make a paragraph a heading",
            )
        )
        .into(),
    );
}

/// The first place the area's terms occur in the plan's prose, not in what a placeholder takes
/// out (`TODO: skriv om bostäder.` is no mention of Bostäder).
/// Only the first term (the area's own name) counts here: a synonym in running text is too weak
/// a sign that the writer meant the area.
fn passing_mention(cx: &Cx<'_>, matcher: &AreaMatcher) -> Option<Range<usize>> {
    let name = matcher.terms.terms().first()?;
    cx.doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Prose && name.may_occur(&b.summary))
        .find_map(|b| {
            let hit = (0..b.words.len())
                .find(|&at| {
                    name.matches_at(&b.words, at)
                        && !b.words[at..at + name.len()]
                            .iter()
                            .any(|w| cx.drafts.takes_out(&w.span))
                })
                .map(|start| Hit {
                    term: 0,
                    start,
                    end: start + name.len(),
                })?;
            if b.hits(&matcher.exclude)
                .any(|x| x.start < hit.end && hit.start < x.end)
            {
                return None;
            }
            Some(b.words[hit.start].span.start..b.words[hit.end - 1].span.end)
        })
}
