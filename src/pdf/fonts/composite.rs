//! Composite (Type 0) fonts: multi-byte codes through a CMap, CID widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::super::cmap::CMap;
use super::super::data::cid::Collection;
use super::super::encoding::unswap_ligature;
use super::super::obj;
use super::super::predefined::Predefined;
use super::super::truetype;
use super::{DEFAULT_VERTICAL, Decoded, Font, Kind, SymbolSet, descriptor_metrics, to_unicode};

#[derive(Debug)]
pub(super) struct Composite {
    codes: Codes,
    to_unicode: Option<CMap>,
    dw: f32,
    widths: HashMap<u32, f32>,
    width_ranges: Vec<(u32, u32, f32)>,
    /// The character collection puts printable ASCII at CIDs 1–95.
    ascii_cids: bool,
    /// The embedded TrueType program's own cmap, read backwards, for fonts
    /// without ToUnicode.
    glyph_text: Option<GlyphText>,
    /// The Adobe character collection the CIDs belong to, for CIDs that
    /// ToUnicode does not map.
    collection: Option<Collection>,
    symbols: Option<SymbolSet>,
    /// `/ToUnicode /Identity-H` (a name, not a CMap stream): the codes are
    /// UCS-2, as poppler and MuPDF read them.
    identity_unicode: bool,
}

#[derive(Debug)]
struct GlyphText {
    unicode: HashMap<u16, char>,
    /// `/CIDToGIDMap` as a table; `None` is Identity.
    cid_to_gid: Option<Vec<u16>>,
}

impl GlyphText {
    fn load(doc: &Document, cid_font: &Dictionary) -> Option<GlyphText> {
        let fd = obj::dict(doc, cid_font, b"FontDescriptor")?;
        let program = obj::stream_bytes(obj::stream(doc, fd, b"FontFile2")?)?;
        let unicode = truetype::glyph_unicode(&program);
        if unicode.is_empty() {
            return None;
        }
        let cid_to_gid = obj::stream(doc, cid_font, b"CIDToGIDMap")
            .and_then(obj::stream_bytes)
            .map(|b| b.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect());
        Some(GlyphText { unicode, cid_to_gid })
    }

    fn text(&self, cid: u32) -> Option<String> {
        let gid = match &self.cid_to_gid {
            Some(table) => *table.get(usize::try_from(cid).ok()?)?,
            None => u16::try_from(cid).ok()?,
        };
        self.unicode.get(&gid).map(|c| c.to_string())
    }
}

#[derive(Debug)]
enum Codes {
    Predefined(Predefined),
    Embedded(Box<CMap>),
}

pub(super) fn composite(doc: &Document, dict: &Dictionary, name: String) -> Font {
    let descendant = obj::array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .map(|d| obj::resolve(doc, d))
        .and_then(|d| d.as_dict().ok());
    let empty = Dictionary::new();
    let cid_font = descendant.unwrap_or(&empty);
    let (ascent, descent, _) = descriptor_metrics(doc, cid_font);

    let codes = match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => Predefined::named(&String::from_utf8_lossy(n)).map(Codes::Predefined),
        Some(Object::Stream(s)) => obj::stream_bytes(s).map(|data| {
            let cmap = CMap::parse(&data);
            let used = cmap.use_cmap.as_deref().and_then(Predefined::named);
            match used {
                Some(p) if !cmap.has_cids() => Codes::Predefined(p),
                _ => Codes::Embedded(Box::new(cmap)),
            }
        }),
        _ => None,
    };
    // An unknown encoding still has to split strings: 2-byte codes are the
    // usual guess.
    let codes = codes.unwrap_or_else(|| Codes::Embedded(Box::default()));
    let vertical = match &codes {
        Codes::Predefined(p) => p.vertical,
        Codes::Embedded(c) => c.vertical,
    };

    let vertical_metrics = match obj::numbers(doc, cid_font, b"DW2").as_deref() {
        Some([vy, w1]) if *w1 < 0.0 => (vy / 1000.0, w1 / 1000.0),
        _ => DEFAULT_VERTICAL,
    };
    let dw = obj::num(doc, cid_font, b"DW").unwrap_or(1000.0) / 1000.0;
    let mut widths = HashMap::new();
    let mut width_ranges = Vec::new();
    if let Some(w) = obj::array(doc, cid_font, b"W") {
        parse_w(doc, w, &mut widths, &mut width_ranges);
    }
    let ordering = obj::dict(doc, cid_font, b"CIDSystemInfo")
        .and_then(|csi| obj::get(doc, csi, b"Ordering"))
        .and_then(|o| o.as_str().ok())
        .unwrap_or_default();
    let ascii_cids = matches!(ordering, b"CNS1" | b"GB1" | b"Korea1");

    let to_unicode = to_unicode(doc, dict);
    let identity_unicode = matches!(obj::name(doc, dict, b"ToUnicode"), Some(b"Identity-H" | b"Identity-V"));
    // A ToUnicode built on `/Adobe-Korea1-UCS2 usecmap` names the collection
    // table it leaves the rest to.
    let collection = Collection::named(ordering)
        .or_else(|| to_unicode.as_ref()?.use_cmap.as_deref().and_then(|n| Collection::named(n.as_bytes())));
    let symbols = SymbolSet::for_name(&name);
    let glyph_text = if to_unicode.is_none() && !identity_unicode { GlyphText::load(doc, cid_font) } else { None };
    Font {
        name,
        ascent,
        descent,
        vertical,
        vertical_metrics,
        kind: Kind::Composite(Box::new(Composite {
            codes,
            to_unicode,
            dw,
            widths,
            width_ranges,
            ascii_cids,
            glyph_text,
            collection,
            symbols,
            identity_unicode,
        })),
    }
}

