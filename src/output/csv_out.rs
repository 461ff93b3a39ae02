//! records.csv: SCHEMA.md's columns, lists joined by " | ".

use std::io::{self, Write};

use crate::record::Record;

/// Every record field, in SCHEMA.md's order: the CSV header.
pub const COLUMNS: [&str; 21] = [
    "id",
    "source",
    "language",
    "publisher",
    "plan_period",
    "plan_date",
    "section",
    "status",
    "organisation",
    "spatial",
    "item_no",
    "category",
    "name",
    "new_item",
    "description",
    "formats",
    "date_text",
    "date",
    "frequency_text",
    "frequency",
    "pages",
];

pub fn header<W: Write>(out: &mut csv::Writer<W>) -> io::Result<()> {
    out.write_record(COLUMNS)?;
    Ok(())
}

pub fn record<W: Write>(out: &mut csv::Writer<W>, r: &Record) -> io::Result<()> {
    let pages = r.pages.iter().map(u32::to_string).collect::<Vec<_>>().join(" | ");
    let item_no = r.item_no.to_string();
    out.write_record([
        r.id.as_str(),
        r.source.as_str(),
        r.language.code(),
        &r.publisher,
        &r.plan_period,
        r.plan_date.as_deref().unwrap_or(""),
        &r.section,
        &r.status,
        &r.organisation,
        bool_str(r.spatial),
        &item_no,
        &r.category,
        &r.name,
        bool_str(r.new_item),
        &r.description.join(" | "),
        &r.formats.join(" | "),
        &r.date_text,
        r.date.as_deref().unwrap_or(""),
        &r.frequency_text,
        &r.frequency,
        &pages,
    ])?;
    Ok(())
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}
