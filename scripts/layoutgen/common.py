"""Helpers shared by the producers: cell colour codes, header wording and wrapping,
bullet prefixes, page-number text."""

import frame
from content import name_cell_parts  # noqa: F401  (re-exported for producers)

# Each table cell's text is drawn in a near-black colour that encodes (row, column), so
# pages.py can find every row's pages and check its text exactly. 4 bits per RGB channel
# (0..15 of 255: indistinguishable from black on screen and paper); 0 is the frame's black.
COLS = 6


def cell_code(k, col):
    return 1 + k * COLS + col


def code_rgb(code):
    return (code >> 8) & 15, (code >> 4) & 15, code & 15


def decode(code):
    k, col = divmod(code - 1, COLS)
    return k, col


def css_color(code):
    r, g, b = code_rgb(code)
    return f"#{r:02x}{g:02x}{b:02x}"


def loc(doc, text):
    if doc.lang == "zh-Hans":
        from content import hans
        return hans(text)
    return text


def headers(doc, style, section):
    lk = frame.lang_key(doc.lang)
    hs = [frame.HEADERS[lk][c][style["header_words"][c] % len(frame.HEADERS[lk][c])] for c in range(COLS)]
    if section == "D":
        v = frame.HEADERS_D_DATE[lk]
        hs[4] = v[style["header_d_date"] % len(v)]
    return [loc(doc, h) for h in hs]


def split_header(text, n):
    """The header text as up to n lines (explicit breaks, as authors type them)."""
    if n <= 1:
        return [text]
    words = text.split(" ")
    if len(words) > 1:
        n = min(n, len(words))
        per = -(-len(words) // n)
        return [" ".join(words[i:i + per]) for i in range(0, len(words), per)]
    if text.isascii():
        return [text]  # nobody types a break inside one English word; narrow columns do it
    n = min(n, max(1, len(text) // 2))
    per = -(-len(text) // n)
    return [text[i:i + per] for i in range(0, len(text), per)]


def bullet_prefix(style, i):
    b = style["bullet"]
    if b == "numbered":
        return f"{i + 1}. "
    if b == "none":
        return ""
    if b == "symbol":
        return "•"  # producers without Symbol-font lists fall back to the plain bullet
    return b + " "


def page_text(form, n, total):
    return form.replace("{n}", str(n)).replace("{N}", str(total))


def subtable_heading(doc, style, spatial):
    lk = frame.lang_key(doc.lang)
    words = frame.SUBTABLE[lk][spatial]
    r = "i" if spatial else "ii"
    return loc(doc, style["subtable_label"].format(r=r) + words[style["subtable_word"] % len(words)])


def org_heading(blk):
    return f"({blk.number}) {blk.organisation}"


def na_word(doc):
    return loc(doc, frame.NA[frame.lang_key(doc.lang)][0])
