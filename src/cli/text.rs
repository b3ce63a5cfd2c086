//! The command line's own words in Swedish and English: what each command, flag and value
//! does, the value names and the headings of `--help`. [`super::parse`] puts them into clap's
//! command; a test walks every command and flag and fails on one without a text here.
//!
//! Each text says what is true of the code behind it (which packs load, which format a flag
//! affects), so a change there is a change here.

/// A text in Swedish and English.
pub(super) type Pair = (&'static str, &'static str);

/// What `command` does (`""` is planlint itself).
pub(super) fn about(command: &str) -> Option<Pair> {
    Some(match command {
        "" => (
            "Granskar förvaltningarnas verksamhetsplaner (Markdown) mot kommunens styrdokument",
            "Checks the departments' operational plans (Markdown) against the municipality's policies",
        ),
        "check" => (
            "Granska planer (filer eller kataloger; utan sökväg: katalogen där planlint körs)",
            "Check plans (files or directories; without a path: the current directory)",
        ),
        "outline" => (
            "Visa planens avsnitt och vilket område varje avsnitt täcker",
            "Show a plan's section tree and which area each section covers",
        ),
        "convert" => (
            "Skriv ut en plan i Word eller OpenDocument som Markdown, numrerad per stycke som anmärkningarna",
            "Print a Word or OpenDocument plan as Markdown, numbered by paragraph as the findings are",
        ),
        "explain" => (
            "Förklara en regel eller en av planlints egna koder: vad som räknas, policytexten, exempel",
            "Explain a rule or one of planlint's own codes: what counts, the policy clause, examples",
        ),
        "report" => (
            "Täckningsmatrisen för nämnden: planer × regler",
            "The coverage matrix for the approval board: plans × rules",
        ),
        "diff" => (
            "Jämför två versioner av en plan, eller två kataloger med planer: vad som har åtgärdats, vad som är nytt och vad som har blivit sämre",
            "Compare two versions of a plan, or two folders of plans: what was fixed, what is new and what regressed",
        ),
        "init" => (
            "Skriv en kommenterad planlint.toml och en planmall här (skriver aldrig över en fil)",
            "Write a commented planlint.toml and a plan template here (never overwrites a file)",
        ),
        "config" => (
            "Visa inställningarna som gäller och var var och en kommer ifrån",
            "Print the settings in effect and where each came from",
        ),
        "schema" => (
            "Skriv ut ett JSON Schema för planlint.toml eller för regelpaket (för redigerare med stöd för TOML-scheman), eller för JSON-utdata från `check`, `report` eller `diff`",
            "Print a JSON Schema for planlint.toml or for rule packs (for editors with TOML schema support), or for the JSON output of `check`, `report` or `diff`",
        ),
        "test-pack" => (
            "Kör de godkända och underkända exemplen för varje regel i ett regelpaket",
            "Run the passing and failing examples of every rule in a rule pack",
        ),
        "guide" => (
            "Visa en kort guide på svenska för dig som skriver en plan och för nämndsekreteraren",
            "Print a short guide in Swedish for planners and the board secretary",
        ),
        "lsp" => (
            "Kör språkservern på standard in och ut, så att redigeraren visar anmärkningar medan du skriver",
            "Run the language server on standard input and output, for live diagnostics in editors",
        ),
        "rules" => ("Lista de inlästa reglerna", "List the loaded rules"),
        "help" => (
            "Visa den här hjälpen eller hjälpen för ett kommando",
            "Print this help or the help of a command",
        ),
        _ => return None,
    })
}

/// What the argument `id` (the field name in [`crate::cli`]) of `command` does; `command` is
/// `""` for the flags of every command.
pub(super) fn arg(command: &str, id: &str) -> Option<Pair> {
    if command.is_empty() {
        global_flag(id)
    } else {
        command_arg(command, id)
    }
}

