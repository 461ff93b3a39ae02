//! Golden tests: every fixture input beside its `<name>.expected.json`.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files; review the
//! diff before committing it.

use std::path::Path;

use serde::Serialize;

use crate::support::{extract, files, fixtures};

/// What a golden file holds, fields in this order (records in SCHEMA.md's).
#[derive(Serialize)]
struct Golden<'a> {
    source: &'a str,
    pages: u32,
    error: Option<&'a str>,
    diagnostics: Vec<String>,
    records: &'a [odplan::record::Record],
}

fn check_dir(dir: &Path, suffix: &str) {
    let inputs = files(dir, suffix);
    assert!(!inputs.is_empty(), "no {suffix} fixtures in {}", dir.display());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for input in inputs {
        let doc = extract(&input);
        let diagnostics: Vec<String> = doc.diagnostics.iter().map(odplan::output::render_diagnostic).collect();
        let actual = Golden {
            source: &doc.source,
            pages: doc.pages,
            error: doc.error.as_deref(),
            diagnostics,
            records: &doc.records,
        };
        let actual = serde_json::to_string_pretty(&actual).expect("json") + "\n";
        let expected_path = input.with_file_name(format!(
            "{}.expected.json",
            input.file_name().and_then(|n| n.to_str()).expect("name").trim_end_matches(suffix)
        ));
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{}: differs from {} at line {}:\n  expected: {}\n  actual:   {}",
                input.display(),
                expected_path.display(),
                first + 1,
                expected.lines().nth(first).unwrap_or("<end>"),
                actual.lines().nth(first).unwrap_or("<end>"),
            ));
        }
    }
    assert!(failures.is_empty(), "{}\n(UPDATE_EXPECT=1 cargo test rewrites them)", failures.join("\n"));
}

#[test]
fn text_fixtures() {
    check_dir(&fixtures().join("text"), ".txt");
}

#[test]
fn pdf_fixtures() {
    check_dir(&fixtures().join("pdf"), ".pdf");
}

#[test]
fn browser_pdf_fixtures() {
    check_dir(&fixtures().join("pdf-browser"), ".pdf");
}

#[test]
fn generated_layout_fixtures() {
    check_dir(&fixtures().join("pdf-layouts"), ".pdf");
}
