//! The verdict: everything that happens to a finding after a check emits it, in one place.
//!
//! * which rules run at all (`select`, `ignore`, `severity = off`), and each rule's severity
//!   (`[severity]`, then `[[override]]` for the plan's path);
//! * inline waivers in the plan (`inline`) and `[[waiver]]`s in the config (`ledger`),
//!   with their expiry, and the findings about waivers themselves (no reason, unknown code,
//!   unused, expired).
//!
//! A waived finding is kept, marked with where its waiver came from, and does not fail the run.
//! This module never reads files, never parses Markdown (it reads the document `run` parsed)
//! and never sorts or renders: that is `run`'s and `render`'s business.

mod estate;
mod inline;
mod ledger;
mod places;
mod policy;
mod roster;

use std::ops::Range;
use std::path::Path;

use crate::config::settings::PathOverride;
use crate::config::Settings;
use crate::diagnostic::{codes, Diagnostic, Label, Severity, Waived, WaiverOrigin};
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;
use crate::source::FileId;
use crate::source::SourceFile;

pub(crate) use ledger::{Ledger, WaiverUse};
pub use roster::{Absent, Seen};

/// The settings of a run turned into decisions about findings; built once per run.
#[derive(Debug)]
pub struct Verdict<'a> {
    rules: &'a RuleSet,
    settings: &'a Settings,
    /// Per rule: its severity after `[severity]`; `None` when it does not run.
    levels: Vec<Option<Severity>>,
    /// Per rule: the severity it is configured with, whether it runs or not.
    severities: Vec<Severity>,
    /// Today as `YYYY-MM-DD`, for waiver expiry.
    today: String,
    /// What each stage makes of each rule.
    stages: estate::StageLevels,
}

impl<'a> Verdict<'a> {
    /// Applies `select`, `ignore` and `[severity]` to every rule of `rules`.
    pub fn new(rules: &'a RuleSet, settings: &'a Settings) -> Self {
        let mut levels = Vec::with_capacity(rules.rules.len());
        let mut severities = Vec::with_capacity(rules.rules.len());
        for rule in &rules.rules {
            let code = rule.code();
            let selected = settings
                .select
                .value
                .as_ref()
                .is_none_or(|s| s.iter().any(|c| c == code));
            let mut runs = selected && !settings.ignore.value.iter().any(|c| c == code);
            let mut severity = rule.def.severity;
            if let Some(set) = settings.severity.iter().rev().find(|s| s.code == code) {
                match set.level.severity() {
                    Some(s) => severity = s,
                    None => runs = false,
                }
            }
            levels.push(runs.then_some(severity));
            severities.push(severity);
        }
        Verdict {
            rules,
            settings,
            levels,
            severities,
            today: settings.today.clone(),
            stages: estate::StageLevels::new(rules, settings),
        }
    }

    /// The rules this verdict judges.
    pub fn rules(&self) -> &'a RuleSet {
        self.rules
    }

    /// The settings it comes from.
    pub fn settings(&self) -> &'a Settings {
        self.settings
    }

    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.settings.lang.value
    }

    /// Whether rule `rule` (an index into the rule set) runs.
    pub fn runs(&self, rule: usize) -> bool {
        self.levels.get(rule).is_some_and(Option::is_some)
    }

    /// The severity rule `rule` is configured with (its default unless `[severity]` says
    /// otherwise), whether it runs or not.
    pub fn severity(&self, rule: usize) -> Severity {
        self.severities[rule]
    }

    /// Whether a rule with `code` (any letter case) runs.
    fn code_runs(&self, code: &str) -> bool {
        self.rules.position(code).is_some_and(|i| self.runs(i))
    }

    /// Judges the findings of one plan (file `file` of the run): sets each finding's severity for the plan's path (dropping
    /// those switched off there), applies the plan's inline waivers (`doc` is `None` for a
    /// file that could not be parsed) and the config's waivers, and adds findings about the
    /// inline waivers. Returns which config waivers the plan touched, for [`Ledger::record`].
    pub(crate) fn judge_plan(
        &self,
        doc: Option<&Document>,
        source: &mut SourceFile,
        file: FileId,
        found: &mut Vec<Diagnostic>,
    ) -> WaiverUse {
        let placed = self.place(doc, source, file);
        source.facts = placed.facts;
        let relative = (!self.settings.overrides.is_empty() || !self.settings.waivers.is_empty())
            .then(|| self.settings.relative(source.matched_path()));
        found.retain_mut(|d| {
            let Some(rule) = self.rules.index(&d.code) else {
                return true;
            };
            let staged = self.stages.rule_at(placed.stage, rule, self.levels[rule]);
            match self.severity_at(relative.as_deref(), &d.code, staged) {
                Some(severity) => {
                    if staged != self.levels[rule] && staged == Some(severity) {
                        let stage = placed
                            .stage
                            .map(|s| self.settings.stages.0[s].name.as_str());
                        d.notes.push(
                            estate::stage_note(stage, severity, self.levels[rule], self.lang())
                                .into(),
                        );
                    }
                    d.severity = severity;
                    true
                }
                None => false,
            }
        });
        found.extend(placed.found);
        if let Some(doc) = doc {
            let about = inline::apply(self, doc, source, file, found);
            found.extend(about);
        }
        ledger::apply(self, relative.as_deref(), found)
    }

    /// The severity of `code` at the plan's relative path after `[[override]]`s (`None`:
    /// off), given its severity after `[severity]`. The last matching override wins.
    fn severity_at(
        &self,
        relative: Option<&Path>,
        code: &str,
        severity: Option<Severity>,
    ) -> Option<Severity> {
        let (Some(severity), Some(relative)) = (severity, relative) else {
            return severity;
        };
        let mut result = Some(severity);
        for o in &self.settings.overrides {
            if let Some(level) = o.levels.get(code) {
                if o.set.is_match(relative) {
                    result = level.severity();
                }
            }
        }
        result
    }

    /// The `[[override]]` that switches rule `rule` off for the plan at `path` (its
    /// [`SourceFile::matched_path`]), if one does (the last matching override that names the
    /// rule decides).
    pub fn switched_off(&self, path: &Path, rule: usize) -> Option<&'a PathOverride> {
        self.levels.get(rule).copied().flatten()?;
        let code = self.rules.rules[rule].code();
        let relative = self.settings.relative(path);
        self.settings
            .overrides
            .iter()
            .rev()
            .find(|o| o.levels.contains_key(code) && o.set.is_match(&relative))
            .filter(|o| o.levels.get(code).is_some_and(|l| l.severity().is_none()))
    }

    /// A fresh record of which config waivers the plans of a run used.
    pub(crate) fn ledger(&self) -> Ledger {
        Ledger::new(self.settings.waivers.len())
    }
}

/// The waiver a finding gets from an inline comment at `source`.
fn inline_waiver(reason: &str, source: String) -> Waived {
    Waived {
        origin: WaiverOrigin::Inline,
        reason: reason.to_owned(),
        source,
        decided: None,
        expires: None,
    }
}

/// A finding of planlint's own about a waiver at `span` of file `file`.
pub(super) fn about_waiver(
    code: codes::Code,
    file: FileId,
    span: Range<usize>,
    message: String,
    label: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::own(code, message, file, Label::new(span, label)).with_help(help)
}
