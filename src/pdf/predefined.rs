//! The predefined CJK CMaps, decoded straight to Unicode.
//!
//! Adobe's predefined CMaps map codes to CIDs; we skip the CIDs and decode the
//! codes themselves: for the `Uni*` CMaps the code is a Unicode value, and for
//! the legacy ones (Big5, GBK, Shift-JIS, EUC) it is a byte sequence in a
//! character set that encoding_rs knows. This is exact where poppler, going
//! through CIDs, turns some characters into look-alikes.

use encoding_rs::{BIG5, EUC_JP, EUC_KR, Encoding, GB18030, SHIFT_JIS};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Identity,
    Ucs2,
    Utf16,
    Utf8,
    Utf32,
    Big5,
    Gb,
    ShiftJis,
    EucKr,
    EucJp,
    /// 7-bit two-byte codes (`GB-H`, `KSC-H`, `H`): the EUC form minus 0x80.
    SevenBit(&'static Encoding),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Predefined {
    kind: Kind,
    pub(crate) vertical: bool,
}

impl Predefined {
    /// The predefined CMap called `name`, if we can decode it.
    pub(crate) fn named(name: &str) -> Option<Predefined> {
        // The JIS X 0208 CMaps are called plainly `H` and `V`.
        let (base, vertical) = match name {
            "H" => ("", false),
            "V" => ("", true),
            _ => match name.strip_suffix("-V") {
                Some(b) => (b, true),
                None => (name.strip_suffix("-H").unwrap_or(name), false),
            },
        };
        let kind = if base == "Identity" {
            Kind::Identity
        } else if base.starts_with("Uni") {
            if base.contains("UCS2") {
                Kind::Ucs2
            } else if base.contains("UTF16") {
                Kind::Utf16
            } else if base.contains("UTF8") {
                Kind::Utf8
            } else if base.contains("UTF32") {
                Kind::Utf32
            } else {
                return None;
            }
        } else if base.contains("B5") {
            Kind::Big5
        } else if base == "GB" {
            Kind::SevenBit(GB18030)
        } else if base.starts_with("GB") && !base.starts_with("GBT") {
            Kind::Gb
        } else if base.contains("RKSJ") {
            Kind::ShiftJis
        } else if base.starts_with("KSC") {
            if base == "KSC" { Kind::SevenBit(EUC_KR) } else { Kind::EucKr }
        } else if base.ends_with("EUC") && !base.starts_with("CNS") {
            Kind::EucJp
        } else if matches!(base, "" | "78" | "Ext" | "Add" | "NWP") {
            Kind::SevenBit(EUC_JP)
        } else {
            return None;
        };
        Some(Predefined { kind, vertical })
    }

    pub(crate) fn is_identity(&self) -> bool {
        self.kind == Kind::Identity
    }

    /// Splits a string into `(code, byte length)` pairs.
    pub(crate) fn split(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
            let len = self.code_len(rest).clamp(1, 4).min(rest.len());
            let code = rest.iter().take(len).fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            out.push((code, len));
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        let b = rest.first().copied().unwrap_or(0);
        let next = rest.get(1).copied().unwrap_or(0);
        match self.kind {
            Kind::Identity | Kind::Ucs2 | Kind::SevenBit(_) => 2,
            Kind::Utf32 => 4,
            Kind::Utf16 => {
                let unit = u16::from_be_bytes([b, next]);
                let low = u16::from_be_bytes([rest.get(2).copied().unwrap_or(0), rest.get(3).copied().unwrap_or(0)]);
                if (0xD800..0xDC00).contains(&unit) && (0xDC00..0xE000).contains(&low) { 4 } else { 2 }
            }
            Kind::Utf8 => match b {
                0xF0..=0xF7 => 4,
                0xE0..=0xEF => 3,
                0xC0..=0xDF => 2,
                _ => 1,
            },
            Kind::Big5 => {
                if b <= 0x80 {
                    1
                } else {
                    2
                }
            }
            Kind::Gb => match (b, next) {
                (0x81..=0xFE, 0x30..=0x39) => 4,
                (0x81..=0xFE, _) => 2,
                _ => 1,
            },
            Kind::ShiftJis => match b {
                0x81..=0x9F | 0xE0..=0xFC => 2,
                _ => 1,
            },
            Kind::EucKr => {
                if b >= 0x81 {
                    2
                } else {
                    1
                }
            }
            Kind::EucJp => match b {
                0x8F => 3,
                0x8E | 0xA1..=0xFE => 2,
                _ => 1,
            },
        }
    }

    /// The Unicode text of a code, or `None` for Identity and codes the
    /// character set does not assign.
    pub(crate) fn unicode(&self, code: u32, len: usize) -> Option<String> {
        let bytes = code.to_be_bytes();
        let bytes = bytes.get(4 - len.min(4)..)?;
        let text = match self.kind {
            Kind::Identity => return None,
            Kind::Ucs2 => char::from_u32(code)?.to_string(),
            Kind::Utf16 => {
                let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                String::from_utf16(&units).ok()?
            }
            Kind::Utf8 => String::from_utf8(bytes.to_vec()).ok()?,
            Kind::Utf32 => char::from_u32(code)?.to_string(),
            Kind::Big5 => decode(BIG5, bytes)?,
            Kind::Gb => decode(GB18030, bytes)?,
            Kind::ShiftJis => decode(SHIFT_JIS, bytes)?,
            Kind::EucKr => decode(EUC_KR, bytes)?,
            Kind::EucJp => decode(EUC_JP, bytes)?,
            Kind::SevenBit(enc) => {
                let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
                decode(enc, &high)?
            }
        };
        (!text.is_empty() && !text.contains('\0')).then_some(text)
    }
}

fn decode(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(name: &str, bytes: &[u8]) -> String {
        let p = Predefined::named(name).expect("known cmap");
        p.split(bytes).iter().map(|(c, l)| p.unicode(*c, *l).unwrap_or_else(|| "?".into())).collect()
    }

    #[test]
    fn decodes() {
        let (big5, _, _) = BIG5.encode("資料一線通 A");
        assert_eq!(run("ETen-B5-H", &big5), "資料一線通 A");
        let (gbk, _, _) = GB18030.encode("数据 1");
        assert_eq!(run("GBK-EUC-H", &gbk), "数据 1");
        assert_eq!(run("UniCNS-UCS2-H", &[0x8C, 0xC7, 0xFF, 0x0F]), "資／");
        assert_eq!(run("UniGB-UTF16-V", &[0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x41]), "😀A");
        assert_eq!(run("UniJIS-UTF8-H", "日本".as_bytes()), "日本");
        let (sjis, _, _) = SHIFT_JIS.encode("日本a");
        assert_eq!(run("90ms-RKSJ-H", &sjis), "日本a");
        assert_eq!(run("KSC-H", &[0x30, 0x21]), "가");
        // JIS X 0208 row 16 cell 1 (0x3021) is 亜.
        assert_eq!(run("H", &[0x30, 0x21]), "亜");
        assert!(Predefined::named("V").is_some_and(|p| p.vertical));
        assert!(Predefined::named("Identity-V").is_some_and(|p| p.vertical && p.is_identity()));
        assert!(Predefined::named("Adobe-Foo").is_none());
    }
}
