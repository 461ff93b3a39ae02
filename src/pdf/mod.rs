//! PDF bytes → positioned glyphs and ruling lines per page.
//!
//! The only module that imports lopdf. lopdf parses the file (xref and
//! object streams, decryption with the empty password); everything from the
//! content streams on is ours:
//!
//! - `interp`: the content-stream interpreter (text state, `q`/`Q`/`cm`, form
//!   XObjects, marked content with `/ActualText`, paths), emitting to a [`Sink`].
//! - `path`: paths reduced to horizontal and vertical ruling segments.
//! - `fonts`: simple (Type 1, TrueType, Type 3, standard 14) and composite
//!   (Type 0) fonts: codes → text and widths.
//! - `cmap` (ToUnicode and embedded CMaps), `predefined` (Adobe's CJK CMaps,
//!   decoded straight to Unicode), `encoding` (single-byte encodings, glyph
//!   names, CJK fix-ups), `cff` and `truetype` (the bits of embedded font
//!   programs that carry encodings), `data` (generated tables).
//! - `slim`: the load filter, which leaves out the objects and stream bytes
//!   text extraction never reads, so lopdf does not hold them.
//!
//! Invariants: nothing here panics on any input; a page always comes out,
//! with U+FFFD for text that cannot be decoded and a [`Diagnostic`] saying
//! which font; coordinates are page space, y down, rotation applied.

mod annots;
mod cff;
mod cmap;
mod damage;
mod data;
mod encoding;
mod fonts;
pub mod geometry;
mod interp;
mod obj;
mod optional;
mod path;
mod predefined;
mod repair;
mod slim;
#[cfg(test)]
mod tests;
mod truetype;

pub use geometry::{Matrix, Rect};
pub use interp::Sink;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::{Diagnostic, Error, Result};
use interp::{DocState, Interp, Resources};

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
    /// The file was repaired on loading, or some page content was missing
    /// or unreadable: an empty text layer then means damage, not a scan.
    pub damaged: bool,
    /// Strings shown by text operators (`Tj`, `TJ`, `'`, `"`) on all pages:
    /// zero means the pages have no text layer at all.
    pub text_shown: usize,
    /// Of those, the strings inside optional content the document opens
    /// with turned off (not drawn).
    pub text_hidden: usize,
    /// Some page has a glyph of visible text: kept apart from `pages`,
    /// which [`each_page`] leaves empty.
    pub visible_text: bool,
}

impl PdfDocument {
    /// Why no text came out, when none did: no text-showing operators
    /// (a scan), damage, or text that decodes to nothing visible.
    pub fn no_text(&self) -> Option<Error> {
        if self.visible_text || self.pages.iter().any(has_visible_text) {
            return None;
        }
        Some(if self.damaged {
            Error::Pdf("damaged or truncated file: no text could be recovered".into())
        } else if self.text_shown > 0 && self.text_hidden == self.text_shown {
            Error::Pdf(format!(
                "{} text strings are shown, all in optional content that is turned off",
                self.text_shown
            ))
        } else if self.text_shown == 0 {
            Error::NoTextLayer
        } else {
            Error::Pdf(format!("{} text strings are shown, but none decodes to visible text", self.text_shown))
        })
    }
}

/// Collects a page's glyphs and rules.
impl Sink for Page {
    fn glyph(&mut self, g: Glyph) {
        self.glyphs.push(g);
    }
    fn segment(&mut self, s: Segment) {
        self.rules.push(s);
    }
}

/// Parses a PDF and extracts every page's glyphs and ruling lines, in page
/// order. Problems inside the document become diagnostics; only a document
/// that cannot be read at all is an error.
pub fn pages(bytes: &[u8]) -> Result<PdfDocument> {
    let mut pages = Vec::new();
    let mut doc = each_page(bytes, |p| pages.push(p))?;
    doc.pages = pages;
    Ok(doc)
}

