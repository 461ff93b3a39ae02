//! Rows from lines with geometry: each table page's lines cut by its
//! columns (see `columns`), rows from the item number in the item column,
//! cells from the column each word falls in, broken words rejoined.

use std::collections::BTreeMap;

use super::columns::Columns;
use super::header::Role;
use super::join::{self, Piece, is_cjk};
use super::vocab::Vocabulary;
use super::{RawRow, parse_number, patterns as pat};
use crate::Diagnostic;
use crate::layout::Line;
use split::split;
pub(super) use split::{flush_boundary, piece};

/// A table's body lines on one page, and the columns they are cut by.
#[derive(Debug, Clone)]
pub struct CutPage<'a> {
    pub body: Vec<&'a Line>,
    pub columns: Columns,
    /// The heights of horizontal rules across the table, top to bottom,
    /// where it draws them between rows; empty otherwise.
    pub row_rules: Vec<f32>,
}

/// How many of `rules` lie above the middle of the line.
fn band_of(line: &Line, rules: &[f32]) -> usize {
    let Some(b) = line.bbox else { return 0 };
    let mid = (b.y0 + b.y1) / 2.0;
    rules.iter().filter(|&&y| y < mid).count()
}

/// One line's words in one column.
#[derive(Debug, Clone)]
struct CellLine {
    text: String,
    x0: f32,
    x1: f32,
    /// Widths and lengths of the first and last words, for telling a word
    /// broken by the cell edge from an ordinary wrap.
    first: (f32, usize),
    /// The width of the line's first glyph.
    first_glyph: f32,
    last: (f32, usize),
    /// Whether `limit` is a ruling line's, exact.
    exact: bool,
    /// The column's `text_right` on this line's page.
    limit: Option<f32>,
    /// The table page (index) whose columns the line was cut by.
    block: usize,
    /// Without rules: the column's right edge less the padding its text
    /// keeps from the left edge.
    edge: Option<f32>,
    /// The line's top and bottom.
    y0: f32,
    y1: f32,
}

#[derive(Debug, Default)]
struct Building {
    item_no: u32,
    pages: Vec<u32>,
    bands: Vec<(u32, f32, f32)>,
    cells: BTreeMap<Role, Vec<CellLine>>,
    /// The table page and the middle height of the line holding the row's
    /// number, on pages without rules between rows.
    number: Option<(usize, f32)>,
}

/// A table's rows with each cell still as its lines, and where each
/// column wraps: what `rows` joins, once the plan's vocabulary is known.
#[derive(Debug)]
pub(super) struct Cells {
    rows: Vec<Building>,
    wrap: Wrap,
    /// Row 1 had lines above its number: cells are centred vertically.
    centred: bool,
    /// Table pages the rows were cut from.
    blocks: usize,
}

impl Cells {
    /// Whether row 1 showed its cells centred vertically about its number.
    pub(super) fn centred(&self) -> bool {
        self.centred
    }

    /// Shares each column's lines between neighbouring rows so that each
    /// cell is centred on its number, where this table or another of the
    /// plan (`plan_centred`: one style for every table) showed centring.
    pub(super) fn centre(&mut self, plan_centred: bool) {
        if self.centred || plan_centred {
            // Rows have a number's place only on pages without row rules.
            for block in 0..self.blocks {
                centred::recentre(&mut self.rows, block);
            }
        }
    }

    /// Adds the words of every cell to the plan's vocabulary.
    pub(super) fn words_into(&self, vocab: &mut Vocabulary) {
        for lines in self.rows.iter().flat_map(|b| b.cells.values()) {
            vocab.add_cell(lines.iter().map(|l| l.text.as_str()));
        }
    }
}

/// Joins each row's cells, words broken at a cell edge rejoined.
pub(super) fn rows(cells: Cells, vocab: &Vocabulary) -> Vec<RawRow> {
    let Cells { rows, wrap, .. } = cells;
    rows.into_iter().map(|b| finish(b, &wrap, vocab)).collect()
}

