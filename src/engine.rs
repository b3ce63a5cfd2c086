//! The engine: loads and compiles packs into a rule set once, then checks plans with it.
//!
//! Compiled once and immutable afterwards; it never reads plans or writes output. Per plan, area coverage is worked out first (every
//! `section` rule, running or not, since other rules read it), then every rule the verdict lets
//! run. Findings carry the rule's default severity; what happens to them next (severity,
//! waivers) is `verdict`'s business, and sorting is the run's.

use rustc_hash::FxHashMap;

use crate::checks::{self, area, Check, Compile, Forbidden, Group, PackSettings};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::i18n::{fill_pair, Lang, Localized};
use crate::matching::{Patterns, PatternsBuilder, TermSet};
use crate::pack::{self, PackDef, PackError, RawParams, RuleDef};
use crate::source::FileId;
use crate::suggest::did_you_mean;

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// The rule as written.
    pub def: RuleDef,
    /// Index of its pack in [`RuleSet::packs`].
    pub pack: usize,
    /// The note every finding carries: the policy clause the rule comes from.
    pub note: Localized,
    /// The note as findings carry it, Swedish and English: shared, not copied per finding.
    shared_note: [std::sync::Arc<str>; 2],
    /// The help in Swedish and English when it has no `{placeholder}` to fill, shared in the
    /// same way.
    shared_help: [Option<std::sync::Arc<str>>; 2],
    /// For a rule `within` one area: that area's heading, which its documentation names where
    /// a finding names the section (`beskriv under `Folkhälsa` …`).
    pub(crate) within_heading: Option<String>,
    check: Box<dyn Check>,
}

impl Rule {
    /// The rule's code.
    pub fn code(&self) -> &str {
        self.def.code.get_ref()
    }

    /// For a `section` rule: what names its area (the area's name, the heading to suggest).
    pub fn area(&self) -> Option<&area::AreaMatcher> {
        self.check.area()
    }

    /// For rules with `groups`: the groups.
    pub fn groups(&self) -> &[Group] {
        self.check.groups()
    }

    /// The `{placeholders}` the rule's kind fills in its texts, for its documentation.
    pub(crate) fn doc_placeholders(&self, lang: Lang) -> Vec<(&'static str, String)> {
        self.check.doc_placeholders(lang)
    }

    /// For rules with `within`: the indices of the area rules whose sections it judges.
    pub fn within(&self) -> &[usize] {
        self.check.within()
    }

    /// A short heading for people: the rule's `title`, else its area's name, else its `name`.
    pub fn title(&self, lang: Lang) -> &str {
        match (&self.def.title, self.area()) {
            (Some(title), _) => title.get(lang),
            (None, Some(a)) => a.area.get(lang),
            (None, None) => self.def.name.get_ref(),
        }
    }
}

/// Parses pack text as [`pack::parse`] does, with the rule kinds' keys.
pub fn parse_pack(path: &str, text: &str) -> Result<PackDef, PackError> {
    pack::parse(path, text, &checks::kind_keys())
}

/// Reads and parses the pack at `path`, with the rule kinds' keys.
pub fn load_pack(path: &std::path::Path) -> Result<PackDef, PackError> {
    pack::load(path, &checks::kind_keys())
}

/// The built-in pack, parsed with the rule kinds' keys.
pub fn builtin_pack() -> Result<PackDef, PackError> {
    pack::builtin(&checks::kind_keys())
}

/// What a pack was read from, beyond its path: what names it in a report, so a printed report
/// can be traced to the rules it judged by.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// The built-in pack, embedded in the binary.
    pub builtin: bool,
    /// The pack's bytes, kept for [`PackFile::digest`].
    text: std::sync::Arc<str>,
    /// Their digest, worked out the first time it is asked for: `check` never asks, and
    /// hashing the built-in pack was a tenth of the time a run takes to start.
    digest: std::sync::OnceLock<String>,
}

impl PackFile {
    /// `sha256:` and 12 hex digits of the pack's bytes.
    pub fn digest(&self) -> &str {
        self.digest.get_or_init(|| pack::digest(&self.text))
    }
}

/// Every rule of a run, compiled.
#[derive(Debug)]
pub struct RuleSet {
    /// Pack-wide settings, by pack index.
    pub packs: Vec<PackSettings>,
    /// Path of each pack, by pack index.
    pub pack_paths: Vec<String>,
    /// Whether each pack is the built-in one, and the digest of its bytes, by pack index.
    pub pack_files: Vec<PackFile>,
    /// All rules, packs in load order, rules in file order.
    pub rules: Vec<Rule>,
    /// Index of each rule by its code as written.
    by_code: FxHashMap<String, usize>,
    /// The word patterns of every term of the rule set, by id.
    patterns: Patterns,
}

impl RuleSet {
    /// Loads the packs `sources` (see `config::packs`) and compiles them: the one way rules
    /// are loaded, by the binary, the tests and the fuzz targets alike.
    pub fn load(sources: &[pack::Source]) -> Result<RuleSet, PackError> {
        let defs = sources
            .iter()
            .map(|s| match s {
                pack::Source::Builtin => builtin_pack(),
                pack::Source::File(path) => load_pack(path),
            })
            .collect::<Result<Vec<_>, _>>()?;
        RuleSet::compile(defs)
    }

