"""Producer (c): reportlab platypus. The table is drawn by the library (Table with
repeatRows, TableStyle grid / horizontal lines / box / none, splitInRow for rows that
break across pages); CJK in an embedded TrueType font or the non-embedded CID font
MSung-Light; page furniture drawn in the page callback."""

import os
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import cidfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, LayoutError, PageBreak, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

import common as C
from content import iter_rows

LATIN = {  # family: (regular file, bold file); None = a standard-14 font
    "Helvetica": None, "Times": None,
    "Liberation Sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "Noto Sans": ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
}
CJK = {"WenQuanYi Zen Hei": "wqy/wqy-zenhei.ttc", "AR PL UMing TW": "arphic/uming.ttc",
       "AR PL UKai TW": "arphic/ukai.ttc", "MSung-Light": None}
FONT_DIR = "/usr/share/fonts/truetype"
_registered = {}


def _font(family, bold=False):
    """Registered reportlab font name for a family (bold when the family has one)."""
    if family in ("Helvetica", "Times"):
        base = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times": ("Times-Roman", "Times-Bold")}[family]
        return base[1 if bold else 0]
    if family in ("MSung-Light", "STSong-Light"):
        if family not in _registered:
            # reportlab 5 lists MSung-Light (Adobe-CNS1) with the GB CMap; the right one is UniCNS.
            cidfonts.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
            pdfmetrics.registerFont(cidfonts.UnicodeCIDFont(family))
            _registered[family] = True
        return family
    key = (family, bold)
    if key in _registered:
        return _registered[key]
    if family in LATIN:
        path = os.path.join(FONT_DIR, LATIN[family][1 if bold else 0])
        name = family.replace(" ", "") + ("-Bold" if bold else "")
        pdfmetrics.registerFont(TTFont(name, path))
    else:
        path = os.path.join(FONT_DIR, CJK[family])
        name = family.replace(" ", "")
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    _registered[key] = name
    return name


def _fonts(style, doc, applied):
    latin_map = {"Liberation Sans": "Liberation Sans", "Liberation Serif": "Liberation Serif",
                 "DejaVu Sans": "DejaVu Sans", "Noto Sans": "Noto Sans", "Noto Serif": "Times"}
    cjk_map = {"Noto Sans CJK TC": "MSung-Light", "Noto Serif CJK TC": "AR PL UMing TW",
               "AR PL UMing TW": "AR PL UMing TW", "AR PL UKai TW": "AR PL UKai TW",
               "WenQuanYi Zen Hei": "WenQuanYi Zen Hei", "Noto Sans CJK HK": "WenQuanYi Zen Hei",
               "Noto Sans CJK SC": "STSong-Light", "Noto Serif CJK SC": "AR PL UMing TW",
               "AR PL UMing CN": "AR PL UMing TW"}
    if doc.lang == "en":
        fam = latin_map[style["latin_font"]]
        if style["font_size"] in (8, 10) and fam == "Liberation Sans":
            fam = "Helvetica"
        applied["font"] = fam
        return _font(fam), _font(fam, True), _font("DejaVu Sans")
    fam = cjk_map[style["cjk_font"]]
    applied["font"] = fam
    cid = fam in ("MSung-Light", "STSong-Light")
    return _font(fam), _font(fam), _font(fam) if not cid else _font("DejaVu Sans")


def _page_size(style):
    w, h = {"A4": (210 * mm, 297 * mm), "Letter": (215.9 * mm, 279.4 * mm)}[style["page_size"]]
    return (h, w) if style["landscape"] else (w, h)


def _rgb(code):
    r, g, b = C.code_rgb(code)
    return colors.Color(r / 255.0, g / 255.0, b / 255.0)


