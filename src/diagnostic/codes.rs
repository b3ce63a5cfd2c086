//! Every code of planlint's own (`PL…`), in one table: findings about files planlint could not
//! check, about waivers, and errors in packs, configs and arguments.
//!
//! Rule codes (`IP…`) belong to packs; these belong to planlint. Like rule codes they are a
//! public contract: never reused, never renamed (a snapshot test of the full list shows any
//! change).

use super::Severity;

/// One code of planlint's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code, e.g. `PL001`.
    pub code: &'static str,
    /// The name findings of this code carry (where a rule would carry its rule name).
    pub name: &'static str,
    /// Its severity. Errors in packs, configs and arguments stop the run (exit 2).
    pub severity: Severity,
    /// What it means, in English, for `planlint rules`-style listings and the README.
    pub summary: &'static str,
    /// What `planlint explain` says about it: Swedish, then English.
    pub about: [About; 2],
}

/// The long help of a code in one language, as `planlint explain` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct About {
    /// What it means, one sentence.
    pub summary: &'static str,
    /// When planlint reports it, and what happens then.
    pub when: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

const fn code(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    about: [About; 2],
) -> Code {
    Code {
        code,
        name,
        severity,
        summary,
        about,
    }
}

const fn about(summary: &'static str, when: &'static str, fix: &'static str) -> About {
    About { summary, when, fix }
}

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
/// A waiver without a reason.
pub const NO_REASON: Code = code(
    "PL010",
    "undantag",
    Severity::Error,
    "a waiver has no reason",
    [
    about(
        "Ett undantag saknar motivering, eller motiveringen är för kort.",
        "Ett undantag i planen (`<!-- planlint-disable IP002 -- motivering -->`) måste säga varför regeln inte ska gälla, med minst så många ord som `min_reason_words` i planlint.toml kräver (3 om inget annat sägs). Skiljetecken, emoji och osynliga tecken räknas inte. Anmärkningen som skulle undantas står kvar.",
        "Skriv efter `--` varför regeln inte ska gälla; undantaget är en del av beslutsunderlaget.",
    ),
    about(
        "A waiver has no reason, or its reason is too short.",
        "A waiver in a plan (`<!-- planlint-disable IP002 -- reason -->`) must say why the rule does not apply, in at least as many words as `min_reason_words` in planlint.toml asks (3 unless it says otherwise). Punctuation, emoji and invisible characters do not count. The finding it would waive stays.",
        "Say after `--` why the rule does not apply; the waiver is part of the record.",
    ),
    ],
);
/// A waiver naming no code or an unknown one.
pub const BAD_CODE: Code = code(
    "PL011",
    "undantag",
    Severity::Error,
    "a waiver names no known rule code",
    [
    about(
        "Ett undantag anger ingen känd regelkod.",
        "Undantaget nämner ingen kod, eller en kod som inget inläst regelpaket har, så det undantar ingenting.",
        "Skriv koden för regeln som inte ska gälla, t.ex. `IP002`; `planlint rules` listar koderna.",
    ),
    about(
        "A waiver names no known rule code.",
        "The waiver names no code, or a code no loaded rule pack has, so it waives nothing.",
        "Name the rule that is not to apply, e.g. `IP002`; `planlint rules` lists the codes.",
    ),
    ],
);
/// A waiver that waived nothing.
pub const UNUSED: Code = code(
    "PL012",
    "undantag",
    Severity::Warning,
    "a waiver waives nothing",
    [
    about(
        "Ett undantag undantar ingenting.",
        "Ett undantag i en plan, eller ett `[[waiver]]` i planlint.toml vars `paths` träffar en granskad plan, fanns men ingen anmärkning av dess koder fanns där. Det är en varning, så att gamla undantag inte blir kvar.",
        "Ta bort undantaget, eller rätta koden eller raden det gäller.",
    ),
    about(
        "A waiver waives nothing.",
        "A waiver in a plan, or a `[[waiver]]` in planlint.toml whose `paths` match a checked plan, was there but no finding of its codes was. It is a warning, so that old waivers do not linger.",
        "Remove the waiver, or correct the code or the line it is about.",
    ),
    ],
);
/// An inline waiver of a code the board keeps to config waivers (`inline_reserved`).
pub const RESERVED: Code = code(
    "PL014",
    "undantag",
    Severity::Error,
    "an inline waiver names a code the board reserves to config waivers",
    [
    about(
        "Ett undantag i planen gäller en kod som nämnden förbehåller sig.",
        "Koderna i `inline_reserved` i planlint.toml (utan inställning: områdena, IP001–IP004 i det inbyggda paketet) kan bara undantas av nämnden, i ett `[[waiver]]` i planlint.toml. Undantaget i planen gäller inte och anmärkningen står kvar.",
        "Skriv avsnittet som fattas, eller be nämnden om ett `[[waiver]]` i planlint.toml.",
    ),
    about(
        "A waiver in the plan names a code the board reserves to itself.",
        "The codes in `inline_reserved` in planlint.toml (by default the areas, IP001–IP004 in the built-in pack) can be waived only by the board, in a `[[waiver]]` in planlint.toml. The waiver in the plan does not apply and the finding stays.",
        "Write the missing section, or ask the board for a `[[waiver]]` in planlint.toml.",
    ),
    ],
);
/// An inline waiver of more codes than `max_inline_codes`.
pub const TOO_MANY: Code = code(
    "PL015",
    "undantag",
    Severity::Error,
    "one inline waiver names too many codes",
    [
    about(
        "Ett undantag i planen nämner för många koder.",
        "En kommentar får undanta högst så många koder som `max_inline_codes` i planlint.toml säger (3 om inget annat sägs), så att en rad inte kan stänga av hela regelpaketet. Undantaget gäller inte.",
        "Skriv ett undantag per regel, var och ett med sin motivering.",
    ),
    about(
        "A waiver in the plan names too many codes.",
        "One comment may waive at most as many codes as `max_inline_codes` in planlint.toml says (3 unless it says otherwise), so one line cannot switch the whole pack off. The waiver does not apply.",
        "Write one waiver per rule, each with its reason.",
    ),
    ],
);
/// A config waiver past its expiry date.
pub const EXPIRED: Code = code(
    "PL013",
    "undantag",
    Severity::Warning,
    "a config waiver has expired",
    [
    about(
        "Ett `[[waiver]]` i planlint.toml har gått ut.",
        "Dagen i `expires` har passerat, så undantaget gäller inte längre: anmärkningarna räknas igen, och planlint varnar vid undantaget.",
        "Åtgärda planen, eller förnya undantaget med ett nytt beslut och ett nytt `expires`.",
    ),
    about(
        "A `[[waiver]]` in planlint.toml has expired.",
        "The `expires` date has passed, so the waiver no longer applies: its findings count again, and planlint warns at the waiver.",
        "Fix the plan, or renew the waiver with a new decision and a new `expires`.",
    ),
    ],
);
/// A mistake in a rule pack.
pub const PACK: Code = code(
    "PL100",
    "regelpaket",
    Severity::Error,
    "a rule pack is broken",
    [
    about(
        "Ett regelpaket är trasigt.",
        "Ett regelpaket (TOML) kan inte läsas eller har ett fel: en nyckel som saknas eller är okänd, en kod som används två gånger, en term som inte går att tolka. Meddelandet pekar på raden i paketet. Ingen plan granskas (slutstatus 2).",
        "Rätta paketet där meddelandet pekar; `planlint schema pack` beskriver formatet och `planlint test-pack FIL` kör paketets exempel.",
    ),
    about(
        "A rule pack is broken.",
        "A rule pack (TOML) cannot be read or has a mistake: a key missing or unknown, a code used twice, a term that cannot be parsed. The message points at the line in the pack. No plan is checked (exit status 2).",
        "Correct the pack where the message points; `planlint schema pack` describes the format and `planlint test-pack FILE` runs the pack's examples.",
    ),
    ],
);
/// A mistake in `planlint.toml`.
pub const CONFIG: Code = code(
    "PL101",
    "konfiguration",
    Severity::Error,
    "the configuration is broken",
    [
    about(
        "planlint.toml är trasig.",
        "Konfigurationsfilen kan inte läsas eller har ett fel: en okänd nyckel eller kod, ett undantag utan motivering, en glob som inte går att tolka. Meddelandet pekar på raden. Ingen plan granskas (slutstatus 2).",
        "Rätta filen där meddelandet pekar; `planlint schema config` beskriver formatet och `planlint config` visar vad som gäller.",
    ),
    about(
        "planlint.toml is broken.",
        "The config file cannot be read or has a mistake: an unknown key or code, a waiver without a reason, a glob that cannot be parsed. The message points at the line. No plan is checked (exit status 2).",
        "Correct the file where the message points; `planlint schema config` describes the format and `planlint config` shows what is in effect.",
    ),
    ],
);
/// An unknown rule code on the command line.
pub const ARGUMENT: Code = code(
    "PL102",
    "argument",
    Severity::Error,
    "an unknown rule code on the command line",
    [
    about(
        "En okänd regelkod på kommandoraden.",
        "`--select` eller `--ignore` nämner en kod som inget inläst regelpaket och inte planlint själv har. Ingen plan granskas (slutstatus 2), så att ett stavfel inte tyst stänger av en regel.",
        "Rätta koden; `planlint rules` listar koderna.",
    ),
    about(
        "An unknown rule code on the command line.",
        "`--select` or `--ignore` names a code that no loaded rule pack and not planlint itself has. No plan is checked (exit status 2), so a typo does not switch a rule off in silence.",
        "Correct the code; `planlint rules` lists the codes.",
    ),
    ],
);

/// Every code of planlint's own, in code order.
pub const ALL: &[Code] = &[
    NOT_UTF8,
    UNREADABLE,
    BINARY,
    WALK,
    SKIPPED,
    LEFT_OUT,
    FRONT_MATTER,
    HIDDEN_BY_HTML,
    NO_REASON,
    BAD_CODE,
    UNUSED,
    EXPIRED,
    RESERVED,
    TOO_MANY,
    PACK,
    CONFIG,
    ARGUMENT,
];

/// The entry of `code` in the table, if it is one of planlint's own.
pub fn find(code: &str) -> Option<Code> {
    ALL.iter().find(|c| c.code == code).copied()
}
