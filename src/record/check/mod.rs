//! The self-check: fields of a record that look wrong. A wrong column
//! boundary, a header or footer read as content, or a row cut in the wrong
//! place leaves marks that a record cannot have when it was read right: a
//! date that does not parse, a date or frequency inside the description,
//! header words inside a cell. Each mark names the field.

use std::sync::LazyLock;

use regex::Regex;

mod fragment;
mod frame;
mod plan;

pub use plan::check_plan;

use super::{Record, frequency};

/// A field that looks wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub field: &'static str,
    pub reason: String,
}

/// Categories are a word or a few ("Recreation and Culture", 康樂及文化):
/// longer is another column's text run in.
const CATEGORY_MAX_WORDS: usize = 6;
const CATEGORY_MAX_CJK_CHARS: usize = 12;
/// A Chinese category is a word of two characters or more (人口, 衞生): one
/// character alone is the last of a category cut across two rows (播).
const CATEGORY_MIN_CJK_CHARS: usize = 2;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern}: {e}"))
}

/// A release date as the date column prints it, out of place in a name or
/// description: "03/2024", "Q1 2025", "2024年第一季", "2024年3月".
static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[^0-9/])[0-9]{1,2}\s*/\s*20[0-9]{2}(?:[^0-9/]|$)|\bq[1-4]\s+20[0-9]{2}\b|20[0-9]{2}\s*年\s*第\s*[一二三四1-4]\s*季",
    )
});

/// Column-header phrases, out of place in any cell.
static HEADER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:item\s+no|data\s+category|dataset\s+name|general\s+description|target\s+release|release\s+date|update\s+frequency|mm\s*/\s*yyyy)\b|數據種類|數據集名稱|一般說明|目標發放日期|更新頻率|\(月/年\)",
    )
});

/// Words a name or category never ends on.
const JOINING_WORDS: &[&str] =
    &["of", "and", "for", "the", "in", "on", "by", "to", "with", "from", "at", "a", "an", "or"];

/// A bullet sign left in a name: the description's, cut off by a column
/// edge in the wrong place.
const BULLET_SIGNS: &[char] = &['•', '●', '▪', '■', '◆', '◦', '‧', '・', '∙', '○', '\u{F0B7}', '\u{FFFD}'];

