#!/usr/bin/env python3
"""Per-document scoring of extracted records against layoutgen truths, by the rules of
shared/corpus/score.py: records match per document on (section, organisation, spatial,
item_no); strings compare after NFC and whitespace folding, forgiving a space next to a
CJK character; `pages` counts only where the truth says pages_exact.

usage: score.py TRUTH_DIR PRED [--json] [--worst N]
PRED: a directory of <stem>.json, or one .json / .jsonl file of records with "source".
"""
import argparse
import glob
import json
import os
import re
import sys
import unicodedata

FIELDS = ["publisher", "language", "plan_period", "plan_date", "status", "organisation", "category", "name",
          "new_item", "description", "formats", "date_text", "date", "frequency_text", "frequency", "pages"]
CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"


def norm(v):
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str):
        s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", v)).strip()
        return re.sub(rf"(?<={CJK}) | (?={CJK})", "", s)
    return v


def key(r):
    return (r.get("section"), norm(r.get("organisation")), r.get("spatial"), r.get("item_no"))


def load_pred(path):
    docs = {}

    def add(recs):
        for r in recs:
            if isinstance(r, dict) and "source" in r:
                docs.setdefault(os.path.basename(r["source"]), []).append(r)

    if os.path.isdir(path):
        for f in sorted(glob.glob(os.path.join(path, "*.json"))):
            d = json.load(open(f, encoding="utf-8"))
            if isinstance(d, dict) and "records" not in d:
                continue
            add(d["records"] if isinstance(d, dict) else d)
    elif path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            add(json.loads(line) for line in f if line.strip())
    elif os.path.exists(path):
        d = json.load(open(path, encoding="utf-8"))
        add(d["records"] if isinstance(d, dict) else d)
    return docs


def score_doc(truth, precs):
    """One document: counts, per-field hits and the wrong fields (field, key, truth, got)."""
    trecs = truth["records"]
    pmap = {}
    for r in precs:
        pmap.setdefault(key(r), r)
    hits = {f: 0 for f in FIELDS}
    bad = []
    matched = 0
    for tr in trecs:
        pr = pmap.get(key(tr))
        if pr is None:
            bad.append(("missing", key(tr), tr.get("name"), None))
            continue
        matched += 1
        for f in FIELDS:
            if f == "pages" and not truth.get("pages_exact", True):
                hits[f] += 1
            elif norm(pr.get(f)) == norm(tr.get(f)):
                hits[f] += 1
            else:
                bad.append((f, key(tr), tr.get(f), pr.get(f)))
    tkeys = {key(t) for t in trecs}
    extra = [key(r) for r in precs if key(r) not in tkeys]
    n = len(trecs)
    field_acc = sum(hits.values()) / (n * len(FIELDS)) if n else (1.0 if not precs else 0.0)
    return {
        "truth": n, "pred": len(precs), "matched": matched, "extra": len(extra),
        "recall": matched / n if n else 1.0, "precision": matched / len(precs) if precs else (1.0 if not n else 0.0),
        "field_accuracy": field_acc, "fields": {f: (hits[f] / n if n else 1.0) for f in FIELDS},
        "wrong": bad, "extra_keys": extra[:10],
    }


def score_dir(truth_dir, pred_path):
    pred = load_pred(pred_path)
    out = {}
    for tf in sorted(glob.glob(os.path.join(truth_dir, "*.truth.json"))):
        t = json.load(open(tf, encoding="utf-8"))
        src = os.path.basename(t["source"])
        out[src] = score_doc(t, pred.get(src, []))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("truth")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    a = ap.parse_args()
    per = score_dir(a.truth, a.pred)
    if not per:
        sys.exit(f"score: no *.truth.json in {a.truth}")
    T = sum(d["truth"] for d in per.values())
    P = sum(d["pred"] for d in per.values())
    M = sum(d["matched"] for d in per.values())
    fields = {f: sum(d["fields"][f] * d["truth"] for d in per.values()) / T for f in FIELDS} if T else {}
    p, r = (M / P if P else 0.0), (M / T if T else 0.0)
    res = {"documents": len(per), "truth": T, "pred": P, "matched": M, "precision": round(p, 4),
           "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
           "field_accuracy": round(sum(fields.values()) / len(FIELDS), 4) if fields else 0.0,
           "fields": {k: round(v, 4) for k, v in fields.items()}}
    if a.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        print(f"documents {res['documents']}  truth {T}  predicted {P}  matched {M}")
        print(f"precision {res['precision']:.4f}  recall {res['recall']:.4f}  F1 {res['f1']:.4f}  "
              f"field accuracy {res['field_accuracy']:.4f}")
        for f in FIELDS:
            print(f"  {f:15s} {fields[f]:.4f}")
    for src, d in sorted(per.items(), key=lambda kv: kv[1]["field_accuracy"])[: a.worst]:
        print(f"\n{src}: truth {d['truth']} predicted {d['pred']} matched {d['matched']}", file=sys.stderr)
        for f, k, tv, pv in d["wrong"][:6]:
            print(f"  {f} {k}: truth {tv!r} got {pv!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
