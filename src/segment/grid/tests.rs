//! Cell joining, bullets, paragraphs and word breaks on small cells.
use super::*;
use crate::layout::Word;

fn check(pieces: &[&str], expected: &[&str]) {
    let pieces: Vec<(String, bool)> = pieces.iter().map(|p| ((*p).to_owned(), false)).collect();
    assert_eq!(bullets(&pieces), expected);
}

#[test]
fn bullets_of_every_style() {
    check(&["• Names.", "• Data in", "CSV."], &["Names.", "Data in CSV."]);
    // Dashes are bullets only in a cell that starts with one.
    check(&["- Names.", "- Data."], &["Names.", "Data."]);
    check(&["Volumes of local", "- supplementary data."], &["Volumes of local - supplementary data."]);
    // Numbered lists count up from 1.
    check(&["1. Names of", "halls.", "2. Data.", "3) Maps."], &["Names of halls.", "Data.", "Maps."]);
    check(&["(1) Names.", "(2) Data."], &["Names.", "Data."]);
    check(&["2024 figures.", "1. Data."], &["2024 figures. 1. Data."]);
}

fn cell_line(text: &str, x1: f32) -> CellLine {
    let first = text.split_whitespace().next().unwrap_or("");
    CellLine {
        text: text.into(),
        x0: 0.0,
        x1,
        first: (5.0 * first.chars().count() as f32, first.chars().count()),
        first_glyph: 5.0,
        last: (0.0, 0),
        exact: true,
        limit: Some(100.0),
        block: 0,
        edge: None,
        y0: 0.0,
        y1: 10.0,
    }
}

#[test]
fn paragraphs_end_where_a_sentence_ends_and_the_next_word_would_have_fitted() {
    let wrap = Wrap { widest: BTreeMap::new() };
    // "Names." leaves room for "Data" (20pt): a paragraph break. "in"
    // ends no sentence; "halls." fills the line.
    let lines =
        [cell_line("Names.", 40.0), cell_line("Data in", 98.0), cell_line("halls.", 97.0), cell_line("Maps.", 30.0)];
    assert_eq!(paragraph_ends(&lines, &wrap), [true, false, false, false]);
    let pieces: Vec<(String, bool)> = lines.iter().map(|l| (l.text.clone(), false)).collect();
    assert_eq!(paragraphs(&pieces, &paragraph_ends(&lines, &wrap)), ["Names.", "Data in halls. Maps."]);
}

#[test]
fn a_latin_word_broken_in_cjk_text_rejoins_however_short() {
    // "網站以 C" fills the line (an estimated edge: no rules); "SV" on
    // the next line is the rest of "CSV".
    let line = CellLine { exact: false, limit: None, edge: Some(100.0), ..cell_line("網站以 C", 99.0) };
    let next = CellLine { exact: false, limit: None, edge: Some(100.0), ..cell_line("SV 格式", 60.0) };
    assert!(broke_word(&line, &next, first_word(&next.text), 0.0, 100.0, &Vocabulary::default()));
    // With room left for the "S", the break was on purpose.
    let short = CellLine { x1: 80.0, ..line.clone() };
    assert!(!broke_word(&short, &next, first_word(&next.text), 0.0, 100.0, &Vocabulary::default()));
    // Latin text wraps between words: two words stay two.
    let latin = CellLine { exact: false, limit: None, edge: Some(100.0), ..cell_line("data in C", 99.0) };
    assert!(!broke_word(&latin, &next, first_word(&next.text), 0.0, 100.0, &Vocabulary::default()));
}

#[test]
fn cjk_paragraphs_need_room_for_one_character_only() {
    let wrap = Wrap { widest: BTreeMap::new() };
    // The next paragraph's first "word" is its whole run of CJK text,
    // but one character of it would have fitted.
    let mut next = cell_line("數據包括地區、開放時間及設施，由負責組別更新。", 100.0);
    next.first = (230.0, 23);
    next.first_glyph = 10.0;
    let lines = [cell_line("提供歷史紀錄。", 70.0), next];
    assert_eq!(paragraph_ends(&lines, &wrap), [true, false]);
}

