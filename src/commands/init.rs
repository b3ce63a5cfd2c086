//! `planlint init`: a commented `planlint.toml` and a plan template, never overwriting.
//!
//! The template is written to [`TEMPLATE_PATH`], under a folder the generated config excludes,
//! so that the new repository passes its own gate: `check` and the pre-commit hook never judge
//! the template, and the report never shows it as a department.
//!
//! Each file is written to a new temporary file beside its target (created exclusively, never
//! one that was there) and then hard-linked into place, which fails if the target exists: an
//! existing file is never replaced, even by a race.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// The config file `init` writes, in Swedish, before [`config`] adds the roster and the stages.
const CONFIG_SV: &str = r#"# planlint.toml — inställningar för att granska förrådets planer med planlint.
# Varje nyckel kan utelämnas. `planlint config` visar vilka inställningar som gäller och var
# varje inställning kommer ifrån.

# Regelpaket: "builtin" är integrationspolicyn som är inbyggd i planlint; andra paket anges som
# sökvägar räknade från den här filen.
packs = ["builtin"]

# Meddelandenas språk: "sv" eller "en".
lang = "sv"

# Vilka filer som är planer (mönster räknade från den här filen) och vilka som inte är det:
# Markdown, Word och OpenDocument. Words låsfiler (~$plan.docx) är aldrig planer. Planmallen som
# `planlint init` skrev ligger i mallar/, som inte är en plan.
include = ["**/*.md", "**/*.docx", "**/*.odt"]
exclude = ["README.md", "arkiv/**", "mallar/**"]

# Ett nytt förråd har ännu ingen plan, och `planlint check` godkänner det ändå. Ta bort raden
# (eller sätt den till false) när de första planerna har kommit in: då underkänns en körning som
# inte hittar någon plan att granska — till exempel för att ett mönster ovan inte träffar
# något — med slutkod 2.
allow_empty = true

# Nivå per regelkod: "error", "warning", "info" eller "off". Att stänga av en områdesregel
# (IP001–IP004) för alla planer är ett beslut: det kräver en motivering, i tabellform.
[severity]
# IP015 = "off"
# IP002 = { level = "off", reason = "Nämnden har inget uppdrag som rör bostäder." }

# Nivåer för vissa sökvägar.
# [[override]]
# paths = ["bolag/**"]
# severity = { IP007 = "off" }

# Ett undantag befriar planer från en regel. Det kräver en motivering och ingår i
# redovisningen av hur planerna följer policyn.
# [[waiver]]
# paths = ["overformyndarnamnden.md"]
# codes = ["IP002"]
# reason = "Överförmyndarnämnden har inget uppdrag som rör bostäder."
# decided = "KS 2027/12 § 4"
# expires = 2027-12-31
"#;

/// The config file `init` writes under `--lang en`, before [`config`] adds the roster and the
/// stages.
const CONFIG_EN: &str = r#"# planlint.toml — settings for checking this repository's plans with planlint.
# Every key is optional. `planlint config` shows the effective settings and where each came from.

# Rule packs: "builtin" is the integration policy built into planlint; other packs are paths
# relative to this file.
packs = ["builtin"]

# Language of messages: "sv" or "en".
lang = "en"

# Which files are plans (globs relative to this file), and which are not: Markdown, Word and
# OpenDocument. Word's lock files (~$plan.docx) are never plans. The plan
# template that `planlint init` wrote lives in mallar/, which is not a plan.
include = ["**/*.md", "**/*.docx", "**/*.odt"]
exclude = ["README.md", "arkiv/**", "mallar/**"]

# A new repository has no plan yet, and `planlint check` passes all the same. Remove this line
# (or set it to false) once the first plans are in: then a run that finds no plan to check —
# say, because a glob above matches nothing — fails the gate with exit code 2.
allow_empty = true

# Severity by rule code: "error", "warning", "info" or "off". Switching an area rule
# (IP001–IP004) off for every plan is a decision: it needs a reason, in the table form.
[severity]
# IP015 = "off"
# IP002 = { level = "off", reason = "Nämnden har inget uppdrag som rör bostäder." }

# Severities for some paths only.
# [[override]]
# paths = ["bolag/**"]
# severity = { IP007 = "off" }

# A waiver exempts plans from a rule. It needs a reason; it is part of the compliance record.
# [[waiver]]
# paths = ["overformyndarnamnden.md"]
# codes = ["IP002"]
# reason = "Överförmyndarnämnden har inget uppdrag som rör bostäder."
# decided = "KS 2027/12 § 4"
# expires = 2027-12-31
"#;

