//! Each column-finding strategy on a small table of positioned words.
use super::edges::aligned_edge;
use super::slots::{HEADER_CELL_GAP_EM, header_cells, header_positions};
use super::*;
use crate::pdf::Rect;

/// A line of words at `y`, each `(x, text)`, 10pt tall, 5pt a character.
fn line(y: f32, cells: &[(f32, &str)]) -> Line {
    let mut words = Vec::new();
    for &(x, cell) in cells {
        let mut x = x;
        for t in cell.split(' ') {
            let w = t.chars().count() as f32 * 5.0;
            words.push(Word {
                text: t.into(),
                bbox: Rect { x0: x, y0: y, x1: x + w, y1: y + 10.0 },
                starts: Vec::new(),
            });
            x += w + 2.5;
        }
    }
    let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
    Line { page: 1, text, bbox, words }
}

const X: [f32; 6] = [50.0, 80.0, 160.0, 260.0, 420.0, 480.0];

fn header() -> Vec<Line> {
    vec![
        line(
            100.0,
            &[
                (X[0], "Item"),
                (X[1], "Data"),
                (X[2], "Dataset Name"),
                (X[3], "General Description"),
                (X[4], "Target"),
                (X[5], "Update"),
            ],
        ),
        line(111.0, &[(X[0], "No."), (X[1], "Category"), (X[4], "Date"), (X[5], "Frequency")]),
    ]
}

fn body() -> Vec<Line> {
    vec![
        line(
            130.0,
            &[
                (X[0], "1"),
                (X[1], "Health"),
                (X[2], "Clinic list"),
                (X[3], "• Opening hours of"),
                (X[4], "05/2024"),
                (X[5], "Monthly"),
            ],
        ),
        line(141.0, &[(X[1], "Services"), (X[2], "and sites"), (X[3] + 8.0, "every clinic.")]),
        line(
            160.0,
            &[
                (X[0], "2"),
                (X[1], "Transport"),
                (X[2], "Roads"),
                (X[3], "• Lengths."),
                (X[4], "Q1 2025"),
                (X[5], "As needed"),
            ],
        ),
    ]
}

/// Renders the columns as `strategy: role@left…` with edges rounded.
fn check(found: Result<Columns, String>, expected: &str) {
    let got = match found {
        Ok(c) => {
            let cols: Vec<String> =
                c.columns.iter().map(|c| format!("{}@{:.0}", c.role.name(), c.left.max(-1.0))).collect();
            format!("{:?}: {}", c.strategy, cols.join(" "))
        }
        Err(e) => format!("error: {e}"),
    };
    assert_eq!(got, expected);
}

fn refs(lines: &[Line]) -> Vec<&Line> {
    lines.iter().collect()
}

#[test]
fn white_space_named_by_header_words() {
    let (h, b) = (header(), body());
    // Edges sit mid-gutter; the gutter after the hanging bullets is no
    // column edge: the bullets' slot joins the text on its right.
    check(
        find(&refs(&h), &refs(&b), &[], &[], None),
        "Whitespace: item@-1 category@75 name@142 description@239 date@386 frequency@468",
    );
}

#[test]
fn rules_when_the_table_has_them() {
    let (h, b) = (header(), body());
    let rules: Vec<Segment> = [45.0, 75.0, 155.0, 255.0, 415.0, 475.0, 560.0]
        .iter()
        .map(|&x| Segment { x0: x, y0: 95.0, x1: x, y1: 175.0 })
        .collect();
    check(
        find(&refs(&h), &refs(&b), &[], &rules, None),
        "Rules: item@-1 category@75 name@155 description@255 date@415 frequency@475",
    );
}

#[test]
fn a_page_without_header_takes_the_previous_columns() {
    let (h, b) = (header(), body());
    let first = find(&refs(&h), &refs(&b), &[], &[], None).ok();
    check(
        find(&[], &refs(&b), &[], &[], first.as_ref()),
        "Previous: item@-1 category@75 name@142 description@239 date@386 frequency@468",
    );
}

