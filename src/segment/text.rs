//! Rows from lines without geometry: a text extractor printed each row's
//! cells one after another (item no., category, name, bullets, date and
//! frequency), wrapping each cell over as many lines as it needed.

use super::join::{self, collapse};
use super::{RawRow, parse_number, patterns as pat};
use crate::Diagnostic;
use crate::layout::Line;

/// Where in a row the next line's text belongs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Name,
    Description,
    /// Date and frequency seen; more may follow after a page break.
    AfterDate,
}

#[derive(Debug)]
struct Building {
    row: RawRow,
    name: Vec<String>,
    bullets: Vec<Vec<String>>,
    phase: Phase,
}

impl Building {
    fn new(item_no: u32, page: u32) -> Self {
        Building {
            row: RawRow { item_no, pages: vec![page], ..RawRow::default() },
            name: Vec::new(),
            bullets: Vec::new(),
            phase: Phase::Name,
        }
    }

    fn touch(&mut self, page: u32) {
        if !self.row.pages.contains(&page) {
            self.row.pages.push(page);
        }
    }

    fn add_name(&mut self, text: &str) {
        let (text, marked) = super::without_marker(text);
        self.row.new_item |= marked;
        if !text.trim().is_empty() {
            self.name.push(text);
        }
    }

    fn add_bullet(&mut self, text: &str) {
        self.bullets.push(vec![text.to_owned()]);
        self.phase = Phase::Description;
    }

    fn add_to_description(&mut self, text: &str) {
        match self.bullets.last_mut() {
            Some(b) => b.push(text.to_owned()),
            // Text below the name with no bullet sign: a description with
            // a single unbulleted paragraph.
            None => self.bullets.push(vec![text.to_owned()]),
        }
    }

    fn finish(mut self) -> RawRow {
        self.row.name = join::join_text(self.name.iter().map(String::as_str));
        self.row.description = self
            .bullets
            .iter()
            .map(|b| join::join_text(b.iter().map(String::as_str)))
            .filter(|s| !s.is_empty())
            .collect();
        self.row.pages.sort_unstable();
        self.row
    }
}

/// Cuts a table body into rows.
pub(super) fn rows(body: &[&Line], diagnostics: &mut Vec<Diagnostic>) -> Vec<RawRow> {
    let mut rows = Vec::new();
    let mut current: Option<Building> = None;
    for &line in body {
        let text = line.text.trim();
        let expected = current.as_ref().map_or(1, |b| b.row.item_no + 1);
        if let Some((item_no, rest)) = row_start(text, expected) {
            if let Some(b) = current.take() {
                rows.push(b.finish());
            }
            let mut b = Building::new(item_no, line.page);
            first_line(&mut b, rest);
            current = Some(b);
            continue;
        }
        let Some(b) = current.as_mut() else {
            diagnostics
                .push(Diagnostic::new(Some(line.page), format!("text before the table's first row ignored: {text}")));
            continue;
        };
        b.touch(line.page);
        if let Some(c) = pat::BULLET.captures(text) {
            b.add_bullet(&c[1]);
        } else if b.phase != Phase::AfterDate && b.row.date_text.is_empty() && date_line(b, text) {
            b.phase = Phase::AfterDate;
        } else if b.phase == Phase::Name {
            let (name, bullet) = split_inline_bullet(text);
            b.add_name(name);
            if let Some(bullet) = bullet {
                b.add_bullet(bullet);
            }
        } else if b.phase == Phase::AfterDate && b.bullets.is_empty() {
            b.row.frequency_text = join::join_text([b.row.frequency_text.as_str(), text]);
        } else {
            b.add_to_description(text);
        }
    }
    if let Some(b) = current {
        rows.push(b.finish());
    }
    for r in &rows {
        if r.date_text.is_empty() {
            diagnostics
                .push(Diagnostic::new(r.pages.first().copied(), format!("item {}: no release date found", r.item_no)));
        }
    }
    rows
}

/// A row's first line: its number must be the next one, so that a wrapped
/// line that happens to start with a number ("2014 onwards") is not a row.
fn row_start(text: &str, expected: u32) -> Option<(u32, &str)> {
    let c = pat::ROW_START.captures(text)?;
    let n = parse_number(c.get(1)?.as_str())?;
    let rest = c.get(2).map_or("", |m| m.as_str());
    (n == expected && !pat::DATE_LINE.is_match(text)).then_some((n, rest))
}

/// The text after the item number: category and name, maybe the first bullet.
fn first_line(b: &mut Building, rest: &str) {
    let (head, bullet) = split_inline_bullet(rest);
    let (category, name) = split_category(head);
    b.row.category = category;
    b.add_name(&name);
    if let Some(bullet) = bullet {
        b.add_bullet(bullet);
    }
}

/// Splits a line at a bullet sign that follows other text on it.
fn split_inline_bullet(text: &str) -> (&str, Option<&str>) {
    match pat::INLINE_BULLET.find(text) {
        Some(m) => (&text[..m.start()], Some(&text[m.end()..])),
        None => (text, None),
    }
}

/// Splits "科技及廣播 智慧生活…" or "Recreation and Culture Hiking trails".
/// An English category is one of DATA.GOV.HK's; otherwise the category is
/// the first word, since Chinese categories hold no spaces.
fn split_category(head: &str) -> (String, String) {
    let head = collapse(head);
    let lower = head.to_lowercase();
    let known = pat::CATEGORIES_EN
        .iter()
        .map(|cat| cat.to_lowercase())
        .filter(|c| lower.starts_with(c.as_str()) && lower[c.len()..].chars().next().is_none_or(|ch| ch == ' '))
        .max_by_key(String::len);
    // Lower-casing these ASCII names keeps byte lengths, so the cut is safe.
    if let Some(c) = known.filter(|c| head.is_char_boundary(c.len())) {
        return (head[..c.len()].to_owned(), head[c.len()..].trim().to_owned());
    }
    match head.split_once(' ') {
        Some((cat, name)) => (cat.to_owned(), name.to_owned()),
        None => (head, String::new()),
    }
}

/// Reads a "03/2024 每季" line into the row; false when it is not one.
fn date_line(b: &mut Building, text: &str) -> bool {
    let Some(c) = pat::DATE_THEN_FREQUENCY.captures(text) else { return false };
    let frequency = c.get(2).map_or("", |m| m.as_str());
    // A bare year is a date only when little follows it; "2019 Novel
    // Coronavirus …" is a wrapped name.
    // A frequency cell starts with a capital or a CJK character.
    let starts_like_frequency = frequency.chars().next().is_none_or(|ch| ch.is_uppercase() || join::is_cjk(ch));
    if c[1].chars().all(|ch| ch.is_ascii_digit())
        && (frequency.chars().count() > 24 || frequency.chars().any(|ch| ch.is_ascii_digit()) || !starts_like_frequency)
    {
        return false;
    }
    b.row.date_text = collapse(&c[1]);
    b.row.frequency_text = c.get(2).map_or(String::new(), |m| collapse(m.as_str()));
    true
}
