use std::path::Path;

use super::*;
use crate::segment::Language;

fn rec(section: &str, org: &str, item: u32, name: &str) -> Record {
    Record {
        id: crate::record::dataset_id("P", section, org, false, name),
        source: "p.pdf".into(),
        language: Language::En,
        publisher: "P".into(),
        plan_period: "2024-2026".into(),
        plan_date: Some("2023-12".into()),
        section: section.into(),
        status: "planned".into(),
        organisation: org.into(),
        spatial: false,
        item_no: item,
        category: "Transport".into(),
        name: name.into(),
        new_item: false,
        description: vec!["On DATA.GOV.HK.".into()],
        formats: vec![],
        date_text: "03/2025".into(),
        date: Some("2025-03".into()),
        frequency_text: "Monthly".into(),
        frequency: "monthly".into(),
        pages: vec![1],
    }
}

#[test]
fn fields_are_every_record_field_in_schema_order() {
    let v = serde_json::to_value(rec("A", "P", 1, "x")).expect("json");
    let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    let mut sorted_fields = FIELDS.to_vec();
    sorted_fields.sort_unstable();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    assert_eq!(sorted_fields, sorted_keys);
}

#[test]
fn same_records_make_no_change() {
    let a = vec![rec("A", "P", 1, "Roads"), rec("C", "Q", 1, "Parks")];
    assert!(compare(&a, &a.clone()).is_empty());
}

#[test]
fn changed_fields_added_and_gone_records_are_each_reported() {
    let old = vec![rec("A", "P", 1, "Roads"), rec("A", "P", 2, "Bridges"), rec("C", "Q", 1, "Parks")];
    let mut changed = rec("A", "P", 1, "Roads");
    changed.date = Some("2025-06".into());
    changed.frequency = "weekly".into();
    let new = vec![changed, rec("C", "Q", 1, "Parks"), rec("D", "P", 1, "Signs")];
    let changes = compare(&old, &new);
    let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "changed A / P / non-spatial item 1: date: \"2025-03\" -> \"2025-06\"",
            "changed A / P / non-spatial item 1: frequency: \"monthly\" -> \"weekly\"",
            "gone    A / P / non-spatial item 2: Bridges",
            "added   D / P / non-spatial item 1: Signs",
        ]
    );
}

#[test]
fn rows_sharing_a_place_are_matched_in_order() {
    let old = vec![rec("C", "Q", 1, "First"), rec("C", "Q", 1, "Second")];
    let new = vec![rec("C", "Q", 1, "First")];
    let changes = compare(&old, &new);
    assert_eq!(changes.len(), 1);
    assert!(matches!(&changes[0], Change::Gone { key, name } if key.nth == 1 && name == "Second"));
}

#[test]
fn junit_has_one_case_a_document_and_escapes_what_it_quotes() {
    let results = vec![
        Checked { path: "a&b.pdf".into(), outcome: Outcome::Match { records: 3 } },
        Checked {
            path: "c.pdf".into(),
            outcome: Outcome::Differs(vec![Change::Added {
                key: RecordKey { section: "A".into(), organisation: "<Org>".into(), spatial: true, item_no: 2, nth: 0 },
                name: "\"quoted\" \u{1} name".into(),
            }]),
        },
        Checked { path: "d.pdf".into(), outcome: Outcome::NoExpectation },
        Checked { path: "e.pdf".into(), outcome: Outcome::Failed("not a PDF".into()) },
    ];
    let xml = junit(&results);
    assert_eq!(xml.matches("<testcase ").count(), 4);
    assert!(xml.contains("tests=\"4\" failures=\"2\" errors=\"1\""), "{xml}");
    assert!(xml.contains("name=\"a&amp;b.pdf\"/>"), "{xml}");
    assert!(xml.contains("&lt;Org&gt;") && xml.contains("&quot;quoted&quot;  name"), "{xml}");
    assert!(!xml.contains('\u{1}'));
    assert!(xml.contains("<failure type=\"no-expectation\""));
    assert!(xml.contains("<error type=\"unreadable\" message=\"failed   e.pdf: not a PDF\">"), "{xml}");
    // Well formed: every opened failure or error is closed.
    assert_eq!(xml.matches("<failure ").count(), xml.matches("</failure>").count());
    assert_eq!(xml.matches("<error ").count(), xml.matches("</error>").count());
}

#[test]
fn the_expectation_sits_beside_the_plan() {
    assert_eq!(expected_path(Path::new("plans/a.b-2024.pdf")), Path::new("plans/a.b-2024.expected.json"));
    assert_eq!(expected_path(Path::new("x.txt")), Path::new("x.expected.json"));
}
