//! Lines → the plan's frame (title, sections, organisations, tables) → raw rows.
//!
//! The frame is found the same way for text files and PDFs, from the text
//! of each line. Rows are then cut from each table's body by `text` (lines
//! without geometry) or by `grid` (lines with word positions).

mod columns;
mod frame;
mod furniture;
mod grid;
pub mod header;
pub mod join;
pub mod patterns;
mod text;
mod vocab;

pub use columns::{Column, Columns, Strategy};
pub use header::Role;

use serde::Serialize;

use crate::Diagnostic;
use crate::layout::Line;
use crate::pdf::Segment;
use frame::{closing_block, frame, plan_date_in, section_heading, title_block, without_marker};
use patterns as pat;

/// A plan's four sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Section {
    A,
    B,
    C,
    D,
}

impl Section {
    fn from_letter(c: char) -> Option<Section> {
        match c {
            'A' | 'Ａ' => Some(Section::A),
            'B' | 'Ｂ' => Some(Section::B),
            'C' | 'Ｃ' => Some(Section::C),
            'D' | 'Ｄ' => Some(Section::D),
            _ => None,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Section::A => "A",
            Section::B => "B",
            Section::C => "C",
            Section::D => "D",
        }
    }
}

/// The language a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum Language {
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHant => "zh-Hant",
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }
}

/// A table row as printed, cells joined but not yet normalised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawRow {
    pub item_no: u32,
    pub category: String,
    /// The name with the new-item marker removed.
    pub name: String,
    pub new_item: bool,
    /// One entry per bullet.
    pub description: Vec<String>,
    pub date_text: String,
    pub frequency_text: String,
    /// 1-based pages the row spans, ascending.
    pub pages: Vec<u32>,
    /// Per page, the row's vertical extent there: (page, y0, y1). Only
    /// for lines with geometry; for `odplan debug`.
    pub bands: Vec<(u32, f32, f32)>,
    /// Line breaks the page does not settle (inside a word or between two
    /// words; an item's end or a sentence's): the record field and what
    /// was left open, for the self-check.
    pub unsettled: Vec<(&'static str, String)>,
}

/// One table: a section's (or an organisation's) spatial or non-spatial table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub section: Section,
    /// The organisation heading under section C, as printed.
    pub organisation: Option<String>,
    pub spatial: bool,
    pub rows: Vec<RawRow>,
}

/// The plan: what its title block and closing lines say, and its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub language: Language,
    pub publisher: Option<String>,
    pub plan_period: Option<String>,
    /// The publication date as printed at the end ("2023年12月").
    pub plan_date_text: Option<String>,
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the table finder saw, for `odplan debug`.
    pub trace: Trace,
}

/// What the segmenter needs of a page besides its lines.
#[derive(Debug, Clone, Default)]
pub struct PageInfo {
    /// The page's height in the lines' units, when known (PDF).
    pub height: Option<f32>,
    /// The page's ruling lines.
    pub rules: Vec<Segment>,
}

/// A line the segmenter set aside, and why: for `odplan debug`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    pub page: u32,
    pub text: String,
    pub bbox: Option<crate::pdf::Rect>,
    pub why: &'static str,
}

/// One table's share of one page, as the table finder saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TablePage {
    /// Index into `Plan::tables`.
    pub table: usize,
    pub page: u32,
    pub columns: Option<Columns>,
    /// The extent of the table's lines on the page (header included).
    pub bbox: Option<crate::pdf::Rect>,
}

/// What the table finder saw, page by page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Trace {
    pub dropped: Vec<Dropped>,
    pub table_pages: Vec<TablePage>,
}

/// Segments a document's lines (from a text file: no geometry) into a plan.
pub fn plan(lines: &[Line]) -> Plan {
    plan_with_pages(lines, &[])
}

/// Segments a document's lines into a plan, using the ruling lines of each
/// page (`rules[page - 1]`) where the lines carry geometry.
pub fn plan_with_rules(lines: &[Line], rules: &[Vec<Segment>]) -> Plan {
    let pages: Vec<PageInfo> = rules.iter().map(|r| PageInfo { height: None, rules: r.clone() }).collect();
    plan_with_pages(lines, &pages)
}

