#!/usr/bin/env bash
# The test suite: cargo test (after installing the Python tools the tests
# use outside Rust: pyld, for the DCAT JSON-LD round trip; pyshacl, to
# validate the DCAT output against the DCAT-AP 3 shapes), the Python
# binding's own Rust tests, then the Python package built into a fresh venv
# and its pytest tests, which compare it with the odplan binary cargo test
# built. Extra arguments go to cargo test.
# The last line printed is pytest's summary; any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import pyld' 2>/dev/null || python3 -m pip install --quiet pyld
python3 -c 'import pyshacl' 2>/dev/null || python3 -m pip install --quiet pyshacl
cargo test "$@"
(cd python && cargo test "$@")
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
scripts/python-venv.sh "$venv"
# cargo test built the binary for its integration tests; without it the
# tests fall back to cargo run.
if [ -x target/debug/odplan ]; then export ODPLAN_CLI="$PWD/target/debug/odplan"; fi
ODPLAN_TEST_DASK=1 "$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider
