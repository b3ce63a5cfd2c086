//! argv → [`Cli`], in the user's language: clap's help and usage in Swedish or English, and
//! argument errors said in that language from clap's error kind and context (see
//! [`super::errors`]), never clap's English text.
//!
//! The language is known before clap parses: `--lang` anywhere on the command line, else
//! `lang` in the config file planlint would use (`--config FILE`, none with `--isolated`, else
//! the nearest `planlint.toml` upwards), else Swedish. The config is read for this only when
//! something is to be shown (help, version, an error); a run that parses reads it once, later.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::builder::StyledStr;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::text::{self, WORDS};
use super::{Cli, ColorArg};
use crate::i18n::Lang;

/// What to show instead of running: help, the version, or why the arguments are wrong.
#[derive(Debug)]
pub struct ArgsExit {
    /// The text, with colour codes that [`StyledStr::ansi`] keeps and `Display` leaves out.
    pub text: StyledStr,
    /// Whether it goes to stdout (help and version asked for) rather than stderr.
    pub to_stdout: bool,
    /// The exit code: 0 for help and version, 2 for bad arguments.
    pub code: u8,
    /// `--color` as given, for whether to colour the text.
    pub color: ColorArg,
}

/// The flags that matter before parsing, picked out of argv by hand.
#[derive(Debug, Default)]
struct Prescan {
    lang: Option<Lang>,
    color: Option<ColorArg>,
    config: Option<PathBuf>,
    isolated: bool,
}

impl Prescan {
    fn of(argv: &[OsString]) -> Prescan {
        let mut found = Prescan::default();
        let mut tokens = argv.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(arg) = tokens.next() {
            if arg == "--" {
                break;
            }
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
                _ => (arg.clone().into_owned(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| tokens.next().map(std::borrow::Cow::into_owned))
            };
            match flag.as_str() {
                "--lang" => match value().as_deref() {
                    Some("sv") => found.lang = Some(Lang::Sv),
                    Some("en") => found.lang = Some(Lang::En),
                    _ => {}
                },
                "--color" => {
                    found.color = match value().as_deref() {
                        Some("always") => Some(ColorArg::Always),
                        Some("never") => Some(ColorArg::Never),
                        Some("auto") => Some(ColorArg::Auto),
                        _ => found.color,
                    };
                }
                "--config" => found.config = value().map(PathBuf::from),
                "--isolated" => found.isolated = true,
                _ => {}
            }
        }
        found
    }
}

/// The language for messages when the settings are not (yet) known: `lang` if given, else
/// `lang` in the config file planlint would read, else Swedish. A config that cannot be read
/// counts as none here; reading it for the run says what is wrong with it.
pub fn message_lang(lang: Option<Lang>, isolated: bool, config: Option<&Path>, cwd: &Path) -> Lang {
    if let Some(lang) = lang {
        return lang;
    }
    if isolated {
        return Lang::Sv;
    }
    let path = config
        .map(Path::to_path_buf)
        .or_else(|| crate::config::find(cwd).map(|p| cwd.join(p)));
    let configured = path
        .and_then(|p| crate::config::load(&p).ok())
        .and_then(|c| c.file.lang.map(toml::Spanned::into_inner));
    match configured.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Sv,
    }
}

/// Parses `argv` (program name first); `cwd` is where a config file would be looked for.
pub fn parse(argv: &[OsString], cwd: &Path) -> Result<Cli, ArgsExit> {
    // Parsing does not depend on the language; only what is shown does.
    let parsed = command(Lang::Sv)
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    if let Ok(cli) = parsed {
        return Ok(cli);
    }
    let pre = Prescan::of(argv);
    let lang = message_lang(pre.lang, pre.isolated, pre.config.as_deref(), cwd);
    let mut cmd = command(lang);
    let err = match cmd
        .try_get_matches_from_mut(argv)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    let color = pre.color.unwrap_or(ColorArg::Auto);
    Err(match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => ArgsExit {
            text: err.render(),
            to_stdout: !err.use_stderr(),
            code: u8::try_from(err.exit_code()).unwrap_or(2),
            color,
        },
        _ => ArgsExit {
            text: super::errors::message(&err, &cmd, argv, lang).into(),
            to_stdout: false,
            code: 2,
            color,
        },
    })
}

/// planlint's command with every text in `lang`, built (usage lines and the `help` command
/// included).
pub(crate) fn command(lang: Lang) -> Command {
    let root = Cli::command()
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        )
        .after_help(pick(lang, WORDS.after_help));
    let mut root = localize(root, "", lang);
    root.build();
    finish(&mut root, lang);
    root
}

fn pick(lang: Lang, (sv, en): text::Pair) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// Puts `lang`'s texts into `cmd` (named `name`, `""` for the root) and its subcommands.
fn localize(cmd: Command, name: &str, lang: Lang) -> Command {
    // The usage heading is written here, so it gets clap's style for it by hand.
    let style = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{}:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        style.render(),
        pick(lang, WORDS.usage),
        style.render_reset()
    );
    let mut cmd = cmd
        .disable_help_flag(true)
        .help_template(template)
        .subcommand_help_heading(pick(lang, WORDS.commands))
        .subcommand_value_name(pick(lang, WORDS.command))
        .mut_args(|a| localize_arg(a, name, lang))
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_owned();
            localize(sub, &name, lang)
        });
    if let Some(about) = text::about(name) {
        cmd = cmd.about(pick(lang, about));
    }
    cmd
}

