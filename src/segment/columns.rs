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

use super::header::{ROLES, Role, role_of};
use super::patterns as pat;
use crate::layout::{Line, Word};
use crate::pdf::Segment;

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

/// The narrowest white space between two columns that counts as a gutter:
/// two cell paddings, even the tightest, are wider than a space.
const MIN_GUTTER_EM: f32 = 0.3;

/// Share of a page's lines that may cross a gutter and leave it a gutter
/// (a spanning note, a cell whose text overruns).
const GUTTER_OUTLIERS: f32 = 0.04;

/// Vertical rules must run down this share of the table's height on the
/// page to separate columns (shorter ones are decoration or a cell's own).
const RULE_COVER: f32 = 0.5;

/// Two rules this close (points) are one column edge drawn twice.
const RULE_SAME_X: f32 = 1.5;

/// Header words this close (ems) belong to one header cell.
const HEADER_CELL_GAP_EM: f32 = 0.8;

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
    let mut ruled: Vec<f32> = rule_separators(rules, top, bottom).into_iter().filter(inside).collect();
    let mut strategy = Strategy::Rules;
    if ruled.len() < 2 {
        // Header cells boxed over a body without column rules: their sides
        // are the column edges still.
        let band = header.iter().filter_map(|l| l.bbox).reduce(|a, b| a.union(&b));
        if let Some(b) = band {
            let sides: Vec<f32> = rule_separators(rules, b.y0, b.y1).into_iter().filter(inside).collect();
            if sides.len() >= 2 {
                (ruled, strategy) = (sides, Strategy::HeaderRules);
            }
        }
    }
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

/// Header words (CJK, set without a gap) that run across a gutter the
/// body shows, cut where their glyphs cross it: "項目數據" over an item
/// column and a category column.
fn cut_flush_header(header: &[&Word], separators: &[Gap], em: f32) -> Vec<Word> {
    let mut out = Vec::with_capacity(header.len());
    for &w in header {
        let mut from = 0usize;
        let mut from_x = w.bbox.x0;
        for g in separators.iter().filter(|g| w.bbox.x0 < g.x0 && w.bbox.x1 > g.x1) {
            let at = w.starts.iter().copied().filter(|&(o, x)| {
                o > from
                    && x >= g.x0 - EDGE_SLACK_EM * em
                    && x <= g.x1 + EDGE_SLACK_EM * em
                    && super::grid::flush_boundary(&w.text, o)
            });
            if let Some((o, x)) = at.min_by(|a, b| (a.1 - g.x1).abs().total_cmp(&(b.1 - g.x1).abs())) {
                out.push(super::grid::piece(w, from, o, from_x, x));
                (from, from_x) = (o, x);
            }
        }
        out.push(if from == 0 { w.clone() } else { super::grid::piece(w, from, w.text.len(), from_x, w.bbox.x1) });
    }
    out
}

/// How much wider (ems) than the word's usual step from one CJK glyph to
/// the next a step inside a header word must be to part two header cells:
/// CJK is set solid, so a visible gap inside a run of it is a cell's edge
/// that was narrower than the layout's word spacing (0.13 em seen, cells
/// 1.4 pt apart at 10.5 pt); rounding moves glyphs by hundredths.
const CJK_CELL_GAP_EM: f32 = 0.08;