def _story(doc, style, fonts, applied, avail_w):
    reg, bold, bullet_font = fonts
    fs = style["font_size"]
    zh = doc.lang != "en"
    wrap = "CJK" if zh else None
    lead = fs * 1.25
    base = ParagraphStyle("b", fontName=reg, fontSize=fs, leading=lead, wordWrap=wrap, splitLongWords=1)
    hdr = ParagraphStyle("h", parent=base, fontName=bold if style["header_bold"] else reg,
                         alignment=TA_CENTER if style["header_align"] == "center" else TA_LEFT)
    title = ParagraphStyle("t", parent=base, fontName=bold, fontSize=fs + 4, leading=(fs + 4) * 1.3,
                           alignment=TA_CENTER)
    sec_st = ParagraphStyle("s", parent=base, fontName=bold, fontSize=fs + 1, leading=(fs + 1) * 1.3,
                            spaceBefore=fs, spaceAfter=fs * 0.3)
    sub_st = ParagraphStyle("u", parent=base, spaceBefore=fs * 0.5, spaceAfter=fs * 0.3)
    right = ParagraphStyle("r", parent=base, alignment=TA_RIGHT)
    center = ParagraphStyle("c", parent=base, alignment=TA_CENTER)
    row_index = {id(r): k for k, _, _, _, r in iter_rows(doc)}
    story = []
    place = style["plan_date_place"]
    if place == "cover":
        story += [Spacer(1, 60 * mm), Paragraph(escape(doc.publisher), title), Paragraph(escape(doc.title), title),
                  Spacer(1, 10 * mm), Paragraph(escape(doc.plan_date_text), center), PageBreak()]
    else:
        if style["title_running_above"]:
            story.append(Paragraph(escape(doc.publisher), right))
            applied["title_running_above"] = True
        story.append(Paragraph(escape(doc.publisher), title))
        t = escape(doc.title)
        if style["title_split"]:
            t = t.replace(" (", "<br/>(", 1).replace("（", "<br/>（", 1)
        story.append(Paragraph(t, title))
        if place == "title":
            story.append(Paragraph(escape(doc.plan_date_text), center))
    widths = [avail_w * w / 100.0 for w in style["widths"]]
    pad = style["padding_pt"]
    b = style["bullet"]
    applied["bullet"] = "•" if b == "symbol" else b

    def cell_par(text, code, st=base):
        return Paragraph(escape(text), ParagraphStyle("x", parent=st, textColor=_rgb(code)))

    for si, sec in enumerate(doc.sections):
        if style["section_page_break"] and si > 0:
            story.append(PageBreak())
        story.append(Paragraph(escape(sec.heading), sec_st))
        for blk in sec.blocks:
            if blk.number:
                story.append(Paragraph("<b>%s</b>" % escape(C.org_heading(blk)) if not zh else
                                       escape(C.org_heading(blk)), sub_st))
            for tab in blk.tables:
                story.append(Paragraph(escape(C.subtable_heading(doc, style, tab.spatial)), sub_st))
                if tab.note:
                    story.append(Paragraph(escape(tab.note), base))
                hs = C.headers(doc, style, sec.letter)
                data = [[Paragraph("<br/>".join(escape(x) for x in C.split_header(h, style["header_lines"])), hdr)
                         for h in hs]]
                cmds = [("VALIGN", (0, 0), (-1, -1), "TOP" if style["valign"] == "top" else "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
                if not tab.rows:
                    na = escape(C.na_word(doc))
                    ns = style["na_style"]
                    if ns.startswith("merged"):
                        data.append([Paragraph(na, center if ns == "merged-center" else base)] + [""] * 5)
                        cmds.append(("SPAN", (0, 1), (-1, 1)))
                    elif ns == "all-cells":
                        data.append([Paragraph(na, base) for _ in range(6)])
                    else:
                        pos = 0 if ns == "first-cell" else 1
                        data.append([Paragraph(na, base) if c == pos else "" for c in range(6)])
                for r in tab.rows:
                    k = row_index[id(r)]
                    code = [C.cell_code(k, c) for c in range(6)]
                    before, name, after, line = C.name_cell_parts(r, doc.lang)
                    name_cell = [cell_par(before + name + after, code[2])]
                    if line:
                        name_cell.append(cell_par(line, code[2]))
                    desc = []
                    for i, t in enumerate(r.bullets):
                        if b == "none":
                            desc.append(cell_par(t, code[3], ParagraphStyle("n", parent=base, spaceAfter=fs * 0.4)))
                        elif style["bullet_as_list"]:
                            bt = f"{i + 1}." if b == "numbered" else ("•" if b == "symbol" else b)
                            st = ParagraphStyle("l", parent=base, leftIndent=fs * 1.2, bulletIndent=0,
                                                bulletFontName=bullet_font if bt not in "-" else reg,
                                                bulletFontSize=fs, textColor=_rgb(code[3]))
                            desc.append(Paragraph(escape(t), st, bulletText=bt))
                        else:
                            pre = C.bullet_prefix(dict(style, bullet="•" if b == "symbol" else b), i)
                            desc.append(cell_par(pre + t, code[3]))
                    data.append([cell_par(str(r.item_no), code[0]), cell_par(r.category, code[1]), name_cell, desc,
                                 cell_par(r.date_text, code[4]), cell_par(r.frequency_text, code[5])])
                rules = style["rules"]
                if rules == "grid":
                    cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
                elif rules == "horizontal":
                    cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
                    cmds.append(("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black))
                elif rules == "box":
                    cmds += [("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                             ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
                if style["header_shade"]:
                    cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)))
                kw = {"splitInRow": 1} if style["row_split"] else {}
                t = Table(data, colWidths=widths, repeatRows=1 if style["repeat_header"] else 0, **kw)
                t.setStyle(TableStyle(cmds))
                story.append(t)
                story.append(Spacer(1, fs * 0.8))
    if place == "signature":
        story += [Spacer(1, fs), Paragraph(escape(doc.publisher), right), Paragraph(escape(doc.plan_date_text), right)]
    return story


def _build(doc, style, pdf, applied, total):
    psize = _page_size(style)
    m = style["margin_mm"] * mm
    fonts = _fonts(style, doc, applied)
    reg = fonts[0]
    fs = style["font_size"]
    running = {"none": "", "publisher": doc.publisher, "title": doc.title,
               "both": f"{doc.publisher} — {doc.title}"}[style["running_header"]]
    footer = {"none": "", "date": doc.plan_date_text, "publisher": doc.publisher}[style["footer"]]
    pn = style["page_numbers"]

    def on_page(canv, d):
        n = canv.getPageNumber()
        canv.saveState()
        small = max(6, fs - 1.5)
        canv.setFont(reg, small)
        if running and (n > 1 or style["running_header_first_page"]):
            canv.drawString(m, psize[1] - m * 0.6, running)
        if footer:
            canv.drawString(m, m * 0.5, footer)
        if pn:
            txt = C.page_text(pn, n, total or 0)
            pos = style["page_number_pos"]
            if pos == "bottom-center":
                canv.drawCentredString(psize[0] / 2, m * 0.5, txt)
            elif pos == "bottom-right":
                canv.drawRightString(psize[0] - m, m * 0.5, txt)
            else:
                canv.drawRightString(psize[0] - m, psize[1] - m * 0.6, txt)
        canv.restoreState()

    d = BaseDocTemplate(pdf, pagesize=psize, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
                        title=doc.title, author=doc.publisher)
    frame = Frame(m, m, psize[0] - 2 * m, psize[1] - 2 * m, id="f", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    d.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=on_page)])
    story = _story(doc, style, fonts, applied, psize[0] - 2 * m)
    d.build(story)
    return d.page


def render(jobs, workdir):
    results = {}
    for doc, style, pdf in jobs:
        applied = {}
        try:
            try:
                total = _build(doc, style, pdf, applied, None)
                if style["page_numbers"] and "{N}" in style["page_numbers"]:
                    _build(doc, style, pdf, applied, total)
            except LayoutError:
                # A row taller than a page: let it split even when the style said not to.
                applied["row_split_forced"] = True
                st = dict(style, row_split=True)
                total = _build(doc, st, pdf, applied, None)
                if style["page_numbers"] and "{N}" in style["page_numbers"]:
                    _build(doc, st, pdf, applied, total)
        except Exception as e:  # noqa: BLE001  (one bad layout must not stop the batch)
            applied["error"] = repr(e)[:300]
            if os.path.exists(pdf):
                os.remove(pdf)
        results[pdf] = applied
    return results
