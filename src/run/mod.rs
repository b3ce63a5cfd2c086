//! A run: discovery → parallel chunks → check one plan → verdict → sink.
//!
//! This is where a plan's findings become final: each plan is analysed once (`plan`: read,
//! parsed, checked, judged by the [`Verdict`], sorted) into an [`Analysis`] that holds the
//! findings with the document and its coverage. File ids are assigned here, once, in the order
//! plans come from discovery, so output never depends on thread scheduling. [`analyse_plan`]
//! and [`analyse_bytes`] are the one-plan entry points for `check -`, `outline`, tests and
//! editors; [`check_paths`] runs over paths and hands each file to a [`Sink`] in order.

mod budget;
mod left_out;
pub(crate) mod not_text;
mod plan;
mod results;

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::discover;
use crate::error::Error;
use crate::source::FileId;
use crate::verdict::{Ledger, Seen, Verdict, WaiverUse};
use budget::{Budget, RUN_BUDGET};
use left_out::{problem, skip_finding};
pub use plan::{analyse_bytes, analyse_plan, check_bytes, check_plan, Analysis, MAX_PLAN_BYTES};
pub(crate) use plan::{analyse_file, too_large, Unparsed};
use plan::{file, judged_bytes, judged_file, Name};
pub use results::{Checked, Render, Sink, Totals};

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

