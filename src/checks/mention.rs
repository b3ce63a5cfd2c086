//! `mention`: given terms occur, in the whole plan or in the sections covering other rules' areas.
//!
//! Each `groups` entry is one thing the text must talk about; a group is present when any of
//! its terms occurs. With `require = "all"` (the default) every group must be present, with
//! `"any"` one is enough. Quoted text (block quotes) does not count: quoting the policy is not
//! acting on it; nor does what a placeholder takes out (`TODO: beskriv hur vi motverkar
//! diskriminering.` is a note to the writer, not the plan's word). When `within` names areas the plan does not cover, the area rule has already
//! reported that and this rule stays quiet.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::i18n::fill_pair;
use crate::pack::{PackError, RawParams, RuleDef};

use super::{missing_groups, Check, Compile, Cx, Group, GroupDef};

/// The keys of a `mention` rule. `groups` is needed; it is optional here so that a missing one
/// is reported as the rule lacking a key, at its `kind`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct MentionParams {
    /// Codes of `section` rules whose sections are searched (default: the whole plan).
    #[schemars(with = "Option<Vec<String>>")]
    pub within: Option<Vec<Spanned<String>>>,
    /// Groups of terms, each one thing the text must talk about.
    pub groups: Option<Vec<GroupDef>>,
    /// `all` groups (default) or `any` group must occur.
    #[schemars(with = "Option<String>")]
    pub require: Option<Spanned<String>>,
}

/// The fields of [`MentionParams`].
pub(super) const KEYS: &[&str] = &["within", "groups", "require"];

#[derive(Debug)]
struct MentionCheck {
    within: Vec<usize>,
    groups: Vec<Group>,
    all: bool,
}

pub(super) fn compile(
    rule: &RuleDef,
    raw: RawParams<'_>,
    cx: &Compile<'_>,
) -> Result<Box<dyn Check>, PackError> {
    let params: MentionParams = cx.params(raw)?;
    let all = match &params.require {
        None => true,
        Some(r) if r.get_ref() == "all" => true,
        Some(r) if r.get_ref() == "any" => false,
        Some(r) => {
            return Err(cx.error(
                r.span(),
                fill_pair(
                    "okänt värde `{why}` för `require`",
                    "unknown value `{why}` for `require`",
                    r.get_ref(),
                ),
                fill_pair("använd `all` eller `any`", "use `all` or `any`", ""),
            ))
        }
    };
    Ok(Box::new(MentionCheck {
        within: cx.within(params.within.as_deref())?,
        groups: cx.groups(rule, params.groups.as_deref())?,
        all,
    }))
}

impl Check for MentionCheck {
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
        let first = self
            .within
            .iter()
            .find_map(|&r| cx.areas.covered(r).first().copied());
        if !self.within.is_empty() && first.is_none() {
            return;
        }
        let missing = missing_groups(cx, &self.groups, &cx.scope(&self.within));
        let fails = if self.all {
            !missing.is_empty()
        } else {
            missing.len() == self.groups.len()
        };
        if !fails {
            return;
        }
        let missing = missing.join(", ");
        let (span, section) = match first {
            Some(s) => (
                cx.doc.sections[s].heading_span.clone(),
                cx.doc.sections[s].title.clone(),
            ),
            // Something the whole plan should say belongs in its title or introduction.
            None => (
                cx.doc
                    .title()
                    .map_or_else(|| cx.start(), |t| cx.doc.sections[t].heading_span.clone()),
                String::new(),
            ),
        };
        let label = super::label(
            cx.lang.pick("här nämns inte", "nothing here mentions"),
            &missing,
        );
        out.push(cx.diagnostic(span, label, &[("missing", &missing), ("section", &section)]));
    }
}
