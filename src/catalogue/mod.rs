//! Records of many runs → one catalogue: datasets merged across plan
//! editions, and the English and Chinese versions of a plan paired.
//!
//! Reads what `extract` wrote (records.jsonl, or the per-document JSON
//! files), so it works on outputs of earlier runs and other machines.

pub mod dcat;
pub mod diff;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::record::Record;
use crate::segment::Language;

/// A record as `extract` wrote it.
pub type Row = Record;

/// Reads the records of an output directory, or of a records.jsonl file.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, Error> {
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| Error::Io { path: p, source }
    };
    let bad = |p: &Path, e: serde_json::Error| Error::Io {
        path: p.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    };
    let jsonl = if path.is_dir() { path.join("records.jsonl") } else { path.to_owned() };
    if jsonl.is_file() {
        let text = std::fs::read_to_string(&jsonl).map_err(io(&jsonl))?;
        let mut rows = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&jsonl, e))?;
            if value.get("editions").is_some() {
                // A catalogue line: back to one row per edition.
                let d: StoredDataset = serde_json::from_value(value).map_err(|e| bad(&jsonl, e))?;
                rows.extend(d.rows());
            } else {
                rows.push(serde_json::from_value(value).map_err(|e| bad(&jsonl, e))?);
            }
        }
        return Ok(rows);
    }
    // No records.jsonl: the per-document files, in name order.
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io(path))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.file_name().is_some_and(|n| n != "report.json"))
        .collect();
    files.sort();
    let mut rows = Vec::new();
    for f in files {
        #[derive(Deserialize)]
        struct Doc {
            records: Vec<Row>,
        }
        let text = std::fs::read_to_string(&f).map_err(io(&f))?;
        let doc: Doc = serde_json::from_str(&text).map_err(|e| bad(&f, e))?;
        rows.extend(doc.records);
    }
    Ok(rows)
}

/// A catalogue line as read back, for diffs between catalogues.
#[derive(Debug, Deserialize)]
struct StoredDataset {
    ids: Vec<String>,
    publisher: String,
    organisation: String,
    spatial: bool,
    name_zh: Option<String>,
    name_en: Option<String>,
    category_zh: Option<String>,
    category_en: Option<String>,
    formats: Vec<String>,
    editions: Vec<Edition>,
}

impl StoredDataset {
    fn rows(self) -> Vec<Row> {
        self.editions
            .into_iter()
            .map(|e| {
                let en = e.language == Language::En;
                let pick = |zh: &Option<String>, en_v: &Option<String>| {
                    if en { en_v.clone().or_else(|| zh.clone()) } else { zh.clone().or_else(|| en_v.clone()) }
                        .unwrap_or_default()
                };
                Record {
                    id: self.ids.first().cloned().unwrap_or_default(),
                    pages: Vec::new(),
                    name: pick(&self.name_zh, &self.name_en),
                    category: pick(&self.category_zh, &self.category_en),
                    publisher: self.publisher.clone(),
                    organisation: self.organisation.clone(),
                    spatial: self.spatial,
                    new_item: false,
                    description: Vec::new(),
                    formats: self.formats.clone(),
                    frequency_text: String::new(),
                    source: e.source,
                    language: e.language,
                    plan_period: e.plan_period,
                    plan_date: e.plan_date,
                    section: e.section,
                    status: e.status,
                    item_no: e.item_no,
                    date_text: e.date_text,
                    date: e.date,
                    frequency: e.frequency,
                }
            })
            .collect()
    }
}

/// One plan edition a dataset appeared in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    pub source: String,
    pub language: Language,
    pub plan_period: String,
    pub plan_date: Option<String>,
    pub section: String,
    pub status: String,
    pub item_no: u32,
    pub date_text: String,
    pub date: Option<String>,
    pub frequency: String,
}

/// Where the two language versions of a paired row disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub plan_period: String,
    pub section: String,
    pub item_no: u32,
    pub field: &'static str,
    pub zh: String,
    pub en: String,
}

