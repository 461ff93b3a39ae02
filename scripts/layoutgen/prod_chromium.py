"""Producer (a): HTML printed to PDF by headless Chromium.

Page size, margins, running header and footer, page numbers via CSS @page margin boxes;
header repetition via <thead>; row splitting via break-inside; rules via borders."""

import html
import os
import shutil
import subprocess

import common as C

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"


def _e(s):
    return html.escape(s, quote=True)


def _span(code, text):
    return f'<span style="color:{C.css_color(code)}">{_e(text)}</span>'


def _bullets_html(style, code, bullets, applied):
    b = style["bullet"]
    if b == "symbol":
        b = "•"
    if style["bullet_as_list"] and b not in ("none",):
        applied["bullet_html"] = "list"
        items = "".join(f'<li style="color:{C.css_color(code)}">{_e(t)}</li>' for t in bullets)
        if b == "numbered":
            return f'<ol class="bl" style="color:{C.css_color(code)}">{items}</ol>'
        return f'<ul class="bl" style="list-style-type:\'{b} \';color:{C.css_color(code)}">{items}</ul>'
    applied["bullet_html"] = "text"
    out = []
    for i, t in enumerate(bullets):
        pre = C.bullet_prefix(dict(style, bullet=b), i)
        out.append(f'<div class="bp">{_span(code, pre + t)}</div>')
    return "".join(out)


def _css(style, doc, applied):
    w, h = C_PAGE(style)
    fs = style["font_size"]
    fam = [style["latin_font"], style["cjk_font"]] if doc.lang == "en" else [style["cjk_font"], style["latin_font"]]
    fam = ", ".join(f'"{f}"' for f in fam) + ", sans-serif"
    pad = style["padding_pt"]
    rules = style["rules"]
    cell_border = {"grid": "border:0.6pt solid #000;", "horizontal": "border-top:0.6pt solid #000;"
                   "border-bottom:0.6pt solid #000;", "none": "", "box": ""}[rules]
    table_border = "border:0.8pt solid #000;" if rules == "box" else ""
    margin_boxes = []
    lk = "en" if doc.lang == "en" else "zh"
    running = {"none": "", "publisher": doc.publisher, "title": doc.title,
               "both": f"{doc.publisher} — {doc.title}"}[style["running_header"]]
    if running:
        margin_boxes.append(f'@top-left {{ content: "{running}"; font-size:{max(6, fs - 1.5)}pt; }}')
    footer = {"none": "", "date": doc.plan_date_text, "publisher": doc.publisher}[style["footer"]]
    if footer:
        margin_boxes.append(f'@bottom-left {{ content: "{footer}"; font-size:{max(6, fs - 1.5)}pt; }}')
    pn = style["page_numbers"]
    if pn:
        parts = []
        rest = pn
        while rest:
            i_n, i_t = rest.find("{n}"), rest.find("{N}")
            cands = [i for i in (i_n, i_t) if i >= 0]
            if not cands:
                parts.append(f'"{rest}"')
                break
            i = min(cands)
            if i > 0:
                parts.append(f'"{rest[:i]}"')
            parts.append("counter(page)" if rest[i:i + 3] == "{n}" else "counter(pages)")
            rest = rest[i + 3:]
        pos = {"bottom-center": "@bottom-center", "bottom-right": "@bottom-right", "top-right": "@top-right"}[
            style["page_number_pos"]]
        margin_boxes.append(f'{pos} {{ content: {" ".join(parts)}; font-size:{max(6, fs - 1)}pt; }}')
    first = ""
    if running and not style["running_header_first_page"]:
        first = "@page :first { @top-left { content: none; } }"
    applied["margin_boxes"] = len(margin_boxes)
    size = f'{w}mm {h}mm'
    return f"""
@page {{ size: {size}; margin: {style['margin_mm']}mm; {' '.join(margin_boxes)} }}
{first}
body {{ font-family: {fam}; font-size: {fs}pt; margin:0; }}
p {{ margin: 0.35em 0; }}
h1 {{ font-size: {fs + 4}pt; text-align:center; font-weight:bold; margin:0.3em 0; }}
.sec {{ font-weight:bold; font-size:{fs + 1}pt; margin-top:0.9em; }}
.sub {{ margin-top:0.5em; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; {table_border} margin: 0.3em 0 0.8em 0; }}
td, th {{ {cell_border} padding: {pad}pt; vertical-align: {style['valign']}; text-align: left;
  overflow-wrap: anywhere; word-break: normal; }}
th {{ text-align: {style['header_align']}; font-weight: {'bold' if style['header_bold'] else 'normal'};
  {'background:#d9d9d9;' if style['header_shade'] else ''} }}
tr {{ {'' if style['row_split'] else 'break-inside: avoid;'} }}
thead {{ display: table-header-group; }}
ul.bl, ol.bl {{ margin:0; padding-left: 1.3em; }}
.bp {{ padding-left: 0; }}
.sig {{ text-align: right; margin-top: 1.2em; }}
.cover {{ text-align:center; padding-top: 30%; break-after: page; }}
.run1 {{ text-align:right; font-size:{max(6, fs - 2)}pt; }}
.note {{ font-size:{fs}pt; }}
"""


def C_PAGE(style):
    w, h = {"A4": (210, 297), "Letter": (215.9, 279.4)}[style["page_size"]]
    return (h, w) if style["landscape"] else (w, h)


