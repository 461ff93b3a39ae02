//! Page furniture: running headers and footers, and page numbers. Found by
//! where a line sits on its page and by repetition across pages with
//! digits masked, not by wording alone.

use std::collections::BTreeMap;

use super::header;
use super::patterns as pat;
use crate::layout::Line;

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
pub fn find(lines: &[Line], heights: &BTreeMap<u32, f32>) -> BTreeMap<usize, Furniture> {
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
    let mut repeated: BTreeMap<(String, i64, bool), Vec<usize>> = BTreeMap::new();
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
        let em = l.bbox.map_or(1.0, |b| b.height().max(1.0));
        let y = l.bbox.map_or(0.0, |b| if top { b.y0 } else { b.y1 - heights.get(&l.page).copied().unwrap_or(0.0) });
        let band = (y / (SAME_HEIGHT_EM * em * 2.0)).round() as i64;
        repeated.entry((masked(text), band, top)).or_default().push(i);
    }
    for ((_, _, top), idx) in repeated {
        let mut ps: Vec<u32> = idx.iter().map(|&i| lines[i].page).collect();
        ps.dedup();
        if ps.len() >= 2 && ps.len() * 2 >= pages.len() {
            for i in idx {
                out.entry(i).or_insert(if top { Furniture::RunningHeader } else { Furniture::RunningFooter });
            }
        }
    }
    out
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
        let got: Vec<(usize, Furniture)> = find(lines, &heights).into_iter().collect();
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
    fn bare_numbers_only_at_the_page_edge() {
        let lines = vec![at(1, 400.0, "2"), at(1, 700.0, "Health"), at(1, 780.0, "1")];
        check(&lines, &[(2, Furniture::PageNumber)]);
        assert!(is_page_number("- 9 -", 9) && is_page_number("第9頁", 9) && is_page_number("Page 9", 9));
        assert!(!is_page_number("2024", 3));
    }
}
