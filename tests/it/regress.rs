//! Replays every input of fixtures/regress: each must be read or refused
//! cleanly, never panic, never hang. See fixtures/regress/README.md.

use std::time::{Duration, Instant};

use crate::support::{files, fixtures};

#[test]
fn replay() {
    let dir = fixtures().join("regress");
    let mut inputs = files(&dir, ".pdf");
    inputs.extend(files(&dir, ".txt"));
    assert!(!inputs.is_empty(), "no regression inputs");
    for input in inputs {
        let bytes = std::fs::read(&input).expect("input");
        let kind = odplan::InputKind::of_path(&input);
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| odplan::extract(&bytes, kind, "regress").map(|x| x.records.len()));
        assert!(result.is_ok(), "{} panicked", input.display());
        assert!(start.elapsed() < Duration::from_secs(10), "{} took {:?}", input.display(), start.elapsed());
    }
}
