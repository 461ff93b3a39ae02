//! Two outputs (or catalogues) of different plan years → what changed:
//! datasets added and dropped, target dates slipped, plans released.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Row;
use crate::record::normalised_name;
use crate::segment::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Added,
    Dropped,
    Slipped,
    Released,
}

/// One dataset that changed between the two editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub publisher: String,
    pub organisation: String,
    pub language: Language,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_date: Option<String>,
    /// Slipped: how many months later the new target is. Released: how
    /// many months after the old target it was released (negative: early).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub dropped: usize,
    pub slipped: usize,
    pub released: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub per_publisher: BTreeMap<String, Counts>,
    pub changes: Vec<Change>,
}

/// A dataset across editions: same publisher, organisation, table and
/// name, in the same language. The section is left out, since a dataset
/// moves from A–C (planned) to D (released).
type Key = (String, String, bool, String, Language);

fn key(r: &Row) -> Key {
    (r.publisher.clone(), r.organisation.clone(), r.spatial, normalised_name(&r.name), r.language)
}

/// The row that says most about a dataset in one edition: released beats
/// planned, then the earliest date.
fn index(rows: &[Row]) -> BTreeMap<Key, &Row> {
    let mut out: BTreeMap<Key, &Row> = BTreeMap::new();
    for r in rows {
        let slot = out.entry(key(r)).or_insert(r);
        let better = (r.status == "released" && slot.status != "released")
            || (r.status == slot.status && months(r.date.as_deref()) < months(slot.date.as_deref()));
        if better {
            *slot = r;
        }
    }
    out
}

/// Months since year 0 of a normalised date; a quarter or a year counts
/// as its last month, the latest the plan allows.
pub fn months(date: Option<&str>) -> Option<i32> {
    let d = date?;
    let year: i32 = d.get(..4)?.parse().ok()?;
    let month: i32 = match d.get(5..) {
        None | Some("") => 12,
        Some(q) if q.starts_with('Q') => q[1..].parse::<i32>().ok()? * 3,
        Some(m) => m.parse().ok()?,
    };
    Some(year * 12 + month)
}

pub fn diff(old: &[Row], new: &[Row]) -> Diff {
    let (old, new) = (index(old), index(new));
    let mut changes = Vec::new();
    let change = |kind, r: &Row, old_date: Option<&str>, new_date: Option<&str>, months: Option<i32>| Change {
        kind,
        publisher: r.publisher.clone(),
        organisation: r.organisation.clone(),
        language: r.language,
        name: r.name.clone(),
        old_date: old_date.map(str::to_owned),
        new_date: new_date.map(str::to_owned),
        months,
    };
    for (k, n) in &new {
        match old.get(k) {
            None => changes.push(change(Kind::Added, n, None, n.date.as_deref(), None)),
            Some(o) if o.status == "planned" && n.status == "released" => {
                let late = months(n.date.as_deref()).zip(months(o.date.as_deref())).map(|(a, b)| a - b);
                changes.push(change(Kind::Released, n, o.date.as_deref(), n.date.as_deref(), late));
            }
            Some(o) if o.status == "planned" && n.status == "planned" => {
                if let Some(late) = months(n.date.as_deref()).zip(months(o.date.as_deref())).map(|(a, b)| a - b) {
                    if late > 0 {
                        changes.push(change(Kind::Slipped, n, o.date.as_deref(), n.date.as_deref(), Some(late)));
                    }
                }
            }
            Some(_) => {}
        }
    }
    for (k, o) in &old {
        if !new.contains_key(k) {
            changes.push(change(Kind::Dropped, o, o.date.as_deref(), None, None));
        }
    }
    changes.sort_by(|a, b| {
        (&a.publisher, a.kind, &a.organisation, &a.name).cmp(&(&b.publisher, b.kind, &b.organisation, &b.name))
    });
    let mut per_publisher: BTreeMap<String, Counts> = BTreeMap::new();
    for c in &changes {
        let counts = per_publisher.entry(c.publisher.clone()).or_default();
        match c.kind {
            Kind::Added => counts.added += 1,
            Kind::Dropped => counts.dropped += 1,
            Kind::Slipped => counts.slipped += 1,
            Kind::Released => counts.released += 1,
        }
    }
    Diff { per_publisher, changes }
}

/// The diff as text: counts per publisher, then one line per change.
pub fn render(d: &Diff) -> String {
    let mut out = String::new();
    for (publisher, c) in &d.per_publisher {
        out.push_str(&format!(
            "{publisher}: {} added, {} dropped, {} slipped, {} released\n",
            c.added, c.dropped, c.slipped, c.released
        ));
    }
    for c in &d.changes {
        let detail = match c.kind {
            Kind::Added => format!("target {}", c.new_date.as_deref().unwrap_or("?")),
            Kind::Dropped => format!("was due {}", c.old_date.as_deref().unwrap_or("?")),
            Kind::Slipped => format!(
                "{} → {} ({:+} months)",
                c.old_date.as_deref().unwrap_or("?"),
                c.new_date.as_deref().unwrap_or("?"),
                c.months.unwrap_or(0)
            ),
            Kind::Released => format!(
                "planned {}, released {}{}",
                c.old_date.as_deref().unwrap_or("?"),
                c.new_date.as_deref().unwrap_or("?"),
                c.months.map(|m| format!(" ({m:+} months)")).unwrap_or_default()
            ),
        };
        let kind = serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        out.push_str(&format!("{kind:9} {} / {}: {} — {detail}\n", c.publisher, c.organisation, c.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, section: &str, date: &str) -> Row {
        Row {
            id: String::new(),
            source: "x.pdf".into(),
            language: Language::En,
            pages: vec![1],
            publisher: "Lands Department".into(),
            plan_period: "2024-2026".into(),
            plan_date: Some("2023-12".into()),
            section: section.into(),
            status: if section == "D" { "released" } else { "planned" }.into(),
            organisation: "Lands Department".into(),
            spatial: true,
            item_no: 1,
            category: "Development".into(),
            name: name.into(),
            new_item: false,
            description: vec![],
            formats: vec![],
            date_text: date.into(),
            date: Some(date.into()),
            frequency: "monthly".into(),
            frequency_text: "Monthly".into(),
        }
    }

    #[test]
    fn added_dropped_slipped_released() {
        let old = vec![
            row("Maps", "A", "2024-03"),
            row("Trails", "B", "2025-Q2"),
            row("Old data", "A", "2024-05"),
            row("Roads", "D", "2019-01"),
        ];
        let new = vec![
            row("MAPS", "D", "2024-08"),
            row("Trails", "B", "2026"),
            row("New data", "A", "2025-01"),
            row("Roads", "D", "2019-01"),
        ];
        expect_test::expect![[r#"
            Lands Department: 1 added, 1 dropped, 1 slipped, 1 released
            added     Lands Department / Lands Department: New data — target 2025-01
            dropped   Lands Department / Lands Department: Old data — was due 2024-05
            slipped   Lands Department / Lands Department: Trails — 2025-Q2 → 2026 (+18 months)
            released  Lands Department / Lands Department: MAPS — planned 2024-03, released 2024-08 (+5 months)
        "#]]
        .assert_eq(&render(&diff(&old, &new)));
    }
}
