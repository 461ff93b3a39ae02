//! Regressions from the sweep of public test PDFs (docs/sweep-causes.md):
//! each test builds a small PDF with the cause that made odplan lose text
//! pdftotext or MuPDF read.

use lopdf::{Object, Stream, dictionary};

use super::{helvetica, hex, pages, pdf, simple_text, type0, type3_named, with_font};

fn text_of(bytes: &[u8]) -> String {
    let doc = pages(bytes).expect("test PDF reads");
    doc.pages.iter().flat_map(|p| &p.glyphs).map(|g| g.text.as_str()).collect()
}

#[test]
fn to_unicode_named_identity_reads_codes_as_ucs2() {
    let bytes = pdf(dictionary! {}, |doc| {
        let mut font = type0("Identity-H", vec![]);
        font.set("ToUnicode", "Identity-H");
        let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&[0, 0x56, 0, 0xFD, 0x20, 0x13]));
        (with_font(doc, font), content)
    });
    assert_eq!(text_of(&bytes), "Vý–");
}

/// A page whose `/Annots` is the array `annots` builds.
fn with_annots(annots: impl FnOnce(&mut lopdf::Document) -> Vec<Object>) -> Vec<u8> {
    let list = (999, 0);
    pdf(dictionary! { "Annots" => Object::Reference(list) }, |doc| {
        let font = doc.add_object(helvetica());
        let items = annots(doc);
        doc.objects.insert(list, Object::Array(items));
        (dictionary! { "Font" => dictionary! { "F1" => font } }, "BT /F1 10 Tf 0 90 Td (Page) Tj ET".into())
    })
}

#[test]
fn fields_and_free_text_without_appearance_show_their_value() {
    let bytes = with_annots(|doc| {
        // The field's type and value live on its parent field.
        let parent = doc.add_object(dictionary! { "FT" => "Tx", "V" => Object::string_literal("Typed") });
        let utf16 = Object::String(b"\xFE\xFF\x00N\x00o\x01\x42\x4E\x2D".to_vec(), lopdf::StringFormat::Hexadecimal);
        vec![
            Object::Dictionary(dictionary! {
                "Subtype" => "Widget", "Parent" => parent, "DA" => Object::string_literal("/Helv 10 Tf 0 g"),
                "Rect" => vec![10.into(), 40.into(), 90.into(), 60.into()],
            }),
            Object::Dictionary(dictionary! {
                "Subtype" => "FreeText", "Contents" => utf16,
                "Rect" => vec![100.into(), 40.into(), 190.into(), 60.into()],
            }),
            // A check box has no text; a hidden field is not shown.
            Object::Dictionary(dictionary! {
                "Subtype" => "Widget", "FT" => "Btn", "V" => "Yes",
                "Rect" => vec![10.into(), 10.into(), 20.into(), 20.into()],
            }),
            Object::Dictionary(dictionary! {
                "Subtype" => "Widget", "FT" => "Tx", "V" => Object::string_literal("Hidden"), "F" => 2,
                "Rect" => vec![30.into(), 10.into(), 90.into(), 20.into()],
            }),
        ]
    });
    assert_eq!(text_of(&bytes), "PageTypedNoł中");
    let doc = pages(&bytes).expect("reads");
    let typed = doc.pages[0].glyphs.iter().find(|g| g.text == "T").expect("field text");
    // Inside the field's rectangle (y down: 100 - 60 = 40 to 60).
    assert!(typed.bbox.x0 >= 10.0 && typed.bbox.y0 >= 40.0 && typed.bbox.y1 <= 60.0, "{typed:?}");
}

#[test]
fn appearances_of_any_annotation_but_pop_ups_are_drawn() {
    let bytes = with_annots(|doc| {
        let font = doc.add_object(helvetica());
        let mut annots = Vec::new();
        for (subtype, text, x) in [("Stamp", "Stamp", 10), ("Screen", "Screen", 70), ("Popup", "Popup", 130)] {
            let ap = doc.add_object(Stream::new(
                dictionary! {
                    "Subtype" => "Form", "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                    "BBox" => vec![0.into(), 0.into(), 50.into(), 20.into()],
                },
                format!("BT /F1 10 Tf 2 5 Td ({text}) Tj ET").into_bytes(),
            ));
            annots.push(Object::Dictionary(dictionary! {
                "Subtype" => subtype, "Rect" => vec![x.into(), 10.into(), (x + 50).into(), 30.into()],
                "AP" => dictionary! { "N" => ap },
            }));
        }
        annots
    });
    assert_eq!(text_of(&bytes), "PageStampScreen");
}

