//! Glyphs → words → lines.
//!
//! Content-stream order is not reading order (tables are drawn cell by cell,
//! fake bold draws text twice, running headers come last), so grouping works
//! from positions alone: one sort by baseline cuts the page into lines, one
//! sort per line by x cuts each line into words.

use super::script::is_cjk;
use super::{Line, Word};
use crate::pdf::{Glyph, Page, Rect};

/// A gap wider than this many ems starts a new word. Latin inter-word gaps
/// (which many PDFs do not mark with a space glyph) are about 0.25 em, while
/// kerning and tracking stay well under 0.1 em.
const WORD_GAP: f32 = 0.15;

/// Glyphs whose baselines lie within this many ems of a line's anchor belong
/// to it: wide enough for superscripts (raised about 0.33 em) and for CJK and
/// Latin fonts that disagree on the baseline, narrow enough to keep apart
/// wrapped lines (1.2 em or more apart) and rows of neighbouring table columns
/// that are offset by half a line.
const SAME_LINE: f32 = 0.4;

/// Two CJK words closer than this many ems are one phrase split by tracking
/// or justification, so `Line::text` joins them without a space. Further apart
/// they are in different table columns and keep their space.
const CJK_JOIN: f32 = 1.0;

/// A glyph that lies within this many ems of an identical glyph already kept
/// is the second stroke of a fake bold, not a character.
const DUPLICATE: f32 = 0.15;

/// How many kept glyphs back a duplicate is looked for: fake bold draws a
/// handful of copies, and a bound keeps glyphs piled on one spot (hostile or
/// broken files) from costing quadratic time.
const DUPLICATE_SCAN: usize = 8;

/// A line's letter spacing is measured only over this many neighbouring
/// glyph pairs or more: on shorter lines the gaps between words would weigh
/// as much as those inside them.
const TRACKING_PAIRS: usize = 8;

/// Letter spacing of this many ems or more is not taken for tracking: it is
/// as wide as the narrowest word spaces (Calibri's is 0.23 em), so the line is
/// more likely one of short words set normally, which must stay apart.
const MAX_TRACKING: f32 = 0.2;

/// The lines of `page` in reading order: horizontal lines top to bottom, each
/// left to right, then vertical lines right to left.
pub fn lines(page: &Page) -> Vec<Line> {
    let mut horizontal = Vec::with_capacity(page.glyphs.len());
    let mut vertical = Vec::new();
    for g in &page.glyphs {
        match Cell::new(g) {
            Some(c) if g.vertical => vertical.push(c),
            Some(c) => horizontal.push(c),
            None => {}
        }
    }
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    group(&mut horizontal, page.number, &mut scratch, &mut out);
    group(&mut vertical, page.number, &mut scratch, &mut out);
    out
}

/// Buffers reused from line to line.
#[derive(Default)]
struct Scratch<'a> {
    /// The line's glyphs so far, duplicates left out.
    kept: Vec<Cell<'a>>,
    /// Gaps between neighbouring glyphs, in ems.
    gaps: Vec<f32>,
}

/// A glyph seen along its line: `a0..a1` runs along the line and `cross`
/// across it, so that one grouping routine serves horizontal and vertical text.
#[derive(Debug, Clone, Copy)]
struct Cell<'a> {
    a0: f32,
    a1: f32,
    /// The baseline (horizontal), or minus the centre x (vertical, so that
    /// ascending order is right to left).
    cross: f32,
    em: f32,
    text: &'a str,
    /// Nothing but white space: a word break, not a character.
    space: bool,
    /// The glyph's text began (`lead`) or ended (`trail`) with white space, as
    /// the `/ActualText` of a marked span can: a word break on that side.
    lead: bool,
    trail: bool,
    rect: Rect,
}

