use super::*;
use crate::segment::{Section, Table};

const LAYOUT_TEXT: &[u8] = include_bytes!("../../fixtures/text/hko-2024-zh.layout.txt");
const FLOWING_TEXT: &[u8] = include_bytes!("../../fixtures/text/censtatd-2024-en.txt");

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| n.attribute("class") == Some(class)).collect()
}

#[test]
fn escapes_markup_and_drops_what_xml_forbids() {
    assert_eq!(svg::text("a<b>&\"c\"'\u{c}d\u{0}\u{FFFF}"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d");
}

#[test]
fn column_layout_text_rows_and_columns_match_the_plan() {
    let svgs = render(LAYOUT_TEXT, InputKind::Text, "hko.txt", &[]).expect("renders");
    let (plan, _, decoded) = crate::text_plan_lines(LAYOUT_TEXT).expect("plan");
    let pages = layout::plain::page_count(&decoded.text);
    assert_eq!(svgs.len(), usize::try_from(pages).expect("fits"));
    let (records, _) = record::normalise(&plan, "hko.txt");
    assert!(!records.is_empty());
    let mut rows_seen = 0;
    for (page, svg) in &svgs {
        let doc = parse(svg);
        let rows = with_class(&doc, "row");
        let expected = records.iter().filter(|r| r.pages.contains(page)).count();
        assert_eq!(rows.len(), expected, "rows on page {page}");
        for r in &rows {
            let item: u32 = r.attribute("data-item").and_then(|s| s.parse().ok()).expect("data-item");
            let id = r.attribute("data-id").expect("data-id");
            assert!(records.iter().any(|rec| rec.id == id && rec.item_no == item), "{id} {item}");
        }
        rows_seen += rows.len();
        let columns = with_class(&doc, "column");
        let expected: usize = plan
            .trace
            .table_pages
            .iter()
            .filter(|t| t.page == *page)
            .filter_map(|t| t.columns.as_ref())
            .map(|c| c.columns.len())
            .sum();
        assert_eq!(columns.len(), expected, "columns on page {page}");
        for c in &columns {
            let role = c.attribute("data-role").expect("data-role");
            assert!(crate::segment::header::ROLES.iter().any(|r| r.name() == role), "{role}");
        }
        // Words are placed by character column: CJK text included.
        assert!(doc.descendants().any(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.contains("數據"))));
    }
    assert!(rows_seen >= records.len(), "every record has a band somewhere");
}

#[test]
fn flowing_text_is_drawn_line_by_line_with_its_dropped_lines() {
    let svgs = render(FLOWING_TEXT, InputKind::Text, "c.txt", &[]).expect("renders");
    assert_eq!(svgs.len(), 2);
    let (plan, ..) = crate::text_plan_lines(FLOWING_TEXT).expect("plan");
    let dropped = plan.trace.dropped.len();
    let mut drawn = 0;
    for (_, svg) in &svgs {
        let doc = parse(svg);
        drawn += with_class(&doc, "dropped").len();
        for d in with_class(&doc, "dropped") {
            assert!(d.attribute("data-why").is_some_and(|w| !w.is_empty()));
        }
        let words = doc.descendants().filter(|n| n.has_tag_name("text")).count();
        assert!(words > 10, "lines drawn");
    }
    assert!(dropped > 0 && drawn == dropped, "{drawn} of {dropped} dropped lines drawn");
}

#[test]
fn pages_are_chosen_and_checked() {
    let svgs = render(LAYOUT_TEXT, InputKind::Text, "hko.txt", &[2]).expect("renders");
    assert_eq!(svgs.iter().map(|s| s.0).collect::<Vec<_>>(), [2]);
    assert!(svgs[0].1.contains(r#"data-page="2""#));
    let err = render(LAYOUT_TEXT, InputKind::Text, "hko.txt", &[9]).expect_err("no page 9");
    assert!(matches!(err, Error::NoSuchPage { page: 9, pages: 3 }), "{err}");
}

#[test]
fn flags_are_drawn_on_their_row_and_column_with_the_reason() {
    let (plan, _, decoded) = crate::text_plan_lines(LAYOUT_TEXT).expect("plan");
    let pages = layout::plain::page_count(&decoded.text);
    let first = plan.tables.iter().flat_map(|t| &t.rows).next().and_then(|r| r.bands.first()).map(|b| b.0);
    let row_page = first.expect("the first row has a band");
    let other = (1..=pages).find(|&p| p != row_page).expect("two pages");
    let flags = [
        Flag { page: row_page, at: FlagAt::Row { record: 0, role: Some(Role::Date) }, reason: "date <unread>".into() },
        Flag { page: other, at: FlagAt::Area(Rect { x0: 1.0, y0: 2.0, x1: 3.0, y1: 4.0 }), reason: "odd".into() },
    ];
    let svgs = render_with_flags(LAYOUT_TEXT, InputKind::Text, "hko.txt", &[], Some(&flags)).expect("renders");
    let reasons = |page: u32| {
        let svg = &svgs.iter().find(|s| s.0 == page).expect("page").1;
        let doc = parse(svg);
        let flagged = with_class(&doc, "flagged");
        flagged
            .iter()
            .map(|n| n.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(reasons(other), ["odd"]);
    assert_eq!(reasons(row_page), ["date <unread>"]);
    let total: usize = (1..=pages).map(|p| reasons(p).len()).sum();
    assert_eq!(total, 2);
}

#[test]
fn unbounded_columns_are_clipped_to_the_table() {
    use crate::segment::{Column, Columns, Strategy, TablePage, Trace};
    let bbox = Rect { x0: 50.0, y0: 100.0, x1: 500.0, y1: 700.0 };
    let column = |role, left, right| Column { role, left, right, text_right: None, ruled: false };
    let plan = Plan {
        language: crate::segment::Language::En,
        publisher: None,
        plan_period: None,
        plan_date_text: None,
        tables: vec![Table { section: Section::A, organisation: None, spatial: true, rows: Vec::new() }],
        diagnostics: Vec::new(),
        trace: Trace {
            dropped: Vec::new(),
            table_pages: vec![TablePage {
                table: 0,
                page: 1,
                columns: Some(Columns {
                    columns: vec![column(Role::Item, f32::NEG_INFINITY, 80.0), column(Role::Name, 80.0, f32::INFINITY)],
                    strategy: Strategy::Whitespace,
                    em: 10.0,
                }),
                bbox: Some(bbox),
            }],
        },
    };
    let sheet = Sheet { number: 1, width: 595.0, height: 842.0, ..Sheet::default() };
    let svg = svg::draw(&sheet, &svg::Overlay::of(&plan, &[], &[]));
    let doc = parse(&svg);
    let rects: Vec<(String, String)> = with_class(&doc, "column")
        .iter()
        .filter_map(|g| g.children().find(|c| c.has_tag_name("rect")))
        .map(|r| (r.attribute("x").unwrap_or("").to_owned(), r.attribute("width").unwrap_or("").to_owned()))
        .collect();
    assert_eq!(rects, [("50".to_owned(), "30".to_owned()), ("80".to_owned(), "420".to_owned())]);
    assert!(svg.contains(r#"viewBox="0 0 595 842""#));
}

#[test]
fn glyphs_are_placed_where_the_pdf_put_them() {
    let word = |text: &str, starts: Vec<(usize, f32)>| Text {
        text: text.into(),
        bbox: Rect { x0: 10.0, y0: 20.0, x1: 40.0, y1: 30.0 },
        size: Some(8.0),
        starts,
    };
    let sheet = Sheet {
        number: 1,
        width: 100.0,
        height: 100.0,
        texts: vec![word("數據A", vec![(0, 10.0), (3, 19.5), (6, 30.25)]), word("plain", Vec::new())],
        ..Sheet::default()
    };
    let svg = svg::draw(&sheet, &svg::Overlay::default());
    let doc = parse(&svg);
    let texts: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
    let spans: Vec<(&str, &str)> = texts[0]
        .children()
        .filter(|c| c.has_tag_name("tspan"))
        .map(|c| (c.attribute("x").unwrap_or(""), c.text().unwrap_or("")))
        .collect();
    assert_eq!(spans, [("10", "數"), ("19.5", "據"), ("30.25", "A")]);
    assert_eq!(texts[0].attribute("font-size"), Some("8"));
    assert_eq!(texts[1].attribute("textLength"), Some("30"));
    assert_eq!(texts[1].text(), Some("plain"));
}

#[test]
fn the_self_checks_flags_land_on_the_flagged_cell() {
    let (plan, ..) = crate::text_plan_lines(LAYOUT_TEXT).expect("plan");
    let (mut records, _) = record::normalise(&plan, "hko.txt");
    let date_flags = |records: &[Record]| {
        self_check_flags(&plan, records)
            .into_iter()
            .filter(|f| f.at == FlagAt::Row { record: 0, role: Some(Role::Date) })
            .collect::<Vec<_>>()
    };
    records[0].date_text = "03/2025".into();
    records[0].date = Some("2025-03".into());
    assert!(date_flags(&records).is_empty(), "a date that reads is not flagged");
    records[0].date_text.clear();
    let flags = date_flags(&records);
    let bands: Vec<u32> =
        plan.tables.iter().flat_map(|t| &t.rows).next().expect("a row").bands.iter().map(|b| b.0).collect();
    assert!(!bands.is_empty());
    assert_eq!(flags.iter().map(|f| f.page).collect::<Vec<_>>(), bands);
    assert!(flags.iter().all(|f| f.reason == "date_text: no release date"), "{flags:?}");
}
