//! The floor planlint is measured against: read every plan, parse it with pulldown-cmark (same
//! version and options as planlint) and collect its headings; nothing else.
//!
//! ```text
//! floor [--threads N] [--words] DIR
//! ```
//!
//! It walks `DIR` for `*.md`, checks each plan for the four area headings by exact text, and
//! prints how many plans lack one, so the parse cannot be optimised away and its answer can be
//! compared with the linters'.
//!
//! With `--words` it also does the least a checker that reads the prose word by word must do:
//! split the text outside code into words, lowercase each, and look it up in a hash set (the
//! four area words). That is a lower bound for any word-level rule engine, planlint's included.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet as HashSet;
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

/// The words of the area names, lowercased: what `--words` looks every word up in.
const AREA_WORDS: [&str; 5] = ["arbete", "studier", "bostäder", "folkhälsa", "samverkan"];

/// Splits `text` into words (runs of letters and digits), lowercases each and counts those in
/// `AREA_WORDS`. ASCII and Latin-1 letters (å, ä, ö) take fast paths, so this is a fair lower
/// bound, not a slow one.
fn area_words(text: &str, set: &HashSet<&str>, word: &mut String) -> usize {
    let mut found = 0;
    word.clear();
    for c in text.chars() {
        let lower = if c.is_ascii() {
            c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
        } else if ('\u{C0}'..='\u{FF}').contains(&c) {
            // Latin-1 letters: all but × and ÷; the capitals lie 0x20 below their small forms.
            match c {
                '×' | '÷' => None,
                '\u{C0}'..='\u{DE}' => char::from_u32(c as u32 + 0x20),
                _ => Some(c),
            }
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        } else {
            None
        };
        match lower {
            Some(l) => word.push(l),
            None if !word.is_empty() => {
                found += usize::from(set.contains(word.as_str()));
                word.clear();
            }
            None => {}
        }
    }
    if !word.is_empty() {
        found += usize::from(set.contains(word.as_str()));
        word.clear();
    }
    found
}

/// The headings of one plan, and with `words` how many of its words are area words.
fn headings(text: &str, words: bool) -> (Vec<String>, usize) {
    let set: HashSet<&str> = AREA_WORDS.into_iter().collect();
    let mut word = String::new();
    let mut found = 0;
    let mut in_code = false;
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
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
                if words && !in_code {
                    found += area_words(&t, &set, &mut word);
                }
            }
            _ => {}
        }
    }
    (out, found)
}

/// Whether the plan lacks an area heading, and how many area words it has.
fn lacks_an_area(path: &Path, words: bool) -> (bool, usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (true, 0);
    };
    let (found, area_words) = headings(&text, words);
    let lacks = REQUIRED.iter().any(|r| !found.iter().any(|h| h == r));
    (lacks, area_words)
}

/// What a run found: plans lacking an area heading, and area words (with `--words`).
struct Found {
    lacking: usize,
    area_words: usize,
}

fn run() -> Result<Found, String> {
    let mut threads = 1;
    let mut words = false;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            let n = args.next().ok_or("--threads needs a value")?;
            threads = n.parse().map_err(|e| format!("--threads: {e}"))?;
        } else if arg == "--words" {
            words = true;
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let dir = dir.ok_or("usage: floor [--threads N] [--words] DIR")?;
    let mut files = Vec::new();
    walk(&dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    let next = AtomicUsize::new(0);
    let lacking = AtomicUsize::new(0);
    let area_words = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let (lacks, n) = lacks_an_area(path, words);
                lacking.fetch_add(usize::from(lacks), Ordering::Relaxed);
                area_words.fetch_add(n, Ordering::Relaxed);
            });
        }
    });
    Ok(Found {
        lacking: lacking.into_inner(),
        area_words: area_words.into_inner(),
    })
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    match run() {
        Ok(Found {
            lacking,
            area_words,
        }) => {
            println!("{lacking} plans lack an area heading");
            if area_words > 0 {
                println!("{area_words} words are area words");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::from(2)
        }
    }
}
