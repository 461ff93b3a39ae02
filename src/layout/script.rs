//! Which characters count as CJK, for joining text and for display width.
//!
//! Kept to plain range tests on `char` so that the hot loops over glyphs do not
//! pay for a Unicode property lookup.

/// True for Han, kana, hangul, bopomofo and CJK / full-width punctuation and
/// forms (、，。：「」（）／ …): characters between which Chinese text puts
/// no space.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{2E80}'..='\u{2FFF}'   // radicals, Kangxi, description characters
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3040}'..='\u{33FF}'   // kana, bopomofo, compatibility jamo, enclosed, compatibility
        | '\u{3400}'..='\u{4DBF}'   // Extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{A960}'..='\u{A97F}'   // Hangul Jamo Extended-A
        | '\u{AC00}'..='\u{D7FF}'   // Hangul syllables and Jamo Extended-B
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE10}'..='\u{FE1F}'   // vertical forms
        | '\u{FE30}'..='\u{FE6F}'   // compatibility and small forms
        | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
        | '\u{20000}'..='\u{3FFFF}' // supplementary ideographic planes
    )
}

/// Columns a character takes in a monospaced rendering: CJK characters take
/// two, except the half-width forms, which exist precisely to take one.
pub(crate) fn display_width(c: char) -> usize {
    if is_cjk(c) && !matches!(c, '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}') { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let cjk: String = "漁農、，。：「」（）／ＣＳＶ한かカ𠀀".chars().filter(|&c| !is_cjk(c)).collect();
        assert_eq!(cjk, "");
        let latin: String = "Aé-/:()0 ".chars().filter(|&c| is_cjk(c)).collect();
        assert_eq!(latin, "");
        let widths: Vec<usize> = "a漁ｶ（".chars().map(display_width).collect();
        assert_eq!(widths, [1, 2, 1, 2]);
    }
}
