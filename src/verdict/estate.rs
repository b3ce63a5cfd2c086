//! The estate's part of the verdict: which stage a plan is judged at and what that stage makes
//! of each rule's severity; the plan's nämnd, year and roster department. Which department on
//! the roster has no plan, once every plan of a run is in, is [`super::roster`]'s.
//!
//! A plan's stage is `--stage` when given, else its front matter's `status`, else none (the
//! packs' and `[severity]`'s own levels). Each `[stage.NAME]` applies from its stage on, as do
//! planlint's defaults (from `för beslut`: placeholders, missing fields and a department
//! without a plan are errors); a default never overrides what `[severity]` says of a code.

use std::ops::Range;
use std::path::Path;

use super::places::Places;
use crate::config::estate::{key, Target};
use crate::config::{Level, Settings};
use crate::diagnostic::{codes, Diagnostic, Label, Severity};
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;
use crate::source::{FileId, PlanFacts, SourceFile, YearFrom};

/// The codes of planlint's own whose severity a stage can change, in this order.
const OWN: [codes::Code; 2] = [codes::NO_PLAN, codes::NOT_ON_ROSTER];

/// What every stage makes of each rule, and of planlint's own estate codes.
#[derive(Debug, Default)]
pub(super) struct StageLevels {
    /// Per stage, per rule: the level from this stage on (`None`: unchanged).
    rules: Vec<Vec<Option<Level>>>,
    /// Per stage, per code of [`OWN`]: the level from this stage on.
    own: Vec<[Option<Level>; 2]>,
    /// Every roster department's globs with any year for `{year}`.
    places: Places,
}

impl StageLevels {
    pub(super) fn new(rules: &RuleSet, settings: &Settings) -> Self {
        let configured = |code: &str| settings.severity.iter().any(|s| s.code == code);
        let mut out = StageLevels::default();
        let mut now: Vec<Option<Level>> = vec![None; rules.rules.len()];
        let mut own: [Option<Level>; 2] = [None; 2];
        for stage in &settings.stages.0 {
            for &(target, level) in &stage.defaults {
                for (i, rule) in rules.rules.iter().enumerate() {
                    let hit = match target {
                        Target::Kind(kind) => rule.def.kind.get_ref() == kind,
                        Target::Code(code) => rule.code() == code,
                    };
                    if hit && !configured(rule.code()) {
                        now[i] = Some(level);
                    }
                }
                if let Target::Code(code) = target {
                    if let Some(o) = OWN.iter().position(|c| c.code == code) {
                        own[o] = Some(level);
                    }
                }
            }
            for (code, &level) in &stage.levels {
                if let Some(i) = rules.index(code) {
                    now[i] = Some(level);
                }
                if let Some(o) = OWN.iter().position(|c| c.code == code) {
                    own[o] = Some(level);
                }
            }
            out.rules.push(now.clone());
            out.own.push(own);
        }
        out.places = Places::new(&settings.departments);
        out
    }

    /// The severity of rule `rule` at stage `stage`, given its severity before stages
    /// (`None`: it does not run, and no stage makes it run).
    pub(super) fn rule_at(
        &self,
        stage: Option<usize>,
        rule: usize,
        before: Option<Severity>,
    ) -> Option<Severity> {
        let before = before?;
        match stage.and_then(|s| self.rules[s][rule]) {
            Some(level) => level.severity(),
            None => Some(before),
        }
    }

    /// The roster departments whose `paths` name the place of the plan at `relative` (relative
    /// to the config's directory), whatever the year, in roster order.
    fn places_of(&self, relative: &Path) -> Vec<usize> {
        if self.places.is_empty() {
            return Vec::new();
        }
        self.places.of(relative)
    }

    /// The severity of one of planlint's estate codes at `stage` (`None`: off).
    pub(super) fn own_at(&self, stage: Option<usize>, code: codes::Code) -> Option<Severity> {
        let o = OWN.iter().position(|c| *c == code);
        match (stage, o) {
            (Some(s), Some(o)) => self.own[s][o].map_or(Some(code.severity), Level::severity),
            _ => Some(code.severity),
        }
    }
}

/// The year in `text`: the first run of exactly four digits from 1900 to 2099.
fn year_in(text: &str) -> Option<u16> {
    years_in(text).next()
}

