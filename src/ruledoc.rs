//! A rule's documentation as one value ([`RuleDoc`]), with two renderers: plain text for
//! `planlint explain` and Markdown for the editor's hover.
//!
//! It reads the compiled rule, not only the pack: the placeholders of a rule's texts are filled
//! from what its kind's keys became (the area's name, the groups' labels).

use std::fmt::Write as _;

use crate::engine::Rule;
use crate::i18n::{Lang, Text, HOW_TO_FIX};
use crate::pack::PackHeader;

const WHY: Text = Text {
    sv: "Varför:",
    en: "Why:",
};
const POLICY_CLAUSE: Text = Text {
    sv: "Policytext:",
    en: "Policy clause:",
};
const PASSING: Text = Text {
    sv: "Godkänt exempel:",
    en: "Passing example:",
};
const FAILING: Text = Text {
    sv: "Exempel som ger fel:",
    en: "Failing example:",
};

/// What is said about one rule, in one language, before it is rendered.
#[derive(Debug, Clone)]
pub(crate) struct RuleDoc<'a> {
    lang: Lang,
    code: &'a str,
    name: &'a str,
    /// The severity shown: the pack's, or the one the run's verdict gives the rule.
    severity: &'a str,
    summary: &'a str,
    why: Option<&'a str>,
    fix: String,
    /// Where the clause stands in the policy (its section).
    place: String,
    clause: String,
    pass: &'a str,
    fail: &'a str,
}

impl<'a> RuleDoc<'a> {
    /// The documentation of `rule` of the pack with `header`, with the pack's severity.
    pub(crate) fn new(rule: &'a Rule, header: &PackHeader, lang: Lang) -> Self {
        let def = &rule.def;
        RuleDoc {
            lang,
            code: def.code.get_ref(),
            name: def.name.get_ref(),
            severity: def.severity.as_str(),
            summary: def.summary.get(lang),
            why: def.rationale.as_ref().map(|r| r.get(lang)),
            fix: help_text(rule, header, lang),
            place: def.policy.place(header),
            clause: def.policy.quoted(),
            pass: &def.examples.pass,
            fail: &def.examples.fail,
        }
    }

    /// The same, with `fix` as what to do: a finding's own help, which knows the plan (the
    /// level and place of a missing section), instead of the rule's for a typical finding.
    #[must_use]
    pub(crate) fn with_fix(mut self, fix: &str) -> Self {
        fix.clone_into(&mut self.fix);
        self
    }

    /// The same, showing `severity` (as the run's verdict has it) instead of the pack's.
    #[must_use]
    pub(crate) fn with_severity(mut self, severity: &'a str) -> Self {
        self.severity = severity;
        self
    }

    /// Plain text, as `planlint explain CODE` prints it.
    pub(crate) fn plain(&self) -> String {
        let lang = self.lang;
        let mut out = String::new();
        let _ = writeln!(out, "{} {} ({})", self.code, self.name, self.severity);
        let _ = writeln!(out, "\n{}", self.summary);
        if let Some(why) = self.why {
            let _ = writeln!(out, "\n{}\n{why}", WHY.get(lang));
        }
        let _ = writeln!(out, "\n{}\n{}", HOW_TO_FIX.get(lang), self.fix);
        let _ = writeln!(
            out,
            "\n{} {}:\n  {}",
            POLICY_CLAUSE.get(lang),
            self.place,
            self.clause
        );
        let _ = writeln!(out, "\n{}\n{}", PASSING.get(lang), indent(self.pass));
        let _ = writeln!(out, "{}\n{}", FAILING.get(lang), indent(self.fail));
        out
    }

    /// Markdown, as the editor's hover shows it.
    pub(crate) fn markdown(&self) -> String {
        let lang = self.lang;
        let mut out = format!(
            "**{}** `{}` ({})\n\n{}\n\n",
            self.code, self.name, self.severity, self.summary
        );
        if let Some(why) = self.why {
            let _ = write!(out, "**{}** {why}\n\n", WHY.get(lang));
        }
        let _ = write!(
            out,
            "**{}** {}\n\n**{}** {}:\n\n> {}\n\n",
            HOW_TO_FIX.get(lang),
            self.fix,
            POLICY_CLAUSE.get(lang),
            self.place,
            self.clause
        );
        for (title, example) in [(PASSING, self.pass), (FAILING, self.fail)] {
            let fence = fence_for(example);
            let _ = write!(
                out,
                "**{}**\n\n{fence}markdown\n{}\n{fence}\n\n",
                title.get(lang),
                example.trim_end()
            );
        }
        out.trim_end().to_owned()
    }
}

/// The text `planlint explain CODE` prints for `rule` of the pack with `header`.
pub(crate) fn explain(compiled: &Rule, header: &PackHeader, lang: Lang) -> String {
    RuleDoc::new(compiled, header, lang).plain()
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// A rule's help with its `{placeholders}` filled as for a typical finding (for `explain` and
/// the SARIF rule descriptions).
pub(crate) fn help_text(rule: &Rule, header: &PackHeader, lang: Lang) -> String {
    example_text(rule, header, &rule.def.help, lang)
}

/// A rule's help as for a finding whose new section's heading has the marks `level` (`###`),
/// for the text the editor's quick fix inserts with the section.
pub(crate) fn help_at_level(rule: &Rule, header: &PackHeader, level: &str, lang: Lang) -> String {
    filled(rule, header, &rule.def.help, level, lang)
}

/// A rule text with its `{placeholders}` filled as they would be for a typical finding.
fn example_text(
    rule: &Rule,
    header: &PackHeader,
    text: &crate::i18n::Localized,
    lang: Lang,
) -> String {
    // A plan with a title and no other section: the new section goes one level below it.
    filled(rule, header, text, "##", lang)
}

/// A rule text with its `{placeholders}` filled, `{level}` with `level`.
fn filled(
    rule: &Rule,
    header: &PackHeader,
    text: &crate::i18n::Localized,
    level: &str,
    lang: Lang,
) -> String {
    // What every rule's text may name, then what its kind fills in (which wins).
    let mut values: Vec<(&str, String)> = vec![
        ("area", lang.pick("området", "the area").to_owned()),
        ("heading", String::new()),
        ("level", level.to_owned()),
        ("min", header.min_words.to_string()),
        ("missing", String::new()),
        (
            "section",
            rule.within_heading
                .clone()
                .unwrap_or_else(|| lang.pick("avsnittet", "the section").to_owned()),
        ),
        ("term", "TODO".to_owned()),
    ];
    for (key, value) in rule.doc_placeholders(lang) {
        match values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => values.push((key, value)),
        }
    }
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    text.fill(lang, &pairs)
}

fn indent(text: &str) -> String {
    text.trim_end().lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "    {l}");
        out
    })
}
