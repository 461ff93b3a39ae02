//! The merged catalogue as DCAT-AP 3: one `dcat:Dataset` per dataset,
//! its Chinese and English versions together (titles, descriptions,
//! keywords and publisher names in both languages), with the state of its
//! latest edition, or dropped when its publisher's latest plan no longer
//! lists it and it was never released.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::{Dataset, Row, merge};
use crate::output::dcat::{self, DatasetParts, Summary, Texts, vocab};
use crate::record::normalised_name;
use crate::segment::Language;

/// The plan edition a row comes from, comparable: publication date, period.
fn edition(r: &Row) -> (Option<&str>, &str) {
    (r.plan_date.as_deref(), r.plan_period.as_str())
}

/// A dataset across editions, as `diff` sees it: the section is left out,
/// since a dataset moves from A–C (planned) to D (released).
type Key = (String, String, bool, String, Language);

fn key(r: &Row) -> Key {
    (r.publisher.clone(), r.organisation.clone(), r.spatial, normalised_name(&r.name), r.language)
}

/// Which datasets were dropped: planned, never released under any section,
/// and absent from the latest plan of their publisher in every language
/// they were listed in.
struct Dropped<'a> {
    latest: BTreeMap<(&'a str, Language), (Option<&'a str>, &'a str)>,
    in_latest: BTreeSet<Key>,
    released: BTreeSet<Key>,
}

