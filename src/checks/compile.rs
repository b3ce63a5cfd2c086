//! What compiling one rule may consult, and the compiling every kind shares: terms, groups,
//! `within` codes, the kind's own keys, and the errors for them at their spans in the pack.

use std::ops::Range;

use super::{Group, GroupDef};
use crate::i18n::Localized;
use crate::matching::{PatternsBuilder, TermError, TermSet};
use crate::pack::{FileKind, PackError, RawParams, RuleDef};

/// What compiling a rule may consult: its pack's text for error spans, and the rule codes.
pub struct Compile<'a> {
    /// Path of the rule's pack, for errors.
    pub path: &'a str,
    /// Text of the rule's pack, for errors.
    pub text: &'a str,
    /// Every rule code of the run with its index, and whether it is a `section` rule.
    pub codes: &'a [(String, bool)],
    /// The rule set's pattern table, which every term compiled joins.
    pub patterns: &'a PatternsBuilder,
}

impl Compile<'_> {
    /// An error at `span` of the pack.
    pub fn error(&self, span: Range<usize>, message: Localized, label: Localized) -> PackError {
        PackError::at(self.path, self.text, span, message, label)
    }

    /// Parses spanned terms; a bad one is an error at its span.
    pub fn terms(&self, raw: &[toml::Spanned<String>]) -> Result<TermSet, PackError> {
        self.terms_with_heads(raw, &[])
    }

    /// Parses spanned terms whose `word+` patterns take the compound `heads`; a bad term or
    /// head is an error at its span.
    pub fn terms_with_heads(
        &self,
        raw: &[toml::Spanned<String>],
        heads: &[toml::Spanned<String>],
    ) -> Result<TermSet, PackError> {
        let texts: Vec<&str> = raw.iter().map(|s| s.get_ref().as_str()).collect();
        let head_texts: Vec<&str> = heads.iter().map(|s| s.get_ref().as_str()).collect();
        TermSet::parse_with(&texts, &head_texts, self.patterns).map_err(|e| {
            let (span, message, why) = match e {
                TermError::Term(i, why) => (
                    raw[i].span(),
                    ("ogiltig term: {why}", "invalid term: {why}"),
                    why,
                ),
                TermError::Head(i, why) => (
                    heads[i].span(),
                    ("ogiltigt huvudord: {why}", "invalid compound head: {why}"),
                    why,
                ),
            };
            self.error(
                span,
                crate::i18n::fill_pair(message.0, message.1, &why),
                crate::i18n::fill_pair("här", "here", ""),
            )
        })
    }

    /// Deserializes a kind's params struct from the rule's kind keys; a mistake is an error at
    /// its span, worded like any other mistake in the TOML.
    pub fn params<T: serde::de::DeserializeOwned>(
        &self,
        raw: RawParams<'_>,
    ) -> Result<T, PackError> {
        raw.deserialize()
            .map_err(|e| crate::pack::toml_error(self.path, self.text, &e, FileKind::Pack))
    }

    /// Compiles `groups`, which the kind of `rule` needs.
    pub fn groups(
        &self,
        rule: &RuleDef,
        groups: Option<&[GroupDef]>,
    ) -> Result<Vec<Group>, PackError> {
        let Some(groups) = groups else {
            return Err(self.missing_key(rule, "groups"));
        };
        groups
            .iter()
            .map(|g| {
                Ok(Group {
                    label: g.label.clone(),
                    terms: self.terms(&g.terms)?,
                })
            })
            .collect()
    }

    /// Resolves `within` to indices of `section` rules.
    pub fn within(
        &self,
        within: Option<&[toml::Spanned<String>]>,
    ) -> Result<Vec<usize>, PackError> {
        let Some(within) = within else {
            return Ok(Vec::new());
        };
        within
            .iter()
            .map(|code| {
                let c = code.get_ref();
                match self.codes.iter().position(|(k, _)| k == c) {
                    Some(i) if self.codes[i].1 => Ok(i),
                    Some(_) => Err(self.error(
                        code.span(),
                        crate::i18n::fill_pair(
                            "`{why}` är ingen regel av typen `section`",
                            "`{why}` is not a `section` rule",
                            c,
                        ),
                        crate::i18n::fill_pair(
                            "`within` tar koder för områden",
                            "`within` takes codes of area rules",
                            "",
                        ),
                    )),
                    None => {
                        let err = self.error(
                            code.span(),
                            crate::i18n::fill_pair(
                                "okänd regelkod `{why}`",
                                "unknown rule code `{why}`",
                                c,
                            ),
                            crate::i18n::fill_pair(
                                "ingen regel har den koden",
                                "no rule has this code",
                                "",
                            ),
                        );
                        Err(err.with_suggestion(crate::suggest::suggest_code(
                            c,
                            self.codes.iter().map(|(k, _)| k.as_str()),
                        )))
                    }
                }
            })
            .collect()
    }

    /// The error for a key the kind needs but the rule lacks.
    pub fn missing_key(&self, rule: &RuleDef, key: &str) -> PackError {
        self.error(
            rule.kind.span(),
            crate::i18n::fill_pair(
                "regeln saknar nyckeln `{why}`",
                "the rule lacks the key `{why}`",
                key,
            ),
            crate::i18n::fill_pair("den här typen behöver den", "this kind needs it", ""),
        )
    }
}
