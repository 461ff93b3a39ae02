//! Rows from lines with geometry: columns from the header row (and the
//! table's vertical ruling lines where it has them), rows from the item
//! number in the first column, cells from the column each word falls in.

use std::collections::BTreeMap;

use super::join::{self, Piece, is_cjk};
use super::{RawRow, parse_number, patterns as pat};
use crate::Diagnostic;
use crate::layout::{Line, Word};
use crate::pdf::Segment;

/// What a column holds, told by its header words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Role {
    Item,
    Category,
    Name,
    Description,
    Date,
    Frequency,
}

const ROLES: [Role; 6] = [Role::Item, Role::Category, Role::Name, Role::Description, Role::Date, Role::Frequency];

/// Where a line sits in the document: page, then height on the page, in
/// tenths of a point so that it orders and compares exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct At(u32, i64);

impl At {
    pub(super) fn of(line: &Line) -> At {
        let y = line.bbox.map_or(0.0, |b| b.y0);
        At(line.page, if y.is_finite() { (y * 10.0) as i64 } else { 0 })
    }
}

/// One column: words whose left edge falls in `left..right` belong to it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Column {
    pub role: Role,
    pub left: f32,
    pub right: f32,
    /// Where wrapped text in this column may reach at most, when known
    /// from ruling lines: the right rule less the cell's padding.
    pub text_right: Option<f32>,
}

/// The table's columns on one page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns(pub Vec<Column>);

impl Columns {
    fn index_of(&self, x0: f32) -> Option<usize> {
        let first = self.0.first()?;
        if x0 < first.left {
            return Some(0);
        }
        // Small tolerance: a word may start a hair left of its column's
        // edge when the header text sits exactly on it.
        self.0.iter().rposition(|c| x0 + 1.0 >= c.left)
    }
}

/// Finds the columns from a page's header lines: the x extents of header
/// words, merged where they overlap or nearly touch, split by the vertical
/// rules that cross the header where the table has them.
pub(super) fn columns(headers: &[&Line], rules: &[Segment]) -> Result<Columns, String> {
    let words: Vec<&Word> = headers.iter().flat_map(|l| l.words.iter()).collect();
    if words.is_empty() {
        return Err("header row has no words".into());
    }
    let top = words.iter().map(|w| w.bbox.y0).fold(f32::INFINITY, f32::min);
    let bottom = words.iter().map(|w| w.bbox.y1).fold(f32::NEG_INFINITY, f32::max);
    let size = median(words.iter().map(|w| w.bbox.height()).collect()).unwrap_or(10.0).max(1.0);

    // Clusters of header words by horizontal extent.
    let mut spans: Vec<(f32, f32, String)> = Vec::new();
    let mut sorted = words.clone();
    sorted.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    for w in sorted {
        match spans.last_mut() {
            Some(s) if w.bbox.x0 <= s.1 + 0.45 * size => {
                s.1 = s.1.max(w.bbox.x1);
                s.2.push(' ');
                s.2.push_str(&w.text);
            }
            _ => spans.push((w.bbox.x0, w.bbox.x1, w.text.clone())),
        }
    }

    // Vertical rules that cross the header band separate columns exactly.
    let mut xs: Vec<f32> = rules
        .iter()
        .filter(|r| (r.x0 - r.x1).abs() < 1.0 && r.y0.min(r.y1) <= top + 2.0 && r.y0.max(r.y1) >= bottom - 2.0)
        .map(|r| r.x0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    if xs.len() >= 2 {
        let cells: Vec<(f32, f32, String)> = xs
            .windows(2)
            .filter_map(|w| {
                let inside: Vec<&(f32, f32, String)> =
                    spans.iter().filter(|s| (s.0 + s.1) / 2.0 > w[0] && (s.0 + s.1) / 2.0 < w[1]).collect();
                let text = inside.iter().map(|s| s.2.as_str()).collect::<Vec<_>>().join(" ");
                (!inside.is_empty()).then_some((w[0], w[1], text))
            })
            .collect();
        if cells.len() >= 5 {
            let mut cols = assign_roles(&cells)?;
            for c in &mut cols.0 {
                // Cell padding: how far the header text sits from the rule.
                let pad = spans
                    .iter()
                    .filter(|s| s.0 >= c.left && s.0 < c.right)
                    .map(|s| s.0 - c.left)
                    .fold(f32::INFINITY, f32::min);
                c.text_right = pad.is_finite().then_some(c.right - pad);
            }
            return Ok(cols);
        }
    }
    // No usable rules. Words of one header cell sit closer together than
    // cells do, so merge the closest clusters down to six.
    while spans.len() > 6 {
        let Some(i) = (0..spans.len() - 1).min_by(|&a, &b| {
            let gap = |i: usize| spans[i + 1].0 - spans[i].1;
            gap(a).total_cmp(&gap(b))
        }) else {
            break;
        };
        let next = spans.remove(i + 1);
        spans[i].1 = spans[i].1.max(next.1);
        spans[i].2.push(' ');
        spans[i].2.push_str(&next.2);
    }
    // Columns begin where header clusters begin, less
    // half the gap before them (for headers centred in their cells).
    let mut cells = Vec::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        let left = match i.checked_sub(1).and_then(|p| spans.get(p)) {
            Some(prev) => s.0 - ((s.0 - prev.1) / 2.0).min(0.6 * size),
            None => f32::NEG_INFINITY,
        };
        let right = spans.get(i + 1).map_or(f32::INFINITY, |n| n.0 - ((n.0 - s.1) / 2.0).min(0.6 * size));
        cells.push((left, right, s.2.clone()));
    }
    assign_roles(&cells)
}