/// Everything about `r` that looks wrong.
pub fn check(r: &Record) -> Vec<Flag> {
    let mut flags = Vec::new();
    let mut flag = |field: &'static str, reason: String| flags.push(Flag { field, reason });
    if r.date_text.trim().is_empty() {
        flag("date_text", "no release date".into());
    } else if r.date.is_none() {
        flag("date_text", format!("date not understood: {:?}", r.date_text));
    } else if fragment::spaced_date(&r.date_text) {
        flag("date_text", format!("a space inside the date: {:?}", r.date_text));
    }
    if r.frequency_text.trim().is_empty() {
        flag("frequency_text", "no update frequency".into());
    } else if r.frequency == "other" && !is_compound(&r.frequency_text) {
        flag("frequency_text", format!("frequency not understood: {:?}", r.frequency_text));
    }
    if r.category.trim().is_empty() {
        flag("category", "empty category".into());
    } else if category_too_long(&r.category) {
        flag("category", format!("unusually long category: {:?}", r.category));
    } else if category_too_short(&r.category) {
        flag("category", format!("a category of one character: {:?}", r.category));
    } else if frame::title_in_cell(&r.category) || frame::publisher_tail(&r.category, &r.publisher) {
        flag("category", format!("the plan's title or publisher in the category: {:?}", r.category));
    }
    if r.name.trim().is_empty() {
        flag("name", "empty name".into());
    } else if r.name.contains(BULLET_SIGNS) {
        flag("name", format!("bullet sign in the name: {:?}", r.name));
    } else if fragment::sentence_in_name(&r.name) {
        flag("name", format!("a sentence or a dash run into the name: {:?}", r.name));
    } else if frame::title_in_cell(&r.name) {
        flag("name", format!("the plan's title in the name: {:?}", r.name));
    }
    // A cell that starts in the middle of a sentence ("and Broadcasting",
    // "provided for developers.") holds the tail of another row's cell: the
    // row was cut in the wrong place.
    let first_bullet = r.description.first().map_or("", String::as_str);
    for (field, text) in [("category", r.category.as_str()), ("name", r.name.as_str()), ("description", first_bullet)] {
        if text.trim_start().starts_with(|c: char| c.is_ascii_lowercase()) {
            flag(field, format!("the {field} starts mid-sentence: {text:?}"));
        }
    }
    // …and one that ends on a joining word ("Locations of", "Culture and")
    // lost its tail to the row below.
    for (field, text) in [("category", r.category.as_str()), ("name", r.name.as_str())] {
        let last = text.split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
        if JOINING_WORDS.contains(&last.as_str()) || fragment::ends_on_cjk_joining(text) {
            flag(field, format!("the {field} stops mid-phrase: {text:?}"));
        }
    }
    for d in &r.description {
        if fragment::item_stops_mid_phrase(d) {
            flag("description", format!("a description item stops mid-phrase: {d:?}"));
        }
    }
    if let Some(d) = fragment::repeated_item(&r.description) {
        flag("description", format!("the same description item twice: {d:?}"));
    }
    for (field, text) in
        [("name", r.name.as_str())].into_iter().chain(r.description.iter().map(|d| ("description", d.as_str())))
    {
        if DATE_TOKEN.is_match(text) {
            flag(field, format!("a date inside the {field}: {text:?}"));
        } else if ends_with_frequency(text) {
            flag(field, format!("a frequency at the end of the {field}: {text:?}"));
        }
    }
    let cells = [
        ("category", r.category.as_str()),
        ("name", r.name.as_str()),
        ("date_text", r.date_text.as_str()),
        ("frequency_text", r.frequency_text.as_str()),
    ];
    for (field, text) in cells.into_iter().chain(r.description.iter().map(|d| ("description", d.as_str()))) {
        if header_leak(text) {
            flag(field, format!("column-header words inside the {field}: {text:?}"));
        }
    }
    // A word broken apart ("Educatio n", "shelter s"): a lone lower-case
    // letter is no English word but "a".
    for (field, text) in written(r) {
        let lone_letter =
            text.split_whitespace().any(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_lowercase()) && w != "a");
        if lone_letter || fragment::split_before_word(text) {
            flag(field, format!("a word broken apart in the {field}: {text:?}"));
        }
    }
    // Categories in English are set in title case: a lower-case word in
    // one that is no joining word is the tail of a word broken apart
    // ("Broadc asting").
    if r.category.split_whitespace().any(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && !JOINING_WORDS.contains(&w.trim_end_matches([',', '.']).to_ascii_lowercase().as_str())
    }) {
        flag("category", format!("a word broken apart in the category: {:?}", r.category));
    }
    // A space before a comma or full stop after a word: "Housing , Planning".
    for (field, text) in written(r) {
        if SPACE_BEFORE_STOP.is_match(text) {
            flag(field, format!("a space before punctuation in the {field}: {text:?}"));
        }
    }
    // A format name split ("GeoJS ON"), a capital inside a lower-case
    // word ("InfrastructurEe": another cell's letter run in), a CJK
    // character standing alone before the rest ("施 公廁": the end of
    // the cell beside).
    for (field, text) in written(r) {
        if split_format(text) {
            flag(field, format!("a format name split in the {field}: {text:?}"));
        } else if field != "description" && CAPITAL_INSIDE.is_match(text) {
            flag(field, format!("a capital inside a word in the {field}: {text:?}"));
        } else if lone_cjk_start(text) {
            flag(field, format!("a character standing alone at the start of the {field}: {text:?}"));
        } else if fragment::lone_cjk_end(text) {
            flag(field, format!("a character standing alone at the end of the {field}: {text:?}"));
        }
    }
    let cells = [("date_text", r.date_text.as_str()), ("frequency_text", r.frequency_text.as_str())];
    for (field, text) in written(r).chain(cells) {
        if fragment::unbalanced_brackets(text) {
            flag(field, format!("a bracket left open or closed without opening in the {field}: {text:?}"));
        }
    }
    // Bullets run together: a bullet sign inside an item, or a dash
    // opening a new sentence ("…提供。- 數據…").
    for d in &r.description {
        if d.contains(BULLET_SIGNS) || SENTENCE_THEN_DASH.is_match(d) {
            flag("description", format!("bullets run together: {d:?}"));
        }
    }
    flags.sort_by_key(|f| f.field);
    flags.dedup_by(|a, b| a.field == b.field);
    flags
}

/// The cells of a record written as running text: the category, the
/// name and each description item.
fn written(r: &Record) -> impl Iterator<Item = (&'static str, &str)> {
    [("category", r.category.as_str()), ("name", r.name.as_str())]
        .into_iter()
        .chain(r.description.iter().map(|d| ("description", d.as_str())))
}

