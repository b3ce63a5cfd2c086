//! Reading a pack file: TOML with spans, then the checks that need no rule kind.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::de::IntoDeserializer as _;
use serde::Deserialize;

use super::error::{FileKind, PackError};
use super::{params, PackDef, PackHeader, RuleDef};
use crate::i18n::{t, Localized};
use crate::suggest::did_you_mean;

/// The built-in pack, embedded at build time.
const BUILTIN_TEXT: &str = include_str!("../../rules/integrationspolicy.toml");

/// Path shown for the built-in pack.
pub(crate) const BUILTIN_PATH: &str = "rules/integrationspolicy.toml";

/// A whole pack file: the header and the rules.
/// Its JSON Schema is `checks::schema::PackSchema`, which knows every kind's keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPack {
    /// The `[pack]` header.
    pub pack: PackHeader,
    #[serde(default)]
    /// The `[[rule]]` entries.
    pub rule: Vec<RuleDef>,
}

/// The built-in integration-policy pack; `kind_keys` are every rule kind's own keys.
pub(crate) fn builtin(kind_keys: &[&str]) -> Result<PackDef, PackError> {
    let mut def = parse(BUILTIN_PATH, BUILTIN_TEXT, kind_keys)?;
    def.builtin = true;
    Ok(def)
}

/// A short digest of a pack's bytes, `sha256:` and the first 12 hex digits of their SHA-256:
/// what names a pack that has no `version`, and tells two versions of one pack apart.
pub(crate) fn digest(text: &str) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let hash = sha2::Sha256::digest(text.as_bytes());
    let mut out = String::from("sha256:");
    for b in &hash[..6] {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The largest rule pack or config file planlint reads. The built-in pack is about 40 kB; a file
/// of megabytes is a mistake (the wrong file named), and reading it would slow every run.
pub(super) const MAX_TOML_BYTES: u64 = 2_000_000;

/// Reads a TOML file as text; a file that cannot be read, is too large or is not UTF-8 is an
/// error.
pub(crate) fn read_text(path: &Path, kind: FileKind) -> Result<String, PackError> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) => {
            // A link to nothing (or a loop) is there, so "does not exist" would mislead.
            if let Ok(target) = std::fs::read_link(path) {
                return Err(broken_link(kind, &shown, &target, &e));
            }
            None
        }
    };
    if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(cannot_read(kind, &shown, &e));
    }
    // A named pipe or a device is never opened: opening a pipe blocks, and a device may never
    // end.
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(not_regular(kind, &shown));
    }
    let size = meta.map_or(0, |m| m.len());
    if size > MAX_TOML_BYTES {
        return Err(too_large(kind, &shown, Some(size)));
    }
    let bytes = read_capped(path).map_err(|e| cannot_read(kind, &shown, &e))?;
    if bytes.len() as u64 > MAX_TOML_BYTES {
        return Err(too_large(kind, &shown, None));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(kind, &shown, &e))
}

/// The bytes of the file at `path`, at most one past [`MAX_TOML_BYTES`]. The size a file claims
/// is not a bound (a device, or a file of /proc, says 0): the read itself stops there.
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_TOML_BYTES + 1).read_to_end(&mut bytes))?;
    Ok(bytes)
}

/// An error about the file `shown` as a whole: it has no text to point into.
fn file_error(
    kind: FileKind,
    shown: &str,
    message: Localized,
    help: Option<Localized>,
) -> PackError {
    PackError {
        code: kind.code(),
        path: shown.to_owned(),
        text: String::new(),
        span: None,
        message,
        label: t("", ""),
        help,
    }
}

/// What to do when the path names something other than a TOML file.
fn wrong_file() -> Localized {
    t(
        "kontrollera att sökvägen pekar på rätt fil",
        "check that the path names the right file",
    )
}

/// The file is a named pipe, a device or the like, and was not opened.
fn not_regular(kind: FileKind, shown: &str) -> PackError {
    let (sv, en) = kind.noun();
    file_error(
        kind,
        shown,
        t(
            format!("{sv} `{shown}` är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och lästes inte"),
            format!("{en} `{shown}` is not a regular file (e.g. a named pipe or a device) and was not read"),
        ),
        Some(wrong_file()),
    )
}

