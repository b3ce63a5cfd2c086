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

/// What the last part of a compound must start with to be the word `full` inflected, besides
/// `full` itself: `full` without a final `a` or `e`, the vowel Swedish inflection drops
/// (`skola` → `skol|or`, `samordnare` → `samordnar|na`), when at least three letters are left;
/// else `full`.
pub(super) fn head_base(full: &str) -> &str {
    match full.strip_suffix(['a', 'e']) {
        Some(base) if base.len() >= 3 => base,
        _ => full,
    }
}

/// The longest last part of a compound that can be the word `full` inflected (see
/// [`head_inflection_of`]): the word and the longest ending.
pub(super) fn longest_head(full: &str) -> usize {
    full.len() + MAX_ENDING
}

/// Whether `head`, the last part of a compound, is the word `full` inflected: `full` followed by
/// an inflectional ending (`månad|ers`, `chef|en`), or its [`head_base`] followed by one that is
/// not empty (`skol|orna` for `skola`).
///
/// Unlike [`inflection_of`], the Snowball stem does not stand in for the word. The stemmer cuts
/// what looks like a suffix, and that may be part of the word's root (`mån|ad` → `man`,
/// `lägen|heter` → `lagen`, `myndig|heter` → `mynd`); a stem cut so far is often a word of its
/// own. A whole word must still begin where the stem does, so the risk is small there, but a
/// compound's last part may begin anywhere in a word, and the short stem is then found inside
/// words that have nothing to do with it: `tillsam|mans`, `grund|lagen`, `ro|maner`.
///
/// Without its vowel the word takes only the endings that drop it (`skol|or`, `skol|orna`;
/// `samordnar|na`): `hals|en` is a neck, not `hälsa`, once å, ä and ö are folded.
pub(super) fn head_inflection_of(head: &str, base: &str, full: &str) -> bool {
    head.strip_prefix(full).is_some_and(is_ending)
        || (base.len() < full.len()
            && head
                .strip_prefix(base)
                .is_some_and(|rest| drops_the_vowel(full, rest)))
}

/// Whether `rest` is an ending that follows `full` without its final `a` (`or`, `orna`) or `e`
/// (`na`, `nas`).
fn drops_the_vowel(full: &str, rest: &str) -> bool {
    if full.ends_with('a') {
        matches!(rest, "or" | "ors" | "orna" | "ornas")
    } else {
        matches!(rest, "na" | "nas")
    }
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
