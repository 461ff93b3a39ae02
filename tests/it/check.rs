//! `odplan check`: expectations written by `--update`, changes reported
//! per record, exit status, the JUnit report, and the project's own
//! golden files checked with it.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixtures;

fn odplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odplan")).args(args).current_dir(cwd).output().expect("run odplan")
}

const HEADER: &str = "Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n";

fn plan(spatial: &str, non_spatial: &str) -> String {
    let non_spatial = if non_spatial.is_empty() { "N/A\n".to_owned() } else { format!("{HEADER}{non_spatial}") };
    format!(
        "Lands Department\nOpen Data Plan for 2024-2026\nA. Datasets to be released in 2024\ni. Spatial Data\n\
         {HEADER}{spatial}ii. Non-spatial Data\n{non_spatial}Lands Department\nDecember 2023\n"
    )
}

const ROWS: &str = "1 Development Survey maps\n• Maps on DATA.GOV.HK.\n03/2024 Monthly\n\
    2 Development Hiking trails\n• Trails.\n06/2025 Monthly\n\
    3 Development Old boundaries\n• Lines.\n05/2024 Annually\n";

/// The plan re-issued: item 2 slipped, item 3 gone, a non-spatial row new.
const REISSUED: &str = "1 Development Survey maps\n• Maps on DATA.GOV.HK.\n03/2024 Monthly\n\
    2 Development Hiking trails\n• Trails.\n12/2025 Monthly\n";
const REISSUED_NON_SPATIAL: &str = "1 Development Lamp posts\n• Posts.\n01/2026 Weekly\n";

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn update_writes_what_extract_writes_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plans = tmp.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    std::fs::write(plans.join("landsd.txt"), plan(ROWS, "")).expect("write");
    std::fs::write(plans.join("notes.md"), "not a plan").expect("write");

    let o = odplan(&["check", "plans"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "no expectation yet");
    assert!(String::from_utf8_lossy(&o.stdout).contains("missing  plans/landsd.txt"), "{o:?}");
    assert_eq!(names(&plans), ["landsd.txt", "notes.md"], "check alone writes nothing");

    let o = odplan(&["check", "--update", "plans"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(names(&plans), ["landsd.expected.json", "landsd.txt", "notes.md"]);
    assert_eq!(names(tmp.path()), ["plans"], "nothing written outside the expectations");

    // Byte for byte the per-document JSON of `extract --format json`.
    assert!(
        odplan(&["extract", "plans/landsd.txt", "--format", "json", "-q", "-o", "out"], tmp.path()).status.success()
    );
    let extracted = std::fs::read(tmp.path().join("out/landsd.json")).expect("extract json");
    assert_eq!(std::fs::read(plans.join("landsd.expected.json")).expect("expected"), extracted);

    let o = odplan(&["check", "plans/landsd.txt"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ok       plans/landsd.txt (3 records)\n");
}

#[test]
fn a_reissued_plan_shows_every_change_and_fails() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("landsd.txt"), plan(ROWS, "")).expect("write");
    assert!(odplan(&["check", "--update", "landsd.txt"], tmp.path()).status.success());
    std::fs::write(tmp.path().join("landsd.txt"), plan(REISSUED, REISSUED_NON_SPATIAL)).expect("write");

    let o = odplan(&["check", "landsd.txt", "--junit", "report.xml"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    expect_test::expect![[r#"
        DIFFERS  landsd.txt: 2 fields changed, 1 records added, 1 gone
          changed A / Lands Department / spatial item 2: date_text: "06/2025" -> "12/2025"
          changed A / Lands Department / spatial item 2: date: "2025-06" -> "2025-12"
          gone    A / Lands Department / spatial item 3: Old boundaries
          added   A / Lands Department / non-spatial item 1: Lamp posts
    "#]]
    .assert_eq(&String::from_utf8_lossy(&o.stdout));
    let xml = std::fs::read_to_string(tmp.path().join("report.xml")).expect("junit");
    assert_eq!(xml.matches("<testcase ").count(), 1);
    assert!(xml.contains("tests=\"1\" failures=\"1\" errors=\"0\""), "{xml}");
    assert!(xml.contains("<failure type=\"differs\" message=\"DIFFERS  landsd.txt: 2 fields changed"), "{xml}");
    assert!(xml.contains("&quot;06/2025&quot; -&gt; &quot;12/2025&quot;"), "{xml}");

    // --update takes the new records; then all is well again.
    assert!(odplan(&["check", "--update", "landsd.txt"], tmp.path()).status.success());
    assert!(odplan(&["check", "landsd.txt"], tmp.path()).status.success());
}

#[test]
fn unreadable_plans_are_errors_in_the_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("broken.pdf"), b"%PDF-1.7 nothing here").expect("write");
    std::fs::write(tmp.path().join("broken.expected.json"), "{\"records\": []}").expect("write");
    let o = odplan(&["check", "broken.pdf", "--junit", "r.xml"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("failed   broken.pdf: "), "{o:?}");
    let o = odplan(&["check", "--update", "broken.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "an unreadable plan gets no expectation");
    assert_eq!(std::fs::read_to_string(tmp.path().join("broken.expected.json")).expect("kept"), "{\"records\": []}");
    let xml = std::fs::read_to_string(tmp.path().join("r.xml")).expect("junit");
    assert!(xml.contains("errors=\"1\"") && xml.contains("<error type=\"unreadable\""), "{xml}");
}

#[test]
fn the_golden_pdf_fixtures_pass_check() {
    // The golden files hold the records the tests expect; check reads them
    // as expectations (one plan pair per PDF producer keeps this quick).
    let pdf = fixtures().join("pdf");
    let files: Vec<String> = ["afcd-2024-en-p1.pdf", "hko-2024-zh-p3.pdf", "epd-2025-en-p4.pdf"]
        .iter()
        .map(|f| pdf.join(f).to_str().expect("utf-8").to_owned())
        .collect();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let o = odplan(&args, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).matches("\nok ").count() + 1, 3);
}
