//! Character maps: ToUnicode (and embedded encoding) CMap streams, and the
//! predefined CJK CMaps a Type0 font can name instead of embedding one.

use std::collections::HashMap;

use encoding_rs::{BIG5, EUC_KR, Encoding, GB18030, SHIFT_JIS};

/// One code's length and value, as a code space splits a byte string.
pub type Code = (u8, u32);

/// A parsed CMap stream: code space, ToUnicode mappings and CID mappings.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Code space ranges: (length in bytes, low, high).
    space: Vec<(u8, u32, u32)>,
    chars: HashMap<Code, String>,
    /// bfrange with an incrementing destination: (len, lo, hi, first destination).
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    cids: HashMap<Code, u32>,
    cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// Writing mode from `/WMode 1`.
    pub vertical: bool,
}

impl CMap {
    /// Parses a CMap stream leniently: unknown tokens are skipped, so a
    /// damaged map still yields what it can.
    pub fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) {
                        cmap.space.push((lo.len().clamp(1, 4) as u8, be(lo), be(hi)));
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(dst)) = (tokens.get(i), tokens.get(i + 1)) {
                        let text = match dst {
                            Tok::Hex(d) => utf16(d),
                            Tok::Name(n) => super::encoding::glyph_to_unicode(n).unwrap_or_default(),
                            _ => break,
                        };
                        cmap.chars.insert(code_of(src), text);
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) {
                        let (len, lo_v) = code_of(lo);
                        let hi_v = be(hi);
                        match tokens.get(i + 2) {
                            Some(Tok::Hex(dst)) => {
                                cmap.ranges.push((len, lo_v, hi_v, units(dst)));
                                i += 3;
                            }
                            Some(Tok::Array(items)) => {
                                for (k, d) in items.iter().enumerate() {
                                    let Ok(k) = u32::try_from(k) else { break };
                                    if lo_v.saturating_add(k) > hi_v {
                                        break;
                                    }
                                    cmap.chars.insert((len, lo_v + k), utf16(d));
                                }
                                i += 3;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Word(w) if w == "begincidchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) = (tokens.get(i), tokens.get(i + 1)) {
                        cmap.cids.insert(code_of(src), *cid);
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "begincidrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
                        (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
                    {
                        let (len, lo_v) = code_of(lo);
                        cmap.cid_ranges.push((len, lo_v, be(hi), *cid));
                        i += 3;
                    }
                }
                Tok::Name(n) if n == "WMode" => {
                    cmap.vertical = matches!(tokens.get(i + 1), Some(Tok::Int(1)));
                    i += 1;
                }
                _ => i += 1,
            }
        }
        cmap
    }

    /// The next code at the start of `bytes` by the code space ranges; a
    /// byte matching no range is taken alone (or as `fallback` bytes).
    pub fn next_code(&self, bytes: &[u8], fallback: usize) -> (Code, usize) {
        for len in 1..=4usize {
            let Some(prefix) = bytes.get(..len) else { break };
            let v = be(prefix);
            if self.space.iter().any(|&(l, lo, hi)| usize::from(l) == len && v >= lo && v <= hi) {
                return ((len as u8, v), len);
            }
        }
        let len = if self.space.is_empty() {
            fallback
        } else {
            self.space.iter().map(|s| usize::from(s.0)).min().unwrap_or(1)
        };
        let len = len.clamp(1, bytes.len().max(1));
        let take = &bytes[..len.min(bytes.len())];
        ((take.len() as u8, be(take)), take.len().max(1))
    }

    /// The Unicode text a code maps to.
    pub fn lookup(&self, code: Code) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        let (len, v) = code;
        self.ranges.iter().find(|r| r.0 == len && v >= r.1 && v <= r.2).map(|(_, lo, _, dst)| {
            let mut units = dst.clone();
            if let Some(last) = units.last_mut() {
                // Destinations increment in their last UTF-16 unit.
                *last = last.wrapping_add((v - lo) as u16);
            }
            String::from_utf16_lossy(&units)
        })
    }

    /// The CID of a code, for embedded (non-Identity) encoding CMaps.
    pub fn cid(&self, code: Code) -> Option<u32> {
        if let Some(c) = self.cids.get(&code) {
            return Some(*c);
        }
        let (len, v) = code;
        self.cid_ranges.iter().find(|r| r.0 == len && v >= r.1 && v <= r.2).map(|r| r.3 + (v - r.1))
    }
}

