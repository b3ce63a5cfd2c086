//! `planlint explain WORD`: a rule's long help — what counts, the policy clause, examples — or
//! the explanation of one of planlint's own codes (`PL…`).
//!
//! The word may be a code (any letter case), a rule name (`omrade-bostader`) or an area
//! (`Bostäder`, `bostader`, `Housing`), compared folded (case and diacritics aside, `-` as a
//! space). A word that fits no name exactly is looked for as the start of the names' words; a
//! word that fits several rules lists them.

use std::fmt::Write as _;
use std::io::Write;

use super::Outcome;
use crate::diagnostic::codes::{self, Code};
use crate::engine::{Rule, RuleSet};
use crate::error::Error;
use crate::i18n::Lang;
use crate::matching::fold;
use crate::suggest;

/// What a word can name.
#[derive(Clone, Copy)]
enum Found<'r> {
    Rule(&'r Rule),
    Own(Code),
}

impl Found<'_> {
    fn code(&self) -> &str {
        match self {
            Found::Rule(r) => r.code(),
            Found::Own(c) => c.code,
        }
    }

    /// `IP002 omrade-bostader`, for a list of candidates.
    fn shown(&self) -> String {
        match self {
            Found::Rule(r) => format!("{} {}", r.code(), r.def.name.get_ref()),
            Found::Own(c) => format!("{} {}", c.code, c.name),
        }
    }
}

pub(super) fn run(
    word: &str,
    rules: &RuleSet,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let found = lookup(word, rules)?;
    let text = match found {
        Found::Rule(rule) => crate::ruledoc::explain(rule, &rules.packs[rule.pack].header, lang),
        Found::Own(code) => own(code, lang),
    };
    write!(out, "{text}")?;
    Ok(Outcome::Clean)
}

/// The folded words a name is compared by: `Omrade-Bostäder` → `omrade bostader`.
fn folded(name: &str) -> String {
    fold(&name.replace(['-', '_'], " "))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names a rule or code answers to besides its code.
fn names(found: Found<'_>) -> Vec<String> {
    match found {
        Found::Rule(rule) => {
            let mut names = vec![folded(rule.def.name.get_ref())];
            if let Some(area) = rule.area() {
                names.extend([&area.area.sv, &area.area.en, &area.heading].map(|n| folded(n)));
            }
            names
        }
        Found::Own(code) => vec![folded(code.name)],
    }
}

/// The rule or code `word` names, or why there is none.
fn lookup<'r>(word: &str, rules: &'r RuleSet) -> Result<Found<'r>, Error> {
    if let Some(rule) = rules.find(word.trim()) {
        return Ok(Found::Rule(rule));
    }
    if let Some(code) = codes::find(&word.trim().to_uppercase()) {
        return Ok(Found::Own(code));
    }
    let all: Vec<Found<'_>> = rules
        .rules
        .iter()
        .map(Found::Rule)
        .chain(codes::ALL.iter().copied().map(Found::Own))
        .collect();
    let wanted = folded(word);
    let exact: Vec<Found<'_>> = all
        .iter()
        .copied()
        .filter(|f| names(*f).contains(&wanted))
        .collect();
    // Each word of the query starts a word of one of the names: `bostad` finds `Bostäder`.
    let starts = |f: &Found<'_>| {
        !wanted.is_empty()
            && names(*f).iter().any(|name| {
                wanted
                    .split(' ')
                    .all(|w| name.split(' ').any(|n| n.starts_with(w)))
            })
    };
    let candidates = if exact.is_empty() {
        all.iter().copied().filter(starts).collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => {
            let codes = all.iter().map(Found::code);
            let best = suggest::suggest_code(word, codes.clone())
                .filter(|_| word.trim().chars().any(|c| c.is_ascii_digit()))
                .map(str::to_owned)
                .or_else(|| {
                    let names: Vec<String> = all.iter().flat_map(|f| names(*f)).collect();
                    let best = suggest::did_you_mean(&wanted, names.iter().map(String::as_str))?;
                    all.iter()
                        .find(|f| names_contain(f, best))
                        .map(|f| f.code().to_owned())
                });
            Err(Error::UnknownCode(word.to_owned(), best))
        }
        many => Err(Error::Ambiguous(
            word.to_owned(),
            many.iter().map(Found::shown).collect(),
        )),
    }
}

fn names_contain(found: &Found<'_>, name: &str) -> bool {
    names(*found).iter().any(|n| n == name)
}

/// The explanation of one of planlint's own codes.
fn own(code: Code, lang: Lang) -> String {
    let about = match lang {
        Lang::Sv => &code.about[0],
        Lang::En => &code.about[1],
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({})",
        code.code,
        code.name,
        code.severity.as_str()
    );
    let _ = writeln!(out, "\n{}", about.summary);
    let _ = writeln!(
        out,
        "\n{}\n{}",
        lang.pick("När det händer:", "When it happens:"),
        about.when
    );
    let _ = writeln!(
        out,
        "\n{}\n{}",
        crate::i18n::HOW_TO_FIX.get(lang),
        about.fix
    );
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick(
            "Koden hör till planlint själv, inte till ett regelpaket.",
            "The code is planlint's own, not a rule pack's."
        )
    );
    out
}
