//! One test per font kind and encoding path.

use expect_test::expect;
use lopdf::{Object, Stream, dictionary};

use super::*;

#[test]
fn win_ansi_true_type() {
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Liberation",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32,
        "Widths" => (32..=255).map(|c| Object::Integer(if c == 32 { 250 } else { 500 })).collect::<Vec<_>>(),
    };
    check(
        &simple_text(font, "BT /F1 10 Tf 10 20 Td (Caf\\351 \\200) Tj ET"),
        expect![[r#"
            page 1 200x100
              C@10.0,80.0 a@15.0,80.0 f@20.0,80.0 é@25.0,80.0  @30.0,80.0 €@32.5,80.0
        "#]],
    );
}

#[test]
fn differences_with_glyph_names() {
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Custom",
        "Encoding" => dictionary! {
            "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![65.into(), "Aring".into(), "uni4E2D".into(), "f_i".into(), "u1F600".into(), "g123".into()],
        },
        "FirstChar" => 65, "Widths" => vec![600.into(); 6],
    };
    check(
        &simple_text(font, "BT /F1 10 Tf 0 50 Td (ABCDEF) Tj ET"),
        expect![[r#"
            page 1 200x100
              Å@0.0,50.0 中@6.0,50.0 fi@12.0,50.0 😀@18.0,50.0 �@24.0,50.0 F@30.0,50.0
            ! pSome(1): font Custom has codes with no known Unicode; shown as U+FFFD
        "#]],
    );
}

#[test]
fn standard_14_widths() {
    // No /Widths: Helvetica's A is 667 and W 944 units wide; Courier is fixed.
    let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
    check(
        &simple_text(font, "BT /F1 10 Tf 0 50 Td (AWA) Tj /F1 20 Tf (A) Tj ET"),
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 W@6.7,50.0 A@16.1,50.0 A@22.8,50.0
        "#]],
    );
    let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier-Bold" };
    check(
        &simple_text(font, "BT /F1 10 Tf 0 50 Td (il) Tj ET"),
        expect![[r#"
            page 1 200x100
              i@0.0,50.0 l@6.0,50.0
        "#]],
    );
}

#[test]
fn embedded_font_programs_own_encoding() {
    // No /Encoding: the CFF program's encoding decides; codes it leaves out
    // draw `.notdef` (nothing), not their StandardEncoding glyph.
    let bytes = pdf(dictionary! {}, |doc| {
        let file =
            doc.add_object(Stream::new(dictionary! { "Subtype" => "Type1C" }, crate::pdf::cff::tests::tiny_cff()));
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Tiny",
            "FirstChar" => 32, "Widths" => vec![250.into(), 600.into(), 1000.into()],
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile3" => file },
        };
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td (!\" !A) Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 中@6.0,50.0  @16.0,50.0 A@18.5,50.0
        "#]],
    );
    // A Type 1 program's clear-text `dup code /name put` lines.
    let bytes = pdf(dictionary! {}, |doc| {
        let program = b"%!PS-AdobeFont-1.0: Tiny\n/Encoding 256 array\ndup 65 /Zeta put dup 66 /uni8CC7 put\nreadonly def\ncurrentfile eexec\ndup 67 /C put".to_vec();
        let file = doc.add_object(Stream::new(dictionary! {}, program));
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Tiny",
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile" => file },
        };
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td (ABC) Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              Ζ@0.0,50.0 資@5.0,50.0
        "#]],
    );
}

#[test]
fn symbol_font_private_use_codes_become_bullets() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "2 beginbfchar <B7> <F0B7> <61> <F061> endbfchar");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Symbol", "ToUnicode" => tu,
        };
        let tu = to_unicode(doc, "1 beginbfchar <A7> <F0A7> endbfchar");
        let wingdings = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Wingdings-Regular", "ToUnicode" => tu,
        };
        let (f1, f2) = (doc.add_object(font), doc.add_object(wingdings));
        let res = dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } };
        (res, "BT /F1 10 Tf 0 50 Td (\\267a) Tj /F2 10 Tf (\\247) Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              •@0.0,50.0 α@4.6,50.0 ▪@10.9,50.0
        "#]],
    );
}

#[test]
fn type3_font_matrix() {
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "CharProcs" => dictionary! {},
        "Encoding" => dictionary! { "Differences" => vec![65.into(), "A".into(), "B".into()] },
        "FirstChar" => 65, "Widths" => vec![50.into(), 80.into()],
    };
    check(
        &simple_text(font, "BT /F1 10 Tf 0 50 Td (ABA) Tj ET"),
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 B@5.0,50.0 A@13.0,50.0
        "#]],
    );
}

