//! SCHEMA.md's rule for joining the lines of a wrapped cell.

/// One line of a cell, with whether its text fills the cell's width: a
/// filled line ending in a letter was broken mid-word by the cell edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub fills: bool,
}

// The same set layout uses: what takes no space beside a line break.
pub use crate::layout::is_cjk;

/// Joins wrapped lines: no space where either side of the break is CJK,
/// after a letter-hyphen, or where the line filled its cell and broke a
/// word; one space otherwise. Inner white space collapses to one space.
pub fn join<'a>(pieces: impl IntoIterator<Item = Piece<'a>>) -> String {
    let mut out = String::new();
    let mut glue_next = false;
    for piece in pieces {
        let text = collapse(piece.text);
        if text.is_empty() {
            continue;
        }
        if let (Some(before), Some(after)) = (out.chars().last(), text.chars().next()) {
            if !(glue_next || is_cjk(before) || is_cjk(after) || ends_with_letter_hyphen(&out)) {
                out.push(' ');
            }
        }
        out.push_str(&text);
        glue_next = piece.fills && out.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '/');
    }
    out
}

/// Joins lines of text that carry no geometry.
pub fn join_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    join(lines.into_iter().map(|text| Piece { text, fills: false }))
}

/// Collapses runs of white space into one space and trims the ends.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn ends_with_letter_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    matches!(rev.next(), Some('-' | '‐')) && rev.next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lines: &[(&str, bool)], expected: &str) {
        let got = join(lines.iter().map(|&(text, fills)| Piece { text, fills }));
        assert_eq!(got, expected, "joining {lines:?}");
    }

    #[test]
    fn cjk_breaks_vanish() {
        check(
            &[("數碼港的年度財務摘", false), ("要（根據經審計的帳", false), ("目）", false)],
            "數碼港的年度財務摘要（根據經審計的帳目）",
        );
        check(&[("數碼港Smart-Space共", false), ("用工作間", false)], "數碼港Smart-Space共用工作間");
        check(&[("以JSON、", false), ("XML格式", false)], "以JSON、XML格式");
    }

    #[test]
    fn latin_breaks_become_one_space() {
        check(&[("Street  light ", false), (" locations", false)], "Street light locations");
        check(&[("e-", false), ("Payment", false)], "e-Payment");
        check(&[("2023-", false), ("2025", false)], "2023- 2025");
    }

    #[test]
    fn a_filled_line_rejoins_a_broken_word() {
        check(&[("Infrastruct", true), ("ure", false)], "Infrastructure");
        check(&[("Employme", true), ("nt and", false), ("Labour", false)], "Employment and Labour");
        // A filled line ending in punctuation broke between words.
        check(&[("(e.g.", true), ("CSV)", false)], "(e.g. CSV)");
    }

    #[test]
    fn empty_pieces_are_skipped() {
        check(&[("", false), ("  ", false), ("a", false)], "a");
    }
}
