//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The files directly in `dir` whose name ends with `suffix`, sorted.
pub fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)))
        .collect();
    out.sort();
    out
}

/// Runs the library on one fixture the way the CLI does.
pub fn extract(path: &Path) -> odplan::output::DocumentOutput {
    let name = path.file_name().and_then(|n| n.to_str()).expect("utf-8 file name").to_owned();
    let input = odplan::batch::Input { path: path.to_owned(), source: name };
    odplan::batch::process(&input, "unused.json", std::time::Duration::from_secs(60))
}
