//! Swedish-aware text matching: folding, tokenising, stemming and term patterns.
//!
//! Everything that decides whether two pieces of Swedish text "say the same word" lives here,
//! so headings, mentions, placeholders and front-matter keys are all compared the same way:
//!
//! * **folding**: lowercase, Unicode NFD with combining marks removed, so `Bostäder`,
//!   `BOSTÄDER`, `Bostader` and the NFD spelling of `Bostäder` are one word (`bostader`);
//! * **stemming**: Snowball Swedish on the folded word, so inflections meet (`arbete`, `arbetet`);
//! * **patterns**: a term is one or more word patterns; `*` marks where a compound may continue.
//!
//! One file per job, in the order a word meets them: [`fold`](mod@fold) (case, diacritics,
//! invisible characters), [`tokenize`] (where words begin and end), [`memo`] (each distinct
//! word once per thread and table), [`classify`] (which patterns a distinct word matches),
//! [`lexicon`] (a document's words), [`inflect`] (stems, endings, compound heads),
//! [`pattern`] (the syntax of one word of a term), [`term`] (a term: patterns in a row),
//! [`bits`] (which patterns a word matches), [`index`] (which patterns a new word can match),
//! [`table`] (a rule set's patterns by id), [`terms`] (compiled term sets and where they
//! match) and [`numbers`] (digits, years and Swedish number words).
//!
//! The pattern table belongs to the compiled rule set, never to the process: the rule set
//! collects it while its packs are compiled ([`PatternsBuilder`]), and a plan is parsed for
//! one rule set, its words classified against that rule set's [`Patterns`]. Terms and words
//! both carry their table's number, so a term meeting words classified for another table
//! compares them directly instead of reading bits that mean other patterns.
//!
//! This module never sees Markdown; it works on words that already carry their byte spans.

mod bits;
mod classify;
mod fold;
mod index;
mod inflect;
mod lexicon;
mod memo;
mod numbers;
mod pattern;
mod table;
mod term;
mod terms;
mod tokenize;

pub(crate) use fold::{fold, is_bidi_control, undisguised, visible};
pub(crate) use lexicon::{Lexicon, Summary, Words};
pub(crate) use table::{Patterns, PatternsBuilder};
pub(crate) use term::{Term, TermError};
pub(crate) use terms::{Hit, TermSet};
pub(crate) use tokenize::words;

#[cfg(test)]
mod tests;
