//! `check --statistics`: how many live findings of each code the run has, most first, instead
//! of the findings themselves, as ruff's `--statistics` does; in the human form a table and
//! the summary line, in JSON one object per code. Keeps a count per code, never a finding.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::run::{Checked, Sink, Totals};
use crate::verdict::Verdict;

/// One code's count, its name and the most severe level its findings had.
#[derive(Debug, serde::Serialize)]
struct Row {
    code: String,
    name: String,
    severity: &'static str,
    count: usize,
}

/// The sink: counts per code, written at the end.
pub struct Statistics<'a> {
    verdict: &'a Verdict<'a>,
    json: bool,
    counts: BTreeMap<String, (usize, Severity, String)>,
    out: &'a mut dyn Write,
}

impl<'a> Statistics<'a> {
    /// Counts for `verdict`'s run, written to `out` as a table or (`json`) as JSON.
    pub fn new(verdict: &'a Verdict<'a>, json: bool, out: &'a mut dyn Write) -> Self {
        Statistics {
            verdict,
            json,
            counts: BTreeMap::new(),
            out,
        }
    }

    fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .counts
            .iter()
            .map(|(code, (count, severity, name))| Row {
                code: code.clone(),
                name: name.clone(),
                severity: severity.as_str(),
                count: *count,
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        rows
    }
}

/// A severity as a planner reads it.
fn level(severity: &str, lang: Lang) -> &'static str {
    match severity {
        "error" => lang.pick("fel", "error"),
        "warning" => lang.pick("varning", "warning"),
        _ => "info",
    }
}

impl Sink for Statistics<'_> {
    fn file(&mut self, file: Checked) -> io::Result<()> {
        for d in file.live() {
            let name = d.name.clone();
            let entry = self
                .counts
                .entry(d.code.clone())
                .or_insert((0, d.severity, name));
            entry.0 += 1;
            entry.1 = entry.1.max(d.severity);
        }
        Ok(())
    }

    fn end(&mut self, totals: &Totals) -> io::Result<()> {
        let rows = self.rows();
        let lang = self.verdict.lang();
        if self.json {
            let total: usize = rows.iter().map(|r| r.count).sum();
            let value = serde_json::json!({ "statistics": rows, "total": total });
            serde_json::to_writer_pretty(&mut *self.out, &value).map_err(io::Error::from)?;
            return writeln!(self.out);
        }
        for r in &rows {
            writeln!(
                self.out,
                "{:>6}  {:<6} {:<8} {}",
                r.count,
                r.code,
                level(r.severity, lang),
                r.name
            )?;
        }
        if !rows.is_empty() {
            writeln!(self.out)?;
        }
        writeln!(self.out, "{}", super::human::summary_line(totals, lang))
    }
}
