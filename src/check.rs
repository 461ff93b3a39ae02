//! `odplan check`: regression tests for a catalogue's plans. Each plan file
//! with `<stem>.expected.json` beside it (the per-document JSON that
//! `extract --format json` writes) is extracted again and its records
//! compared with the expected ones, record by record, keyed by where the
//! row sits in the plan: section, organisation, table (spatial or not),
//! item number.

use crate::output::xml_escape;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::Error;
use crate::output::DocumentOutput;
use crate::record::Record;

/// The expectation file of a plan file: `<stem>.expected.json` beside it.
pub fn expected_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}.expected.json"))
}

/// The records an expectation file holds. Any JSON object with a
/// "records" list of records will do, so the project's golden files read too.
pub fn read_expected(path: &Path) -> Result<Vec<Record>, Error> {
    #[derive(Deserialize)]
    struct Doc {
        records: Vec<Record>,
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let doc: Doc = serde_json::from_str(&text).map_err(|e| Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    Ok(doc.records)
}

/// Where a row sits in its plan, which stays put when its texts change.
/// `nth` tells apart rows that share the rest (0 for the first).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordKey {
    pub section: String,
    pub organisation: String,
    pub spatial: bool,
    pub item_no: u32,
    pub nth: usize,
}

impl std::fmt::Display for RecordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let table = if self.spatial { "spatial" } else { "non-spatial" };
        write!(f, "{} / {} / {table} item {}", self.section, self.organisation, self.item_no)?;
        if self.nth > 0 {
            write!(f, " (#{})", self.nth + 1)?;
        }
        Ok(())
    }
}

/// One difference between the expected and the new records of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A field of a record at the same place changed; values as JSON.
    Field { key: RecordKey, field: &'static str, old: Value, new: Value },
    /// A record the expectation lacks.
    Added { key: RecordKey, name: String },
    /// An expected record no longer found.
    Gone { key: RecordKey, name: String },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Field { key, field, old, new } => write!(f, "changed {key}: {field}: {old} -> {new}"),
            Change::Added { key, name } => write!(f, "added   {key}: {name}"),
            Change::Gone { key, name } => write!(f, "gone    {key}: {name}"),
        }
    }
}

/// The fields of a record, in SCHEMA.md's order, as compared: the CSV
/// columns.
pub const FIELDS: &[&str] = &crate::output::RECORD_FIELDS;

fn keyed(records: &[Record]) -> Vec<(RecordKey, &Record)> {
    let mut seen: HashMap<(&str, &str, bool, u32), usize> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let n = seen.entry((&r.section, &r.organisation, r.spatial, r.item_no)).or_insert(0);
            let key = RecordKey {
                section: r.section.clone(),
                organisation: r.organisation.clone(),
                spatial: r.spatial,
                item_no: r.item_no,
                nth: *n,
            };
            *n += 1;
            (key, r)
        })
        .collect()
}

/// Every difference: changed fields of records at the same place, in the
/// expected order, then records gone and records added.
pub fn compare(expected: &[Record], actual: &[Record]) -> Vec<Change> {
    let old = keyed(expected);
    let new = keyed(actual);
    let new_by_key: HashMap<&RecordKey, &Record> = new.iter().map(|(k, r)| (k, *r)).collect();
    let mut changes = Vec::new();
    let mut gone = Vec::new();
    for (key, o) in &old {
        let Some(n) = new_by_key.get(key) else {
            gone.push(Change::Gone { key: key.clone(), name: o.name.clone() });
            continue;
        };
        let (ov, nv) = (serde_json::to_value(o).unwrap_or(Value::Null), serde_json::to_value(n).unwrap_or(Value::Null));
        for field in FIELDS {
            let (a, b) = (ov.get(field).cloned().unwrap_or(Value::Null), nv.get(field).cloned().unwrap_or(Value::Null));
            if a != b {
                changes.push(Change::Field { key: key.clone(), field, old: a, new: b });
            }
        }
    }
    let old_keys: std::collections::HashSet<&RecordKey> = old.iter().map(|(k, _)| k).collect();
    let added = new
        .iter()
        .filter(|(k, _)| !old_keys.contains(k))
        .map(|(k, r)| Change::Added { key: k.clone(), name: r.name.clone() });
    changes.extend(gone);
    changes.extend(added);
    changes
}

