//! `forbid`: terms or patterns that must not occur, such as placeholders left in a draft.
//!
//! Every occurrence is its own finding, pointed at. Terms are matched like all other terms
//! (folded, word by word); patterns are regular expressions run on the block's source text, where
//! a bracketed text that is really a link (`[text](url)`, `[text][ref]`, `[ref]: url`) is skipped.
//! A rule with neither `terms` nor `patterns` uses the pack's placeholders. Of those, the
//! pack's `placeholder_phrases` (`fylls i`) are words of ordinary language: they stand for
//! missing text only where they open their sentence or clause (`Fylls i senare.`, `Ansvarig:
//! fylls i`, `[Fylls i]`), while `Blanketten fylls i av vårdnadshavaren.` is the plan's prose.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::document::Block;
use crate::i18n::fill_pair;
use crate::matching::TermSet;
use crate::pack::{PackError, RawParams, RuleDef};

use super::sentences::{is_label, opens_clause, sentence_around, sentence_ends};
use super::{Check, Compile, Cx};

/// Terms and patterns that mark text as unfinished or forbidden.
#[derive(Debug, Default)]
pub struct Forbidden {
    terms: TermSet,
    /// Terms that make their whole paragraph filler (`lorem ipsum`).
    fillers: TermSet,
    /// Terms that are placeholders only where they open their clause (`fylls i`).
    phrases: TermSet,
    patterns: Vec<Regex>,
    /// Bytes one of which every match of every pattern starts with, when there are at most
    /// three (`[` and `<` for the built-in placeholders): a block without any of them is not
    /// searched. `None` when any byte may start a match.
    starts: Option<Vec<u8>>,
}