/// A header word cut where two CJK glyphs stand further apart than its
/// other CJK glyphs do ("目標發放日期" and "更新" of two cells set as one word).
fn split_at_cjk_gaps(w: &Word) -> Vec<Word> {
    let cjk_at = |o: usize| w.text.get(o..).and_then(|t| t.chars().next()).is_some_and(super::join::is_cjk);
    let steps: Vec<(usize, f32)> =
        w.starts.windows(2).filter(|p| cjk_at(p[0].0) && cjk_at(p[1].0)).map(|p| (p[1].0, p[1].1 - p[0].1)).collect();
    if steps.len() < 2 {
        return vec![w.clone()];
    }
    let mut sorted: Vec<f32> = steps.iter().map(|s| s.1).collect();
    sorted.sort_by(f32::total_cmp);
    let usual = sorted[sorted.len() / 2];
    let mut out = Vec::new();
    let (mut from, mut from_x) = (0usize, w.bbox.x0);
    for &(o, step) in &steps {
        if step > usual + CJK_CELL_GAP_EM * w.bbox.height() {
            let x = w.starts.iter().find(|s| s.0 == o).map_or(w.bbox.x1, |s| s.1);
            out.push(super::grid::piece(w, from, o, from_x, x - (step - usual)));
            (from, from_x) = (o, x);
        }
    }
    out.push(if from == 0 { w.clone() } else { super::grid::piece(w, from, w.text.len(), from_x, w.bbox.x1) });
    out
}

/// Body lines needed to find gutters from the body alone.
const MIN_BODY_LINES: usize = 3;

/// The median height of the body's words (the header may be set larger).
fn body_em(header: &[&Line], body: &[&Line]) -> f32 {
    let src = if body.iter().any(|l| !l.words.is_empty()) { body } else { header };
    let mut h: Vec<f32> =
        src.iter().flat_map(|l| l.words.iter()).map(|w| w.bbox.height()).filter(|h| *h > 0.0).collect();
    h.sort_by(f32::total_cmp);
    h.get(h.len() / 2).copied().unwrap_or(10.0).max(1.0)
}

/// White space running down the lines: x-ranges that (nearly) no line's
/// words cover, at least [`MIN_GUTTER_EM`] wide, between the leftmost and
/// rightmost word.
fn gutters(lines: &[&Line], em: f32) -> Vec<Gap> {
    let mut events: Vec<(f32, i32)> = Vec::new();
    let mut n = 0usize;
    for l in lines {
        let mut ws: Vec<&Word> = l.words.iter().filter(|w| !w.text.trim().is_empty()).collect();
        if ws.is_empty() {
            continue;
        }
        n += 1;
        ws.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        // Words a space apart are one run of text: its inner spaces are
        // no gutter.
        let mut run = (ws[0].bbox.x0, ws[0].bbox.x1);
        for w in &ws[1..] {
            if w.bbox.x0 - run.1 < WORD_GAP_EM * em {
                run.1 = run.1.max(w.bbox.x1);
            } else {
                events.push((run.0, 1));
                events.push((run.1, -1));
                run = (w.bbox.x0, w.bbox.x1);
            }
        }
        events.push((run.0, 1));
        events.push((run.1, -1));
    }
    if events.is_empty() {
        return Vec::new();
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let outliers = (GUTTER_OUTLIERS * n as f32).floor() as i32;
    let (left, right) = (events[0].0, events.iter().map(|e| e.0).fold(f32::NEG_INFINITY, f32::max));
    let mut gaps = Vec::new();
    let mut depth = 0;
    let mut open: Option<f32> = None;
    for (x, d) in events {
        let was_low = depth <= outliers;
        depth += d;
        let low = depth <= outliers;
        if !was_low && low {
            open = Some(x);
        } else if was_low && !low {
            if let Some(x0) = open.take() {
                if x - x0 >= MIN_GUTTER_EM * em && x0 > left && x < right {
                    gaps.push(Gap { x0, x1: x });
                }
            }
        }
    }
    gaps
}

/// The x of vertical rules running down most of the table's height.
fn rule_separators(rules: &[Segment], top: f32, bottom: f32) -> Vec<f32> {
    let height = (bottom - top).max(1.0);
    let mut xs: Vec<f32> = rules
        .iter()
        .filter(|r| (r.x0 - r.x1).abs() < 1.0)
        .filter(|r| {
            let (y0, y1) = (r.y0.min(r.y1), r.y0.max(r.y1));
            (y1.min(bottom) - y0.max(top)) >= RULE_COVER * height
        })
        .map(|r| r.x0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < RULE_SAME_X);
    xs
}

/// A stretch between two separators, with the header words in it.
#[derive(Debug, Clone)]
struct Slot<'w> {
    left: f32,
    right: f32,
    /// The white space on each side (ems), for merging a slot that names
    /// nothing into the neighbour it sits closer to.
    gap_left: f32,
    gap_right: f32,
    header: Vec<&'w Word>,
    role: Option<Role>,
    /// Every body word in it is a bullet sign: a hanging bullet column
    /// belongs to the text on its right.
    bullets_only: bool,
    /// Every line of body text in it is a date: dates set apart from a
    /// header centred over a wider column belong to the date column.
    dates_only: bool,
}

