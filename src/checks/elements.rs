//! `elements`: each section covering one of the `within` areas holds given elements — a goal,
//! a measurable indicator, a responsible party, a time frame.
//!
//! Unlike `mention`, every covering section is judged on its own, so a goal under Bostäder does
//! not make up for a missing one under Folkhälsa. Elements are `groups`; the patterns `#number`
//! and `#year` let a group ask for a figure or a date. As for `mention`, what a placeholder takes
//! out does not count (`Mål: [ange antal] deltagare` has a goal, but no figure).

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::pack::{PackError, RawParams, RuleDef};

use super::{missing_groups, Check, Compile, Cx, Group, GroupDef};

/// The keys of an `elements` rule. Both are needed; they are optional here so that a missing
/// one is reported as the rule lacking a key, at its `kind`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ElementsParams {
    /// Codes of `section` rules whose sections must each hold the elements.
    #[schemars(with = "Option<Vec<String>>")]
    pub within: Option<Vec<Spanned<String>>>,
    /// The elements, each a group of terms.
    pub groups: Option<Vec<GroupDef>>,
}

/// The fields of [`ElementsParams`].
pub(super) const KEYS: &[&str] = &["within", "groups"];

#[derive(Debug)]
struct ElementsCheck {
    within: Vec<usize>,
    groups: Vec<Group>,
}

pub(super) fn compile(
    rule: &RuleDef,
    raw: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let params: ElementsParams = cx.params(raw)?;
    let within = cx.within(params.within.as_deref())?;
    if within.is_empty() {
        return Err(cx.missing_key(rule, "within"));
    }
    Ok(Box::new(ElementsCheck {
        within,
        groups: cx.groups(rule, params.groups.as_deref())?,
    }))
}

impl Check for ElementsCheck {
    fn groups(&self) -> &[Group] {
        &self.groups
    }

    fn doc_placeholders(&self, lang: crate::i18n::Lang) -> Vec<(&'static str, String)> {
        vec![super::groups_placeholder(&self.groups, lang)]
    }

    fn within(&self) -> &[usize] {
        &self.within
    }

    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for &rule in &self.within {
            let Some(area) = cx.areas.get(rule) else {
                continue;
            };
            for id in area.covered() {
                let missing = missing_groups(cx, &self.groups, &cx.section_scope(id));
                if missing.is_empty() {
                    continue;
                }
                let missing = missing.join(", ");
                let section = &cx.doc.sections[id];
                let label = super::label(
                    cx.lang.pick("avsnittet saknar", "the section lacks"),
                    &missing,
                );
                let vars = [
                    ("missing", missing.as_str()),
                    ("section", section.title.as_str()),
                    ("area", area.name.get(cx.lang)),
                ];
                out.push(cx.diagnostic(section.heading_span.clone(), label, &vars));
            }
        }
    }
}
