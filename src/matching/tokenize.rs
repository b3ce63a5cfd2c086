//! The word splitter: a text's words with their source spans, each looked up once in this
//! thread's memory of words (see [`super::memo`]) and given its index in its document's
//! [`Lexicon`].
//!
//! Decides only where words begin and end; what a word is and what it matches is
//! [`super::classify`]'s business, and nothing here knows Markdown.

use std::ops::Range;

use super::fold::{is_digit_joiner, is_invisible, is_word_char};
use super::lexicon::{Lexicon, Summary, Word};
use super::memo::{local, seed, unremembered, with_memo, Memo, MEMO_WORD_MAX};

/// Splits `text` into words. `map` turns a byte range of `text` into one of the source file.
///
/// A word is a run of letters and digits (combining marks included, so NFD text stays whole).
/// Digit groups joined by `-`, `.`, `,`, `:` or `/` stay one word, so `2027-06-30` is one date.
/// `map` is called with ascending ranges. The words refer to `lexicon`, which gains the new
/// ones, and are classified against its pattern table. Returns the union of the words'
/// pattern bits and how many of them have a letter.
pub(crate) fn words(
    text: &str,
    map: impl FnMut(Range<usize>) -> Range<usize>,
    out: &mut Vec<Word>,
    lexicon: &mut Lexicon,
) -> Summary {
    let seed = seed();
    with_memo(lexicon.table, |memo| {
        words_with(memo, seed, text, map, out, lexicon)
    })
}

/// Whether a byte is an ASCII letter or digit: the test of nearly every byte of a plan's
/// prose, as one load.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b: u8 = 0;
    loop {
        t[b as usize] = b.is_ascii_alphanumeric();
        if b == u8::MAX {
            break t;
        }
        b += 1;
    }
};

fn words_with(
    memo: &mut Memo,
    seed: u64,
    text: &str,
    mut map: impl FnMut(Range<usize>) -> Range<usize>,
    out: &mut Vec<Word>,
    lexicon: &mut Lexicon,
) -> Summary {
    let mut summary = Summary::empty(lexicon.table);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b.is_ascii() {
            i += 1;
            continue;
        } else if let Some(len) = non_ascii_word_char(text, i).filter(|_| !invisible_at(text, i)) {
            i += len;
        } else {
            i += utf8_len(b);
            continue;
        }
        let numeric = b.is_ascii_digit();
        while i < n {
            let b = bytes[i];
            if ASCII_WORD[usize::from(b)] {
                i += 1;
            } else if !b.is_ascii() {
                match non_ascii_word_char(text, i) {
                    Some(len) => i += len,
                    None => break,
                }
            } else if numeric
                && is_digit_joiner(b)
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        let class = if i - start <= MEMO_WORD_MAX {
            local(memo, seed, &text[start..i], lexicon, &mut summary)
        } else {
            unremembered(&text[start..i], lexicon, &mut summary)
        };
        out.push(Word {
            span: map(start..i),
            class,
        });
    }
    summary
}

/// Length of the character at byte `i` of `text` (a char boundary, not ASCII) if it belongs
/// in a word.
#[inline]
fn non_ascii_word_char(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    (is_word_char(c) || is_invisible(c)).then(|| c.len_utf8())
}

/// Whether the character at byte `i` of `text` is invisible (it may not start a word).
fn invisible_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_invisible)
}

/// Length of the UTF-8 sequence that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}
