use proptest::prelude::*;

use super::{Head, Rows, Spool};
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::render::matrix::{department_key, sort_key, year_order, Cell, Finding, Row};

/// A plan as the tests make it: department, nämnd, year, stage, and per column whether it is
/// met, and whether it has a finding of its own or could not be judged.
type Plan = (
    usize,
    Option<usize>,
    Option<u16>,
    bool,
    Vec<bool>,
    bool,
    bool,
);

/// Departments that sort apart but two of which read the same (`Bygg` and `bygg `), and one
/// with a letter that sorts after z.
const DEPARTMENTS: [&str; 5] = ["Bygg", "bygg ", "Äldreomsorg", "Skola", "Kultur"];
const BOARDS: [&str; 2] = ["Socialnämnden", "Överförmyndarnämnden"];

fn row(i: usize, plan: &Plan) -> Row {
    let (department, board, year, staged, met, finding, unjudged) = plan;
    let cells: Vec<Cell> = met
        .iter()
        .map(|&m| {
            if *unjudged {
                Cell::NotJudged {
                    reason: "binär".into(),
                }
            } else if m {
                Cell::Covered
            } else {
                Cell::Missing {
                    severity: Severity::Error,
                    message: format!("saknas i plan {i}"),
                    line: 1,
                    count: 1,
                }
            }
        })
        .collect();
    let missing = cells
        .iter()
        .filter(|c| matches!(c, Cell::Missing { .. }))
        .count();
    Row {
        // The path order is not the arrival order, and paths repeat across departments.
        path: format!("planer/{}/plan.md", (i * 7) % 5),
        department: DEPARTMENTS[*department].to_owned(),
        cells,
        missing,
        blocking: missing,
        advisory: 0,
        not_judged: unjudged.then(|| "binär".to_owned()),
        findings: if *finding {
            vec![Finding {
                code: "IP005".into(),
                severity: Severity::Warning,
                line: 3,
                message: "`TODO` kvar".into(),
                waiver: None,
            }]
        } else {
            Vec::new()
        },
        by_paragraph: false,
        board: board.map(|b| BOARDS[b].to_owned()),
        year: *year,
        year_from: None,
        status: None,
        stage: staged.then(|| "för beslut".to_owned()),
        roster: i
            .is_multiple_of(3)
            .then(|| format!("{} (förteckningen)", DEPARTMENTS[*department])),
    }
}

fn rows(plans: &[Plan], run: usize) -> Rows {
    let mut spool = Spool::with_run(Lang::Sv, run);
    for (i, plan) in plans.iter().enumerate() {
        spool.push(&row(i, plan)).unwrap();
    }
    spool.finish().unwrap()
}

/// What a test reads of a head and its row: the path, the department, whether clean, whether
/// it shares its department, the met cells, the row, and the rest of the head (nämnd, year,
/// stage, roster, not judged, blocking).
type Read = (String, String, bool, bool, Vec<bool>, String, String);

fn read(rows: &Rows) -> Vec<Read> {
    rows.iter()
        .map(|r| {
            let (head, row): (Head, Row) = r.unwrap();
            let rest = format!(
                "{:?} {:?} {:?} {:?} {} {}",
                head.board, head.year, head.stage, head.roster, head.not_judged, head.blocking
            );
            // The head says of the row what the row says.
            assert_eq!(
                rest,
                format!(
                    "{:?} {:?} {:?} {:?} {} {}",
                    row.board.as_deref().map(std::sync::Arc::<str>::from),
                    row.year,
                    row.stage.as_deref().map(std::sync::Arc::<str>::from),
                    row.roster.as_deref().map(std::sync::Arc::<str>::from),
                    row.not_judged.is_some(),
                    row.blocking
                ),
                "{}",
                row.path
            );
            (
                head.path.clone(),
                head.department.to_string(),
                head.clean,
                rows.shares_department(&head),
                head.met.clone(),
                serde_json::to_string(&row).unwrap(),
                rest,
            )
        })
        .collect()
}

fn plans() -> impl Strategy<Value = Vec<Plan>> {
    let plan = (
        0..DEPARTMENTS.len(),
        proptest::option::of(0..BOARDS.len()),
        proptest::option::of(2025u16..2028),
        any::<bool>(),
        proptest::collection::vec(any::<bool>(), 0..11),
        any::<bool>(),
        proptest::bool::weighted(0.1),
    );
    proptest::collection::vec(plan, 0..40)
}

