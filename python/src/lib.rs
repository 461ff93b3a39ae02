//! The native half of the `odplan` Python package: the library's own
//! pipeline and batch runner, with documents and records handed to Python
//! as the library's JSON (so they are the output files' records, field for
//! field). The Python half (`odplan/__init__.py`) adds signatures,
//! docstrings and pandas.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use odplan::InputKind;
use odplan::batch::{self, Input, Settings};
use odplan::output::DocumentOutput;
use odplan::record::Record;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::PyString;

pyo3::create_exception!(
    odplan,
    ExtractError,
    PyValueError,
    "A document that could not be read. The message is the reason the odplan command \
     line prints for it; `source` is the document's name."
);

/// What a document came to, ready to cross into Python: its JSON, or why
/// it failed.
type Outcome = Result<String, String>;

fn document_json(doc: &DocumentOutput) -> Outcome {
    if let Some(err) = &doc.error {
        return Err(err.clone());
    }
    serde_json::to_string(&odplan::output::DocumentJson::of(doc))
        .map_err(|e| format!("internal error (please report): {e}"))
}

/// Where a document comes from.
enum Src {
    Path(PathBuf),
    Bytes(PyBackedBytes),
}

fn src_of(src: &Bound<'_, PyAny>) -> PyResult<Src> {
    if let Ok(bytes) = src.extract::<PyBackedBytes>() {
        return Ok(Src::Bytes(bytes));
    }
    match src.extract::<PathBuf>() {
        Ok(path) => Ok(Src::Path(path)),
        Err(_) => Err(PyTypeError::new_err(format!(
            "src must be a path (str or os.PathLike) or bytes, not {}",
            src.get_type().name()?
        ))),
    }
}

fn timeout_of(seconds: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| PyValueError::new_err(format!("timeout must be a positive number of seconds, got {seconds}")))
}

/// The name records carry for a file given on its own, as on the command line.
fn file_source(path: &Path) -> String {
    path.file_name().map_or_else(|| path.to_string_lossy().into_owned(), |n| n.to_string_lossy().into_owned())
}

fn extract_error<'py>(py: Python<'py>, message: String, source: &str) -> PyResult<Bound<'py, PyAny>> {
    let err = ExtractError::new_err(message).into_value(py).into_any().into_bound(py);
    err.setattr("source", source)?;
    Ok(err)
}

fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (PyString::new(py, json),))
}

/// extract_document(src, *, source=None, timeout=60.0)
/// --
///
/// One document as a dict: source, pages, records, diagnostics.
/// Raises ExtractError when the document cannot be read.
#[pyfunction]
#[pyo3(signature = (src, *, source=None, timeout=60.0))]
fn extract_document<'py>(
    py: Python<'py>,
    src: &Bound<'py, PyAny>,
    source: Option<String>,
    timeout: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let timeout = timeout_of(timeout)?;
    let src = src_of(src)?;
    let (source, outcome) = match src {
        Src::Path(path) => {
            let source = source.unwrap_or_else(|| file_source(&path));
            let input = Input { path, source: source.clone() };
            let outcome = py.detach(|| document_json(&batch::process(&input, "", timeout)));
            (source, outcome)
        }
        Src::Bytes(bytes) => {
            let source = source.unwrap_or_default();
            let kind = InputKind::of((!source.is_empty()).then(|| Path::new(&source)), &bytes);
            let bytes = bytes.to_vec();
            let outcome = py.detach(|| {
                let doc = match batch::extract_guarded(bytes, kind, &source, timeout) {
                    Ok(x) => DocumentOutput {
                        source: source.clone(),
                        json_name: String::new(),
                        pages: x.pages,
                        records: x.records,
                        diagnostics: x.diagnostics,
                        error: None,
                    },
                    Err(e) => DocumentOutput {
                        source: source.clone(),
                        json_name: String::new(),
                        pages: 0,
                        records: Vec::new(),
                        diagnostics: Vec::new(),
                        error: Some(e),
                    },
                };
                document_json(&doc)
            });
            (source, outcome)
        }
    };
    match outcome {
        Ok(json) => loads(py, &json),
        Err(message) => Err(PyErr::from_value(extract_error(py, message, &source)?)),
    }
}

/// The documents of an `extract_many` call, in input order, as they finish.
#[pyclass(module = "odplan")]
struct Documents {
    /// Each document's name and outcome, in input order.
    results: Mutex<mpsc::Receiver<(String, Outcome)>>,
    remaining: usize,
}

#[pymethods]
impl Documents {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let next = py.detach(|| self.results.lock().ok().and_then(|rx| rx.recv().ok()));
        let Some((source, outcome)) = next else {
            return Ok(None);
        };
        self.remaining = self.remaining.saturating_sub(1);
        match outcome {
            Ok(json) => loads(py, &json).map(Some),
            Err(message) => extract_error(py, message, &source).map(Some),
        }
    }

    fn __len__(&self) -> usize {
        self.remaining
    }
}

/// extract_many(paths, jobs=None, *, timeout=60.0)
/// --
///
/// Many documents on Rust threads; an iterator of document dicts (or
/// ExtractError values) in input order.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, *, timeout=60.0))]
fn extract_many(paths: &Bound<'_, PyAny>, jobs: Option<usize>, timeout: f64) -> PyResult<Documents> {
    let timeout = timeout_of(timeout)?;
    if paths.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("paths must be an iterable of paths, not one str"));
    }
    let mut inputs = Vec::new();
    for item in paths.try_iter()? {
        let item = item?;
        let path: PathBuf = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "paths must hold paths (str or os.PathLike), found {}",
                item.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
            ))
        })?;
        inputs.push(Input { source: file_source(&path), path });
    }
    let mut settings = Settings { timeout, ..Settings::default() };
    match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => settings.jobs = n,
        None => {}
    }
    let remaining = inputs.len();
    // Each document waits here until Python takes it, which (with the
    // batch's window) keeps memory to a few documents however long the list.
    let (tx, rx) = mpsc::sync_channel(settings.jobs);
    std::thread::Builder::new()
        .name("odplan-batch".into())
        .spawn(move || {
            // A send fails only when Python dropped the iterator: then stop.
            let _stopped = batch::run_streaming(&inputs, settings, document_json, |_, doc, json| {
                tx.send((doc.source, json)).map_err(|_| ())
            });
        })
        .map_err(|e| PyValueError::new_err(format!("cannot start a thread: {e}")))?;
    Ok(Documents { results: Mutex::new(rx), remaining })
}

/// record_fields()
/// --
///
/// The fields of a record, in the order records.jsonl and records.csv give them.
#[pyfunction]
fn record_fields() -> Vec<&'static str> {
    fields::of::<Record>()
}

mod fields;

#[pymodule]
fn _odplan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ExtractError", m.py().get_type::<ExtractError>())?;
    m.add_function(wrap_pyfunction!(extract_document, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(record_fields, m)?)?;
    m.add_class::<Documents>()?;
    Ok(())
}