#[test]
fn codes_an_embedded_type1_font_has_no_glyph_name_for_show_nothing() {
    // StandardEncoding names no glyph at 0xE0: the program draws `.notdef`.
    let bytes = pdf(dictionary! {}, |doc| {
        let program = b"%!PS-AdobeFont-1.0: Tiny\n/Encoding StandardEncoding def\ncurrentfile eexec\n".to_vec();
        let file = doc.add_object(Stream::new(dictionary! {}, program));
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Tiny",
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 32, "FontFile" => file },
        };
        (with_font(doc, font), "BT /F1 10 Tf 0 50 Td (A\\340B) Tj ET".into())
    });
    let doc = pages(&bytes).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "AB");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn type3_names_with_hex_digits_are_hex_codes_throughout_the_font() {
    // C2c has a hex letter, so C41 is 0x41 ("A"), not decimal 41 (")").
    let font = type3_named(&[(44, "C2c"), (65, "C41"), (66, "C42")]);
    assert_eq!(text_of(&simple_text(font, "BT /F1 10 Tf 0 50 Td (AB,) Tj ET")), "AB,");
}

#[test]
fn a_standard_font_written_as_true_type_keeps_standard_encoding() {
    // \361 is "æ" in StandardEncoding and "ñ" in WinAnsiEncoding.
    for (base, want) in [("ArialMT", "æø"), ("Verdana", "ñù")] {
        let font = dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => base };
        assert_eq!(text_of(&simple_text(font, "BT /F1 10 Tf 0 50 Td (\\361\\371) Tj ET")), want, "{base}");
    }
}

#[test]
fn cid_sections_in_a_to_unicode_cmap_give_code_points() {
    let bytes = pdf(dictionary! {}, |doc| {
        let tu = super::to_unicode(
            doc,
            "1 begincidrange <4E00> <4EFF> 19968 endcidrange 1 begincidchar <0001> 65 endcidchar",
        );
        let mut font = type0("Identity-H", vec![]);
        font.set("ToUnicode", tu);
        let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&[0x4E, 0x2D, 0, 1]));
        (with_font(doc, font), content)
    });
    assert_eq!(text_of(&bytes), "中A");
}

#[test]
fn optional_content_turned_off_is_not_drawn() {
    let (off, on) = ((990, 0), (991, 0));
    let bytes = pdf(dictionary! {}, |doc| {
        for id in [off, on] {
            doc.objects
                .insert(id, Object::Dictionary(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("L") }));
        }
        let font = doc.add_object(helvetica());
        let hidden_form = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Form", "OC" => off, "BBox" => vec![0.into(), 0.into(), 50.into(), 50.into()] },
            b"BT /F1 10 Tf 0 0 Td (Form) Tj ET".to_vec(),
        ));
        let both_off =
            doc.add_object(dictionary! { "Type" => "OCMD", "OCGs" => vec![off.into(), on.into()], "P" => "AllOn" });
        let res = dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "X" => hidden_form },
            "Properties" => dictionary! { "Off" => off, "On" => on, "Md" => both_off },
        };
        let content = "/OC /Off BDC BT /F1 10 Tf 0 50 Td (Gone) Tj ET 0 0 m 100 0 l S EMC \
                       /OC /On BDC BT /F1 10 Tf 0 60 Td (Seen) Tj ET EMC \
                       /OC /Md BDC BT /F1 10 Tf 0 70 Td (Also) Tj ET EMC /X Do";
        (res, content.into())
    });
    let mut doc = lopdf::Document::load_mem(&bytes).expect("reload");
    let catalog = doc.trailer.get(b"Root").and_then(Object::as_reference).expect("root");
    let props = dictionary! { "OCGs" => vec![off.into(), on.into()], "D" => dictionary! { "OFF" => vec![off.into()] } };
    doc.get_dictionary_mut(catalog).expect("catalog").set("OCProperties", props);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    let read = pages(&out).expect("reads");
    assert_eq!(text_of(&out), "Seen");
    assert!(read.pages[0].rules.is_empty(), "{:?}", read.pages[0].rules);
    assert_eq!((read.text_shown, read.text_hidden), (3, 2));
    assert!(read.no_text().is_none());
}

