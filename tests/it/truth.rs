//! Fixtures that carry a `<stem>.truth.json` (records made independently of
//! odplan) must come out exactly so, field by field, as the corpus scorer
//! compares them: white space folded, none beside a CJK character.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::{extract, files, fixtures};

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

fn norm(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let chars: Vec<char> = folded.chars().collect();
            let kept: String = chars
                .iter()
                .enumerate()
                .filter(|&(i, &c)| {
                    c != ' ' || !(i > 0 && is_cjk(chars[i - 1]) || chars.get(i + 1).copied().is_some_and(is_cjk))
                })
                .map(|(_, &c)| c)
                .collect();
            Value::String(kept)
        }
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        other => other.clone(),
    }
}

fn key(r: &Value) -> String {
    format!("{} {} {} {}", r["section"], norm(&r["organisation"]), r["spatial"], r["item_no"])
}

pub fn compare(input: &Path, truth_path: &Path) -> Vec<String> {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(truth_path).expect("truth file")).expect("truth json");
    let doc = extract(input);
    let mut problems = Vec::new();
    if let Some(e) = &doc.error {
        return vec![format!("{}: failed: {e}", input.display())];
    }
    let ours: BTreeMap<String, Value> =
        doc.records.iter().map(|r| serde_json::to_value(r).expect("record json")).map(|v| (key(&v), v)).collect();
    let theirs = truth["records"].as_array().expect("records array");
    if ours.len() != doc.records.len() || doc.records.len() != theirs.len() {
        problems.push(format!(
            "{}: {} records (distinct keys {}), truth has {}",
            input.display(),
            doc.records.len(),
            ours.len(),
            theirs.len()
        ));
    }
    // Truth made for another producer's copy of the plan knows its pages only.
    let pages_exact = truth.get("pages_exact").and_then(Value::as_bool).unwrap_or(true);
    for t in theirs {
        let Some(o) = ours.get(&key(t)) else {
            problems.push(format!("{}: missing {}", input.display(), key(t)));
            continue;
        };
        for (field, want) in t.as_object().expect("record object") {
            if field == "pages" && !pages_exact {
                continue;
            }
            if norm(want) != norm(&o[field]) {
                problems.push(format!("{}: {} {field}: want {want} got {}", input.display(), key(t), o[field]));
            }
        }
    }
    problems
}

/// Compares every input in `dir` ending in `suffix` that has a truth
/// file: how many were checked, and every difference.
fn check_dir(dir: &str, suffix: &str) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for input in files(&fixtures().join(dir), suffix) {
        let truth = input.with_extension("truth.json");
        if truth.exists() {
            checked += 1;
            problems.extend(compare(&input, &truth));
        }
    }
    (checked, problems)
}

#[test]
fn text_fixtures_match_their_truth() {
    let (checked, problems) = check_dir("text", ".txt");
    assert!(checked >= 4, "only {checked} text fixtures have truth files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pdf_fixtures_match_their_truth() {
    let (checked, problems) = check_dir("pdf", ".pdf");
    assert!(checked >= 29, "only {checked} PDF fixtures have truth files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Plans printed by Chromium (Type 3 fonts, tables with and without
/// borders), made by scripts/browser_plan.py from the corpus truth: a
/// producer the development corpus does not have. "works" + "throughput"
/// once came out glued: two real words at a line break stay two words.
#[test]
fn browser_printed_pdfs_match_their_truth() {
    let (checked, problems) = check_dir("pdf-browser", ".pdf");
    assert_eq!(checked, 4, "every browser fixture has a truth file");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Plans from scripts/layoutgen in layouts neither development corpus
/// shows, one per class of failure the sweep found and the table finder
/// now reads: sections lettered "(A)", "A)", "Part A."; a publisher
/// printed above the title; N/A in every cell or wrapped in a narrow one;
/// dash, en-dash, square and numbered bullets; rules as horizontal lines
/// only or none; page numbers as "- 9 -", "Page 9 of 12", 第9頁，共12頁 or
/// bare; the plan date on a cover, under the title or in the footer;
/// bullets hanging at the column edge; dates flush left under a date
/// header centred over a wider column; Ghostscript's "ffi" ligature map;
/// cells centred vertically on pages with no rules between rows, and on a
/// page of one row between a grid's rules; a header band closed by its
/// padding gap alone; short pages whose columns show only under the same
/// header elsewhere; rules drawn around the header cells only; CJK header
/// cells set closer than a space; a plan of one page with its running
/// header and footer still on it.
#[test]
fn generated_layouts_match_their_truth() {
    let (checked, problems) = check_dir("pdf-layouts", ".pdf");
    assert!(checked >= 29, "only {checked} generated layouts have truth files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
