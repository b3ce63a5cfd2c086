//! The run's budget of plan bytes being checked at once, so that the memory a run needs does
//! not grow with the number of threads.
//!
//! Checking a plan takes memory in proportion to its size (the parser's tree, the document's
//! sections, blocks and words, the findings: see the README's Reliability section), and plans
//! are checked in parallel. A large plan takes its size from the budget before it is read and
//! gives it back when its document is gone; it waits while others hold so much that its size
//! would not fit, and one larger than the whole budget waits until it is the only one. Two
//! plans of 10 MB, or of 60 MB, are then never parsed at once, however many threads there are.
//! A plan smaller than [`LARGE`] never waits (nor locks): the budget is for the rare large
//! plan, and ordinary runs of small plans go as fast as before.
//!
//! Knows nothing of plans but their sizes; reading and checking them is `plan`'s business.

use std::sync::{Condvar, Mutex, PoisonError};

/// The smallest plan that takes its size from the budget: a thousand times a typical plan.
pub(crate) const LARGE: u64 = 1 << 20;

/// Bytes of large plans checked at once. A plan larger than this goes ahead alone, so a run
/// never needs more than checking its largest plan (or 16 MB of large plans) takes, plus what
/// the threads' small plans take.
pub(crate) const RUN_BUDGET: u64 = 16_000_000;

/// A run's budget: how many bytes of large plans are being checked now.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: u64,
    in_use: Mutex<u64>,
    freed: Condvar,
}

/// A plan's share of the budget, given back when it is dropped.
#[derive(Debug)]
pub(crate) struct Permit<'b> {
    budget: Option<&'b Budget>,
    bytes: u64,
}

impl Budget {
    /// A budget of `limit` bytes.
    pub(crate) fn new(limit: u64) -> Budget {
        Budget {
            limit,
            in_use: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// The share of a plan of `len` bytes: at once for a small plan; for a large one when the
    /// plans being checked leave room for it (or none is being checked: one plan always goes
    /// ahead, and none takes more than the whole budget).
    pub(crate) fn acquire(&self, len: u64) -> Permit<'_> {
        if len < LARGE {
            return Permit {
                budget: None,
                bytes: 0,
            };
        }
        let bytes = len.min(self.limit);
        let mut in_use = self.in_use.lock().unwrap_or_else(PoisonError::into_inner);
        while *in_use > 0 && *in_use + bytes > self.limit {
            in_use = self
                .freed
                .wait(in_use)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *in_use += bytes;
        Permit {
            budget: Some(self),
            bytes,
        }
    }

    /// Bytes held now.
    #[cfg(test)]
    fn in_use(&self) -> u64 {
        *self.in_use.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Some(budget) = self.budget {
            let mut in_use = budget.in_use.lock().unwrap_or_else(PoisonError::into_inner);
            *in_use -= self.bytes;
            budget.freed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    use super::{Budget, LARGE};

    #[test]
    fn small_plans_take_nothing_and_a_plan_over_the_budget_goes_alone() {
        let budget = Budget::new(10 * LARGE);
        let small = budget.acquire(LARGE - 1);
        assert_eq!(budget.in_use(), 0);
        let huge = budget.acquire(100 * LARGE);
        assert_eq!(budget.in_use(), 10 * LARGE);
        drop((small, huge));
        assert_eq!(budget.in_use(), 0);
    }

    #[test]
    fn large_plans_wait_until_they_fit() {
        // Eight threads, each checking plans of 6 units against a budget of 10: never two
        // at once.
        let budget = Arc::new(Budget::new(10 * LARGE));
        let (now, most) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (budget, now, most) = (budget.clone(), now.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let _permit = budget.acquire(6 * LARGE);
                        let at = now.fetch_add(6 * LARGE, Ordering::SeqCst) + 6 * LARGE;
                        most.fetch_max(at, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(6 * LARGE, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("a thread of the test");
        }
        assert_eq!(most.load(Ordering::SeqCst), 6 * LARGE);
        assert_eq!(budget.in_use(), 0);
    }
}
