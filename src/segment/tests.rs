use std::fmt::Write;

use expect_test::{Expect, expect};

use super::plan;
use crate::layout::plain;

/// Segments a text snippet and renders the plan compactly.
fn check(text: &str, expect: Expect) {
    let p = plan(&plain::lines(text));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:?} publisher={:?} period={:?} date={:?}",
        p.language, p.publisher, p.plan_period, p.plan_date_text
    );
    for t in &p.tables {
        let _ = writeln!(
            out,
            "{}{} {}",
            t.section.letter(),
            if t.spatial { "i" } else { "ii" },
            t.organisation.as_deref().unwrap_or("-")
        );
        for r in &t.rows {
            let _ = writeln!(
                out,
                "  {} [{}] [{}]{} {:?} [{}] [{}] p{:?}",
                r.item_no,
                r.category,
                r.name,
                if r.new_item { " NEW" } else { "" },
                r.description,
                r.date_text,
                r.frequency_text,
                r.pages
            );
        }
    }
    for d in &p.diagnostics {
        let _ = writeln!(out, "! {:?} {}", d.page, d.message);
    }
    expect.assert_eq(&out);
}

#[test]
fn chinese_rows_wrap_and_cross_a_page() {
    check(
        "運輸署\n2024-2026年度整合開放數據計劃\n\
         A. 在 2024 年發放的局／部門數據集\ni. 空間數據\n編號 數據種類\n數據集名稱 一般說明 目標發放日期\n(月/年)\n更新頻率\n不適用\n\
         ii. 非空間數據\n# 備註：2022年及之前的數據集。\n編號 數據種類 數據集名稱 一般說明 目標發放日期\n(月/年) 更新頻率\n\
         1 運輸 行車速度圖\n[新項目]\n• 主要道路的行車速\n度。\n06/2024 每15分鐘\n\
         2 運輸 數碼港 - 大學合作\n夥伴計畫資料 • 申請數目。\n03/2019 每季\n\x0c\
         • 在「資料一線通」網站以機器可\n讀格式(如：CSV) 開放數據。\n第 2 頁\n運輸署\n2023年12月\n",
        expect![[r#"
            ZhHant publisher=Some("運輸署") period=Some("2024-2026") date=Some("2023年12月")
            Ai -
            Aii -
              1 [運輸] [行車速度圖] NEW ["主要道路的行車速度。"] [06/2024] [每15分鐘] p[1]
              2 [運輸] [數碼港 - 大學合作夥伴計畫資料] ["申請數目。", "在「資料一線通」網站以機器可讀格式(如：CSV) 開放數據。"] [03/2019] [每季] p[1, 2]
        "#]],
    );
}

#[test]
fn english_rows_and_organisations() {
    check(
        "Hong Kong Observatory\nConsolidated Open Data Plan for 2024-2026 (including Spatial Data\nPlan)\n\
         C. Datasets planned to be opened by other organisations\n(1) Ocean Park Corporation\ni. Spatial Data\nN/A\n\
         ii. Non-spatial Data\nItem No. Data Category Dataset Name General Description Target\nRelease Date (MM/\nYYYY) Update Frequency\n\
         1 Recreation and Culture Visitor numbers of e-\nPayment kiosks [New Item]\n• Data cover records from 2010\n2014 onwards.\nQ3 2025 As needed\n\
         2 Climate and Weather Rainfall\n• Hourly rainfall.\n2025年 Hourly\n\
         (2) Hong Kong Examinations and Assessment Authority\ni. Spatial Data\nN/A\nii. Non-spatial Data\nN/A\n\
         D. Progress: Datasets uploaded\ni. Spatial Data\nN/A\nii. Non-spatial Data\nN/A\nHong Kong Observatory\nDecember 2023\n",
        expect![[r#"
            En publisher=Some("Hong Kong Observatory") period=Some("2024-2026") date=Some("December 2023")
            Ci Ocean Park Corporation
            Cii Ocean Park Corporation
              1 [Recreation and Culture] [Visitor numbers of e-Payment kiosks] NEW ["Data cover records from 2010 2014 onwards."] [Q3 2025] [As needed] p[1]
              2 [Climate and Weather] [Rainfall] ["Hourly rainfall."] [2025年] [Hourly] p[1]
            Ci Hong Kong Examinations and Assessment Authority
            Cii Hong Kong Examinations and Assessment Authority
            Di -
            Dii -
        "#]],
    );
}

#[test]
fn a_document_without_sections_has_no_tables() {
    check(
        "Dear colleagues,\nPlease find the plan attached.\n1 item\n",
        expect![[r#"
            En publisher=None period=None date=None
            ! None no plan sections (A.–D.) found
        "#]],
    );
}

#[test]
fn simplified_chinese_is_told_apart() {
    check(
        "创新科技及工业局\n2024-2026年度开放数据计划\nA. 在 2024 年发放的局／部门数据集\nii. 非空间数据\n1 科技 数据集资料\n• 说明。\n03/2024 每月\n",
        expect![[r#"
            ZhHans publisher=Some("创新科技及工业局") period=Some("2024-2026") date=None
            Aii -
              1 [科技] [数据集资料] ["说明。"] [03/2024] [每月] p[1]
        "#]],
    );
}

/// Builds a line of positioned words: each `(x, text)` is one word whose
/// width is 5pt a Latin character and 10pt a CJK one, 10pt tall at `y`.
fn geo_line(page: u32, y: f32, cells: &[(f32, &str)]) -> crate::layout::Line {
    geo_line_sized(page, y, cells, 10.0)
}

/// As `geo_line`, in a font of `size` points.
fn geo_line_sized(page: u32, y: f32, cells: &[(f32, &str)], size: f32) -> crate::layout::Line {
    use crate::layout::{Line, Word};
    use crate::pdf::Rect;
    let mut words: Vec<Word> = Vec::new();
    for &(x, cell) in cells {
        // Words of a cell are set one space (a quarter em) apart.
        let mut x = x;
        for t in cell.split(' ') {
            let w: f32 = t.chars().map(|c| if super::join::is_cjk(c) { size } else { size / 2.0 }).sum();
            words.push(Word {
                text: t.to_owned(),
                bbox: Rect { x0: x, y0: y, x1: x + w, y1: y + size },
                starts: Vec::new(),
            });
            x += w + size / 4.0;
        }
    }
    let bbox = words.iter().skip(1).fold(words[0].bbox, |a, w| a.union(&w.bbox));
    let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    Line { page, text, bbox: Some(bbox), words }
}

fn render_rows(p: &super::Plan) -> String {
    let mut out = String::new();
    for t in &p.tables {
        for r in &t.rows {
            let _ = writeln!(
                out,
                "{}{} {} [{}] [{}]{} {:?} [{}] [{}] p{:?}",
                t.section.letter(),
                if t.spatial { "i" } else { "ii" },
                r.item_no,
                r.category,
                r.name,
                if r.new_item { " NEW" } else { "" },
                r.description,
                r.date_text,
                r.frequency_text,
                r.pages
            );
        }
    }
    for d in &p.diagnostics {
        let _ = writeln!(out, "! {:?} {}", d.page, d.message);
    }
    out
}

/// Column edges of the test table: item, category, name, description, date, frequency.
const EDGES: [f32; 7] = [50.0, 80.0, 140.0, 240.0, 420.0, 480.0, 540.0];

fn vertical_rules(top: f32, bottom: f32) -> Vec<crate::pdf::Segment> {
    EDGES.iter().map(|&x| crate::pdf::Segment { x0: x, y0: top, x1: x, y1: bottom }).collect()
}

/// The English test table: a header, a row whose category breaks mid-word
/// ("Infrastruct"+"ure" fills the 50pt cell), a row that wraps at a space
/// ("Recreation"+"and Culture"), and a row running onto page 2.
fn english_table(scale: f32) -> Vec<crate::layout::Line> {
    let s = |x: f32| x * scale;
    let geo_line = |page, y: f32, cells: &[(f32, &str)]| geo_line_sized(page, y * scale, cells, 10.0 * scale);
    let pad = 5.0 * scale;
    let col = |i: usize| EDGES[i] * scale + pad;
    let header = |page, y| {
        [
            geo_line(
                page,
                y,
                &[
                    (col(0), "Item"),
                    (col(1), "Data"),
                    (col(2), "Dataset Name"),
                    (col(3), "General Description"),
                    (col(4), "Target"),
                    (col(5), "Update"),
                ],
            ),
            geo_line(page, y + 11.0, &[(col(0), "No."), (col(1), "Category"), (col(4), "Date"), (col(5), "Frequency")]),
        ]
    };
    let mut lines = vec![
        geo_line(1, 20.0, &[(s(100.0), "Hong Kong Observatory")]),
        geo_line(1, 35.0, &[(s(60.0), "Open Data Plan for 2024-2026")]),
        geo_line(1, 60.0, &[(s(50.0), "A. Datasets to be released")]),
        geo_line(1, 75.0, &[(s(50.0), "i. Spatial Data")]),
    ];
    lines.extend(header(1, 90.0));
    lines.extend([
        // Cell text is 50pt wide in the category and frequency columns at
        // scale 1: ten Latin characters.
        geo_line(
            1,
            120.0,
            &[
                (col(0), "1"),
                (col(1), "Infrastruc"),
                (col(2), "Street lights"),
                (col(3), "• Lamp posts."),
                (col(4), "05/2024"),
                (col(5), "Fortnightl"),
            ],
        ),
        geo_line(1, 131.0, &[(col(1), "ture"), (col(2), "[New Item]"), (col(3), "• Data in CSV."), (col(5), "y")]),
        geo_line(
            1,
            150.0,
            &[
                (col(0), "2"),
                (col(1), "Recreation"),
                (col(2), "Trails"),
                (col(3), "• Routes."),
                (col(4), "Q1 2025"),
                (col(5), "As"),
            ],
        ),
        geo_line(1, 161.0, &[(col(1), "and"), (col(5), "needed")]),
        geo_line(1, 172.0, &[(col(1), "Culture")]),
        geo_line(
            1,
            190.0,
            &[
                (col(0), "3"),
                (col(1), "Health"),
                (col(2), "Clinic"),
                (col(3), "• Opening hours"),
                (col(4), "12/2025"),
                (col(5), "Monthly"),
            ],
        ),
        geo_line(1, 201.0, &[(col(2), "[New Item] list"), (col(3) + 8.0, "and addresses.")]),
        geo_line(1, 280.0, &[(s(250.0), "Page 1")]),
    ]);
    lines.extend(header(2, 20.0));
    lines.extend([
        geo_line(2, 50.0, &[(col(3), "• Data in JSON.")]),
        geo_line(2, 70.0, &[(s(50.0), "ii. Non-spatial Data")]),
        geo_line(2, 85.0, &[(s(50.0), "N/A")]),
        geo_line(2, 120.0, &[(s(300.0), "Hong Kong Observatory")]),
        geo_line(2, 131.0, &[(s(300.0), "December 2023")]),
        geo_line(2, 280.0, &[(s(250.0), "Page 2")]),
    ]);
    lines.iter_mut().for_each(|l| l.text = l.text.trim().to_owned());
    lines
}

#[test]
fn ruled_table_rows_cells_and_broken_words() {
    let lines = english_table(1.0);
    let rules = vec![vertical_rules(85.0, 210.0), vertical_rules(15.0, 60.0)];
    let p = super::plan_with_rules(&lines, &rules);
    assert_eq!((p.publisher.as_deref(), p.plan_period.as_deref()), (Some("Hong Kong Observatory"), Some("2024-2026")));
    assert_eq!(p.plan_date_text.as_deref(), Some("December 2023"));
    expect![[r#"
        Ai 1 [Infrastructure] [Street lights] NEW ["Lamp posts.", "Data in CSV."] [05/2024] [Fortnightly] p[1]
        Ai 2 [Recreation and Culture] [Trails] ["Routes."] [Q1 2025] [As needed] p[1]
        Ai 3 [Health] [Clinic list] NEW ["Opening hours and addresses.", "Data in JSON."] [12/2025] [Monthly] p[1, 2]
    "#]]
    .assert_eq(&render_rows(&p));
}

#[test]
fn unruled_and_scaled_tables_cut_the_same() {
    // No ruling lines at all, and the whole page 1.4 times larger (a
    // landscape or differently set page): the same rows must come out.
    let lines = english_table(1.4);
    let p = super::plan_with_rules(&lines, &[]);
    expect![[r#"
        Ai 1 [Infrastructure] [Street lights] NEW ["Lamp posts.", "Data in CSV."] [05/2024] [Fortnightly] p[1]
        Ai 2 [Recreation and Culture] [Trails] ["Routes."] [Q1 2025] [As needed] p[1]
        Ai 3 [Health] [Clinic list] NEW ["Opening hours and addresses.", "Data in JSON."] [12/2025] [Monthly] p[1, 2]
    "#]]
    .assert_eq(&render_rows(&p));
}

#[test]
fn chinese_ruled_table_with_marker_mid_cell() {
    let col = |i: usize| EDGES[i] + 5.0;
    let mut lines = vec![
        geo_line(1, 20.0, &[(200.0, "環境保護署")]),
        geo_line(1, 35.0, &[(100.0, "2025-2027年度整合開放數據計劃")]),
        geo_line(1, 60.0, &[(50.0, "C. 其他機構計劃開放的數據集")]),
        geo_line(1, 70.0, &[(50.0, "(1) 香港中華煤氣有限公司")]),
        geo_line(1, 80.0, &[(50.0, "ii. 非空間數據")]),
        geo_line(
            1,
            90.0,
            &[
                (col(0), "編號"),
                (col(1), "數據種類"),
                (col(2), "數據集名稱"),
                (col(3), "一般說明"),
                (col(4), "目標發放"),
                (col(5), "更新頻"),
            ],
        ),
        geo_line(1, 101.0, &[(col(4), "日期"), (col(5), "率")]),
        geo_line(1, 112.0, &[(col(4), "(月/年)")]),
        geo_line(
            1,
            130.0,
            &[
                (col(0), "1"),
                (col(1), "康樂及文"),
                (col(2), "郊野公園燒烤爐"),
                (col(3), "• 爐位數目。"),
                (col(4), "05/2025"),
                (col(5), "每15分"),
            ],
        ),
        geo_line(
            1,
            141.0,
            &[(col(1), "化"), (col(2), "[新項目] 位置"), (col(3), "• 在「資料一線通」網站以"), (col(5), "鐘")],
        ),
        geo_line(1, 152.0, &[(col(3), "CSV 格式發放。")]),
        geo_line(1, 300.0, &[(300.0, "環境保護署")]),
        geo_line(1, 311.0, &[(300.0, "2024 年 12 月")]),
    ];
    lines.iter_mut().for_each(|l| l.text = l.text.trim().to_owned());
    let p = super::plan_with_rules(&lines, &[vertical_rules(85.0, 170.0)]);
    assert_eq!(p.plan_date_text.as_deref(), Some("2024 年 12 月"));
    expect![[r#"
        Cii 1 [康樂及文化] [郊野公園燒烤爐位置] NEW ["爐位數目。", "在「資料一線通」網站以CSV 格式發放。"] [05/2025] [每15分鐘] p[1]
    "#]]
    .assert_eq(&render_rows(&p));
    assert_eq!(p.tables[0].organisation.as_deref(), Some("香港中華煤氣有限公司"));
}

#[test]
fn rules_drawn_in_pieces_are_one_rule() {
    use crate::pdf::Segment;
    let pieces = [
        Segment { x0: 50.0, y0: 100.0, x1: 150.0, y1: 100.0 },
        Segment { x0: 300.0, y0: 100.3, x1: 150.0, y1: 100.3 },
        Segment { x0: 301.0, y0: 100.0, x1: 400.0, y1: 100.0 },
        // Another height, and a gap too wide to be one line.
        Segment { x0: 50.0, y0: 200.0, x1: 100.0, y1: 200.0 },
        Segment { x0: 120.0, y0: 200.0, x1: 400.0, y1: 200.0 },
    ];
    let runs: Vec<(f32, f32, f32)> = super::horizontal_runs(&pieces).iter().map(|r| (r.y0, r.x0, r.x1)).collect();
    assert_eq!(runs, [(100.0, 50.0, 400.0), (200.0, 50.0, 100.0), (200.0, 120.0, 400.0)]);
}

/// A one-line column header over `EDGES`, on `page` at `y`.
fn header_line(page: u32, y: f32) -> crate::layout::Line {
    let col = |i: usize| EDGES[i] + 5.0;
    let words = ["Item", "Category", "Name", "Description", "Date", "Frequency"];
    let cells: Vec<(f32, &str)> = words.iter().enumerate().map(|(i, w)| (col(i), *w)).collect();
    geo_line(page, y, &cells)
}

/// A plan's title block, its first heading and a one-line column header.
fn plan_head() -> Vec<crate::layout::Line> {
    vec![
        geo_line(1, 20.0, &[(200.0, "Lands Department")]),
        geo_line(1, 35.0, &[(100.0, "Open Data Plan for 2024-2026")]),
        geo_line(1, 60.0, &[(50.0, "A. Datasets to be released in 2024")]),
        geo_line(1, 70.0, &[(50.0, "i. Spatial Data")]),
        header_line(1, 90.0),
    ]
}

#[test]
fn a_first_row_centred_about_its_number_keeps_its_upper_lines() {
    let col = |i: usize| EDGES[i] + 5.0;
    let mut lines = plan_head();
    lines.extend([
        // The description has three lines; the other cells one, centred
        // on its middle line.
        geo_line(1, 110.0, &[(col(3), "• Opening hours.")]),
        geo_line(
            1,
            121.0,
            &[
                (col(0), "1"),
                (col(1), "Health"),
                (col(2), "Clinics"),
                (col(3), "• Data in"),
                (col(4), "03/2024"),
                (col(5), "Monthly"),
            ],
        ),
        geo_line(1, 132.0, &[(col(3), "CSV.")]),
        geo_line(1, 300.0, &[(300.0, "December 2023")]),
    ]);
    lines.iter_mut().for_each(|l| l.text = l.text.trim().to_owned());
    let p = super::plan_with_rules(&lines, &[]);
    expect![[r#"
        Ai 1 [Health] [Clinics] ["Opening hours.", "Data in CSV."] [03/2024] [Monthly] p[1]
    "#]]
    .assert_eq(&render_rows(&p));
}

#[test]
fn a_one_page_plan_with_its_running_lines_still_on_it() {
    // One page: nothing repeats, so the running header (publisher and
    // title on one line) and the footer (the date again) stay in the text.
    check(
        "Lands Bureau — Open Data Plan for 2024-2026\nLands Bureau\nOpen Data Plan for 2024-2026\n\
         A. Datasets to be released in 2024\ni. Spatial Data\n\
         Item No. Data Category Dataset Name General Description Target Release Date Update Frequency\n\
         1 Development Lamp posts\n• Locations.\n05/2024 Monthly\n\
         Lands Bureau\nDecember 2023\nDecember 2023\n",
        expect![[r#"
            En publisher=Some("Lands Bureau") period=Some("2024-2026") date=Some("December 2023")
            Ai -
              1 [Development] [Lamp posts] ["Locations."] [05/2024] [Monthly] p[1]
        "#]],
    );
}

#[test]
fn cells_are_centred_in_every_table_where_one_table_shows_it() {
    let col = |i: usize| EDGES[i] + 5.0;
    let row = |y: f32, n: &str, name: &str, desc: &str| {
        geo_line(
            1,
            y,
            &[
                (col(0), n),
                (col(1), "Health"),
                (col(2), name),
                (col(3), desc),
                (col(4), "03/2024"),
                (col(5), "Monthly"),
            ],
        )
    };
    let mut lines = plan_head();
    lines.extend([
        // Row 1 shows the style: its description starts above its number.
        geo_line(1, 110.0, &[(col(3), "• Opening hours.")]),
        row(121.0, "1", "Clinics", "• Data in"),
        geo_line(1, 132.0, &[(col(3), "CSV.")]),
        geo_line(1, 160.0, &[(50.0, "ii. Non-spatial Data")]),
        header_line(1, 180.0),
        // Here row 1 has one line; row 2's two-line name is centred on its
        // number, its first line above it.
        row(200.0, "1", "Roads", "• Lengths."),
        geo_line(1, 216.0, &[(col(2), "Lamp")]),
        row(227.0, "2", "posts", "• Heights."),
        geo_line(1, 300.0, &[(300.0, "December 2023")]),
    ]);
    lines.iter_mut().for_each(|l| l.text = l.text.trim().to_owned());
    let p = super::plan_with_rules(&lines, &[]);
    expect![[r#"
        Ai 1 [Health] [Clinics] ["Opening hours.", "Data in CSV."] [03/2024] [Monthly] p[1]
        Aii 1 [Health] [Roads] ["Lengths."] [03/2024] [Monthly] p[1]
        Aii 2 [Health] [Lamp posts] ["Heights."] [03/2024] [Monthly] p[1]
    "#]]
    .assert_eq(&render_rows(&p));
}

#[test]
fn a_grid_page_of_one_row_keeps_the_lines_above_its_number() {
    let col = |i: usize| EDGES[i] + 5.0;
    let row = |page: u32, y: f32, n: &str, name: &str| {
        geo_line(
            page,
            y,
            &[
                (col(0), n),
                (col(1), "Health"),
                (col(2), name),
                (col(3), "• Lengths."),
                (col(4), "03/2024"),
                (col(5), "Monthly"),
            ],
        )
    };
    let across = |y: f32| crate::pdf::Segment { x0: EDGES[0], y0: y, x1: EDGES[6], y1: y };
    let mut lines = plan_head();
    lines.extend([
        row(1, 110.0, "1", "Roads"),
        // Page 2: the header again, then row 2 alone, its two-line name
        // centred on its number.
        header_line(2, 40.0),
        geo_line(2, 56.0, &[(col(2), "Lamp")]),
        row(2, 67.0, "2", "posts"),
        geo_line(2, 300.0, &[(300.0, "December 2023")]),
    ]);
    lines.iter_mut().for_each(|l| l.text = l.text.trim().to_owned());
    let mut page1 = vertical_rules(85.0, 125.0);
    page1.extend([across(85.0), across(103.0), across(125.0)]);
    let mut page2 = vertical_rules(35.0, 82.0);
    page2.extend([across(35.0), across(53.0), across(82.0)]);
    let p = super::plan_with_rules(&lines, &[page1, page2]);
    expect![[r#"
        Ai 1 [Health] [Roads] ["Lengths."] [03/2024] [Monthly] p[1]
        Ai 2 [Health] [Lamp posts] ["Lengths."] [03/2024] [Monthly] p[2]
    "#]]
    .assert_eq(&render_rows(&p));
}
