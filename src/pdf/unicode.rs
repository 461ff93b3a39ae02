//! What a reader sees: Kangxi radicals and CJK compatibility ideographs,
//! which some fonts map their glyphs to, become the unified ideographs.

use unicode_normalization::UnicodeNormalization;

/// Replaces radicals and compatibility ideographs by unified ideographs;
/// everything else, full-width punctuation included, is left alone.
pub fn fix(text: &str) -> String {
    if !text.chars().any(needs_fix) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !needs_fix(c) {
            out.push(c);
            continue;
        }
        let mapped: String =
            if is_radical(c) { std::iter::once(c).nfkc().collect() } else { std::iter::once(c).nfc().collect() };
        // Only a single ideograph is a reading of the radical; a radical
        // with no decomposition stays as it is.
        if mapped.chars().count() == 1 {
            out.push_str(&mapped);
        } else {
            out.push(c);
        }
    }
    out
}

fn is_radical(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF)
}

fn needs_fix(c: char) -> bool {
    is_radical(c) || matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::fix;

    #[test]
    fn radicals_and_compatibility_ideographs() {
        assert_eq!(fix("\u{2F08}\u{2F1D}"), "人口");
        assert_eq!(fix("\u{F900}"), "\u{8C48}");
        assert_eq!(fix("局／部門"), "局／部門");
        assert_eq!(fix("\u{2E9F}"), "\u{6BCD}");
        assert_eq!(fix("\u{2E81}"), "\u{2E81}");
    }
}
