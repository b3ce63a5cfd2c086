//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. The message and the
//! property values are escaped as the workflow-command syntax requires: `%`, CR and LF
//! everywhere, and `:` and `,` in property values too.

use std::io::{self, Write};

use super::Report;
use crate::diagnostic::Severity;

/// Escapes a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per finding that is not waived.
pub fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    for d in report.live() {
        let file = report.sources.get(d.file);
        let (line, col) = file.line_col(d.primary.span.start);
        let (end_line, end_col) = file.line_col(d.primary.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        writeln!(
            w,
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(&file.path),
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(&message)
        )?;
    }
    Ok(())
}
