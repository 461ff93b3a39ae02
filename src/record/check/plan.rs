//! The self-check across a plan's rows: what the rows of one plan say
//! about each other (categories, words spelled apart or together).

use super::Flag;
use crate::record::Record;

/// What the rows of one plan say about each other: a category that is the
/// tail of another row's category ("Culture" beside "Recreation and
/// Culture", 工 beside 就業及勞工) lost its first lines to the row above;
/// one that is its head (城市管理及公用設 beside 城市管理及公用設施) lost
/// its last lines to the row below; one that is another row's category and more ("Social Welfare
/// Information Technology") took the next row's first lines; one spaced
/// differently from the same category elsewhere ("Informati on") has a
/// word broken apart. Returns (index into `records`, flag).
pub fn check_plan(records: &[Record]) -> Vec<(usize, Flag)> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect::<String>();
    let mut count: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut spelled: std::collections::BTreeMap<String, std::collections::BTreeMap<&str, usize>> =
        std::collections::BTreeMap::new();
    for r in records {
        let k = squash(&r.category);
        if k.is_empty() {
            continue;
        }
        *count.entry(k.clone()).or_default() += 1;
        *spelled.entry(k).or_default().entry(r.category.trim()).or_default() += 1;
    }
    let mut out = word_spacing(records);
    out.extend(undescribed(records));
    out.extend(unended_items(records));
    for (i, r) in records.iter().enumerate() {
        let k = squash(&r.category);
        if k.is_empty() {
            continue;
        }
        // Only against categories seen twice or more: a plan may use two
        // that end alike ("Technology and Broadcasting" beside
        // "Information Technology and Broadcasting") once each.
        let reason = if count[&k] == 1 && count.iter().any(|(o, &n)| n >= 2 && o.len() > k.len() && o.ends_with(&k)) {
            Some("the tail of another row's category")
        } else if count[&k] == 1 && count.iter().any(|(o, &n)| n >= 2 && o.len() < k.len() && k.starts_with(o.as_str()))
        {
            Some("another row's category with more after it")
        } else if count[&k] == 1 && count.iter().any(|(o, &n)| n >= 2 && o.len() > k.len() && o.starts_with(&k)) {
            Some("the head of another row's category")
        } else if spelled[&k]
            .iter()
            .any(|(&other, &n)| other != r.category.trim() && n > spelled[&k][r.category.trim()])
        {
            Some("spaced differently from the same category in other rows")
        } else {
            None
        };
        if let Some(why) = reason {
            out.push((i, Flag { field: "category", reason: format!("{why}: {:?}", r.category) }));
        }
    }
    out
}

/// Share of a plan's other rows (0 to 1) that must have a description
/// before one without looks like a row cut short rather than the plan's
/// way: a plan that leaves some rows undescribed leaves more than one.
const DESCRIBED_SHARE_MIN: f64 = 0.8;
/// Other rows a plan needs before its habit says anything (rows).
const DESCRIBED_MIN_ROWS: usize = 3;

/// A row with no description where the plan's other rows have one: its
/// items went to the row above or below, or into its name.
fn undescribed(records: &[Record]) -> Vec<(usize, Flag)> {
    let others = records.len().saturating_sub(1);
    let described = records.iter().filter(|r| !r.description.is_empty()).count();
    if others < DESCRIBED_MIN_ROWS {
        return Vec::new();
    }
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.description.is_empty() && described as f64 >= DESCRIBED_SHARE_MIN * others as f64)
        .map(|(i, _)| {
            let reason = format!("no description, where {described} of the plan's other {others} rows have one");
            (i, Flag { field: "description", reason })
        })
        .collect()
}

/// Signs a description item ends on, where it is a sentence or a list's
/// entry.
pub(super) const SENTENCE_ENDS: &[char] = &['。', '.', '．', '！', '!', '？', '?', '；', ';'];
/// Share of a plan's other description items (0 to 1) that must end on a
/// sentence's end before one that does not looks cut ("…進行趨勢分", its
/// "析。" gone to the next row) rather than the plan's way: a plan that
/// writes items as phrases writes most of them so.
const ENDED_SHARE_MIN: f64 = 0.9;
/// Description items a plan needs before its habit says anything (items).
const ENDED_MIN_ITEMS: usize = 5;