/// Gives each header cell its role by its words; positional when there
/// are exactly six cells and the words are not conclusive.
fn assign_roles(cells: &[(f32, f32, String)]) -> Result<Columns, String> {
    let by_words: Vec<Option<Role>> = cells.iter().map(|c| role_of(&c.2)).collect();
    let mut seen: Vec<Role> = by_words.iter().flatten().copied().collect();
    seen.sort();
    seen.dedup();
    let conclusive = seen.len() == 6 && by_words.iter().flatten().count() == 6;
    let roles: Vec<Role> = if conclusive {
        // Cells without a role (a stray fragment) join the cell before.
        by_words.iter().flatten().copied().collect()
    } else if cells.len() == 6 {
        ROLES.to_vec()
    } else {
        let names: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        return Err(format!("cannot tell the six columns from the header row {names:?}"));
    };
    let mut cols: Vec<Column> = Vec::new();
    let mut role_iter = roles.into_iter();
    for (i, cell) in cells.iter().enumerate() {
        if conclusive && by_words[i].is_none() {
            if let Some(prev) = cols.last_mut() {
                prev.right = cell.1;
            }
            continue;
        }
        let Some(role) = role_iter.next() else { break };
        cols.push(Column { role, left: cell.0, right: cell.1, text_right: None });
    }
    Ok(Columns(cols))
}

fn role_of(text: &str) -> Option<Role> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    // Order matters: "Dataset Name" must not count as "Data" category,
    // and "Target Release Date" is a date even though it has no "name".
    if has(&["編號", "编号", "item", "no."]) && !has(&["名稱", "名称", "name"]) {
        Some(Role::Item)
    } else if has(&["頻率", "频率", "更新頻", "更新频", "frequen", "update"]) {
        Some(Role::Frequency)
    } else if has(&["日期", "date", "release", "target", "月/年", "mm/"]) {
        Some(Role::Date)
    } else if has(&["說明", "说明", "description"]) {
        Some(Role::Description)
    } else if has(&["名稱", "名称", "name", "dataset"]) {
        Some(Role::Name)
    } else if has(&["種類", "种类", "類別", "类别", "category"]) {
        Some(Role::Category)
    } else {
        None
    }
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.retain(|x| x.is_finite());
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

/// One line's words in one column.
#[derive(Debug, Clone)]
struct CellLine {
    text: String,
    x0: f32,
    x1: f32,
    /// Widths and lengths of the first and last words, for telling a word
    /// broken by the cell edge from an ordinary wrap.
    first: (f32, usize),
    last: (f32, usize),
    /// The column's `text_right` on this line's page.
    limit: Option<f32>,
    /// The header block whose columns the line was cut by.
    block: At,
    /// Without rules: the column's right edge less the padding its text
    /// keeps from the left edge.
    edge: Option<f32>,
}

