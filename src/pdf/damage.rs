//! Damaged content streams: the operations that can be read, the damage
//! skipped.

use lopdf::content::{Content, Operation};

/// Most damaged streams are damaged in one place.
const MAX_DAMAGE: usize = 64;

/// Decodes a content stream, skipping what cannot be parsed: returns the
/// operations and how many unreadable stretches were skipped.
///
/// lopdf's lenient decoder stops silently at the first error. Where the strict
/// decoder fails, the damage starts at the shortest whitespace-delimited prefix
/// that already yields every operation the lenient decoder found (found by
/// bisection: more input never yields fewer operations); the token there is
/// skipped and decoding resumes after it.
pub(super) fn operations(content: &[u8]) -> (Vec<Operation>, usize) {
    let lenient = |bytes: &[u8]| Content::decode_iter(bytes).map_while(|op| op.ok()).collect::<Vec<_>>();
    let mut ops = Vec::new();
    let mut rest = content;
    let mut skipped = 0;
    loop {
        if let Ok(c) = Content::decode_strict(rest) {
            ops.extend(c.operations);
            return (ops, skipped);
        }
        skipped += 1;
        let good = lenient(rest);
        let cuts: Vec<usize> = std::iter::once(0)
            .chain(rest.iter().enumerate().filter(|(_, b)| b.is_ascii_whitespace()).map(|(i, _)| i + 1))
            .chain(std::iter::once(rest.len()))
            .collect();
        let complete =
            |i: usize| cuts.get(i).and_then(|c| rest.get(..*c)).is_none_or(|p| lenient(p).len() >= good.len());
        // Invariant: cut `hi` is complete, cut `lo` is not (or is 0).
        let (mut lo, mut hi) = (0, cuts.len().saturating_sub(1));
        if complete(0) {
            hi = 0;
        }
        while hi > lo + 1 {
            let mid = lo + (hi - lo) / 2;
            if complete(mid) { hi = mid } else { lo = mid }
        }
        ops.extend(good);
        match cuts.get(hi + 1).and_then(|c| rest.get(*c..)) {
            Some(next) if skipped < MAX_DAMAGE && !next.is_empty() && next.len() < rest.len() => rest = next,
            _ => return (ops, skipped),
        }
    }
}
