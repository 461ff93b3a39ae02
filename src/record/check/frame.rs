//! The plan's frame read into a cell: a running header or the title block
//! ("Office of Transport and Logistics — Consolidated Open Data Plan for
//! 2026-2028") printed across the table's columns at a page's top lands in
//! the cells of the row it overlaps, a piece in each.

use crate::segment::patterns::TITLE;

/// The plan title's own words ("Open Data Plan", 數據計劃) in a name or
/// category: no dataset is named after the plan that lists it.
pub(super) fn title_in_cell(text: &str) -> bool {
    TITLE.is_match(text)
}

/// A category that ends on the last words of the publisher's name after a
/// category's own words ("Technology and Broadcasting Conservation" in a
/// plan of the Office of Heritage Conservation): a running header's tail
/// run into the cell. A category that is the tail alone ("Health" of the
/// Department of Health) or joins it ("Food and Health") is the plan's.
pub(super) fn publisher_tail(category: &str, publisher: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let (c, p) = (fold(category), fold(publisher));
    (1..=p.len()).any(|k| {
        c.len() > k
            && c[c.len() - k..] == p[p.len() - k..]
            && !super::JOINING_WORDS.contains(&c[c.len() - k - 1].trim_end_matches(','))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plans_title_in_a_cell() {
        assert!(title_in_cell("Locations of bus stops — Consolidated Open Data Plan for 2026-20"));
        assert!(title_in_cell("食物數據計劃（包含空間數據計劃）"));
        assert!(!title_in_cell("Open data portal usage statistics"));
        assert!(!title_in_cell("數據集下載統計"));
    }

    #[test]
    fn the_publishers_name_at_a_categorys_end() {
        let p = "Office of Transport and Logistics";
        assert!(publisher_tail("Information Technology and Broadcasting and Logistics", p));
        assert!(publisher_tail("Housing, Planning and Land Safety", "Office of Slope Safety"));
        assert!(!publisher_tail("Transport", p));
        assert!(!publisher_tail("Health", "Department of Health"));
        assert!(!publisher_tail("Food and Health", "Department of Health"));
        assert!(!publisher_tail("Social Welfare", "Social Welfare Department"));
    }
}
