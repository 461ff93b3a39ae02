//! Does rendered text hold the strings we expect to extract from it?
//!
//! A cell's text wraps, and in a rendering the other columns' text sits
//! between its pieces, so a wanted string is looked for as an ordered
//! subsequence of the rendered text within a window, with white space ignored
//! on both sides.

/// The first characters of a wanted string that must appear together: wraps
/// do not fall this early in the corpus's cells, and anchoring on them keeps
/// short strings from matching letters scattered over a whole table.
const HEAD: usize = 2;

/// The members of `wanted` that are not found in `rendered`, in order.
///
/// A string is found if, starting at some occurrence of its first two
/// characters, all its characters follow in order within `8 × len + 200`
/// characters, white space ignored throughout.
pub fn missing(rendered: &str, wanted: &[String]) -> Vec<String> {
    let hay: Vec<char> = rendered.chars().filter(|c| !c.is_whitespace()).collect();
    let mut needle = Vec::new();
    wanted
        .iter()
        .filter(|w| {
            needle.clear();
            needle.extend(w.chars().filter(|c| !c.is_whitespace()));
            !found(&hay, &needle)
        })
        .cloned()
        .collect()
}

fn found(hay: &[char], needle: &[char]) -> bool {
    if needle.is_empty() {
        return true;
    }
    let head = &needle[..needle.len().min(HEAD)];
    let window = 8 * needle.len() + 200;
    hay.windows(head.len())
        .enumerate()
        .filter(|(_, w)| *w == head)
        .any(|(i, _)| is_subsequence(needle, &hay[i..hay.len().min(i + window)]))
}

/// Greedy matching is exact for subsequences: taking the earliest match of
/// each character never rules out a later one.
fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut rest = hay.iter();
    needle.iter().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(rendered: &str, wanted: &[&str], expect: Expect) {
        let wanted: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
        expect.assert_debug_eq(&missing(rendered, &wanted));
    }

    #[test]
    fn wrapped_cells_between_columns() {
        let rendered = "\
  1   運輸      過海隧道交通      過海隧道交通流量的隧道名稱和
                流量[新項目]      每小時車流量。
      Transport Cross-harbour     Tunnel names and hourly
      and       tunnel traffic    traffic flow.
      Logistics                   Quarterl
                                  y
";
        check(
            rendered,
            &[
                "過海隧道交通流量",
                "過海隧道交通流量的隧道名稱和每小時車流量。",
                "Transport and Logistics",
                "Cross-harbour tunnel traffic",
                "Quarterly",
                "",
            ],
            expect![[r#"
                []
            "#]],
        );
    }

    #[test]
    fn missing_out_of_order_or_too_far() {
        let far = format!("每{}月", "x".repeat(300));
        check(
            &format!("traffic Tunnel\n{far}\n每週"),
            &["Tunnel traffic", "每月", "每週", "Monthly"],
            expect![[r#"
                [
                    "Tunnel traffic",
                    "每月",
                    "Monthly",
                ]
            "#]],
        );
    }
}