/// Cuts a table body into rows of cells using per-page columns.
pub(super) fn cells(pages: &[CutPage<'_>], diagnostics: &mut Vec<Diagnostic>) -> Cells {
    let mut rows = Vec::new();
    let mut current: Option<Building> = None;
    // Lines after the header and before row 1's number (on the same page
    // or, where the header ends a page, the next): row 1's cells, centred
    // vertically about its number.
    let mut early: Vec<(&Line, BTreeMap<Role, CellLine>)> = Vec::new();
    // Whether cells are centred vertically about their row's number: row 1
    // had lines above its number.
    let mut centred = false;
    for (block, page) in pages.iter().enumerate() {
        let split_lines: Vec<BTreeMap<Role, CellLine>> =
            page.body.iter().map(|line| split(line, &page.columns, block)).collect();
        let item_of = |cells: &BTreeMap<Role, CellLine>| cells.get(&Role::Item).and_then(|c| item_number(&c.text));
        let mut bands: Vec<usize> = page.body.iter().map(|l| band_of(l, &page.row_rules)).collect();
        // Bands holding two item numbers are not rows: cut by the numbers.
        let mut numbered: BTreeMap<usize, usize> = BTreeMap::new();
        for (band, cells) in bands.iter().zip(&split_lines) {
            if item_of(cells).is_some() {
                *numbered.entry(*band).or_default() += 1;
            }
        }
        let banded = !page.row_rules.is_empty() && numbered.values().all(|&n| n <= 1);
        if !banded {
            bands.iter_mut().for_each(|b| *b = 0);
        }
        for (i, (&line, cells)) in page.body.iter().zip(split_lines.iter().cloned()).enumerate() {
            let expected = current.as_ref().map_or(1, |b| b.item_no + 1);
            // Between horizontal rules, a row's cells may sit above its
            // item number (cells centred vertically): the row starts with
            // the band that holds the number.
            let band_opens = banded && (i == 0 || bands[i - 1] != bands[i]);
            let in_band = |j: usize| bands.get(j) == Some(&bands[i]);
            let starts = if band_opens {
                (i..page.body.len()).take_while(|&j| in_band(j)).any(|j| item_of(&split_lines[j]) == Some(expected))
            } else if banded {
                false
            } else {
                item_of(&cells) == Some(expected)
            };
            if starts {
                if let Some(b) = current.take() {
                    rows.push(b);
                }
                let number = line.bbox.filter(|_| !banded).map(|r| (block, (r.y0 + r.y1) / 2.0));
                let mut b = Building { item_no: expected, number, ..Building::default() };
                if expected == 1 {
                    centred = !early.is_empty();
                    for (l, c) in early.drain(..) {
                        add_line(&mut b, l, c, false);
                    }
                }
                current = Some(b);
            }
            let Some(b) = current.as_mut() else {
                early.push((line, cells));
                continue;
            };
            add_line(b, line, cells, starts);
        }
    }
    for (line, _) in early {
        diagnostics.push(Diagnostic::new(
            Some(line.page),
            format!("text before the table's first row ignored: {}", line.text.trim()),
        ));
    }
    if let Some(b) = current {
        rows.push(b);
    }
    let mut widest: BTreeMap<(Role, usize), f32> = BTreeMap::new();
    for (role, l) in rows.iter().flat_map(|b| b.cells.iter().flat_map(|(r, ls)| ls.iter().map(move |l| (*r, l)))) {
        let w = widest.entry((role, l.block)).or_insert(l.x1);
        *w = w.max(l.x1);
    }
    Cells { rows, wrap: Wrap { widest }, centred, blocks: pages.len() }
}

/// Adds a line's cells to a row; `starts` when the line holds the row's
/// number, which is no cell text.
fn add_line(b: &mut Building, line: &Line, cells: BTreeMap<Role, CellLine>, starts: bool) {
    if !b.pages.contains(&line.page) {
        b.pages.push(line.page);
    }
    if let Some(r) = line.bbox {
        match b.bands.iter_mut().find(|band| band.0 == line.page) {
            Some(band) => (band.1, band.2) = (band.1.min(r.y0), band.2.max(r.y1)),
            None => b.bands.push((line.page, r.y0, r.y1)),
        }
    }
    for (role, cell) in cells {
        if !(starts && role == Role::Item) {
            b.cells.entry(role).or_default().push(cell);
        }
    }
}

fn item_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['.', '．']);
    (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && t.chars().count() <= 3)
        .then(|| parse_number(t))
        .flatten()
}

