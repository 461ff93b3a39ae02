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