#[derive(Debug, Default)]
struct Building {
    item_no: u32,
    pages: Vec<u32>,
    cells: BTreeMap<Role, Vec<CellLine>>,
}

/// Cuts a table body into rows using per-page columns.
pub(super) fn rows(body: &[&Line], columns: &BTreeMap<At, Columns>, diagnostics: &mut Vec<Diagnostic>) -> Vec<RawRow> {
    let mut rows = Vec::new();
    let mut current: Option<Building> = None;
    for &line in body {
        // Slightly above the line's top, so a header block level with it counts.
        let at = At::of(line);
        let Some((block, cols)) = columns.range(..=At(at.0, at.1 + 20)).next_back() else {
            continue;
        };
        let cells = split(line, cols, *block);
        let expected = current.as_ref().map_or(1, |b| b.item_no + 1);
        let starts = cells.get(&Role::Item).and_then(|c| item_number(&c.text)).is_some_and(|n| n == expected);
        if starts {
            if let Some(b) = current.take() {
                rows.push(b);
            }
            current = Some(Building { item_no: expected, ..Building::default() });
        }
        let Some(b) = current.as_mut() else {
            diagnostics.push(Diagnostic::new(
                Some(line.page),
                format!("text before the table's first row ignored: {}", line.text.trim()),
            ));
            continue;
        };
        if !b.pages.contains(&line.page) {
            b.pages.push(line.page);
        }
        for (role, cell) in cells {
            if !(starts && role == Role::Item) {
                b.cells.entry(role).or_default().push(cell);
            }
        }
    }
    if let Some(b) = current {
        rows.push(b);
    }
    // Without ruling lines, the widest line of a column anywhere in the
    // table stands for the width its text wraps at.
    let mut widest: BTreeMap<(Role, At), f32> = BTreeMap::new();
    for (role, l) in rows.iter().flat_map(|b| b.cells.iter().flat_map(|(r, ls)| ls.iter().map(move |l| (*r, l)))) {
        let w = widest.entry((role, l.block)).or_insert(l.x1);
        *w = w.max(l.x1);
    }
    let rows: Vec<RawRow> = rows.into_iter().map(|b| finish(b, &widest)).collect();
    for r in &rows {
        if r.date_text.is_empty() {
            diagnostics
                .push(Diagnostic::new(r.pages.first().copied(), format!("item {}: no release date found", r.item_no)));
        }
    }
    rows
}

fn item_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['.', '．']);
    (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && t.chars().count() <= 3)
        .then(|| parse_number(t))
        .flatten()
}

/// A line's words grouped by column, each group's text joined.
fn split(line: &Line, cols: &Columns, block: At) -> BTreeMap<Role, CellLine> {
    let mut groups: BTreeMap<usize, Vec<&Word>> = BTreeMap::new();
    for w in &line.words {
        if let Some(i) = cols.index_of(w.bbox.x0) {
            groups.entry(i).or_default().push(w);
        }
    }
    groups
        .into_iter()
        .filter_map(|(i, mut words)| {
            let col = cols.0.get(i)?;
            words.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            let mut text = String::new();
            let mut prev: Option<&Word> = None;
            for w in &words {
                if let Some(p) = prev {
                    let gap = w.bbox.x0 - p.bbox.x1;
                    let left = p.text.chars().last().is_some_and(is_cjk);
                    let right = w.text.chars().next().is_some_and(is_cjk);
                    let em = p.bbox.height().max(w.bbox.height()).max(1.0);
                    // Between CJK characters a gap is layout, not a space; beside
                    // one, office suites add a fifth of an em, while a space glyph is a
                    // quarter em or more.
                    let space = match (left, right) {
                        (true, true) => gap >= em,
                        (true, false) | (false, true) => gap > 0.22 * em,
                        (false, false) => true,
                    };
                    if space {
                        text.push(' ');
                    }
                }
                text.push_str(&w.text);
                prev = Some(w);
            }
            let measure = |w: Option<&&Word>| w.map_or((0.0, 0), |w| (w.bbox.width(), w.text.chars().count()));
            let x0 = words.iter().map(|w| w.bbox.x0).fold(f32::INFINITY, f32::min);
            let x1 = words.iter().map(|w| w.bbox.x1).fold(f32::NEG_INFINITY, f32::max);
            let (first, last) = (measure(words.first()), measure(words.last()));
            let edge = (col.right.is_finite() && col.left.is_finite()).then(|| col.right - (x0 - col.left).max(0.0));
            Some((col.role, CellLine { text, x0, x1, first, last, limit: col.text_right, block, edge }))
        })
        .collect()
}