/// How one document fared.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Same records as expected.
    Match {
        records: usize,
    },
    Differs(Vec<Change>),
    /// No `<stem>.expected.json` beside it.
    NoExpectation,
    /// The expectation file could not be read.
    BadExpectation(String),
    /// The document could not be read now.
    Failed(String),
    /// `--update` wrote its expectation.
    Updated {
        records: usize,
    },
}

impl Outcome {
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Match { .. } | Outcome::Updated { .. })
    }
}

/// One checked document: its path, as given or found, and outcome.
#[derive(Debug, Clone)]
pub struct Checked {
    pub path: PathBuf,
    pub outcome: Outcome,
}

/// The outcome of a freshly extracted document against its expectation.
pub fn judge(doc: &DocumentOutput, expected: &Path) -> Outcome {
    if let Some(err) = &doc.error {
        return Outcome::Failed(err.clone());
    }
    if !expected.is_file() {
        return Outcome::NoExpectation;
    }
    match read_expected(expected) {
        Err(e) => Outcome::BadExpectation(e.to_string()),
        Ok(old) => {
            let changes = compare(&old, &doc.records);
            if changes.is_empty() { Outcome::Match { records: doc.records.len() } } else { Outcome::Differs(changes) }
        }
    }
}

/// A document's report: a headline and, when it differs, one line a change.
pub fn render(c: &Checked) -> String {
    let name = c.path.display();
    match &c.outcome {
        Outcome::Match { records } => format!("ok       {name} ({records} records)\n"),
        Outcome::Updated { records } => {
            format!("updated  {name} ({records} records) → {}\n", expected_path(&c.path).display())
        }
        Outcome::NoExpectation => {
            format!("missing  {name}: no {} (odplan check --update writes it)\n", expected_path(&c.path).display())
        }
        Outcome::BadExpectation(e) => format!("bad      {name}: {e}\n"),
        Outcome::Failed(e) => format!("failed   {name}: {e}\n"),
        Outcome::Differs(changes) => {
            let count = |f: fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
            let mut out = format!(
                "DIFFERS  {name}: {} fields changed, {} records added, {} gone\n",
                count(|c| matches!(c, Change::Field { .. })),
                count(|c| matches!(c, Change::Added { .. })),
                count(|c| matches!(c, Change::Gone { .. })),
            );
            for ch in changes {
                out.push_str(&format!("  {ch}\n"));
            }
            out
        }
    }
}

/// A JUnit XML report, one test case a document: a failure when it
/// differs or has no expectation, an error when it or its expectation
/// could not be read.
pub fn junit(results: &[Checked]) -> String {
    let failures = results.iter().filter(|c| matches!(c.outcome, Outcome::Differs(_) | Outcome::NoExpectation)).count();
    let errors =
        results.iter().filter(|c| matches!(c.outcome, Outcome::Failed(_) | Outcome::BadExpectation(_))).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">\n\
         <testsuite name=\"odplan check\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">\n",
        n = results.len()
    ));
    for c in results {
        let name = xml_escape(&c.path.display().to_string());
        let report = render(c);
        let headline = xml_escape(report.lines().next().unwrap_or("").trim());
        let body = xml_escape(&report);
        let element = match &c.outcome {
            Outcome::Match { .. } | Outcome::Updated { .. } => None,
            Outcome::Differs(_) => Some("failure type=\"differs\""),
            Outcome::NoExpectation => Some("failure type=\"no-expectation\""),
            Outcome::BadExpectation(_) => Some("error type=\"bad-expectation\""),
            Outcome::Failed(_) => Some("error type=\"unreadable\""),
        };
        match element {
            None => out.push_str(&format!("  <testcase classname=\"odplan.check\" name=\"{name}\"/>\n")),
            Some(open) => {
                let tag = open.split(' ').next().unwrap_or("failure");
                out.push_str(&format!(
                    "  <testcase classname=\"odplan.check\" name=\"{name}\">\n    <{open} message=\"{headline}\">{body}</{tag}>\n  </testcase>\n"
                ));
            }
        }
    }
    out.push_str("</testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests;
