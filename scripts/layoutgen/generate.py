#!/usr/bin/env python3
"""Random open data plan PDFs in many layouts, each with its exact truth.

usage: generate.py --out DIR --count N --seed S [--producers chromium,libreoffice,reportlab]
                   [--languages en,zh-Hant] [--keep-sources]

Writes DIR/<stem>.pdf, DIR/<stem>.truth.json ({"source", "pages_exact", "records"}) and
DIR/manifest.json (each file's producer, style and what the producer applied).
Deterministic for a given seed (content and style; PDF bytes carry producer timestamps).
"""

import argparse
import concurrent.futures as cf
import json
import os
import random
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import content  # noqa: E402
import pages as pagesmod  # noqa: E402
import style as stylemod  # noqa: E402

PRODUCERS = ["chromium", "libreoffice", "reportlab", "ghostscript"]


def producer_module(name):
    if name == "chromium":
        import prod_chromium as m
    elif name == "libreoffice":
        import prod_libreoffice as m
    elif name == "reportlab":
        import prod_reportlab as m
    elif name == "ghostscript":
        import prod_ghostscript as m
    else:
        raise SystemExit(f"generate: unknown producer {name!r}")
    return m


def plan_ablation(seed, producers, languages, per_variant):
    """One feature at a time: every ablation of style.ablations(lang), per_variant documents
    each (producers in turn), content drawn from the same seeds for every variant."""
    out = []
    n = 0
    for lang in languages:
        for label, overrides in stylemod.ablations(lang):
            reps = per_variant * (len(producers) if label == "plain" else 1)
            for j in range(reps):
                producer = producers[n % len(producers)] if label != "plain" else producers[j % len(producers)]
                n += 1
                st = dict(stylemod.plain_style(producer, lang), **overrides)
                st["ablation"] = label
                rng = random.Random(f"layoutgen-ablate-{seed}-{lang}-{j % per_variant}")
                doc = content.make_doc(rng, "zh-Hant" if lang == "zh-Hans" else lang, st)
                if lang == "zh-Hans":
                    doc = content.to_hans(doc)
                    if st["page_numbers"]:
                        st["page_numbers"] = content.hans(st["page_numbers"])
                lang_tag = {"en": "en", "zh-Hant": "zh", "zh-Hans": "zhs"}[lang]
                out.append((f"ab{seed}-{len(out):03d}-{lang_tag}-{producer}", producer, doc, st))
    return out


def plan(count, seed, producers, languages):
    """The documents to make: [(stem, producer, doc, style)], all randomness here."""
    out = []
    for i in range(count):
        rng = random.Random(f"layoutgen-{seed}-{i}")
        producer = producers[i % len(producers)]
        lang = rng.choice(languages)
        st = stylemod.make_style(rng, producer, lang)
        if st["plan_date_place"] == "footer":
            st["footer"] = "date"
        elif st["plan_date_place"] == "none" and st["footer"] == "date":
            st["footer"] = "none"
        doc = content.make_doc(rng, "zh-Hant" if lang == "zh-Hans" else lang, st)
        if lang == "zh-Hans":
            doc = content.to_hans(doc)
            if st["page_numbers"]:
                st["page_numbers"] = content.hans(st["page_numbers"])
        lang_tag = {"en": "en", "zh-Hant": "zh", "zh-Hans": "zhs"}[lang]
        stem = f"lg{seed}-{i:03d}-{lang_tag}-{producer}"
        out.append((stem, producer, doc, st))
    return out


def finish_one(job):
    """Reads one rendered PDF back: truth with pages, manifest entry."""
    out, stem, prod, doc, st, applied = job
    pdf = os.path.join(out, stem + ".pdf")
    src = stem + ".pdf"
    entry = {"file": src, "producer": prod, "language": doc.lang, "publisher": doc.publisher,
             "plan_period": doc.period, "style": st, "applied": applied}
    if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
        entry["error"] = "producer made no PDF"
        return entry
    recs = content.truth_records(doc, src)
    row_pages, problems, npages, wraps = pagesmod.locate(pdf, doc, not applied.get("no_text_check"))
    for k, r in enumerate(recs):
        r["pages"] = row_pages.get(k, [])
    exact = not problems and all(r["pages"] for r in recs)
    # A PDF whose drawn text does not read back as the cells' text (a font without a
    # usable ToUnicode map) cannot be scored fairly: its truth is kept under another name.
    name = stem + (".truth.json" if not problems else ".unverified-truth.json")
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump({"source": src, "pages_exact": exact, "records": recs}, f, ensure_ascii=False, indent=1)
    entry.update(pages=npages, records=len(recs), rows_spanning_pages=sum(1 for r in recs if len(r["pages"]) > 1),
                 pages_exact=exact, wraps=wraps, text_problems=problems[:10], n_text_problems=len(problems))
    return entry


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--producers", default=",".join(PRODUCERS))
    ap.add_argument("--languages", default="en,zh-Hant")
    ap.add_argument("--ablate", type=int, default=0, metavar="K",
                    help="instead of random styles: the plain style and each one-feature change of it, "
                         "K documents per change (--count is then ignored)")
    ap.add_argument("--jobs", type=int, default=2, help="processes reading the PDFs back")
    ap.add_argument("--keep-sources", action="store_true", help="keep the HTML/FODT sources in DIR/src")
    a = ap.parse_args()
    producers = [p for p in a.producers.split(",") if p]
    os.makedirs(a.out, exist_ok=True)
    langs = [x for x in a.languages.split(",") if x]
    if a.ablate:
        todo = plan_ablation(a.seed, producers, langs, a.ablate)
    else:
        todo = plan(a.count, a.seed, producers, langs)
    work = os.path.join(a.out, "src") if a.keep_sources else tempfile.mkdtemp(prefix="layoutgen-")
    os.makedirs(work, exist_ok=True)
    applied = {}
    t0 = time.time()
    for prod in producers:
        jobs = [(doc, st, os.path.join(a.out, stem + ".pdf")) for stem, p, doc, st in todo if p == prod]
        if not jobs:
            continue
        t1 = time.time()
        applied.update(producer_module(prod).render(jobs, work))
        print(f"generate: {prod}: {len(jobs)} documents in {time.time() - t1:.0f}s", file=sys.stderr)
    manifest = {"seed": a.seed, "count": a.count, "producers": producers, "documents": []}
    with cf.ProcessPoolExecutor(max_workers=a.jobs) as ex:
        jobs = [(a.out, stem, prod, doc, st, applied.get(os.path.join(a.out, stem + ".pdf"), {}))
                for stem, prod, doc, st in todo]
        entries = list(ex.map(finish_one, jobs))
    manifest["documents"] = entries
    n_bad = sum(1 for e in entries if "error" in e)
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    if not a.keep_sources:
        shutil.rmtree(work, ignore_errors=True)
    inexact = sum(1 for d in manifest["documents"] if not d.get("pages_exact"))
    print(f"generate: {len(todo)} documents in {time.time() - t0:.0f}s; {n_bad} failed; "
          f"{inexact} without exact pages/text check", file=sys.stderr)


if __name__ == "__main__":
    main()
