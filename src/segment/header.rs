//! Column headers: what each column is called, and where a table's header
//! band is. The header vocabulary lives here and nowhere else.
//!
//! A header is told by place and words together: the band between a
//! table's heading and its first row, or the lines at the top of a
//! continuation page that repeat that band. A body line that happens to
//! say "dataset" or 日期 is not a header, because it is in neither place.

use super::patterns as pat;
use crate::layout::Line;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Item,
    Category,
    Name,
    Description,
    Date,
    Frequency,
}

/// The six roles in the order plans print their columns.
pub const ROLES: [Role; 6] = [Role::Item, Role::Category, Role::Name, Role::Description, Role::Date, Role::Frequency];

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Item => "item",
            Role::Category => "category",
            Role::Name => "name",
            Role::Description => "description",
            Role::Date => "date",
            Role::Frequency => "frequency",
        }
    }
}

/// Words naming each role, matched inside a header cell's text with white
/// space removed and in lower case, so that a word wrapped anywhere
/// ("Frequen" / "cy", "目標發" / "放日期") still reads whole. Tried in this
/// order: "Target Release Date" is a date although it names nothing, and
/// "Dataset Category" a category although it says "dataset".
const VOCABULARY: &[(Role, &[&str], &[&str])] = &[
    // (role, any of these…, …unless one of these)
    (Role::Item, &["編號", "编号", "序號", "序号", "項目", "项目", "item", "no.", "number"], &["名稱", "名称", "name"]),
    (Role::Frequency, &["頻率", "频率", "更新", "frequen", "update", "periodicity"], &[]),
    (Role::Date, &["日期", "date", "release", "target", "月/年", "mm/", "時間", "时间", "timeline", "schedule"], &[]),
    (Role::Description, &["說明", "说明", "描述", "簡介", "简介", "description", "details", "summary"], &[]),
    (Role::Category, &["種類", "种类", "類別", "类别", "類型", "类型", "範疇", "范畴", "category", "theme"], &[]),
    (Role::Name, &["名稱", "名称", "數據集", "数据集", "name", "dataset", "title"], &[]),
];

/// The role a header cell's text names, if any.
pub fn role_of(text: &str) -> Option<Role> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    if t.is_empty() {
        return None;
    }
    VOCABULARY.iter().find_map(|(role, any, unless)| {
        (any.iter().any(|w| t.contains(w)) && !unless.iter().any(|w| t.contains(w))).then_some(*role)
    })
}

/// How many different roles a line's words name, each word on its own:
/// a cheap test of whether a line could open a header band.
pub fn roles_named(text: &str) -> usize {
    let mut seen: Vec<Role> = text.split_whitespace().filter_map(role_of).collect();
    // Whole-line phrases too ("Item No.", 數據集名稱 with no spaces).
    seen.extend(role_of(text));
    seen.sort();
    seen.dedup();
    seen.len()
}

