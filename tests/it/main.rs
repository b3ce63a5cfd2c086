//! planlint's integration tests: one binary, one module per topic.

mod cli;
mod coverage;
mod examples;
mod packs;
mod snapshots;
mod support;
