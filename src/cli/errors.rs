//! Argument errors in the user's language, said from clap's error kind and context: what is
//! wrong, the closest valid spelling (best first), the usage line and where to read more.
//!
//! clap's own English text is never shown; a kind this module does not know gets a general
//! message with the usage line.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use clap::Command;

use super::text::WORDS;
use crate::i18n::Lang;

/// A list of alternatives: "`a`", "`a` eller `b`", "`a`, `b` eller `c`".
fn either(lang: Lang, items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), lang.pick("eller", "or")),
    }
}

fn string(err: &Error, kind: ContextKind) -> Option<&str> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(err: &Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(s)) => s.clone(),
        _ => Vec::new(),
    }
}

/// `--format <FORMAT>` → `--format`: a flag is named without its value placeholder.
fn flag(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split(' ').next().unwrap_or(arg)
    } else {
        arg
    }
}

/// The subcommands named in `argv`, in order: `planlint --lang en check x.md` → `["check"]`.
/// The value of a flag is never taken for a command name.
fn command_path(root: &Command, argv: &[OsString]) -> Vec<String> {
    let mut path = Vec::new();
    let mut cmd = root;
    let mut tokens = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(token) = tokens.next() {
        if token == "--" {
            break;
        }
        if let Some(long) = token.strip_prefix("--") {
            let takes_value = !long.contains('=')
                && cmd
                    .get_arguments()
                    .chain(root.get_arguments())
                    .any(|a| a.get_long() == Some(long) && a.get_action().takes_values());
            if takes_value {
                tokens.next();
            }
            continue;
        }
        if token.starts_with('-') {
            continue;
        }
        match cmd.get_subcommands().find(|s| s.get_name() == token) {
            Some(sub) => {
                path.push(sub.get_name().to_owned());
                cmd = sub;
            }
            None => break,
        }
    }
    path
}

/// The (sub)command at `path` below the root.
fn find<'c>(root: &'c Command, path: &[String]) -> &'c Command {
    path.iter().fold(root, |cmd, name| {
        cmd.get_subcommands()
            .find(|s| s.get_name() == name)
            .unwrap_or(cmd)
    })
}

/// Ranks `candidates` by how close they are to `word`, best first.
fn best_first(word: &str, mut candidates: Vec<String>) -> Vec<String> {
    let score = |c: &String| strsim::jaro_winkler(word, c);
    candidates.sort_by(|a, b| score(b).total_cmp(&score(a)));
    candidates
}

/// The subcommands of `cmd` with the flag closest to `--name` (if one is close): the flag
/// and the subcommands that have it.
fn flags_below(cmd: &Command, name: &str) -> Option<(String, Vec<String>)> {
    let bare = name.trim_start_matches('-');
    let longs = cmd
        .get_subcommands()
        .flat_map(|s| s.get_arguments().filter(|a| !a.is_global_set()))
        .filter_map(clap::Arg::get_long);
    let best = crate::suggest::did_you_mean(bare, longs)?;
    let subs = cmd
        .get_subcommands()
        .filter(|s| s.get_arguments().any(|a| a.get_long() == Some(best)))
        .map(|s| s.get_name().to_owned())
        .collect();
    Some((format!("--{best}"), subs))
}

/// What every headline and help line is said from: the error, the language and the command
/// it is about.
struct Said<'a> {
    err: &'a Error,
    lang: Lang,
    /// The (sub)command the error is about.
    here: &'a Command,
    /// Its name as typed: `planlint check`.
    shown: String,
    /// The flag or argument the error is about (`""` if none).
    arg: &'a str,
    /// The value the error is about (`""` if none).
    value: &'a str,
}

impl Said<'_> {
    /// "did you mean `a` or `b`?".
    fn did_you_mean(&self, items: &[String]) -> String {
        format!(
            "{} {}?",
            self.lang.pick("menade du", "did you mean"),
            either(self.lang, items)
        )
    }
}

/// The message for an argument error `err` of `root` (built in `lang`), ready for stderr.
pub(super) fn message(err: &Error, root: &Command, argv: &[OsString], lang: Lang) -> String {
    let mut path = command_path(root, argv);
    // `planlint help chek` is an error about the commands of planlint itself.
    if path.first().is_some_and(|p| p == "help") {
        path.clear();
    }
    let said = Said {
        err,
        lang,
        here: find(root, &path),
        shown: std::iter::once(root.get_name().to_owned())
            .chain(path.iter().cloned())
            .collect::<Vec<_>>()
            .join(" "),
        arg: string(err, ContextKind::InvalidArg).unwrap_or_default(),
        value: string(err, ContextKind::InvalidValue).unwrap_or_default(),
    };
    let mut help = Vec::new();
    let headline = headline(&said, &mut help);
    render(&said, &headline, &help)
}