impl<'a> Cell<'a> {
    /// `None` for glyphs that cannot be placed or read: no text, coordinates
    /// that are not finite, or control characters only.
    fn new(g: &'a Glyph) -> Option<Cell<'a>> {
        let b = g.bbox;
        if g.text.is_empty() || ![b.x0, b.y0, b.x1, b.y1, g.baseline].iter().all(|v| v.is_finite()) {
            return None;
        }
        // Mirroring matrices can flip a box; grouping wants min ≤ max.
        let rect = Rect { x0: b.x0.min(b.x1), y0: b.y0.min(b.y1), x1: b.x0.max(b.x1), y1: b.y0.max(b.y1) };
        let size = g.size.abs();
        let em = if size.is_finite() && size > 0.0 {
            size
        } else if rect.height() > 0.0 {
            rect.height()
        } else {
            1.0
        };
        let (a0, a1, cross) =
            if g.vertical { (rect.y0, rect.y1, -(rect.x0 + rect.x1) / 2.0) } else { (rect.x0, rect.x1, g.baseline) };
        let text = g.text.trim();
        let space = text.is_empty();
        // Codes mapped to control characters show nothing a reader could use.
        if !space && text.chars().all(char::is_control) {
            return None;
        }
        let lead = !space && g.text.starts_with(char::is_whitespace);
        let trail = !space && g.text.ends_with(char::is_whitespace);
        Some(Cell { a0, a1, cross, em, text, space, lead, trail, rect })
    }
}

/// Cuts `cells` into lines and appends them to `out`.
fn group<'a>(cells: &mut [Cell<'a>], page: u32, scratch: &mut Scratch<'a>, out: &mut Vec<Line>) {
    cells.sort_unstable_by(|a, b| a.cross.total_cmp(&b.cross).then(a.a0.total_cmp(&b.a0)));
    let mut start = 0;
    while start < cells.len() {
        let end = line_end(cells, start);
        let line = &mut cells[start..end];
        line.sort_unstable_by(|a, b| a.a0.total_cmp(&b.a0).then(a.cross.total_cmp(&b.cross)));
        if let Some(l) = build_line(line, page, scratch) {
            out.push(l);
        }
        start = end;
    }
}

/// The end of the line starting at `start`, in cells sorted by `cross`.
fn line_end(cells: &[Cell], start: usize) -> usize {
    // The anchor is the line's largest glyph: the main text, not a
    // superscript that happens to sort first.
    let mut anchor = cells[start];
    for (i, c) in cells.iter().enumerate().skip(start + 1) {
        if c.cross - anchor.cross > SAME_LINE * anchor.em.max(c.em) {
            return i;
        }
        if c.em > anchor.em && !c.space {
            anchor = *c;
        }
    }
    cells.len()
}

/// A word being built, with what joining needs to know about its ends.
struct Run {
    word: Word,
    a0: f32,
    a1: f32,
    em: f32,
}

/// Cuts one line (cells sorted along it) into words; `None` if it holds
/// nothing but white space.
fn build_line<'a>(cells: &[Cell<'a>], page: u32, scratch: &mut Scratch<'a>) -> Option<Line> {
    let word_gap = WORD_GAP + tracking(cells, &mut scratch.gaps);
    let kept = &mut scratch.kept;
    kept.clear();
    let mut runs: Vec<Run> = Vec::new();
    let mut open = false;
    for &c in cells {
        if c.space {
            open = false;
            continue;
        }
        let tol = (DUPLICATE * c.em).min(0.5 * (c.a1 - c.a0)).max(0.0);
        let duplicate = kept
            .iter()
            .rev()
            .take(DUPLICATE_SCAN)
            .take_while(|k| k.a0 >= c.a0 - tol)
            .any(|k| k.text == c.text && (k.cross - c.cross).abs() <= DUPLICATE * c.em);
        if duplicate {
            continue;
        }
        kept.push(c);
        match runs.last_mut() {
            Some(r) if open && !c.lead && c.a0 - r.a1 <= word_gap * r.em.max(c.em) => {
                r.word.starts.push((r.word.text.len(), c.rect.x0));
                push_clean(&mut r.word.text, c.text);
                r.word.bbox = r.word.bbox.union(&c.rect);
                r.a1 = r.a1.max(c.a1);
                r.em = r.em.max(c.em);
            }
            _ => {
                let mut word =
                    Word { text: String::with_capacity(c.text.len()), bbox: c.rect, starts: vec![(0, c.rect.x0)] };
                push_clean(&mut word.text, c.text);
                runs.push(Run { word, a0: c.a0, a1: c.a1, em: c.em });
            }
        }
        open = !c.trail;
    }
    let first = runs.first()?;
    let mut text = String::with_capacity(runs.iter().map(|r| r.word.text.len() + 1).sum());
    let mut bbox = first.word.bbox;
    for (i, r) in runs.iter().enumerate() {
        if i > 0 {
            let p = &runs[i - 1];
            let cjk =
                p.word.text.chars().next_back().is_some_and(is_cjk) && r.word.text.chars().next().is_some_and(is_cjk);
            if !(cjk && r.a0 - p.a1 < CJK_JOIN * p.em.max(r.em)) {
                text.push(' ');
            }
        }
        text.push_str(&r.word.text);
        bbox = bbox.union(&r.word.bbox);
    }
    let words = runs.into_iter().map(|r| r.word).collect();
    Some(Line { page, text, bbox: Some(bbox), words })
}

