//! Front matter: the `---` YAML or `+++` TOML block at the top of a plan.
//!
//! Only top-level keys are kept, each with its value as text and the span of its line, which is
//! all the `metadata` check needs. A block that does not parse is kept with its error so the
//! check can say so instead of reporting every field as missing.

use std::ops::Range;

use yaml_rust2::{Yaml, YamlLoader};

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrontMatterFormat {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// One top-level key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// The value as text (lists joined with `, `; empty for null).
    pub value: String,
    /// The key's line in the source, or the block's span if it cannot be found.
    pub span: Range<usize>,
}

/// A parsed front-matter block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte range of the whole block, delimiters included.
    pub span: Range<usize>,
    /// Top-level keys in order.
    pub fields: Vec<Field>,
    /// Why the block could not be read, if it could not.
    pub error: Option<String>,
}

impl FrontMatter {
    /// Span of the opening delimiter line.
    pub fn opening(&self) -> Range<usize> {
        self.span.start..self.span.start + 3.min(self.span.len())
    }
}

/// Finds a front-matter block at byte `start` of `text` (after any BOM): a first line `---` or
/// `+++` and a closing line `---`/`...` or `+++`. Returns the block and where the body starts.
pub(super) fn split(text: &str, start: usize) -> Option<(FrontMatter, usize)> {
    let rest = &text[start..];
    let first = rest.split_inclusive('\n').next()?;
    let (format, closers): (_, &[&str]) = match first.trim_end() {
        "---" => (FrontMatterFormat::Yaml, &["---", "..."]),
        "+++" => (FrontMatterFormat::Toml, &["+++"]),
        _ => return None,
    };
    if !first.ends_with('\n') {
        return None;
    }
    let body_start = start + first.len();
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        if closers.contains(&line.trim_end()) {
            let end = at + line.len();
            let mut fm = parse(format, &text[body_start..at], body_start);
            fm.span = start..end;
            return Some((fm, end));
        }
        at += line.len();
    }
    None
}

/// Parses the `body` of a block whose text starts at byte `offset` of the source.
fn parse(format: FrontMatterFormat, body: &str, offset: usize) -> FrontMatter {
    let range = offset..offset + body.len();
    let parsed = match format {
        FrontMatterFormat::Yaml => yaml_fields(body),
        FrontMatterFormat::Toml => toml_fields(body),
    };
    let (pairs, error) = match parsed {
        Ok(pairs) => (pairs, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let fields = pairs
        .into_iter()
        .map(|(key, value)| {
            let span = key_line(body, &key).map_or(range.clone(), |r| {
                range.start + r.start..range.start + r.end
            });
            Field { key, value, span }
        })
        .collect();
    FrontMatter {
        span: range,
        fields,
        error,
    }
}

fn yaml_fields(body: &str) -> Result<Vec<(String, String)>, String> {
    let docs = YamlLoader::load_from_str(body).map_err(|e| e.to_string())?;
    match docs.into_iter().next() {
        None | Some(Yaml::Null) => Ok(Vec::new()),
        Some(Yaml::Hash(map)) => Ok(map
            .into_iter()
            .filter_map(|(k, v)| Some((yaml_text(&k)?, yaml_text(&v).unwrap_or_default())))
            .collect()),
        Some(_) => Err("front matter is not a set of `key: value` lines".to_owned()),
    }
}

fn yaml_text(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Array(items) => Some(
            items
                .iter()
                .filter_map(yaml_text)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

fn toml_fields(body: &str) -> Result<Vec<(String, String)>, String> {
    let table: toml::Table = body
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_owned())?;
    Ok(table.into_iter().map(|(k, v)| (k, toml_text(&v))).collect())
}

fn toml_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(toml_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The line of `body` where top-level `key` is defined.
fn key_line(body: &str, key: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let rest = line.strip_prefix(key).map(str::trim_start);
        if matches!(rest.and_then(|r| r.chars().next()), Some(':' | '=')) {
            return Some(start..start + line.trim_end().len());
        }
        start += line.len();
    }
    None
}
