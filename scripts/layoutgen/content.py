"""Random plan content (what the cells say) and its truth records per shared/SCHEMA.md.

A Doc is producer-neutral: sections -> blocks (one per organisation under C, else one) ->
two tables (spatial, non-spatial) -> rows. Each row keeps the exact cell strings a producer
prints, so the truth is those strings, whitespace-collapsed, marker removed from the name.
"""

import re
from dataclasses import dataclass, field

import frame
import vocab

FORMAT_WORDS = {f.lower(): f for f in vocab.FORMATS}


@dataclass
class Row:
    item_no: int
    category: str
    name: str
    new_item: bool
    marker_pos: str  # before | after | line
    bullets: list
    date_text: str
    date: str
    frequency_text: str
    frequency: str


@dataclass
class Table:
    spatial: bool
    rows: list
    note: str = ""  # a "# Note: ..." line printed above the table (section D)


@dataclass
class Block:
    organisation: str  # as printed; the publisher when the section has no organisations
    number: int  # (1), (2) ... under C; 0 = no organisation heading
    tables: list


@dataclass
class Section:
    letter: str
    heading: str
    blocks: list


@dataclass
class Doc:
    lang: str
    publisher: str
    period: str  # normalised "2024-2026"
    period_printed: str
    title: str
    plan_date: str  # "YYYY-MM" or None when not printed
    plan_date_text: str
    sections: list = field(default_factory=list)


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def formats_of(bullets):
    out = []
    for b in bullets:
        for w in re.split(r"[^A-Za-z0-9]+", b):
            f = FORMAT_WORDS.get(w.lower())
            if f and f not in out:
                out.append(f)
    return out


def _pick_formats(rng, spatial):
    pool = vocab.FORMATS_SPATIAL + ["CSV", "JSON"] if spatial else vocab.FORMATS_PLAIN + ["JSON", "XML", "GTFS"]
    f = rng.choice(pool)
    g = rng.choice([x for x in pool if x != f])
    return f, g


def _date(rng, lang, years, forms):
    y = rng.choice(years)
    kind = rng.choices(["mm", "q", "y"], weights=forms)[0]
    if kind == "mm":
        m = rng.randint(1, 12)
        return f"{m:02d}/{y}", f"{y}-{m:02d}"
    if kind == "q":
        q = rng.randint(1, 4)
        txt = f"Q{q} {y}" if lang == "en" else f"{y}年第{vocab.QUARTERS_ZH[q - 1]}季"
        return txt, f"{y}-Q{q}"
    return (str(y) if lang == "en" or rng.random() < 0.3 else f"{y}年"), str(y)


def _frequency(rng, lang):
    if rng.random() < 0.07:
        n = rng.choice(vocab.MINUTES)
        return (f"Every {n} minutes" if lang == "en" else f"每{n}分鐘"), f"every-{n}-minutes"
    tok, en, zh = rng.choice(vocab.FREQUENCIES)
    return rng.choice(en if lang == "en" else zh), tok


def _name(rng, lang, subj_en, subj_zh):
    tmpl_en, tmpl_zh = rng.choice(vocab.NAMES)
    if lang == "en":
        s = tmpl_en.format(s=subj_en, S=subj_en[0].upper() + subj_en[1:])
    else:
        s = tmpl_zh.format(s=subj_zh, S=subj_zh)
    return s


def _bullets(rng, lang, subj_en, subj_zh, spatial, n):
    idx = rng.sample(range(len(vocab.BULLETS)), n)
    out = []
    for i in idx:
        t = vocab.BULLETS[i][0 if lang == "en" else 1]
        f, g = _pick_formats(rng, spatial)
        out.append(t.format(s=subj_en if lang == "en" else subj_zh, F=f, G=g))
    if lang == "en":
        out = [b[0].upper() + b[1:] for b in out]
    return out


def make_row(rng, lang, item_no, section, years, style):
    cat = rng.choice(vocab.CATEGORIES)[0 if lang == "en" else 1]
    subj_en, subj_zh = rng.choice(vocab.SUBJECTS)
    spatial = style["_spatial"]
    name = _name(rng, lang, subj_en, subj_zh)
    n_b = rng.choices([1, 2, 3, 4], weights=[3, 4, 3, 1])[0]
    bullets = _bullets(rng, lang, subj_en, subj_zh, spatial, n_b)
    date_text, date = _date(rng, lang, years, style["date_forms"])
    freq_text, freq = _frequency(rng, lang)
    new_item = section != "D" and rng.random() < style["new_item_rate"]
    marker_pos = style["marker_pos"] if rng.random() < 0.85 else rng.choice(["before", "after", "line"])
    return Row(item_no, cat, name, new_item, marker_pos, bullets, date_text, date, freq_text, freq)