/// Three lower-case letters, a capital, a lower-case letter: no word of
/// a plan's ("GeoJSON", "e-Payment" and "McDonald" do not match).
static CAPITAL_INSIDE: LazyLock<Regex> = LazyLock::new(|| re(r"[a-z]{3}[A-Z][a-z]"));

/// Two neighbouring words that make a format name neither is alone.
fn split_format(text: &str) -> bool {
    let known = |w: &str| crate::segment::patterns::FORMATS.iter().any(|f| f.eq_ignore_ascii_case(w));
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || crate::layout::is_cjk(c)).collect();
    words.windows(2).any(|p| {
        let (a, b) = (
            p[0].trim_start_matches(|c: char| !c.is_ascii_alphanumeric()),
            p[1].trim_end_matches(|c: char| !c.is_ascii_alphanumeric()),
        );
        !a.is_empty() && !b.is_empty() && !known(a) && !known(b) && known(&format!("{a}{b}"))
    })
}

/// One CJK character, then a space, then more CJK text.
fn lone_cjk_start(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    let cjk = crate::layout::is_cjk;
    matches!((chars.next(), chars.next()), (Some(a), Some(' ')) if cjk(a))
        && chars.as_str().trim_start().chars().next().is_some_and(|c| cjk(c) || "–-—".contains(c))
}

/// A letter, a space, then a comma or full stop ending a word.
static SPACE_BEFORE_STOP: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z] [,.](?:\s|$)"));

/// A sentence's end, then a dash and a space: the next bullet's sign.
static SENTENCE_THEN_DASH: LazyLock<Regex> = LazyLock::new(|| re(r"[。.;；]\s*[-–—]\s"));
/// A frequency the schema calls other because it combines known ones
/// ("每月及不定期", "Daily and as needed"): some part of it is a token.
fn is_compound(text: &str) -> bool {
    text.split(['及', '和', '或', '、', ',', '，', ';', '；', '/', '／'])
        .flat_map(|p| p.split(" and ").flat_map(|p| p.split(" or ")))
        .any(|p| !p.trim().is_empty() && frequency::normalise(p.trim()) != "other")
}

/// A header read into a cell leaves its words at the cell's end (the
/// repeated header below a row's last line), or several of them; a
/// description may mention "數據集名稱" (dataset names) once in passing.
fn header_leak(text: &str) -> bool {
    let found: Vec<regex::Match> = HEADER_WORDS.find_iter(text).collect();
    let at_end = found
        .last()
        .is_some_and(|m| text[m.end()..].trim_matches(|c: char| c.is_whitespace() || ")）".contains(c)).is_empty());
    found.len() >= 2 || at_end
}

fn category_too_long(c: &str) -> bool {
    let cjk = c.chars().filter(|&ch| crate::layout::is_cjk(ch)).count();
    c.split_whitespace().count() > CATEGORY_MAX_WORDS || cjk > CATEGORY_MAX_CJK_CHARS
}

fn category_too_short(c: &str) -> bool {
    let cjk = c.chars().filter(|&ch| ch.is_alphabetic() && crate::layout::is_cjk(ch)).count();
    (1..CATEGORY_MIN_CJK_CHARS).contains(&cjk) && !c.chars().any(|ch| ch.is_ascii_alphabetic())
}

