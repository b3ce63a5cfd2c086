//! `--format short`: `path:line:col: severity[CODE]: message`, one line per finding.

use std::io::{self, Write};

use super::Sink;
use crate::diagnostic::{Checked, Totals};

/// One line per finding that is not waived, as the files come.
pub struct Short<'a> {
    /// Where the lines go.
    pub out: &'a mut dyn Write,
}

impl Sink for Short<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        for d in file.live() {
            let (line, col) = file.source.line_col(d.primary.span.start);
            writeln!(
                self.out,
                "{}:{line}:{col}: {}[{}]: {}",
                file.source.path,
                d.severity.as_str(),
                d.code,
                d.message
            )?;
        }
        Ok(())
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        Ok(())
    }
}