/// [`pages`], handing each page to `f` as soon as it is read instead of
/// keeping it, so a caller that is done with a page can let it go: the
/// glyphs of a long document held at once are most of its memory. The
/// document returned has no `pages`.
pub fn each_page(bytes: &[u8], mut f: impl FnMut(Page)) -> Result<PdfDocument> {
    let doc = load(bytes)?;
    let mut state = DocState::default();
    state.hidden = optional::Hidden::load(&doc);
    match doc.xref_recovery {
        Some(lopdf::xref::XrefRecovery::Reconstructed) => state.diagnostics.push(Diagnostic::new(
            None,
            "damaged or truncated file: its objects were recovered by scanning, so some may be missing",
        )),
        Some(_) => state.diagnostics.push(Diagnostic::new(None, "damaged cross-reference data was repaired")),
        None => {}
    }
    let mut damaged = doc.xref_recovery.is_some();
    let ids = page_ids(&doc);
    if ids.is_empty() {
        return Err(Error::Pdf("the document has no pages".into()));
    }
    let mut visible_text = false;
    // Each page goes to `f` once the next one is read, and the last once
    // the document is dropped: what `f` does with the page (laying it
    // out) then never adds to a one-page document's objects.
    let mut pending = None;
    for (number, id) in ids {
        let before = state.diagnostics.len();
        let page = page(&doc, id, number, &mut state);
        damaged |= state.diagnostics[before..].iter().any(|d| d.message.starts_with("content stream"));
        visible_text |= has_visible_text(&page);
        if let Some(previous) = pending.replace(page) {
            f(previous);
        }
    }
    drop(doc);
    if let Some(last) = pending {
        f(last);
    }
    Ok(PdfDocument {
        pages: Vec::new(),
        text_shown: state.shown,
        text_hidden: state.hidden_shown,
        diagnostics: state.diagnostics,
        damaged,
        visible_text,
    })
}

fn has_visible_text(page: &Page) -> bool {
    page.glyphs.iter().any(|g| !g.text.trim().is_empty())
}

/// The number of pages, without interpreting any content.
pub fn page_count(bytes: &[u8]) -> Result<usize> {
    Ok(page_ids(&load(bytes)?).len())
}

/// Objects one document may hold.
pub const MAX_OBJECTS: usize = 2_000_000;

fn load(bytes: &[u8]) -> Result<Document> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    // Offsets count from the header in files with junk before it; a file
    // with none gets one (lopdf wants it), and its objects are found by
    // scanning.
    let bytes: std::borrow::Cow<'_, [u8]> = match repair::header_offset(bytes) {
        Some(start) => bytes.get(start..).unwrap_or(bytes).into(),
        None if repair::headless_pdf(bytes) => [&b"%PDF-1.7\n"[..], bytes].concat().into(),
        None => return Err(Error::NotPdf("no %PDF- header".into())),
    };
    // lopdf reads an encryption dictionary's crypt filters only when they
    // are written in it.
    let bytes = match repair::inline_crypt_filters(&bytes) {
        Some(inlined) => inlined.into(),
        None => bytes,
    };
    // A font name written with spaces makes lopdf drop its dictionary;
    // lopdf finds the objects it moved by scanning.
    let bytes = match repair::join_spaced_font_names(&bytes) {
        Some(joined) => joined.into(),
        None => bytes,
    };
    let bytes = bytes.as_ref();
    // Repairs that change the bytes are tried only on a file lopdf refuses,
    // or reads as having no pages: lopdf then finds the objects by scanning.
    let mut doc = match open(bytes) {
        Ok(doc) if !page_ids(&doc).is_empty() => doc,
        first => {
            let repairs: [Repair; 3] =
                [repair::expand_filter_names, repair::encrypt_by_reference, repair::drop_identity_encryption];
            match repairs.iter().filter_map(|r| r(bytes)).find_map(|b| open(&b).ok()) {
                Some(doc) => doc,
                None => first?,
            }
        }
    };
    // Objects are loaded eagerly; a file of millions of tiny objects is an
    // attack on memory, not a plan.
    if doc.objects.len() > MAX_OBJECTS {
        return Err(Error::Limit(format!("{} objects, more than the {MAX_OBJECTS} allowed", doc.objects.len())));
    }
    repair::fix_streams(&mut doc, bytes);
    slim::release_structure(&mut doc);
    Ok(doc)
}

/// A rewrite of a file's bytes that lopdf may then read.
type Repair = fn(&[u8]) -> Option<Vec<u8>>;

/// lopdf's load, its errors in our words.
fn open(bytes: &[u8]) -> Result<Document> {
    // lopdf decrypts with the empty user password by itself; an error here
    // for an encrypted file means a real password is needed.
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(obj::MAX_STREAM),
        filter: Some(slim::slim),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(Error::Encrypted("a password is needed to open it".into()));
    }
    Ok(doc)
}

/// lopdf's error as one of ours. Its own wording (which may ask the user
/// to report a bug to lopdf) does not reach the user.
fn load_error(e: lopdf::Error) -> Error {
    use lopdf::Error as E;
    match e {
        E::Decryption(_) | E::InvalidPassword | E::UnsupportedSecurityHandler(_) => {
            Error::Encrypted("a password is needed to open it".into())
        }
        E::Unimplemented(what) => Error::Unsupported(what.to_string()),
        E::IO(e) => Error::Pdf(format!("read error: {e}")),
        E::Decompress(_) => Error::Pdf("a stream the file's structure depends on could not be decompressed".into()),
        E::Xref(_)
        | E::Parse(_)
        | E::InvalidOffset(_)
        | E::ObjectNotFound(_)
        | E::MissingXrefEntry
        | E::IndirectObject { .. } => {
            Error::Pdf("damaged or truncated file: its cross-reference data and objects could not be read".into())
        }
        _ => Error::Pdf("damaged or truncated file: it could not be parsed".into()),
    }
}

