//! Draws a [`Sheet`] and what the table finder made of it as SVG 1.1 that
//! browsers and librsvg both render: presentation attributes only (no CSS
//! selectors), text placed and stretched to each word's box.

use std::fmt::Write;

use super::{Flag, FlagAt, Sheet};
use crate::pdf::Rect;
use crate::record::Record;
use crate::segment::{Plan, Role, Strategy};

/// Colours per column role (Paul Tol's bright scheme: distinct for most
/// colour-blind readers) and how opaque their fill is, light enough that
/// the words under a column stay black on a pale tint.
const ROLE_COLOURS: [(Role, &str); 6] = [
    (Role::Item, "#4477AA"),
    (Role::Category, "#EE6677"),
    (Role::Name, "#228833"),
    (Role::Description, "#CCBB44"),
    (Role::Date, "#66CCEE"),
    (Role::Frequency, "#AA3377"),
];
const COLUMN_FILL_OPACITY: f32 = 0.13;
const ROW_COLOUR: &str = "#EE7733";
const DROPPED_COLOUR: &str = "#777777";
const FLAG_COLOUR: &str = "#CC0000";
/// Labels (roles, rows, reasons) in points (text files: grid units): small
/// enough not to hide the words, large enough to read zoomed in.
const LABEL_SIZE: f32 = 5.0;

/// Font size of a word, as a share of its box's height: PDF glyph boxes run
/// from the font's ascent to its descent, about 1.1-1.2 em.
const SIZE_OF_HEIGHT: f32 = 0.85;
/// The baseline, up from the box's bottom, as a share of its height (the
/// descent).
const DESCENT_OF_HEIGHT: f32 = 0.2;

/// A Latin character's advance, in ems, on average over the plans'
/// fonts; a CJK character takes a whole em.
const LATIN_ADVANCE_EM: f32 = 0.5;

/// A word's font size: from its box's height, unless its width says the
/// font is smaller (fonts whose ascent and descent are tall for their
/// size), so that the gaps between drawn words look as they do printed.
pub(super) fn font_size(text: &str, b: &Rect) -> f32 {
    let ems: f32 = text.chars().map(|c| if crate::layout::is_cjk(c) { 1.0 } else { LATIN_ADVANCE_EM }).sum();
    let by_height = b.height() * SIZE_OF_HEIGHT;
    if ems > 0.0 && b.width() > 0.0 { by_height.min(b.width() / ems) } else { by_height }
}

/// Labels' estimated width: a Latin character is about half an em, a CJK
/// one a whole em.
fn label_width(words: &str) -> f32 {
    words.chars().map(|c| if crate::layout::is_cjk(c) { 1.0 } else { LATIN_ADVANCE_EM }).sum::<f32>() * LABEL_SIZE
}

/// What is drawn over the pages, from the plan and its records.
#[derive(Debug, Default)]
pub(super) struct Overlay {
    columns: Vec<ColumnBox>,
    rows: Vec<RowBand>,
    dropped: Vec<Dropped>,
    flags: Vec<(u32, Rect, String)>,
}

#[derive(Debug)]
struct ColumnBox {
    page: u32,
    role: Role,
    rect: Rect,
    /// How the page's columns were found ("rules", "whitespace", …).
    strategy: &'static str,
    /// Where the column's wrapped text may reach, and whether a ruling
    /// line says so.
    text_right: Option<(f32, bool)>,
}

#[derive(Debug)]
struct RowBand {
    page: u32,
    /// Left and right from the table's extent on the page, when known.
    x: Option<(f32, f32)>,
    y0: f32,
    y1: f32,
    item: u32,
    id: String,
    /// Section, table and item ("C.ii #3").
    short: String,
    section: &'static str,
    organisation: String,
    /// Alternate rows are tinted, so that neighbours stay apart.
    odd: bool,
}

#[derive(Debug)]
struct Dropped {
    page: u32,
    bbox: Option<Rect>,
    text: String,
    why: &'static str,
}

