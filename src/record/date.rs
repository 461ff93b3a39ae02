//! Release and publication dates → "YYYY-MM", "YYYY-Qn" or "YYYY".

use std::sync::LazyLock;

use regex::Regex;

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{1,2})\s*/\s*([0-9]{4})$"));
static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{4})\s*[-/.]\s*([0-9]{1,2})$"));
static ZH_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月(?:份)?$"));
static ZH_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:([0-9]{4})\s*年\s*第?\s*([一二三四1-4])\s*季度?|第?\s*([一二三四1-4])\s*季度?\s*[,，]?\s*([0-9]{4})\s*年?)$",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{4})\s*年?(?:底|內|内)?$"));
static EN_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^([a-z]+)\.?\s*,?\s*([0-9]{4})$"));
static EN_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:q([1-4])\s*[-/,]?\s*([0-9]{4})|([0-9]{4})\s*[-/,]?\s*q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?([0-9]{4}))$",
    )
});

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad pattern {p}: {e}"))
}

/// Normalises a date as printed; `None` when it is not one of the forms
/// plans use (the caller keeps the text and reports it).
pub fn normalise(text: &str) -> Option<String> {
    let t = to_ascii_digits(text);
    let t = t.trim();
    if let Some(c) = NUMERIC.captures(t) {
        return month(&c[2], &c[1]);
    }
    if let Some(c) = ISO.captures(t) {
        return month(&c[1], &c[2]);
    }
    if let Some(c) = ZH_MONTH.captures(t) {
        return month(&c[1], &c[2]);
    }
    if let Some(c) = ZH_QUARTER.captures(t) {
        let (year, q) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(y), Some(q), _, _) | (_, _, Some(q), Some(y)) => (y.as_str(), q.as_str()),
            _ => return None,
        };
        return quarter(year, q);
    }
    if let Some(c) = EN_QUARTER.captures(t) {
        let (year, q) = match (c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6)) {
            (Some(q), Some(y), ..) | (_, _, Some(y), Some(q), ..) | (.., Some(q), Some(y)) => (y.as_str(), q.as_str()),
            _ => return None,
        };
        return quarter(year, q);
    }
    if let Some(c) = EN_MONTH.captures(t) {
        let m = month_number(&c[1])?;
        return month(&c[2], &m.to_string());
    }
    if let Some(c) = YEAR.captures(t) {
        return Some(c[1].to_owned());
    }
    None
}

fn month(year: &str, month: &str) -> Option<String> {
    let m: u32 = month.parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{year}-{m:02}"))
}

fn quarter(year: &str, q: &str) -> Option<String> {
    let n = match q.to_ascii_lowercase().as_str() {
        "1" | "一" | "first" | "1st" => 1,
        "2" | "二" | "second" | "2nd" => 2,
        "3" | "三" | "third" | "3rd" => 3,
        "4" | "四" | "fourth" | "4th" => 4,
        _ => return None,
    };
    Some(format!("{year}-Q{n}"))
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "Mar" and "March" and "Sept" are months; "Marching" is not.
    (FULL[i].starts_with(lower.as_str()) || lower == "sept").then_some(i as u32 + 1)
}

/// Full-width digits and slashes as ASCII, so one pattern serves both.
pub(crate) fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            '／' => '/',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn forms_plans_print() {
        let cases = [
            ("03/2024", Some("2024-03")),
            ("3/2024", Some("2024-03")),
            ("０３／２０２４", Some("2024-03")),
            ("2024-03", Some("2024-03")),
            ("2023年12月", Some("2023-12")),
            ("2024 年 3 月", Some("2024-03")),
            ("December 2023", Some("2023-12")),
            ("Sept 2024", Some("2024-09")),
            ("Mar. 2025", Some("2025-03")),
            ("Q1 2025", Some("2025-Q1")),
            ("2025 Q4", Some("2025-Q4")),
            ("First Quarter of 2026", Some("2026-Q1")),
            ("2025年第二季", Some("2025-Q2")),
            ("第三季 2025", Some("2025-Q3")),
            ("2026", Some("2026")),
            ("2026年", Some("2026")),
            ("13/2024", None),
            ("Marching 2024", None),
            ("待定", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalise(text).as_deref(), want, "{text}");
        }
    }
}
