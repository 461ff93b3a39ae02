//! Records → CSV, JSON and JSON Lines files, each written whole or not at all.
//!
//! A run streams: each document's records are appended, in input order, to
//! temporary files beside the targets as the document finishes, and the
//! temporary files are renamed into place only when the run is complete.

mod csv_out;

pub use csv_out::COLUMNS as RECORD_FIELDS;
pub mod dcat;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tempfile::NamedTempFile;

use crate::Diagnostic;
use crate::record::Record;

/// What a run writes besides report.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Formats {
    pub csv: bool,
    pub json: bool,
    pub jsonl: bool,
    /// catalogue.jsonld: a DCAT-AP 3 JSON-LD catalogue.
    pub dcat: bool,
}

/// One document's outcome, as the batch hands it to the writers.
#[derive(Debug, Clone)]
pub struct DocumentOutput {
    pub source: String,
    /// The per-document JSON file's name (without directory).
    pub json_name: String,
    pub pages: u32,
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the document could not be read; `None` when it was.
    pub error: Option<String>,
}

/// A document as its `<stem>.json` holds it (also what the Python package
/// hands over).
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    source: &'a str,
    pages: u32,
    records: &'a [Record],
    diagnostics: &'a [Diagnostic],
}

impl<'a> DocumentJson<'a> {
    pub fn of(doc: &'a DocumentOutput) -> Self {
        DocumentJson { source: &doc.source, pages: doc.pages, records: &doc.records, diagnostics: &doc.diagnostics }
    }
}

