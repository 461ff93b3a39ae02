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

pub mod batch;
pub mod catalogue;
pub mod output;
pub mod record;
pub mod segment;

use record::Record;

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Pdf,
    Text,
}

impl InputKind {
    /// By extension: `.pdf` is a PDF, anything else is read as text.
    pub fn of_path(path: &std::path::Path) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("pdf") => InputKind::Pdf,
            _ => InputKind::Text,
        }
    }

    /// By name, then by content: `.pdf` is a PDF and `.txt` text, as
    /// [`InputKind::of_path`] says; any other name (or none) is a PDF when
    /// its first kilobyte holds the `%PDF-` header, where PDF readers look
    /// for it, and text otherwise.
    pub fn of(name: Option<&std::path::Path>, bytes: &[u8]) -> InputKind {
        let ext = name.and_then(|n| n.extension()).and_then(|e| e.to_str());
        match ext {
            Some(e) if e.eq_ignore_ascii_case("pdf") => InputKind::Pdf,
            Some(e) if e.eq_ignore_ascii_case("txt") => InputKind::Text,
            _ if bytes.get(..PDF_HEADER_WINDOW).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") => InputKind::Pdf,
            _ => InputKind::Text,
        }
    }
}

/// Bytes from the start of a file in which PDF readers accept the header.
const PDF_HEADER_WINDOW: usize = 1024;

/// One document's records and what was odd about it.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub pages: u32,
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the whole pipeline on one document's bytes. `source` is the name
/// records carry. `Err` means the document as a whole could not be read.
pub fn extract(bytes: &[u8], kind: InputKind, source: &str) -> Result<Extraction> {
    let (plan, pages, mut diagnostics) = match kind {
        InputKind::Text => text_plan(bytes)?,
        InputKind::Pdf => pdf_plan(bytes)?,
    };
    if plan.tables.is_empty() {
        return Err(Error::NotAPlan("no sections A.–D. with tables found".into()));
    }
    diagnostics.extend(plan.diagnostics.iter().cloned());
    let (records, more) = record::normalise(&plan, source);
    diagnostics.extend(more);
    Ok(Extraction { pages, records, diagnostics })
}

/// A text file's plan, its page count and what decoding it noticed.
fn text_plan(bytes: &[u8]) -> Result<(segment::Plan, u32, Vec<Diagnostic>)> {
    let decoded = layout::plain::decode(bytes)?;
    let pages = layout::plain::page_count(&decoded.text);
    // Text that keeps its columns (pdftotext -layout) is cut by column
    // position, like a PDF; flowing text by its cell order.
    let plan = if layout::plain::is_column_layout(&decoded.text) {
        // Whichever width of a CJK character lines the columns up gives
        // the plan with more rows and fewer complaints.
        [2, 1]
            .map(|w| segment::plan_with_rules(&layout::plain::column_lines(&decoded.text, w), &[]))
            .into_iter()
            .max_by_key(|p| {
                let rows: usize = p.tables.iter().map(|t| t.rows.len()).sum();
                (rows, std::cmp::Reverse(p.diagnostics.len()))
            })
            .ok_or_else(|| Error::NotAPlan("no lines".into()))?
    } else {
        segment::plan(&layout::plain::lines(&decoded.text))
    };
    Ok((plan, pages, decoded.diagnostics))
}

/// A PDF's plan, its page count and what reading it noticed.
fn pdf_plan(bytes: &[u8]) -> Result<(segment::Plan, u32, Vec<Diagnostic>)> {
    let doc = pdf::pages(bytes)?;
    if doc.pages.iter().all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty())) {
        return Err(if doc.damaged {
            Error::Pdf("damaged or truncated file: no text could be recovered".into())
        } else {
            Error::NoTextLayer
        });
    }
    let pages = u32::try_from(doc.pages.len()).unwrap_or(u32::MAX);
    let lines: Vec<layout::Line> = doc.pages.iter().flat_map(layout::lines).collect();
    let rules: Vec<Vec<pdf::Segment>> = doc.pages.into_iter().map(|p| p.rules).collect();
    Ok((segment::plan_with_rules(&lines, &rules), pages, doc.diagnostics))
}

/// The text of a PDF, pages separated by form feeds; with `layout`, words
/// keep their columns.
pub fn pdf_text(bytes: &[u8], layout: bool) -> Result<String> {
    let doc = pdf::pages(bytes)?;
    Ok(layout::render(&doc.pages, layout))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn kind_by_name_then_by_content() {
        let pdf = b"\xEF\xBB\xBFjunk %PDF-1.7\n...";
        assert_eq!(InputKind::of(Some(Path::new("a.PDF")), b"plain"), InputKind::Pdf);
        assert_eq!(InputKind::of(Some(Path::new("a.txt")), pdf), InputKind::Text);
        assert_eq!(InputKind::of(Some(Path::new("a.bin")), pdf), InputKind::Pdf);
        assert_eq!(InputKind::of(None, pdf), InputKind::Pdf);
        assert_eq!(InputKind::of(None, b"A. Datasets %PDF"), InputKind::Text);
        let late = [vec![b' '; PDF_HEADER_WINDOW], b"%PDF-1.4".to_vec()].concat();
        assert_eq!(InputKind::of(None, &late), InputKind::Text);
    }
}
