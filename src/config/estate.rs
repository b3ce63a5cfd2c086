//! The estate the board governs: the roster of departments that should each have a plan
//! (`[[department]]`), and the stages a plan moves through (`utkast` → `remiss` → `för beslut`
//! → `beslutad`, with `[stage.NAME]` tables that change what blocks from a stage on).
//!
//! This module reads and checks what `planlint.toml` says (the `[stage.NAME]` tables in
//! `stage_tables`); it never looks at plans. Which plan
//! is at which stage, and which department has no plan, is the verdict's business.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::values::Level;
use super::{validate, Loaded, SeverityMap, SpannedStrings};
use crate::diagnostic::codes;
use crate::i18n::{fill_pair, t};
use crate::pack::PackError;
use crate::suggest::did_you_mean;

/// One `[[department]]`: a department that should have a plan, and where it is expected.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentDef {
    /// The department's name as its plans write it in `förvaltning`, e.g.
    /// `Socialförvaltningen`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The nämnd (board) the department answers to, e.g. `Socialnämnden`.
    #[serde(rename = "nämnd", alias = "namnd")]
    pub board: Option<String>,
    /// Globs (relative to the config file, matched like a `[[waiver]]`'s) naming where its plan
    /// is expected. `{year}` stands for each year judged: `planer/{year}/soc*.md`.
    #[schemars(with = "Vec<String>")]
    pub paths: SpannedStrings,
    /// Other names a plan may give in `förvaltning` for this department (a former name, a
    /// short form).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One `[stage.NAME]`: what changes at a stage.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    /// Severities by code from this stage on (later stages inherit them unless they say
    /// otherwise), as in `[severity]`. `PL016` (a department without a plan) and `PL017` (a
    /// department not on the roster) may be named too.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub severity: SeverityMap,
    /// For a stage of the config's own: the stage it follows (default: after the last one).
    #[schemars(with = "Option<String>")]
    pub after: Option<Spanned<String>>,
    /// Other words a plan's `status` may use for this stage (`beslutsunderlag` for
    /// `för beslut`): a municipality's own name for a stage.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub names: Vec<Spanned<String>>,
}

/// A department of the roster, checked.
#[derive(Debug, Clone)]
pub struct Department {
    /// Its name.
    pub name: String,
    /// Its nämnd, if given.
    pub board: Option<String>,
    /// Its globs as written, `{year}` included.
    pub globs: Vec<String>,
    /// Its name and aliases, folded, as a plan's `förvaltning` is compared with them.
    pub keys: Vec<String>,
    /// The span of the entry's `name` in the config file, where a finding about it points.
    pub span: Range<usize>,
}

impl Department {
    /// Whether its globs name one plan per year (`{year}`).
    pub fn by_year(&self) -> bool {
        self.globs.iter().any(|g| g.contains(YEAR))
    }
}

/// What stands for a year in a roster glob.
pub const YEAR: &str = "{year}";

/// What a stage changes by default, from that stage on: rules of a kind, or one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Every rule of this kind (`forbid`: placeholders; `metadata`: required fields).
    Kind(&'static str),
    /// One code.
    Code(&'static str),
}

/// A stage, checked.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Its name as the config and the output write it.
    pub name: String,
    /// Its name and other names, folded, as a plan's `status` is compared with them.
    pub keys: Vec<String>,
    /// planlint's defaults from this stage on.
    pub defaults: Vec<(Target, Level)>,
    /// The config's severities from this stage on, by code (they win over the defaults).
    pub levels: BTreeMap<String, Level>,
    /// Where the config's `[stage.NAME]` table for it is (`None`: the config has none).
    pub table: Option<Range<usize>>,
    /// Whether the config added it (a stage of the config's own).
    pub added: bool,
}

/// The stages in order.
#[derive(Debug, Clone)]
pub struct Stages(pub Vec<Stage>);

/// The stages planlint knows without a config: a municipal plan's way to the nämnd.
pub const DEFAULT_STAGES: [&str; 4] = ["utkast", "remiss", "för beslut", "beslutad"];

/// Where the defaults change what blocks: at `för beslut` a plan goes to the nämnd, so a
/// placeholder, a missing field and a department without a plan block from then on.
const DECISION: &str = "för beslut";

impl Default for Stages {
    fn default() -> Self {
        Stages(
            DEFAULT_STAGES
                .iter()
                .map(|&name| Stage {
                    name: name.to_owned(),
                    keys: std::iter::once(name)
                        .chain(other_names(name).iter().copied())
                        .map(key)
                        .collect(),
                    defaults: if name == DECISION {
                        vec![
                            (Target::Kind("forbid"), Level::Error),
                            (Target::Kind("metadata"), Level::Error),
                            (Target::Code(codes::NO_PLAN.code), Level::Error),
                        ]
                    } else {
                        Vec::new()
                    },
                    levels: BTreeMap::new(),
                    table: None,
                    added: false,
                })
                .collect(),
        )
    }
}

/// Words plans use in `status` for a default stage, besides its name: Swedish municipal usage,
/// and English.
fn other_names(stage: &str) -> &'static [&'static str] {
    match stage {
        "utkast" => &[
            "arbetsmaterial",
            "arbetsversion",
            "under arbete",
            "preliminär",
            "draft",
        ],
        "remiss" => &["på remiss", "remissversion", "samråd", "consultation"],
        "för beslut" => &[
            "förslag",
            "beslutsunderlag",
            "till nämnden",
            "proposal",
            "for decision",
        ],
        "beslutad" => &[
            "beslutat",
            "antagen",
            "antaget",
            "fastställd",
            "fastställt",
            "godkänd",
            "godkänt",
            "adopted",
            "approved",
            "decided",
        ],
        _ => &[],
    }
}