impl Forbidden {
    /// Compiles terms and regular expressions; a bad one is an error at its span.
    pub fn compile(
        cx: &Compile<'_>,
        terms: &[toml::Spanned<String>],
        patterns: &[toml::Spanned<String>],
    ) -> Result<Self, PackError> {
        let starts = first_bytes(patterns.iter().map(|p| p.get_ref().as_str()));
        let patterns = patterns
            .iter()
            .map(|p| {
                Regex::new(p.get_ref()).map_err(|e| {
                    cx.error(
                        p.span(),
                        fill_pair("ogiltigt mönster", "invalid pattern", ""),
                        fill_pair(
                            "{why}",
                            "{why}",
                            e.to_string().lines().last().unwrap_or_default(),
                        ),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Forbidden {
            terms: cx.terms(terms)?,
            fillers: TermSet::default(),
            phrases: TermSet::default(),
            starts,
            patterns,
        })
    }

    /// The same, with `fillers`: terms that make their whole paragraph filler text.
    #[must_use]
    pub fn with_fillers(mut self, fillers: TermSet) -> Self {
        self.fillers = fillers;
        self
    }

    /// The same, with `phrases`: terms that are placeholders only where they open their
    /// sentence or clause (see [`opens_clause`]).
    #[must_use]
    pub fn with_phrases(mut self, phrases: TermSet) -> Self {
        self.phrases = phrases;
        self
    }

    /// Whether some pattern may match in `raw`.
    fn may_match(&self, raw: &str) -> bool {
        let raw = raw.as_bytes();
        match self.starts.as_deref() {
            None => !self.patterns.is_empty(),
            Some([]) => false,
            Some(&[a]) => memchr::memchr(a, raw).is_some(),
            Some(&[a, b]) => memchr::memchr2(a, b, raw).is_some(),
            Some(&[a, b, c]) => memchr::memchr3(a, b, c, raw).is_some(),
            Some(_) => true,
        }
    }

    /// Every occurrence in `block`, as source spans, in order.
    pub fn find_in(&self, block: &Block, text: &str) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = block
            .hits(&self.terms)
            .chain(block.hits(&self.fillers))
            .chain(
                block
                    .hits(&self.phrases)
                    .filter(|h| opens_clause(block, text, h.start)),
            )
            .map(|h| block.words[h.start].span.start..block.words[h.end - 1].span.end)
            .collect();
        let raw = &text[block.span.clone()];
        if self.may_match(raw) {
            for p in &self.patterns {
                for m in p.find_iter(raw) {
                    let next = raw[m.end()..].chars().next();
                    if matches!(next, Some('(' | '[' | ':')) {
                        continue;
                    }
                    found.push(block.span.start + m.start()..block.span.start + m.end());
                }
            }
        }
        found.sort_by_key(|r| (r.start, r.end));
        found.dedup_by(|b, a| b.start < a.end);
        found
    }

    /// The placeholders in `block` and what they take out of it, both in order: each
    /// placeholder with the sentence it opens (`TODO: kontrollera antalet.`), one inside a
    /// sentence alone, or the whole block when a filler makes it filler text. What is taken out
    /// is merged.
    pub fn drafts_in(&self, block: &Block, text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let found = self.find_in(block, text);
        if found.is_empty() {
            return (found, Vec::new());
        }
        if block.has(&self.fillers) {
            return (found, vec![block.span.clone()]);
        }
        // A heading's span is its first line, and a setext heading's words may run on below
        // it (`x⏎TODO⏎---`): the sentences are read over every word the block has.
        let base = found
            .iter()
            .map(|f| f.start)
            .fold(block.span.start, usize::min);
        let end = found.iter().map(|f| f.end).fold(block.span.end, usize::max);
        let Some(raw) = text.get(base..end) else {
            return (found.clone(), found);
        };
        let ends = sentence_ends(raw);
        // The sentences to leave out, in order and merged: one pass, however many there are.
        let mut out: Vec<Range<usize>> = Vec::new();
        for f in &found {
            let f = f.start - base..f.end - base;
            let sentence = sentence_around(&ends, raw.len(), f.clone());
            // A placeholder that opens its sentence (`TODO: kontrollera antalet.`) makes the
            // sentence a note to the writer; one inside a sentence (`träffas vi XXX gånger`)
            // stands for a missing word, and the sentence around it is the plan's own.
            let before = &raw[sentence.start..f.start];
            let opens = !before.chars().any(char::is_alphanumeric) || is_label(before);
            let s = if opens { sentence } else { f };
            let s = s.start + base..s.end + base;
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        (found, out)
    }
}

/// The bytes every match of `patterns` starts with, if each pattern's matches start with one of
/// a few known literals and there are at most three such bytes in all.
fn first_bytes<'a>(patterns: impl Iterator<Item = &'a str>) -> Option<Vec<u8>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut bytes = Vec::new();
    for p in patterns {
        let hir = regex_syntax::Parser::new().parse(p).ok()?;
        let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        for literal in prefixes.literals()? {
            let first = *literal.as_bytes().first()?;
            if !bytes.contains(&first) {
                bytes.push(first);
            }
        }
    }
    (bytes.len() <= 3).then_some(bytes)
}

/// The keys of a `forbid` rule; with neither, the rule uses the pack's placeholders.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ForbidParams {
    /// Terms that must not occur.
    #[schemars(with = "Option<Vec<String>>")]
    pub terms: Option<Vec<Spanned<String>>>,
    /// Regular expressions that must not match.
    #[schemars(with = "Option<Vec<String>>")]
    pub patterns: Option<Vec<Spanned<String>>>,
}

/// The fields of [`ForbidParams`].
pub(super) const KEYS: &[&str] = &["terms", "patterns"];

#[derive(Debug)]
struct ForbidCheck {
    /// `None`: use the pack's placeholders.
    rule_terms: Option<Forbidden>,
}

pub(super) fn compile(
    _rule: &RuleDef,
    raw: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let params: ForbidParams = cx.params(raw)?;
    let rule_terms = match (params.terms, params.patterns) {
        (None, None) => None,
        (terms, patterns) => Some(Forbidden::compile(
            cx,
            &terms.unwrap_or_default(),
            &patterns.unwrap_or_default(),
        )?),
    };
    Ok(Box::new(ForbidCheck { rule_terms }))
}

impl Check for ForbidCheck {
    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let report = |span: std::ops::Range<usize>, out: &mut Vec<Diagnostic>| {
            let found = cx.text[span.clone()].to_owned();
            let label = cx
                .lang
                .pick("ta bort eller skriv om", "remove or rewrite")
                .to_owned();
            out.push(cx.diagnostic(span, label, &[("term", &found)]));
        };
        match &self.rule_terms {
            Some(forbidden) => {
                for block in &cx.doc.blocks {
                    for span in forbidden.find_in(block, cx.text) {
                        report(span, out);
                    }
                }
            }
            // The pack's placeholders were found once for the plan, with what they take out.
            None => {
                for span in cx.drafts.found() {
                    report(span.clone(), out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{first_bytes, sentence_around, sentence_ends};

    fn starts(patterns: &[&str]) -> Option<Vec<u8>> {
        first_bytes(patterns.iter().copied()).map(|mut b| {
            b.sort_unstable();
            b
        })
    }

    #[test]
    fn the_built_in_placeholder_patterns_start_with_a_bracket() {
        let built_in = [
            r"\[[^\]\n]*\p{L}{2}[^\]\n]*\]",
            r"<[^<>\n]*(?i:ange|fyll|skriv)[^<>\n]*>",
        ];
        assert_eq!(starts(&built_in), Some(vec![b'<', b'[']));
    }

    #[test]
    fn case_insensitive_literals_give_both_cases() {
        assert_eq!(starts(&["(?i)tbd"]), Some(vec![b'T', b't']));
    }

    #[test]
    fn an_optional_first_letter_gives_both_first_bytes() {
        assert_eq!(starts(&["x?y"]), Some(vec![b'x', b'y']));
    }

    #[test]
    fn patterns_that_may_start_anywhere_have_no_prefilter() {
        // A letter class, too many first bytes, and a pattern that can match the empty string:
        // every block must be searched.
        assert_eq!(starts(&[r"\p{L}+:"]), None);
        assert_eq!(starts(&["a", "b", "c", "d"]), None);
        assert_eq!(starts(&["z*"]), None);
    }

    #[test]
    fn no_patterns_never_search() {
        assert_eq!(starts(&[]), Some(vec![]));
    }
    fn around<'a>(text: &'a str, marker: &str) -> &'a str {
        let at = text.find(marker).expect("marker");
        &text[sentence_around(&sentence_ends(text), text.len(), at..at + marker.len())]
    }

    #[test]
    fn a_placeholder_takes_its_sentence_only() {
        let text = "Vi har 20 lägenheter. TODO: kontrollera antalet 2026. Kön är kort.";
        assert_eq!(around(text, "TODO"), " TODO: kontrollera antalet 2026.");
        assert_eq!(around("TODO kolla detta", "TODO"), "TODO kolla detta");
        assert_eq!(
            around("Först. Sen [ange antal] platser", "[ange"),
            " Sen [ange antal] platser"
        );
    }

    #[test]
    fn a_point_inside_a_number_does_not_end_a_sentence() {
        let text = "Vi har 2.5 tjänster TODO och mer.";
        assert_eq!(around(text, "TODO"), text);
    }
}
