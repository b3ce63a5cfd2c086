//! Swedish number words, for the `#number` pattern: a measurable goal written the way Swedish
//! style guides ask municipal writers to write small numbers (`minst fyra möten per termin`)
//! counts like one written in digits.
//!
//! A word counts when it is, folded (lowercase, no diacritics):
//!
//! * a cardinal from `noll` to the hundreds of thousands, written as one word as Swedish
//!   writes them: `fyra`, `tjugofem`, `etthundra`, `tvåhundrafemtio`, `tretusen`, and
//!   `miljon`/`miljard` with their plurals;
//! * a fraction: `hälften`, or an ordinal with `-del` (`tredjedel`, `fjärdedelar`,
//!   `tiondelen`), so `en tredjedel` and `två tredjedelar` count.
//!
//! `en` and `ett` alone never count: as numbers they look exactly like the articles (`en
//! plan`, `ett mål`), which are far more common in a plan, and one word cannot be told from the
//! other without reading the sentence. In compounds (`etthundra`, `tjugoett`) they count, and
//! `en tredjedel` counts through its fraction word. `procent` is not a number itself; after a
//! number or a number word the number already counts (`tjugo procent`). Inflected or vague
//! forms (`femman`, `tiotal`, `hundratals`) do not count: they give no figure to follow up.

use std::sync::OnceLock;

use regex::Regex;

/// Units as they start a compound or stand alone (`en`/`ett` are filtered out when alone).
const UNIT: &str = "en|ett|tva|tre|fyra|fem|sex|sju|atta|nio";
/// Ten to nineteen.
const TEEN: &str = "tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|aderton|nitton";
/// The tens.
const TENS: &str = "tjugo|tjugu|trettio|fyrtio|femtio|sextio|sjuttio|attio|nittio";
/// Ordinal stems that take `del` in a fraction (`tredjedel`, `åttondel`).
const ORDINAL: &str =
    "tredje|fjarde|femte|sjatte|sjunde|atton|nion|tion|elfte|tolfte|tjugon|hundra|tusen";

fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            // Below a hundred, below a thousand, below a million.
            let below_100 = format!("(?:(?:{TENS})(?:{UNIT})?|{TEEN}|{UNIT})");
            let below_1000 = format!("(?:(?:{UNIT})?hundra{below_100}?|{below_100})");
            let cardinal =
                format!("(?:{below_1000}?tusen{below_1000}?|ettusen{below_1000}?|{below_1000})");
            let big = "(?:miljon|miljoner|miljard|miljarder)";
            let fraction = format!("(?:halften|(?:{ORDINAL})del(?:en|ar|arna)?)");
            let all = format!("^(?:noll|{cardinal}|{big}|{fraction})$");
            // The pattern is built from the constants above and compiles; were it not to, no
            // word would count as a number word (the unit tests would fail), never a crash.
            Regex::new(&all).ok()
        })
        .as_ref()
}

/// Whether the folded word `w` is a Swedish number word (see the module docs).
pub(super) fn is_number_word(w: &str) -> bool {
    w.len() >= 3 && w != "ett" && may_start(w) && pattern().is_some_and(|p| p.is_match(w))
}

/// The words a Swedish number word can start with: every word that counts begins with one
/// of them, so a word that begins with none is no number word.
fn number_word_starts() -> impl Iterator<Item = &'static str> {
    [UNIT, TEEN, TENS, ORDINAL]
        .into_iter()
        .flat_map(|alternatives| alternatives.split('|'))
        .chain([
            "noll", "hundra", "tusen", "ettusen", "miljon", "miljard", "halften",
        ])
}

/// The index of a pair of letters `a`–`z` among the 676 such pairs.
fn pair(a: u8, b: u8) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
}

/// Whether `w` starts with the first two letters of one of the [`number_word_starts`]: most
/// words do not, and are told so without the pattern.
fn may_start(w: &str) -> bool {
    static STARTS: OnceLock<[u64; 11]> = OnceLock::new();
    let starts = STARTS.get_or_init(|| {
        let mut set = [0u64; 11];
        for s in number_word_starts() {
            if let [a, b, ..] = *s.as_bytes() {
                if let Some(i) = pair(a, b) {
                    set[i / 64] |= 1 << (i % 64);
                }
            }
        }
        set
    });
    match *w.as_bytes() {
        [a, b, ..] => pair(a, b).is_some_and(|i| starts[i / 64] >> (i % 64) & 1 == 1),
        _ => false,
    }
}