/// Columns from separators named by the header words: gutters a header
/// word crosses are dropped, slots naming no role join a neighbour, and a
/// slot whose header names two roles (their gutter was filled) is split
/// where the page is emptiest between them. No header cell's word crosses
/// a drawn rule: a word that does is no header cell's (a running title
/// above the table) and names nothing.
fn by_header(header: &[&Word], separators: &[Gap], limits: &[Gap], lines: &[&Line], em: f32) -> Option<Vec<Column>> {
    let crosses = |w: &Word, g: &Gap| w.bbox.x0 < g.x0 - 0.1 * em && w.bbox.x1 > g.x1 + 0.1 * em;
    let is_rule = |g: &Gap| g.x1 <= g.x0;
    let header: Vec<&Word> =
        header.iter().copied().filter(|w| !separators.iter().any(|g| is_rule(g) && crosses(w, g))).collect();
    let header = header.as_slice();
    let seps: Vec<Gap> =
        separators.iter().copied().filter(|g| is_rule(g) || !header.iter().any(|w| crosses(w, g))).collect();
    let mut slots = slots(&seps, header, lines, em);
    slots = split_two_role_slots(slots, header, lines, em);
    let slots = merge_unnamed(slots);
    let roles: Vec<Role> = slots.iter().filter_map(|s| s.role).collect();
    let mut distinct = roles.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() != roles.len() || !distinct.contains(&Role::Item) || distinct.len() < 4 {
        return None;
    }
    Some(
        slots
            .iter()
            .filter_map(|s| {
                Some(Column { role: s.role?, left: s.left, right: s.right, text_right: None, ruled: false })
            })
            .collect(),
    )
    .map(|cols: Vec<Column>| with_text_right(cols, separators, limits, lines, em))
}

fn slots<'w>(seps: &[Gap], header: &[&'w Word], lines: &[&Line], em: f32) -> Vec<Slot<'w>> {
    // Edges and gutter widths (ems) of each slot, margins unbounded.
    let mut edges = vec![(f32::NEG_INFINITY, f32::INFINITY)];
    edges.extend(seps.iter().map(|g| (g.mid(), (g.x1 - g.x0) / em)));
    edges.push((f32::INFINITY, f32::INFINITY));
    let centres = header_positions(header, seps);
    edges
        .windows(2)
        .map(|e| {
            let ((l, gap_left), (r, gap_right)) = (e[0], e[1]);
            let inside = |w: &&Word| {
                let c = (w.bbox.x0 + w.bbox.x1) / 2.0;
                c >= l && c < r
            };
            let hw: Vec<&Word> =
                header.iter().zip(&centres).filter(|(_, c)| **c >= l && **c < r).map(|(w, _)| *w).collect();
            let body: Vec<&Word> = lines.iter().flat_map(|l| l.words.iter()).filter(inside).collect();
            Slot {
                left: l,
                right: r,
                gap_left,
                gap_right,
                role: role_of(&reading_order(&hw)),
                header: hw,
                bullets_only: !body.is_empty() && body.iter().all(|w| is_bullet_sign(&w.text)),
                dates_only: dates_only(lines, header, l, r),
            }
        })
        .collect()
}