#[test]
fn lone_signs_and_operators_inside_a_tj_array_are_passed_over() {
    let content = "BT /F1 10 Tf 0 50 Td [(A)-(B) 0.0 Tc -250.0 (C)] TJ (D) Tj ET";
    let doc = pages(&simple_text(helvetica(), content)).expect("reads");
    let text: String = doc.pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "ABCD");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn crypt_filters_given_by_reference_decrypt() {
    use std::collections::BTreeMap;
    use std::sync::Arc;
    let plain = simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td (Secret) Tj ET");
    let mut doc = lopdf::Document::load_mem(&plain).expect("reload");
    let id = Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let aes: Arc<dyn lopdf::encryption::crypt_filters::CryptFilter> =
        Arc::new(lopdf::encryption::crypt_filters::Aes128CryptFilter);
    let version = lopdf::EncryptionVersion::V4 {
        document: &doc,
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), aes)]),
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner",
        user_password: "",
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    // /CF and the filter in it become objects of their own.
    let encrypt = doc.trailer.get(b"Encrypt").and_then(Object::as_reference).expect("encrypt ref");
    let filters = doc.get_dictionary(encrypt).and_then(|e| e.get(b"CF")).and_then(Object::as_dict).expect("CF").clone();
    let std_cf = doc.add_object(filters.get(b"StdCF").expect("StdCF").clone());
    let cf = doc.add_object(dictionary! { "StdCF" => std_cf });
    doc.get_dictionary_mut(encrypt).expect("encrypt dict").set("CF", cf);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    assert_eq!(text_of(&out), "Secret");
}

#[test]
fn loading_drops_image_bytes_and_stream_lengths() {
    let mut image = Object::Stream(Stream::new(
        dictionary! { "Subtype" => "Image", "Width" => 1, "Height" => 1, "Length" => 3 },
        vec![1, 2, 3],
    ));
    let _ = crate::pdf::slim::slim((7, 0), &mut image);
    let image = image.as_stream().expect("still a stream");
    assert!(image.content.is_empty() && image.start_position.is_none(), "{image:?}");
    let mut content = Object::Stream(Stream::new(dictionary! { "Length" => 2 }, b"BT".to_vec()));
    let _ = crate::pdf::slim::slim((8, 0), &mut content);
    let content = content.as_stream().expect("still a stream");
    assert!(content.dict.is_empty() && content.content == b"BT", "{content:?}");
    // A page that draws an image still gives its text.
    let bytes = pdf(dictionary! {}, |doc| {
        let img = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
            vec![0],
        ));
        let font = doc.add_object(helvetica());
        let res = dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Im" => img } };
        (res, "q 10 0 0 10 0 0 cm /Im Do Q BT /F1 10 Tf 0 50 Td (Text) Tj ET".into())
    });
    assert_eq!(text_of(&bytes), "Text");
}

#[test]
fn a_font_name_written_with_a_space_keeps_its_font() {
    // "/BaseFont /Arial,Unicode MS": lopdf refuses the dictionary, so the
    // font and its ToUnicode were lost; the name is read as one.
    let bytes = pdf(dictionary! {}, |doc| {
        let mut font = type0("Identity-H", vec![]);
        font.set("ToUnicode", super::to_unicode(doc, "2 beginbfchar <0001> <0048> <0002> <0069> endbfchar"));
        let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(&[0, 1, 0, 2]));
        (with_font(doc, font), content)
    });
    let spaced = String::from_utf8_lossy(&bytes).replace("/TestCJK", "/Arial,Unicode MS").into_bytes();
    assert_ne!(spaced, bytes);
    assert_eq!(text_of(&spaced), "Hi");
}