/// Short words that stand alone: a line ending where one of these begins
/// wrapped between words, whatever the geometry says.
const STANDALONE: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per", "the", "to", "under",
    "via", "with",
];

/// Joins a column's lines, gluing a line to the next where the cell edge
/// broke a word: the line is full, and the word its end and the next
/// line's start make is wider than the cell, so no wrap at a space could
/// have kept it whole.
fn joined(role: Role, lines: &[CellLine], widest: &BTreeMap<(Role, At), f32>) -> Vec<(String, bool)> {
    let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let widest = widest.get(&(role, l.block)).copied().unwrap_or(l.x1);
            let limit = l.limit.unwrap_or_else(|| l.edge.map_or(widest, |e| e.max(widest)));
            let fills = lines.get(i + 1).is_some_and(|next| broke_word(l, next, left, limit));
            (l.text.clone(), fills)
        })
        .collect()
}

fn broke_word(line: &CellLine, next: &CellLine, left: f32, limit: f32) -> bool {
    let (Some(end), Some(start)) = (line.text.chars().last(), next.text.chars().next()) else { return false };
    if !(end.is_alphabetic() && !is_cjk(end) && start.is_lowercase()) {
        return false;
    }
    // "DATA.GOV.HK" + "datasets": capitals do not continue in lower case
    // within a word.
    let last_word = line.text.split_whitespace().next_back().unwrap_or("");
    let letters: Vec<char> = last_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let next_word = next.text.split_whitespace().next().unwrap_or("");
    let standalone = |w: &str| STANDALONE.contains(&w.trim_end_matches([',', '.', ';', ':']).to_lowercase().as_str());
    if standalone(next_word) || standalone(last_word) {
        return false;
    }
    // English words longer than this are vanishingly rare: two words that
    // would make one are two words.
    if letters.len() + next_word.chars().filter(|c| c.is_alphabetic()).count() > 18 {
        return false;
    }
    let char_width = |(w, n): (f32, usize)| if n == 0 { 0.0 } else { w / n as f32 };
    let full = limit - line.x1 < 1.5 * char_width(line.last).max(char_width(next.first));
    let too_wide = line.last.0 + next.first.0 > limit - left;
    full && too_wide
}

fn finish(b: Building, widest: &BTreeMap<(Role, At), f32>) -> RawRow {
    let mut row = RawRow { item_no: b.item_no, pages: b.pages, ..RawRow::default() };
    row.pages.sort_unstable();
    for (role, lines) in &b.cells {
        let pieces = joined(*role, lines, widest);
        let join_all = |pieces: &[(String, bool)]| join::join(pieces.iter().map(|(t, f)| Piece { text: t, fills: *f }));
        match role {
            Role::Item => {}
            Role::Category => row.category = join_all(&pieces),
            Role::Name => {
                (row.name, row.new_item) = super::without_marker(&join_all(&pieces));
            }
            Role::Description => row.description = bullets(&pieces),
            Role::Date => row.date_text = join_all(&pieces),
            Role::Frequency => row.frequency_text = join_all(&pieces),
        }
    }
    row
}

/// Splits a description cell at its bullet signs.
fn bullets(pieces: &[(String, bool)]) -> Vec<String> {
    let mut groups: Vec<Vec<(String, bool)>> = Vec::new();
    for (text, fills) in pieces {
        match pat::BULLET.captures(text) {
            Some(c) => groups.push(vec![(c[1].to_owned(), *fills)]),
            None => match groups.last_mut() {
                Some(g) => g.push((text.clone(), *fills)),
                None => groups.push(vec![(text.clone(), *fills)]),
            },
        }
    }
    groups
        .iter()
        .map(|g| join::join(g.iter().map(|(t, f)| Piece { text: t, fills: *f })))
        .filter(|s| !s.is_empty())
        .collect()
}
