//! The interpreter: positioning, forms, paths, pages, damage and limits.

use expect_test::expect;
use lopdf::{Object, Stream, dictionary};

use super::*;

#[test]
fn form_xobject_with_own_resources_and_matrix() {
    let bytes = pdf(dictionary! {}, |doc| {
        let font = doc.add_object(helvetica());
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
                "Matrix" => vec![2.into(), 0.into(), 0.into(), 2.into(), 10.into(), 0.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "FX" => font } },
            },
            b"BT /FX 5 Tf 0 10 Td (AB) Tj ET 0 0 m 20 0 l S".to_vec(),
        );
        let form = doc.add_object(form);
        let res = dictionary! { "XObject" => dictionary! { "X1" => form } };
        (res, "q 1 0 0 1 0 20 cm /X1 Do Q /X1 Do".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              A@10.0,60.0 B@16.7,60.0 A@10.0,80.0 B@16.7,80.0
              rule 10.0,80.0-50.0,80.0
              rule 10.0,100.0-50.0,100.0
        "#]],
    );
}

#[test]
fn self_drawing_form_is_cut_off() {
    let bytes = pdf(dictionary! {}, |doc| {
        let id = doc.new_object_id();
        let form = Stream::new(
            dictionary! {
                "Subtype" => "Form",
                "Resources" => dictionary! { "XObject" => dictionary! { "Me" => id } },
            },
            b"0 0 m 10 0 l S /Me Do".to_vec(),
        );
        doc.objects.insert(id, Object::Stream(form));
        (dictionary! { "XObject" => dictionary! { "Me" => id } }, "/Me Do".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              rule 0.0,100.0-10.0,100.0
            ! pSome(1): form XObject 2 0 R draws itself; skipped
        "#]],
    );
}

#[test]
fn tj_kerning_and_spacing() {
    // -1000 moves one em right; Tw applies to the single-byte space only;
    // Tz squeezes advances.
    check(
        &simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td [(A) -1000 (A) 500 (A)] TJ 5 Tw 2 Tc ( A) Tj 50 Tz (AA) Tj ET"),
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 A@16.7,50.0 A@18.3,50.0  @25.0,50.0 A@34.8,50.0 A@43.5,50.0 A@47.8,50.0
        "#]],
    );
}

#[test]
fn text_positioning_operators() {
    check(
        &simple_text(
            helvetica(),
            "BT /F1 10 Tf 12 TL 1 0 0 1 10 90 Tm (A) Tj T* (B) ' 3 -12 TD (C) Tj 1 2 (D) \" 2 Ts (E) Tj ET",
        ),
        expect![[r#"
            page 1 200x100
              A@10.0,10.0 B@10.0,34.0 C@13.0,46.0 D@13.0,58.0 E@22.2,56.0
        "#]],
    );
}

#[test]
fn rectangles_and_lines_become_rules() {
    let content = "0.5 w 10 10 100 0.8 re f 10 20 0.5 50 re f 20 20 30 40 re S \
                   0 0 m 50 50 l S 0 5 m 60 5 l 60 9 l S 5 5 m 7 7 10 10 15 10 c S 1 1 40 40 re W n";
    check(
        &simple_text(helvetica(), content),
        expect![[r#"
            page 1 200x100
              rule 10.0,89.6-110.0,89.6
              rule 10.2,30.0-10.2,80.0
              rule 20.0,40.0-50.0,40.0
              rule 50.0,40.0-50.0,80.0
              rule 20.0,80.0-50.0,80.0
              rule 20.0,40.0-20.0,80.0
              rule 0.0,95.0-60.0,95.0
              rule 60.0,91.0-60.0,95.0
        "#]],
    );
}

#[test]
fn rotated_page_comes_out_upright() {
    // Rotated 90° clockwise, the 200×100 media box shows as 100×200, and text
    // running up the page in user space reads left to right.
    let bytes = pdf(dictionary! { "Rotate" => 90 }, |doc| {
        (with_font(doc, helvetica()), "BT /F1 10 Tf 0 1 -1 0 50 20 Tm (AB) Tj ET 0 10 m 0 60 l S".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 100x200
              A@20.0,50.0 B@26.7,50.0
              rule 10.0,0.0-60.0,0.0
        "#]],
    );
}

#[test]
fn upside_down_page_with_a_crop_box() {
    let extra = dictionary! { "Rotate" => -180, "CropBox" => vec![10.into(), 10.into(), 190.into(), 90.into()] };
    let bytes = pdf(extra, |doc| (with_font(doc, helvetica()), "BT /F1 10 Tf -1 0 0 -1 150 50 Tm (AB) Tj ET".into()));
    check(
        &bytes,
        expect![[r#"
            page 1 180x80
              A@40.0,40.0 B@46.7,40.0
        "#]],
    );
}

#[test]
fn actual_text_replaces_its_glyphs() {
    check(
        &simple_text(
            helvetica(),
            "BT /F1 10 Tf 0 50 Td /Span <</ActualText (fi)>> BDC (xy) Tj EMC (z) Tj /P BMC (q) Tj EMC ET",
        ),
        expect![[r#"
            page 1 200x100
              fi@0.0,50.0 z@10.0,50.0 q@15.0,50.0
        "#]],
    );
}

#[test]
fn damaged_content_keeps_what_was_read() {
    check(
        &simple_text(
            helvetica(),
            "BT /F1 10 Tf 0 50 Td (A) Tj /Foo 3 Tf (B) Tj /F1 10 Tf [1 2 Td (C) Tj ET BI /W 1 /H 1 /BPC 8 /CS /G ID \x01 EI",
        ),
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 B@6.7,50.0 C@8.2,50.0
            ! pSome(1): font /Foo is not in the page resources
            ! pSome(1): content stream damaged: 1 unreadable part(s) skipped
        "#]],
    );
}

#[test]
fn whole_document_errors() {
    assert!(matches!(pages(b""), Err(crate::Error::Empty)));
    assert!(matches!(pages(b"hello"), Err(crate::Error::NotPdf(_))));
    assert!(matches!(pages(b"%PDF-1.4\ngarbage"), Err(crate::Error::Pdf(_))));
    let bytes = simple_text(helvetica(), "");
    assert_eq!(crate::pdf::page_count(&bytes).ok(), Some(1));
}

#[test]
fn encrypted_with_the_empty_user_password_is_read() {
    check(
        &encrypted(""),
        expect![[r#"
            page 1 200x100
              H@0.0,50.0 i@7.2,50.0
        "#]],
    );
}

#[test]
fn encrypted_with_a_real_password_is_an_error() {
    let err = pages(&encrypted("secret")).err().map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("encrypted PDF: a password is needed to open it"));
}

#[test]
fn forms_drawing_forms_many_times_are_bounded() {
    // Ten levels, each drawing the next ten times: 10^10 glyphs unless the
    // operator budget stops it.
    let bytes = pdf(dictionary! {}, |doc| {
        let font = doc.add_object(helvetica());
        let mut inner = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Form", "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } },
            b"BT /F1 1 Tf (x) Tj ET".to_vec(),
        ));
        for _ in 0..10 {
            inner = doc.add_object(Stream::new(
                dictionary! { "Subtype" => "Form", "Resources" => dictionary! { "XObject" => dictionary! { "X" => inner } } },
                b"/X Do ".repeat(10),
            ));
        }
        (dictionary! { "XObject" => dictionary! { "X" => inner } }, "/X Do".into())
    });
    let doc = pages(&bytes).expect("reads");
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("operators on the page")), "{:?}", doc.diagnostics);
}

/// Random damage to valid files: every outcome is fine except a panic.
#[test]
fn mutated_files_never_panic() {
    let seeds = [
        simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td [(A) -100 (W)] TJ ET 10 10 100 0.5 re f 0 0 m 5 5 l S"),
        pdf(dictionary! { "Rotate" => 270 }, |doc| {
            let tu = to_unicode(doc, "2 beginbfrange <0001> <0002> <4E00> <0003> <0004> [<0041> <2F08>] endbfrange");
            let mut font = type0("Identity-H", vec![1.into(), vec![500.into()].into(), 2.into(), 9.into(), 700.into()]);
            font.set("ToUnicode", tu);
            (
                with_font(doc, font),
                "BT /F1 10 Tf 0 50 Td <0001000200030004> Tj /Span <</ActualText (z)>> BDC <0001> Tj EMC ET".into(),
            )
        }),
        pdf(dictionary! {}, |doc| {
            let (big5, _, _) = encoding_rs::BIG5.encode("資料一線通");
            (with_font(doc, type0("ETen-B5-V", vec![])), format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&big5)))
        }),
        encrypted(""),
    ];
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    for seed in &seeds {
        for _ in 0..300 {
            let mut bytes = seed.clone();
            match next(3) {
                0 => bytes.truncate(next(bytes.len())),
                1 => {
                    for _ in 0..1 + next(4) {
                        let i = next(bytes.len());
                        if let Some(b) = bytes.get_mut(i) {
                            *b = next(256) as u8;
                        }
                    }
                }
                _ => {
                    let i = next(bytes.len());
                    let junk: Vec<u8> = b"[ ( < /Q 0 Tf BT 1e9 -0 >> ) ]".iter().copied().skip(next(20)).collect();
                    bytes.splice(i..i, junk);
                }
            }
            let _ = pages(&bytes);
        }
    }
}

#[test]
fn truncated_file_is_read_with_a_warning() {
    let bytes = simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td (kept) Tj ET");
    // Cut off the cross-reference table and trailer.
    let cut = bytes.windows(4).rposition(|w| w == b"xref").expect("xref");
    check(
        bytes.get(..cut).expect("cut"),
        expect![[r#"
            page 1 200x100
              k@0.0,50.0 e@5.0,50.0 p@10.6,50.0 t@16.1,50.0
            ! pNone: damaged or truncated file: its objects were recovered by scanning, so some may be missing
        "#]],
    );
}

/// The development corpus, where it is checked out: every glyph decodes, and
/// the UCS-2 files keep their full-width solidus. Run with `--ignored`.
#[test]
#[ignore = "needs /work/shared/corpus/dev"]
fn corpus_decodes_completely() {
    let dir = std::path::Path::new("/work/shared/corpus/dev");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let doc = pages(&std::fs::read(&path).expect("read")).expect("corpus PDF reads");
        let text: String = doc.pages.iter().flat_map(|p| &p.glyphs).map(|g| g.text.as_str()).collect();
        assert!(!text.contains('\u{FFFD}'), "{}: undecoded glyphs", path.display());
        assert!(doc.diagnostics.is_empty(), "{}: {:?}", path.display(), doc.diagnostics);
        let name = path.to_string_lossy();
        if name.ends_with("zh-p3.pdf") {
            assert!(text.contains('／') && !text.contains('∕'), "{}: solidus", path.display());
        }
    }
}

#[test]
fn text_outside_the_media_box_is_not_on_the_page() {
    // The media box keeps x 0-100 of the 200-wide page the others use; a
    // crop box showing only a corner hides nothing, as in pdftotext.
    let extra = dictionary! {
        "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "CropBox" => vec![0.into(), 0.into(), 5.into(), 5.into()],
    };
    let content = "BT /F1 10 Tf 10 50 Td (In) Tj 150 0 Td (Out) Tj -300 0 Td (Left) Tj 150 0 Td (Edge) Tj ET";
    let bytes = pdf(extra, |doc| (with_font(doc, helvetica()), content.into()));
    let doc = pages(&bytes).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    // "Edge" starts at x 10 + 150 - 300 + 150 = 10: inside again.
    assert_eq!(text, "InEdge");
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("7 glyph(s) outside the media box")));
}

#[test]
fn annotation_appearances_are_drawn_into_their_rects() {
    // pdftotext draws every annotation's appearance, a link's too.
    let bytes = pdf(dictionary! {}, |doc| {
        let font = doc.add_object(helvetica());
        let res = dictionary! { "Font" => dictionary! { "F1" => font } };
        let mut annots = Vec::new();
        // (subtype, flags, text, rect); the form's BBox is 0 0 50 20.
        for (subtype, flags, text, x) in
            [("Widget", 4, "Field", 20), ("FreeText", 0, "Note", 120), ("Widget", 2, "Hidden", 60), ("Link", 0, "L", 0)]
        {
            let content = format!("BT /F1 10 Tf 2 5 Td ({text}) Tj ET");
            let ap = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form", "Resources" => res.clone(),
                    "BBox" => vec![0.into(), 0.into(), 50.into(), 20.into()],
                },
                content.into_bytes(),
            ));
            annots.push(Object::from(doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => subtype, "F" => flags,
                "Rect" => vec![x.into(), 10.into(), (x + 50).into(), 30.into()],
                "AP" => dictionary! { "N" => ap },
            })));
        }
        // A check box: /N holds one appearance per state, /AS picks one.
        let on = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Form", "Resources" => res.clone(), "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()] },
            b"BT /F1 10 Tf 0 0 Td (X) Tj ET".to_vec(),
        ));
        annots.push(Object::Dictionary(dictionary! {
            "Subtype" => "Widget", "Rect" => vec![0.into(), 80.into(), 10.into(), 90.into()],
            "AS" => "On", "AP" => dictionary! { "N" => dictionary! { "On" => on, "Off" => Object::Null } },
        }));
        let page_res = res.clone();
        let content = "BT /F1 10 Tf 0 50 Td (Page) Tj ET".to_string();
        doc.objects.insert((999, 0), Object::Array(annots));
        (page_res, content)
    });
    // The page's /Annots is added afterwards: `pdf` builds the page itself.
    let mut doc = lopdf::Document::load_mem(&bytes).expect("reload");
    let page = doc.get_pages().values().next().copied().expect("page");
    doc.get_dictionary_mut(page).expect("page dict").set("Annots", Object::Reference((999, 0)));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    check(
        &out,
        expect![[r#"
            page 1 200x100
              P@0.0,50.0 a@6.7,50.0 g@12.2,50.0 e@17.8,50.0 F@22.0,85.0 i@28.1,85.0 e@30.3,85.0 l@35.9,85.0 d@38.1,85.0 N@122.0,85.0 o@129.2,85.0 t@134.8,85.0 e@137.6,85.0 L@2.0,85.0 X@0.0,20.0
        "#]],
    );
}
