//! The content-stream interpreter: operators in, positioned glyphs and ruling
//! segments out, through a [`Sink`].
//!
//! Coordinates leave here in page space: the initial CTM given by the caller
//! already maps PDF user space (y up) to the upright page with y down.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::damage::operations;
use super::encoding::{expand_ligatures, fix_cjk};
use super::fonts::{Decoded, Font};
use super::obj;
use super::optional::Hidden;
use super::path::Path;
use super::{Glyph, Matrix, Rect, Segment};
use crate::Diagnostic;

/// Where the interpreter puts what it finds.
pub trait Sink {
    fn glyph(&mut self, g: Glyph);
    fn segment(&mut self, s: Segment);
}

/// An operator no PDF uses, appended to a content stream to see that it
/// was parsed to its end.
const END_MARK: &str = "odplanEndOfContent";

/// Form XObjects nest at most this deep.
const MAX_FORM_DEPTH: usize = 16;
/// Bounds on `q` and marked-content nesting, against hostile streams.
const MAX_STACK: usize = 1024;
/// Operators run per page, forms included: far above real pages, and it stops
/// forms that draw forms many times over from running for ever.
const MAX_OPS: usize = 2_000_000;
/// Form content is kept decoded, for forms drawn again and again (a logo
/// on every page, a form per symbol), from the second time a form is
/// drawn, when it decodes to at most this many bytes, and while all forms
/// kept so far hold no more than [`FORM_CACHE_BYTES`]. Others, such as a
/// whole page wrapped in a form, are parsed as they run each time they are
/// drawn: their operations take 15 to 20 times their bytes, and kept they
/// would add up over a document.
const MAX_CACHED_FORM: usize = 64 << 10;
const FORM_CACHE_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font dictionary written inline in a resource dictionary, keyed by its
    /// address: the document is not modified while it is read.
    Inline(usize),
}

/// What lives as long as the document: parsed fonts and diagnostics.
#[derive(Default)]
pub(crate) struct DocState {
    fonts: HashMap<FontKey, Rc<Font>>,
    /// Decoded form XObject content, for forms drawn on many pages.
    forms: HashMap<ObjectId, Rc<Vec<Operation>>>,
    /// Decoded bytes of the forms in `forms`.
    forms_bytes: usize,
    /// Forms drawn once so far, not kept.
    forms_seen: HashSet<ObjectId>,
    reported: HashSet<(u32, String)>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Optional content the document opens with turned off.
    pub(crate) hidden: Hidden,
    /// Strings shown by text operators, whatever they decoded to.
    pub(crate) shown: usize,
    /// Of those, the ones inside optional content turned off.
    pub(crate) hidden_shown: usize,
}

/// The resource dictionaries in scope, nearest first.
#[derive(Clone, Default)]
pub(crate) struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    pub(crate) fn new(dicts: Vec<&'a Dictionary>) -> Self {
        Resources { dicts }
    }

    /// The entry `name` in the `category` sub-dictionary, unresolved so that
    /// its object id can key caches.
    fn lookup(&self, doc: &'a Document, category: &[u8], name: &[u8]) -> Option<&'a Object> {
        self.dicts.iter().filter_map(|d| obj::dict(doc, d, category)).find_map(|cat| cat.get(name).ok())
    }
}

#[derive(Clone)]
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

/// An `/ActualText` span being collected.
struct ActualText {
    text: String,
    glyphs: Vec<Glyph>,
}

pub(crate) struct Interp<'a, 'd, S: Sink> {
    doc: &'d Document,
    state: &'a mut DocState,
    sink: &'a mut S,
    page: u32,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Path,
    forms: Vec<ObjectId>,
    marked: Vec<Option<ActualText>>,
    /// One per open marked-content span: it is optional content turned off.
    hidden: Vec<bool>,
    ops: usize,
}

