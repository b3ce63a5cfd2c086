//! Any bytes as a Word or OpenDocument plan: the first byte's low bit chooses the name the rest
//! is checked under (0: `plan.docx`, 1: `plan.odt`), so one corpus reaches both readers and the
//! rest of each seed is a real file. Checked with the built-in pack on the binary's plan stack
//! (rayon's worker threads, 2 MiB) and rendered in every format, like `check`. Besides "no
//! panic" it asserts the span invariants every renderer relies on, over the text the reader
//! made, and that every finding says something.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "plan.rs"]
mod plan;

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let name = if which & 1 == 0 {
        "plan.docx"
    } else {
        "plan.odt"
    };
    plan::on_plan_stack(name, file.to_vec());
});
