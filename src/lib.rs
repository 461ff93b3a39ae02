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
    /// The id of the record the self-check flagged, and the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl Diagnostic {
    pub fn new(page: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic { page, message: message.into(), record: None, field: None }
    }

    /// A record's field that looks wrong, found by the self-check.
    pub fn flag(page: Option<u32>, record: &str, field: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { page, message: message.into(), record: Some(record.to_owned()), field: Some(field) }
    }
}

pub mod batch;
pub mod catalogue;
pub mod check;
pub mod debug;
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
    diagnostics.extend(plan.diagnostics.iter().cloned());
    let (records, more) = record::normalise(&plan, source);
    diagnostics.extend(more);
    Ok(Extraction { pages, records, diagnostics })
}

/// Column names a line must hold to be the plan's table header: one such
/// word ("release", "description") is common in any prose.
const HEADER_COLUMNS: usize = 2;
/// Lines after the plan's title within which its period must appear.
const TITLE_PERIOD_LINES: usize = 3;

/// Whether a document has a plan's frame: a title with the plan's wording
/// and its period, then a table header with the plan's columns, and the
/// segmenter found sections A.–D. with tables. A standard, a paper or a
/// licence with a heading that looks like "D. ..." and a table is not a
/// plan; a plan whose tables are all empty is.
pub fn plan_frame(lines: &[layout::Line], plan: &segment::Plan) -> Result<()> {
    use segment::patterns as pat;
    if plan.tables.is_empty() {
        return Err(Error::NotAPlan("no sections A.–D. with tables found".into()));
    }
    // The first column header the table finder recognised, by place.
    let header = plan
        .trace
        .dropped
        .iter()
        .filter(|d| d.why == "column header")
        .find(|d| segment::header::roles_named(&d.text) >= HEADER_COLUMNS)
        .and_then(|d| {
            // Text files print the same line with other spacing than the
            // lines the plan was cut from.
            let squash = |t: &str| t.split_whitespace().collect::<String>();
            lines.iter().position(|l| l.page == d.page && squash(&l.text) == squash(&d.text))
        });
    let Some(header) = header else {
        return Err(Error::NotAPlan("no table header with the plan's columns (Item No., Dataset Name, ...)".into()));
    };
    let before = lines.get(..header).unwrap_or_default();
    let titled = before.iter().enumerate().any(|(i, l)| {
        pat::TITLE.is_match(&l.text)
            && before.iter().skip(i).take(TITLE_PERIOD_LINES).any(|l| pat::PERIOD.is_match(&l.text))
    });
    if !titled || plan.plan_period.is_none() {
        return Err(Error::NotAPlan(
            "no title with the plan's wording and period (Open Data Plan for 20xx-20xx)".into(),
        ));
    }
    Ok(())
}

/// A text file's plan, its page count and what decoding it noticed.
fn text_plan(bytes: &[u8]) -> Result<(segment::Plan, u32, Vec<Diagnostic>)> {
    let (plan, _, decoded) = text_plan_lines(bytes)?;
    plan_frame(&layout::plain::lines(&decoded.text), &plan)?;
    Ok((plan, layout::plain::page_count(&decoded.text), decoded.diagnostics))
}

/// A text file's plan, the lines it was cut from, and the decoded text;
/// whether the plan has a plan's frame is not checked here.
pub(crate) fn text_plan_lines(bytes: &[u8]) -> Result<(segment::Plan, Vec<layout::Line>, layout::plain::Decoded)> {
    let decoded = layout::plain::decode(bytes)?;
    // Text that keeps its columns (pdftotext -layout) is cut by column
    // position, like a PDF; flowing text by its cell order.
    let (plan, lines) = if layout::plain::is_column_layout(&decoded.text) {
        // Whichever width of a CJK character lines the columns up gives
        // the plan with more rows and fewer complaints.
        // (Ties go to the last tried: two columns a character, as
        // pdftotext sets CJK.)
        [1, 2]
            .map(|w| {
                let lines = layout::plain::column_lines(&decoded.text, w);
                (segment::plan_with_rules(&lines, &[]), lines)
            })
            .into_iter()
            .max_by_key(|(p, _)| {
                let rows: usize = p.tables.iter().map(|t| t.rows.len()).sum();
                let complaints = p.diagnostics.len() + record::normalise(p, "").1.len();
                (rows, std::cmp::Reverse(complaints))
            })
            .ok_or_else(|| Error::NotAPlan("no lines".into()))?
    } else {
        let lines = layout::plain::lines(&decoded.text);
        (segment::plan(&lines), lines)
    };
    Ok((plan, lines, decoded))
}

