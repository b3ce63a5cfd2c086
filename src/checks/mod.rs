//! Checks: the code behind each rule kind, one module per kind, and the registry that maps a
//! rule's `kind` to its module.
//!
//! A check is compiled once per run from its [`RuleDef`] and its kind's own keys, which each kind
//! declares as a params struct next to its check (`SectionParams`, …) and deserializes from the
//! rule's [`RawParams`]. Adding a kind is one module here and one row in [`KINDS`]. Checks read
//! the [`Document`] and the area coverage the engine computed; they never touch the file system
//! or print. What of the plan's text a rule reads is decided in one place for every kind: the
//! blocks by [`Cx::scope`], and within them what the placeholders leave ([`Cx::reads`], by
//! [`drafts`]).

pub(crate) mod area;
mod compile;
pub(crate) mod drafts;
mod elements;
mod forbid;
mod hints;
mod mention;
mod metadata;
pub(crate) mod place;
mod section;
pub(crate) mod schema;
mod sentences;
mod title;

use std::ops::Range;

pub(crate) use area::{AreaMatcher, Areas};
pub(crate) use compile::Compile;
pub(crate) use drafts::Drafts;
pub(crate) use forbid::Forbidden;
pub(crate) use title::Documents;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::document::{Block, BlockKind, Document, SectionId};
use crate::i18n::{Lang, Localized};
use crate::matching::{Summary, TermSet};
use crate::pack::{PackError, PackHeader, RawParams, RuleDef};
use crate::source::FileId;

/// The code behind one rule.
pub(crate) trait Check: Send + Sync + std::fmt::Debug {
    /// For `section` rules: what names the rule's area.
    fn area(&self) -> Option<&AreaMatcher> {
        None
    }

    /// For rules with `groups`: the groups, whose labels fill `{missing}` in `explain`.
    fn groups(&self) -> &[Group] {
        &[]
    }

    /// For rules with `within`: the indices of the `section` rules whose sections the rule
    /// judges. When the plan covers none of those areas the rule has nothing to judge.
    fn within(&self) -> &[usize] {
        &[]
    }

    /// The `{placeholders}` this kind fills in its rules' texts, with the values they take in
    /// `explain` and the rule help (a typical finding's); the ones every kind shares (`{min}`,
    /// `{section}`, …) are the docs' own.
    fn doc_placeholders(&self, _lang: Lang) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Checks one document and appends findings.
    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>);
}

/// `{missing}` for a rule with `groups`: every group's label, as a finding names the missing ones.
pub(crate) fn groups_placeholder(groups: &[Group], lang: Lang) -> (&'static str, String) {
    let labels: Vec<String> = groups.iter().map(|g| quoted(g.label.get(lang))).collect();
    ("missing", labels.join(", "))
}

/// Pack-wide settings compiled once: what a placeholder is, where missing sections belong.
#[derive(Debug)]
pub struct PackSettings {
    /// The pack's header.
    pub header: PackHeader,
    /// Words a section needs to count as substantive.
    pub min_words: usize,
    /// Placeholder terms and patterns.
    pub placeholders: Forbidden,
    /// Headings under which a missing section belongs.
    pub anchors: TermSet,
    /// What makes the plan's title say that the plan is about an area.
    pub documents: Documents,
}

/// Everything a check may look at while checking one document.
pub(crate) struct Cx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The document's text.
    pub text: &'a str,
    /// Its id, for diagnostics.
    pub file: FileId,
    /// Language of messages.
    pub lang: Lang,
    /// The rule being run and its index.
    pub rule: &'a RuleDef,
    /// Index of the rule in the rule set.
    pub rule_index: usize,
    /// The rule's default severity (the verdict sets the final one).
    pub severity: Severity,
    /// The policy note of the rule's findings, in `lang` (see [`policy_note`]).
    pub note: &'a std::sync::Arc<str>,
    /// The rule's help in `lang`, when it has nothing to fill: shared by its findings.
    pub help: Option<&'a std::sync::Arc<str>>,
    /// The rule's pack.
    pub pack: &'a PackSettings,
    /// Which sections cover which area.
    pub areas: &'a Areas,
    /// What the placeholders of the rule's pack take out of the plan.
    pub drafts: &'a Drafts,
}

