//! Waivers: how a department legitimately opts out of a rule, with a reason on record.
//!
//! * Inline, in a plan: `<!-- planlint-disable IP002 -- motivering -->` for the whole file, and
//!   `<!-- planlint-disable-next-line IP006 -- motivering -->` for the next non-blank line.
//!   A waiver without a reason (`PL010`) or naming an unknown code (`PL011`) is an error and
//!   waives nothing.
//! * In `planlint.toml`: `[[waiver]]` with paths, codes, reason, `decided` and `expires`. After
//!   its expiry date a waiver no longer applies and a warning says so (`PL013`).
//! * A waiver that waived nothing is reported (`PL012`), so waivers do not rot.
//!
//! Waived findings are kept, marked with their waiver, and do not fail the run.

use std::ops::Range;
use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, FileId, Label, Severity, Waived};
use crate::document::Document;
use crate::engine::RuleSet;
use crate::i18n::Lang;
use crate::source::{SourceDb, SourceFile};

/// planlint's own codes for waivers.
pub mod codes {
    /// A waiver without a reason.
    pub const NO_REASON: &str = "PL010";
    /// A waiver naming no code or an unknown one.
    pub const BAD_CODE: &str = "PL011";
    /// A waiver that waived nothing.
    pub const UNUSED: &str = "PL012";
    /// A config waiver past its expiry date.
    pub const EXPIRED: &str = "PL013";
}

/// An inline waiver found in a plan.
#[derive(Debug, Clone)]
struct Inline {
    codes: Vec<String>,
    reason: String,
    span: Range<usize>,
    /// `Some(line index)` for a next-line waiver.
    line: Option<usize>,
    used: bool,
}

/// A finding of planlint's own about a waiver.
fn own(
    code: &str,
    severity: Severity,
    file: FileId,
    span: Range<usize>,
    message: String,
    label: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic {
        code: code.to_owned(),
        name: "undantag".to_owned(),
        severity,
        message,
        file,
        primary: Label::new(span, label),
        secondary: Vec::new(),
        help: Some(help.to_owned()),
        notes: Vec::new(),
        waiver: None,
    }
}

/// Applies the inline waivers of one plan to its findings and returns findings about the
/// waivers themselves (missing reasons, unknown codes, unused waivers).
pub fn apply_inline(
    doc: &Document,
    source: &SourceFile,
    rules: &RuleSet,
    lang: Lang,
    found: &mut [Diagnostic],
) -> Vec<Diagnostic> {
    let mut own_findings = Vec::new();
    let mut waivers = Vec::new();
    for comment in &doc.comments {
        let (line_level, rest) =
            if let Some(r) = comment.body.strip_prefix("planlint-disable-next-line") {
                (true, r)
            } else if let Some(r) = comment.body.strip_prefix("planlint-disable") {
                (false, r)
            } else {
                continue;
            };
        let (codes_part, reason) = match rest.split_once("--") {
            Some((c, r)) => (c, r.trim()),
            None => (rest, ""),
        };
        let span = comment.span.clone();
        let codes: Vec<&str> = codes_part
            .split([',', ' ', '\t', '\n', '\r'])
            .filter(|c| !c.is_empty())
            .collect();
        let unknown: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|c| rules.find(c).is_none())
            .collect();
        if codes.is_empty() || !unknown.is_empty() {
            let what = if codes.is_empty() {
                String::new()
            } else {
                format!(" `{}`", unknown.join("`, `"))
            };
            own_findings.push(own(
                codes::BAD_CODE,
                Severity::Error,
                0,
                span,
                format!("{}{what}", lang.pick("undantaget anger ingen känd regelkod", "the waiver names no known rule code")),
                lang.pick("här", "here"),
                lang.pick("skriv koden för regeln som inte ska gälla, t.ex. `<!-- planlint-disable IP002 -- motivering -->`; `planlint rules` listar koderna", "name the rule that is not to apply, e.g. `<!-- planlint-disable IP002 -- reason -->`; `planlint rules` lists the codes"),
            ));
            continue;
        }
        if reason.is_empty() {
            own_findings.push(own(
                codes::NO_REASON,
                Severity::Error,
                0,
                span,
                lang.pick("undantaget saknar motivering", "the waiver has no reason").to_owned(),
                lang.pick("motivering saknas efter `--`", "no reason after `--`"),
                lang.pick("skriv varför regeln inte ska gälla efter `--`, t.ex. `<!-- planlint-disable IP002 -- nämnden har inget bostadsuppdrag -->`; undantaget är en del av beslutsunderlaget", "say after `--` why the rule does not apply, e.g. `<!-- planlint-disable IP002 -- the board has no housing remit -->`; the waiver is part of the record"),
            ));
            continue;
        }
        let codes = codes
            .iter()
            .filter_map(|c| rules.find(c))
            .map(|r| r.code().to_owned())
            .collect();
        let line = line_level.then(|| next_line(source, comment.span.end));
        waivers.push(Inline {
            codes,
            reason: reason.to_owned(),
            span,
            line,
            used: false,
        });
    }
    for d in found.iter_mut().filter(|d| d.waiver.is_none()) {
        let line = source.line_index(d.primary.span.start);
        if let Some(w) = waivers
            .iter_mut()
            .find(|w| w.codes.contains(&d.code) && w.line.is_none_or(|l| l == line))
        {
            w.used = true;
            let at = source.line_col(w.span.start).0;
            d.waiver = Some(Waived {
                reason: w.reason.clone(),
                source: format!("{}:{at}", source.path),
                decided: None,
                expires: None,
            });
        }
    }
    for w in waivers.iter().filter(|w| !w.used) {
        let ran = w
            .codes
            .iter()
            .any(|c| rules.find(c).is_some_and(|r| r.enabled));
        if ran {
            own_findings.push(unused(0, w.span.clone(), lang));
        }
    }
    own_findings
}