/// Segments a document's lines into a plan, with what is known of each
/// page (`pages[page - 1]`).
pub fn plan_with_pages(lines: &[Line], pages: &[PageInfo]) -> Plan {
    let mut diagnostics = Vec::new();
    let mut trace = Trace::default();
    let language = language(lines);
    let heights: Vec<f32> = pages.iter().map(|p| p.height.unwrap_or(f32::NAN)).collect();
    let heights = furniture::page_heights(lines, &heights);
    let rules_of = |page: u32| -> &[Segment] {
        usize::try_from(page).ok().and_then(|p| pages.get(p.checked_sub(1)?)).map_or(&[][..], |p| p.rules.as_slice())
    };
    let furniture = furniture::find(lines, &heights, &rules_of);
    let mut content: Vec<&Line> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        if l.text.trim().is_empty() {
            continue;
        }
        match furniture.get(&i) {
            Some(f) => trace.dropped.push(dropped(l, f.why())),
            None => content.push(l),
        }
    }

    let first_section = content.iter().position(|l| section_heading(l, None).is_some()).unwrap_or(content.len());
    let (mut publisher, mut plan_period) = title_block(&content[..first_section]);
    if plan_period.is_none() || publisher.is_none() {
        // A title (or publisher) repeated as the running header of later
        // pages was taken for furniture on the first page too, where it is
        // the title block: that is then every line above the first heading.
        let end = content.get(first_section).and_then(|h| lines.iter().position(|l| std::ptr::eq(l, *h)));
        let above: Vec<&Line> = lines[..end.unwrap_or(lines.len())]
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                !l.text.trim().is_empty()
                    && !pat::PAGE_NUMBER.is_match(&l.text)
                    && furniture.get(i) != Some(&furniture::Furniture::PageNumber)
            })
            .map(|(_, l)| l)
            .collect();
        let (p, period) = title_block(&above);
        if period.is_some() {
            publisher = publisher.or(p);
            plan_period = plan_period.or(period);
        }
    }
    let (closing_start, closing_publisher, plan_date_text) =
        closing_block(&content[first_section..], publisher.as_deref());
    for l in &content[first_section + closing_start..] {
        trace.dropped.push(dropped(l, "closing signature"));
    }
    let body = &content[first_section..first_section + closing_start];
    // A plan dated on its cover or only in its running footer.
    let plan_date_text = plan_date_text
        .or_else(|| plan_date_in(&content[..first_section]))
        .or_else(|| plan_date_in(&furniture.keys().filter_map(|&i| lines.get(i)).collect::<Vec<_>>()));

    let tables = frame(body, &mut diagnostics);
    let mut out_tables = Vec::with_capacity(tables.len());
    let mut previous: Option<Columns> = None;
    // Tables with geometry are joined once every table's cells are cut:
    // the whole plan's words settle the breaks geometry leaves open.
    let mut cut_cells: Vec<(usize, grid::Cells)> = Vec::new();
    let cuts: Vec<Cut> = tables.iter().map(|t| table_pages(&t.lines, &rules_of, &mut trace)).collect();
    // Whether the plan rules off its rows: some table page has a rule
    // between two lines of its body.
    let plan_ruled = cuts
        .iter()
        .flat_map(|c| &c.pages)
        .any(|p| extent(p.body.iter().copied()).is_some_and(|b| !interior_rules(rules_of(p.page), b).is_empty()));
    let headed: Vec<&PageLines> = cuts.iter().flat_map(|c| &c.pages).filter(|p| !p.header.is_empty()).collect();
    for (index, (t, cut)) in tables.into_iter().zip(&cuts).enumerate() {
        let mut table = t.table;
        if cut.not_applicable {
            if cut.pages.iter().flat_map(|p| &p.body).any(|l| pat::ROW_START.is_match(&l.text)) {
                diagnostics.push(Diagnostic::new(
                    t.lines.first().map(|l| l.page),
                    format!(
                        "table {}{} is marked not applicable but has more text; ignored",
                        table.section.letter(),
                        if table.spatial { " i" } else { " ii" }
                    ),
                ));
            }
        } else if t.lines.iter().any(|l| !l.words.is_empty()) {
            let mut cut_pages = Vec::new();
            for p in &cut.pages {
                let kin = same_header_bodies(p, &headed);
                let found = columns::find(&p.header, &p.body, &kin, rules_of(p.page), previous.as_ref());
                trace.table_pages.push(TablePage {
                    table: index,
                    page: p.page,
                    columns: found.as_ref().ok().cloned(),
                    bbox: extent(p.header.iter().chain(&p.body).copied()),
                });
                match found {
                    Ok(c) => {
                        previous = Some(c.clone());
                        // A grid (rules down every column) rules off its rows too.
                        let ruled = plan_ruled || c.strategy == columns::Strategy::Rules;
                        let row_rules = row_rules(rules_of(p.page), &p.body, ruled);
                        cut_pages.push(grid::CutPage { body: p.body.clone(), columns: c, row_rules });
                    }
                    Err(e) => {
                        if p.body.iter().any(|l| !l.words.is_empty()) {
                            diagnostics.push(Diagnostic::new(Some(p.page), e));
                        }
                    }
                }
            }
            cut_cells.push((out_tables.len(), grid::cells(&cut_pages, &mut diagnostics)));
        } else {
            let body: Vec<&Line> = cut.pages.iter().flat_map(|p| p.body.iter().copied()).collect();
            table.rows = text::rows(&body, &mut diagnostics);
        }
        out_tables.push(table);
    }
    let mut vocab = vocab::Vocabulary::default();
    let plan_centred = cut_cells.iter().any(|(_, c)| c.centred());
    for (_, cells) in &mut cut_cells {
        cells.centre(plan_centred);
        cells.words_into(&mut vocab);
    }
    for (i, cells) in cut_cells {
        if let Some(t) = out_tables.get_mut(i) {
            t.rows = grid::rows(cells, &vocab);
        }
    }
    if out_tables.is_empty() {
        diagnostics.push(Diagnostic::new(None, "no plan sections (A.–D.) found"));
    }
    Plan {
        language,
        publisher: publisher.or(closing_publisher),
        plan_period,
        plan_date_text,
        tables: out_tables,
        diagnostics,
        trace,
    }
}

