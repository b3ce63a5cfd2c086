//! Heading titles: leading numbering and trailing parentheticals are not part of the name.

/// Removes leading numbering (`3.2`, `3.2.`, `A)`, `IV.`, `1 -`) and one trailing
/// parenthetical (`(forts.)`) from a heading, so `3.2 Bostäder (se bilaga)` reads `Bostäder`.
pub fn clean_heading(text: &str) -> &str {
    let mut t = text.trim();
    t = strip_numbering(t);
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            if open > 0 {
                t = t[..open].trim_end();
            }
        }
    }
    t.trim_end_matches([':', '.', ' ', '–', '-'])
}

fn strip_numbering(t: &str) -> &str {
    let token_end = t.find(char::is_whitespace).unwrap_or(t.len());
    let token = &t[..token_end];
    let rest = t[token_end..].trim_start();
    let rest = rest
        .strip_prefix(['–', '-', ':'])
        .map_or(rest, str::trim_start);
    if rest.is_empty() {
        return t;
    }
    let digits = !token.is_empty()
        && token.starts_with(|c: char| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ')' | ':'));
    let letter = token.chars().count() == 2
        && token.starts_with(|c: char| c.is_alphabetic())
        && token.ends_with([')', '.']);
    let roman = token.len() >= 2
        && token.ends_with('.')
        && token[..token.len() - 1]
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X'));
    if digits || letter || roman {
        rest
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::clean_heading;

    #[test]
    fn numbering_and_parentheticals_are_removed() {
        assert_eq!(clean_heading("3.2 Bostäder"), "Bostäder");
        assert_eq!(clean_heading("3.2. Bostäder"), "Bostäder");
        assert_eq!(clean_heading("4 Samverkan"), "Samverkan");
        assert_eq!(clean_heading("A) Folkhälsa"), "Folkhälsa");
        assert_eq!(clean_heading("IV. Samverkan"), "Samverkan");
        assert_eq!(clean_heading("Bostäder (se även bilaga 2)"), "Bostäder");
        assert_eq!(
            clean_heading("1 – Arbete och studier:"),
            "Arbete och studier"
        );
    }

    #[test]
    fn text_that_is_not_numbering_stays() {
        assert_eq!(clean_heading("2027"), "2027");
        assert_eq!(clean_heading("Mål 2027"), "Mål 2027");
        assert_eq!(clean_heading("(Bostäder)"), "(Bostäder)");
        assert_eq!(clean_heading("En bostad"), "En bostad");
    }
}