/// Where each header word counts as standing: its middle, unless that
/// falls inside a gutter ("No." of "Item No." reaching into the wide
/// gutter beside a column of short numbers), where its left edge tells
/// the side it starts on.
fn header_positions(words: &[&Word], seps: &[Gap]) -> Vec<f32> {
    words
        .iter()
        .map(|w| {
            let c = (w.bbox.x0 + w.bbox.x1) / 2.0;
            match seps.iter().find(|g| g.x0 < c && c < g.x1) {
                Some(g) if w.bbox.x0 < g.mid() => g.mid() - 0.01,
                Some(g) => g.mid(),
                None => c,
            }
        })
        .collect()
}

/// Whether every line's body text between `l` and `r` (by the words'
/// middles) is a date, and some line has any.
fn dates_only(lines: &[&Line], header: &[&Word], l: f32, r: f32) -> bool {
    let is_header = |w: &Word| header.iter().any(|h| std::ptr::eq(*h, w));
    let mut any = false;
    for line in lines {
        let text: Vec<&str> = line
            .words
            .iter()
            .filter(|w| !is_header(w) && (w.bbox.x0 + w.bbox.x1) / 2.0 >= l && (w.bbox.x0 + w.bbox.x1) / 2.0 < r)
            .map(|w| w.text.as_str())
            .collect();
        if text.is_empty() {
            continue;
        }
        if !pat::DATE_LINE.is_match(&text.join(" ")) {
            return false;
        }
        any = true;
    }
    any
}

fn is_bullet_sign(text: &str) -> bool {
    pat::BULLET.captures(text).is_some_and(|c| c[1].is_empty()) || matches!(text.trim(), "-" | "–" | "*")
}

/// Header words top to bottom, left to right, as one text: words whose
/// tops are within half a line of the line's first word share its line.
fn reading_order(words: &[&Word]) -> String {
    let mut ws = words.to_vec();
    ws.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in ws {
        match lines.last_mut() {
            Some(l) if (w.bbox.y0 - l[0].bbox.y0).abs() < 0.5 * l[0].bbox.height().max(1.0) => l.push(w),
            _ => lines.push(vec![w]),
        }
    }
    let mut out: Vec<&str> = Vec::new();
    for mut l in lines {
        l.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        out.extend(l.iter().map(|w| w.text.as_str()));
    }
    out.join(" ")
}

