//! DCAT-AP 3.0.0 JSON-LD: a `dcat:Catalog` of `dcat:Dataset`s that the
//! profile's SHACL shapes accept.
//!
//! Controlled values are IRIs of the EU authority lists (see [`vocab`]),
//! each declared with its class and label in place, since a validator sees
//! only the document. What the profile says of the plan's states:
//! released → `dct:issued` and status COMPLETED; planned → the target
//! date as `dct:available` ("will become available") and status DEVELOP;
//! dropped → WITHDRAWN. The status is `adms:status` of each distribution
//! (distribution-status list, as the profile has it) and of the dataset
//! (dataset-status list). A distribution needs a `dcat:accessURL`, so only
//! a row that names a portal gets distributions, whose access URL is that
//! portal's landing page; a row naming none gets no distribution (the
//! profile allows a dataset without) rather than an invented URL.

pub mod vocab;

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::record::Record;
use crate::segment::Language;
use vocab::{Concept, Portal, State};

/// The context every node is written in.
pub fn context() -> Value {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "adms": "http://www.w3.org/ns/adms#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    })
}

/// A text in a language.
fn lit(text: &str, lang: Language) -> Value {
    json!({ "@value": text, "@language": lang.code() })
}

/// A concept of an EU list, with the class the profile checks it for.
fn concept(c: Concept, class: &str) -> Value {
    json!({ "@id": c.iri(), "@type": class, "skos:prefLabel": { "@value": c.label, "@language": "en" } })
}

/// The typed literal for a normalised date: month, year, or (for a
/// quarter, which XSD has no type for) a plain string.
fn date_literal(date: &str) -> Value {
    match date.len() {
        7 if !date.contains('Q') => json!({ "@value": date, "@type": "xsd:gYearMonth" }),
        4 => json!({ "@value": date, "@type": "xsd:gYear" }),
        _ => json!(date),
    }
}

/// What a dataset node is made from: one record, or a dataset merged
/// across editions and languages.
pub struct DatasetParts<'a> {
    pub iri: String,
    pub identifier: &'a str,
    /// Per language: name, description bullets, category, organisation.
    pub texts: Vec<Texts<'a>>,
    pub frequency: &'a str,
    pub state: State,
    pub date: Option<&'a str>,
    pub formats: &'a [String],
    pub portals: Vec<&'static Portal>,
}

/// One language's texts of a dataset.
pub struct Texts<'a> {
    pub language: Language,
    pub name: &'a str,
    pub description: &'a [String],
    pub category: &'a str,
    pub organisation: &'a str,
}

/// A dataset node.
pub fn dataset_node(p: &DatasetParts) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), json!(p.iri));
    node.insert("@type".into(), json!("dcat:Dataset"));
    node.insert("dct:identifier".into(), json!(p.identifier));
    // Title and description are mandatory: a row without a name or bullets
    // falls back on what it has rather than leaving the field out.
    let titles: Vec<Value> =
        p.texts.iter().map(|t| lit(if t.name.is_empty() { t.category } else { t.name }, t.language)).collect();
    let descriptions: Vec<Value> = p
        .texts
        .iter()
        .map(|t| {
            let text = if t.description.is_empty() { t.name.to_owned() } else { t.description.join("\n") };
            lit(&text, t.language)
        })
        .collect();
    node.insert("dct:title".into(), Value::Array(titles));
    node.insert("dct:description".into(), Value::Array(descriptions));
    let keywords: Vec<Value> =
        p.texts.iter().filter(|t| !t.category.is_empty()).map(|t| lit(t.category, t.language)).collect();
    if !keywords.is_empty() {
        node.insert("dcat:keyword".into(), Value::Array(keywords));
    }
    let mut themes: Vec<Concept> = Vec::new();
    for t in &p.texts {
        for theme in vocab::themes(t.category) {
            if !themes.contains(theme) {
                themes.push(*theme);
            }
        }
    }
    if !themes.is_empty() {
        node.insert("dcat:theme".into(), themes.into_iter().map(|t| concept(t, "skos:Concept")).collect());
    }
    let names: Vec<Value> = p.texts.iter().map(|t| lit(t.organisation, t.language)).collect();
    node.insert("dct:publisher".into(), json!({ "@type": "foaf:Agent", "foaf:name": names }));
    node.insert("dct:accrualPeriodicity".into(), concept(vocab::frequency_of(p.frequency), "dct:Frequency"));
    node.insert("adms:status".into(), concept(p.state.dataset_status(), "skos:Concept"));
    if let Some(date) = p.date {
        let key = if p.state == State::Released { "dct:issued" } else { "dct:available" };
        node.insert(key.into(), date_literal(date));
    }
    let distributions = distributions(p);
    if !distributions.is_empty() {
        node.insert("dcat:distribution".into(), Value::Array(distributions));
    }
    Value::Object(node)
}