/// The file is over [`MAX_TOML_BYTES`]: `size` as its metadata says, or `None` when only the
/// read found out.
fn too_large(kind: FileKind, shown: &str, size: Option<u64>) -> PackError {
    let (sv, en) = kind.noun();
    #[allow(clippy::cast_precision_loss)]
    let (sv_size, en_size) = match size {
        Some(size) => {
            let mb = size as f64 / 1e6;
            (format!("är {mb:.1} MB"), format!("is {mb:.1} MB"))
        }
        None => (
            "är större än 2 MB".to_owned(),
            "is larger than 2 MB".to_owned(),
        ),
    };
    file_error(
        kind,
        shown,
        t(
            format!("{sv} `{shown}` {sv_size}; planlint läser högst 2 MB"),
            format!("{en} `{shown}` {en_size}; planlint reads at most 2 MB"),
        ),
        Some(wrong_file()),
    )
}

/// The file could not be opened or read, with the operating system's reason in plain words.
fn cannot_read(kind: FileKind, shown: &str, e: &std::io::Error) -> PackError {
    let (sv, en) = kind.noun();
    let why = crate::i18n::os_reason(e);
    file_error(
        kind,
        shown,
        t(
            format!("{sv} `{shown}` kan inte läsas: {}", why.sv),
            format!("cannot read {en} `{shown}`: {}", why.en),
        ),
        None,
    )
}

/// The path is a symbolic link that leads to nothing (`e` says why: no target, a loop).
fn broken_link(kind: FileKind, shown: &str, target: &Path, e: &std::io::Error) -> PackError {
    let (sv, en) = kind.noun();
    let target = target.display();
    let why = crate::i18n::os_reason(e);
    file_error(
        kind,
        shown,
        t(
            format!(
                "{sv} `{shown}` är en trasig länk till `{target}`: {}",
                why.sv
            ),
            format!("{en} `{shown}` is a broken link to `{target}`: {}", why.en),
        ),
        Some(t(
            "låt länken peka på en fil som finns, eller ta bort den",
            "point the link at a file that exists, or remove it",
        )),
    )
}

/// The file is not UTF-8: an error at its first invalid byte, in the text read so far.
fn not_utf8(kind: FileKind, shown: &str, e: &std::string::FromUtf8Error) -> PackError {
    let (sv, en) = kind.noun();
    let at = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
    let mut err = PackError::at(
        shown,
        &text,
        at..at + 1,
        t(
            format!("{sv} är inte giltig UTF-8"),
            format!("{en} is not valid UTF-8"),
        ),
        t("första ogiltiga byte", "first invalid byte"),
    );
    err.code = kind.code();
    err
}

/// Reads and parses the pack at `path` (see [`parse`]).
pub(crate) fn load(path: &Path, kind_keys: &[&str]) -> Result<PackDef, PackError> {
    let text = read_text(path, FileKind::Pack)?;
    parse(&path.display().to_string(), &text, kind_keys)
}

/// Parses pack text; `path` is only for messages. `kind_keys` are the keys that some rule kind
/// takes: they are left to the kinds, and named when a rule key is misspelt.
pub(crate) fn parse(path: &str, text: &str, kind_keys: &[&str]) -> Result<PackDef, PackError> {
    let mut root =
        toml::de::DeTable::parse(text).map_err(|e| toml_error(path, text, &e, FileKind::Pack))?;
    // The kinds' keys are read when the rules are compiled; what is left is the common keys and
    // any key nobody takes.
    let split = params::split(root.get_mut(), kind_keys);
    let raw = RawPack::deserialize(root.into_deserializer()).map_err(|e| {
        // A misspelt rule key may have been meant as any kind's key, not only a common one.
        let rule_key = e.span().is_some_and(|s| split.rule_keys.contains(&s));
        let kind_keys = if rule_key { kind_keys } else { &[] };
        toml_error_with(path, text, &e, FileKind::Pack, kind_keys)
    })?;
    let def = PackDef {
        header: raw.pack,
        builtin: false,
        rules: raw.rule,
        path: path.to_owned(),
        text: text.to_owned(),
    };
    validate(&def)?;
    Ok(def)
}

