"""Producer (b): a flat ODF text document (.fodt) converted to PDF by LibreOffice.

A real Writer table: heading row repeated through <table:table-header-rows>, rows kept
whole through fo:keep-together, borders per cell, page header and footer with page-number
and page-count fields, Word-style lists (including a Symbol-font U+F0B7 bullet)."""

import concurrent.futures as cf
import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape as _x

import common as C
from content import iter_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
BATCH = 12  # documents per soffice process: start-up costs ~2 s, a document ~0.5 s

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def x(s):
    return _x(s, {'"': "&quot;"})


class Doc:
    """Collects automatic styles while the body is written."""

    def __init__(self, style):
        self.style = style
        self.auto = []
        self.cells = {}
        self.spans = {}

    def cell_style(self, top, bottom, left, right, shade):
        key = (top, bottom, left, right, shade)
        if key not in self.cells:
            name = f"ce{len(self.cells)}"
            b = "0.5pt solid #000000"
            props = [f'fo:padding="{self.style["padding_pt"]}pt"',
                     f'style:vertical-align="{self.style["valign"]}"']
            for side, on in (("top", top), ("bottom", bottom), ("left", left), ("right", right)):
                props.append(f'fo:border-{side}="{b if on else "none"}"')
            if shade:
                props.append('fo:background-color="#d9d9d9"')
            self.auto.append(f'<style:style style:name="{name}" style:family="table-cell">'
                             f'<style:table-cell-properties {" ".join(props)}/></style:style>')
            self.cells[key] = name
        return self.cells[key]

    def span(self, code):
        if code not in self.spans:
            name = f"T{code}"
            self.auto.append(f'<style:style style:name="{name}" style:family="text">'
                             f'<style:text-properties fo:color="{C.css_color(code)}"/></style:style>')
            self.spans[code] = name
        return self.spans[code]


def _borders(rules, row, nrows, col):
    """(top, bottom, left, right) for a cell; row 0 is the header."""
    if rules == "grid":
        return True, True, True, True
    if rules == "horizontal":
        return True, True, False, False
    if rules == "box":
        return row == 0, row == 0 or row == nrows - 1, col == 0, col == 5
    return False, False, False, False


def _field_text(form):
    out = []
    rest = form
    while rest:
        i_n, i_t = rest.find("{n}"), rest.find("{N}")
        cands = [i for i in (i_n, i_t) if i >= 0]
        if not cands:
            out.append(x(rest))
            break
        i = min(cands)
        out.append(x(rest[:i]))
        out.append('<text:page-number text:select-page="current">1</text:page-number>' if rest[i:i + 3] == "{n}"
                   else "<text:page-count>1</text:page-count>")
        rest = rest[i + 3:]
    return "".join(out)


