//! The subcommands: settings are merged once, then each command runs the pipeline it needs.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, Deny, Format};
use crate::config::settings::CliValues;
use crate::config::{self, Loaded, Settings};
use crate::diagnostic::Diagnostic;
use crate::engine::{Rule, RuleSet};
use crate::lint::{self, Linter};
use crate::pack::{self, fill_pair, FileKind, Lang, PackError};
use crate::render::{self, Counts, Report};
use crate::source::{SourceDb, SourceFile};
use crate::{discover, document, init, outline, waiver, Error, Outcome};

/// Finds the config file: `--config`, none with `--isolated`, else upwards from `cwd`.
fn locate(cli: &Cli, cwd: &Path) -> Result<Option<Loaded>, PackError> {
    if cli.isolated {
        return Ok(None);
    }
    let path = match &cli.config {
        Some(p) => Some(p.clone()),
        None => config::find(cwd),
    };
    path.map(|p| config::load(&p)).transpose()
}

/// Loads the packs the config names (or the built-in one) plus `--rules`, and compiles them.
fn load_rules(config: Option<&Loaded>, extra: &[PathBuf]) -> Result<RuleSet, PackError> {
    let mut defs = Vec::new();
    match config.and_then(|c| c.file.packs.as_ref().map(|p| (c, p))) {
        None => defs.push(pack::builtin()?),
        Some((c, packs)) => {
            for entry in packs.get_ref() {
                let name = entry.get_ref();
                if name == "builtin" || name == "integrationspolicy" {
                    defs.push(pack::builtin()?);
                    continue;
                }
                let path = c.dir().join(name);
                if !path.is_file() {
                    let mut e = PackError::at(
                        &c.path.display().to_string(),
                        &c.text,
                        entry.span(),
                        fill_pair(
                            "regelpaketet `{why}` finns inte",
                            "the rule pack `{why}` does not exist",
                            name,
                        ),
                        fill_pair(
                            "sökvägen räknas från konfigurationsfilens katalog",
                            "the path is relative to the config file's directory",
                            "",
                        ),
                    )
                    .with_help(fill_pair(
                        "det inbyggda paketet heter `builtin`",
                        "the built-in pack is called `builtin`",
                        "",
                    ));
                    e.code = FileKind::Config.code();
                    return Err(e);
                }
                defs.push(pack::load(&path)?);
            }
        }
    }
    for path in extra {
        defs.push(pack::load(path)?);
    }
    RuleSet::compile(defs)
}

fn cli_values(cli: &Cli) -> CliValues {
    let lang = cli.lang.map(|l| match l {
        crate::cli::LangArg::Sv => Lang::Sv,
        crate::cli::LangArg::En => Lang::En,
    });
    match &cli.command {
        Command::Check(a) => CliValues {
            lang,
            select: a.select.clone(),
            ignore: a.ignore.clone(),
            deny_warnings: a.deny == Some(Deny::Warnings),
        },
        _ => CliValues {
            lang,
            ..CliValues::default()
        },
    }
}

