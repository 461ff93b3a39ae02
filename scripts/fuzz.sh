#!/usr/bin/env bash
# Fuzzes the PDF and text entry points for a bounded time each (default 120 s),
# seeded with the fixtures. Crashes land in fuzz/artifacts/<target>/; copy each into
# fixtures/regress/ as <issue>-<slug>.pdf|txt so `cargo test` replays it.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain take them.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-120}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p corpus/pdf_bytes corpus/text_bytes
cp -n ../fixtures/pdf/*.pdf ../fixtures/regress/*.pdf corpus/pdf_bytes/ 2>/dev/null || true
cp -n ../fixtures/text/*.txt corpus/text_bytes/ 2>/dev/null || true
for target in pdf_bytes text_bytes; do
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=1048576
done