/// Description items that stop without a sentence's end where the plan's
/// other items end on one, and a row's first item of a character or two
/// after such an item ending the row before: the cut item's tail. Returns
/// (index, flag).
fn unended_items(records: &[Record]) -> Vec<(usize, Flag)> {
    let ended = |d: &str| d.trim_end().ends_with(SENTENCE_ENDS);
    let items: Vec<&str> = records.iter().flat_map(|r| r.description.iter().map(String::as_str)).collect();
    let unended = items.iter().filter(|d| !ended(d)).count();
    let others = items.len().saturating_sub(1);
    if items.len() < ENDED_MIN_ITEMS || ((items.len() - unended) as f64) < ENDED_SHARE_MIN * others as f64 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(d) = r.description.iter().find(|d| !ended(d)) {
            let reason =
                format!("a description item without a sentence's end, where the plan's others end on one: {d:?}");
            out.push((i, Flag { field: "description", reason }));
        }
        let cut_above = i > 0 && records[i - 1].description.last().is_some_and(|d| !ended(d));
        if let Some(d) = r.description.first().filter(|d| cut_above && super::fragment::stub_item(d)) {
            let reason = format!("the tail of the item ending the row above: {d:?}");
            out.push((i, Flag { field: "description", reason }));
        }
    }
    out
}

/// Latin words this short are left out of the spelling check: short
/// words combine into real ones too easily ("in" + "to").
const SPELLING_MIN_CHARS: usize = 4;

/// The cells of a record whose words the spelling check compares.
fn texts(r: &Record) -> impl Iterator<Item = (&'static str, &str)> {
    [("category", r.category.as_str()), ("name", r.name.as_str()), ("frequency_text", r.frequency_text.as_str())]
        .into_iter()
        .chain(r.description.iter().map(|d| ("description", d.as_str())))
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
}

/// The Latin words that stand side by side across a space in a text.
fn neighbours(text: &str) -> Vec<(String, String)> {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter_map(|p| Some((latin_words(p[0]).pop()?, latin_words(p[1]).into_iter().next()?)))
        .collect()
}

