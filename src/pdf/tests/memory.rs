//! What the load leaves out to save memory, and reading page by page: the
//! text must be the same as with everything held.

use lopdf::{Document, Object, Stream, dictionary};

use super::{helvetica, simple_text};
use crate::pdf::{each_page, load, pages};

/// Link annotations (and their structure elements) per test document:
/// enough for lopdf to spread them over object streams.
const LINKS: usize = 300;

fn text_of(bytes: &[u8]) -> String {
    let doc = pages(bytes).expect("test PDF reads");
    doc.pages.iter().flat_map(|p| &p.glyphs).map(|g| g.text.as_str()).collect()
}

/// A page showing "Body" with many link annotations and structure
/// elements, a Square annotation whose appearance shows "Drawn" and a
/// FreeText annotation without one whose contents are "Note"; saved with
/// object streams when `modern`.
fn annotated(modern: bool) -> Vec<u8> {
    let plain = simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td (Body) Tj ET");
    let mut doc = Document::load_mem(&plain).expect("reload");
    let font = doc.add_object(helvetica());
    let appearance = doc.add_object(Stream::new(
        dictionary! { "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 50.into(), 20.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } },
        b"BT /F1 10 Tf 2 5 Td (Drawn) Tj ET".to_vec(),
    ));
    let mut annots: Vec<Object> = Vec::new();
    for i in 0..LINKS {
        let x = (i % 100) as i64;
        annots.push(
            doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link", "StructParent" => i as i64,
                "Rect" => vec![x.into(), 0.into(), (x + 1).into(), 1.into()],
                "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://example.com/") },
            })
            .into(),
        );
        doc.add_object(dictionary! { "Type" => "StructElem", "S" => "Link" });
    }
    annots.push(
        doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Square",
            "Rect" => vec![100.into(), 10.into(), 150.into(), 30.into()],
            "AP" => dictionary! { "N" => appearance },
        })
        .into(),
    );
    annots.push(
        doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText",
            "Rect" => vec![100.into(), 60.into(), 190.into(), 90.into()],
            "Contents" => Object::string_literal("Note"),
        })
        .into(),
    );
    let page = *doc.get_pages().get(&1).expect("one page");
    doc.get_dictionary_mut(page).expect("page").set("Annots", annots);
    let mut out = Vec::new();
    if modern {
        doc.save_modern(&mut out).expect("saves with object streams");
    } else {
        doc.save_to(&mut out).expect("saves");
    }
    out
}

fn has(doc: &Document, key: &[u8], value: &[u8]) -> bool {
    doc.objects.values().any(|o| o.as_dict().is_ok_and(|d| d.get(key).and_then(Object::as_name).ok() == Some(value)))
}

#[test]
fn links_and_structure_elements_are_not_held_and_the_text_is_the_same() {
    for modern in [false, true] {
        let bytes = annotated(modern);
        let everything = Document::load_mem(&bytes).expect("lopdf reads it all");
        assert!(has(&everything, b"Subtype", b"Link") && has(&everything, b"Type", b"StructElem"));
        if modern {
            assert!(has(&everything, b"Type", b"ObjStm") || bytes.windows(7).any(|w| w == b"/ObjStm"));
            assert!(!bytes.windows(5).any(|w| w == b"/Link"), "the links are in compressed object streams");
        }
        let held = load(&bytes).expect("loads");
        assert!(!has(&held, b"Subtype", b"Link"), "modern: {modern}");
        assert!(!has(&held, b"Type", b"StructElem"), "modern: {modern}");
        assert!(has(&held, b"Subtype", b"Square") && has(&held, b"Subtype", b"FreeText"), "modern: {modern}");
        assert!(held.objects.values().all(|o| o.as_stream().map_or(true, |s| !s.dict.has_type(b"ObjStm"))));
        assert_eq!(text_of(&bytes), "BodyDrawnNote", "modern: {modern}");
    }
}