/// One argument's help, value name and heading in `lang`. The possible values and the default
/// are written into the help here (clap would write them in English).
fn localize_arg(arg: Arg, command: &str, lang: Lang) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let heading = if arg.is_positional() {
        WORDS.arguments
    } else {
        WORDS.options
    };
    let mut arg = arg.help_heading(pick(lang, heading));
    if arg.get_action().takes_values() {
        arg = arg.hide_possible_values(true).hide_default_value(true);
        if let Some(name) = text::value_name(&id) {
            arg = arg.value_name(pick(lang, name));
        }
    }
    let scope = if arg.is_global_set() || id == "help" {
        ""
    } else {
        command
    };
    let Some(help) = text::arg(scope, &id) else {
        return arg;
    };
    let help = pick(lang, help);
    let listed = if arg.get_action().takes_values() {
        arg.get_possible_values()
    } else {
        Vec::new()
    };
    let values: Vec<(String, Option<&str>)> = listed
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name().to_owned();
            let meaning = text::value(scope, &id, &name).map(|p| pick(lang, p));
            (name, meaning)
        })
        .collect();
    let default: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut short = help.to_owned();
    let mut full = help.to_owned();
    if !default.is_empty() {
        let _ = write!(
            short,
            " [{}: {}]",
            pick(lang, WORDS.default),
            default.join(", ")
        );
    }
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
        let _ = write!(
            short,
            " [{}: {}]",
            pick(lang, WORDS.possible),
            names.join(", ")
        );
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let mut list = String::new();
        for (name, meaning) in &values {
            let _ = write!(list, "\n- {name}");
            if let Some(m) = meaning {
                let pad = width - name.chars().count();
                let _ = write!(list, ":{} {m}", " ".repeat(pad));
            }
        }
        let possible = pick(lang, WORDS.possible);
        let mut heading = possible.chars();
        let capital: String = heading
            .next()
            .map(|c| c.to_uppercase().chain(heading).collect())
            .unwrap_or_default();
        let _ = write!(full, "\n\n{capital}:{list}");
    }
    if !default.is_empty() {
        let _ = write!(
            full,
            "\n\n[{}: {}]",
            pick(lang, WORDS.default),
            default.join(", ")
        );
    }
    arg.help(short).long_help(full)
}

/// After the build: usage lines with `[OPTIONS]` in `lang`, and clap's own `help` command in
/// `lang`.
fn finish(cmd: &mut Command, lang: Lang) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace(WORDS.options_tag.1, pick(lang, WORDS.options_tag));
    let mut done = std::mem::take(cmd).override_usage(usage);
    for sub in done.get_subcommands_mut() {
        if sub.get_name() == "help" {
            *sub = localize(std::mem::take(sub), "help", lang);
        }
        finish(sub, lang);
    }
    *cmd = done;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument, with the name of the command it belongs to.
    fn walk(cmd: &Command, name: &str, out: &mut Vec<(String, String, bool)>) {
        for a in cmd.get_arguments() {
            let global = a.is_global_set() || a.get_id() == "help";
            out.push((
                if global {
                    String::new()
                } else {
                    name.to_owned()
                },
                a.get_id().to_string(),
                a.get_action().takes_values(),
            ));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, sub.get_name(), out);
        }
    }

    fn subs(cmd: &Command, out: &mut Vec<String>) {
        for s in cmd.get_subcommands() {
            out.push(s.get_name().to_owned());
            subs(s, out);
        }
    }

    #[test]
    fn every_command_flag_and_value_has_a_text_in_both_languages() {
        let cmd = command(Lang::Sv);
        let mut args = Vec::new();
        walk(&cmd, "", &mut args);
        assert!(args.len() > 30, "{args:?}");
        for (command, id, takes_values) in &args {
            assert!(
                text::arg(command, id).is_some(),
                "no text for `{id}` of `{command}`"
            );
            if *takes_values {
                assert!(text::value_name(id).is_some(), "no value name for `{id}`");
            }
        }
        let mut names = Vec::new();
        subs(&cmd, &mut names);
        for name in names.iter().chain(std::iter::once(&String::new())) {
            assert!(text::about(name).is_some(), "no text for command `{name}`");
        }
        for sub in cmd.get_subcommands().chain(std::iter::once(&cmd)) {
            for a in sub.get_arguments() {
                let scope = if a.is_global_set() {
                    ""
                } else {
                    sub.get_name()
                };
                for v in a.get_possible_values() {
                    assert!(
                        text::value(scope, a.get_id().as_str(), v.get_name()).is_some(),
                        "no text for value `{}` of `{}`",
                        v.get_name(),
                        a.get_id()
                    );
                }
            }
        }
    }

    #[test]
    fn the_prescan_finds_lang_color_and_config_as_clap_would_read_them() {
        let argv = |s: &str| -> Vec<OsString> { s.split(' ').map(OsString::from).collect() };
        let p = Prescan::of(&argv(
            "planlint check --lang=en --color never --config x.toml",
        ));
        assert_eq!(p.lang, Some(Lang::En));
        assert_eq!(p.color, Some(ColorArg::Never));
        assert_eq!(p.config, Some(PathBuf::from("x.toml")));
        let p = Prescan::of(&argv("planlint check -- --lang en"));
        assert_eq!(p.lang, None);
        let p = Prescan::of(&argv("planlint --lang de chek"));
        assert_eq!(p.lang, None);
    }
}