/// Where a table's lines (in document order, from its heading on) divide
/// into a first header band and the rest.
#[derive(Debug, Default)]
pub struct FirstBand {
    /// Indices of the header lines.
    pub header: Vec<usize>,
    /// Indices of lines before the first row that are notes or a
    /// not-applicable mark, with why.
    pub other: Vec<(usize, &'static str)>,
    /// Index of the first line after the band.
    pub body_start: usize,
    pub not_applicable: bool,
}

/// Finds the header band at the start of a table: every line before the
/// first row (a line opening with the item number 1) that is not a note
/// or a not-applicable mark; when the table has no rows, the lines up to
/// and including the last one that names a column.
pub fn first_band(lines: &[&Line]) -> FirstBand {
    let mut band = FirstBand::default();
    let first_row = lines.iter().position(|l| opens_first_row(&l.text));
    let end = match first_row {
        Some(i) => i,
        None => {
            // No rows: a header (if any), then N/A or a note; without an
            // N/A mark, the header ends with the last line naming a column.
            lines
                .iter()
                .position(|l| pat::NOT_APPLICABLE.is_match(&l.text))
                .unwrap_or_else(|| lines.iter().rposition(|l| roles_named(&l.text) > 0).map_or(0, |i| i + 1))
        }
    };
    for (i, l) in lines.iter().enumerate().take(end) {
        if pat::NOTE.is_match(&l.text) {
            band.other.push((i, "note"));
        } else if pat::NOT_APPLICABLE.is_match(&l.text) {
            band.other.push((i, "not applicable"));
            band.not_applicable = true;
        } else {
            band.header.push(i);
        }
    }
    band.body_start = end;
    // An empty table's N/A (or note) right after its header; a narrow
    // cell may wrap the mark itself ("不適" / "用").
    if first_row.is_none() {
        let rest: String = lines[end..].iter().flat_map(|l| l.text.split_whitespace()).collect();
        if !rest.is_empty() && pat::NOT_APPLICABLE.is_match(&rest) {
            band.other.extend((end..lines.len()).map(|i| (i, "not applicable")));
            band.not_applicable = true;
            band.body_start = lines.len();
            return finish(band, lines);
        }
        for (i, l) in lines.iter().enumerate().skip(end) {
            if pat::NOT_APPLICABLE.is_match(&l.text) {
                band.other.push((i, "not applicable"));
                band.not_applicable = true;
                band.body_start = i + 1;
            } else if pat::NOTE.is_match(&l.text) {
                band.other.push((i, "note"));
                band.body_start = i + 1;
            } else {
                break;
            }
        }
    }
    finish(band, lines)
}

/// Ends a header band at the rule that closes it: lines of the band below
/// the last rule above row 1 are row 1's own (a cell centred vertically
/// starts above its row's item number). `rule_ys` are the heights of the
/// rules across the table on row 1's page.
pub fn end_band_at_rule(band: &mut FirstBand, lines: &[&Line], rule_ys: &[f32]) {
    let Some(row1) = lines.get(band.body_start).and_then(|l| Some((l.page, l.bbox?))) else { return };
    let Some(rule) = rule_ys.iter().copied().filter(|&y| y <= row1.1.y0 + RULE_SLACK).reduce(f32::max) else {
        return;
    };
    let below = |i: usize| lines[i].page == row1.0 && lines[i].bbox.is_some_and(|b| b.y0 > rule);
    let Some(cut) = band.header.iter().position(|&i| below(i)) else { return };
    if !band.header[cut..].iter().all(|&i| below(i)) {
        return;
    }
    // What stays must name the columns, and what goes must name none they
    // lack: a rule between two header rows leaves both in the band. A
    // bulleted line is a description's, whatever words it uses ("• Names
    // of …").
    let text = |ix: &[usize]| joined(lines, ix);
    let kept = roles_named(&text(&band.header[..cut]));
    let unbulleted: Vec<usize> = band.header.iter().copied().filter(|&i| !bulleted(&lines[i].text)).collect();
    if kept < 2 || roles_named(&text(&unbulleted)) > kept {
        return;
    }
    band.body_start = band.header[cut];
    band.header.truncate(cut);
}

/// Ends a header band at the first line that holds a bullet sign: no
/// header cell has one, and a description cell centred vertically starts
/// above its row's item number.
pub fn end_band_at_bullet(band: &mut FirstBand, lines: &[&Line]) {
    let Some(cut) = band.header.iter().position(|&i| bulleted(&lines[i].text)) else { return };
    if cut == 0 {
        return;
    }
    let text = |ix: &[usize]| joined(lines, ix);
    if roles_named(&text(&band.header[..cut])) < roles_named(&text(&band.header)).max(2) {
        return;
    }
    band.body_start = band.header[cut];
    band.header.truncate(cut);
}

/// How much wider than every other line gap, in ems of the band's text, the
/// gap closing a header must be. Lines of one cell are a leading apart and
/// a centred cell's lines fall between them, so no gap inside a header or
/// a cell is wider than the leading; from the header's last line to row 1's
/// first, the gap is a leading plus the cell padding above and below (0.5 pt
/// each at the least, 0.1 em of 10 pt text together). Half of that is
/// safely more than the rounding of glyph positions.
const HEADER_GAP_EXCESS_EM: f32 = 0.05;

/// Ends a header band at the widest line gap above row 1's number where
/// nothing drew a rule: a row whose cells are centred vertically starts
/// above its number, and without a rule the cell padding is what sets the
/// header apart from it. Only a gap wider than every other gap from the
/// header's first line down to row 1's number counts, and only when the
/// lines below it name no column the lines above do not.
pub fn end_band_at_gap(band: &mut FirstBand, lines: &[&Line]) {
    let Some(row1) = lines.get(band.body_start) else { return };
    let ix: Vec<usize> = band.header.iter().copied().chain([band.body_start]).collect();
    if ix.len() < 3 || ix.iter().any(|&i| lines[i].page != row1.page) {
        return;
    }
    let Some(mids) = ix.iter().map(|&i| lines[i].bbox.map(|b| (b.y0 + b.y1) / 2.0)).collect::<Option<Vec<f32>>>()
    else {
        return;
    };
    let gaps: Vec<f32> = mids.windows(2).map(|w| w[1] - w[0]).collect();
    let em = band_em(lines, &ix);
    // The last gap is the one to row 1's own line: cutting there changes nothing.
    let Some((cut, widest)) = gaps[..gaps.len() - 1].iter().copied().enumerate().max_by(|a, b| a.1.total_cmp(&b.1))
    else {
        return;
    };
    let others = gaps.iter().enumerate().filter(|&(i, _)| i != cut).map(|(_, g)| *g).fold(f32::MIN, f32::max);
    if widest < others + HEADER_GAP_EXCESS_EM * em {
        return;
    }
    let cut = cut + 1;
    let kept = roles_named(&joined(lines, &band.header[..cut]));
    let unbulleted: Vec<usize> = band.header.iter().copied().filter(|&i| !bulleted(&lines[i].text)).collect();
    if kept < 2 || roles_named(&joined(lines, &unbulleted)) > kept {
        return;
    }
    // A header's own last line ("(月/年)", "of Dataset") names columns; a
    // cell's text now and then does too ("updated"), but not most lines.
    let moved = &band.header[cut..];
    if 2 * moved.iter().filter(|&&i| roles_named(&lines[i].text) == 0).count() <= moved.len() {
        return;
    }
    band.body_start = band.header[cut];
    band.header.truncate(cut);
}

/// The median height of the words of `lines[ix]`.
fn band_em(lines: &[&Line], ix: &[usize]) -> f32 {
    let mut h: Vec<f32> = ix.iter().flat_map(|&i| lines[i].words.iter()).map(|w| w.bbox.height()).collect();
    h.sort_by(f32::total_cmp);
    h.get(h.len() / 2).copied().filter(|h| *h > 0.0).unwrap_or(10.0)
}

/// The texts of `lines[ix]`, one line after another.
fn joined(lines: &[&Line], ix: &[usize]) -> String {
    ix.iter().map(|&i| lines[i].text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Whether a line holds a bullet sign, at its start or inside it.
fn bulleted(text: &str) -> bool {
    pat::INLINE_BULLET.is_match(text) || pat::BULLET.is_match(text)
}

/// Points a rule may sit below the top of row 1's first line and still be
/// above it: rules and glyph boxes are drawn with different rounding.
const RULE_SLACK: f32 = 0.5;

/// A table whose first lines name no column has no header band: they are
/// its first row's text after all.
fn finish(mut band: FirstBand, lines: &[&Line]) -> FirstBand {
    if band.header.iter().all(|&i| roles_named(&lines[i].text) == 0) {
        band.header.clear();
    }
    band
}

fn opens_first_row(text: &str) -> bool {
    pat::ROW_START.captures(text).and_then(|c| super::parse_number(&c[1])) == Some(1)
}

/// The characters of some text without white space, counted, for telling
/// whether lines repeat a header however it wraps.
#[derive(Debug, Clone, Default)]
pub struct CharBag(std::collections::BTreeMap<char, u32>);

impl CharBag {
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> CharBag {
        let mut bag = CharBag::default();
        for c in texts.into_iter().flat_map(str::chars).filter(|c| !c.is_whitespace()) {
            *bag.0.entry(c).or_default() += 1;
        }
        bag
    }

    fn len(&self) -> u32 {
        self.0.values().sum()
    }

    /// Takes `other` out of `self` if every character of it is there.
    fn take(&mut self, other: &CharBag) -> bool {
        if other.0.iter().any(|(c, n)| self.0.get(c).copied().unwrap_or(0) < *n) {
            return false;
        }
        for (c, n) in &other.0 {
            if let Some(m) = self.0.get_mut(c) {
                *m -= n;
            }
        }
        true
    }
}

/// A repeated header must give back at least this share of the first
/// header's characters: less is a body line that happens to use header
/// letters ("Data", "No.").
const REPEAT_MIN_SHARE: f32 = 0.6;

/// How many lines at the top of a continuation page repeat the table's
/// header `first`: the longest run of lines whose characters all come from
/// it, provided they give back most of it. Independent of how the repeat
/// wraps, aligns or breaks its words.
pub fn repeated_band(lines: &[&Line], first: &CharBag) -> usize {
    let total = first.len();
    if total == 0 {
        return 0;
    }
    let mut left = first.clone();
    let mut taken = 0usize;
    for l in lines {
        if !left.take(&CharBag::of([l.text.as_str()])) {
            break;
        }
        taken += 1;
    }
    let used = total - left.len();
    if taken > 0 && used as f32 >= REPEAT_MIN_SHARE * total as f32 { taken } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_role(text: &str, expected: Option<Role>) {
        assert_eq!(role_of(text), expected, "{text}");
    }

    #[test]
    fn roles_from_header_words_however_wrapped() {
        check_role("Item No.", Some(Role::Item));
        check_role("Ite m No .", Some(Role::Item));
        check_role("Data Category", Some(Role::Category));
        check_role("Dataset Name", Some(Role::Name));
        check_role("General Description", Some(Role::Description));
        check_role("Target Release Date (MM/YYYY)", Some(Role::Date));
        check_role("Frequen cy", Some(Role::Frequency));
        check_role("Update Frequency", Some(Role::Frequency));
        check_role("目標發 放日期 (月/年)", Some(Role::Date));
        check_role("數據集名稱", Some(Role::Name));
        check_role("數據種類", Some(Role::Category));
        check_role("編號", Some(Role::Item));
        check_role("Quarterly", None);
    }

    fn line(text: &str) -> Line {
        Line { page: 1, text: text.into(), bbox: None, words: Vec::new() }
    }

    #[test]
    fn first_band_is_the_lines_before_row_one() {
        let lines: Vec<Line> =
            ["# Note: old data", "Item Data", "No. Category", "1 Transport Roads", "2 Health Clinics"]
                .into_iter()
                .map(line)
                .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let b = first_band(&refs);
        assert_eq!((b.header, b.other, b.body_start), (vec![1, 2], vec![(0, "note")], 3));
    }

    #[test]
    fn a_rule_under_the_header_ends_its_band() {
        // Row 1's cells are centred: its description's first line sits
        // above the line with the item number, below the header's rule.
        let at = |text: &str, y: f32| Line {
            bbox: Some(crate::pdf::Rect { x0: 50.0, y0: y, x1: 400.0, y1: y + 10.0 }),
            ..line(text)
        };
        let lines = [
            at("Item Data Dataset", 100.0),
            at("No. Category Name", 111.0),
            at("• Opening hours", 130.0),
            at("1 Health Clinics 03/2024", 141.0),
        ];
        let refs: Vec<&Line> = lines.iter().collect();
        let mut b = first_band(&refs);
        assert_eq!((b.header.clone(), b.body_start), (vec![0, 1, 2], 3));
        end_band_at_rule(&mut b, &refs, &[95.0, 124.0, 160.0]);
        assert_eq!((b.header, b.body_start), (vec![0, 1], 2));
        // A bulleted line below the rule is row 1's even if it says
        // "Names" and the header's own "Dataset" was broken ("Datase" / "t").
        let lines2 = [
            at("Item Datase Target", 100.0),
            at("No. t Category Description", 111.0),
            at("• Names and addresses", 130.0),
            at("1 Health Clinics 03/2024", 141.0),
        ];
        let refs2: Vec<&Line> = lines2.iter().collect();
        let mut b = first_band(&refs2);
        end_band_at_rule(&mut b, &refs2, &[95.0, 124.0, 160.0]);
        assert_eq!((b.header, b.body_start), (vec![0, 1], 2));
        // A rule between two header rows leaves the header whole.
        let mut b = first_band(&refs);
        end_band_at_rule(&mut b, &refs, &[105.0]);
        assert_eq!(b.body_start, 3);
    }

    /// The header band `first_band` then `end_band_at_gap` leave, over
    /// lines `(text, top)` 10 pt high.
    fn check_gap_band(lines: &[(&str, f32)], header: &[usize]) {
        let lines: Vec<Line> = lines
            .iter()
            .map(|&(text, y)| Line {
                bbox: Some(crate::pdf::Rect { x0: 50.0, y0: y, x1: 400.0, y1: y + 10.0 }),
                words: vec![crate::layout::Word {
                    text: text.into(),
                    bbox: crate::pdf::Rect { x0: 50.0, y0: y, x1: 400.0, y1: y + 10.0 },
                    starts: Vec::new(),
                }],
                ..line(text)
            })
            .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let mut b = first_band(&refs);
        end_band_at_gap(&mut b, &refs);
        assert_eq!((b.header.as_slice(), b.body_start), (header, header.len()), "{lines:?}");
    }

    #[test]
    fn the_padding_gap_ends_a_header_band_without_rules() {
        // Row 1 centred on its number: two of its lines come first, a
        // leading (11 pt) apart, after the header's padding (12 pt).
        let centred = [
            ("Item Data Dataset", 100.0),
            ("No. Category Name Frequency", 111.0),
            ("Inventory of water quality", 123.0),
            ("monitoring stations in the", 134.0),
            ("1 Geography New Territories", 145.0),
        ];
        check_gap_band(&centred, &[0, 1]);
        // Evenly spaced lines are all header: nothing sets one apart.
        let even = [("Item Data Dataset", 100.0), ("No. Category Name", 111.0), ("1 Health Clinics", 122.0)];
        check_gap_band(&even, &[0, 1]);
        // A header set with a wider leading than the body's row 1, whose
        // number sits higher than its text: the second header line names a
        // column, so it stays.
        let wide = [("編號 數據種類 數據集名稱 發放日期 更新頻", 100.0), ("(月/年) 率", 116.0), ("1 01/2013", 130.0)];
        check_gap_band(&wide, &[0, 1]);
        // Under a gap, lines most of which name columns are the header's.
        let named = [
            ("Item Data", 100.0),
            ("No. Category", 111.0),
            ("Target Release Date", 125.0),
            ("Update Frequency", 136.0),
            ("1 Health Clinics", 147.0),
        ];
        check_gap_band(&named, &[0, 1, 2, 3]);
    }

    #[test]
    fn a_bullet_ends_the_header_band() {
        let lines: Vec<Line> =
            ["Item Data Dataset", "No. Category Name Description", "• Opening hours", "1 Health Clinics 03/2024"]
                .into_iter()
                .map(line)
                .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let mut b = first_band(&refs);
        end_band_at_bullet(&mut b, &refs);
        assert_eq!((b.header, b.body_start), (vec![0, 1], 2));
    }

    #[test]
    fn a_not_applicable_mark_wrapped_in_a_narrow_cell() {
        let lines: Vec<Line> = ["編號 數據種類 數據集名稱", "不適", "用"].into_iter().map(line).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let b = first_band(&refs);
        assert!(b.not_applicable);
        assert_eq!((b.header, b.body_start), (vec![0], 3));
    }

    #[test]
    fn repeated_header_is_found_whatever_its_wrap() {
        let first = CharBag::of(["Item No. Data Category Dataset Name Target Release Date Update Frequency"]);
        let lines: Vec<Line> =
            ["Ite Data Dataset Target Update", "m No. Category Name Release Date Frequency", "Monthly"]
                .into_iter()
                .map(line)
                .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        assert_eq!(repeated_band(&refs, &first), 2);
        // A body line made of header letters is not a repeat.
        let body = [line("Data")];
        assert_eq!(repeated_band(&body.iter().collect::<Vec<_>>(), &first), 0);
    }
}
