//! `--format junit`: JUnit XML for GitLab, Jenkins and Azure, written with quick-xml.
//!
//! One `testsuite` per plan; one `testcase` per rule that ran on it (plus one per planlint
//! finding of its own); a `failure` element per finding, with its location and message. A
//! waived finding is a `skipped` element carrying the waiver's reason.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::Report;
use crate::diagnostic::Diagnostic;

/// Writes the JUnit document.
pub fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Writer::new_with_indent(&mut *w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let enabled: Vec<_> = report.rules.rules.iter().filter(|r| r.enabled).collect();
    let live_count = report.live().count();
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "planlint"));
    root.push_attribute((
        "tests",
        (report.plans.len() * enabled.len()).to_string().as_str(),
    ));
    root.push_attribute(("failures", live_count.to_string().as_str()));
    x.write_event(Event::Start(root))?;
    for &plan in report.plans {
        let path = &report.sources.get(plan).path;
        let mine: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.file == plan)
            .collect();
        let own: Vec<&Diagnostic> = mine
            .iter()
            .copied()
            .filter(|d| report.rules.find(&d.code).is_none())
            .collect();
        let failures = mine.iter().filter(|d| d.waiver.is_none()).count();
        let skipped = mine.len() - failures;
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", path.as_str()));
        suite.push_attribute(("tests", (enabled.len() + own.len()).to_string().as_str()));
        suite.push_attribute(("failures", failures.to_string().as_str()));
        suite.push_attribute(("errors", "0"));
        suite.push_attribute(("skipped", skipped.to_string().as_str()));
        x.write_event(Event::Start(suite))?;
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
                own.iter()
                    .map(|d| (format!("{} {}", d.code, d.name), vec![*d])),
            );
        for (name, found) in cases {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", name.as_str()));
            case.push_attribute(("classname", path.as_str()));
            if found.is_empty() {
                x.write_event(Event::Empty(case))?;
                continue;
            }
            x.write_event(Event::Start(case))?;
            for d in found {
                let file = report.sources.get(d.file);
                let (line, col) = file.line_col(d.primary.span.start);
                let (tag, message) = match &d.waiver {
                    Some(w) => (
                        "skipped",
                        format!("{}: {}", report.lang.pick("undantag", "waived"), w.reason),
                    ),
                    None => ("failure", d.message.clone()),
                };
                let mut el = BytesStart::new(tag);
                el.push_attribute(("message", message.as_str()));
                if d.waiver.is_none() {
                    el.push_attribute(("type", d.severity.as_str()));
                }
                x.write_event(Event::Start(el))?;
                let mut body = format!(
                    "{}:{line}:{col}: {}[{}]: {}",
                    file.path,
                    d.severity.as_str(),
                    d.code,
                    d.message
                );
                if let Some(help) = &d.help {
                    body.push_str("\nhelp: ");
                    body.push_str(help);
                }
                x.write_event(Event::Text(BytesText::new(&body)))?;
                x.write_event(Event::End(BytesEnd::new(tag)))?;
            }
            x.write_event(Event::End(BytesEnd::new("testcase")))?;
        }
        x.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    x.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(w)
}
