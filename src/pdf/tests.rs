//! PDFs built here, one per font and encoding path, read back through
//! `pages`.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

use super::pages;

/// A one-page document whose /Resources hold `fonts` (name → font
/// dictionary) and `xobjects`, drawing `content`.
struct Builder {
    doc: Document,
    fonts: Dictionary,
    xobjects: Dictionary,
    media: Vec<Object>,
    rotate: i64,
}

impl Builder {
    fn new() -> Self {
        Builder {
            doc: Document::with_version("1.7"),
            fonts: Dictionary::new(),
            xobjects: Dictionary::new(),
            media: vec![0.into(), 0.into(), 600.into(), 400.into()],
            rotate: 0,
        }
    }

    fn stream(&mut self, dict: Dictionary, bytes: &[u8]) -> Object {
        Object::Reference(self.doc.add_object(Stream::new(dict, bytes.to_vec())))
    }

    fn font(&mut self, name: &str, dict: Dictionary) -> &mut Self {
        let id = self.doc.add_object(dict);
        self.fonts.set(name, id);
        self
    }

    fn build(mut self, content: &[u8]) -> Vec<u8> {
        let pages_id = self.doc.new_object_id();
        let content_id = self.doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
        let resources = dictionary! { "Font" => self.fonts, "XObject" => self.xobjects };
        let page = self.doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources, "MediaBox" => self.media, "Rotate" => self.rotate,
        });
        self.doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = self.doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("save");
        out
    }
}