/// The headline for the error's kind; help lines for it go to `help`, best first.
fn headline(said: &Said<'_>, help: &mut Vec<String>) -> String {
    let Said {
        err,
        lang,
        arg,
        value,
        ..
    } = *said;
    match err.kind() {
        ErrorKind::UnknownArgument => unknown_argument(said, help),
        ErrorKind::InvalidSubcommand => unknown_command(said, help),
        ErrorKind::InvalidValue if value.is_empty() => {
            values_help(err, lang, help);
            format!(
                "`{}` {}",
                flag(arg),
                lang.pick("behöver ett värde", "needs a value")
            )
        }
        ErrorKind::InvalidValue => {
            if let Some(s) = string(err, ContextKind::SuggestedValue) {
                help.push(said.did_you_mean(&[s.to_owned()]));
            }
            values_help(err, lang, help);
            format!(
                "{} `{value}` {} `{}`",
                lang.pick("ogiltigt värde", "invalid value"),
                lang.pick("för", "for"),
                flag(arg)
            )
        }
        ErrorKind::ValueValidation => format!(
            "{} `{value}` {} `{}`",
            lang.pick("ogiltigt värde", "invalid value"),
            lang.pick("för", "for"),
            flag(arg)
        ),
        ErrorKind::NoEquals => format!(
            "`{}` {} `{}=…`",
            flag(arg),
            lang.pick("skrivs med likhetstecken:", "takes an equals sign:"),
            flag(arg)
        ),
        ErrorKind::TooManyValues => format!(
            "{} `{value}` {} `{}`",
            lang.pick("ett värde för mycket:", "one value too many:"),
            lang.pick("för", "for"),
            flag(arg)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "{} `{}`",
            lang.pick("fel antal värden för", "the wrong number of values for"),
            flag(arg)
        ),
        ErrorKind::ArgumentConflict => conflict(said),
        ErrorKind::MissingRequiredArgument => missing_argument(said),
        ErrorKind::MissingSubcommand => missing_command(said, help),
        ErrorKind::InvalidUtf8 => lang
            .pick(
                "ett argument är inte giltig UTF-8",
                "an argument is not valid UTF-8",
            )
            .to_owned(),
        _ => lang
            .pick(
                "argumenten kunde inte tolkas",
                "the arguments could not be understood",
            )
            .to_owned(),
    }
}

/// An unknown flag or an unexpected argument. A misspelt flag gets the closest spelling: clap's,
/// else the closest flag of a subcommand (a flag given before its command is said so); a
/// flag-like file name gets the `--` that makes it one.
fn unknown_argument(said: &Said<'_>, help: &mut Vec<String>) -> String {
    let Said {
        err,
        lang,
        here,
        arg,
        ..
    } = *said;
    let shown = &said.shown;
    if let Some(s) = string(err, ContextKind::SuggestedArg) {
        help.push(said.did_you_mean(&[s.to_owned()]));
    } else if let Some(ours) = as_other_tools_say(here, arg) {
        help.push(said.did_you_mean(&[ours.to_owned()]));
    } else if let Some((flag, subs)) = arg
        .starts_with("--")
        .then(|| flags_below(here, arg))
        .flatten()
    {
        let at: Vec<String> = subs.iter().map(|s| format!("{shown} {s} {flag}")).collect();
        if flag == arg {
            help.push(format!(
                "{} {} {}",
                lang.pick("flaggan hör till", "the flag belongs to"),
                either(lang, &at),
                lang.pick(
                    "och skrivs efter kommandot",
                    "and is written after the command"
                )
            ));
        } else {
            help.push(said.did_you_mean(&at));
        }
    }
    if arg.starts_with('-') {
        if help.is_empty() && here.get_positionals().next().is_some() {
            help.push(format!(
                "{} `{arg}` {} `-- {arg}`",
                lang.pick("om", "if"),
                lang.pick("är ett filnamn, skriv", "is a file name, write")
            ));
        }
        format!("{} `{arg}`", lang.pick("okänd flagga", "unknown flag"))
    } else {
        format!(
            "{} `{arg}`: `{shown}` {}",
            lang.pick("oväntat argument", "unexpected argument"),
            lang.pick("tar inget sådant argument", "takes no such argument")
        )
    }
}

