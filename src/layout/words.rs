//! Glyphs → words → lines, in reading order, with their boxes.

use crate::pdf::{Glyph, Page, Rect};

use super::{Line, Word};

/// A gap wider than this share of the font size separates two words.
const WORD_GAP: f32 = 0.2;
/// Baselines closer than this share of the font size are one line.
const SAME_LINE: f32 = 0.45;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3200..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The page's lines, top to bottom, each with its words left to right.
pub fn lines(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> =
        page.glyphs.iter().filter(|g| g.bbox.x0.is_finite() && g.bbox.y0.is_finite() && g.size.is_finite()).collect();
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.bbox.x0.total_cmp(&b.bbox.x0)));
    // Cluster by baseline: each glyph joins the line whose baseline it
    // shares, tolerating the small offsets between CJK and Latin fonts.
    let mut rows: Vec<(f32, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        let tol = SAME_LINE * g.size.max(1.0);
        match rows.last_mut() {
            Some((base, members)) if (g.baseline - *base).abs() <= tol => members.push(g),
            _ => rows.push((g.baseline, vec![g])),
        }
    }
    let mut out: Vec<Line> = rows.into_iter().filter_map(|(_, members)| line(page.number, members)).collect();
    out.sort_by(|a, b| {
        let (ay, by) = (a.bbox.map_or(0.0, |r| r.y0), b.bbox.map_or(0.0, |r| r.y0));
        ay.total_cmp(&by)
    });
    out
}

fn line(page: u32, mut members: Vec<&Glyph>) -> Option<Line> {
    members.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut words: Vec<Word> = Vec::new();
    let mut sizes: Vec<f32> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut open = false;
    for g in members {
        if g.text.chars().all(char::is_whitespace) {
            open = false;
            prev = Some(g);
            continue;
        }
        if let Some(p) = prev {
            // Some producers draw text twice, offset a hair, for bold.
            if p.text == g.text && (g.bbox.x0 - p.bbox.x0).abs() < 0.15 * g.size && open {
                continue;
            }
        }
        let gap = prev.map_or(f32::INFINITY, |p| g.bbox.x0 - p.bbox.x1);
        let size = g.size.max(1.0);
        let joins = open && gap <= WORD_GAP * size;
        match words.last_mut() {
            Some(w) if joins => {
                w.text.push_str(&g.text);
                w.bbox = w.bbox.union(&g.bbox);
            }
            _ => {
                words.push(Word { text: g.text.clone(), bbox: g.bbox });
                sizes.push(size);
            }
        }
        open = true;
        prev = Some(g);
    }
    let first = words.first()?;
    let bbox = words.iter().skip(1).fold(first.bbox, |acc: Rect, w| acc.union(&w.bbox));
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(p) = i.checked_sub(1).and_then(|j| words.get(j)) {
            let gap = w.bbox.x0 - p.bbox.x1;
            let cjk = p.text.chars().last().is_some_and(is_cjk) && w.text.chars().next().is_some_and(is_cjk);
            if !(cjk && gap < sizes[i]) {
                text.push(' ');
            }
        }
        text.push_str(&w.text);
    }
    Some(Line { page, text, bbox: Some(bbox), words })
}

