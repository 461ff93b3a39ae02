//! Fonts: how a shown string's bytes become characters and advances.
//!
//! One `Font` per font resource, built once per document: simple fonts
//! (Type1, TrueType, Type3, the standard 14) decode one byte per code by
//! ToUnicode, then /Encoding with /Differences; Type0 fonts split codes by
//! their CMap and decode by ToUnicode, or by a predefined CJK CMap.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::Matrix;
use super::cmap::{self, CMap, Predefined};
use super::encoding::{self, Base};

/// One decoded character of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    /// Unicode text; `None` when the font cannot tell it.
    pub text: Option<String>,
    /// Horizontal advance in text space units per unit font size.
    pub width: f32,
    /// A single-byte code 32, to which word spacing applies.
    pub word_space: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    Simple {
        /// Unicode per code from the encoding (before ToUnicode).
        names: Box<[Option<String>; 256]>,
        widths: Box<[f32; 256]>,
    },
    Composite {
        cmap: Option<Box<CMap>>,
        predefined: Option<Predefined>,
        widths: HashMap<u32, f32>,
        default_width: f32,
    },
}

#[derive(Debug, Clone)]
pub struct Font {
    pub name: String,
    kind: Kind,
    to_unicode: Option<CMap>,
    pub vertical: bool,
    /// Ascent and descent per unit font size, for glyph boxes.
    pub ascent: f32,
    pub descent: f32,
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map_or(o, |(_, o)| o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => s.decompressed_content_with_limit(limit).ok().or_else(|| Some(s.content.clone())),
        _ => None,
    }
}

impl Font {
    /// Builds a font from its dictionary. Never fails: what cannot be read
    /// leaves codes undecoded, which the caller reports.
    pub fn new(doc: &Document, dict: &Dictionary, limit: usize) -> Font {
        let name = get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .map_or_else(|| "(unnamed)".to_owned(), |n| String::from_utf8_lossy(n).into_owned());
        let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok()).unwrap_or(b"Type1");
        let to_unicode =
            get(doc, dict, b"ToUnicode").and_then(|o| stream_bytes(doc, o, limit)).map(|b| CMap::parse(&b));
        if subtype == b"Type0" {
            return Font::composite(doc, dict, name, to_unicode, limit);
        }
        let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let (ascent, descent) = metrics_of(doc, descriptor);
        let type3 = (subtype == b"Type3").then(|| {
            get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| {
                    let v: Vec<f32> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
                    (v.len() == 6).then(|| Matrix { a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5] })
                })
                .unwrap_or(Matrix { a: 0.001, b: 0.0, c: 0.0, d: 0.001, e: 0.0, f: 0.0 })
        });
        let standard = encoding::standard_font(&name);
        let names = simple_encoding(doc, dict, &name, standard.is_some());
        // Widths: /Widths from /FirstChar, else the standard 14 metrics,
        // else /MissingWidth (or half an em).
        let missing = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(num).unwrap_or(0.0);
        let scale = type3.map_or(0.001, |m| m.a);
        let mut widths = Box::new([f32::NAN; 256]);
        if let Some(ws) = get(doc, dict, b"Widths").and_then(|o| o.as_array().ok()) {
            let first = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0).max(0.0) as usize;
            for (i, w) in ws.iter().enumerate() {
                if let (Some(slot), Some(w)) = (widths.get_mut(first + i), num(deref(doc, w))) {
                    *slot = w * scale;
                }
            }
        }
        for (code, slot) in widths.iter_mut().enumerate() {
            if slot.is_nan() {
                let std_width = standard.zip(names[code].as_deref()).and_then(|(m, t)| encoding::standard_width(m, t));
                *slot = std_width.map_or(if missing > 0.0 { missing * scale } else { 0.5 }, |w| f32::from(w) * 0.001);
            }
        }
        Font { name, kind: Kind::Simple { names, widths }, to_unicode, vertical: false, ascent, descent }
    }

    fn composite(doc: &Document, dict: &Dictionary, name: String, to_unicode: Option<CMap>, limit: usize) -> Font {
        let (mut cmap, mut predefined, mut vertical) = (None, None, false);
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                if let Some((p, v)) = Predefined::by_name(&String::from_utf8_lossy(n)) {
                    predefined = Some(p);
                    vertical = v;
                }
            }
            Some(o @ Object::Stream(_)) => {
                if let Some(bytes) = stream_bytes(doc, o, limit) {
                    let m = CMap::parse(&bytes);
                    vertical = m.vertical;
                    cmap = Some(Box::new(m));
                }
            }
            _ => predefined = Some(Predefined::Identity),
        }
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let descriptor = descendant.and_then(|d| get(doc, d, b"FontDescriptor")).and_then(|o| o.as_dict().ok());
        let (ascent, descent) = metrics_of(doc, descriptor);
        let default_width = descendant.and_then(|d| get(doc, d, b"DW")).and_then(num).unwrap_or(1000.0) * 0.001;
        let mut widths = HashMap::new();
        if let Some(w) = descendant.and_then(|d| get(doc, d, b"W")).and_then(|o| o.as_array().ok()) {
            let w: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
            let mut i = 0;
            while i < w.len() {
                let Some(first) = num(w[i]).map(|f| f.max(0.0) as u32) else { break };
                match w.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, v) in list.iter().enumerate() {
                            if let Some(v) = num(deref(doc, v)) {
                                widths.insert(first.saturating_add(k as u32), v * 0.001);
                            }
                        }
                        i += 2;
                    }
                    Some(o) => {
                        let (Some(last), Some(v)) = (num(o), w.get(i + 2).and_then(|o| num(o))) else { break };
                        // A range is bounded so a hostile /W cannot fill memory.
                        let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                        for cid in first..=last {
                            widths.insert(cid, v * 0.001);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        Font {
            name,
            kind: Kind::Composite { cmap, predefined, widths, default_width },
            to_unicode,
            vertical,
            ascent,
            descent,
        }
    }

    /// Decodes a shown string into characters.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Char> {
        match &self.kind {
            Kind::Simple { names, widths } => bytes
                .iter()
                .map(|&b| {
                    let from_map = self.to_unicode.as_ref().and_then(|m| {
                        // A ToUnicode map for a simple font may key its one-byte
                        // codes as two bytes; accept either.
                        m.lookup((1, u32::from(b))).or_else(|| m.lookup((2, u32::from(b))))
                    });
                    Char {
                        text: from_map.or_else(|| names[usize::from(b)].clone()),
                        width: widths[usize::from(b)],
                        word_space: b == 32,
                    }
                })
                .collect(),
            Kind::Composite { cmap, predefined, widths, default_width } => {
                let mut out = Vec::with_capacity(bytes.len() / 2);
                let mut rest = bytes;
                while !rest.is_empty() {
                    let (code, len, direct, cid) = match (cmap, predefined) {
                        (Some(m), _) => {
                            let (code, len) = m.next_code(rest, 2);
                            (code, len, None, m.cid(code).unwrap_or(code.1))
                        }
                        (None, Some(p)) => {
                            let (v, len, text) = p.next(rest);
                            let cid = match p {
                                Predefined::Identity => v,
                                _ => text.as_deref().and_then(cmap::ascii_cid).unwrap_or(u32::MAX),
                            };
                            ((len as u8, v), len, text, cid)
                        }
                        (None, None) => {
                            let (v, len, _) = Predefined::Identity.next(rest);
                            ((len as u8, v), len, None, v)
                        }
                    };
                    let from_map = self.to_unicode.as_ref().and_then(|m| m.lookup(code));
                    let text = from_map.or(direct);
                    let width = widths.get(&cid).copied().unwrap_or_else(|| {
                        // Without the CID tables, half-width for ASCII and
                        // half-width forms, the default for the rest.
                        match text.as_deref().and_then(|t| t.chars().next()) {
                            Some(c) if c.is_ascii() || ('\u{FF61}'..='\u{FFDC}').contains(&c) => 0.5,
                            _ => *default_width,
                        }
                    });
                    out.push(Char { text, width, word_space: false });
                    rest = rest.get(len.max(1)..).unwrap_or(&[]);
                }
                out
            }
        }
    }
}

