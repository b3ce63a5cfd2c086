//! `forbid`: terms or patterns that must not occur, such as placeholders left in a draft.
//!
//! Every occurrence is its own finding, pointed at. Terms are matched like all other terms
//! (folded, word by word); patterns are regular expressions run on the block's source text, where
//! a bracketed text that is really a link (`[text](url)`, `[text][ref]`, `[ref]: url`) is skipped.
//! A rule with neither `terms` nor `patterns` uses the pack's placeholders.

use std::ops::Range;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::document::Block;
use crate::matching::TermSet;
use crate::pack::{fill_pair, PackError, RuleDef};

use super::{Check, Compile, Cx};

/// Terms and patterns that mark text as unfinished or forbidden.
#[derive(Debug, Default)]
pub struct Forbidden {
    terms: TermSet,
    patterns: Vec<Regex>,
}

impl Forbidden {
    /// Compiles terms and regular expressions; a bad one is an error at its span.
    pub fn compile(
        cx: &Compile<'_>,
        terms: &[toml::Spanned<String>],
        patterns: &[toml::Spanned<String>],
    ) -> Result<Self, PackError> {
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
            patterns,
        })
    }

    /// Every occurrence in `block`, as source spans, in order.
    pub fn find_in(&self, block: &Block, text: &str) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = block
            .hits(&self.terms)
            .map(|h| block.words[h.start].span.start..block.words[h.end - 1].span.end)
            .collect();
        if !self.patterns.is_empty() {
            let raw = &text[block.span.clone()];
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

    /// Whether `block` holds any occurrence.
    pub fn in_block(&self, block: &Block, text: &str) -> bool {
        block.has(&self.terms) || !self.find_in(block, text).is_empty()
    }
}

#[derive(Debug)]
struct ForbidCheck {
    /// `None`: use the pack's placeholders.
    own: Option<Forbidden>,
}

pub(super) fn compile(rule: &RuleDef, cx: &Compile<'_>) -> Result<Box<dyn Check>, PackError> {
    let own = if rule.terms.is_none() && rule.patterns.is_none() {
        None
    } else {
        let terms = rule
            .terms
            .as_ref()
            .map(|t| t.get_ref().as_slice())
            .unwrap_or_default();
        let patterns = rule
            .patterns
            .as_ref()
            .map(|p| p.get_ref().as_slice())
            .unwrap_or_default();
        Some(Forbidden::compile(cx, terms, patterns)?)
    };
    Ok(Box::new(ForbidCheck { own }))
}

impl Check for ForbidCheck {
    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let forbidden = self.own.as_ref().unwrap_or(&cx.pack.placeholders);
        for block in &cx.doc.blocks {
            for span in forbidden.find_in(block, cx.text) {
                let found = cx.text[span.clone()].to_owned();
                let label = cx
                    .lang
                    .pick("ta bort eller skriv om", "remove or rewrite")
                    .to_owned();
                out.push(cx.diagnostic(span, label, &[("term", &found)]));
            }
        }
    }
}
