//! Columns named by the header words: the stretches between separators
//! (slots), each given the role its header words name, split where they
//! name two roles and merged into a neighbour where they name none; with
//! no usable header, columns by position. Header words are first cut
//! where two cells' glyphs stand apart or run flush across a gutter.

use super::super::header::{ROLES, Role, role_of};
use super::super::patterns as pat;
use super::super::{grid, join};
use super::edges::{aligned_edge, emptiest, text_edges};
use super::{Column, EDGE_SLACK_EM, Gap, WORD_GAP_EM, is_header_word};
use crate::layout::{Line, Word};

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
pub(super) fn by_header(
    header: &[&Word],
    separators: &[Gap],
    limits: &[Gap],
    lines: &[&Line],
    em: f32,
) -> Option<Vec<Column>> {
    let crosses = |w: &Word, g: &Gap| w.bbox.x0 < g.x0 - 0.1 * em && w.bbox.x1 > g.x1 + 0.1 * em;
    let is_rule = |g: &Gap| g.x1 <= g.x0;
    let header: Vec<&Word> =
        header.iter().copied().filter(|w| !separators.iter().any(|g| is_rule(g) && crosses(w, g))).collect();
    let header = header.as_slice();
    let seps: Vec<Gap> =
        separators.iter().copied().filter(|g| is_rule(g) || !header.iter().any(|w| crosses(w, g))).collect();
    let mut slots = slots(&seps, header, lines, em);
    slots = split_two_role_slots(slots, header, lines, em);
    let mut slots = merge_unnamed(slots);
    dates_to_their_column(&mut slots, header, lines, em);
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
pub(super) fn header_positions(words: &[&Word], seps: &[Gap]) -> Vec<f32> {
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
    let is_header = |w: &Word| is_header_word(header, w);
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

/// Header words this close (ems) belong to one header cell.
pub(super) const HEADER_CELL_GAP_EM: f32 = 0.8;

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
pub(super) fn header_cells<'w>(words: &[&'w Word], em: f32, gap: f32) -> Vec<Vec<&'w Word>> {
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
    join::is_cjk(c) || "()（）".contains(c)
}

fn span(words: &[&Word]) -> (f32, f32) {
    let x0 = words.iter().map(|w| w.bbox.x0).fold(f32::INFINITY, f32::min);
    let x1 = words.iter().map(|w| w.bbox.x1).fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
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
        } else if slots[i - 1].bullets_only {
            // Text beside a named column of bullet signs is their items,
            // however close it runs to the next column.
            false
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

/// Moves the date column's edge left over the dates set at the end of the
/// column before it: a body text edge inside that column where every
/// line's text right of it is a date (dates flush left while the header
/// sits right, or text that runs up to them leaving no white space).
fn dates_to_their_column(slots: &mut [Slot<'_>], header: &[&Word], lines: &[&Line], em: f32) {
    for i in 1..slots.len() {
        if slots[i].role != Some(Role::Date) || matches!(slots[i - 1].role, Some(Role::Date | Role::Item) | None) {
            continue;
        }
        let (l, r) = (slots[i - 1].left.max(f32::MIN), slots[i - 1].right);
        let header_right = slots[i - 1].header.iter().map(|w| w.bbox.x1).fold(l, f32::max);
        let edge = text_edges(lines, header, header_right, r, em)
            .into_iter()
            .filter(|&x| dates_only(lines, header, x, slots[i].right))
            .reduce(f32::min);
        if let Some(x) = edge {
            slots[i - 1].right = x;
            slots[i - 1].gap_right = 0.0;
            slots[i].left = x;
            slots[i].gap_left = 0.0;
        }
    }
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
pub(super) fn by_position(separators: &[Gap], words: &[&Word]) -> Result<Vec<Column>, String> {
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

/// Header words (CJK, set without a gap) that run across a gutter the
/// body shows, cut where their glyphs cross it: "項目數據" over an item
/// column and a category column.
pub(super) fn cut_flush_header(header: &[&Word], separators: &[Gap], em: f32) -> Vec<Word> {
    let mut out = Vec::with_capacity(header.len());
    for &w in header {
        let mut from = 0usize;
        let mut from_x = w.bbox.x0;
        for g in separators.iter().filter(|g| w.bbox.x0 < g.x0 && w.bbox.x1 > g.x1) {
            let at = w.starts.iter().copied().filter(|&(o, x)| {
                o > from
                    && x >= g.x0 - EDGE_SLACK_EM * em
                    && x <= g.x1 + EDGE_SLACK_EM * em
                    && grid::flush_boundary(&w.text, o)
            });
            if let Some((o, x)) = at.min_by(|a, b| (a.1 - g.x1).abs().total_cmp(&(b.1 - g.x1).abs())) {
                out.push(grid::piece(w, from, o, from_x, x));
                (from, from_x) = (o, x);
            }
        }
        out.push(if from == 0 { w.clone() } else { grid::piece(w, from, w.text.len(), from_x, w.bbox.x1) });
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
pub(super) fn split_at_cjk_gaps(w: &Word) -> Vec<Word> {
    let cjk_at = |o: usize| w.text.get(o..).and_then(|t| t.chars().next()).is_some_and(join::is_cjk);
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
            out.push(grid::piece(w, from, o, from_x, x - (step - usual)));
            (from, from_x) = (o, x);
        }
    }
    out.push(if from == 0 { w.clone() } else { grid::piece(w, from, w.text.len(), from_x, w.bbox.x1) });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(left: f32, right: f32, role: Option<Role>, gaps: (f32, f32), bullets_only: bool) -> Slot<'static> {
        Slot {
            left,
            right,
            gap_left: gaps.0,
            gap_right: gaps.1,
            header: Vec::new(),
            role,
            bullets_only,
            dates_only: false,
        }
    }

    fn check(slots: Vec<Slot<'static>>, expected: &[(Option<Role>, f32, f32)]) {
        let got: Vec<(Option<Role>, f32, f32)> =
            merge_unnamed(slots).iter().map(|s| (s.role, s.left, s.right)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn text_beside_a_named_column_of_bullets_is_its_items() {
        // The items' text sits nearer the date column than the bullets.
        let d = Some(Role::Description);
        let date = Some(Role::Date);
        check(
            vec![
                slot(0.0, 10.0, d, (1.0, 3.5), true),
                slot(10.0, 50.0, None, (3.5, 0.5), false),
                slot(50.0, 70.0, date, (0.5, 1.0), false),
            ],
            &[(d, 0.0, 50.0), (date, 50.0, 70.0)],
        );
        // Not beside bullets, text joins the neighbour it sits closer to.
        check(
            vec![
                slot(0.0, 10.0, d, (1.0, 3.5), false),
                slot(10.0, 50.0, None, (3.5, 0.5), false),
                slot(50.0, 70.0, date, (0.5, 1.0), false),
            ],
            &[(d, 0.0, 10.0), (date, 10.0, 70.0)],
        );
    }
}
