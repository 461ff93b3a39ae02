//! `--format dcat` and `catalogue --format dcat` conform to DCAT-AP 3.0.0:
//! pyshacl, with the profile's official shapes (tests/data), finds no
//! violation in the catalogues of one plan pair per PDF producer.

use std::path::Path;
use std::process::Command;

use crate::support::fixtures;

/// Validates each file as `pyshacl -s SHAPES -df json-ld FILE` does (no
/// inference) and prints "file violations" lines, then the first messages.
const VALIDATE: &str = r#"
import sys, rdflib
from pyshacl import validate
shapes = rdflib.Graph().parse(sys.argv[1], format="turtle")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
for path in sys.argv[2:]:
    data = rdflib.Graph().parse(path, format="json-ld")
    conforms, report, text = validate(data, shacl_graph=shapes)
    violations = list(report.subjects(SH.resultSeverity, SH.Violation))
    datasets = len(list(data.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset"))))
    print(path, len(violations), datasets)
    if violations:
        print(text[:3000], file=sys.stderr)
"#;

fn odplan(args: &[&str], cwd: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_odplan")).args(args).current_dir(cwd).output().expect("run odplan");
    assert!(o.status.success(), "odplan {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn dcat_catalogues_have_no_dcat_ap_violation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // One plan, in both languages, from each producer of fixtures/pdf
    // (LibreOffice, ReportLab, Ghostscript).
    let plans = ["afcd-2024", "hko-2024", "epd-2025"];
    let mut args: Vec<String> = vec!["extract".into()];
    for p in plans {
        for lang in ["en", "zh"] {
            let suffix = if p == "epd-2025" {
                "p4"
            } else if p == "hko-2024" {
                "p3"
            } else {
                "p1"
            };
            let path = fixtures().join("pdf").join(format!("{p}-{lang}-{suffix}.pdf"));
            args.push(path.to_str().expect("utf-8 path").to_owned());
        }
    }
    args.extend(["--format", "dcat,jsonl", "-q", "-o", "run"].map(String::from));
    odplan(&args.iter().map(String::as_str).collect::<Vec<_>>(), tmp.path());
    odplan(&["catalogue", "run", "--format", "dcat", "-o", "merged.jsonld"], tmp.path());
    let script = tmp.path().join("validate.py");
    std::fs::write(&script, VALIDATE).expect("script");
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dcat-ap-3.0.0-SHACL.ttl");
    let o = Command::new("python3")
        .arg(&script)
        .arg(&shapes)
        .args(["run/catalogue.jsonld", "merged.jsonld"])
        .current_dir(tmp.path())
        .output()
        .expect("python3 with pyshacl is needed for this test (scripts/test.sh installs it: pip install pyshacl)");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "pyshacl failed to run:\n{}", String::from_utf8_lossy(&o.stderr));
    let results: Vec<(String, usize, usize)> = stdout
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_owned(), f[1].parse().expect("count"), f[2].parse().expect("count"))
        })
        .collect();
    assert_eq!(results.len(), 2, "{stdout}");
    let records = std::fs::read_to_string(tmp.path().join("run/records.jsonl")).expect("records").lines().count();
    let (_, run_violations, run_datasets) = &results[0];
    let (_, merged_violations, merged_datasets) = &results[1];
    assert_eq!(*run_datasets, records, "one dcat:Dataset a record");
    assert!(*merged_datasets > 0 && *merged_datasets < records, "languages merged: {merged_datasets} of {records}");
    assert_eq!(
        (*run_violations, *merged_violations),
        (0, 0),
        "DCAT-AP violations:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

const OLD: &str = "Lands Department\nOpen Data Plan for 2024-2026\nA. Datasets to be released in 2024\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n\
    1 Development Survey maps\n• Maps on DATA.GOV.HK.\n03/2024 Monthly\n2 Development Hiking trails\n• Trails.\n06/2025 Monthly\n\
    3 Development Old boundaries\n• Lines on the CSDI Portal.\n05/2024 Annually\nii. Non-spatial Data\nN/A\nLands Department\nDecember 2023\n";

const NEW: &str = "Lands Department\nOpen Data Plan for 2025-2027\nA. Datasets to be released in 2025\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n\
    1 Development Hiking trails\n• Trails.\n12/2025 Monthly\nii. Non-spatial Data\nN/A\n\
    D. Progress: datasets uploaded\ni. Spatial Data\n\
    Item No. Data Category Dataset Name General Description Release Date Update Frequency\n\
    1 Development Survey maps\n• Maps on DATA.GOV.HK.\n08/2024 Monthly\nii. Non-spatial Data\nN/A\nLands Department\nDecember 2024\n";

#[test]
fn catalogue_dcat_says_planned_released_and_dropped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("old.txt"), OLD).expect("write");
    std::fs::write(tmp.path().join("new.txt"), NEW).expect("write");
    odplan(&["extract", "old.txt", "new.txt", "-q", "-o", "run"], tmp.path());
    // Without -o, a DCAT catalogue is named for what it is.
    odplan(&["catalogue", "run", "--format", "dcat"], tmp.path());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("catalogue.jsonld")).expect("read"))
            .expect("json");
    // A dataset released in D is a record beside the planned one of A:
    // for "Survey maps" the released one.
    let state = |title: &str| {
        let d = doc["dcat:dataset"]
            .as_array()
            .expect("datasets")
            .iter()
            .filter(|d| d["dct:title"][0]["@value"] == title)
            .find(|d| title != "Survey maps" || d.get("dct:issued").is_some())
            .unwrap_or_else(|| panic!("{title} in {doc}"));
        let code =
            |v: &serde_json::Value| v["@id"].as_str().and_then(|s| s.rsplit('/').next()).unwrap_or("").to_owned();
        let dist = d["dcat:distribution"].as_array().and_then(|a| a.first()).map(|x| code(&x["adms:status"]));
        (code(&d["adms:status"]), dist, d.get("dct:issued").is_some(), d.get("dct:available").is_some())
    };
    // Released in the new plan: issued, complete, on the portal it names.
    assert_eq!(state("Survey maps"), ("COMPLETED".into(), Some("COMPLETED".into()), true, false));
    let planned_then = doc["dcat:dataset"]
        .as_array()
        .expect("datasets")
        .iter()
        .find(|d| d["dct:title"][0]["@value"] == "Survey maps" && d.get("dct:issued").is_none())
        .expect("the planned record of the released dataset");
    assert!(
        planned_then["adms:status"]["@id"].as_str().is_some_and(|s| !s.ends_with("WITHDRAWN")),
        "released, not dropped"
    );
    // Still planned, with no portal named: no distribution, a target date.
    assert_eq!(state("Hiking trails"), ("DEVELOP".into(), None, false, true));
    // Gone from the publisher's later plan, never released.
    assert_eq!(state("Old boundaries"), ("WITHDRAWN".into(), Some("WITHDRAWN".into()), false, true));
}