/// A line counts as full when the room left at its end is less than this
/// many times the next line's first glyph: 1 would be exact, with a margin
/// for the rounding of producers' positions and of the estimated edge.
const FULL_LINE_SLACK: f32 = 1.15;

/// Short words that stand alone: a line ending where one of these begins
/// wrapped between words, whatever the geometry says.
const STANDALONE: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per", "the", "to", "under",
    "via", "with",
];

/// Whether a word is one of [`STANDALONE`].
fn is_standalone(w: &str) -> bool {
    STANDALONE.contains(&w.trim_end_matches([',', '.', ';', ':']).to_lowercase().as_str())
}

/// "Informati" / "on": "-tion" and "-sion" end so many English words, and
/// no word ends in "-ti" or "-si" before "on", that "on" after them is the
/// rest of the word, not the word "on".
fn tion_split(head: &str, tail: &str) -> bool {
    let head = head.to_lowercase();
    tail.trim_end_matches([',', '.', ';', ':']) == "on"
        && (head.ends_with("ti") || head.ends_with("si"))
        && head.len() > 3
}

/// Joins a column's lines, gluing a line to the next where the cell edge
/// broke a word: the line is full, and the word its end and the next
/// line's start make is wider than the cell, so no wrap at a space could
/// have kept it whole.
fn joined(
    role: Role,
    lines: &[CellLine],
    wrap: &Wrap,
    vocab: &Vocabulary,
    unsettled: &mut Vec<(String, String)>,
) -> Vec<(String, bool)> {
    let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    let mut fills = vec![false; lines.len()];
    // The Latin word each line starts, run on into the lines after it
    // where they continue it: breaks are judged from the last one back, so
    // a word broken twice ("public" / "market" / "s") is whole ("markets")
    // when the break before it is judged.
    let mut word_from: Vec<String> = lines.iter().map(|l| first_word(&l.text).to_owned()).collect();
    for i in (0..lines.len().saturating_sub(1)).rev() {
        let limit = wrap.limit(role, &lines[i]);
        let b = judge_break(&lines[i], &lines[i + 1], &word_from[i + 1], left, limit, vocab);
        fills[i] = b.joins;
        if let Some(pieces) = b.unsettled {
            unsettled.push(pieces);
        }
        // Names are where narrow columns wrap words at spaces that look
        // like breaks inside one (see `long_join`).
        if let Some(pieces) = b.unknown.filter(|(h, t)| role == Role::Name && long_join(h, t)) {
            unsettled.push(pieces);
        }
        if fills[i] && lines[i].text.split_whitespace().nth(1).is_none() {
            word_from[i] = format!("{}{}", word_from[i], word_from[i + 1]);
        }
    }
    lines.iter().zip(fills).map(|(l, f)| (l.text.clone(), f)).collect()
}

/// The Latin word a line starts with.
fn first_word(text: &str) -> &str {
    latin_head(text.split_whitespace().next().unwrap_or(""))
}

/// Where each column's text wraps.
#[derive(Debug)]
struct Wrap {
    /// Without ruling lines, the widest line of a column on a table page
    /// stands for the width its text wraps at.
    widest: BTreeMap<(Role, usize), f32>,
}

impl Wrap {
    fn limit(&self, role: Role, l: &CellLine) -> f32 {
        let widest = self.widest.get(&(role, l.block)).copied().unwrap_or(l.x1);
        l.limit.unwrap_or_else(|| l.edge.map_or(widest, |e| e.max(widest)))
    }
}

/// Whether the cell edge broke a word between two lines, and whether
/// that was a guess.
#[derive(Debug, Default)]
struct Break {
    joins: bool,
    /// The two pieces, where neither the page nor the plan's words settle
    /// the break: the line is full and the word the pieces would make too
    /// wide for the cell, so the edge may have broken it, yet the plan has
    /// neither the joined word nor both pieces, and one piece is a word of
    /// its own, so it may as well be two words ("Annual" / "performance",
    /// where every "performance" breaks). The row is flagged whichever
    /// way it was read.
    unsettled: Option<(String, String)>,
    /// The two pieces, where the geometry alone joined them: the plan has
    /// neither piece whole, nor a longer word either piece begins or ends.
    unknown: Option<(String, String)>,
}

