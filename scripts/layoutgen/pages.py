"""Each row's pages, read back from the rendered PDF through the cell colour codes
(common.cell_code), and a check that every cell's text was drawn in full."""

import collections
import unicodedata

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

import common as C
from content import iter_rows, name_cell_parts


# Characters a producer may draw in a cell beyond the truth text: bullet glyphs (and the
# look-alikes a ToUnicode map gives them), list numbers, the Symbol-font private-use bullet.
PREFIX_CHARS = set("‒—―−•●▪-–‧·∙⋅◦■0123456789.\uf0b7\uf0a7\uf0d8)")


def _page_count(path):
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _pdf_chars(path):
    """(page, text, (r, g, b) in 0..1, top, x0, size) for every drawn character, read with
    pdfium (ten times faster than pdfplumber, and it decodes CID fonts without ToUnicode)."""
    pdf = pdfium.PdfDocument(path)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            height = page.get_height()
            for j in range(raw.FPDFText_CountChars(tp)):
                u = raw.FPDFText_GetUnicode(tp, j)
                if u in (0, 0xFFFE) or chr(u).isspace() or raw.FPDFText_IsGenerated(tp, j) == 1:
                    continue
                raw.FPDFText_GetFillColor(tp, j, r, g, b, a)
                raw.FPDFText_GetCharBox(tp, j, left, right, bottom, top)
                size = raw.FPDFText_GetFontSize(tp, j) or 8.0
                ch = "-" if u == 2 else chr(u)  # pdfium's mark for a hyphen ending a line
                yield (i + 1, ch, (r.value / 255.0, g.value / 255.0, b.value / 255.0),
                       round(height - top.value, 1), left.value, size)
            tp.close()
            page.close()
    finally:
        pdf.close()


def _code(color):
    if color is None:
        return 0
    if isinstance(color, (int, float)):
        color = (color,)
    if len(color) != 3:
        return 0
    r, g, b = (int(round(float(v) * 255)) for v in color)
    if max(r, g, b) > 15:
        return 0
    return (r << 8) | (g << 4) | b


def _chars(s):
    return collections.Counter(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())


def _is_cjk(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def _word_breaks(chars, original):
    """Line breaks inside a Latin word within one cell: (narrow, ambiguous) counts plus
    examples. Narrow: the line before is that one word (the schema rejoins it without a
    space). Ambiguous: the line holds other text too, so the schema's rule reads a space."""
    lines = []
    for pno, top, x0, size, t in sorted(chars):
        if lines and lines[-1][0] == pno and abs(lines[-1][1] - top) < size * 0.5:
            lines[-1][2].append((x0, t))
        else:
            lines.append([pno, top, [(x0, t)]])
    narrow, ambiguous, examples = 0, 0, []
    texts = ["".join(t for _, t in sorted(ln[2])) for ln in lines]
    for a, b in zip(texts, texts[1:]):
        a2, b2 = a.rstrip(), b.lstrip()
        if not a2 or not b2 or not (a2[-1].isascii() and a2[-1].isalnum() and b2[0].isascii() and b2[0].isalnum()):
            continue
        f1, f2 = a2.split()[-1], b2.split()[0]
        flat = " ".join(original.split())
        if (f1 + " " + f2) in flat or (f1 + f2) not in flat:
            continue  # an ordinary break at a space
        if " " in a2.strip() or any(_is_cjk(c) for c in a2):
            ambiguous += 1
            examples.append(a2[-12:] + "|" + b2[:12])
        else:
            narrow += 1
    return narrow, ambiguous, examples


def locate(pdf_path, doc, check_text=True):
    """Returns (pages per row index, problems list, page count). check_text=False skips
    the text comparison (pages are still read)."""
    seen = collections.defaultdict(set)
    drawn = collections.defaultdict(collections.Counter)
    geo = collections.defaultdict(list)
    for pno, text, color, top, x0, size in _pdf_chars(pdf_path):
        code = _code(color)
        if not code:
            continue
        k, col = C.decode(code)
        seen[k].add(pno)
        geo[(k, col)].append((pno, top, x0, size, text))
        drawn[(k, col)].update(_chars(text))
    npages = max((p for s_ in seen.values() for p in s_), default=0)
    npages = _page_count(pdf_path) or npages
    problems = []
    pages = {}
    originals = {}
    for k, sec, blk, tab, r in iter_rows(doc):
        pages[k] = sorted(seen.get(k, ()))
        before, name, after, line = name_cell_parts(r, doc.lang)
        want = [str(r.item_no), r.category, before + name + after + line, "".join(r.bullets), r.date_text,
                r.frequency_text]
        for col, text in enumerate(want):
            originals[(k, col)] = text if col != 3 else "\n".join(r.bullets)
            exp = _chars(text)
            got = drawn.get((k, col), collections.Counter())
            missing = exp - got
            extra = got - exp
            if check_text and (missing or any(c not in PREFIX_CHARS for c in extra)):
                problems.append({"row": k, "section": sec.letter, "item_no": r.item_no, "col": col,
                                 "missing": "".join(sorted(missing.elements()))[:40],
                                 "extra": "".join(sorted(c for c in extra.elements() if c not in PREFIX_CHARS))[:40]})
    wraps = {"narrow_word_breaks": 0, "ambiguous_word_breaks": 0, "ambiguous_examples": []}
    for cell, chars in geo.items():
        n, a, ex = _word_breaks(chars, originals.get(cell, ""))
        wraps["narrow_word_breaks"] += n
        wraps["ambiguous_word_breaks"] += a
        wraps["ambiguous_examples"] += ex
    wraps["ambiguous_examples"] = wraps["ambiguous_examples"][:5]
    return pages, problems, npages, wraps
