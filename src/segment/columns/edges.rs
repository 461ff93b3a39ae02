//! Where a table page shows its columns part: white space that runs down
//! the lines between the words (gutters), vertical ruling lines, and the
//! left text edges that cells set flush left make even where no white
//! space runs between them.

use super::super::grid;
use super::{EDGE_SLACK_EM, Gap, WORD_GAP_EM, is_header_word};
use crate::layout::{Line, Word};
use crate::pdf::Segment;

/// The narrowest white space between two columns that counts as a gutter:
/// two cell paddings, even the tightest, are wider than a space.
const MIN_GUTTER_EM: f32 = 0.3;

/// Share of a page's lines that may cross a gutter and leave it a gutter
/// (a spanning note, a cell whose text overruns).
const GUTTER_OUTLIERS: f32 = 0.04;

/// White space running down the lines: x-ranges that (nearly) no line's
/// words cover, at least [`MIN_GUTTER_EM`] wide, between the leftmost and
/// rightmost word.
pub(super) fn gutters(lines: &[&Line], em: f32) -> Vec<Gap> {
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

/// Vertical rules must run down this share of the table's height on the
/// page to separate columns (shorter ones are decoration or a cell's own).
const RULE_COVER: f32 = 0.5;

/// Two rules this close (points) are one column edge drawn twice.
const RULE_SAME_X: f32 = 1.5;

/// The x of vertical rules running down most of the table's height.
pub(super) fn rule_separators(rules: &[Segment], top: f32, bottom: f32) -> Vec<f32> {
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
pub(super) fn aligned_edge(lines: &[&Line], header: &[&Word], from: f32, to: f32, em: f32) -> Option<f32> {
    text_edges(lines, header, from, to, em).first().copied()
}

/// Every left text edge between `from` and `to` (see [`aligned_edge`]),
/// the best supported first.
pub(super) fn text_edges(lines: &[&Line], header: &[&Word], from: f32, to: f32, em: f32) -> Vec<f32> {
    let is_header = |w: &Word| is_header_word(header, w);
    let words: Vec<(usize, &Word)> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.words.iter().map(move |w| (i, w)))
        .filter(|(_, w)| !is_header(w))
        .collect();
    let slack = EDGE_SLACK_EM * em;
    // Sorted ends, for counting in logarithmic time the words that run
    // across an x: the pooled pages of a long plan hold tens of thousands.
    let mut starts: Vec<(f32, usize)> = words.iter().map(|(i, w)| (w.bbox.x0, *i)).collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let start_xs: Vec<f32> = starts.iter().map(|s| s.0).collect();
    let mut ends: Vec<f32> = words.iter().map(|(_, w)| w.bbox.x1).collect();
    ends.sort_by(f32::total_cmp);
    // Words no wider than the slack both ways: inside the window, never across.
    let narrow: Vec<(f32, f32)> =
        words.iter().map(|(_, w)| (w.bbox.x0, w.bbox.x1)).filter(|(x0, x1)| x1 - x0 <= 2.0 * slack).collect();
    // Two cells' words set flush are one word to the layout; a glyph of it
    // starting at x, where two cells' texts can meet, is no crossing.
    let mut meets: Vec<(f32, f32, f32)> = words
        .iter()
        .flat_map(|(_, w)| {
            w.starts
                .iter()
                .filter(|&&(o, gx)| o > 0 && gx > from - slack && gx < to + slack && grid::flush_boundary(&w.text, o))
                .map(|&(_, gx)| (gx, w.bbox.x0, w.bbox.x1))
        })
        .collect();
    meets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let crossings = |x: f32| {
        let left_of = start_xs.partition_point(|&y| y < x - slack);
        let ended = ends.partition_point(|&y| y <= x + slack);
        let inside = narrow.iter().filter(|(x0, x1)| *x0 >= x - slack && *x1 <= x + slack).count();
        let lo = meets.partition_point(|m| m.0 < x - slack);
        let flush =
            meets[lo..].iter().take_while(|m| m.0 <= x + slack).filter(|m| m.1 < x - slack && m.2 > x + slack).count();
        (left_of + inside).saturating_sub(ended).saturating_sub(flush)
    };
    let support = |x: f32| {
        let (lo, hi) = (start_xs.partition_point(|&y| y < x - slack), start_xs.partition_point(|&y| y <= x + slack));
        let mut ls: Vec<usize> = starts[lo..hi].iter().map(|s| s.1).collect();
        ls.sort_unstable();
        ls.dedup();
        ls.len()
    };
    let mut candidates: Vec<f32> = start_xs.iter().copied().filter(|&x| x > from && x < to).collect();
    candidates.dedup();
    let mut edges: Vec<(f32, usize)> = candidates
        .into_iter()
        .map(|x| (x, support(x)))
        .filter(|&(x, n)| n >= MIN_EDGE_LINES && crossings(x) * EDGE_CROSSINGS_PER_LINE <= n)
        .collect();
    edges.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.total_cmp(&b.0)));
    edges.dedup_by(|a, b| (a.0 - b.0).abs() <= slack);
    edges.into_iter().map(|(x, _)| x - slack / 2.0).collect()
}

/// The x between `from` and `to` that the fewest lines' words cover (the
/// middle of the widest such stretch).
pub(super) fn emptiest(lines: &[&Line], from: f32, to: f32) -> f32 {
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
