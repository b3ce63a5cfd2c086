//! Any bytes as a plan: checked with the built-in pack and rendered in every format.
//! Besides "no panic", it asserts the span invariants every renderer relies on and that every
//! finding says something (see `plan.rs`). The plan is
//! checked on a thread with the stack a plan gets in the binary (rayon's worker threads, 2 MiB),
//! so a recursion that overflows there overflows here too.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "plan.rs"]
mod plan;

fuzz_target!(|data: &[u8]| plan::on_plan_stack("plan.md", data.to_vec()));
