//! One plan, analysed once: read (under the size cap), told from what is not text, parsed,
//! checked and judged. An [`Analysis`] holds the final findings together with the parsed
//! document and the areas it covers, so `check`, `outline` and every editor feature read one
//! analysis and nothing parses a plan twice.

use std::path::Path;

use super::budget::{Budget, RUN_BUDGET};
use super::not_text::{self, NotText};
use super::set_current;
use super::Checked;
use crate::checks::Areas;
use crate::diagnostic::{codes, Diagnostic, Label};
use crate::document::frontmatter::FrontMatterError;
use crate::document::{Document, Reader, WordError};
use crate::i18n::{t, Localized};
use crate::source::{FileId, SourceFile};
use crate::verdict::{Verdict, WaiverUse};

/// One plan as analysed once.
#[derive(Debug)]
pub struct Analysis {
    /// The file and its final findings.
    pub checked: Checked,
    /// The plan as parsed; `None` when it was not parsed (see [`Analysis::unparsed`]).
    pub(crate) document: Option<Document>,
    /// Which sections cover each area rule's area; `None` when the plan was not parsed.
    pub(crate) areas: Option<Areas>,
    /// Why the plan was not parsed, if it was not.
    pub(crate) unparsed: Option<Unparsed>,
}

impl Analysis {
    /// A plan the config leaves out, with the finding that says so: not parsed.
    pub(crate) fn left_out(checked: Checked) -> Analysis {
        Analysis {
            checked,
            document: None,
            areas: None,
            unparsed: None,
        }
    }
}

/// Why a plan was not parsed (each is also the one finding of [`Analysis::checked`]).
#[derive(Debug, Clone)]
pub(crate) enum Unparsed {
    /// The bytes are not a plan in Markdown text.
    NotText(NotText),
    /// The file is larger than [`MAX_PLAN_BYTES`].
    TooLarge,
    /// The file could not be read, for this reason.
    Unreadable(Localized),
    /// The Word or OpenDocument file could not be read.
    Word(WordError),
}

/// What a plan over the size cap is, and what to do.
pub(crate) fn too_large() -> (Localized, Localized) {
    (t(
        "filen är större än 64 MB; planlint läser högst 64 MB av en plan",
        "the file is larger than 64 MB; planlint reads at most 64 MB of a plan",
    ),
    t(
        "kontrollera att filen är planen och inte t.ex. en export eller en bild; dela upp en så stor plan",
        "check that the file is the plan and not, say, an export or an image; split a plan this large",
    ))
}

/// Checks one plan given as text with the run's verdict, as file `id`; `path` is shown in
/// messages and matched by per-path settings. The findings are final: severity, overrides
/// and waivers applied as `check` applies them, sorted.
pub fn check_plan(verdict: &Verdict<'_>, id: FileId, path: &str, text: String) -> Checked {
    analyse_plan(verdict, id, path, text).checked
}

/// Like [`check_plan`], keeping the parsed document and the areas with the findings.
pub fn analyse_plan(verdict: &Verdict<'_>, id: FileId, path: &str, text: String) -> Analysis {
    judged_plan(verdict, id, Name::Given(path.to_owned()), text).0
}

/// How a plan is named: by the path of the file it was read from, or by a name it was given
/// with its text (stdin's `--stdin-filename`, an editor's document).
pub(super) enum Name<'p> {
    /// Read from this file.
    File(&'p Path),
    /// Given as text.
    Given(String),
}

impl Name<'_> {
    /// The plan's source file with `text`.
    fn source(self, text: String) -> SourceFile {
        match self {
            Name::File(path) => SourceFile::from_path(path, text),
            Name::Given(name) => SourceFile::new(name, text),
        }
    }

    /// The name as the classifier of what is not text reads it (for the file's extension).
    fn shown(&self) -> String {
        match self {
            Name::File(path) => crate::source::shown_path(path),
            Name::Given(name) => name.clone(),
        }
    }
}