/// Words spelled one way in one row and another way elsewhere in the plan:
/// two words the plan uses apart, glued ("publicmarkets" where "public"
/// and "markets" recur), or a word the plan uses whole, split ("Informati
/// on" where "information" recurs). Returns (index, flag).
fn word_spacing(records: &[Record]) -> Vec<(usize, Flag)> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in records {
        for (_, t) in texts(r) {
            for w in latin_words(t) {
                *seen.entry(w).or_default() += 1;
            }
        }
    }
    // How often each two words stand side by side.
    let mut pairs: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    for r in records {
        for (_, t) in texts(r) {
            for (a, b) in neighbours(t) {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let count = |w: &str| seen.get(w).copied().unwrap_or(0);
    let pair = |a: &str, b: &str| pairs.get(&(a.to_owned(), b.to_owned())).copied().unwrap_or(0);
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        for (field, t) in texts(r) {
            let words = latin_words(t);
            // A word that two recurring words make, itself seen once, or
            // that the plan writes as the two words at least as often.
            let glued = words.iter().find(|w| {
                (SPELLING_MIN_CHARS..=w.len().saturating_sub(SPELLING_MIN_CHARS)).any(|k| {
                    let (Some(a), Some(b)) = (w.get(..k), w.get(k..)) else { return false };
                    (count(w) == 1 && count(a) >= 2 && count(b) >= 2) || pair(a, b) >= count(w).max(1)
                })
            });
            // Two neighbours of one cell line that make a word the plan has
            // whole: one of them is no word of the plan's own, seen once or
            // only ever beside the other (a split repeated row after row).
            let split = t.split_whitespace().collect::<Vec<_>>().windows(2).find_map(|p| {
                let (a, b) = (latin_words(p[0]), latin_words(p[1]));
                let (a, b) = (a.last()?, b.first()?);
                let whole = format!("{a}{b}");
                let fragment = |w: &str| count(w) == 1 || count(w) == pair(a, b);
                (count(&whole) >= 2 && (fragment(a) || fragment(b)) && !p[0].ends_with(['.', ',', ';', ':']))
                    .then_some(whole)
            });
            if let Some(w) = glued {
                out.push((i, Flag { field, reason: format!("two words glued: {w:?} in {t:?}") }));
            } else if let Some(w) = split {
                out.push((i, Flag { field, reason: format!("a word split: {w:?} in {t:?}") }));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::check::tests::record;

    fn with_category(c: &str) -> Record {
        Record { category: c.into(), ..record() }
    }

    #[test]
    fn categories_checked_against_the_plans_other_rows() {
        let rows = [
            with_category("Recreation and Culture"),
            with_category("Recreation and Culture"),
            with_category("Culture"),
            with_category("Social Welfare"),
            with_category("Social Welfare"),
            with_category("Social Welfare Transport"),
            with_category("Informati on Technology"),
            with_category("Information Technology"),
            with_category("Information Technology"),
            with_category("Housing"),
            with_category("Housing, Planning and Land"),
            with_category("城市管理及公用設施"),
            with_category("城市管理及公用設施"),
            with_category("城市管理及公用設"),
        ];
        let mut flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        flagged.sort_unstable();
        flagged.dedup();
        // A category that begins with a rarer one ("Housing" and "Housing,
        // Planning and Land" once each) is not flagged.
        assert_eq!(flagged, [2, 5, 6, 13]);
    }

    #[test]
    fn a_row_without_the_description_its_neighbours_have() {
        let mut rows = vec![record(), record(), record(), record()];
        rows[2].description.clear();
        let flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        assert_eq!(flagged, [2]);
        // A plan that leaves rows undescribed, or too few rows to tell.
        rows[1].description.clear();
        assert!(check_plan(&rows).is_empty());
        let mut rows = vec![record(), record(), record()];
        rows[0].description.clear();
        assert!(check_plan(&rows).is_empty());
    }

    #[test]
    fn an_item_without_the_full_stop_the_plans_others_have() {
        let mut rows = vec![record(), record(), record(), record(), record()];
        rows[3].description = vec!["數據按年份、月份及地區劃分，方便使用者進行趨勢分".into()];
        let flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        assert_eq!(flagged, [3]);
        rows[4].description = vec!["析。".into(), "Home names and addresses.".into()];
        let flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        assert_eq!(flagged, [3, 4]);
        // A plan that writes some items as phrases, or too few to tell.
        rows[1].description = vec!["Home names and addresses".into()];
        assert!(check_plan(&rows).is_empty());
        assert!(check_plan(&rows[2..]).is_empty());
    }

    fn with_name(n: &str) -> Record {
        Record { name: n.into(), ..record() }
    }

    #[test]
    fn words_spelled_apart_elsewhere_in_the_plan() {
        let rows = [
            with_name("Public markets"),
            with_name("Opening hours of public markets"),
            with_name("Applications received for publicmarkets"),
            with_name("Information kiosks"),
            with_name("Information desks"),
            with_name("Informati on boards"),
            with_name("Land coverage"),
        ];
        let mut flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        flagged.sort_unstable();
        // "coverage" is no "cover" + "age": the pieces are too short to tell.
        assert_eq!(flagged, [2, 5]);
    }

    #[test]
    fn words_split_the_same_way_row_after_row() {
        // "informati" stands only ever before "on", and the plan has
        // "information" whole. "publicmarkets" twice against "public
        // markets" once: the rarer spelling is the one flagged.
        let rows = [
            with_name("Informati on boards"),
            with_name("Informati on desks"),
            with_name("Real-time information of car parks"),
            with_name("Locations of publicmarkets"),
            with_name("Inventory of publicmarkets"),
            with_name("Public markets"),
            with_name("Data on desks"),
            with_name("Information kiosks"),
        ];
        let mut flagged: Vec<usize> = check_plan(&rows).into_iter().map(|(i, _)| i).collect();
        flagged.sort_unstable();
        assert_eq!(flagged, [0, 1, 5]);
    }
}
