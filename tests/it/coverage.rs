//! Issue 3's check of the text layer: every dataset name, category,
//! bullet, date and frequency of every truth file appears in the
//! `--layout` text, white space removed, its wrapped pieces in order (an
//! ordered subsequence within a short window, since other columns' text
//! sits between the pieces).

use serde_json::Value;

use crate::support::{files, fixtures};

/// Whether `needle` is an ordered subsequence of `hay` starting at some
/// occurrence of its first character and ending within the window.
fn found(hay: &[char], needle: &[char]) -> bool {
    let Some(&first) = needle.first() else { return true };
    let window = 8 * needle.len() + 200;
    hay.iter().enumerate().filter(|&(_, &c)| c == first).any(|(start, _)| {
        let mut k = 0;
        for &c in hay.iter().skip(start).take(window) {
            if c == needle[k] {
                k += 1;
                if k == needle.len() {
                    return true;
                }
            }
        }
        false
    })
}

fn squash(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn subsequence_finder() {
    let hay = squash("1 Infrastruct Street light • Lamp 05/2024\n ure locations");
    assert!(found(&hay, &squash("Infrastructure")));
    assert!(found(&hay, &squash("Street light locations")));
    assert!(!found(&hay, &squash("Street lightz")));
    assert!(!found(&hay, &squash("locations Street")));
}

#[test]
fn every_truth_string_is_in_the_layout_text() {
    let dir = fixtures().join("pdf");
    let (mut total, mut missing) = (0usize, Vec::new());
    for pdf in files(&dir, ".pdf") {
        let truth_path = pdf.with_extension("truth.json");
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(&truth_path).expect("truth")).expect("json");
        let bytes = std::fs::read(&pdf).expect("pdf");
        let text = odplan::pdf_text(&bytes, true).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let hay = squash(&text);
        for r in truth["records"].as_array().expect("records") {
            let mut wanted: Vec<&str> =
                ["category", "name", "date_text", "frequency_text"].iter().filter_map(|f| r[f].as_str()).collect();
            wanted.extend(r["description"].as_array().expect("description").iter().filter_map(Value::as_str));
            for w in wanted {
                total += 1;
                if !found(&hay, &squash(w)) {
                    missing.push(format!("{}: {w}", pdf.display()));
                }
            }
        }
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
