//! `--format junit`: JUnit XML for GitLab, Jenkins and Azure, written with quick-xml.
//!
//! One `testsuite` per plan; one `testcase` per rule that ran on it (plus one per planlint
//! finding of its own); a `failure` element per finding, with its location and message. A
//! waived finding is a `skipped` element carrying the waiver's reason.
//!
//! Every attribute and text node goes through [`escape::xml`]: a character XML 1.0 forbids
//! even escaped (most C0 controls, U+FFFE, U+FFFF) is written as its visible `\u{1}` escape,
//! so the document stays XML whatever a plan, a file name or a waiver reason holds.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{escape, Sink};
use crate::diagnostic::Diagnostic;
use crate::engine::Rule;
use crate::i18n::Lang;
use crate::run::{Checked, Totals};
use crate::source::SourceFile;
use crate::verdict::Verdict;

/// The JUnit sink: the plans are kept as they come and written as one document at the end,
/// whose root counts them.
pub struct Junit<'a> {
    out: &'a mut dyn Write,
    verdict: &'a Verdict<'a>,
    plans: Vec<Checked>,
    /// Findings not waived, in every file (plans or not).
    failures: usize,
}

impl<'a> Junit<'a> {
    /// Writes to `out`; `verdict` says which rules ran (a test case each).
    pub fn new(verdict: &'a Verdict<'a>, out: &'a mut dyn Write) -> Self {
        Junit {
            out,
            verdict,
            plans: Vec::new(),
            failures: 0,
        }
    }
}

impl Sink for Junit<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        self.failures += file.live().count();
        if file.is_plan {
            self.plans.push(file);
        }
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        write_document(self.verdict, &self.plans, self.failures, self.out)
    }
}

/// Writes the JUnit document.
fn write_document(
    verdict: &Verdict<'_>,
    plans: &[Checked],
    failures: usize,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut x = Writer::new_with_indent(&mut *w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let enabled: Vec<_> = verdict
        .rules()
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| verdict.runs(*i))
        .map(|(_, r)| r)
        .collect();
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "planlint"));
    root.push_attribute(("tests", (plans.len() * enabled.len()).to_string().as_str()));
    root.push_attribute(("failures", failures.to_string().as_str()));
    x.write_event(Event::Start(root))?;
    for plan in plans {
        write_suite(&mut x, verdict, &enabled, plan)?;
    }
    x.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(w)
}

/// One plan's `testsuite`: a test case per rule that ran, then one per finding of planlint's
/// own, which no rule of the run owns.
fn write_suite<W: Write>(
    x: &mut Writer<W>,
    verdict: &Verdict<'_>,
    enabled: &[&Rule],
    plan: &Checked,
) -> io::Result<()> {
    let rules = verdict.rules();
    let path = escape::xml(&plan.source.path);
    let path = path.as_ref();
    let mine: Vec<&Diagnostic> = plan.diagnostics.iter().collect();
    let planlints: Vec<&Diagnostic> = mine
        .iter()
        .copied()
        .filter(|d| rules.find(&d.code).is_none())
        .collect();
    let failures = mine.iter().filter(|d| d.waiver.is_none()).count();
    let skipped = mine.len() - failures;
    let mut suite = BytesStart::new("testsuite");
    suite.push_attribute(("name", path));
    suite.push_attribute((
        "tests",
        (enabled.len() + planlints.len()).to_string().as_str(),
    ));
    suite.push_attribute(("failures", failures.to_string().as_str()));
    suite.push_attribute(("errors", "0"));
    suite.push_attribute(("skipped", skipped.to_string().as_str()));
    x.write_event(Event::Start(suite))?;
    if let Some(stage) = &plan.source.facts.stage {
        x.write_event(Event::Start(BytesStart::new("properties")))?;
        let mut property = BytesStart::new("property");
        property.push_attribute(("name", "stage"));
        property.push_attribute(("value", escape::xml(stage).as_ref()));
        x.write_event(Event::Empty(property))?;
        x.write_event(Event::End(BytesEnd::new("properties")))?;
    }
    let cases = enabled
        .iter()
        .map(|r| {
            (
                format!("{} {}", r.code(), r.def.name.get_ref()),
                mine.iter()
                    .copied()
                    .filter(|d| d.code == r.code())
                    .collect::<Vec<_>>(),
            )
        })
        .chain(
            planlints
                .iter()
                .map(|d| (format!("{} {}", d.code, d.name), vec![*d])),
        );
    for (name, found) in cases {
        let mut case = BytesStart::new("testcase");
        case.push_attribute(("name", escape::xml(&name).as_ref()));
        case.push_attribute(("classname", path));
        if found.is_empty() {
            x.write_event(Event::Empty(case))?;
            continue;
        }
        x.write_event(Event::Start(case))?;
        for d in found {
            write_finding(x, path, &plan.source, d, verdict.lang())?;
        }
        x.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    x.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// A finding as a `failure`, or a waived one as `skipped` with the waiver's reason; the text
/// says it as `--format short` would, with its help.
fn write_finding<W: Write>(
    x: &mut Writer<W>,
    path: &str,
    file: &SourceFile,
    d: &Diagnostic,
    lang: Lang,
) -> io::Result<()> {
    let (line, col) = file.line_col(d.primary.span.start);
    let (tag, message) = match &d.waiver {
        Some(w) => (
            "skipped",
            format!("{}: {}", lang.pick("undantag", "waived"), w.reason),
        ),
        None => ("failure", d.message.clone()),
    };
    let mut el = BytesStart::new(tag);
    el.push_attribute(("message", escape::xml(&message).as_ref()));
    if d.waiver.is_none() {
        el.push_attribute(("type", d.severity.as_str()));
    }
    x.write_event(Event::Start(el))?;
    let place = if file.is_by_paragraph() {
        let place = file.place(d.primary.span.start, lang);
        format!("{path}{}", &place[file.path.len()..])
    } else {
        format!("{path}:{line}:{col}")
    };
    let mut body = format!(
        "{place}: {}[{}]: {}",
        d.severity.as_str(),
        d.code,
        d.message
    );
    if let Some(help) = &d.help {
        body.push_str("\nhelp: ");
        body.push_str(help);
    }
    x.write_event(Event::Text(BytesText::new(&escape::xml(&body))))?;
    x.write_event(Event::End(BytesEnd::new(tag)))
}
