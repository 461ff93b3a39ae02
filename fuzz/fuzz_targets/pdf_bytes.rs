//! Any bytes, read as a PDF: the pipeline may fail, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Plans are well under a megabyte; larger inputs only slow the search.
    if data.len() > 1 << 20 {
        return;
    }
    let _ = odplan::extract(data, odplan::InputKind::Pdf, "fuzz.pdf");
});
