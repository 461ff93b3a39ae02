#!/usr/bin/env python3
"""Sweep: `odplan text` against `pdftotext` on every PDF in a folder.

Usage: scripts/realworld.py FOLDER [--odplan PATH] [--extract] [--rss] [--mutool]
                             [--below X] [--jobs N] [--json]

For each PDF it prints the character similarity of odplan's text with
pdftotext's, both character counts, odplan's exit status and (with --rss)
odplan's peak resident memory; then the counts below 0.9 and 0.95. With
--extract it also runs `odplan extract` on the file and prints its status
(ok / failed and the first line of the error), so documents that are not
plans can be seen to fail. With --mutool it also runs MuPDF's
`mutool draw -F txt` as a third opinion and prints its similarity with
pdftotext's text and with odplan's: where mutool agrees with odplan and not
with pdftotext, pdftotext is the one that is wrong. --below X keeps only the
files whose similarity is below X in the listing (the counts cover all).

Character similarity is 2 * |A & B| / (|A| + |B|) over the multisets of
non-whitespace characters of the two texts (U+FFFD counts as a character
that matches nothing): reading order and line breaks differ between readers
for reasons that are not lost text, so the comparison ignores order. Two
empty texts are similar (1.0).
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

TIMEOUT_S = 120  # per tool per file: the largest sweep files take ~10 s


def chars(text):
    return collections.Counter(c for c in text if not c.isspace())


def similarity(a, b):
    ca, cb = chars(a), chars(b)
    total = sum(ca.values()) + sum(cb.values())
    if total == 0:
        return 1.0
    common = ca & cb
    common.pop("\ufffd", None)
    return 2 * sum(common.values()) / total


def run(cmd):
    """Runs cmd; returns (exit code, stdout text, stderr text)."""
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return 127, "", str(e)
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return -1, out.decode("utf-8", "replace"), "timeout"
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def peak_rss_kib(cmd):
    """Peak RSS of one run of cmd, in KiB, as GNU time reports it.

    Not os.fork + os.wait4: Linux carries a process's peak RSS across exec,
    so a child forked from this process (which grows with the texts it
    holds) would report the sweep's own memory as its peak. `time` and
    `timeout` are small; `timeout` ends a decompression bomb.
    """
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = ["/usr/bin/time", "-f", "%M", "-o", report.name, "timeout", "--kill-after=5", str(TIMEOUT_S)] + cmd
        try:
            subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            return 0
        lines = [l for l in report.read().splitlines() if l.strip().isdigit()]
    return int(lines[-1]) if lines else 0


def first_line(text):
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def one(path, args):
    odplan = [args.odplan, "text", path]
    code, mine, err = run(odplan)
    pcode, theirs, _ = run(["pdftotext", "-enc", "UTF-8", path, "-"])
    row = {
        "file": os.path.basename(path),
        "similarity": round(similarity(mine, theirs), 4),
        "odplan_chars": sum(chars(mine).values()),
        "pdftotext_chars": sum(chars(theirs).values()),
        "fffd": mine.count("\ufffd"),
        "odplan_exit": code,
        "pdftotext_exit": pcode,
        "odplan_error": last_line(err).replace(path + ": ", "") if code != 0 else "",
    }
    if args.mutool:
        _, muted, _ = run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", path])
        row["mutool_chars"] = sum(chars(muted).values())
        row["mutool_vs_pdftotext"] = round(similarity(muted, theirs), 4)
        row["mutool_vs_odplan"] = round(similarity(muted, mine), 4)
    if args.rss:
        row["odplan_rss_mib"] = round(peak_rss_kib(odplan) / 1024, 1)
        row["pdftotext_rss_mib"] = round(peak_rss_kib(["pdftotext", path, os.devnull]) / 1024, 1)
    if args.extract:
        with tempfile.TemporaryDirectory() as out:
            ecode, _, eerr = run([args.odplan, "extract", "-q", "-o", out, path])
            report = os.path.join(out, "report.json")
            records = None
            if os.path.exists(report):
                try:
                    with open(report, encoding="utf-8") as f:
                        docs = json.load(f)
                    docs = docs.get("documents", docs) if isinstance(docs, dict) else docs
                    records = sum(d.get("records", 0) for d in docs)
                except (ValueError, AttributeError, TypeError):
                    records = None
            row["extract"] = "ok" if ecode == 0 else "failed"
            row["extract_records"] = records
            row["extract_error"] = first_line(eerr).replace(path + ": ", "")
    return row


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder")
    p.add_argument("--odplan", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "odplan"))
    p.add_argument("--extract", action="store_true", help="also run odplan extract on each file")
    p.add_argument("--rss", action="store_true", help="also measure peak RSS of odplan and pdftotext")
    p.add_argument("--mutool", action="store_true", help="also compare with mutool draw -F txt")
    p.add_argument("--below", type=float, default=None, help="list only files below this similarity")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--json", action="store_true", help="one JSON object per file instead of a table")
    args = p.parse_args()
    paths = sorted(
        os.path.join(dp, f)
        for dp, _, fs in os.walk(args.folder)
        for f in fs
        if f.lower().endswith(".pdf")
    )
    if not paths:
        sys.exit(f"no PDFs in {args.folder}")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda path: one(path, args), paths))
    for r in rows:
        if args.below is not None and r["similarity"] >= args.below:
            continue
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
            continue
        extra = ""
        if args.rss:
            extra += f"  rss {r['odplan_rss_mib']:7.1f}/{r['pdftotext_rss_mib']:6.1f} MiB"
        if args.extract:
            extra += f"  extract {r['extract']}"
            if r["extract"] == "ok":
                extra += f" ({r['extract_records']} records)"
            else:
                extra += f" ({r['extract_error'][:70]})"
        if args.mutool:
            extra += f"  mutool {r['mutool_chars']:7d} vs-pdftotext {r['mutool_vs_pdftotext']:.3f} vs-odplan {r['mutool_vs_odplan']:.3f}"
        err = f"  [{r['odplan_error'][:60]}]" if r["odplan_error"] else ""
        print(
            f"{r['similarity']:.3f}  {r['odplan_chars']:7d} {r['pdftotext_chars']:7d}  "
            f"fffd {r['fffd']:5d}  {r['file']}{err}{extra}"
        )
    below90 = sum(r["similarity"] < 0.9 for r in rows)
    below95 = sum(r["similarity"] < 0.95 for r in rows)
    print(f"# {len(rows)} files: {below90} below 0.90, {below95} below 0.95", file=sys.stderr)
    if args.rss:
        top = max(rows, key=lambda r: r["odplan_rss_mib"])
        print(f"# largest odplan peak RSS: {top['odplan_rss_mib']} MiB ({top['file']})", file=sys.stderr)


if __name__ == "__main__":
    main()