/// `/W [c [w1 w2 …] cfirst clast w …]`, in glyph units / 1000.
fn parse_w(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f32>, ranges: &mut Vec<(u32, u32, f32)>) {
    let mut i = 0;
    while let Some(first) = w.get(i).and_then(|o| obj::number(doc, o)) {
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| obj::resolve(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate().take(65536) {
                    if let Some(v) = obj::number(doc, v) {
                        widths.insert(first.saturating_add(k as u32), v / 1000.0);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (obj::number(doc, last), w.get(i + 2).and_then(|o| obj::number(doc, o)))
                else {
                    return;
                };
                ranges.push((first, last.max(0.0) as u32, v / 1000.0));
                i += 3;
            }
            None => return,
        }
    }
}

impl Composite {
    pub(super) fn decode(&self, bytes: &[u8]) -> Vec<Decoded> {
        let codes = match &self.codes {
            Codes::Predefined(p) => p.split(bytes),
            Codes::Embedded(c) if c.has_codespace() => c.split(bytes, 2),
            Codes::Embedded(_) => match &self.to_unicode {
                Some(tu) if tu.has_codespace() => tu.split(bytes, 2),
                _ => Codes::identity_split(bytes),
            },
        };
        codes
            .into_iter()
            .map(|(code, len)| {
                let from_cmap = match &self.codes {
                    Codes::Predefined(p) => p.unicode(code, len),
                    Codes::Embedded(_) => None,
                };
                // Some producers write ToUnicode codes one byte shorter or
                // longer than the font's own codes.
                let mapped = self.to_unicode.as_ref().and_then(|tu| {
                    tu.unicode(code, len).or_else(|| match len {
                        2 if code <= 0xFF => tu.unicode(code, 1),
                        1 => tu.unicode(code, 2),
                        _ => None,
                    })
                });
                let mapped = mapped.or_else(|| self.identity_unicode.then(|| ucs2(code)).flatten());
                let cid = match &self.codes {
                    Codes::Predefined(p) if p.is_identity() => Some(code),
                    Codes::Predefined(_) => self.ascii_cid(from_cmap.as_deref()),
                    Codes::Embedded(c) => c.cid(code, len).or(Some(code)),
                };
                let text = mapped
                    .filter(|t| !t.is_empty() && t != "\0")
                    .map(|t| match self.collection {
                        None => unswap_ligature(&t).unwrap_or(t),
                        Some(_) => t,
                    })
                    .or(from_cmap.clone())
                    .or_else(|| self.collection.zip(cid).and_then(|(c, cid)| c.unicode(cid)).map(String::from))
                    .or_else(|| self.glyph_text.as_ref().zip(cid).and_then(|(g, cid)| g.text(cid)))
                    .map(|mut t| {
                        if let Some(set) = self.symbols {
                            set.fix(&mut t);
                        }
                        t
                    });
                let width = match cid {
                    Some(cid) => self.cid_width(cid),
                    None if is_half_width(from_cmap.as_deref()) => 0.5,
                    None => self.dw,
                };
                Decoded { text, width, space: len == 1 && code == 32 }
            })
            .collect()
    }

    /// Printable ASCII sits at CIDs 1–95 in the CNS1, GB1 and Korea1
    /// collections, the one part of the CMaps' CID tables we need for widths.
    fn ascii_cid(&self, text: Option<&str>) -> Option<u32> {
        let mut chars = text?.chars();
        let c = u32::from(chars.next()?);
        (self.ascii_cids && chars.next().is_none() && (0x20..0x7F).contains(&c)).then(|| c - 0x1F)
    }

    fn cid_width(&self, cid: u32) -> f32 {
        if let Some(w) = self.widths.get(&cid) {
            return *w;
        }
        self.width_ranges.iter().find(|(lo, hi, _)| *lo <= cid && cid <= *hi).map_or(self.dw, |(_, _, w)| *w)
    }
}

impl Codes {
    fn identity_split(bytes: &[u8]) -> Vec<(u32, usize)> {
        bytes.chunks(2).map(|c| (c.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)), c.len())).collect()
    }
}

/// A code read as a UCS-2 character; control codes and surrogates are none.
fn ucs2(code: u32) -> Option<String> {
    char::from_u32(code).filter(|c| !c.is_control()).map(String::from)
}

/// ASCII and the half-width forms are drawn half an em wide in CJK fonts.
fn is_half_width(text: Option<&str>) -> bool {
    text.and_then(|t| t.chars().next()).is_some_and(|c| {
        c.is_ascii() || ('\u{FF61}'..='\u{FFDC}').contains(&c) || ('\u{FFE8}'..='\u{FFEE}').contains(&c)
    })
}