def make_doc(rng, lang, style):
    """Random content; `style` supplies the wording choices and sizes (see style.py)."""
    lk = frame.lang_key(lang)
    topic = rng.choice(vocab.TOPICS)
    kind = rng.choice(vocab.KINDS)
    publisher = kind[0].format(t=topic[0]) if lang == "en" else kind[1].format(t=topic[1])
    y0 = rng.randint(2023, 2027)
    y1, y2 = y0 + 1, y0 + 2
    period = f"{y0}-{y2}"
    period_printed = frame.period_text(y0, y2, style["period_form"])
    title = style["title_tmpl"].format(p=period_printed)
    if rng.random() < 0.5:
        py, pm = y0 - 1, rng.randint(9, 12)
    else:
        py, pm = y0, rng.randint(1, 4)
    plan_date = f"{py}-{pm:02d}" if style["plan_date_place"] != "none" else None
    doc = Doc(lang, publisher, period, period_printed, title, plan_date, frame.plan_date_text(lang, py, pm))
    years = {"A": [y0], "B": [y1, y2], "C": [y0, y1, y2], "D": list(range(y0 - 9, y0))}
    total_target = style["rows_target"]
    # Share rows over the 8+ tables, leaving some empty.
    for letter in "ABCD":
        heading = style["section_label"].format(L=letter) + rng.choice(frame.SECTION_TEXT[lk][letter]).format(
            y0=y0, y1=y1, y2=y2)
        blocks = []
        if letter == "C" and rng.random() < style["c_orgs_rate"]:
            n_org = rng.randint(1, 3)
            orgs = []
            for k in range(n_org):
                if k == 0 and rng.random() < 0.4:
                    orgs.append(publisher)
                    continue
                t2, k2 = rng.choice(vocab.TOPICS), rng.choice(vocab.KINDS)
                o = k2[0].format(t=t2[0]) if lang == "en" else k2[1].format(t=t2[1])
                if o not in orgs and o != publisher:
                    orgs.append(o)
            numbered = [(o, i + 1) for i, o in enumerate(orgs)]
        else:
            numbered = [(publisher, 0)]
        for org, num in numbered:
            tables = []
            for spatial in (True, False):
                share = {"A": 0.2, "B": 0.2, "C": 0.12, "D": 0.48}[letter] / len(numbered)
                share *= 0.35 if spatial else 0.65
                if rng.random() < style["empty_rate"]:
                    n = 0
                else:
                    n = max(1, int(round(total_target * share * rng.uniform(0.4, 1.6))))
                rows = []
                for i in range(n):
                    st = dict(style, _spatial=spatial)
                    rows.append(make_row(rng, lang, i + 1, letter, years[letter], st))
                note = ""
                if letter == "D" and rng.random() < style["d_note_rate"]:
                    note = frame.D_NOTE[lk].format(y=y0 - 2, p0=f"{y0 - 1}-{y0 + 1}")
                tables.append(Table(spatial, rows, note))
            blocks.append(Block(org, num, tables))
        doc.sections.append(Section(letter, heading, blocks))
    return doc


_T2S = None


def hans(text):
    """Traditional -> Simplified Chinese (OpenCC tables, pip opencc-python-reimplemented)."""
    global _T2S
    if _T2S is None:
        from opencc import OpenCC
        _T2S = OpenCC("t2s")
    return _T2S.convert(text)


def to_hans(doc):
    """The same plan printed in Simplified Chinese: every string converted in place."""
    def conv(obj):
        for k, v in vars(obj).items():
            if isinstance(v, str):
                setattr(obj, k, hans(v))
            elif isinstance(v, list):
                setattr(obj, k, [hans(x) if isinstance(x, str) else conv(x) for x in v])
        return obj
    conv(doc)
    doc.lang = "zh-Hans"
    return doc


def truth_records(doc, source):
    out = []
    for sec in doc.sections:
        for blk in sec.blocks:
            for tab in blk.tables:
                for r in tab.rows:
                    out.append({
                        "source": source,
                        "language": doc.lang,
                        "publisher": doc.publisher,
                        "plan_period": doc.period,
                        "plan_date": doc.plan_date,
                        "section": sec.letter,
                        "status": "released" if sec.letter == "D" else "planned",
                        "organisation": blk.organisation,
                        "spatial": tab.spatial,
                        "item_no": r.item_no,
                        "category": collapse(r.category),
                        "name": collapse(r.name),
                        "new_item": r.new_item,
                        "description": [collapse(b) for b in r.bullets],
                        "formats": formats_of(r.bullets),
                        "date_text": collapse(r.date_text),
                        "date": r.date,
                        "frequency_text": collapse(r.frequency_text),
                        "frequency": r.frequency,
                        "pages": [],
                    })
    return out


def iter_rows(doc):
    """(global index, section, block, table, row) in document order."""
    k = 0
    for sec in doc.sections:
        for blk in sec.blocks:
            for tab in blk.tables:
                for r in tab.rows:
                    yield k, sec, blk, tab, r
                    k += 1


def name_cell_parts(row, lang):
    """The name cell as printed: (before, name, after, own_line_marker)."""
    m = frame.MARKER[frame.lang_key(lang)]
    if lang == "zh-Hans":
        m = hans(m)
    if not row.new_item:
        return "", row.name, "", ""
    if row.marker_pos == "before":
        return m + " ", row.name, "", ""
    if row.marker_pos == "after":
        return "", row.name, " " + m, ""
    return "", row.name, "", m
