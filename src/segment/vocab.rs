//! The plan's own words, for telling a word broken at a cell edge from two
//! words wrapped at a space where the geometry cannot: in a narrow column
//! that breaks words anywhere, "public" / "markets" and "Utilisati" / "on"
//! fill their lines alike. The same words usually appear whole elsewhere in
//! the plan (a wider column, a single-line cell), and that settles it.

use std::collections::HashSet;

use super::join::is_cjk;

/// Signs that end a word: a word before one is whole at its end.
const CLOSING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '」', '，', '。'];

/// Signs that start a word.
const OPENING: &[char] = &['(', '「', '“', '"'];

/// Words seen whole in a plan's cells, folded to lower case.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// Adds the words of one cell, given as its lines, that are certainly
    /// whole: a word at the start of a line that continues another, or at
    /// the end of a line that another continues, may be a piece of one.
    pub fn add_cell<'a>(&mut self, lines: impl ExactSizeIterator<Item = &'a str>) {
        let n = lines.len();
        for (i, line) in lines.enumerate() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let last = tokens.len().saturating_sub(1);
            for (j, token) in tokens.iter().enumerate() {
                // Punctuation closes a word ("markets." ending a line) or
                // opens one.
                let starts_whole = j > 0 || i == 0 || token.starts_with(OPENING);
                let ends_whole = j < last || i + 1 == n || token.ends_with(CLOSING);
                if starts_whole && ends_whole {
                    // In CJK text a token is a run of Latin words set in
                    // without spaces ("以CSV格式"): each run is a word.
                    for run in token.split(is_cjk) {
                        let w = fold(run);
                        if w.chars().any(char::is_alphabetic) {
                            self.words.insert(w);
                        }
                    }
                }
            }
        }
    }

    /// Whether the plan has the word whole somewhere.
    pub fn has(&self, word: &str) -> bool {
        self.words.contains(&fold(word))
    }

    /// Whether the plan has whole a longer word that `tail` ends.
    pub fn ends_longer_word(&self, tail: &str) -> bool {
        let tail = fold(tail);
        !tail.is_empty() && self.words.iter().any(|w| w.len() > tail.len() && w.ends_with(&tail))
    }

    /// Whether the plan has whole a longer word that `head` starts.
    pub fn starts_longer_word(&self, head: &str) -> bool {
        let head = fold(head);
        !head.is_empty() && self.words.iter().any(|w| w.len() > head.len() && w.starts_with(&head))
    }

    /// Whether `head` ending one line and `tail` starting the next are one
    /// word: `Some(true)` when the plan has the joined word and not both
    /// halves, `Some(false)` when it has both halves and not the joined
    /// word, `None` when its words do not tell.
    pub fn one_word(&self, head: &str, tail: &str) -> Option<bool> {
        let (head, tail) = (fold(head), fold(tail));
        if head.is_empty() || tail.is_empty() {
            return None;
        }
        let joined = self.words.contains(&format!("{head}{tail}"));
        let apart = self.words.contains(&head) && self.words.contains(&tail);
        match (joined, apart) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }
}

/// A word without the punctuation around it, in lower case.
fn fold(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cells: &[&[&str]], head: &str, tail: &str, expected: Option<bool>) {
        let mut v = Vocabulary::default();
        for cell in cells {
            v.add_cell(cell.iter().copied());
        }
        assert_eq!(v.one_word(head, tail), expected, "{head:?} + {tail:?}");
    }

    #[test]
    fn the_plan_s_whole_words_settle_a_break() {
        let description: &[&str] = &["• Names of public markets and the", "utilisation rates, by district."];
        check(&[description], "Utilisati", "on", None);
        check(&[description, &["the utilisation of"]], "Utilisati", "on", Some(true));
        check(&[description], "public", "markets.", Some(false));
        // Punctuation and case do not matter.
        check(&[description], "(Public", "Markets,", Some(false));
        // Neither form seen: the geometry decides.
        check(&[description], "elderly", "centres", None);
    }

    #[test]
    fn words_at_a_wrap_are_not_taken_as_whole() {
        // "Utilisati" ends a line another continues; "on" starts one.
        let name: &[&str] = &["Utilisati", "on rates"];
        check(&[name], "Utilisati", "on", None);
        // In a cell of one line every word is whole.
        check(&[name, &["Utilisation"]], "Utilisati", "on", Some(true));
        // Words inside a line are whole wherever the line is.
        check(&[&["a", "of rainfall stations in", "b"]], "rainfall", "stations", Some(false));
        // A sign closes a word at a wrap: "markets." is whole.
        check(&[&["• Names of public markets.", "• Data"]], "public", "markets", Some(false));
        check(&[&["• Names of public markets", "• Data"]], "public", "markets", None);
    }

    #[test]
    fn latin_runs_in_cjk_text_are_words() {
        check(&[&["以CSV格式提供"]], "C", "SV", Some(true));
        check(&[&["以CSV格式提供"], &["C 類"], &["SV 類"]], "C", "SV", None);
    }

    #[test]
    fn pieces_of_longer_words() {
        let mut v = Vocabulary::default();
        v.add_cell(["Construction information"].into_iter());
        assert!(v.starts_longer_word("construc") && v.ends_longer_word("tion"));
        assert!(!v.starts_longer_word("information") && !v.ends_longer_word("sites"));
    }

    #[test]
    fn both_forms_seen_tell_nothing() {
        check(&[&["in to into"]], "in", "to", None);
    }
}
