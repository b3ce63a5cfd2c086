//! `metadata`: required front-matter fields (förvaltning, år, ansvarig, …) are present and not
//! empty. Keys are compared folded, so `förvaltning` and `forvaltning` are the same key.

use crate::diagnostic::Diagnostic;
use crate::matching::fold;
use crate::pack::{FieldDef, PackError, RuleDef};

use super::{Check, Compile, Cx};

#[derive(Debug)]
struct MetadataCheck {
    fields: Vec<FieldDef>,
}

pub(super) fn compile(rule: &RuleDef, cx: &Compile<'_>) -> Result<Box<dyn Check>, PackError> {
    let fields = rule
        .fields
        .as_ref()
        .ok_or_else(|| cx.missing_key(rule, "fields"))?;
    Ok(Box::new(MetadataCheck {
        fields: fields.get_ref().clone(),
    }))
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
            .map(|f| format!("`{}`", f.label.get(cx.lang)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let missing = missing.join(", ");
        let lang = cx.lang;
        let (span, label) = match fm {
            None => (
                cx.start(),
                lang.pick(
                    "planen har ingen front matter (`---` överst)",
                    "the plan has no front matter (`---` at the top)",
                )
                .to_owned(),
            ),
            Some(f) => match &f.error {
                Some(e) => (
                    f.opening(),
                    format!(
                        "{}: {e}",
                        lang.pick(
                            "front matter kan inte läsas",
                            "the front matter cannot be read"
                        )
                    ),
                ),
                None => (
                    f.opening(),
                    format!("{} {missing}", lang.pick("här saknas", "missing here:")),
                ),
            },
        };
        out.push(cx.diagnostic(span, label, &[("missing", &missing)]));
    }
}
