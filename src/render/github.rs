//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. The message and the
//! property values are escaped as the workflow-command syntax requires: `%`, CR and LF
//! everywhere, and `:` and `,` in property values too. A bidirectional control (U+202E …) is
//! written as its visible escape, `\u{202e}`, so an annotation on GitHub shows a file name or a
//! heading in its own order.

use std::io::{self, Write};

use super::{escape, Sink};
use crate::diagnostic::{Diagnostic, Severity};
use crate::run::{Checked, Render, Totals};
use crate::source::SourceFile;

/// Escapes a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    escape::bidi(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding that is not waived, as the files come.
pub struct Github<'a> {
    /// Where the commands go.
    pub out: &'a mut dyn Write,
}

/// A file's workflow commands, made on the thread that checked it.
struct Commands;

impl Render for Commands {
    fn render(&self, file: &Checked, out: &mut Vec<u8>) {
        for d in file.live() {
            // Writing to memory cannot fail.
            let _ = write_command(d, &file.source, out);
        }
    }
}

impl Sink for Github<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        for d in file.live() {
            write_command(d, &file.source, self.out)?;
        }
        Ok(())
    }

    fn renderer(&self) -> Option<Box<dyn Render>> {
        Some(Box::new(Commands))
    }

    fn rendered(&mut self, _: Checked, part: &[u8]) -> io::Result<()> {
        self.out.write_all(part)
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        Ok(())
    }
}

fn write_command(d: &Diagnostic, file: &SourceFile, w: &mut dyn Write) -> io::Result<()> {
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
        escape_property(&match &file.facts.stage {
            Some(stage) => format!("{} {} ({stage})", d.code, d.name),
            None => format!("{} {}", d.code, d.name),
        }),
        escape_data(&message)
    )
}
