//! Records → CSV, JSON and JSON Lines files, each written whole or not at all.

mod csv_out;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Diagnostic;
use crate::record::Record;

pub use csv_out::write_csv;

/// What a run writes besides report.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Formats {
    pub csv: bool,
    pub json: bool,
    pub jsonl: bool,
}

impl Formats {
    pub const ALL: Formats = Formats { csv: true, json: true, jsonl: true };
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

#[derive(Serialize)]
struct DocumentJson<'a> {
    source: &'a str,
    pages: u32,
    records: &'a [Record],
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ReportEntry<'a> {
    source: &'a str,
    pages: u32,
    records: usize,
    status: &'static str,
    errors: Vec<&'a str>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    documents: Vec<ReportEntry<'a>>,
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
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".odplan-").suffix(".tmp").tempfile_in(dir)?;
    {
        let mut buf = io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes everything a run produces into `dir`, in the documents' order.
/// Returns the paths written.
pub fn write_all(dir: &Path, docs: &[DocumentOutput], formats: Formats, bom: bool) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for doc in docs {
        let path = dir.join(&doc.json_name);
        if doc.error.is_some() || !formats.json {
            // A failed document leaves no output of an earlier run behind.
            if doc.error.is_some() {
                remove_if_present(&path)?;
            }
            continue;
        }
        write_atomic(&path, |w| {
            let body = DocumentJson {
                source: &doc.source,
                pages: doc.pages,
                records: &doc.records,
                diagnostics: &doc.diagnostics,
            };
            serde_json::to_writer_pretty(&mut *w, &body)?;
            w.write_all(b"\n")
        })?;
        written.push(path);
    }
    let all = || docs.iter().flat_map(|d| d.records.iter());
    if formats.csv {
        let path = dir.join("records.csv");
        write_atomic(&path, |w| write_csv(w, all(), bom))?;
        written.push(path);
    }
    if formats.jsonl {
        let path = dir.join("records.jsonl");
        write_atomic(&path, |w| {
            for r in all() {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })?;
        written.push(path);
    }
    let path = dir.join("report.json");
    write_atomic(&path, |w| {
        serde_json::to_writer_pretty(&mut *w, &report(docs))?;
        w.write_all(b"\n")
    })?;
    written.push(path);
    Ok(written)
}

fn report(docs: &[DocumentOutput]) -> Report<'_> {
    let documents: Vec<ReportEntry> = docs
        .iter()
        .map(|d| ReportEntry {
            source: &d.source,
            pages: d.pages,
            records: d.records.len(),
            status: if d.error.is_some() { "failed" } else { "ok" },
            errors: d.error.as_deref().into_iter().collect(),
            warnings: d.diagnostics.iter().map(render_diagnostic).collect(),
        })
        .collect();
    let failed = docs.iter().filter(|d| d.error.is_some()).count();
    Report {
        totals: Totals {
            documents: docs.len(),
            ok: docs.len() - failed,
            failed,
            pages: docs.iter().map(|d| u64::from(d.pages)).sum(),
            records: docs.iter().map(|d| d.records.len()).sum(),
        },
        documents,
    }
}

/// "page 3: …" or the bare message.
pub fn render_diagnostic(d: &Diagnostic) -> String {
    match d.page {
        Some(p) => format!("page {p}: {}", d.message),
        None => d.message.clone(),
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