/// The body lines of the other table pages under the same header as `p`
/// (the same words at the same places): the columns a page of one short
/// row cannot show by itself, its siblings show.
fn same_header_bodies<'a>(p: &PageLines<'a>, headed: &[&PageLines<'a>]) -> Vec<&'a Line> {
    if p.header.is_empty() {
        return Vec::new();
    }
    headed
        .iter()
        .filter(|q| !std::ptr::eq(**q, p) && columns::same_header(&q.header, &p.header))
        .flat_map(|q| q.body.iter().copied())
        .collect()
}

/// The box around the lines that carry geometry.
fn extent<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Option<crate::pdf::Rect> {
    lines.into_iter().filter_map(|l| l.bbox).reduce(|a, b| a.union(&b))
}

/// Horizontal rules must span this share of the table's text width to
/// separate rows (shorter ones underline a cell or a word).
const ROW_RULE_SPAN: f32 = 0.8;

/// The heights of horizontal rules that run across the body's text, at
/// least one between two lines of it: where the table rules off its rows.
/// A page of one row has none between its lines: where the plan rules off
/// its rows (`plan_ruled`: elsewhere, or in a full grid), the rule right
/// above the body stands for its one band, so that its lines before the
/// number are its own.
fn row_rules(rules: &[Segment], body: &[&Line], plan_ruled: bool) -> Vec<f32> {
    let Some(b) = extent(body.iter().copied()) else { return Vec::new() };
    let ys = interior_rules(rules, b);
    if !ys.is_empty() {
        return ys;
    }
    let reach = ROW_RULE_REACH_LINES * body.iter().filter_map(|l| l.bbox).map(|r| r.height()).fold(0.0, f32::max);
    let above = rules_across(rules, b).filter(|&y| y <= b.y0 && y >= b.y0 - reach).reduce(f32::max);
    let below = rules_across(rules, b).any(|y| y >= b.y1 && y <= b.y1 + reach);
    match above {
        Some(y) if plan_ruled && below => vec![y],
        _ => row_gaps(body),
    }
}

/// How far (in the body's line heights) a rule may sit above or below the
/// body's text and still close it: the cell padding and the rule's width.
const ROW_RULE_REACH_LINES: f32 = 1.5;

/// The heights of the horizontal rules across `b`, strictly inside it.
fn interior_rules(rules: &[Segment], b: crate::pdf::Rect) -> Vec<f32> {
    let mut ys: Vec<f32> = rules_across(rules, b).filter(|&y| y > b.y0 && y < b.y1).collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    ys
}

/// The heights of horizontal rules spanning most of the width of `lines`.
fn full_width_rules<'a>(rules: &[Segment], lines: impl Iterator<Item = &'a Line>) -> Vec<f32> {
    let Some(b) = extent(lines) else { return Vec::new() };
    rules_across(rules, b).collect()
}

