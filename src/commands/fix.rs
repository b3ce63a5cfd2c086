//! `planlint check --fix`: what the editor's quick fix inserts, for every plan at once. Each
//! Markdown plan whose live findings include a missing area gets that area's section skeleton
//! ([`crate::fix::skeleton`]), one area after another, each checked by parsing the edited
//! plan; nothing the planner wrote is changed. The plan is written through a temporary file
//! and only if it is still as it was read; `--diff` prints the change and writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::CheckArgs;
use crate::discover::Plans;
use crate::error::Error;
use crate::i18n::Lang;
use crate::verdict::Verdict;

/// What `--fix` did: the plans it changed (or would change) and their new headings.
#[derive(Debug, Default)]
pub(super) struct Fixes {
    /// Per changed plan, its path and the headings inserted.
    pub changed: Vec<(String, Vec<String>)>,
    /// Plans it could not fix, and why (a Word plan, one changed while it was read).
    pub untouched: Vec<(String, String)>,
}

/// Fixes the plans of `args` (`--diff`: prints the change to `out` instead of writing it).
pub(super) fn run(
    args: &CheckArgs,
    verdict: &Verdict<'_>,
    out: &mut dyn Write,
) -> Result<Fixes, Error> {
    let lang = verdict.lang();
    let named: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut fixes = Fixes::default();
    for path in Plans::new(&named, verdict.settings().selection())? {
        let shown = crate::source::shown_path(&path);
        let why = |sv: &str, en: &str| lang.pick(sv, en).to_owned();
        let markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if !markdown {
            let reason = why(
                "en Word- eller OpenDocument-plan rättas inte; lägg till avsnitten i Word",
                "a Word or OpenDocument plan is not fixed; add the sections in Word",
            );
            fixes.untouched.push((shown, reason));
            continue;
        }
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            let reason = why(
                "planen är en länk och rättas inte; rätta filen den pekar på",
                "the plan is a link and is not fixed; fix the file it points to",
            );
            fixes.untouched.push((shown, reason));
            continue;
        }
        let Ok(original) = std::fs::read(&path) else {
            continue;
        };
        let Ok(text) = String::from_utf8(original.clone()) else {
            continue;
        };
        let (new_text, headings) = with_sections(verdict, &shown, text.clone());
        if headings.is_empty() {
            continue;
        }
        if args.fixing.diff {
            write_diff(out, &shown, &text, &new_text)?;
        } else if let Err(reason) = replace(&path, &original, &new_text, lang) {
            fixes.untouched.push((shown, reason));
            continue;
        }
        fixes.changed.push((shown, headings));
    }
    Ok(fixes)
}

/// `text` with the section of every missing area inserted, and the headings inserted.
fn with_sections(verdict: &Verdict<'_>, shown: &str, mut text: String) -> (String, Vec<String>) {
    let rules = verdict.rules();
    let mut headings = Vec::new();
    // Each insertion changes the places of the next: the plan is analysed again after each,
    // and there are no more insertions than area rules.
    for _ in 0..rules.rules.len() {
        let analysis = crate::run::analyse_plan(verdict, 0, shown, text.clone());
        let (Some(doc), Some(areas)) = (&analysis.document, &analysis.areas) else {
            break;
        };
        let next = analysis
            .checked
            .live()
            .filter_map(|d| rules.index(&d.code))
            .find_map(|rule| crate::fix::skeleton(rules, doc, areas, &text, rule, verdict.lang()));
        let Some(s) = next else {
            break;
        };
        text.insert_str(s.at, &s.insert);
        headings.push(s.heading);
    }
    (text, headings)
}

/// Writes `fixed` over the plan at `path` through a temporary file, if the plan is still the
/// `original` bytes it was read as, keeping its permissions; else says why not.
fn replace(path: &Path, original: &[u8], fixed: &str, lang: Lang) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| crate::i18n::os_reason(&e).get(lang).to_owned())?;
    if now != original {
        return Err(lang
            .pick(
                "planen ändrades medan den granskades och skrevs inte över; kör `--fix` igen",
                "the plan changed while it was checked and was not written; run `--fix` again",
            )
            .to_owned());
    }
    let permissions = std::fs::metadata(path).map(|m| m.permissions()).ok();
    super::init::write_atomically(path, fixed, true, lang)
        .map_err(|e| crate::i18n::os_reason(&e).get(lang).to_owned())?;
    if let Some(p) = permissions {
        let _ = std::fs::set_permissions(path, p);
    }
    Ok(())
}

/// The change from `before` to `after` as a unified diff of the plan `shown`.
fn write_diff(out: &mut dyn Write, shown: &str, before: &str, after: &str) -> std::io::Result<()> {
    let diff = similar::TextDiff::from_lines(before, after);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{shown}"), &format!("b/{shown}"))
    )
}

/// The lines that say what `--fix` did, in `lang`, for the human formats.
pub(super) fn report(
    fixes: &Fixes,
    diff: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (path, headings) in &fixes.changed {
        let list: Vec<String> = headings.iter().map(|h| format!("`{h}`")).collect();
        let done = if diff {
            lang.pick("skulle infoga", "would insert")
        } else {
            lang.pick("infogade", "inserted")
        };
        writeln!(out, "{path}: {done} {}", list.join(", "))?;
    }
    for (path, why) in &fixes.untouched {
        writeln!(out, "{path}: {why}")?;
    }
    let sections: usize = fixes.changed.iter().map(|(_, h)| h.len()).sum();
    let plans = fixes.changed.len();
    let line = match (lang, diff) {
        (Lang::Sv, false) => format!(
            "--fix: {sections} avsnitt infogade i {plans} {}; ett avsnitt utan innehåll täcker inget område, så skriv dem innan planen lämnas för beslut",
            if plans == 1 { "plan" } else { "planer" }
        ),
        (Lang::Sv, true) => format!(
            "--fix --diff: {sections} avsnitt skulle infogas i {plans} {}; ingenting skrevs",
            if plans == 1 { "plan" } else { "planer" }
        ),
        (Lang::En, false) => format!(
            "--fix: {sections} sections inserted in {plans} {}; a section without content covers no area, so write them before the plan goes for approval",
            if plans == 1 { "plan" } else { "plans" }
        ),
        (Lang::En, true) => format!(
            "--fix --diff: {sections} sections would be inserted in {plans} {}; nothing was written",
            if plans == 1 { "plan" } else { "plans" }
        ),
    };
    writeln!(out, "{line}")?;
    if !diff && sections > 0 {
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::replace;
    use crate::i18n::Lang;

    #[test]
    fn a_plan_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plan.md");
        std::fs::write(&path, "# Plan\n\nNytt av planeraren.\n").expect("write");
        let why =
            replace(&path, b"# Plan\n", "# Plan\n\n## Bostäder\n", Lang::Sv).expect_err("refused");
        assert!(
            why.contains("planen ändrades medan den granskades"),
            "{why}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "# Plan\n\nNytt av planeraren.\n"
        );
        // As read, it is written, and nothing is left beside it.
        replace(
            &path,
            b"# Plan\n\nNytt av planeraren.\n",
            "ny text\n",
            Lang::Sv,
        )
        .expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "ny text\n");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }
}
