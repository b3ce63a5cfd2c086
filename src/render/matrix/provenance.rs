//! What a report judged, named in its header so that a filed report can be traced: when it was
//! made, the commit of the plans, the packs and their versions, the config and the stage. The
//! commands layer gathers it (reads the clock, asks `git`); render only shows it and never
//! spawns a process or reads a file. [`Provenance::lines`] gives each line's label and values
//! in the reader's language; each format escapes and marks them up its own way, since a pack's
//! name, a path and a stage come from files nobody vetted.

use schemars::JsonSchema;
use serde::Serialize;

use crate::i18n::Lang;

/// What a report judged.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Provenance {
    /// When the report was made: RFC 3339 with the offset from UTC,
    /// e.g. `2027-03-14T09:30:00+01:00`.
    pub made_at: String,
    /// The full hash of the commit the plans' git work tree is at; `null` when the plans are not
    /// in git, `git` is not installed or the repository has no commit yet.
    pub commit: Option<String>,
    /// Whether the work tree had changes not committed, new files included; `null` when the
    /// plans are not in git.
    pub dirty: Option<bool>,
    /// The packs the rules came from, in load order.
    pub packs: Vec<PackUsed>,
    /// The config file read, as planlint shows paths; `null` when none was.
    pub config: Option<String>,
    /// The stage every plan was judged at, when `--stage` set it (`utkast`, `remiss`, `för
    /// beslut`, `beslutad`, or the config's own); `null`: each plan at its own `status`.
    pub stage: Option<String>,
    /// Without `--stage`: how many plans were judged at each stage (`null`: without a
    /// status), in stage order.
    pub stages: Vec<StageCount>,
}

/// How many plans were judged at a stage.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StageCount {
    /// The stage, or `null` for plans without a status.
    pub stage: Option<String>,
    /// How many plans.
    pub plans: usize,
}

/// A pack the report judged by.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PackUsed {
    /// The pack's `id`.
    pub id: String,
    /// Its `name`.
    pub name: String,
    /// Its `version`, if it has one.
    pub version: Option<String>,
    /// `sha256:` and 12 hex digits of its bytes: names the pack when it has no version.
    pub digest: String,
    /// Its file, as planlint shows paths; `null` for the built-in pack.
    pub path: Option<String>,
    /// Whether it is the built-in pack.
    pub builtin: bool,
}

/// One line of the header: a key for machines, a label and its values for people (several for
/// the packs, one for the rest), not yet escaped.
#[derive(Debug, Clone)]
pub struct Line {
    /// `made_at`, `commit`, `packs`, `config` or `stage`.
    pub key: &'static str,
    /// What the line says, e.g. `Rapporten skapad`.
    pub label: &'static str,
    /// What it names.
    pub values: Vec<String>,
}

impl Provenance {
    /// The report's title, naming the packs: `Täckningsrapport – Integrationspolicy, Vingåkers
    /// kommun`, several packs joined with ` · `.
    pub fn title(&self, lang: Lang) -> String {
        let names: Vec<&str> = self.packs.iter().map(|p| p.name.as_str()).collect();
        format!(
            "{} – {}",
            lang.pick("Täckningsrapport", "Coverage report"),
            names.join(" · ")
        )
    }

    /// The header's lines: when the report was made, the plans' version in git, the packs, the
    /// config and the stage.
    pub fn lines(&self, lang: Lang) -> Vec<Line> {
        let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let commit = match (&self.commit, self.dirty) {
            (Some(c), dirty) => {
                let short = c.get(..12).unwrap_or(c);
                if dirty == Some(true) {
                    format!(
                        "{short}, {}",
                        t("med ej incheckade ändringar", "with uncommitted changes")
                    )
                } else {
                    short.to_owned()
                }
            }
            (None, Some(true)) => format!(
                "{}, {}",
                t("ingen git-version", "not in git"),
                t("ej incheckade ändringar", "uncommitted changes")
            ),
            (None, _) => t("ingen git-version", "not in git").to_owned(),
        };
        vec![
            Line {
                key: "made_at",
                label: t("Rapporten skapad", "Report made"),
                values: vec![shown_time(&self.made_at)],
            },
            Line {
                key: "commit",
                label: t("Planernas version i git", "The plans' version in git"),
                values: vec![commit],
            },
            Line {
                key: "packs",
                label: t("Regelpaket", "Rule packs"),
                values: self.packs.iter().map(|p| p.shown(lang)).collect(),
            },
            Line {
                key: "config",
                label: t("Konfiguration", "Configuration"),
                values: vec![self
                    .config
                    .clone()
                    .unwrap_or_else(|| t("ingen planlint.toml", "no planlint.toml").to_owned())],
            },
            Line {
                key: "stage",
                label: t("Skede", "Stage"),
                values: vec![self.stage_line(lang)],
            },
        ]
    }
}

impl Provenance {
    /// The stage line: `--stage`'s, else each plan's own with how many plans are at each.
    fn stage_line(&self, lang: Lang) -> String {
        if let Some(stage) = &self.stage {
            return match lang {
                Lang::Sv => format!("{stage} (alla planer granskade i det skedet med --stage)"),
                Lang::En => format!("{stage} (every plan judged at that stage with --stage)"),
            };
        }
        if self.stages.iter().all(|s| s.stage.is_none()) {
            return lang.pick("ej angivet", "not given").to_owned();
        }
        let counts: Vec<String> = self
            .stages
            .iter()
            .map(|s| match &s.stage {
                Some(stage) => format!("{} {stage}", s.plans),
                None => format!(
                    "{} {}",
                    s.plans,
                    lang.pick("utan status", "without a status")
                ),
            })
            .collect();
        format!(
            "{}: {}",
            lang.pick(
                "varje plan i skedet som dess status anger",
                "each plan at the stage its status names"
            ),
            counts.join(", ")
        )
    }
}

impl PackUsed {
    /// The pack for people: its name, its version (or, without one, its digest), where it was
    /// read from and its id.
    fn shown(&self, lang: Lang) -> String {
        let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let version = match &self.version {
            Some(v) => format!("version {v}"),
            None => format!(
                "{} {}",
                t("utan version, kontrollsumma", "no version, checksum"),
                self.digest
            ),
        };
        let from = match &self.path {
            Some(path) if !self.builtin => path.as_str(),
            _ => t("inbyggt i planlint", "built into planlint"),
        };
        format!("{} · {version} · {from} · id {}", self.name, self.id)
    }
}

/// `2027-03-14T09:30:00+01:00` as people read it: `2027-03-14 09:30 +01:00`. Anything else is
/// shown as it is.
fn shown_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16), rfc3339.get(19..)) {
        (Some(date), Some(time), Some(offset)) if rfc3339.get(10..11) == Some("T") => {
            format!("{date} {time} {offset}")
        }
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_time;

    #[test]
    fn a_time_reads_as_a_person_writes_it() {
        assert_eq!(
            shown_time("2027-03-14T09:30:05+01:00"),
            "2027-03-14 09:30 +01:00"
        );
        assert_eq!(shown_time("igår"), "igår");
    }
}
