//! Any bytes, read as a plan's text: decoding and segmentation never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 << 10 {
        return;
    }
    let _ = odplan::extract(data, odplan::InputKind::Text, "fuzz.txt");
});
