//! CMap streams: ToUnicode maps and embedded code → CID maps.
//!
//! The parser is a tolerant PostScript tokenizer driven by the `begin…`/`end…`
//! section keywords; anything it does not understand is skipped, so a CMap
//! with junk in it still yields the sections it could read.

use std::collections::HashMap;

/// One codespace range: codes of `len` bytes whose bytes each lie between the
/// corresponding bytes of `lo` and `hi`.
#[derive(Debug, Clone)]
struct Codespace {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// A bfrange too big to expand (non-conforming, but common: `<0000> <FFFF>`).
#[derive(Debug, Clone)]
struct BigRange {
    len: usize,
    lo: u32,
    hi: u32,
    dst: Vec<u16>,
}

/// A parsed CMap. Keys are `(byte length, code)` because `<41>` and `<0041>`
/// are different codes.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    codespace: Vec<Codespace>,
    /// Code → text of one character: most entries, and a CMap may have
    /// 65,536 of them, so they are kept without an allocation each.
    chars: HashMap<Code, char>,
    /// Code → text of any other length.
    texts: HashMap<Code, Box<str>>,
    big: Vec<BigRange>,
    cids: HashMap<(usize, u32), u32>,
    cid_ranges: Vec<(usize, u32, u32, u32)>,
    /// `/usecmap` target, e.g. `Identity-H`, resolved by the caller.
    pub(crate) use_cmap: Option<String>,
    pub(crate) vertical: bool,
}

/// A code and its length in bytes (1 to 4): `<41>` and `<0041>` differ.
type Code = (u8, u32);

/// Big ranges are kept as ranges above this size; smaller ones are expanded.
const EXPAND_LIMIT: u32 = 256;
/// No CMap may define more entries than this (a defence against hostile files).
const MAX_ENTRIES: usize = 1 << 20;

impl CMap {
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let toks = tokenize(data);
        let mut i = 0;
        while let Some(tok) = toks.get(i) {
            i += 1;
            if let Tok::Name(n) = tok {
                if n == b"WMode" && toks.get(i) == Some(&Tok::Int(1)) {
                    cmap.vertical = true;
                }
                continue;
            }
            let Tok::Word(word) = tok else {
                continue;
            };
            match word.as_slice() {
                b"begincodespacerange" => i = cmap.codespace_section(&toks, i),
                b"beginbfchar" => i = cmap.bfchar_section(&toks, i),
                b"beginbfrange" => i = cmap.bfrange_section(&toks, i),
                b"begincidchar" => i = cmap.cidchar_section(&toks, i),
                b"begincidrange" => i = cmap.cidrange_section(&toks, i),
                b"usecmap" => {
                    if let Some(Tok::Name(n)) = i.checked_sub(2).and_then(|j| toks.get(j)) {
                        cmap.use_cmap = Some(String::from_utf8_lossy(n).into_owned());
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    fn entries(&self) -> usize {
        self.chars.len() + self.texts.len() + self.cids.len()
    }

    /// Maps a code to `text`, in place of whatever it mapped to before.
    fn set_unicode(&mut self, len: usize, code: u32, text: String) {
        let Ok(len) = u8::try_from(len) else {
            return;
        };
        let key = (len, code);
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => {
                self.texts.remove(&key);
                self.chars.insert(key, c);
            }
            _ => {
                self.chars.remove(&key);
                self.texts.insert(key, text.into_boxed_str());
            }
        }
    }

    fn codespace_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
            i += 2;
            if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
                continue;
            }
            let mut cs = Codespace { len: lo.len(), lo: [0; 4], hi: [0; 4] };
            cs.lo[..lo.len()].copy_from_slice(lo);
            cs.hi[..hi.len()].copy_from_slice(hi);
            self.codespace.push(cs);
        }
        i
    }

