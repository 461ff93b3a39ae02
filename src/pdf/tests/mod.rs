//! End-to-end tests: small PDFs built with lopdf, through [`super::pages`].

mod cjk;
mod content;
mod fonts;
mod memory;
mod repair;
mod sweep;

use expect_test::Expect;
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

use super::{PdfDocument, pages};

/// Builds a one-page PDF. `setup` adds objects (fonts, forms) and returns the
/// page's resource dictionary and content stream.
fn pdf(page_extra: lopdf::Dictionary, setup: impl FnOnce(&mut Document) -> (lopdf::Dictionary, String)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let (resources, content) = setup(&mut doc);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let mut page = dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
        "Contents" => content_id,
        "Resources" => resources,
    };
    for (k, v) in page_extra.iter() {
        page.set(k.clone(), v.clone());
    }
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("test PDF saves");
    out
}

/// A resource dictionary holding one font `/F1`.
fn with_font(doc: &mut Document, font: lopdf::Dictionary) -> lopdf::Dictionary {
    let id = doc.add_object(font);
    dictionary! { "Font" => dictionary! { "F1" => id } }
}

fn to_unicode(doc: &mut Document, body: &str) -> Object {
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n{body}\nendcmap end end"
    );
    doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes())).into()
}

fn type0(encoding: &str, w: Vec<Object>) -> lopdf::Dictionary {
    dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "TestCJK", "Encoding" => encoding,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "TestCJK",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("CNS1"),
                "Supplement" => 0,
            },
            "W" => w,
        })],
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Glyphs as `text@x,baseline` (x of the box's left edge), rules as
/// `x0,y0-x1,y1`, then diagnostics.
fn render(doc: &PdfDocument) -> String {
    let mut out = String::new();
    for page in &doc.pages {
        out += &format!("page {} {}x{}\n", page.number, page.width, page.height);
        let glyphs: Vec<String> =
            page.glyphs.iter().map(|g| format!("{}@{:.1},{:.1}", g.text, g.bbox.x0, g.baseline)).collect();
        if !glyphs.is_empty() {
            out += &format!("  {}\n", glyphs.join(" "));
        }
        for r in &page.rules {
            out += &format!("  rule {:.1},{:.1}-{:.1},{:.1}\n", r.x0, r.y0, r.x1, r.y1);
        }
    }
    for d in &doc.diagnostics {
        out += &format!("! p{:?}: {}\n", d.page, d.message);
    }
    out
}

fn check(bytes: &[u8], expect: Expect) {
    let doc = pages(bytes).expect("test PDF reads");
    expect.assert_eq(&render(&doc));
}

fn simple_text(font: lopdf::Dictionary, content: &str) -> Vec<u8> {
    let content = content.to_string();
    pdf(dictionary! {}, |doc| (with_font(doc, font), content))
}

/// A Type 3 font whose glyphs are named by `names` (code, glyph name), in
/// a 1000-unit glyph space and with no glyph procedures.
fn type3_named(names: &[(i64, &str)]) -> lopdf::Dictionary {
    let differences: Vec<Object> = names
        .iter()
        .flat_map(|(code, name)| [Object::Integer(*code), Object::Name(name.as_bytes().to_vec())])
        .collect();
    dictionary! {
        "Type" => "Font", "Subtype" => "Type3",
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
        "CharProcs" => dictionary! {},
        "Encoding" => dictionary! { "Differences" => differences },
    }
}

fn helvetica() -> lopdf::Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let plain = simple_text(helvetica(), "BT /F1 10 Tf 0 50 Td (Hi) Tj ET");
    let mut doc = Document::load_mem(&plain).expect("reload");
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}
