//! `planlint check --fix`: what the editor's quick fixes do, for every plan at once. Each
//! Markdown plan whose live findings include a missing area gets a heading for it: a bold line
//! meant as the heading becomes one ([`crate::fix::heading_of_bold_line`]), else the area's
//! section skeleton is inserted ([`crate::fix::skeleton`]), one area after another, each
//! checked by parsing the edited plan; invisible characters are taken out of the area headings
//! ([`crate::fix::visible_headings`]); no word the planner wrote is changed. The plan is written through a temporary file
//! and only if it is still as it was read; `--diff` prints the change and writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::CheckArgs;
use crate::discover::Plans;
use crate::error::Error;
use crate::i18n::Lang;
use crate::verdict::Verdict;

/// One change `--fix` made to a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// A section inserted, with this heading.
    Inserted(String),
    /// A bold line (`**Bostäder**`) made this heading.
    Heading { line: String, heading: String },
    /// The invisible characters taken out of an area's heading, which now reads so.
    Visible(String),
}

/// What `--fix` did: the plans it changed (or would change) and their new headings.
#[derive(Debug, Default)]
pub(super) struct Fixes {
    /// Per changed plan, its path and what changed in it.
    pub changed: Vec<(String, Vec<Change>)>,
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

/// `text` with a heading for every missing area, and what changed.
fn with_sections(verdict: &Verdict<'_>, shown: &str, mut text: String) -> (String, Vec<Change>) {
    let rules = verdict.rules();
    let mut headings = Vec::new();
    // The area headings first, all at once, from the last: none moves another.
    let analysis = crate::run::analyse_plan(verdict, 0, shown, text.clone());
    if let (Some(doc), Some(areas)) = (&analysis.document, &analysis.areas) {
        let mut cleaned = crate::fix::visible_headings(rules, doc, areas, &text, None);
        cleaned.sort_by_key(|r| std::cmp::Reverse(r.range.start));
        for r in &cleaned {
            text.replace_range(r.range.clone(), &r.text);
        }
        headings.extend(
            cleaned
                .into_iter()
                .rev()
                .map(|r| Change::Visible(r.heading)),
        );
    }
    // Each insertion changes the places of the next: the plan is analysed again after each,
    // and there are no more insertions than area rules.
    for _ in 0..rules.rules.len() {
        let analysis = crate::run::analyse_plan(verdict, 0, shown, text.clone());
        let (Some(doc), Some(areas)) = (&analysis.document, &analysis.areas) else {
            break;
        };
        let missing: Vec<usize> = analysis
            .checked
            .live()
            .filter_map(|d| rules.index(&d.code))
            .collect();
        // A bold line meant as the area's heading becomes one; else the section is inserted.
        let bold = missing
            .iter()
            .find_map(|&rule| crate::fix::heading_of_bold_line(rules, doc, areas, &text, rule));
        if let Some(r) = bold {
            let line = text[r.range.clone()].trim().to_owned();
            text.replace_range(r.range, &r.text);
            headings.push(Change::Heading {
                line,
                heading: r.heading,
            });
            continue;
        }
        let next = missing
            .iter()
            .find_map(|&rule| crate::fix::skeleton(rules, doc, areas, &text, rule, verdict.lang()));
        let Some(s) = next else {
            break;
        };
        text.insert_str(s.at, &s.insert);
        headings.push(Change::Inserted(s.heading));
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
    // As git names it: `a/tmp/plan.md`, not `a//tmp/plan.md`.
    let name = shown.trim_start_matches('/');
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

/// The lines that say what `--fix` did, in `lang`, for the human formats.
pub(super) fn report(
    fixes: &Fixes,
    diff: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (path, changes) in &fixes.changed {
        let inserted: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Inserted(h) => Some(format!("`{h}`")),
                Change::Heading { .. } | Change::Visible(_) => None,
            })
            .collect();
        let mut said = Vec::new();
        for c in changes {
            if let Change::Heading { line, heading } = c {
                let made = match (diff, lang) {
                    (false, Lang::Sv) => "gjorde raden",
                    (true, Lang::Sv) => "skulle göra raden",
                    (false, Lang::En) => "made the line",
                    (true, Lang::En) => "would make the line",
                };
                let to = lang.pick("till rubriken", "the heading");
                said.push(format!("{made} `{line}` {to} `{heading}`"));
            }
        }
        let cleaned: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Visible(h) => Some(format!("`{h}`")),
                _ => None,
            })
            .collect();
        if !cleaned.is_empty() {
            let done = match (diff, lang) {
                (false, Lang::Sv) => "tog bort osynliga tecken ur",
                (true, Lang::Sv) => "skulle ta bort osynliga tecken ur",
                (false, Lang::En) => "removed invisible characters from",
                (true, Lang::En) => "would remove invisible characters from",
            };
            said.push(format!("{done} {}", cleaned.join(", ")));
        }
        if !inserted.is_empty() {
            let done = if diff {
                lang.pick("skulle infoga", "would insert")
            } else {
                lang.pick("infogade", "inserted")
            };
            said.push(format!("{done} {}", inserted.join(", ")));
        }
        writeln!(out, "{path}: {}", said.join("; "))?;
    }
    for (path, why) in &fixes.untouched {
        writeln!(out, "{path}: {why}")?;
    }
    let count = |visible: bool| -> usize {
        fixes
            .changed
            .iter()
            .flat_map(|(_, h)| h)
            .filter(|c| matches!(c, Change::Visible(_)) == visible)
            .count()
    };
    let (n, cleaned) = (count(false), count(true));
    let plans = fixes.changed.len();
    let pick =
        |one: &'static str, many: &'static str, count: usize| if count == 1 { one } else { many };
    let also = match (cleaned, lang) {
        (0, _) => String::new(),
        (c, Lang::Sv) => format!(
            " och osynliga tecken borttagna ur {c} {}",
            pick("rubrik", "rubriker", c)
        ),
        (c, Lang::En) => format!(
            " and invisible characters removed from {c} {}",
            pick("heading", "headings", c)
        ),
    };
    let also_diff = match (cleaned, lang) {
        (0, _) => String::new(),
        (c, Lang::Sv) => format!(
            ", och osynliga tecken skulle tas bort ur {c} {}",
            pick("rubrik", "rubriker", c)
        ),
        (c, Lang::En) => format!(
            ", and invisible characters would be removed from {c} {}",
            pick("heading", "headings", c)
        ),
    };
    let write_them = if n > 0 {
        lang.pick(
            "; ett avsnitt utan innehåll täcker inget område, så skriv dem innan planen lämnas för beslut",
            "; a section without content covers no area, so write them before the plan goes for approval",
        )
    } else {
        ""
    };
    let line = match (lang, diff) {
        // Only headings cleaned: no count of headings that were not added.
        (Lang::Sv, false) if n == 0 && cleaned > 0 => format!(
            "--fix: osynliga tecken togs bort ur {cleaned} {} i {plans} {}",
            pick("rubrik", "rubriker", cleaned),
            pick("plan", "planer", plans)
        ),
        (Lang::Sv, true) if n == 0 && cleaned > 0 => format!(
            "--fix --diff: osynliga tecken skulle tas bort ur {cleaned} {} i {plans} {}; ingenting skrevs",
            pick("rubrik", "rubriker", cleaned),
            pick("plan", "planer", plans)
        ),
        (Lang::En, false) if n == 0 && cleaned > 0 => format!(
            "--fix: invisible characters were removed from {cleaned} {} in {plans} {}",
            pick("heading", "headings", cleaned),
            pick("plan", "plans", plans)
        ),
        (Lang::En, true) if n == 0 && cleaned > 0 => format!(
            "--fix --diff: invisible characters would be removed from {cleaned} {} in {plans} {}; nothing was written",
            pick("heading", "headings", cleaned),
            pick("plan", "plans", plans)
        ),
        (Lang::Sv, false) => format!(
            "--fix: {n} {} för områden som saknades{also}, i {plans} {}{write_them}",
            pick("rubrik", "rubriker", n),
            pick("plan", "planer", plans)
        ),
        (Lang::Sv, true) => format!(
            "--fix --diff: {n} {} för områden som saknas skulle läggas till i {plans} {}{also_diff}; ingenting skrevs",
            pick("rubrik", "rubriker", n),
            pick("plan", "planer", plans)
        ),
        (Lang::En, false) => format!(
            "--fix: {n} {} for missing areas{also}, in {plans} {}{write_them}",
            pick("heading", "headings", n),
            pick("plan", "plans", plans)
        ),
        (Lang::En, true) => format!(
            "--fix --diff: {n} {} for missing areas would be added in {plans} {}{also_diff}; nothing was written",
            pick("heading", "headings", n),
            pick("plan", "plans", plans)
        ),
    };
    writeln!(out, "{line}")?;
    if !diff && n + cleaned > 0 {
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
