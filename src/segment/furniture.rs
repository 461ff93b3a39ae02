//! Page furniture: running headers and footers, and page numbers. Found by
//! where a line sits on its page and by repetition across pages with
//! digits masked, not by wording alone.

use std::collections::BTreeMap;

use super::header;
use super::patterns as pat;
use crate::layout::Line;
use crate::pdf::Segment;

/// Share of the page height, from the top and from the bottom edge, where
/// running headers, footers and page numbers sit: page margins are 5-15%
/// of the height in every layout we have seen, and furniture lives in them.
const EDGE_SHARE: f32 = 0.15;

/// Lines repeating at the same height on different pages agree to within
/// this many ems (producers round positions differently page to page).
const SAME_HEIGHT_EM: f32 = 0.5;

/// Why a line is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    RunningHeader,
    RunningFooter,
    PageNumber,
}

impl Furniture {
    pub fn why(self) -> &'static str {
        match self {
            Furniture::RunningHeader => "running header",
            Furniture::RunningFooter => "running footer",
            Furniture::PageNumber => "page number",
        }
    }
}

/// The vertical extent of each page: its height when known (PDF), else
/// the bottom of its lowest line.
pub fn page_heights(lines: &[Line], known: &[f32]) -> BTreeMap<u32, f32> {
    let mut h: BTreeMap<u32, f32> = BTreeMap::new();
    for l in lines {
        let Some(b) = l.bbox else { continue };
        let known =
            usize::try_from(l.page).ok().and_then(|p| known.get(p.checked_sub(1)?)).copied().filter(|h| h.is_finite());
        let e = h.entry(l.page).or_insert(known.unwrap_or(b.y1));
        if known.is_none() {
            *e = e.max(b.y1);
        }
    }
    h
}

/// Finds the furniture among a document's lines (index → kind).
pub fn find<'r>(
    lines: &[Line],
    heights: &BTreeMap<u32, f32>,
    rules_of: &dyn Fn(u32) -> &'r [Segment],
) -> BTreeMap<usize, Furniture> {
    let mut out = BTreeMap::new();
    let pages: Vec<u32> = {
        let mut p: Vec<u32> = lines.iter().map(|l| l.page).collect();
        p.dedup();
        p
    };
    // Lines on the page's outermost rows: nothing but furniture above
    // (below) them.
    let (tops, bottoms) = edge_lines(lines);
    let in_header = header_blocks(lines);
    let mut repeated: BTreeMap<(String, bool), Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        let edge = match l.bbox {
            Some(b) => {
                let h = heights.get(&l.page).copied().unwrap_or(b.y1).max(1.0);
                if b.y1 <= EDGE_SHARE * h {
                    Some(true)
                } else if b.y0 >= (1.0 - EDGE_SHARE) * h {
                    Some(false)
                } else {
                    None
                }
            }
            // Text has no geometry: only a page's first and last lines
            // can be furniture.
            None => {
                if tops.contains(&i) {
                    Some(true)
                } else if bottoms.contains(&i) {
                    Some(false)
                } else {
                    None
                }
            }
        };
        let Some(top) = edge else { continue };
        // Only the page's outermost lines: a table row that happens to
        // repeat at the same height on two pages sits below a header.
        if !(tops.contains(&i) || bottoms.contains(&i)) {
            continue;
        }
        if is_page_number(text, l.page) {
            out.insert(i, Furniture::PageNumber);
            continue;
        }
        // A table's column header repeats at the top of every page it
        // runs onto; the table finder needs it there, all of its lines.
        if in_header.contains(&i) {
            continue;
        }
        // Nor are the plan's own headings, which sit at the top of every
        // page a section or table starts on.
        if pat::SECTION.is_match(text) || pat::TABLE.is_match(text) || pat::ORGANISATION.is_match(text) {
            continue;
        }
        // A line with a rule on its far side (below a footer, above a
        // header) is inside something drawn: a table's last row, not
        // furniture.
        if l.bbox.is_some_and(|b| rule_beyond(b, top, rules_of(l.page))) {
            continue;
        }
        repeated.entry((masked(text), top)).or_default().push(i);
    }
    for ((_, top), idx) in repeated {
        for &i in &idx {
            // The copies on other pages at the same height, in the same size.
            let mut ps: Vec<u32> = idx
                .iter()
                .filter(|&&j| same_place(&lines[i], &lines[j], top, heights))
                .map(|&j| lines[j].page)
                .collect();
            ps.sort_unstable();
            ps.dedup();
            if ps.len() >= 2 && ps.len() * 2 >= pages.len() {
                out.entry(i).or_insert(if top { Furniture::RunningHeader } else { Furniture::RunningFooter });
            }
        }
    }
    out
}

