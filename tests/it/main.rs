//! planlint's integration tests: one binary, one module per topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
// Tests parse documents directly to look at the model; the one-analysis rule is the library's.
#![allow(clippy::disallowed_methods)]
// Helper modules of one test binary: `pub` is for the sibling modules, not an API.
#![allow(unreachable_pub)]

mod advisory;
mod blind;
mod cli;
mod commands;
mod config;
mod coverage;
mod diff;
mod escaping;
mod estate;
mod estate_hostile;
mod examples;
mod fix;
mod formats;
mod hostile;
mod install;
mod integrations;
mod layers;
mod lsp;
mod messages;
mod messy;
mod numbers;
mod pack_errors;
mod packs;
mod properties;
mod provenance;
mod schemas;
mod report;
mod review;
mod snapshots;
mod tables;
mod trust;
mod visible;
mod word_hostile;
mod support;
mod waivers;
mod word;
mod word_cli;
mod writes;
