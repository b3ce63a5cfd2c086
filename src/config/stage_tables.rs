//! The `[stage.NAME]` tables of `planlint.toml` read into the stages: which stage a table
//! names (its name, or another word for it), where a stage of the config's own goes (`after`,
//! in any order of the file), the other words `names` gives, and the errors at the table when
//! one of them cannot stand.

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use super::estate::{key, Stage, StageDef, Stages};
use super::{validate, Loaded};
use crate::i18n::{fill_pair, t};
use crate::pack::PackError;

impl Stages {
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
