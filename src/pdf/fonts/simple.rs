//! Simple fonts: Type 1, TrueType, Type 3 and the standard 14; one byte per code.

use lopdf::{Dictionary, Document, Object};

use super::super::cff;
use super::super::data::std14;
use super::super::encoding::{self, glyph_name_to_unicode, table_text};
use super::super::obj;
use super::{DEFAULT_VERTICAL, Font, Kind, SymbolSet, descriptor_metrics, to_unicode};

#[derive(Debug)]
pub(super) struct Simple {
    pub(super) text: Vec<Option<String>>,
    pub(super) widths: Vec<f32>,
    /// Codes that draw nothing: the font is not embedded and its encoding
    /// gives them no glyph, so they are no text rather than lost text.
    pub(super) blank: Vec<bool>,
}

pub(super) fn simple(doc: &Document, dict: &Dictionary, name: String, type3: bool) -> Font {
    let (ascent, descent, missing_width) = descriptor_metrics(doc, dict);
    let metrics = Std14::for_name(&name);
    let fm_scale = if type3 {
        obj::numbers(doc, dict, b"FontMatrix").and_then(|m| m.first().copied()).unwrap_or(0.001)
    } else {
        0.001
    };

    // The encoding's text for each code: base table, then Differences.
    let mut base = encoding::standard();
    let mut differences: Option<&Vec<Object>> = None;
    match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => base = encoding::named(n).unwrap_or(base),
        Some(Object::Dictionary(d)) => {
            if let Some(b) = obj::name(doc, d, b"BaseEncoding").and_then(encoding::named) {
                base = b;
            } else if let Some(own) = metrics.family.builtin() {
                base = own;
            }
            differences = obj::array(doc, d, b"Differences");
        }
        _ => {
            let subtype = obj::name(doc, dict, b"Subtype").unwrap_or_default();
            // A standard font that is not embedded keeps StandardEncoding
            // even when written as TrueType (`/ArialMT`), as poppler reads it.
            let standard = metrics.family != Family::Other && !embedded(doc, dict);
            if let Some(own) = metrics.family.builtin() {
                base = own;
            } else if subtype == b"TrueType" && !standard {
                base = encoding::win_ansi();
            }
        }
    }
    // The font program's own encoding replaces the base encoding when the
    // dictionary names none (for a symbolic font, even under Differences).
    let symbolic = obj::dict(doc, dict, b"FontDescriptor")
        .and_then(|fd| obj::num(doc, fd, b"Flags"))
        .is_some_and(|f| (f as i64) & 4 != 0);
    let use_builtin = match obj::get(doc, dict, b"Encoding") {
        None => true,
        Some(Object::Dictionary(d)) => symbolic && !d.has(b"BaseEncoding"),
        Some(_) => false,
    };
    let builtin = if use_builtin { builtin_encoding(doc, dict) } else { Vec::new() };
    // Codes the encoding leaves without a glyph name (a TrueType program
    // may still map them through its cmap) and codes an embedded program's
    // own encoding leaves out: they draw `.notdef`, which shows nothing
    // (pdftotext prints nothing for them either).
    let mut blank: Vec<bool> = if !builtin.is_empty() {
        let mut blank = vec![true; 256];
        for (code, _) in &builtin {
            if let Some(b) = blank.get_mut(usize::from(*code)) {
                *b = false;
            }
        }
        blank
    } else if !type3 && (!embedded(doc, dict) || obj::name(doc, dict, b"Subtype") != Some(b"TrueType")) {
        base.iter().map(|unit| *unit == 0).collect()
    } else {
        vec![false; 256]
    };
    let mut text: Vec<Option<String>> = if builtin.is_empty() {
        (0..=255u8).map(|c| table_text(base, c)).collect()
    } else {
        let mut text = vec![None; 256];
        for (code, name) in builtin {
            if let Some(slot) = text.get_mut(usize::from(code)) {
                *slot = glyph_name_to_unicode(&name);
            }
        }
        text
    };
    if let Some(diffs) = differences {
        let hex_names = type3 && diffs.iter().any(|d| d.as_name().is_ok_and(names_hex_code));
        let mut code = 0usize;
        for item in diffs {
            match obj::resolve(doc, item) {
                Object::Integer(n) => code = usize::try_from(*n).unwrap_or(256),
                Object::Name(n) => {
                    if let Some(b) = blank.get_mut(code) {
                        *b = false;
                    }
                    if let Some(slot) = text.get_mut(code) {
                        let name = String::from_utf8_lossy(n);
                        *slot = glyph_name_to_unicode(&name).or_else(|| {
                            // Type 3 glyph names are often not standard
                            // (a45, 32, B9, g0041): guess as pdf.js does.
                            type3.then(|| type3_guess(&name, code, hex_names)).flatten()
                        });
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }

    let first = obj::num(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
    let explicit: Option<Vec<f32>> =
        obj::array(doc, dict, b"Widths").map(|ws| ws.iter().map(|w| obj::number(doc, w).unwrap_or(0.0)).collect());
    let fallback = missing_width.unwrap_or(if explicit.is_some() { 0.0 } else { 500.0 });
    let widths = (0..256usize)
        .map(|code| {
            let from_array = explicit.as_ref().and_then(|ws| ws.get(code.checked_sub(first)?).copied());
            let glyph_units = from_array.or_else(|| metrics.width(text.get(code)?.as_deref()?)).unwrap_or(fallback);
            glyph_units * fm_scale
        })
        .collect();

    if let Some(cmap) = to_unicode(doc, dict) {
        for (code, slot) in text.iter_mut().enumerate() {
            let code = code as u32;
            let mapped = cmap.unicode(code, 1).or_else(|| cmap.unicode(code, 2));
            if let Some(t) = mapped.filter(|t| !t.is_empty() && t != "\0") {
                *slot = Some(encoding::unswap_ligature(&t).unwrap_or(t));
            }
        }
    }
    if let Some(set) = SymbolSet::for_name(&name) {
        text.iter_mut().flatten().for_each(|t| set.fix(t));
    }
    Font {
        name,
        ascent,
        descent,
        vertical: false,
        vertical_metrics: DEFAULT_VERTICAL,
        kind: Kind::Simple(Box::new(Simple { text, widths, blank })),
    }
}

/// The text of a Type 3 glyph whose name is not a standard one, as pdf.js
/// guesses it: `Gxx` (hex), `gxxxx` (hex) and `Cdd`/`cdd` (decimal, or hex
/// in a font whose names show hex digits) name a
/// code point; any other name stands for its own character code, read as
/// Latin-1 (poppler and pdf.js both fall back to the code).
fn type3_guess(name: &str, code: usize, hex_names: bool) -> Option<String> {
    let digits = |s: &str, radix| u32::from_str_radix(s, radix).ok();
    let letter = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let named = match (name.get(..1), name.len()) {
        (_, 3) if hex_names && letter => name.get(1..).and_then(|d| digits(d, 16)),
        (Some("G"), 3) => name.get(1..).and_then(|d| digits(d, 16)),
        (Some("g"), 5) => name.get(1..).and_then(|d| digits(d, 16)),
        (Some("C" | "c"), 3..=4) => name.get(1..).and_then(|d| digits(d, 10)),
        _ => None,
    };
    let printable = |c: u32| (0x20..0x7F).contains(&c) || (0xA0..=0x10FFFF).contains(&c);
    let point = named.filter(|c| *c > 0).or_else(|| u32::try_from(code).ok().filter(|c| *c <= 0xFF));
    point.filter(|c| printable(*c)).and_then(char::from_u32).map(String::from)
}

/// A name such as `C2f` (a letter and two hex digits, one of them a
/// letter): when a font has one, its `Cdd` names are hex too, as poppler
/// decides for the whole font.
fn names_hex_code(name: &[u8]) -> bool {
    match name {
        [first, digits @ ..] if digits.len() == 2 => {
            first.is_ascii_alphabetic()
                && digits.iter().all(u8::is_ascii_hexdigit)
                && digits.iter().any(|d| d.is_ascii_alphabetic())
        }
        _ => false,
    }
}

/// Whether the font dictionary carries a font program.
fn embedded(doc: &Document, dict: &Dictionary) -> bool {
    obj::dict(doc, dict, b"FontDescriptor")
        .is_some_and(|fd| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| fd.has(k)))
}

/// An embedded font program's own encoding as `(code, glyph name)`: the
/// `dup 65 /A put` lines of a Type 1 program's clear-text part, or a CFF
/// program's custom encoding. Empty when there is none to read.
fn builtin_encoding(doc: &Document, dict: &Dictionary) -> Vec<(u8, String)> {
    let Some(fd) = obj::dict(doc, dict, b"FontDescriptor") else {
        return Vec::new();
    };
    if let Some(program) = obj::stream(doc, fd, b"FontFile3").and_then(obj::stream_bytes) {
        return cff::builtin_encoding(&program);
    }
    let Some(program) = obj::stream(doc, fd, b"FontFile").and_then(obj::stream_bytes) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in program.split(|b| *b == b'\n' || *b == b'\r') {
        // The encoding lives in the clear-text part, before `eexec`.
        if line.windows(5).any(|w| w == b"eexec") {
            break;
        }
        let words: Vec<&[u8]> = line.split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
        let mut k = 0;
        while let Some([dup, code, name, put]) = words.get(k..k + 4).and_then(|w| <&[&[u8]; 4]>::try_from(w).ok()) {
            let code = std::str::from_utf8(code).ok().and_then(|c| c.parse::<u8>().ok());
            match (code, name.strip_prefix(b"/")) {
                (Some(code), Some(name)) if *dup == b"dup" && *put == b"put" => {
                    out.push((code, String::from_utf8_lossy(name).into_owned()));
                    k += 4;
                }
                _ => k += 1,
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Family {
    Helvetica,
    Times,
    Courier,
    Symbol,
    Dingbats,
    Other,
}

impl Family {
    /// The built-in encoding of the two symbolic standard fonts, which a
    /// font dictionary naming no base encoding starts from.
    fn builtin(self) -> Option<&'static [u16; 256]> {
        match self {
            Family::Symbol => Some(encoding::symbol()),
            Family::Dingbats => Some(encoding::dingbats()),
            _ => None,
        }
    }
}

/// Built-in metrics of the standard 14 fonts (and their common aliases).
struct Std14 {
    family: Family,
    table: Option<&'static [(u32, u16)]>,
}

impl Std14 {
    fn for_name(name: &str) -> Std14 {
        // Drop a subset tag such as `ABCDEF+`.
        let name = match name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 => rest,
            _ => name,
        };
        let bold = name.contains("Bold");
        let italic = name.contains("Italic") || name.contains("Oblique");
        let family = if name.starts_with("Helvetica") || name.starts_with("Arial") {
            Family::Helvetica
        } else if name.starts_with("Times") {
            Family::Times
        } else if name.starts_with("Courier") {
            Family::Courier
        } else if name.starts_with("Symbol") {
            Family::Symbol
        } else if name.starts_with("ZapfDingbats") || name.starts_with("Dingbats") {
            Family::Dingbats
        } else {
            Family::Other
        };
        let table = match (family, bold, italic) {
            (Family::Helvetica, false, _) => Some(std14::HELVETICA),
            (Family::Helvetica, true, _) => Some(std14::HELVETICA_BOLD),
            (Family::Times, false, false) => Some(std14::TIMES_ROMAN),
            (Family::Times, true, false) => Some(std14::TIMES_BOLD),
            (Family::Times, false, true) => Some(std14::TIMES_ITALIC),
            (Family::Times, true, true) => Some(std14::TIMES_BOLD_ITALIC),
            (Family::Symbol, _, _) => Some(std14::SYMBOL),
            _ => None,
        };
        Std14 { family, table }
    }

    fn width(&self, text: &str) -> Option<f32> {
        if self.family == Family::Courier {
            return Some(600.0);
        }
        let c = u32::from(text.chars().next()?);
        let table = self.table?;
        let i = table.binary_search_by_key(&c, |(k, _)| *k).ok()?;
        table.get(i).map(|(_, w)| f32::from(*w))
    }
}
