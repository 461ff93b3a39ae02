//! A table page's columns, found from the page rather than from one header
//! shape. Separators come from vertical ruling lines where the table has
//! them, else from the white space that runs down the table between the
//! words (the text edges of tabula's and camelot's stream modes); header
//! words then name each column's role however the header wraps, aligns or
//! breaks its words. A page with no header takes the previous page's
//! columns; a table with no usable header at all is cut by its widest
//! gutters and given roles by position.
//!
//! Every length here is in ems of the table's body text, so the same rules
//! hold for any font size, page size or scale.

use super::header::{ROLES, Role};
use crate::layout::{Line, Word};
use crate::pdf::Segment;
use edges::{gutters, rule_separators};
use slots::{by_header, by_position, cut_flush_header, split_at_cjk_gaps};

/// One column: words whose left edge falls in `left..right` belong to it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Column {
    pub role: Role,
    pub left: f32,
    pub right: f32,
    /// Where wrapped text in this column may reach at most, when the page
    /// shows it (a ruling line less the cell's padding, or the edge of the
    /// white space beside the column).
    pub text_right: Option<f32>,
    /// Whether `text_right` comes from a ruling line, exactly, rather
    /// than from where the text happened to stop.
    pub ruled: bool,
}

/// How a page's columns were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Vertical ruling lines, roles from the header words.
    Rules,
    /// Vertical rules between the header's cells only (none in the body).
    HeaderRules,
    /// White space down the table, roles from the header words.
    Whitespace,
    /// The previous page's columns (no header repeated here).
    Previous,
    /// The widest gutters, roles by position (no usable header).
    Position,
}

/// The table's columns on one page, left to right.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Columns {
    pub columns: Vec<Column>,
    pub strategy: Strategy,
    /// The body text's em, the unit of every tolerance.
    pub em: f32,
}

impl Columns {
    /// The column a word starting at `x0` belongs to: a word may start a
    /// hair left of its column's edge when the text sits exactly on it.
    pub fn index_of(&self, x0: f32) -> Option<usize> {
        let first = self.columns.first()?;
        if x0 < first.left {
            return Some(0);
        }
        self.columns.iter().rposition(|c| x0 + EDGE_SLACK_EM * self.em >= c.left)
    }
}

/// How far (ems) left of a column's edge a word may start and still be in
/// it: producers round positions, and text may be set on the edge itself.
const EDGE_SLACK_EM: f32 = 0.1;

/// Words of one line closer than this belong to one cell: an inter-word
/// space is 0.2-0.35 em.
const WORD_GAP_EM: f32 = 0.4;

/// A white-space gap running down the page between words.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gap {
    x0: f32,
    x1: f32,
}

