//! `planlint diff --format human`: per plan a heading line (department, both paths), a line
//! per change (`åtgärdat:`, `nytt:`, `försämrat:` with level, code and message), the plan's
//! counts, and a summary line at the end. After 100 changes of one class and code in one
//! plan the rest are counted in one line, as `check` does.
//!
//! Departments, paths, codes and messages come from plans and packs nobody vetted: each is
//! shown through [`terminal_line`], so no control character reaches the terminal raw.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Change, DiffReport, Pairing, PlanDiff, Summary};
use crate::i18n::Lang;
use crate::render::escape::terminal_line;

/// Changes of one class and one code shown in full; the rest are counted in one line, so a
/// plan that repeats a placeholder thousands of times cannot flood a terminal (JSON lists all).
const PER_CODE: usize = 100;

/// The three classes of change: the word that opens each line, and its colour.
#[derive(Clone, Copy)]
enum Class {
    Fixed,
    New,
    Regressed,
}

impl Class {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Class::Fixed => lang.pick("åtgärdat:", "fixed:"),
            Class::New => lang.pick("nytt:", "new:"),
            Class::Regressed => lang.pick("försämrat:", "regressed:"),
        }
    }

    /// The ANSI colour: green, yellow, red.
    fn colour(self) -> &'static str {
        match self {
            Class::Fixed => "\x1b[32m",
            Class::New => "\x1b[33m",
            Class::Regressed => "\x1b[31m",
        }
    }
}

/// Writes `report` for people.
pub(super) fn write(
    report: &DiffReport,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = [Class::Fixed, Class::New, Class::Regressed]
        .iter()
        .map(|c| c.word(lang).chars().count())
        .max()
        .unwrap_or(0);
    for plan in &report.plans {
        let head = heading(plan, lang);
        if color {
            writeln!(out, "\x1b[1m{head}\x1b[0m")?;
        } else {
            writeln!(out, "{head}")?;
        }
        let classes = [
            (Class::Regressed, &plan.regressed),
            (Class::Fixed, &plan.fixed),
            (Class::New, &plan.new),
        ];
        for (class, changes) in classes {
            let word = format!("{:<width$}", class.word(lang));
            let word = if color {
                format!("{}{word}\x1b[0m", class.colour())
            } else {
                word
            };
            lines(&word, class, changes, lang, out)?;
        }
        if plan.regressed.is_empty() && plan.fixed.is_empty() && plan.new.is_empty() {
            writeln!(out, "  {}", lang.pick("inga ändringar", "no changes"))?;
        }
        if let Some(counts) = counts(plan, report.summary.areas, lang) {
            writeln!(out, "  {counts}")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(&report.summary, lang))
}

/// The lines of one class of changes, each opened by `word`: after [`PER_CODE`] of one code,
/// the rest of it in one line.
fn lines(
    word: &str,
    class: Class,
    changes: &[Change],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut shown: HashMap<&str, usize> = HashMap::new();
    let mut more: BTreeMap<&str, usize> = BTreeMap::new();
    for change in changes {
        let code = change.code.as_deref().unwrap_or_default();
        let n = shown.entry(code).or_default();
        if *n == PER_CODE {
            *more.entry(code).or_default() += 1;
            continue;
        }
        *n += 1;
        writeln!(out, "  {word} {}", line(change, class, lang))?;
    }
    for (code, n) in more {
        let code = terminal_line(code);
        let text = match lang {
            Lang::Sv => format!("och {n} till av {code} (`--format json` listar alla)"),
            Lang::En => format!("and {n} more of {code} (`--format json` lists them all)"),
        };
        writeln!(out, "  {word} {text}")?;
    }
    Ok(())
}

/// `Socialförvaltningen: 2026/soc.md → 2027/soc.md`, `…: ny plan 2027/ame.md`.
fn heading(plan: &PlanDiff, lang: Lang) -> String {
    let shown = |p: &Option<String>| terminal_line(p.as_deref().unwrap_or_default()).into_owned();
    let (old, new) = (shown(&plan.old_path), shown(&plan.new_path));
    let place = match plan.pairing {
        Pairing::Department | Pairing::Path => format!("{old} → {new}"),
        Pairing::Added => format!("{} {new}", lang.pick("ny plan", "new plan")),
        Pairing::Removed => old,
    };
    format!("{}: {place}", terminal_line(&plan.department))
}

/// One change: `error[IP002]: Bostäder täcks nu`, `warning[IP006]: … (rad 12)`.
fn line(change: &Change, class: Class, lang: Lang) -> String {
    let message = terminal_line(&change.message);
    let Some(code) = &change.code else {
        return message.into_owned();
    };
    let mut text = format!(
        "{}[{}]: {message}",
        change.severity.as_str(),
        terminal_line(code)
    );
    if let Some(n) = change.line {
        let word = if change.by_paragraph {
            lang.pick("stycke", "paragraph")
        } else {
            lang.pick("rad", "line")
        };
        let was = match class {
            Class::Fixed => lang.pick("var ", "was "),
            Class::New | Class::Regressed => "",
        };
        let _ = write!(text, " ({was}{word} {n})");
    }
    text
}

/// `områden: 3 → 4 av 4 · fel som hindrar godkännande: 1 → 0`; none for a plan gone.
fn counts(plan: &PlanDiff, areas: usize, lang: Lang) -> Option<String> {
    let new_areas = plan.areas_new?;
    let new_blocking = plan.blocking_new.unwrap_or(0);
    let from = |old: Option<usize>| old.map(|n| format!("{n} → ")).unwrap_or_default();
    Some(format!(
        "{}: {}{new_areas} {} {areas} · {}: {}{new_blocking}",
        lang.pick("områden", "areas"),
        from(plan.areas_old),
        lang.pick("av", "of"),
        lang.pick("fel som hindrar godkännande", "errors blocking approval"),
        from(plan.blocking_old),
    ))
}

/// `n` and the noun in the right number.
fn count(n: usize, (one, many): (&str, &str)) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 planer jämförda och 1 ny plan: 2 åtgärdade, 1 ny anmärkning, 1 försämring`.
fn summary_line(s: &Summary, lang: Lang) -> String {
    let mut plans = vec![count(
        s.compared,
        lang.pick2(
            ("plan jämförd", "planer jämförda"),
            ("plan compared", "plans compared"),
        ),
    )];
    if s.added > 0 {
        plans.push(count(
            s.added,
            lang.pick2(("ny plan", "nya planer"), ("new plan", "new plans")),
        ));
    }
    if s.removed > 0 {
        plans.push(count(
            s.removed,
            lang.pick2(
                ("plan som inte finns längre", "planer som inte finns längre"),
                ("plan that no longer exists", "plans that no longer exist"),
            ),
        ));
    }
    let plans = match plans.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), lang.pick("och", "and"))
        }
        _ => plans.concat(),
    };
    format!(
        "{plans}: {}, {}, {}",
        count(
            s.fixed,
            lang.pick2(("åtgärdad", "åtgärdade"), ("fixed", "fixed"))
        ),
        count(
            s.new,
            lang.pick2(
                ("ny anmärkning", "nya anmärkningar"),
                ("new finding", "new findings")
            )
        ),
        count(
            s.regressed,
            lang.pick2(
                ("försämring", "försämringar"),
                ("regression", "regressions")
            )
        ),
    )
}