#[test]
fn no_header_at_all_cuts_by_the_widest_gutters() {
    let b = body();
    check(
        find(&[], &refs(&b), &[], &[], None),
        "Position: item@-1 category@68 name@142 description@236 date@381 frequency@468",
    );
}

#[test]
fn a_header_that_names_two_roles_in_one_slot_is_split() {
    // The name and description texts touch: no gutter between them.
    let h = vec![line(
        100.0,
        &[
            (X[0], "Item"),
            (X[1], "Category"),
            (X[2], "Name"),
            (X[3] - 55.0, "Description"),
            (X[4], "Date"),
            (X[5], "Frequency"),
        ],
    )];
    let b = vec![line(
        130.0,
        &[(X[0], "1"), (X[1], "Health"), (X[2], "Clinics of the whole city and"), (X[4], "05/2024"), (X[5], "Monthly")],
    )];
    let found =
        find(&refs(&h), &refs(&b), &[], &[], None).map(|c| c.columns.iter().map(|c| c.role).collect::<Vec<_>>());
    assert_eq!(found, Ok(ROLES.to_vec()));
}

#[test]
fn a_box_round_the_table_is_no_column_rule() {
    let (h, b) = (header(), body());
    // Only the box's two sides: the columns come from the white space.
    let rules: Vec<Segment> = [45.0, 560.0].iter().map(|&x| Segment { x0: x, y0: 95.0, x1: x, y1: 175.0 }).collect();
    check(
        find(&refs(&h), &refs(&b), &[], &rules, None),
        "Whitespace: item@-1 category@75 name@142 description@239 date@386 frequency@468",
    );
}

/// A CJK word with each glyph's start known, 10pt a glyph.
fn cjk_word(x: f32, y: f32, text: &str) -> Word {
    let starts: Vec<(usize, f32)> =
        text.char_indices().enumerate().map(|(i, (o, _))| (o, x + 10.0 * i as f32)).collect();
    let n = text.chars().count() as f32;
    Word { text: text.into(), bbox: Rect { x0: x, y0: y, x1: x + 10.0 * n, y1: y + 10.0 }, starts }
}

fn cjk_line(y: f32, words: &[(f32, &str)]) -> Line {
    let words: Vec<Word> = words.iter().map(|&(x, t)| cjk_word(x, y, t)).collect();
    let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b));
    Line { page: 1, text, bbox, words }
}

#[test]
fn a_header_set_flush_across_a_gutter_is_cut_where_the_body_shows_it() {
    // 項目|數據 and 編號|種類 touch: the item and category cells have no
    // gap in the header; the body parts them.
    let h = vec![
        cjk_line(100.0, &[(50.0, "項目數據"), (120.0, "數據集"), (200.0, "簡介"), (320.0, "日期"), (380.0, "頻率")]),
        cjk_line(111.0, &[(50.0, "編號種類"), (120.0, "名稱")]),
    ];
    let b: Vec<Line> = (0..4)
        .map(|i| {
            cjk_line(
                130.0 + 12.0 * i as f32,
                &[
                    (50.0, &(i + 1).to_string()),
                    (70.0, "運輸"),
                    (120.0, "道路"),
                    (200.0, "數據。"),
                    (320.0, "03/2024"),
                    (380.0, "每月"),
                ],
            )
        })
        .collect();
    let found =
        find(&refs(&h), &refs(&b), &[], &[], None).map(|c| c.columns.iter().map(|c| c.role).collect::<Vec<_>>());
    assert_eq!(found, Ok(ROLES.to_vec()));
}

#[test]
fn a_header_word_reaching_into_a_wide_gutter_stays_with_its_column() {
    // "Item No." over a column of short numbers: the gutter runs from the
    // numbers' right edge (55) to the categories (100), middle 77.5. "No."
    // (72.5-87.5) has its middle past that, but starts before it.
    let h = line(100.0, &[(50.0, "Item No."), (100.0, "Category")]);
    let words: Vec<&Word> = h.words.iter().collect();
    let at = header_positions(&words, &[Gap { x0: 55.0, x1: 100.0 }]);
    assert!(at[0] < 77.5 && at[1] < 77.5, "{at:?}");
    assert!(at[2] > 100.0, "{at:?}");
}