#[test]
fn identity_h_with_to_unicode() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(
            doc,
            "3 beginbfchar <0001> <0041> <0002> <D83DDE00> <0003> <006600660069> endbfchar\n\
             2 beginbfrange <0010> <0012> <8CC7> <0020> <0021> [<0058> <00590059>] endbfrange",
        );
        let mut font = type0("Identity-H", vec![1.into(), vec![500.into(), 1000.into(), 700.into()].into()]);
        font.set("ToUnicode", tu);
        let content =
            format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&[0, 1, 0, 2, 0, 3, 0, 0x10, 0, 0x12, 0, 0x20, 0, 0x21]));
        (with_font(doc, font), content)
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              A@0.0,50.0 😀@5.0,50.0 ffi@15.0,50.0 資@22.0,50.0 賉@32.0,50.0 X@42.0,50.0 YY@52.0,50.0
        "#]],
    );
}

#[test]
fn ucs2_cmap_without_to_unicode() {
    // MSung-Light style: ASCII at CIDs 1–95 takes its width from /W, the
    // rest falls back to /DW.
    let bytes = pdf(dictionary! {}, |doc| {
        let font = type0("UniCNS-UCS2-H", vec![18.into(), 26.into(), 500.into()]);
        let content =
            format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&[0x8C, 0xC7, 0x65, 0x99, 0xFF, 0x0F, 0, 0x31, 0, 0x32]));
        (with_font(doc, font), content)
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              資@0.0,50.0 料@10.0,50.0 ／@20.0,50.0 1@30.0,50.0 2@35.0,50.0
        "#]],
    );
}

#[test]
fn big5_cmap_without_to_unicode() {
    let (big5, _, _) = encoding_rs::BIG5.encode("資料一線通 A");
    let bytes = pdf(dictionary! {}, |doc| {
        let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&big5));
        (with_font(doc, type0("ETen-B5-H", vec![])), content)
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              資@0.0,50.0 料@10.0,50.0 一@20.0,50.0 線@30.0,50.0 通@40.0,50.0  @50.0,50.0 A@60.0,50.0
        "#]],
    );
}

#[test]
fn gbk_cmap_without_to_unicode() {
    let (gbk, _, _) = encoding_rs::GB18030.encode("数据1");
    let bytes = pdf(dictionary! {}, |doc| {
        let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&gbk));
        (with_font(doc, type0("GBK-EUC-H", vec![])), content)
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              数@0.0,50.0 据@10.0,50.0 1@20.0,50.0
        "#]],
    );
}

#[test]
fn kangxi_radicals_become_ideographs() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "3 beginbfchar <0001> <2F08> <0002> <2F1D> <0003> <FF0F> endbfchar");
        let mut font = type0("Identity-H", vec![]);
        font.set("ToUnicode", tu);
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td <000100020003> Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              人@0.0,50.0 口@10.0,50.0 ／@20.0,50.0
        "#]],
    );
}

#[test]
fn undecodable_codes_are_replacement_characters() {
    // Identity-H without ToUnicode: the text is unknowable, but the glyphs
    // still take their place, and the font is reported once per page.
    let bytes = pdf(dictionary! {}, |doc| {
        (
            with_font(doc, identity_ordering(type0("Identity-H", vec![]))),
            "BT /F1 10 Tf 0 50 Td <00410042> Tj <0043> Tj ET".into(),
        )
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              �@0.0,50.0 �@10.0,50.0 �@20.0,50.0
            ! pSome(1): font TestCJK has codes with no known Unicode; shown as U+FFFD
        "#]],
    );
}

#[test]
fn vertical_writing() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "1 beginbfrange <0001> <0002> <4E00> endbfrange");
        let mut font = type0("Identity-V", vec![]);
        font.set("ToUnicode", tu);
        (with_font(doc, font), "BT /F1 10 Tf 100 90 Td <00010002> Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              一@95.0,18.8 丁@95.0,28.8
        "#]],
    );
}

#[test]
fn vertical_metrics_from_dw2() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "1 beginbfrange <0001> <0002> <4E00> endbfrange");
        let mut font = type0("Identity-V", vec![]);
        font.set("ToUnicode", tu);
        if let Ok(Object::Array(d)) = font.get_mut(b"DescendantFonts")
            && let Some(Object::Dictionary(cid)) = d.first_mut()
        {
            cid.set("DW2", vec![500.into(), (-500).into()]);
        }
        (with_font(doc, font), "BT /F1 10 Tf 100 90 Td <00010002> Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              一@95.0,15.0 丁@95.0,20.0
        "#]],
    );
}