/// Whether the cell edge broke a word between `line` and `next`;
/// `next_word` is the word `next` starts, run on into later lines.
#[cfg(test)]
fn broke_word(line: &CellLine, next: &CellLine, next_word: &str, left: f32, limit: f32, vocab: &Vocabulary) -> bool {
    judge_break(line, next, next_word, left, limit, vocab).joins
}

/// See [`Break`]; `next_word` is the word `next` starts, run on into
/// later lines.
fn judge_break(line: &CellLine, next: &CellLine, next_word: &str, left: f32, limit: f32, vocab: &Vocabulary) -> Break {
    let settled = |joins: bool| Break { joins, unsettled: None, unknown: None };
    let (Some(end), Some(start)) = (line.text.chars().last(), next.text.chars().next()) else { return settled(false) };
    // A word ("Infrastruct" + "ure") or a number or date ("02/" + "2023")
    // broken by the cell edge.
    // In CJK running text, where lines break anywhere, a Latin word such
    // as "CSV" breaks before a capital too.
    let in_cjk_text = line.text.chars().any(is_cjk) && start.is_alphabetic() && !is_cjk(start);
    let in_word = end.is_alphabetic() && !is_cjk(end) && (start.is_lowercase() || in_cjk_text);
    // A number is digits and separators throughout ("Q4" + "2024" is a
    // quarter and a year).
    let number_piece = line
        .text
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ',' | '-' | ':')));
    let in_number = (end.is_ascii_digit() || end == '/') && start.is_ascii_digit() && number_piece;
    if !(in_word || in_number) {
        return settled(false);
    }
    // The Latin words the break falls between (in CJK text, the Latin
    // run at the end of one line and at the start of the next).
    let last_word = latin_tail(line.text.split_whitespace().next_back().unwrap_or(""));
    let (run_on, next_word) = (next_word, first_word(&next.text));
    // The word the two pieces make would not fit in the cell: only such a
    // word is broken by producers that wrap at spaces.
    let too_wide = line.last.0 + next.first.0 > limit - left;
    // Where the plan's own words tell, they decide, so long as the next
    // word would not have fitted on the line after a space (else the line
    // ended on purpose) and the joined word is one the cell had to break.
    if in_word {
        if let Some(one) = vocab.one_word(last_word, run_on) {
            // Producers that split a long word to fill the line ("As and
            // when n" / "ecessary") break words that would fit a line of
            // their own: where neither piece is a word of the plan's, the
            // joined word need not be too wide.
            let pieces_unknown = !vocab.has(last_word) && !vocab.has(run_on);
            return settled(
                one && limit - line.x1 < next.first.0 * FULL_LINE_SLACK && (too_wide || in_cjk_text || pieces_unknown),
            );
        }
    }
    // Where the cell's edge is only estimated (no ruling line), a word
    // counts as broken only alone on its line, which is where renderers
    // that wrap between words break one that does not fit; an estimate
    // is too rough to tell a full line from a ragged one.
    // CJK text fills its lines to the edge whatever the words, so there
    // the estimate is good enough.
    if !line.exact && !in_cjk_text && line.text.split_whitespace().nth(1).is_some() {
        return settled(false);
    }
    // "DATA.GOV.HK" + "datasets": capitals do not continue in lower case
    // within a word.
    let letters: Vec<char> = last_word.chars().filter(|c| c.is_alphabetic()).collect();
    if start.is_lowercase() && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return settled(false);
    }
    if (is_standalone(next_word) || is_standalone(last_word)) && !tion_split(last_word, next_word) {
        return settled(false);
    }
    // English words longer than this are vanishingly rare: two words that
    // would make one are two words.
    if letters.len() + next_word.chars().filter(|c| c.is_alphabetic()).count() > 18 {
        return settled(false);
    }
    // The line is full when not even the next line's first letter would
    // have fitted after it.
    let full = limit - line.x1 < next.first_glyph * FULL_LINE_SLACK;
    // CJK text breaks a Latin word anywhere, however narrow the word.
    let joins = full && (too_wide || in_cjk_text);
    // "-ti" / "on" was taken for a word (a short word that stands alone,
    // "and", "of", returned above): no guess. A piece of a letter or two
    // that is no word of the plan's ("ly", "s") is half of a word: no
    // guess either.
    let fragment = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() <= 2 && !vocab.has(w);
    let guess = in_word
        && full
        && too_wide
        && !tion_split(last_word, next_word)
        && !(fragment(last_word) || fragment(run_on))
        && (vocab.has(last_word) || vocab.has(run_on));
    // A piece that begins or ends a longer word of the plan's ("construc"
    // of "construction", "tion" of "information") is a piece of a word.
    let unknown = in_word
        && joins
        && !in_cjk_text
        && !guess
        && !vocab.starts_longer_word(last_word)
        && !vocab.ends_longer_word(run_on);
    let pieces = || (last_word.to_owned(), run_on.to_owned());
    Break { joins, unsettled: guess.then(pieces), unknown: unknown.then(pieces) }
}