/// Appends a glyph's text with line breaks, tabs and form feeds (which a
/// mapping to Unicode or an `/ActualText` can hold) made spaces and other
/// control characters dropped: they would break lines and pages of rendered
/// text.
fn push_clean(dst: &mut String, text: &str) {
    if !text.contains(|c: char| c.is_control()) {
        dst.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            c if c.is_whitespace() => dst.push(' '),
            c if c.is_control() => {}
            c => dst.push(c),
        }
    }
}

/// The line's letter spacing in ems: the lower median of the gaps between
/// neighbouring glyphs, most of which lie inside words. Without it a heading
/// set with wide tracking would fall apart into letters.
fn tracking(cells: &[Cell], gaps: &mut Vec<f32>) -> f32 {
    gaps.clear();
    let pairs = cells.windows(2).filter(|w| !w[0].space && !w[1].space);
    gaps.extend(pairs.map(|w| (w[1].a0 - w[0].a1) / w[0].em.max(w[1].em)));
    if gaps.len() < TRACKING_PAIRS {
        return 0.0;
    }
    let mid = (gaps.len() - 1) / 2;
    let median = *gaps.select_nth_unstable_by(mid, f32::total_cmp).1;
    if median > 0.0 && median < MAX_TRACKING { median } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::sketch::Sketch;
    use expect_test::{Expect, expect};
    use std::fmt::Write;

    fn check(sketch: Sketch, expect: Expect) {
        let mut out = String::new();
        for line in lines(&sketch.page(1)) {
            let b = line.bbox.unwrap_or_default();
            writeln!(out, "{:.1}-{:.1} {:?}", b.y0, b.y1, line.text).unwrap();
            for w in &line.words {
                writeln!(out, "  {:.1}-{:.1} {}", w.bbox.x0, w.bbox.x1, w.text).unwrap();
            }
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn latin_words_from_gaps() {
        check(
            Sketch::default().text(10.0, 20.0, 10.0, "Open data plan"),
            expect![[r#"
                12.0-22.0 "Open data plan"
                  10.0-30.0 Open
                  33.0-53.0 data
                  56.0-76.0 plan
            "#]],
        );
    }

    #[test]
    fn space_glyphs_separate_and_vanish() {
        check(
            Sketch::default().text(10.0, 20.0, 10.0, "as_needed__"),
            expect![[r#"
                12.0-22.0 "as needed"
                  10.0-20.0 as
                  22.8-52.8 needed
            "#]],
        );
    }

    #[test]
    fn white_space_at_a_glyph_edge_breaks_words() {
        // Marked spans replaced by their /ActualText become one glyph, whose
        // text may begin or end with a space.
        let sketch = Sketch::default()
            .glyph(10.0, 20.0, 10.0, "Data ", 25.0)
            .glyph(35.0, 20.0, 10.0, "set", 15.0)
            .glyph(50.0, 20.0, 10.0, " [New Item]", 50.0)
            .glyph(100.0, 20.0, 10.0, "!", 5.0);
        check(
            sketch,
            expect![[r#"
                12.0-22.0 "Data set [New Item]!"
                  10.0-35.0 Data
                  35.0-50.0 set
                  50.0-105.0 [New Item]!
            "#]],
        );
    }

    #[test]
    fn control_characters_inside_glyphs() {
        let sketch =
            Sketch::default().glyph(10.0, 20.0, 10.0, "a\nb\x0cc\0d", 20.0).glyph(40.0, 20.0, 10.0, "\x01", 5.0);
        check(
            sketch,
            expect![[r#"
                12.0-22.0 "a b cd"
                  10.0-30.0 a b cd
            "#]],
        );
    }

    #[test]
    fn no_space_between_cjk() {
        // Tracking of 0.3 em splits the words but not the phrase.
        check(
            Sketch::default().text(10.0, 20.0, 10.0, "過 海 隧道").text(60.0, 20.0, 10.0, "交通(CSV)"),
            expect![[r#"
                12.0-22.0 "過海隧道交通(CSV)"
                  10.0-20.0 過
                  23.0-33.0 海
                  36.0-56.0 隧道
                  60.0-105.0 交通(CSV)
            "#]],
        );
    }

    #[test]
    fn cjk_columns_stay_apart() {
        check(
            Sketch::default()
                .text(40.0, 20.0, 10.0, "運輸")
                .text(120.0, 20.0, 10.0, "過海隧道")
                .text(10.0, 20.0, 10.0, "1"),
            expect![[r#"
                12.0-22.0 "1 運輸 過海隧道"
                  10.0-15.0 1
                  40.0-60.0 運輸
                  120.0-160.0 過海隧道
            "#]],
        );
    }

    #[test]
    fn mixed_baselines_and_superscripts() {
        // The CJK font sits 1.5 pt lower than the Latin one; the footnote mark
        // is raised a third of an em; the next line is 1.2 em down.
        check(
            Sketch::default()
                .text(10.0, 20.0, 10.0, "數據涵蓋")
                .text(50.0, 21.5, 10.0, "2015")
                .text(70.0, 20.0, 10.0, "年起")
                .text(90.0, 16.7, 6.0, "1")
                .text(10.0, 32.0, 10.0, "next line"),
            expect![[r#"
                11.9-23.5 "數據涵蓋2015年起1"
                  10.0-93.0 數據涵蓋2015年起1
                24.0-34.0 "next line"
                  10.0-30.0 next
                  33.0-53.0 line
            "#]],
        );
    }

    #[test]
    fn table_rows_at_slightly_different_baselines() {
        // Column 2 sits 2 pt lower than column 1 (one visual row); column 3
        // holds one line centred between two (a row of its own).
        check(
            Sketch::default()
                .text(10.0, 20.0, 10.0, "Transport and")
                .text(10.0, 32.0, 10.0, "Logistics")
                .text(100.0, 22.0, 10.0, "Cross-harbour")
                .text(100.0, 34.0, 10.0, "tunnels")
                .text(200.0, 26.0, 10.0, "Hourly"),
            expect![[r#"
                12.0-24.0 "Transport and Cross-harbour"
                  10.0-55.0 Transport
                  58.0-73.0 and
                  100.0-165.0 Cross-harbour
                18.0-28.0 "Hourly"
                  200.0-230.0 Hourly
                24.0-36.0 "Logistics tunnels"
                  10.0-55.0 Logistics
                  100.0-135.0 tunnels
            "#]],
        );
    }

    #[test]
    fn letter_spacing() {
        // Tracking of 0.18 em, as justified CJK text spreads Latin words too;
        // lines of single letters and short lines are left alone.
        check(
            Sketch::default()
                .tracked(10.0, 20.0, 10.0, "數據以GeoJSON (or XML)_格式", 0.18)
                .text(10.0, 40.0, 10.0, "a b c d e f g h i j")
                .tracked(10.0, 60.0, 10.0, "N/A", 0.18),
            expect![[r#"
                12.0-22.0 "數據以GeoJSON (or XML) 格式"
                  10.0-91.2 數據以GeoJSON
                  96.0-114.6 (or
                  119.4-144.8 XML)
                  151.2-173.0 格式
                32.0-42.0 "a b c d e f g h i j"
                  10.0-15.0 a
                  18.0-23.0 b
                  26.0-31.0 c
                  34.0-39.0 d
                  42.0-47.0 e
                  50.0-55.0 f
                  58.0-63.0 g
                  66.0-71.0 h
                  74.0-79.0 i
                  82.0-87.0 j
                52.0-62.0 "N / A"
                  10.0-15.0 N
                  16.8-21.8 /
                  23.6-28.6 A
            "#]],
        );
    }

    #[test]
    fn stream_order_does_not_matter() {
        let mut sketch = Sketch::default().text(10.0, 32.0, 10.0, "second").text(10.0, 20.0, 10.0, "first row");
        sketch.glyphs.reverse();
        sketch.glyphs.swap(1, 7);
        check(
            sketch,
            expect![[r#"
                12.0-22.0 "first row"
                  10.0-35.0 first
                  38.0-53.0 row
                24.0-34.0 "second"
                  10.0-40.0 second
            "#]],
        );
    }

    #[test]
    fn fake_bold_duplicates_dropped() {
        check(
            Sketch::default()
                .text(10.0, 20.0, 10.0, "Daily 每日")
                .text(10.4, 20.1, 10.0, "Daily 每日")
                .text(10.0, 32.0, 10.0, "ll"),
            expect![[r#"
                12.0-22.0 "Daily 每日"
                  10.0-35.0 Daily
                  38.0-58.0 每日
                24.0-34.0 "ll"
                  10.0-20.0 ll
            "#]],
        );
    }

    #[test]
    fn unusable_glyphs() {
        let mut sketch = Sketch::default()
            .glyph(f32::NAN, 20.0, 10.0, "x", 5.0)
            .glyph(10.0, f32::NAN, 10.0, "y", 5.0)
            .glyph(20.0, 20.0, 10.0, "", 5.0)
            .text(10.0, 40.0, 10.0, "___");
        // No usable size: the box height stands in for the em.
        let bbox = Rect { x0: 10.0, y0: 12.0, x1: 15.0, y1: 22.0 };
        sketch.glyphs.push(Glyph { bbox, baseline: 20.0, size: f32::NAN, text: "z".into(), vertical: false });
        check(
            sketch,
            expect![[r#"
                12.0-22.0 "z"
                  10.0-15.0 z
            "#]],
        );
    }

    #[test]
    fn arbitrary_glyphs_never_panic() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let values = [f32::NAN, f32::INFINITY, -f32::INFINITY, 0.0, -5.0, 1e30, -1e30, 3.0, 10.0, 100.0, 500.0];
        let texts = ["a", "漁", " ", "", "ab", "\u{3000}", " x", "y ", "\x01", "a\nb", "\x0c"];
        for _ in 0..50 {
            let mut glyphs = Vec::new();
            for _ in 0..200 {
                let text = texts[next(texts.len())].to_owned();
                let vertical = next(5) == 0;
                let mut v = || values[next(values.len())] + next(50) as f32;
                let bbox = Rect { x0: v(), y0: v(), x1: v(), y1: v() };
                glyphs.push(Glyph { bbox, baseline: v(), size: v(), text, vertical });
            }
            let page = Page { number: 1, width: 595.0, height: 842.0, glyphs, rules: Vec::new() };
            for line in lines(&page) {
                let joined: String = line.words.iter().map(|w| w.text.as_str()).collect();
                assert_eq!(line.text.replace(' ', ""), joined.replace(' ', ""));
                assert!(line.words.iter().all(|w| !w.text.is_empty()));
                assert!(!line.text.contains(char::is_control));
            }
            let _ = crate::layout::render(&[page], true);
        }
    }

    #[test]
    fn vertical_glyphs_are_their_own_lines() {
        let mut sketch = Sketch::default().text(10.0, 20.0, 10.0, "橫排");
        for (i, ch) in ["直", "排"].iter().enumerate() {
            let y = 100.0 + 10.0 * i as f32;
            let bbox = Rect { x0: 300.0, y0: y, x1: 310.0, y1: y + 10.0 };
            sketch.glyphs.push(Glyph { bbox, baseline: 305.0, size: 10.0, text: ch.to_string(), vertical: true });
        }
        check(
            sketch,
            expect![[r#"
                12.0-22.0 "橫排"
                  10.0-30.0 橫排
                100.0-120.0 "直排"
                  300.0-310.0 直排
            "#]],
        );
    }
}
