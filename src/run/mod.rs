//! A run: discovery → parallel chunks → check one plan → verdict → sink.
//!
//! This is where a plan's findings become final: [`check_plan`] parses the plan once, runs the
//! engine, lets the [`Verdict`] judge the findings and sorts them, once. File ids are assigned
//! here, once, in the order plans come from discovery, so output never depends on thread
//! scheduling. [`check_plan`] is the one-plan entry point for `check -`, tests and editors;
//! [`check_paths`] runs over paths and hands each file to a [`Sink`] in order.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{codes, Checked, Diagnostic, FileId, Label, Totals};
use crate::discover;
use crate::document::frontmatter::FrontMatterError;
use crate::document::Document;
use crate::render::Sink;
use crate::source::SourceFile;
use crate::verdict::{Ledger, Verdict, WaiverUse};

mod left_out;
pub(crate) mod not_text;
use crate::Error;
use left_out::{problem, skip_finding};
use not_text::NotText;

/// The finding for a file the config leaves out, when one is due (see `left_out`): for the
/// language server, which is named each file it checks as the command line names them.
pub(crate) fn skipped_finding(
    id: FileId,
    skipped: &discover::Skipped,
    verdict: &Verdict<'_>,
) -> Option<Checked> {
    skip_finding(id, skipped, verdict)
}

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

/// Plans per chunk: enough that the threads stay busy, few enough that memory stays small.
const CHUNK: usize = 64;

/// Checks one plan given as text with the run's verdict, as file `id`; `path` is shown in
/// messages and matched by per-path settings. The findings are final: severity, overrides
/// and waivers applied as `check` applies them, sorted.
pub fn check_plan(verdict: &Verdict<'_>, id: FileId, path: &str, text: String) -> Checked {
    judged_plan(verdict, id, path, text).0
}

