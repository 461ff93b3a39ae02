//! `odplan debug`: each page as an SVG showing what the table finder saw —
//! the words and ruling lines, and on top the columns, the row bands, the
//! lines set aside and the cells the self-check flagged.
//!
//! The page model here ([`Sheet`]) is the same for PDFs (page space, points)
//! and text files (one unit grid per character column and line), so one
//! drawing routine ([`svg::draw`]) serves both.

mod svg;

use crate::layout::{self, Line};
use crate::pdf::{Rect, Segment};
use crate::record::{self, Record};
use crate::segment::{Plan, Role};
use crate::{Error, InputKind, Result};

/// Something the self-check found wrong on a page, to be drawn as a
/// `class="flagged"` box with `reason` as its tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// 1-based page.
    pub page: u32,
    pub at: FlagAt,
    pub reason: String,
}

/// Where a flag is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum FlagAt {
    /// A box in page space.
    Area(Rect),
    /// A record's row band on the flag's page (index into the records
    /// `record::normalise` gives, which follow the plan's tables and rows);
    /// with a role, only that column's cell of it.
    Row { record: usize, role: Option<Role> },
}

/// The self-check's flags (`record::check`), drawn on the flagged field's
/// cell of the record's row, on every page the row has a band.
pub fn self_check_flags(plan: &Plan, records: &[Record]) -> Vec<Flag> {
    let rows = plan.tables.iter().flat_map(|t| &t.rows);
    let mut flags = Vec::new();
    for (index, (r, row)) in records.iter().zip(rows).enumerate() {
        for f in record::check::check(r) {
            for &(page, ..) in &row.bands {
                flags.push(Flag {
                    page,
                    at: FlagAt::Row { record: index, role: role_of_field(f.field) },
                    reason: format!("{}: {}", f.field, f.reason),
                });
            }
        }
    }
    flags
}

/// The column a record's field comes from.
fn role_of_field(field: &str) -> Option<Role> {
    match field {
        "category" => Some(Role::Category),
        "name" | "new_item" => Some(Role::Name),
        "description" | "formats" => Some(Role::Description),
        "date_text" | "date" => Some(Role::Date),
        "frequency_text" | "frequency" => Some(Role::Frequency),
        _ => None,
    }
}

/// Renders the asked-for pages (1-based; all when empty) of a document as
/// SVG, with the self-check's flags. `source` is the name records carry.
pub fn render(bytes: &[u8], kind: InputKind, source: &str, pages: &[u32]) -> Result<Vec<(u32, String)>> {
    render_with_flags(bytes, kind, source, pages, None)
}

/// Like [`render`], with the given flags instead of the self-check's.
pub fn render_with_flags(
    bytes: &[u8],
    kind: InputKind,
    source: &str,
    pages: &[u32],
    flags: Option<&[Flag]>,
) -> Result<Vec<(u32, String)>> {
    let (plan, sheets) = match kind {
        InputKind::Pdf => pdf_sheets(bytes)?,
        InputKind::Text => text_sheets(bytes)?,
    };
    let (records, _) = record::normalise(&plan, source);
    let own_flags;
    let flags = match flags {
        Some(f) => f,
        None => {
            own_flags = self_check_flags(&plan, &records);
            &own_flags
        }
    };
    let count = u32::try_from(sheets.len()).unwrap_or(u32::MAX);
    if let Some(&page) = pages.iter().find(|&&p| p == 0 || p > count) {
        return Err(Error::NoSuchPage { page, pages: count });
    }
    let overlay = svg::Overlay::of(&plan, &records, flags);
    Ok(sheets
        .iter()
        .filter(|s| pages.is_empty() || pages.contains(&s.number))
        .map(|s| (s.number, svg::draw(s, &overlay)))
        .collect())
}

/// One page as drawn: its size, ruling lines and text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Sheet {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub rules: Vec<Segment>,
    pub texts: Vec<Text>,
    /// Text files: a fixed-width font, one character column per cell.
    pub monospace: bool,
    /// Lines without geometry (flowing text), placed by their line number
    /// here, for drawing what was dropped among them.
    pub placed_lines: Vec<(String, Rect)>,
}

/// A word (or, for flowing text, a line) at its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    pub text: String,
    pub bbox: Rect,
    /// Font size, when known better than from the box alone.
    pub size: Option<f32>,
    /// Where each glyph begins (byte offset, x), when known (PDF).
    pub starts: Vec<(usize, f32)>,
}

fn pdf_sheets(bytes: &[u8]) -> Result<(Plan, Vec<Sheet>)> {
    let doc = crate::pdf::pages(bytes)?;
    let (plan, lines) = crate::pdf_plan_of(&doc)?;
    let sheets = doc
        .pages
        .iter()
        .map(|p| Sheet {
            number: p.number,
            width: p.width,
            height: p.height,
            rules: p.rules.clone(),
            texts: words_on(&lines, p),
            monospace: false,
            placed_lines: Vec::new(),
        })
        .collect();
    Ok((plan, sheets))
}

