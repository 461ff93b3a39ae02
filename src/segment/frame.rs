//! The plan's frame, from the text of its lines: the title block above the
//! first section (publisher, period), the closing signature at the end of
//! the body (publisher, publication date), and the section, organisation
//! and table headings that hand each table its lines.

use super::{Section, Table, join, parse_number, patterns as pat};
use crate::Diagnostic;
use crate::layout::Line;

/// A table's lines as the frame found them, for the table finder.
#[derive(Debug)]
pub(super) struct TableLines<'a> {
    pub(super) table: Table,
    /// Every line from the table's heading to the next heading.
    pub(super) lines: Vec<&'a Line>,
}

/// A plan date on a line of its own among `lines` ("December 2024",
/// "2024年12月"): on a cover, or in a running footer.
pub(super) fn plan_date_in(lines: &[&Line]) -> Option<String> {
    lines.iter().find_map(|l| {
        let text = join::collapse(&l.text);
        let m = pat::PLAN_DATE.find(&text)?;
        Some(m.as_str().to_owned())
    })
}

/// The section a line opens, if it is a heading of the section after `current`.
pub(super) fn section_heading(line: &Line, current: Option<Section>) -> Option<Section> {
    let caps = pat::SECTION.captures(&line.text)?;
    let letter = caps.get(1)?.as_str().chars().next()?;
    let section = Section::from_letter(letter)?;
    // A heading comes in order; anything else is a row's text that happens
    // to begin with a capital and a full stop.
    match current {
        None => (section == Section::A
            || caps.get(2).is_some_and(|t| pat::TITLE.is_match(t.as_str()) || looks_like_heading(t.as_str())))
        .then_some(section),
        Some(cur) => (section > cur).then_some(section),
    }
}

fn looks_like_heading(rest: &str) -> bool {
    rest.contains("數據集") || rest.contains("数据集") || rest.to_lowercase().contains("dataset")
}

/// Publisher and period from the lines above the first section.
pub(super) fn title_block(lines: &[&Line]) -> (Option<String>, Option<String>) {
    let is_title = |l: &Line| pat::PERIOD.is_match(&l.text) || pat::TITLE.is_match(&l.text);
    let first = lines.iter().position(|l| is_title(l));
    // A running line holding the title ("Publisher — Open Data Plan …")
    // above the title block, on a page where furniture cannot be told by
    // repetition (a plan of one page): the title block starts after it.
    let running = first.filter(|&f| {
        let later = lines.iter().skip(f + 1).position(|l| is_title(l)).map(|i| f + 1 + i);
        later.is_some_and(|i| i > f + 1 && squash(&lines[f].text).contains(&squash(&lines[i].text)))
    });
    let lines = match running {
        Some(f) => &lines[f + 1..],
        None => lines,
    };
    let title_at = lines.iter().position(|l| is_title(l));
    let period = lines
        .iter()
        .skip(title_at.unwrap_or(0))
        .take(3)
        .find_map(|l| pat::PERIOD.captures(&l.text))
        .map(|c| format!("{}-{}", &c[1], &c[2]));
    // A publisher printed twice (a running line above the title, then the
    // title block's own) is one name.
    let mut publisher_lines: Vec<&str> = Vec::new();
    for l in &lines[..title_at.unwrap_or(0)] {
        let seen = publisher_lines.iter().any(|p| squash(p) == squash(&l.text));
        if !seen && !pat::PAGE_NUMBER.is_match(&l.text) {
            publisher_lines.push(&l.text);
        }
    }
    let publisher = join::join_text(publisher_lines.iter().copied());
    ((!publisher.is_empty()).then_some(publisher), period)
}

