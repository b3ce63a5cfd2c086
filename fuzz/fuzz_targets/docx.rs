//! Any bytes as a Word or OpenDocument plan: the first byte's low bit chooses the name the rest
//! is checked under (0: `plan.docx`, 1: `plan.odt`), so one corpus reaches both readers and the
//! rest of each seed is a real file. Checked with the built-in pack on the binary's plan stack
//! (rayon's worker threads, 2 MiB) and rendered in every format, like `check`. Besides "no
//! panic" it asserts the span invariants every renderer relies on, over the text the reader
//! made, and that every finding says something.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::config::Settings;
use planlint::engine::RuleSet;
use planlint::render::{matrix, Format, Options};
use planlint::verdict::Verdict;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in pack compiles"))
}

/// The stack of rayon's worker threads, where the binary checks plans.
const PLAN_STACK: usize = 2 << 20;

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let name = if which & 1 == 0 {
        "plan.docx"
    } else {
        "plan.odt"
    };
    let file = file.to_vec();
    std::thread::Builder::new()
        .stack_size(PLAN_STACK)
        .spawn(move || one_plan(name, &file))
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
});

fn one_plan(name: &str, data: &[u8]) {
    let settings = Settings::defaults();
    let verdict = Verdict::new(rules(), &settings);
    let checked = planlint::run::check_bytes(&verdict, 0, name.to_owned(), data.to_vec());
    let text = &checked.source.text;
    for d in &checked.diagnostics {
        assert!(!d.message.trim().is_empty(), "{d:?}");
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let span = &label.span;
            assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?}"
            );
        }
    }
    let options = Options {
        verdict: &verdict,
        color: false,
        quiet: false,
        verbose: true,
    };
    let mut totals = planlint::run::Totals::default();
    totals.add(&checked);
    let mut out = Vec::new();
    for format in Format::ALL {
        let again = planlint::run::check_bytes(&verdict, 0, name.to_owned(), data.to_vec());
        let mut sink = format.sink(options, &mut out);
        sink.begin().expect("writes to a Vec");
        sink.file(again).expect("writes to a Vec");
        sink.end(&totals).expect("writes to a Vec");
    }
    let m = matrix::build(&[checked], &verdict);
    let _ = matrix::html(&m, planlint::i18n::Lang::Sv);
}
