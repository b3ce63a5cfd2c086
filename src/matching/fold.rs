//! Folding: what makes two spellings of a word one word for comparison (case, diacritics,
//! NFC and NFD alike, invisible characters), and [`visible`] for text shown to people.
//!
//! Works on characters only: it knows no words, stems or patterns, and never allocates for a
//! short word.

use std::sync::OnceLock;

use compact_str::CompactString;
use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
use icu_properties::{CodePointSetData, CodePointSetDataBorrowed};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds `text` for comparison: lowercase, diacritics removed, NFC and NFD alike.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds one word without a heap allocation for words of up to 24 bytes (nearly all of them).
pub(super) fn fold_word(text: &str) -> CompactString {
    if text.is_ascii() {
        let mut out = CompactString::from(text);
        out.make_ascii_lowercase();
        return out;
    }
    // Folded into a buffer kept by the thread and copied once: pushing each character into a
    // `CompactString` checks where it lives at every character, and cost more than the fold.
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        fold_into(text, &mut b);
        let out = CompactString::from(b.as_str());
        if b.capacity() > 1 << 16 {
            // A word of megabytes leaves no buffer of its size behind.
            *b = String::new();
        }
        out
    })
}

fn fold_into(text: &str, out: &mut String) {
    fold_chars(text, |c| out.push(c));
}

/// The folds of U+00C0..=U+00FF (Latin-1 letters: å, ä, ö, é and the rest), worked out once
/// with the general rule below; Swedish text is full of them.
fn latin1_fold(c: char) -> Option<char> {
    static TABLE: OnceLock<[Option<char>; 64]> = OnceLock::new();
    let i = (c as usize).checked_sub(0xC0).filter(|&i| i < 64)?;
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = char::from_u32(0xC0 + u32::try_from(i).ok()?)?;
            let mut folded = String::new();
            fold_general(c, &mut |d| folded.push(d));
            let mut chars = folded.chars();
            // Only a fold to exactly one character goes in the table.
            match (chars.next(), chars.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
    })[i]
}

fn fold_general(c: char, push: &mut impl FnMut(char)) {
    for lower in c.to_lowercase() {
        match lower {
            'æ' => push('a'),
            'ø' => push('o'),
            _ => decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    push(d);
                }
            }),
        }
    }
}

fn fold_chars(text: &str, mut push: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
        if let Some(f) = latin1_fold(c) {
            push(f);
            continue;
        }
        if !is_invisible(c) {
            fold_general(c, &mut push);
        }
    }
}

/// Unicode's default-ignorable code points: what a renderer shows as nothing when it has no
/// glyph for it (Hangul fillers, tag characters, variation selectors, …).
const DEFAULT_IGNORABLE: CodePointSetDataBorrowed<'static> =
    CodePointSetData::new::<DefaultIgnorableCodePoint>();

/// The bidirectional controls, which reorder what is shown.
const BIDI_CONTROL: CodePointSetDataBorrowed<'static> = CodePointSetData::new::<BidiControl>();

/// Characters that take no room on the page and carry no letter: soft hyphens, zero-width
/// spaces and joiners, which word processors leave inside words (`Bo\u{AD}städer`), and every
/// other default-ignorable code point, such as the Hangul fillers, which would otherwise count
/// as letters of words a reader sees as blank space. They are part of the word they stand in,
/// may not start one, and folding drops them. Bidirectional controls are not among them: they
/// change what a reader sees, so they split words instead of vanishing from them.
pub(crate) fn is_invisible(c: char) -> bool {
    // Below U+034F the only default-ignorable code point is the soft hyphen: Swedish letters
    // never reach the property table.
    if c < '\u{34F}' {
        return c == '\u{AD}';
    }
    (matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (DEFAULT_IGNORABLE.contains(c) && !BIDI_CONTROL.contains(c)))
}

/// `text` as a reader sees it: invisible characters (see [`is_invisible`]) removed and
/// no-break spaces made plain spaces, for headings shown in messages.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| is_invisible(c) || c == '\u{A0}') {
        text.chars()
            .filter(|&c| !is_invisible(c))
            .map(|c| if c == '\u{A0}' { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Whether `c` is a bidirectional control (U+202E and the rest), which reorders what is shown
/// and is no letter of a name.
pub(crate) fn is_bidi_control(c: char) -> bool {
    BIDI_CONTROL.contains(c)
}

/// `text` as it looks, when it is disguised: each letter of another script that looks like a
/// Latin one (a Cyrillic `о`, a Greek `ο`), each fullwidth letter, replaced by the Latin letters
/// it looks like (Unicode's confusables, UTS #39), and bidirectional controls removed. `None`
/// when nothing in `text` is disguised.
pub(crate) fn undisguised(text: &str) -> Option<String> {
    let plain = |c: char| c.is_ascii() || ('\u{A0}'..='\u{17F}').contains(&c);
    if text.chars().all(plain) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut disguised = false;
    for c in text.chars() {
        if plain(c) {
            out.push(c);
        } else if BIDI_CONTROL.contains(c) {
            disguised = true;
        } else if c.is_alphabetic() {
            let looks: String = unicode_security::skeleton(&c.to_string()).collect();
            if looks.chars().all(|l| l.is_ascii_alphabetic()) && !looks.is_empty() {
                disguised = true;
                out.push_str(&looks);
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    disguised.then_some(out)
}

/// Whether `b` joins two digit groups into one word (`2027-06-30`, `2016/178`, `1,5`).
pub(super) fn is_digit_joiner(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b',' | b':' | b'/')
}

/// Whether `c` belongs in a word: a letter or digit, or a combining mark (so NFD text stays
/// whole).
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 letters (å, ä, ö, é …): all of U+00C0..=U+00FF but × and ÷.
    if ('\u{C0}'..='\u{FF}').contains(&c) {
        return c != '×' && c != '÷';
    }
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_invisible(c)
}