impl<'a, 'd, S: Sink> Interp<'a, 'd, S> {
    pub(crate) fn new(doc: &'d Document, state: &'a mut DocState, sink: &'a mut S, page: u32, ctm: Matrix) -> Self {
        Interp {
            doc,
            state,
            sink,
            page,
            gs: GState {
                ctm,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Path::default(),
            forms: Vec::new(),
            marked: Vec::new(),
            hidden: Vec::new(),
            ops: 0,
        }
    }

    pub(crate) fn diag(&mut self, message: String) {
        self.state.diagnostics.push(Diagnostic::new(Some(self.page), message));
    }

    /// Runs one content stream (already decompressed). Operations run as
    /// they are parsed, so memory does not grow with the stream's length;
    /// only a damaged stream is decoded whole, to skip its damage.
    pub(crate) fn run(&mut self, content: &[u8], res: &Resources<'d>) {
        // lopdf's parser may stop early without an error; an operator of
        // our own at the end shows whether it got there.
        let mut marked = Vec::with_capacity(content.len() + END_MARK.len() + 2);
        marked.extend_from_slice(content);
        marked.extend_from_slice(b"\n");
        marked.extend_from_slice(END_MARK.as_bytes());
        marked.extend_from_slice(b"\n");
        let mut done = 0;
        for op in Content::decode_iter(&marked) {
            match op {
                Ok(op) if op.operator == END_MARK && op.operands.is_empty() => return,
                Ok(op) => {
                    if !self.run_ops(std::slice::from_ref(&op), res) {
                        return;
                    }
                    done += 1;
                }
                Err(_) => break,
            }
        }
        let ops = self.decode(content);
        self.run_ops(ops.get(done..).unwrap_or_default(), res);
    }

    fn decode(&mut self, content: &[u8]) -> Vec<Operation> {
        let (ops, skipped) = operations(content);
        if skipped > 0 {
            self.diag(format!("content stream damaged: {skipped} unreadable part(s) skipped"));
        }
        ops
    }

    /// Runs operations until the page's budget is spent: `false` then.
    fn run_ops(&mut self, ops: &[Operation], res: &Resources<'d>) -> bool {
        for op in ops {
            self.ops += 1;
            if self.ops == MAX_OPS {
                self.diag(format!("more than {MAX_OPS} operators on the page; the rest skipped"));
            }
            if self.ops >= MAX_OPS {
                return false;
            }
            self.op(op, res);
        }
        true
    }

    /// Emits whatever an unbalanced `BDC … /ActualText` still holds.
    pub(crate) fn finish(&mut self) {
        while !self.marked.is_empty() {
            self.end_marked();
        }
    }

    fn op(&mut self, op: &Operation, res: &Resources<'d>) {
        let args = op.operands.as_slice();
        let n = |i: usize| args.get(i).and_then(|o| o.as_float().ok()).filter(|v| v.is_finite());
        match op.operator.as_str() {
            "q" if self.stack.len() < MAX_STACK => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            "cm" => {
                if let Some(m) = matrix(args) {
                    self.gs.ctm = m.mul(&self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                let name = args.first().and_then(|o| o.as_name().ok());
                if let (Some(name), Some(size)) = (name, n(1)) {
                    self.gs.font = Some(self.font(name, res));
                    self.gs.size = size;
                }
            }
            "Tc" => self.gs.char_spacing = n(0).unwrap_or(self.gs.char_spacing),
            "Tw" => self.gs.word_spacing = n(0).unwrap_or(self.gs.word_spacing),
            "Tz" => self.gs.h_scale = n(0).map_or(self.gs.h_scale, |v| v / 100.0),
            "TL" => self.gs.leading = n(0).unwrap_or(self.gs.leading),
            "Ts" => self.gs.rise = n(0).unwrap_or(self.gs.rise),
            "Td" | "TD" => {
                if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                    if op.operator == "TD" {
                        self.gs.leading = -ty;
                    }
                    self.next_line(tx, ty);
                }
            }
            "Tm" => {
                if let Some(m) = matrix(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            // The string is the last operand even when junk precedes it.
            "Tj" => self.show_operand(args.last()),
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.last());
            }
            "\"" => {
                if let (Some(aw), Some(ac)) = (n(0), n(1)) {
                    self.gs.word_spacing = aw;
                    self.gs.char_spacing = ac;
                }
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(args.last());
            }
            "TJ" => {
                let items = args.first().and_then(|o| o.as_array().ok());
                for item in items.into_iter().flatten() {
                    match item {
                        Object::String(bytes, _) => self.show(bytes),
                        other => {
                            if let Ok(adj) = other.as_float() {
                                self.adjust(adj);
                            }
                        }
                    }
                }
            }
            "m" | "l" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    let p = self.gs.ctm.apply(x, y);
                    if op.operator == "m" { self.path.move_to(p) } else { self.path.line_to(p) }
                }
            }
            "c" | "v" | "y" => {
                let (xi, yi) = if op.operator == "c" { (4, 5) } else { (2, 3) };
                if let (Some(x), Some(y)) = (n(xi), n(yi)) {
                    self.path.curve_to(self.gs.ctm.apply(x, y));
                }
            }
            "h" => self.path.close(),
            "re" => {
                if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                    let ctm = self.gs.ctm;
                    self.path.rect([
                        ctm.apply(x, y),
                        ctm.apply(x + w, y),
                        ctm.apply(x + w, y + h),
                        ctm.apply(x, y + h),
                    ]);
                }
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                if matches!(op.operator.as_str(), "s" | "b" | "b*") {
                    self.path.close();
                }
                let filled = !matches!(op.operator.as_str(), "S" | "s");
                let path = std::mem::take(&mut self.path);
                let hidden = self.hidden.contains(&true);
                for s in path.segments(filled).into_iter().filter(|_| !hidden) {
                    self.sink.segment(s);
                }
            }
            "n" => self.path = Path::default(),
            "Do" => {
                if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                    self.form(name, res);
                }
            }
            "BMC" if self.marked.len() < MAX_STACK => {
                self.marked.push(None);
                self.hidden.push(false);
            }
            "BDC" if self.marked.len() < MAX_STACK => {
                let entry = match args.get(1) {
                    Some(Object::Name(name)) => res.lookup(self.doc, b"Properties", name),
                    other => other,
                };
                let props = entry.and_then(|o| obj::resolve(self.doc, o).as_dict().ok());
                let oc = args.first().and_then(|t| t.as_name().ok()) == Some(b"OC");
                self.hidden.push(oc && entry.is_some_and(|e| self.state.hidden.hides(self.doc, e)));
                let text = props
                    .and_then(|p| obj::get(self.doc, p, b"ActualText"))
                    .and_then(|t| lopdf::decode_text_string(t).ok());
                self.marked.push(text.map(|text| ActualText { text, glyphs: Vec::new() }));
            }
            "EMC" => self.end_marked(),
            _ => {}
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = translate(tx, ty).mul(&self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, name: &[u8], res: &Resources<'d>) -> Rc<Font> {
        let Some(entry) = res.lookup(self.doc, b"Font", name) else {
            let name = String::from_utf8_lossy(name).into_owned();
            if self.state.reported.insert((self.page, format!("/{name}"))) {
                self.diag(format!("font /{name} is not in the page resources"));
            }
            return Rc::new(Font::missing(&name));
        };
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            other => FontKey::Inline(other as *const Object as usize),
        };
        if let Some(font) = self.state.fonts.get(&key) {
            return font.clone();
        }
        let font = match obj::resolve(self.doc, entry).as_dict() {
            Ok(dict) => Font::load(self.doc, dict),
            Err(_) => Font::missing(&String::from_utf8_lossy(name)),
        };
        let font = Rc::new(font);
        self.state.fonts.insert(key, font.clone());
        font
    }

    fn show_operand(&mut self, arg: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = arg {
            self.show(bytes);
        }
    }

    fn adjust(&mut self, amount: f32) {
        let shift = -amount / 1000.0 * self.gs.size;
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let t = if vertical { translate(0.0, shift) } else { translate(shift * self.gs.h_scale, 0.0) };
        self.tm = t.mul(&self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        self.state.shown += 1;
        if self.hidden.contains(&true) {
            self.state.hidden_shown += 1;
        }
        let font = match &self.gs.font {
            Some(f) => f.clone(),
            None => {
                self.diag("text shown before any font was selected".into());
                let f = Rc::new(Font::missing("(no font)"));
                self.gs.font = Some(f.clone());
                f
            }
        };
        for d in font.decode(bytes) {
            self.glyph(&font, d);
        }
    }

    fn glyph(&mut self, font: &Font, d: Decoded) {
        let gs = &self.gs;
        let size = gs.size;
        let full = self.tm.mul(&gs.ctm);
        let spacing = gs.char_spacing + if d.space { gs.word_spacing } else { 0.0 };
        let (corners, origin, advance) = if font.vertical {
            // The glyph hangs centred below the vertical origin, its
            // horizontal origin `vy` lower.
            let (vy, w1) = font.vertical_metrics;
            let half = d.width * size * gs.h_scale / 2.0;
            let baseline = gs.rise - vy * size;
            let (lo, hi) = (baseline + font.descent * size, baseline + font.ascent * size);
            ([(-half, lo), (half, lo), (half, hi), (-half, hi)], (0.0, baseline), translate(0.0, w1 * size + spacing))
        } else {
            let w = d.width * size * gs.h_scale;
            let (lo, hi) = (gs.rise + font.descent * size, gs.rise + font.ascent * size);
            (
                [(0.0, lo), (w, lo), (w, hi), (0.0, hi)],
                (0.0, gs.rise),
                translate((d.width * size + spacing) * gs.h_scale, 0.0),
            )
        };
        let pts = corners.map(|(x, y)| full.apply(x, y));
        let bbox = Rect {
            x0: pts.iter().map(|p| p.0).fold(f32::INFINITY, f32::min),
            y0: pts.iter().map(|p| p.1).fold(f32::INFINITY, f32::min),
            x1: pts.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max),
            y1: pts.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max),
        };
        let baseline = full.apply(origin.0, origin.1).1;
        let eff_size = size.abs() * full.c.hypot(full.d);
        self.tm = advance.mul(&self.tm);

        let text = match d.text {
            // A code that draws nothing.
            Some(t) if t.is_empty() => return,
            Some(t) => fix_cjk(&expand_ligatures(&t)).into_owned(),
            None => {
                if self.state.reported.insert((self.page, font.name.clone())) {
                    self.diag(format!("font {} has codes with no known Unicode; shown as U+FFFD", font.name));
                }
                "\u{FFFD}".to_string()
            }
        };
        if !(bbox.x0.is_finite() && bbox.y0.is_finite() && bbox.x1.is_finite() && bbox.y1.is_finite()) {
            return;
        }
        self.put(Glyph { bbox, baseline, size: eff_size, text, vertical: font.vertical });
    }

    /// A glyph made up rather than shown by a text operator (an
    /// annotation's value with no appearance stream).
    pub(crate) fn emit(&mut self, g: Glyph) {
        self.state.shown += 1;
        self.put(g);
    }

    fn put(&mut self, g: Glyph) {
        if self.hidden.contains(&true) {
            return;
        }
        match self.marked.iter_mut().rev().find_map(|m| m.as_mut()) {
            Some(span) => span.glyphs.push(g),
            None => self.sink.glyph(g),
        }
    }

    /// Closes a marked-content span; an `/ActualText` span's glyphs become one
    /// glyph carrying that text, when they sit on one line.
    fn end_marked(&mut self) {
        self.hidden.pop();
        let Some(Some(span)) = self.marked.pop() else {
            return;
        };
        let Some(first) = span.glyphs.first() else {
            return;
        };
        let one_line = span.glyphs.iter().all(|g| (g.baseline - first.baseline).abs() < first.size.max(1.0) * 0.5);
        if !one_line {
            for g in span.glyphs {
                self.put(g);
            }
            return;
        }
        if span.text.is_empty() {
            return;
        }
        let bbox = span.glyphs.iter().fold(first.bbox, |b, g| b.union(&g.bbox));
        let merged = Glyph { bbox, text: fix_cjk(&expand_ligatures(&span.text)).into_owned(), ..first.clone() };
        self.put(merged);
    }

    fn form(&mut self, name: &[u8], res: &Resources<'d>) {
        let doc = self.doc;
        let Some(entry) = res.lookup(doc, b"XObject", name) else {
            return;
        };
        let id = entry.as_reference().ok();
        let Ok(stream) = obj::resolve(doc, entry).as_stream() else {
            return;
        };
        if obj::name(doc, &stream.dict, b"Subtype") != Some(b"Form")
            || stream.dict.get(b"OC").is_ok_and(|oc| self.state.hidden.hides(doc, oc))
        {
            return;
        }
        self.run_form(id, stream, res, &String::from_utf8_lossy(name));
    }

    /// Draws an annotation's appearance stream (a form XObject) with the
    /// matrix `ctm` that fits it to the annotation's rectangle.
    pub(crate) fn appearance(
        &mut self,
        id: Option<ObjectId>,
        stream: &'d lopdf::Stream,
        ctm: Matrix,
        res: &Resources<'d>,
    ) {
        let saved = self.gs.clone();
        self.gs.ctm = ctm;
        self.run_form(id, stream, res, "(appearance)");
        self.gs = saved;
    }

    fn run_form(&mut self, id: Option<ObjectId>, stream: &'d lopdf::Stream, res: &Resources<'d>, name: &str) {
        let doc = self.doc;
        if self.forms.len() >= MAX_FORM_DEPTH {
            self.diag("form XObjects nested too deeply; inner ones skipped".into());
            return;
        }
        if let Some(id) = id
            && self.forms.contains(&id)
        {
            self.diag(format!("form XObject {} {} R draws itself; skipped", id.0, id.1));
            return;
        }
        if self.ops >= MAX_OPS {
            return;
        }
        let cached = id.and_then(|id| self.state.forms.get(&id)).cloned();
        let form = match cached {
            Some(ops) => Form::Decoded(ops),
            None => {
                let Some(bytes) = obj::stream_bytes(stream) else {
                    self.diag(format!("form XObject /{name} could not be decompressed"));
                    return;
                };
                match id {
                    Some(id)
                        if bytes.len() <= MAX_CACHED_FORM
                            && self.state.forms_bytes + bytes.len() <= FORM_CACHE_BYTES
                            && !self.state.forms_seen.insert(id) =>
                    {
                        let ops = Rc::new(self.decode(&bytes));
                        self.state.forms.insert(id, ops.clone());
                        self.state.forms_bytes += bytes.len();
                        Form::Decoded(ops)
                    }
                    _ => Form::Bytes(bytes),
                }
            }
        };
        let m = form_matrix(doc, &stream.dict);
        let mut inner = res.clone();
        if let Some(own) = obj::dict(doc, &stream.dict, b"Resources") {
            inner.dicts.insert(0, own);
        }
        let saved = (self.gs.clone(), self.tm, self.tlm, std::mem::take(&mut self.path));
        self.gs.ctm = m.mul(&self.gs.ctm);
        self.forms.push(id.unwrap_or((0, 0)));
        let depth = self.stack.len();
        match form {
            Form::Decoded(ops) => {
                let _ = self.run_ops(&ops, &inner);
            }
            Form::Bytes(bytes) => self.run(&bytes, &inner),
        }
        self.stack.truncate(depth);
        self.forms.pop();
        (self.gs, self.tm, self.tlm, self.path) = saved;
    }
}

impl DocState {
    /// How many forms are kept decoded.
    #[cfg(test)]
    pub(crate) fn forms_kept(&self) -> usize {
        self.forms.len()
    }
}

/// A form's content: decoded (and kept), or bytes parsed as they run.
enum Form {
    Decoded(Rc<Vec<Operation>>),
    Bytes(Vec<u8>),
}

pub(crate) fn form_matrix(doc: &Document, dict: &Dictionary) -> Matrix {
    obj::get(doc, dict, b"Matrix").and_then(|o| o.as_array().ok()).and_then(|a| matrix(a)).unwrap_or(Matrix::IDENTITY)
}

fn translate(x: f32, y: f32) -> Matrix {
    Matrix { e: x, f: y, ..Matrix::IDENTITY }
}

fn matrix(args: &[Object]) -> Option<Matrix> {
    let v: Vec<f32> =
        args.iter().take(6).map(|o| o.as_float().ok().filter(|v| v.is_finite())).collect::<Option<_>>()?;
    match v.as_slice() {
        [a, b, c, d, e, f] => Some(Matrix { a: *a, b: *b, c: *c, d: *d, e: *e, f: *f }),
        _ => None,
    }
}