#[test]
fn item_cells_hold_numbers_only() {
    let col = |role, left, right| Column { role, left, right, text_right: None, ruled: false };
    let cols = vec![col(Role::Item, f32::NEG_INFINITY, 131.0), col(Role::Category, 131.0, 176.0)];
    // The item column as found runs over "Food" after the number.
    let b = vec![line(130.0, &[(50.0, "1"), (100.0, "Food")]), line(141.0, &[(100.0, "Safety")])];
    let got = item_edge_from_numbers(cols.clone(), &refs(&b));
    assert_eq!((got[0].right, got[1].left), (77.5, 77.5));
    // Columns that already part them are left alone.
    let b = vec![line(130.0, &[(50.0, "1"), (140.0, "Food")])];
    assert_eq!(item_edge_from_numbers(cols.clone(), &refs(&b)), cols);
}

#[test]
fn dates_apart_from_a_centred_header_join_the_date_column() {
    // The date header is centred over a column whose dates sit flush left,
    // nearer the description's text (6pt) than the header (9pt): the
    // dates' slot names nothing, and its dates say where it belongs.
    let h = vec![line(
        100.0,
        &[
            (50.0, "Item"),
            (80.0, "Category"),
            (160.0, "Name"),
            (250.0, "Description"),
            (460.0, "Date"),
            (520.0, "Frequency"),
        ],
    )];
    let b = vec![
        line(
            130.0,
            &[
                (50.0, "1"),
                (80.0, "Health"),
                (160.0, "Clinics"),
                (250.0, "• Opening hours of every clinic and"),
                (416.0, "05/2024"),
                (520.0, "Monthly"),
            ],
        ),
        line(141.0, &[(250.0, "sites."), (416.0, "Q2 2024")]),
        line(
            160.0,
            &[
                (50.0, "2"),
                (80.0, "Housing"),
                (160.0, "Estates"),
                (250.0, "• Names."),
                (416.0, "2025"),
                (520.0, "Yearly"),
            ],
        ),
    ];
    check(
        find(&refs(&h), &refs(&b), &[], &[], None),
        "Whitespace: item@-1 category@75 name@140 description@222 date@413 frequency@500",
    );
}

