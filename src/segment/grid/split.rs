//! A table line's words cut into its cells: each word to the column it
//! starts in, words that run across a column edge cut there, and bullet
//! signs hanging at a column's end moved to the text they belong to.

use std::collections::BTreeMap;

use super::super::columns::Columns;
use super::super::header::Role;
use super::super::join::is_cjk;
use super::super::patterns as pat;
use super::CellLine;
use crate::layout::{Line, Word};

/// A line's words grouped by column, each group's text joined.
pub(super) fn split(line: &Line, cols: &Columns, block: usize) -> BTreeMap<Role, CellLine> {
    let pieces: Vec<Word> =
        line.words.iter().flat_map(|w| cut_at_columns(w, cols)).flat_map(|w| bullet_apart(&w)).collect();
    let mut groups: BTreeMap<usize, Vec<&Word>> = BTreeMap::new();
    for w in &pieces {
        if let Some(i) = cols.index_of(w.bbox.x0) {
            groups.entry(i).or_default().push(w);
        }
    }
    hang_bullets(&mut groups);
    groups
        .into_iter()
        .filter_map(|(i, mut words)| {
            let col = cols.columns.get(i)?;
            words.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            let mut text = String::new();
            let mut prev: Option<&Word> = None;
            for w in &words {
                if let Some(p) = prev {
                    let gap = w.bbox.x0 - p.bbox.x1;
                    let left = p.text.chars().last().is_some_and(is_cjk);
                    let right = w.text.chars().next().is_some_and(is_cjk);
                    let em = p.bbox.height().max(w.bbox.height()).max(1.0);
                    // Between CJK characters a gap is layout, not a space; beside
                    // one, office suites add a fifth of an em, while a space glyph is a
                    // quarter em or more.
                    let space = match (left, right) {
                        (true, true) => gap >= em,
                        (true, false) | (false, true) => gap > 0.22 * em,
                        (false, false) => true,
                    };
                    if space {
                        text.push(' ');
                    }
                }
                text.push_str(&w.text);
                prev = Some(w);
            }
            let measure = |w: Option<&&Word>| w.map_or((0.0, 0), |w| (w.bbox.width(), w.text.chars().count()));
            let x0 = words.iter().map(|w| w.bbox.x0).fold(f32::INFINITY, f32::min);
            let x1 = words.iter().map(|w| w.bbox.x1).fold(f32::NEG_INFINITY, f32::max);
            let (first, last) = (measure(words.first()), measure(words.last()));
            let first_glyph = words.first().map_or(0.0, |w| glyph_width(w));
            let edge = (col.right.is_finite() && col.left.is_finite()).then(|| col.right - (x0 - col.left).max(0.0));
            Some((
                col.role,
                CellLine {
                    text,
                    x0,
                    x1,
                    first,
                    first_glyph,
                    last,
                    exact: col.ruled,
                    limit: col.text_right,
                    block,
                    edge,
                    y0: line.bbox.map_or(0.0, |b| b.y0),
                    y1: line.bbox.map_or(0.0, |b| b.y1),
                },
            ))
        })
        .collect()
}

/// Glyphs that only ever stand for a bullet (not a dash or a middle dot,
/// which words and names hold).
const BULLET_GLYPHS: &[char] =
    &['•', '●', '▪', '■', '◆', '◦', '∙', '○', '➢', '►', '\u{F0B7}', '\u{F06C}', '\u{F0A7}', '\u{F0D8}'];

/// A word ending in a bullet glyph set close against it ("centres•", the
/// bullet hanging at the next column's edge) as the word and the bullet.
fn bullet_apart(word: &Word) -> Vec<Word> {
    let split = word.text.char_indices().next_back().filter(|&(i, c)| i > 0 && BULLET_GLYPHS.contains(&c));
    let at = split.and_then(|(i, _)| word.starts.iter().find(|s| s.0 == i).map(|&(_, x)| (i, x)));
    match at {
        Some((i, x)) => vec![piece(word, 0, i, word.bbox.x0, x), piece(word, i, word.text.len(), x, word.bbox.x1)],
        None => vec![word.clone()],
    }
}

/// A bullet sign ending a line's text in one column, with text in the
/// next column on the line, hangs before that text: cells never end with
/// a bullet, and list bullets are set out to the left of their items,
/// sometimes as far as the column edge.
fn hang_bullets(groups: &mut BTreeMap<usize, Vec<&Word>>) {
    let keys: Vec<usize> = groups.keys().copied().collect();
    for i in keys {
        if !groups.contains_key(&(i + 1)) {
            continue;
        }
        let Some(words) = groups.get_mut(&i) else { continue };
        let Some(last) = words.iter().enumerate().max_by(|a, b| a.1.bbox.x0.total_cmp(&b.1.bbox.x0)).map(|(j, _)| j)
        else {
            continue;
        };
        if words[last].text.chars().count() == 1 && words[last].text.starts_with(BULLET_GLYPHS) {
            let bullet = words.remove(last);
            if words.is_empty() {
                groups.remove(&i);
            }
            groups.entry(i + 1).or_default().push(bullet);
        }
    }
}

/// Cuts a word whose glyphs run across a column edge (a cell's text set
/// flush against the next cell's, so that no gap parted them) into one
/// piece per column, at the glyph that crosses.
fn cut_at_columns(word: &Word, cols: &Columns) -> Vec<Word> {
    let column = |x: f32| cols.index_of(x);
    if word.starts.len() < 2 || column(word.bbox.x0) == column(word.bbox.x1 - 0.01) {
        return vec![word.clone()];
    }
    let mut out: Vec<Word> = Vec::new();
    let mut from = 0usize;
    let mut from_x = word.bbox.x0;
    let mut current = column(word.bbox.x0);
    for &(offset, x) in &word.starts[1..] {
        let here = column(x);
        if here != current && offset > from && offset <= word.text.len() && flush_boundary(&word.text, offset) {
            out.push(piece(word, from, offset, from_x, x));
            from = offset;
            from_x = x;
            current = here;
        }
    }
    out.push(piece(word, from, word.text.len(), from_x, word.bbox.x1));
    out
}

/// Whether two cells' texts can meet with no gap at `offset`: beside CJK
/// text (set without spaces), where a bullet sign or a number starts, or
/// where a capital follows a small letter (cells padded by half a point
/// leave less than the layout's word gap between "Environ" and "Gazetted").
/// A Latin word that reaches over a column edge elsewhere is one word.
pub(in crate::segment) fn flush_boundary(text: &str, offset: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..offset), text.get(offset..)) else { return false };
    let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else { return false };
    is_cjk(b)
        || is_cjk(a)
        || a.is_ascii_digit()
        || (b.is_lowercase() && a.is_uppercase())
        || (!a.is_alphanumeric() && pat::BULLET.is_match(a.encode_utf8(&mut [0u8; 4])))
}

pub(in crate::segment) fn piece(word: &Word, from: usize, to: usize, x0: f32, x1: f32) -> Word {
    let text = word.text.get(from..to).unwrap_or_default().to_owned();
    let starts = word.starts.iter().filter(|s| s.0 >= from && s.0 < to).map(|&(o, x)| (o - from, x)).collect();
    Word { text, bbox: crate::pdf::Rect { x0, x1, ..word.bbox }, starts }
}

/// The width of a word's first glyph, from the glyph positions when known,
/// else the word's mean character width.
fn glyph_width(w: &Word) -> f32 {
    match w.starts.get(1) {
        Some(&(_, x)) => x - w.bbox.x0,
        None => w.bbox.width() / w.text.chars().count().max(1) as f32,
    }
}