/// Every year in `text`: each run of exactly four digits from 1900 to 2099.
pub(super) fn years_in(text: &str) -> impl Iterator<Item = u16> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<u16>().ok())
        .filter(|y| (1900..=2099).contains(y))
}

/// The year of the plan at `relative`: its file name's, else its nearest folder's.
fn year_of_path(relative: &Path) -> Option<(u16, YearFrom)> {
    let stem = relative.file_stem().and_then(|s| s.to_str());
    if let Some(y) = stem.and_then(year_in) {
        return Some((y, YearFrom::FileName));
    }
    relative
        .parent()?
        .components()
        .rev()
        .find_map(|c| c.as_os_str().to_str().and_then(year_in))
        .map(|y| (y, YearFrom::Folder))
}

/// A plan's place in the estate, and the findings about it.
pub(super) struct Placed {
    /// What the outputs show.
    pub facts: PlanFacts,
    /// The stage it is judged at, as an index into the settings' stages.
    pub stage: Option<usize>,
    /// Findings: an unknown status, a department not on the roster.
    pub found: Vec<Diagnostic>,
}

impl super::Verdict<'_> {
    /// Where the plan `source` (parsed into `doc`, if it could be) stands in the estate.
    pub(super) fn place(
        &self,
        doc: Option<&Document>,
        source: &SourceFile,
        file: FileId,
    ) -> Placed {
        let settings = self.settings;
        let relative = settings.relative(source.matched_path());
        let field = |keys: &[&str]| doc.and_then(|d| d.field(keys));
        let mut found = Vec::new();
        let year = field(&["ar", "year", "planar"])
            .and_then(|f| year_in(&f.value))
            .map(|y| (y, YearFrom::FrontMatter))
            .or_else(|| year_of_path(&relative));
        let status = field(&["status", "skede"]);
        let stage = match (settings.stage.value, status) {
            (Some(s), _) => Some(s),
            (None, Some(f)) => settings.stages.find(&f.value).or_else(|| {
                // A status planlint cannot read is judged at the last stage, where the most
                // blocks: a misspelt `för beslut` must not let a placeholder through.
                found.push(self.unknown_stage(&f.value, f.span.clone(), file));
                settings.stages.0.len().checked_sub(1)
            }),
            (None, None) => None,
        };
        let named = field(&["forvaltning", "department"]);
        let by_name = named.and_then(|f| {
            let k = key(&f.value);
            settings
                .departments
                .iter()
                .position(|d| d.keys.contains(&k))
        });
        // Where the `paths` of several departments meet (a folder one takes whole, a file
        // another names), the plan is the one's it names; else the first's on the roster.
        let places = self.stages.places_of(&relative);
        let by_place = by_name
            .filter(|n| places.contains(n))
            .or_else(|| places.first().copied());
        if let Some(f) = named.filter(|_| !settings.departments.is_empty()) {
            if by_name.is_none() || (by_place.is_some() && by_name != by_place) {
                let elsewhere = by_place.filter(|_| by_name.is_some());
                let d = self.not_on_roster(&f.value, f.span.clone(), file, elsewhere, stage);
                found.extend(d);
            }
        }
        let roster = by_place.or(by_name).map(|i| &settings.departments[i]);
        let board = field(&["namnd", "board"])
            .map(|f| f.value.trim().to_owned())
            .or_else(|| roster.and_then(|d| d.board.clone()));
        let facts = PlanFacts {
            board,
            year,
            status: status.map(|f| f.value.trim().to_owned()),
            stage: stage.map(|s| settings.stages.0[s].name.clone()),
            stage_from_flag: settings.stage.value.is_some(),
            roster: roster.map(|d| d.name.clone()),
            place: by_place,
        };
        Placed {
            facts,
            stage,
            found,
        }
    }

    fn unknown_stage(&self, status: &str, span: Range<usize>, file: FileId) -> Diagnostic {
        let lang = self.lang();
        let stages = &self.settings.stages;
        let names = stages
            .names()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // The status as the message quotes it: a plan may write anything there.
        let status = quoted(status, 60);
        let status = status.as_str();
        let message = match lang {
            Lang::Sv => format!("planens status `{status}` är inget känt skede"),
            Lang::En => format!("the plan's status `{status}` is not a known stage"),
        };
        let help = match (stages.closest(status), lang) {
            (Some(best), Lang::Sv) => format!("menade du `{best}`? skedena är {names}"),
            (Some(best), Lang::En) => format!("did you mean `{best}`? the stages are {names}"),
            (None, Lang::Sv) => format!("skriv ett av skedena {names}, eller lägg till skedet i planlint.toml med `[stage.NAMN]`"),
            (None, Lang::En) => format!("write one of the stages {names}, or add the stage to planlint.toml with `[stage.NAME]`"),
        };
        let last = stages.names().last().unwrap_or_default();
        let label = say(
            lang,
            format!("planen granskas som om den vore `{last}`, där mest hindrar godkännande"),
            format!("the plan is judged as if it were `{last}`, where the most blocks approval"),
        );
        Diagnostic::own(codes::UNKNOWN_STAGE, message, file, Label::new(span, label))
            .with_help(help)
    }

    /// The finding for a plan whose `förvaltning` (`named`) is not on the roster, or names
    /// another department than the one whose place the plan lies in (`elsewhere`).
    fn not_on_roster(
        &self,
        named: &str,
        span: Range<usize>,
        file: FileId,
        elsewhere: Option<usize>,
        stage: Option<usize>,
    ) -> Option<Diagnostic> {
        let severity = self.stages.own_at(stage, codes::NOT_ON_ROSTER)?;
        let lang = self.lang();
        let departments = &self.settings.departments;
        // The name as the message quotes it: a plan may write anything there.
        let named = quoted(named, 80);
        let named = named.as_str();
        let (message, help) = if let Some(place) = elsewhere {
            let owner = &departments[place].name;
            (
                say(
                    lang,
                    format!("planen anger förvaltningen `{named}` men ligger där `{owner}`s plan ska ligga"),
                    format!("the plan names the department `{named}` but lies where the plan of `{owner}` belongs"),
                ),
                say(
                    lang,
                    "flytta planen dit dess förvaltnings plan ska ligga (`paths` i planlint.toml), eller rätta `förvaltning`",
                    "move the plan to where its department's plan belongs (`paths` in planlint.toml), or correct `förvaltning`"
                ),
            )
        } else {
            let best =
                crate::suggest::did_you_mean(named, departments.iter().map(|d| d.name.as_str()));
            (
                say(
                    lang,
                    format!("förvaltningen `{named}` finns inte i förteckningen i planlint.toml"),
                    format!("the department `{named}` is not on the roster in planlint.toml"),
                ),
                match best {
                    Some(best) => say(
                    lang,
                        format!("menade du `{best}`? skriv förvaltningens namn som förteckningen skriver det"),
                        format!("did you mean `{best}`? write the department's name as the roster writes it"),
                    ),
                    None => say(
                    lang,
                        "skriv förvaltningens namn som förteckningen (`[[department]]`) skriver det, eller lägg till förvaltningen där",
                        "write the department's name as the roster (`[[department]]`) writes it, or add the department there"
                    ),
                },
            )
        };
        let label = lang.pick("förvaltningen", "the department");
        let mut d = Diagnostic::own(codes::NOT_ON_ROSTER, message, file, Label::new(span, label))
            .with_help(help);
        d.severity = severity;
        Some(d)
    }
}

