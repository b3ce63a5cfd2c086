//! Codes for files planlint could not check as plans, or checked only in part (PL001–PL008).

use super::{about, code, Code};
use crate::diagnostic::Severity;

/// The file is not valid UTF-8.
pub const NOT_UTF8: Code = code(
    "PL001",
    "fil",
    Severity::Error,
    "the file is not valid UTF-8",
    [
    about(
        "Filen är inte giltig UTF-8-text.",
        "Planen är sparad med en annan teckenkodning (t.ex. Latin-1 eller Windows-1252), så å, ä och ö kan inte läsas. Anmärkningen pekar på den första felaktiga byten; planen granskas inte och räknas som ett fel, men de andra planerna granskas.",
        "Spara planen som UTF-8 (i de flesta redigerare: Spara som → Kodning: UTF-8) och kör planlint igen.",
    ),
    about(
        "The file is not valid UTF-8 text.",
        "The plan is saved in another encoding (e.g. Latin-1 or Windows-1252), so å, ä and ö cannot be read. The finding points at the first bad byte; the plan is not checked and counts as an error, but the other plans are checked.",
        "Save the plan as UTF-8 (in most editors: Save as → Encoding: UTF-8) and run planlint again.",
    ),
    ],
);
/// The file could not be read.
pub const UNREADABLE: Code = code("PL002", "fil", Severity::Error, "the file cannot be read",
    [
    about(
        "Filen kan inte läsas.",
        "Filen finns inte längre, du har inte behörighet att läsa den, den är större än 64 MB, eller den är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och nämndes på kommandoraden. Den räknas som ett fel; de andra planerna granskas.",
        "Kontrollera att sökvägen pekar på planen och att du har läsrättighet till den.",
    ),
    about(
        "The file cannot be read.",
        "The file is gone, you may not read it, it is larger than 64 MB, or it is not a regular file (e.g. a named pipe or a device) and was named on the command line. It counts as an error; the other plans are checked.",
        "Check that the path names the plan and that you may read it.",
    ),
    ],
);
/// The file is binary data or a document (Word, PDF, RTF), not text.
pub const BINARY: Code = code(
    "PL003",
    "fil",
    Severity::Error,
    "the file is binary data or a document (Word, PDF, RTF), not Markdown text",
    [
    about(
        "Filen är inte text i Markdown: ett Word-dokument, en PDF, ett RTF-dokument eller andra binära data.",
        "planlint granskar planer i Markdown, sparade som text. En fil som börjar som ett Word-dokument (.docx, .doc), en PDF, ett RTF-dokument eller ett zip-arkiv, eller som har en NUL-byte bland de första 8 kB, läses inte som en plan och räknas som ett fel.",
        "Spara planen som Markdown (.md), eller kopiera texten till en .md-fil och skriv rubrikerna med `#` (t.ex. `## Bostäder`).",
    ),
    about(
        "The file is not Markdown text: a Word document, a PDF, an RTF document or other binary data.",
        "planlint checks plans in Markdown, saved as text. A file that starts like a Word document (.docx, .doc), a PDF, an RTF document or a zip archive, or has a NUL byte in its first 8 kB, is not read as a plan and counts as an error.",
        "Save the plan as Markdown (.md), or copy the text into a .md file and mark the headings with `#` (e.g. `## Bostäder`).",
    ),
    ],
);
/// An entry of a walked directory could not be followed (a link loop, no permission, a link to
/// a directory).
pub const WALK: Code = code(
    "PL004",
    "katalog",
    Severity::Warning,
    "an entry of a walked directory was not checked",
    [
    about(
        "En post i en katalog som gicks igenom granskades inte.",
        "En länk till en katalog (sådana följs inte), en länk ut ur katalogen som granskas, en länk till ingenting, något som inte är en vanlig fil, eller en post som inte kunde läsas. Det är en varning: målet läses aldrig, men körningen säger att det finns.",
        "Ange katalogen eller planen själv på kommandoraden om den ska granskas, eller rätta länken eller behörigheten.",
    ),
    about(
        "An entry of a walked directory was not checked.",
        "A link to a directory (those are not followed), a link out of the directory being checked, a link to nothing, something that is not a regular file, or an entry that could not be read. It is a warning: the target is never read, but the run says it is there.",
        "Name the directory or the plan itself on the command line to check it, or fix the link or the permissions.",
    ),
    ],
);
/// With `--strict`: a file that looks like a plan was seen and not checked (hidden, or not
/// matched by `include`).
pub const SKIPPED: Code = code(
    "PL005",
    "fil",
    Severity::Error,
    "with --strict, a file that looks like a plan was not checked",
    [
    about(
        "Med `--strict` granskades en fil som ser ut som en plan inte.",
        "Med `--strict` (eller `strict = true` i planlint.toml) är en dold plan (namnet börjar med `.`) eller en plan som `include` inte tar med ett fel i stället för att bara räknas. Filer som `exclude` utesluter är nämndens beslut och ger inget fel.",
        "Byt namn på eller flytta filen, ändra `include`, eller lägg filen i `exclude` om den medvetet inte ska granskas.",
    ),
    about(
        "With `--strict`, a file that looks like a plan was not checked.",
        "With `--strict` (or `strict = true` in planlint.toml) a hidden plan (its name starts with `.`) or a plan `include` does not match is an error instead of a counted skip. Files `exclude` names are the board's decision and give no error.",
        "Rename or move the file, change `include`, or add the file to `exclude` if it is deliberately not checked.",
    ),
    ],
);
/// A file named on the command line that the config's `include`/`exclude` leave out.
pub const LEFT_OUT: Code = code(
    "PL006",
    "fil",
    Severity::Info,
    "a file named on the command line is left out by the config",
    [
    about(
        "En fil som nämndes på kommandoraden lämnas utanför av planlint.toml.",
        "`include` eller `exclude` i planlint.toml tar inte med filen, så den granskades inte fast den nämndes. Det är en upplysning, så att filen inte tyst hoppas över.",
        "Ändra `include`/`exclude` i planlint.toml om filen ska granskas.",
    ),
    about(
        "A file named on the command line is left out by planlint.toml.",
        "`include` or `exclude` in planlint.toml leave the file out, so it was not checked although it was named. It is a note, so the file is not skipped in silence.",
        "Change `include`/`exclude` in planlint.toml if the file is to be checked.",
    ),
    ],
);
/// The plan's front matter breaks a budget (size, depth, aliases, values) and was not read.
pub const FRONT_MATTER: Code = code(
    "PL007",
    "fil",
    Severity::Error,
    "the plan's front matter is over budget and was not read",
    [
    about(
        "Uppgiftsblocket överst i planen (front matter) är för stort eller för djupt nästlat och lästes inte.",
        "Blocket mellan raderna `---` (eller `+++`) överst läses under en gräns: 1 MB, 64 nivåer, 1 000 alias och 100 000 värden. Ett block över gränsen läses inte och planen räknas som ett fel, vilka regler paketen än har.",
        "Skriv fälten som enkla rader `nyckel: värde`, t.ex. `förvaltning: Socialförvaltningen`.",
    ),
    about(
        "The details block at the top of the plan (front matter) is too large or nested too deep and was not read.",
        "The block between the `---` (or `+++`) lines at the top is read under a budget: 1 MB, 64 levels, 1,000 aliases and 100,000 values. A block over budget is not read and the plan counts as an error, whatever rules the packs hold.",
        "Write the fields as plain `key: value` lines, e.g. `förvaltning: Socialförvaltningen`.",
    ),
    ],
);
/// Raw HTML in the plan leaves a comment, tag or attribute open, so a browser hides the rest.
pub const HIDDEN_BY_HTML: Code = code(
    "PL008",
    "html",
    Severity::Error,
    "raw HTML in the plan hides the text after it from a reader",
    [
    about(
        "HTML i planen lämnar en kommentar, en tagg eller ett attribut öppet, så att resten av planen inte syns för den som läser den.",
        "En webbläsare (GitHub, nämndens visning) läser planens HTML som en ström: `<!--` utan `-->`, en tagg utan `>` eller ett attribut utan avslutande citattecken slukar allt som kommer efter. planlint räknar bara det som en läsare ser, så texten efter den raden räknas inte, och planen får detta fel: grinden kan inte veta vilken visning nämnden använder.",
        "Stäng kommentaren med `-->`, taggen med `>` och attributet med sitt citattecken, eller ta bort HTML-koden.",
    ),
    about(
        "HTML in the plan leaves a comment, a tag or an attribute open, so the rest of the plan is not shown to a reader.",
        "A browser (GitHub, the board's viewer) reads a plan's HTML as one stream: `<!--` without `-->`, a tag without `>` or an attribute without its closing quote swallows everything after it. planlint counts only what a reader sees, so the text after that line does not count, and the plan gets this error: the gate cannot know which viewer the board uses.",
        "Close the comment with `-->`, the tag with `>` and the attribute with its quote, or remove the HTML.",
    ),
    ],
);
