//! `planlint explain CODE`: a rule's long help — what counts, the policy clause, examples.

use std::io::Write;

use crate::engine::{Rule, RuleSet};
use crate::i18n::Lang;
use crate::pack;
use crate::{Error, Outcome};

pub(super) fn run(
    code: &str,
    rules: &RuleSet,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let Some(rule) = rules.find(code) else {
        let best = pack::suggest_code(code, rules.rules.iter().map(Rule::code)).map(str::to_owned);
        return Err(Error::UnknownCode(code.to_owned(), best));
    };
    write!(
        out,
        "{}",
        pack::explain(rule, &rules.packs[rule.pack].header, lang)
    )?;
    Ok(Outcome::Clean)
}
