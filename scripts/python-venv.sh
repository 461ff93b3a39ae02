#!/usr/bin/env bash
# Makes a fresh virtual environment in DIR with the Python package built from
# ./python (maturin, release) and what its tests use: pytest, dask.distributed,
# pandas. Usage: scripts/python-venv.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:?usage: scripts/python-venv.sh DIR}
if ! python3 -m venv --clear "$venv"; then
    echo "python3 -m venv failed: on Debian, apt-get install python3-venv" >&2
    exit 1
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# pip builds the package in an isolated environment with maturin from PyPI;
# cargo keeps its build in python/target, so a second run only relinks.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "./python[test]"
