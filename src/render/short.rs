//! `--format short`: `path:line:col: severity[CODE]: message`, one line per finding.
//!
//! Each line is one finding whatever the input: the path, code and message are escaped with
//! [`escape::terminal_line`] (line breaks and terminal controls as `\u{…}`), and a path that
//! starts with `::` gets `./` in front, so no line can read as a GitHub workflow command.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{escape, Sink};
use crate::run::{Checked, Render, Totals};

/// One line per finding that is not waived, as the files come.
pub struct Short<'a> {
    /// Where the lines go.
    pub out: &'a mut dyn Write,
}

/// The path as a line of `short` may start with it.
fn line_start(path: &str) -> Cow<'_, str> {
    let path = escape::terminal_line(path);
    if path.starts_with("::") {
        Cow::Owned(format!("./{path}"))
    } else {
        path
    }
}

/// A file's lines, made on the thread that checked it.
struct Lines;

impl Render for Lines {
    fn render(&self, file: &Checked, out: &mut Vec<u8>) {
        // Writing to memory cannot fail.
        let _ = lines(file, out);
    }
}

/// Writes `file`'s lines to `out`, a finding at a time.
fn lines(file: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let path = line_start(&file.source.path);
    for d in file.live() {
        let (line, col) = file.source.line_col(d.primary.span.start);
        writeln!(
            out,
            "{path}:{line}:{col}: {}[{}]: {}",
            d.severity.as_str(),
            escape::terminal_line(&d.code),
            escape::terminal_line(&d.message)
        )?;
    }
    Ok(())
}

impl Sink for Short<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        lines(&file, self.out)
    }

    fn renderer(&self) -> Option<Box<dyn Render>> {
        Some(Box::new(Lines))
    }

    fn rendered(&mut self, _: Checked, part: &[u8]) -> io::Result<()> {
        self.out.write_all(part)
    }

    fn end(&mut self, _: &Totals) -> io::Result<()> {
        Ok(())
    }
}
