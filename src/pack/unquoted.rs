//! The hint for a key TOML cannot read without quotes because it has a letter outside a–z:
//! `nämnd = …` in planlint.toml, `[stage.för beslut]`. A Swedish writer meets this first, and
//! toml's own words ("invalid unquoted key") do not say what to write instead.
//!
//! This module only reads the text around a parse error's span; it decides nothing about keys.

use std::ops::Range;

use crate::i18n::{t, Localized};

/// What toml's message for a bare key with a character it does not allow starts with.
const INVALID_KEY: &str = "invalid unquoted key";

/// What toml's message for a table header with a space in its key (`[stage.för beslut]`)
/// starts with: the header seems to end at the space.
const UNCLOSED_TABLE: &str = "unclosed table";

/// Keys planlint also takes in a spelling of a–z only, for the hint to offer.
const ASCII_SPELLINGS: [(&str, &str); 1] = [("nämnd", "namnd")];

/// Characters that end a bare key on its left.
const BEFORE_KEY: [char; 6] = ['.', '[', '{', ',', '"', '\''];

/// Characters that end a bare key on its right (a table's key may hold spaces before its `]`).
const AFTER_KEY: [char; 9] = ['=', '.', '[', ']', ',', '}', '"', '\'', '#'];

/// The label and help for toml's error `detail` at `span` of `text`, when the offending
/// character is a letter outside ASCII, or a space in a table's key; `None` for any other error.
pub(super) fn hint(
    text: &str,
    span: &Range<usize>,
    detail: &str,
) -> Option<(Localized, Localized)> {
    let at = span.start;
    let letter = text.get(at..)?.chars().next()?;
    let space = letter == ' ' || letter == '\t';
    let applies = if space {
        detail.starts_with(UNCLOSED_TABLE)
    } else {
        detail.starts_with(INVALID_KEY) && !letter.is_ascii() && letter.is_alphabetic()
    };
    if !applies {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let before = &text[line_start..at];
    let start = before
        .rfind(BEFORE_KEY)
        .map_or(line_start, |i| line_start + i + 1);
    let after = &text[at..line_end];
    let end = after.find(AFTER_KEY).map_or(line_end, |i| at + i);
    let key = text[start..end].trim();
    if space && !rest_is_header(&text[line_start..start]) {
        return None;
    }
    let rest = text[end..line_end].trim_start();
    // What to write: `"nämnd" = …` for a key and value, `[stage."för beslut"]` for a table.
    let lead = text[line_start..start].trim_start();
    let written = if rest.starts_with('=') {
        let lead = lead
            .rfind(['{', ','])
            .map_or(lead, |i| lead[i + 1..].trim_start());
        format!("`{lead}\"{key}\" = …`")
    } else {
        let close = rest.rfind(']').map_or("", |i| &rest[..=i]);
        format!("`{lead}\"{key}\"{close}`")
    };
    let ascii = ASCII_SPELLINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, ascii)| ascii);
    let (sv_or, en_or) = match ascii {
        Some(a) => (format!(" eller `{a} = …`"), format!(" or `{a} = …`")),
        None => (String::new(), String::new()),
    };
    let swedish = key.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']);
    let (sv_rule, en_rule) = match (swedish, space) {
        (true, false) => (
            "TOML tillåter inte å, ä och ö i nycklar utan citattecken",
            "TOML allows no å, ä or ö in keys without quotes",
        ),
        (true, true) => (
            "TOML tillåter inte mellanslag, å, ä och ö i nycklar utan citattecken",
            "TOML allows no spaces, å, ä or ö in keys without quotes",
        ),
        (false, _) => (
            "TOML tillåter bara a–z, siffror, `-` och `_` i nycklar utan citattecken",
            "TOML allows only a–z, digits, `-` and `_` in keys without quotes",
        ),
    };
    let label = if space {
        t(
            "ett mellanslag går inte i en nyckel utan citattecken",
            "a space cannot stand in a key without quotes",
        )
    } else {
        t(
            format!("`{letter}` går inte i en nyckel utan citattecken"),
            format!("`{letter}` cannot stand in a key without quotes"),
        )
    };
    let help = t(
        format!("{sv_rule}: skriv {written}{sv_or}"),
        format!("{en_rule}: write {written}{en_or}"),
    );
    // A line of the file can be long: what the help quotes of it is cut short.
    Some((label, help.excerpted()))
}