/// A front-matter value as a message quotes it: on one line (a line break or a run of spaces
/// is one space, so a value cannot make a message look like several findings) and at most
/// `max` characters, with `…` where it was cut.
fn quoted(value: &str, max: usize) -> String {
    let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The text in `lang`.
pub(super) fn say(lang: Lang, sv: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Sv => sv.into(),
        Lang::En => en.into(),
    }
}

/// The note on a finding whose severity its plan's stage changed: which stage, and what the
/// finding is there and elsewhere.
pub(super) fn stage_note(
    stage: Option<&str>,
    now: Severity,
    before: Option<Severity>,
    lang: Lang,
) -> String {
    let word = |s: Severity| match (s, lang) {
        (Severity::Error, Lang::Sv) => "ett fel",
        (Severity::Warning, Lang::Sv) => "en varning",
        (Severity::Error, Lang::En) => "an error",
        (Severity::Warning, Lang::En) => "a warning",
        (Severity::Info, _) => "info",
    };
    let stage = stage.unwrap_or_default();
    let before = before.map_or("", word);
    say(
        lang,
        format!(
            "planen granskas i skedet `{stage}`, där det här är {} i stället för {before}",
            word(now)
        ),
        format!(
            "the plan is judged at the stage `{stage}`, where this is {} instead of {before}",
            word(now)
        ),
    )
}