#[test]
fn cjk_header_words_set_apart_on_a_line_are_two_cells() {
    // "發放日期(" and "更新" 3pt apart (under the 8pt a Latin header's
    // words may stand apart in one cell): CJK has no spaces in a cell.
    let h =
        [cjk_line(100.0, &[(0.0, "發放日期("), (53.0, "更新")]), cjk_line(111.0, &[(0.0, "月/年)"), (53.0, "頻率")])];
    let words: Vec<&Word> = h.iter().flat_map(|l| l.words.iter()).collect();
    let cells: Vec<String> = header_cells(&words, 10.0, HEADER_CELL_GAP_EM)
        .iter()
        .map(|c| c.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(cells, ["發放日期(月/年)", "更新頻率"]);
    // Latin words a space apart stay one cell.
    let l = line(100.0, &[(0.0, "Release Date")]);
    let words: Vec<&Word> = l.words.iter().collect();
    assert_eq!(header_cells(&words, 10.0, HEADER_CELL_GAP_EM).len(), 1);
}

#[test]
fn rules_drawn_only_around_the_header_cells() {
    let (h, b) = (header(), body());
    // Boxes around the header cells (95 to 122), none in the body.
    let rules: Vec<Segment> = [45.0, 75.0, 155.0, 255.0, 415.0, 475.0, 560.0]
        .iter()
        .map(|&x| Segment { x0: x, y0: 95.0, x1: x, y1: 122.0 })
        .collect();
    check(
        find(&refs(&h), &refs(&b), &[], &rules, None),
        "HeaderRules: item@-1 category@75 name@155 description@255 date@415 frequency@475",
    );
    // A running title above the header runs across the rules: it is no
    // header cell's, and hides no column edge.
    let mut titled = vec![line(96.0, &[(X[1], "Open Data Plan 2024-2026 of the Transport Bureau")])];
    titled.extend(header());
    check(
        find(&refs(&titled), &refs(&b), &[], &rules, None),
        "HeaderRules: item@-1 category@75 name@155 description@255 date@415 frequency@475",
    );
}

#[test]
fn a_short_page_takes_the_white_space_of_pages_under_the_same_header() {
    let h = header();
    // One row whose description runs up to the date column: alone, the
    // page shows no gutter there.
    let short = vec![line(
        130.0,
        &[
            (X[0], "1"),
            (X[1], "Health"),
            (X[2], "Clinics"),
            (X[3], "Opening hours of every clinic in town"),
            (X[4], "05/2024"),
            (X[5], "Monthly"),
        ],
    )];
    // Alone, the date column's edge lands inside the description.
    check(
        find(&refs(&h), &refs(&short), &[], &[], None),
        "Whitespace: item@-1 category@75 name@140 description@239 date@363 frequency@468",
    );
    // Under the same header elsewhere, enough rows that one line running
    // across stays an outlier.
    let other: Vec<Line> = (0..9).flat_map(|_| body()).collect();
    check(
        find(&refs(&h), &refs(&short), &refs(&other), &[], None),
        "Whitespace: item@-1 category@72 name@142 description@236 date@386 frequency@468",
    );
    // Same words at the same places is the same header; moved, it is not.
    assert!(same_header(&refs(&h), &refs(&header())));
    let mut moved = header();
    moved[1].words[3].bbox.x0 += 20.0;
    assert!(!same_header(&refs(&h), &refs(&moved)));
}

/// A CJK word of glyphs 10 pt apart, with `gap` points more before glyph `at`.
fn gapped_cjk_word(text: &str, at: usize, gap: f32) -> Word {
    let mut w = cjk_word(100.0, 50.0, text);
    for (i, s) in w.starts.iter_mut().enumerate().skip(at) {
        s.1 += gap;
        if i + 1 == text.chars().count() {
            w.bbox.x1 = s.1 + 10.0;
        }
    }
    w
}

#[test]
fn cjk_header_words_part_where_their_glyphs_stand_apart() {
    let texts = |ws: Vec<Word>| ws.into_iter().map(|w| w.text).collect::<Vec<_>>();
    assert_eq!(texts(split_at_cjk_gaps(&gapped_cjk_word("目標發放日期更新", 6, 1.4))), ["目標發放日期", "更新"]);
    // Set solid, or nearly (rounding): one word.
    assert_eq!(texts(split_at_cjk_gaps(&gapped_cjk_word("目標發放日期更新", 6, 0.0))), ["目標發放日期更新"]);
    assert_eq!(texts(split_at_cjk_gaps(&gapped_cjk_word("目標發放日期更新", 6, 0.3))), ["目標發放日期更新"]);
}

#[test]
fn a_flush_left_column_edge_where_no_white_space_runs_down() {
    // Dates start at 300 on every line; the text on the left ends at 298
    // on one line, less than a space before them.
    let lines = vec![
        line(100.0, &[(50.0, "Names and addresses of every clinic and"), (300.0, "05/2024")]),
        line(111.0, &[(50.0, "hospital."), (300.0, "06/2024")]),
        line(122.0, &[(50.0, "Opening hours."), (300.0, "Q1 2025")]),
    ];
    let refs = refs(&lines);
    let edge = aligned_edge(&refs, &[], 250.0, 320.0, 10.0);
    assert!(edge.is_some_and(|x| (x - 300.0).abs() < 1.0), "{edge:?}");
    // A word running across it is no edge.
    let crossed = [line(133.0, &[(250.0, "somewhere across")])];
    let mut with = refs.clone();
    with.extend(crossed.iter());
    assert_eq!(aligned_edge(&with, &[], 290.0, 320.0, 10.0), None);
}

#[test]
fn header_cells_closer_than_their_words_part_at_the_body_text_edge() {
    // "Categ|ory" and "Name of|Dataset" 0.7 em apart in the header; in the
    // body the two cells' texts are a point apart: no white space runs down.
    let h = vec![
        line(
            100.0,
            &[
                (X[0], "No."),
                (80.0, "Categ"),
                (112.0, "Name of"),
                (X[3], "Description"),
                (X[4], "Date"),
                (X[5], "Update"),
            ],
        ),
        line(111.0, &[(85.0, "ory"), (113.0, "Dataset"), (X[5], "Frequency")]),
    ];
    let b = vec![
        line(
            130.0,
            &[
                (X[0], "1"),
                (80.0, "Transp"),
                (111.0, "Geospatia"),
                (X[3], "• Names."),
                (X[4], "05/2024"),
                (X[5], "Monthly"),
            ],
        ),
        line(141.0, &[(80.0, "ort"), (111.0, "l data of")]),
        line(152.0, &[(111.0, "markets")]),
    ];
    check(
        find(&refs(&h), &refs(&b), &[], &[], None),
        "Whitespace: item@-1 category@72 name@110 description@208 date@368 frequency@468",
    );
}

#[test]
fn header_cells_a_space_apart_part_at_the_body_text_edge() {
    // "Dataset|Categor|y" and "Dataset Name" 0.2 em apart on the first header
    // line; the body's names all start at 117, too close for a gutter.
    let h = vec![
        line(
            100.0,
            &[
                (X[0], "No."),
                (80.0, "Dataset"),
                (117.0, "Dataset Name"),
                (X[3], "Description"),
                (X[4], "Date"),
                (X[5], "Update"),
            ],
        ),
        line(111.0, &[(80.0, "Categor"), (X[5], "Frequency")]),
        line(122.0, &[(80.0, "y")]),
    ];
    let b = vec![
        line(
            140.0,
            &[
                (X[0], "1"),
                (80.0, "Geograp"),
                (117.0, "Utilisation rates"),
                (X[3], "• Names."),
                (X[4], "05/2024"),
                (X[5], "Monthly"),
            ],
        ),
        line(151.0, &[(80.0, "hy"), (117.0, "of toilets")]),
        line(
            170.0,
            &[
                (X[0], "2"),
                (80.0, "Finance"),
                (117.0, "Arrivals"),
                (X[3], "• Dates."),
                (X[4], "06/2024"),
                (X[5], "Daily"),
            ],
        ),
    ];
    check(
        find(&refs(&h), &refs(&b), &[], &[], None),
        "Whitespace: item@-1 category@72 name@116 description@230 date@368 frequency@468",
    );
}

#[test]
fn dates_at_the_end_of_the_column_before_join_the_date_column() {
    // The dates start at 395, right after the description's text (less
    // than a gutter away), and end before the date header at 440.
    let h = vec![line(
        100.0,
        &[
            (X[0], "No."),
            (X[1], "Category"),
            (X[2], "Name"),
            (X[3], "Description"),
            (440.0, "Date"),
            (X[5], "Frequency"),
        ],
    )];
    let b = vec![
        line(
            130.0,
            &[
                (X[0], "1"),
                (X[1], "Health"),
                (X[2], "Clinics"),
                (X[3], "Names and addresses of all of"),
                (395.0, "05/2024"),
                (X[5], "Monthly"),
            ],
        ),
        line(141.0, &[(X[3], "the clinics.")]),
        line(
            160.0,
            &[
                (X[0], "2"),
                (X[1], "Transport"),
                (X[2], "Roads"),
                (X[3], "Lengths."),
                (395.0, "07/2025"),
                (X[5], "Daily"),
            ],
        ),
    ];
    check(
        find(&refs(&h), &refs(&b), &[], &[], None),
        "Whitespace: item@-1 category@72 name@142 description@228 date@394 frequency@470",
    );
}
