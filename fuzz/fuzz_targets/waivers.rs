//! Any text as a `planlint.toml` and a plan, split at the first NUL byte: the config is loaded
//! (waivers, `[waiver_policy]`, overrides) and the plan checked through the verdict on the
//! binary's plan stack. Loading must end in settings or an error that renders; checking must
//! keep every span inside the plan; never a panic.
#![no_main]
#![allow(clippy::result_large_err)]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::config::settings::CliValues;
use planlint::config::Settings;
use planlint::engine::RuleSet;
use planlint::i18n::Lang;
use planlint::verdict::Verdict;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in pack compiles"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, plan) = text.split_once('\0').unwrap_or((text, ""));
    let (config, plan) = (config.to_owned(), plan.to_owned());
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || one_run(config, plan))
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
});

fn one_run(config: String, plan: String) {
    let loaded = planlint::config::parse(Path::new("/plans/planlint.toml"), config);
    let settings = loaded.and_then(|l| {
        Settings::new(
            Some(l),
            &CliValues::default(),
            &rules().known_codes(),
            Path::new("/plans"),
            planlint::config::today(),
        )
    });
    let settings = match settings {
        Ok(s) => s,
        Err(e) => {
            let mut out = Vec::new();
            planlint::Error::Pack(e)
                .render(Lang::Sv, false, &mut out)
                .expect("writes to a Vec");
            return;
        }
    };
    let verdict = Verdict::new(rules(), &settings);
    let checked = planlint::run::check_plan(&verdict, 0, "/plans/plan.md", plan);
    let len = checked.source.text.len();
    for d in &checked.diagnostics {
        assert!(d.primary.span.end <= len, "{d:?}");
    }
}
