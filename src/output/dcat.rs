//! A DCAT-AP style JSON-LD catalogue of the records.

use serde_json::{Value, json};

use crate::record::Record;

/// The EU frequency vocabulary's code for a SCHEMA.md frequency token.
pub fn eu_frequency(token: &str) -> &'static str {
    match token {
        "real-time" => "UPDATE_CONT",
        "hourly" => "HOURLY",
        "daily" => "DAILY",
        "weekly" => "WEEKLY",
        "fortnightly" => "BIWEEKLY",
        "monthly" => "MONTHLY",
        "bimonthly" => "BIMONTHLY",
        "quarterly" => "QUARTERLY",
        "half-yearly" => "ANNUAL_2",
        "annually" => "ANNUAL",
        "biennially" => "BIENNIAL",
        "as-needed" => "IRREG",
        "one-off" => "NEVER",
        "every-1-minutes" => "1MIN",
        "every-5-minutes" => "5MIN",
        "every-10-minutes" => "10MIN",
        "every-15-minutes" => "15MIN",
        "every-30-minutes" => "30MIN",
        t if t.starts_with("every-") => "UPDATE_CONT",
        _ => "OTHER",
    }
}

const FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/";

/// The typed literal for a normalised date: month, year, or (for a
/// quarter, which XSD has no type for) a plain string.
fn issued(date: &str) -> Value {
    match date.len() {
        7 if !date.contains('Q') => json!({ "@value": date, "@type": "xsd:gYearMonth" }),
        4 => json!({ "@value": date, "@type": "xsd:gYear" }),
        _ => json!(date),
    }
}

/// One record as a `dcat:Dataset` node.
pub fn dataset(r: &Record) -> Value {
    let lang = r.language.code();
    let mut node = json!({
        "@id": format!("urn:odplan:dataset:{}:{}", r.id, lang),
        "@type": "dcat:Dataset",
        "dct:identifier": r.id,
        "dct:title": { "@value": r.name, "@language": lang },
        "dct:description": r.description.iter().map(|d| json!({ "@value": d, "@language": lang })).collect::<Vec<_>>(),
        "dct:publisher": { "@type": "foaf:Agent", "foaf:name": { "@value": r.organisation, "@language": lang } },
        "dcat:theme": { "@value": r.category, "@language": lang },
        "dct:accrualPeriodicity": { "@id": format!("{FREQUENCY}{}", eu_frequency(&r.frequency)) },
        "adms:status": r.status,
        "dcat:distribution": r.formats.iter().map(|f| json!({ "@type": "dcat:Distribution", "dct:format": f })).collect::<Vec<_>>(),
    });
    if let (Some(date), Some(obj)) = (r.date.as_deref(), node.as_object_mut()) {
        obj.insert("dct:issued".into(), issued(date));
    }
    node
}

/// The catalogue around the dataset nodes; they go in its "dcat:dataset".
pub fn envelope() -> Value {
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "adms": "http://www.w3.org/ns/adms#",
        },
        "@id": "urn:odplan:catalogue",
        "@type": "dcat:Catalog",
        "dcat:dataset": [],
    })
}

/// A whole catalogue at once.
pub fn catalogue<'a>(records: impl IntoIterator<Item = &'a Record>) -> Value {
    let mut doc = envelope();
    if let Some(list) = doc.get_mut("dcat:dataset").and_then(Value::as_array_mut) {
        list.extend(records.into_iter().map(dataset));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::eu_frequency;

    #[test]
    fn every_schema_token_has_an_eu_code() {
        let tokens = [
            "real-time",
            "every-15-minutes",
            "every-7-minutes",
            "hourly",
            "daily",
            "weekly",
            "fortnightly",
            "monthly",
            "bimonthly",
            "quarterly",
            "half-yearly",
            "annually",
            "biennially",
            "as-needed",
            "one-off",
            "other",
        ];
        let codes: Vec<&str> = tokens.iter().map(|t| eu_frequency(t)).collect();
        assert_eq!(
            codes,
            [
                "UPDATE_CONT",
                "15MIN",
                "UPDATE_CONT",
                "HOURLY",
                "DAILY",
                "WEEKLY",
                "BIWEEKLY",
                "MONTHLY",
                "BIMONTHLY",
                "QUARTERLY",
                "ANNUAL_2",
                "ANNUAL",
                "BIENNIAL",
                "IRREG",
                "NEVER",
                "OTHER"
            ]
        );
    }
}
