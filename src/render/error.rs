//! planlint's own failure (an [`Error`]) for a person: rustc-style, with a label into the pack
//! or config for pack errors, else a line and its help.

use std::io::{self, Write};

use crate::diagnostic::{codes, Diagnostic, Label};
use crate::error::Error;
use crate::i18n::Lang;
use crate::source::SourceFile;

impl Error {
    /// Writes the error for a person: rustc-style with a label into the pack for pack errors.
    pub fn render(&self, lang: Lang, color: bool, w: &mut dyn Write) -> io::Result<()> {
        if let Error::Pack(e) = self {
            if let Some(span) = &e.span {
                let file = SourceFile::new(e.path.clone(), e.text.clone());
                let code = codes::find(e.code).unwrap_or(codes::PACK);
                let label = Label::new(span.clone(), e.label.get(lang));
                let mut d = Diagnostic::own(code, e.message.get(lang), 0, label);
                d.help = e.help.as_ref().map(|h| h.get(lang).into());
                return super::human::emit(&d, &file, color, w);
            }
        }
        writeln!(w, "error: {}", self.message(lang))?;
        if let Some(help) = self.help(lang) {
            writeln!(w, "  = help: {help}")?;
        }
        Ok(())
    }
}
