//! Rows whose cells are centred vertically, on a page without rules
//! between rows: a tall cell starts above its row's number, so the lines
//! between two numbers are shared out between the two rows, each column
//! on its own, so that each row's cell is centred on its number.

use super::{Building, CellLine, Role};

/// Shares out, on table page `block`, each column's lines among the rows
/// whose numbers stand on it, the rows' order kept.
pub(super) fn recentre(rows: &mut [Building], block: usize) {
    let on: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, b)| b.number.is_some_and(|(blk, _)| blk == block))
        .map(|(i, _)| i)
        .collect();
    if on.len() < 2 {
        return;
    }
    let centres: Vec<f32> = on.iter().filter_map(|&i| rows[i].number.map(|n| n.1)).collect();
    let mut roles: Vec<Role> = on.iter().flat_map(|&i| rows[i].cells.keys().copied()).collect();
    roles.sort();
    roles.dedup();
    for role in roles.into_iter().filter(|r| *r != Role::Item) {
        let mut lines: Vec<CellLine> = Vec::new();
        for &i in &on {
            if let Some(cell) = rows[i].cells.get_mut(&role) {
                let (here, rest): (Vec<CellLine>, Vec<CellLine>) = cell.drain(..).partition(|l| l.block == block);
                lines.extend(here);
                *cell = rest;
            }
        }
        lines.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let spans: Vec<(f32, f32)> = lines.iter().map(|l| (l.y0, l.y1)).collect();
        let owner = share_out(&spans, &centres);
        let mut groups: Vec<Vec<CellLine>> = vec![Vec::new(); on.len()];
        for (l, g) in lines.into_iter().zip(owner) {
            groups[g].push(l);
        }
        for (&i, group) in on.iter().zip(groups) {
            if group.is_empty() {
                continue;
            }
            // The row starts on this page: its lines on later pages follow.
            let cell = rows[i].cells.entry(role).or_default();
            let later = std::mem::take(cell);
            *cell = group;
            cell.extend(later);
        }
    }
}

/// A line whose middle is within this share of its height of a row's
/// number's middle stands level with the number.
const LEVEL: f32 = 0.3;

/// What a row taking none of a column's lines costs, in line heights.
const EMPTY_CELL_LINES: f32 = 1.0;

/// For lines (top, bottom) in reading order and rows' middle heights, the
/// row each line goes to: rows in order, each taking a run of lines (or
/// none), so that the runs' middles lie as near their rows' as can be.
pub(super) fn share_out(lines: &[(f32, f32)], centres: &[f32]) -> Vec<usize> {
    let (n, m) = (lines.len(), centres.len());
    if n == 0 || m == 0 {
        return vec![0; n];
    }
    // A line level with a row's number is that row's.
    let anchor: Vec<Option<usize>> = lines
        .iter()
        .map(|&(y0, y1)| centres.iter().position(|&c| (c - (y0 + y1) / 2.0).abs() < LEVEL * (y1 - y0).max(0.1)))
        .collect();
    // A row with no line in the column costs as much as a line's height
    // off centre: else a run centred on one row can swallow its
    // neighbours' lines, leaving them empty for free.
    let mut heights: Vec<f32> = lines.iter().map(|&(y0, y1)| y1 - y0).collect();
    heights.sort_by(f32::total_cmp);
    let empty = EMPTY_CELL_LINES * heights[heights.len() / 2];
    let cost = |a: usize, b: usize, j: usize| {
        if anchor[a..=b].iter().any(|x| x.is_some_and(|r| r != j)) {
            return f32::INFINITY;
        }
        ((lines[a].0 + lines[b].1) / 2.0 - centres[j]).abs()
    };
    // best[i][j]: the least cost of lines[..i] on rows ..=j; from[i][j]
    // where row j's run starts (i when row j takes none).
    let mut best = vec![vec![0.0f32; m]; n + 1];
    let mut from = vec![vec![0usize; m]; n + 1];
    for i in 1..=n {
        for j in 0..m {
            let (mut b, mut f) = if j == 0 { (cost(0, i - 1, 0), 0) } else { (best[i][j - 1] + empty, i) };
            if j > 0 {
                for (k, before) in best.iter().enumerate().take(i) {
                    let c = before[j - 1] + cost(k, i - 1, j);
                    if c < b {
                        (b, f) = (c, k);
                    }
                }
            }
            best[i][j] = b;
            from[i][j] = f;
        }
    }
    let mut owner = vec![0; n];
    let (mut i, mut j) = (n, m - 1);
    while i > 0 {
        let k = from[i][j];
        if k == i {
            // Row j takes nothing here.
            j = j.saturating_sub(1);
            continue;
        }
        owner[k..i].iter_mut().for_each(|o| *o = j);
        i = k;
        j = j.saturating_sub(1);
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lines: &[(f32, f32)], centres: &[f32], expected: &[usize]) {
        assert_eq!(share_out(lines, centres), expected, "{lines:?} about {centres:?}");
    }

    #[test]
    fn runs_centred_on_their_rows() {
        // Row 1 (middle 15) has one line; row 2 (middle 45) three, the
        // first of them above its number, nearer row 1's.
        let lines = [(10.0, 20.0), (30.0, 40.0), (40.0, 50.0), (50.0, 60.0)];
        check(&lines, &[15.0, 45.0], &[0, 1, 1, 1]);
        // A line level with a row's number is that row's, even where the
        // runs would centre better otherwise.
        check(&lines, &[35.0, 55.0], &[0, 0, 0, 1]);
        check(&[(10.0, 20.0), (20.0, 30.0), (30.0, 40.0)], &[25.0, 35.0], &[0, 0, 1]);
    }

    #[test]
    fn one_run_does_not_swallow_its_neighbours_lines() {
        // Rows at 20, 50 and 80, two lines each, none level with its
        // number: one run of all six is about as well centred on row 2.
        let lines = [(8.0, 18.0), (22.0, 32.0), (40.0, 50.0), (50.0, 60.0), (70.0, 80.0), (84.0, 94.0)];
        check(&lines, &[20.0, 50.0, 80.0], &[0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn a_row_may_take_no_line() {
        check(&[(40.0, 50.0)], &[15.0, 45.0, 75.0], &[1]);
        check(&[], &[15.0], &[]);
    }
}