impl Gap {
    fn mid(self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Body lines needed to find gutters from the body alone.
const MIN_BODY_LINES: usize = 3;

/// Whether a line's word is (a piece of) one of the header words: the
/// header words are copies, cut where cells meet, so told by place (the
/// same top, overlapping in x), not by identity.
fn is_header_word(header: &[&Word], w: &Word) -> bool {
    header.iter().any(|h| h.bbox.y0 == w.bbox.y0 && h.bbox.x0 < w.bbox.x1 && w.bbox.x0 < h.bbox.x1)
}

/// Finds a table page's columns from its header and body lines and the
/// page's rules; `kin` are the body lines of other table pages under the
/// same header (`same_header`), more evidence of where white space runs;
/// `previous` is the same table's columns on the page before.
pub fn find(
    header: &[&Line],
    body: &[&Line],
    kin: &[&Line],
    rules: &[Segment],
    previous: Option<&Columns>,
) -> Result<Columns, String> {
    let words: Vec<&Word> = header.iter().chain(body).flat_map(|l| l.words.iter()).collect();
    if words.is_empty() {
        return previous.cloned().ok_or_else(|| "table has no words to find columns from".into());
    }
    let em = body_em(header, body);
    let header_owned: Vec<Word> = header.iter().flat_map(|l| l.words.iter()).flat_map(split_at_cjk_gaps).collect();
    let header_words: Vec<&Word> = header_owned.iter().collect();
    if header_words.is_empty() {
        if let Some(p) = previous {
            return Ok(previous_columns(p, body));
        }
    }
    let lines: Vec<&Line> = header.iter().chain(body).copied().collect();
    let top = lines.iter().filter_map(|l| l.bbox).map(|b| b.y0).fold(f32::INFINITY, f32::min);
    let bottom = lines.iter().filter_map(|l| l.bbox).map(|b| b.y1).fold(f32::NEG_INFINITY, f32::max);
    // A box's sides (rules left of every word or right of every word)
    // frame the table; only rules between words part its columns.
    let left = words.iter().map(|w| w.bbox.x0).fold(f32::INFINITY, f32::min);
    let right = words.iter().map(|w| w.bbox.x1).fold(f32::NEG_INFINITY, f32::max);
    let inside = |x: &f32| *x > left && *x < right;
    let ruled: Vec<f32> = rule_separators(rules, top, bottom).into_iter().filter(inside).collect();
    let (ruled, strategy) = if ruled.len() >= 2 {
        (ruled, Strategy::Rules)
    } else {
        // Header cells boxed over a body without column rules: their sides
        // are the column edges still.
        let sides = super::extent(header.iter().copied())
            .map_or_else(Vec::new, |b| rule_separators(rules, b.y0, b.y1).into_iter().filter(inside).collect());
        (sides, Strategy::HeaderRules)
    };
    let pooled_body: Vec<&Line> = body.iter().chain(kin).copied().collect();
    let lines: Vec<&Line> = lines.into_iter().chain(kin.iter().copied()).collect();
    let (separators, strategy) = if ruled.len() >= 2 {
        (ruled.iter().map(|&x| Gap { x0: x, x1: x }).collect::<Vec<_>>(), strategy)
    } else {
        (gutters(&lines, em), Strategy::Whitespace)
    };
    if !header_words.is_empty() {
        // Rules in the header alone say where the columns are, but not how
        // far the body's text runs: where white space runs down beside a
        // rule too, it says so.
        let limits = if strategy == Strategy::HeaderRules { gutters(&lines, em) } else { Vec::new() };
        let mut best = by_header(&header_words, &separators, &limits, &lines, em);
        // A header set flush across a gutter (CJK cells with no gap,
        // "項目數據" over two columns) hides it: the body alone shows it,
        // and the header words are cut there.
        let body_lines = pooled_body.iter().filter(|l| !l.words.is_empty()).count();
        if strategy == Strategy::Whitespace
            && best.as_ref().is_none_or(|c| c.len() < ROLES.len())
            && body_lines >= MIN_BODY_LINES
        {
            let body_gaps = gutters(&pooled_body, em);
            let cut = cut_flush_header(&header_words, &body_gaps, em);
            let cut_words: Vec<&Word> = cut.iter().collect();
            if let Some(c) = by_header(&cut_words, &body_gaps, &[], &lines, em) {
                if best.as_ref().is_none_or(|b| c.len() > b.len()) {
                    best = Some(c);
                }
            }
        }
        if let Some(columns) = best {
            return Ok(Columns { columns: item_edge_from_numbers(columns, body), strategy, em });
        }
    }
    if let Some(p) = previous {
        return Ok(previous_columns(p, body));
    }
    by_position(&separators, &words).map(|columns| Columns {
        columns: item_edge_from_numbers(columns, body),
        strategy: Strategy::Position,
        em,
    })
}

/// How far apart (ems) the same header word may sit on two table pages and
/// still be the same header layout: producers round positions.
const SAME_HEADER_EM: f32 = 0.25;

/// Whether two table pages have the same header: the same words, each at
/// the same place. Their columns are then the same.
pub fn same_header(a: &[&Line], b: &[&Line]) -> bool {
    let wa: Vec<&Word> = a.iter().flat_map(|l| l.words.iter()).collect();
    let wb: Vec<&Word> = b.iter().flat_map(|l| l.words.iter()).collect();
    if wa.is_empty() || wa.len() != wb.len() {
        return false;
    }
    let em = body_em(a, &[]);
    let tol = SAME_HEADER_EM * em;
    wa.iter()
        .zip(&wb)
        .all(|(x, y)| x.text == y.text && (x.bbox.x0 - y.bbox.x0).abs() <= tol && (x.bbox.x1 - y.bbox.x1).abs() <= tol)
}

/// The previous page's columns, the item edge checked on this page's
/// lines (the page before may have held only the header).
fn previous_columns(p: &Columns, body: &[&Line]) -> Columns {
    Columns { columns: item_edge_from_numbers(p.columns.clone(), body), strategy: Strategy::Previous, em: p.em }
}

/// Moves the item column's right edge in to just after the item numbers
/// when the column as found also holds the text after them on their lines
/// ("1 食物": a one-row table shows too little white space to part the
/// item numbers from the categories): item cells hold numbers only.
fn item_edge_from_numbers(mut cols: Vec<Column>, body: &[&Line]) -> Vec<Column> {
    let Some(i) = cols.iter().position(|c| c.role == Role::Item) else { return cols };
    let Some(right) = cols.get(i).map(|c| c.right) else { return cols };
    let is_number = |t: &str| {
        let t = t.trim_end_matches(['.', '．']);
        !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| c.is_ascii_digit())
    };
    let (mut numbers_end, mut text_start) = (f32::NEG_INFINITY, f32::INFINITY);
    for l in body {
        let mut ws: Vec<&Word> = l.words.iter().filter(|w| w.bbox.x0 < right).collect();
        ws.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        if let [first, next, ..] = ws.as_slice() {
            if is_number(&first.text) {
                numbers_end = numbers_end.max(first.bbox.x1);
                text_start = text_start.min(next.bbox.x0);
            }
        }
    }
    if numbers_end < text_start && text_start.is_finite() {
        let edge = (numbers_end + text_start) / 2.0;
        cols[i].right = edge;
        cols[i].text_right = None;
        if let Some(next) = cols.get_mut(i + 1) {
            next.left = edge;
        }
    }
    cols
}

/// The median height of the body's words (the header may be set larger).
fn body_em(header: &[&Line], body: &[&Line]) -> f32 {
    let src = if body.iter().any(|l| !l.words.is_empty()) { body } else { header };
    let mut h: Vec<f32> =
        src.iter().flat_map(|l| l.words.iter()).map(|w| w.bbox.height()).filter(|h| *h > 0.0).collect();
    h.sort_by(f32::total_cmp);
    h.get(h.len() / 2).copied().unwrap_or(10.0).max(1.0)
}

mod edges;
mod slots;
#[cfg(test)]
mod tests;
