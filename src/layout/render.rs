//! Pages → text, like `pdftotext` (and `pdftotext -layout`).

use super::script::{display_width, is_cjk};
use super::{Line, lines};
use crate::pdf::Page;

/// Words further apart than this many character widths are taken to sit in
/// different columns, and get at least two spaces between them. A Latin
/// inter-word gap is about half a character width; the padding of two table
/// cells is 1.5 or more.
const COLUMN_GAP: f32 = 1.0;

/// No line is padded beyond this column, whatever a stray coordinate says.
const MAX_COLUMN: f32 = 1000.0;

/// The text of `pages`, one line per line, pages separated by a form feed.
///
/// With `layout`, words are placed at a character column proportional to
/// their x position, so that table columns stay aligned and apart.
pub fn render(pages: &[Page], layout: bool) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push('\x0c');
        }
        render_page(page, layout, &mut out);
    }
    out
}

/// Appends one page's text, as [`render`] writes it, to `out`: a caller
/// that reads pages one at a time need not hold them all.
pub fn render_page(page: &Page, layout: bool, out: &mut String) {
    let width = char_width(page);
    for line in lines(page) {
        if layout {
            place(&line, width, out);
        } else {
            out.push_str(&line.text);
        }
        out.push('\n');
    }
}

/// Appends `line` with each word that starts a column at the character column
/// its x position gives.
fn place(line: &Line, width: f32, out: &mut String) {
    let mut cursor = 0;
    let mut prev: Option<&super::Word> = None;
    for w in &line.words {
        // `as` saturates, and NaN becomes 0.
        let target = (w.bbox.x0 / width).round().clamp(0.0, MAX_COLUMN) as usize;
        let column = match prev {
            None => target,
            // Words of one phrase follow each other as written: proportional
            // text rounded to the grid would pick up stray double spaces.
            Some(p) if w.bbox.x0 - p.bbox.x1 < COLUMN_GAP * width => {
                let cjk = p.text.chars().next_back().is_some_and(is_cjk) && w.text.chars().next().is_some_and(is_cjk);
                cursor + usize::from(!cjk)
            }
            Some(_) => target.max(cursor + 2),
        };
        out.extend(std::iter::repeat_n(' ', column - cursor));
        out.push_str(&w.text);
        cursor = column + w.text.chars().map(display_width).sum::<usize>();
        prev = Some(w);
    }
}

/// The page's typical width of one character column: the median advance of
/// its Latin glyphs, so that CJK glyphs (an em wide) take about two.
fn char_width(page: &Page) -> f32 {
    let mut advances: Vec<f32> = page
        .glyphs
        .iter()
        .filter(|g| {
            let mut chars = g.text.chars();
            let single = chars.next().is_some_and(|c| !c.is_whitespace() && !is_cjk(c));
            single && chars.next().is_none() && !g.vertical
        })
        .map(|g| g.bbox.width().abs())
        .filter(|w| w.is_finite() && *w > 0.0)
        .collect();
    if advances.is_empty() {
        // A page without Latin text: half an em.
        advances = page.glyphs.iter().map(|g| 0.5 * g.size.abs()).filter(|w| w.is_finite() && *w > 0.0).collect();
    }
    if advances.is_empty() {
        return 5.0;
    }
    let mid = advances.len() / 2;
    *advances.select_nth_unstable_by(mid, f32::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::sketch::Sketch;
    use crate::pdf::{Glyph, Rect};
    use expect_test::{Expect, expect};

    fn check(pages: Vec<Sketch>, layout: bool, expect: Expect) {
        let pages: Vec<Page> = pages.into_iter().zip(1..).map(|(s, n)| s.page(n)).collect();
        // Form feeds made visible, and each line fenced so that leading and
        // trailing spaces show (expect-test strips common indentation).
        let text = render(&pages, layout).replace('\x0c', "<FF>");
        let fenced: String = text.lines().map(|l| format!("|{l}|\n")).collect();
        expect.assert_eq(&fenced);
    }

    #[test]
    fn plain_lines_and_form_feeds() {
        check(
            vec![
                Sketch::default().text(10.0, 20.0, 10.0, "Daily").text(10.0, 32.0, 10.0, "每日 更新"),
                Sketch::default(),
                Sketch::default().text(10.0, 20.0, 10.0, "Page 3"),
            ],
            false,
            expect![[r#"
                |Daily|
                |每日更新|
                |<FF><FF>Page 3|
            "#]],
        );
    }

    #[test]
    fn two_column_layout() {
        // Character width is 5 pt (Latin advance of a 10 pt font): column 2
        // starts at x = 100, column 20.
        let page = Sketch::default()
            .text(10.0, 20.0, 10.0, "1")
            .text(30.0, 20.0, 10.0, "運輸")
            .text(100.0, 20.0, 10.0, "Tunnel traffic")
            .text(30.0, 32.0, 10.0, "及物流")
            .text(100.0, 32.0, 10.0, "flow")
            .text(30.0, 44.0, 10.0, "Transport and")
            .text(100.0, 44.0, 10.0, "Hourly");
        check(
            vec![page, Sketch::default().text(10.0, 20.0, 10.0, "Next")],
            true,
            expect![[r#"
                |  1   運輸          Tunnel traffic|
                |      及物流        flow|
                |      Transport and  Hourly|
                |<FF>  Next|
            "#]],
        );
    }

    #[test]
    fn stray_coordinates() {
        // Page 1 has no Latin glyph to measure a column by (half an em is
        // used) and starts off the page; page 2 has a glyph of NaN size.
        let cjk = Sketch::default().text(-50.0, 20.0, 10.0, "左邊").text(100.0, 20.0, 10.0, "右");
        let mut nan = Sketch::default();
        let bbox = Rect { x0: 20.0, y0: 12.0, x1: 25.0, y1: 22.0 };
        nan.glyphs.push(Glyph { bbox, baseline: 20.0, size: f32::NAN, text: "z".into(), vertical: false });
        check(
            vec![cjk, nan],
            true,
            expect![[r#"
                |左邊                右|
                |<FF>    z|
            "#]],
        );
    }

    #[test]
    fn crowded_columns_keep_two_spaces() {
        // Small print takes more columns than its width in points.
        let page = Sketch::default().text(10.0, 20.0, 6.0, "Environment").text(55.0, 20.0, 10.0, "Air");
        let page = page.text(10.0, 32.0, 10.0, "Column width from this line");
        check(
            vec![page],
            true,
            expect![[r#"
                |  Environment  Air|
                |  Column width from this line|
            "#]],
        );
    }
}
