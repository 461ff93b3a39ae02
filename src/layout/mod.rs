//! Glyphs → words → lines, and plain text → lines. No regexes here.
//!
//! [`lines`] groups a page's glyphs by baseline into lines (top to bottom) and
//! each line by horizontal gaps into words (left to right), keeping every
//! word's box so that later stages can assign words to table columns by x.
//! [`render`] turns pages into text like `pdftotext` (optionally `-layout`),
//! and [`coverage`] checks that rendered text holds the strings expected of it.

pub mod coverage;
mod group;
pub mod plain;
mod render;
mod script;
#[cfg(test)]
mod sketch;

pub use group::lines;
pub use render::{render, render_page};
pub use script::is_cjk;

use crate::pdf::Rect;

/// A run of glyphs with no gap wide enough to separate them.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub bbox: Rect,
    /// Where each glyph begins: its byte offset in `text` and its left x.
    /// Empty when unknown (text files). Lets a later stage cut a word that
    /// runs across a table's column edge.
    pub starts: Vec<(usize, f32)>,
}

/// One line of text on a page, in reading order.
///
/// Lines from PDFs carry geometry (`bbox` and positioned `words`); lines from
/// text files do not (`bbox` is `None`, `words` is empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based page number.
    pub page: u32,
    pub text: String,
    pub bbox: Option<Rect>,
    pub words: Vec<Word>,
}
