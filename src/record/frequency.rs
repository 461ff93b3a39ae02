//! Update frequencies → SCHEMA.md's tokens.

use std::sync::LazyLock;

use regex::Regex;

static EVERY_N_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:每\s*([0-9]+)\s*分鐘|每\s*([0-9]+)\s*分钟|every\s+([0-9]+)\s*(?:minutes|mins?))$")
        .unwrap_or_else(|e| panic!("bad pattern: {e}"))
});

/// The fixed tokens and every spelling that means each. Chinese spellings
/// are compared with white space removed, English ones case-insensitively
/// with white space folded and a trailing full stop dropped.
const TOKENS: &[(&str, &[&str])] = &[
    ("real-time", &["實時", "即時", "实时", "即时", "real-time", "real time", "realtime"]),
    ("hourly", &["每小時", "每小时", "hourly", "every hour"]),
    ("daily", &["每日", "每天", "daily", "every day"]),
    ("weekly", &["每星期", "每週", "每周", "每星期一次", "weekly", "every week"]),
    (
        "fortnightly",
        &["每兩星期", "每兩週", "每两星期", "每两周", "fortnightly", "bi-weekly", "biweekly", "every two weeks"],
    ),
    ("monthly", &["每月", "每個月", "每个月", "monthly", "every month"]),
    ("bimonthly", &["每兩個月", "每两个月", "bi-monthly", "bimonthly", "every two months"]),
    ("quarterly", &["每季", "每季度", "每三個月", "每三个月", "quarterly", "every three months", "every quarter"]),
    (
        "half-yearly",
        &[
            "每半年",
            "每六個月",
            "每六个月",
            "half-yearly",
            "half yearly",
            "semi-annually",
            "semi-annual",
            "semiannually",
            "every six months",
        ],
    ),
    ("annually", &["每年", "每年一次", "annually", "yearly", "annual", "every year"]),
    ("biennially", &["每兩年", "每两年", "biennially", "biennial", "every two years"]),
    (
        "as-needed",
        &[
            "有需要時",
            "有需要时",
            "按需要",
            "不定期",
            "當有更新數據時",
            "当有更新数据时",
            "as needed",
            "as and when necessary",
            "as and when needed",
            "when updated data are available",
            "when updated data is available",
            "ad hoc",
            "ad-hoc",
            "irregular",
            "irregularly",
        ],
    ),
    ("one-off", &["一次性", "one-off", "one off", "one-time", "one time", "once"]),
];

/// The token for a frequency as printed: one of SCHEMA.md's, or "other".
pub fn normalise(text: &str) -> String {
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let folded = folded.trim_end_matches(['.', '。']);
    let squashed = squashed.trim_end_matches(['.', '。']);
    for (token, spellings) in TOKENS {
        if spellings.iter().any(|s| *s == folded || *s == squashed) {
            return (*token).to_owned();
        }
    }
    if let Some(c) = EVERY_N_MINUTES.captures(folded) {
        if let Some(n) = c.iter().skip(1).flatten().next() {
            return format!("every-{}-minutes", n.as_str());
        }
    }
    "other".to_owned()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn every_row_of_the_schema_table() {
        let cases = [
            ("實時", "real-time"),
            ("即時", "real-time"),
            ("Real-time", "real-time"),
            ("每15分鐘", "every-15-minutes"),
            ("Every 15 minutes", "every-15-minutes"),
            ("每 5 分鐘", "every-5-minutes"),
            ("每小時", "hourly"),
            ("Hourly", "hourly"),
            ("每日", "daily"),
            ("每天", "daily"),
            ("Daily", "daily"),
            ("每星期", "weekly"),
            ("每週", "weekly"),
            ("每周", "weekly"),
            ("Weekly", "weekly"),
            ("每兩星期", "fortnightly"),
            ("每兩週", "fortnightly"),
            ("Fortnightly", "fortnightly"),
            ("Bi-weekly", "fortnightly"),
            ("每月", "monthly"),
            ("Monthly", "monthly"),
            ("每兩個月", "bimonthly"),
            ("Bi-monthly", "bimonthly"),
            ("Every two months", "bimonthly"),
            ("每季", "quarterly"),
            ("每季度", "quarterly"),
            ("每三個月", "quarterly"),
            ("Quarterly", "quarterly"),
            ("每半年", "half-yearly"),
            ("每六個月", "half-yearly"),
            ("Half-yearly", "half-yearly"),
            ("Semi-annually", "half-yearly"),
            ("每年", "annually"),
            ("Annually", "annually"),
            ("Yearly", "annually"),
            ("每兩年", "biennially"),
            ("Biennially", "biennially"),
            ("Every two years", "biennially"),
            ("有需要時", "as-needed"),
            ("按需要", "as-needed"),
            ("不定期", "as-needed"),
            ("當有更新數據時", "as-needed"),
            ("As needed", "as-needed"),
            ("As and when necessary", "as-needed"),
            ("When updated data are available", "as-needed"),
            ("Ad hoc", "as-needed"),
            ("Irregular", "as-needed"),
            ("一次性", "one-off"),
            ("One-off", "one-off"),
            ("One-time", "one-off"),
            ("每天兩次及當有更新數據時", "other"),
            ("Daily at 6:00am", "other"),
            ("", "other"),
            // Wrapped cells come joined with a space, or none next to CJK.
            ("有需要 時", "as-needed"),
            ("As  needed", "as-needed"),
            ("QUARTERLY.", "quarterly"),
        ];
        for (text, want) in cases {
            assert_eq!(normalise(text), want, "{text}");
        }
    }
}
