//! A word's bits: which of the first [`BITS`] patterns of its table it matches, one bit each,
//! so a term asks about a distinct word once instead of at every occurrence. Only the patterns
//! that lead a term have bits (see [`super::Patterns::leads`]); the others are compared with
//! the words that follow a term's first.

/// How many word patterns a word's bits cover; patterns past this are compared directly.
/// The built-in pack registers about 480 (its Swedish and English terms), and a test holds it
/// and an example pack under this.
pub(super) const BITS: usize = 640;
pub(super) type Bits = [u64; BITS / 64];
