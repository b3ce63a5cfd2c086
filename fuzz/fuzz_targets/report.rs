//! Any bytes as two plans of one run, split at the first NUL byte: the board's report is built
//! and written in every format. Never a panic; every format holds both rows.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::config::Settings;
use planlint::engine::RuleSet;
use planlint::i18n::Lang;
use planlint::render::matrix;
use planlint::verdict::Verdict;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in pack compiles"))
}

fuzz_target!(|data: &[u8]| {
    let at = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (first, second) = (data[..at].to_vec(), data.get(at + 1..).unwrap_or_default().to_vec());
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || one_report(first, second))
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
});

fn one_report(first: Vec<u8>, second: Vec<u8>) {
    let settings = Settings::defaults();
    let verdict = Verdict::new(rules(), &settings);
    let files = vec![
        planlint::run::check_bytes(&verdict, 0, "a.md".to_owned(), first),
        planlint::run::check_bytes(&verdict, 1, "b.md".to_owned(), second),
    ];
    let m = matrix::build(&files, &verdict);
    assert_eq!(m.rows.len(), 2);
    for lang in [Lang::Sv, Lang::En] {
        let _ = matrix::html(&m, lang);
        let _ = matrix::markdown(&m, lang);
    }
    let _ = matrix::csv(&m);
    let _ = serde_json::to_string(&m).expect("the matrix serialises");
}
