//! odplan: Hong Kong open data plan PDFs (and their text) → normalised records.
//!
//! The pipeline is a chain of plain functions, one module per stage:
//! `pdf` (bytes → pages of glyphs) → `layout` (glyphs → lines) →
//! `segment` (lines → tables of raw rows) → `record` (raw rows → records) →
//! `output` (records → CSV / JSON / JSON Lines).

pub mod error;
pub mod layout;
pub mod pdf;

pub use error::{Error, Result};

use serde::Serialize;

/// Something odd about a document that did not stop it being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// 1-based page, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(page: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { page, message: message.into() }
    }
}