def _table(doc, style, sec, tab, row_index, applied):
    hs = C.headers(doc, style, sec.letter)
    cols = "".join(f'<col style="width:{w}%">' for w in style["widths"])
    head = "<tr>" + "".join(
        "<th>" + "<br>".join(_e(x) for x in C.split_header(h, style["header_lines"])) + "</th>" for h in hs) + "</tr>"
    out = [f"<table><colgroup>{cols}</colgroup>"]
    if style["repeat_header"]:
        out.append(f"<thead>{head}</thead><tbody>")
    else:
        out.append(f"<tbody>{head}")
    if not tab.rows:
        na = _e(C.na_word(doc))
        ns = style["na_style"]
        if ns.startswith("merged"):
            al = "center" if ns == "merged-center" else "left"
            out.append(f'<tr><td colspan="6" style="text-align:{al}">{na}</td></tr>')
        elif ns == "all-cells":
            out.append("<tr>" + f"<td>{na}</td>" * 6 + "</tr>")
        else:
            pos = 0 if ns == "first-cell" else 1
            out.append("<tr>" + "".join(f"<td>{na if c == pos else ''}</td>" for c in range(6)) + "</tr>")
    for r in tab.rows:
        k = row_index[id(r)]
        code = [C.cell_code(k, c) for c in range(6)]
        before, name, after, line = C.name_cell_parts(r, doc.lang)
        name_html = _span(code[2], before + name + after) + (f"<br>{_span(code[2], line)}" if line else "")
        cells = [_span(code[0], str(r.item_no)), _span(code[1], r.category), name_html,
                 _bullets_html(style, code[3], r.bullets, applied), _span(code[4], r.date_text),
                 _span(code[5], r.frequency_text)]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def build_html(doc, style, applied):
    from content import iter_rows
    row_index = {id(r): k for k, _, _, _, r in iter_rows(doc)}
    body = []
    place = style["plan_date_place"]
    if place == "cover":
        body.append(f'<div class="cover"><h1>{_e(doc.publisher)}</h1><h1>{_e(doc.title)}</h1>'
                    f'<p style="text-align:center">{_e(doc.plan_date_text)}</p></div>')
    else:
        if style["title_running_above"]:
            body.append(f'<div class="run1">{_e(doc.publisher)}</div>')
            applied["title_running_above"] = True
        body.append(f"<h1>{_e(doc.publisher)}</h1>")
        t = _e(doc.title)
        if style["title_split"] and " (" in doc.title:
            t = t.replace(" (", "<br>(", 1)
        elif style["title_split"] and "（" in doc.title:
            t = t.replace("（", "<br>（", 1)
        body.append(f"<h1>{t}</h1>")
        if place == "title":
            body.append(f'<p style="text-align:center">{_e(doc.plan_date_text)}</p>')
    for si, sec in enumerate(doc.sections):
        brk = ' style="break-before:page"' if style["section_page_break"] and si > 0 else ""
        body.append(f'<p class="sec"{brk}>{_e(sec.heading)}</p>')
        for blk in sec.blocks:
            if blk.number:
                body.append(f'<p class="sub"><b>{_e(C.org_heading(blk))}</b></p>')
            for tab in blk.tables:
                body.append(f'<p class="sub">{_e(C.subtable_heading(doc, style, tab.spatial))}</p>')
                if tab.note:
                    body.append(f'<p class="note">{_e(tab.note)}</p>')
                body.append(_table(doc, style, sec, tab, row_index, applied))
    if place == "signature":
        body.append(f'<div class="sig"><p>{_e(doc.publisher)}</p><p>{_e(doc.plan_date_text)}</p></div>')
    lang = "en" if doc.lang == "en" else ("zh-Hant" if doc.lang == "zh-Hant" else "zh-Hans")
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(doc.title)}</title>'
            f"<style>{_css(style, doc, applied)}</style></head><body>{''.join(body)}</body></html>")


def _cli_print(html_path, pdf, workdir, stem):
    prof = os.path.join(workdir, "chrome-" + stem)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           f"--user-data-dir={prof}", f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html_path)]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    shutil.rmtree(prof, ignore_errors=True)


def render(jobs, workdir):
    """jobs: [(doc, style, pdf_path)]; returns {pdf_path: applied}. Two browsers, each
    printing half the files over the DevTools pipe; the command line if that fails."""
    import concurrent.futures as cf

    import cdp
    results = {}
    todo = []
    for doc, style, pdf in jobs:
        applied = {"bullet": style["bullet"] if style["bullet"] != "symbol" else "•"}
        stem = os.path.splitext(os.path.basename(pdf))[0]
        hp = os.path.join(workdir, stem + ".html")
        with open(hp, "w", encoding="utf-8") as f:
            f.write(build_html(doc, style, applied))
        results[pdf] = applied
        todo.append((hp, pdf, stem))

    def batch(part):
        browser = None
        for hp, pdf, stem in part:
            try:
                if browser is None:
                    browser = cdp.Browser(CHROMIUM)
                browser.print_pdf("file://" + os.path.abspath(hp), pdf)
            except Exception:  # noqa: BLE001  (fall back to one process per file)
                if browser is not None:
                    browser.close()
                    browser = None
                _cli_print(hp, pdf, workdir, stem)
        if browser is not None:
            browser.close()

    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(batch, [todo[0::2], todo[1::2]]))
    return results
