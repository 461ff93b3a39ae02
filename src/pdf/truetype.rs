//! Just enough of an embedded TrueType font to read its `cmap` table
//! backwards: glyph id → Unicode, for Identity-encoded fonts that come
//! without a ToUnicode map.

use std::collections::HashMap;

/// Fonts with more mappings than this are hostile or broken; stop there.
const MAX_MAPPINGS: usize = 1 << 17;

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*data.get(at)?, *data.get(at + 1)?, *data.get(at + 2)?, *data.get(at + 3)?]))
}

/// Glyph id → character, from the best Unicode subtable of `cmap`.
pub(crate) fn glyph_unicode(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = table(font, b"cmap") else {
        return out;
    };
    let count = u16_at(cmap, 2).unwrap_or(0);
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(count) {
        let rec = 4 + i * 8;
        let (Some(platform), Some(encoding), Some(offset)) =
            (u16_at(cmap, rec), u16_at(cmap, rec + 2), u32_at(cmap, rec + 4))
        else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 3,
            (0, _) => 2,
            (3, 1) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset as usize));
        }
    }
    let Some((_, offset)) = best else {
        return out;
    };
    let Some(sub) = cmap.get(offset..) else {
        return out;
    };
    let mut add = |code: u32, gid: u32| {
        if let (Ok(gid), Some(c)) = (u16::try_from(gid), char::from_u32(code))
            && gid != 0
            && out.len() < MAX_MAPPINGS
        {
            out.entry(gid).or_insert(c);
        }
    };
    match u16_at(sub, 0) {
        Some(4) => format4(sub, &mut add),
        Some(12) => format12(sub, &mut add),
        _ => {}
    }
    out
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = u16_at(font, 4)?;
    (0..usize::from(count)).find_map(|i| {
        let rec = 12 + i * 16;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        font.get(offset..offset.checked_add(length)?)
    })
}

fn format4(sub: &[u8], add: &mut impl FnMut(u32, u32)) {
    let segs = usize::from(u16_at(sub, 6).unwrap_or(0) / 2);
    let ends = 14;
    let starts = ends + 2 * segs + 2;
    let deltas = starts + 2 * segs;
    let range_offsets = deltas + 2 * segs;
    for s in 0..segs {
        let (Some(end), Some(start), Some(delta), Some(ro)) = (
            u16_at(sub, ends + 2 * s),
            u16_at(sub, starts + 2 * s),
            u16_at(sub, deltas + 2 * s),
            u16_at(sub, range_offsets + 2 * s),
        ) else {
            return;
        };
        if start > end {
            continue;
        }
        for c in start..=end {
            if c == 0xFFFF {
                break;
            }
            let gid = if ro == 0 {
                c.wrapping_add(delta)
            } else {
                let at = range_offsets + 2 * s + usize::from(ro) + 2 * usize::from(c - start);
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            add(u32::from(c), u32::from(gid));
        }
    }
}

fn format12(sub: &[u8], add: &mut impl FnMut(u32, u32)) {
    let groups = u32_at(sub, 12).unwrap_or(0) as usize;
    for g in 0..groups.min(MAX_MAPPINGS) {
        let at = 16 + g * 12;
        let (Some(start), Some(end), Some(gid)) = (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8)) else {
            return;
        };
        for (k, c) in (start..=end.min(start.saturating_add(MAX_MAPPINGS as u32))).enumerate() {
            add(c, gid.saturating_add(k as u32));
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A font file with only a `cmap` table holding one format 4 subtable.
    pub(crate) fn tiny_font(segments: &[(u16, u16, u16)]) -> Vec<u8> {
        let mut sub = Vec::new();
        let segs = segments.len() as u16 + 1;
        for v in [4u16, 0, 0, segs * 2, 0, 0, 0] {
            sub.extend(v.to_be_bytes());
        }
        let all: Vec<(u16, u16, u16)> = segments.iter().copied().chain([(0xFFFF, 0xFFFF, 1)]).collect();
        all.iter().for_each(|(_, e, _)| sub.extend(e.to_be_bytes()));
        sub.extend(0u16.to_be_bytes());
        all.iter().for_each(|(s, _, _)| sub.extend(s.to_be_bytes()));
        all.iter().for_each(|(s, _, g)| sub.extend(g.wrapping_sub(*s).to_be_bytes()));
        all.iter().for_each(|_| sub.extend(0u16.to_be_bytes()));
        let mut cmap = Vec::new();
        for v in [0u16, 1, 3, 1] {
            cmap.extend(v.to_be_bytes());
        }
        cmap.extend(12u32.to_be_bytes());
        cmap.extend(sub);
        let mut font = Vec::new();
        font.extend(0x0001_0000u32.to_be_bytes());
        for v in [1u16, 0, 0, 0] {
            font.extend(v.to_be_bytes());
        }
        font.extend(b"cmap");
        font.extend(0u32.to_be_bytes());
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    #[test]
    fn reads_format_4_backwards() {
        // 'A'..'C' → glyphs 5..7, 資 → glyph 9.
        let map = glyph_unicode(&tiny_font(&[(0x41, 0x43, 5), (0x8CC7, 0x8CC7, 9)]));
        let mut got: Vec<_> = map.into_iter().collect();
        got.sort();
        assert_eq!(got, [(5, 'A'), (6, 'B'), (7, 'C'), (9, '資')]);
    }
}