/// Whether the line up to a key, `lead`, opens a table header (`[stage.`, `[[department.`).
fn rest_is_header(lead: &str) -> bool {
    lead.trim_start().starts_with('[')
}

#[cfg(test)]
mod tests {
    use super::hint;

    fn help(text: &str, needle: &str) -> Option<(String, String)> {
        let at = text.find(needle).expect("needle");
        hint(
            text,
            &(at..at + 1),
            "invalid unquoted key, expected letters",
        )
        .map(|(_, h)| (h.sv, h.en))
    }

    #[test]
    fn a_key_a_table_and_an_inline_table() {
        let (sv, en) = help("[[department]]\nnämnd = \"Socialnämnden\"\n", "ä").expect("hint");
        assert_eq!(sv, "TOML tillåter inte å, ä och ö i nycklar utan citattecken: skriv `\"nämnd\" = …` eller `namnd = …`");
        assert_eq!(
            en,
            "TOML allows no å, ä or ö in keys without quotes: write `\"nämnd\" = …` or `namnd = …`"
        );
        let (sv, _) = help("x = 1\n[stage.för beslut]\nseverity = {}\n", "ö").expect("hint");
        assert_eq!(sv, "TOML tillåter inte å, ä och ö i nycklar utan citattecken: skriv `[stage.\"för beslut\"]`");
        let (sv, _) = help("s = { level = \"off\", resön = \"x\" }", "ö").expect("hint");
        assert!(sv.ends_with("skriv `\"resön\" = …`"), "{sv}");
        let (sv, _) = help("  \"x\".år = 1", "å").expect("hint");
        assert!(sv.ends_with("skriv `\"x\".\"år\" = …`"), "{sv}");
        let (sv, _) = help("café = 1", "é").expect("hint");
        assert!(sv.starts_with("TOML tillåter bara a–z"), "{sv}");
    }

    #[test]
    fn a_space_in_a_table_key() {
        let text = "[stage.för beslut]\n";
        let at = text.find(' ').expect("space");
        let (label, help) =
            hint(text, &(at..at + 1), "unclosed table, expected `]`").expect("hint");
        assert_eq!(
            label.sv,
            "ett mellanslag går inte i en nyckel utan citattecken"
        );
        assert_eq!(help.sv, "TOML tillåter inte mellanslag, å, ä och ö i nycklar utan citattecken: skriv `[stage.\"för beslut\"]`");
        let text = "[stage.till remiss]\n";
        let at = text.find(' ').expect("space");
        let (_, help) = hint(text, &(at..at + 1), "unclosed table").expect("hint");
        assert!(
            help.en.ends_with("write `[stage.\"till remiss\"]`"),
            "{}",
            help.en
        );
    }

    #[test]
    fn a_long_line_is_quoted_short() {
        let text = format!("[stage.{}ö]\n", "a".repeat(100_000));
        let at = text.find('ö').expect("ö");
        let (_, help) = hint(&text, &(at..at + 1), "invalid unquoted key").expect("hint");
        assert!(
            help.sv.len() < 2_000 && help.sv.contains('…'),
            "{}",
            help.sv.len()
        );
    }

    #[test]
    fn other_errors_have_no_hint() {
        assert_eq!(help("na-me = 1", "-"), None);
        let text = "nämnd = 1";
        assert!(hint(text, &(1..2), "unclosed table, expected `]`").is_none());
        assert!(hint(text, &(40..41), "invalid unquoted key").is_none());
    }
}
