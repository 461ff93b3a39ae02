#!/usr/bin/env python3
"""Peak resident memory of `odplan text` against `pdftotext` (a benchmark,
not a test): on the PDFs given, or on files this script writes itself:
with --generate N a one-page file of N small objects (each of N content
streams shows one character), the shape that makes an eager loader hold
the whole object table; with --pages N a file of N pages of full text
(60 lines of 80 characters each), the shape that makes a reader holding
every page's glyphs grow with the document.

Usage: scripts/peak_rss.py [--odplan PATH] [--generate N] [--pages N] [FILE.pdf ...]

Peak RSS is `Maximum resident set size` from GNU time (`/usr/bin/time -v`).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile


def many_objects(path, n):
    """Writes a valid one-page PDF whose /Contents is n separate streams."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    contents = " ".join(f"{5 + i} 0 R" for i in range(n))
    objects.append(
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        f"/Contents [{contents}] >>".encode()
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(n):
        body = f"BT /F1 1 Tf {i % 600} {i // 600 % 780} Td (x) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    write_pdf(path, objects)


def write_pdf(path, objects):
    """Writes objects 1..n (object 1 the catalog) with a classic xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def many_pages(path, n):
    """Writes a valid n-page PDF, each page 60 lines of 80 characters."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    kids = []
    for p in range(n):
        lines = []
        for i in range(60):
            words = " ".join(f"w{p}x{i}y{k}" for k in range(10))[:80]
            lines.append(f"1 0 0 1 40 {760 - 12 * i} Tm ({words}) Tj")
        body = ("BT /F1 9 Tf " + " ".join(lines) + " ET").encode()
        page_id = len(objects) + 1
        kids.append(f"{page_id} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {page_id + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n} >>".encode()
    write_pdf(path, objects)


def peak_kib(cmd):
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return int(m.group(1)) if m else None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--odplan", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "odplan"))
    p.add_argument("--generate", type=int, metavar="N", help="also measure a generated file of N content streams")
    p.add_argument("--pages", type=int, metavar="N", help="also measure a generated file of N pages of text")
    p.add_argument("files", nargs="*")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = list(args.files)
        if args.generate:
            path = os.path.join(tmp, f"many-objects-{args.generate}.pdf")
            many_objects(path, args.generate)
            files.append(path)
        if args.pages:
            path = os.path.join(tmp, f"many-pages-{args.pages}.pdf")
            many_pages(path, args.pages)
            files.append(path)
        if not files:
            sys.exit("no PDFs: give files, --generate N or --pages N")
        print(f"{'odplan MiB':>10} {'pdftotext MiB':>13}  file")
        for f in files:
            mine = peak_kib([args.odplan, "text", f])
            theirs = peak_kib(["pdftotext", f, os.devnull])
            fmt = lambda k: f"{k / 1024:.1f}" if k is not None else "?"
            print(f"{fmt(mine):>10} {fmt(theirs):>13}  {os.path.basename(f)} ({os.path.getsize(f) // 1024} KiB)")


if __name__ == "__main__":
    main()
