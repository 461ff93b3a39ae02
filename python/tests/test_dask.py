"""Plans at scale: the README's Dask example on a LocalCluster of two
worker processes gives the command line's records."""

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO

# scripts/test.sh installs dask; elsewhere the test is skipped unless asked for.
if os.environ.get("ODPLAN_TEST_DASK") == "1":
    import dask.bag  # noqa: F401
    import dask.distributed  # noqa: F401
else:
    pytest.importorskip("dask.bag")
    pytest.importorskip("dask.distributed")

sys.path.insert(0, str(REPO / "python" / "examples"))
import dask_plans  # noqa: E402


def test_local_cluster_of_two_processes_writes_the_clis_records(cli_pdf, tmp_path):
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 2
            pids = client.run(os.getpid)
            assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
            parts = dask_plans.write_jsonl(FIXTURES / "pdf", tmp_path / "out", partitions=8)
    assert len(parts) == 8
    lines = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    assert [json.loads(line) for line in lines] == cli_pdf["records"]


def test_paths_are_named_as_the_cli_names_them(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "b.pdf").write_bytes(b"")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    names = [source for _, source in dask_plans.plan_paths(tmp_path)]
    assert names == ["2024/b.pdf", "a.txt"]
