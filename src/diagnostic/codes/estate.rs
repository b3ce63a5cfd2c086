//! Codes for the estate the board governs: a department on the roster without a plan, a plan
//! whose department is not on the roster, a plan whose stage is unknown (PL016–PL018).

use super::{about, code, Code};
use crate::diagnostic::Severity;

/// A department on the roster has no plan where its plan is expected.
pub const NO_PLAN: Code = code(
    "PL016",
    "forvaltning",
    Severity::Warning,
    "a department on the roster has no plan",
    [
    about(
        "En förvaltning i förteckningen (`[[department]]` i planlint.toml) har ingen plan där dess plan ska ligga.",
        "planlint jämför förteckningen med planerna den granskar: för varje förvaltning och varje år som granskas (när `paths` har `{year}`) ska en plan finnas som matchar förvaltningens `paths`. Anmärkningen pekar på förvaltningen i planlint.toml, och rapporten visar en rad ”ingen plan inlämnad”. Den är en varning i utkast och ett fel från skedet `för beslut` (med `--stage` eller när årets planer har `status: för beslut`). Förteckningen prövas när planlint går igenom en katalog, inte när den bara får enstaka filer (som i pre-commit).",
        "Lägg förvaltningens plan där `paths` säger, rätta `paths` om planen ligger någon annanstans, eller ta bort förvaltningen ur förteckningen om den inte längre ska ha en plan.",
    ),
    about(
        "A department on the roster (`[[department]]` in planlint.toml) has no plan where its plan is expected.",
        "planlint compares the roster with the plans it judges: for every department and every year judged (when `paths` has `{year}`) a plan must match the department's `paths`. The finding points at the department in planlint.toml, and the report shows a row \"no plan submitted\". It is a warning in a draft and an error from the stage `för beslut` on (with `--stage`, or when the year's plans have `status: för beslut`). The roster is judged when planlint walks a directory, not when it is given single files only (as in pre-commit).",
        "Put the department's plan where `paths` says, correct `paths` if the plan lies elsewhere, or remove the department from the roster if it is no longer to have a plan.",
    ),
    ],
);
/// A plan names a department that is not on the roster.
pub const NOT_ON_ROSTER: Code = code(
    "PL017",
    "forvaltning",
    Severity::Warning,
    "a plan's department is not on the roster",
    [
    about(
        "Planens `förvaltning` finns inte i förteckningen över förvaltningar i planlint.toml.",
        "När planlint.toml har en förteckning (`[[department]]`) ska varje plan ange en förvaltning som står i den, med namnet eller ett av dess `aliases` (skiftläge och diakritiska tecken spelar ingen roll). Ett felstavat namn gör att planen inte räknas som förvaltningens i rapporten och trenden. En plan som ligger där en annan förvaltnings plan ska ligga får också anmärkningen.",
        "Skriv förvaltningens namn som förteckningen skriver det, eller lägg till förvaltningen (eller namnet som alias) i planlint.toml.",
    ),
    about(
        "The plan's `förvaltning` is not on the roster of departments in planlint.toml.",
        "When planlint.toml has a roster (`[[department]]`), every plan must name a department on it, by its name or one of its `aliases` (letter case and diacritics make no difference). A misspelt name keeps the plan from counting as the department's in the report and the trend. A plan that lies where another department's plan is expected gets the finding too.",
        "Write the department's name as the roster writes it, or add the department (or the name as an alias) to planlint.toml.",
    ),
    ],
);
/// A plan's `status` names no known stage.
pub const UNKNOWN_STAGE: Code = code(
    "PL018",
    "status",
    Severity::Warning,
    "a plan's status is not a known stage",
    [
    about(
        "Planens `status` är inget skede planlint känner till.",
        "Skedena är `utkast`, `remiss`, `för beslut` och `beslutad` (planlint känner också igen vanliga andra ord för dem, som `förslag`, `beslutsunderlag` och `antagen`), och de som planlint.toml lägger till med `[stage.NAMN]` (eller andra namn för dem med `names`). Vad som hindrar godkännande beror på skedet, så en plan vars status inte går att läsa granskas som om den vore i det sista skedet, där mest hindrar godkännande.",
        "Skriv ett av skedena, t.ex. `status: för beslut`, eller lägg till skedet i planlint.toml.",
    ),
    about(
        "The plan's `status` is not a stage planlint knows.",
        "The stages are `utkast`, `remiss`, `för beslut` and `beslutad` (planlint also knows common other words for them, such as `förslag`, `beslutsunderlag` and `antagen`), and those planlint.toml adds with `[stage.NAME]` (or other names for them with `names`). What blocks approval depends on the stage, so a plan whose status cannot be read is judged as if it were at the last stage, where the most blocks approval.",
        "Write one of the stages, e.g. `status: för beslut`, or add the stage to planlint.toml.",
    ),
    ],
);
