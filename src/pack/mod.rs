//! Rule packs: the TOML format, loading it with spans, and validating it.
//!
//! A pack is one TOML file: a `[pack]` header and `[[rule]]` entries (the format is documented
//! in the README, in [`RuleDef`] for the keys every rule has, and in each kind's params struct in
//! `checks` for the rest). Loading keeps every span so that a mistake is reported
//! rustc-style with a label on the offending bytes of the pack. This module turns TOML into
//! data; turning rules into checks is `engine`'s job.

mod error;
mod load;
mod params;
mod unquoted;

use serde::Deserialize;
use toml::Spanned;

pub(crate) use error::{FileKind, PackError};
pub(crate) use load::{builtin, digest, load, parse, read_text, toml_error, BUILTIN_PATH};
pub(crate) use params::RawParams;

use crate::diagnostic::Severity;
use crate::i18n::Localized;

/// Where a pack to load comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in integration-policy pack.
    Builtin,
    /// A pack file.
    File(std::path::PathBuf),
}

/// The `[pack]` header.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Short id, e.g. `integrationspolicy`.
    pub id: String,
    /// Readable name of the pack.
    pub name: String,
    /// The pack's version, e.g. `2026.1`: what a report names so a printed report can be traced
    /// to the rules it judged by. Without it a report names the pack by a digest of its bytes.
    #[schemars(with = "Option<String>")]
    pub version: Option<Spanned<String>>,
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
    /// Terms that mark unfinished text (`todo`, `xxx`). No rule reads a placeholder, nor the rest
    /// of a sentence it opens (`TODO: kontrollera antalet.`): it is neither substance nor a
    /// mention; the rest of its paragraph is the plan's text.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub placeholders: Vec<Spanned<String>>,
    /// Words of ordinary language that stand for missing text only where they open their
    /// sentence or clause (`Fylls i senare.`, `Ansvarig: fylls i`, `(fylls i)`), not as the verb
    /// of a sentence that has its own subject (`Blanketten fylls i av vårdnadshavaren.`). Once
    /// found, they are placeholders like the others.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub placeholder_phrases: Vec<Spanned<String>>,
    /// Terms that mark a whole paragraph as filler text (`lorem ipsum`): none of it is
    /// substance. Reported like placeholders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub fillers: Vec<Spanned<String>>,
    /// Regular expressions that mark unfinished text (e.g. `\[[^\]]+\]`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub placeholder_patterns: Vec<Spanned<String>>,
    /// Headings under which missing area sections belong (e.g. `prioriterade områden`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub anchors: Vec<Spanned<String>>,
    /// Words for a planning document (`handlingsplan`, `strategi`, and `*plan` for compounds
    /// that end in one): the plan's title names an area when it says the plan is about it,
    /// as `Handlingsplan för bostäder` and `Folkhälsoprogram 2027` do, not when the area word
    /// names the department (`Verksamhetsplan 2027 – Arbetsmarknadsenheten`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub documents: Vec<Spanned<String>>,
    /// Words for a department or a unit (`*enhet`, `*nämnd`, `unit`): an area word in the
    /// plan's title that is part of a unit's name (`Arbetsmarknadsenheten`, `Employment Unit`)
    /// names whose plan it is, not what it is about.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub owners: Vec<Spanned<String>>,
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

/// One `[[rule]]` entry as written: the keys every rule has. The keys of its kind are split off
/// when the pack is parsed, and the kind reads them when the rule is compiled.
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
    /// A short title for people, e.g. `Hänvisning till policyn`: the rule's column heading in
    /// the board's report. Without it, an area rule is headed by its area and other rules by
    /// `name`.
    pub title: Option<Localized>,
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
}

/// A pack as loaded: its header, its rules and its text.
#[derive(Debug, Clone)]
pub struct PackDef {
    /// The header.
    pub header: PackHeader,
    /// Whether it is the built-in pack (embedded in the binary) rather than a file.
    pub builtin: bool,
    /// The rules in file order.
    pub rules: Vec<RuleDef>,
    /// Path shown in messages (`<built-in>/…` for the embedded pack).
    pub path: String,
    /// The TOML text, kept so later errors can point into it and so that compiling can read
    /// each rule's kind-specific keys from it (see [`PackDef::params`]).
    pub text: String,
}
