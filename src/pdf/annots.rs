//! Annotations drawn with the page, as pdftotext prints them: each
//! annotation's normal appearance stream, and for a text field or a
//! FreeText annotation that has none, its value written into its rectangle
//! (poppler and MuPDF make such an appearance up the same way).

use lopdf::{Dictionary, Document, Object};

use super::interp::{Interp, Resources, form_matrix};
use super::{Glyph, Matrix, Rect, Sink, obj};

/// Annotation flag bits (PDF 32000-1, table 165) for annotations not shown.
const ANNOT_HIDDEN: i64 = 1 << 1;
const ANNOT_NO_VIEW: i64 = 1 << 5;

/// Form fields inherit `/FT`, `/V` and `/DA` from their parents: a bound
/// on that chain against loops.
const MAX_FIELD_DEPTH: usize = 32;

/// Font size of a made-up appearance when `/DA` gives none (or `0`, "fit
/// the box"): readers' default for text fields, in points.
const DEFAULT_FIELD_SIZE: f32 = 12.0;
/// Gap between a field's border and its text, in points.
const FIELD_PADDING: f32 = 2.0;
/// Advance of a made-up glyph, in ems: near Helvetica's mean Latin width,
/// and a full em for wide (CJK) characters.
const NARROW_ADVANCE: f32 = 0.55;
const WIDE_ADVANCE: f32 = 1.0;
/// Line pitch of multi-line values, in ems.
const LINE_PITCH: f32 = 1.15;

/// Draws the page's annotations. `ctm` is the page's initial matrix.
pub(super) fn draw<'d, S: Sink>(
    doc: &'d Document,
    page: &'d Dictionary,
    interp: &mut Interp<'_, 'd, S>,
    ctm: Matrix,
    res: &Resources<'d>,
) {
    let Some(annots) = obj::array(doc, page, b"Annots") else {
        return;
    };
    for annot in annots {
        let Ok(a) = obj::resolve(doc, annot).as_dict() else {
            continue;
        };
        let subtype = obj::name(doc, a, b"Subtype");
        // A pop-up shows its parent's note only when opened.
        if subtype == Some(b"Popup") {
            continue;
        }
        let flags = obj::get(doc, a, b"F").and_then(|f| f.as_i64().ok()).unwrap_or(0);
        if flags & (ANNOT_HIDDEN | ANNOT_NO_VIEW) != 0 {
            continue;
        }
        let Some(rect) = obj::numbers(doc, a, b"Rect").and_then(|r| <[f32; 4]>::try_from(r).ok()) else {
            continue;
        };
        let rect = [rect[0].min(rect[2]), rect[1].min(rect[3]), rect[0].max(rect[2]), rect[1].max(rect[3])];
        match appearance(doc, a) {
            Some((id, stream)) => {
                if let Some(fit) = fit(doc, stream, rect) {
                    interp.appearance(id, stream, fit.mul(&ctm), res);
                }
            }
            None => {
                if let Some(text) = made_up_text(doc, a, subtype) {
                    let size = field(doc, a, b"DA").and_then(da_size).unwrap_or(DEFAULT_FIELD_SIZE);
                    write_into(interp, &text, rect, size, ctm);
                }
            }
        }
    }
}

/// The matrix that draws an appearance stream into the annotation's
/// rectangle, as PDF 32000-1 12.5.5 says: the form's bounding box, through
/// its matrix, is fitted to the rectangle.
fn fit(doc: &Document, stream: &lopdf::Stream, rect: [f32; 4]) -> Option<Matrix> {
    let form_matrix = form_matrix(doc, &stream.dict);
    let [bx0, by0, bx1, by1] = obj::numbers(doc, &stream.dict, b"BBox").and_then(|b| <[f32; 4]>::try_from(b).ok())?;
    let corners = [(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)].map(|(x, y)| form_matrix.apply(x, y));
    let lo_x = corners.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let hi_x = corners.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let lo_y = corners.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let hi_y = corners.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
    let [rx0, ry0, rx1, ry1] = rect;
    let (sx, sy) = ((rx1 - rx0) / (hi_x - lo_x), (ry1 - ry0) / (hi_y - lo_y));
    (sx.is_finite() && sy.is_finite()).then_some(Matrix {
        a: sx,
        b: 0.0,
        c: 0.0,
        d: sy,
        e: rx0 - lo_x * sx,
        f: ry0 - lo_y * sy,
    })
}