/// One dataset of the catalogue, both languages merged where paired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// The id of its latest record (Chinese first where paired).
    pub id: String,
    /// Every record id that names this dataset.
    pub ids: Vec<String>,
    pub publisher: String,
    pub organisation: String,
    pub spatial: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_en: Option<Vec<String>>,
    pub formats: Vec<String>,
    /// Status, date and frequency of the latest edition.
    pub status: String,
    pub date: Option<String>,
    pub frequency: String,
    pub editions: Vec<Edition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
}

/// Merges rows into datasets: rows with the same id are one dataset seen
/// in several editions; rows paired across languages join theirs.
pub fn merge(rows: &[Row]) -> Vec<Dataset> {
    let pairs = pair_languages(rows);
    // Union-find over ids: same id, or a language pair, is one dataset.
    let mut parent: HashMap<&str, &str> = HashMap::new();
    fn find<'a>(parent: &mut HashMap<&'a str, &'a str>, x: &'a str) -> &'a str {
        let mut root = x;
        while let Some(&p) = parent.get(root).filter(|p| **p != root) {
            root = p;
        }
        parent.insert(x, root);
        root
    }
    for r in rows {
        parent.entry(r.id.as_str()).or_insert(r.id.as_str());
    }
    for p in &pairs {
        let (a, b) = (find(&mut parent, &rows[p.zh].id), find(&mut parent, &rows[p.en].id));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            parent.insert(hi, lo);
        }
    }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let root = find(&mut parent, &r.id);
        groups.entry(root).or_default().push(i);
    }
    let mut disagreements: HashMap<&str, Vec<Disagreement>> = HashMap::new();
    for p in &pairs {
        let root = find(&mut parent, &rows[p.zh].id);
        disagreements.entry(root).or_default().extend(p.disagreements.iter().cloned());
    }
    let mut out: Vec<Dataset> = groups
        .into_iter()
        .map(|(root, members)| dataset(rows, &members, disagreements.remove(root).unwrap_or_default()))
        .collect();
    out.sort_by(|a, b| (&a.publisher, &a.organisation, &a.id).cmp(&(&b.publisher, &b.organisation, &b.id)));
    out
}

fn edition_order(r: &Row) -> (String, String, &str) {
    (r.plan_date.clone().unwrap_or_default(), r.plan_period.clone(), if r.language == Language::En { "1" } else { "0" })
}

fn dataset(rows: &[Row], members: &[usize], disagreements: Vec<Disagreement>) -> Dataset {
    let mut members: Vec<&Row> = members.iter().map(|&i| &rows[i]).collect();
    members.sort_by_key(|r| edition_order(r));
    let latest_of = |zh: bool| members.iter().rev().find(|r| (r.language != Language::En) == zh).copied();
    let (zh, en) = (latest_of(true), latest_of(false));
    let latest =
        members.iter().rev().find(|r| r.language != Language::En).or(members.last()).copied().unwrap_or(members[0]);
    let mut ids: Vec<String> = members.iter().map(|r| r.id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    ids.sort();
    let mut formats: Vec<String> = Vec::new();
    for f in members.iter().flat_map(|r| r.formats.iter()) {
        if !formats.contains(f) {
            formats.push(f.clone());
        }
    }
    Dataset {
        id: latest.id.clone(),
        ids,
        publisher: latest.publisher.clone(),
        organisation: latest.organisation.clone(),
        spatial: latest.spatial,
        name_zh: zh.map(|r| r.name.clone()),
        name_en: en.map(|r| r.name.clone()),
        category_zh: zh.map(|r| r.category.clone()),
        category_en: en.map(|r| r.category.clone()),
        description_zh: zh.map(|r| r.description.clone()),
        description_en: en.map(|r| r.description.clone()),
        formats,
        status: latest.status.clone(),
        date: latest.date.clone(),
        frequency: latest.frequency.clone(),
        editions: members
            .iter()
            .map(|r| Edition {
                source: r.source.clone(),
                language: r.language,
                plan_period: r.plan_period.clone(),
                plan_date: r.plan_date.clone(),
                section: r.section.clone(),
                status: r.status.clone(),
                item_no: r.item_no,
                date_text: r.date_text.clone(),
                date: r.date.clone(),
                frequency: r.frequency.clone(),
            })
            .collect(),
        disagreements,
    }
}

/// A row of a Chinese plan and the same row of its English version.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub zh: usize,
    pub en: usize,
    pub disagreements: Vec<Disagreement>,
}