impl<'a> Dropped<'a> {
    fn new(rows: &'a [Row]) -> Dropped<'a> {
        let mut latest: BTreeMap<(&str, Language), (Option<&str>, &str)> = BTreeMap::new();
        for r in rows {
            let e = latest.entry((r.publisher.as_str(), r.language)).or_insert(edition(r));
            if edition(r) > *e {
                *e = edition(r);
            }
        }
        let in_latest = rows
            .iter()
            .filter(|r| latest.get(&(r.publisher.as_str(), r.language)) == Some(&edition(r)))
            .map(key)
            .collect();
        let released = rows.iter().filter(|r| r.status == "released").map(key).collect();
        Dropped { latest, in_latest, released }
    }

    fn is(&self, d: &Dataset, members: &[&Row]) -> bool {
        d.status != "released"
            && members.iter().all(|r| {
                let k = key(r);
                !self.released.contains(&k)
                    && !self.in_latest.contains(&k)
                    && self.latest.get(&(r.publisher.as_str(), r.language)).is_some_and(|l| *l > edition(r))
            })
    }
}

/// The rows in the JSON-LD catalogue of their merged datasets.
pub fn catalogue(rows: &[Row]) -> Value {
    let datasets = merge(rows);
    let dropped = Dropped::new(rows);
    let mut by_id: HashMap<&str, Vec<&Row>> = HashMap::new();
    for r in rows {
        by_id.entry(r.id.as_str()).or_default().push(r);
    }
    let mut nodes = Vec::with_capacity(datasets.len());
    for d in &datasets {
        let members: Vec<&Row> =
            d.ids.iter().flat_map(|id| by_id.get(id.as_str()).into_iter().flatten()).copied().collect();
        nodes.push(node(d, &members, dropped.is(d, &members)));
    }
    let mut summary = Summary::default();
    let sources: BTreeSet<&str> = rows.iter().map(|r| r.source.as_str()).collect();
    summary.plans = sources.len();
    summary.datasets = datasets.len();
    for r in rows {
        summary.publishers.insert((r.publisher.clone(), r.language));
        summary.languages.insert(r.language);
    }
    dcat::whole(nodes, &summary)
}

fn node(d: &Dataset, members: &[&Row], dropped: bool) -> Value {
    // The latest row of each language gives that language's texts.
    let latest_of = |zh: bool| {
        members
            .iter()
            .filter(|r| (r.language != Language::En) == zh)
            .max_by(|a, b| edition(a).cmp(&edition(b)))
            .copied()
    };
    let texts: Vec<Texts> = [latest_of(true), latest_of(false)]
        .into_iter()
        .flatten()
        .map(|r| Texts {
            language: r.language,
            name: &r.name,
            description: &r.description,
            category: &r.category,
            organisation: &r.organisation,
        })
        .collect();
    let state = if dropped { vocab::State::Dropped } else { vocab::State::of_status(&d.status) };
    let mut portals: Vec<&'static vocab::Portal> = Vec::new();
    for r in members {
        for p in vocab::portals_named(&r.description) {
            if !portals.iter().any(|q| std::ptr::eq(*q, p)) {
                portals.push(p);
            }
        }
    }
    dcat::dataset_node(&DatasetParts {
        iri: format!("urn:odplan:dataset:{}", d.id),
        identifier: &d.id,
        texts,
        frequency: &d.frequency,
        state,
        date: d.date.as_deref(),
        formats: &d.formats,
        portals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    fn row(lang: Language, period: &str, date: &str, item: u32, name: &str, status: &str) -> Record {
        let en = lang == Language::En;
        let publisher = if en { "Lands Department" } else { "地政總署" };
        let section = if status == "released" { "D" } else { "A" };
        Record {
            id: crate::record::dataset_id(publisher, section, publisher, false, name),
            source: format!("landsd-{period}-{}.pdf", lang.code()),
            language: lang,
            publisher: publisher.into(),
            plan_period: period.into(),
            plan_date: Some(date.into()),
            section: section.into(),
            status: status.into(),
            organisation: publisher.into(),
            spatial: false,
            item_no: item,
            category: if en { "Development" } else { "發展" }.into(),
            name: name.into(),
            new_item: false,
            description: vec![if en { "CSV on DATA.GOV.HK." } else { "在「資料一線通」以CSV格式發放。" }.into()],
            formats: vec!["CSV".into()],
            date_text: "03/2025".into(),
            date: Some("2025-03".into()),
            frequency_text: "Monthly".into(),
            frequency: "monthly".into(),
            pages: vec![1],
        }
    }

    fn status_of(node: &Value) -> &str {
        node["adms:status"]["@id"].as_str().and_then(|s| s.rsplit('/').next()).unwrap_or("")
    }

    #[test]
    fn both_languages_make_one_dataset_and_a_vanished_plan_is_dropped() {
        let rows = vec![
            row(Language::ZhHant, "2024-2026", "2023-12", 1, "測量圖", "planned"),
            row(Language::En, "2024-2026", "2023-12", 1, "Survey maps", "planned"),
            row(Language::ZhHant, "2024-2026", "2023-12", 2, "舊界線", "planned"),
            row(Language::En, "2024-2026", "2023-12", 2, "Old boundaries", "planned"),
            row(Language::ZhHant, "2025-2027", "2024-12", 1, "測量圖", "planned"),
            row(Language::En, "2025-2027", "2024-12", 1, "Survey maps", "planned"),
        ];
        let doc = catalogue(&rows);
        let nodes = doc["dcat:dataset"].as_array().expect("datasets");
        assert_eq!(nodes.len(), 2);
        let maps = nodes.iter().find(|n| n["dct:title"].to_string().contains("Survey maps")).expect("maps");
        let langs: Vec<&str> =
            maps["dct:title"].as_array().expect("titles").iter().filter_map(|t| t["@language"].as_str()).collect();
        assert_eq!(langs, ["zh-Hant", "en"]);
        assert_eq!(maps["dct:publisher"]["foaf:name"].as_array().map(Vec::len), Some(2));
        assert_eq!(status_of(maps), "DEVELOP");
        let old = nodes.iter().find(|n| n["dct:title"].to_string().contains("Old boundaries")).expect("old");
        assert_eq!(status_of(old), "WITHDRAWN");
        assert!(
            old["dcat:distribution"][0]["adms:status"]["@id"]
                .as_str()
                .is_some_and(|s| s.ends_with("distribution-status/WITHDRAWN"))
        );
    }
}