def build_fodt(doc, style, applied):
    d = Doc(style)
    fs = style["font_size"]
    zh = doc.lang != "en"
    pw, ph = {"A4": (210, 297), "Letter": (215.9, 279.4)}[style["page_size"]]
    if style["landscape"]:
        pw, ph = ph, pw
    m = style["margin_mm"]
    tw = pw - 2 * m
    row_index = {id(r): k for k, _, _, _, r in iter_rows(doc)}
    b = style["bullet"]
    applied["bullet"] = "\uf0b7 (Symbol)" if b == "symbol" else b
    body = []
    first_para_style = "PFirst"
    running = {"none": "", "publisher": doc.publisher, "title": doc.title,
               "both": f"{doc.publisher} — {doc.title}"}[style["running_header"]]
    first_master = "First" if running and not style["running_header_first_page"] else "Standard"

    def para(text_xml, st="P"):
        nonlocal first_para_style
        if first_para_style:
            st = {"P": "PFirst", "PT": "PTFirst", "PR": "PRFirst"}.get(st, "PFirst")
            first_para_style = None
        body.append(f'<text:p text:style-name="{st}">{text_xml}</text:p>')

    place = style["plan_date_place"]
    if place == "cover":
        para("")
        for _ in range(12):
            body.append('<text:p text:style-name="P"/>')
        body.append(f'<text:p text:style-name="PT">{x(doc.publisher)}</text:p>')
        body.append(f'<text:p text:style-name="PT">{x(doc.title)}</text:p>')
        body.append(f'<text:p text:style-name="PC">{x(doc.plan_date_text)}</text:p>')
        body.append('<text:p text:style-name="PBreak"/>')
    else:
        if style["title_running_above"]:
            para(x(doc.publisher), "PR")
            applied["title_running_above"] = True
        para(x(doc.publisher), "PT")
        t = x(doc.title)
        if style["title_split"]:
            t = t.replace(" (", "<text:line-break/>(", 1).replace("（", "<text:line-break/>（", 1)
        body.append(f'<text:p text:style-name="PT">{t}</text:p>')
        if place == "title":
            body.append(f'<text:p text:style-name="PC">{x(doc.plan_date_text)}</text:p>')
    tno = 0
    for si, sec in enumerate(doc.sections):
        st = "PSBreak" if style["section_page_break"] and si > 0 else "PS"
        body.append(f'<text:p text:style-name="{st}">{x(sec.heading)}</text:p>')
        for blk in sec.blocks:
            if blk.number:
                body.append(f'<text:p text:style-name="PSub"><text:span text:style-name="Bold">'
                            f'{x(C.org_heading(blk))}</text:span></text:p>')
            for tab in blk.tables:
                body.append(f'<text:p text:style-name="PSub">{x(C.subtable_heading(doc, style, tab.spatial))}</text:p>')
                if tab.note:
                    body.append(f'<text:p text:style-name="P">{x(tab.note)}</text:p>')
                tno += 1
                nrows = 1 + max(1, len(tab.rows))
                out = [f'<table:table table:name="Table{tno}" table:style-name="Tbl">']
                for c in range(6):
                    out.append(f'<table:table-column table:style-name="Col{c}"/>')
                hs = C.headers(doc, style, sec.letter)
                hrow = ['<table:table-row table:style-name="RowH">']
                for c, h in enumerate(hs):
                    cs = d.cell_style(*_borders(style["rules"], 0, nrows, c), style["header_shade"])
                    lines = "<text:line-break/>".join(x(s) for s in C.split_header(h, style["header_lines"]))
                    hrow.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string">'
                                f'<text:p text:style-name="PH">{lines}</text:p></table:table-cell>')
                hrow.append("</table:table-row>")
                if style["repeat_header"]:
                    out.append("<table:table-header-rows>" + "".join(hrow) + "</table:table-header-rows>")
                else:
                    out.append("".join(hrow))
                if not tab.rows:
                    na = x(C.na_word(doc))
                    ns = style["na_style"]
                    out.append('<table:table-row table:style-name="Row">')
                    if ns.startswith("merged"):
                        cs = d.cell_style(*_borders(style["rules"], 1, nrows, 0)[:3],
                                          _borders(style["rules"], 1, nrows, 5)[3], False)
                        pst = "PC" if ns == "merged-center" else "P"
                        out.append(f'<table:table-cell table:style-name="{cs}" table:number-columns-spanned="6" '
                                   f'office:value-type="string"><text:p text:style-name="{pst}">{na}</text:p>'
                                   f'</table:table-cell>' + "<table:covered-table-cell/>" * 5)
                    else:
                        pos = 0 if ns == "first-cell" else 1
                        for c in range(6):
                            cs = d.cell_style(*_borders(style["rules"], 1, nrows, c), False)
                            txt = na if ns == "all-cells" or c == pos else ""
                            out.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string">'
                                       f'<text:p text:style-name="P">{txt}</text:p></table:table-cell>')
                    out.append("</table:table-row>")
                for ri, r in enumerate(tab.rows, 1):
                    k = row_index[id(r)]
                    code = [C.cell_code(k, c) for c in range(6)]

                    def sp(c, text):
                        return f'<text:span text:style-name="{d.span(code[c])}">{x(text)}</text:span>'

                    before, name, after, line = C.name_cell_parts(r, doc.lang)
                    name_xml = f'<text:p text:style-name="P">{sp(2, before + name + after)}</text:p>'
                    if line:
                        name_xml += f'<text:p text:style-name="P">{sp(2, line)}</text:p>'
                    if b == "none":
                        desc = "".join(f'<text:p text:style-name="PGap">{sp(3, t)}</text:p>' for t in r.bullets)
                    elif style["bullet_as_list"] or b == "symbol":
                        ls = {"numbered": "LNum", "symbol": "LSym"}.get(b, "LBul")
                        desc = (f'<text:list text:style-name="{ls}">' + "".join(
                            f'<text:list-item><text:p text:style-name="PList">{sp(3, t)}</text:p></text:list-item>'
                            for t in r.bullets) + "</text:list>")
                    else:
                        desc = "".join(f'<text:p text:style-name="P">{sp(3, C.bullet_prefix(style, i) + t)}</text:p>'
                                       for i, t in enumerate(r.bullets))
                    cells = [f'<text:p text:style-name="P">{sp(0, str(r.item_no))}</text:p>',
                             f'<text:p text:style-name="P">{sp(1, r.category)}</text:p>', name_xml, desc,
                             f'<text:p text:style-name="P">{sp(4, r.date_text)}</text:p>',
                             f'<text:p text:style-name="P">{sp(5, r.frequency_text)}</text:p>']
                    out.append('<table:table-row table:style-name="Row">')
                    for c, cx in enumerate(cells):
                        cs = d.cell_style(*_borders(style["rules"], ri, nrows, c), False)
                        out.append(f'<table:table-cell table:style-name="{cs}" office:value-type="string">{cx}'
                                   f'</table:table-cell>')
                    out.append("</table:table-row>")
                out.append("</table:table>")
                body.append("".join(out))
                body.append('<text:p text:style-name="P"/>')
    if place == "signature":
        body.append(f'<text:p text:style-name="PR">{x(doc.publisher)}</text:p>')
        body.append(f'<text:p text:style-name="PR">{x(doc.plan_date_text)}</text:p>')

    # Page furniture.
    small = max(6, fs - 1.5)
    pn = style["page_numbers"]
    pos = style["page_number_pos"]
    header = []
    footer = []
    if running:
        header.append(f'<text:p text:style-name="PHdr">{x(running)}</text:p>')
    if pn and pos == "top-right":
        header.append(f'<text:p text:style-name="PHdrR">{_field_text(pn)}</text:p>')
    foot = {"none": "", "date": doc.plan_date_text, "publisher": doc.publisher}[style["footer"]]
    if foot:
        footer.append(f'<text:p text:style-name="PHdr">{x(foot)}</text:p>')
    if pn and pos != "top-right":
        footer.append(f'<text:p text:style-name="{"PHdrC" if pos == "bottom-center" else "PHdrR"}">'
                      f'{_field_text(pn)}</text:p>')
    hdr_xml = f"<style:header>{''.join(header)}</style:header>" if header else ""
    ftr_xml = f"<style:footer>{''.join(footer)}</style:footer>" if footer else ""
    first_hdr = "".join(h for h in header if "PHdrR" in h)
    first_hdr_xml = f"<style:header>{first_hdr}</style:header>" if first_hdr else ""
    applied["first_page_without_running_header"] = first_master == "First"

    latin, cjk = style["latin_font"], style["cjk_font"]
    halign = "center" if style["header_align"] == "center" else "start"
    weight = "bold" if style["header_bold"] else "normal"
    keep = "auto" if style["row_split"] else "always"
    cols = "".join(f'<style:style style:name="Col{c}" style:family="table-column"><style:table-column-properties '
                   f'style:column-width="{tw * w / 100:.2f}mm"/></style:style>' for c, w in enumerate(style["widths"]))
    indent = fs * 1.3

    def list_style(name, kind):
        if kind == "number":
            lvl = ('<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">')
            end = "</text:list-level-style-number>"
            tprops = ""
        else:
            ch, font = ("\uf0b7", "Symbol") if kind == "symbol" else ((b if b not in ("numbered", "none", "symbol")
                                                                     else "•"), None)
            lvl = f'<text:list-level-style-bullet text:level="1" text:bullet-char="{x(ch)}">'
            end = "</text:list-level-style-bullet>"
            tprops = '<style:text-properties style:font-name="Symbol"/>' if font else ""
        return (f'<text:list-style style:name="{name}">{lvl}<style:list-level-properties '
                f'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
                f'text:label-followed-by="listtab" text:list-tab-stop-position="{indent}pt" '
                f'fo:text-indent="-{indent}pt" fo:margin-left="{indent}pt"/></style:list-level-properties>'
                f'{tprops}{end}</text:list-style>')

    para_styles = f"""
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="0pt"/></style:style>
<style:style style:name="PFirst" style:family="paragraph" style:parent-style-name="P" style:master-page-name="{first_master}"/>
<style:style style:name="PGap" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="{fs * 0.5}pt"/></style:style>
<style:style style:name="PList" style:family="paragraph"/>
<style:style style:name="PH" style:family="paragraph"><style:paragraph-properties fo:text-align="{halign}"/><style:text-properties fo:font-weight="{weight}" style:font-weight-asian="{weight}"/></style:style>
<style:style style:name="PT" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="4pt"/><style:text-properties fo:font-size="{fs + 4}pt" style:font-size-asian="{fs + 4}pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="PTFirst" style:family="paragraph" style:parent-style-name="PT" style:master-page-name="{first_master}"/>
<style:style style:name="PC" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="PR" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="PRFirst" style:family="paragraph" style:parent-style-name="PR" style:master-page-name="{first_master}"/>
<style:style style:name="PS" style:family="paragraph"><style:paragraph-properties fo:margin-top="{fs}pt" fo:margin-bottom="{fs * 0.3}pt" fo:keep-with-next="always"/><style:text-properties fo:font-size="{fs + 1}pt" style:font-size-asian="{fs + 1}pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="PSBreak" style:family="paragraph" style:parent-style-name="PS"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="PBreak" style:family="paragraph"><style:paragraph-properties fo:break-after="page"/></style:style>
<style:style style:name="PSub" style:family="paragraph"><style:paragraph-properties fo:margin-top="{fs * 0.5}pt" fo:margin-bottom="{fs * 0.3}pt" fo:keep-with-next="always"/></style:style>
<style:style style:name="PHdr" style:family="paragraph"><style:text-properties fo:font-size="{small}pt" style:font-size-asian="{small}pt"/></style:style>
<style:style style:name="PHdrR" style:family="paragraph" style:parent-style-name="PHdr"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="PHdrC" style:family="paragraph" style:parent-style-name="PHdr"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
{list_style("LBul", "bullet")}{list_style("LSym", "symbol")}{list_style("LNum", "number")}
"""
    # Automatic styles cannot be parents in ODF, so the paragraph styles (several inherit)
    # are common styles; the table's own styles stay automatic.
    table_styles = f"""
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{tw:.2f}mm" table:align="left" style:may-break-between-rows="true" fo:margin-top="2pt" fo:margin-bottom="4pt"/></style:style>
<style:style style:name="RowH" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>
<style:style style:name="Row" style:family="table-row"><style:table-row-properties fo:keep-together="{keep}"/></style:style>
{cols}
"""
    lang_attrs = ('fo:language="zh" fo:country="HK"' if zh else 'fo:language="en" fo:country="GB"')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{x(doc.title)}</dc:title></office:meta>
