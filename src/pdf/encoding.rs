//! Single-byte encodings and glyph names → Unicode.

use std::borrow::Cow;

use super::data::{encodings, fixups::CJK_FIXUPS, glyphlist::AGL};

/// A named single-byte encoding, as code → UTF-16 unit (0 = unassigned).
pub(crate) fn named(name: &[u8]) -> Option<&'static [u16; 256]> {
    Some(match name {
        b"StandardEncoding" => &encodings::STANDARD,
        b"WinAnsiEncoding" => &encodings::WIN_ANSI,
        b"MacRomanEncoding" => &encodings::MAC_ROMAN,
        b"MacExpertEncoding" => &encodings::MAC_EXPERT,
        b"SymbolEncoding" => &encodings::SYMBOL,
        _ => return None,
    })
}

pub(crate) fn standard() -> &'static [u16; 256] {
    &encodings::STANDARD
}

pub(crate) fn win_ansi() -> &'static [u16; 256] {
    &encodings::WIN_ANSI
}

pub(crate) fn symbol() -> &'static [u16; 256] {
    &encodings::SYMBOL
}

pub(crate) fn dingbats() -> &'static [u16; 256] {
    &super::data::dingbats::ZAPF_DINGBATS
}

/// The text a table entry stands for, if the code is assigned.
pub(crate) fn table_text(table: &[u16; 256], code: u8) -> Option<String> {
    let unit = table[usize::from(code)];
    if unit == 0 {
        return None;
    }
    char::from_u32(u32::from(unit)).map(String::from)
}

/// Unicode for a glyph name: the Adobe Glyph List, then the `uniXXXX…` and
/// `uXXXX[XX]` conventions; ligature names (`f_f_i`) and suffixes (`a.sc`)
/// follow the AGL specification. Names such as `g123` or `cid123` carry no
/// meaning and give `None`.
pub(crate) fn glyph_name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let mut out = String::new();
        for part in base.split('_') {
            out.push_str(&component(part)?);
        }
        return Some(out);
    }
    component(base)
}

fn component(name: &str) -> Option<String> {
    if let Ok(i) = AGL.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes())) {
        return AGL.get(i).map(|(_, u)| (*u).to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut out = String::new();
            for i in (0..hex.len()).step_by(4) {
                let v = u32::from_str_radix(hex.get(i..i + 4)?, 16).ok()?;
                out.push(char::from_u32(v)?);
            }
            return Some(out);
        }
        return None;
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let v = u32::from_str_radix(hex, 16).ok()?;
        return char::from_u32(v).map(String::from);
    }
    None
}

/// Kangxi radicals, radical supplement forms and CJK compatibility
/// ideographs → the unified ideographs a reader sees. Fonts map these code
/// points to the same glyphs, so the text should not depend on which one a
/// producer picked. Everything else (full-width punctuation included) is kept.
pub(crate) fn fix_cjk(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if !needs(c) {
                return c;
            }
            CJK_FIXUPS
                .binary_search_by_key(&u32::from(c), |(from, _)| *from)
                .ok()
                .and_then(|i| CJK_FIXUPS.get(i))
                .and_then(|(_, to)| char::from_u32(*to))
                .unwrap_or(c)
        })
        .collect()
}

/// The Latin ligatures U+FB00–U+FB06 as their letters: a reader copying
/// "ﬁnd" wants "find".
pub(crate) fn expand_ligatures(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Some re-distilled PDFs map ligature glyphs to UTF-16 written in the
/// wrong byte order: "fi" (U+0066 U+0069) becomes U+6600 U+6900, "昀椀".
/// A mapping of two or more characters that are each an ASCII letter with
/// its bytes swapped is read as those letters. Callers apply it only to
/// fonts that are not CJK, where such a mapping cannot be real text.
///
/// Ghostscript writes the three-letter ligatures so in two units, the last
/// two letters' bytes added into one: "ffi" as U+6600 U+CF00 (0x66 +
/// 0x69), "ffl" as U+6600 U+D200. Those two are read as their letters.
pub(crate) fn unswap_ligature(text: &str) -> Option<String> {
    let units: Vec<u32> = text.chars().map(u32::from).collect();
    if let [0x6600, second] = units[..] {
        for three in ["ffi", "ffl"] {
            let b = three.as_bytes();
            if second == (u32::from(b[1]) + u32::from(b[2])) << 8 {
                return Some(three.to_owned());
            }
        }
    }
    let letters: Option<String> = text
        .chars()
        .map(|c| {
            let v = u32::from(c);
            let letter = u8::try_from(v >> 8).ok().filter(|b| b.is_ascii_alphabetic())?;
            (v & 0xFF == 0).then_some(char::from(letter))
        })
        .collect();
    letters.filter(|l| l.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        let names = ["A", "space", "uni4E2D", "uni00410042", "u1F600", "f_f_i", "a.sc", "g123", "cid55", "uniD800"];
        let got: Vec<_> = names.iter().map(|n| glyph_name_to_unicode(n)).collect();
        let want = [Some("A"), Some(" "), Some("中"), Some("AB"), Some("😀"), Some("ffi"), Some("a"), None, None, None];
        assert_eq!(got, want.map(|s| s.map(String::from)));
    }

    #[test]
    fn cjk_fixups() {
        assert_eq!(fix_cjk("\u{2F08}\u{2F1D}\u{2FD5}\u{2EA9}\u{F900}\u{2F800}／資"), "人口龠王豈丽／資");
    }

    #[test]
    fn ligatures() {
        assert_eq!(expand_ligatures("\u{FB01}nd \u{FB03}x \u{FB06}"), "find ffix st");
        assert_eq!(unswap_ligature("\u{6600}\u{6900}").as_deref(), Some("fi"));
        assert_eq!(unswap_ligature("\u{6600}\u{6600}\u{6C00}").as_deref(), Some("ffl"));
        assert_eq!(unswap_ligature("\u{6600}\u{CF00}").as_deref(), Some("ffi"));
        assert_eq!(unswap_ligature("\u{6600}\u{D200}").as_deref(), Some("ffl"));
        assert_eq!(unswap_ligature("\u{6600}\u{D000}"), None);
        assert_eq!(unswap_ligature("\u{6600}"), None);
        assert_eq!(unswap_ligature("\u{6600}\u{6901}"), None);
        assert_eq!(unswap_ligature("fi"), None);
    }

    #[test]
    fn tables() {
        assert_eq!(table_text(win_ansi(), 0x80).as_deref(), Some("€"));
        assert_eq!(table_text(standard(), 0x27).as_deref(), Some("’"));
        assert_eq!(table_text(symbol(), 0x61).as_deref(), Some("α"));
        assert_eq!(table_text(dingbats(), 0x33).as_deref(), Some("✓"));
        assert_eq!(table_text(dingbats(), 0x6C).as_deref(), Some("●"));
    }
}
