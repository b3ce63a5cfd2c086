//! Linting files: read each plan once, parse it once, run the rule set; in parallel.
//!
//! A file that cannot be read, is binary or is not UTF-8 becomes a `PL` finding of its own and
//! the other files are still checked.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, FileId, Label, Severity};
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;
use crate::source::{SourceDb, SourceFile};
use crate::waiver;

thread_local! {
    static CURRENT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn set_current(path: &str) {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        c.push_str(path);
    });
}

/// The plan this thread is checking (or checked last), for the panic hook's bug report.
pub fn current_file() -> Option<String> {
    CURRENT
        .try_with(|c| c.try_borrow().map(|c| c.clone()).unwrap_or_default())
        .ok()
        .filter(|c| !c.is_empty())
}

/// planlint's own codes for files it could not check.
pub mod codes {
    /// The file is not valid UTF-8.
    pub const NOT_UTF8: &str = "PL001";
    /// The file could not be read.
    pub const UNREADABLE: &str = "PL002";
    /// The file holds binary data.
    pub const BINARY: &str = "PL003";
    /// An entry of a walked directory could not be followed (a symlink loop, no permission).
    pub const WALK: &str = "PL004";
}

/// The result of checking one file.
#[derive(Debug)]
pub struct Checked {
    /// The file as read (lossy text for files that were not UTF-8).
    pub source: SourceFile,
    /// Its findings, with `file` set to 0; renumbered when collected.
    pub diagnostics: Vec<Diagnostic>,
}

/// What checking a plan needs: the compiled rules, the settings and the language.
#[derive(Clone, Copy)]
pub struct Linter<'a> {
    /// The rule set, with select/ignore/severity already applied.
    pub rules: &'a RuleSet,
    /// Per-path overrides and the config root.
    pub settings: &'a Settings,
    /// Language of messages.
    pub lang: Lang,
}

impl Linter<'_> {
    /// Checks one plan given as text (a file's contents, or stdin); `path` is shown in messages
    /// and matched by per-path settings.
    pub fn check_text(&self, path: &str, text: String) -> Checked {
        let doc = Document::parse(&text);
        let mut diagnostics = self.rules.check(&doc, &text, 0, self.lang);
        let at = Path::new(path);
        diagnostics.retain_mut(
            |d| match self.settings.severity_at(at, &d.code, d.severity) {
                Some(severity) => {
                    d.severity = severity;
                    true
                }
                None => false,
            },
        );
        let mut source = SourceFile::new(path, text);
        source.department = doc.department();
        let own = waiver::apply_inline(&doc, &source, self.rules, self.lang, &mut diagnostics);
        diagnostics.extend(own);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Checked {
            source,
            diagnostics,
        }
    }

    /// Reads and checks one plan.
    pub fn check_file(&self, path: &Path) -> Checked {
        let lang = self.lang;
        let shown = path.display().to_string();
        set_current(&shown);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!(
                    "{}: {e}",
                    lang.pick("filen kan inte läsas", "the file cannot be read")
                );
                let help = lang.pick(
                    "kontrollera att filen finns och att du har läsrättighet till den",
                    "check that the file exists and that you may read it",
                );
                return own(shown, String::new(), codes::UNREADABLE, msg, 0..0, help);
            }
        };
        self.check_bytes(shown, bytes)
    }

    /// Checks one plan given as bytes (a file's contents, or stdin): binary data and invalid
    /// UTF-8 become findings of planlint's own.
    pub fn check_bytes(&self, shown: String, bytes: Vec<u8>) -> Checked {
        let lang = self.lang;
        if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
            let msg = lang
                .pick(
                    "filen innehåller binära data och är ingen plan i Markdown",
                    "the file holds binary data and is not a Markdown plan",
                )
                .to_owned();
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let end = text.len();
            return own(
                shown,
                text,
                codes::BINARY,
                msg,
                end..end,
                lang.pick(SAVE_AS_UTF8.0, SAVE_AS_UTF8.1),
            );
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.check_text(&shown, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let bad = e.as_bytes()[at];
                let msg = format!(
                    "{} (0x{bad:02X})",
                    lang.pick("filen är inte giltig UTF-8", "the file is not valid UTF-8")
                );
                // In the lossy text the first bad byte became U+FFFD (3 bytes) at the same offset.
                own(
                    shown,
                    text,
                    codes::NOT_UTF8,
                    msg,
                    at..at + 3,
                    lang.pick(SAVE_AS_UTF8.0, SAVE_AS_UTF8.1),
                )
            }
        }
    }

    /// Checks every file in parallel; the result is in the order of `files` whatever the
    /// threads do.
    pub fn check_all(&self, files: &[impl AsRef<Path> + Sync]) -> (SourceDb, Vec<Diagnostic>) {
        let checked: Vec<Checked> = files
            .par_iter()
            .map(|p| self.check_file(p.as_ref()))
            .collect();
        collect(checked)
    }

    /// Checks `files` in parallel, a chunk at a time, and hands each chunk's results to `sink`
    /// in the order of `files`. While `sink` works on one chunk, the next is taken from `files`
    /// (which may be a directory walk) and checked, so memory holds two chunks, however many
    /// files there are.
    pub fn check_chunks<E>(
        &self,
        files: impl Iterator<Item = PathBuf> + Send,
        chunk: usize,
        mut sink: impl FnMut(Vec<Checked>) -> Result<(), E>,
    ) -> Result<(), E> {
        // The thread that checks a chunk also takes it from `files`, so the walk of a
        // directory goes on beside the writing of the chunk before.
        let files = std::sync::Mutex::new(files);
        let next = || -> Vec<Checked> {
            let part: Vec<PathBuf> = files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .by_ref()
                .take(chunk.max(1))
                .collect();
            part.par_iter().map(|p| self.check_file(p)).collect()
        };
        std::thread::scope(|s| {
            let mut running = s.spawn(next);
            loop {
                let done = running
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                if done.is_empty() {
                    return Ok(());
                }
                running = s.spawn(next);
                sink(done)?;
            }
        })
    }
}