/// Where a row sits in its plan, the same in both languages: section,
/// the organisation's place under C, table, item number. Organisation
/// and publisher names differ between the languages, their order does not.
fn positions(rows: &[Row], doc: &[usize]) -> HashMap<(String, usize, bool, u32), usize> {
    let mut orgs: Vec<&str> = Vec::new();
    let mut out = HashMap::new();
    for &i in doc {
        let r = &rows[i];
        let org = if r.section == "C" {
            match orgs.iter().position(|o| *o == r.organisation) {
                Some(k) => k + 1,
                None => {
                    orgs.push(&r.organisation);
                    orgs.len()
                }
            }
        } else {
            0
        };
        out.insert((r.section.clone(), org, r.spatial, r.item_no), i);
    }
    out
}

/// Pairs each English plan with the Chinese plan of the same period and
/// date whose rows line up best (same positions, same release dates), and
/// pairs their rows by position. Nothing here reads a file name.
pub fn pair_languages(rows: &[Row]) -> Vec<Pair> {
    let mut docs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        docs.entry(r.source.as_str()).or_default().push(i);
    }
    let lang = |d: &[usize]| rows[d[0]].language;
    let plan = |d: &[usize]| (rows[d[0]].plan_period.as_str(), rows[d[0]].plan_date.as_deref());
    let zh_docs: Vec<&Vec<usize>> = docs.values().filter(|d| lang(d) != Language::En).collect();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut pairs = Vec::new();
    for en_doc in docs.values().filter(|d| lang(d) == Language::En) {
        let en_pos = positions(rows, en_doc);
        let best = zh_docs
            .iter()
            .enumerate()
            .filter(|(k, d)| !taken.contains(k) && plan(d) == plan(en_doc))
            .map(|(k, d)| {
                let zh_pos = positions(rows, d);
                let score = en_pos
                    .iter()
                    .filter(|(key, e)| zh_pos.get(*key).is_some_and(|&z| rows[z].date_text == rows[**e].date_text))
                    .count();
                (score, k, zh_pos)
            })
            .max_by_key(|(score, k, _)| (*score, usize::MAX - k));
        let Some((score, k, zh_pos)) = best else { continue };
        // Most rows must line up, or these are different plans.
        if score * 2 < en_pos.len().max(zh_pos.len()) {
            continue;
        }
        taken.insert(k);
        for (key, &e) in &en_pos {
            let Some(&z) = zh_pos.get(key) else { continue };
            let (zr, er) = (&rows[z], &rows[e]);
            let mut disagreements = Vec::new();
            let mut differ = |field: &'static str, a: &str, b: &str| {
                if a != b {
                    disagreements.push(Disagreement {
                        plan_period: zr.plan_period.clone(),
                        section: zr.section.clone(),
                        item_no: zr.item_no,
                        field,
                        zh: a.to_owned(),
                        en: b.to_owned(),
                    });
                }
            };
            differ("date", zr.date.as_deref().unwrap_or(&zr.date_text), er.date.as_deref().unwrap_or(&er.date_text));
            differ("frequency", &zr.frequency, &er.frequency);
            pairs.push(Pair { zh: z, en: e, disagreements });
        }
    }
    pairs.sort_by_key(|p| (p.zh, p.en));
    pairs
}