fn unused(file: FileId, span: Range<usize>, lang: Lang) -> Diagnostic {
    own(
        codes::UNUSED,
        Severity::Warning,
        file,
        span,
        lang.pick("undantaget undantar ingenting", "the waiver waives nothing")
            .to_owned(),
        lang.pick(
            "ingen anmärkning av de angivna koderna finns här",
            "there is no finding of these codes here",
        ),
        lang.pick(
            "ta bort undantaget; planen uppfyller redan regeln",
            "remove the waiver; the plan already meets the rule",
        ),
    )
}

/// Index of the first non-blank line after byte `end` (lines as the file counts them, so a
/// lone CR ends a line here too).
fn next_line(source: &SourceFile, end: usize) -> usize {
    let mut line = source.line_index(end) + 1;
    while let Some(range) = source.line_range_of(line) {
        if !source.text[range].trim().is_empty() {
            break;
        }
        line += 1;
    }
    line
}

/// Today's date as `YYYY-MM-DD` (UTC), for waiver expiry.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The config file's waivers over a run: applied to the findings of each chunk of plans as it
/// is checked, then judged (expired, unused) once every plan has been seen.
pub struct ConfigWaivers {
    used: Vec<bool>,
    expired_hit: Vec<bool>,
    /// Whether a checked plan matched the waiver's paths.
    named: Vec<bool>,
}

impl ConfigWaivers {
    /// No waiver used yet.
    pub fn new(settings: &Settings) -> Self {
        ConfigWaivers {
            used: vec![false; settings.waivers.len()],
            expired_hit: vec![false; settings.waivers.len()],
            named: vec![false; settings.waivers.len()],
        }
    }

    /// Notes that `plan` was checked: a waiver whose paths match it may be judged unused.
    pub fn saw(&mut self, settings: &Settings, plan: &Path) {
        if settings.config.is_none() {
            return;
        }
        let rel = settings.relative(plan);
        for (named, w) in self.named.iter_mut().zip(&settings.waivers) {
            *named = *named || w.paths.is_match(&rel);
        }
    }

    /// Waives the findings in `found` that a waiver covers.
    pub fn apply(
        &mut self,
        settings: &Settings,
        sources: &SourceDb,
        found: &mut [Diagnostic],
        today: &str,
    ) {
        if settings.config.is_none() {
            return;
        }
        for d in found.iter_mut().filter(|d| d.waiver.is_none()) {
            let rel = settings.relative(Path::new(&sources.get(d.file).path));
            for (i, w) in settings.waivers.iter().enumerate() {
                if !w.codes.contains(&d.code) || !w.paths.is_match(&rel) {
                    continue;
                }
                if w.expires.as_deref().is_some_and(|e| e < today) {
                    self.expired_hit[i] = true;
                    continue;
                }
                self.used[i] = true;
                d.waiver = Some(Waived {
                    reason: w.reason.clone(),
                    source: w.source.clone(),
                    decided: w.decided.clone(),
                    expires: w.expires.clone(),
                });
                break;
            }
        }
    }

    /// Findings about the waivers themselves (expired, unused), pointing into the config file,
    /// which is added to `sources` if needed. Only waivers whose paths match a checked plan can
    /// be unused.
    pub fn finish(
        self,
        settings: &Settings,
        rules: &RuleSet,
        sources: &mut SourceDb,
        today: &str,
        lang: Lang,
    ) -> Vec<Diagnostic> {
        let Some(config) = &settings.config else {
            return Vec::new();
        };
        let ConfigWaivers {
            used,
            expired_hit,
            named,
        } = self;
        let mut out = Vec::new();
        let mut file = None;
        for (i, w) in settings.waivers.iter().enumerate() {
            let expired = w.expires.as_deref().is_some_and(|e| e < today);
            // Only a waiver whose rule ran on a plan it names can be judged unused.
            let ran = w
                .codes
                .iter()
                .any(|c| rules.find(c).is_some_and(|r| r.enabled));
            let relevant = ran && named[i];
            // Report a waiver that expired, or that could have applied here and waived nothing.
            let stale = expired_hit[i] || (relevant && (expired || !used[i]));
            if !stale {
                continue;
            }
            let id = *file.get_or_insert_with(|| {
                sources.add(SourceFile::new(
                    config.path.display().to_string(),
                    config.text.clone(),
                ))
            });
            if expired_hit[i] || expired {
                let date = w.expires.clone().unwrap_or_default();
                out.push(own(
                    codes::EXPIRED,
                    Severity::Warning,
                    id,
                    w.span.clone(),
                    format!("{} {date}", lang.pick("undantaget gällde till och med", "the waiver applied until")),
                    lang.pick("utgånget undantag", "expired waiver"),
                    lang.pick("åtgärda planen, eller förnya undantaget med ett nytt beslut och ett nytt `expires`", "fix the plan, or renew the waiver with a new decision and a new `expires`"),
                ));
            } else {
                out.push(unused(id, w.span.clone(), lang));
            }
        }
        out
    }
}
