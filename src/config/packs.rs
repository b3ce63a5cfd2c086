//! Which rule packs a run loads: the config's `packs` (or the built-in pack, without a config or
//! a `packs` key), then the `--rules` packs. The names of the built-in pack live here alone.

use std::path::PathBuf;

use super::Loaded;
use crate::i18n::fill_pair;
use crate::pack::{FileKind, PackError, Source};

/// The names a config gives the built-in pack in `packs`.
pub const BUILTIN_NAMES: [&str; 2] = ["builtin", "integrationspolicy"];

/// Whether `name` in `packs` means the built-in pack.
pub fn is_builtin(name: &str) -> bool {
    BUILTIN_NAMES.contains(&name)
}

/// The pack files `config`'s `packs` names, whether or not they exist (for watching them).
pub fn named_files(config: &Loaded) -> Vec<PathBuf> {
    config.file.packs.as_ref().map_or_else(Vec::new, |packs| {
        packs
            .get_ref()
            .iter()
            .map(toml::Spanned::get_ref)
            .filter(|p| !is_builtin(p))
            .map(|p| config.dir().join(p))
            .collect()
    })
}

/// The packs to load, in order: those `config` names (the built-in one without a config or a
/// `packs` key), then `extra`. A named pack that does not exist is an error at its name.
pub fn packs(config: Option<&Loaded>, extra: &[PathBuf]) -> Result<Vec<Source>, PackError> {
    let mut sources = Vec::new();
    match config.and_then(|c| c.file.packs.as_ref().map(|p| (c, p))) {
        None => sources.push(Source::Builtin),
        Some((c, packs)) => {
            for entry in packs.get_ref() {
                let name = entry.get_ref();
                if is_builtin(name) {
                    sources.push(Source::Builtin);
                    continue;
                }
                let path = c.dir().join(name);
                if !path.is_file() {
                    let mut e = PackError::at(
                        &c.path.display().to_string(),
                        &c.text,
                        entry.span(),
                        fill_pair(
                            "regelpaketet `{why}` finns inte",
                            "the rule pack `{why}` does not exist",
                            name,
                        ),
                        fill_pair(
                            "sökvägen räknas från konfigurationsfilens katalog",
                            "the path is relative to the config file's directory",
                            "",
                        ),
                    )
                    .with_help(fill_pair(
                        "det inbyggda paketet heter `builtin`",
                        "the built-in pack is called `builtin`",
                        "",
                    ));
                    e.code = FileKind::Config.code();
                    return Err(e);
                }
                sources.push(Source::File(path));
            }
        }
    }
    sources.extend(extra.iter().cloned().map(Source::File));
    Ok(sources)
}
