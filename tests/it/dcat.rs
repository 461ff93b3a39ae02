//! `--format dcat` writes JSON-LD that a JSON-LD processor reads back:
//! pyld expands it to full IRIs and compacts it again to the same datasets.

use std::process::Command;

use crate::support::fixtures;

const CHECK: &str = r#"
import json, sys
from pyld import jsonld
doc = json.load(open(sys.argv[1], encoding="utf-8"))
expanded = jsonld.expand(doc)
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
catalog = [n for n in expanded if DCAT + "Catalog" in n.get("@type", [])]
assert len(catalog) == 1, "one catalogue"
datasets = catalog[0][DCAT + "dataset"]
for d in datasets:
    assert DCAT + "Dataset" in d["@type"], d
    assert d[DCT + "title"][0]["@value"], d
    freq = d[DCT + "accrualPeriodicity"][0]["@id"]
    assert freq.startswith("http://publications.europa.eu/resource/authority/frequency/"), freq
    assert d[DCT + "publisher"][0]["http://xmlns.com/foaf/0.1/name"][0]["@value"], d
compacted = jsonld.compact(expanded, doc["@context"])
again = compacted["dcat:dataset"] if "dcat:dataset" in compacted else compacted["@graph"][0]["dcat:dataset"]
ids = doc["dcat:dataset"]
assert len(again) == len(ids), (len(again), len(ids))
print(len(datasets))
"#;

#[test]
fn dcat_catalogue_round_trips_through_a_json_ld_processor() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let pdfs =
        ["hko-2024-en-p3.pdf", "hko-2024-zh-p3.pdf", "epd-2025-zh-p4.pdf"].map(|p| fixtures().join("pdf").join(p));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_odplan"));
    cmd.arg("extract").args(&pdfs).args(["--format", "dcat,jsonl", "-q", "-o"]).arg(&out);
    let o = cmd.output().expect("run odplan");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let script = tmp.path().join("check.py");
    std::fs::write(&script, CHECK).expect("script");
    let o = Command::new("python3")
        .arg(&script)
        .arg(out.join("catalogue.jsonld"))
        .output()
        .expect("python3 with pyld is needed for this test (.ci/run installs it: pip install pyld)");
    assert!(o.status.success(), "pyld rejected the catalogue:\n{}", String::from_utf8_lossy(&o.stderr));
    let count: usize = String::from_utf8_lossy(&o.stdout).trim().parse().expect("count");
    let records = std::fs::read_to_string(out.join("records.jsonl")).expect("jsonl").lines().count();
    assert!(count > 0 && count <= records, "{count} datasets for {records} records");
}