fn judged_plan(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    text: String,
) -> (Analysis, WaiverUse) {
    // The one parse of a plan (see .clippy.toml).
    #[allow(clippy::disallowed_methods)]
    let doc = Document::parse(&text, verdict.rules().patterns());
    judged_document(verdict, id, name, text, doc)
}

/// Checks a Word or OpenDocument plan, `bytes`, as `reader` reads it: its paragraphs, one per
/// line, are the plan's text.
fn judged_word(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    bytes: &[u8],
    reader: Reader,
) -> (Analysis, WaiverUse) {
    let plan = match Document::read_word(bytes, reader) {
        Ok(plan) => plan,
        Err(e) => {
            let lang = verdict.lang();
            let code = match e {
                WordError::NotAnArchive(_) => codes::BINARY,
                _ => codes::UNREADABLE,
            };
            let d = Diagnostic::own(code, e.message().get(lang), id, Label::new(0..0, ""))
                .with_help(e.help().get(lang));
            let why = Unparsed::Word(e);
            return unchecked(verdict, id, name, String::new(), d, why);
        }
    };
    let text = crate::document::text_of(&plan.paragraphs);
    let doc = Document::from_word(&plan, &text, reader, verdict.rules().patterns());
    judged_document(verdict, id, name, text, doc)
}

/// Checks and judges the plan `doc`, read from `text` by whichever reader, named `name`.
fn judged_document(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    text: String,
    doc: Document,
) -> (Analysis, WaiverUse) {
    let rules = verdict.rules();
    let (mut diagnostics, areas) =
        rules.check_plan_areas(&doc, &text, id, verdict.lang(), |i| verdict.runs(i));
    let uncovered = areas
        .iter()
        .filter(|(_, a)| a.covered().next().is_none())
        .map(|(i, _)| i)
        .collect();
    if let Some(over) = over_budget(&doc, id, verdict) {
        diagnostics.push(over);
    }
    if let Some(hidden) = hidden_by_html(&doc, &text, id, verdict) {
        diagnostics.push(hidden);
    }
    let mut source = name.source(text);
    source.department = doc.department();
    if doc.reader != Reader::Markdown {
        source.by_paragraph(
            doc.sections
                .iter()
                .map(|s| (s.heading_span.start, s.title.clone()))
                .collect(),
        );
    }
    let used = verdict.judge_plan(Some(&doc), &mut source, id, &mut diagnostics);
    let mut checked = file(id, source, diagnostics, true);
    checked.uncovered = uncovered;
    let analysis = Analysis {
        checked,
        document: Some(doc),
        areas: Some(areas),
        unparsed: None,
    };
    (analysis, used)
}

/// A finding when the plan's front matter broke its budget: whatever the packs check, a block
/// built to exhaust the reader fails the plan, with the budget it broke.
fn over_budget(doc: &Document, id: FileId, verdict: &Verdict<'_>) -> Option<Diagnostic> {
    let fm = doc.front_matter.as_ref()?;
    let Some(error @ FrontMatterError::Budget(_)) = &fm.error else {
        return None;
    };
    let lang = verdict.lang();
    let message = format!(
        "{}: {}",
        lang.pick(
            "uppgiftsblocket överst i planen (front matter) lästes inte",
            "the details block at the top of the plan (front matter) was not read"
        ),
        error.describe(lang)
    );
    let help = lang.pick(
        "skriv fälten som enkla rader `nyckel: värde`, t.ex. `förvaltning: Socialförvaltningen`",
        "write the fields as plain `key: value` lines, e.g. `förvaltning: Socialförvaltningen`",
    );
    let label = Label::new(fm.opening(), "");
    Some(Diagnostic::own(codes::FRONT_MATTER, message, id, label).with_help(help))
}

