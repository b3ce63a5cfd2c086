//! `planlint test-pack FILE`: runs the passing and failing examples of every rule in a pack.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::engine::RuleSet;
use crate::error::Error;
use crate::i18n::Lang;

pub(super) fn run(file: &Path, lang: Lang, out: &mut dyn Write) -> Result<Outcome, Error> {
    let mut defs = Vec::new();
    let def = crate::engine::load_pack(file)?;
    let is_builtin = def.header.id == "integrationspolicy" && def.header.prefix.get_ref() == "IP";
    if !is_builtin {
        defs.push(crate::engine::builtin_pack()?);
    }
    defs.push(def);
    let rules = RuleSet::compile(defs)?;
    let pack_index = rules.packs.len() - 1;
    let failures = rules.test_examples(Some(pack_index));
    let tested = rules.rules.iter().filter(|r| r.pack == pack_index).count();
    for f in &failures {
        writeln!(out, "{}", f.describe(lang))?;
    }
    writeln!(
        out,
        "{}: {} {}, {} {}",
        file.display(),
        tested,
        lang.pick("regler prövade", "rules tested"),
        failures.len(),
        lang.pick(
            "med exempel som inte stämmer",
            "with examples that do not behave as stated"
        )
    )?;
    Ok(if failures.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
