//! Broken and hostile input: mutated fixture PDFs never panic, never hang.

use std::time::{Duration, Instant};

use crate::support::{files, fixtures};

/// xorshift64*: a fixed-seed generator, so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of a PDF: truncate it, flip bytes, or cut out an object.
fn mutate(rng: &mut Rng, pdf: &[u8]) -> (String, Vec<u8>) {
    let mut out = pdf.to_vec();
    match rng.below(4) {
        0 => {
            let at = rng.below(out.len());
            out.truncate(at);
            (format!("truncate at {at}"), out)
        }
        1 => {
            let n = 1 + rng.below(16);
            for _ in 0..n {
                let at = rng.below(out.len());
                out[at] ^= 1 << rng.below(8);
            }
            (format!("flip {n} bits"), out)
        }
        2 => {
            // Drop the bytes of one "N 0 obj … endobj".
            let text = String::from_utf8_lossy(&out).into_owned();
            let starts: Vec<usize> = text.match_indices(" 0 obj").map(|(i, _)| i).collect();
            if starts.is_empty() {
                return ("no objects to drop".into(), out);
            }
            let start = starts[rng.below(starts.len())];
            let end = text[start..].find("endobj").map_or(out.len(), |e| start + e + 6);
            if text.is_char_boundary(start) && text.is_char_boundary(end) && end <= out.len() {
                out.drain(start..end);
            }
            (format!("drop object at {start}"), out)
        }
        _ => {
            // Overwrite a run with bytes that look like PDF syntax.
            const JUNK: &[&[u8]] = &[b"<<", b">>", b"[", b"]", b"(", b"\\", b"9999999999", b"-1", b"/Length 0", b"R"];
            let at = rng.below(out.len());
            let junk = JUNK[rng.below(JUNK.len())];
            for (k, b) in junk.iter().enumerate() {
                if let Some(slot) = out.get_mut(at + k) {
                    *slot = *b;
                }
            }
            (format!("junk at {at}"), out)
        }
    }
}

#[test]
fn mutated_pdfs_neither_panic_nor_hang() {
    let pdfs = files(&fixtures().join("pdf"), ".pdf");
    let rounds: usize = std::env::var("ODPLAN_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let mut rng = Rng(0x0D91_A2B3_C4D5_E6F7);
    let mut failures = Vec::new();
    for round in 0..rounds {
        let path = &pdfs[rng.below(pdfs.len())];
        let pdf = std::fs::read(path).expect("fixture");
        let (what, bytes) = mutate(&mut rng, &pdf);
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| {
            odplan::extract(&bytes, odplan::InputKind::Pdf, "mutant.pdf").map(|x| x.records.len())
        });
        let took = start.elapsed();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        if result.is_err() {
            failures.push(format!("round {round}: {name} ({what}) panicked"));
        }
        if took > Duration::from_secs(10) {
            failures.push(format!("round {round}: {name} ({what}) took {took:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_decompression_bomb_is_refused_within_bounds() {
    // 80 MB of drawing operators, deflated to well under a megabyte: past
    // the 64 MiB a stream may inflate to.
    let mut doc = lopdf::Document::load_mem(&crate::support::make_pdf(b"")).expect("pdf");
    let (_, page) = doc.get_pages().into_iter().next().expect("page");
    let mut stream = lopdf::Stream::new(lopdf::dictionary! {}, b"q Q\n".repeat(20 << 20));
    stream.compress().expect("compress");
    assert!(stream.content.len() < 1 << 20, "bomb is {} bytes", stream.content.len());
    let content = doc.add_object(stream);
    doc.get_dictionary_mut(page).expect("page").set("Contents", content);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let start = Instant::now();
    let result = odplan::extract(&bytes, odplan::InputKind::Pdf, "bomb.pdf");
    assert!(result.is_err(), "a bomb with no text is no plan");
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
}
