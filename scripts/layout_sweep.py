#!/usr/bin/env python3
"""Score odplan on random plan layouts it was never tuned to, and show which style
features go with low scores.

usage: scripts/layout_sweep.py [--out /tmp/layouts] [--count 210] [--seed 1]
         [--producers chromium,libreoffice,reportlab,ghostscript] [--bin target/release/odplan]
         [--skip-generate] [--worst 15] [--json]

Generates the layouts with scripts/layoutgen/generate.py into OUT (outside the repo),
runs `odplan extract OUT -o OUT/odplan-out --format json,jsonl`, scores every document
(scripts/layoutgen/score.py; the shared corpus scorer too when ../shared is present) and
prints the per-document field-accuracy distribution, a breakdown per producer and per
style feature, and the worst layouts with their style and wrong fields.
"""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "layoutgen"))
import score as lgscore  # noqa: E402

SHARED_SCORER = os.path.join(REPO, "..", "shared", "corpus", "score.py")
# Style keys that are bookkeeping, not layout features.
SKIP_KEYS = {"producer", "widths", "header_words", "rows_target", "title_tmpl", "date_forms", "ablation"}


def features(entry):
    """Flat {feature: value} of one manifest entry, numbers bucketed."""
    st = entry["style"]
    f = {"producer": entry["producer"], "language": entry["language"]}
    for k, v in st.items():
        if k in SKIP_KEYS or k.startswith("_"):
            continue
        f[k] = v if not isinstance(v, float) else round(v, 1)
    if isinstance(st.get("font_size"), (int, float)):
        fs = st["font_size"]
        f["font_size"] = "7-8" if fs <= 8 else "8.5-10" if fs <= 10 else "10.5-12"
    if "widths" in st:
        mw = min(st["widths"])
        f["min_col_width_pct"] = "<5" if mw < 5 else "5-7" if mw < 7 else ">=7"
        f["freq_col_width_pct"] = "<8" if st["widths"][5] < 8 else "8-12" if st["widths"][5] < 12 else ">=12"
    f["title_tmpl"] = st.get("title_tmpl", "")[:24]
    f["date_forms"] = "mm-heavy" if st.get("date_forms", [1])[0] >= 10 else "mixed"
    pages = entry.get("pages") or 0
    f["pages"] = "1-3" if pages <= 3 else "4-7" if pages <= 7 else "8+"
    f["rows_break_pages"] = bool(entry.get("rows_spanning_pages"))
    for k, v in (entry.get("applied") or {}).items():
        f["applied." + k] = v
    return f


def odplan_summary(rep):
    warns = rep.get("warnings") or []
    return {"status": rep.get("status"), "errors": rep.get("errors"), "warnings": len(warns),
            "first_warnings": [w[:120] for w in warns[:3]]}


