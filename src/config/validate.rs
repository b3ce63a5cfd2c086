//! Checks of `planlint.toml` that need the loaded rules: codes exist, globs compile, values are
//! known. Each mistake is an error at its span with a "did you mean" where one is close.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;

use super::{Loaded, SpannedStrings};
use crate::i18n::{fill_pair, Localized};
use crate::pack::{suggest_code, FileKind, PackError};

/// An error at `span` of the config file.
pub(super) fn error(
    config: &Loaded,
    span: std::ops::Range<usize>,
    message: Localized,
    label: Localized,
) -> PackError {
    let mut e = PackError::at(
        &config.path.display().to_string(),
        &config.text,
        span,
        message,
        label,
    );
    e.code = FileKind::Config.code();
    e
}

/// Checks that `code` is a loaded rule's code.
pub(super) fn code(
    config: &Loaded,
    code: &Spanned<String>,
    known: &[&str],
) -> Result<String, PackError> {
    let c = code.get_ref();
    if let Some(found) = known.iter().find(|k| k.eq_ignore_ascii_case(c)) {
        return Ok((*found).to_owned());
    }
    let e = error(
        config,
        code.span(),
        fill_pair(
            "okänd regelkod `{why}` i konfigurationen",
            "unknown rule code `{why}` in the configuration",
            c,
        ),
        fill_pair(
            "ingen inläst regel har den koden",
            "no loaded rule has this code",
            "",
        ),
    );
    Err(e.with_suggestion(suggest_code(c, known.iter().copied())))
}

/// Checks every code of a list.
pub(super) fn codes(
    config: &Loaded,
    list: &SpannedStrings,
    known: &[&str],
) -> Result<Vec<String>, PackError> {
    list.get_ref()
        .iter()
        .map(|c| code(config, c, known))
        .collect()
}

/// Compiles globs into one set.
pub(super) fn globs(config: &Loaded, list: &SpannedStrings) -> Result<GlobSet, PackError> {
    let mut builder = GlobSetBuilder::new();
    for g in list.get_ref() {
        // As in .gitignore: `*` stays within one directory, `**` crosses directories.
        let glob = GlobBuilder::new(g.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| {
                error(
                    config,
                    g.span(),
                    fill_pair(
                        "ogiltigt mönster `{why}`",
                        "invalid glob `{why}`",
                        g.get_ref(),
                    ),
                    Localized {
                        sv: e.kind().to_string(),
                        en: e.kind().to_string(),
                    },
                )
            })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| {
        error(
            config,
            list.span(),
            fill_pair("ogiltiga mönster", "invalid globs", ""),
            Localized {
                sv: e.to_string(),
                en: e.to_string(),
            },
        )
    })
}