/// What the flag `id`, which every command takes, does.
fn global_flag(id: &str) -> Option<Pair> {
    Some(match id {
        "lang" => (
            "Språk för meddelanden och hjälp (standard `sv`, eller `lang` i planlint.toml)",
            "Language of messages and help (default `sv`, or `lang` in planlint.toml)",
        ),
        "color" => (
            "När utdata färgas (`auto`: bara i en terminal och när `NO_COLOR` inte är satt)",
            "When to colour output (`auto`: only in a terminal and when `NO_COLOR` is unset)",
        ),
        "rules" => (
            "Ett extra regelpaket (en TOML-fil); kan anges flera gånger. Reglerna kommer efter dem i paketen som planlint.toml anger med `packs` (utan `packs`: det inbyggda paketet)",
            "An extra rule pack (a TOML file); may be repeated. Its rules come after those of the packs planlint.toml names in `packs` (without `packs`: the built-in pack)",
        ),
        "config" => (
            "Använd den här konfigurationsfilen i stället för att leta efter planlint.toml (eller .planlint.toml) uppåt från katalogen där planlint körs",
            "Use this config file instead of looking for planlint.toml (or .planlint.toml) upwards from the current directory",
        ),
        "isolated" => (
            "Använd ingen konfigurationsfil (bortse från planlint.toml)",
            "Use no config file (ignore any planlint.toml)",
        ),
        "help" => (
            "Visa hjälpen (`-h` en sammanfattning, `--help` allt)",
            "Print help (`-h` a summary, `--help` everything)",
        ),
        "version" => ("Visa versionen", "Print the version"),
        _ => return None,
    })
}