    fn bfchar_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
            i += 2;
            let (Some(code), Some(text)) = (code_of(src), dst_text(dst)) else {
                continue;
            };
            if self.entries() < MAX_ENTRIES {
                self.set_unicode(src.len(), code, text);
            }
        }
        i
    }

    fn bfrange_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(dst)) = (toks.get(i), toks.get(i + 1), toks.get(i + 2))
        {
            i += 3;
            let (Some(lo_code), Some(hi_code)) = (code_of(lo), code_of(hi)) else {
                continue;
            };
            if hi_code < lo_code {
                continue;
            }
            let len = lo.len();
            match dst {
                Tok::Hex(start) => {
                    let units = utf16_units(start);
                    if units.is_empty() {
                        continue;
                    }
                    if hi_code - lo_code >= EXPAND_LIMIT {
                        self.big.push(BigRange { len, lo: lo_code, hi: hi_code, dst: units });
                        continue;
                    }
                    for (k, code) in (lo_code..=hi_code).enumerate() {
                        if self.entries() >= MAX_ENTRIES {
                            break;
                        }
                        let text = incremented(&units, k as u32);
                        self.set_unicode(len, code, text);
                    }
                }
                Tok::Array(items) => {
                    for (code, item) in (lo_code..=hi_code).zip(items) {
                        if let Some(text) = dst_text(item)
                            && self.entries() < MAX_ENTRIES
                        {
                            self.set_unicode(len, code, text);
                        }
                    }
                }
                _ => {}
            }
        }
        i
    }

    fn cidchar_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) = (toks.get(i), toks.get(i + 1)) {
            i += 2;
            if let (Some(code), Ok(cid)) = (code_of(src), u32::try_from(*cid))
                && self.entries() < MAX_ENTRIES
            {
                self.cids.insert((src.len(), code), cid);
            }
        }
        i
    }

    fn cidrange_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
            (toks.get(i), toks.get(i + 1), toks.get(i + 2))
        {
            i += 3;
            if let (Some(lo_code), Some(hi_code), Ok(cid)) = (code_of(lo), code_of(hi), u32::try_from(*cid))
                && lo_code <= hi_code
            {
                self.cid_ranges.push((lo.len(), lo_code, hi_code, cid));
            }
        }
        i
    }

    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Splits `bytes` into codes `(code, byte length)`. Without a codespace,
    /// codes are `default_len` bytes long.
    pub(crate) fn split(&self, bytes: &[u8], default_len: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = bytes.get(i..).unwrap_or_default();
            let len = self.code_len(rest).unwrap_or(default_len).clamp(1, 4).min(rest.len());
            let code = rest.iter().take(len).fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            out.push((code, len));
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> Option<usize> {
        if self.codespace.is_empty() {
            return None;
        }
        let mut shortest = None;
        for cs in &self.codespace {
            shortest = Some(shortest.map_or(cs.len, |s: usize| s.min(cs.len)));
            let Some(bytes) = rest.get(..cs.len) else {
                continue;
            };
            let inside = bytes.iter().enumerate().all(|(k, b)| cs.lo[k] <= *b && *b <= cs.hi[k]);
            if inside {
                return Some(cs.len);
            }
        }
        // No range matches: the PDF spec says to consume as many bytes as the
        // ranges whose first byte matches, else the shortest code.
        let first = rest.first().copied().unwrap_or(0);
        self.codespace.iter().find(|cs| cs.lo[0] <= first && first <= cs.hi[0]).map(|cs| cs.len).or(shortest)
    }

    /// The text of a code in a ToUnicode CMap. Some writers put `cidrange`
    /// and `cidchar` sections in one, whose numbers are then code points
    /// (poppler reads them so).
    pub(crate) fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Ok(short) = u8::try_from(len) {
            let key = (short, code);
            if let Some(c) = self.chars.get(&key) {
                return Some(c.to_string());
            }
            if let Some(s) = self.texts.get(&key) {
                return Some(s.to_string());
            }
        }
        self.big
            .iter()
            .rev()
            .find(|r| r.len == len && r.lo <= code && code <= r.hi)
            .map(|r| incremented(&r.dst, code - r.lo))
            .or_else(|| self.cid(code, len).and_then(char::from_u32).filter(|c| !c.is_control()).map(String::from))
    }

    pub(crate) fn cid(&self, code: u32, len: usize) -> Option<u32> {
        if let Some(c) = self.cids.get(&(len, code)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .rev()
            .find(|(l, lo, hi, _)| *l == len && *lo <= code && code <= *hi)
            .map(|(_, lo, _, cid)| cid.saturating_add(code - lo))
    }

    pub(crate) fn has_cids(&self) -> bool {
        !self.cids.is_empty() || !self.cid_ranges.is_empty()
    }
}

fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)])).collect()
}

fn dst_text(tok: &Tok) -> Option<String> {
    match tok {
        Tok::Hex(bytes) => {
            let s: String = char::decode_utf16(utf16_units(bytes)).map(|r| r.unwrap_or('\u{FFFD}')).collect();
            Some(s)
        }
        Tok::Name(name) => super::encoding::glyph_name_to_unicode(&String::from_utf8_lossy(name)),
        _ => None,
    }
}

