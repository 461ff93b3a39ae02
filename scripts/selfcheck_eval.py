#!/usr/bin/env python3
"""How well odplan's self-check flags wrong records: over a folder of plans
with <stem>.truth.json and odplan's per-document <stem>.json outputs, the
share of wrong records it flagged (aim >= 0.90) and of right records it
flagged (aim < 0.05). A record is wrong when any scored field differs from
its truth (the scorer's folding); a record the truth lacks is wrong too.

usage: selfcheck_eval.py TRUTH_DIR OUT_DIR
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "layoutgen"))
from score import key, norm  # noqa: E402

FIELDS = ["category", "name", "new_item", "description", "date_text", "date", "frequency_text", "frequency"]


def main():
    truth_dir, out_dir = sys.argv[1], sys.argv[2]
    wrong = right = wrong_flagged = right_flagged = 0
    for tpath in sorted(glob.glob(os.path.join(truth_dir, "*.truth.json"))):
        stem = os.path.basename(tpath)[: -len(".truth.json")]
        opath = os.path.join(out_dir, stem + ".json")
        if not os.path.exists(opath):
            continue
        truth = {key(r): r for r in json.load(open(tpath, encoding="utf-8"))["records"]}
        out = json.load(open(opath, encoding="utf-8"))
        flagged = {d.get("record") for d in out.get("diagnostics", []) if d.get("record")}
        for r in out["records"]:
            t = truth.get(key(r))
            bad = t is None or any(norm(t.get(f)) != norm(r.get(f)) for f in FIELDS)
            hit = r["id"] in flagged
            if bad:
                wrong += 1
                wrong_flagged += hit
            else:
                right += 1
                right_flagged += hit
    print(f"records {wrong + right}: wrong {wrong}, right {right}")
    print(f"wrong records flagged: {wrong_flagged}/{wrong} = {wrong_flagged / max(wrong, 1):.3f} (aim >= 0.90)")
    print(f"right records flagged: {right_flagged}/{right} = {right_flagged / max(right, 1):.3f} (aim < 0.05)")


if __name__ == "__main__":
    main()
