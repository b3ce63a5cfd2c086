//! Pairing the plans of two folders and classifying what changed in each pair: the rules
//! `diff` judges by (see [`super`]). It compares what the verdict decided, never a finding
//! itself.

use std::collections::{HashMap, HashSet};

use super::{Change, Found, Kind, Pairing, Plan, PlanDiff};
use crate::diagnostic::Severity;
use crate::render::matrix::department_key;
use crate::verdict::Verdict;

/// `path` with every year (four digits from 1900 to 2099 standing alone) as `{år}`.
pub(super) fn without_years(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        out.push_str(if year { "{år}" } else { digits.as_str() });
        digits.clear();
    };
    for c in path.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// A plan's department as pairing compares it; `None` when it names none.
fn department_of(plan: &Plan) -> Option<String> {
    let key = department_key(plan.department.as_deref()?);
    (!key.is_empty()).then_some(key)
}

pub(super) type Pair = (Pairing, Option<Plan>, Option<Plan>);

/// Pairs the plans of two folders: by department where it is unique on both sides, then the
/// rest by path with years folded (in path order where several share one), then the plans
/// left over as added or removed.
pub(super) fn pair(old: Vec<Plan>, new: Vec<Plan>) -> Vec<Pair> {
    let counts = |plans: &[Plan]| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for k in plans.iter().filter_map(department_of) {
            *counts.entry(k).or_default() += 1;
        }
        counts
    };
    let (old_counts, new_counts) = (counts(&old), counts(&new));
    let unique = |k: &Option<String>| {
        k.as_ref()
            .is_some_and(|k| old_counts.get(k) == Some(&1) && new_counts.get(k) == Some(&1))
    };
    let mut by_department: HashMap<String, usize> = HashMap::new();
    // Each list in reverse path order, so `pop` takes the first.
    let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, plan) in new.iter().enumerate().rev() {
        let k = department_of(plan);
        if unique(&k) {
            by_department.extend(k.map(|k| (k, i)));
        } else {
            by_path.entry(plan.key.clone()).or_default().push(i);
        }
    }
    let mut new: Vec<Option<Plan>> = new.into_iter().map(Some).collect();
    let mut pairs = Vec::new();
    for plan in old {
        let k = department_of(&plan);
        let (pairing, at) = if unique(&k) {
            (
                Pairing::Department,
                k.and_then(|k| by_department.get(&k).copied()),
            )
        } else {
            (Pairing::Path, by_path.get_mut(&plan.key).and_then(Vec::pop))
        };
        match at.and_then(|i| new[i].take()) {
            Some(n) => pairs.push((pairing, Some(plan), Some(n))),
            None => pairs.push((Pairing::Removed, Some(plan), None)),
        }
    }
    pairs.extend(
        new.into_iter()
            .flatten()
            .map(|n| (Pairing::Added, None, Some(n))),
    );
    pairs
}

/// What changed from `old` to `new` (either may be missing).
pub(super) fn diff(
    pairing: Pairing,
    old: Option<&Plan>,
    new: Option<&Plan>,
    verdict: &Verdict<'_>,
) -> PlanDiff {
    let lang = verdict.lang();
    let department = [new, old]
        .into_iter()
        .flatten()
        .find_map(|p| p.department.clone())
        .or_else(|| new.or(old).map(|p| p.path.clone()))
        .unwrap_or_default();
    let mut diff = PlanDiff {
        department,
        old_path: old.map(|p| p.path.clone()),
        new_path: new.map(|p| p.path.clone()),
        pairing,
        areas_old: old.map(|p| p.covered.len()),
        areas_new: new.map(|p| p.covered.len()),
        blocking_old: old.map(Plan::blocking),
        blocking_new: new.map(Plan::blocking),
        fixed: Vec::new(),
        new: Vec::new(),
        regressed: Vec::new(),
    };
    match (old, new) {
        (Some(o), Some(n)) => changes(o, n, verdict, &mut diff),
        (None, Some(n)) => diff.new = n.live.iter().map(|f| finding(f, n)).collect(),
        (Some(_), None) => diff.regressed.push(Change {
            kind: Kind::Plan,
            code: None,
            severity: Severity::Error,
            message: lang
                .pick("planen finns inte längre", "the plan no longer exists")
                .to_owned(),
            line: None,
            area: None,
            by_paragraph: false,
        }),
        (None, None) => {}
    }
    diff
}

