//! Codes for mistakes in what the run is given: rule packs, the config and the command line
//! (PL100–PL102).

use super::{about, code, Code};
use crate::diagnostic::Severity;

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
