//! The estate the board governs: the roster of departments that should each have a plan
//! (`[[department]]`), and the stages a plan moves through (`utkast` → `remiss` → `för beslut`
//! → `beslutad`, with `[stage.NAME]` tables that change what blocks from a stage on).
//!
//! This module reads and checks what `planlint.toml` says; it never looks at plans. Which plan
//! is at which stage, and which department has no plan, is the verdict's business.

use std::collections::{BTreeMap, HashMap};
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

    /// The stages after the config's `[stage.NAME]` tables; codes are checked against
    /// `known` (the loaded rules' codes and the estate's own).
    ///
    /// A table is read once the stage its `after` names is there, so `after` may name a stage
    /// a table further down adds (TOML's tables have no order); the others go in file order.
    pub(super) fn read(
        c: &Loaded,
        tables: &BTreeMap<Spanned<String>, StageDef>,
        known: &[&str],
    ) -> Result<Stages, PackError> {
        let mut stages = Stages::default();
        // The words the config's `names` gave, and to which stage (by name).
        let mut given: HashMap<String, String> = HashMap::new();
        let mut pending: Vec<(&Spanned<String>, &StageDef)> = tables.iter().collect();
        pending.sort_by_key(|(name, _)| name.span().start);
        for (name, def) in &pending {
            if let Some(after) = def
                .after
                .as_ref()
                .filter(|a| key(a.get_ref()) == key(name.get_ref()))
            {
                return Err(validate::error(
                    c,
                    after.span(),
                    fill_pair(
                        "skedet `{why}` kan inte komma efter sig självt",
                        "the stage `{why}` cannot come after itself",
                        name.get_ref().trim(),
                    ),
                    t(
                        "skriv i `after` det skede det ska komma efter",
                        "write in `after` the stage it comes after",
                    ),
                ));
            }
        }
        while !pending.is_empty() {
            let before = pending.len();
            let mut i = 0;
            while i < pending.len() {
                // Waits while its `after` names a table not yet read, by its name or one of
                // its `names`.
                let waits = pending[i].1.after.as_ref().is_some_and(|a| {
                    let k = key(a.get_ref());
                    pending.iter().enumerate().any(|(j, (other, d))| {
                        j != i
                            && (key(other.get_ref()) == k
                                || d.names.iter().any(|n| key(n.get_ref()) == k))
                    })
                });
                if waits {
                    i += 1;
                } else {
                    let (name, def) = pending.remove(i);
                    stages.table(c, name, def, known, &mut given)?;
                }
            }
            if pending.len() == before {
                return Err(ring(c, &pending));
            }
        }
        Ok(stages)
    }

    /// Reads one `[stage.NAME]` table into the stages.
    fn table(
        &mut self,
        c: &Loaded,
        name: &Spanned<String>,
        def: &StageDef,
        known: &[&str],
        given: &mut HashMap<String, String>,
    ) -> Result<(), PackError> {
        // A table names a stage by its name or another word for it
        // (`[stage.beslutsunderlag]` is `för beslut`'s); with `after`, such a word (`samråd`
        // for `remiss`) makes a stage of its own, which takes the word over.
        let own = key(name.get_ref());
        let named = self.0.iter().position(|s| key(&s.name) == own).or_else(|| {
            def.after
                .is_none()
                .then(|| self.find(name.get_ref()))
                .flatten()
        });
        let at = if let Some(at) = named {
            if let Some(after) = &def.after {
                return Err(validate::error(
                    c,
                    after.span(),
                    t(
                        format!(
                            "`after` kan bara placera ett nytt skede; `{}` finns redan",
                            self.0[at].name
                        ),
                        format!(
                            "`after` can only place a new stage; `{}` is already one",
                            self.0[at].name
                        ),
                    ),
                    t(
                        "ta bort `after`, eller ge skedet ett eget namn",
                        "remove `after`, or give the stage a name of its own",
                    ),
                ));
            }
            at
        } else {
            if let Some(owner) = given.get(&own) {
                return Err(validate::error(
                    c,
                    name.span(),
                    t(
                        format!("`{}` är redan ett namn på skedet `{owner}`", name.get_ref()),
                        format!(
                            "`{}` is already a name of the stage `{owner}`",
                            name.get_ref()
                        ),
                    ),
                    t(
                        "ett namn kan bara stå för ett skede",
                        "a name can stand for one stage only",
                    ),
                ));
            }
            for stage in &mut self.0 {
                stage.keys.retain(|k| *k != own);
            }
            if key(name.get_ref()).is_empty() {
                return Err(validate::error(
                    c,
                    name.span(),
                    t("ett skede måste ha ett namn", "a stage must have a name"),
                    t("här", "here"),
                ));
            }
            let at = match &def.after {
                None => self.0.len(),
                Some(after) => self.position_of(c, after)? + 1,
            };
            self.0.insert(
                at,
                Stage {
                    name: name.get_ref().trim().to_owned(),
                    keys: vec![key(name.get_ref())],
                    defaults: Vec::new(),
                    levels: BTreeMap::new(),
                    table: None,
                    added: true,
                },
            );
            at
        };
        self.give_names(c, at, &def.names, given)?;
        let levels = validate::severity_map(c, &def.severity, known)?;
        self.0[at].levels.extend(levels);
        self.0[at].table.get_or_insert(name.span());
        Ok(())
    }

    /// Gives the stage at `at` the other words `names`, each taken from any default stage that
    /// had it; a word that is another stage's name, or that another table gave (`given`), is an
    /// error at it.
    fn give_names(
        &mut self,
        c: &Loaded,
        at: usize,
        names: &[Spanned<String>],
        given: &mut HashMap<String, String>,
    ) -> Result<(), PackError> {
        for other in names {
            let k = key(other.get_ref());
            if k.is_empty() {
                continue;
            }
            let stage = self.0[at].name.clone();
            let taken = self
                .0
                .iter()
                .position(|s| key(&s.name) == k)
                .filter(|&i| i != at);
            let (sv, en) = match (taken, given.get(&k)) {
                (Some(taken), _) => (
                    format!(
                        "`{}` är redan namnet på skedet `{}`",
                        other.get_ref(),
                        self.0[taken].name
                    ),
                    format!(
                        "`{}` is already the name of the stage `{}`",
                        other.get_ref(),
                        self.0[taken].name
                    ),
                ),
                (None, Some(owner)) if *owner != stage => (
                    format!(
                        "`{}` är redan ett namn på skedet `{owner}`",
                        other.get_ref()
                    ),
                    format!(
                        "`{}` is already a name of the stage `{owner}`",
                        other.get_ref()
                    ),
                ),
                _ => {
                    for s in &mut self.0 {
                        s.keys.retain(|have| *have != k);
                    }
                    self.0[at].keys.push(k.clone());
                    given.insert(k, stage);
                    continue;
                }
            };
            return Err(validate::error(
                c,
                other.span(),
                t(sv, en),
                t(
                    "ett namn kan bara stå för ett skede",
                    "a name can stand for one stage only",
                ),
            ));
        }
        Ok(())
    }

    /// The index of the stage `after` names, or an error at it.
    fn position_of(&self, c: &Loaded, after: &Spanned<String>) -> Result<usize, PackError> {
        self.find(after.get_ref()).ok_or_else(|| {
            let e = validate::error(
                c,
                after.span(),
                fill_pair(
                    "okänt skede `{why}` i `after`",
                    "unknown stage `{why}` in `after`",
                    after.get_ref(),
                ),
                t(
                    format!("skedena är {}", self.names().collect::<Vec<_>>().join(", ")),
                    format!(
                        "the stages are {}",
                        self.names().collect::<Vec<_>>().join(", ")
                    ),
                ),
            );
            e.with_suggestion(self.closest(after.get_ref()))
        })
    }
}

/// The error for tables whose `after`s only name each other (`a` after `b`, `b` after `a`):
/// at the first one's `after`.
fn ring(c: &Loaded, pending: &[(&Spanned<String>, &StageDef)]) -> PackError {
    let (name, def) = pending[0];
    let after = def.after.as_ref().map_or("", |a| a.get_ref().as_str());
    let then = pending
        .iter()
        .find(|(other, _)| key(other.get_ref()) == key(after))
        .and_then(|(_, d)| d.after.as_ref())
        .map_or("", |a| a.get_ref().as_str());
    let span = def
        .after
        .as_ref()
        .map_or_else(|| name.span(), Spanned::span);
    let name = name.get_ref().trim();
    validate::error(
        c,
        span,
        t(
            format!("`{name}` ska komma efter `{after}`, som ska komma efter `{then}`"),
            format!("`{name}` is to come after `{after}`, which is to come after `{then}`"),
        ),
        t(
            "skedenas `after` bildar en ring: låt ett av dem komma efter ett skede som redan finns",
            "the stages' `after` form a ring: let one of them come after a stage there already is",
        ),
    )
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
