//! Every regular expression of the segmenter, compiled once.
//!
//! Digits are written `[0-9０-９]` on purpose: `\d` would also match other
//! scripts' digits, which never number a plan's rows.

use std::sync::LazyLock;

use regex::Regex;

fn re(pattern: &str) -> Regex {
    // The patterns are literals of this file, so a failure is a bug here,
    // caught by the tests that touch each one.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern}: {e}"))
}

/// A section heading: "A. 在 2024 年發放的…", "D. Progress: …", and the
/// other ways plans letter them: "A)", "(A)", "Part A.", "Section A:".
pub static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?i:(?:part|section)\s+)?[(（]?([A-DＡ-Ｄ])\s*(?:[.．。、:：]|[)）]\s*[.．]?)\s*(\S.*?)\s*$")
});

/// An organisation heading under section C: "(1) 創新科技及工業局".
pub static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[(（]\s*([0-9０-９]{1,2})\s*[)）]\s*(\S.*?)\s*$"));

/// A table heading: "i. 空間數據", "ii. Non-spatial Data", "(i) …", "ii) …".
pub static TABLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[(（]?\s*(?i:(i{1,3}|iv))\s*(?:[.．]|[)）]\s*[.．]?)\s*(\S.*?)\s*$"));

/// Marks a table heading as the non-spatial one whatever its numeral says.
pub static NON_SPATIAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)非空間|非空间|non[-\s‐]?spatial"));

/// The whole of an empty table's body: the mark once, or once in each
/// cell of the row.
pub static NOT_APPLICABLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:(?:不適用|不适用|n/?a|nil|none|not applicable|沒有|没有|無|无)\s*[。.]?\s*)+$"));

/// A note line above a table: "# 備註：…", "# Note: …".
pub static NOTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*([#＃]|備註|备注|註[:：]|注[:：]|notes?\s*[:：]|remarks?\s*[:：])"));

/// A row's first line: its item number, then the rest of the row's text.
pub static ROW_START: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*([0-9０-９]{1,3})(?:\s+|[.．]\s*|$)(.*?)\s*$"));

/// A bullet sign at the start of a description line.
/// A hyphen or dash counts only with a space after it ("- Data …"), not
/// as the start of a wrapped word.
/// A glyph no encoding gave a character for (U+FFFD) standing alone at
/// a line's start is a bullet too: dingbat bullets are the glyphs fonts
/// most often leave unmapped.
pub static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:[•●▪■◆◦‧・∙·○➢►\u{F0B7}\u{F06C}\u{F0A7}\u{F0D8}]|[-–—*\u{FFFD}](?:\s|$))\s*(.*?)\s*$")
});

/// A bullet sign inside a line, for rows whose first bullet follows the name on the same line.
pub static INLINE_BULLET: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)[•●▪■◆◦‧・∙○➢►\u{F0B7}\u{F06C}\u{F0A7}\u{F0D8}]\s*"));

/// The new-item marker, anywhere in the name cell.
pub static NEW_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)[\[［【]\s*(新項目|新项目|new\s*item)\s*[\]］】]"));

/// A date cell followed by the frequency cell, the row's last two columns.
pub static DATE_THEN_FREQUENCY: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^\s*({})(?:\s+(\S.*?))?\s*$", DATE_ALTERNATIVES)));

/// The date forms a plan prints, for use inside larger patterns.
pub const DATE_ALTERNATIVES: &str = concat!(
    r"[0-9０-９]{1,2}\s*[/／]\s*[0-9０-９]{4}",
    r"|[0-9０-９]{4}\s*年\s*(?:[0-9０-９]{1,2}\s*月|第?\s*[一二三四1-4]\s*季(?:度)?)?",
    r"|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+[0-9]{4})",
    r"|(?i:q[1-4]\s*[0-9]{4}|[0-9]{4}\s*q[1-4])",
    r"|(?i:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s+[0-9]{4})",
    r"|第\s*[一二三四1-4]\s*季(?:度)?\s*[0-9]{4}",
    r"|[0-9]{4}",
);

/// A line that is nothing but a date: the plan's publication date at its end.
pub static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s*(?:{DATE_ALTERNATIVES})\s*$")));

/// The plan period in the title: "2024-2026年度", "for 2024-2026".
pub static PERIOD: LazyLock<Regex> = LazyLock::new(|| re(r"(20[0-9]{2})\s*(?:[-–—~～至]|to)\s*(20[0-9]{2})"));

/// The plan title's own words, for titles that wrap before their period:
/// "整合開放數據計劃", "開放數據年度計劃", "Open Data Plan", "Annual Open Data Plan".
pub static TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)數據\S{0,4}計劃|数据\S{0,4}计划|open\s+data\s+(?:\S+\s+){0,2}plan"));

/// Page furniture: "第 3 頁", "頁 3", "Page 3", "Page 3 of 9", "- 3 -", "3 / 9".
pub static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:第\s*[0-9]+\s*[頁页](?:\s*[,，/／]?\s*共\s*[0-9]+\s*[頁页])?|[頁页]\s*[0-9]+|p(?:age|\.)\s*[0-9]+(?:\s*(?:of|/)\s*[0-9]+)?|[-–—]\s*[0-9]+\s*[-–—]|[0-9]+\s*/\s*[0-9]+)\s*$",
    )
});

/// A plan's publication month inside a line ("Issued December 2024",
/// "2024年12月"): on a cover or in a running footer.
pub static PLAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+20[0-9]{2})",
        r"|20[0-9]{2}\s*年\s*[0-9０-９]{1,2}\s*月",
    ))
});

/// Machine-readable formats, matched against whole ASCII words of a
/// description; the value is the spelling records use.
pub const FORMATS: &[&str] = &[
    "CSV",
    "JSON",
    "GeoJSON",
    "XML",
    "XLSX",
    "XLS",
    "ODS",
    "API",
    "SHP",
    "KML",
    "KMZ",
    "GML",
    "GPKG",
    "GeoPackage",
    "RSS",
    "TXT",
    "WMS",
    "WFS",
    "WMTS",
    "DXF",
    "DWG",
    "GeoTIFF",
    "TIFF",
    "ZIP",
    "RDF",
    "GTFS",
    "NetCDF",
    "GRIB",
    "FGDB",
    "ODT",
];

/// DATA.GOV.HK's data categories in English: in a text file the category
/// and the name share a line with nothing but a space between them, and
/// the category list is fixed, so it tells where the category ends.
pub const CATEGORIES_EN: &[&str] = &[
    "City Management",
    "Climate and Weather",
    "Commerce and Industry",
    "Development",
    "Education",
    "Employment and Labour",
    "Environment",
    "Finance",
    "Food",
    "Health",
    "Housing",
    "Infrastructure",
    "Law and Security",
    "Miscellaneous",
    "Population",
    "Recreation and Culture",
    "Social Welfare",
    "Technology and Broadcasting",
    "Transport",
];