/// A predefined CMap that decodes bytes straight to Unicode, without the
/// CID tables: the Unicode CMaps by their encoding form, the legacy CJK
/// ones through the charset they index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    Identity,
    Ucs2,
    Utf16,
    Utf8,
    Utf32,
    Charset(&'static Encoding),
}

impl Predefined {
    /// Recognises a CMap name, e.g. "UniCNS-UCS2-H" or "ETen-B5-H".
    pub fn by_name(name: &str) -> Option<(Predefined, bool)> {
        let vertical = name.ends_with("-V");
        let base = name.trim_end_matches("-H").trim_end_matches("-V");
        let p = if base.starts_with("Identity") {
            Predefined::Identity
        } else if base.starts_with("Uni") && base.contains("UCS2") {
            Predefined::Ucs2
        } else if base.starts_with("Uni") && base.contains("UTF16") {
            Predefined::Utf16
        } else if base.starts_with("Uni") && base.contains("UTF8") {
            Predefined::Utf8
        } else if base.starts_with("Uni") && base.contains("UTF32") {
            Predefined::Utf32
        } else if base.contains("B5") {
            Predefined::Charset(BIG5)
        } else if base.starts_with("GB") {
            Predefined::Charset(GB18030)
        } else if base.contains("RKSJ") || base.starts_with("90") || base.starts_with("83pv") {
            Predefined::Charset(SHIFT_JIS)
        } else if base.starts_with("KSC") || base.contains("UHC") {
            Predefined::Charset(EUC_KR)
        } else {
            return None;
        };
        Some((p, vertical))
    }

    /// Splits the next code off `bytes` and decodes it; `None` text when
    /// this CMap alone cannot tell the character (Identity).
    pub fn next(&self, bytes: &[u8]) -> (u32, usize, Option<String>) {
        let take = |n: usize| bytes.get(..n).map_or_else(|| be(bytes), be);
        match self {
            Predefined::Identity => (take(2), 2.min(bytes.len()).max(1), None),
            Predefined::Ucs2 => {
                let v = take(2);
                (v, 2.min(bytes.len()).max(1), char::from_u32(v).map(String::from))
            }
            Predefined::Utf16 => {
                let hi = take(2);
                if (0xD800..0xDC00).contains(&hi) && bytes.len() >= 4 {
                    let lo = be(&bytes[2..4]);
                    let text = String::from_utf16(&[hi as u16, lo as u16]).ok();
                    ((hi << 16) | lo, 4, text)
                } else {
                    (hi, 2.min(bytes.len()).max(1), char::from_u32(hi).map(String::from))
                }
            }
            Predefined::Utf8 => {
                let n = match bytes.first() {
                    Some(b) if *b >= 0xF0 => 4,
                    Some(b) if *b >= 0xE0 => 3,
                    Some(b) if *b >= 0xC0 => 2,
                    _ => 1,
                }
                .min(bytes.len())
                .max(1);
                let text = std::str::from_utf8(&bytes[..n.min(bytes.len())]).ok().map(str::to_owned);
                (take(n), n, text)
            }
            Predefined::Utf32 => {
                let v = take(4);
                (v, 4.min(bytes.len()).max(1), char::from_u32(v).map(String::from))
            }
            Predefined::Charset(enc) => {
                // These charsets are one byte below 0x81 and two above.
                let n = if bytes.first().is_some_and(|&b| b > 0x80 && b != 0xFF) && bytes.len() >= 2 { 2 } else { 1 };
                let (text, bad) = enc.decode_without_bom_handling(&bytes[..n.min(bytes.len())]);
                let mut text = text.into_owned();
                if *enc == BIG5 {
                    text = crate::layout::plain::big5_full_width(&text);
                }
                (take(n), n, (!bad).then_some(text))
            }
        }
    }
}

