//! Raw rows → records, exactly as SCHEMA.md defines them.

pub mod check;
pub mod date;
pub mod frequency;

use serde::{Deserialize, Serialize};

use crate::Diagnostic;
use crate::segment::{Language, Plan, RawRow, Table, patterns};

/// One dataset row of a plan. Field order is SCHEMA.md's, which the JSON
/// and CSV outputs follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable across runs, job counts and machines: see [`dataset_id`].
    pub id: String,
    pub source: String,
    pub language: Language,
    pub publisher: String,
    pub plan_period: String,
    pub plan_date: Option<String>,
    pub section: String,
    /// "planned" (sections A–C) or "released" (D).
    pub status: String,
    pub organisation: String,
    pub spatial: bool,
    pub item_no: u32,
    pub category: String,
    pub name: String,
    pub new_item: bool,
    pub description: Vec<String>,
    pub formats: Vec<String>,
    pub date_text: String,
    pub date: Option<String>,
    pub frequency_text: String,
    pub frequency: String,
    pub pages: Vec<u32>,
}

/// Normalises every row of a plan. `source` is the input's name as given.
pub fn normalise(plan: &Plan, source: &str) -> (Vec<Record>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let publisher = plan.publisher.clone().unwrap_or_default();
    if publisher.is_empty() {
        diagnostics.push(Diagnostic::new(None, "publisher not found in the title block"));
    }
    let plan_period = plan.plan_period.clone().unwrap_or_default();
    if plan_period.is_empty() {
        diagnostics.push(Diagnostic::new(None, "plan period not found in the title"));
    }
    let plan_date =
        plan.plan_date_text.as_deref().and_then(date::normalise).map(|d| d.chars().take(7).collect::<String>());
    match (&plan.plan_date_text, &plan_date) {
        (None, _) => diagnostics.push(Diagnostic::new(None, "publication date not found at the end of the plan")),
        (Some(t), None) => diagnostics.push(Diagnostic::new(None, format!("publication date not understood: {t}"))),
        _ => {}
    }
    let mut records = Vec::new();
    for table in &plan.tables {
        for row in &table.rows {
            records.push(record(plan, table, row, source, &publisher, &plan_period, &plan_date, &mut diagnostics));
        }
    }
    for (i, f) in check::check_plan(&records) {
        diagnostics.push(flagged(&records[i], f));
    }
    (records, diagnostics)
}

#[allow(clippy::too_many_arguments)]
fn record(
    plan: &Plan,
    table: &Table,
    row: &RawRow,
    source: &str,
    publisher: &str,
    plan_period: &str,
    plan_date: &Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Record {
    let (date_text, frequency_text) = date_and_frequency(&row.date_text, &row.frequency_text);
    let date = date::normalise(&date_text);
    let frequency = frequency::normalise(&frequency_text);
    let organisation = table.organisation.clone().unwrap_or_else(|| publisher.to_owned());
    let record = Record {
        id: dataset_id(publisher, table.section.letter(), &organisation, table.spatial, &row.name),
        source: source.to_owned(),
        language: plan.language,
        publisher: publisher.to_owned(),
        plan_period: plan_period.to_owned(),
        plan_date: plan_date.clone(),
        section: table.section.letter().to_owned(),
        status: if table.section == crate::segment::Section::D { "released" } else { "planned" }.to_owned(),
        organisation,
        spatial: table.spatial,
        item_no: row.item_no,
        category: row.category.clone(),
        name: row.name.clone(),
        new_item: row.new_item,
        description: row.description.clone(),
        formats: formats(&row.description),
        date_text,
        date,
        frequency_text,
        frequency,
        pages: row.pages.clone(),
    };
    for f in check::check(&record) {
        diagnostics.push(flagged(&record, f));
    }
    for (field, reason) in &row.unsettled {
        diagnostics.push(flagged(&record, check::Flag { field, reason: reason.clone() }));
    }
    record
}

/// The date and frequency cells with the frequency's text moved out of
/// the date cell, where a table's columns let it in: a date cell holds a
/// date and nothing after it, so text after the date that is a frequency
/// (the frequency cell empty) or begins one (the frequency cell's text
/// alone is none, with it one) is the frequency's.
fn date_and_frequency(date_text: &str, frequency_text: &str) -> (String, String) {
    let unchanged = (date_text.to_owned(), frequency_text.to_owned());
    let Some(c) = crate::segment::patterns::DATE_THEN_FREQUENCY.captures(date_text) else { return unchanged };
    let (Some(date), Some(rest)) = (c.get(1), c.get(2)) else { return unchanged };
    let known = |t: &str| frequency::normalise(t) != "other";
    let moved = if frequency_text.trim().is_empty() {
        known(rest.as_str()).then(|| rest.as_str().to_owned())
    } else {
        let joined = crate::segment::join::join_text([rest.as_str(), frequency_text]);
        (known(&joined) && !known(frequency_text)).then_some(joined)
    };
    match moved {
        Some(f) => (date.as_str().trim().to_owned(), f),
        None => unchanged,
    }
}

/// The diagnostic of a field the self-check flagged, on the record's
/// first page.
fn flagged(r: &Record, f: check::Flag) -> Diagnostic {
    let message = format!("section {} item {}: {}", r.section, r.item_no, f.reason);
    Diagnostic::flag(r.pages.first().copied(), &r.id, f.field, message)
}

/// A dataset's name folded for comparison: NFKC (full-width forms become
/// their ASCII twins), lower case, white space removed.
pub fn normalised_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A short stable hash of what identifies a dataset row within a plan's
/// series: publisher, section, organisation, spatial flag and normalised
/// name. FNV-1a, 64 bits, shown as 12 hex digits: fixed by this code, not
/// by a library version or the machine.
pub fn dataset_id(publisher: &str, section: &str, organisation: &str, spatial: bool, name: &str) -> String {
    short_hash(&[
        publisher.trim(),
        section,
        organisation.trim(),
        if spatial { "1" } else { "0" },
        &normalised_name(name),
    ])
}

/// FNV-1a (64 bits) over fields with a separator between them, shown as
/// its top 48 bits in 12 hex digits: fixed by this code.
pub fn short_hash(fields: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            hash = (hash ^ 0x1F).wrapping_mul(0x0100_0000_01b3);
        }
        for b in field.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", hash >> 16)
}

