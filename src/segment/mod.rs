//! Lines → the plan's frame (title, sections, organisations, tables) → raw rows.
//!
//! The frame is found the same way for text files and PDFs, from the text
//! of each line. Rows are then cut from each table's body by `text` (lines
//! without geometry) or by `grid` (lines with word positions).

mod grid;
pub mod join;
pub mod patterns;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Diagnostic;
use crate::layout::Line;
use crate::pdf::Segment;
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
}

/// A table's lines as the frame found them, for a row cutter.
#[derive(Debug)]
struct TableLines<'a> {
    table: Table,
    /// The column-header lines, in order (possibly repeated on later pages).
    headers: Vec<&'a Line>,
    /// Everything else inside the table, page furniture removed.
    body: Vec<&'a Line>,
    not_applicable: bool,
}

/// Segments a document's lines (from a text file: no geometry) into a plan.
pub fn plan(lines: &[Line]) -> Plan {
    plan_with_rules(lines, &[])
}

/// Segments a document's lines into a plan, using the ruling lines of each
/// page (`rules[page - 1]`) where the lines carry geometry.
pub fn plan_with_rules(lines: &[Line], rules: &[Vec<Segment>]) -> Plan {
    let mut diagnostics = Vec::new();
    let language = language(lines);
    let furniture = furniture(lines);
    let content: Vec<&Line> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.text.trim().is_empty() && !pat::PAGE_NUMBER.is_match(&l.text) && !furniture.contains(i))
        .map(|(_, l)| l)
        .collect();

    let first_section = content.iter().position(|l| section_heading(l, None).is_some()).unwrap_or(content.len());
    let (publisher, plan_period) = title_block(&content[..first_section]);
    let (closing_start, closing_publisher, plan_date_text) =
        closing_block(&content[first_section..], publisher.as_deref());
    let body = &content[first_section..first_section + closing_start];

    let tables = frame(body, &mut diagnostics);
    let mut out_tables = Vec::with_capacity(tables.len());
    for t in tables {
        let mut table = t.table;
        if !t.not_applicable {
            table.rows = match grid_columns(&t.headers, rules, &mut diagnostics) {
                Some(columns) => grid::rows(&t.body, &columns, &mut diagnostics),
                None => text::rows(&t.body, &mut diagnostics),
            };
        } else if t.body.iter().any(|l| pat::ROW_START.is_match(&l.text)) {
            diagnostics.push(Diagnostic::new(
                t.body.first().map(|l| l.page),
                format!(
                    "table {}{} is marked not applicable but has more text; ignored",
                    table.section.letter(),
                    if table.spatial { " i" } else { " ii" }
                ),
            ));
        }
        out_tables.push(table);
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
    }
}

