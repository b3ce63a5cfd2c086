//! What a report judged, gathered for its header ([`Provenance`]): the time (the clock, or
//! `SOURCE_DATE_EPOCH`), the commit of the plans from `git`, the packs with their versions and
//! digests, and the config. Gathering it is the commands layer's job, as reading the clock and
//! spawning a process are: render only shows what this found.
//!
//! `git` is asked, never trusted: missing, failing or saying something that is not a commit
//! hash, it leaves the report saying "ingen git-version", never failing it. It runs in the
//! config file's directory (else the current one) with nothing on its standard input, and
//! cannot be made by the repository's own config to run an fsmonitor program or to take a lock.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

use jiff::tz::TimeZone;

use crate::error::Error;
use crate::i18n::t;
use crate::render::matrix::{PackUsed, Provenance, StageCount};
use crate::source::shown_path;
use crate::verdict::Verdict;

/// What the report in `verdict`'s run judges: now (or `SOURCE_DATE_EPOCH`), the commit of the
/// config's directory, the packs, the config and `--stage`; how many plans are at each stage is
/// counted once the plans are read ([`stage_counts`]).
pub(super) fn gather(verdict: &Verdict<'_>) -> Result<Provenance, Error> {
    let settings = verdict.settings();
    let rules = verdict.rules();
    let packs = rules
        .packs
        .iter()
        .zip(&rules.pack_paths)
        .zip(&rules.pack_files)
        .map(|((pack, path), file)| PackUsed {
            id: pack.header.id.clone(),
            name: pack.header.name.clone(),
            version: pack.header.version.as_ref().map(|v| v.get_ref().clone()),
            digest: file.digest().to_owned(),
            path: (!file.builtin).then(|| path.clone()),
            builtin: file.builtin,
        })
        .collect();
    let made_at = made_at(std::env::var_os("SOURCE_DATE_EPOCH"))?;
    let (commit, dirty) = git(&settings.root);
    Ok(Provenance {
        made_at,
        commit,
        dirty,
        packs,
        config: settings.config.as_ref().map(|c| shown_path(&c.path)),
        stage: settings
            .stage
            .value
            .map(|s| settings.stages.0[s].name.clone()),
        stages: Vec::new(),
    })
}

/// When the report is made, RFC 3339 with the offset: now in the local time zone, or, when
/// `epoch` (`SOURCE_DATE_EPOCH`, seconds since 1970) is given and not empty, that moment, in
/// UTC unless `TZ` names a zone, so that the same input gives the same report anywhere.
fn made_at(epoch: Option<OsString>) -> Result<String, Error> {
    let system = || TimeZone::try_system().unwrap_or(TimeZone::UTC);
    let (at, zone) = match epoch.filter(|e| !e.is_empty()) {
        None => (jiff::Timestamp::now(), system()),
        Some(epoch) => {
            let at = epoch
                .to_str()
                .filter(|e| e.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|e| e.parse::<i64>().ok())
                .and_then(|e| jiff::Timestamp::from_second(e).ok())
                .ok_or_else(|| bad_epoch(&epoch))?;
            let zone = if std::env::var_os("TZ").is_some() {
                system()
            } else {
                TimeZone::UTC
            };
            (at, zone)
        }
    };
    Ok(at
        .to_zoned_datetime(zone)
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string())
}

/// `SOURCE_DATE_EPOCH` holds something other than whole seconds since 1970.
fn bad_epoch(epoch: &OsString) -> Error {
    let shown = epoch.to_string_lossy();
    Error::Environment {
        message: t(
            format!("`SOURCE_DATE_EPOCH` är `{shown}`, inte ett antal sekunder sedan 1970-01-01"),
            format!("`SOURCE_DATE_EPOCH` is `{shown}`, not a number of seconds since 1970-01-01"),
        ),
        help: t(
            "ange tiden rapporten ska bära som hela sekunder sedan 1970-01-01 UTC, t.ex. `SOURCE_DATE_EPOCH=1805013000`, eller ta bort variabeln för att använda klockan",
            "give the time the report is to bear as whole seconds since 1970-01-01 UTC, e.g. `SOURCE_DATE_EPOCH=1805013000`, or unset it to use the clock",
        ),
    }
}

/// The commit `dir` is at and whether its work tree has changes not committed (new files
/// too): `(None, None)` when `dir` is not in git or `git` cannot be run; no commit when the
/// repository has none yet, or `git` says something that is not a hash.
fn git(dir: &Path) -> (Option<String>, Option<bool>) {
    let Some(status) = run_git(dir, &["status", "--porcelain"]) else {
        return (None, None);
    };
    let commit = run_git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]).and_then(|out| {
        let hash = String::from_utf8(out).ok()?;
        let hash = hash.trim();
        let is_hash = matches!(hash.len(), 40 | 64) && hash.bytes().all(|b| b.is_ascii_hexdigit());
        is_hash.then(|| hash.to_ascii_lowercase())
    });
    (commit, Some(!status.is_empty()))
}

/// What `git ARGS` prints in `dir`, if it runs and succeeds.
fn run_git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        // A repository's own config could name a program for `status` to run; none runs, and
        // no index lock is taken (another git command may be running there).
        .args(["-c", "core.fsmonitor=false", "--no-optional-locks"])
        .args(args)
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// How many of the report's plans were judged at each stage, in the settings' stage order
/// (plans without a status last), for the report's header when `--stage` was not given.
pub(super) fn stage_counts(
    verdict: &Verdict<'_>,
    m: &crate::render::matrix::Matrix,
) -> std::io::Result<Vec<StageCount>> {
    let order: Vec<&str> = verdict.settings().stages.names().collect();
    let mut counts: Vec<StageCount> = Vec::new();
    for row in m.rows.heads() {
        let row = row?;
        match counts
            .iter_mut()
            .find(|c| c.stage.as_deref() == row.stage.as_deref())
        {
            Some(c) => c.plans += 1,
            None => counts.push(StageCount {
                stage: row.stage.as_deref().map(str::to_owned),
                plans: 1,
            }),
        }
    }
    let rank = |s: &Option<String>| {
        s.as_deref().map_or(usize::MAX, |s| {
            order.iter().position(|o| *o == s).unwrap_or(usize::MAX - 1)
        })
    };
    counts.sort_by_key(|c| rank(&c.stage));
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::made_at;

    #[test]
    fn source_date_epoch_fixes_the_time_and_a_bad_one_is_an_error() {
        // TZ is not set in `cargo test`'s environment unless the user set it; then the zone is
        // theirs, and only the date is sure.
        let at = made_at(Some("1805013000".into())).expect("valid");
        if std::env::var_os("TZ").is_none() {
            assert_eq!(at, "2027-03-14T08:30:00+00:00");
        }
        assert!(at.starts_with("2027-03-1"), "{at}");
        for bad in ["soon", "-5", "1.5", "99999999999999999999"] {
            assert!(made_at(Some(bad.into())).is_err(), "{bad}");
        }
        assert!(made_at(Some("".into())).is_ok(), "empty is unset");
    }
}