/// Findings of a file up to which its part of the output is made on the checking thread. A file
/// with more (a plan of a million `TODO`s) is written by the sink a finding at a time, so that
/// its output is never held whole beside its findings.
const RENDER_AHEAD: usize = 2_000;

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
        Some(discover::Plans::new(&named, settings.selection())?)
    };
    // The roster is judged over the directories a run walks (the current one when no path
    // is named), never over single files.
    let walked: Vec<PathBuf> = if paths.is_empty() {
        vec![settings.relative(std::path::Path::new("."))]
    } else {
        named
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| settings.relative(p))
            .collect()
    };
    sink.begin()?;
    let renderer = sink.renderer();
    let mut out = Delivery {
        sink,
        totals: Totals::default(),
        ledger: verdict.ledger(),
        seen: (!settings.departments.is_empty() && !walked.is_empty()).then(Vec::new),
        verdict,
    };
    let files = plans.iter_mut().flatten();
    let mut next_id = in_chunks(verdict, files, renderer.as_deref(), &mut |chunk| {
        chunk
            .into_iter()
            .try_for_each(|(checked, used, part)| out.rendered(checked, &used, part.as_deref()))
    })?;
    if from_stdin {
        let mut bytes = Vec::new();
        stdin.read_to_end(&mut bytes)?;
        let name = stdin_filename.unwrap_or("<stdin>").to_owned();
        let (analysis, used) = judged_bytes(verdict, next_id, Name::Given(name), bytes);
        out.file((analysis.checked, used))?;
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
    let seen = out.seen.take().unwrap_or_default();
    let (absent, mut about_config) = verdict.judge_roster(&seen, &walked, next_id);
    let waivers = verdict.judge_waivers(&out.ledger, next_id);
    if let Some(config) = settings.config.as_ref() {
        if let Some((_, mut diagnostics)) = waivers {
            about_config.append(&mut diagnostics);
        }
        if !about_config.is_empty() {
            about_config.sort_by_key(|d| d.primary.span.start);
            let source = crate::source::SourceFile::from_path(&config.path, config.text.clone());
            out.file((
                file(next_id, source, about_config, false),
                WaiverUse::default(),
            ))?;
        }
    }
    out.sink.absent(&absent)?;
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

/// A checked file, what its waivers did, and its part of the output if it was rendered.
type Delivered = (Checked, WaiverUse, Option<Vec<u8>>);

/// Where checked files go, in order: the sink, and the run's totals and waiver ledger.
struct Delivery<'s, 'v> {
    sink: &'s mut dyn Sink,
    totals: Totals,
    ledger: Ledger,
    /// The plans as the roster sees them, when the run judges a roster.
    seen: Option<Vec<Seen>>,
    verdict: &'s Verdict<'v>,
}

impl Delivery<'_, '_> {
    fn file(&mut self, (checked, used): (Checked, WaiverUse)) -> std::io::Result<()> {
        self.rendered(checked, &used, None)
    }

    /// A file, with its part if the checking thread rendered it.
    fn rendered(
        &mut self,
        checked: Checked,
        used: &WaiverUse,
        part: Option<&[u8]>,
    ) -> std::io::Result<()> {
        if let (Some(seen), true) = (self.seen.as_mut(), checked.is_plan) {
            let facts = &checked.source.facts;
            seen.push(Seen {
                department: facts.place,
                year: facts.year.map(|(y, _)| y),
                stage: facts
                    .stage
                    .as_deref()
                    .and_then(|s| self.verdict.settings().stages.find(s)),
                path: self
                    .verdict
                    .settings()
                    .relative(checked.source.matched_path()),
            });
        }
        self.ledger.record(used);
        self.totals.add(&checked);
        match part {
            Some(part) => self.sink.rendered(checked, part),
            None => self.sink.file(checked),
        }
    }
}

/// Checks `files` in parallel, a chunk at a time, numbering them from 0 in the order of
/// `files`, and hands each chunk's results to `deliver` in that order, each file with its part
/// of the output when `renderer` makes one (on the thread that checked it). Two chunks are
/// checked at once, so a thread that is done with its share of one takes files of the next
/// instead of waiting; while they are checked, this thread hands the chunk before them to
/// `deliver` and takes the next chunk from `files` (which may be a directory walk). Memory
/// holds three chunks, however many files there are. Returns the number of files.
fn in_chunks<E>(
    verdict: &Verdict<'_>,
    files: impl Iterator<Item = PathBuf> + Send,
    renderer: Option<&dyn Render>,
    deliver: &mut dyn FnMut(Vec<Delivered>) -> Result<(), E>,
) -> Result<FileId, E> {
    // One for the run: large plans in the chunks being checked share it.
    let budget = Budget::new(RUN_BUDGET);
    let check = |part: Vec<(FileId, PathBuf)>| -> Vec<Delivered> {
        part.par_iter()
            .map(|(id, p)| {
                let (checked, used) = judged_file(verdict, *id, p, &budget, |analysis, used| {
                    (analysis.checked, used)
                });
                let part = renderer
                    .filter(|_| checked.diagnostics.len() <= RENDER_AHEAD)
                    .map(|r| {
                        // About a kilobyte a finding in JSON: room made once, not by doubling,
                        // up to what an ordinary plan needs.
                        let room = 256 + 1024 * checked.diagnostics.len();
                        let mut part = Vec::with_capacity(room.min(64 << 10));
                        r.render(&checked, &mut part);
                        part
                    });
                (checked, used, part)
            })
            .collect()
    };
    // Once the walk has ended it is never asked again.
    let mut files = files.fuse();
    std::thread::scope(|s| {
        let mut count: FileId = 0;
        let mut take = || -> Vec<(FileId, PathBuf)> {
            let part: Vec<(FileId, PathBuf)> = files
                .by_ref()
                .take(CHUNK)
                .enumerate()
                .map(|(i, p)| (count + i, p))
                .collect();
            count += part.len();
            part
        };
        let mut running = std::collections::VecDeque::new();
        for _ in 0..2 {
            let part = take();
            if part.is_empty() {
                break;
            }
            running.push_back(s.spawn(move || check(part)));
        }
        // The next chunk is walked before it is needed, so it starts the moment one ends.
        let mut ready = take();
        while let Some(oldest) = running.pop_front() {
            let done = oldest
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if !ready.is_empty() {
                let part = std::mem::take(&mut ready);
                running.push_back(s.spawn(move || check(part)));
            }
            deliver(done)?;
            if ready.is_empty() {
                ready = take();
            }
        }
        Ok(count)
    })
}
