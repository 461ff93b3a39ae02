//! Issue 3's check of the text layer: every dataset name, category,
//! bullet, date and frequency of every truth file appears in the
//! `--layout` text, white space removed, its wrapped pieces in order (an
//! ordered subsequence within a short window, since other columns' text
//! sits between the pieces).

use serde_json::Value;

use crate::support::{files, fixtures};

#[test]
fn every_truth_string_is_in_the_layout_text() {
    let dir = fixtures().join("pdf");
    let (mut total, mut missing) = (0usize, Vec::new());
    for pdf in files(&dir, ".pdf") {
        let truth_path = pdf.with_extension("truth.json");
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(&truth_path).expect("truth")).expect("json");
        let bytes = std::fs::read(&pdf).expect("pdf");
        let text = odplan::pdf_text(&bytes, true).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let mut wanted: Vec<String> = Vec::new();
        for r in truth["records"].as_array().expect("records") {
            let fields = ["category", "name", "date_text", "frequency_text"];
            wanted.extend(fields.iter().filter_map(|f| r[f].as_str()).map(str::to_owned));
            wanted.extend(
                r["description"].as_array().expect("description").iter().filter_map(Value::as_str).map(str::to_owned),
            );
        }
        total += wanted.len();
        let gone = odplan::layout::coverage::missing(&text, &wanted);
        missing.extend(gone.into_iter().map(|w| format!("{}: {w}", pdf.display())));
    }
    eprintln!("text layer coverage: {} of {total} truth strings found", total - missing.len());
    assert!(total > 3000, "only {total} strings checked");
    assert!(missing.is_empty(), "{} of {total} not found:\n{}", missing.len(), missing.join("\n"));
}

#[test]
fn p3_full_width_solidus_survives() {
    // poppler turns these into U+2215; decoding the UCS-2 codes directly
    // keeps what the plan printed.
    for pdf in files(&fixtures().join("pdf"), "-zh-p3.pdf") {
        let text = odplan::pdf_text(&std::fs::read(&pdf).expect("pdf"), false).expect("text");
        assert!(text.contains("局／部門"), "{}", pdf.display());
        assert!(!text.contains('\u{2215}'), "{}", pdf.display());
    }
}