impl Overlay {
    pub(super) fn of(plan: &Plan, records: &[Record], flags: &[Flag]) -> Overlay {
        let mut o = Overlay::default();
        for tp in &plan.trace.table_pages {
            let Some(cols) = &tp.columns else { continue };
            let Some(bbox) = tp.bbox else { continue };
            for c in &cols.columns {
                let (x0, x1) = column_span(c.left, c.right, &bbox);
                o.columns.push(ColumnBox {
                    page: tp.page,
                    role: c.role,
                    rect: Rect { x0, x1, ..bbox },
                    strategy: strategy_name(cols.strategy),
                    text_right: c.text_right.filter(|x| x.is_finite()).map(|x| (x, c.ruled)),
                });
            }
        }
        let table_x = |table: usize, page: u32| {
            plan.trace.table_pages.iter().find(|t| t.table == table && t.page == page).and_then(|t| t.bbox)
        };
        let mut k = 0usize;
        for (ti, table) in plan.tables.iter().enumerate() {
            for row in &table.rows {
                let record = records.get(k);
                for &(page, y0, y1) in &row.bands {
                    let organisation = record.map_or("", |r| r.organisation.as_str());
                    let short = format!(
                        "{}.{} #{}",
                        table.section.letter(),
                        if table.spatial { "i" } else { "ii" },
                        row.item_no
                    );
                    o.rows.push(RowBand {
                        page,
                        x: table_x(ti, page).map(|b| (b.x0, b.x1)),
                        y0,
                        y1,
                        item: row.item_no,
                        id: record.map_or_else(String::new, |r| r.id.clone()),
                        short,
                        section: table.section.letter(),
                        organisation: organisation.to_owned(),
                        odd: k % 2 == 1,
                    });
                }
                k += 1;
            }
        }
        o.dropped = plan
            .trace
            .dropped
            .iter()
            .map(|d| Dropped { page: d.page, bbox: d.bbox, text: d.text.clone(), why: d.why })
            .collect();
        for f in flags {
            match &f.at {
                FlagAt::Area(r) => o.flags.push((f.page, *r, f.reason.clone())),
                FlagAt::Row { record, role } => {
                    let Some(ti_row) = row_of(plan, *record) else { continue };
                    let (ti, row) = ti_row;
                    for &(page, y0, y1) in row.bands.iter().filter(|b| b.0 == f.page) {
                        let Some(bbox) = table_x(ti, page) else { continue };
                        let (x0, x1) = role
                            .and_then(|r| {
                                let cols = plan.trace.table_pages.iter().find(|t| t.table == ti && t.page == page)?;
                                let c = cols.columns.as_ref()?.columns.iter().find(|c| c.role == r)?;
                                Some(column_span(c.left, c.right, &bbox))
                            })
                            .unwrap_or((bbox.x0, bbox.x1));
                        o.flags.push((page, Rect { x0, y0, x1, y1 }, f.reason.clone()));
                    }
                }
            }
        }
        o
    }
}

/// A column's left and right as drawn: its own edges where they are
/// finite (a page that took the previous page's columns may hold text in
/// only some of them), the table's extent on the page at its open ends.
fn column_span(left: f32, right: f32, table: &Rect) -> (f32, f32) {
    let x0 = if left.is_finite() { left } else { table.x0.min(if right.is_finite() { right } else { table.x0 }) };
    let x1 = if right.is_finite() { right } else { table.x1.max(x0) };
    (x0, x1.max(x0))
}

fn strategy_name(s: Strategy) -> &'static str {
    match s {
        Strategy::Rules => "rules",
        Strategy::HeaderRules => "header-rules",
        Strategy::Whitespace => "whitespace",
        Strategy::Previous => "previous",
        Strategy::Position => "position",
    }
}

/// The table index and row of the `index`th record.
fn row_of(plan: &Plan, index: usize) -> Option<(usize, &crate::segment::RawRow)> {
    plan.tables.iter().enumerate().flat_map(|(ti, t)| t.rows.iter().map(move |r| (ti, r))).nth(index)
}