/// Flags other linters spell differently (ruff's and rumdl's `--output-format`), with
/// planlint's own: a user who knows those tools is told the word here.
const OTHER_TOOLS: &[(&str, &str)] = &[
    ("--output-format", "--format"),
    ("--config-file", "--config"),
    ("--language", "--lang"),
    ("--disable", "--ignore"),
    ("--enable", "--select"),
];

/// planlint's flag for `arg` as another linter spells it, if `here` has it.
fn as_other_tools_say(here: &Command, arg: &str) -> Option<&'static str> {
    let name = arg.split_once('=').map_or(arg, |(n, _)| n);
    let (_, ours) = OTHER_TOOLS.iter().find(|(theirs, _)| *theirs == name)?;
    here.get_arguments()
        .any(|a| a.get_long() == ours.strip_prefix("--"))
        .then_some(*ours)
}

/// An unknown subcommand, with clap's suggestions or else the closest command, best first.
fn unknown_command(said: &Said<'_>, help: &mut Vec<String>) -> String {
    let sub = string(said.err, ContextKind::InvalidSubcommand).unwrap_or_default();
    let mut suggested = strings(said.err, ContextKind::SuggestedSubcommand);
    if suggested.is_empty() {
        let names = said.here.get_subcommands().map(Command::get_name);
        suggested.extend(crate::suggest::did_you_mean(sub, names).map(str::to_owned));
    }
    let suggested = best_first(sub, suggested);
    if !suggested.is_empty() {
        help.push(said.did_you_mean(&suggested));
    }
    format!(
        "{} `{sub}`",
        said.lang.pick("okänt kommando", "unknown command")
    )
}

/// A flag given twice, or with one it cannot be used with.
fn conflict(said: &Said<'_>) -> String {
    let Said { err, lang, arg, .. } = *said;
    let prior = strings(err, ContextKind::PriorArg);
    if prior.iter().any(|p| p == arg) || prior.is_empty() {
        format!(
            "`{}` {}",
            flag(arg),
            lang.pick("får bara anges en gång", "may be given only once")
        )
    } else {
        let prior: Vec<String> = prior.iter().map(|p| flag(p).to_owned()).collect();
        format!(
            "`{}` {} {}",
            flag(arg),
            lang.pick("kan inte användas tillsammans med", "cannot be used with"),
            either(lang, &prior)
        )
    }
}

/// Required arguments that are missing: all of them are needed, so the list says "and".
fn missing_argument(said: &Said<'_>) -> String {
    let lang = said.lang;
    let missing = strings(said.err, ContextKind::InvalidArg);
    format!(
        "`{}` {} {}",
        said.shown,
        lang.pick("behöver", "needs"),
        either(lang, &missing).replace(
            &format!(" {} ", lang.pick("eller", "or")),
            &format!(" {} ", lang.pick("och", "and"))
        )
    )
}

/// A command that needs a subcommand, with the list of them.
fn missing_command(said: &Said<'_>, help: &mut Vec<String>) -> String {
    let lang = said.lang;
    let valid = strings(said.err, ContextKind::ValidSubcommand);
    if !valid.is_empty() {
        help.push(format!(
            "{}: {}",
            lang.pick("kommandon", "commands"),
            valid.join(", ")
        ));
    }
    format!(
        "`{}` {}",
        said.shown,
        lang.pick("behöver ett kommando", "needs a command")
    )
}

/// The whole message: the headline, the help lines, the usage line and where to read more.
fn render(said: &Said<'_>, headline: &str, help: &[String]) -> String {
    let lang = said.lang;
    let mut out = format!("error: {headline}\n");
    for h in help {
        let _ = writeln!(out, "  = help: {h}");
    }
    let usage = said.here.clone().render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let _ = write!(
        out,
        "\n{}: {usage}\n",
        lang.pick(WORDS.usage.0, WORDS.usage.1)
    );
    let _ = write!(
        out,
        "\n{} `{} --help`\n",
        lang.pick("Mer hjälp:", "More help:"),
        said.shown
    );
    out
}

/// The possible values of the flag in `err`, as a help line.
fn values_help(err: &Error, lang: Lang, help: &mut Vec<String>) {
    let valid = strings(err, ContextKind::ValidValue);
    if !valid.is_empty() {
        help.push(format!(
            "{}: {}",
            lang.pick(WORDS.possible.0, WORDS.possible.1),
            valid.join(", ")
        ));
    }
}