/// Splits slots whose header words fall into clusters naming different
/// roles: the gutter between those columns was filled by a cell's text.
fn split_two_role_slots<'w>(slots: Vec<Slot<'w>>, header: &[&'w Word], lines: &[&Line], em: f32) -> Vec<Slot<'w>> {
    let mut out = Vec::new();
    for s in slots {
        // Cells as the header sets them apart; failing that, parted at every
        // gap wider than a space, where the body shows a column's text
        // edge in it ("Categ|ory" and "Name of|Dataset" two thirds of an
        // em apart, over cells padded by half a point).
        let cuts = role_cuts(&header_cells(&s.header, em, HEADER_CELL_GAP_EM), header, lines, em, false)
            .or_else(|| role_cuts(&header_cells(&s.header, em, WORD_GAP_EM), header, lines, em, true))
            .or_else(|| edge_cut(&s, header, lines, em).map(|x| vec![x]));
        let Some(cuts) = cuts else {
            out.push(s);
            continue;
        };
        let mut left = s.left;
        let mut gap_left = s.gap_left;
        for cut in cuts.iter().copied().chain(std::iter::once(s.right)) {
            let hw: Vec<&Word> = s
                .header
                .iter()
                .copied()
                .filter(|w| (w.bbox.x0 + w.bbox.x1) / 2.0 >= left && (w.bbox.x0 + w.bbox.x1) / 2.0 < cut)
                .collect();
            out.push(Slot {
                left,
                right: cut,
                gap_left,
                gap_right: if cut == s.right { s.gap_right } else { 0.0 },
                role: role_of(&reading_order(&hw)),
                header: hw,
                bullets_only: false,
                dates_only: false,
            });
            left = cut;
            gap_left = 0.0;
        }
    }
    out
}

/// Where to cut between neighbouring header cells naming different roles,
/// if two roles are named: at the right one's text edge, else (unless
/// `edge_only`) where the page is emptiest.
fn role_cuts(clusters: &[Vec<&Word>], header: &[&Word], lines: &[&Line], em: f32, edge_only: bool) -> Option<Vec<f32>> {
    let named: Vec<(Role, f32, f32)> =
        clusters.iter().filter_map(|c| Some((role_of(&reading_order(c))?, span(c).0, span(c).1))).collect();
    let mut distinct: Vec<Role> = named.iter().map(|n| n.0).collect();
    distinct.dedup();
    if distinct.len() < 2 {
        return None;
    }
    let mut cuts = Vec::new();
    for pair in named.windows(2) {
        if pair[0].0 != pair[1].0 && pair[1].1 > pair[0].2 {
            let (from, to) = (pair[0].2, pair[1].1);
            match aligned_edge(lines, header, from, to, em) {
                Some(x) => cuts.push(x),
                None if edge_only => return None,
                None => cuts.push(emptiest(lines, from, to)),
            }
        }
    }
    Some(cuts)
}

/// Header words grouped into cells: words overlapping in x or within `gap`
/// ems, left to right.
fn header_cells<'w>(words: &[&'w Word], em: f32, gap: f32) -> Vec<Vec<&'w Word>> {
    let mut ws = words.to_vec();
    ws.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut cells: Vec<(f32, Vec<&Word>)> = Vec::new();
    for w in ws {
        match cells.last_mut() {
            Some((right, c)) if w.bbox.x0 <= *right + gap * em && !cjk_apart(c, w) => {
                *right = right.max(w.bbox.x1);
                c.push(w);
            }
            _ => cells.push((w.bbox.x1, vec![w])),
        }
    }
    cells.into_iter().map(|c| c.1).collect()
}

/// Whether `w` sits apart from a word of `cell` on its own line with CJK
/// on both sides of the gap: CJK text has no spaces inside a cell, so two
/// CJK words the layout set apart on one line are two cells ("發放日期(" and
/// "更新" a few points apart).
fn cjk_apart(cell: &[&Word], w: &Word) -> bool {
    let same_line = |o: &Word| (o.bbox.y0 - w.bbox.y0).abs() < 0.5 * w.bbox.height().max(1.0);
    let Some(before) =
        cell.iter().filter(|o| same_line(o) && o.bbox.x1 <= w.bbox.x0).max_by(|a, b| a.bbox.x1.total_cmp(&b.bbox.x1))
    else {
        return false;
    };
    before.text.chars().next_back().is_some_and(is_cjk_or_bracket)
        && w.text.chars().next().is_some_and(is_cjk_or_bracket)
}

/// CJK, or the brackets CJK headers end in ("發放日期(").
fn is_cjk_or_bracket(c: char) -> bool {
    super::join::is_cjk(c) || "()（）".contains(c)
}

fn span(words: &[&Word]) -> (f32, f32) {
    let x0 = words.iter().map(|w| w.bbox.x0).fold(f32::INFINITY, f32::min);
    let x1 = words.iter().map(|w| w.bbox.x1).fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
}

/// Lines whose words must start at one x for it to be a column's text edge:
/// one line could start a word anywhere.
const MIN_EDGE_LINES: usize = 2;

/// Lines starting a word at an edge for each word that may run across it:
/// two cells' Latin words set flush are one word to the layout (cells
/// padded by half a point), while two words of one paragraph that happen
/// to start at one x have most of its other lines running across.
const EDGE_CROSSINGS_PER_LINE: usize = 4;

/// The left text edge of a column between `from` and `to`: the x where
/// most body lines start a word (within [`EDGE_SLACK_EM`]) and no word runs
/// across. Cells flush left show it even where a cell on the left runs up
/// to the next column with less than a space to spare, so no white space
/// runs down between them.
fn aligned_edge(lines: &[&Line], header: &[&Word], from: f32, to: f32, em: f32) -> Option<f32> {
    text_edges(lines, header, from, to, em).first().copied()
}