#[test]
fn a_quarter_and_its_year_are_two_words() {
    let q = CellLine { first: (10.0, 2), last: (10.0, 2), ..cell_line("Q4", 99.0) };
    let year = CellLine { first: (20.0, 4), ..cell_line("2024", 20.0) };
    assert!(!broke_word(&q, &year, first_word(&year.text), 80.0, 100.0, &Vocabulary::default()));
    // A date broken after its slash is one date.
    let month = CellLine { first: (15.0, 3), last: (15.0, 3), ..cell_line("12/", 99.0) };
    assert!(broke_word(&month, &year, first_word(&year.text), 85.0, 100.0, &Vocabulary::default()));
    // So is a time broken after its colon's first digit ("6:0" + "0am").
    let time = CellLine { first: (15.0, 3), last: (15.0, 3), ..cell_line("6:0", 99.0) };
    let am = CellLine { first: (20.0, 3), ..cell_line("0am", 20.0) };
    assert!(broke_word(&time, &am, first_word(&am.text), 85.0, 100.0, &Vocabulary::default()));
}

#[test]
fn cells_meet_flush_only_beside_cjk_bullets_and_numbers() {
    assert!(flush_boundary("座標。03/2024", "座標。".len()));
    assert!(flush_boundary("資料•", "資料".len()));
    assert!(!flush_boundary("data", 3));
}

