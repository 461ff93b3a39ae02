//! Geometry fuzz: random tables laid out as positioned words (the layout
//! stage's own types), with random fonts, column widths, padding, rules,
//! page breaks, repeated or absent headers, running headers and page
//! numbers. The rows must come back exactly as they were set.

use proptest::prelude::*;

use super::{PageInfo, plan_with_pages};
use crate::layout::{Line, Word};
use crate::pdf::{Rect, Segment};

const WORDS: &[&str] = &[
    "data", "road", "park", "water", "survey", "records", "Traffic", "Library", "counts", "sites", "zones", "daily",
    "levels", "station", "trees", "Public", "halls", "names", "areas", "points",
];
const FREQUENCIES: &[&str] = &["Monthly", "Quarterly", "Every 15 minutes", "As needed", "Annually"];
const HEADER: [&str; 6] = [
    "Item No.",
    "Data Category",
    "Dataset Name",
    "General Description",
    "Target Release Date (MM/YYYY)",
    "Update Frequency",
];

#[derive(Debug, Clone)]
struct Row {
    category: Vec<&'static str>,
    name: Vec<&'static str>,
    bullets: Vec<Vec<&'static str>>,
    date: String,
    frequency: &'static str,
}

#[derive(Debug, Clone)]
struct Style {
    size: f32,
    landscape: bool,
    /// Column widths in ems: every text column holds two of the longest
    /// words side by side, so that a word wrapped whole never looks like
    /// one broken by the cell edge (which no geometry can tell apart), and
    /// every header word fits its cell.
    widths: [f32; 6],
    pad_em: f32,
    ruled: bool,
    repeat_header: bool,
    furniture: bool,
}

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(WORDS), n)
}

fn row() -> impl Strategy<Value = Row> {
    (
        words(1..3),
        words(1..5),
        prop::collection::vec(words(2..9), 1..4),
        (1u32..=12, 2024u32..2028),
        prop::sample::select(FREQUENCIES),
    )
        .prop_map(|(category, name, bullets, (m, y), frequency)| Row {
            category,
            name,
            bullets,
            date: format!("{m:02}/{y}"),
            frequency,
        })
}

fn style() -> impl Strategy<Value = Style> {
    (7.0f32..10.0, any::<bool>(), [4.0f32..6.0, 8.5..12.0, 8.5..16.0, 12.0..22.0, 7.0..9.0, 8.5..11.0], 0.3f32..0.8)
        .prop_flat_map(|(size, landscape, widths, pad_em)| {
            (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(move |(ruled, repeat_header, furniture)| Style {
                size,
                landscape,
                widths,
                pad_em,
                ruled,
                repeat_header,
                furniture,
            })
        })
}

/// The width of text in a font of `size`: half an em a Latin character.
fn width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size / 2.0
}

/// Lays a cell's words into lines no wider than `room`, breaking between
/// words (every word fits: the vocabulary's longest is far narrower).
fn wrap(words: &[&str], room: f32, size: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(l) if width(&format!("{l} {w}"), size) <= room => {
                l.push(' ');
                l.push_str(w);
            }
            _ => lines.push((*w).to_owned()),
        }
    }
    lines
}

/// Builds the document: its lines and each page's geometry.
struct Doc {
    style: Style,
    page_w: f32,
    page_h: f32,
    lefts: Vec<f32>,
    page: u32,
    y: f32,
    pages: Vec<PageInfo>,
    /// Words placed on the current page, by baseline y (tenths).
    placed: Vec<(u32, f32, Word)>,
    table_top: f32,
}

impl Doc {
    fn new(style: Style) -> Doc {
        // A table too wide for a portrait page is set on a landscape one.
        let table_w: f32 = style.widths.iter().sum::<f32>() * style.size;
        let landscape = style.landscape || table_w > 495.0;
        let (page_w, page_h) = if landscape { (842.0, 595.0) } else { (595.0, 842.0) };
        let mut lefts = vec![50.0];
        for w in style.widths {
            let last = *lefts.last().unwrap_or(&50.0);
            lefts.push(last + w * style.size);
        }
        let mut d = Doc {
            style,
            page_w,
            page_h,
            lefts,
            page: 0,
            y: 0.0,
            pages: Vec::new(),
            placed: Vec::new(),
            table_top: 0.0,
        };
        d.new_page();
        d
    }

    fn em(&self) -> f32 {
        self.style.size
    }

    fn line_h(&self) -> f32 {
        1.25 * self.em()
    }

    fn new_page(&mut self) {
        self.close_rules();
        self.page += 1;
        self.pages.push(PageInfo { height: Some(self.page_h), rules: Vec::new() });
        self.y = 60.0;
        self.table_top = self.y;
        if self.style.furniture {
            self.text_at(50.0, 25.0, "Testing Department Open Data Plan");
            self.text_at(self.page_w / 2.0, self.page_h - 30.0, &format!("Page {}", self.page));
        }
    }

    /// The vertical rules of the table part on the page being closed.
    fn close_rules(&mut self) {
        if !self.style.ruled || self.page == 0 || self.y <= self.table_top {
            return;
        }
        let (top, bottom) = (self.table_top, self.y);
        if let Some(p) = self.pages.last_mut() {
            for &x in &self.lefts {
                p.rules.push(Segment { x0: x, y0: top, x1: x, y1: bottom });
            }
        }
    }

