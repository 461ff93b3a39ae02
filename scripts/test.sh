#!/usr/bin/env bash
# The test suite: cargo test, after installing the Python tools the tests use
# outside Rust (pyld, for the DCAT JSON-LD round trip; pyshacl, to validate the
# DCAT output against the DCAT-AP 3 shapes). Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import pyld' 2>/dev/null || python3 -m pip install --quiet pyld
python3 -c 'import pyshacl' 2>/dev/null || python3 -m pip install --quiet pyshacl
cargo test "$@"