#[test]
fn the_plan_s_words_settle_a_full_line_the_geometry_cannot() {
    // "public" fills a narrow ruled cell, and "markets" would not have
    // fitted after it: a break inside "publicmarkets" or at a space.
    let public = CellLine { first: (50.0, 6), last: (50.0, 6), ..cell_line("public", 99.0) };
    let markets = CellLine { first: (55.0, 7), ..cell_line("markets", 35.0) };
    let unknown = Vocabulary::default();
    assert!(broke_word(&public, &markets, "markets", 0.0, 100.0, &unknown));
    let mut seen = Vocabulary::default();
    seen.add_cell(["• Names of public markets."].into_iter());
    assert!(!broke_word(&public, &markets, "markets", 0.0, 100.0, &seen));
    // The word the next lines run on into is what is looked up: "market"
    // / "s" make the "markets" the plan knows.
    let market = CellLine { first: (55.0, 6), ..cell_line("market", 99.0) };
    assert!(!broke_word(&public, &market, "markets", 0.0, 100.0, &seen));
    // And a word the plan has whole joins though a short word starts the
    // next line.
    let atl = CellLine { first: (90.0, 3), last: (90.0, 3), ..cell_line("Atl", 99.0) };
    let r#as = CellLine { first: (20.0, 2), ..cell_line("as of", 40.0) };
    assert!(!broke_word(&atl, &r#as, "as", 0.0, 100.0, &unknown));
    seen.add_cell(["the atlas of"].into_iter());
    assert!(broke_word(&atl, &r#as, "as", 0.0, 100.0, &seen));
    // "-ti" / "on" is the end of a "-tion" word, known or not.
    let utilisati = CellLine { first: (90.0, 9), last: (90.0, 9), ..cell_line("Utilisati", 99.0) };
    let on = CellLine { first: (20.0, 2), ..cell_line("on rates", 40.0) };
    assert!(broke_word(&utilisati, &on, "on", 0.0, 100.0, &unknown));
}

#[test]
fn the_plan_s_words_join_only_a_word_too_wide_for_its_cell() {
    // "taxpayers" fits the cell: a producer wrapping at spaces would not
    // have broken it, so "tax" / "payers" are two words even where the
    // plan writes "taxpayers" elsewhere ("tax" is a word of its own too).
    let tax = CellLine { first: (30.0, 8), last: (15.0, 3), ..cell_line("salaries tax", 99.0) };
    let payers = CellLine { first: (30.0, 6), ..cell_line("payers", 30.0) };
    let mut seen = Vocabulary::default();
    seen.add_cell(["the taxpayers of"].into_iter());
    seen.add_cell(["salaries tax rates"].into_iter());
    assert!(!broke_word(&tax, &payers, "payers", 0.0, 100.0, &seen));
}

/// A word at `x`, 5pt a character, its glyph starts known.
fn word(x: f32, text: &str) -> Word {
    let starts: Vec<(usize, f32)> =
        text.char_indices().enumerate().map(|(n, (i, _))| (i, x + 5.0 * n as f32)).collect();
    let x1 = x + 5.0 * text.chars().count() as f32;
    Word { text: text.into(), bbox: crate::pdf::Rect { x0: x, y0: 100.0, x1, y1: 110.0 }, starts }
}

#[test]
fn a_bullet_at_a_column_s_end_hangs_before_the_next_column_s_text() {
    let col = |role, left: f32, right: f32| super::super::columns::Column {
        role,
        left,
        right,
        text_right: None,
        ruled: false,
    };
    let cols = Columns {
        columns: vec![
            col(Role::Item, f32::NEG_INFINITY, 40.0),
            col(Role::Name, 40.0, 100.0),
            col(Role::Description, 100.0, f32::INFINITY),
        ],
        strategy: super::super::columns::Strategy::Whitespace,
        em: 10.0,
    };
    let line = |words: Vec<Word>| Line {
        page: 1,
        text: String::new(),
        bbox: words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b)),
        words,
    };
    let text = |cells: &BTreeMap<Role, CellLine>, role| cells.get(&role).map(|c| c.text.clone());
    // Set close against the name ("centres•") or apart from it.
    for words in [
        vec![word(0.0, "1"), word(45.0, "centres•"), word(105.0, "Names.")],
        vec![word(0.0, "1"), word(45.0, "centres"), word(82.0, "•"), word(105.0, "Names.")],
    ] {
        let cells = split(&line(words), &cols, 0);
        assert_eq!(text(&cells, Role::Name).as_deref(), Some("centres"));
        assert_eq!(text(&cells, Role::Description).as_deref(), Some("• Names."));
    }
    // Alone in the name column on a wrapped line, it still hangs.
    let cells = split(&line(vec![word(88.0, "•"), word(105.0, "Data.")]), &cols, 0);
    assert_eq!(text(&cells, Role::Name), None);
    assert_eq!(text(&cells, Role::Description).as_deref(), Some("• Data."));
    // With nothing in the next column, a cell keeps what it has.
    let cells = split(&line(vec![word(45.0, "A"), word(60.0, "•")]), &cols, 0);
    assert_eq!(text(&cells, Role::Name).as_deref(), Some("A •"));
}

#[test]
fn a_break_nothing_settles_is_reported_as_a_guess() {
    // "Annual" fills its line and "Annualperformance" would not fit: the
    // edge may have broken one word. The plan has "annual" whole but
    // neither "performance" nor the joined word: a guess either way.
    let annual = CellLine { first: (60.0, 6), last: (60.0, 6), ..cell_line("Annual", 99.0) };
    let perf = CellLine { first: (80.0, 11), ..cell_line("performance of", 95.0) };
    let mut seen = Vocabulary::default();
    seen.add_cell(["the annual report"].into_iter());
    let b = judge_break(&annual, &perf, "performance", 0.0, 100.0, &seen);
    assert_eq!(b.unsettled, Some(("Annual".into(), "performance".into())));
    // Where the plan has "performance" whole too, it is two words, settled.
    seen.add_cell(["the performance of"].into_iter());
    let b = judge_break(&annual, &perf, "performance", 0.0, 100.0, &seen);
    assert!(!b.joins && b.unsettled.is_none(), "{b:?}");
    // Pieces the plan has nowhere are joined, no guess: only their length
    // may tell (see `long_join`).
    let b = judge_break(&annual, &perf, "performance", 0.0, 100.0, &Vocabulary::default());
    assert!(b.joins && b.unsettled.is_none(), "{b:?}");
    assert_eq!(b.unknown, Some(("Annual".into(), "performance".into())));
}

#[test]
fn a_long_join_of_unknown_pieces_is_a_guess_in_a_name() {
    assert!(long_join("Monthly", "statistics") && long_join("hospital", "beds"));
    // Too short a word, or a piece too short to be a word of its own.
    assert!(!long_join("Broadcas", "ing") && !long_join("job", "vacancies") && !long_join("supple", "ment"));
    // A piece that ends a longer word the plan has whole is a syllable.
    let constr = CellLine { first: (60.0, 8), last: (60.0, 8), ..cell_line("construc", 99.0) };
    let tion = CellLine { first: (45.0, 4), ..cell_line("tion sites", 60.0) };
    let mut seen = Vocabulary::default();
    seen.add_cell(["information"].into_iter());
    let b = judge_break(&constr, &tion, "tion", 0.0, 100.0, &seen);
    assert!(b.joins && b.unknown.is_none(), "{b:?}");
    // Reported for a name cell only: a category or frequency is one of a
    // few known words, checked as such.
    let wrap = Wrap { widest: BTreeMap::new() };
    let monthly = CellLine { first: (60.0, 7), last: (60.0, 7), ..cell_line("Monthly", 99.0) };
    let stats = CellLine { first: (80.0, 10), ..cell_line("statistics on", 95.0) };
    let lines = [monthly, stats];
    let mut unsettled = Vec::new();
    joined(Role::Name, &lines, &wrap, &Vocabulary::default(), &mut unsettled);
    assert_eq!(unsettled, [("Monthly".to_owned(), "statistics".to_owned())]);
    unsettled.clear();
    joined(Role::Category, &lines, &wrap, &Vocabulary::default(), &mut unsettled);
    assert!(unsettled.is_empty());
}

#[test]
fn a_sentence_ending_a_full_line_before_a_capital_is_left_open() {
    let wrap = Wrap { widest: BTreeMap::new() };
    // "formats." fills the line and "Historical" would not have fitted
    // after it: an item's end or a sentence's, the page cannot say.
    let mut next = cell_line("Historical records.", 90.0);
    next.first = (50.0, 10);
    let lines = [cell_line("Zoning in CSV formats.", 97.0), next, cell_line("and more", 40.0)];
    let ends = paragraph_ends(&lines, &wrap);
    assert_eq!(ends, [false, false, false]);
    assert_eq!(open_item_ends(&lines, &ends), [0]);
    // Inside a bracket the line opened, a full stop ends no item.
    let lines = [cell_line("Data in formats (e.g.", 97.0), cell_line("CSV and XML).", 60.0)];
    assert!(open_item_ends(&lines, &[false, false]).is_empty());
    // With room for the next word, it was a paragraph's end: settled.
    let short = [cell_line("Names.", 40.0), cell_line("Data in CSV.", 60.0)];
    let ends = paragraph_ends(&short, &wrap);
    assert_eq!(ends, [true, false]);
    assert!(open_item_ends(&short, &ends).is_empty());
}

#[test]
fn a_piece_of_a_letter_or_two_is_no_guess() {
    // "Month" / "ly": "ly" is no word of the plan's, so the break is
    // inside "Monthly", whatever the plan knows of "month".
    let month = CellLine { first: (60.0, 5), last: (60.0, 5), ..cell_line("Month", 99.0) };
    let ly = CellLine { first: (45.0, 2), ..cell_line("ly", 10.0) };
    let mut seen = Vocabulary::default();
    seen.add_cell(["each month of"].into_iter());
    let b = judge_break(&month, &ly, "ly", 0.0, 100.0, &seen);
    assert!(b.joins && b.unsettled.is_none(), "{b:?}");
}

#[test]
fn pieces_that_are_no_words_join_into_a_word_the_plan_has() {
    // "As and when n" / "ecessary": a producer split "necessary" to fill
    // the line though it would have fitted the next. Neither piece is a
    // word of the plan's, and the plan has "necessary" whole.
    let head = CellLine { first: (10.0, 2), last: (5.0, 1), ..cell_line("As and when n", 99.0) };
    let tail = CellLine { first: (40.0, 8), ..cell_line("ecessary", 40.0) };
    let mut seen = Vocabulary::default();
    seen.add_cell(["when necessary only"].into_iter());
    assert!(broke_word(&head, &tail, "ecessary", 0.0, 100.0, &seen));
    assert!(!broke_word(&head, &tail, "ecessary", 0.0, 100.0, &Vocabulary::default()));
}

#[test]
fn cells_meet_flush_beside_cjk_digits_bullets_and_at_a_capital() {
    use super::split::flush_boundary;
    for (text, at, flush) in [
        ("數據Data", 6, true),
        ("Monthly2024", 7, true),
        ("EnvironGazetted", 7, true),
        ("Environment", 7, false),
        ("GeoJSON", 3, true),
        ("data,More", 5, false),
    ] {
        assert_eq!(flush_boundary(text, at), flush, "{text} at {at}");
    }
}
