//! Swedish inflection: Snowball stems, the inflectional endings Snowball misses, and the heads
//! of compounds, so that `arbete`, `arbetet` and `bostäderna` meet their dictionary forms.
//!
//! Works on folded words (see [`super::fold()`]): it knows nothing of term syntax (which
//! heads keep a compound's meaning is the `word+` pattern's business), nor of the text the
//! words come from.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// The Swedish Snowball stem of an already folded word.
pub(crate) fn stem(folded: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::Swedish))
        .stem(folded)
        .into_owned()
}

/// The rest of `word` after the first part `full` (or its stem `stem`), when `word` is a
/// compound with that first part: at least three letters that are not an inflectional ending.
/// With two readings (`bostad|sförsörjning`, `bostads|försörjning`) the longer first part wins.
pub(super) fn compound_head<'w>(word: &'w str, stem: &str, full: &str) -> Option<&'w str> {
    [full, stem].into_iter().find_map(|base| {
        let rest = word.strip_prefix(base).filter(|r| !r.is_empty())?;
        (rest.len() >= 3 && !is_ending(rest)).then_some(rest)
    })
}

/// Swedish inflectional endings (folded): what may follow a stem in another form of the same
/// word. Derivations and compounds (`arbets|miljö`) are deliberately not here.
const ENDINGS: &[&str] = &[
    "", "a", "e", "n", "t", "s", "en", "et", "er", "ar", "or", "an", "na", "ns", "es", "ts", "as",
    "ad", "at", "de", "te", "ena", "arna", "erna", "orna", "ens", "ets", "ers", "ars", "ors",
    "ans", "ernas", "arnas", "ornas", "enas",
];

/// The length of the longest of [`ENDINGS`].
const MAX_ENDING: usize = 5;

const _: () = {
    let mut i = 0;
    while i < ENDINGS.len() {
        assert!(
            ENDINGS[i].len() <= MAX_ENDING,
            "an ending longer than `MAX_ENDING`"
        );
        i += 1;
    }
};

/// Whether `rest` is one of [`ENDINGS`].
pub(super) fn is_ending(rest: &str) -> bool {
    rest.len() <= MAX_ENDING && ENDINGS.contains(&rest)
}

/// The most bytes Snowball's Swedish stemmer takes off a word: one main suffix (`heterna`, 7
/// bytes), one letter of a double consonant, and one other suffix (`lig`, 3 bytes; `löst` and
/// `fullt` lose one). Its stem is always a prefix of the word, so a word more than this longer
/// than a stem cannot have it, and is not stemmed to find out: a word of megabytes costs a
/// comparison, not a copy and a pass at every place it is tried.
pub(super) const MAX_STEM_CUT: usize = 7 + 1 + 3;

/// How long a word can be and still be an inflection of `full`, whose stem is `stem_of_full`
/// (see [`inflection_of`]): its full form or stem and the longest ending, or its stem and the
/// most the stemmer takes off.
pub(super) fn longest_inflection(stem_of_full: &str, full: &str) -> usize {
    (full.len() + MAX_ENDING).max(stem_of_full.len() + MAX_STEM_CUT)
}

/// Whether `word` is an inflection of the word `full` whose Snowball stem is `stem`: the stem or
/// the full word followed by an inflectional ending, or the same Snowball stem. Snowball alone
/// is not enough for Swedish nouns (`arbetet` and `hälsan` keep their endings).
pub(super) fn inflection_of(word: &str, stem_of_full: &str, full: &str) -> bool {
    let ends_inflected = |base: &str| word.strip_prefix(base).is_some_and(is_ending);
    // A Snowball stem is always a prefix of its word, and at most `MAX_STEM_CUT` bytes shorter,
    // so test both cheaply before stemming.
    ends_inflected(full)
        || ends_inflected(stem_of_full)
        || (word.len() <= stem_of_full.len() + MAX_STEM_CUT
            && word.starts_with(stem_of_full)
            && stem(word) == stem_of_full)
}