/// The normal appearance: `/N` itself, or one per state chosen by `/AS`.
fn appearance<'d>(doc: &'d Document, a: &'d Dictionary) -> Option<(Option<lopdf::ObjectId>, &'d lopdf::Stream)> {
    let normal = obj::dict(doc, a, b"AP")?.get(b"N").ok()?;
    let (id, object) = match obj::resolve(doc, normal) {
        Object::Dictionary(states) => {
            let o = states.get(obj::name(doc, a, b"AS")?).ok()?;
            (o.as_reference().ok(), obj::resolve(doc, o))
        }
        other => (normal.as_reference().ok(), other),
    };
    object.as_stream().ok().map(|s| (id, s))
}

/// What a reader writes for an annotation without an appearance: a text
/// or choice field's value, a FreeText annotation's contents.
fn made_up_text(doc: &Document, a: &Dictionary, subtype: Option<&[u8]>) -> Option<String> {
    let value = match subtype? {
        b"Widget" => {
            if !matches!(field(doc, a, b"FT")?.as_name().ok()?, b"Tx" | b"Ch") {
                return None;
            }
            field(doc, a, b"V")?
        }
        b"FreeText" => obj::get(doc, a, b"Contents")?,
        _ => return None,
    };
    let text = match value {
        Object::Array(items) => items
            .iter()
            .filter_map(|i| lopdf::decode_text_string(obj::resolve(doc, i)).ok())
            .collect::<Vec<_>>()
            .join("\n"),
        other => lopdf::decode_text_string(other).ok()?,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A field attribute, from the widget or the nearest parent field that has it.
fn field<'d>(doc: &'d Document, a: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = a;
    for _ in 0..MAX_FIELD_DEPTH {
        if let Some(v) = obj::get(doc, node, key) {
            return Some(v);
        }
        node = obj::dict(doc, node, b"Parent")?;
    }
    None
}

/// The font size of a default appearance string such as `/Helv 10 Tf 0 g`.
fn da_size(da: &Object) -> Option<f32> {
    let bytes = da.as_str().ok()?;
    let text = String::from_utf8_lossy(bytes);
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "Tf")?;
    let size: f32 = words.get(at.checked_sub(1)?)?.parse().ok()?;
    (size.is_finite() && size > 0.0).then_some(size)
}

/// Lays `text` out from the rectangle's top-left corner, one line per line
/// of the value, with approximate advances.
fn write_into<S: Sink>(interp: &mut Interp<'_, '_, S>, text: &str, rect: [f32; 4], size: f32, ctm: Matrix) {
    let [x0, _, _, y1] = rect;
    for (n, line) in text.lines().enumerate() {
        let baseline = y1 - FIELD_PADDING - size * (0.8 + LINE_PITCH * n as f32);
        let mut x = x0 + FIELD_PADDING;
        for c in line.chars() {
            let advance = size * if is_wide(c) { WIDE_ADVANCE } else { NARROW_ADVANCE };
            if !c.is_whitespace() {
                let corners =
                    [(x, baseline - 0.2 * size), (x + advance, baseline + 0.8 * size)].map(|(x, y)| ctm.apply(x, y));
                let bbox = Rect {
                    x0: corners[0].0.min(corners[1].0),
                    y0: corners[0].1.min(corners[1].1),
                    x1: corners[0].0.max(corners[1].0),
                    y1: corners[0].1.max(corners[1].1),
                };
                let page_size = size * ctm.c.hypot(ctm.d);
                let glyph = Glyph {
                    bbox,
                    baseline: ctm.apply(x, baseline).1,
                    size: page_size,
                    text: c.to_string(),
                    vertical: false,
                };
                interp.emit(glyph);
            }
            x += advance;
        }
    }
}

/// CJK ideographs, kana, hangul and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}