    /// The built-in pack alone, compiled: the rules of a run without a config.
    pub fn builtin() -> Result<RuleSet, PackError> {
        RuleSet::load(&[pack::Source::Builtin])
    }

    /// Every rule's code, in load order, and whether the rule judges an area: what a config
    /// may name (see `config::Settings::new`).
    pub fn known_codes(&self) -> Vec<(&str, bool)> {
        self.rules
            .iter()
            .map(|r| (r.code(), r.area().is_some()))
            .collect()
    }

    /// Compiles packs. Codes must be unique across all packs.
    pub fn compile(defs: Vec<PackDef>) -> Result<RuleSet, PackError> {
        let mut codes: Vec<(String, bool)> = Vec::new();
        for def in &defs {
            for rule in &def.rules {
                let code = rule.code.get_ref();
                if codes.iter().any(|(c, _)| c == code) {
                    return Err(PackError::at(
                        &def.path,
                        &def.text,
                        rule.code.span(),
                        fill_pair(
                            "regelkoden `{why}` finns redan i ett annat paket",
                            "rule code `{why}` is already defined by another pack",
                            code,
                        ),
                        fill_pair("dubblett", "duplicate", ""),
                    ));
                }
                codes.push((code.clone(), checks::judges_area(rule.kind.get_ref())));
            }
        }
        let mut set = RuleSet {
            packs: Vec::new(),
            pack_paths: Vec::new(),
            pack_files: Vec::new(),
            rules: Vec::new(),
            by_code: FxHashMap::default(),
            patterns: Patterns::default(),
        };
        let patterns = PatternsBuilder::new();
        for (pack, def) in defs.into_iter().enumerate() {
            let cx = Compile {
                path: &def.path,
                text: &def.text,
                codes: &codes,
                patterns: &patterns,
            };
            let header = &def.header;
            let placeholders =
                Forbidden::compile(&cx, &header.placeholders, &header.placeholder_patterns)?
                    .with_fillers(cx.terms(&header.fillers)?)
                    .with_phrases(cx.terms(&header.placeholder_phrases)?);
            let anchors: TermSet = cx.terms(&header.anchors)?;
            let documents = checks::Documents::compile(&cx, &header.documents, &header.owners)?;
            let mut params = def.params(&checks::kind_keys())?.into_iter();
            for rule in &def.rules {
                // A `PackDef` made by `pack::parse` has params for every rule; one put together
                // otherwise gets none rather than losing rules.
                let check = compile_rule(rule, params.next().unwrap_or_default(), &cx)?;
                set.by_code
                    .insert(rule.code.get_ref().clone(), set.rules.len());
                let note = checks::policy_note(header, rule);
                set.rules.push(Rule {
                    def: rule.clone(),
                    pack,
                    shared_note: [note.sv.as_str().into(), note.en.as_str().into()],
                    shared_help: [&rule.help.sv, &rule.help.en]
                        .map(|h| (!h.contains('{')).then(|| h.as_str().into())),
                    note,
                    within_heading: None,
                    check,
                });
            }
            set.packs.push(PackSettings {
                header: def.header.clone(),
                min_words: def.header.min_words,
                placeholders,
                anchors,
                documents,
            });
            set.pack_paths.push(def.path.clone());
            set.pack_files.push(PackFile {
                builtin: def.builtin,
                text: def.text.as_str().into(),
                digest: std::sync::OnceLock::new(),
            });
        }
        set.patterns = patterns.finish();
        for i in 0..set.rules.len() {
            let heading = match set.rules[i].within() {
                [one] => set
                    .rules
                    .get(*one)
                    .and_then(Rule::area)
                    .map(|a| a.heading.clone()),
                _ => None,
            };
            set.rules[i].within_heading = heading;
        }
        Ok(set)
    }

    /// The rule set's word patterns: what a plan's words are classified against when it is
    /// parsed for this rule set (see [`Document::parse`]).
    pub fn patterns(&self) -> &Patterns {
        &self.patterns
    }

