//! The JSON Schema of a pack file (`planlint schema pack`): the common keys of every rule and,
//! for each kind in [`KINDS`], the keys it allows.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use super::KINDS;
use crate::pack::{PackHeader, RuleDef};

/// A whole pack file: the header and the rules.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "RawPack")]
#[serde(deny_unknown_fields)]
// Only its schema is used: packs are read into `pack::RawPack`.
#[allow(dead_code)]
pub(crate) struct PackSchema {
    /// The `[pack]` header.
    pack: PackHeader,
    #[serde(default)]
    /// The `[[rule]]` entries.
    rule: Vec<RuleSchema>,
}

/// Schema-only stand-in for a `[[rule]]`: the common keys of [`RuleDef`], every kind's keys, and
/// for each `kind` the keys it allows.
pub(crate) struct RuleSchema;

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