/// The heights of horizontal rules spanning [`ROW_RULE_SPAN`] of the
/// width of `b`.
fn rules_across(rules: &[Segment], b: crate::pdf::Rect) -> impl Iterator<Item = f32> {
    let width = (b.x1 - b.x0).max(1.0);
    horizontal_runs(rules)
        .into_iter()
        .filter(move |r| r.x1.min(b.x1) - r.x0.max(b.x0) >= ROW_RULE_SPAN * width)
        .map(|r| r.y0)
}

/// Points between two pieces of one horizontal rule: a grid drawn cell by
/// cell gives each cell its own border, end to end or overlapping.
const RULE_JOIN_GAP: f32 = 2.0;

/// Horizontal rules with the pieces of each drawn line joined into one,
/// left to right (`x0 <= x1`).
fn horizontal_runs(rules: &[Segment]) -> Vec<Segment> {
    let mut hs: Vec<Segment> = rules
        .iter()
        .filter(|r| (r.y0 - r.y1).abs() < 1.0)
        .map(|r| Segment { x0: r.x0.min(r.x1), x1: r.x0.max(r.x1), y0: r.y0, y1: r.y0 })
        .collect();
    hs.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut out: Vec<Segment> = Vec::new();
    // Pieces at (nearly) one height, left to right: joined while they touch.
    for height in hs.chunk_by_mut(|a, b| b.y0 - a.y0 < 1.0) {
        height.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let start = out.len();
        for r in height.iter() {
            match out[start..].last_mut() {
                Some(o) if r.x0 <= o.x1 + RULE_JOIN_GAP => o.x1 = o.x1.max(r.x1),
                _ => out.push(*r),
            }
        }
    }
    out
}

/// A gap between two lines wider than this many times the table's usual
/// gap between lines (the leading inside a cell) parts two rows: cell
/// padding, above and below, adds to the leading there.
const ROW_GAP_FACTOR: f32 = 1.6;

/// Without rules, the middles of the gaps that part rows: where a table
/// pads its rows more than a cell's lines are spaced. Empty when no gap
/// stands out.
fn row_gaps(body: &[&Line]) -> Vec<f32> {
    let mut boxes: Vec<crate::pdf::Rect> = body.iter().filter_map(|l| l.bbox).collect();
    boxes.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let gaps: Vec<(f32, f32)> =
        boxes.windows(2).map(|w| ((w[0].y1 + w[1].y0) / 2.0, w[1].y0 - w[0].y1)).filter(|g| g.1 > 0.0).collect();
    let mut sizes: Vec<f32> = gaps.iter().map(|g| g.1).collect();
    sizes.sort_by(f32::total_cmp);
    let Some(&usual) = sizes.get(sizes.len() / 2) else { return Vec::new() };
    gaps.iter().filter(|g| g.1 > ROW_GAP_FACTOR * usual).map(|g| g.0).collect()
}