/// The end of [`CONFIG_SV`] under `--lang sv`: the roster and the stages, commented out.
const ESTATE_SV: &str = r#"
# Förteckningen över förvaltningarna: varje förvaltning som ska ha en verksamhetsplan, så att
# planlint ser vem som inte har lämnat in någon (PL016: en varning, ett fel från skedet
# "för beslut") och vilken plan som anger en förvaltning som inte står här (PL017). `paths` är
# mönster räknade från den här filen, som i [[waiver]]; `{year}` står för varje år som granskas.
# Exemplet förutsätter att varje års planer ligger i en egen katalog, kopierade från mallen:
# planer/2027/socialforvaltningen.md. `name` skrivs som planens `förvaltning`. Skriv "nämnd"
# inom citattecken (TOML tillåter inte å, ä och ö i en nyckel utan dem) eller namnd.
# Förteckningen prövas när planlint går igenom en katalog, inte för enstaka filer (pre-commit).
# [[department]]
# name = "Socialförvaltningen"
# "nämnd" = "Socialnämnden"
# paths = ["planer/{year}/socialforvaltningen.*"]
#
# [[department]]
# name = "Barn- och utbildningsförvaltningen"
# "nämnd" = "Barn- och utbildningsnämnden"
# paths = ["planer/{year}/barn-och-utbildning.*"]
# aliases = ["Utbildningsförvaltningen"]

# Skeden: planens `status` i uppgiftsblocket överst säger var den är på väg till nämnden:
# utkast, remiss, för beslut eller beslutad. Från "för beslut" är en platshållare, en saknad
# uppgift i uppgiftsblocket och en förvaltning utan plan fel (om inte [severity] anger regelns
# nivå). `planlint check --stage "för beslut"` granskar alla planer i det skedet. Tabellen
# `[stage."NAMN"]` ändrar nivåer från det skedet och framåt; `names` är kommunens egna ord för
# skedet, och ett nytt skede placeras med `after = "remiss"`.
# [stage."för beslut"]
# severity = { IP005 = "error", IP013 = "error" }
# names = ["beslutsförslag"]
"#;

/// The end of [`CONFIG_SV`] under `--lang en`: the roster and the stages, commented out.
const ESTATE_EN: &str = r#"
# The roster of departments: every department that is to have an operational plan, so that
# planlint sees who has not submitted one (PL016: a warning, an error from the stage
# "för beslut" on) and which plan names a department that is not here (PL017). `paths` are
# globs relative to this file, as in [[waiver]]; `{year}` stands for each year judged. The
# example assumes each year's plans in a folder of their own, copied from the template:
# planer/2027/socialforvaltningen.md. `name` is written as the plan's `förvaltning`. Write
# "nämnd" in quotes (TOML allows no å, ä or ö in a key without them) or namnd.
# The roster is judged when planlint walks a directory, not for single files (pre-commit).
# [[department]]
# name = "Socialförvaltningen"
# "nämnd" = "Socialnämnden"
# paths = ["planer/{year}/socialforvaltningen.*"]
#
# [[department]]
# name = "Barn- och utbildningsförvaltningen"
# "nämnd" = "Barn- och utbildningsnämnden"
# paths = ["planer/{year}/barn-och-utbildning.*"]
# aliases = ["Utbildningsförvaltningen"]

# Stages: the plan's `status` in the front matter says where it is on its way to the nämnd:
# utkast, remiss, för beslut or beslutad. From "för beslut" on, a placeholder, a missing
# front-matter field and a department without a plan are errors (unless [severity] sets the
# rule's level). `planlint check --stage "för beslut"` judges every plan at that stage. The
# table `[stage."NAME"]` changes levels from that stage on; `names` are the municipality's own
# words for the stage, and a new stage is placed with `after = "remiss"`.
# [stage."för beslut"]
# severity = { IP005 = "error", IP013 = "error" }
# names = ["beslutsförslag"]
"#;

/// The `planlint.toml` `init` writes, its roster and stages explained in `lang`.
pub(crate) fn config(lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{CONFIG_SV}{ESTATE_SV}"),
        Lang::En => format!("{CONFIG_EN}{ESTATE_EN}"),
    }
}

/// Where `init` writes the plan template, relative to the folder it runs in: under `mallar/`,
/// which [`CONFIG_SV`] excludes.
pub(crate) const TEMPLATE_PATH: &str = "mallar/verksamhetsplan.md";

/// The plan template `init` writes.
pub(crate) const TEMPLATE: &str = r"---
förvaltning:
år:
ansvarig:
---

# Verksamhetsplan – förvaltningens namn

<!-- Skriv här en inledning: förvaltningens uppdrag och hur planen utgår från kommunens
     integrationspolicy (KF 2016-06-20 § 67). -->

