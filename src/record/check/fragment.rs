//! Cells cut in the wrong place or run together, read from the text alone:
//! a bracket that opens in one cell and closes in the next row's, a
//! description item that stops on a comma, a name that took a sentence of
//! the description beside it.

/// Bracket pairs a cell opens and closes within itself.
const BRACKETS: &[(char, char)] = &[('(', ')'), ('（', '）'), ('「', '」'), ('『', '』'), ('[', ']'), ('【', '】')];

/// A bracket closed that was never opened, opened and never closed, or
/// closed by the wrong kind: the cell was cut between the two, or took in
/// a piece of the cell beside ("(2023-2" above "025)", "間數據共享平台」").
pub(super) fn unbalanced_brackets(text: &str) -> bool {
    let mut open = Vec::new();
    for c in text.chars() {
        if let Some(&(_, close)) = BRACKETS.iter().find(|(o, _)| *o == c) {
            open.push(close);
        } else if BRACKETS.iter().any(|&(_, close)| close == c) && open.pop() != Some(c) {
            return true;
        }
    }
    !open.is_empty()
}

/// The same item twice in one description: a row's lines read twice, or
/// the next row's read into it. A plan repeats items across rows, never
/// within one.
pub(super) fn repeated_item(description: &[String]) -> Option<&str> {
    description
        .iter()
        .enumerate()
        .find(|(i, d)| description[..*i].iter().any(|e| e.trim() == d.trim()))
        .map(|(_, d)| d.as_str())
}

/// Signs that end a sentence or open a bullet: a dataset name is a title,
/// so one inside or a dash at its end is the description's text run into
/// it ("長者中心（按 • 實時讀數…", "巴士站位置 – – –").
const SENTENCE_STOPS: &[char] = &['。', '！', '？'];
const DASHES: &[char] = &['-', '–', '—'];

pub(super) fn sentence_in_name(name: &str) -> bool {
    name.contains(SENTENCE_STOPS) || name.trim_end().ends_with(DASHES)
}

/// Chinese joining characters a category or name never ends on ("衞生房屋、
/// 規劃及": the rest is the next row's): the CJK counterpart of "and",
/// "or", "with" and a list's comma.
const CJK_JOINING: &[char] = &['及', '和', '與', '与', '或', '、', '，'];

pub(super) fn ends_on_cjk_joining(text: &str) -> bool {
    text.trim_end().ends_with(CJK_JOINING)
}

/// Signs a description item never ends on: a list's comma or an opening
/// bracket leaves the item's tail on the next row ("Data include district,
/// opening hours and facilities,"). A semicolon is left out: real plans end
/// list items on one.
const ITEM_CUT_SIGNS: &[char] = &[',', '，', '、', '(', '（', '「'];

/// A description item that stops mid-phrase: on a comma, an opening
/// bracket or a joining word ("…geographic coordinates of"). A joining
/// word after a semicolon ("…; and") is how lists end, and is left be.
pub(super) fn item_stops_mid_phrase(item: &str) -> bool {
    let t = item.trim_end();
    if t.ends_with(ITEM_CUT_SIGNS) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let Some((last, before)) = words.split_last() else { return false };
    super::JOINING_WORDS.contains(&last.to_ascii_lowercase().as_str())
        && !before.last().is_some_and(|w| w.ends_with([';', '；']))
}

/// One CJK character at a cell's end, after a space, behind more CJK text
/// ("氣候及天氣 水"): the head of the next row's cell, the mirror of a
/// lone character at the start.
pub(super) fn lone_cjk_end(text: &str) -> bool {
    let ideograph = |c: char| c.is_alphabetic() && crate::layout::is_cjk(c);
    let mut chars = text.trim_end().chars();
    matches!((chars.next_back(), chars.next_back()), (Some(a), Some(' ')) if ideograph(a))
        && chars.as_str().trim_end().chars().next_back().is_some_and(ideograph)
}

/// A date's digits and separator set apart by a space on one side only
/// ("07 /2023"): a piece of the cell moved, as no plan prints a date so.
pub(super) fn spaced_date(text: &str) -> bool {
    SPACED_DATE.is_match(text)
}

static SPACED_DATE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| super::re(r"[0-9]\s+[/.][0-9]|[0-9][/.]\s+[0-9]"));

/// Characters (CJK) a description item has at most before its sentence's
/// end to be the tail of another row's item ("析。" after "…進行趨勢分"),
/// where the row above ends on an item cut short: real plans list entries
/// of a word ("地區。"), so the length alone says nothing.
const STUB_ITEM_MAX_CJK_CHARS: usize = 2;