pub(super) fn is_number(folded: &str) -> bool {
    folded.starts_with(|c: char| c.is_ascii_digit())
}

pub(super) fn is_year_or_date(w: &str) -> bool {
    let year = |s: &str| {
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (1900..=2100).contains(&s.parse::<u32>().unwrap_or(0))
    };
    // `get` rather than slicing: byte 4 of a folded word may lie inside a letter (`białystok`).
    year(w) || (w.len() == 10 && w.get(..4).is_some_and(year) && w.as_bytes()[4] == b'-')
}

#[cfg(test)]
mod tests {
    use super::{is_number_word, number_word_starts, pattern, ORDINAL, TEEN, TENS, UNIT};
    use crate::matching::fold;

    fn counts(word: &str) -> bool {
        is_number_word(&fold(word))
    }

    #[test]
    fn cardinals_count() {
        for w in [
            "noll", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
            "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "aderton",
            "nitton", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio",
            "nittio", "hundra", "tusen", "Fyra", "ATTIO",
        ] {
            assert!(counts(w), "{w}");
        }
    }

    #[test]
    fn compounds_count() {
        for w in [
            "tjugofem",
            "tjugoett",
            "trettioen",
            "etthundra",
            "tvåhundrafemtio",
            "niohundranittionio",
            "tretusen",
            "ettusen",
            "tiotusen",
            "tvåtusenfemhundra",
            "hundratjugo",
            "miljon",
            "miljoner",
            "miljarder",
        ] {
            assert!(counts(w), "{w}");
        }
    }

    #[test]
    fn fractions_count() {
        for w in [
            "hälften",
            "tredjedel",
            "tredjedelar",
            "fjärdedel",
            "fjärdedelen",
            "femtedel",
            "åttondel",
            "tiondelar",
            "hundradel",
        ] {
            assert!(counts(w), "{w}");
        }
    }

    #[test]
    fn articles_and_look_alikes_do_not_count() {
        for w in [
            "en",
            "ett",
            "ena",
            "enkel",
            "tvåspråkig",
            "tretal",
            "femman",
            "tiotal",
            "hundratals",
            "tusentals",
            "procent",
            "del",
            "delar",
            "sexuell",
            "tredje",
            "andra",
            "niondedel",
            "tjugotjugo",
            "",
        ] {
            assert!(!counts(w), "{w}");
        }
    }

    #[test]
    fn every_number_word_begins_with_one_of_the_starts() {
        // Every number below a thousand as Swedish writes it, every thousand made from one,
        // and every fraction: a cardinal begins as its part below a thousand does, so these
        // are all the ways a number word can begin. Each is checked against the pattern
        // itself, without the test of its start, and must begin with a start.
        let alts = |s: &'static str| s.split('|').collect::<Vec<_>>();
        let mut below_100: Vec<String> = alts(TEEN).into_iter().map(str::to_owned).collect();
        below_100.extend(alts(UNIT).into_iter().map(str::to_owned));
        for t in alts(TENS) {
            below_100.push(t.to_owned());
            below_100.extend(alts(UNIT).into_iter().map(|u| format!("{t}{u}")));
        }
        let mut words = below_100.clone();
        for u in std::iter::once("").chain(alts(UNIT)) {
            words.push(format!("{u}hundra"));
            words.extend(below_100.iter().map(|b| format!("{u}hundra{b}")));
        }
        let thousands: Vec<String> = words.iter().map(|w| format!("{w}tusen")).collect();
        words.extend(thousands);
        words.extend(
            [
                "tusen", "tusenfem", "ettusen", "noll", "miljoner", "miljard", "halften",
            ]
            .map(String::from),
        );
        words.extend(alts(ORDINAL).into_iter().map(|o| format!("{o}delarna")));
        let starts: Vec<_> = number_word_starts().collect();
        let regex = pattern().expect("the pattern compiles");
        let mut counted = 0;
        for w in words.iter().filter(|w| regex.is_match(w)) {
            counted += 1;
            assert!(starts.iter().any(|s| w.starts_with(s)), "{w}");
            assert!(w.len() < 3 || w == "ett" || is_number_word(w), "{w}");
        }
        assert!(counted > 2_900, "only {counted} number words generated");
    }
}