## Prioriterade områden enligt integrationspolicyn

### Arbete och studier

<!-- Hur bidrar förvaltningen till att nyanlända kommer i arbete eller studier och till att
     deras kompetens tas tillvara? Skriv ett mål, ett nyckeltal med en siffra, vem som
     ansvarar och när det ska vara klart. -->

### Bostäder

<!-- Vad gör förvaltningen för utbudet av bostäder och boendemiljöer för nyanlända?
     Mål, nyckeltal, ansvarig och tidsram. -->

### Folkhälsa

<!-- Hur skapar förvaltningen mötesplatser och delaktighet, och hur förebygger och motverkar
     den diskriminering, främlingsfientlighet och rasism? Mål, nyckeltal, ansvarig, tidsram. -->

### Samverkan

<!-- Hur samverkar förvaltningen med kommunens andra verksamheter och med andra aktörer
     (Arbetsförmedlingen, regionen, föreningar …)? Mål, nyckeltal, ansvarig, tidsram. -->

## Uppföljning

<!-- När och hur planen följs upp (delårsrapport, årsredovisning). -->
";

/// How many temporary names [`write_atomically`] tries before it gives up.
const TEMPORARY_TRIES: u32 = 100;

/// Creates a new temporary file beside `path`, `.NAME.planlint-PID-N.tmp`, exclusively
/// (`create_new`): a name that is taken, whoever took it, is skipped for the next `N`, and the
/// file already there is left alone. Returns the file and the name planlint now owns.
fn create_temporary(path: &Path, lang: Lang) -> io::Result<(std::fs::File, PathBuf)> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 0..TEMPORARY_TRIES {
        let tmp = dir.join(format!(".{name}.planlint-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    let why = lang.pick(
        "kunde inte skapa en ny tillfällig fil bredvid den (alla namn som prövades fanns redan)",
        "could not create a new temporary file beside it (every name tried was taken)",
    );
    Err(io::Error::other(format!("{}: {why}", path.display())))
}

/// Writes `contents` to `path` through a temporary file beside it, so a reader never sees a
/// half-written file. An existing file is replaced only with `replace`; returns whether the
/// file was written.
///
/// The temporary file is created exclusively ([`create_temporary`]) and only that file is ever
/// removed: a file of the same look that was there before is neither used nor deleted. Without
/// `replace` the temporary file is hard-linked into place, which fails if the target exists,
/// so an existing file is never replaced, even by a race; with `replace` it is renamed over it.
pub(crate) fn write_atomically(
    path: &Path,
    contents: &str,
    replace: bool,
    lang: Lang,
) -> io::Result<bool> {
    write_atomically_with(path, replace, lang, &|f: &mut dyn Write| {
        f.write_all(contents.as_bytes())
    })
}

/// [`write_atomically`] with the contents written by `write`, as they are made.
pub(crate) fn write_atomically_with(
    path: &Path,
    replace: bool,
    lang: Lang,
    write: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> io::Result<bool> {
    if path.exists() && !replace {
        return Ok(false);
    }
    let (f, tmp) = create_temporary(path, lang)?;
    let mut f = io::BufWriter::new(f);
    let written = write(&mut f)
        .and_then(|()| f.flush())
        .and_then(|()| f.get_ref().sync_all());
    drop(f);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if replace {
        // After a rename the temporary name is no longer ours, so it is removed only on failure.
        return match std::fs::rename(&tmp, path) {
            Ok(()) => Ok(true),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        };
    }
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(true),
        // The target exists: the one case of "already there".
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Writes the config and the template into `dir`; returns what happened, for the user.
pub(crate) fn init(dir: &Path, lang: Lang) -> io::Result<String> {
    let mut out = String::new();
    let config = config(lang);
    for (name, contents) in [
        ("planlint.toml", config.as_str()),
        (TEMPLATE_PATH, TEMPLATE),
    ] {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if write_atomically(&path, contents, false, lang)? {
            let _ = writeln!(out, "{} {name}", lang.pick("skapade", "created"));
        } else {
            let _ = writeln!(
                out,
                "{name} {}",
                lang.pick(
                    "finns redan och lämnades orörd",
                    "already exists and was left as it is"
                )
            );
        }
    }
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Kopiera mallen till en ny fil för förvaltningens plan, till exempel `socialforvaltningen.md`, fyll i den och kör `planlint check` för att se vad som saknas. Mallen själv granskas inte: planlint.toml undantar `mallar/`.",
            "Copy the template to a new file for the department's plan, for example `socialforvaltningen.md`, fill it in and run `planlint check` to see what is missing. The template itself is not checked: planlint.toml excludes `mallar/`."
        )
    );
    Ok(out)
}
