//! The content-stream interpreter: operators in, positioned glyphs and
//! ruling lines out, to a sink.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;
use super::{Glyph, Matrix, Rect, Segment};

/// Receives what a page draws.
pub trait Sink {
    fn glyph(&mut self, glyph: Glyph);
    fn segment(&mut self, segment: Segment);
    /// A code the font could not map to Unicode (reported once per font).
    fn undecodable(&mut self, font: &str);
}

/// Bounds that keep a hostile document from exhausting time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes one stream may decompress to.
    pub stream_bytes: usize,
    /// Form XObjects nested in one another.
    pub form_depth: usize,
    /// Operators interpreted on one page, forms included.
    pub operations: usize,
    /// Objects in one document.
    pub objects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { stream_bytes: 64 << 20, form_depth: 16, operations: 5_000_000, objects: 2_000_000 }
    }
}

/// Fonts of a document, parsed once and shared by its pages.
#[derive(Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
}

/// What stopped a page short; the page keeps what was drawn before it.
#[derive(Debug)]
pub enum Stop {
    TooManyOperations,
}

pub struct Interpreter<'a, S: Sink> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    sink: &'a mut S,
    limits: Limits,
    operations: usize,
    forms: Vec<ObjectId>,
    /// Notes on what was skipped (broken streams, deep forms).
    pub notes: Vec<String>,
}

impl<'a, S: Sink> Interpreter<'a, S> {
    pub fn new(doc: &'a Document, fonts: &'a mut FontCache, sink: &'a mut S, limits: Limits) -> Self {
        Interpreter { doc, fonts, sink, limits, operations: 0, forms: Vec::new(), notes: Vec::new() }
    }