/// Every left text edge between `from` and `to` (see [`aligned_edge`]),
/// the best supported first.
fn text_edges(lines: &[&Line], header: &[&Word], from: f32, to: f32, em: f32) -> Vec<f32> {
    let is_header =
        |w: &Word| header.iter().any(|h| h.bbox.y0 == w.bbox.y0 && h.bbox.x0 < w.bbox.x1 && w.bbox.x0 < h.bbox.x1);
    let words: Vec<&Word> = lines.iter().flat_map(|l| l.words.iter()).filter(|w| !is_header(w)).collect();
    let slack = EDGE_SLACK_EM * em;
    // Two cells' words set flush are one word to the layout; a glyph of it
    // starting at x, where two cells' texts can meet, is no crossing.
    let meets_at = |w: &Word, x: f32| {
        w.starts.iter().any(|&(o, gx)| (gx - x).abs() <= slack && super::grid::flush_boundary(&w.text, o))
    };
    let crossings =
        |x: f32| words.iter().filter(|w| w.bbox.x0 < x - slack && w.bbox.x1 > x + slack && !meets_at(w, x)).count();
    let support = |x: f32| {
        lines.iter().filter(|l| l.words.iter().any(|w| !is_header(w) && (w.bbox.x0 - x).abs() <= slack)).count()
    };
    let mut edges: Vec<(f32, usize)> = words
        .iter()
        .map(|w| w.bbox.x0)
        .filter(|&x| x > from && x < to)
        .map(|x| (x, support(x)))
        .filter(|&(x, n)| n >= MIN_EDGE_LINES && crossings(x) * EDGE_CROSSINGS_PER_LINE <= n)
        .collect();
    edges.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.total_cmp(&b.0)));
    edges.dedup_by(|a, b| (a.0 - b.0).abs() <= slack);
    edges.into_iter().map(|(x, _)| x - slack / 2.0).collect()
}

/// A cut inside a slot whose header cells run together (one word space
/// apart, "Dataset Categor|y" beside "Dataset Name"): at a text edge of the
/// body that no header word runs across, where the header words on each
/// side name a different role.
fn edge_cut(slot: &Slot<'_>, header: &[&Word], lines: &[&Line], em: f32) -> Option<f32> {
    let side = |x: f32, left: bool| -> Option<Role> {
        let ws: Vec<&Word> = slot.header.iter().copied().filter(|w| (w.bbox.x1 <= x) == left).collect();
        role_of(&reading_order(&ws))
    };
    text_edges(lines, header, slot.left, slot.right, em).into_iter().find(|&x| {
        let across = slot.header.iter().any(|w| w.bbox.x0 < x && w.bbox.x1 > x);
        !across && matches!((side(x, true), side(x, false)), (Some(a), Some(b)) if a != b)
    })
}

/// The x between `from` and `to` that the fewest lines' words cover (the
/// middle of the widest such stretch).
fn emptiest(lines: &[&Line], from: f32, to: f32) -> f32 {
    let steps = 32;
    let at = |i: usize| from + (to - from) * i as f32 / steps as f32;
    let cover = |x: f32| lines.iter().filter(|l| l.words.iter().any(|w| w.bbox.x0 < x && w.bbox.x1 > x)).count();
    let counts: Vec<usize> = (0..=steps).map(|i| cover(at(i))).collect();
    let min = counts.iter().copied().min().unwrap_or(0);
    // Widest run at the minimum.
    let (mut best, mut run_start, mut best_len) = (steps / 2, None, 0);
    for (i, &c) in counts.iter().enumerate().chain(std::iter::once((steps + 1, &usize::MAX))) {
        match (c == min, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if i - s > best_len {
                    best_len = i - s;
                    best = (s + i - 1) / 2;
                }
                run_start = None;
            }
            _ => {}
        }
    }
    at(best)
}