proptest! {
    /// Heads written away in sorted runs and merged come back in the order, with the
    /// contents, that holding them all gives; and both orders are the matrix's: year (newest
    /// first), nämnd (none last), department, path, then the order the plans came in.
    #[test]
    fn runs_written_away_give_the_order_and_heads_of_one_held_in_memory(
        plans in plans(),
        run in 1usize..6,
    ) {
        let held = rows(&plans, usize::MAX);
        let written = rows(&plans, run);
        prop_assert_eq!(held.len(), plans.len());
        prop_assert_eq!(written.len(), plans.len());
        let held_read = read(&held);
        prop_assert_eq!(&read(&written), &held_read);

        let mut expected: Vec<(usize, Row)> =
            plans.iter().enumerate().map(|(i, p)| (i, row(i, p))).collect();
        expected.sort_by(|(i, a), (j, b)| {
            year_order(a.year, b.year)
                .then_with(|| {
                    sort_key(a.board.as_deref(), &a.department, &a.path)
                        .cmp(&sort_key(b.board.as_deref(), &b.department, &b.path))
                })
                .then(i.cmp(j))
        });
        let expected_rows: Vec<String> =
            expected.iter().map(|(_, r)| serde_json::to_string(r).unwrap()).collect();
        let got_rows: Vec<String> = held_read.iter().map(|r| r.5.clone()).collect();
        prop_assert_eq!(got_rows, expected_rows);

        for ((_, r), got) in expected.iter().zip(&held_read) {
            let shares = expected
                .iter()
                .filter(|(_, o)| {
                    o.year == r.year && department_key(&o.department) == department_key(&r.department)
                })
                .count()
                > 1;
            prop_assert_eq!(got.3, shares, "shares_department of {}", r.department);
            let clean = r.findings.is_empty()
                && r.cells.iter().all(|c| matches!(c, Cell::Covered | Cell::Waived { .. }));
            prop_assert_eq!(got.2, clean);
        }
        prop_assert_eq!(
            held.any_estate(),
            plans.iter().any(|p| p.1.is_some() || p.3)
        );
    }
}

#[test]
fn a_run_of_one_head_per_plan_still_reads_every_row_once() {
    let plans: Vec<Plan> = (0..9)
        .map(|i| {
            (
                i % 5,
                None,
                Some(2026),
                false,
                vec![i % 2 == 0],
                false,
                false,
            )
        })
        .collect();
    let written = rows(&plans, 1);
    let arrivals: Vec<u32> = written.heads().map(|h| h.unwrap().arrival).collect();
    let mut sorted = arrivals.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..9).collect::<Vec<u32>>(), "every plan once");
    // Bygg and `bygg ` read the same in one year, and Skola and Äldreomsorg have two plans
    // each, so all of those are named with their paths; Kultur has one. Ä sorts after z.
    let shared: Vec<String> = written
        .heads()
        .map(Result::unwrap)
        .filter(|h| written.shares_department(h))
        .map(|h| h.department.to_string())
        .collect();
    assert_eq!(
        shared,
        [
            "Bygg",
            "Bygg",
            "bygg ",
            "bygg ",
            "Skola",
            "Skola",
            "Äldreomsorg",
            "Äldreomsorg"
        ]
    );
}

/// A runs file cut short (something outside planlint truncated it) is an error wherever the
/// cut falls, never a report with fewer plans: at the end of the first run (the second then
/// has nothing), and inside the last record.
#[test]
fn a_runs_file_cut_short_is_an_error_not_a_shorter_report() {
    let plans: Vec<Plan> = (0..6)
        .map(|i| (i % 5, None, Some(2026), false, vec![true], false, false))
        .collect();
    for cut in [|n: u64| n / 2, |n: u64| n - 1, |_| 0] {
        let written = rows(&plans, 3);
        let super::Heads::Written(runs) = &written.heads else {
            panic!("six plans in runs of three are written away");
        };
        runs.cut(cut);
        let read: Vec<_> = written.heads().collect();
        assert!(
            read.iter().any(Result::is_err),
            "{} heads and no error",
            read.len()
        );
        let message = read.into_iter().find_map(Result::err).unwrap().to_string();
        assert!(message.contains("ändrades"), "{message}");
    }
}
