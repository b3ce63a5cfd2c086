//! `planlint.toml`: finding it, parsing it with spans, and checking it against the loaded rules.
//!
//! The file is found by walking up from the current directory (`planlint.toml` before
//! `.planlint.toml` in each directory), or named with `--config`; `--isolated` ignores it.
//! Every mistake is a [`PackError`] with the span of the offending bytes (code `PL101`), so it
//! is rendered rustc-style like a broken rule pack. Merging with defaults and the command line
//! happens in [`settings`].

mod describe;
pub mod estate;
mod stage_tables;
mod packs;
pub mod policy;
pub mod settings;
mod severity;
mod validate;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

pub use describe::describe;
pub use packs::{is_builtin, named_files, packs, BUILTIN_NAMES};
pub use policy::WaiverPolicy;
pub use settings::{ConfigWaiver, Level, Origin, Settings};
pub use severity::SeverityDef;

use crate::i18n::{fill_pair, t};
use crate::pack::{read_text, toml_error, FileKind, PackError};

/// File names looked for in each directory, in order.
pub const FILE_NAMES: [&str; 2] = ["planlint.toml", ".planlint.toml"];

/// A list with the span of each item.
pub type SpannedStrings = Spanned<Vec<Spanned<String>>>;

/// Severity overrides by rule code.
pub type SeverityMap = BTreeMap<Spanned<String>, Spanned<Level>>;

/// The `[severity]` table: by rule code, a level or a level with its reason.
pub type SeverityTable = BTreeMap<Spanned<String>, Spanned<SeverityDef>>;

/// `planlint.toml` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Packs to load: `"builtin"` (or `"integrationspolicy"`) for the built-in one, else paths
    /// relative to the config file. Without this key the built-in pack is loaded.
    #[schemars(with = "Option<Vec<String>>")]
    pub packs: Option<SpannedStrings>,
    /// For the CI gate: a file that looks like a plan and is hidden, or not matched by
    /// `include`, is an error (`PL005`) instead of a counted skip.
    #[schemars(with = "Option<bool>")]
    pub strict: Option<Spanned<bool>>,
    /// A run that finds no plan to check passes instead of failing with exit code 2 (as
    /// `--allow-empty`): for a new plans repository whose first plan is not written yet.
    #[schemars(with = "Option<bool>")]
    pub allow_empty: Option<Spanned<bool>>,
    /// Language of messages: `sv` or `en`.
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// Globs (relative to the config file) of plans to check; default every `*.md`.
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<SpannedStrings>,
    /// Globs of files never to check.
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<SpannedStrings>,
    /// Report only these codes.
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<SpannedStrings>,
    /// Never report these codes.
    #[schemars(with = "Option<Vec<String>>")]
    pub ignore: Option<SpannedStrings>,
    /// Severity by code: `error`, `warning`, `info` or `off`, or a table with `level` and
    /// `reason` (`{ level = "off", reason = "…" }`). Switching an area rule off needs the
    /// reason.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, severity::SeveritySchema>")]
    pub severity: SeverityTable,
    /// Severity overrides for some paths.
    #[serde(default, rename = "override")]
    pub overrides: Vec<OverrideDef>,
    /// Who may waive what, and what a waiver must hold.
    #[serde(default)]
    pub waiver_policy: WaiverPolicyDef,
    /// Exemptions with a reason.
    #[serde(default, rename = "waiver")]
    #[schemars(with = "Vec<WaiverDef>")]
    pub waivers: Vec<Spanned<WaiverDef>>,
    /// The roster: every department that should have a plan, and where it is expected.
    #[serde(default, rename = "department")]
    #[schemars(with = "Vec<estate::DepartmentDef>")]
    pub departments: Vec<Spanned<estate::DepartmentDef>>,
    /// Stages by name (`[stage."för beslut"]`): what changes from a stage on, and stages of the
    /// municipality's own.
    #[serde(default, rename = "stage")]
    #[schemars(with = "BTreeMap<String, estate::StageDef>")]
    pub stages: BTreeMap<Spanned<String>, estate::StageDef>,
}

/// One `[[override]]`: severities that apply to some paths.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideDef {
    /// Globs relative to the config file.
    #[schemars(with = "Vec<String>")]
    pub paths: SpannedStrings,
    /// Severity by code, as in `[severity]`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub severity: SeverityMap,
    /// Why: needed when the override switches an area rule off, which is a decision like a
    /// waiver.
    #[schemars(with = "Option<String>")]
    pub reason: Option<Spanned<String>>,
}

/// `[waiver_policy]`: the board's rules for waivers. Every key is optional; the defaults are
/// what a careful board would want (see the README, "Who may waive what").
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverPolicyDef {
    /// Codes an inline waiver in a plan may not waive: the board keeps them to `[[waiver]]`s.
    /// `"areas"` stands for every area rule (kind `section`, IP001–IP004 in the built-in pack).
    /// Default `["areas"]`; `[]` lets plan authors waive every rule.
    #[schemars(with = "Option<Vec<String>>")]
    pub inline_reserved: Option<SpannedStrings>,
    /// The fewest words (of two letters or more) a waiver's reason must hold. Default 3.
    pub min_reason_words: Option<usize>,
    /// The most codes one inline comment may waive. Default 3.
    pub max_inline_codes: Option<usize>,
    /// Whether every `[[waiver]]` needs an `expires` date. Default false.
    pub require_expires: Option<bool>,
    /// How many days ahead a `[[waiver]]`'s `expires` may lie at most, counted from today.
    pub max_expires_days: Option<u32>,
}

