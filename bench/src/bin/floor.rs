//! The floor planlint is measured against: read every plan, parse it with pulldown-cmark (same
//! version and options as planlint) and collect its headings; nothing else.
//!
//! ```text
//! floor [--threads N] DIR
//! ```
//!
//! It walks `DIR` for `*.md`, checks each plan for the four area headings by exact text, and
//! prints how many plans lack one, so the parse cannot be optimised away and its answer can be
//! compared with the linters'.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const REQUIRED: [&str; 4] = ["Arbete och studier", "Bostäder", "Folkhälsa", "Samverkan"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// The headings of one plan.
fn headings(text: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    // The floor parses on its own, on purpose: it is what planlint's parse is compared with.
    #[allow(clippy::disallowed_methods)]
    let parser = Parser::new_ext(text, options);
    for event in parser {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn lacks_an_area(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return true;
    };
    let found = headings(&text);
    REQUIRED.iter().any(|r| !found.iter().any(|h| h == r))
}

fn run() -> Result<usize, String> {
    let mut threads = 1;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            let n = args.next().ok_or("--threads needs a value")?;
            threads = n.parse().map_err(|e| format!("--threads: {e}"))?;
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let dir = dir.ok_or("usage: floor [--threads N] DIR")?;
    let mut files = Vec::new();
    walk(&dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    let next = AtomicUsize::new(0);
    let lacking = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if lacks_an_area(path) {
                    lacking.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    Ok(lacking.into_inner())
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    match run() {
        Ok(n) => {
            println!("{n} plans lack an area heading");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::from(2)
        }
    }
}