impl Cx<'_> {
    /// A finding of this rule at `span`, with its message, help and policy note filled in.
    pub(crate) fn diagnostic(
        &self,
        span: Range<usize>,
        label: String,
        vars: &[(&str, &str)],
    ) -> Diagnostic {
        Diagnostic::new(
            self.rule.code.get_ref().clone(),
            self.rule.name.get_ref().clone(),
            self.severity,
            self.rule.message.fill(self.lang, vars),
            self.file,
            Label::new(span, label),
        )
        .with_help(match self.help {
            Some(help) => std::sync::Arc::clone(help),
            None => self.rule.help.fill(self.lang, vars).into(),
        })
        .with_notes(vec![std::sync::Arc::clone(self.note)])
    }

    /// Where something missing from the whole plan belongs: the first anchor heading
    /// (e.g. "Prioriterade områden"), else the title, else the start of the body.
    pub(crate) fn anchor(&self) -> Range<usize> {
        let anchored = self
            .doc
            .sections
            .iter()
            .find(|s| self.pack.anchors.any(&s.title_words))
            .or_else(|| self.doc.title().map(|t| &self.doc.sections[t]));
        match anchored {
            Some(s) => s.heading_span.clone(),
            None => self.start(),
        }
    }

    /// The first line of the plan's body (after a BOM and any front matter).
    pub(crate) fn start(&self) -> Range<usize> {
        self.doc.body_start..first_line_end(self.text, self.doc.body_start)
    }

    /// The plan's own text (no quotes) in the sections covering any of `rules`, or in the
    /// whole plan when `rules` is empty.
    pub(crate) fn scope(&self, rules: &[usize]) -> Scope<'_> {
        if rules.is_empty() {
            return Scope {
                parts: vec![&self.doc.blocks],
                summary: self.doc.summary.clone(),
            };
        }
        let mut sections: Vec<SectionId> =
            rules.iter().flat_map(|&r| self.areas.covered(r)).collect();
        sections.sort_unstable();
        sections.dedup();
        // A covered section inside another covered one is already in its parent's blocks.
        let parts = self
            .doc
            .outermost(&sections)
            .iter()
            .map(|&s| self.doc.blocks_in(s))
            .collect();
        Scope::of(parts, self.doc.summary.table_number())
    }

    /// Whether a term of `set` occurs in what the placeholders leave of `block`: text a
    /// placeholder takes out is not there for any rule.
    pub(crate) fn reads(&self, block: &Block, set: &TermSet) -> bool {
        self.drafts.has(block, set)
    }

    /// The plan's own text (no quotes) in section `id`, subsections included.
    pub(crate) fn section_scope(&self, id: SectionId) -> Scope<'_> {
        Scope::of(
            vec![self.doc.blocks_in(id)],
            self.doc.summary.table_number(),
        )
    }
}

/// What of the plan a rule reads: runs of blocks, of which it reads those that are not quoted,
/// and what their words can match, together.
pub(crate) struct Scope<'a> {
    parts: Vec<&'a [Block]>,
    summary: Summary,
}

impl<'a> Scope<'a> {
    /// The scope of `parts`, whose words are classified against the table numbered `table`:
    /// its summary is joined from their blocks' once, for every group a rule asks about.
    fn of(parts: Vec<&'a [Block]>, table: u64) -> Scope<'a> {
        let mut summary = Summary::empty(table);
        let own = parts.iter().flat_map(|p| p.iter());
        for b in own.filter(|b| b.kind != BlockKind::Quoted) {
            summary.join(&b.summary);
        }
        Scope { parts, summary }
    }

    /// The blocks read, in order.
    pub(crate) fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.parts
            .iter()
            .flat_map(|p| p.iter())
            .filter(|b| b.kind != BlockKind::Quoted)
    }

    /// Whether a term of `set` occurs in what the placeholders leave of the scope. The
    /// scope's summary rules out nearly every set that is missing without a look at a block.
    pub(crate) fn reads(&self, cx: &Cx<'_>, set: &TermSet) -> bool {
        set.may_occur(&self.summary) && self.blocks().any(|b| cx.reads(b, set))
    }
}

/// The note a rule's findings carry: which clause of which policy the rule comes from, quoted.
/// Worked out once per rule, not once per finding.
pub(crate) fn policy_note(header: &PackHeader, rule: &RuleDef) -> Localized {
    let cited = rule.policy.cited(header);
    Localized {
        sv: format!("policyn: {cited}"),
        en: format!("policy: {cited}"),
    }
}

fn first_line_end(text: &str, from: usize) -> usize {
    let rest = &text[from.min(text.len())..];
    from + rest.find(['\n', '\r']).unwrap_or(rest.len())
}

/// A named group of terms of which at least one must occur, as written (a `groups` entry of
/// `mention` and `elements` rules).
#[derive(Debug, Clone, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// What the group stands for, shown when it is missing.
    pub label: Localized,
    /// The terms (see the README for the pattern syntax).
    #[schemars(with = "Vec<String>")]
    pub terms: Vec<toml::Spanned<String>>,
}

