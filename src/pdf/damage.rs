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
    // Two slips other readers pass over: a sign with no digits (`-(e)` in a
    // TJ array reads as 0) and an operator inside an array (ignored).
    if Content::decode_strict(content).is_err()
        && let Some(fixed) = tidy(content)
        && let Ok(c) = Content::decode_strict(&fixed)
    {
        return (c.operations, 0);
    }
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

/// The content with lone signs written as `0` and words inside arrays
/// blanked; `None` when there was neither. Strings, comments and inline
/// image data are left as they are.
fn tidy(content: &[u8]) -> Option<Vec<u8>> {
    let mut out = content.to_vec();
    let mut changed = false;
    let mut depth = 0usize;
    let mut i = 0;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    while let Some(&b) = content.get(i) {
        match b {
            b'(' => i = string_end(content, i),
            b'%' => {
                while content.get(i).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                    i += 1;
                }
            }
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'/' | b'<' | b'>' => {
                i += 1;
                while content.get(i).is_some_and(|c| !delimiter(*c)) {
                    i += 1;
                }
            }
            _ if delimiter(b) => i += 1,
            _ => {
                let start = i;
                while content.get(i).is_some_and(|c| !delimiter(*c)) {
                    i += 1;
                }
                let word = content.get(start..i).unwrap_or_default();
                match word {
                    b"-" | b"+" | b"." => {
                        if let Some(c) = out.get_mut(start) {
                            *c = b'0';
                            changed = true;
                        }
                    }
                    // Inline image data is not content syntax.
                    b"ID" => return changed.then_some(out),
                    _ if depth > 0
                        && word.first().is_some_and(u8::is_ascii_alphabetic)
                        && !matches!(word, b"true" | b"false" | b"null") =>
                    {
                        if let Some(w) = out.get_mut(start..i) {
                            w.fill(b' ');
                            changed = true;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    changed.then_some(out)
}

/// Just past the literal string that opens at `start`.
fn string_end(content: &[u8], start: usize) -> usize {
    let mut level = 0usize;
    let mut i = start;
    while let Some(&c) = content.get(i) {
        i += 1;
        match c {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level = level.saturating_sub(1);
                if level == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    i
}