/// The text of pages, form feed between pages. With `layout`, words keep
/// their columns: each starts at the character column its x gives.
pub fn render(pages: &[Page], layout: bool) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push('\x0c');
        }
        let lines = lines(page);
        let cell = char_width(page);
        for l in &lines {
            if !layout {
                out.push_str(&l.text);
                out.push('\n');
                continue;
            }
            let mut row = String::new();
            let mut col = 0usize;
            let mut prev: Option<&Word> = None;
            for w in &l.words {
                let at = (w.bbox.x0 / cell).round().max(0.0) as usize;
                let min_gap = match prev {
                    None => 0,
                    Some(p) if w.bbox.x0 - p.bbox.x1 > 2.0 * cell => 2,
                    Some(p)
                        if p.text.chars().last().is_some_and(is_cjk)
                            && w.text.chars().next().is_some_and(is_cjk)
                            && w.bbox.x0 - p.bbox.x1 < cell =>
                    {
                        0
                    }
                    Some(_) => 1,
                };
                let target = at.max(col + min_gap);
                row.extend(std::iter::repeat_n(' ', target - col));
                row.push_str(&w.text);
                col = target + w.text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum::<usize>();
                prev = Some(w);
            }
            out.push_str(row.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The width of one character column: half the median glyph height.
fn char_width(page: &Page) -> f32 {
    let mut sizes: Vec<f32> = page.glyphs.iter().map(|g| g.size).filter(|s| s.is_finite() && *s > 0.0).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).map_or(5.0, |s| (s * 0.5).max(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph of `text` at (x, baseline) in a 10pt font: Latin 5pt wide, CJK 10pt.
    fn g(text: &str, x: f32, baseline: f32) -> Glyph {
        let w: f32 = text.chars().map(|c| if is_cjk(c) { 10.0 } else { 5.0 }).sum();
        Glyph {
            bbox: Rect { x0: x, y0: baseline - 8.8, x1: x + w, y1: baseline + 1.2 },
            baseline,
            size: 10.0,
            text: text.to_owned(),
            vertical: false,
        }
    }

    /// Glyphs laid one after another from `x`, `gap` apart.
    fn run(text: &str, x: f32, baseline: f32, gap: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let glyph = g(&c.to_string(), x, baseline);
            x = glyph.bbox.x1 + gap;
            out.push(glyph);
        }
        out
    }

    fn check(glyphs: Vec<Glyph>, expect: expect_test::Expect) {
        let page = Page { number: 1, width: 600.0, height: 800.0, glyphs, rules: Vec::new() };
        let out: Vec<String> = lines(&page)
            .iter()
            .map(|l| {
                let words: Vec<String> = l.words.iter().map(|w| format!("{}@{}", w.text, w.bbox.x0)).collect();
                format!("{:?} [{}]", l.text, words.join(" "))
            })
            .collect();
        expect.assert_eq(&out.join("\n"));
    }

    #[test]
    fn latin_words_from_gaps_without_space_glyphs() {
        let mut glyphs = run("Street", 10.0, 100.0, 0.0);
        glyphs.extend(run("light", 42.5, 100.0, 0.0));
        check(glyphs, expect_test::expect![[r#""Street light" [Street@10 light@42.5]"#]]);
    }

    #[test]
    fn no_space_between_cjk_but_columns_stay_apart() {
        let mut glyphs = run("運輸", 10.0, 100.0, 0.5);
        glyphs.extend(run("署", 35.0, 100.0, 0.0));
        glyphs.extend(run("行車速度", 120.0, 100.0, 0.0));
        check(glyphs, expect_test::expect![[r#""運輸署 行車速度" [運輸@10 署@35 行車速度@120]"#]]);
    }

    #[test]
    fn mixed_baselines_and_stream_order() {
        // CJK and Latin fonts sit a point apart on one line; the content
        // stream draws the second line first.
        let mut glyphs = run("line two", 10.0, 120.0, 0.0);
        glyphs.extend(run("以", 10.0, 100.5, 0.0));
        glyphs.extend(run("CSV", 22.0, 100.0, 0.0));
        check(
            glyphs,
            expect_test::expect![[r#"
                "以CSV" [以CSV@10]
                "line two" [line@10 two@35]"#]],
        );
    }

    #[test]
    fn duplicated_fake_bold_glyphs_are_dropped_and_spaces_separate() {
        let mut glyphs = Vec::new();
        for glyph in run("Bold", 10.0, 100.0, 0.0) {
            let mut twin = glyph.clone();
            twin.bbox.x0 += 0.3;
            twin.bbox.x1 += 0.3;
            glyphs.push(glyph);
            glyphs.push(twin);
        }
        glyphs.push(g(" ", 30.3, 100.0));
        glyphs.extend(run("x", 31.0, 100.0, 0.0));
        check(glyphs, expect_test::expect![[r#""Bold x" [Bold@10 x@31]"#]]);
    }

    #[test]
    fn layout_keeps_columns_and_pages() {
        let mut one = run("Item", 10.0, 100.0, 0.0);
        one.extend(run("Name", 100.0, 100.0, 0.0));
        one.extend(run("1", 10.0, 112.0, 0.0));
        one.extend(run("數據", 100.0, 112.0, 0.0));
        let pages = [
            Page { number: 1, width: 600.0, height: 800.0, glyphs: one, rules: Vec::new() },
            Page { number: 2, width: 600.0, height: 800.0, glyphs: run("end", 10.0, 50.0, 0.0), rules: Vec::new() },
        ];
        expect_test::expect![[r#"
              Item              Name
              1                 數據
            \x0c  end
        "#]]
        .assert_eq(&render(&pages, true).replace('\x0c', "\\x0c"));
        assert_eq!(render(&pages, false), "Item Name\n1 數據\n\x0cend\n");
    }
}