#[test]
fn identity_true_type_without_to_unicode_reads_the_font_cmap() {
    let bytes = pdf(dictionary! {}, |doc| {
        let program = crate::pdf::truetype::tests::tiny_font(&[(0x41, 0x43, 5), (0x8CC7, 0x8CC7, 9)]);
        let file = doc.add_object(Stream::new(dictionary! {}, program));
        let gids = doc.add_object(Stream::new(dictionary! {}, vec![0, 0, 0, 9, 0, 5]));
        let mut font = identity_ordering(type0("Identity-H", vec![]));
        if let Ok(Object::Array(d)) = font.get_mut(b"DescendantFonts")
            && let Some(Object::Dictionary(cid)) = d.first_mut()
        {
            cid.set("Subtype", "CIDFontType2");
            cid.set("FontDescriptor", dictionary! { "Type" => "FontDescriptor", "FontFile2" => file });
            cid.set("CIDToGIDMap", gids);
        }
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td <000100020003> Tj ET".into())
    });
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              資@0.0,50.0 A@10.0,50.0 �@20.0,50.0
            ! pSome(1): font TestCJK has codes with no known Unicode; shown as U+FFFD
        "#]],
    );
}

/// The font with CIDs of no Adobe collection (`Adobe-Identity`), so that
/// only the font itself can say what they are.
fn identity_ordering(mut font: lopdf::Dictionary) -> lopdf::Dictionary {
    if let Ok(Object::Array(d)) = font.get_mut(b"DescendantFonts")
        && let Some(Object::Dictionary(cid)) = d.first_mut()
        && let Ok(Object::Dictionary(info)) = cid.get_mut(b"CIDSystemInfo")
    {
        info.set("Ordering", Object::string_literal("Identity"));
    }
    font
}

#[test]
fn byte_swapped_ligature_map_and_ligature_code_points() {
    // Code 1 is an "fi" ligature mapped to U+6600 U+6900 (UTF-16 in the
    // wrong byte order), code 2 to U+FB02 "ﬂ", code 3 an "ffi" as
    // Ghostscript writes it, U+6600 U+CF00.
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "3 beginbfchar <01> <66006900> <02> <FB02> <03> <6600cf00> endbfchar");
        let mut font = helvetica();
        font.set("ToUnicode", tu);
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td (\\001nd \\002y O\\003ce) Tj ET".into())
    });
    let doc = pages(&bytes).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "find fly Office");
}

#[test]
fn type3_glyph_names_that_are_not_standard_are_guessed() {
    // a45 and 32 stand for their codes; G41, g0042 and C67 name code points;
    // a name on a control code stays unknown.
    let font = type3_named(&[(1, "x1"), (32, "32"), (45, "a45"), (50, "G41"), (51, "g0042"), (52, "C67"), (97, "a97")]);
    let doc = pages(&simple_text(font, "BT /F1 10 Tf 0 50 Td (a-234 \\001) Tj ET")).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "a-ABC \u{FFFD}");
}

#[test]
fn zapf_dingbats_and_symbol_use_their_built_in_encodings() {
    for (base, content, want) in [
        ("ZapfDingbats", "(3l)", "✓●"),
        ("Symbol", "(ab)", "αβ"),
        // Differences on top of the built-in encoding, not StandardEncoding.
        ("ZapfDingbats", "(An)", "✡■"),
    ] {
        let mut font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base };
        if want == "✡■" {
            font.set("Encoding", dictionary! { "Differences" => vec![200.into(), "A".into()] });
        }
        let doc = pages(&simple_text(font, &format!("BT /F1 10 Tf 0 50 Td {content} Tj ET"))).expect("reads");
        let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, want, "{base}");
    }
}

#[test]
fn partial_to_unicode_falls_back_to_the_font_encoding() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = to_unicode(doc, "1 beginbfchar <41> <0058> endbfchar");
        let mut font = helvetica();
        font.set("ToUnicode", tu);
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td (AB) Tj ET".into())
    });
    let doc = pages(&bytes).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "XB");
}

#[test]
fn codes_a_standard_font_has_no_glyph_for_draw_nothing() {
    let mut font = helvetica();
    font.set("Encoding", "WinAnsiEncoding");
    let doc = pages(&simple_text(font, "BT /F1 10 Tf 0 50 Td (A\\001\\002B) Tj ET")).expect("reads");
    let glyphs: Vec<(&str, f32)> = doc.pages[0].glyphs.iter().map(|g| (g.text.as_str(), g.bbox.x0)).collect();
    // B still sits after the two codes' advances.
    assert_eq!(glyphs.len(), 2);
    assert_eq!(glyphs[0].0, "A");
    assert_eq!(glyphs[1].0, "B");
    assert!(glyphs[1].1 > 6.67 + 0.1, "{glyphs:?}");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}