/// A TOML parse or shape error as a [`PackError`] at its span, with "did you mean" for a
/// misspelt key and what to write for a key with å, ä or ö that TOML cannot read unquoted.
pub(crate) fn toml_error(path: &str, text: &str, e: &toml::de::Error, kind: FileKind) -> PackError {
    toml_error_with(path, text, e, kind, &[])
}

/// [`toml_error`], where a misspelt key may also have been meant as one of `more_keys`.
fn toml_error_with(
    path: &str,
    text: &str,
    e: &toml::de::Error,
    kind: FileKind,
    more_keys: &[&str],
) -> PackError {
    let (sv, en) = kind.noun();
    let span = e.span().unwrap_or(0..0);
    let detail = e.message().trim().to_owned();
    let mut err = PackError::at(
        path,
        text,
        span.clone(),
        t(
            format!("{sv} kan inte läsas"),
            format!("{en} cannot be read"),
        ),
        t(detail.clone(), detail.clone()),
    );
    err.code = kind.code();
    if let Some((label, help)) = super::unquoted::hint(text, &span, &detail) {
        err.label = label;
        err = err.with_help(help);
    }
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let more = more_keys.iter().filter(|k| !expected.contains(k));
        let expected: Vec<&str> = expected.iter().chain(more).copied().collect();
        err.message = t(
            format!("okänd nyckel `{field}` i {sv}"),
            format!("unknown key `{field}` in {en}"),
        )
        .excerpted();
        err.label = t("okänd nyckel", "unknown key");
        err = err.with_suggestion(did_you_mean(field, expected.iter().copied()));
    }
    err
}

/// Checks that need no rule kind: a version that says something, code prefix and uniqueness,
/// names, examples.
fn validate(def: &PackDef) -> Result<(), PackError> {
    if let Some(version) = def
        .header
        .version
        .as_ref()
        .filter(|v| v.get_ref().trim().is_empty())
    {
        return Err(PackError::at(
            &def.path,
            &def.text,
            version.span(),
            t("paketets `version` är tom", "the pack's `version` is empty"),
            t("tom version", "empty version"),
        )
        .with_help(t(
            "skriv paketets version, t.ex. `version = \"2026.1\"`, eller ta bort nyckeln (rapporten namnger då paketet med en kontrollsumma)",
            "write the pack's version, e.g. `version = \"2026.1\"`, or remove the key (the report then names the pack by a checksum)",
        )));
    }
    let prefix = def.header.prefix.get_ref();
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for rule in &def.rules {
        let code = rule.code.get_ref().as_str();
        let valid_code = code.len() > prefix.len()
            && code.starts_with(prefix.as_str())
            && code[prefix.len()..].bytes().all(|b| b.is_ascii_digit());
        if !valid_code {
            return Err(PackError::at(
                &def.path,
                &def.text,
                rule.code.span(),
                t(
                    format!("ogiltig regelkod `{code}`"),
                    format!("invalid rule code `{code}`"),
                ),
                t(
                    format!("en kod är prefixet `{prefix}` följt av siffror"),
                    format!("a code is the prefix `{prefix}` followed by digits"),
                ),
            ));
        }
        if let Some(first) = seen.insert(code, rule.code.span()) {
            let l1 = crate::source::line_of(&def.text, first.start);
            return Err(PackError::at(
                &def.path,
                &def.text,
                rule.code.span(),
                t(
                    format!("regelkoden `{code}` finns två gånger"),
                    format!("rule code `{code}` is defined twice"),
                ),
                t(
                    format!("redan använd på rad {l1}"),
                    format!("already used on line {l1}"),
                ),
            )
            .with_help(t(
                "ge regeln en egen, ny kod; koder återanvänds aldrig",
                "give the rule a new code of its own; codes are never reused",
            )));
        }
        let name = rule.name.get_ref();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(PackError::at(
                &def.path,
                &def.text,
                rule.name.span(),
                t(
                    format!("ogiltigt regelnamn `{name}`"),
                    format!("invalid rule name `{name}`"),
                ),
                t(
                    "använd gemener a–z, siffror och bindestreck",
                    "use lowercase a–z, digits and hyphens",
                ),
            ));
        }
    }
    Ok(())
}
