#!/usr/bin/env bash
# Dask timing beside the command line (see scripts/dask_timing.py): builds the
# CLI in release and the Python package into a fresh venv, then times the
# development corpora (or the folders given).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
scripts/python-venv.sh "$venv"
if [ $# -eq 0 ]; then set -- ../shared/corpus/dev ../shared/corpus/dev2; fi
"$venv/bin/python" scripts/dask_timing.py target/release/odplan "$@"