/// A document's line in report.json.
#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    pub source: String,
    pub pages: u32,
    pub records: usize,
    pub status: &'static str,
    /// Records the self-check flagged as looking wrong.
    pub flagged: usize,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl ReportEntry {
    pub fn of(doc: &DocumentOutput) -> ReportEntry {
        ReportEntry {
            source: doc.source.clone(),
            pages: doc.pages,
            records: doc.records.len(),
            status: if doc.error.is_some() { "failed" } else { "ok" },
            flagged: {
                let mut ids: Vec<&str> = doc.diagnostics.iter().filter_map(|d| d.record.as_deref()).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            },
            errors: doc.error.iter().cloned().collect(),
            warnings: doc.diagnostics.iter().map(render_diagnostic).collect(),
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    documents: &'a [ReportEntry],
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    documents: usize,
    ok: usize,
    failed: usize,
    pages: u64,
    records: usize,
}

/// Writes `path` through a temporary file in the same directory, renamed
/// into place only once fully written, so no reader ever sees half a file.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut tmp = temp_beside(path)?;
    {
        let mut buf = BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn temp_beside(path: &Path) -> io::Result<NamedTempFile> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    tempfile::Builder::new().prefix(".odplan-").suffix(".tmp").tempfile_in(dir)
}

/// catalogue.jsonld being written.
struct DcatFile {
    file: BufWriter<NamedTempFile>,
    path: PathBuf,
    /// Whether a dataset node has been written yet.
    any: bool,
    summary: dcat::Summary,
}

/// The files of one run, filled as documents finish.
pub struct RunWriter {
    dir: PathBuf,
    csv: Option<(BufWriter<NamedTempFile>, PathBuf)>,
    jsonl: Option<(BufWriter<NamedTempFile>, PathBuf)>,
    dcat: Option<DcatFile>,
    report: Vec<ReportEntry>,
}

impl RunWriter {
    /// Creates `dir` and the temporary files of the run.
    pub fn create(dir: &Path, formats: Formats, bom: bool) -> io::Result<RunWriter> {
        fs::create_dir_all(dir)?;
        let csv = if formats.csv {
            let path = dir.join("records.csv");
            let mut file = BufWriter::new(temp_beside(&path)?);
            if bom {
                file.write_all("\u{FEFF}".as_bytes())?;
            }
            let mut header = csv::Writer::from_writer(Vec::new());
            csv_out::header(&mut header)?;
            file.write_all(&header.into_inner().map_err(|e| io::Error::other(e.to_string()))?)?;
            Some((file, path))
        } else {
            None
        };
        let jsonl = if formats.jsonl {
            let path = dir.join("records.jsonl");
            Some((BufWriter::new(temp_beside(&path)?), path))
        } else {
            None
        };
        let dcat = if formats.dcat {
            let path = dir.join("catalogue.jsonld");
            let mut file = BufWriter::new(temp_beside(&path)?);
            // The catalogue up to its dataset list, which the run fills; its
            // own properties, which count the run, follow the list.
            file.write_all(dcat::head().as_bytes())?;
            file.write_all(b"\n")?;
            Some(DcatFile { file, path, any: false, summary: dcat::Summary::default() })
        } else {
            None
        };
        Ok(RunWriter { dir: dir.to_owned(), csv, jsonl, dcat, report: Vec::new() })
    }

    /// Appends a document prepared by [`prepare`] (on any thread) to the
    /// run's files; documents must come in input order.
    pub fn append(&mut self, doc: &DocumentOutput, prepared: &Prepared) -> io::Result<()> {
        if let Some((w, _)) = self.csv.as_mut() {
            w.write_all(&prepared.csv)?;
        }
        if let Some((w, _)) = self.jsonl.as_mut() {
            w.write_all(&prepared.jsonl)?;
        }
        if let Some(d) = self.dcat.as_mut() {
            for node in &prepared.dcat {
                if d.any {
                    d.file.write_all(b",\n")?;
                }
                d.file.write_all(node)?;
                d.any = true;
            }
            d.summary.add_document(&doc.records);
        }
        self.report.push(ReportEntry::of(doc));
        Ok(())
    }

    /// Renames the run's files into place and writes report.json.
    pub fn finish(self) -> io::Result<Vec<ReportEntry>> {
        if let Some((w, path)) = self.csv {
            persist(w, &path)?;
        }
        if let Some((w, path)) = self.jsonl {
            persist(w, &path)?;
        }
        if let Some(mut d) = self.dcat {
            d.file.write_all(b"\n")?;
            d.file.write_all(dcat::tail(&d.summary).as_bytes())?;
            d.file.write_all(b"\n")?;
            persist(d.file, &d.path)?;
        }
        let failed = self.report.iter().filter(|d| d.status == "failed").count();
        let report = Report {
            documents: &self.report,
            totals: Totals {
                documents: self.report.len(),
                ok: self.report.len() - failed,
                failed,
                pages: self.report.iter().map(|d| u64::from(d.pages)).sum(),
                records: self.report.iter().map(|d| d.records).sum(),
            },
        };
        write_atomic(&self.dir.join("report.json"), |w| {
            serde_json::to_writer_pretty(&mut *w, &report)?;
            w.write_all(b"\n")
        })?;
        Ok(self.report)
    }
}

fn persist(w: BufWriter<NamedTempFile>, path: &Path) -> io::Result<()> {
    let file = w.into_inner().map_err(|e| e.into_error())?;
    file.as_file().sync_data()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A document's share of the run's files, rendered ahead of its turn.
#[derive(Debug, Default)]
pub struct Prepared {
    csv: Vec<u8>,
    jsonl: Vec<u8>,
    dcat: Vec<Vec<u8>>,
}

/// The part of writing a document that needs no order: its own JSON file
/// (or removing a stale one when it failed) and its CSV and JSON Lines rows.
pub fn prepare(dir: &Path, doc: &DocumentOutput, formats: Formats) -> io::Result<Prepared> {
    let path = dir.join(&doc.json_name);
    if doc.error.is_some() {
        remove_if_present(&path)?;
    } else if formats.json {
        write_document_json(&path, doc)?;
    }
    let mut out = Prepared::default();
    if formats.csv {
        let mut w = csv::Writer::from_writer(&mut out.csv);
        for r in &doc.records {
            csv_out::record(&mut w, r)?;
        }
        w.flush()?;
    }
    if formats.jsonl {
        for r in &doc.records {
            serde_json::to_writer(&mut out.jsonl, r)?;
            out.jsonl.push(b'\n');
        }
    }
    if formats.dcat {
        for r in &doc.records {
            out.dcat.push(serde_json::to_vec(&dcat::dataset(r))?);
        }
    }
    Ok(out)
}

/// Writes a document's own JSON file, `{"source", "pages", "records",
/// "diagnostics"}` (what format `json` writes and `odplan check` expects).
pub fn write_document_json(path: &Path, doc: &DocumentOutput) -> io::Result<()> {
    write_atomic(path, |w| {
        serde_json::to_writer_pretty(&mut *w, &DocumentJson::of(doc))?;
        w.write_all(b"\n")
    })
}

/// "page 3: …" or the bare message.
pub fn render_diagnostic(d: &Diagnostic) -> String {
    let record = match (&d.record, d.field) {
        (Some(id), Some(field)) => format!("record {id} {field}: "),
        (Some(id), None) => format!("record {id}: "),
        _ => String::new(),
    };
    match d.page {
        Some(p) => format!("page {p}: {record}{}", d.message),
        None => format!("{record}{}", d.message),
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Text safe inside XML elements and double- or single-quoted attributes.
/// Characters XML 1.0 cannot hold at all (control characters a PDF's text
/// may still carry) are dropped; tabs and line breaks are kept.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