/// The document's pages as `(number, id)`, in order; a page tree whose
/// root is itself a page is that one page.
fn page_ids(doc: &Document) -> Vec<(u32, ObjectId)> {
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    if pages.is_empty() {
        return repair::root_page(doc).map(|id| (1, id)).into_iter().collect();
    }
    pages
}

/// Page attributes that may be inherited from the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(v) = obj::get(doc, node, key) {
            return Some(v);
        }
        node = obj::dict(doc, node, b"Parent")?;
    }
    None
}

fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<[f32; 4]> {
    let values: Vec<f32> =
        inherited(doc, page, key)?.as_array().ok()?.iter().map(|o| obj::number(doc, o)).collect::<Option<_>>()?;
    let [a, b, c, d] = <[f32; 4]>::try_from(values).ok()?;
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
}

fn page(doc: &Document, id: ObjectId, number: u32, state: &mut DocState) -> Page {
    let empty = Dictionary::new();
    let dict = doc.get_dictionary(id).unwrap_or(&empty);
    let media = page_box(doc, dict, b"MediaBox").unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let [x0, y0, x1, y1] = page_box(doc, dict, b"CropBox").unwrap_or(media);
    let rotate = inherited(doc, dict, b"Rotate").and_then(|r| r.as_i64().ok()).unwrap_or(0).rem_euclid(360);
    let (w, h) = (x1 - x0, y1 - y0);
    // User space (y up) → the upright page, y down from its top-left corner.
    let (ctm, width, height) = match rotate {
        90 => (Matrix { a: 0.0, b: 1.0, c: 1.0, d: 0.0, e: -y0, f: -x0 }, h, w),
        180 => (Matrix { a: -1.0, b: 0.0, c: 0.0, d: 1.0, e: x1, f: -y0 }, w, h),
        270 => (Matrix { a: 0.0, b: -1.0, c: -1.0, d: 0.0, e: y1, f: x1 }, h, w),
        _ => (Matrix { a: 1.0, b: 0.0, c: 0.0, d: -1.0, e: -x0, f: y1 }, w, h),
    };
    if rotate % 90 != 0 {
        state.diagnostics.push(Diagnostic::new(Some(number), format!("page /Rotate {rotate} ignored")));
    }

    let mut out = Page { number, width, height, glyphs: Vec::new(), rules: Vec::new() };
    let mut dicts = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(id) {
        dicts.extend(direct);
        dicts.extend(ids.iter().filter_map(|rid| doc.get_dictionary(*rid).ok()));
    }
    let res = Resources::new(dicts);
    let mut interp = Interp::new(doc, state, &mut out, number, ctm);
    // The parts of a /Contents array are one stream: an operator, or a TJ
    // array, may start in one part and end in the next.
    let mut content = Vec::new();
    for cid in doc.get_page_contents(id) {
        let Ok(stream) = doc.get_object(cid).and_then(Object::as_stream) else {
            interp.diag(format!("content stream {} {} R is missing", cid.0, cid.1));
            continue;
        };
        // A stream whose filter fails is tried raw, as other readers do.
        match obj::stream_bytes(stream) {
            Some(b) => content.extend_from_slice(&b),
            None => {
                let message = format!("content stream {} {} R could not be decompressed; read as it is", cid.0, cid.1);
                interp.diag(message);
                content.extend_from_slice(&stream.content);
            }
        }
        content.push(b'\n');
    }
    interp.run(&content, &res);
    annots::draw(doc, dict, &mut interp, ctm, &res);
    interp.finish();
    // Text outside the media box is not on the page: pdftotext drops it (a
    // crop box, which it ignores by default, may show just a corner).
    let before = out.glyphs.len();
    let corners = [(media[0], media[1]), (media[2], media[3])].map(|(x, y)| ctm.apply(x, y));
    let (lo_x, hi_x) = (corners[0].0.min(corners[1].0), corners[0].0.max(corners[1].0));
    let (lo_y, hi_y) = (corners[0].1.min(corners[1].1), corners[0].1.max(corners[1].1));
    out.glyphs.retain(|g| g.bbox.x1 >= lo_x && g.bbox.x0 <= hi_x && g.bbox.y1 >= lo_y && g.bbox.y0 <= hi_y);
    let outside = before - out.glyphs.len();
    if outside > 0 {
        state
            .diagnostics
            .push(Diagnostic::new(Some(number), format!("{outside} glyph(s) outside the media box skipped")));
    }
    out
}