/// The changes between two paired plans, into `diff`. An area change stands for the findings
/// of its rule that came or went with it, so neither is said twice.
fn changes(old: &Plan, new: &Plan, verdict: &Verdict<'_>, diff: &mut PlanDiff) {
    let lang = verdict.lang();
    let rules = &verdict.rules().rules;
    let area = |i: usize, sv: &str, en: &str| {
        let title = rules[i].title(lang);
        Change {
            kind: Kind::Area,
            code: Some(rules[i].code().to_owned()),
            severity: verdict.severity(i),
            message: format!("{title} {}", lang.pick(sv, en)),
            line: None,
            area: Some(title.to_owned()),
            by_paragraph: false,
        }
    };
    let lost: Vec<usize> = old
        .covered
        .iter()
        .copied()
        .filter(|i| !new.covered.contains(i))
        .collect();
    let gained: Vec<usize> = new
        .covered
        .iter()
        .copied()
        .filter(|i| !old.covered.contains(i))
        .collect();
    let codes_of =
        |areas: &[usize]| -> Vec<&str> { areas.iter().map(|&i| rules[i].code()).collect() };
    let (lost_codes, gained_codes) = (codes_of(&lost), codes_of(&gained));
    // A lost area is shown where its rule's finding in the later plan points.
    diff.regressed = lost
        .iter()
        .map(|&i| {
            let at = new.live.iter().find(|f| f.code == rules[i].code());
            Change {
                line: at.map(|f| f.line),
                by_paragraph: new.by_paragraph,
                ..area(i, "täcks inte längre", "is no longer covered")
            }
        })
        .collect();
    diff.fixed = gained
        .iter()
        .map(|&i| area(i, "täcks nu", "is now covered"))
        .collect();
    // What a plan that could not be read no longer shows is not fixed; what a plan that could
    // not be read did not show did not regress.
    if new.judged {
        diff.fixed.extend(
            minus(&old.live, &new.live)
                .into_iter()
                .filter(|f| !gained_codes.contains(&f.code.as_str()))
                .map(|f| finding(f, old)),
        );
    }
    let had: HashSet<&str> = old.live.iter().map(|f| f.code.as_str()).collect();
    for f in minus(&new.live, &old.live) {
        if lost_codes.contains(&f.code.as_str()) {
            continue;
        }
        if f.severity == Severity::Error && old.judged && !had.contains(f.code.as_str()) {
            diff.regressed.push(finding(f, new));
        } else {
            diff.new.push(finding(f, new));
        }
    }
}

/// The findings of `a` that `b` does not have, compared by code and message as a multiset
/// (lines aside), in `a`'s order.
fn minus<'a>(a: &'a [Found], b: &[Found]) -> Vec<&'a Found> {
    let mut left: HashMap<(&str, &str), usize> = HashMap::new();
    for f in b {
        *left.entry((&f.code, &f.message)).or_default() += 1;
    }
    a.iter()
        .filter(
            |f| match left.get_mut(&(f.code.as_str(), f.message.as_str())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .collect()
}

/// `f`, a finding of `plan`, as a change.
fn finding(f: &Found, plan: &Plan) -> Change {
    Change {
        kind: Kind::Finding,
        code: Some(f.code.clone()),
        severity: f.severity,
        message: f.message.clone(),
        line: Some(f.line),
        area: None,
        by_paragraph: plan.by_paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::without_years;

    #[test]
    fn years_are_folded_and_other_numbers_kept() {
        assert_eq!(without_years("2026/soc.md"), "{år}/soc.md");
        assert_eq!(without_years("vp-1999-kultur-2.md"), "vp-{år}-kultur-2.md");
        assert_eq!(without_years("20261/2100/1850.md"), "20261/2100/1850.md");
    }
}