/// Columns for each block of header lines (a table's header repeats on
/// every page it runs onto, and pages may differ), keyed by where the block
/// starts; `None` sends the table to the text row cutter.
fn grid_columns(
    headers: &[&Line],
    rules: &[Vec<Segment>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BTreeMap<grid::At, grid::Columns>> {
    if headers.iter().all(|l| l.words.is_empty()) {
        return None;
    }
    let mut blocks: Vec<Vec<&Line>> = Vec::new();
    for &h in headers {
        let joins_last = blocks.last().and_then(|b| b.last()).is_some_and(|prev| {
            let (Some(p), Some(c)) = (prev.bbox, h.bbox) else { return false };
            prev.page == h.page && c.y0 - p.y1 < 1.5 * p.height().max(c.height())
        });
        match blocks.last_mut() {
            Some(b) if joins_last => b.push(h),
            _ => blocks.push(vec![h]),
        }
    }
    let mut out = BTreeMap::new();
    for block in blocks {
        let Some(first) = block.first() else { continue };
        let page = first.page;
        let page_rules =
            usize::try_from(page).ok().and_then(|p| rules.get(p.checked_sub(1)?)).map_or(&[][..], Vec::as_slice);
        match grid::columns(&block, page_rules) {
            Ok(c) => {
                out.insert(grid::At::of(first), c);
            }
            Err(e) => diagnostics.push(Diagnostic::new(Some(page), e)),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Running headers and footers: the same text at the same height on
/// several pages, near the top or bottom edge. Returns line indices.
fn furniture(lines: &[Line]) -> Vec<usize> {
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
    if pages < 2 {
        return Vec::new();
    }
    let page_bottom: BTreeMap<u32, f32> =
        lines.iter().filter_map(|l| Some((l.page, l.bbox?.y1))).fold(BTreeMap::new(), |mut m, (p, y)| {
            let e = m.entry(p).or_insert(y);
            *e = e.max(y);
            m
        });
    let mut seen: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(b) = l.bbox else { continue };
        // A table's header repeats at the top of each page it runs onto;
        // the frame needs it there to find the columns.
        if pat::HEADER_STRONG.is_match(&l.text) {
            continue;
        }
        let bottom = page_bottom.get(&l.page).copied().unwrap_or(b.y1);
        // Only the page's top and bottom bands hold furniture; page 1's
        // top is the title block.
        let top_band = b.y0 <= 80.0 && l.page > 1;
        if !top_band && bottom - b.y1 > 40.0 {
            continue;
        }
        seen.entry((l.text.split_whitespace().collect(), (b.y0 / 4.0).round() as i32)).or_default().push(i);
    }
    seen.into_values()
        .filter(|idx| {
            let mut ps: Vec<u32> = idx.iter().map(|&i| lines[i].page).collect();
            ps.dedup();
            ps.len() >= 2 && ps.len() * 2 >= pages as usize
        })
        .flatten()
        .collect()
}

/// The section a line opens, if it is a heading of the section after `current`.
fn section_heading(line: &Line, current: Option<Section>) -> Option<Section> {
    let caps = pat::SECTION.captures(&line.text)?;
    let letter = caps.get(1)?.as_str().chars().next()?;
    let section = Section::from_letter(letter)?;
    // A heading comes in order; anything else is a row's text that happens
    // to begin with a capital and a full stop.
    match current {
        None => (section == Section::A
            || caps.get(2).is_some_and(|t| pat::TITLE.is_match(t.as_str()) || looks_like_heading(t.as_str())))
        .then_some(section),
        Some(cur) => (section > cur).then_some(section),
    }
}

fn looks_like_heading(rest: &str) -> bool {
    rest.contains("數據集") || rest.contains("数据集") || rest.to_lowercase().contains("dataset")
}

/// Publisher and period from the lines above the first section.
fn title_block(lines: &[&Line]) -> (Option<String>, Option<String>) {
    let title_at = lines.iter().position(|l| pat::PERIOD.is_match(&l.text) || pat::TITLE.is_match(&l.text));
    let period = lines
        .iter()
        .skip(title_at.unwrap_or(0))
        .take(3)
        .find_map(|l| pat::PERIOD.captures(&l.text))
        .map(|c| format!("{}-{}", &c[1], &c[2]));
    let publisher_lines = &lines[..title_at.unwrap_or(0)];
    let publisher = join::join_text(publisher_lines.iter().map(|l| l.text.as_str()));
    ((!publisher.is_empty()).then_some(publisher), period)
}

/// Finds the closing lines (publisher, then the publication date) at the
/// end of the body: returns where they start, the publisher they name and
/// the date text.
fn closing_block(lines: &[&Line], publisher: Option<&str>) -> (usize, Option<String>, Option<String>) {
    let Some(last) = lines.len().checked_sub(1) else {
        return (0, None, None);
    };
    if !pat::DATE_LINE.is_match(&lines[last].text)
        || pat::DATE_THEN_FREQUENCY.captures(&lines[last].text).is_some_and(|c| c.get(2).is_some())
    {
        return (lines.len(), None, None);
    }
    let date = join::collapse(&lines[last].text);
    // A bare year is a date too, but not a plan's publication date.
    if date.chars().all(|c| c.is_ascii_digit()) {
        return (lines.len(), None, None);
    }
    let mut start = last;
    let mut closing_publisher = None;
    if let Some(prev) = last.checked_sub(1) {
        let text = join::collapse(&lines[prev].text);
        let same = publisher.is_some_and(|p| squash(p) == squash(&text));
        let plain = !pat::BULLET.is_match(&text) && !pat::ROW_START.is_match(&text) && !text.ends_with(['。', '.']);
        if same || (publisher.is_none() && plain) {
            start = prev;
            closing_publisher = Some(text);
        }
    }
    (start, closing_publisher, Some(date))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Walks the body's headings, handing each table its lines.
fn frame<'a>(body: &[&'a Line], diagnostics: &mut Vec<Diagnostic>) -> Vec<TableLines<'a>> {
    let mut tables: Vec<TableLines<'a>> = Vec::new();
    let mut section: Option<Section> = None;
    let mut organisation: Option<String> = None;
    let mut org_no = 0u32;
    // Has the current table's header been seen? Lines before it are notes.
    let mut in_header = false;
    // After a section or organisation heading and before the next table
    // heading: wrapped heading text, not any table's content.
    let mut between_tables = false;
    for &line in body {
        if let Some(s) = section_heading(line, section) {
            section = Some(s);
            organisation = None;
            org_no = 0;
            between_tables = true;
            continue;
        }
        let Some(sec) = section else { continue };
        if sec == Section::C {
            if let Some(c) = pat::ORGANISATION.captures(&line.text) {
                if parse_number(&c[1]) == Some(org_no + 1) && !pat::TABLE.is_match(&c[2]) {
                    org_no += 1;
                    organisation = Some(join::collapse(&c[2]));
                    between_tables = true;
                    continue;
                }
            }
        }
        if let Some(c) = pat::TABLE.captures(&line.text) {
            let numeral = c[1].to_ascii_lowercase();
            let opens_next = match tables.last() {
                Some(t) if t.table.section == sec && t.table.organisation == organisation => numeral != "i",
                _ => true,
            };
            if opens_next && (numeral == "i" || numeral == "ii") {
                let spatial = numeral == "i" && !pat::NON_SPATIAL.is_match(&c[2]);
                tables.push(TableLines {
                    table: Table { section: sec, organisation: organisation.clone(), spatial, rows: Vec::new() },
                    headers: Vec::new(),
                    body: Vec::new(),
                    not_applicable: false,
                });
                in_header = true;
                between_tables = false;
                continue;
            }
        }
        if between_tables {
            continue;
        }
        let Some(t) = tables.last_mut() else {
            diagnostics.push(Diagnostic::new(
                Some(line.page),
                format!("text before the first table ignored: {}", line.text.trim()),
            ));
            continue;
        };
        if is_header(&line.text, in_header) {
            t.headers.push(line);
            in_header = true;
            continue;
        }
        in_header = false;
        if pat::NOT_APPLICABLE.is_match(&line.text) && t.body.is_empty() {
            t.not_applicable = true;
            continue;
        }
        if pat::NOTE.is_match(&line.text) && t.body.is_empty() {
            continue;
        }
        t.body.push(line);
    }
    tables
}

/// A column-header line: header words only, with at least one strong word
/// unless it continues a header line just above.
fn is_header(text: &str, after_header: bool) -> bool {
    // The cheap test first: most lines are not headers.
    if !after_header && !pat::HEADER_STRONG.is_match(text) {
        return false;
    }
    let rest = pat::HEADER_WORDS.replace_all(text, "");
    if pat::HEADER_FILLER.is_match(&rest) {
        return true;
    }
    // A narrow header cell wraps its words anywhere ("Frequenc" / "y",
    // "目標發" / "放日期"): below a header line, each word may instead be
    // such a piece, the start or end of a header word.
    after_header
        && text.split(|c: char| c.is_whitespace() || "()（）/／.,:：".contains(c)).filter(|t| !t.is_empty()).all(|t| {
            let whole = pat::HEADER_FILLER.is_match(&pat::HEADER_WORDS.replace_all(t, ""));
            let t = t.to_lowercase();
            let long_enough = t.chars().count() >= 2 || t.chars().all(join::is_cjk);
            whole
                || long_enough
                    && pat::HEADER_VOCABULARY
                        .iter()
                        .any(|w| w.len() > t.len() && (w.starts_with(&t) || w.ends_with(&t)))
        })
}

/// Removes the [新項目] / [New Item] marker from a name, wherever it sits,
/// leaving a space in its place only between two non-CJK characters.
fn without_marker(name: &str) -> (String, bool) {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    let mut found = false;
    while let Some(m) = pat::NEW_ITEM.find(rest) {
        found = true;
        let before = rest[..m.start()].trim_end();
        rest = rest[m.end()..].trim_start();
        out.push_str(before);
        let cjk_side = before.chars().last().is_none_or(join::is_cjk) || rest.chars().next().is_none_or(join::is_cjk);
        if !cjk_side {
            out.push(' ');
        }
    }
    out.push_str(rest);
    (join::collapse(&out), found)
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
mod tests;
