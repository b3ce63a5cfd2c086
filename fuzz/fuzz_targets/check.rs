//! Any bytes as a plan: checked with the built-in pack and rendered in every format.
//! Besides "no panic", it asserts the span invariants every renderer relies on.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::engine::RuleSet;
use planlint::lint;
use planlint::i18n::Lang;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| planlint::load_rules(&[]).expect("the built-in pack compiles"))
}

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let settings = planlint::config::Settings::defaults();
    let linter = lint::Linter {
        rules,
        settings: &settings,
        lang: Lang::Sv,
    };
    let checked = linter.check_bytes("plan.md".to_owned(), data.to_vec());
    let text = &checked.source.text;
    for d in &checked.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let span = &label.span;
            assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?}"
            );
        }
    }
    let (db, diagnostics) = lint::collect(vec![checked]);
    let report = planlint::render::Report {
        diagnostics: &diagnostics,
        sources: &db,
        files: 1,
        lang: Lang::En,
        quiet: false,
        plans: &[0],
        rules,
    };
    let mut out = Vec::new();
    planlint::render::human::render(&report, false, &mut out).expect("writes to a Vec");
    planlint::render::json::render(&report, &mut out).expect("writes to a Vec");
    planlint::render::sarif::render(&report, &mut out).expect("writes to a Vec");
    planlint::render::junit::render(&report, &mut out).expect("writes to a Vec");
    planlint::render::github::render(&report, &mut out).expect("writes to a Vec");
    let matrix = planlint::render::matrix::build(&report);
    let _ = planlint::render::matrix::html(&matrix, Lang::Sv);
});