/// A page's words, each in the size of the glyph it starts with (the
/// glyph whose box starts where the word's does); else the median of the
/// line's estimates, a line being mostly set in one size.
fn words_on(lines: &[Line], page: &crate::pdf::Page) -> Vec<Text> {
    let mut glyphs: Vec<(f32, f32, f32, f32)> =
        page.glyphs.iter().map(|g| (g.bbox.x0, g.bbox.y0, g.bbox.y1, g.size)).collect();
    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let glyph_size = |r: &Rect| {
        let from = glyphs.partition_point(|g| g.0 < r.x0 - GLYPH_MATCH);
        glyphs[from..]
            .iter()
            .take_while(|g| g.0 <= r.x0 + GLYPH_MATCH)
            .find(|g| g.1 < r.y1 && g.2 > r.y0)
            .map(|g| g.3)
            .filter(|s| s.is_finite() && *s > 0.0)
    };
    let mut out = Vec::new();
    for l in lines.iter().filter(|l| l.page == page.number) {
        let mut sizes: Vec<f32> = l.words.iter().map(|w| svg::font_size(&w.text, &w.bbox)).collect();
        sizes.sort_by(f32::total_cmp);
        let median = sizes.get(sizes.len() / 2).copied();
        out.extend(l.words.iter().map(|w| Text {
            text: w.text.clone(),
            bbox: w.bbox,
            size: glyph_size(&w.bbox).or(median),
            starts: w.starts.clone(),
        }));
    }
    out
}

/// How far (points) a glyph's left may be from its word's and still be
/// the word's first: the same number, give or take rounding.
const GLYPH_MATCH: f32 = 0.05;

/// Units of a character column and a line when text without geometry is
/// placed: the grid `layout::plain::column_lines` places words on.
const CHAR_WIDTH: f32 = 5.0;
const LINE_HEIGHT: f32 = 12.0;
/// White space kept round a text file's page, in grid units.
const TEXT_MARGIN: f32 = 10.0;

fn text_sheets(bytes: &[u8]) -> Result<(Plan, Vec<Sheet>)> {
    let (plan, lines, decoded) = crate::text_plan_lines(bytes)?;
    let pages = layout::plain::page_count(&decoded.text);
    let mut sheets: Vec<Sheet> =
        (1..=pages).map(|number| Sheet { number, monospace: true, ..Sheet::default() }).collect();
    let mut row_on_page: Vec<u32> = vec![0; sheets.len()];
    for l in &lines {
        let Some(i) = usize::try_from(l.page).ok().and_then(|p| p.checked_sub(1)) else { continue };
        let Some(sheet) = sheets.get_mut(i) else { continue };
        if l.bbox.is_some() {
            sheet.texts.extend(l.words.iter().map(|w| Text {
                text: w.text.clone(),
                bbox: w.bbox,
                size: None,
                starts: w.starts.clone(),
            }));
        } else {
            // Flowing text: the line at its line number, from the left edge.
            let y0 = row_on_page[i] as f32 * LINE_HEIGHT;
            row_on_page[i] += 1;
            let columns: usize = l.text.chars().map(|c| if layout::is_cjk(c) { 2 } else { 1 }).sum();
            let bbox = Rect { x0: 0.0, y0, x1: columns as f32 * CHAR_WIDTH, y1: y0 + LINE_HEIGHT * 0.85 };
            if !l.text.trim().is_empty() {
                sheet.texts.push(Text { text: l.text.trim_end().to_owned(), bbox, size: None, starts: Vec::new() });
                sheet.placed_lines.push((l.text.clone(), bbox));
            }
        }
    }
    for s in &mut sheets {
        let (w, h) = s.texts.iter().fold((0f32, 0f32), |(w, h), t| (w.max(t.bbox.x1), h.max(t.bbox.y1)));
        s.width = w + 2.0 * TEXT_MARGIN;
        s.height = h + 2.0 * TEXT_MARGIN;
        // Everything moves right and down by the margin.
        for t in &mut s.texts {
            t.bbox = shift(t.bbox, TEXT_MARGIN);
        }
        for (_, r) in &mut s.placed_lines {
            *r = shift(*r, TEXT_MARGIN);
        }
    }
    Ok((shift_plan(plan, TEXT_MARGIN), sheets))
}

fn shift(r: Rect, by: f32) -> Rect {
    Rect { x0: r.x0 + by, y0: r.y0 + by, x1: r.x1 + by, y1: r.y1 + by }
}

/// Moves every position a plan's trace and rows hold by `by`, as
/// [`text_sheets`] moves the words.
fn shift_plan(mut plan: Plan, by: f32) -> Plan {
    for d in &mut plan.trace.dropped {
        d.bbox = d.bbox.map(|r| shift(r, by));
    }
    for t in &mut plan.trace.table_pages {
        t.bbox = t.bbox.map(|r| shift(r, by));
        for c in t.columns.iter_mut().flat_map(|c| c.columns.iter_mut()) {
            c.left += by;
            c.right += by;
            c.text_right = c.text_right.map(|x| x + by);
        }
    }
    for row in plan.tables.iter_mut().flat_map(|t| t.rows.iter_mut()) {
        for band in &mut row.bands {
            band.1 += by;
            band.2 += by;
        }
    }
    plan
}

#[cfg(test)]
mod tests;
