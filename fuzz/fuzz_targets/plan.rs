//! What the `check` and `docx` targets share: one plan checked with the built-in pack on the
//! stack a plan gets in the binary (rayon's worker threads, 2 MiB), so a recursion that
//! overflows there overflows here too, with the invariants every renderer relies on.

use std::sync::OnceLock;

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

/// Checks `data` as the plan `name` on the stack a plan gets in the binary, asserts the span
/// invariants and that every finding says something, and renders it in every format.
pub fn on_plan_stack(name: &'static str, data: Vec<u8>) {
    std::thread::Builder::new()
        .stack_size(PLAN_STACK)
        .spawn(move || one_plan(name, &data))
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

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