/// A finding when raw HTML leaves a comment, tag or attribute open so that a browser hides the
/// rest of the plan: that rest counted for nothing, and the plan fails whatever the packs hold.
fn hidden_by_html(
    doc: &Document,
    text: &str,
    id: FileId,
    verdict: &Verdict<'_>,
) -> Option<Diagnostic> {
    let span = doc.hidden_by_html.clone()?;
    let lang = verdict.lang();
    let line_end = text[span.start..]
        .find('\n')
        .map_or(text.len(), |e| span.start + e);
    let opened = &text[span.start..line_end];
    let what = if opened.starts_with("<!--") {
        lang.pick(
            "en HTML-kommentar som aldrig stängs",
            "an HTML comment that is never closed",
        )
    } else {
        lang.pick(
            "en HTML-tagg eller ett attribut som aldrig stängs",
            "an HTML tag or attribute that is never closed",
        )
    };
    let message = format!(
        "{what} {}",
        lang.pick(
            "döljer resten av planen för den som läser den",
            "hides the rest of the plan from a reader"
        )
    );
    let label = lang.pick("öppnas här", "opened here");
    let help = lang.pick(
        "stäng kommentaren med `-->`, taggen med `>` och attributet med sitt citattecken, eller ta bort HTML-koden; texten efter den här raden räknas inte förrän dess",
        "close the comment with `-->`, the tag with `>` and the attribute with its quote, or remove the HTML; the text after this line does not count until then",
    );
    let label = Label::new(span.start..line_end.max(span.start), label);
    Some(Diagnostic::own(codes::HIDDEN_BY_HTML, message, id, label).with_help(help))
}

/// Checks one plan given as bytes (a file's contents, or stdin) like [`check_plan`]: binary
/// data and invalid UTF-8 become findings of planlint's own.
pub fn check_bytes(verdict: &Verdict<'_>, id: FileId, shown: String, bytes: Vec<u8>) -> Checked {
    analyse_bytes(verdict, id, shown, bytes).checked
}

/// Like [`check_bytes`], keeping the parsed document and the areas with the findings.
pub fn analyse_bytes(verdict: &Verdict<'_>, id: FileId, shown: String, bytes: Vec<u8>) -> Analysis {
    judged_bytes(verdict, id, Name::Given(shown), bytes).0
}

pub(super) fn judged_bytes(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    bytes: Vec<u8>,
) -> (Analysis, WaiverUse) {
    let lang = verdict.lang();
    let not_text = |what: NotText, text: String, span: std::ops::Range<usize>| {
        let message = what.message();
        let d = Diagnostic::own(what.code(), message.get(lang), id, Label::new(span, ""));
        (d.with_help(what.help().get(lang)), text, what)
    };
    let shown = name.shown();
    if let Some(reader) = crate::document::reader_for(&bytes, &shown) {
        return judged_word(verdict, id, name, &bytes, reader);
    }
    let finding_text = match not_text::classify_head(&bytes, &shown) {
        // The text before the NUL byte is shown, so the finding points at the byte.
        Some(what @ NotText::Binary(at)) => {
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let end = text.len();
            not_text(what, text, end..end)
        }
        Some(what) => not_text(what, String::new(), 0..0),
        None => match String::from_utf8(bytes) {
            Ok(text) => return judged_plan(verdict, id, name, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes()[at];
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                // In the lossy text the first bad byte became U+FFFD (3 bytes) at the same
                // offset.
                not_text(NotText::NotUtf8 { at, byte }, text, at..at + 3)
            }
        },
    };
    let (finding, text, what) = finding_text;
    unchecked(verdict, id, name, text, finding, Unparsed::NotText(what))
}

/// The largest plan planlint reads: 64 MB, three times the largest plan the tests check. A
/// plan of hundreds of megabytes is a mistake (or an attack), and reading it whole would hold
/// the run.
pub const MAX_PLAN_BYTES: u64 = 64_000_000;

/// Opens `path` and tells its length (as the file system says, at most [`MAX_PLAN_BYTES`] and
/// one byte more).
fn open_capped(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    let file = std::fs::File::open(path)?;
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_PLAN_BYTES + 1);
    Ok((file, len))
}