/// What the argument `id` of one command does.
fn command_arg(command: &str, id: &str) -> Option<Pair> {
    Some(match (command, id) {
        ("check" | "report", "paths") => (
            "Planer, kataloger med planer, eller `-` för en plan på standard in (utan sökväg: katalogen där planlint körs)",
            "Plans, directories of plans, or `-` for a plan on standard input (without a path: the current directory)",
        ),
        ("check" | "diff", "format") => ("Utdataformat", "Output format"),
        ("check", "select") => (
            "Rapportera bara de här koderna (kommaseparerade; flaggan kan upprepas)",
            "Report only these codes (comma-separated; the flag may be repeated)",
        ),
        ("check", "ignore") => (
            "Rapportera inte de här koderna (kommaseparerade; flaggan kan upprepas)",
            "Do not report these codes (comma-separated; the flag may be repeated)",
        ),
        ("check", "deny") => (
            "`--deny warnings`: även varningar ger slutstatus 1",
            "`--deny warnings`: warnings give exit status 1 too",
        ),
        ("check", "quiet") => (
            "Skriv bara anmärkningarna, utan sammanfattningsraden (formatet `human`)",
            "Print only the findings, without the summary line (the `human` format)",
        ),
        ("check" | "report", "stdin_filename") => (
            "Namnet på planen som läses från standard in (`-`), i meddelanden och för sökvägarna i planlint.toml",
            "The name of the plan read from standard input (`-`), in messages and for the paths in planlint.toml",
        ),
        ("check", "statistics") => (
            "Skriv hur många anmärkningar det finns av varje kod, flest först, i stället för anmärkningarna (`--format json`: som JSON)",
            "Print how many findings there are of each code, most first, instead of the findings (`--format json`: as JSON)",
        ),
        ("check", "fix") => (
            "Infoga avsnittet för varje område som saknas, på den nivå och plats som anmärkningen föreslår, och granska sedan; planens egen text ändras aldrig (bara Markdown)",
            "Insert the section of every missing area, at the level and place the finding suggests, then check; the plan's own text is never changed (Markdown only)",
        ),
        ("check", "diff") => (
            "Med `--fix`: visa ändringarna som en diff och skriv ingenting",
            "With `--fix`: show the changes as a diff and write nothing",
        ),
        ("check" | "report", "strict") => (
            "För CI-grinden: en dold fil som ser ut som en plan, eller en som `include` inte tar med, är ett fel (PL005) i stället för att bara räknas (även `strict = true` i planlint.toml)",
            "For the CI gate: a hidden file that looks like a plan, or one `include` does not match, is an error (PL005) instead of a counted skip (also `strict = true` in planlint.toml)",
        ),
        ("check", "verbose") => (
            "Lista varje fil som sågs men inte granskades, med skälet (formatet `human`)",
            "List every file that was seen and not checked, with the reason (the `human` format)",
        ),
        ("report", "verbose") => (
            "Gör ingenting för `report` (flaggan hör till `check`)",
            "Does nothing for `report` (the flag belongs to `check`)",
        ),
        ("check" | "report", "stage") => (
            "Granska varje plan som om den var i det här skedet (t.ex. `för beslut` i godkännandets CI-jobb), vad planen än har för `status`",
            "Judge every plan as if it were at this stage (e.g. `for beslut`, as the approval CI job does), whatever `status` the plan has",
        ),
        ("diff", "old") => (
            "Den tidigare planen, eller katalogen med de tidigare planerna",
            "The earlier plan, or the folder of the earlier plans",
        ),
        ("diff", "new") => (
            "Den senare planen, eller katalogen med de senare planerna (samma slag som den tidigare: två filer eller två kataloger)",
            "The later plan, or the folder of the later plans (of the same kind as the earlier: two files or two folders)",
        ),
        ("diff", "stage") => (
            "Granska planerna på båda sidor som om de var i det här skedet (t.ex. `för beslut`), vad de än har för `status`: skedet avgör vad som är ett fel",
            "Judge the plans of both sides as if they were at this stage (e.g. `för beslut`), whatever `status` they have: the stage decides what is an error",
        ),
        ("diff", "allow_empty") => (
            "Godta en katalog utan någon plan (annars slutstatus 2)",
            "Accept a folder without any plan (otherwise exit status 2)",
        ),
        ("check" | "report", "allow_empty") => (
            "Godta en körning som inte hittar någon plan alls (annars slutstatus 2)",
            "Accept a run that finds no plan at all (otherwise exit status 2)",
        ),
        ("report", "format") => ("Rapportens format", "Report format"),
        ("report", "output") => (
            "Skriv rapporten till den här filen i stället för till standard ut (`-`: standard ut)",
            "Write the report to this file instead of standard output (`-`: standard output)",
        ),
        ("report", "force") => (
            "Ersätt filen i `--output` om den redan finns (aldrig en katalog, en enhet eller en pipe)",
            "Replace the `--output` file if it exists (never a directory, a device or a pipe)",
        ),
        ("outline", "file") => (
            "Planen (Markdown, Word eller OpenDocument)",
            "The plan (Markdown, Word or OpenDocument)",
        ),
        ("convert", "file") => (
            "Planen (.docx eller .odt)",
            "The plan (.docx or .odt)",
        ),
        ("explain", "code") => (
            "En kod (IP002, PL003), ett regelnamn (omrade-bostader) eller ett område (Bostäder)",
            "A code (IP002, PL003), a rule name (omrade-bostader) or an area (Bostäder)",
        ),
        ("schema", "of") => ("Vilken sorts fil eller utdata", "Which kind of file or output"),
        ("test-pack", "file") => ("Regelpaketet (en TOML-fil)", "The rule pack (a TOML file)"),
        ("rules", "markdown") => (
            "Skriv regeltabellen i Markdown, som i README",
            "Print the rule table in Markdown, as in the README",
        ),
        ("help", "subcommand") => (
            "Kommandot att visa hjälpen för",
            "The command to print the help of",
        ),
        _ => return None,
    })
}

