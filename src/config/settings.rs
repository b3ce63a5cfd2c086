//! Effective settings: defaults < `planlint.toml` < command line, each remembering its origin
//! so `planlint config` can say where a value came from.
//!
//! Settings are data: select, ignore, severities, overrides and waivers are applied to findings
//! only in `verdict`.

use std::path::{Path, PathBuf};

use globset::GlobSet;

use super::estate::{Department, Stages};
pub use super::values::{CodeLevel, ConfigWaiver, Level, Origin, PathOverride, Setting};
use super::{validate, Loaded, OverrideDef, WaiverPolicy};
use crate::discover::{Selection, Skip};
use crate::i18n::{fill_pair, Lang};
use crate::pack::PackError;

/// Command-line values that take part in merging (`None`: not given).
#[derive(Debug, Clone, Default)]
pub struct CliValues {
    /// `--lang`.
    pub lang: Option<Lang>,
    /// `--select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`.
    pub ignore: Vec<String>,
    /// `--deny warnings`.
    pub deny_warnings: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--allow-empty`.
    pub allow_empty: bool,
    /// `--stage`.
    pub stage: Option<String>,
}

/// Every setting of a run after merging.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory that globs are relative to: the config file's, else the current one.
    pub root: PathBuf,
    /// The config file, if one was used.
    pub config: Option<Loaded>,
    /// Language of messages.
    pub lang: Setting<Lang>,
    /// `include` globs (`None`: every Markdown file).
    pub include: Setting<Option<(Vec<String>, GlobSet)>>,
    /// `exclude` globs.
    pub exclude: Setting<Option<(Vec<String>, GlobSet)>>,
    /// Codes to report (`None`: all).
    pub select: Setting<Option<Vec<String>>>,
    /// Codes never to report.
    pub ignore: Setting<Vec<String>>,
    /// Severities by code, for every plan (`[severity]`).
    pub severity: Vec<CodeLevel>,
    /// Severity overrides for paths.
    pub overrides: Vec<PathOverride>,
    /// Waivers from the config file.
    pub waivers: Vec<ConfigWaiver>,
    /// Who may waive what (`[waiver_policy]`).
    pub waiver_policy: WaiverPolicy,
    /// Whether warnings fail the run.
    pub deny_warnings: Setting<bool>,
    /// Whether a skipped file that looks like a plan is an error (`strict`, `--strict`).
    pub strict: Setting<bool>,
    /// Whether a run that finds no plan passes (`allow_empty`, `--allow-empty`).
    pub allow_empty: Setting<bool>,
    /// The date waivers' expiry is judged by (`YYYY-MM-DD`).
    pub today: String,
    /// The roster: departments that should have a plan (`[[department]]`).
    pub departments: Vec<Department>,
    /// The stages a plan moves through, in order, with what changes at each.
    pub stages: Stages,
    /// The stage every plan is judged at (`--stage`), as an index into `stages`; `None`: each
    /// plan at its own `status`.
    pub stage: Setting<Option<usize>>,
}

fn file_origin(config: &Loaded, span: &std::ops::Range<usize>) -> Origin {
    Origin::File(config.path.clone(), config.line_of(span.start))
}

impl Settings {
    /// Merges defaults, `config` and the command line, checking codes against `rules`: each
    /// loaded rule's code, and whether the rule judges an area (an override that switches an
    /// area off needs a reason). Waivers' expiry is judged by `today` (`YYYY-MM-DD`, see
    /// [`super::today`]).
    pub fn new(
        config: Option<Loaded>,
        cli: &CliValues,
        rules: &[(&str, bool)],
        cwd: &Path,
        today: String,
    ) -> Result<Settings, PackError> {
        let known: Vec<&str> = rules.iter().map(|(code, _)| *code).collect();
        let areas: Vec<&str> = rules
            .iter()
            .filter(|(_, area)| *area)
            .map(|(code, _)| *code)
            .collect();
        let root = config
            .as_ref()
            .map_or_else(|| cwd.to_path_buf(), |c| cwd.join(c.dir()));
        let mut s = Settings {
            root,
            today,
            ..Settings::defaults()
        };
        if let Some(c) = &config {
            s.read_file(c, &known, &areas)?;
        }
        if let Some(lang) = cli.lang {
            s.lang = Setting {
                value: lang,
                origin: Origin::CommandLine,
            };
        }
        if let Some(select) = &cli.select {
            let select = select
                .iter()
                .map(|c| validate::cli_code(c, &known))
                .collect::<Result<_, _>>()?;
            s.select = Setting {
                value: Some(select),
                origin: Origin::CommandLine,
            };
        }
        if !cli.ignore.is_empty() {
            let mut ignore: Vec<String> = cli
                .ignore
                .iter()
                .map(|c| validate::cli_code(c, &known))
                .collect::<Result<_, _>>()?;
            ignore.append(&mut s.ignore.value);
            s.ignore = Setting {
                value: ignore,
                origin: Origin::CommandLine,
            };
        }
        if cli.strict {
            s.strict = Setting {
                value: true,
                origin: Origin::CommandLine,
            };
        }
        if cli.allow_empty {
            s.allow_empty = Setting {
                value: true,
                origin: Origin::CommandLine,
            };
        }
        if let Some(name) = &cli.stage {
            s.stage = Setting {
                value: Some(stage_argument(&s.stages, name)?),
                origin: Origin::CommandLine,
            };
        }
        if cli.deny_warnings {
            s.deny_warnings = Setting {
                value: true,
                origin: Origin::CommandLine,
            };
        }
        s.config = config;
        Ok(s)
    }

    /// The settings without a config file or flags, relative to the current directory.
    pub fn defaults() -> Settings {
        Settings {
            root: std::env::current_dir().unwrap_or_default(),
            config: None,
            lang: Setting {
                value: Lang::Sv,
                origin: Origin::Default,
            },
            include: Setting {
                value: None,
                origin: Origin::Default,
            },
            exclude: Setting {
                value: None,
                origin: Origin::Default,
            },
            select: Setting {
                value: None,
                origin: Origin::Default,
            },
            ignore: Setting {
                value: Vec::new(),
                origin: Origin::Default,
            },
            severity: Vec::new(),
            overrides: Vec::new(),
            waivers: Vec::new(),
            waiver_policy: WaiverPolicy::default(),
            deny_warnings: Setting {
                value: false,
                origin: Origin::Default,
            },
            strict: Setting {
                value: false,
                origin: Origin::Default,
            },
            allow_empty: Setting {
                value: false,
                origin: Origin::Default,
            },
            today: super::today(),
            departments: Vec::new(),
            stages: Stages::default(),
            stage: Setting {
                value: None,
                origin: Origin::Default,
            },
        }
    }

    /// Reads what `planlint.toml` sets, checking codes against `known`; an override that
    /// switches off one of `areas` needs a reason. The first mistake found is the error.
    fn read_file(&mut self, c: &Loaded, known: &[&str], areas: &[&str]) -> Result<(), PackError> {
        let f = &c.file;
        self.read_switches(c)?;
        self.read_selection(c, known)?;
        for (code, value) in &f.severity {
            let checked = validate::code(c, code, known)?;
            let def = value.get_ref();
            self.severity.push(CodeLevel {
                code: checked,
                level: def.level,
                origin: file_origin(c, &value.span()),
                reason: def.reason.as_ref().map(|r| r.get_ref().trim().to_owned()),
            });
        }
        self.waiver_policy = WaiverPolicy::read(c, &f.waiver_policy, known)?;
        let min_words = self.waiver_policy.min_reason_words;
        for (set, value) in self.severity.iter().zip(f.severity.values()) {
            super::severity::check_reason(c, set, value, areas, min_words)?;
        }
        for o in &f.overrides {
            let min_words = self.waiver_policy.min_reason_words;
            self.overrides
                .push(path_override(c, o, known, areas, min_words)?);
        }
        for w in &f.waivers {
            let waiver = validate::waiver(c, w, known)?;
            self.waiver_policy.check_waiver(c, &waiver, &self.today)?;
            self.waivers.push(waiver);
        }
        self.departments = super::estate::departments(c, &f.departments)?;
        let mut staged: Vec<&str> = known.to_vec();
        staged.extend(super::estate::STAGED_CODES);
        self.stages = Stages::read(c, &f.stages, &staged)?;
        Ok(())
    }

    /// `strict`, `allow_empty` and `lang` from the config file.
    fn read_switches(&mut self, c: &Loaded) -> Result<(), PackError> {
        let f = &c.file;
        if let Some(strict) = &f.strict {
            self.strict = Setting {
                value: *strict.get_ref(),
                origin: file_origin(c, &strict.span()),
            };
        }
        if let Some(allow) = &f.allow_empty {
            self.allow_empty = Setting {
                value: *allow.get_ref(),
                origin: file_origin(c, &allow.span()),
            };
        }
        if let Some(lang) = &f.lang {
            let value = match lang.get_ref().as_str() {
                "sv" => Lang::Sv,
                "en" => Lang::En,
                other => {
                    return Err(validate::error(
                        c,
                        lang.span(),
                        fill_pair("okänt språk `{why}`", "unknown language `{why}`", other),
                        fill_pair("använd `sv` eller `en`", "use `sv` or `en`", ""),
                    ))
                }
            };
            self.lang = Setting {
                value,
                origin: file_origin(c, &lang.span()),
            };
        }
        Ok(())
    }

    /// Which files and codes the config file selects: `include`, `exclude`, `select`, `ignore`.
    fn read_selection(&mut self, c: &Loaded, known: &[&str]) -> Result<(), PackError> {
        let f = &c.file;
        for (slot, list) in [
            (&mut self.include, &f.include),
            (&mut self.exclude, &f.exclude),
        ] {
            if let Some(list) = list {
                let raw = list.get_ref().iter().map(|g| g.get_ref().clone()).collect();
                *slot = Setting {
                    value: Some((raw, validate::globs(c, list)?)),
                    origin: file_origin(c, &list.span()),
                };
            }
        }
        if let Some(list) = &f.select {
            self.select = Setting {
                value: Some(validate::codes(c, list, known)?),
                origin: file_origin(c, &list.span()),
            };
        }
        if let Some(list) = &f.ignore {
            self.ignore = Setting {
                value: validate::codes(c, list, known)?,
                origin: file_origin(c, &list.span()),
            };
        }
        Ok(())
    }

    /// Which files the run checks: `include` and `exclude`, relative to the root.
    pub fn selection(&self) -> Selection<'_> {
        Selection {
            root: &self.root,
            include: self.include.value.as_ref().map(|(_, set)| set),
            exclude: self.exclude.value.as_ref().map(|(_, set)| set),
        }
    }

    /// `path` relative to [`Settings::root`], as globs see it.
    pub fn relative(&self, path: &Path) -> PathBuf {
        self.selection().relative(path)
    }

    /// Why `include`/`exclude` leave the plan at `path` out, or `None` when it is checked.
    pub fn leaves_out(&self, path: &Path) -> Option<Skip> {
        self.selection().leaves_out(path)
    }
}

/// One `[[override]]` of the config file. Switching an area off for some plans is a decision,
/// so it needs a reason of at least `min_words` words of substance.
fn path_override(
    c: &Loaded,
    o: &OverrideDef,
    known: &[&str],
    areas: &[&str],
    min_words: usize,
) -> Result<PathOverride, PackError> {
    let raw = o
        .paths
        .get_ref()
        .iter()
        .map(|g| g.get_ref().clone())
        .collect();
    let origin = file_origin(c, &o.paths.span());
    let levels = validate::severity_map(c, &o.severity, known)?;
    let reason = o.reason.as_ref().map(|r| r.get_ref().trim().to_owned());
    let areas_off: Vec<&str> = levels
        .iter()
        .filter(|(code, level)| **level == Level::Off && areas.contains(&code.as_str()))
        .map(|(code, _)| code.as_str())
        .collect();
    if !areas_off.is_empty()
        && reason
            .as_deref()
            .is_none_or(|r| super::policy::words_of_substance(r) < min_words)
    {
        let span = o
            .reason
            .as_ref()
            .map_or_else(|| o.paths.span(), toml::Spanned::span);
        return Err(validate::error(
            c,
            span,
            fill_pair(
                "en override som stänger av ett område är ett beslut och behöver en motivering (`reason`): {why}",
                "an override that switches an area off is a decision and needs a reason (`reason`): {why}",
                &areas_off.join(", "),
            ),
            fill_pair("här", "here", ""),
        )
        .with_help(fill_pair(
            "skriv t.ex. `reason = \"Nämnden har inget uppdrag som rör bostäder.\"`, eller använd en `[[waiver]]`",
            "write e.g. `reason = \"The board has no housing remit.\"`, or use a `[[waiver]]`",
            "",
        )));
    }
    Ok(PathOverride {
        globs: raw,
        set: validate::globs(c, &o.paths)?,
        levels,
        origin,
        reason,
    })
}

