//! `metadata`: required front-matter fields (förvaltning, år, ansvarig, …) are present and not
//! empty. Keys are compared folded, so `förvaltning` and `forvaltning` are the same key.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::i18n::Localized;
use crate::matching::fold;
use crate::pack::{PackError, RawParams, RuleDef};

use super::{Check, Compile, Cx};

/// The keys of a `metadata` rule. `fields` is needed; it is optional here so that a missing one
/// is reported as the rule lacking a key, at its `kind`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct MetadataParams {
    /// Required front-matter fields.
    pub fields: Option<Vec<FieldDef>>,
}

/// The fields of [`MetadataParams`].
pub(super) const KEYS: &[&str] = &["fields"];

/// A required front-matter field.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldDef {
    /// The key, e.g. `förvaltning` (compared folded, so `forvaltning` works too).
    pub key: String,
    /// Other accepted keys, e.g. `department`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the field is, for messages.
    pub label: Localized,
}

#[derive(Debug)]
struct MetadataCheck {
    fields: Vec<FieldDef>,
}

pub(super) fn compile(
    rule: &RuleDef,
    raw: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let params: MetadataParams = cx.params(raw)?;
    let fields = params
        .fields
        .ok_or_else(|| cx.missing_key(rule, "fields"))?;
    Ok(Box::new(MetadataCheck { fields }))
}

impl Check for MetadataCheck {
    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        let fm = cx.doc.front_matter.as_ref();
        let present = |field: &FieldDef| {
            fm.into_iter().flat_map(|f| &f.fields).any(|f| {
                let key = fold(&f.key);
                !f.value.trim().is_empty()
                    && (key == fold(&field.key) || field.aliases.iter().any(|a| fold(a) == key))
            })
        };
        let missing: Vec<String> = self
            .fields
            .iter()
            .filter(|f| !present(f))
            .map(|f| super::quoted(f.label.get(cx.lang)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let missing = missing.join(", ");
        let lang = cx.lang;
        let word = cx.doc.reader != crate::document::Reader::Markdown;
        let (span, label) = match fm {
            None if word => (
                cx.start(),
                lang.pick(
                    "dokumentet har inga egna egenskaper med planens uppgifter",
                    "the document has no custom properties with the plan's details",
                )
                .to_owned(),
            ),
            None => (
                cx.start(),
                lang.pick(
                    "planen har inget uppgiftsblock överst (fälten mellan två rader `---`)",
                    "the plan has no details block at the top (the fields between two `---` lines)",
                )
                .to_owned(),
            ),
            Some(f) => match &f.error {
                Some(e) => (
                    f.opening(),
                    format!(
                        "{}: {}",
                        lang.pick(
                            "uppgiftsblocket kan inte läsas",
                            "the details block cannot be read"
                        ),
                        e.describe(lang)
                    ),
                ),
                None => (
                    f.opening(),
                    super::label(lang.pick("här saknas", "missing here:"), &missing),
                ),
            },
        };
        let mut d = cx.diagnostic(span, label, &[("missing", &missing)]);
        if word {
            // A Word plan's details are its custom document properties.
            d.help = Some(format!(
                "{} {missing}",
                lang.pick(
                    "i Word: Arkiv > Info > Egenskaper > Avancerade egenskaper > Anpassad; i LibreOffice: Arkiv > Egenskaper > Anpassade egenskaper; lägg till",
                    "in Word: File > Info > Properties > Advanced Properties > Custom; in LibreOffice: File > Properties > Custom Properties; add",
                )
            ).into());
        }
        out.push(d);
    }
}
