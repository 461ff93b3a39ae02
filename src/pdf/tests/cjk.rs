//! CID fonts without a usable ToUnicode: the Adobe collections' tables and
//! the plainly named predefined CMaps.

use lopdf::{Document, Object, Stream, dictionary};

use super::*;

fn cid_font(ordering: &str, encoding: &str, to_unicode: Option<Object>) -> lopdf::Dictionary {
    let mut font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "NoToUnicode", "Encoding" => encoding,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "NoToUnicode",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering),
                "Supplement" => 2,
            },
        })],
    };
    if let Some(tu) = to_unicode {
        font.set("ToUnicode", tu);
    }
    font
}

fn shown(ordering: &str, encoding: &str, to_unicode: Option<&str>, codes: &[u8]) -> String {
    let content = format!("BT /F1 10 Tf 0 50 Td <{}> Tj ET", hex(codes));
    let bytes = pdf(dictionary! {}, |doc: &mut Document| {
        let tu = to_unicode.map(|body| doc.add_object(Stream::new(dictionary! {}, body.as_bytes().to_vec())).into());
        (with_font(doc, cid_font(ordering, encoding, tu)), content)
    });
    let doc = pages(&bytes).expect("reads");
    doc.pages.iter().flat_map(|p| p.glyphs.iter().map(|g| g.text.clone())).collect()
}

#[test]
fn each_collection_decodes_identity_cids() {
    // CID 34 is "A" in all four; then a CJK character from each table.
    assert_eq!(shown("Japan1", "Identity-H", None, &[0, 34, 0x05, 0xFD]), "A漢");
    assert_eq!(shown("GB1", "Identity-H", None, &[0, 34, 0x11, 0xCF]), "A中");
    assert_eq!(shown("CNS1", "Identity-V", None, &[0, 34, 0x02, 0x53]), "A一");
    assert_eq!(shown("Korea1", "Identity-H", None, &[0, 34, 0x04, 0x3E]), "A가");
    // Not a collection we know: nothing to guess from.
    assert_eq!(shown("Identity", "Identity-H", None, &[0, 34]), "\u{FFFD}");
}

#[test]
fn empty_or_usecmap_to_unicode_falls_back_to_the_collection() {
    let empty = "/CIDInit /ProcSet findresource begin begincmap endcmap end";
    assert_eq!(shown("Japan1", "Identity-H", Some(empty), &[0x05, 0xFD]), "漢");
    let usecmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /Adobe-Korea1-UCS2 usecmap\n\
                   1 beginbfchar <0022> <0042> endbfchar endcmap end end";
    // The font's own ordering is not Korea1, but its ToUnicode names it.
    assert_eq!(shown("Unknown", "Identity-H", Some(usecmap), &[0, 34, 0x04, 0x3E]), "B가");
}

#[test]
fn plainly_named_h_and_v_cmaps() {
    // JIS X 0208 in 7-bit form: 0x2422 is あ, 0x3021 亜.
    assert_eq!(shown("Japan1", "H", None, &[0x24, 0x22, 0x30, 0x21]), "あ亜");
    assert_eq!(shown("Japan1", "V", None, &[0x24, 0x22]), "あ");
}