/// The destination of a bfrange for the `k`-th code: the last UTF-16 unit
/// incremented by `k`.
fn incremented(units: &[u16], k: u32) -> String {
    let mut units = units.to_vec();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(k as u16);
    }
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Name(Vec<u8>),
    Int(i64),
    Word(Vec<u8>),
    Array(Vec<Tok>),
    Other,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut pos = 0;
    let mut out = Vec::new();
    while let Some(tok) = next_token(data, &mut pos, 0) {
        out.push(tok);
    }
    out
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn next_token(data: &[u8], pos: &mut usize, depth: usize) -> Option<Tok> {
    loop {
        let b = *data.get(*pos)?;
        if b.is_ascii_whitespace() || b == 0 {
            *pos += 1;
        } else if b == b'%' {
            while data.get(*pos).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                *pos += 1;
            }
        } else {
            break;
        }
    }
    let b = *data.get(*pos)?;
    *pos += 1;
    Some(match b {
        b'<' if data.get(*pos) == Some(&b'<') => {
            *pos += 1;
            Tok::Other
        }
        b'<' => {
            let mut digits = Vec::new();
            while let Some(c) = data.get(*pos) {
                *pos += 1;
                if *c == b'>' {
                    break;
                }
                if c.is_ascii_hexdigit() {
                    digits.push(*c);
                }
            }
            if digits.len() % 2 == 1 {
                digits.push(b'0');
            }
            let bytes =
                digits.chunks(2).filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok()).collect();
            Tok::Hex(bytes)
        }
        b'>' => {
            if data.get(*pos) == Some(&b'>') {
                *pos += 1;
            }
            Tok::Other
        }
        b'[' if depth < 8 => {
            let mut items = Vec::new();
            loop {
                let save = *pos;
                match next_token(data, pos, depth + 1) {
                    None => break,
                    Some(Tok::Word(w)) if w == b"]" => break,
                    Some(t) => items.push(t),
                }
                if *pos == save {
                    break;
                }
            }
            Tok::Array(items)
        }
        b']' => Tok::Word(b"]".to_vec()),
        b'(' => {
            let mut level = 1;
            while let Some(c) = data.get(*pos) {
                *pos += 1;
                match c {
                    b'\\' => *pos += 1,
                    b'(' => level += 1,
                    b')' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            Tok::Other
        }
        b'/' => {
            let start = *pos;
            while data.get(*pos).is_some_and(|c| !is_delim(*c)) {
                *pos += 1;
            }
            Tok::Name(data.get(start..*pos).unwrap_or_default().to_vec())
        }
        _ => {
            let start = *pos - 1;
            while data.get(*pos).is_some_and(|c| !is_delim(*c)) {
                *pos += 1;
            }
            let word = data.get(start..*pos).unwrap_or_default();
            match std::str::from_utf8(word).ok().and_then(|s| s.parse::<i64>().ok()) {
                Some(n) => Tok::Int(n),
                None => Tok::Word(word.to_vec()),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_sections() {
        let cmap = CMap::parse(
            b"%!PS junk\n/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              3 beginbfchar <0001> <0041> <0002> <D83DDE00> <0003> <006600660069> endbfchar\n\
              2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0058> <0059>] endbfrange\n\
              1 beginbfrange <1000> <1FFF> <3000> endbfrange\n\
              endcmap CMapName currentdict /CMap defineresource pop end end",
        );
        let codes = cmap.split(&[0, 1, 0, 2, 0, 3, 0, 0x11, 0, 0x21, 0x10, 0x05], 1);
        let text: Vec<_> = codes.iter().map(|(c, l)| cmap.unicode(*c, *l).unwrap_or_default()).collect();
        assert_eq!(text, ["A", "😀", "ffi", "丁", "Y", "\u{3005}"]);
    }

    #[test]
    fn a_later_entry_replaces_an_earlier_one_of_either_length() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0001> <0041> <0002> <00660066> endbfchar\n\
              2 beginbfchar <0001> <00660069> <0002> <0042> endbfchar\n\
              1 beginbfchar <01> <0043> endbfchar",
        );
        assert_eq!(cmap.unicode(1, 2).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(2, 2).as_deref(), Some("B"));
        // The same number in one byte is another code.
        assert_eq!(cmap.unicode(1, 1).as_deref(), Some("C"));
        assert_eq!(cmap.unicode(1, 260), None);
    }

    #[test]
    fn mixed_codespace() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n\
              1 begincidrange <8140> <8142> 100 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        let codes = cmap.split(&[0x41, 0x81, 0x41, 0xFF], 2);
        assert_eq!(codes, [(0x41, 1), (0x8141, 2), (0xFF, 1)]);
        assert_eq!(cmap.cid(0x8141, 2), Some(101));
        assert_eq!(cmap.cid(0x41, 1), Some(34));
    }
}
