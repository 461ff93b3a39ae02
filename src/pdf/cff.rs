//! Just enough of a CFF font program (Type 1C) to read its built-in encoding
//! as glyph names, for simple fonts whose dictionary names no encoding.
//! (Adobe Technical Note 5176.)

use super::data::cff_strings::STANDARD_STRINGS;

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?])))
}

fn offset_at(data: &[u8], at: usize, size: usize) -> Option<usize> {
    let bytes = data.get(at..at.checked_add(size)?)?;
    Some(bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b)))
}

/// An INDEX at `at`: its items and the offset just past it.
fn index(data: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = u16_at(data, at)?;
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*data.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let offsets = at + 3;
    let base = offsets + (count + 1) * size - 1;
    let mut items = Vec::with_capacity(count);
    for i in 0..count {
        let start = offset_at(data, offsets + i * size, size)?;
        let end = offset_at(data, offsets + (i + 1) * size, size)?;
        items.push(data.get(base + start..base + end)?);
    }
    let end = base + offset_at(data, offsets + count * size, size)?;
    Some((items, end))
}

/// The operands of the Top DICT operators we need: charset (15), Encoding
/// (16), CharStrings (17), and whether the font is CID-keyed (12 30).
#[derive(Default)]
struct TopDict {
    charset: usize,
    encoding: usize,
    char_strings: Option<usize>,
    cid_keyed: bool,
}

fn top_dict(dict: &[u8]) -> TopDict {
    let mut top = TopDict::default();
    let mut operands: Vec<f64> = Vec::new();
    let mut i = 0;
    while let Some(&b0) = dict.get(i) {
        i += 1;
        let operand = match b0 {
            32..=246 => f64::from(b0) - 139.0,
            247..=250 => {
                let b1 = f64::from(dict.get(i).copied().unwrap_or(0));
                i += 1;
                (f64::from(b0) - 247.0) * 256.0 + b1 + 108.0
            }
            251..=254 => {
                let b1 = f64::from(dict.get(i).copied().unwrap_or(0));
                i += 1;
                -(f64::from(b0) - 251.0) * 256.0 - b1 - 108.0
            }
            28 => {
                let v = dict.get(i..i + 2).map_or(0, |b| i16::from_be_bytes([b[0], b[1]]));
                i += 2;
                f64::from(v)
            }
            29 => {
                let v = dict.get(i..i + 4).map_or(0, |b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]));
                i += 4;
                f64::from(v)
            }
            30 => {
                // A real number: nibbles up to an 0xF; its value is never needed here.
                while let Some(b) = dict.get(i) {
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                0.0
            }
            _ => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(dict.get(i - 1).copied().unwrap_or(0))
                } else {
                    u16::from(b0)
                };
                let last = operands.last().copied().unwrap_or(0.0).max(0.0) as usize;
                match op {
                    15 => top.charset = last,
                    16 => top.encoding = last,
                    17 => top.char_strings = Some(last),
                    1230 => top.cid_keyed = true,
                    _ => {}
                }
                operands.clear();
                continue;
            }
        };
        operands.push(operand);
    }
    top
}

/// `(code, glyph name)` pairs of the font's own encoding, or nothing when it
/// uses the standard encoding (or cannot be read).
pub(crate) fn builtin_encoding(data: &[u8]) -> Vec<(u8, String)> {
    read(data).unwrap_or_default()
}