def pct(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    i = (len(xs) - 1) * q
    lo = int(i)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (i - lo)


def histogram(xs, bins=(0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)):
    out = []
    for lo, hi in zip(bins, bins[1:]):
        n = sum(1 for x in xs if lo <= x < hi)
        label = f"[{lo:.2f},{min(hi, 1):.2f}{']' if hi > 1 else ')'}"
        out.append((label, n))
    return out


BULLET_START = re.compile(r"^\s*([•●▪‧·\-–\uf0b7]|\d+\.)\s*")


def wrong_class(field, tv, pv):
    """A coarse name for how a field went wrong, to count failure classes."""
    if field == "missing":
        return "row missing (or its key: section, organisation, spatial, item_no wrong)"
    if pv in (None, "", []):
        return f"{field}: empty or null"
    if isinstance(tv, list) and isinstance(pv, list) and field == "description":
        if len(pv) < len(tv) and " ".join(tv) == " ".join(pv):
            return "description: bullets merged"
        if any(BULLET_START.match(x) for x in pv) and [BULLET_START.sub("", x) for x in pv] == tv:
            return "description: bullet sign kept"
        tv, pv = " ".join(tv), " ".join(pv)
    if not isinstance(tv, str) or not isinstance(pv, str):
        return f"{field}: other value"
    t, p = lgscore.norm(tv), lgscore.norm(pv)
    if t.replace(" ", "") == p.replace(" ", ""):
        return f"{field}: spacing (word wrongly joined)" if len(p) < len(t) else f"{field}: spacing (space inside a word)"
    if p.startswith(t):
        return f"{field}: extra text after (text from below or the next column absorbed)"
    if p.endswith(t):
        return f"{field}: extra text before (page furniture or a column's text absorbed)"
    if t.startswith(p):
        return f"{field}: truncated (rest went elsewhere)"
    if t in p:
        return f"{field}: text around it absorbed"
    return f"{field}: different text"


def ablation_table(docs):
    """Per ablation label: mean accuracy and the mean difference to the plain documents of
    the same producer and language."""
    plain = collections.defaultdict(list)
    for d in docs:
        if d["entry"]["style"].get("ablation") == "plain":
            plain[(d["entry"]["producer"], d["entry"]["language"])].append(d["score"]["field_accuracy"])
    if not plain:
        return []
    rows = collections.defaultdict(list)
    for d in docs:
        lab = d["entry"]["style"].get("ablation")
        if lab:
            rows[lab].append(d)
    out = []
    for lab, ds in rows.items():
        deltas = []
        for d in ds:
            base = plain.get((d["entry"]["producer"], d["entry"]["language"]))
            if base:
                deltas.append(d["score"]["field_accuracy"] - statistics.fmean(base))
        examples = []
        for d in ds:
            for f, k, tv, pv in d["score"]["wrong"][:1]:
                examples.append(f"{d['file']}: {f} {k}: truth {str(tv)[:70]!r} got {str(pv)[:70]!r}")
        out.append({"label": lab, "n": len(ds), "mean": statistics.fmean(d["score"]["field_accuracy"] for d in ds),
                    "delta": statistics.fmean(deltas) if deltas else 0.0,
                    "files": [f"{d['entry']['producer'][:3]}/{d['entry']['language'][:2]}="
                              f"{d['score']['field_accuracy']:.2f}" for d in ds], "examples": examples})
    out.sort(key=lambda r: r["delta"])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/layouts")
    ap.add_argument("--count", type=int, default=210)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--producers", default="chromium,libreoffice,reportlab,ghostscript")
    ap.add_argument("--languages", default="en,zh-Hant")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "odplan"))
    ap.add_argument("--skip-generate", action="store_true")
    ap.add_argument("--ablate", type=int, default=0, metavar="K",
                    help="generate the one-feature-at-a-time set (K documents per change) instead of random styles")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    if not a.skip_generate:
        subprocess.run([sys.executable, os.path.join(HERE, "layoutgen", "generate.py"), "--out", out, "--count",
                        str(a.count), "--seed", str(a.seed), "--producers", a.producers, "--languages",
                        a.languages] + (["--ablate", str(a.ablate)] if a.ablate else []), check=True)
    pred_dir = os.path.join(out, "odplan-out")
    r = subprocess.run([a.bin, "extract", "-q", "--format", "json,jsonl", "-o", pred_dir, out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"sweep: odplan failed ({r.returncode}): {r.stderr[-2000:]}")
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    per = lgscore.score_dir(out, os.path.join(pred_dir, "records.jsonl"))
    report = {}
    try:
        rep = json.load(open(os.path.join(pred_dir, "report.json"), encoding="utf-8"))
        for d in rep.get("documents", []):
            report[os.path.basename(d.get("source", d.get("file", "")))] = d
    except (OSError, ValueError):
        pass
    shared = None
    if os.path.exists(SHARED_SCORER):
        s = subprocess.run([sys.executable, SHARED_SCORER, out, os.path.join(pred_dir, "records.jsonl"), "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if s.returncode == 0 and s.stdout.strip():
            shared = json.loads(s.stdout)
    docs = []
    unverified = []
    for e in manifest["documents"]:
        sc = per.get(e["file"])
        if e.get("n_text_problems") or "error" in e:
            unverified.append(e["file"])
        if sc is None:
            continue
        docs.append({"file": e["file"], "entry": e, "score": sc, "features": features(e)})
    accs = [d["score"]["field_accuracy"] for d in docs]
    dist = {"n": len(accs), "mean": statistics.fmean(accs) if accs else 0, "min": min(accs, default=0),
            "p10": pct(accs, 0.1), "p25": pct(accs, 0.25), "median": pct(accs, 0.5), "p75": pct(accs, 0.75),
            "perfect": sum(1 for d in docs if d["score"]["field_accuracy"] == 1.0 and d["score"]["extra"] == 0),
            "histogram": histogram(accs)}
    field_means = {f: statistics.fmean(d["score"]["fields"][f] for d in docs) for f in lgscore.FIELDS} if docs else {}
    by_feature = collections.defaultdict(lambda: collections.defaultdict(list))
    for d in docs:
        for k, v in d["features"].items():
            by_feature[k][json.dumps(v, ensure_ascii=False)].append(d["score"]["field_accuracy"])
    feats = []
    for k, groups in by_feature.items():
        if len(groups) < 2:
            continue
        rows = sorted(((v, len(xs), statistics.fmean(xs)) for v, xs in groups.items()), key=lambda t: t[2])
        big = [t for t in rows if t[1] >= 3]
        spread = (max(t[2] for t in big) - min(t[2] for t in big)) if len(big) >= 2 else 0.0
        feats.append({"feature": k, "spread": spread, "groups": rows})
    feats.sort(key=lambda f: -f["spread"])
    worst = sorted(docs, key=lambda d: d["score"]["field_accuracy"])[: a.worst]
    classes = collections.Counter()
    class_example = {}
    for d in docs:
        for f, k, tv, pv in d["score"]["wrong"]:
            if f in ("date", "frequency", "formats", "new_item", "plan_date", "pages", "publisher"):
                continue  # derived from another field, or counted by the documents' table
            c = wrong_class(f, tv, pv)
            classes[c] += 1
            class_example.setdefault(c, f"{d['file']} {k}: truth {str(tv)[:80]!r} got {str(pv)[:80]!r}")
    outcomes = collections.Counter()
    for d in docs:
        rep = report.get(d["file"], {})
        for e in rep.get("errors") or []:
            outcomes["failed: " + re.sub(r"\d+", "N", e)[:90]] += 1
        kinds = {re.sub(r"\d+", "N", re.sub(r"^page \d+: ", "", w))[:60] for w in rep.get("warnings") or []
                 if "no known Unicode" in w or "not understood" in w or "ignored" in w}
        for k in kinds:
            outcomes["warning: " + k] += 1
    ablation = ablation_table(docs)
    wrong_by_field = collections.Counter()
    for d in docs:
        for f, *_ in d["score"]["wrong"]:
            wrong_by_field[f] += 1
    result = {
        "out": out, "binary": a.bin, "distribution": dist, "unverified_excluded": unverified, "fields": field_means, "shared_scorer": shared,
        "wrong_fields": wrong_by_field.most_common(),
        "wrong_classes": [(c, n, class_example[c]) for c, n in classes.most_common()],
        "features": feats, "ablation": ablation, "odplan_outcomes": outcomes.most_common(),
        "worst": [{"file": d["file"], "field_accuracy": d["score"]["field_accuracy"],
                   "truth": d["score"]["truth"], "pred": d["score"]["pred"], "matched": d["score"]["matched"],
                   "pages": d["entry"].get("pages"), "odplan": odplan_summary(report.get(d["file"], {})),
                   "style": d["features"], "wrong": [list(map(str, w)) for w in d["score"]["wrong"][:8]]}
                  for d in worst],
        "documents": [{"file": d["file"], "field_accuracy": d["score"]["field_accuracy"],
                       "recall": d["score"]["recall"], "precision": d["score"]["precision"]} for d in docs],
    }
    if a.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
        return
    print(f"layouts {dist['n']} scored in {out}  (binary {a.bin})")
    if unverified:
        print(f"not scored: {len(unverified)} whose drawn text did not read back as the truth "
              f"(manifest text_problems; truth in <stem>.unverified-truth.json): {', '.join(unverified[:8])}{' ...' if len(unverified) > 8 else ''}")
    if shared:
        print(f"shared scorer: F1 {shared['f1']}  precision {shared['precision']}  recall {shared['recall']}  "
              f"field accuracy {shared['field_accuracy']}  perfect docs {shared.get('perfect_docs')}")
    print(f"per-document field accuracy: mean {dist['mean']:.4f}  min {dist['min']:.4f}  p10 {dist['p10']:.4f}  "
          f"p25 {dist['p25']:.4f}  median {dist['median']:.4f}  p75 {dist['p75']:.4f}  perfect {dist['perfect']}")
    for label, n in dist["histogram"]:
        print(f"  {label:13s} {n:4d} {'#' * n}")
    print("\nper producer and language:")
    for key in ("producer", "language"):
        for v, n, m in sorted(((v, len(xs), statistics.fmean(xs)) for v, xs in by_feature[key].items()),
                              key=lambda t: t[2]):
            med = pct(by_feature[key][v], 0.5)
            print(f"  {key}={v:15s} n={n:3d}  mean {m:.4f}  median {med:.4f}")
    print("\nodplan's own report on these documents:")
    for msg, n in outcomes.most_common(8):
        print(f"  {n:4d} x {msg}")
    print("\nper-field mean accuracy over documents:")
    for f, v in sorted(field_means.items(), key=lambda kv: kv[1]):
        print(f"  {f:15s} {v:.4f}   wrong in {wrong_by_field.get(f, 0)} records")
    print(f"  {'missing rows':15s}          {wrong_by_field.get('missing', 0)} records")
    print("\nhow fields went wrong (category, name, description, date_text, frequency_text; one example each):")
    for c, n in classes.most_common(16):
        print(f"  {n:5d}  {c}\n         e.g. {class_example[c]}")
    print("\nstyle features by spread of mean field accuracy (groups with >= 3 documents):")
    for ft in feats[:25]:
        g = "  ".join(f"{v}={m:.3f}(n={n})" for v, n, m in ft["groups"])
        print(f"  {ft['feature']:26s} spread {ft['spread']:.3f}: {g}")
    if ablation:
        print("\nablation: one feature changed from the plain style; delta = field accuracy minus the plain "
              "documents' of the same producer and language (most harmful first):")
        for row in ablation:
            print(f"  {row['label'][:58]:58s} n={row['n']:2d}  acc {row['mean']:.3f}  delta {row['delta']:+.3f}  "
                  f"{' '.join(row['files'])}")
            for ex in row["examples"][:2]:
                print(f"      {ex}")
    print(f"\nworst {len(worst)} layouts:")
    for w in result["worst"]:
        st = w["style"]
        keys = ["producer", "language", "landscape", "font_size", "rules", "repeat_header", "row_split",
                "narrow_columns", "min_col_width_pct", "header_lines", "bullet", "bullet_as_list", "na_style",
                "page_numbers", "running_header", "plan_date_place", "valign", "marker_pos", "pages"]
        print(f"\n{w['file']}: field accuracy {w['field_accuracy']:.3f}  truth {w['truth']} pred {w['pred']} "
              f"matched {w['matched']}  odplan {w['odplan']}")
        print("  style: " + ", ".join(f"{k}={st.get(k)}" for k in keys))
        for f, k, tv, pv in w["wrong"][:5]:
            print(f"  {f} {k}: truth {tv[:90]!r} got {pv[:90]!r}")


if __name__ == "__main__":
    main()
