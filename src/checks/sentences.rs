//! Sentences and clauses of a block's source text, as placeholders read them: where a sentence
//! ends, whether a placeholder phrase opens its clause (`Ansvarig: fylls i`) or is the verb of
//! a sentence (`Blanketten fylls i av vårdnadshavaren`), and whether the text before a
//! placeholder is the label of a field left unfilled (`Mål: TODO`).

use std::ops::Range;

use crate::document::Block;

/// Whether `before`, the text of a sentence before a placeholder, is a label for it (`Mål:`,
/// `**Ansvarig:**`, `**Ansvarig**`, `Tidsram =`, `Senast –`): a word or three and a colon, `=`,
/// an arrow or a dash, or in bold. The sentence is then a field of a form left unfilled
/// (`Ansvarig: fylls i av enhetschefen`), and it names nothing it labels: it is taken out
/// whole, as one the placeholder opens.
pub(super) fn is_label(before: &str) -> bool {
    let bold = before.trim_end();
    let bold = bold
        .strip_suffix("**")
        .or_else(|| bold.strip_suffix("__"))
        .filter(|b| !b.ends_with(char::is_whitespace));
    let t = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    // A bold label needs no colon: `**Ansvarig** fylls i`.
    let Some(label) = t
        .strip_suffix([':', '=', '→', '–', '—'])
        .or_else(|| t.strip_suffix(" -"))
        .or(bold.map(|_| t))
    else {
        return false;
    };
    let words = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (1..=3).contains(&words) && !label.contains(['.', '!', '?', ';', ','])
}

/// Whether word `at` of `block` opens its sentence or clause, as a placeholder phrase does when
/// it stands for missing text: no word comes before it in the block, or a sentence end, a colon,
/// a semicolon, a dash, an ellipsis or an opening bracket stands between it and the word before
/// (`Mål: fylls i`, `Budget – fylls i senare`, `(fylls i)`), or a line break does and the phrase
/// starts with a capital (a line of its own). A phrase after a word of its sentence is that
/// sentence's verb (`Blanketten fylls i av vårdnadshavaren`, `som fylls i digitalt`).
pub(super) fn opens_clause(block: &Block, text: &str, at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|i| &block.words[i]) else {
        return true;
    };
    let word = &block.words[at];
    // Words come in source order except where a construct's text is put together (a few odd
    // ones): with no gap to read, the word before is taken to be of the same clause.
    let Some(gap) = text.get(before.span.end..word.span.start) else {
        return false;
    };
    // What a closed bracket holds (the address of `[bilaga](https://…)`) is no boundary.
    let gap = gap.rfind([')', ']', '}']).map_or(gap, |i| &gap[i + 1..]);
    // An entity (`&nbsp;`) is a character of the text, not a semicolon.
    let gap = without_entities(gap);
    let capital = text
        .get(word.span.clone())
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    // After a dash the phrase may also be the verb of the sentence a parenthesis interrupted
    // (`Enkäten – som skickas ut – fylls i av varje deltagare efter kursen.`): it stands for
    // missing text only when little follows it in its sentence (`Budget – fylls i senare`).
    let dash = gap.contains(['–', '—']) || (gap.contains('-') && gap.contains(char::is_whitespace));
    // A sentence begins with a capital: `m.m. fylls i` is the abbreviation's sentence.
    (gap.contains(['.', '!', '?']) && capital)
        || gap.contains([':', ';', '…', '(', '[', '{', '=', '→'])
        || (dash && few_words_after(block, text, at))
        // the end of a bold label: `**Ansvarig** fylls i`
        || gap.starts_with("**")
        || gap.starts_with("__")
        || (capital && gap.contains(['\n', '\r']))
}

/// `gap` with its HTML entities (`&nbsp;`, `&#160;`) left out.
pub(super) fn without_entities(gap: &str) -> std::borrow::Cow<'_, str> {
    if !gap.contains('&') {
        return gap.into();
    }
    let mut out = String::with_capacity(gap.len());
    let mut rest = gap;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let name = tail.find(';').filter(|&j| {
            j > 0 && j <= 8 && tail[..j].chars().all(|c| c.is_alphanumeric() || c == '#')
        });
        if let Some(j) = name {
            rest = &tail[j + 1..];
        } else {
            out.push('&');
            rest = tail;
        }
    }
    out.push_str(rest);
    out.into()
}

/// Whether at most three words follow the two-word phrase at word `at` of `block` before its
/// sentence ends (a `.`, `!` or `?` between two words) or the block does.
pub(super) fn few_words_after(block: &Block, text: &str, at: usize) -> bool {
    let words = &block.words;
    let mut after = 0;
    for i in at + 2..words.len() {
        let ends = text
            .get(words[i - 1].span.end..words[i].span.start)
            .is_some_and(|gap| gap.contains(['.', '!', '?']));
        if ends {
            break;
        }
        after += 1;
        if after > 3 {
            return false;
        }
    }
    true
}

/// Where the sentences of `text` end: one past each `.`, `!` or `?` that stands before a space,
/// a line break or the end, and one past a line break before a line that opens with a capital.
pub(super) fn sentence_ends(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| {
            let stop = matches!(b[i], b'.' | b'!' | b'?')
                && b.get(i + 1).is_none_or(u8::is_ascii_whitespace);
            // A line that ends without a full stop before one that opens with a capital ends
            // its sentence too (`TODO: lägg till siffror` and the plan's text on the next line).
            stop || (b[i] == b'\n' && next_line_opens_sentence(&text[i + 1..]))
        })
        .map(|i| i + 1)
        .collect()
}

/// Whether `rest`, the text after a line break, opens with a capital (after spaces and a
/// block quote's or a list's markers).
pub(super) fn next_line_opens_sentence(rest: &str) -> bool {
    rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+'))
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The sentence of a text of `len` bytes whose sentence ends are `ends` that holds `span`: from
/// the previous sentence end to the next one, or the ends of the text.
pub(super) fn sentence_around(ends: &[usize], len: usize, span: Range<usize>) -> Range<usize> {
    let before = ends.partition_point(|&e| e <= span.start);
    let start = before.checked_sub(1).map_or(0, |i| ends[i]);
    let after = ends.partition_point(|&e| e <= span.end);
    let end = ends.get(after).copied().unwrap_or(len);
    start..end
}
