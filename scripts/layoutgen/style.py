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
        # Re-distilled Chromium Type 3 CJK fonts mostly lose their text (ToUnicode gaps):
        # those documents cannot be scored, so LibreOffice is the usual base.
        st["base_producer"] = rng.choices(["chromium", "libreoffice"], weights=[1, 3])[0]
    return st


def plain_style(producer, lang):
    """A plain layout close to the development corpora: the base every ablation changes
    in one feature only."""
    lk = frame.lang_key(lang)
    st = {
        "producer": producer, "language": lang, "page_size": "A4", "landscape": False, "margin_mm": 20,
        "font_size": 10, "latin_font": "Liberation Sans",
        "cjk_font": "Noto Sans CJK SC" if lang == "zh-Hans" else "Noto Sans CJK TC",
        "narrow_columns": False, "widths": [7.0, 13.0, 20.0, 36.0, 12.0, 12.0], "padding_pt": 3, "rules": "grid",
        "header_align": "left", "header_bold": True, "header_shade": False, "header_lines": 1,
        "header_words": [0] * 6, "header_d_date": 0, "repeat_header": True, "row_split": True, "valign": "top",
        "running_header": "none", "running_header_first_page": False, "footer": "none", "page_numbers": None,
        "page_number_pos": "bottom-center", "plan_date_place": "signature", "bullet": "•", "bullet_as_list": False,
        "marker_pos": "line", "new_item_rate": 0.15, "na_style": "merged-center", "section_page_break": False,
        "title_split": False, "title_running_above": False, "title_tmpl": frame.TITLES[lk][0], "period_form": "dash",
        "section_label": "{L}. ", "subtable_label": "{r}. ", "subtable_word": 0, "date_forms": [20, 1, 1],
        "c_orgs_rate": 0.5, "empty_rate": 0.3, "d_note_rate": 0.0, "length": "medium", "rows_target": 30,
    }
    if producer == "ghostscript":
        st["base_producer"] = "libreoffice"
    return st


def ablations(lang):
    """(label, overrides) pairs: each changes the plain style in one feature."""
    lk = frame.lang_key(lang)
    out = [("plain", {})]

    def add(feature, values):
        for v in values:
            ov = v if isinstance(v, dict) else {feature: v}
            out.append((f"{feature}={json_label(v)}", ov))

    add("landscape", [True])
    add("page_size", ["Letter"])
    add("margin_mm", [10])
    add("font_size", [7, 8, 12])
    if lk == "en":
        add("latin_font", ["Liberation Serif", "DejaVu Sans", "Noto Serif"])
    else:
        add("cjk_font", ["AR PL UMing TW", "WenQuanYi Zen Hei", "Noto Serif CJK TC"])
    add("narrow_columns", [{"narrow_columns": True, "widths": [4.5, 8.0, 19.0, 49.5, 10.0, 9.0]},
                           {"narrow_columns": True, "widths": [7.0, 13.0, 20.0, 48.0, 6.0, 6.0]}])
    add("padding_pt", [0.5, 6])
    add("rules", ["horizontal", "none", "box"])
    add("header_align", ["center"])
    add("header_shade", [True])
    add("header_bold", [False])
    add("header_lines", [2, 3])
    add("header_words", [{"header_words": [1] * 6, "header_d_date": 1}, {"header_words": [2] * 6, "header_d_date": 2}])
    add("repeat_header", [False])
    add("row_split", [False])
    add("valign", ["middle"])
    add("running_header", ["publisher", "title", "both"])
    add("running_header_first_page", [{"running_header": "publisher", "running_header_first_page": True}])
    add("footer", ["date", "publisher"])
    add("page_numbers", frame.PAGE_FORMS[lk])
    add("page_number_pos", [{"page_numbers": "{n}", "page_number_pos": "bottom-right"},
                            {"page_numbers": "{n}", "page_number_pos": "top-right"}])
    add("plan_date_place", ["cover", "footer", "title", "none"])
    add("bullet", ["●", "▪", "-", "–", "‧", "numbered", "symbol", "none"])
    add("bullet_as_list", [True])
    add("marker_pos", ["before", "after"])
    add("new_item_rate", [0.5])
    add("na_style", ["merged-left", "first-cell", "second-cell", "all-cells"])
    add("section_page_break", [True])
    add("title_split", [True])
    add("title_running_above", [True])
    add("title_tmpl", frame.TITLES[lk][1:])
    add("period_form", ["endash"] + (["zhi"] if lk == "zh" else []))
    add("section_label", (frame.SECTION_LABELS if lk == "en" else frame.SECTION_LABELS_ZH)[1:])
    add("subtable_label", frame.SUBTABLE_LABELS[1:])
    add("date_forms", [[3, 2, 2]])
    add("c_orgs_rate", [0.0, 1.0])
    add("empty_rate", [0.0, 0.6])
    add("d_note_rate", [1.0])
    add("length", [{"length": "long", "rows_target": 110}, {"length": "short", "rows_target": 8}])
    return out


def json_label(v):
    if isinstance(v, dict):
        return ",".join(f"{k}:{v[k]}" for k in v if k not in ("widths",)) + (
            f",widths:{'/'.join(str(int(w)) for w in v['widths'])}" if "widths" in v else "")
    return str(v)
