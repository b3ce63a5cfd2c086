//! The engine: compiles packs into a rule set once, then checks documents with it.
//!
//! Per document, area coverage is worked out first (every `section` rule, enabled or not, since
//! other rules read it), then every enabled rule runs, and the findings are sorted so that output
//! never depends on thread scheduling.

use std::fmt::Write as _;

use crate::checks::{self, area, Check, Compile, Forbidden, Group, PackSettings};
use crate::diagnostic::{Diagnostic, FileId, Severity};
use crate::document::Document;
use crate::matching::TermSet;
use crate::pack::{
    did_you_mean, fill_pair, Lang, Localized, PackDef, PackError, RawParams, RuleDef,
};

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// The rule as written.
    pub def: RuleDef,
    /// Index of its pack in [`RuleSet::packs`].
    pub pack: usize,
    /// Severity after overrides.
    pub severity: Severity,
    /// Whether findings of this rule are reported.
    pub enabled: bool,
    /// The note every finding carries: the policy clause the rule comes from.
    pub note: Localized,
    check: Box<dyn Check>,
}

impl Rule {
    /// The rule's code.
    pub fn code(&self) -> &str {
        self.def.code.get_ref()
    }

    /// Rules (by index) whose coverage this rule reads.
    pub fn depends_on(&self) -> &[usize] {
        self.check.depends_on()
    }

    /// For a `section` rule: what names its area (the area's name, the heading to suggest).
    pub fn area(&self) -> Option<&area::AreaMatcher> {
        self.check.area()
    }

    /// For rules with `groups`: the groups.
    pub fn groups(&self) -> &[Group] {
        self.check.groups()
    }
}

/// Every rule of a run, compiled.
#[derive(Debug)]
pub struct RuleSet {
    /// Pack-wide settings, by pack index.
    pub packs: Vec<PackSettings>,
    /// Path of each pack, by pack index.
    pub pack_paths: Vec<String>,
    /// All rules, packs in load order, rules in file order.
    pub rules: Vec<Rule>,
}

impl RuleSet {
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
                codes.push((code.clone(), rule.kind.get_ref() == "section"));
            }
        }
        let mut set = RuleSet {
            packs: Vec::new(),
            pack_paths: Vec::new(),
            rules: Vec::new(),
        };
        for (pack, def) in defs.into_iter().enumerate() {
            let cx = Compile {
                path: &def.path,
                text: &def.text,
                codes: &codes,
            };
            let header = &def.header;
            let placeholders =
                Forbidden::compile(&cx, &header.placeholders, &header.placeholder_patterns)?;
            let anchors: TermSet = cx.terms(&header.anchors)?;
            let mut params = def.params()?.into_iter();
            for rule in &def.rules {
                // A `PackDef` made by `pack::parse` has params for every rule; one put together
                // otherwise gets none rather than losing rules.
                let check = compile_rule(rule, params.next().unwrap_or_default(), &cx)?;
                set.rules.push(Rule {
                    def: rule.clone(),
                    pack,
                    severity: rule.severity,
                    enabled: true,
                    note: checks::policy_note(header, rule),
                    check,
                });
            }
            set.packs.push(PackSettings {
                header: def.header.clone(),
                min_words: def.header.min_words,
                placeholders,
                anchors,
            });
            set.pack_paths.push(def.path.clone());
        }
        Ok(set)
    }

    /// The rule table in Markdown (code, name, severity, kind, what it checks), as in the README.
    pub fn markdown_table(&self) -> String {
        let mut out =
            String::from("| code | name | severity | kind | checks |\n|---|---|---|---|---|\n");
        for r in &self.rules {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                r.code(),
                r.def.name.get_ref(),
                r.severity.as_str(),
                r.def.kind.get_ref(),
                r.def.summary.en
            );
        }
        out
    }

    /// The rule with `code`, if any.
    pub fn find(&self, code: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.code().eq_ignore_ascii_case(code))
    }

    /// Reports only the rules with these codes (case-insensitive).
    pub fn select(&mut self, codes: &[&str]) {
        for rule in &mut self.rules {
            rule.enabled = codes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(rule.def.code.get_ref()));
        }
    }

    /// Checks one parsed document and returns its findings, sorted.
    pub fn check(&self, doc: &Document, text: &str, file: FileId, lang: Lang) -> Vec<Diagnostic> {
        self.check_only(doc, text, file, lang, |i| self.rules[i].enabled)
    }

    /// Like [`RuleSet::check`], running only the rules (by index) that `run` accepts.
    fn check_only(
        &self,
        doc: &Document,
        text: &str,
        file: FileId,
        lang: Lang,
        run: impl Fn(usize) -> bool,
    ) -> Vec<Diagnostic> {
        let areas = self.areas(doc, text);
        let mut out = Vec::new();
        for (rule_index, rule) in self.rules.iter().enumerate().filter(|(i, _)| run(*i)) {
            let cx = checks::Cx {
                doc,
                text,
                file,
                lang,
                rule: &rule.def,
                rule_index,
                severity: rule.severity,
                note: rule.note.get(lang),
                pack: &self.packs[rule.pack],
                areas: &areas,
            };
            rule.check.run(&cx, &mut out);
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
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
                let doc = Document::parse(example);
                let codes: Vec<String> = self
                    .check_only(&doc, example, 0, Lang::Sv, |j| j == i)
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

    /// Area coverage of `doc`, as `outline` shows it.
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
        area::coverage(doc, text, &area_rules)
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
