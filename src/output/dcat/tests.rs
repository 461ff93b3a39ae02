use serde_json::Value;

use super::*;

fn record(status: &str, description: &[&str], formats: &[&str]) -> Record {
    Record {
        id: "0123456789ab".into(),
        source: "plan.pdf".into(),
        language: Language::En,
        publisher: "Lands Department".into(),
        plan_period: "2024-2026".into(),
        plan_date: Some("2023-12".into()),
        section: if status == "released" { "D" } else { "A" }.into(),
        status: status.into(),
        organisation: "Lands Department".into(),
        spatial: true,
        item_no: 3,
        category: "Development".into(),
        name: "Survey maps".into(),
        new_item: false,
        description: description.iter().map(|s| s.to_string()).collect(),
        formats: formats.iter().map(|s| s.to_string()).collect(),
        date_text: "03/2024".into(),
        date: Some("2024-03".into()),
        frequency_text: "As needed".into(),
        frequency: "as-needed".into(),
        pages: vec![1],
    }
}

fn ids(v: &Value) -> Vec<&str> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x["@id"].as_str()).collect(),
        x => x["@id"].as_str().into_iter().collect(),
    }
}

#[test]
fn controlled_values_are_declared_iris_and_the_category_stays_a_keyword() {
    let d = dataset(&record("planned", &["Maps in SHP and API on the CSDI Portal."], &["SHP", "API"]));
    assert_eq!(ids(&d["dcat:theme"]), ["http://publications.europa.eu/resource/authority/data-theme/REGI"]);
    assert_eq!(d["dcat:theme"][0]["@type"], "skos:Concept");
    assert!(d["dcat:theme"][0]["skos:prefLabel"]["@value"].is_string());
    assert_eq!(d["dcat:keyword"][0], serde_json::json!({"@value": "Development", "@language": "en"}));
    assert_eq!(
        ids(&d["dct:accrualPeriodicity"]),
        ["http://publications.europa.eu/resource/authority/frequency/AS_NEEDED"]
    );
    assert_eq!(d["dct:accrualPeriodicity"]["@type"], "dct:Frequency");
    let dists = d["dcat:distribution"].as_array().expect("distributions");
    assert_eq!(dists.len(), 2);
    assert_eq!(ids(&dists[0]["dct:format"]), ["http://publications.europa.eu/resource/authority/file-type/SHP"]);
    assert!(dists[1].get("dct:format").is_none(), "API is no file type");
    for dist in dists {
        assert_eq!(ids(&dist["dcat:accessURL"]), ["https://portal.csdi.gov.hk/"]);
        assert_eq!(
            ids(&dist["adms:status"]),
            ["http://publications.europa.eu/resource/authority/distribution-status/DEVELOP"]
        );
    }
}

#[test]
fn a_row_naming_no_portal_gets_no_invented_access_url() {
    let d = dataset(&record("planned", &["Maps in CSV on our website."], &["CSV"]));
    assert!(d.get("dcat:distribution").is_none(), "{d}");
    assert_eq!(ids(&d["adms:status"]), ["http://publications.europa.eu/resource/authority/dataset-status/DEVELOP"]);
}

#[test]
fn released_rows_are_issued_and_planned_rows_available_later() {
    let released = dataset(&record("released", &["On DATA.GOV.HK."], &[]));
    assert_eq!(released["dct:issued"]["@value"], "2024-03");
    assert!(released.get("dct:available").is_none());
    assert_eq!(
        ids(&released["dcat:distribution"][0]["adms:status"]),
        ["http://publications.europa.eu/resource/authority/distribution-status/COMPLETED"]
    );
    assert_eq!(ids(&released["dcat:distribution"][0]["dcat:accessURL"]), ["https://data.gov.hk/"]);
    let planned = dataset(&record("planned", &["On DATA.GOV.HK."], &[]));
    assert_eq!(planned["dct:available"]["@type"], "xsd:gYearMonth");
    assert!(planned.get("dct:issued").is_none());
}

#[test]
fn the_same_dataset_twice_in_a_run_is_two_nodes() {
    let a = record("planned", &["x"], &[]);
    let mut b = a.clone();
    b.item_no = 4;
    let mut c = a.clone();
    c.source = "next-year.pdf".into();
    let iris: BTreeSet<String> =
        [&a, &b, &c].iter().map(|r| dataset(r)["@id"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(iris.len(), 3);
    assert_eq!(dataset(&a)["dct:identifier"], dataset(&c)["dct:identifier"]);
}

#[test]
fn mandatory_texts_are_never_missing() {
    let mut r = record("planned", &[], &[]);
    r.name.clear();
    let d = dataset(&r);
    assert_eq!(d["dct:title"][0]["@value"], "Development");
    assert!(d["dct:description"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn streamed_head_and_tail_make_the_same_document_as_a_whole_catalogue() {
    let records = [record("planned", &["On DATA.GOV.HK."], &["CSV"]), record("released", &["x"], &[])];
    let whole = catalogue(records.iter());
    let mut summary = Summary::default();
    summary.add_document(&records);
    let nodes: Vec<String> = records.iter().map(|r| dataset(r).to_string()).collect();
    let streamed = format!("{}\n{}\n{}\n", head(), nodes.join(",\n"), tail(&summary));
    let streamed: Value = serde_json::from_str(&streamed).expect("streamed catalogue is JSON");
    assert_eq!(streamed, whole);
    assert_eq!(whole["dct:publisher"]["foaf:name"][0]["@value"], "Lands Department");
    assert_eq!(ids(&whole["dct:language"]), ["http://publications.europa.eu/resource/authority/language/ENG"]);
}

#[test]
fn several_publishers_make_the_catalogue_publisher_a_group() {
    let a = record("planned", &["x"], &[]);
    let mut b = a.clone();
    b.publisher = "Hong Kong Observatory".into();
    b.source = "hko.pdf".into();
    let doc = catalogue([&a, &b]);
    let p = &doc["dct:publisher"];
    assert_eq!(p["foaf:member"].as_array().map(Vec::len), Some(2));
    assert!(p["@type"].as_array().is_some_and(|t| t.contains(&Value::from("foaf:Agent"))));
}