<office:font-face-decls>
<style:font-face style:name="Latin" svg:font-family="&apos;{x(latin)}&apos;"/>
<style:font-face style:name="CJK" svg:font-family="&apos;{x(cjk)}&apos;"/>
<style:font-face style:name="Symbol" svg:font-family="Symbol" style:font-charset="x-symbol"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
<style:text-properties style:font-name="Latin" fo:font-size="{fs}pt" style:font-name-asian="CJK" style:font-size-asian="{fs}pt" {lang_attrs} style:language-asian="zh" style:country-asian="HK" fo:hyphenate="false"/></style:default-style>
{para_styles}
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{pw}mm" fo:page-height="{ph}mm" style:print-orientation="{'landscape' if style['landscape'] else 'portrait'}" fo:margin-top="{m * 0.6:.1f}mm" fo:margin-bottom="{m * 0.6:.1f}mm" fo:margin-left="{m}mm" fo:margin-right="{m}mm"/>
<style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="{m * 0.4:.1f}mm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="{m * 0.4:.1f}mm"/></style:footer-style></style:page-layout>
{table_styles}
{''.join(d.auto)}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1">{hdr_xml}{ftr_xml}</style:master-page>
<style:master-page style:name="First" style:page-layout-name="pm1" style:next-style-name="Standard">{first_hdr_xml}{ftr_xml}</style:master-page>
</office:master-styles>
<office:body><office:text>
{''.join(body)}
</office:text></office:body></office:document>
"""


def _convert(files, outdir):
    prof = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", outdir] + files,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def render(jobs, workdir):
    results = {}
    by_dir = {}
    for doc, style, pdf in jobs:
        applied = {}
        stem = os.path.splitext(os.path.basename(pdf))[0]
        src = os.path.join(workdir, stem + ".fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(build_fodt(doc, style, applied))
        results[pdf] = applied
        by_dir.setdefault(os.path.dirname(pdf), []).append(src)
    batches = []
    for outdir, files in by_dir.items():
        for i in range(0, len(files), BATCH):
            batches.append((files[i:i + BATCH], outdir))
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(lambda b: _convert(*b), batches))
    return results