/// One `[[waiver]]`: codes that do not apply to some paths, with the reason why.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverDef {
    /// Globs relative to the config file.
    #[schemars(with = "Vec<String>")]
    pub paths: SpannedStrings,
    /// Rule codes waived.
    #[schemars(with = "Vec<String>")]
    pub codes: SpannedStrings,
    /// Why: part of the compliance record.
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
    /// The decision behind it, e.g. a diarienummer or § reference.
    pub decided: Option<String>,
    /// Last day the waiver applies (a TOML date, e.g. `2027-12-31`).
    #[schemars(with = "Option<String>")]
    pub expires: Option<Spanned<toml::value::Datetime>>,
}

/// A config file that was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Its path.
    pub path: PathBuf,
    /// Its text, for error labels.
    pub text: String,
    /// What it says.
    pub file: ConfigFile,
}

impl Loaded {
    /// The directory paths in the file are relative to.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// The 1-based line of a byte offset, for provenance.
    pub fn line_of(&self, byte: usize) -> usize {
        crate::source::line_of(&self.text, byte)
    }
}

/// Looks for a config file in `start` and its ancestors. The path is relative to `start`
/// (`planlint.toml`, `../../planlint.toml`), so messages and the waiver record do not depend
/// on where the repository is checked out.
///
/// Whatever stands under one of [`FILE_NAMES`] is found, file or not (a directory, a named
/// pipe, a link to nothing): passing it by for a config further up would change the verdict in
/// silence. [`load`] then says what is wrong with it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().enumerate().find_map(|(up, dir)| {
        FILE_NAMES
            .iter()
            .find(|n| present(&dir.join(n)))
            .map(|name| {
                let mut rel: PathBuf = std::iter::repeat_n("..", up).collect();
                rel.push(name);
                rel
            })
    })
}

/// Whether anything stands at `path`, without following a link or opening it. An entry that
/// cannot even be looked at (no permission on the directory) counts as there, so that reading
/// it says why instead of planlint passing it by.
fn present(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        ),
    }
}

/// The config file for a run in the current directory `start` (the path found is relative to
/// it): the one [`find`] finds, read as [`load`] reads it, or `None` when there is none. A file
/// found that cannot be read also says how planlint came to read it.
pub fn discover(start: &Path) -> Result<Option<Loaded>, PackError> {
    let Some(path) = find(start) else {
        return Ok(None);
    };
    if let Some(twin) = twin(&path) {
        return Err(two_configs(&path, &twin));
    }
    read(&path).map(Some).map_err(|mut e| {
        if e.span.is_none() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            e.help = Some(fill_pair(
                "planlint letar efter `planlint.toml` och `.planlint.toml` i katalogen och uppåt och läser den första den hittar; gör `{why}` till en vanlig textfil eller ta bort den, eller ange konfigurationen med `--config FILE` (ingen alls med `--isolated`)",
                "planlint looks for `planlint.toml` and `.planlint.toml` in the directory and upwards and reads the first it finds; make `{why}` a regular text file or remove it, or name the configuration with `--config FILE` (none at all with `--isolated`)",
                &name,
            ));
        }
        e
    })
}

/// Reads and parses the config file at `path`. Beside the other of [`FILE_NAMES`] it is an
/// error: which of the two applies would be a guess.
pub fn load(path: &Path) -> Result<Loaded, PackError> {
    if let Some(twin) = twin(path) {
        return Err(two_configs(path, &twin));
    }
    read(path)
}

/// Reads and parses the config file at `path`, whatever stands beside it.
fn read(path: &Path) -> Result<Loaded, PackError> {
    parse(path, read_text(path, FileKind::Config)?)
}

/// The other of [`FILE_NAMES`] beside `path`, if `path` has one of the names and the other is
/// there too.
fn twin(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let [a, b] = FILE_NAMES;
    let other = if name == a {
        b
    } else if name == b {
        a
    } else {
        return None;
    };
    let twin = path.with_file_name(other);
    present(&twin).then_some(twin)
}

/// `planlint.toml` and `.planlint.toml` in one directory.
fn two_configs(path: &Path, twin: &Path) -> PackError {
    let (mut first, mut second) = (path.display().to_string(), twin.display().to_string());
    if path.file_name().is_some_and(|n| n != FILE_NAMES[0]) {
        std::mem::swap(&mut first, &mut second);
    }
    let both = format!("`{first}` och `{second}`");
    let both_en = format!("`{first}` and `{second}`");
    PackError {
        code: FileKind::Config.code(),
        path: first.clone(),
        text: String::new(),
        span: None,
        message: t(
            format!("två konfigurationsfiler i samma katalog: {both}; planlint kan inte veta vilken som gäller"),
            format!("two configuration files in one directory: {both_en}; planlint cannot tell which one applies"),
        ),
        label: t("", ""),
        help: Some(t(
            "behåll en av dem: planlint läser bara en fil och slår inte ihop dem, så flytta det som ska gälla till den ena och ta bort den andra",
            "keep one of them: planlint reads only one file and does not merge them, so move what applies into one and remove the other",
        )),
    }
}

/// Parses config text; `path` is where it came from, for messages and relative paths.
pub fn parse(path: &Path, text: String) -> Result<Loaded, PackError> {
    let shown = path.display().to_string();
    let file: ConfigFile =
        toml::from_str(&text).map_err(|e| toml_error(&shown, &text, &e, FileKind::Config))?;
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        file,
    })
}

/// Today's date as `YYYY-MM-DD` (UTC), for waiver expiry: the date a run judges by, read once
/// and passed in (see [`Settings::new`]).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