fn read(data: &[u8]) -> Option<Vec<(u8, String)>> {
    let header = usize::from(*data.get(2)?);
    let (_, after_names) = index(data, header)?;
    let (tops, after_tops) = index(data, after_names)?;
    let (strings, _) = index(data, after_tops)?;
    let top = top_dict(tops.first()?);
    // Encodings 0 and 1 are the predefined Standard and Expert ones.
    if top.cid_keyed || top.encoding <= 1 {
        return None;
    }
    let (glyphs, _) = index(data, top.char_strings?)?;
    let sids = charset(data, top.charset, glyphs.len())?;
    let name = |sid: usize| -> Option<String> {
        match STANDARD_STRINGS.get(sid) {
            Some(s) => Some((*s).to_string()),
            None => strings.get(sid - STANDARD_STRINGS.len()).map(|s| String::from_utf8_lossy(s).into_owned()),
        }
    };

    let at = top.encoding;
    let format = *data.get(at)?;
    let mut out = Vec::new();
    let mut after = at + 1;
    match format & 0x7F {
        0 => {
            let n = usize::from(*data.get(at + 1)?);
            for gid in 1..=n {
                let code = *data.get(at + 1 + gid)?;
                if let Some(n) = sids.get(gid).and_then(|sid| name(*sid)) {
                    out.push((code, n));
                }
            }
            after = at + 2 + n;
        }
        1 => {
            let ranges = usize::from(*data.get(at + 1)?);
            let mut gid = 1;
            for r in 0..ranges {
                let first = *data.get(at + 2 + r * 2)?;
                let left = *data.get(at + 3 + r * 2)?;
                for k in 0..=left {
                    if let (Some(code), Some(n)) = (first.checked_add(k), sids.get(gid).and_then(|sid| name(*sid))) {
                        out.push((code, n));
                    }
                    gid += 1;
                }
            }
            after = at + 2 + ranges * 2;
        }
        _ => {}
    }
    if format & 0x80 != 0 {
        let n = usize::from(*data.get(after)?);
        for s in 0..n {
            let code = *data.get(after + 1 + s * 3)?;
            if let Some(n) = u16_at(data, after + 2 + s * 3).and_then(name) {
                out.push((code, n));
            }
        }
    }
    Some(out)
}

/// Glyph id → SID.
fn charset(data: &[u8], at: usize, glyphs: usize) -> Option<Vec<usize>> {
    let glyphs = glyphs.min(65536);
    // Predefined charsets 1 and 2 (Expert) are left out: expert fonts carry no
    // text a plan needs.
    if at == 0 {
        return Some((0..glyphs.min(229)).collect());
    }
    if at <= 2 {
        return None;
    }
    let mut sids = vec![0];
    match *data.get(at)? {
        0 => {
            for gid in 1..glyphs {
                sids.push(u16_at(data, at + 1 + (gid - 1) * 2)?);
            }
        }
        format @ (1 | 2) => {
            let mut p = at + 1;
            while sids.len() < glyphs {
                let first = u16_at(data, p)?;
                let left = if format == 1 { usize::from(*data.get(p + 2)?) } else { u16_at(data, p + 2)? };
                p += if format == 1 { 3 } else { 4 };
                sids.extend((first..=first + left).take(glyphs - sids.len()));
            }
        }
        _ => return None,
    }
    Some(sids)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn index_bytes(items: &[&[u8]]) -> Vec<u8> {
        let mut out = (items.len() as u16).to_be_bytes().to_vec();
        out.push(1);
        let mut off = 1u8;
        out.push(off);
        for it in items {
            off += it.len() as u8;
            out.push(off);
        }
        items.iter().for_each(|it| out.extend(*it));
        out
    }

    /// A CFF font with glyphs .notdef, A, "uni4E2D" (a custom string) and
    /// space, encoded at codes 0x21, 0x22 and 0x20.
    pub(crate) fn tiny_cff() -> Vec<u8> {
        let names = index_bytes(&[b"Tiny"]);
        let strings = index_bytes(&[b"uni4E2D"]);
        let gsubrs = index_bytes(&[]);
        let charstrings = index_bytes(&[&[14], &[14], &[14], &[14]]);
        // Top DICT: offsets are fixed-width (29 = 4-byte integer) so the
        // dictionary's size does not depend on them.
        let top_len = 3 * 6;
        let top_index_len = 2 + 1 + 2 + top_len;
        let start = 4 + names.len() + top_index_len + strings.len() + gsubrs.len();
        let charset_at = start;
        let charset = [0u8, 0, 34, 1, 135, 0, 1];
        let encoding_at = charset_at + charset.len();
        let encoding = [0u8, 3, 0x21, 0x22, 0x20];
        let charstrings_at = encoding_at + encoding.len();
        let mut top = Vec::new();
        for (value, op) in [(charset_at, 15u8), (encoding_at, 16), (charstrings_at, 17)] {
            top.push(29);
            top.extend((value as i32).to_be_bytes());
            top.push(op);
        }
        let mut out = vec![1, 0, 4, 1];
        out.extend(names);
        out.extend(index_bytes(&[&top]));
        out.extend(strings);
        out.extend(gsubrs);
        out.extend(charset);
        out.extend(encoding);
        out.extend(charstrings);
        out
    }

    #[test]
    fn reads_a_custom_encoding() {
        let got = builtin_encoding(&tiny_cff());
        let want = [(0x21, "A"), (0x22, "uni4E2D"), (0x20, "space")].map(|(c, n)| (c, n.to_string()));
        assert_eq!(got, want);
    }
}
