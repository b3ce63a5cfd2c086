//! Rule packs: the TOML format, loading it with spans, and validating it.
//!
//! A pack is one TOML file: a `[pack]` header and `[[rule]]` entries (the format is documented
//! in the README and in [`RuleDef`]). Loading keeps every span so that a mistake is reported
//! rustc-style with a label on the offending bytes of the pack. This module turns TOML into
//! data; turning rules into checks is `engine`'s job.

mod docs;
mod load;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

pub use docs::{explain, help_text};
pub use load::{
    builtin, did_you_mean, load, parse, read_text, suggest_code, suggestion, toml_error, FileKind,
    PackError, RawPack, BUILTIN_PATH,
};

use crate::diagnostic::Severity;
use crate::i18n::Localized;

/// The `[pack]` header.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Short id, e.g. `integrationspolicy`.
    pub id: String,
    /// Readable name of the pack.
    pub name: String,
    /// The policy document the rules come from.
    pub source: String,
    /// Its decision reference, e.g. `KF 2016-06-20 § 67`.
    pub decision: String,
    /// Every rule code starts with this, e.g. `IP`.
    #[schemars(with = "String")]
    pub prefix: Spanned<String>,
    /// Language of the policy text (`sv`).
    #[serde(default = "default_lang")]
    pub language: String,
    /// Words a section needs to count as substantive.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    /// Terms that mark unfinished text (`todo`, `fylls i`); such a paragraph is not substance.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub placeholders: Vec<Spanned<String>>,
    /// Regular expressions that mark unfinished text (e.g. `\[[^\]]+\]`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub placeholder_patterns: Vec<Spanned<String>>,
    /// Headings under which missing area sections belong (e.g. `prioriterade områden`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub anchors: Vec<Spanned<String>>,
}

fn default_lang() -> String {
    "sv".to_owned()
}

fn default_min_words() -> usize {
    15
}

/// Where in the policy a rule comes from.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    /// The policy's section, e.g. `Prioriterade områden – Bostäder`.
    pub section: String,
    /// The clause, quoted word for word.
    pub quote: String,
}

impl PolicyRef {
    /// Where the clause stands: `source, section (decision)`.
    pub fn place(&self, header: &PackHeader) -> String {
        format!("{}, {} ({})", header.source, self.section, header.decision)
    }

    /// The clause in Swedish quotation marks.
    pub fn quoted(&self) -> String {
        format!("”{}”", self.quote.trim())
    }

    /// The place and the clause on one line: `source, section (decision): ”quote”`, as every
    /// finding's note and every format's rule help cite it.
    pub fn cited(&self, header: &PackHeader) -> String {
        format!("{}: {}", self.place(header), self.quoted())
    }
}

/// A passing and a failing plan snippet.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Markdown that the rule accepts.
    pub pass: String,
    /// Markdown that the rule reports.
    pub fail: String,
}

/// A named group of terms of which at least one must occur.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// What the group stands for, shown when it is missing.
    pub label: Localized,
    /// The terms (see the README for the pattern syntax).
    #[schemars(with = "Vec<String>")]
    pub terms: Vec<Spanned<String>>,
}

/// A required front-matter field.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// The key, e.g. `förvaltning` (compared folded, so `forvaltning` works too).
    pub key: String,
    /// Other accepted keys, e.g. `department`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the field is, for messages.
    pub label: Localized,
}

/// A list with the span of the whole list.
pub type SpannedList<T> = Option<Spanned<Vec<T>>>;

/// One `[[rule]]` entry as written. Kind-specific keys are optional here; the check of each
/// kind says which it takes, and a key the kind does not take is an error.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable code, e.g. `IP002`.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// Readable name, e.g. `omrade-bostader`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Rule kind: `section`, `mention`, `forbid`, `metadata` or `elements`.
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    /// Default severity.
    pub severity: Severity,
    /// One line saying what the rule checks.
    pub summary: Localized,
    /// Why the rule exists, for `explain`.
    pub rationale: Option<Localized>,
    /// The headline of a finding; may use the kind's `{placeholders}`.
    pub message: Localized,
    /// What to do about a finding.
    pub help: Localized,
    /// The policy clause the rule comes from.
    pub policy: PolicyRef,
    /// A passing and a failing example.
    pub examples: Examples,
    /// `section`: the area's name.
    #[schemars(with = "Option<Localized>")]
    pub area: Option<Spanned<Localized>>,
    /// `section`: the heading to suggest (default: the area's Swedish name).
    #[schemars(with = "Option<String>")]
    pub heading: Option<Spanned<String>>,
    /// `section`, `forbid`: terms that match.
    #[schemars(with = "Option<Vec<String>>")]
    pub terms: SpannedList<Spanned<String>>,
    /// `section`: terms that look like a match but are not (e.g. `särskilt boende`).
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: SpannedList<Spanned<String>>,
    /// `section`: terms that, anywhere in a heading, mean it is about something else.
    #[schemars(with = "Option<Vec<String>>")]
    pub not_with: SpannedList<Spanned<String>>,
    /// `forbid`: regular expressions that match.
    #[schemars(with = "Option<Vec<String>>")]
    pub patterns: SpannedList<Spanned<String>>,
    /// `mention`, `elements`: codes of `section` rules whose sections are searched.
    #[schemars(with = "Option<Vec<String>>")]
    pub within: SpannedList<Spanned<String>>,
    /// `mention`, `elements`: groups of terms.
    #[schemars(with = "Option<Vec<GroupDef>>")]
    pub groups: SpannedList<GroupDef>,
    /// `mention`: `all` groups (default) or `any` group must occur.
    #[schemars(with = "Option<String>")]
    pub require: Option<Spanned<String>>,
    /// `metadata`: required front-matter fields.
    #[schemars(with = "Option<Vec<FieldDef>>")]
    pub fields: SpannedList<FieldDef>,
}

impl RuleDef {
    /// The kind-specific keys that are present, with their spans.
    pub fn present_keys(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut keys = Vec::new();
        let mut add = |name, span: Option<Range<usize>>| {
            if let Some(span) = span {
                keys.push((name, span));
            }
        };
        add("area", self.area.as_ref().map(Spanned::span));
        add("heading", self.heading.as_ref().map(Spanned::span));
        add("terms", self.terms.as_ref().map(Spanned::span));
        add("exclude", self.exclude.as_ref().map(Spanned::span));
        add("not_with", self.not_with.as_ref().map(Spanned::span));
        add("patterns", self.patterns.as_ref().map(Spanned::span));
        add("within", self.within.as_ref().map(Spanned::span));
        add("groups", self.groups.as_ref().map(Spanned::span));
        add("require", self.require.as_ref().map(Spanned::span));
        add("fields", self.fields.as_ref().map(Spanned::span));
        keys
    }
}

/// A pack as loaded: its header, its rules and its text.
#[derive(Debug, Clone)]
pub struct PackDef {
    /// The header.
    pub header: PackHeader,
    /// The rules in file order.
    pub rules: Vec<RuleDef>,
    /// Path shown in messages (`<built-in>/…` for the embedded pack).
    pub path: String,
    /// The TOML text, kept so later errors can point into it.
    pub text: String,
}
