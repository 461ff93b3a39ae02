//! `odplan debug`: one SVG per page that parses as XML and shows as many
//! columns and rows as the table finder and `extract` found there.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{extract, fixtures};

fn odplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odplan")).args(args).current_dir(cwd).output().expect("run odplan")
}

fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| n.attribute("class") == Some(class)).collect()
}

/// Columns per page as the library's trace has them.
fn traced_columns(pdf: &Path) -> Vec<(u32, usize)> {
    use odplan::{layout, pdf, segment};
    let doc = pdf::pages(&std::fs::read(pdf).expect("read")).expect("parse");
    let lines: Vec<layout::Line> = doc.pages.iter().flat_map(layout::lines).collect();
    let info: Vec<segment::PageInfo> =
        doc.pages.iter().map(|p| segment::PageInfo { height: Some(p.height), rules: p.rules.clone() }).collect();
    let plan = segment::plan_with_pages(&lines, &info);
    plan.trace.table_pages.iter().filter_map(|t| Some((t.page, t.columns.as_ref()?.columns.len()))).collect()
}

fn check(name: &str, cjk: bool) {
    let pdf = fixtures().join("pdf").join(name);
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = odplan(&["debug", pdf.to_str().expect("utf-8"), "-o", "svg"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let printed: Vec<String> = String::from_utf8_lossy(&o.stdout).lines().map(str::to_owned).collect();
    let out = extract(&pdf);
    assert!(out.error.is_none() && !out.records.is_empty(), "{name}: {:?}", out.error);
    assert_eq!(printed.len(), usize::try_from(out.pages).expect("fits"), "one SVG per page");
    let stem = name.trim_end_matches(".pdf");
    let columns = traced_columns(&pdf);
    let mut ids: Vec<&str> = out.records.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let unique_ids = ids.windows(2).all(|w| w[0] != w[1]);
    let mut rows_total = 0;
    for (i, path) in printed.iter().enumerate() {
        let page = u32::try_from(i + 1).expect("fits");
        assert_eq!(Path::new(path), Path::new("svg").join(format!("{stem}-p{page}.svg")));
        let svg = std::fs::read_to_string(tmp.path().join(path)).expect("svg written");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{path}: {e}"));
        let rows = with_class(&doc, "row");
        let expected: Vec<&str> =
            out.records.iter().filter(|r| r.pages.contains(&page)).map(|r| r.id.as_str()).collect();
        let ids: Vec<&str> = rows.iter().filter_map(|r| r.attribute("data-id")).collect();
        assert_eq!(ids, expected, "{path}: rows");
        rows_total += rows.len();
        // The self-check's flags: one box per flagged field per page of its row.
        let flagged: usize = out
            .diagnostics
            .iter()
            .filter_map(|d| d.record.as_deref())
            .filter(|id| out.records.iter().any(|r| r.id == *id && r.pages.contains(&page)))
            .count();
        if unique_ids {
            assert_eq!(with_class(&doc, "flagged").len(), flagged, "{path}: flagged cells");
        }
        let drawn = with_class(&doc, "column").len();
        let traced: usize = columns.iter().filter(|c| c.0 == page).map(|c| c.1).sum();
        assert_eq!(drawn, traced, "{path}: columns");
        if !rows.is_empty() {
            let roles: Vec<&str> = with_class(&doc, "column").iter().filter_map(|c| c.attribute("data-role")).collect();
            assert!(roles.contains(&"item") && roles.contains(&"name"), "{path}: {roles:?}");
        }
        let words: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && n.ancestors().any(|a| a.attribute("id") == Some("words")))
            .flat_map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()))
            .collect();
        assert!(!words.is_empty(), "{path}: words drawn");
        assert_eq!(words.chars().any(odplan::layout::is_cjk), cjk, "{path}: CJK words");
    }
    assert!(rows_total >= out.records.len());
}

#[test]
fn english_pdf_pages_match_extract() {
    check("afcd-2024-en-p1.pdf", false);
}

#[test]
fn chinese_pdf_pages_match_extract() {
    check("afcd-2024-zh-p1.pdf", true);
}

#[test]
fn one_page_is_asked_for_and_bad_input_exits_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = fixtures().join("pdf/afcd-2024-en-p1.pdf");
    let pdf = pdf.to_str().expect("utf-8");
    let o = odplan(&["debug", pdf, "--page", "2"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "afcd-2024-en-p1-p2.svg");
    assert!(tmp.path().join("afcd-2024-en-p1-p2.svg").is_file());
    let o = odplan(&["debug", pdf, "--page", "99"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no page 99"));
    std::fs::write(tmp.path().join("junk.pdf"), b"not a pdf at all").expect("write");
    let o = odplan(&["debug", "junk.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("junk.pdf") && err.contains("not a PDF"), "{err}");
}

#[test]
fn flagged_fields_are_drawn_where_the_self_check_put_them() {
    // A plan the self-check flags fields of (when it does: the count drawn
    // must match the count reported either way).
    check("immd-2024-zh-p1.pdf", true);
}