/// What one possible `value` of the argument `id` of `command` means.
pub(super) fn value(command: &str, id: &str, value: &str) -> Option<Pair> {
    Some(match (command, id, value) {
        ("", "lang", "sv") => ("svenska", "Swedish"),
        ("", "lang", "en") => ("engelska", "English"),
        ("", "color", "auto") => (
            "färg när utdata går till en terminal och `NO_COLOR` inte är satt",
            "colour when writing to a terminal and `NO_COLOR` is unset",
        ),
        ("", "color", "always") => ("alltid färg", "always colour"),
        ("", "color", "never") => ("aldrig färg", "never colour"),
        ("check", "format", name) => crate::render::Format::ALL
            .into_iter()
            .find(|f| f.name() == name)?
            .help(),
        ("check", "deny", "warnings") => (
            "varningar fäller körningen som fel",
            "warnings fail the run like errors",
        ),
        ("report", "format", "html") => ("en fristående HTML-sida", "a self-contained HTML page"),
        ("report", "format", "markdown") => (
            "en Markdown-tabell, t.ex. för en kommentar i en pull request",
            "a Markdown table, e.g. for a pull-request comment",
        ),
        ("report", "format", "json") => (
            "JSON (`planlint schema report` beskriver formen)",
            "JSON (`planlint schema report` describes its shape)",
        ),
        ("report", "format", "csv") => ("CSV, för kalkylblad", "CSV, for spreadsheets"),
        ("diff", "format", "human") => (
            "en rad per ändring, för människor",
            "a line per change, for people",
        ),
        ("diff", "format", "json") => (
            "JSON (`planlint schema diff` beskriver formen)",
            "JSON (`planlint schema diff` describes its shape)",
        ),
        ("schema", "of", "config") => ("planlint.toml", "planlint.toml"),
        ("schema", "of", "pack") => ("ett regelpaket", "a rule pack"),
        ("schema", "of", "check") => (
            "JSON-utdata från `planlint check --format json`",
            "the JSON output of `planlint check --format json`",
        ),
        ("schema", "of", "report") => (
            "JSON-utdata från `planlint report --format json`",
            "the JSON output of `planlint report --format json`",
        ),
        ("schema", "of", "diff") => (
            "JSON-utdata från `planlint diff`",
            "the JSON output of `planlint diff`",
        ),
        _ => return None,
    })
}

/// The placeholder for the value of argument `id` in usage lines and help.
pub(super) fn value_name(id: &str) -> Option<Pair> {
    Some(match id {
        "paths" => ("SÖKVÄG", "PATH"),
        "old" => ("TIDIGARE", "OLD"),
        "new" => ("SENARE", "NEW"),
        "file" | "rules" | "config" | "output" => ("FIL", "FILE"),
        "code" => ("REGEL", "RULE"),
        "of" => ("VAD", "WHICH"),
        "format" => ("FORMAT", "FORMAT"),
        "select" | "ignore" => ("KODER", "CODES"),
        "deny" => ("NIVÅ", "LEVEL"),
        "stdin_filename" => ("NAMN", "NAME"),
        "stage" => ("SKEDE", "STAGE"),
        "lang" => ("SPRÅK", "LANG"),
        "color" => ("FÄRG", "COLOR"),
        "subcommand" => ("KOMMANDO", "COMMAND"),
        _ => return None,
    })
}

/// The words clap itself would write in English.
pub(super) struct Words {
    /// The heading of the usage line.
    pub usage: Pair,
    /// The heading of the positional arguments.
    pub arguments: Pair,
    /// The heading of the flags.
    pub options: Pair,
    /// The heading of the subcommands.
    pub commands: Pair,
    /// `[OPTIONS]` in a usage line.
    pub options_tag: Pair,
    /// `<COMMAND>` in a usage line, without the brackets.
    pub command: Pair,
    /// Before the list of possible values.
    pub possible: Pair,
    /// Before a default value.
    pub default: Pair,
    /// What the root's help ends with.
    pub after_help: Pair,
}

/// The words of clap's help, in both languages.
pub(super) const WORDS: Words = Words {
    usage: ("Användning", "Usage"),
    arguments: ("Argument", "Arguments"),
    options: ("Flaggor", "Options"),
    commands: ("Kommandon", "Commands"),
    options_tag: ("[FLAGGOR]", "[OPTIONS]"),
    command: ("KOMMANDO", "COMMAND"),
    possible: ("möjliga värden", "possible values"),
    default: ("standard", "default"),
    after_help: (
        "`planlint KOMMANDO --help` visar ett kommandos flaggor; `planlint explain KOD` förklarar en regel.\nEn kort guide på svenska för planerare och nämndsekreterare: `planlint guide`.",
        "`planlint COMMAND --help` shows a command's flags; `planlint explain CODE` explains a rule.\nA short guide in Swedish for planners and board secretaries: `planlint guide`.",
    ),
};
