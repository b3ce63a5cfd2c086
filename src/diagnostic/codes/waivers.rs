//! Codes for waivers: missing reasons, unknown codes, unused, reserved, too many, expired
//! (PL010–PL014).

use super::{about, code, Code};
use crate::diagnostic::Severity;

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
