//! A rule's kind-specific keys: splitting them off each `[[rule]]` table, handing them to the
//! rule's kind, and the JSON Schema of a whole rule.
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

use std::borrow::Cow;
use std::ops::Range;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{DeserializeOwned, IntoDeserializer as _};
use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{toml_error, FileKind, PackDef, PackError, RuleDef};
use crate::checks::{kind_keys, KINDS};

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
pub(super) fn split<'a>(root: &mut DeTable<'a>) -> Split<'a> {
    let kind_keys = kind_keys();
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
            for key in &kind_keys {
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
    /// The kind-specific keys of each rule, in rule order, read again from the pack's text.
    pub fn params(&self) -> Result<Vec<RawParams<'_>>, PackError> {
        let mut root = DeTable::parse(&self.text)
            .map_err(|e| toml_error(&self.path, &self.text, &e, FileKind::Pack))?;
        Ok(split(root.get_mut()).params)
    }
}

/// Schema-only stand-in for a `[[rule]]`: the common keys of [`RuleDef`], every kind's keys, and
/// for each `kind` the keys it allows.
pub struct RuleSchema;

impl JsonSchema for RuleSchema {
    fn schema_name() -> Cow<'static, str> {
        "RuleDef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = RuleDef::json_schema(generator);
        let common: Vec<Value> = properties(&schema)
            .map(|p| p.keys().map(|k| Value::from(k.as_str())).collect())
            .unwrap_or_default();
        let mut kinds = Vec::new();
        let mut kind_properties = serde_json::Map::new();
        for kind in KINDS {
            let params = (kind.schema)(generator);
            for (key, value) in properties(&params).into_iter().flatten() {
                let mut value = value.clone();
                let said = value.get("description").and_then(Value::as_str);
                let said = format!(
                    "`{}`: {}",
                    kind.name,
                    lowercase_first(said.unwrap_or_default())
                );
                // A key several kinds take (`terms`) says what it means for each.
                let merged = match kind_properties.get(key).and_then(|v| v.get("description")) {
                    Some(Value::String(before)) => format!("{before}\n{said}"),
                    _ => said,
                };
                if let Some(v) = value.as_object_mut() {
                    v.insert("description".to_owned(), Value::from(merged));
                }
                kind_properties.insert(key.clone(), value);
            }
            let mut allowed = common.clone();
            allowed.extend(kind.keys.iter().map(|&k| Value::from(k)));
            kinds.push(serde_json::json!({
                "if": { "properties": { "kind": { "const": kind.name } }, "required": ["kind"] },
                "then": { "propertyNames": { "enum": allowed } },
            }));
        }
        if let Some(p) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            p.extend(kind_properties);
            if let Some(kind) = p.get_mut("kind").and_then(Value::as_object_mut) {
                let names = KINDS.iter().map(|k| Value::from(k.name)).collect();
                kind.insert("enum".to_owned(), Value::Array(names));
            }
        }
        schema.insert("allOf".to_owned(), Value::Array(kinds));
        schema
    }
}

/// "The area's name." as it reads after "`section`: ".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn properties(schema: &Schema) -> Option<&serde_json::Map<String, Value>> {
    schema.get("properties").and_then(Value::as_object)
}