fn dropped(l: &Line, why: &'static str) -> Dropped {
    Dropped { page: l.page, text: l.text.clone(), bbox: l.bbox, why }
}

/// A table's lines on one page, its header band there set apart.
#[derive(Debug, Default)]
struct PageLines<'a> {
    page: u32,
    header: Vec<&'a Line>,
    body: Vec<&'a Line>,
}

#[derive(Debug, Default)]
struct Cut<'a> {
    pages: Vec<PageLines<'a>>,
    not_applicable: bool,
}

/// Splits a table's lines by page: the first header band by place (the
/// lines before row 1), then wherever lines repeat that header (at the top
/// of a continuation page, however they wrap, or mid-page where a producer
/// restarted the table), and at every page break.
fn table_pages<'a>(lines: &[&'a Line], rules_of: &dyn Fn(u32) -> &'a [Segment], trace: &mut Trace) -> Cut<'a> {
    let mut band = header::first_band(lines);
    if let Some(row1) = lines.get(band.body_start).filter(|_| !band.header.is_empty()) {
        let ys = full_width_rules(rules_of(row1.page), band.header.iter().map(|&i| lines[i]).chain([*row1]));
        header::end_band_at_rule(&mut band, lines, &ys);
        header::end_band_at_bullet(&mut band, lines);
        header::end_band_at_gap(&mut band, lines);
    }
    for &(i, why) in &band.other {
        trace.dropped.push(dropped(lines[i], why));
    }
    let first_header: Vec<&Line> = band.header.iter().map(|&i| lines[i]).collect();
    for l in &first_header {
        trace.dropped.push(dropped(l, "column header"));
    }
    let bag = header::CharBag::of(first_header.iter().map(|l| l.text.as_str()));
    let mut cut = Cut { not_applicable: band.not_applicable, ..Cut::default() };
    let first_page = lines.first().map_or(0, |l| l.page);
    cut.pages.push(PageLines { page: first_page, header: first_header, body: Vec::new() });
    let rest = &lines[band.body_start.min(lines.len())..];
    let mut i = 0;
    while i < rest.len() {
        let line = rest[i];
        // Only a line naming a column can open a repeat (cheap filter).
        let repeated = if header::roles_named(&line.text) > 0 {
            let same_page = rest[i..].iter().take_while(|l| l.page == line.page).count();
            header::repeated_band(&rest[i..i + same_page], &bag)
        } else {
            0
        };
        if repeated > 0 {
            let header: Vec<&Line> = rest[i..i + repeated].to_vec();
            for l in &header {
                trace.dropped.push(dropped(l, "repeated column header"));
            }
            cut.pages.push(PageLines { page: line.page, header, body: Vec::new() });
            i += repeated;
            continue;
        }
        match cut.pages.last_mut() {
            Some(p) if p.page == line.page => p.body.push(line),
            _ => cut.pages.push(PageLines { page: line.page, header: Vec::new(), body: vec![line] }),
        }
        i += 1;
    }
    cut
}

pub(crate) fn parse_number(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    ascii.trim().parse().ok()
}

/// Chinese when Han characters outnumber Latin letters; simplified when
/// simplified-only characters of the plans' common words outnumber their
/// traditional forms.
fn language(lines: &[Line]) -> Language {
    let (mut han, mut latin, mut simp, mut trad) = (0usize, 0usize, 0usize, 0usize);
    for c in lines.iter().flat_map(|l| l.text.chars()) {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if join::is_cjk(c) {
            han += 1;
            if "数据计划发门类编号说频时间与为业务项资这个们两会".contains(c) {
                simp += 1;
            } else if "數據計劃發門類編號說頻時間與為業務項資這個們兩會".contains(c) {
                trad += 1;
            }
        }
    }
    match (han > latin, simp > trad) {
        (false, _) => Language::En,
        (true, true) => Language::ZhHans,
        (true, false) => Language::ZhHant,
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