/// One page as an SVG document.
pub(super) fn draw(sheet: &Sheet, overlay: &Overlay) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let (w, h) = (num(sheet.width), num(sheet.height));
    let family = if sheet.monospace {
        "'Noto Sans Mono CJK TC', 'Noto Sans Mono CJK SC', monospace"
    } else {
        "'Noto Sans CJK TC', 'Noto Sans CJK SC', 'Noto Sans', sans-serif"
    };
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" data-page="{}" font-family="{}">"#,
        sheet.number,
        attr(family)
    );
    let _ = writeln!(s, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);

    s.push_str("<g id=\"rules\" stroke=\"#000000\" stroke-width=\"0.5\" fill=\"none\">\n");
    for r in &sheet.rules {
        if [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
            let _ =
                writeln!(s, r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(r.x0), num(r.y0), num(r.x1), num(r.y1));
        }
    }
    s.push_str("</g>\n<g id=\"words\" fill=\"#000000\">\n");
    for t in &sheet.texts {
        let b = t.bbox;
        if !finite(&b) || b.height() <= 0.0 {
            continue;
        }
        let size = t.size.filter(|s| s.is_finite() && *s > 0.0).unwrap_or_else(|| font_size(&t.text, &b));
        let baseline = b.y1 - b.height() * DESCENT_OF_HEIGHT;
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}"{}</text>"#,
            num(b.x0),
            num(baseline),
            num(size),
            placed(t)
        );
    }
    s.push_str("</g>\n<g id=\"columns\">\n");
    for c in overlay.columns.iter().filter(|c| c.page == sheet.number) {
        let (role, r) = (c.role.name(), &c.rect);
        let colour = ROLE_COLOURS.iter().find(|x| x.0 == c.role).map_or("#888888", |x| x.1);
        // The wrap limit, dotted: solid where a ruling line fixes it.
        let limit = c.text_right.map_or_else(String::new, |(x, ruled)| {
            format!(
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{colour}" stroke-width="0.5"{}/>"#,
                num(r.y0),
                num(r.y1),
                if ruled { "" } else { r#" stroke-dasharray="0.8 1.6""# },
                x = num(x)
            )
        });
        let _ = writeln!(
            s,
            r#"<g class="column" data-role="{role}" data-strategy="{strategy}"><title>{role} column ({strategy})</title>{}{limit}{}</g>"#,
            rect(
                r,
                &format!(
                    r#"fill="{colour}" fill-opacity="{COLUMN_FILL_OPACITY}" stroke="{colour}" stroke-width="0.6""#
                )
            ),
            label(r.x0 + 1.0, (r.y0 - 1.0).max(LABEL_SIZE), "start", colour, role),
            strategy = c.strategy
        );
    }
    s.push_str("</g>\n<g id=\"rows\">\n");
    for b in overlay.rows.iter().filter(|b| b.page == sheet.number) {
        let (x0, x1) = b.x.unwrap_or((0.0, sheet.width));
        let r = Rect { x0, y0: b.y0, x1, y1: b.y1 };
        let fill_opacity = if b.odd { 0.07 } else { 0.0 };
        let full =
            if b.organisation.is_empty() { b.short.clone() } else { format!("{} · {}", b.short, b.organisation) };
        let _ = writeln!(
            s,
            r#"<g class="row" data-item="{}" data-id="{}" data-section="{}" data-organisation="{}"><title>{}</title>{}{}</g>"#,
            b.item,
            attr(&b.id),
            b.section,
            attr(&b.organisation),
            text(&format!("{full} · id {}", b.id)),
            rect(
                &r,
                &format!(
                    r#"fill="{ROW_COLOUR}" fill-opacity="{fill_opacity}" stroke="{ROW_COLOUR}" stroke-width="0.8""#
                )
            ),
            row_label(x0, x1, sheet.width, b.y0, &full, &b.short)
        );
    }
    s.push_str("</g>\n<g id=\"dropped\">\n");
    let mut placed_used = vec![false; sheet.placed_lines.len()];
    for d in overlay.dropped.iter().filter(|d| d.page == sheet.number) {
        // Flowing text has no boxes: find the line by its text.
        let bbox = d.bbox.or_else(|| {
            let i = sheet.placed_lines.iter().enumerate().position(|(i, (t, _))| !placed_used[i] && *t == d.text)?;
            placed_used[i] = true;
            Some(sheet.placed_lines[i].1)
        });
        let Some(r) = bbox else { continue };
        let _ = writeln!(
            s,
            r#"<g class="dropped" data-why="{}"><title>{}</title>{}{}</g>"#,
            attr(d.why),
            text(&format!("{}: {}", d.why, d.text)),
            rect(
                &r,
                &format!(
                    r#"fill="{DROPPED_COLOUR}" fill-opacity="0.15" stroke="{DROPPED_COLOUR}" stroke-width="0.6" stroke-dasharray="2 1.5""#
                )
            ),
            label(r.x1 + 1.0, r.y1, "start", DROPPED_COLOUR, d.why)
        );
    }
    s.push_str("</g>\n<g id=\"flagged\">\n");
    for (_, r, reason) in overlay.flags.iter().filter(|f| f.0 == sheet.number) {
        let _ = writeln!(
            s,
            r#"<g class="flagged"><title>{}</title>{}</g>"#,
            text(reason),
            rect(r, &format!(r#"fill="{FLAG_COLOUR}" fill-opacity="0.2" stroke="{FLAG_COLOUR}" stroke-width="1.2""#))
        );
    }
    s.push_str("</g>\n</svg>\n");
    s
}

/// The rest of a word's `<text>` element from its attributes on: each
/// glyph in a `<tspan>` at its own x where the glyphs' places are known
/// (librsvg ignores `textLength`, and the drawing font is not the PDF's),
/// else the word stretched to its box.
fn placed(t: &super::Text) -> String {
    let mut out = String::from(">");
    let mut cuts: Vec<(usize, f32)> =
        t.starts.iter().copied().filter(|(o, x)| *o < t.text.len() && x.is_finite()).collect();
    cuts.sort_by_key(|c| c.0);
    cuts.dedup_by_key(|c| c.0);
    let pieces: Option<Vec<(&str, f32)>> = cuts
        .iter()
        .enumerate()
        .map(|(i, &(from, x))| {
            let to = cuts.get(i + 1).map_or(t.text.len(), |c| c.0);
            Some((t.text.get(from..to)?, x))
        })
        .collect();
    match pieces {
        Some(pieces) if cuts.len() >= 2 && cuts[0].0 == 0 => {
            for (piece, x) in pieces {
                let _ = write!(out, r#"<tspan x="{}">{}</tspan>"#, num(x), text(piece));
            }
        }
        _ => {
            out.clear();
            if t.bbox.width() > 0.0 {
                let _ = write!(out, r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#, num(t.bbox.width()));
            }
            out.push('>');
            out.push_str(&text(&t.text));
        }
    }
    out
}

fn finite(r: &Rect) -> bool {
    [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite())
}

fn rect(r: &Rect, style: &str) -> String {
    if !finite(r) {
        return String::new();
    }
    format!(
        r#"<rect x="{}" y="{}" width="{}" height="{}" {style}/>"#,
        num(r.x0),
        num(r.y0),
        num(r.width().max(0.0)),
        num(r.height().max(0.0))
    )
}

/// A row's label goes beside the table, left where it fits, else right;
/// where neither margin holds the whole label (section, item and
/// organisation), the short one (section and item) goes there, and the
/// whole one stays in the row's tooltip.
fn row_label(x0: f32, x1: f32, page_width: f32, y0: f32, full: &str, short: &str) -> String {
    let y = y0 + LABEL_SIZE;
    let (left_room, right_room) = (x0 - 1.5, page_width - x1 - 1.5);
    for words in [full, short] {
        let width = label_width(words);
        if left_room >= width {
            return label(x0 - 1.5, y, "end", ROW_COLOUR, words);
        }
        if right_room >= width {
            return label(x1 + 1.5, y, "start", ROW_COLOUR, words);
        }
    }
    label(x1 - 1.0, y, "end", ROW_COLOUR, short)
}

/// A small label with a white halo, readable over words and tints.
fn label(x: f32, y: f32, anchor: &str, colour: &str, words: &str) -> String {
    if !(x.is_finite() && y.is_finite()) {
        return String::new();
    }
    format!(
        r##"<text x="{}" y="{}" font-size="{LABEL_SIZE}" text-anchor="{anchor}" fill="{colour}" stroke="#ffffff" stroke-width="1.2" stroke-opacity="0.85" paint-order="stroke">{}</text>"##,
        num(x),
        num(y),
        text(words)
    )
}

/// A coordinate to two decimals, without trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", if v.is_finite() { v } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// Character data: escaped, line breaks and tabs made spaces (an SVG
/// `<text>` is one line).
pub(super) fn text(s: &str) -> String {
    crate::output::xml_escape(&s.replace(['\t', '\n', '\r'], " "))
}

/// An attribute value (always written in double quotes).
fn attr(s: &str) -> String {
    text(s)
}
