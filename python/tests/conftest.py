"""Shared fixtures: the repository's sample plans and the command line's
output on them, which the Python package must reproduce."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


def plan_files(folder):
    """The plans the command line would take from `folder`, in its order."""
    return sorted(p for p in (FIXTURES / folder).iterdir() if p.suffix.lower() in (".pdf", ".txt"))


def cli_command():
    """The odplan binary: $ODPLAN_CLI, else a built one, else cargo run."""
    if os.environ.get("ODPLAN_CLI"):
        return [os.environ["ODPLAN_CLI"]]
    for profile in ("release", "debug"):
        exe = REPO / "target" / profile / "odplan"
        if exe.exists():
            return [str(exe)]
    return ["cargo", "run", "--quiet", "--manifest-path", str(REPO / "Cargo.toml"), "--"]


def run_cli(inputs, out):
    """Runs `odplan extract` and returns its records.jsonl lines (parsed),
    its per-document JSON files by source and its report, by source."""
    cmd = cli_command() + ["extract", *map(str, inputs), "-o", str(out), "--format", "json,jsonl", "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    docs = {}
    for entry in report["documents"]:
        if entry["status"] == "ok":
            stem = Path(entry["source"]).stem
            docs[entry["source"]] = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    return {
        "lines": lines,
        "records": [json.loads(line) for line in lines],
        "documents": docs,
        "report": {e["source"]: e for e in report["documents"]},
    }


@pytest.fixture(scope="session")
def cli_pdf(tmp_path_factory):
    return run_cli([FIXTURES / "pdf"], tmp_path_factory.mktemp("cli-pdf"))


@pytest.fixture(scope="session")
def cli_text(tmp_path_factory):
    return run_cli([FIXTURES / "text"], tmp_path_factory.mktemp("cli-text"))


@pytest.fixture(scope="session")
def broken(tmp_path_factory):
    """A folder of documents that cannot be read, made here, and the
    command line's report on them."""
    folder = tmp_path_factory.mktemp("broken")
    good = (FIXTURES / "pdf" / plan_files("pdf")[0].name).read_bytes()
    (folder / "a-empty.pdf").write_bytes(b"")
    (folder / "b-not-a-pdf.pdf").write_bytes(b"hello, not a PDF at all\n")
    (folder / "c-truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "d-not-a-plan.txt").write_text("A shopping list\n\neggs\nmilk\n", encoding="utf-8")
    (folder / "e-garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    for p in plan_files("regress"):
        shutil.copy(p, folder / p.name)
    out = tmp_path_factory.mktemp("cli-broken")
    cli = run_cli([folder], out)
    return folder, cli["report"]