    fn hrule(&mut self) {
        if !self.style.ruled {
            return;
        }
        let (x0, x1, y) = (self.lefts[0], self.lefts[6], self.y);
        if let Some(p) = self.pages.last_mut() {
            p.rules.push(Segment { x0, y0: y, x1, y1: y });
        }
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str) {
        let size = self.em();
        let mut x = x;
        for w in text.split(' ') {
            let wd = width(w, size);
            let starts = w.char_indices().map(|(i, _)| (i, x + i as f32 * size / 2.0)).collect();
            let bbox = Rect { x0: x, y0: y, x1: x + wd, y1: y + size };
            self.placed.push((self.page, y, Word { text: w.to_owned(), bbox, starts }));
            x += wd + size / 4.0;
        }
    }

    fn plain(&mut self, text: &str) {
        let y = self.y;
        self.text_at(50.0, y, text);
        self.y += self.line_h() * 1.5;
    }

    fn room(&self, col: usize) -> f32 {
        self.lefts[col + 1] - self.lefts[col] - 2.0 * self.style.pad_em * self.em()
    }

    /// Sets one table row (header or body) of cells, breaking the page
    /// between lines where it must.
    fn row(&mut self, cells: &[Vec<String>; 6], header: bool) {
        let n = cells.iter().map(Vec::len).max().unwrap_or(0);
        let pad = self.style.pad_em * self.em();
        self.hrule();
        self.y += pad;
        for i in 0..n {
            if self.y + self.line_h() > self.page_h - 60.0 {
                self.new_page();
                if self.style.repeat_header && !header {
                    self.header();
                }
                self.hrule();
            }
            let y = self.y;
            for (c, lines) in cells.iter().enumerate() {
                if let Some(t) = lines.get(i) {
                    let x = self.lefts[c] + pad;
                    self.text_at(x, y, t);
                }
            }
            self.y += self.line_h();
        }
        self.y += pad;
    }

    fn header(&mut self) {
        let size = self.em();
        let cells: [Vec<String>; 6] = std::array::from_fn(|c| {
            let words: Vec<&str> = HEADER[c].split(' ').collect();
            wrap(&words, self.room(c), size)
        });
        self.row(&cells, true);
    }

    fn lines(&self) -> Vec<Line> {
        let mut words = self.placed.clone();
        words.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.bbox.x0.total_cmp(&b.2.bbox.x0)));
        let mut out: Vec<Line> = Vec::new();
        for (page, y, w) in words {
            match out.last_mut() {
                Some(l) if l.page == page && l.bbox.is_some_and(|b| (b.y0 - y).abs() < 0.01) => {
                    l.text.push(' ');
                    l.text.push_str(&w.text);
                    l.bbox = l.bbox.map(|b| b.union(&w.bbox));
                    l.words.push(w);
                }
                _ => out.push(Line { page, text: w.text.clone(), bbox: Some(w.bbox), words: vec![w] }),
            }
        }
        out
    }
}

fn layout(style: &Style, rows: &[Row]) -> (Vec<Line>, Vec<PageInfo>) {
    let mut d = Doc::new(style.clone());
    d.plain("Testing Department");
    d.plain("Open Data Plan for 2024-2026");
    d.plain("A. Datasets to be released in 2024");
    d.plain("i. Spatial Data");
    d.table_top = d.y;
    d.header();
    let size = d.em();
    for (i, r) in rows.iter().enumerate() {
        let item = (i + 1).to_string();
        let mut desc: Vec<String> = Vec::new();
        for b in &r.bullets {
            let mut ws = vec!["•"];
            ws.extend(b.iter().copied());
            desc.extend(wrap(&ws, d.room(3), size));
        }
        let freq: Vec<&str> = r.frequency.split(' ').collect();
        let cells: [Vec<String>; 6] = [
            vec![item],
            wrap(&r.category, d.room(1), size),
            wrap(&r.name, d.room(2), size),
            desc,
            vec![r.date.clone()],
            wrap(&freq, d.room(5), size),
        ];
        d.row(&cells, false);
    }
    d.hrule();
    d.close_rules();
    d.y += 20.0;
    d.plain("Testing Department");
    d.plain("December 2023");
    (d.lines(), d.pages)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn cells_come_back_exactly(style in style(), rows in prop::collection::vec(row(), 1..14)) {
        let (lines, pages) = layout(&style, &rows);
        let plan = plan_with_pages(&lines, &pages);
        prop_assert_eq!(plan.publisher.as_deref(), Some("Testing Department"));
        prop_assert_eq!(plan.plan_date_text.as_deref(), Some("December 2023"));
        let got = &plan.tables.first().map(|t| t.rows.clone()).unwrap_or_default();
        prop_assert_eq!(got.len(), rows.len(), "{:?}", plan.diagnostics);
        for (g, r) in got.iter().zip(&rows) {
            prop_assert_eq!(&g.category, &r.category.join(" "));
            prop_assert_eq!(&g.name, &r.name.join(" "));
            let bullets: Vec<String> = r.bullets.iter().map(|b| b.join(" ")).collect();
            prop_assert_eq!(&g.description, &bullets);
            prop_assert_eq!(&g.date_text, &r.date);
            prop_assert_eq!(&g.frequency_text, r.frequency);
        }
    }
}