/// A named group of terms (a `groups` entry), compiled.
#[derive(Debug)]
pub struct Group {
    /// What the group stands for.
    pub label: Localized,
    /// Its terms.
    pub terms: TermSet,
}

/// Labels of the groups none of whose terms occur in what the placeholders leave of `scope`,
/// as "`a`, `b`".
pub(crate) fn missing_groups(cx: &Cx<'_>, groups: &[Group], scope: &Scope<'_>) -> Vec<String> {
    groups
        .iter()
        .filter(|g| !scope.reads(cx, &g.terms))
        .map(|g| quoted(g.label.get(cx.lang)))
        .collect()
}

/// `text` between backticks, as a finding names a group or field. Put together by hand: it is
/// made for every missing group of every plan, and `format!` took several times as long.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('`');
    out.push_str(text);
    out.push('`');
    out
}

/// `lead`, a space and `rest`: a finding's label (`avsnittet saknar `mål``), put together by
/// hand for the same reason as [`quoted`].
pub(crate) fn label(lead: &str, rest: &str) -> String {
    let mut out = String::with_capacity(lead.len() + 1 + rest.len());
    out.push_str(lead);
    out.push(' ');
    out.push_str(rest);
    out
}

/// Compiles one rule of a kind, with its kind's keys, into its check.
pub(crate) type CompileFn =
    fn(&RuleDef, RawParams<'_>, &Compile<'_>) -> Result<Box<dyn Check>, PackError>;

/// Ties a kind name to its keys and to the function that compiles a rule of that kind.
pub(crate) struct KindEntry {
    /// The `kind` value in the pack.
    pub name: &'static str,
    /// The kind's own keys: the fields of its params struct (a test checks they agree).
    pub keys: &'static [&'static str],
    /// Whether a rule of this kind judges an area (other rules may name it in `within`).
    pub judges_area: bool,
    /// The JSON Schema of the kind's params struct, for `planlint schema pack`.
    pub schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
    /// Compiles one rule.
    pub compile: CompileFn,
}

/// The registry: every rule kind planlint knows. The order of the keys over all rows is the
/// order in which a key on the wrong kind is looked for and misspelt keys are matched.
pub(crate) const KINDS: &[KindEntry] = &[
    KindEntry {
        name: "section",
        keys: section::KEYS,
        judges_area: true,
        schema: <section::SectionParams as schemars::JsonSchema>::json_schema,
        compile: section::compile,
    },
    KindEntry {
        name: "forbid",
        keys: forbid::KEYS,
        judges_area: false,
        schema: <forbid::ForbidParams as schemars::JsonSchema>::json_schema,
        compile: forbid::compile,
    },
    KindEntry {
        name: "mention",
        keys: mention::KEYS,
        judges_area: false,
        schema: <mention::MentionParams as schemars::JsonSchema>::json_schema,
        compile: mention::compile,
    },
    KindEntry {
        name: "metadata",
        keys: metadata::KEYS,
        judges_area: false,
        schema: <metadata::MetadataParams as schemars::JsonSchema>::json_schema,
        compile: metadata::compile,
    },
    KindEntry {
        name: "elements",
        keys: elements::KEYS,
        judges_area: false,
        schema: <elements::ElementsParams as schemars::JsonSchema>::json_schema,
        compile: elements::compile,
    },
];

/// Whether rules of kind `name` judge an area (see [`KindEntry::judges_area`]).
pub(crate) fn judges_area(name: &str) -> bool {
    KINDS.iter().any(|k| k.name == name && k.judges_area)
}

/// Every key some kind takes, each once, in registry order.
pub(crate) fn kind_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for &key in KINDS.iter().flat_map(|k| k.keys) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::{kind_keys, KINDS};

    fn properties(schema: &schemars::Schema) -> Vec<String> {
        let mut keys: Vec<String> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .expect("an object schema")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn each_kind_lists_exactly_the_fields_of_its_params() {
        for kind in KINDS {
            let schema = (kind.schema)(&mut schemars::SchemaGenerator::default());
            let mut keys: Vec<String> = kind.keys.iter().map(|&k| k.to_owned()).collect();
            keys.sort();
            assert_eq!(properties(&schema), keys, "{}", kind.name);
        }
    }

    #[test]
    fn no_kind_key_is_a_common_key() {
        let schema = schemars::schema_for!(crate::pack::RuleDef);
        let common = properties(&schema);
        for key in kind_keys() {
            assert!(!common.iter().any(|c| c == key), "{key}");
        }
    }
}
