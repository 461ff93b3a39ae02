//! PDF bytes → positioned glyphs and ruling lines per page.
//!
//! The only module that imports lopdf. lopdf parses objects, streams,
//! cross-reference and object streams; the content interpreter and the
//! font decoding are ours, since CJK plans need both done exactly.

mod cmap;
mod data;
mod encoding;
mod fonts;
pub mod geometry;
mod interp;
mod unicode;

pub use geometry::{Matrix, Rect};
pub use interp::Limits;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::{Diagnostic, Error, Result};

/// One shown character (or ligature / multi-character mapping) on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The glyph's box in page space (see [`Rect`]): from the origin to the
    /// origin plus advance horizontally, and from the font's ascent to its
    /// descent around the baseline vertically.
    pub bbox: Rect,
    /// Baseline y in page space (downwards).
    pub baseline: f32,
    /// Effective font size in points (text size × matrices).
    pub size: f32,
    /// Unicode text; U+FFFD where the code could not be decoded.
    pub text: String,
    /// True when the glyph was written in vertical mode (Identity-V etc).
    pub vertical: bool,
}

/// A stroked line or a rectangle edge, in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// One page's content, in page space with y growing downwards.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Segment>,
}

/// A parsed PDF: its pages plus what was odd about it.
#[derive(Debug, Clone, Default)]
pub struct PdfDocument {
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file was repaired on loading, or some page content was unreadable.
    pub damaged: bool,
}

/// Parses a PDF and interprets every page.
pub fn pages(bytes: &[u8]) -> Result<PdfDocument> {
    pages_with_limits(bytes, Limits::default())
}

/// As [`pages`], with explicit resource limits.
pub fn pages_with_limits(bytes: &[u8], limits: Limits) -> Result<PdfDocument> {
    let doc = load(bytes, limits)?;
    let mut out = PdfDocument::default();
    if doc.xref_recovery.is_some() {
        out.damaged = true;
        out.diagnostics.push(Diagnostic::new(None, "damaged cross-reference table; recovered by scanning the file"));
    }
    let mut fonts = interp::FontCache::default();
    for (number, page_id) in doc.get_pages() {
        let (page, notes, readable) = page(&doc, number, page_id, &mut fonts, limits);
        out.damaged |= !readable;
        out.diagnostics.extend(notes.into_iter().map(|n| Diagnostic::new(Some(number), n)));
        out.pages.push(page);
    }
    if out.pages.is_empty() {
        return Err(Error::Pdf("the document has no pages".into()));
    }
    Ok(out)
}

fn load(bytes: &[u8], limits: Limits) -> Result<Document> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotPdf("no %PDF- header in the first 1024 bytes".into()));
    }
    let options = lopdf::LoadOptions { max_decompressed_size: Some(limits.stream_bytes), ..Default::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
            Error::Encrypted("a password is needed to open it".into())
        }
        other => Error::Pdf(format!("{other} (damaged or truncated file?)")),
    })?;
    if doc.is_encrypted() {
        return Err(Error::Encrypted("a password is needed to open it".into()));
    }
    if doc.objects.len() > limits.objects {
        return Err(Error::Limit(format!("{} objects, more than the {} allowed", doc.objects.len(), limits.objects)));
    }
    Ok(doc)
}

/// An inheritable page attribute, looked up the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(o) = node.get(key) {
            return doc.dereference(o).ok().map(|(_, o)| o);
        }
        node = node.get(b"Parent").ok().and_then(|p| doc.dereference(p).ok()).and_then(|(_, o)| o.as_dict().ok())?;
    }
    None
}

fn rect(o: Option<&Object>) -> Option<[f32; 4]> {
    let a = o?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
    let [x0, y0, x1, y1] = <[f32; 4]>::try_from(v).ok()?;
    let r = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
    (r.iter().all(|v| v.is_finite()) && r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
}

struct Collect {
    glyphs: Vec<Glyph>,
    rules: Vec<Segment>,
    undecodable: Vec<String>,
}

impl interp::Sink for Collect {
    fn glyph(&mut self, glyph: Glyph) {
        self.glyphs.push(glyph);
    }
    fn segment(&mut self, segment: Segment) {
        self.rules.push(segment);
    }
    fn undecodable(&mut self, font: &str) {
        if !self.undecodable.iter().any(|f| f == font) {
            self.undecodable.push(font.to_owned());
        }
    }
}

/// Interprets one page; also says whether its content could be read.
fn page(
    doc: &Document,
    number: u32,
    id: ObjectId,
    fonts: &mut interp::FontCache,
    limits: Limits,
) -> (Page, Vec<String>, bool) {
    let mut notes = Vec::new();
    let Ok(dict) = doc.get_dictionary(id) else {
        notes.push("page object missing; page left empty".to_owned());
        return (Page { number, ..Page::default() }, notes, false);
    };
    let media = rect(inherited(doc, dict, b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = rect(inherited(doc, dict, b"CropBox")).unwrap_or(media);
    let rotate = inherited(doc, dict, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360);
    let (w, h) = (crop[2] - crop[0], crop[3] - crop[1]);
    // User space → y-down page space, then the page's rotation (clockwise
    // when displayed), so that text reads upright.
    let flip = Matrix { a: 1.0, b: 0.0, c: 0.0, d: -1.0, e: -crop[0], f: crop[3] };
    let (rot, width, height) = match rotate {
        90 => (Matrix { a: 0.0, b: 1.0, c: -1.0, d: 0.0, e: h, f: 0.0 }, h, w),
        180 => (Matrix { a: -1.0, b: 0.0, c: 0.0, d: -1.0, e: w, f: h }, w, h),
        270 => (Matrix { a: 0.0, b: -1.0, c: 1.0, d: 0.0, e: 0.0, f: w }, h, w),
        _ => (Matrix::IDENTITY, w, h),
    };
    let ctm = flip.mul(&rot);
    let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
    let mut readable = true;
    let content = match doc.get_page_content_with_limit(id, limits.stream_bytes) {
        Ok(c) => c,
        Err(e) => {
            notes.push(format!("page content could not be read: {e}"));
            readable = false;
            Vec::new()
        }
    };
    // Contents that name objects the file lacks: a truncated file.
    let missing = doc.get_page_contents(id).iter().any(|c| doc.get_object(*c).is_err());
    if missing {
        notes.push("page content is missing from the file (truncated?)".to_owned());
        readable = false;
    }
    let mut sink = Collect { glyphs: Vec::new(), rules: Vec::new(), undecodable: Vec::new() };
    let mut interpreter = interp::Interpreter::new(doc, fonts, &mut sink, limits);
    if let Err(interp::Stop::TooManyOperations) = interpreter.run(&content, resources, ctm) {
        notes.push(format!("more than {} drawing operations; the rest of the page is skipped", limits.operations));
    }
    notes.append(&mut interpreter.notes);
    for font in &sink.undecodable {
        notes.push(format!("font {font}: some characters could not be decoded (shown as U+FFFD)"));
    }
    (Page { number, width, height, glyphs: sink.glyphs, rules: sink.rules }, notes, readable)
}

#[cfg(test)]
mod tests;
