#!/usr/bin/env bash
# The test suite: cargo test, after installing the one tool the tests use
# outside Rust (pyld, for the DCAT JSON-LD round trip). Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import pyld' 2>/dev/null || python3 -m pip install --quiet pyld
cargo test "$@"