/// Text and rounded origin of each glyph, then the diagnostics.
fn render(bytes: &[u8]) -> String {
    let doc = match pages(bytes) {
        Ok(d) => d,
        Err(e) => return format!("error: {e}"),
    };
    let mut out = String::new();
    for p in &doc.pages {
        out.push_str(&format!("page {} {}x{}:", p.number, p.width, p.height));
        for g in &p.glyphs {
            out.push_str(&format!(" {}@{},{}", g.text, g.bbox.x0.round(), g.baseline.round()));
        }
        for r in &p.rules {
            out.push_str(&format!(" |{},{}-{},{}|", r.x0.round(), r.y0.round(), r.x1.round(), r.y1.round()));
        }
    }
    for d in &doc.diagnostics {
        out.push_str(&format!("\n! {}", crate::output::render_diagnostic(d)));
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn helvetica() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" }
}

#[test]
fn standard_14_helvetica_widths_advance_glyphs() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    // Helvetica: "W" is 944/1000 wide, "i" 222; at 10pt: 9.44 and 2.22.
    let pdf = b.build(b"BT /F1 10 Tf 100 300 Td (Wii\x95) Tj ET");
    expect_test::expect![[r#"page 1 600x400: W@100,100 i@109,100 i@112,100 •@114,100"#]].assert_eq(&render(&pdf));
}

#[test]
fn differences_with_glyph_list_and_uni_names() {
    let mut b = Builder::new();
    let enc = dictionary! {
        "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
        "Differences" => vec![65.into(), "uni6578".into(), "Lslash".into(), "f_i".into()],
    };
    b.font(
        "F1",
        dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Sub",
            "FirstChar" => 65, "LastChar" => 68, "Widths" => vec![1000.into(), 600.into(), 500.into(), 500.into()],
            "Encoding" => enc,
        },
    );
    let pdf = b.build(b"BT /F1 10 Tf 10 20 Td (ABCD) Tj ET");
    expect_test::expect![[r#"page 1 600x400: 數@10,380 Ł@20,380 fi@26,380 D@31,380"#]].assert_eq(&render(&pdf));
}

#[test]
fn type3_font_uses_its_font_matrix() {
    let mut b = Builder::new();
    b.font("T3", dictionary! {
        "Type" => "Font", "Subtype" => "Type3", "FontBBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
        "FontMatrix" => vec![0.1.into(), 0.into(), 0.into(), 0.1.into(), 0.into(), 0.into()],
        "FirstChar" => 97, "LastChar" => 98, "Widths" => vec![5.into(), 8.into()],
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => vec![97.into(), "a".into(), "b".into()] },
        "CharProcs" => Dictionary::new(), "Resources" => Dictionary::new(),
    });
    // Widths 5 and 8 glyph units × 0.1 = 0.5 and 0.8 em; at 20pt, 10 and 16.
    let pdf = b.build(b"BT /T3 20 Tf 0 0 Td (aba) Tj ET");
    expect_test::expect![[r#"page 1 600x400: a@0,400 b@10,400 a@26,400"#]].assert_eq(&render(&pdf));
}

fn type0(b: &mut Builder, encoding: Object, to_unicode: Option<&[u8]>, w: Vec<Object>) -> Dictionary {
    let descendant = dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "MSung-Light",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("CNS1"), "Supplement" => 1 },
        "DW" => 1000, "W" => w,
    };
    let mut font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "MSung-Light",
        "Encoding" => encoding, "DescendantFonts" => vec![descendant.into()],
    };
    if let Some(map) = to_unicode {
        let s = b.stream(Dictionary::new(), map);
        font.set("ToUnicode", s);
    }
    font
}

#[test]
fn identity_h_with_to_unicode() {
    let mut b = Builder::new();
    let map = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0001> <6578> <0002> <00660069> endbfchar
        2 beginbfrange <0010> <0011> <64DA> <0020> <0021> [<D835DC00> <8A08>] endbfrange";
    let f = type0(&mut b, "Identity-H".into(), Some(map), vec![1.into(), vec![500.into(), 600.into()].into()]);
    b.font("F0", f);
    let pdf = b.build(
        format!("BT /F0 10 Tf 0 300 Td <{}> Tj ET", hex(&[0, 1, 0, 2, 0, 0x10, 0, 0x11, 0, 0x20, 0, 0x21])).as_bytes(),
    );
    expect_test::expect!["page 1 600x400: 數@0,100 fi@5,100 據@11,100 擛@21,100 𝐀@31,100 計@41,100"]
        .assert_eq(&render(&pdf));
}

#[test]
fn ucs2_cmap_without_to_unicode_keeps_full_width_solidus() {
    let mut b = Builder::new();
    let f = type0(&mut b, "UniCNS-UCS2-H".into(), None, vec![34.into(), vec![600.into()].into()]);
    b.font("F0", f);
    // 局／部 then "A" (CID 34 in Adobe-CNS1, 600 wide).
    let pdf = b.build(b"BT /F0 10 Tf 0 300 Td <5C40FF0F90E80041> Tj ET");
    expect_test::expect![[r#"page 1 600x400: 局@0,100 ／@10,100 部@20,100 A@30,100"#]].assert_eq(&render(&pdf));
}

#[test]
fn big5_and_gbk_cmaps_without_to_unicode() {
    let mut b = Builder::new();
    let f = type0(&mut b, "ETen-B5-H".into(), None, vec![]);
    b.font("B5", f);
    let f = type0(&mut b, "GBK-EUC-H".into(), None, vec![]);
    b.font("GB", f);
    let (big5, _, _) = encoding_rs::BIG5.encode("資料一線通A");
    let (gbk, _, _) = encoding_rs::GB18030.encode("数据");
    let content = format!("BT /B5 10 Tf 0 300 Td <{}> Tj /GB 10 Tf 0 -20 Td <{}> Tj ET", hex(&big5), hex(&gbk));
    let pdf = b.build(content.as_bytes());
    expect_test::expect![[
        r#"page 1 600x400: 資@0,100 料@10,100 一@20,100 線@30,100 通@40,100 A@50,100 数@0,120 据@10,120"#
    ]]
    .assert_eq(&render(&pdf));
}

#[test]
fn kangxi_radicals_from_to_unicode_read_as_ideographs() {
    let mut b = Builder::new();
    let map = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
        3 beginbfchar <0001> <2F08> <0002> <2F1D> <0003> <F900> endbfchar";
    let f = type0(&mut b, "Identity-H".into(), Some(map), vec![]);
    b.font("F0", f);
    let pdf = b.build(b"BT /F0 10 Tf 0 300 Td <000100020003> Tj ET");
    expect_test::expect![[r#"page 1 600x400: 人@0,100 口@10,100 豈@20,100"#]].assert_eq(&render(&pdf));
}

#[test]
fn undecodable_codes_become_replacement_characters_with_a_diagnostic() {
    let mut b = Builder::new();
    let f = type0(&mut b, "Identity-H".into(), None, vec![]);
    b.font("F0", f);
    let pdf = b.build(b"BT /F0 10 Tf 0 300 Td <00410042> Tj ET");
    expect_test::expect![[r#"
        page 1 600x400: �@0,100 �@10,100
        ! page 1: font MSung-Light: some characters could not be decoded (shown as U+FFFD)"#]]
    .assert_eq(&render(&pdf));
}

#[test]
fn kerning_spacing_and_text_operators() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    // TJ: -1000 moves one em (10pt) right. Tc adds 1pt a glyph, Tw 5pt
    // at a space, Tz 50% halves advances; T* and ' move down by TL.
    let pdf = b
        .build(b"BT /F1 10 Tf 14 TL 0 300 Td [(a) -1000 (b)] TJ T* 1 Tc (ab) Tj 5 Tw 0 Tc (a b) ' 50 Tz T* (ab) Tj ET");
    expect_test::expect!["page 1 600x400: a@0,100 b@16,100 a@0,114 b@7,114 a@0,128  @6,128 b@13,128 a@0,142 b@3,142"]
        .assert_eq(&render(&pdf));
}

#[test]
fn form_xobject_with_its_own_resources_and_matrix() {
    let mut b = Builder::new();
    let inner_font = b.doc.add_object(helvetica());
    let form = b.stream(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 50.into(), 0.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "FX" => inner_font } },
        },
        b"BT /FX 10 Tf 10 10 Td (x) Tj ET",
    );
    b.xobjects.set("Fm1", form);
    let pdf = b.build(b"q 1 0 0 1 0 100 cm /Fm1 Do Q");
    expect_test::expect!["page 1 600x400: x@60,290"].assert_eq(&render(&pdf));
}

#[test]
fn a_form_that_draws_itself_is_cut() {
    let mut b = Builder::new();
    let id = b.doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Me" => id } },
        },
        b"/Me Do".to_vec(),
    );
    b.doc.objects.insert(id, Object::Stream(form));
    b.xobjects.set("Me", id);
    let pdf = b.build(b"/Me Do");
    let out = render(&pdf);
    assert!(out.contains("draws itself"), "{out}");
}

#[test]
fn rules_from_lines_and_rectangles() {
    let b = Builder::new();
    // A stroked line, a thin filled rectangle (a border) and a box.
    let pdf = b.build(b"10 390 m 110 390 l S 10 300 0.5 50 re f 200 200 50 20 re S 0 0 m 30 30 l S");
    expect_test::expect![[r#"page 1 600x400: |10,10-110,10| |10,50-10,100| |200,180-250,180| |200,200-250,200| |200,180-200,200| |250,180-250,200|"#]]
        .assert_eq(&render(&pdf));
}

#[test]
fn rotated_pages_read_upright() {
    let mut b = Builder::new();
    b.rotate = 90;
    b.font("F1", helvetica());
    // On a 600x400 page turned 90°, text drawn going up the page at
    // x=100 reads left to right near the top of a 400x600 view.
    let pdf = b.build(b"BT /F1 10 Tf 0 1 -1 0 100 50 Tm (ab) Tj ET");
    expect_test::expect![[r#"page 1 400x600: a@50,100 b@56,100"#]].assert_eq(&render(&pdf));
}

#[test]
fn not_a_pdf_and_empty() {
    assert_eq!(render(b""), "error: empty file");
    assert_eq!(render(b"<html>hello</html>"), "error: not a PDF: no %PDF- header in the first 1024 bytes");
    assert!(render(b"%PDF-1.7\n garbage").starts_with("error: unreadable PDF"), "{}", render(b"%PDF-1.7\n garbage"));
}

#[test]
fn string_formats_do_not_matter() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let content = lopdf::content::Content {
        operations: vec![
            lopdf::content::Operation::new("BT", vec![]),
            lopdf::content::Operation::new("Tf", vec!["F1".into(), 10.into()]),
            lopdf::content::Operation::new("Tj", vec![Object::String(b"ok".to_vec(), StringFormat::Hexadecimal)]),
            lopdf::content::Operation::new("ET", vec![]),
        ],
    };
    let pdf = b.build(&content.encode().expect("encode"));
    expect_test::expect![[r#"page 1 600x400: o@0,400 k@6,400"#]].assert_eq(&render(&pdf));
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let plain = b.build(b"BT /F1 10 Tf 0 300 Td (secret) Tj ET");
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

#[test]
fn encrypted_with_an_empty_user_password_is_read() {
    expect_test::expect![[r#"page 1 600x400: s@0,100 e@5,100 c@11,100 r@16,100 e@19,100 t@24,100"#]]
        .assert_eq(&render(&encrypted("")));
}

#[test]
fn encrypted_with_a_real_password_says_so() {
    expect_test::expect!["error: encrypted PDF: a password is needed to open it"]
        .assert_eq(&render(&encrypted("secret")));
}

#[test]
fn truncated_file_is_recovered_with_a_warning() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let pdf = b.build(b"BT /F1 10 Tf 0 300 Td (kept) Tj ET");
    // Cut off the cross-reference table and trailer.
    let cut = pdf.windows(4).rposition(|w| w == b"xref").expect("xref");
    let out = render(&pdf[..cut]);
    assert!(out.starts_with("page 1 600x400: k@0,100"), "{out}");
    assert!(out.contains("recovered"), "{out}");
}

#[test]
fn limits_stop_bombs_deep_forms_and_huge_pages() {
    use std::io::Write;
    // A content stream that inflates to 1 MB of text operators.
    let mut big = Vec::new();
    for _ in 0..40_000 {
        big.extend_from_slice(b"BT /F1 10 Tf 0 300 Td (x) Tj ET\n");
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&big).expect("deflate");
    let deflated = z.finish().expect("deflate");
    let mut b = Builder::new();
    b.font("F1", helvetica());
    let page = b.build(b"");
    let mut doc = Document::load_mem(&page).expect("reload");
    let (_, page_id) = doc.get_pages().into_iter().next().expect("page");
    let content = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflated));
    doc.get_dictionary_mut(page_id).expect("page").set("Contents", content);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");

    let small = super::Limits { stream_bytes: 64 * 1024, ..super::Limits::default() };
    let out = super::pages_with_limits(&bytes, small).expect("readable");
    assert!(out.pages[0].glyphs.is_empty());
    assert!(out.diagnostics.iter().any(|d| d.message.contains("could not be read")), "{:?}", out.diagnostics);

    let few_ops = super::Limits { operations: 1000, ..super::Limits::default() };
    let out = super::pages_with_limits(&bytes, few_ops).expect("readable");
    assert!(out.pages[0].glyphs.len() < 300);
    assert!(
        out.diagnostics.iter().any(|d| d.message.contains("more than 1000 drawing operations")),
        "{:?}",
        out.diagnostics
    );

    let few_objects = super::Limits { objects: 3, ..super::Limits::default() };
    assert!(matches!(super::pages_with_limits(&bytes, few_objects), Err(crate::Error::Limit(_))));
}

#[test]
fn forms_nested_too_deep_are_cut() {
    let mut b = Builder::new();
    b.font("F1", helvetica());
    // Twenty forms, each drawing the next; the innermost shows text.
    let mut next: Option<lopdf::ObjectId> = None;
    for depth in (0..20).rev() {
        let (content, resources) = match next {
            None => (b"BT /F1 10 Tf (deep) Tj ET".to_vec(), dictionary! {}),
            Some(id) => (b"/Fx Do".to_vec(), dictionary! { "XObject" => dictionary! { "Fx" => id } }),
        };
        let _ = depth;
        let dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()],
            "Resources" => resources,
        };
        next = Some(b.doc.add_object(Stream::new(dict, content)));
    }
    b.xobjects.set("Fx", next.expect("forms"));
    let out = render(&b.build(b"/Fx Do"));
    assert!(out.contains("nested deeper than 16"), "{out}");
    assert!(!out.contains("d@"), "{out}");
}
