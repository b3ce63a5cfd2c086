//! Front matter: the `---` YAML or `+++` TOML block at the top of a plan.
//!
//! Only top-level keys are kept, each with its value as text and the span of its line, which is
//! all the `metadata` check needs. A block that does not parse is kept with its error so the
//! check can say so instead of reporting every field as missing.
//!
//! The block is written by the plan's author, so it is read under a [`Budget`]: its size, how
//! deep it nests, how many aliases it uses and how many values it holds once every alias is
//! expanded. A block over budget is kept unread with the budget it broke as its error; nothing
//! in it is ever built, walked or expanded past the budget, so one plan cannot crash the run or
//! take its memory.

use std::ops::Range;

use yaml_rust2::{Yaml, YamlLoader};

use super::budget::{toml_budget, yaml_budget, MAX_EXPANDED_BYTES};
pub use super::budget::{Budget, MAX_ALIASES, MAX_BYTES, MAX_DEPTH, MAX_NODES};

use crate::i18n::Lang;

/// Why a front-matter block could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// It is not valid YAML or TOML, or not a set of `key: value` lines: the parser's message.
    Syntax(String),
    /// It breaks a budget and was not read.
    Budget(Budget),
}

impl FrontMatterError {
    /// The reason as a user reads it.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            // The parser's own text is English; a planner reading Swedish gets the plain
            // reason (the finding points at the block).
            FrontMatterError::Syntax(message) => match lang {
                Lang::Sv => {
                    "raderna kan inte läsas som `nyckel: värde`, t.ex. `år: 2027`".to_owned()
                }
                Lang::En => format!("the lines cannot be read as `key: value`: {message}"),
            },
            FrontMatterError::Budget(Budget::Bytes(size)) => {
                let (is, limit) = lang.pick2(
                    ("blocket är", "byte; gränsen är"),
                    ("the block is", "bytes; the limit is"),
                );
                let unit = lang.pick("byte", "bytes");
                format!("{is} {size} {limit} {MAX_BYTES} {unit}")
            }
            FrontMatterError::Budget(Budget::Depth) => format!(
                "{} {MAX_DEPTH} {}",
                lang.pick(
                    "blocket är nästlat djupare än",
                    "the block nests deeper than"
                ),
                lang.pick("nivåer", "levels"),
            ),
            FrontMatterError::Budget(Budget::Aliases) => format!(
                "{} {MAX_ALIASES} {}",
                lang.pick("blocket har fler än", "the block has more than"),
                lang.pick("alias (`*namn`)", "aliases (`*name`)"),
            ),
            FrontMatterError::Budget(Budget::Nodes) => format!(
                "{} {MAX_NODES} {} {MAX_EXPANDED_BYTES} {}",
                lang.pick("blocket har fler än", "the block has more than"),
                lang.pick("värden eller", "values or"),
                lang.pick(
                    "byte text när alias räknas ut",
                    "bytes of text once aliases are expanded"
                ),
            ),
        }
    }
}

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
    pub error: Option<FrontMatterError>,
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
    let parsed = if body.len() > MAX_BYTES {
        Err(FrontMatterError::Budget(Budget::Bytes(body.len())))
    } else {
        match format {
            FrontMatterFormat::Yaml => match plain_fields(body) {
                Some(pairs) => Ok(pairs),
                None => yaml_budget(body)
                    .map_err(FrontMatterError::Budget)
                    .and_then(|()| yaml_fields(body).map_err(FrontMatterError::Syntax)),
            },
            FrontMatterFormat::Toml => toml_budget(body)
                .map_err(FrontMatterError::Budget)
                .and_then(|()| toml_fields(body).map_err(FrontMatterError::Syntax)),
        }
    };
    let (pairs, error) = match parsed {
        Ok(pairs) => (pairs, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let lines = key_lines(body, pairs.iter().map(|(key, _)| key.as_str()));
    let fields = pairs
        .into_iter()
        .zip(lines)
        .map(|((key, value), line)| {
            let span = line.map_or(range.clone(), |r| {
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

/// The fields of a YAML block made only of plain `key: value` lines, read without the YAML
/// parser: nearly every plan's block is such lines (`förvaltning: Socialförvaltningen`,
/// `år: 2027`, `beslutad: 2027-06-17`), and reading them directly costs a scan instead of two
/// parses (the budget walk and the loader). `None` for anything else, which the parser reads:
/// a line that is not plainly `key: value`, a value YAML would read as other than its own text
/// (`true`, `null`, `0x1F`, `1.5`, quotes, flow lists), comments, indentation, a repeated key.
/// The values are what the parser gives for the same lines (a test holds them equal).
fn plain_fields(body: &str) -> Option<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Seen keys in a set: a block of many keys stays linear.
    let mut seen = std::collections::HashSet::new();
    for line in body.lines() {
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let value = value.strip_prefix(' ').unwrap_or(value);
        if !(value.is_empty() || line.as_bytes()[key.len() + 1] == b' ') {
            return None;
        }
        let value = value.trim_end_matches(' ');
        // The parser reads no key of 1,024 characters or more as a key, and counts a key and
        // its value as two of the block's MAX_NODES values: near either limit, it decides.
        if key.len() >= 1000 || 2 * pairs.len() + 16 > MAX_NODES {
            return None;
        }
        if !plain_key(key) || !plain_value(value) || !seen.insert(key) {
            return None;
        }
        pairs.push((key.to_owned(), value.to_owned()));
    }
    Some(pairs)
}

/// YAML's words for true, false and null (and YAML 1.1's yes, no, on, off), which it does not
/// read as text: a key or value that is one of them goes to the parser.
fn yaml_word(s: &str) -> bool {
    ["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
}

/// A key of letters, digits, `_`, `-` and inner single spaces that starts with a letter.
fn plain_key(key: &str) -> bool {
    !yaml_word(key)
        && key.chars().next().is_some_and(char::is_alphabetic)
        && !key.ends_with(' ')
        && !key.contains("  ")
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
}

/// A value YAML reads as exactly its text: empty (null, read as ``), a decimal integer without
/// a leading zero, an ISO date, or text that starts with a letter and holds only letters,
/// digits, single inner spaces and `-`, `.`, `,`, `/`, `(`, `)`, and is none of YAML's
/// words for true, false and null.
fn plain_value(value: &str) -> bool {
    let b = value.as_bytes();
    if value.is_empty() {
        return true;
    }
    if b[0].is_ascii_digit() {
        let integer = b.iter().all(u8::is_ascii_digit) && (b[0] != b'0' || b.len() == 1);
        let date = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        // An integer past i64 is no Integer to the parser.
        return (integer && b.len() < 19) || date;
    }
    value.chars().next().is_some_and(char::is_alphabetic)
        && !yaml_word(value)
        && !value.contains("  ")
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | ',' | '/' | '(' | ')'))
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

/// For each of `keys`, the line of `body` where it is defined: the first line that starts with
/// the key, then optional whitespace and `:` or `=`. One pass over the lines; on each line a
/// walk narrows a sorted list of the keys byte by byte, so the cost is the body's length
/// times the logarithm of the number of keys, however many keys there are.
fn key_lines<'k>(body: &str, keys: impl Iterator<Item = &'k str>) -> Vec<Option<Range<usize>>> {
    let keys: Vec<&[u8]> = keys.map(str::as_bytes).collect();
    let mut found = vec![None; keys.len()];
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]));
    let mut left = keys.len();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        if left == 0 {
            break;
        }
        let bytes = line.as_bytes();
        // The end of the last whitespace run looked past, and whether `:` or `=` follows it.
        let mut known: Option<(usize, bool)> = None;
        let mut separated = |j: usize| match known {
            Some((end, sep)) if j <= end => sep,
            _ => {
                let rest = line.get(j..).unwrap_or_default();
                let after = rest.trim_start();
                let sep = matches!(after.chars().next(), Some(':' | '='));
                known = Some((j + rest.len() - after.len(), sep));
                sep
            }
        };
        // `order[lo..hi]` are the keys that start with the line's first `j` bytes; those that
        // are exactly that long sort first.
        let (mut lo, mut hi, mut j) = (0, order.len(), 0);
        loop {
            while lo < hi && keys[order[lo]].len() == j {
                let key = order[lo];
                if found[key].is_none() && separated(j) {
                    found[key] = Some(start..start + line.trim_end().len());
                    left -= 1;
                }
                lo += 1;
            }
            let Some(&b) = bytes.get(j) else { break };
            if lo == hi {
                break;
            }
            lo += order[lo..hi].partition_point(|&k| keys[k][j] < b);
            hi = lo + order[lo..hi].partition_point(|&k| keys[k][j] <= b);
            j += 1;
        }
        start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{plain_fields, yaml_fields};

    /// Every line the direct reading takes is read as the YAML parser reads it, and every line
    /// it leaves is left to the parser.
    #[test]
    fn plain_lines_are_read_as_the_yaml_parser_reads_them() {
        let lines = [
            "förvaltning: Socialförvaltningen",
            "år: 2027",
            "år: 0",
            "beslutad: 2027-06-17",
            "ansvarig: Anna Berg (SOC)",
            "diarienummer: KS 2026/123",
            "status: utkast, version 2.1",
            "tom:",
            "tom: ",
            "Department Name: Social Services",
            "flagga: True",
            "flagga: no",
            "noll: null",
            "tal: 0x1F",
            "tal: 012",
            "tal: 1.5",
            "tal: 99999999999999999999",
            "flyt: inf",
            "text: \"citerad\"",
            "lista: [a, b]",
            "kolon: a: b",
            "kommentar: text # här",
            "  indragen: ja",
            "tab:\tja",
            "utan:mellanslag",
            "två:  mellanslag",
            "- punkt",
            "# kommentar",
            "nyckel",
            "null: x",
            "True: y",
            "NULL: z",
        ];
        let mut taken = 0;
        for line in lines {
            for body in [format!("{line}\n"), format!("a: b\n{line}\r\n\n")] {
                if let Some(fast) = plain_fields(&body) {
                    taken += 1;
                    assert_eq!(Ok(fast), yaml_fields(&body), "{body:?}");
                }
            }
        }
        // The first ten lines are taken, and `flyt: inf` (a float to the parser, kept as its
        // text); the rest go to the parser.
        assert_eq!(taken, 2 * 11, "{taken}");
        assert_eq!(plain_fields("a: 1\na: 2\n"), None, "a repeated key");
        // What the parser refuses, or the budget stops, is left to them.
        let long_key = format!("{}: b\n", "a".repeat(1025));
        assert!(yaml_fields(&long_key).is_err());
        assert_eq!(
            plain_fields(&long_key),
            None,
            "a key too long for the parser"
        );
        let keys = |n: usize| {
            (0..n).fold(String::new(), |mut body, i| {
                body.push('k');
                body.push_str(&i.to_string());
                body.push_str(": v\n");
                body
            })
        };
        assert_eq!(
            plain_fields(&keys(50_000)),
            None,
            "more values than the budget allows"
        );
        assert_eq!(plain_fields(&keys(10_000)).map(|f| f.len()), Some(10_000));
    }
}