/// A word joined at a break this long or longer (letters) is as likely two
/// words wrapped at a space ("Monthly" / "statistics") as one broken…
const LONG_JOIN_MIN_LETTERS: usize = 12;
/// …when each piece is this long or longer (letters): a shorter piece is
/// more often a syllable ("ions", "ment") than a word.
const LONG_JOIN_PIECE_MIN_LETTERS: usize = 4;

fn long_join(head: &str, tail: &str) -> bool {
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let (h, t) = (letters(head), letters(tail));
    h >= LONG_JOIN_PIECE_MIN_LETTERS && t >= LONG_JOIN_PIECE_MIN_LETTERS && h + t >= LONG_JOIN_MIN_LETTERS
}

/// The end of a word after its last CJK character.
fn latin_tail(word: &str) -> &str {
    word.rfind(is_cjk).map_or(word, |i| &word[i + word[i..].chars().next().map_or(0, char::len_utf8)..])
}

/// The start of a word before its first CJK character.
fn latin_head(word: &str) -> &str {
    word.find(is_cjk).map_or(word, |i| &word[..i])
}

fn finish(b: Building, wrap: &Wrap, vocab: &Vocabulary) -> RawRow {
    let mut row = RawRow { item_no: b.item_no, pages: b.pages, bands: b.bands, ..RawRow::default() };
    row.pages.sort_unstable();
    for (role, lines) in &b.cells {
        let mut unsettled = Vec::new();
        let pieces = joined(*role, lines, wrap, vocab, &mut unsettled);
        let field = match role {
            Role::Date => "date_text",
            Role::Frequency => "frequency_text",
            r => r.name(),
        };
        row.unsettled.extend(
            unsettled
                .into_iter()
                .map(|(a, b)| (field, format!("a line break the page cannot settle: {a:?} / {b:?}, one word or two"))),
        );
        let join_all = |pieces: &[(String, bool)]| join::join(pieces.iter().map(|(t, f)| Piece { text: t, fills: *f }));
        match role {
            Role::Item => {}
            Role::Category => row.category = join_all(&pieces),
            Role::Name => {
                (row.name, row.new_item) = super::without_marker(&join_all(&pieces));
            }
            Role::Description => {
                row.description = bullets(&pieces);
                let signed = pieces.iter().any(|(t, _)| pat::BULLET.is_match(t))
                    || pieces.first().is_some_and(|(t, _)| numbered(t, 1).is_some());
                if row.description.len() == 1 && !signed {
                    let ends = paragraph_ends(lines, wrap);
                    row.description = paragraphs(&pieces, &ends);
                    for i in open_item_ends(lines, &ends) {
                        let (a, b) = (&lines[i].text, &lines[i + 1].text);
                        row.unsettled.push((
                            "description",
                            format!("a sentence ends a full line: one item or two? {a:?} / {b:?}"),
                        ));
                    }
                }
            }
            Role::Date => row.date_text = join_all(&pieces),
            Role::Frequency => row.frequency_text = join_all(&pieces),
        }
    }
    row
}

/// A sentence ends with one of these.
const SENTENCE_END: &[char] = &['。', '.', '．', '！', '!', '？', '?', '；', ';'];