    /// The rule with `code`, if any.
    pub fn find(&self, code: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.code().eq_ignore_ascii_case(code))
    }

    /// The index of the rule with `code` (any letter case), if any.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.rules
            .iter()
            .position(|r| r.code().eq_ignore_ascii_case(code))
    }

    /// The index of the rule with exactly `code`, as findings carry it.
    pub fn index(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Checks one parsed plan, running only the rules (by index) that `runs` accepts, and
    /// returns their findings in rule order, each with its rule's default severity.
    pub fn check_plan(
        &self,
        doc: &Document,
        text: &str,
        file: FileId,
        lang: Lang,
        runs: impl Fn(usize) -> bool,
    ) -> Vec<Diagnostic> {
        self.check_plan_areas(doc, text, file, lang, runs).0
    }

    /// [`RuleSet::check_plan`], and which sections cover each `section` rule's area (running
    /// or not), so that a report can tell a rule that had nothing to judge from one that was
    /// met and an editor can say what each heading counts for.
    pub fn check_plan_areas(
        &self,
        doc: &Document,
        text: &str,
        file: FileId,
        lang: Lang,
        runs: impl Fn(usize) -> bool,
    ) -> (Vec<Diagnostic>, area::Areas) {
        let areas = self.areas(doc, text);
        let mut out = Vec::new();
        for (rule_index, rule) in self.rules.iter().enumerate().filter(|(i, _)| runs(*i)) {
            let cx = checks::Cx {
                doc,
                text,
                file,
                lang,
                rule: &rule.def,
                rule_index,
                severity: rule.def.severity,
                note: &rule.shared_note[usize::from(lang == Lang::En)],
                help: rule.shared_help[usize::from(lang == Lang::En)].as_ref(),
                pack: &self.packs[rule.pack],
                areas: &areas,
                drafts: areas.drafts(rule.pack),
            };
            rule.check.run(&cx, &mut out);
        }
        (out, areas)
    }

    /// Runs every rule's examples (of pack `pack`, or of all packs) with only that rule: the
    /// failing example must fire that rule and nothing else, the passing one nothing.
    pub fn test_examples(&self, pack: Option<usize>) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (i, rule) in self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| pack.is_none_or(|p| r.pack == p))
        {
            for (passing, example) in [
                (true, &rule.def.examples.pass),
                (false, &rule.def.examples.fail),
            ] {
                // A rule's example is a plan of its own, checked by this rule alone.
                #[allow(clippy::disallowed_methods)]
                let doc = Document::parse(example, &self.patterns);
                let codes: Vec<String> = self
                    .check_plan(&doc, example, 0, Lang::Sv, |j| j == i)
                    .into_iter()
                    .map(|d| d.code)
                    .collect();
                let ok = if passing {
                    codes.is_empty()
                } else {
                    !codes.is_empty() && codes.iter().all(|c| c == rule.code())
                };
                if !ok {
                    failures.push(ExampleFailure {
                        code: rule.code().to_owned(),
                        passing,
                        fired: codes,
                    });
                }
            }
        }
        failures
    }

    /// Area coverage of `doc`, as `outline` shows it, with what each pack's placeholders take
    /// out of it (which every rule reads by).
    pub fn areas(&self, doc: &Document, text: &str) -> area::Areas {
        let area_rules: Vec<Option<area::AreaRule<'_>>> = self
            .rules
            .iter()
            .map(|r| {
                r.check.area().map(|matcher| area::AreaRule {
                    matcher,
                    pack: r.pack,
                    settings: &self.packs[r.pack],
                })
            })
            .collect();
        area::coverage(doc, text, &area_rules, &self.packs)
    }
}

/// A rule example that does not behave as its pack says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub code: String,
    /// Whether it was the passing example (which fired) or the failing one (which did not).
    pub passing: bool,
    /// The codes that fired.
    pub fired: Vec<String>,
}

impl ExampleFailure {
    /// One line for a policy author.
    pub fn describe(&self, lang: Lang) -> String {
        let fired = if self.fired.is_empty() {
            lang.pick("inget", "nothing").to_owned()
        } else {
            self.fired.join(", ")
        };
        if self.passing {
            format!(
                "{}: {} {fired}",
                self.code,
                lang.pick(
                    "det godkända exemplet (`examples.pass`) ger anmärkningar:",
                    "the passing example (`examples.pass`) fires:"
                )
            )
        } else {
            format!(
                "{}: {} {fired}",
                self.code,
                lang.pick(
                    "exemplet som ska ge fel (`examples.fail`) ger:",
                    "the failing example (`examples.fail`) fires:"
                )
            )
        }
    }
}

fn compile_rule(
    rule: &RuleDef,
    params: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let kind = rule.kind.get_ref();
    let Some(entry) = checks::KINDS.iter().find(|k| k.name == kind) else {
        let err = cx.error(
            rule.kind.span(),
            fill_pair("okänd regeltyp `{why}`", "unknown rule kind `{why}`", kind),
            fill_pair(
                "typerna är section, mention, forbid, metadata och elements",
                "the kinds are section, mention, forbid, metadata and elements",
                "",
            ),
        );
        return Err(err.with_suggestion(did_you_mean(kind, checks::KINDS.iter().map(|k| k.name))));
    };
    if let Some((key, span)) = checks::kind_keys()
        .into_iter()
        .filter(|k| !entry.keys.contains(k))
        .find_map(|k| Some((k, params.span(k)?)))
    {
        return Err(cx.error(
            span,
            fill_pair(
                &format!("nyckeln `{key}` används inte av regler av typen `{{why}}`"),
                &format!("the key `{key}` is not used by rules of kind `{{why}}`"),
                kind,
            ),
            fill_pair(
                "ta bort nyckeln eller byt typ",
                "remove the key or change the kind",
                "",
            ),
        ));
    }
    (entry.compile)(rule, params, cx)
}
