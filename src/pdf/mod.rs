//! PDF bytes → positioned glyphs and ruling lines per page.
//!
//! The only module that imports lopdf.

pub mod geometry;

pub use geometry::{Matrix, Rect};

use crate::Diagnostic;

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
}