/// Runs the command in `cli`.
pub fn run(cli: &Cli, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir()?;
    if let Command::Init = cli.command {
        let lang = crate::lang_of(cli);
        write!(out, "{}", init::init(&cwd, lang)?)?;
        return Ok(Outcome::Clean);
    }
    if let Command::Schema { of } = &cli.command {
        let schema = match of {
            crate::cli::SchemaOf::Config => schemars::schema_for!(config::ConfigFile),
            crate::cli::SchemaOf::Pack => schemars::schema_for!(pack::RawPack),
        };
        serde_json::to_writer_pretty(&mut *out, &schema).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    if let Command::TestPack { file } = &cli.command {
        return test_pack(file, crate::lang_of(cli), out);
    }
    let config = locate(cli, &cwd)?;
    let mut rules = load_rules(config.as_ref(), &cli.rules)?;
    let settings = Settings::new(config, &cli_values(cli), &rules, &cwd)?;
    settings.apply(&mut rules);
    let lang = settings.lang.value;
    let color = crate::use_color(cli.color, io::stdout().is_terminal());
    match &cli.command {
        Command::Check(args) => check(args, &rules, &settings, stdin, color, out),
        Command::Outline { file } => {
            let bytes = std::fs::read(file).map_err(|e| discover::DiscoverError {
                path: file.clone(),
                reason: e.to_string(),
            })?;
            let source = SourceFile::new(
                file.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            let doc = document::Document::parse(&source.text);
            let areas = rules.areas(&doc, &source.text);
            let codes: Vec<&str> = rules.rules.iter().map(Rule::code).collect();
            write!(
                out,
                "{}",
                outline::outline(&doc, &source, &areas, &codes, lang)
            )?;
            Ok(Outcome::Clean)
        }
        Command::Explain { code } => {
            let Some(rule) = rules.find(code) else {
                let best =
                    pack::suggest_code(code, rules.rules.iter().map(Rule::code)).map(str::to_owned);
                return Err(Error::UnknownCode(code.clone(), best));
            };
            write!(
                out,
                "{}",
                pack::explain(rule, &rules.packs[rule.pack].header, lang)
            )?;
            Ok(Outcome::Clean)
        }
        Command::Rules { markdown: true } => {
            write!(out, "{}", rules.markdown_table())?;
            Ok(Outcome::Clean)
        }
        Command::Rules { markdown: false } => {
            for rule in &rules.rules {
                let state = if rule.enabled {
                    rule.severity.as_str()
                } else {
                    "off"
                };
                writeln!(
                    out,
                    "{:<6} {:<30} {:<8} {:<20} {}",
                    rule.code(),
                    rule.def.name.get_ref(),
                    state,
                    rules.packs[rule.pack].header.id,
                    rule.def.summary.get(lang)
                )?;
            }
            Ok(Outcome::Clean)
        }
        Command::Report(args) => report(args, &rules, &settings, stdin, out),
        Command::Config => {
            write!(out, "{}", config::describe(&settings, &rules))?;
            Ok(Outcome::Clean)
        }
        Command::Init | Command::TestPack { .. } | Command::Schema { .. } => Ok(Outcome::Clean),
    }
}

/// What linting the paths of a `check` or `report` produced.
struct Linted {
    sources: crate::source::SourceDb,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// Ids of the plans in `sources`.
    plans: Vec<usize>,
}

impl Linted {
    /// The report of these findings, for a renderer.
    fn report<'a>(&'a self, rules: &'a RuleSet, lang: Lang, quiet: bool) -> Report<'a> {
        Report {
            diagnostics: &self.diagnostics,
            sources: &self.sources,
            files: self.plans.len(),
            lang,
            quiet,
            plans: &self.plans,
            rules,
        }
    }
}

/// Plans per chunk: enough that the threads stay busy, few enough that memory stays small.
const CHUNK: usize = 64;

impl Linted {
    /// Moves `other`'s files and findings to the end of this one.
    fn append(&mut self, other: Linted) {
        let offset = self.sources.append(other.sources);
        self.plans.extend(other.plans.iter().map(|p| p + offset));
        self.diagnostics
            .extend(other.diagnostics.into_iter().map(|mut d| {
                d.file += offset;
                d
            }));
    }
}

/// Discovers and lints `paths` (`-` reads a plan from stdin), applying config waivers, and
/// hands the results to `part` a chunk of plans at a time, in order. The last part holds stdin,
/// directory entries that could not be walked and findings about the config waivers.
fn lint_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    rules: &RuleSet,
    settings: &Settings,
    stdin: &mut dyn Read,
    part: &mut dyn FnMut(Linted) -> Result<(), Error>,
) -> Result<(), Error> {
    let lang = settings.lang.value;
    let linter = Linter {
        rules,
        settings,
        lang,
    };
    let from_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut plans = if from_stdin && named.is_empty() {
        None
    } else {
        Some(discover::Plans::new(&named)?)
    };
    let today = waiver::today();
    let mut waivers = waiver::ConfigWaivers::new(settings);
    let finish = |waivers: &mut waiver::ConfigWaivers,
                  (sources, mut diagnostics): (SourceDb, Vec<Diagnostic>),
                  plans: usize| {
        waivers.apply(settings, &sources, &mut diagnostics, &today);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Linted {
            sources,
            diagnostics,
            plans: (0..plans).collect(),
        }
    };
    let files = plans.iter_mut().flatten().filter(|f| settings.wants(f));
    linter.check_chunks(files, CHUNK, |checked| {
        for c in &checked {
            waivers.saw(settings, Path::new(&c.source.path));
        }
        let plans = checked.len();
        part(finish(&mut waivers, lint::collect(checked), plans))
    })?;
    let stdin_name = stdin_filename.unwrap_or("<stdin>").to_owned();
    let mut rest = vec![];
    if from_stdin {
        let mut bytes = Vec::new();
        stdin.read_to_end(&mut bytes)?;
        rest.push(linter.check_bytes(stdin_name.clone(), bytes));
        waivers.saw(settings, Path::new(&stdin_name));
    }
    let plans_read = rest.len();
    let (mut sources, mut diagnostics) = lint::collect(rest);
    let problems = plans.map(|p| p.problems).unwrap_or_default();
    diagnostics.extend(
        problems
            .iter()
            .map(|(path, why)| lint::walk_problem(&mut sources, path, why, lang)),
    );
    let mut last = finish(&mut waivers, (sources, diagnostics), plans_read);
    let about_waivers = waivers.finish(settings, rules, &mut last.sources, &today, lang);
    last.diagnostics.extend(about_waivers);
    part(last)
}

/// Lints `paths` into one [`Linted`], for formats that need every finding at once.
fn lint_all(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    rules: &RuleSet,
    settings: &Settings,
    stdin: &mut dyn Read,
) -> Result<Linted, Error> {
    let mut all = Linted {
        sources: SourceDb::default(),
        diagnostics: Vec::new(),
        plans: Vec::new(),
    };
    lint_paths(paths, stdin_filename, rules, settings, stdin, &mut |part| {
        all.append(part);
        Ok(())
    })?;
    Ok(all)
}

fn check(
    args: &crate::cli::CheckArgs,
    rules: &RuleSet,
    settings: &Settings,
    stdin: &mut dyn Read,
    color: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let lang = settings.lang.value;
    let (paths, name) = (&args.paths, args.stdin_filename.as_deref());
    let mut counts = Counts::default();
    let mut files = 0;
    match args.format {
        Format::Sarif | Format::Junit => {
            let linted = lint_all(paths, name, rules, settings, stdin)?;
            let report = linted.report(rules, lang, args.quiet);
            counts = report.counts();
            if args.format == Format::Sarif {
                render::sarif::render(&report, out)?;
            } else {
                render::junit::render(&report, out)?;
            }
        }
        // The rest are written as the plans are checked, so memory does not grow with them.
        Format::Human | Format::Short | Format::Github | Format::Json => {
            let mut json = None;
            if args.format == Format::Json {
                json = Some(render::json::Stream::begin(lang, out)?);
            }
            lint_paths(paths, name, rules, settings, stdin, &mut |part| {
                let report = part.report(rules, lang, true);
                counts.add(report.counts());
                files += report.files;
                match (args.format, json.as_mut()) {
                    (Format::Json, Some(stream)) => stream.part(&report, out)?,
                    (Format::Short, _) => render::short::render(&report, out)?,
                    (Format::Github, _) => render::github::render(&report, out)?,
                    _ => render::human::render(&report, color, out)?,
                }
                Ok(())
            })?;
            if let Some(stream) = json {
                stream.end(counts, files, out)?;
            } else if args.format == Format::Human && !args.quiet {
                writeln!(out, "{}", render::human::summary_line(counts, files, lang))?;
            }
        }
    }
    let failed = counts.errors > 0 || (settings.deny_warnings.value && counts.warnings > 0);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn test_pack(file: &Path, lang: Lang, out: &mut dyn Write) -> Result<Outcome, Error> {
    let mut defs = Vec::new();
    let def = pack::load(file)?;
    let is_builtin = def.header.id == "integrationspolicy" && def.header.prefix.get_ref() == "IP";
    if !is_builtin {
        defs.push(pack::builtin()?);
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

fn report(
    args: &crate::cli::ReportArgs,
    rules: &RuleSet,
    settings: &Settings,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    use crate::cli::ReportFormat;
    use crate::render::matrix;
    let lang = settings.lang.value;
    let linted = lint_all(
        &args.paths,
        args.stdin_filename.as_deref(),
        rules,
        settings,
        stdin,
    )?;
    let report = linted.report(rules, lang, true);
    let m = matrix::build(&report);
    let text = match args.format {
        ReportFormat::Html => matrix::html(&m, lang),
        ReportFormat::Markdown => matrix::markdown(&m, lang),
        ReportFormat::Csv => matrix::csv(&m),
        ReportFormat::Json => serde_json::to_string_pretty(&m).map_err(io::Error::from)? + "\n",
    };
    match &args.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            if !crate::init::write_atomically(path, &text, args.force)? {
                return Err(Error::Io(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} {}",
                        path.display(),
                        lang.pick(
                            "finns redan; använd --force för att ersätta den",
                            "already exists; use --force to replace it"
                        )
                    ),
                )));
            }
            writeln!(out, "{} {}", lang.pick("skrev", "wrote"), path.display())?;
        }
    }
    Ok(Outcome::Clean)
}
