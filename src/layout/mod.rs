//! Glyphs → words → lines, and plain text → lines. No regexes here.

pub mod plain;
mod words;

pub use words::{lines, render};

use crate::pdf::Rect;

/// A run of glyphs with no gap wide enough to separate them.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub bbox: Rect,
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
