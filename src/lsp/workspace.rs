//! Which `planlint.toml` judges a document, and its packs, loaded once and loaded again when
//! the config or one of its packs changes on disk.
//!
//! A document's config is found by walking up from its directory, as `check` walks up from
//! where it runs; a document without a file (an unsaved buffer) uses the workspace folder's.
//! `--config` and `--isolated` given to `planlint lsp` apply to every document. Each loaded
//! config remembers the size and modification time of every file it read (the config, its
//! packs, `--rules` packs); when one differs, the config is loaded anew.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::config::settings::CliValues;
use crate::config::{self, Settings};
use crate::discover::normalize;
use crate::engine::RuleSet;
use crate::i18n::Lang;
use crate::pack::PackError;

/// Where configs come from, as `planlint lsp` was started.
#[derive(Debug, Clone)]
pub(crate) enum ConfigChoice {
    /// Walk up from each document (the default).
    Find,
    /// This file for every document (`--config`).
    File(PathBuf),
    /// No config (`--isolated`).
    Isolated,
}

/// Which config judges a document: its absolute path, or `None` for none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct ConfigKey(pub(super) Option<PathBuf>);

/// A config and its packs, ready to judge plans.
#[derive(Debug)]
pub(super) struct Ready {
    /// The rules.
    pub(super) rules: RuleSet,
    /// The settings.
    pub(super) settings: Settings,
}

/// One config as loaded, or why it could not be.
#[derive(Debug)]
pub(super) struct Entry {
    /// The files it read, with what they looked like then.
    stamps: Vec<(PathBuf, Option<Stamp>)>,
    /// The rules and settings, or the error in the config or a pack.
    pub(super) state: Result<Ready, PackError>,
}

/// What a file looked like: enough to see that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

/// Every config in use, by its absolute path (`None`: no config).
#[derive(Debug)]
pub(super) struct Workspaces {
    choice: ConfigChoice,
    extra: Vec<PathBuf>,
    lang: Option<Lang>,
    /// The workspace folder, for documents without a file and as the directory of a run
    /// without a config.
    pub(super) root: Option<PathBuf>,
    entries: HashMap<ConfigKey, Entry>,
}

impl Workspaces {
    /// Configs chosen by `choice`, with the `--rules` packs `extra` and the `--lang` `lang`.
    pub(super) fn new(choice: ConfigChoice, extra: &[PathBuf], lang: Option<Lang>) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let choice = match choice {
            ConfigChoice::File(p) => ConfigChoice::File(normalize(&cwd.join(p), true)),
            other => other,
        };
        Workspaces {
            choice,
            extra: extra
                .iter()
                .map(|p| normalize(&cwd.join(p), true))
                .collect(),
            lang,
            root: None,
            entries: HashMap::new(),
        }
    }

    /// The config file (absolute) for a document at `path` (`None`: an unsaved buffer).
    pub(super) fn config_for(&self, path: Option<&Path>) -> ConfigKey {
        ConfigKey(match &self.choice {
            ConfigChoice::Isolated => None,
            ConfigChoice::File(p) => Some(p.clone()),
            ConfigChoice::Find => path
                .and_then(Path::parent)
                .or(self.root.as_deref())
                .and_then(|start| config::find(start).map(|rel| normalize(&start.join(rel), true))),
        })
    }

    /// The config at `config`, loaded now if it is not yet (or was dropped as stale).
    pub(super) fn entry(&mut self, key: &ConfigKey) -> &Entry {
        let config = key.0.as_deref();
        let cwd = config
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root.clone())
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let (extra, lang) = (&self.extra, self.lang);
        self.entries
            .entry(key.clone())
            .or_insert_with(|| load(config, extra, lang, &cwd))
    }

    /// The errors of the configs that could not be loaded.
    pub(super) fn errors(&self) -> impl Iterator<Item = &PackError> {
        self.entries.values().filter_map(|e| e.state.as_ref().err())
    }

    /// Drops every config whose files changed since it was loaded, and returns whether any
    /// did; the next [`Workspaces::entry`] loads it again.
    pub(super) fn drop_stale(&mut self) -> bool {
        let before = self.entries.len();
        self.entries
            .retain(|_, e| e.stamps.iter().all(|(p, s)| stamp(p) == *s));
        self.entries.len() != before
    }
}

/// Loads the config at `config` (or none) with its packs and the `extra` packs.
fn load(config: Option<&Path>, extra: &[PathBuf], lang: Option<Lang>, cwd: &Path) -> Entry {
    let mut files: Vec<PathBuf> = config.iter().map(|p| p.to_path_buf()).collect();
    files.extend(extra.iter().cloned());
    let state = (|| {
        let loaded = config.map(config::load).transpose()?;
        if let Some(c) = &loaded {
            files.extend(config::named_files(c).iter().map(|p| normalize(p, true)));
        }
        let rules = RuleSet::load(&config::packs(loaded.as_ref(), extra)?)?;
        let cli = CliValues {
            lang,
            ..CliValues::default()
        };
        let settings = Settings::new(loaded, &cli, &rules.known_codes(), cwd, config::today())?;
        Ok(Ready { rules, settings })
    })();
    let stamps = files
        .into_iter()
        .map(|p| {
            let s = stamp(&p);
            (p, s)
        })
        .collect();
    Entry { stamps, state }
}