#[test]
fn page_by_page_gives_the_same_pages_and_text() {
    let one = simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td (Page) Tj ET");
    let mut doc = Document::load_mem(&one).expect("reload");
    // Two more pages sharing the first one's content and resources.
    let first = *doc.get_pages().get(&1).expect("one page");
    let template = doc.get_dictionary(first).expect("page").clone();
    let root = template.get(b"Parent").and_then(Object::as_reference).expect("parent");
    let mut kids: Vec<Object> = vec![first.into()];
    for _ in 0..2 {
        kids.push(doc.add_object(template.clone()).into());
    }
    let tree = doc.get_dictionary_mut(root).expect("page tree");
    tree.set("Kids", kids);
    tree.set("Count", 3);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");

    let all = pages(&bytes).expect("reads");
    assert_eq!(all.pages.len(), 3);
    let mut seen = Vec::new();
    let one_by_one = each_page(&bytes, |p| seen.push(p)).expect("reads");
    assert_eq!(seen, all.pages);
    assert!(one_by_one.pages.is_empty() && one_by_one.visible_text && one_by_one.no_text().is_none());
    assert_eq!(crate::pdf_text(&bytes, false).expect("text"), crate::layout::render(&all.pages, false));
    assert_eq!(crate::pdf_text(&bytes, true).expect("text"), crate::layout::render(&all.pages, true));
}

#[test]
fn object_streams_are_rewritten_without_unread_members_before_lopdf_parses_them() {
    let everything = Document::load_mem(&annotated(true)).expect("lopdf reads it all");
    let mut dropped = 0;
    for (id, object) in &everything.objects {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if !stream.dict.has_type(b"ObjStm") {
            continue;
        }
        let before = lopdf::ObjectStream::new(stream).expect("parses").objects;
        let mut rewritten = object.clone();
        assert!(crate::pdf::slim::slim(*id, &mut rewritten).is_some(), "the stream itself is kept");
        let after = lopdf::ObjectStream::new(rewritten.as_stream().expect("a stream")).expect("parses").objects;
        let unread = |o: &Object| o.as_dict().is_ok_and(crate::pdf::slim::unread);
        assert!(after.values().all(|o| !unread(o)));
        // The rest are the same objects.
        let kept: Vec<_> = before.iter().filter(|(_, o)| !unread(o)).collect();
        assert_eq!(kept, after.iter().collect::<Vec<_>>());
        dropped += before.len() - after.len();
    }
    assert_eq!(dropped, 2 * LINKS);
}

#[test]
fn big_forms_and_forms_drawn_once_are_parsed_as_they_run_and_not_kept() {
    // Past the bound on a kept form's bytes (64 KiB).
    let big_content = format!("{}BT /F1 10 Tf 0 50 Td (Big) Tj ET", "q Q ".repeat(20_000));
    let bytes = super::pdf(dictionary! {}, |doc| {
        let font = doc.add_object(helvetica());
        let resources = || dictionary! { "Font" => dictionary! { "F1" => font } };
        let form = |doc: &mut Document, content: &str| {
            doc.add_object(Stream::new(
                dictionary! { "Subtype" => "Form", "Resources" => resources() },
                content.as_bytes().to_vec(),
            ))
        };
        let big = form(doc, &big_content);
        let small = form(doc, "BT /F1 10 Tf 0 20 Td (Small) Tj ET");
        let once = form(doc, "BT /F1 10 Tf 0 80 Td (Once) Tj ET");
        let xobjects = dictionary! { "Big" => big, "Small" => small, "Once" => once };
        (dictionary! { "XObject" => xobjects }, "/Big Do /Small Do /Big Do /Small Do /Once Do".into())
    });
    assert_eq!(text_of(&bytes), "BigSmallBigSmallOnce");
    let doc = load(&bytes).expect("loads");
    let mut state = crate::pdf::interp::DocState::default();
    for (number, id) in crate::pdf::page_ids(&doc) {
        let _ = crate::pdf::page(&doc, id, number, &mut state);
    }
    assert_eq!(state.forms_kept(), 1, "the small form drawn twice only");
}