/// A PDF's plan, its page count and what reading it noticed. Pages are
/// laid out into lines as they are read, and not kept.
fn pdf_plan(bytes: &[u8]) -> Result<(segment::Plan, u32, Vec<Diagnostic>)> {
    let mut lines = Vec::new();
    let mut info = Vec::new();
    let doc = pdf::each_page(bytes, |page| {
        lines.extend(layout::lines(&page));
        info.push(segment::PageInfo { height: Some(page.height), rules: page.rules });
    })?;
    if let Some(err) = doc.no_text() {
        return Err(err);
    }
    let plan = segment::plan_with_pages(&lines, &info);
    plan_frame(&lines, &plan)?;
    let pages = u32::try_from(info.len()).unwrap_or(u32::MAX);
    Ok((plan, pages, doc.diagnostics))
}

/// A parsed PDF's plan and the lines it was cut from; whether the plan
/// has a plan's frame is not checked here.
pub(crate) fn pdf_plan_of(doc: &pdf::PdfDocument) -> Result<(segment::Plan, Vec<layout::Line>)> {
    if let Some(err) = doc.no_text() {
        return Err(err);
    }
    let lines: Vec<layout::Line> = doc.pages.iter().flat_map(layout::lines).collect();
    let info: Vec<segment::PageInfo> =
        doc.pages.iter().map(|p| segment::PageInfo { height: Some(p.height), rules: p.rules.clone() }).collect();
    Ok((segment::plan_with_pages(&lines, &info), lines))
}

/// The text of a PDF, pages separated by form feeds; with `layout`, words
/// keep their columns. A PDF with no text at all is an error saying why.
pub fn pdf_text(bytes: &[u8], layout: bool) -> Result<String> {
    let mut text = String::new();
    let mut first = true;
    // Each page is written out and dropped as it is read: a long
    // document's glyphs are never all held.
    let doc = pdf::each_page(bytes, |page| {
        if !first {
            text.push('\x0c');
        }
        first = false;
        layout::render_page(&page, layout, &mut text);
    })?;
    if let Some(err) = doc.no_text() {
        return Err(err);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const HEADER: &str =
        "Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n";

    fn extracted(text: &str) -> Result<Extraction> {
        extract(text.as_bytes(), InputKind::Text, "t.txt")
    }

    #[test]
    fn a_plan_with_empty_tables_is_a_plan() {
        let plan = format!(
            "Lands Department\nOpen Data Plan for 2024-2026\nA. Datasets to be released in 2024\ni. Spatial Data\n{HEADER}N/A\n\
             ii. Non-spatial Data\nN/A\nLands Department\nDecember 2023\n"
        );
        let got = extracted(&plan).map(|e| e.records.len());
        assert!(matches!(got, Ok(0)), "{got:?}");
    }

    #[test]
    fn documents_without_the_plan_frame_are_not_plans() {
        let body = format!("A. Results\ni. Spatial Data\n{HEADER}1 Survey Maps of trails\n• Maps.\n03/2024 Monthly\n");
        // A section and a table, but no title with the plan's wording.
        let paper = format!("A study of maps\n2001-2004\n{body}");
        let err = extracted(&paper).err();
        assert!(matches!(&err, Some(Error::NotAPlan(m)) if m.contains("title")), "{err:?}");
        // The plan's title, but no table header with its columns: the
        // segmenter finds no table, or the frame check no header.
        let no_header = "Open Data Plan for 2024-2026\nA. Results\ni. Spatial Data\n1 Survey Maps\n03/2024 Monthly\n";
        let err = extracted(no_header).err();
        assert!(matches!(&err, Some(Error::NotAPlan(_))), "{err:?}");
        // The same with the title is a plan.
        assert!(extracted(&format!("Open Data Plan for 2024-2026\n{body}")).is_ok());
    }

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