pub(super) fn stub_item(item: &str) -> bool {
    let t = item.trim();
    let Some(body) = t.strip_suffix(super::plan::SENTENCE_ENDS) else { return false };
    let n = body.chars().count();
    (1..=STUB_ITEM_MAX_CJK_CHARS).contains(&n) && body.chars().all(crate::layout::is_cjk)
}

/// A word split before a piece English has as a word of its own: "an"
/// before a consonant ("pedestri an flows"; "an" comes only before a vowel
/// sound, and "h"), or "on" after "-ti" or "-si" ("Constructi on"), which
/// end no word before "on".
pub(super) fn split_before_word(text: &str) -> bool {
    SPLIT_BEFORE_WORD.is_match(text)
}

static SPLIT_BEFORE_WORD: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| super::re(r"[A-Za-z] an [b-df-gj-np-tv-z]|\b[A-Za-z]{2,}[ts]i on\b"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_must_close_within_the_cell() {
        for cut in [
            "Population Data Plan (2023-2",
            "025)",
            "間數據共享平台」以CSV格式發放數據。",
            "科技及廣播2025-2027）",
            "(a]",
        ] {
            assert!(unbalanced_brackets(cut), "{cut:?}");
        }
        for whole in [
            "Public markets (by district)",
            "在「資料一線通」網站以機器可讀格式(如：GML及WFS) 開放數據。",
            "租用率（平方呎）",
            "",
        ] {
            assert!(!unbalanced_brackets(whole), "{whole:?}");
        }
    }

    #[test]
    fn an_item_twice_in_one_description() {
        let d = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(repeated_item(&d(&["A.", "B.", "A. "])), Some("A. "));
        assert_eq!(repeated_item(&d(&["A.", "B."])), None);
    }

    #[test]
    fn a_name_holding_a_sentence_or_a_dash_at_its_end() {
        assert!(sentence_in_name("電動車充電站申請 – 實時讀數會自動更新。數目"));
        assert!(sentence_in_name("巴士站位置 – – –"));
        assert!(sentence_in_name("Opening hours of street lights Rainfall stations -"));
        assert!(!sentence_in_name("公廁 - 補充資料"));
        assert!(!sentence_in_name("Registered slopes - supplementary information"));
    }

    #[test]
    fn cells_ending_on_a_joining_character() {
        assert!(ends_on_cjk_joining("衞生房屋、規劃及"));
        assert!(ends_on_cjk_joining("康樂、"));
        assert!(!ends_on_cjk_joining("房屋、規劃及土地"));
    }

    #[test]
    fn description_items_cut_mid_phrase() {
        for cut in [
            "Data include district, opening hours and facilities,",
            "Names, addresses and geographic coordinates of",
            "以WFS及KML格式提供已登記斜坡的界線、",
            "Data will be provided in machine-readable formats (",
        ] {
            assert!(item_stops_mid_phrase(cut), "{cut:?}");
        }
        for whole in
            ["Data are provided in both Chinese and English.", "Names and addresses; and", "Historical data;", ""]
        {
            assert!(!item_stops_mid_phrase(whole), "{whole:?}");
        }
    }

    #[test]
    fn dates_spaced_inside() {
        assert!(spaced_date("07 /2023") && spaced_date("03/ 2024"));
        assert!(!spaced_date("07/2023") && !spaced_date("Q1 2025") && !spaced_date("2024 第二季"));
    }

    #[test]
    fn an_item_of_a_characters_or_two() {
        assert!(stub_item("析。") && stub_item("典。"));
        assert!(!stub_item("實時讀數會自動更新。") && !stub_item("Yes.") && !stub_item("。"));
    }

    #[test]
    fn words_split_before_a_word_of_their_own() {
        assert!(split_before_word("Statistics on pedestri an flows"));
        assert!(split_before_word("Locations of constructi on sites"));
        assert!(!split_before_word("Statistics on an hourly basis, an update"));
        assert!(!split_before_word("Data on sites") && !split_before_word("an flows"));
    }

    #[test]
    fn a_lone_character_at_the_end() {
        assert!(lone_cjk_end("氣候及天氣 水"));
        assert!(!lone_cjk_end("氣候及天氣"));
        assert!(!lone_cjk_end("以GML及WFS 開放數據。"));
        assert!(!lone_cjk_end("Data 水"));
    }
}
