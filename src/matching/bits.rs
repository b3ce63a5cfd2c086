//! A word's bits: which of the first [`BITS`] patterns of its table it matches, one bit each,
//! so a term asks about a distinct word once instead of at every occurrence.

/// How many word patterns a word's bits cover; patterns past this are compared directly.
pub(super) const BITS: usize = 384;
pub(super) type Bits = [u64; BITS / 64];