/// The stage `--stage` names, or an argument error with the stages there are.
fn stage_argument(stages: &Stages, name: &str) -> Result<usize, PackError> {
    stages.find(name).ok_or_else(|| {
        let names = stages
            .names()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // As the message quotes it: a control character (U+202E, ESC) as its escape.
        let shown: String = name
            .chars()
            .map(|c| {
                if c.is_control() || crate::matching::is_bidi_control(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let message = if name.trim().is_empty() {
            crate::i18n::t(
                "`--stage` är tomt: ange ett skede",
                "`--stage` is empty: name a stage",
            )
        } else {
            fill_pair(
                "okänt skede `{why}` i `--stage`",
                "unknown stage `{why}` in `--stage`",
                &shown,
            )
        };
        PackError {
            code: crate::diagnostic::codes::ARGUMENT.code,
            path: String::new(),
            text: String::new(),
            span: None,
            message: message.excerpted(),
            label: fill_pair("", "", ""),
            help: Some(match stages.closest(name) {
                Some(best) => crate::i18n::t(
                    format!("menade du `{best}`? skedena är {names}"),
                    format!("did you mean `{best}`? the stages are {names}"),
                ),
                None => crate::i18n::t(
                    format!(
                        "skedena är {names}; planlint.toml kan lägga till fler med `[stage.NAMN]`"
                    ),
                    format!(
                        "the stages are {names}; planlint.toml can add more with `[stage.NAME]`"
                    ),
                ),
            }),
        }
    })
}
