//! Any text as a rule pack (first byte even) or a config file (odd): loading either must end
//! in a value or an error that renders, never a panic.
#![no_main]
#![allow(clippy::result_large_err)]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planlint::config::settings::CliValues;
use planlint::engine::RuleSet;
use planlint::i18n::Lang;

fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in pack compiles"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let result = if which % 2 == 0 {
        planlint::engine::parse_pack("pack.toml", text)
            .and_then(|def| RuleSet::compile(vec![def]).map(drop))
    } else {
        planlint::config::parse(Path::new("planlint.toml"), text.to_owned()).and_then(|loaded| {
            planlint::config::Settings::new(
                Some(loaded),
                &CliValues::default(),
                &builtin().known_codes(),
                Path::new("/plans"),
                planlint::config::today(),
            )
            .map(drop)
        })
    };
    if let Err(e) = result {
        let mut out = Vec::new();
        planlint::Error::Pack(e)
            .render(Lang::Sv, false, &mut out)
            .expect("writes to a Vec");
    }
});