/// Adobe's CJK character collections put the printable ASCII characters,
/// proportional, at CIDs 1–95 (space = 1): the CID of a code that decodes
/// to ASCII, for looking up its width in `/W`.
pub fn ascii_cid(text: &str) -> Option<u32> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if (' '..='~').contains(&c) => Some(c as u32 - 31),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Int(u32),
    Name(String),
    Word(String),
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..].iter().position(|&b| b == b'>').map_or(data.len(), |p| start + p);
                let hex = parse_hex(&data[start..end]);
                match array.as_mut() {
                    Some(a) => a.push(hex),
                    None => out.push(Tok::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
                i += 1;
            }
            b'(' => {
                // Literal strings appear only in the CMap's header; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(String::from_utf8_lossy(&data[start..i]).into_owned()));
            }
            _ if is_delim(c) => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                match std::str::from_utf8(word).ok().and_then(|w| w.parse::<u32>().ok()) {
                    Some(n) => out.push(Tok::Int(n)),
                    None => out.push(Tok::Word(String::from_utf8_lossy(word).into_owned())),
                }
            }
        }
    }
    out
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn parse_hex(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s.iter().filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8)).collect();
    digits.chunks(2).map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0)).collect()
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn code_of(bytes: &[u8]) -> Code {
    (bytes.len().clamp(1, 4) as u8, be(bytes))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0))).collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&units(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        3 beginbfchar <0003> <0020> <0011> <D835DC00> <0012> <00660066> endbfchar
        2 beginbfrange <0020> <0022> <6578> <0030> <0031> [<2F08> <2F1D>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_bfrange_surrogates_and_ligatures() {
        let m = CMap::parse(TO_UNICODE);
        let got: Vec<Option<String>> =
            [0x03, 0x11, 0x12, 0x20, 0x22, 0x30, 0x31, 0x99].iter().map(|&c| m.lookup((2, c))).collect();
        let want = [" ", "\u{1D400}", "ff", "數", "數"].map(str::to_owned);
        assert_eq!(got[0].as_deref(), Some(" "));
        assert_eq!(got[1].as_deref(), Some(&*want[1]));
        assert_eq!(got[2].as_deref(), Some("ff"));
        assert_eq!(got[3].as_deref(), Some("\u{6578}"));
        assert_eq!(got[4].as_deref(), Some("\u{657A}"));
        assert_eq!(got[5].as_deref(), Some("\u{2F08}"));
        assert_eq!(got[6].as_deref(), Some("\u{2F1D}"));
        assert_eq!(got[7], None);
        assert_eq!(m.next_code(&[0x00, 0x20, 0x41], 1), ((2, 0x20), 2));
    }

    #[test]
    fn mixed_code_lengths() {
        let m = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange");
        assert_eq!(m.next_code(&[0x41, 0x81, 0x40], 1), ((1, 0x41), 1));
        assert_eq!(m.next_code(&[0x81, 0x40], 1), ((2, 0x8140), 2));
    }

    #[test]
    fn predefined_cmaps_decode_directly() {
        let (p, v) = Predefined::by_name("UniCNS-UCS2-H").expect("known");
        assert!(!v);
        assert_eq!(p.next(&[0xFF, 0x0F]).2.as_deref(), Some("／"));
        let (p, _) = Predefined::by_name("UniGB-UTF16-V").expect("known");
        assert_eq!(p.next(&[0xD8, 0x40, 0xDC, 0x0B]).2.as_deref(), Some("\u{2000B}"));
        let (big5, _) = Predefined::by_name("ETen-B5-H").expect("known");
        let (bytes, _, _) = BIG5.encode("資");
        assert_eq!(big5.next(&bytes).2.as_deref(), Some("資"));
        assert_eq!(big5.next(b"A").2.as_deref(), Some("A"));
        let (gb, _) = Predefined::by_name("GBK-EUC-H").expect("known");
        let (bytes, _, _) = GB18030.encode("数");
        assert_eq!(gb.next(&bytes).2.as_deref(), Some("数"));
        assert_eq!(Predefined::by_name("Identity-V"), Some((Predefined::Identity, true)));
        assert_eq!(ascii_cid("A"), Some(34));
    }
}