fn judged_plan(
    verdict: &Verdict<'_>,
    id: FileId,
    path: &str,
    text: String,
) -> (Checked, WaiverUse) {
    let doc = Document::parse(&text, verdict.rules().patterns());
    let rules = verdict.rules();
    let (mut diagnostics, uncovered) =
        rules.check_plan_areas(&doc, &text, id, verdict.lang(), |i| verdict.runs(i));
    if let Some(over) = over_budget(&doc, id, verdict) {
        diagnostics.push(over);
    }
    let mut source = SourceFile::new(path, text);
    source.department = doc.department();
    let used = verdict.judge_plan(Some(&doc), &source, id, &mut diagnostics);
    let mut checked = file(id, source, diagnostics, true);
    checked.uncovered = uncovered;
    (checked, used)
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

/// Checks one plan given as bytes (a file's contents, or stdin) like [`check_plan`]: binary
/// data and invalid UTF-8 become findings of planlint's own.
pub fn check_bytes(verdict: &Verdict<'_>, id: FileId, shown: String, bytes: Vec<u8>) -> Checked {
    judged_bytes(verdict, id, shown, bytes).0
}

fn judged_bytes(
    verdict: &Verdict<'_>,
    id: FileId,
    shown: String,
    bytes: Vec<u8>,
) -> (Checked, WaiverUse) {
    let lang = verdict.lang();
    let not_text = |what: NotText, text: String, span: std::ops::Range<usize>| {
        let message = what.message();
        let d = Diagnostic::own(what.code(), message.get(lang), id, Label::new(span, ""));
        (d.with_help(what.help().get(lang)), text)
    };
    let (finding, text) = match not_text::classify_head(&bytes, &shown) {
        // The text before the NUL byte is shown, so the finding points at the byte.
        Some(what @ NotText::Binary(at)) => {
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let end = text.len();
            not_text(what, text, end..end)
        }
        Some(what) => not_text(what, String::new(), 0..0),
        None => match String::from_utf8(bytes) {
            Ok(text) => return judged_plan(verdict, id, &shown, text),
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
    unchecked(verdict, id, shown, text, finding)
}

/// The largest plan planlint reads: 64 MB, three times the largest plan the tests check. A
/// plan of hundreds of megabytes is a mistake (or an attack), and reading it whole would hold
/// the run.
pub const MAX_PLAN_BYTES: u64 = 64_000_000;

/// Reads at most [`MAX_PLAN_BYTES`] and one byte more of `path`.
///
/// The buffer is sized from the file's length, so a plan is read in one call into one
/// allocation (a file that grows meanwhile is still read to the cap).
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_PLAN_BYTES + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    file.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and checks one plan.
fn judged_file(verdict: &Verdict<'_>, id: FileId, path: &Path) -> (Checked, WaiverUse) {
    let lang = verdict.lang();
    let shown = path.display().to_string();
    set_current(&shown);
    match read_capped(path) {
        Ok(bytes) if bytes.len() as u64 > MAX_PLAN_BYTES => {
            let message = lang.pick(
                "filen är större än 64 MB; planlint läser högst 64 MB av en plan",
                "the file is larger than 64 MB; planlint reads at most 64 MB of a plan",
            );
            let help = lang.pick(
                "kontrollera att filen är planen och inte t.ex. en export eller en bild; dela upp en så stor plan",
                "check that the file is the plan and not, say, an export or an image; split a plan this large",
            );
            let d = Diagnostic::own(codes::UNREADABLE, message, id, Label::new(0..0, ""));
            unchecked(verdict, id, shown, String::new(), d.with_help(help))
        }
        Ok(bytes) => judged_bytes(verdict, id, shown, bytes),
        Err(e) => {
            let message = format!(
                "{}: {}",
                lang.pick("filen kan inte läsas", "the file cannot be read"),
                crate::i18n::os_reason(&e).get(lang)
            );
            let help = lang.pick(
                "kontrollera att filen finns och att du har läsrättighet till den",
                "check that the file exists and that you may read it",
            );
            let d = Diagnostic::own(codes::UNREADABLE, message, id, Label::new(0..0, ""));
            unchecked(verdict, id, shown, String::new(), d.with_help(help))
        }
    }
}

/// A plan that could not be parsed, with the one finding that says why.
fn unchecked(
    verdict: &Verdict<'_>,
    id: FileId,
    shown: String,
    text: String,
    finding: Diagnostic,
) -> (Checked, WaiverUse) {
    let source = SourceFile::new(shown, text);
    let mut diagnostics = vec![finding];
    let used = verdict.judge_plan(None, &source, id, &mut diagnostics);
    (file(id, source, diagnostics, true), used)
}

/// The one place findings are sorted: by (start byte, code) within a file, which with file ids
/// in discovery order is (path order, start byte, code) over the run.
fn file(
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

/// What a run covers: the paths (`-` reads a plan from stdin, named `stdin_filename`), and
/// whether finding no plan at all is allowed.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Paths as given; none means the current directory.
    pub paths: &'a [PathBuf],
    /// The name of the plan read from stdin.
    pub stdin_filename: Option<&'a str>,
    /// Whether a run without any plan is fine (otherwise it is [`Error::NoPlans`]).
    pub allow_empty: bool,
}

/// Discovers and checks the plans of `scope`, and hands every file to `sink` in order: the
/// plans as they are checked, a chunk at a time, then stdin, then entries that could not be
/// checked, then files left out that are due a finding, then the config file if its waivers
/// have findings. Returns the totals the sink was given. A run that checked no plan is
/// [`Error::NoPlans`] unless the scope allows it.
pub fn check_paths(
    verdict: &Verdict<'_>,
    scope: Scope<'_>,
    stdin: &mut dyn Read,
    sink: &mut dyn Sink,
) -> Result<Totals, Error> {
    let (paths, stdin_filename) = (scope.paths, scope.stdin_filename);
    let settings = verdict.settings();
    let from_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut plans = if from_stdin && named.is_empty() {
        None
    } else {
        Some(discover::Plans::new(&named, settings)?)
    };
    sink.begin()?;
    let mut out = Delivery {
        sink,
        totals: Totals::default(),
        ledger: verdict.ledger(),
    };
    let files = plans.iter_mut().flatten();
    let mut next_id = in_chunks(verdict, files, &mut |chunk| {
        chunk.into_iter().try_for_each(|c| out.file(c))
    })?;
    if from_stdin {
        let mut bytes = Vec::new();
        stdin.read_to_end(&mut bytes)?;
        let name = stdin_filename.unwrap_or("<stdin>").to_owned();
        out.file(judged_bytes(verdict, next_id, name, bytes))?;
        next_id += 1;
    }
    let (problems, skipped) = plans
        .as_ref()
        .map_or((&[][..], &[][..]), |p| (p.problems(), p.skipped()));
    for (path, why) in problems {
        out.file((problem(next_id, path, why, verdict), WaiverUse::default()))?;
        next_id += 1;
    }
    for s in skipped {
        if let Some(checked) = skip_finding(next_id, s, verdict) {
            out.file((checked, WaiverUse::default()))?;
            next_id += 1;
        }
    }
    out.totals.skipped = skipped.len();
    if let Some((source, diagnostics)) = verdict.judge_waivers(&out.ledger, next_id) {
        out.file((
            file(next_id, source, diagnostics, false),
            WaiverUse::default(),
        ))?;
    }
    if out.totals.plans == 0 && !scope.allow_empty && !verdict.settings().allow_empty.value {
        return Err(Error::NoPlans {
            paths: paths.to_vec(),
            skipped: skipped.to_vec(),
        });
    }
    out.sink.skipped(skipped)?;
    out.sink.end(&out.totals)?;
    Ok(out.totals)
}

/// Where checked files go, in order: the sink, and the run's totals and waiver ledger.
struct Delivery<'s> {
    sink: &'s mut dyn Sink,
    totals: Totals,
    ledger: Ledger,
}

impl Delivery<'_> {
    fn file(&mut self, (checked, used): (Checked, WaiverUse)) -> std::io::Result<()> {
        self.ledger.record(&used);
        self.totals.add(&checked);
        self.sink.file(checked)
    }
}

/// Checks `files` in parallel, a chunk at a time, numbering them from 0 in the order of
/// `files`, and hands each chunk's results to `deliver` in that order. While `deliver` works
/// on one chunk, the next is taken from `files` (which may be a directory walk) and checked, so
/// memory holds two chunks, however many files there are. Returns the number of files.
fn in_chunks<E>(
    verdict: &Verdict<'_>,
    files: impl Iterator<Item = PathBuf> + Send,
    deliver: &mut dyn FnMut(Vec<(Checked, WaiverUse)>) -> Result<(), E>,
) -> Result<FileId, E> {
    // The thread that checks a chunk also takes it from `files` (under the lock, which also
    // numbers them), so the walk of a directory goes on beside the delivery of the chunk
    // before.
    let files = std::sync::Mutex::new((files, 0));
    let next = || -> (Vec<(Checked, WaiverUse)>, FileId) {
        let (part, end): (Vec<(FileId, PathBuf)>, FileId) = {
            let mut guard = files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (iter, count) = &mut *guard;
            let part: Vec<(FileId, PathBuf)> = iter
                .by_ref()
                .take(CHUNK)
                .enumerate()
                .map(|(i, p)| (*count + i, p))
                .collect();
            *count += part.len();
            (part, *count)
        };
        let checked = part
            .par_iter()
            .map(|(id, p)| judged_file(verdict, *id, p))
            .collect();
        (checked, end)
    };
    std::thread::scope(|s| {
        let mut running = s.spawn(next);
        loop {
            let (done, end) = running
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if done.is_empty() {
                return Ok(end);
            }
            running = s.spawn(next);
            deliver(done)?;
        }
    })
}
