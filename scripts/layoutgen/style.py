"""Random style per document. Every key lands in the manifest; producers record in
`applied` what they could honour and note what they could not."""

import frame

BULLETS = ["•", "●", "▪", "-", "–", "‧", "numbered", "symbol", "none"]
PAGE_SIZES = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

# Font families by producer; each entry (latin, cjk). Chromium and LibreOffice go through
# fontconfig; reportlab has its own list in prod_reportlab.py.
FC_LATIN = ["Liberation Sans", "Liberation Serif", "DejaVu Sans", "Noto Sans", "Noto Serif"]
FC_CJK = ["Noto Sans CJK TC", "Noto Serif CJK TC", "AR PL UMing TW", "AR PL UKai TW", "WenQuanYi Zen Hei",
          "Noto Sans CJK HK"]
FC_CJK_HANS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"]


def _widths(rng, narrow):
    base = [7, 13, 20, 36, 12, 12]
    w = [max(3.0, b * rng.uniform(0.7, 1.35)) for b in base]
    if narrow:
        # Squeeze one or more short columns so single words break mid-word.
        for c in rng.sample([0, 1, 2, 4, 5], rng.randint(1, 3)):
            w[c] = {0: 4.0, 1: 6.5, 2: 9.0, 4: 6.0, 5: 6.0}[c] * rng.uniform(0.8, 1.1)
    s = sum(w)
    return [round(100 * x / s, 1) for x in w]


def make_style(rng, producer, lang):
    lk = frame.lang_key(lang)
    long_doc = rng.random() < 0.45
    narrow = rng.random() < 0.3
    st = {
        "producer": producer,
        "language": lang,
        "page_size": rng.choice(["A4", "A4", "Letter"]),
        "landscape": rng.random() < 0.45,
        "margin_mm": rng.choice([10, 12, 15, 18, 20, 25]),
        "font_size": rng.choice([7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 12]),
        "latin_font": rng.choice(FC_LATIN),
        "cjk_font": rng.choice(FC_CJK_HANS if lang == "zh-Hans" else FC_CJK),
        "narrow_columns": narrow,
        "widths": _widths(rng, narrow),
        "padding_pt": rng.choice([0.5, 1, 2, 3, 4, 6]),
        "rules": rng.choices(["grid", "horizontal", "none", "box"], weights=[5, 2, 2, 1])[0],
        "header_align": rng.choice(["left", "center"]),
        "header_bold": rng.random() < 0.7,
        "header_shade": rng.random() < 0.3,
        "header_lines": rng.choices([1, 2, 3, 4], weights=[4, 3, 2, 1])[0],
        "header_words": [rng.randrange(len(v)) for v in frame.HEADERS[lk]],
        "header_d_date": rng.randrange(len(frame.HEADERS_D_DATE[lk])),
        "repeat_header": rng.random() < 0.65,
        "row_split": rng.random() < 0.7,
        "valign": rng.choices(["top", "middle"], weights=[4, 1])[0],
        "running_header": rng.choices(["none", "publisher", "title", "both"], weights=[4, 2, 2, 1])[0],
        "running_header_first_page": rng.random() < 0.5,
        "footer": rng.choices(["none", "date", "publisher"], weights=[3, 2, 1])[0],
        "page_numbers": rng.choice([None, None] + frame.PAGE_FORMS[lk]),
        "page_number_pos": rng.choice(["bottom-center", "bottom-right", "top-right"]),
        "plan_date_place": rng.choices(["signature", "cover", "footer", "title", "none"], weights=[5, 2, 2, 1, 1])[0],
        "bullet": rng.choices(BULLETS, weights=[6, 2, 1, 2, 1, 1, 1, 2, 1])[0],
        "bullet_as_list": rng.random() < 0.5,
        "marker_pos": rng.choice(["before", "after", "line", "line"]),
        "new_item_rate": rng.choice([0.0, 0.15, 0.4]),
        "na_style": rng.choice(["merged-center", "merged-left", "first-cell", "second-cell", "all-cells"]),
        "section_page_break": rng.random() < 0.35,
        "title_split": rng.random() < 0.5,
        "title_running_above": rng.random() < 0.15,
        "title_tmpl": rng.choice(frame.TITLES[lk]) if rng.random() < 0.5 else frame.TITLES[lk][0],
        "period_form": rng.choices(["dash", "endash", "zhi"], weights=[8, 1, 1 if lk == "zh" else 0])[0],
        "section_label": rng.choice(frame.SECTION_LABELS if lk == "en" else frame.SECTION_LABELS_ZH)
        if rng.random() < 0.4 else "{L}. ",
        "subtable_label": rng.choice(frame.SUBTABLE_LABELS) if rng.random() < 0.4 else "{r}. ",
        "subtable_word": rng.randrange(2),
        "date_forms": rng.choice([[20, 1, 1], [10, 3, 1], [3, 2, 2]]),
        "c_orgs_rate": rng.choice([0.0, 0.5, 0.9]),
        "empty_rate": rng.choice([0.1, 0.3, 0.5]),
        "d_note_rate": rng.choice([0.0, 0.5]),
        "length": "long" if long_doc else "short",
        "rows_target": rng.randint(40, 130) if long_doc else rng.randint(5, 18),
    }
    if producer == "ghostscript":
        st["base_producer"] = rng.choice(["chromium", "libreoffice"])
    return st