/// A stage's or a department's name as it is compared: letter case, diacritics, hyphens,
/// underscores, runs of spaces and what a reader does not see (invisible, bidirectional and
/// control characters) make no difference (`För beslut`, `for-beslut`).
pub fn key(name: &str) -> String {
    let shown: String = name
        .chars()
        .filter(|&c| !crate::matching::is_bidi_control(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let folded = crate::matching::fold(&shown);
    folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Stages {
    /// The index of the stage a plan's `status` (or `--stage`) names, if one does.
    pub fn find(&self, name: &str) -> Option<usize> {
        let k = key(name);
        self.0.iter().position(|s| s.keys.contains(&k))
    }

    /// The stage names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|s| s.name.as_str())
    }

    /// The closest stage name to a misspelt one.
    pub fn closest(&self, name: &str) -> Option<&str> {
        did_you_mean(name, self.names())
    }
}

/// The roster after the config's `[[department]]` entries.
pub(super) fn departments(
    c: &Loaded,
    defs: &[Spanned<DepartmentDef>],
) -> Result<Vec<Department>, PackError> {
    let mut out: Vec<Department> = Vec::new();
    for d in defs {
        let def = d.get_ref();
        let name = def.name.get_ref().trim();
        let mut keys = vec![key(name)];
        keys.extend(def.aliases.iter().map(|a| key(a)).filter(|k| !k.is_empty()));
        if keys[0].is_empty() {
            return Err(validate::error(
                c,
                def.name.span(),
                t(
                    "en förvaltning i `[[department]]` måste ha ett namn",
                    "a department in `[[department]]` must have a name",
                ),
                t("här", "here"),
            ));
        }
        if let Some(twin) = out.iter().find(|o| o.keys.iter().any(|k| keys.contains(k))) {
            return Err(validate::error(
                c,
                def.name.span(),
                t(
                    format!(
                        "förvaltningen `{name}` står två gånger i förteckningen (som `{}`)",
                        twin.name
                    ),
                    format!(
                        "the department `{name}` is on the roster twice (as `{}`)",
                        twin.name
                    ),
                ),
                t(
                    "ta bort den ena eller slå ihop dem",
                    "remove one of them or merge them",
                ),
            ));
        }
        if def.paths.get_ref().is_empty() {
            return Err(validate::error(
                c,
                def.paths.span(),
                fill_pair(
                    "`paths` för `{why}` är tom: planlint kan inte veta var planen ska ligga",
                    "`paths` of `{why}` is empty: planlint cannot tell where its plan belongs",
                    name,
                ),
                t(
                    "skriv t.ex. `paths = [\"planer/{year}/socialforvaltningen.*\"]`",
                    "write e.g. `paths = [\"planer/{year}/socialforvaltningen.*\"]`",
                ),
            ));
        }
        for g in def.paths.get_ref() {
            place(c, g, name)?;
        }
        // Each glob must compile whatever year stands in it.
        let sample: SpannedStrings = Spanned::new(
            def.paths.span(),
            def.paths
                .get_ref()
                .iter()
                .map(|g| Spanned::new(g.span(), g.get_ref().replace(YEAR, "2027")))
                .collect(),
        );
        validate::globs(c, &sample)?;
        out.push(Department {
            name: name.to_owned(),
            board: def
                .board
                .as_ref()
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty()),
            globs: def
                .paths
                .get_ref()
                .iter()
                .map(|g| g.get_ref().clone())
                .collect(),
            keys,
            span: def.name.span(),
        });
    }
    Ok(out)
}

/// Checks one glob of a department's `paths`: globs are matched against plans' paths relative
/// to the config's directory, so one that is empty, climbs out of it (`..`) or is absolute can
/// match no plan, and the department would lack its plan for ever.
fn place(c: &Loaded, glob: &Spanned<String>, name: &str) -> Result<(), PackError> {
    let g = glob.get_ref();
    let (sv, en, hint_sv, hint_en) = if g.trim().is_empty() {
        (
            format!("ett mönster i `paths` för `{name}` är tomt"),
            format!("a glob in `paths` of `{name}` is empty"),
            "skriv var planen ska ligga, t.ex. `planer/{year}/socialforvaltningen.*`",
            "write where the plan belongs, e.g. `planer/{year}/socialforvaltningen.*`",
        )
    } else if g.split(['/', '\\']).any(|part| part == "..") {
        (
            format!("`{g}` i `paths` för `{name}` går utanför katalogen där planlint.toml ligger"),
            format!("`{g}` in `paths` of `{name}` climbs out of the folder planlint.toml is in"),
            "mönstren läses från planlint.toml:s katalog och matchar bara planer där under; skriv vägen därifrån utan `..`",
            "globs are read from planlint.toml's folder and match only plans under it; write the path from there without `..`",
        )
    } else if g.starts_with(['/', '\\']) || std::path::Path::new(g).is_absolute() {
        (
            format!("`{g}` i `paths` för `{name}` är en absolut sökväg"),
            format!("`{g}` in `paths` of `{name}` is an absolute path"),
            "skriv vägen från katalogen där planlint.toml ligger, t.ex. `planer/{year}/socialforvaltningen.*`",
            "write the path from the folder planlint.toml is in, e.g. `planer/{year}/socialforvaltningen.*`",
        )
    } else {
        return Ok(());
    };
    Err(validate::error(
        c,
        glob.span(),
        t(sv, en),
        t(hint_sv, hint_en),
    ))
}

/// The codes of planlint's own a `[stage.NAME]` table may set, besides the rules' codes.
pub const STAGED_CODES: [&str; 2] = [codes::NO_PLAN.code, codes::NOT_ON_ROSTER.code];
