//! Checks of `planlint.toml` that need the loaded rules: codes exist, globs compile, values are
//! known. Each mistake is an error at its span with a "did you mean" where one is close.

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;

use super::values::{ConfigWaiver, Level};
use super::{Loaded, SeverityMap, SpannedStrings};
use crate::i18n::{fill_pair, Localized};
use crate::pack::{FileKind, PackError};
use crate::suggest::{suggest_code, suggestion};

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

pub(super) fn severity_map(
    c: &Loaded,
    map: &SeverityMap,
    known: &[&str],
) -> Result<BTreeMap<String, Level>, PackError> {
    map.iter()
        .map(|(name, level)| Ok((code(c, name, known)?, *level.get_ref())))
        .collect()
}

pub(super) fn waiver(
    c: &Loaded,
    w: &toml::Spanned<super::WaiverDef>,
    known: &[&str],
) -> Result<ConfigWaiver, PackError> {
    let def = w.get_ref();
    if def.reason.get_ref().trim().is_empty() {
        return Err(error(
            c,
            def.reason.span(),
            fill_pair(
                "undantaget saknar motivering",
                "the waiver has no reason",
                "",
            ),
            fill_pair(
                "skriv varför undantaget behövs; det är en del av beslutsunderlaget",
                "say why the waiver is needed; it is part of the record",
                "",
            ),
        ));
    }
    let expires = match &def.expires {
        Some(d) => match (d.get_ref().date, d.get_ref().time) {
            (Some(date), None) => Some(date.to_string()),
            _ => {
                return Err(error(
                    c,
                    d.span(),
                    fill_pair(
                        "`expires` ska vara ett datum",
                        "`expires` must be a date",
                        "",
                    ),
                    fill_pair(
                        "skriv t.ex. `expires = 2027-12-31`",
                        "write e.g. `expires = 2027-12-31`",
                        "",
                    ),
                ))
            }
        },
        None => None,
    };
    Ok(ConfigWaiver {
        paths: globs(c, &def.paths)?,
        codes: codes(c, &def.codes, known)?,
        reason: def.reason.get_ref().trim().to_owned(),
        decided: def.decided.clone(),
        expires,
        source: format!("{}:{}", c.path.display(), c.line_of(w.span().start)),
        span: w.span(),
    })
}

pub(super) fn cli_code(code: &str, known: &[&str]) -> Result<String, PackError> {
    if let Some(found) = known.iter().find(|k| k.eq_ignore_ascii_case(code.trim())) {
        return Ok((*found).to_owned());
    }
    let hint = suggest_code(code, known.iter().copied()).map(suggestion);
    Err(PackError {
        code: crate::diagnostic::codes::ARGUMENT.code,
        path: String::new(),
        text: String::new(),
        span: None,
        message: fill_pair(
            "okänd regelkod `{why}` på kommandoraden",
            "unknown rule code `{why}` on the command line",
            code,
        )
        .excerpted(),
        label: fill_pair("", "", ""),
        help: hint,
    })
}