/// Finds the closing lines (publisher, then the publication date) at the
/// end of the body: returns where they start, the publisher they name and
/// the date text.
pub(super) fn closing_block(lines: &[&Line], publisher: Option<&str>) -> (usize, Option<String>, Option<String>) {
    let Some(last) = lines.len().checked_sub(1) else {
        return (0, None, None);
    };
    if !pat::DATE_LINE.is_match(&lines[last].text)
        || pat::DATE_THEN_FREQUENCY.captures(&lines[last].text).is_some_and(|c| c.get(2).is_some())
    {
        return (lines.len(), None, None);
    }
    let date = join::collapse(&lines[last].text);
    // A bare year is a date too, but not a plan's publication date.
    if date.chars().all(|c| c.is_ascii_digit()) {
        return (lines.len(), None, None);
    }
    // The date printed twice (the signature's, then a running footer's on a
    // page where repetition cannot tell furniture) is one.
    let mut start = last;
    while start > 0 && squash(&lines[start - 1].text) == squash(&date) {
        start -= 1;
    }
    let last = start;
    let mut closing_publisher = None;
    if let Some(prev) = last.checked_sub(1) {
        let text = join::collapse(&lines[prev].text);
        let same = publisher.is_some_and(|p| squash(p) == squash(&text));
        let plain = !pat::BULLET.is_match(&text) && !pat::ROW_START.is_match(&text) && !text.ends_with(['。', '.']);
        if same || (publisher.is_none() && plain) {
            start = prev;
            closing_publisher = Some(text);
        }
    }
    (start, closing_publisher, Some(date))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Walks the body's headings, handing each table its lines.
pub(super) fn frame<'a>(body: &[&'a Line], diagnostics: &mut Vec<Diagnostic>) -> Vec<TableLines<'a>> {
    let mut tables: Vec<TableLines<'a>> = Vec::new();
    let mut section: Option<Section> = None;
    let mut organisation: Option<String> = None;
    let mut org_no = 0u32;
    // After a section or organisation heading and before the next table
    // heading: wrapped heading text, not any table's content.
    let mut between_tables = false;
    for &line in body {
        if let Some(s) = section_heading(line, section) {
            section = Some(s);
            organisation = None;
            org_no = 0;
            between_tables = true;
            continue;
        }
        let Some(sec) = section else { continue };
        if sec == Section::C {
            if let Some(c) = pat::ORGANISATION.captures(&line.text) {
                if parse_number(&c[1]) == Some(org_no + 1) && !pat::TABLE.is_match(&c[2]) {
                    org_no += 1;
                    organisation = Some(join::collapse(&c[2]));
                    between_tables = true;
                    continue;
                }
            }
        }
        if let Some(c) = pat::TABLE.captures(&line.text) {
            let numeral = c[1].to_ascii_lowercase();
            let opens_next = match tables.last() {
                Some(t) if t.table.section == sec && t.table.organisation == organisation => numeral != "i",
                _ => true,
            };
            if opens_next && (numeral == "i" || numeral == "ii") {
                let spatial = numeral == "i" && !pat::NON_SPATIAL.is_match(&c[2]);
                tables.push(TableLines {
                    table: Table { section: sec, organisation: organisation.clone(), spatial, rows: Vec::new() },
                    lines: Vec::new(),
                });
                between_tables = false;
                continue;
            }
        }
        if between_tables {
            continue;
        }
        let Some(t) = tables.last_mut() else {
            diagnostics.push(Diagnostic::new(
                Some(line.page),
                format!("text before the first table ignored: {}", line.text.trim()),
            ));
            continue;
        };
        t.lines.push(line);
    }
    tables
}

/// Removes the [新項目] / [New Item] marker from a name, wherever it sits,
/// leaving a space in its place only between two non-CJK characters.
pub(super) fn without_marker(name: &str) -> (String, bool) {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    let mut found = false;
    while let Some(m) = pat::NEW_ITEM.find(rest) {
        found = true;
        let before = rest[..m.start()].trim_end();
        rest = rest[m.end()..].trim_start();
        out.push_str(before);
        let cjk_side = before.chars().last().is_none_or(join::is_cjk) || rest.chars().next().is_none_or(join::is_cjk);
        if !cjk_side {
            out.push(' ');
        }
    }
    out.push_str(rest);
    (join::collapse(&out), found)
}