/// Two lines of the same text are one running line when they sit at the
/// same height from their page's edge and are set in the same size (a
/// title that also runs as the header of later pages is set larger).
fn same_place(a: &Line, b: &Line, top: bool, heights: &BTreeMap<u32, f32>) -> bool {
    let (Some(x), Some(y)) = (a.bbox, b.bbox) else { return true };
    let from_edge = |l: &Line, r: crate::pdf::Rect| {
        if top { r.y0 } else { heights.get(&l.page).copied().unwrap_or(r.y1) - r.y1 }
    };
    let em = x.height().max(y.height()).max(1.0);
    (from_edge(a, x) - from_edge(b, y)).abs() <= SAME_HEIGHT_EM * em
        && (x.height() - y.height()).abs() <= SAME_SIZE_SHARE * em
}

/// Lines whose heights differ by less than this share are set in one size
/// (glyph boxes vary a little with the characters a line holds).
const SAME_SIZE_SHARE: f32 = 0.15;

/// A horizontal rule within this many ems beyond a line (below a bottom
/// line, above a top one) encloses it.
const ENCLOSING_RULE_EM: f32 = 2.0;

fn rule_beyond(b: crate::pdf::Rect, top: bool, rules: &[Segment]) -> bool {
    let em = b.height().max(1.0);
    rules.iter().filter(|r| (r.y0 - r.y1).abs() < 1.0).any(|r| {
        let overlaps = r.x0.min(r.x1) < b.x1 && r.x0.max(r.x1) > b.x0;
        let gap = if top { b.y0 - r.y0 } else { r.y0 - b.y1 };
        overlaps && gap >= -0.1 * em && gap <= ENCLOSING_RULE_EM * em
    })
}

/// The longest piece of a header word wrapped onto a line of its own
/// ("cy", "(月/", "年)"), in characters.
const HEADER_PIECE_CHARS: usize = 6;

/// Lines of a header block are this close (in line heights) to the next.
const HEADER_LINE_GAP: f32 = 1.5;

/// Lines that name two columns or more, and the lines stacked right above
/// and below them: a column header however it wraps.
fn header_blocks(lines: &[Line]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    // A stacked line is header if it names a column or is a short piece of
    // a wrapped header word ("cy", "年)"); a running title is neither.
    let header_like = |l: &Line| {
        header::roles_named(&l.text) > 0 || l.text.chars().filter(|c| !c.is_whitespace()).count() <= HEADER_PIECE_CHARS
    };
    let close = |a: &Line, b: &Line| match (a.bbox, b.bbox) {
        (Some(x), Some(y)) => a.page == b.page && (y.y0 - x.y1).abs() < HEADER_LINE_GAP * x.height().max(y.height()),
        _ => false,
    };
    for (i, l) in lines.iter().enumerate() {
        if header::roles_named(&l.text) < 2 {
            continue;
        }
        out.push(i);
        let mut j = i;
        while j > 0 && close(&lines[j - 1], &lines[j]) && header_like(&lines[j - 1]) {
            j -= 1;
            out.push(j);
        }
        let mut k = i;
        while k + 1 < lines.len() && close(&lines[k], &lines[k + 1]) && header_like(&lines[k + 1]) {
            k += 1;
            out.push(k);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many lines at each edge of a page can be furniture: a running
/// header of title and department, or a footer of date and page number,
/// takes two or three.
const EDGE_LINES: usize = 3;

/// The first and last [`EDGE_LINES`] non-empty lines of each page.
fn edge_lines(lines: &[Line]) -> (Vec<usize>, Vec<usize>) {
    let mut by_page: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.text.trim().is_empty() {
            by_page.entry(l.page).or_default().push(i);
        }
    }
    let mut tops = Vec::new();
    let mut bottoms = Vec::new();
    for idx in by_page.values() {
        tops.extend(idx.iter().take(EDGE_LINES));
        bottoms.extend(idx.iter().rev().take(EDGE_LINES));
    }
    (tops, bottoms)
}

/// Text with every run of digits replaced by one '#', white space folded:
/// "Page 3 of 9" and "Page 4 of 9" are the same furniture.
fn masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if digit && !prev_digit {
            out.push('#');
        } else if !digit {
            out.push(c);
        }
        prev_digit = digit;
    }
    out
}

