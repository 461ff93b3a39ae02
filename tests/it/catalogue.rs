//! `odplan catalogue` and `odplan diff` over outputs of `odplan extract`.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixtures;

fn odplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odplan")).args(args).current_dir(cwd).output().expect("run odplan")
}

#[test]
fn catalogue_merges_languages_of_the_same_plan() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = fixtures().join("pdf");
    let pdf = pdf.to_str().expect("utf-8");
    assert!(odplan(&["extract", pdf, "-q", "-o", "run"], tmp.path()).status.success());
    let o = odplan(&["catalogue", "run", "-o", "cat.jsonl"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(tmp.path().join("cat.jsonl")).expect("catalogue");
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    // 14 plans in both languages plus the Chinese-only ITIB plan: every
    // English row finds its Chinese twin.
    let en_rows = std::fs::read_to_string(tmp.path().join("run/records.jsonl"))
        .expect("records")
        .lines()
        .filter(|l| l.contains("\"language\":\"en\""))
        .count();
    let paired_editions: usize = lines
        .iter()
        .filter(|d| d["name_en"].is_string() && d["name_zh"].is_string())
        .map(|d| d["editions"].as_array().expect("editions").iter().filter(|e| e["language"] == "en").count())
        .sum();
    assert_eq!(paired_editions, en_rows);
    let transport = lines
        .iter()
        .find(|d| d["name_en"] == "Traffic flow of cross-harbour tunnels (by industry)")
        .expect("a known dataset");
    assert_eq!(transport["publisher"], "運輸署");
    assert_eq!(transport["name_zh"], "過海隧道交通流量（按行業劃分）");
}

#[test]
fn language_pairs_that_disagree_are_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for name in ["hko-2024-en-p3.pdf", "hko-2024-zh-p3.pdf"] {
        std::fs::copy(fixtures().join("pdf").join(name), tmp.path().join(name)).expect("copy");
    }
    assert!(
        odplan(&["extract", "hko-2024-en-p3.pdf", "hko-2024-zh-p3.pdf", "-q", "-o", "run"], tmp.path())
            .status
            .success()
    );
    let mut rows = odplan::catalogue::read_rows(&tmp.path().join("run")).expect("rows");
    let en = rows
        .iter_mut()
        .find(|r| r.language == odplan::segment::Language::En && r.section == "D")
        .expect("an English row in D");
    en.frequency = "daily".into();
    let (section, item_no) = (en.section.clone(), en.item_no);
    let datasets = odplan::catalogue::merge(&rows);
    let flagged: Vec<_> = datasets.iter().flat_map(|d| d.disagreements.iter()).collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(
        (flagged[0].field, flagged[0].section.as_str(), flagged[0].item_no),
        ("frequency", section.as_str(), item_no)
    );
}

const OLD: &str = "Lands Department\nOpen Data Plan for 2024-2026\nA. Datasets to be released in 2024\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n\
    1 Development Survey maps\n• Maps.\n03/2024 Monthly\n2 Development Hiking trails\n• Trails.\n06/2025 Monthly\n\
    3 Development Old boundaries\n• Lines.\n05/2024 Annually\nii. Non-spatial Data\nN/A\nLands Department\nDecember 2023\n";

const NEW: &str = "Lands Department\nOpen Data Plan for 2025-2027\nA. Datasets to be released in 2025\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n\
    1 Development Hiking trails\n• Trails.\n12/2025 Monthly\n2 Development Lamp posts\n• Posts.\n01/2026 Monthly\n\
    ii. Non-spatial Data\nN/A\nD. Progress: datasets uploaded\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Release Date Update Frequency\n\
    1 Development Survey maps\n• Maps.\n08/2024 Monthly\nii. Non-spatial Data\nN/A\nLands Department\nDecember 2024\n";

#[test]
fn diff_between_plan_years() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("old.txt"), OLD).expect("write");
    std::fs::write(tmp.path().join("new.txt"), NEW).expect("write");
    assert!(odplan(&["extract", "old.txt", "-q", "-o", "old"], tmp.path()).status.success());
    assert!(odplan(&["extract", "new.txt", "-q", "-o", "new"], tmp.path()).status.success());
    let o = odplan(&["diff", "old", "new"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    expect_test::expect![[r#"
        Lands Department: 1 added, 1 dropped, 1 slipped, 1 released
        added     Lands Department / Lands Department: Lamp posts — target 2026-01
        dropped   Lands Department / Lands Department: Old boundaries — was due 2024-05
        slipped   Lands Department / Lands Department: Hiking trails — 2025-06 → 2025-12 (+6 months)
        released  Lands Department / Lands Department: Survey maps — planned 2024-03, released 2024-08 (+5 months)
    "#]]
    .assert_eq(&String::from_utf8_lossy(&o.stdout));
    let o = odplan(&["diff", "old/records.jsonl", "new", "--json"], tmp.path());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["per_publisher"]["Lands Department"]["released"], 1);
    assert_eq!(json["changes"][2]["months"], 6);
    // Catalogues of the two years give the same diff.
    assert!(odplan(&["catalogue", "old", "-o", "old.jsonl"], tmp.path()).status.success());
    assert!(odplan(&["catalogue", "new", "-o", "new.jsonl"], tmp.path()).status.success());
    let o = odplan(&["diff", "old.jsonl", "new.jsonl"], tmp.path());
    assert_eq!(String::from_utf8_lossy(&o.stdout), text);
}
