"""Times plans on Dask beside the command line, in one run: for each folder,
`odplan extract --format jsonl` at 1 and 2 jobs, odplan.extract_many at 1
and 2 jobs, and the Dask example (python/examples/dask_plans.py) on a
LocalCluster of 1 and 2 worker processes (one thread each), cluster start-up
timed apart. Each run is repeated REPEATS times and the fastest kept, as the
machine is shared; the load average is printed beside. Checks every run's
records against the command line's.

    python scripts/dask_timing.py ODPLAN_BINARY FOLDER...

Run it through scripts/dask_timing.sh, which builds both.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import odplan
from dask.distributed import Client, LocalCluster

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "examples"))
import dask_plans  # noqa: E402

#: Runs of each kind; the fastest is reported (others' builds share the cores).
REPEATS = 3


def best(run):
    """The fastest of REPEATS runs of `run() -> (seconds, records)`; all
    runs' records must agree."""
    results = [run(i) for i in range(REPEATS)]
    assert all(r[1] == results[0][1] for r in results)
    return min(r[0] for r in results), results[0][1]


def cli(binary, folder, jobs, out):
    start = time.perf_counter()
    cmd = [binary, "extract", str(folder), "-o", str(out), "--format", "jsonl", "-q", "--jobs", str(jobs)]
    subprocess.run(cmd, check=False)
    seconds = time.perf_counter() - start
    return seconds, [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]


def main():
    binary, folders = sys.argv[1], sys.argv[2:]
    rows = []
    for folder in map(Path, folders):
        items = dask_plans.plan_paths(folder)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            truth = None
            for jobs in (1, 2):
                seconds, records = best(lambda i: cli(binary, folder, jobs, tmp / f"cli-{jobs}-{i}"))
                truth = truth or records
                assert records == truth
                rows.append((folder.name, f"odplan CLI --jobs {jobs}", len(items), len(records), None, seconds))
            for jobs in (1, 2):

                def many(_):
                    start = time.perf_counter()
                    docs = odplan.extract_many([p for p, _ in items], jobs=jobs)
                    records = [r for d in docs if not isinstance(d, odplan.ExtractError) for r in d["records"]]
                    return time.perf_counter() - start, records

                seconds, records = best(many)
                # extract_many names records by file name; the CLI by path below the folder.
                assert [r["id"] for r in records] == [r["id"] for r in truth]
                rows.append((folder.name, f"extract_many jobs={jobs}", len(items), len(records), None, seconds))
            for workers in (1, 2):
                start = time.perf_counter()
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
                client = Client(cluster)
                client.wait_for_workers(workers)
                startup = time.perf_counter() - start

                def on_dask(i):
                    start = time.perf_counter()
                    parts = dask_plans.write_jsonl(folder, tmp / f"dask-{workers}-{i}")
                    seconds = time.perf_counter() - start
                    lines = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
                    return seconds, [json.loads(line) for line in lines]

                seconds, records = best(on_dask)
                client.close()
                cluster.close()
                assert records == truth, "Dask records differ from the CLI's"
                rows.append((folder.name, f"Dask LocalCluster {workers} worker(s)", len(items), len(records), startup, seconds))
    print(f"best of {REPEATS} runs each; load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| corpus | run | documents | records | cluster start s | seconds |")
    print("|---|---|---:|---:|---:|---:|")
    for corpus, run, docs, records, startup, seconds in rows:
        start_text = "" if startup is None else f"{startup:.2f}"
        print(f"| {corpus} | {run} | {docs} | {records} | {start_text} | {seconds:.2f} |")
    print("Every run's records equal the CLI's records.jsonl.")


if __name__ == "__main__":
    main()
