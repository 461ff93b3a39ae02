//! The library's one error type.

use std::path::PathBuf;

/// What made a whole document unreadable. Problems inside a readable
/// document are [`crate::Diagnostic`]s instead.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("empty file")]
    Empty,
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    #[error("PDF uses a feature odplan does not support: {0}")]
    Unsupported(String),
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    #[error("no text layer: scanned PDF, OCR needed")]
    NoTextLayer,
    #[error("text in an unknown encoding: {0}")]
    UnknownEncoding(String),
    #[error("not recognised as an open data plan: {0}")]
    NotAPlan(String),
    #[error("resource limit exceeded: {0}")]
    Limit(String),
    #[error("no page {page}: the document has {pages}")]
    NoSuchPage { page: u32, pages: u32 },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