/// Which of a description cell's lines end a paragraph: the line ends a
/// sentence and the next line's first word would have fitted after it, so
/// the producer broke the line on purpose. (Cells whose items carry no
/// bullet sign are set as paragraphs.)
fn paragraph_ends(lines: &[CellLine], wrap: &Wrap) -> Vec<bool> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let Some(next) = lines.get(i + 1) else { return false };
            if !l.text.trim_end().ends_with(SENTENCE_END) {
                return false;
            }
            let limit = wrap.limit(Role::Description, l);
            // CJK text may break after any character; a Latin word needs
            // its whole width and a space before it.
            let need = if next.text.chars().next().is_some_and(is_cjk) {
                next.first_glyph
            } else {
                next.first.0 + next.first_glyph
            };
            limit - l.x1 > need * FULL_LINE_SLACK
        })
        .collect()
}

/// The lines of a cell without bullet signs that end a sentence the next
/// line's capital (or CJK text) may begin a new item after, where the
/// next word would not have fitted: an item's end and a sentence's wrap
/// alike there, and `paragraph_ends` read a sentence's.
fn open_item_ends(lines: &[CellLine], ends: &[bool]) -> Vec<usize> {
    (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            let next = lines[i + 1].text.trim_start().chars().next();
            // A bracket the line leaves open ("formats (e.g.") holds no
            // sentence's end.
            let open = |c: &[char]| lines[i].text.chars().filter(|ch| c.contains(ch)).count();
            !ends[i]
                && lines[i].text.trim_end().ends_with(SENTENCE_END)
                && next.is_some_and(|c| c.is_uppercase() || is_cjk(c))
                && open(&['(', '（']) <= open(&[')', '）'])
        })
        .collect()
}

/// Splits a cell with no bullet signs into its paragraphs.
fn paragraphs(pieces: &[(String, bool)], ends: &[bool]) -> Vec<String> {
    let mut groups: Vec<Vec<&(String, bool)>> = vec![Vec::new()];
    for (i, p) in pieces.iter().enumerate() {
        if let Some(g) = groups.last_mut() {
            g.push(p);
        }
        if ends.get(i).copied().unwrap_or(false) {
            groups.push(Vec::new());
        }
    }
    groups
        .iter()
        .map(|g| join::join(g.iter().map(|(t, f)| Piece { text: t, fills: *f })))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text after a list number `n` ("1. …", "1) …", "(1) …").
fn numbered(text: &str, n: u32) -> Option<String> {
    let t = text.trim_start();
    let n = n.to_string();
    let rest = t
        .strip_prefix('(')
        .and_then(|r| r.strip_prefix(n.as_str())?.strip_prefix(')'))
        .or_else(|| t.strip_prefix(n.as_str()).and_then(|r| r.strip_prefix(['.', ')'])))?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim().to_owned())
}

/// Splits a description cell at its bullet signs. A dash is a bullet only
/// in a cell whose first line starts with one: elsewhere a line starting
/// "- " is a wrapped sentence ("… production" / "- supplementary …").
fn bullets(pieces: &[(String, bool)]) -> Vec<String> {
    let is_dash = |t: &str| t.trim_start().starts_with(['-', '–', '—', '*']);
    let dashes = pieces.first().is_some_and(|(t, _)| is_dash(t) && pat::BULLET.is_match(t));
    // A numbered list: "1." on the cell's first line, then 2., 3. … in turn.
    let mut next_number = pieces.first().and_then(|(t, _)| numbered(t, 1)).map(|_| 1u32);
    let mut groups: Vec<Vec<(String, bool)>> = Vec::new();
    for (text, fills) in pieces {
        let bullet = pat::BULLET.captures(text).filter(|_| dashes || !is_dash(text)).map(|c| c[1].to_owned());
        let item = next_number.and_then(|n| numbered(text, n));
        if item.is_some() {
            next_number = next_number.map(|n| n + 1);
        }
        match bullet.or(item) {
            Some(c) => groups.push(vec![(c, *fills)]),
            None => match groups.last_mut() {
                Some(g) => g.push((text.clone(), *fills)),
                None => groups.push(vec![(text.clone(), *fills)]),
            },
        }
    }
    groups
        .iter()
        .map(|g| join::join(g.iter().map(|(t, f)| Piece { text: t, fills: *f })))
        .filter(|s| !s.is_empty())
        .collect()
}

mod centred;
mod split;
#[cfg(test)]
mod tests;