    /// Runs one content stream with its resources under the matrix `ctm`.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, ctm: Matrix) -> Result<(), Stop> {
        let ops = match Content::decode(content) {
            Ok(c) => c.operations,
            Err(e) => {
                self.notes.push(format!("content stream could not be parsed ({e}); its text is skipped"));
                return Ok(());
            }
        };
        let state = GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.ops(&ops, resources, state)
    }

    fn ops(&mut self, ops: &[Operation], resources: Option<&'a Dictionary>, mut gs: GState) -> Result<(), Stop> {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path = Path::default();
        for op in ops {
            self.operations += 1;
            if self.operations > self.limits.operations {
                return Err(Stop::TooManyOperations);
            }
            let n = |i: usize| op.operands.get(i).and_then(number);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(&op.operands) {
                        gs.ctm = m.mul(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "ET" => {}
                "Tf" => {
                    gs.font =
                        op.operands.first().and_then(|o| o.as_name().ok()).and_then(|name| self.font(resources, name));
                    gs.size = n(1).unwrap_or(gs.size);
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = translate(tx, ty).mul(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix(&op.operands) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = translate(0.0, -gs.leading).mul(&tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                    }
                    tlm = translate(0.0, -gs.leading).mul(&tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                other => {
                                    if let Some(k) = number(other) {
                                        let shift = -k / 1000.0 * gs.size;
                                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                        tm = if vertical {
                                            translate(0.0, shift).mul(&tm)
                                        } else {
                                            translate(shift * gs.h_scale, 0.0).mul(&tm)
                                        };
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(resources, name, &gs)?;
                    }
                }
                "m" => path.move_to(gs.ctm.apply(n(0).unwrap_or(0.0), n(1).unwrap_or(0.0))),
                "l" => path.line_to(gs.ctm.apply(n(0).unwrap_or(0.0), n(1).unwrap_or(0.0))),
                "c" | "v" | "y" => {
                    // Curves draw no table rules; keep only where they end.
                    let k = op.operands.len();
                    if k >= 2 {
                        path.jump_to(gs.ctm.apply(n(k - 2).unwrap_or(0.0), n(k - 1).unwrap_or(0.0)));
                    }
                }
                "h" => path.close(),
                "re" => {
                    let (x, y, w, h) =
                        (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0), n(2).unwrap_or(0.0), n(3).unwrap_or(0.0));
                    let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(px, py)| gs.ctm.apply(px, py));
                    path.rects.push(c);
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if op.operator == "s" || op.operator.starts_with('b') {
                        path.close();
                    }
                    for s in path.take() {
                        self.sink.segment(s);
                    }
                }
                "n" => {
                    path.take();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts =
            resources.and_then(|r| r.get(b"Font").ok()).and_then(|o| self.doc.dereference(o).ok())?.1.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let id = entry.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.fonts.by_id.get(&id)) {
            return Some(f.clone());
        }
        let dict = self.doc.dereference(entry).ok()?.1.as_dict().ok()?;
        let font = Rc::new(Font::new(self.doc, dict, self.limits.stream_bytes));
        if let Some(id) = id {
            self.fonts.by_id.insert(id, font.clone());
        }
        Some(font)
    }

    fn form(&mut self, resources: Option<&'a Dictionary>, name: &[u8], gs: &GState) -> Result<(), Stop> {
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else { return Ok(()) };
        let Ok(id) = entry.as_reference() else { return Ok(()) };
        let Ok(Object::Stream(stream)) = doc.get_object(id) else { return Ok(()) };
        if stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Form") {
            return Ok(());
        }
        if self.forms.contains(&id) {
            self.notes.push(format!("form XObject {} {} draws itself; the cycle is cut", id.0, id.1));
            return Ok(());
        }
        if self.forms.len() >= self.limits.form_depth {
            self.notes
                .push(format!("form XObjects nested deeper than {}; the rest are skipped", self.limits.form_depth));
            return Ok(());
        }
        let content = match stream.decompressed_content_with_limit(self.limits.stream_bytes) {
            Ok(c) => c,
            Err(_) if !stream.is_compressed() => stream.content.clone(),
            Err(e) => {
                self.notes.push(format!("form XObject {} {} could not be decompressed: {e}", id.0, id.1));
                return Ok(());
            }
        };
        let ops = match Content::decode(&content) {
            Ok(c) => c.operations,
            Err(e) => {
                self.notes.push(format!("form XObject {} {} could not be parsed: {e}", id.0, id.1));
                return Ok(());
            }
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let mut inner = gs.clone();
        if let Some(m) = stream.dict.get(b"Matrix").ok().and_then(|o| o.as_array().ok()).and_then(|a| matrix(a)) {
            inner.ctm = m.mul(&gs.ctm);
        }
        self.forms.push(id);
        let result = self.ops(&ops, own.or(resources), inner);
        self.forms.pop();
        result
    }

    /// Shows a string: one glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else { return };
        let size = gs.size;
        let h = gs.h_scale;
        let font_scale = Matrix { a: size * h, b: 0.0, c: 0.0, d: size, e: 0.0, f: gs.rise };
        let mut reported = false;
        for ch in font.decode(bytes) {
            let trm = font_scale.mul(tm).mul(&gs.ctm);
            let (ox, oy) = trm.apply(0.0, 0.0);
            let corners = [(0.0, font.descent), (ch.width, font.descent), (ch.width, font.ascent), (0.0, font.ascent)]
                .map(|(x, y)| trm.apply(x, y));
            let bbox =
                corners.iter().skip(1).fold(
                    Rect { x0: corners[0].0, y0: corners[0].1, x1: corners[0].0, y1: corners[0].1 },
                    |r, &(x, y)| Rect { x0: r.x0.min(x), y0: r.y0.min(y), x1: r.x1.max(x), y1: r.y1.max(y) },
                );
            let text = match ch.text {
                Some(t) if !t.is_empty() => super::unicode::fix(&t),
                Some(_) => String::new(),
                None => {
                    if !reported {
                        self.sink.undecodable(&font.name);
                        reported = true;
                    }
                    "\u{FFFD}".to_owned()
                }
            };
            let effective = (trm.c * trm.c + trm.d * trm.d).sqrt();
            if !text.is_empty() && bbox.x0.is_finite() && bbox.y0.is_finite() {
                self.sink.glyph(Glyph { bbox, baseline: oy, size: effective, text, vertical: font.vertical });
            }
            let _ = ox;
            let spacing = gs.char_spacing + if ch.word_space { gs.word_spacing } else { 0.0 };
            *tm = if font.vertical {
                translate(0.0, -size + spacing).mul(tm)
            } else {
                translate((ch.width * size + spacing) * h, 0.0).mul(tm)
            };
        }
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

fn matrix(operands: &[Object]) -> Option<Matrix> {
    let v: Vec<f32> = operands.iter().filter_map(number).collect();
    (v.len() == 6 && operands.len() == 6).then(|| Matrix { a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5] })
}

fn translate(x: f32, y: f32) -> Matrix {
    Matrix { e: x, f: y, ..Matrix::IDENTITY }
}

/// The path under construction, in page space.
#[derive(Default)]
struct Path {
    lines: Vec<((f32, f32), (f32, f32))>,
    rects: Vec<[(f32, f32); 4]>,
    start: Option<(f32, f32)>,
    current: Option<(f32, f32)>,
}

impl Path {
    fn move_to(&mut self, p: (f32, f32)) {
        self.start = Some(p);
        self.current = Some(p);
    }
    fn jump_to(&mut self, p: (f32, f32)) {
        self.current = Some(p);
    }
    fn line_to(&mut self, p: (f32, f32)) {
        if let Some(c) = self.current {
            self.lines.push((c, p));
        }
        self.current = Some(p);
    }
    fn close(&mut self) {
        if let (Some(c), Some(s)) = (self.current, self.start) {
            if c != s {
                self.lines.push((c, s));
            }
            self.current = Some(s);
        }
    }

    /// The painted path as axis-aligned segments: lines as drawn, thin
    /// rectangles (table borders drawn as fills) as their centre line,
    /// other rectangles as their four edges. Slanted lines are no rules.
    fn take(&mut self) -> Vec<Segment> {
        let mut out = Vec::new();
        for &((x0, y0), (x1, y1)) in &self.lines {
            if (x0 - x1).abs() < 0.5 || (y0 - y1).abs() < 0.5 {
                out.push(Segment { x0, y0, x1, y1 });
            }
        }
        for r in &self.rects {
            let xs = r.map(|p| p.0);
            let ys = r.map(|p| p.1);
            let (x0, x1) = (
                xs.iter().copied().fold(f32::INFINITY, f32::min),
                xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
            );
            let (y0, y1) = (
                ys.iter().copied().fold(f32::INFINITY, f32::min),
                ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
            );
            if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite()) {
                continue;
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if w < 2.0 && h >= w {
                let x = (x0 + x1) / 2.0;
                out.push(Segment { x0: x, y0, x1: x, y1 });
            } else if h < 2.0 {
                let y = (y0 + y1) / 2.0;
                out.push(Segment { x0, y0: y, x1, y1: y });
            } else {
                out.extend([
                    Segment { x0, y0, x1, y1: y0 },
                    Segment { x0, y0: y1, x1, y1 },
                    Segment { x0, y0, x1: x0, y1 },
                    Segment { x0: x1, y0, x1, y1 },
                ]);
            }
        }
        self.lines.clear();
        self.rects.clear();
        self.start = None;
        self.current = None;
        out
    }
}
