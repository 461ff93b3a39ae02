//! The binary: exit codes, output files, messages about bad input.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixtures;

fn odplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_odplan")).args(args).current_dir(cwd).output().expect("run odplan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seed() -> String {
    fixtures().join("text/itib-2024-2026-zh.txt").display().to_string()
}

#[test]
fn good_input_exits_0_and_writes_every_format() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = odplan(&["extract", &seed(), "-o", out.to_str().expect("utf-8")], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["itib-2024-2026-zh.json", "records.csv", "records.jsonl", "report.json"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), 14);
    let csv = std::fs::read_to_string(out.join("records.csv")).expect("csv");
    assert!(csv.starts_with("id,source,language,publisher,plan_period,plan_date,section,status,"));
    assert_eq!(csv.lines().count(), 15, "header plus 14 records");
    assert!(stderr(&o).contains("1 documents (1 ok, 0 failed)"), "{}", stderr(&o));
}

#[test]
fn format_selection_and_bom() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = odplan(&["extract", &seed(), "-o", "out", "--format", "csv", "--bom"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path().join("out");
    assert!(!out.join("records.jsonl").exists());
    assert!(!out.join("itib-2024-2026-zh.json").exists());
    let csv = std::fs::read(out.join("records.csv")).expect("csv");
    assert!(csv.starts_with("\u{FEFF}id,source,".as_bytes()));
}

#[test]
fn a_bad_document_fails_alone_with_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(seed(), dir.join("a-good.txt")).expect("copy");
    std::fs::write(dir.join("b-empty.txt"), b"").expect("write");
    std::fs::write(dir.join("c-binary.txt"), b"\x00\x01\x02garbage\x00").expect("write");
    std::fs::write(dir.join("d-prose.txt"), "Just a letter, not a plan.\n").expect("write");
    let o = odplan(&["extract", "in", "-o", "out"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("b-empty.txt: empty file"), "{err}");
    assert!(err.contains("c-binary.txt: text in an unknown encoding"), "{err}");
    assert!(err.contains("d-prose.txt: not recognised as an open data plan"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("out/report.json")).expect("report"))
            .expect("json");
    let docs = report["documents"].as_array().expect("documents");
    let status: Vec<(&str, &str)> =
        docs.iter().map(|d| (d["source"].as_str().expect("source"), d["status"].as_str().expect("status"))).collect();
    assert_eq!(
        status,
        [("a-good.txt", "ok"), ("b-empty.txt", "failed"), ("c-binary.txt", "failed"), ("d-prose.txt", "failed")]
    );
    assert_eq!(docs[0]["records"], 14);
    let jsonl = std::fs::read_to_string(tmp.path().join("out/records.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), 14);
    assert!(!tmp.path().join("out/b-empty.json").exists());
}

#[test]
fn a_failed_document_leaves_no_stale_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let doc = tmp.path().join("plan.txt");
    std::fs::copy(seed(), &doc).expect("copy");
    assert_eq!(odplan(&["extract", "plan.txt", "-o", "out"], tmp.path()).status.code(), Some(0));
    assert!(tmp.path().join("out/plan.json").exists());
    std::fs::write(&doc, b"").expect("truncate");
    assert_eq!(odplan(&["extract", "plan.txt", "-o", "out"], tmp.path()).status.code(), Some(1));
    assert!(!tmp.path().join("out/plan.json").exists(), "stale per-document output left behind");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    assert_eq!(odplan(&["extract"], tmp.path()).status.code(), Some(2));
    assert_eq!(odplan(&["extract", "x.txt", "--format", "xml"], tmp.path()).status.code(), Some(2));
    assert_eq!(odplan(&["extract", "x.txt", "--jobs", "0"], tmp.path()).status.code(), Some(2));
    assert_eq!(odplan(&["frobnicate"], tmp.path()).status.code(), Some(2));
}

#[test]
fn a_missing_input_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = odplan(&["extract", "nowhere.txt"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere.txt"), "{}", stderr(&o));
    assert!(!tmp.path().join("odplan-out").exists(), "no output for a run that read nothing");
}

#[test]
fn outputs_do_not_depend_on_the_job_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = fixtures().join("text").display().to_string();
    for jobs in ["1", "2", "4"] {
        let o = odplan(&["extract", &text, "-o", &format!("out{jobs}"), "--jobs", jobs], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for f in ["records.csv", "records.jsonl", "report.json"] {
        let one = std::fs::read(tmp.path().join("out1").join(f)).expect("out1");
        for jobs in ["2", "4"] {
            assert_eq!(
                one,
                std::fs::read(tmp.path().join(format!("out{jobs}")).join(f)).expect("out"),
                "{f} with {jobs} jobs"
            );
        }
    }
}

#[test]
fn a_pdf_that_is_not_a_plan_fails_with_a_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(
        dir.join("letter.pdf"),
        crate::support::make_pdf(b"BT /F1 12 Tf 72 700 Td (Dear colleague, see attached.) Tj ET"),
    )
    .expect("write");
    std::fs::write(dir.join("scan.pdf"), crate::support::make_pdf(b"q 100 0 0 100 0 0 cm Q")).expect("write");
    std::fs::write(dir.join("fake.pdf"), b"<html>not a pdf</html>").expect("write");
    std::fs::copy(fixtures().join("pdf/hko-2024-zh-p3.pdf"), dir.join("plan.pdf")).expect("copy");
    let o = odplan(&["extract", "in", "-o", "out"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("letter.pdf: not recognised as an open data plan"), "{err}");
    assert!(err.contains("scan.pdf: no text layer: scanned PDF, OCR needed"), "{err}");
    assert!(err.contains("fake.pdf: not a PDF"), "{err}");
    let jsonl = std::fs::read_to_string(tmp.path().join("out/records.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), 11, "the plan's records, and nothing from the others");
    assert!(jsonl.lines().all(|l| l.contains("\"source\":\"plan.pdf\"")));
}

#[test]
fn text_command_prints_pages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pdf = fixtures().join("pdf/censtatd-2024-zh-p3.pdf").display().to_string();
    let o = odplan(&["text", "--layout", &pdf], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).expect("utf-8");
    assert!(out.contains("政府統計處"));
    assert!(out.matches('\x0c').count() >= 3, "form feeds between pages");
    let o = odplan(&["text", "missing.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.pdf"));
}

#[test]
fn a_folder_of_broken_pdfs_beside_good_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    let good = std::fs::read(fixtures().join("pdf/fsd-2024-en-p3.pdf")).expect("fixture");
    std::fs::write(dir.join("a-good.pdf"), &good).expect("write");
    // Truncated before its cross-reference table: recovered, with a warning.
    let cut = good.windows(9).rposition(|w| w == b"startxref").expect("startxref");
    std::fs::write(dir.join("b-truncated.pdf"), &good[..cut]).expect("write");
    // Truncated to its first kilobyte: nothing to recover.
    std::fs::write(dir.join("c-stub.pdf"), &good[..1024]).expect("write");
    // Encrypted with a real user password.
    let mut doc = lopdf::Document::load_mem(&good).expect("load");
    let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("state");
    doc.encrypt(&state).expect("encrypt");
    let mut locked = Vec::new();
    doc.save_to(&mut locked).expect("save");
    std::fs::write(dir.join("d-locked.pdf"), locked).expect("write");

    let o = odplan(&["extract", "in", "-o", "out"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("out/report.json")).expect("report"))
            .expect("json");
    let docs = report["documents"].as_array().expect("documents");
    let line = |i: usize| {
        let d = &docs[i];
        format!("{} {} {} {} {}", d["source"], d["status"], d["records"], d["errors"], d["warnings"])
    };
    assert!(line(0).starts_with("\"a-good.pdf\" \"ok\" 21 [] []"), "{}", line(0));
    assert!(line(1).starts_with("\"b-truncated.pdf\" \"ok\" 21 [] [\"damaged"), "{}", line(1));
    assert!(line(2).contains("\"failed\""), "{}", line(2));
    assert!(line(3).contains("encrypted PDF: a password is needed"), "{}", line(3));
    let err = stderr(&o);
    assert!(err.contains("c-stub.pdf: "), "{err}");
    assert!(err.contains("d-locked.pdf: encrypted PDF"), "{err}");
}

#[test]
fn text_of_a_pdf_without_text_says_why_and_exits_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("scan.pdf"), crate::support::make_pdf(b"q 100 0 0 100 0 0 cm Q")).expect("write");
    let o = odplan(&["text", "scan.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("scan.pdf: no text layer"), "{}", stderr(&o));
    // Text operators that show only blanks are not "no text layer".
    std::fs::write(tmp.path().join("blank.pdf"), crate::support::make_pdf(b"BT /F1 12 Tf 72 700 Td (   ) Tj ET"))
        .expect("write");
    let o = odplan(&["text", "blank.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("blank.pdf") && !err.contains("no text layer"), "{err}");
    std::fs::write(tmp.path().join("hi.pdf"), crate::support::make_pdf(b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET"))
        .expect("write");
    let o = odplan(&["text", "hi.pdf"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "Hi");
}
