//! Config waivers, granted by the board in `planlint.toml`: `[[waiver]]` with paths, codes,
//! reason, `decided` and `expires`.
//!
//! Each plan is judged on its own (in parallel); what it did to the waivers (named by their
//! paths, used, hit after expiry) comes back as a [`WaiverUse`] that the run records in its
//! [`Ledger`], in plan order. Once every plan is seen, the ledger says which waivers expired
//! (`PL013`) or waived nothing (`PL012`), pointing into the config file.

use std::path::Path;

use super::about_waiver;
use super::inline::unused;
use super::Verdict;
use crate::diagnostic::{codes, Diagnostic, Waived, WaiverOrigin};
use crate::source::FileId;
use crate::source::SourceFile;

const NAMED: u8 = 1;
const USED: u8 = 2;
const EXPIRED_HIT: u8 = 4;

/// What one plan did to each config waiver (empty when the config has none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WaiverUse(Vec<u8>);

/// What the plans of a run did to each config waiver.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ledger(Vec<u8>);

impl Ledger {
    /// No waiver named, used or hit yet.
    pub(crate) fn new(waivers: usize) -> Self {
        Ledger(vec![0; waivers])
    }

    /// Adds what one plan did.
    pub(crate) fn record(&mut self, plan: &WaiverUse) {
        for (all, one) in self.0.iter_mut().zip(&plan.0) {
            *all |= one;
        }
    }
}

/// Waives the findings of one plan that a config waiver covers; `relative` is the plan's path
/// relative to the config root (`None` without config waivers).
pub(super) fn apply(
    verdict: &Verdict<'_>,
    relative: Option<&Path>,
    found: &mut [Diagnostic],
) -> WaiverUse {
    let settings = verdict.settings;
    let (Some(relative), Some(_)) = (relative, &settings.config) else {
        return WaiverUse::default();
    };
    let mut flags: Vec<u8> = settings
        .waivers
        .iter()
        .map(|w| if w.paths.is_match(relative) { NAMED } else { 0 })
        .collect();
    for d in found.iter_mut().filter(|d| d.waiver.is_none()) {
        for (i, w) in settings.waivers.iter().enumerate() {
            if flags[i] & NAMED == 0 || !w.codes.contains(&d.code) {
                continue;
            }
            if w.expires
                .as_deref()
                .is_some_and(|e| e < verdict.today.as_str())
            {
                flags[i] |= EXPIRED_HIT;
                continue;
            }
            flags[i] |= USED;
            d.waiver = Some(Box::new(Waived {
                origin: WaiverOrigin::Config,
                reason: w.reason.clone(),
                source: w.source.clone(),
                decided: w.decided.clone(),
                expires: w.expires.clone(),
            }));
            break;
        }
    }
    WaiverUse(flags)
}

impl Verdict<'_> {
    /// Findings about the config waivers once every plan was seen (expired, unused), in the
    /// config file, which becomes file `file` of the run; `None` when there are none. Only a
    /// waiver whose paths match a checked plan and whose rule ran can be unused.
    pub(crate) fn judge_waivers(
        &self,
        ledger: &Ledger,
        file: FileId,
    ) -> Option<(SourceFile, Vec<Diagnostic>)> {
        let config = self.settings.config.as_ref()?;
        let lang = self.lang();
        let mut out = Vec::new();
        for (w, &flags) in self.settings.waivers.iter().zip(&ledger.0) {
            let expired = w
                .expires
                .as_deref()
                .is_some_and(|e| e < self.today.as_str());
            let ran = w.codes.iter().any(|c| self.code_runs(c));
            let relevant = ran && flags & NAMED != 0;
            let expired_hit = flags & EXPIRED_HIT != 0;
            // A waiver that expired, or that could have applied here and waived nothing.
            if !(expired_hit || (relevant && (expired || flags & USED == 0))) {
                continue;
            }
            if expired_hit || expired {
                let date = w.expires.clone().unwrap_or_default();
                out.push(about_waiver(
                    codes::EXPIRED,
                    file,
                    w.span.clone(),
                    format!("{} {date}", lang.pick("undantaget gällde till och med", "the waiver applied until")),
                    lang.pick("utgånget undantag", "expired waiver"),
                    lang.pick("åtgärda planen, eller förnya undantaget med ett nytt beslut och ett nytt `expires`", "fix the plan, or renew the waiver with a new decision and a new `expires`"),
                ));
            } else {
                out.push(unused(file, w.span.clone(), lang));
            }
        }
        if out.is_empty() {
            return None;
        }
        let source = SourceFile::from_path(&config.path, config.text.clone());
        Some((source, out))
    }
}
