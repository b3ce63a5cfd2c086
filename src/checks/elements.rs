//! `elements`: each section covering one of the `within` areas holds given elements — a goal,
//! a measurable indicator, a responsible party, a time frame.
//!
//! Unlike `mention`, every covering section is judged on its own, so a goal under Bostäder does
//! not make up for a missing one under Folkhälsa. Elements are `groups`; the patterns `#number`
//! and `#year` let a group ask for a figure or a date.

use crate::diagnostic::Diagnostic;
use crate::pack::{PackError, RuleDef};

use super::{missing_groups, Check, Compile, Cx, Group};

#[derive(Debug)]
struct ElementsCheck {
    within: Vec<usize>,
    groups: Vec<Group>,
}

pub(super) fn compile(rule: &RuleDef, cx: &Compile<'_>) -> Result<Box<dyn Check>, PackError> {
    let within = cx.within(rule)?;
    if within.is_empty() {
        return Err(cx.missing_key(rule, "within"));
    }
    Ok(Box::new(ElementsCheck {
        within,
        groups: cx.groups(rule)?,
    }))
}

impl Check for ElementsCheck {
    fn run(&self, cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
        for &rule in &self.within {
            let Some(area) = cx.areas.get(rule) else {
                continue;
            };
            for id in area.covered() {
                let blocks = cx.own_blocks_in(id);
                let missing = missing_groups(&self.groups, &blocks, cx.lang);
                if missing.is_empty() {
                    continue;
                }
                let missing = missing.join(", ");
                let section = &cx.doc.sections[id];
                let label = format!(
                    "{} {missing}",
                    cx.lang.pick("avsnittet saknar", "the section lacks")
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