/// One distribution per format the row names, reached through every
/// portal it names; one without a format when it names none.
fn distributions(p: &DatasetParts) -> Vec<Value> {
    if p.portals.is_empty() {
        return Vec::new();
    }
    let access: Vec<Value> = p
        .portals
        .iter()
        .map(|portal| {
            json!({ "@id": portal.landing_page, "@type": ["rdfs:Resource", "foaf:Document"], "dct:title": portal.title })
        })
        .collect();
    let status = concept(p.state.distribution_status(), "skos:Concept");
    let mut out = Vec::new();
    let formats: Vec<Option<&str>> =
        if p.formats.is_empty() { vec![None] } else { p.formats.iter().map(|f| Some(f.as_str())).collect() };
    for format in formats {
        let mut d = Map::new();
        d.insert("@type".into(), json!("dcat:Distribution"));
        d.insert("dcat:accessURL".into(), Value::Array(access.clone()));
        d.insert("adms:status".into(), status.clone());
        if let Some(f) = format {
            d.insert("dct:title".into(), json!(f));
            if let Some(ft) = vocab::file_type_of(f) {
                d.insert("dct:format".into(), concept(ft, "dct:MediaTypeOrExtent"));
            }
        }
        out.push(Value::Object(d));
    }
    out
}

/// One record as a `dcat:Dataset` node. Its IRI names the row (dataset
/// id, language, and where the row sits in which document), since the same
/// dataset can be listed in several plans, or twice in one.
pub fn dataset(r: &Record) -> Value {
    let item = r.item_no.to_string();
    let place =
        crate::record::short_hash(&[&r.source, &r.section, &r.organisation, if r.spatial { "1" } else { "0" }, &item]);
    let parts = DatasetParts {
        iri: format!("urn:odplan:dataset:{}:{}:{place}", r.id, r.language.code()),
        identifier: &r.id,
        texts: vec![Texts {
            language: r.language,
            name: &r.name,
            description: &r.description,
            category: &r.category,
            organisation: &r.organisation,
        }],
        frequency: &r.frequency,
        state: State::of_status(&r.status),
        date: r.date.as_deref(),
        formats: &r.formats,
        portals: vocab::portals_named(&r.description),
    };
    dataset_node(&parts)
}

/// What the catalogue node says of itself, gathered from its datasets.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Documents (plans) that gave datasets.
    pub plans: usize,
    pub datasets: usize,
    /// Each plan publisher's name in each language, once.
    pub publishers: BTreeSet<(String, Language)>,
    pub languages: BTreeSet<Language>,
}

impl Summary {
    /// Counts one document's records.
    pub fn add_document(&mut self, records: &[Record]) {
        if records.is_empty() {
            return;
        }
        self.plans += 1;
        self.datasets += records.len();
        for r in records {
            self.publishers.insert((r.publisher.clone(), r.language));
            self.languages.insert(r.language);
        }
    }
}

