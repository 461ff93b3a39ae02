//! Many documents at once: read and extract in parallel, one result each,
//! in input order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::DocumentOutput;
use crate::{Error, InputKind, extract};

/// One input document: where it is and the name its records carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Relative: the file name for a file argument, the path below the
    /// directory for a file found in a directory argument.
    pub source: String,
}

/// Expands the command line's files and directories into inputs: a
/// directory is searched recursively for *.pdf and *.txt, sorted by path.
pub fn collect_inputs(args: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    for arg in args {
        let meta = std::fs::metadata(arg).map_err(|source| Error::Io { path: arg.clone(), source })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            found.sort();
            for path in found {
                let rel = path.strip_prefix(arg).unwrap_or(&path);
                inputs.push(Input { source: slash_path(rel), path });
            }
        } else {
            let source = arg.file_name().map_or_else(|| slash_path(arg), |n| n.to_string_lossy().into_owned());
            inputs.push(Input { path: arg.clone(), source });
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io { path: dir.to_owned(), source })?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| Error::Io { path: path.clone(), source })?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt"))
        {
            found.push(path);
        }
    }
    Ok(())
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Processes every input on `jobs` threads; results are in input order.
pub fn run(inputs: &[Input], jobs: usize) -> Vec<DocumentOutput> {
    let names = json_names(inputs);
    let work = || inputs.par_iter().zip(names.par_iter()).map(|(input, name)| process(input, name)).collect();
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(work),
        // No threads to be had: the work still gets done, on rayon's
        // global pool.
        Err(_) => work(),
    }
}

/// Processes one document; whatever goes wrong is that document's failure.
pub fn process(input: &Input, json_name: &str) -> DocumentOutput {
    let mut out = DocumentOutput {
        source: input.source.clone(),
        json_name: json_name.to_owned(),
        pages: 0,
        records: Vec::new(),
        diagnostics: Vec::new(),
        error: None,
    };
    let result = std::fs::read(&input.path)
        .map_err(|source| Error::Io { path: input.path.clone(), source })
        .and_then(|bytes| extract(&bytes, InputKind::of_path(&input.path), &input.source));
    match result {
        Ok(x) => {
            out.pages = x.pages;
            out.records = x.records;
            out.diagnostics = x.diagnostics;
        }
        Err(e) => out.error = Some(e.to_string()),
    }
    out
}

/// `<stem>.json` per document; stems that repeat (same name in two
/// folders) get the folder path folded in so no output overwrites another.
fn json_names(inputs: &[Input]) -> Vec<String> {
    let stem =
        |i: &Input| i.path.file_stem().map_or_else(|| "document".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut names: Vec<String> = inputs
        .iter()
        .map(|i| match stem(i).as_str() {
            // The run's own report must not be overwritten by a document's.
            "report" => "report.document.json".to_owned(),
            s => format!("{s}.json"),
        })
        .collect();
    for i in 0..names.len() {
        let clash = names.iter().enumerate().any(|(j, n)| j != i && *n == names[i]);
        if clash {
            let src = &inputs[i].source;
            let without_ext = src.rsplit_once('.').map_or(src.as_str(), |(a, _)| a);
            names[i] = format!("{}.json", without_ext.replace(['/', '\\'], "__"));
        }
    }
    names
}
