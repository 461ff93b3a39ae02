//! Simple-font encodings: the base encodings, /Differences glyph names, the
//! Adobe Glyph List, and the standard 14 fonts' widths.

use super::data::{agl, latin, metrics};

/// A simple font's base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
}

impl Base {
    pub fn by_name(name: &[u8]) -> Option<Base> {
        match name {
            b"StandardEncoding" => Some(Base::Standard),
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            b"PDFDocEncoding" => Some(Base::PdfDoc),
            _ => None,
        }
    }

    /// Glyph names by code.
    pub fn names(self) -> &'static [Option<&'static str>; 256] {
        match self {
            Base::Standard => &latin::STANDARD,
            Base::WinAnsi => &latin::WIN_ANSI,
            Base::MacRoman => &latin::MAC_ROMAN,
            Base::PdfDoc => &latin::PDF_DOC,
        }
    }
}

/// Unicode for a glyph name: the Adobe Glyph List, then the `uniXXXX`
/// (one or more UTF-16 units) and `uXXXX[XX]` forms, with any suffix after
/// a full stop ("a.sc") and ligature parts joined by "_" resolved in turn.
pub fn glyph_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> = base.split('_').map(single_glyph).collect();
        return parts.map(|p| p.concat());
    }
    single_glyph(base)
}

fn single_glyph(name: &str) -> Option<String> {
    if let Ok(i) = agl::AGL.binary_search_by(|(n, _)| (*n).cmp(name)) {
        return agl::AGL.get(i).map(|(_, u)| (*u).to_owned());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        {
            let units: Option<Vec<u16>> =
                (0..hex.len()).step_by(4).map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok()).collect();
            return units.and_then(|u| String::from_utf16(&u).ok());
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    None
}

/// The standard 14 font a base font name stands for, with the common
/// aliases (Arial = Helvetica, TimesNewRoman = Times-Roman …).
pub fn standard_font(base_font: &str) -> Option<&'static [(char, u16)]> {
    // A subset tag ("ABCDEF+Helvetica") names the same font.
    let name = base_font.split_once('+').map_or(base_font, |(_, n)| n);
    let lower = name.to_ascii_lowercase().replace([' ', '-', ','], "");
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let family = if lower.contains("courier") {
        "Courier"
    } else if lower.contains("helvetica") || lower.contains("arial") {
        "Helvetica"
    } else if lower.contains("times") {
        "Times"
    } else if lower.contains("symbol") {
        "Symbol"
    } else if lower.contains("zapf") || lower.contains("dingbat") {
        "ZapfDingbats"
    } else {
        return None;
    };
    let key = match (family, bold, italic) {
        ("Times", false, false) => "Times-Roman".to_owned(),
        ("Times", true, false) => "Times-Bold".to_owned(),
        ("Times", false, true) => "Times-Italic".to_owned(),
        ("Times", true, true) => "Times-BoldItalic".to_owned(),
        ("Symbol", ..) | ("ZapfDingbats", ..) => family.to_owned(),
        (f, true, true) => format!("{f}-BoldOblique"),
        (f, true, false) => format!("{f}-Bold"),
        (f, false, true) => format!("{f}-Oblique"),
        (f, false, false) => f.to_owned(),
    };
    metrics::FONTS.iter().find(|(n, _)| *n == key).map(|(_, w)| *w)
}

/// A character's width in a standard font's metrics.
pub fn standard_width(metrics: &[(char, u16)], text: &str) -> Option<u16> {
    let c = text.chars().next()?;
    metrics.binary_search_by(|(k, _)| k.cmp(&c)).ok().and_then(|i| metrics.get(i)).map(|(_, w)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        let cases = [
            ("A", Some("A")),
            ("bullet", Some("•")),
            ("uni6578", Some("數")),
            ("uni00660066", Some("ff")),
            ("u1D400", Some("\u{1D400}")),
            ("f_i", Some("fi")),
            ("a.sc", Some("a")),
            ("cid16981", None),
            ("g123", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(glyph_to_unicode(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn standard_fonts_and_widths() {
        let helv = standard_font("Helvetica").expect("Helvetica");
        assert_eq!(standard_width(helv, "u"), Some(556));
        assert_eq!(standard_width(standard_font("Arial,Bold").expect("bold"), "i"), Some(278));
        assert_eq!(standard_width(standard_font("Courier").expect("Courier"), "W"), Some(600));
        assert!(standard_font("MSung-Light").is_none());
        assert_eq!(Base::WinAnsi.names()[0x95], Some("bullet"));
        assert_eq!(Base::WinAnsi.names()[0x7F], Some("bullet"));
    }
}
