//! records.csv: SCHEMA.md's columns, lists joined by " | ".

use std::io::{self, Write};

use crate::record::Record;

const COLUMNS: [&str; 20] = [
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

/// Writes the header and one line per record. With `bom`, a UTF-8 byte
/// order mark goes first so that Excel reads the Chinese as UTF-8.
pub fn write_csv<'a>(w: &mut dyn Write, records: impl Iterator<Item = &'a Record>, bom: bool) -> io::Result<()> {
    if bom {
        w.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS)?;
    for r in records {
        let pages = r.pages.iter().map(u32::to_string).collect::<Vec<_>>().join(" | ");
        let item_no = r.item_no.to_string();
        out.write_record([
            r.source.as_str(),
            r.language.code(),
            &r.publisher,
            &r.plan_period,
            r.plan_date.as_deref().unwrap_or(""),
            &r.section,
            r.status,
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
    }
    // csv::Writer's Drop swallows errors; flush explicitly to see them.
    out.flush()
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}
