//! A rule's kind-specific keys: splitting them off each `[[rule]]` table, handing them to the
//! rule's kind. Which keys are a kind's is the caller's to say (the kinds live above packs).
//!
//! A `[[rule]]` table holds the keys every rule has ([`RuleDef`]) and the keys of its kind (`area`
//! and `terms` for `section`, …), which each kind declares as its own params struct next to its
//! check in `checks`. The pack is parsed with toml's `DeTable`, which keeps the byte span of every
//! key and value. Before the rules are deserialized, each rule table gives up the keys that some
//! kind takes ([`split`]). What stays is deserialized into `RuleDef`, so a key that no kind takes
//! is still an unknown key, reported by toml where it stands and in the same order as a mistake in
//! a common key.
//!
//! toml's parsed tables borrow from the pack text and cannot be made to outlive it, so `RuleDef`
//! does not store them. The pack text is kept in [`PackDef`] anyway (for error labels); when the
//! engine compiles a pack it parses the text once more ([`PackDef::params`]) and gives each rule's
//! kind its [`RawParams`]. The kind deserializes them with toml's own deserializer, so spans in
//! its params are absolute into the pack and its mistakes read exactly like those of the common
//! keys. The cost is one more parse of each pack per run, a file of tens of kB; in exchange
//! `RuleDef` stays plain owned data that needs neither the text's lifetime nor a copy of toml's
//! tree.

use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer as _};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{toml_error, FileKind, PackDef, PackError};

/// One rule's kind-specific keys as written, borrowed from the pack text.
#[derive(Debug, Clone)]
pub struct RawParams<'a>(Spanned<DeTable<'a>>);

impl Default for RawParams<'_> {
    /// No keys.
    fn default() -> Self {
        RawParams(Spanned::new(0..0, DeTable::new()))
    }
}

impl RawParams<'_> {
    /// The span of `key`'s value, if the rule has the key.
    pub fn span(&self, key: &str) -> Option<Range<usize>> {
        self.0.get_ref().get(key).map(Spanned::span)
    }

    /// Deserializes the kind's params struct; a mistake is a toml error at its span.
    pub fn deserialize<T: DeserializeOwned>(self) -> Result<T, toml::de::Error> {
        T::deserialize(self.0.into_deserializer())
    }
}

/// What [`split`] takes out of a parsed pack.
pub(super) struct Split<'a> {
    /// The kind-specific keys of each entry of the `rule` array, in order.
    pub params: Vec<RawParams<'a>>,
    /// The spans of the keys left in the rule tables: an unknown key at one of these is a
    /// misspelt rule key, which may have been meant as a kind's key.
    pub rule_keys: Vec<Range<usize>>,
}

/// Takes the keys some kind takes out of each table of the document's `rule` array. An entry
/// that is not a table gets empty params and is left for deserializing to report.
pub(super) fn split<'a>(root: &mut DeTable<'a>, kind_keys: &[&str]) -> Split<'a> {
    let mut out = Split {
        params: Vec::new(),
        rule_keys: Vec::new(),
    };
    let Some(DeValue::Array(rules)) = root.get_mut("rule").map(Spanned::get_mut) else {
        return out;
    };
    for rule in rules.iter_mut() {
        let span = rule.span();
        let mut own = DeTable::new();
        if let DeValue::Table(table) = rule.get_mut() {
            for key in kind_keys {
                if let Some((k, v)) = table.remove_entry(*key) {
                    own.insert(k, v);
                }
            }
            out.rule_keys.extend(table.keys().map(Spanned::span));
        }
        // The span of the whole rule, so that a key a kind needs is missed where the rule is.
        out.params.push(RawParams(Spanned::new(span, own)));
    }
    out
}

impl PackDef {
    /// The kind-specific keys of each rule (those among `kind_keys`), in rule order, read again
    /// from the pack's text.
    pub fn params(&self, kind_keys: &[&str]) -> Result<Vec<RawParams<'_>>, PackError> {
        let mut root = DeTable::parse(&self.text)
            .map_err(|e| toml_error(&self.path, &self.text, &e, FileKind::Pack))?;
        Ok(split(root.get_mut(), kind_keys).params)
    }
}