/// A page number in any of the forms plans print: "9", "- 9 -", "Page 9",
/// "Page 9 of 12", "9 / 12", "第9頁". A bare number must be close to the
/// page's own number (front matter may shift the count a little).
fn is_page_number(text: &str, page: u32) -> bool {
    if pat::PAGE_NUMBER.is_match(text) {
        return true;
    }
    let t = text.trim();
    t.len() <= 4
        && t.chars().all(|c| c.is_ascii_digit())
        && t.parse::<u32>().is_ok_and(|n| n + 3 >= page && n <= page + 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Word;
    use crate::pdf::Rect;

    fn at(page: u32, y: f32, text: &str) -> Line {
        let bbox = Rect { x0: 100.0, y0: y, x1: 200.0, y1: y + 10.0 };
        Line {
            page,
            text: text.into(),
            bbox: Some(bbox),
            words: vec![Word { text: text.into(), bbox, starts: Vec::new() }],
        }
    }

    fn check(lines: &[Line], expected: &[(usize, Furniture)]) {
        let heights = page_heights(lines, &[800.0; 4]);
        let got: Vec<(usize, Furniture)> = find(lines, &heights, &|_| &[]).into_iter().collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn running_lines_repeat_with_digits_masked() {
        let mut lines = Vec::new();
        for p in 1..=3 {
            lines.push(at(p, 20.0, "Lands Department Open Data Plan"));
            lines.push(at(p, 100.0, ["1 Transport Roads", "2 Health Clinics", "3 Housing Estates"][p as usize - 1]));
            lines.push(at(p, 770.0, &format!("Page {p} of 3")));
            lines.push(at(p, 780.0, &format!("Issued 1{p}/2024")));
        }
        use Furniture::*;
        check(
            &lines,
            &[
                (0, RunningHeader),
                (2, PageNumber),
                (3, RunningFooter),
                (4, RunningHeader),
                (6, PageNumber),
                (7, RunningFooter),
                (8, RunningHeader),
                (10, PageNumber),
                (11, RunningFooter),
            ],
        );
    }

    #[test]
    fn a_title_set_larger_than_the_running_header_it_repeats_is_not_furniture() {
        let mut title = at(1, 20.0, "Open Data Plan 2024-2026");
        title.bbox = title.bbox.map(|b| Rect { y1: b.y0 + 16.0, ..b });
        let lines = vec![title, at(2, 20.0, "Open Data Plan 2024-2026"), at(3, 20.0, "Open Data Plan 2024-2026")];
        check(&lines, &[(1, Furniture::RunningHeader), (2, Furniture::RunningHeader)]);
    }

    #[test]
    fn a_line_ruled_off_below_is_a_table_row_not_a_footer() {
        // The last line of a cell lands at the same height on two pages;
        // the table's rule runs under it.
        let lines = vec![at(1, 760.0, "department"), at(2, 760.0, "department")];
        let rule = [Segment { x0: 50.0, y0: 773.0, x1: 550.0, y1: 773.0 }];
        let heights = page_heights(&lines, &[800.0; 2]);
        assert!(find(&lines, &heights, &|_| &rule).is_empty());
        check(&lines, &[(0, Furniture::RunningFooter), (1, Furniture::RunningFooter)]);
    }

    #[test]
    fn bare_numbers_only_at_the_page_edge() {
        let lines = vec![at(1, 400.0, "2"), at(1, 700.0, "Health"), at(1, 780.0, "1")];
        check(&lines, &[(2, Furniture::PageNumber)]);
        assert!(is_page_number("- 9 -", 9) && is_page_number("第9頁", 9) && is_page_number("Page 9", 9));
        assert!(!is_page_number("2024", 3));
    }
}
