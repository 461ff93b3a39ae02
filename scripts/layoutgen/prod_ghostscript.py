"""Producer (d): a Chromium or LibreOffice PDF re-distilled by Ghostscript's pdfwrite
(fonts re-encoded as Type 1C / CFF subsets with custom encodings, PDF 1.6 object and xref
streams with -dCompatibilityLevel=1.6), like a plan that went through a print-to-PDF
driver or an optimiser."""

import os
import shutil
import subprocess
import tempfile

import prod_chromium
import prod_libreoffice

GS = shutil.which("gs") or "gs"


def render(jobs, workdir):
    tmp = tempfile.mkdtemp(prefix="layoutgen-gs-", dir=workdir)
    firsts = {"chromium": [], "libreoffice": []}
    for doc, style, pdf in jobs:
        base = style.get("base_producer", "libreoffice")
        firsts[base].append((doc, style, os.path.join(tmp, os.path.basename(pdf))))
    results = {}
    for base, sub in firsts.items():
        if not sub:
            continue
        mod = prod_chromium if base == "chromium" else prod_libreoffice
        res = mod.render(sub, workdir)
        for doc, style, first in sub:
            final = os.path.join(os.path.dirname([p for _, _, p in jobs if os.path.basename(p) ==
                                                  os.path.basename(first)][0]), os.path.basename(first))
            applied = dict(res.get(first, {}), base_producer=base)
            if os.path.exists(first):
                r = subprocess.run([GS, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                                    "-dCompatibilityLevel=1.6", "-o", final, first],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
                if r.returncode != 0:
                    applied["error"] = r.stderr.decode(errors="replace")[-300:]
            results[final] = applied
    shutil.rmtree(tmp, ignore_errors=True)
    return results