fn metrics_of(doc: &Document, descriptor: Option<&Dictionary>) -> (f32, f32) {
    let asc = descriptor.and_then(|d| get(doc, d, b"Ascent")).and_then(num).filter(|a| *a > 0.0);
    let desc = descriptor.and_then(|d| get(doc, d, b"Descent")).and_then(num).filter(|d| *d < 0.0);
    (asc.map_or(0.88, |a| (a * 0.001).min(1.5)), desc.map_or(-0.12, |d| (d * 0.001).max(-1.0)))
}

/// Unicode per code for a simple font: the base encoding (the font's own
/// when none is named: Standard for Type1, WinAnsi-like for TrueType),
/// then /Differences, each name through the glyph list.
fn simple_encoding(doc: &Document, dict: &Dictionary, name: &str, standard: bool) -> Box<[Option<String>; 256]> {
    let symbolic = name.contains("Symbol") || name.contains("Dingbat");
    let mut base = if symbolic { None } else { Some(Base::Standard) };
    let mut differences: Vec<(usize, String)> = Vec::new();
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => base = Base::by_name(n).or(base),
        Some(Object::Dictionary(d)) => {
            if let Some(b) = get(doc, d, b"BaseEncoding").and_then(|o| o.as_name().ok()).and_then(Base::by_name) {
                base = Some(b);
            }
            if let Some(diffs) = get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) {
                let mut code = 0usize;
                for o in diffs {
                    match deref(doc, o) {
                        Object::Integer(i) => code = usize::try_from(*i).unwrap_or(usize::MAX),
                        Object::Name(n) => {
                            if code < 256 {
                                differences.push((code, String::from_utf8_lossy(n).into_owned()));
                            }
                            code = code.saturating_add(1);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {
            // TrueType fonts without an encoding are mostly set in WinAnsi.
            let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok());
            if subtype == Some(b"TrueType") && !standard {
                base = Some(Base::WinAnsi);
            }
        }
    }
    let mut out: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
    if let Some(base) = base {
        for (slot, glyph) in out.iter_mut().zip(base.names().iter()) {
            *slot = glyph.and_then(encoding::glyph_to_unicode);
        }
    }
    for (code, glyph) in differences {
        out[code] = encoding::glyph_to_unicode(&glyph);
    }
    out
}
