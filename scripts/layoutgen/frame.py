"""The plan's frame wording (title, section headings, column headers, N/A, page numbers,
signature) in both languages, with the wording variants a style may pick."""

from vocab import MONTHS_EN

TITLES = {
    "en": ["Consolidated Open Data Plan for {p} (including Spatial Data Plan)", "Open Data Plan {p}",
           "{p} Annual Open Data Plan", "Annual Open Data Plan ({p})"],
    "zh": ["{p}年度整合開放數據計劃（包含空間數據計劃）", "{p}年度開放數據計劃", "開放數據年度計劃（{p}）"],
}

SECTION_TEXT = {
    "en": {
        "A": ["Datasets of the B/D to be released in {y0}", "Datasets to be released by the department in {y0}"],
        "B": ["Datasets of the B/D to be released in {y1} and {y2}", "Datasets to be released in {y1} and {y2}"],
        "C": ["Datasets planned to be opened up by other organisations", "Datasets of other organisations"],
        "D": ["Progress: Datasets of the B/D and other organisations uploaded to DATA.GOV.HK and/or the CSDI Portal",
              "Progress: datasets already released"],
    },
    "zh": {
        "A": ["在 {y0} 年發放的局／部門數據集", "{y0}年發放的數據集"],
        "B": ["在 {y1} 年及 {y2} 年發放的局／部門數據集", "{y1}年及{y2}年發放的數據集"],
        "C": ["其他機構計劃開放的數據集"],
        "D": ["進度：局／部門及其他機構已經上載至「資料一線通」及/或「空間數據共享平台」網站的數據集",
              "進度：已發放的數據集"],
    },
}
# How a section letter is written before its heading text.
SECTION_LABELS = ["{L}. ", "{L}) ", "Part {L}. ", "({L}) "]
SECTION_LABELS_ZH = ["{L}. ", "{L}) ", "({L}) ", "{L}．"]

SUBTABLE = {
    "en": {True: ["Spatial Data", "Spatial data"], False: ["Non-spatial Data", "Non-spatial data"]},
    "zh": {True: ["空間數據"], False: ["非空間數據"]},
}
SUBTABLE_LABELS = ["{r}. ", "({r}) ", "{r}) "]

HEADERS = {
    "en": [
        ["Item No.", "No.", "Item", "Item Number"],
        ["Data Category", "Category", "Dataset Category"],
        ["Dataset Name", "Name of Dataset", "Dataset"],
        ["General Description", "Description", "Brief Description of Dataset"],
        ["Target Release Date (MM/YYYY)", "Target Date of Release", "Target Release Date", "Release Date"],
        ["Update Frequency", "Frequency of Update", "Frequency"],
    ],
    "zh": [
        ["編號", "項目編號", "序號"],
        ["數據種類", "數據類別", "類別"],
        ["數據集名稱", "數據集"],
        ["一般說明", "說明", "數據集簡介"],
        ["目標發放日期(月/年)", "目標發放日期", "預計發放日期 (月/年)"],
        ["更新頻率"],
    ],
}
HEADERS_D_DATE = {"en": ["Release Date (MM/YYYY)", "Date of Release", "Release Date"], "zh": ["發放日期(月/年)", "發放日期"]}

NA = {"en": ["N/A"], "zh": ["不適用"]}
MARKER = {"en": "[New Item]", "zh": "[新項目]"}
D_NOTE = {
    "en": "# Note: Dataset items released in {y} and before are based on the {p0} Open Data Plan.",
    "zh": "# 備註：{y}年及之前發布的數據集條目基於《{p0}年度開放數據計劃》。",
}

# Page number forms: {n} page, {N} page count. None = no page numbers.
PAGE_FORMS = {"en": ["{n}", "- {n} -", "Page {n}", "Page {n} of {N}", "{n} / {N}"],
              "zh": ["{n}", "- {n} -", "第{n}頁", "第 {n} 頁，共 {N} 頁", "{n} / {N}", "頁 {n}"]}


def lang_key(lang):
    return "en" if lang == "en" else "zh"


def plan_date_text(lang, y, m):
    if lang == "en":
        return f"{MONTHS_EN[m - 1]} {y}"
    return f"{y}年{m}月"


def period_text(y0, y2, form):
    return {"dash": f"{y0}-{y2}", "endash": f"{y0} – {y2}", "zhi": f"{y0}至{y2}"}[form]
