//! Fonts: how a shown string splits into codes, and each code's text and width.
//!
//! Loading never fails: whatever cannot be worked out becomes an unknown
//! text (`None`, shown as U+FFFD) or a default width.

mod composite;
mod simple;

use lopdf::{Dictionary, Document};

use super::cmap::CMap;
use super::encoding::{self, table_text};
use super::obj;
use composite::{Composite, composite};
use simple::{Simple, simple};

/// One code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    pub(crate) text: Option<String>,
    /// Horizontal advance in text space units per unit of font size.
    pub(crate) width: f32,
    /// A single-byte code 32, to which word spacing applies.
    pub(crate) space: bool,
}

#[derive(Debug)]
pub(crate) struct Font {
    /// /BaseFont, for diagnostics.
    pub(crate) name: String,
    /// Ascent and descent as fractions of the font size (descent negative).
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) vertical: bool,
    /// Vertical writing: the vertical origin's height above the glyph's
    /// horizontal origin, and the advance (negative: downwards), per unit of
    /// font size (`/DW2`, default `[880 -1000]`).
    pub(crate) vertical_metrics: (f32, f32),
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Simple(Box<Simple>),
    Composite(Box<Composite>),
    /// A font that could not be found at all.
    Missing,
}

const DEFAULT_ASCENT: f32 = 0.88;
const DEFAULT_DESCENT: f32 = -0.12;
const DEFAULT_VERTICAL: (f32, f32) = (0.88, -1.0);

impl Font {
    pub(crate) fn missing(name: &str) -> Font {
        Font {
            name: name.to_string(),
            ascent: DEFAULT_ASCENT,
            descent: DEFAULT_DESCENT,
            vertical: false,
            vertical_metrics: DEFAULT_VERTICAL,
            kind: Kind::Missing,
        }
    }

    pub(crate) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = obj::name(doc, dict, b"BaseFont").map(|n| String::from_utf8_lossy(n).into_owned());
        let subtype = obj::name(doc, dict, b"Subtype").unwrap_or_default();
        let name = name.unwrap_or_else(|| String::from_utf8_lossy(subtype).into_owned());
        let mut font = match subtype {
            b"Type0" => composite(doc, dict, name),
            _ => simple(doc, dict, name, subtype == b"Type3"),
        };
        if font.ascent <= 0.0 || font.ascent > 2.0 || font.descent > 0.0 || font.descent < -1.0 {
            font.ascent = DEFAULT_ASCENT;
            font.descent = DEFAULT_DESCENT;
        }
        font
    }

    pub(crate) fn decode(&self, bytes: &[u8]) -> Vec<Decoded> {
        match &self.kind {
            Kind::Simple(s) => bytes
                .iter()
                .map(|b| Decoded {
                    text: s
                        .text
                        .get(usize::from(*b))
                        .cloned()
                        .flatten()
                        .or_else(|| s.blank.get(usize::from(*b)).is_some_and(|b| *b).then(String::new)),
                    width: s.widths.get(usize::from(*b)).copied().unwrap_or(0.0),
                    space: *b == 32,
                })
                .collect(),
            Kind::Composite(c) => c.decode(bytes),
            // Readers show a missing font's text in a default font, read
            // through the standard encoding.
            Kind::Missing => bytes
                .iter()
                .map(|b| Decoded { text: table_text(encoding::standard(), *b), width: 0.5, space: *b == 32 })
                .collect(),
        }
    }
}

fn descriptor_metrics(doc: &Document, dict: &Dictionary) -> (f32, f32, Option<f32>) {
    let Some(fd) = obj::dict(doc, dict, b"FontDescriptor") else {
        return (DEFAULT_ASCENT, DEFAULT_DESCENT, None);
    };
    let ascent = obj::num(doc, fd, b"Ascent").map_or(DEFAULT_ASCENT, |a| a / 1000.0);
    let descent = obj::num(doc, fd, b"Descent").map_or(DEFAULT_DESCENT, |d| d / 1000.0);
    (ascent, descent, obj::num(doc, fd, b"MissingWidth"))
}

fn to_unicode(doc: &Document, dict: &Dictionary) -> Option<CMap> {
    let stream = obj::stream(doc, dict, b"ToUnicode")?;
    Some(CMap::parse(&obj::stream_bytes(stream)?))
}

/// Symbol and Wingdings fonts often map their codes to the Private Use Area
/// (U+F020–U+F0FF, Microsoft's symbol-font convention); the layout stages
/// want the bullet a reader sees.
#[derive(Debug, Clone, Copy)]
enum SymbolSet {
    Symbol,
    Wingdings,
}

impl SymbolSet {
    fn for_name(name: &str) -> Option<SymbolSet> {
        if name.contains("Symbol") {
            Some(SymbolSet::Symbol)
        } else if name.contains("Wingdings") {
            Some(SymbolSet::Wingdings)
        } else {
            None
        }
    }

    fn fix(self, text: &mut String) {
        let mut chars = text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return;
        };
        let Some(code) = u32::from(c).checked_sub(0xF000).and_then(|c| u8::try_from(c).ok()).filter(|c| *c >= 0x20)
        else {
            return;
        };
        let fixed = match self {
            SymbolSet::Symbol => table_text(encoding::symbol(), code),
            SymbolSet::Wingdings => match code {
                0x6C => Some("●".into()),
                0x6E => Some("■".into()),
                0x71 => Some("❑".into()),
                0x76 => Some("❖".into()),
                0xA7 => Some("▪".into()),
                0xD8 => Some("➢".into()),
                0xFC => Some("✓".into()),
                _ => None,
            },
        };
        if let Some(f) = fixed {
            *text = f;
        }
    }
}