/// Slots naming no role join the neighbour they sit closer to (a hanging
/// bullet joins the text on its right); neighbours naming the same role
/// are one column.
fn merge_unnamed(slots: Vec<Slot<'_>>) -> Vec<Slot<'_>> {
    let mut slots = slots;
    while let Some(i) = slots.iter().position(|s| s.role.is_none()) {
        if slots.len() == 1 {
            break;
        }
        let s = slots[i].clone();
        let into_right = if i == 0 {
            true
        } else if i + 1 == slots.len() {
            false
        } else if s.dates_only && (slots[i - 1].role == Some(Role::Date)) != (slots[i + 1].role == Some(Role::Date)) {
            slots[i + 1].role == Some(Role::Date)
        } else {
            s.bullets_only || s.gap_right < s.gap_left
        };
        if into_right {
            let r = &mut slots[i + 1];
            r.left = s.left;
            r.gap_left = s.gap_left;
            r.header.extend(s.header);
        } else {
            let l = &mut slots[i - 1];
            l.right = s.right;
            l.gap_right = s.gap_right;
            l.header.extend(s.header);
        }
        slots.remove(i);
    }
    let mut out: Vec<Slot<'_>> = Vec::new();
    for s in slots {
        match out.last_mut() {
            Some(prev) if prev.role == s.role => {
                prev.right = s.right;
                prev.gap_right = s.gap_right;
                prev.header.extend(s.header);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Sets each column's text limit: the column's right edge (a rule, or the
/// middle of the gutter after it) less the padding its text keeps from the
/// left edge, as cells pad both sides alike; never left of the text itself.
/// A gutter of `limits` within an em of a rule stands for the rule: a rule
/// drawn only in the header may be a shade's edge, inset from the cell's.
fn with_text_right(mut cols: Vec<Column>, separators: &[Gap], limits: &[Gap], lines: &[&Line], em: f32) -> Vec<Column> {
    let words: Vec<&Word> = lines.iter().flat_map(|l| l.words.iter()).collect();
    for c in &mut cols {
        let Some(g) = separators.iter().find(|g| (g.mid() - c.right).abs() < 0.01) else { continue };
        let near = limits.iter().find(|w| w.x0 - em <= c.right && c.right <= w.x1 + em);
        let (g, right) = match near {
            Some(w) => (w, w.mid()),
            None => (g, c.right),
        };
        let pad = words
            .iter()
            .filter(|w| w.bbox.x0 >= c.left && w.bbox.x0 < c.right)
            .map(|w| w.bbox.x0 - c.left)
            .fold(f32::INFINITY, f32::min);
        let ruled = g.x1 <= g.x0;
        c.text_right = if pad.is_finite() {
            Some(if ruled { right - pad } else { (right - pad).max(g.x0) })
        } else if ruled {
            None
        } else {
            Some(g.x0)
        };
        c.ruled = ruled && c.text_right.is_some();
    }
    cols
}

/// No header to name the columns: the five widest gutters cut six columns,
/// given the plans' order of roles.
fn by_position(separators: &[Gap], words: &[&Word]) -> Result<Vec<Column>, String> {
    if separators.len() < ROLES.len() - 1 {
        return Err(format!(
            "cannot tell the six columns: {} gutters found among {} words and no column header",
            separators.len(),
            words.len()
        ));
    }
    let mut widest = separators.to_vec();
    widest.sort_by(|a, b| (b.x1 - b.x0).total_cmp(&(a.x1 - a.x0)));
    widest.truncate(ROLES.len() - 1);
    widest.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut cols = Vec::new();
    let mut left = f32::NEG_INFINITY;
    for (i, role) in ROLES.iter().enumerate() {
        let (right, text_right) =
            widest.get(i).map_or((f32::INFINITY, None), |g| (g.mid(), (g.x1 > g.x0).then_some(g.x0)));
        cols.push(Column { role: *role, left, right, text_right, ruled: false });
        left = right;
    }
    Ok(cols)
}

#[cfg(test)]
mod tests;