const SAVE_AS_UTF8: (&str, &str) = (
    "spara planen som UTF-8-text i Markdown (i de flesta redigerare: Spara som → Kodning: UTF-8) och kör planlint igen",
    "save the plan as UTF-8 Markdown text (in most editors: Save as → Encoding: UTF-8) and run planlint again",
);

fn own(
    path: String,
    text: String,
    code: &str,
    message: String,
    span: std::ops::Range<usize>,
    help: &str,
) -> Checked {
    let label = String::new();
    let diagnostic = Diagnostic {
        code: code.to_owned(),
        name: "fil".to_owned(),
        severity: Severity::Error,
        message,
        file: 0,
        primary: Label::new(span, label),
        secondary: Vec::new(),
        help: Some(help.to_owned()),
        notes: Vec::new(),
        waiver: None,
    };
    Checked {
        source: SourceFile::new(path, text),
        diagnostics: vec![diagnostic],
    }
}

/// Checks one plan's text with the default settings (no config file), e.g. for tests and editors.
pub fn check_text(rules: &RuleSet, path: &str, text: String, lang: Lang) -> Checked {
    let settings = Settings::defaults();
    Linter {
        rules,
        settings: &settings,
        lang,
    }
    .check_text(path, text)
}

/// Puts checked files into one database and renumbers their findings.
pub fn collect(checked: Vec<Checked>) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::default();
    let mut all = Vec::new();
    for c in checked {
        let id: FileId = db.add(c.source);
        all.extend(c.diagnostics.into_iter().map(|mut d| {
            d.file = id;
            d
        }));
    }
    (db, all)
}

/// A warning for an entry of a walked directory that was not checked.
pub fn walk_problem(
    db: &mut SourceDb,
    path: &Path,
    why: &crate::discover::Problem,
    lang: Lang,
) -> Diagnostic {
    use crate::discover::Problem;
    let file = db.add(SourceFile::new(path.display().to_string(), String::new()));
    let message = match why {
        Problem::Io(e) => format!(
            "{}: {e}",
            lang.pick(
                "en post i katalogen kunde inte läsas och granskades inte",
                "an entry of the directory could not be read and was not checked"
            )
        ),
        Problem::DirectoryLink => lang
            .pick(
                "länken pekar på en katalog; sådana länkar följs inte, så planerna där granskades inte",
                "the link points to a directory; such links are not followed, so the plans there were not checked",
            )
            .to_owned(),
    };
    let help = match why {
        Problem::Io(_) => lang.pick(
            "kontrollera länkar och behörigheter i katalogen",
            "check the links and permissions in the directory",
        ),
        Problem::DirectoryLink => lang.pick(
            "ange katalogen själv på kommandoraden om planerna där ska granskas",
            "name the directory itself on the command line to check the plans in it",
        ),
    };
    Diagnostic {
        code: codes::WALK.to_owned(),
        name: "katalog".to_owned(),
        severity: Severity::Warning,
        message,
        file,
        primary: Label::new(0..0, String::new()),
        secondary: Vec::new(),
        help: Some(help.to_owned()),
        notes: Vec::new(),
        waiver: None,
    }
}