/// The catalogue's own properties (all but its datasets). Its publisher
/// is the plans' publisher when they have one; else the group of them.
pub fn catalogue_properties(s: &Summary) -> Map<String, Value> {
    let langs: Vec<Language> =
        if s.languages.is_empty() { vec![Language::En] } else { s.languages.iter().copied().collect() };
    let mut m = Map::new();
    let title = |l: Language| match l {
        Language::En => lit("Datasets of open data plans", l),
        Language::ZhHant => lit("開放數據計劃的數據集", l),
        Language::ZhHans => lit("开放数据计划的数据集", l),
    };
    let description = |l: Language| {
        let (plans, datasets) = (s.plans, s.datasets);
        match l {
            Language::En => lit(
                &format!(
                    "{datasets} dataset entries that {plans} open data plans list as planned or released, read from the plans by odplan."
                ),
                l,
            ),
            Language::ZhHant => lit(
                &format!("{plans} 份開放數據計劃列出的 {datasets} 項計劃開放或已開放的數據集，由 odplan 從計劃讀出。"),
                l,
            ),
            Language::ZhHans => lit(
                &format!("{plans} 份开放数据计划列出的 {datasets} 项计划开放或已开放的数据集，由 odplan 从计划读出。"),
                l,
            ),
        }
    };
    m.insert("dct:title".into(), langs.iter().map(|&l| title(l)).collect());
    m.insert("dct:description".into(), langs.iter().map(|&l| description(l)).collect());
    let names_per_language = |l: Language| s.publishers.iter().filter(|(_, pl)| *pl == l).count();
    let one_publisher = !s.publishers.is_empty() && langs.iter().all(|&l| names_per_language(l) <= 1);
    let publisher = if one_publisher {
        let names: Vec<Value> = s.publishers.iter().map(|(n, l)| lit(n, *l)).collect();
        json!({ "@type": "foaf:Agent", "foaf:name": names })
    } else {
        let members: Vec<Value> =
            s.publishers.iter().map(|(n, l)| json!({ "@type": "foaf:Agent", "foaf:name": lit(n, *l) })).collect();
        let names: Vec<Value> = langs
            .iter()
            .map(|&l| match l {
                Language::En => lit("The publishers of the open data plans", l),
                Language::ZhHant => lit("各開放數據計劃的發布機構", l),
                Language::ZhHans => lit("各开放数据计划的发布机构", l),
            })
            .collect();
        json!({ "@type": ["foaf:Agent", "foaf:Group"], "foaf:name": names, "foaf:member": members })
    };
    m.insert("dct:publisher".into(), publisher);
    let mut eu_langs: Vec<Concept> = Vec::new();
    for &l in &langs {
        let c = vocab::language_of(l);
        if !eu_langs.contains(&c) {
            eu_langs.push(c);
        }
    }
    m.insert(
        "dct:language".into(),
        eu_langs.into_iter().map(|c| json!({ "@id": c.iri(), "@type": "dct:LinguisticSystem" })).collect(),
    );
    m.insert(
        "dcat:themeTaxonomy".into(),
        json!({
            "@id": format!("{}data-theme", vocab::AUTHORITY),
            "@type": "skos:ConceptScheme",
            "dct:title": { "@value": "Data theme", "@language": "en" },
        }),
    );
    m
}

/// The catalogue's start, up to the opening of its dataset list.
pub fn head() -> String {
    let start = json!({
        "@context": context(),
        "@id": "urn:odplan:catalogue",
        "@type": "dcat:Catalog",
    });
    let text = start.to_string();
    format!("{},\"dcat:dataset\":[", text.strip_suffix('}').unwrap_or(&text))
}

/// The catalogue's end after the dataset list: its own properties.
pub fn tail(s: &Summary) -> String {
    let props = Value::Object(catalogue_properties(s)).to_string();
    format!("],{}", props.strip_prefix('{').unwrap_or(&props))
}

/// A whole catalogue at once.
pub fn catalogue<'a>(records: impl IntoIterator<Item = &'a Record>) -> Value {
    let records: Vec<&Record> = records.into_iter().collect();
    let mut summary = Summary::default();
    let mut by_source: Vec<(&str, Vec<Record>)> = Vec::new();
    for r in &records {
        match by_source.iter_mut().find(|(s, _)| *s == r.source) {
            Some((_, v)) => v.push((*r).clone()),
            None => by_source.push((&r.source, vec![(*r).clone()])),
        }
    }
    for (_, rs) in &by_source {
        summary.add_document(rs);
    }
    whole(records.into_iter().map(dataset).collect(), &summary)
}

/// A catalogue of ready dataset nodes.
pub fn whole(datasets: Vec<Value>, summary: &Summary) -> Value {
    let mut doc = Map::new();
    doc.insert("@context".into(), context());
    doc.insert("@id".into(), json!("urn:odplan:catalogue"));
    doc.insert("@type".into(), json!("dcat:Catalog"));
    doc.insert("dcat:dataset".into(), Value::Array(datasets));
    doc.extend(catalogue_properties(summary));
    Value::Object(doc)
}

#[cfg(test)]
mod tests;
