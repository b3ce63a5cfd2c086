//! Findings for files a run saw and did not check: entries it could not read or would not
//! open (`PL002`, `PL004`), and plan-like files the config left out that are due a word
//! (`PL005` with `--strict`, `PL006` for a file named on the command line).

use std::path::Path;

use super::file;
use super::Checked;
use crate::diagnostic::{codes, Diagnostic, Label};
use crate::discover::{Problem, Skip, Skipped};
use crate::source::FileId;
use crate::source::SourceFile;
use crate::verdict::Verdict;

/// A finding for an entry that could not be checked, as file `id`: a warning for an entry of
/// a walked directory, an error for a file named on the command line.
pub(super) fn problem(id: FileId, path: &Path, why: &Problem, verdict: &Verdict<'_>) -> Checked {
    let lang = verdict.lang();
    let message = match why {
        Problem::Io(e) => format!(
            "{}: {}",
            lang.pick(
                "en post i katalogen kunde inte läsas och granskades inte",
                "an entry of the directory could not be read and was not checked"
            ),
            e.get(lang)
        ),
        Problem::DirectoryLink => lang
            .pick(
                "länken pekar på en katalog; sådana länkar följs inte, så planerna där granskades inte",
                "the link points to a directory; such links are not followed, so the plans there were not checked",
            )
            .to_owned(),
        Problem::OutsideTree(target) => format!(
            "{} `{}`{}",
            lang.pick("länken leder ut ur katalogen som granskas, till", "the link leads out of the directory being checked, to"),
            crate::source::shown_path(target),
            lang.pick("; den lästes inte", "; it was not read"),
        ),
        Problem::NotRegular { .. } => lang
            .pick(
                "filen är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och lästes inte",
                "the file is not a regular file (e.g. a named pipe or a device) and was not read",
            )
            .to_owned(),
    };
    let help = match why {
        Problem::Io(_) => lang.pick(
            "kontrollera länkar och behörigheter i katalogen",
            "check the links and permissions in the directory",
        ),
        Problem::DirectoryLink => lang.pick(
            "ange katalogen själv på kommandoraden om planerna där ska granskas",
            "name the directory itself on the command line to check the plans in it",
        ),
        Problem::OutsideTree(_) => lang.pick(
            "lägg planen själv i katalogen, eller ange den på kommandoraden om den ska granskas",
            "put the plan itself in the directory, or name it on the command line to check it",
        ),
        Problem::NotRegular { .. } => lang.pick(
            "spara planen som en vanlig fil i Markdown",
            "save the plan as a regular Markdown file",
        ),
    };
    // A file the user named and planlint could not read fails the run, as an unreadable plan
    // does; an odd entry met in a walk is a warning, like the other entries of a walk.
    let code = if matches!(why, Problem::NotRegular { named: true }) {
        codes::UNREADABLE
    } else {
        codes::WALK
    };
    let d = Diagnostic::own(code, message, id, Label::new(0..0, "")).with_help(help);
    let source = SourceFile::from_path(path, String::new());
    file(id, source, vec![d], false)
}

/// A finding for a file that looks like a plan and was not checked, as file `id`, when one is
/// due: said by name for a file named on the command line, an error with `--strict`.
pub(super) fn skip_finding(
    id: FileId,
    skipped: &Skipped,
    verdict: &Verdict<'_>,
) -> Option<Checked> {
    let lang = verdict.lang();
    let strict = verdict.settings().strict.value;
    let (code, message, help) = match (skipped.named, skipped.why, strict) {
        (true, Skip::Excluded, _) => (
            codes::LEFT_OUT,
            lang.pick(
                "filen granskades inte: `exclude` i planlint.toml utesluter den",
                "the file was not checked: `exclude` in planlint.toml leaves it out",
            ),
            lang.pick(
                "är det en plan som ska granskas, kopiera den till en plats som granskas (en mall i `mallar/` är ingen plan), eller ta bort mönstret ur `exclude`",
                "if it is a plan to be checked, copy it to a place that is checked (a template in `mallar/` is no plan), or remove the pattern from `exclude`",
            ),
        ),
        (true, _, _) => (
            codes::LEFT_OUT,
            lang.pick(
                "filen granskades inte: `include`/`exclude` i planlint.toml tar inte med den",
                "the file was not checked: `include`/`exclude` in planlint.toml leave it out",
            ),
            lang.pick(
                "är filen en plan, spara den som Markdown (`.md`) eller ändra `include` i planlint.toml",
                "if the file is a plan, save it as Markdown (`.md`) or change `include` in planlint.toml",
            ),
        ),
        (false, Skip::Hidden, true) => (
            codes::SKIPPED,
            lang.pick(
                "dold fil eller katalog granskades inte (namnet börjar med `.`)",
                "a hidden file or directory was not checked (its name starts with `.`)",
            ),
            lang.pick(
                "byt namn så att det inte börjar med punkt, eller flytta ut planen; vill nämnden utesluta den, lägg den i `exclude` i planlint.toml",
                "rename it so that it does not start with a dot, or move the plan out; if the board means to leave it out, put it in `exclude` in planlint.toml",
            ),
        ),
        (false, Skip::NotIncluded, true) => (
            codes::SKIPPED,
            lang.pick(
                "filen ser ut som en plan men `include` i planlint.toml tar inte med den",
                "the file looks like a plan but `include` in planlint.toml does not match it",
            ),
            lang.pick(
                "döp om filen (t.ex. till `.md`) eller ändra `include`; vill nämnden utesluta den, lägg den i `exclude`",
                "rename the file (e.g. to `.md`) or change `include`; if the board means to leave it out, put it in `exclude`",
            ),
        ),
        (false, _, _) => return None,
    };
    let d = Diagnostic::own(code, message, id, Label::new(0..0, "")).with_help(help);
    let source = SourceFile::from_path(&skipped.path, String::new());
    Some(file(id, source, vec![d], false))
}