/// Formats named in the description, in order of first mention: whole
/// ASCII words only, so "GeoJSON" is not also "JSON", and "以JSON、" is.
pub fn formats(description: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in description {
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            if let Some(f) = patterns::FORMATS.iter().find(|f| f.eq_ignore_ascii_case(word)) {
                if !out.iter().any(|o| o == f) {
                    out.push((*f).to_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{dataset_id, date_and_frequency, formats};

    #[test]
    fn ids_are_stable_and_fold_spacing_and_width() {
        let id = dataset_id("運輸署", "A", "運輸署", false, "行車速度圖");
        // A fixed value: the id must not change between versions or machines.
        assert_eq!(id, dataset_id("運輸署", "A", "運輸署", false, " 行車 速度圖 "));
        assert_eq!(id.len(), 12);
        assert_eq!(
            dataset_id("P", "A", "P", true, "Ｓｔｒｅｅｔ Lights"),
            dataset_id("P", "A", "P", true, "street lights")
        );
        assert_ne!(id, dataset_id("運輸署", "D", "運輸署", false, "行車速度圖"));
        assert_ne!(id, dataset_id("運輸署", "A", "運輸署", true, "行車速度圖"));
        expect_test::expect!["19d2167e5a29"].assert_eq(&dataset_id(
            "Hong Kong Observatory",
            "A",
            "Hong Kong Observatory",
            true,
            "Rainfall",
        ));
    }

    #[test]
    fn frequency_text_in_the_date_cell_goes_back_to_the_frequency() {
        let check = |date: &str, freq: &str, expected: (&str, &str)| {
            let (d, f) = date_and_frequency(date, freq);
            assert_eq!((d.as_str(), f.as_str()), expected, "{date:?} {freq:?}");
        };
        check("07/2025 Fortnightly", "", ("07/2025", "Fortnightly"));
        check("11/2017 每", "小時", ("11/2017", "每小時"));
        check("Q2 2024 Every", "10 minutes", ("Q2 2024", "Every 10 minutes"));
        // What is no frequency stays, and a whole frequency cell is not
        // added to.
        check("Q2 2024 (tentative)", "", ("Q2 2024 (tentative)", ""));
        check("06/2024 Daily", "Weekly", ("06/2024 Daily", "Weekly"));
        check("06/2024", "Weekly", ("06/2024", "Weekly"));
    }

    #[test]
    fn formats_in_order_without_repeats() {
        let d = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            formats(&d(&["machine-readable format (e.g. SHP, GeoJSON)", "CSV and shp"])),
            ["SHP", "GeoJSON", "CSV"]
        );
        assert_eq!(formats(&d(&["透過「資料一線通」網站以JSON、XML格式發放。"])), ["JSON", "XML"]);
        assert_eq!(formats(&d(&["(如：XLSX、CSV) 開放數據。", "APIs are not API"])), ["XLSX", "CSV", "API"]);
        assert!(formats(&d(&["No format named; csvkit is a tool"])).is_empty());
    }
}