/// Reads at most [`MAX_PLAN_BYTES`] and one byte more of `file`, whose length is `len`.
///
/// The buffer is sized from the file's length, so a plan is read in one call into one
/// allocation (a file that grows meanwhile is still read to the cap).
fn read_capped(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    file.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads (at most [`MAX_PLAN_BYTES`]) and analyses the plan at `path`: the entry point for a
/// plan named on the command line (`outline`) and for each plan of a run.
pub(crate) fn analyse_file(verdict: &Verdict<'_>, id: FileId, path: &Path) -> Analysis {
    judged_file(verdict, id, path, &Budget::new(RUN_BUDGET), |a, _| a)
}

/// Reads and checks one plan, and hands the result to `keep`, whose answer it returns. A large
/// plan takes its size from `budget` before it is read and gives it back after `keep`, which
/// drops what it does not keep (the document, for a run): the run's plans being checked at
/// once never need more than the budget.
pub(super) fn judged_file<R>(
    verdict: &Verdict<'_>,
    id: FileId,
    path: &Path,
    budget: &Budget,
    keep: impl FnOnce(Analysis, WaiverUse) -> R,
) -> R {
    set_current(&crate::source::shown_path(path));
    let (read, _permit) = match open_capped(path) {
        Ok((file, len)) => {
            let permit = budget.acquire(len);
            (read_capped(file, len), Some(permit))
        }
        Err(e) => (Err(e), None),
    };
    let (analysis, used) = judged_read(verdict, id, Name::File(path), read);
    keep(analysis, used)
}

/// Checks one plan read (or not) from a file shown as `shown`.
fn judged_read(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    read: std::io::Result<Vec<u8>>,
) -> (Analysis, WaiverUse) {
    let lang = verdict.lang();
    match read {
        Ok(bytes) if bytes.len() as u64 > MAX_PLAN_BYTES => {
            let (message, help) = too_large();
            let d = Diagnostic::own(
                codes::UNREADABLE,
                message.get(lang),
                id,
                Label::new(0..0, ""),
            );
            let d = d.with_help(help.get(lang));
            unchecked(verdict, id, name, String::new(), d, Unparsed::TooLarge)
        }
        Ok(bytes) => judged_bytes(verdict, id, name, bytes),
        Err(e) => {
            let reason = crate::i18n::os_reason(&e);
            let message = format!(
                "{}: {}",
                lang.pick("filen kan inte läsas", "the file cannot be read"),
                reason.get(lang)
            );
            let help = lang.pick(
                "kontrollera att filen finns och att du har läsrättighet till den",
                "check that the file exists and that you may read it",
            );
            let d = Diagnostic::own(codes::UNREADABLE, message, id, Label::new(0..0, ""));
            let d = d.with_help(help);
            unchecked(
                verdict,
                id,
                name,
                String::new(),
                d,
                Unparsed::Unreadable(reason),
            )
        }
    }
}

/// A plan that could not be parsed, with the one finding that says why.
fn unchecked(
    verdict: &Verdict<'_>,
    id: FileId,
    name: Name<'_>,
    text: String,
    finding: Diagnostic,
    why: Unparsed,
) -> (Analysis, WaiverUse) {
    let mut source = name.source(text);
    let mut diagnostics = vec![finding];
    let used = verdict.judge_plan(None, &mut source, id, &mut diagnostics);
    let analysis = Analysis {
        checked: file(id, source, diagnostics, true),
        document: None,
        areas: None,
        unparsed: Some(why),
    };
    (analysis, used)
}

/// The one place findings are sorted: by (start byte, code) within a file, which with file ids
/// in discovery order is (path order, start byte, code) over the run.
pub(super) fn file(
    id: FileId,
    source: SourceFile,
    mut diagnostics: Vec<Diagnostic>,
    is_plan: bool,
) -> Checked {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Checked {
        id,
        source,
        diagnostics,
        is_plan,
        uncovered: Vec::new(),
    }
}
