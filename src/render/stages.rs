//! How many plans of a run were judged at each stage, for the formats that close with a
//! summary (human, JSON): the stage a plan was judged at is part of what a run says.

use crate::i18n::Lang;
use crate::run::Checked;

/// Plans per stage, in the order stages were first met; `None` is a plan without one.
#[derive(Debug, Default)]
pub struct StageTally {
    /// The stages in their order (the settings').
    order: Vec<String>,
    counts: Vec<(Option<String>, usize)>,
    /// Whether the stage came from `--stage`, for every plan.
    flag: bool,
}

impl StageTally {
    /// No plan counted yet; stages are listed in the order of `order`.
    pub fn new<'s>(order: impl Iterator<Item = &'s str>) -> Self {
        StageTally {
            order: order.map(str::to_owned).collect(),
            ..StageTally::default()
        }
    }

    /// Counts the plan `file` (other files are not counted).
    pub fn add(&mut self, file: &Checked) {
        if !file.is_plan {
            return;
        }
        let facts = &file.source.facts;
        self.flag = facts.stage_from_flag;
        match self.counts.iter_mut().find(|(s, _)| *s == facts.stage) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((facts.stage.clone(), 1)),
        }
    }

    /// Whether any plan was judged at a stage.
    pub fn any(&self) -> bool {
        self.counts.iter().any(|(s, _)| s.is_some())
    }

    /// The stage every plan was judged at, when `--stage` set it.
    pub fn flagged(&self) -> Option<&str> {
        if !self.flag {
            return None;
        }
        self.counts.iter().find_map(|(s, _)| s.as_deref())
    }

    /// Plans per stage, in stage order with plans without a stage last.
    pub fn counts(&self) -> Vec<(Option<&str>, usize)> {
        let mut out: Vec<(Option<&str>, usize)> = self
            .counts
            .iter()
            .map(|(s, n)| (s.as_deref(), *n))
            .collect();
        let rank = |s: Option<&str>| {
            s.map_or(usize::MAX, |s| {
                self.order
                    .iter()
                    .position(|o| o == s)
                    .unwrap_or(usize::MAX - 1)
            })
        };
        out.sort_by_key(|(s, _)| rank(*s));
        out
    }

    /// The words a summary line ends with: `granskade i skedet `för beslut``, or `skeden: 3
    /// `för beslut`, 1 utan status`; empty when no plan was judged at a stage.
    pub fn describe(&self, lang: Lang) -> String {
        if let Some(stage) = self.flagged() {
            return format!(
                "{} `{}` (`--stage`)",
                lang.pick("granskade i skedet", "judged at the stage"),
                crate::render::escape::terminal_line(stage)
            );
        }
        if !self.any() {
            return String::new();
        }
        let parts: Vec<String> = self
            .counts()
            .into_iter()
            .map(|(s, n)| match s {
                Some(s) => format!("{n} `{}`", crate::render::escape::terminal_line(s)),
                None => format!("{n} {}", lang.pick("utan status", "without a status")),
            })
            .collect();
        format!("{}: {}", lang.pick("skeden", "stages"), parts.join(", "))
    }
}