/// Whether the text's last one to three words are an update frequency (a
/// frequency cell's text run into a description). Sentences that end in
/// "daily" read so rarely that this is a flag, not a verdict.
fn ends_with_frequency(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3.min(words.len().saturating_sub(1))).any(|n| {
        let tail = words[words.len() - n..].join(" ");
        !tail.ends_with('.') && frequency::normalise(&tail) != "other"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn record() -> Record {
        Record {
            id: "x".into(),
            source: "s".into(),
            language: crate::segment::Language::En,
            publisher: "P".into(),
            plan_period: "2024-2026".into(),
            plan_date: Some("2023-12".into()),
            section: "A".into(),
            status: "planned".into(),
            organisation: "P".into(),
            spatial: true,
            item_no: 1,
            category: "Social Welfare".into(),
            name: "Locations of residential care homes".into(),
            new_item: false,
            description: vec!["Home names and addresses.".into()],
            formats: vec![],
            date_text: "02/2024".into(),
            date: Some("2024-02".into()),
            frequency_text: "Annually".into(),
            frequency: "annually".into(),
            pages: vec![1],
        }
    }

    fn check_fields(r: &Record) -> Vec<&'static str> {
        check(r).into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_right_record_has_no_flags() {
        assert!(check(&record()).is_empty(), "{:?}", check(&record()));
    }

    #[test]
    fn column_bleed_is_flagged() {
        // The date and frequency inside the description, the category cut.
        let mut r = record();
        r.description = vec!["Home names, addresses 02/2024 Annually Welfare care homes".into()];
        r.date_text = String::new();
        r.date = None;
        assert_eq!(check_fields(&r), vec!["date_text", "description"]);
        let mut r = record();
        r.frequency_text = "Annually Update Frequency".into();
        r.frequency = "other".into();
        assert_eq!(check_fields(&r), vec!["frequency_text"]);
        let mut r = record();
        r.name = "三維空間數據（更新版）•".into();
        assert_eq!(check_fields(&r), vec!["name"]);
        let mut r = record();
        r.description = vec!["Number of visitors per month Monthly".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
        let mut r = record();
        r.category = "Social Welfare Locations of residential care homes for".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        // A row cut in the wrong place: cells start mid-sentence.
        let mut r = record();
        r.category = "and Broadcasting".into();
        r.description = vec!["provided for developers.".into()];
        assert_eq!(check_fields(&r), vec!["category", "description"]);
        let mut r = record();
        r.name = "Annual performance indicators of".into();
        assert_eq!(check_fields(&r), vec!["name"]);
    }

    #[test]
    fn cells_cut_or_run_together_are_flagged() {
        let mut r = record();
        r.category = "Population Data Plan (2023-2".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        let mut r = record();
        r.name = "長者中心（按 • 實時讀數會自動更新。地區劃分）".into();
        assert_eq!(check_fields(&r), vec!["name"]);
        let mut r = record();
        r.name = "巴士站位置 – – –".into();
        assert_eq!(check_fields(&r), vec!["name"]);
        let mut r = record();
        r.category = "衞生房屋、規劃及".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        let mut r = record();
        r.category = "播".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        r.category = "人口".into();
        assert!(check(&r).is_empty(), "{:?}", check(&r));
        let mut r = record();
        r.category = "氣候及天氣 水".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        let mut r = record();
        r.description =
            vec!["Home names and addresses.".into(), "Names, addresses and geographic coordinates of".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
        let mut r = record();
        r.description = vec!["Home names and addresses.".into(), "Home names and addresses.".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
    }

    #[test]
    fn compound_frequencies_are_not_flagged_but_fragments_are() {
        let mut r = record();
        r.frequency = "other".into();
        r.frequency_text = "每月及不定期".into();
        assert!(check(&r).is_empty());
        r.frequency_text = "data are available".into();
        assert_eq!(check_fields(&r), vec!["frequency_text"]);
    }

    #[test]
    fn ordinary_years_and_words_are_not_flagged() {
        let mut r = record();
        r.description = vec!["資料一線通數據集下載統計的數據集名稱和下載次數。".into()];
        assert!(check(&r).is_empty(), "{:?}", check(&r));
        r.description = vec!["透過「資料一線通」網站發放。一般說明".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
        let mut r = record();
        r.description =
            vec!["Historical data are available from 2008 onwards.".into(), "Data are updated daily.".into()];
        assert!(check(&r).is_empty(), "{:?}", check(&r));
    }

    #[test]
    fn broken_words_and_bullets_run_together_are_flagged() {
        let mut r = record();
        r.category = "Educatio n".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        let mut r = record();
        r.description = vec!["數據以中英文提供。- 數據按年份劃分。".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
        let mut r = record();
        r.description = vec!["Names ▪ Historical records since 2015.".into()];
        assert_eq!(check_fields(&r), vec!["description"]);
        // Lower case inside an English category, a space before a comma.
        let mut r = record();
        r.category = "Information Technology and Broadc asting".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        let mut r = record();
        r.category = "Housing , Planning and Land".into();
        assert_eq!(check_fields(&r), vec!["category"]);
        for (field, text) in [
            ("description", "以GeoJS ON及GML格式"),
            ("category", "InfrastructurEe"),
            ("name", "施 公廁統計數字"),
            ("description", "料 – 數據以中英文提供。"),
        ] {
            let mut r = record();
            match field {
                "category" => r.category = text.into(),
                "name" => r.name = text.into(),
                _ => r.description = vec![text.into()],
            }
            assert_eq!(check_fields(&r), vec![field], "{text:?}");
        }
        let mut r = record();
        r.description = vec!["以GeoJSON及JSON格式提供，由 e-Payment 系統更新。".into()];
        assert!(check(&r).is_empty(), "{:?}", check(&r));
        // "a" is a word; a dash inside a sentence is punctuation.
        let mut r = record();
        r.description = vec!["Data of a survey - the yearly one.".into()];
        assert!(check(&r).is_empty(), "{:?}", check(&r));
    }
}
