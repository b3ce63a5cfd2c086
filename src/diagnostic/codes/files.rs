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
        "Filen finns inte längre, du har inte behörighet att läsa den, den är större än 64 MB, eller den är ingen vanlig fil (t.ex. en namngiven pipe eller en enhet) och nämndes på kommandoraden. Ett Word- eller OpenDocument-dokument kan inte heller läsas när det är skyddat med lösenord, skadat eller avkortat, packas upp till mer än 64 MB, har fler än 10 000 delar, har XML som är felaktig, nästlad djupare än 256 nivåer eller har en DTD. Den räknas som ett fel; de andra planerna granskas.",
        "Kontrollera att sökvägen pekar på planen och att du har läsrättighet till den; spara ett dokument utan lösenord, eller öppna det i Word eller LibreOffice och spara det på nytt.",
    ),
    about(
        "The file cannot be read.",
        "The file is gone, you may not read it, it is larger than 64 MB, or it is not a regular file (e.g. a named pipe or a device) and was named on the command line. A Word or OpenDocument document cannot be read either when it is protected with a password, damaged or cut short, unpacks to more than 64 MB, has more than 10,000 entries, or has XML that is malformed, nests deeper than 256 levels or has a DTD. It counts as an error; the other plans are checked.",
        "Check that the path names the plan and that you may read it; save a document without a password, or open it in Word or LibreOffice and save it again.",
    ),
    ],
);
/// The file is binary data or a document planlint cannot read (Word 97, PDF, RTF), not a plan.
pub const BINARY: Code = code(
    "PL003",
    "fil",
    Severity::Error,
    "the file is binary data or a document planlint cannot read (Word 97, PDF, RTF)",
    [
    about(
        "Filen är ingen plan som planlint kan läsa: ett Word-dokument i det äldre formatet (.doc), en PDF, ett RTF-dokument, ett annat zip-arkiv eller andra binära data.",
        "planlint granskar planer i Markdown, Word (.docx, .docm) och OpenDocument (.odt). En fil som börjar som ett Word 97-dokument (.doc), en PDF, ett RTF-dokument eller ett annat zip-arkiv, som har en NUL-byte bland de första 8 kB, eller som har ändelsen .docx eller .odt utan att vara ett sådant dokument, läses inte som en plan och räknas som ett fel.",
        "Öppna planen i Word eller LibreOffice och spara den som Word-dokument (.docx) eller OpenDocument-text (.odt), eller som Markdown (.md).",
    ),
    about(
        "The file is not a plan planlint can read: a Word document in the older format (.doc), a PDF, an RTF document, another zip archive or other binary data.",
        "planlint checks plans in Markdown, Word (.docx, .docm) and OpenDocument (.odt). A file that starts like a Word 97 document (.doc), a PDF, an RTF document or another zip archive, has a NUL byte in its first 8 kB, or has the extension .docx or .odt without being such a document, is not read as a plan and counts as an error.",
        "Open the plan in Word or LibreOffice and save it as a Word document (.docx) or OpenDocument text (.odt), or as Markdown (.md).",
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
