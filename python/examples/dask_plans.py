"""Plans at scale on Dask: odplan.extract mapped over a folder of plans,
records written as JSON Lines, one file per partition, in input order.

    python python/examples/dask_plans.py PLANS_DIR OUT_DIR [--workers N]

starts a LocalCluster of N worker processes; pass --scheduler ADDRESS to
use a running cluster instead. The same records as
`odplan extract PLANS_DIR --format jsonl` (its records.jsonl is the
concatenation of the part files in order).
"""

import argparse
import json
import os
from pathlib import Path

import dask.bag as db
import odplan


def plan_paths(folder):
    """The *.pdf and *.txt files below `folder`, sorted as the CLI sorts
    them, each with the name the CLI gives its records: its path below
    `folder`."""
    root = Path(folder)
    found = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt"))
    return [(str(p), p.relative_to(root).as_posix()) for p in found]


def extract_one(item):
    path, source = item
    try:
        return odplan.extract(path, source=source)
    except odplan.ExtractError:
        # Left out of the records, as the CLI does; report it elsewhere.
        return []


def records_bag(folder, partitions=None):
    """A dask bag of every record of every plan below `folder`, in order."""
    items = plan_paths(folder)
    partitions = partitions or max(1, min(len(items), 64))
    return db.from_sequence(items, npartitions=partitions).map(extract_one).flatten()


def write_jsonl(folder, out, partitions=None):
    """Computes the bag on the current Dask client; returns the part files
    in order."""
    os.makedirs(out, exist_ok=True)
    records_bag(folder, partitions).map(json.dumps, ensure_ascii=False).to_textfiles(
        os.path.join(out, "records-*.jsonl"), name_function=lambda i: f"{i:05d}"
    )
    return sorted(Path(out).glob("records-*.jsonl"))


def main():
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("plans")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    args = ap.parse_args()
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None))
    with client:
        parts = write_jsonl(args.plans, args.out)
    print(f"{len(parts)} part files in {args.out}")


if __name__ == "__main__":
    main()
