//! `--format short`: `path:line:col: severity[CODE]: message`, one line per finding.

use std::io::{self, Write};

use super::Report;

/// Writes one line per finding.
pub fn render(report: &Report<'_>, w: &mut dyn Write) -> io::Result<()> {
    for d in report.live() {
        let file = report.sources.get(d.file);
        let (line, col) = file.line_col(d.primary.span.start);
        writeln!(
            w,
            "{}:{line}:{col}: {}[{}]: {}",
            file.path,
            d.severity.as_str(),
            d.code,
            d.message
        )?;
    }
    Ok(())
}
