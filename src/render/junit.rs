//! `--format junit`: JUnit XML for GitLab, Jenkins and Azure, written with quick-xml.
//!
//! One `testsuite` per plan; one `testcase` per rule that ran on it (plus one per planlint
//! finding of its own); a `failure` element per finding, with its location and message. A
//! waived finding is a `skipped` element carrying the waiver's reason.
//!
//! Every attribute and text node goes through [`escape::xml`]: a character XML 1.0 forbids
//! even escaped (most C0 controls, U+FFFE, U+FFFF) is written as its visible `\u{1}` escape,
//! so the document stays XML whatever a plan, a file name or a waiver reason holds.

use std::io::{self, Seek, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{escape, Sink};
use crate::diagnostic::Diagnostic;
use crate::engine::Rule;
use crate::i18n::Lang;
use crate::run::{Checked, Totals};
use crate::source::SourceFile;
use crate::verdict::Verdict;

/// The JUnit sink: each plan's `testsuite` is written as the plan comes, into a file of its
/// own that nobody else sees (deleted when the run ends); only the counts the root element
/// carries are kept. At the end the document is written: the root with its counts, then the
/// suites as they were written, so a run of any size holds one plan at a time.
pub struct Junit<'a> {
    out: &'a mut dyn Write,
    verdict: &'a Verdict<'a>,
    /// The rules that ran, a test case each.
    enabled: Vec<&'a Rule>,
    /// The suites written so far, after the bytes of the opening tag that put them at their
    /// indentation ([`Spool::skip`]).
    spool: Option<Spool>,
    /// Plans written.
    plans: usize,
    /// Findings not waived, in every file (plans or not).
    failures: usize,
}

/// The suites, in a temporary file, through the writer that indents them as the document does.
struct Spool {
    writer: Writer<io::BufWriter<std::fs::File>>,
    /// The bytes at the start that are not part of the document: an opening `testsuites` tag.
    skip: u64,
}

impl<'a> Junit<'a> {
    /// Writes to `out`; `verdict` says which rules ran (a test case each).
    pub fn new(verdict: &'a Verdict<'a>, out: &'a mut dyn Write) -> Self {
        let enabled = verdict
            .rules()
            .rules
            .iter()
            .enumerate()
            .filter(|(i, _)| verdict.runs(*i))
            .map(|(_, r)| r)
            .collect();
        Junit {
            out,
            verdict,
            enabled,
            spool: None,
            plans: 0,
            failures: 0,
        }
    }
}

impl Sink for Junit<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        self.failures += file.live().count();
        if !file.is_plan {
            return Ok(());
        }
        if self.spool.is_none() {
            // Inside an opening tag, so that each suite is indented as under the root.
            let mut writer = Writer::new_with_indent(
                io::BufWriter::new(super::temporary_file(self.verdict.lang())?),
                b' ',
                2,
            );
            writer.write_event(Event::Start(BytesStart::new("testsuites")))?;
            writer.get_mut().flush()?;
            let skip = writer.get_mut().get_ref().metadata()?.len();
            self.spool = Some(Spool { writer, skip });
        }
        let Some(spool) = &mut self.spool else {
            return Ok(());
        };
        write_suite(&mut spool.writer, self.verdict, &self.enabled, &file)?;
        self.plans += 1;
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        let w = &mut *self.out;
        let mut x = Writer::new_with_indent(&mut *w, b' ', 2);
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("testsuites");
        root.push_attribute(("name", "planlint"));
        let tests = self.plans * self.enabled.len();
        root.push_attribute(("tests", tests.to_string().as_str()));
        root.push_attribute(("failures", self.failures.to_string().as_str()));
        x.write_event(Event::Start(root))?;
        if let Some(spool) = self.spool.take() {
            let mut file = spool
                .writer
                .into_inner()
                .into_inner()
                .map_err(io::IntoInnerError::into_error)?;
            file.seek(io::SeekFrom::Start(spool.skip))?;
            io::copy(&mut file, x.get_mut())?;
        }
        x.write_event(Event::End(BytesEnd::new("testsuites")))?;
        writeln!(w)
    }
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
