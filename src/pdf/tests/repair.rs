//! Files other readers open: odd stream filters and lengths, junk before
//! the header, a page tree that is a page, a font that is not there.

use expect_test::expect;
use lopdf::{Document, Object, Stream, dictionary};

use super::*;

const HELLO: &str = "BT /F1 10 Tf 0 50 Td (Hi) Tj ET";

/// A one-page PDF whose content stream is `stream`, made by `make` (which
/// may add objects) from the page's content.
fn with_content(make: impl FnOnce(&mut Document, &[u8]) -> Stream) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(helvetica());
    let content = make(&mut doc, HELLO.as_bytes());
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
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

fn flated(content: &[u8]) -> Stream {
    let mut s = Stream::new(dictionary! {}, content.to_vec());
    s.compress().expect("compresses");
    assert!(s.dict.has(b"Filter"), "content long enough to compress");
    s
}

fn text_of(bytes: &[u8]) -> String {
    let doc = pages(bytes).expect("test PDF reads");
    doc.pages.iter().flat_map(|p| p.glyphs.iter().map(|g| g.text.as_str())).collect()
}

/// Long enough that flate makes it smaller.
fn long_hello() -> String {
    format!("{HELLO} {}", "q Q ".repeat(40))
}

#[test]
fn abbreviated_empty_and_indirect_filters_decode() {
    let hello = long_hello();
    let abbreviated = with_content(|_, _| {
        let mut s = flated(hello.as_bytes());
        s.dict.set("Filter", vec![Object::Name(b"Fl".to_vec())]);
        s
    });
    assert_eq!(text_of(&abbreviated), "Hi");
    let empty = with_content(|_, c| Stream::new(dictionary! { "Filter" => Vec::<Object>::new() }, c.to_vec()));
    assert_eq!(text_of(&empty), "Hi");
    let indirect = with_content(|doc, _| {
        let mut s = flated(hello.as_bytes());
        let name = doc.add_object(Object::Name(b"FlateDecode".to_vec()));
        let params = doc.add_object(dictionary! { "Predictor" => 1 });
        s.dict.set("Filter", name);
        s.dict.set("DecodeParms", params);
        s
    });
    assert_eq!(text_of(&indirect), "Hi");
    // Two filters, one abbreviated, the parameters of each by reference.
    let chained = with_content(|doc, _| {
        let mut s = flated(hello.as_bytes());
        let hex: String = s.content.iter().map(|b| format!("{b:02x}")).collect();
        s.content = format!("{hex}>").into_bytes();
        let p = doc.add_object(dictionary! {});
        s.dict.set("Filter", vec![Object::Name(b"AHx".to_vec()), Object::Name(b"FlateDecode".to_vec())]);
        s.dict.set("DecodeParms", vec![Object::Null, p.into()]);
        s
    });
    assert_eq!(text_of(&chained), "Hi");
}

/// The PDF lopdf writes, with its one stream's `/Length` entry rewritten.
fn with_length(length: &str) -> Vec<u8> {
    let bytes = with_content(|_, c| Stream::new(dictionary! {}, c.to_vec()));
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    let declared = format!("/Length {}", HELLO.len());
    assert!(text.contains(&declared), "lopdf writes the length");
    text.replacen(&declared, length, 1).chars().map(|c| c as u8).collect()
}

#[test]
fn stream_without_or_with_a_wrong_length_reads_to_endstream() {
    assert_eq!(text_of(&with_length("")), "Hi");
    assert_eq!(text_of(&with_length("/Length 5")), "Hi");
    assert_eq!(text_of(&with_length("/Length 9999")), "Hi");
}

#[test]
fn object_streams_with_abbreviated_filters_load() {
    let mut doc = Document::load_mem(&simple_text(helvetica(), HELLO)).expect("reload");
    let mut bytes = Vec::new();
    doc.save_modern(&mut bytes).expect("saves with object and xref streams");
    let text = bytes.iter().map(|b| char::from(*b)).collect::<String>();
    assert!(text.contains("/ObjStm"), "an object stream was written");
    let abbreviated: Vec<u8> = text.replace("/FlateDecode", "/Fl").chars().map(|c| c as u8).collect();
    assert_eq!(text_of(&abbreviated), "Hi");
}

#[test]
fn header_after_junk_and_errors_in_our_words() {
    let mut bytes = vec![b'#'; 1024];
    bytes.extend(simple_text(helvetica(), HELLO));
    assert_eq!(text_of(&bytes), "Hi");
    // An unknown filter on an object stream: lopdf's own message asks for
    // a bug report to lopdf; ours names the problem.
    let mut doc = Document::load_mem(&simple_text(helvetica(), HELLO)).expect("reload");
    let mut modern = Vec::new();
    doc.save_modern(&mut modern).expect("saves");
    let text = modern.iter().map(|b| char::from(*b)).collect::<String>();
    let broken: Vec<u8> = text.replace("/FlateDecode", "/NoSuchDecode").chars().map(|c| c as u8).collect();
    let message = pages(&broken).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(!message.is_empty() && !message.contains("lopdf") && !message.contains("open an issue"), "{message}");
}

#[test]
fn page_tree_root_that_is_a_page() {
    let mut doc = Document::with_version("1.4");
    let font = doc.add_object(helvetica());
    let content = doc.add_object(Stream::new(dictionary! {}, HELLO.as_bytes().to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
        "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => page });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    assert_eq!(crate::pdf::page_count(&bytes).ok(), Some(1));
    assert_eq!(text_of(&bytes), "Hi");
}

#[test]
fn text_in_a_font_that_is_not_there_is_read_as_standard_encoding() {
    let bytes = simple_text(helvetica(), "BT /F9 10 Tf 0 50 Td (Hi) Tj ET");
    check(
        &bytes,
        expect![[r#"
            page 1 200x100
              H@0.0,50.0 i@5.0,50.0
            ! pSome(1): font /F9 is not in the page resources
        "#]],
    );
}

#[test]
fn contents_array_is_one_stream() {
    let mut doc = Document::load_mem(&simple_text(helvetica(), "")).expect("reload");
    // Parts split between tokens, as the standard allows.
    let parts = ["BT /F1 10 Tf 0 50 Td [(H) -100", "(i)] TJ 0 -20", "Td (Yo) Tj ET"];
    let ids: Vec<Object> =
        parts.iter().map(|p| doc.add_object(Stream::new(dictionary! {}, p.as_bytes().to_vec())).into()).collect();
    let page = doc.get_pages().values().next().copied().expect("one page");
    doc.get_dictionary_mut(page).expect("page").set("Contents", ids);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    let doc = pages(&bytes).expect("reads");
    let glyphs: Vec<(&str, f32)> = doc.pages[0].glyphs.iter().map(|g| (g.text.as_str(), g.baseline)).collect();
    assert_eq!(glyphs, [("H", 50.0), ("i", 50.0), ("Y", 70.0), ("o", 70.0)]);
}

/// The encrypted test PDF (empty user password, an empty `/ID`), rewritten
/// as some writers make it: no `/ID`, and with `inline` the `/Encrypt`
/// dictionary written into the trailer.
fn encrypted_without_id(inline: bool) -> Vec<u8> {
    let plain = simple_text(helvetica(), HELLO);
    let mut doc = Document::load_mem(&plain).expect("reload");
    let empty = Object::String(Vec::new(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![empty.clone(), empty]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let encrypt_id = doc.trailer.get(b"Encrypt").and_then(Object::as_reference).expect("encrypt ref");
    doc.trailer.remove(b"ID");
    // A classic trailer, where such files keep their /Encrypt.
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let mut text: String = bytes.iter().map(|b| char::from(*b)).collect();
    if inline {
        let head = format!("{} {} obj", encrypt_id.0, encrypt_id.1);
        let start = text.find(&head).expect("encrypt object") + head.len();
        let end = start + text[start..].find("endobj").expect("endobj");
        let dict = text[start..end].trim().to_string();
        let reference = format!("/Encrypt {} {} R", encrypt_id.0, encrypt_id.1);
        assert!(text.contains(&reference), "trailer refers to the dictionary");
        text = text.replace(&reference, &format!("/Encrypt {dict}"));
    }
    assert!(!text.contains("/ID"));
    text.chars().map(|c| c as u8).collect()
}

#[test]
fn encrypted_without_id_or_with_an_inline_encrypt_dictionary() {
    assert_eq!(text_of(&encrypted_without_id(true)), "Hi");
    assert_eq!(text_of(&encrypted_without_id(false)), "Hi");
}

#[test]
fn crypt_filters_that_encrypt_no_strings_or_streams_are_read() {
    let plain = simple_text(helvetica(), HELLO);
    let mut doc = Document::load_mem(&plain).expect("reload");
    let junk = Object::String(vec![7; 48], lopdf::StringFormat::Hexadecimal);
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 4, "R" => 4, "Length" => 128, "P" => -4,
        "O" => junk.clone(), "U" => junk,
        "CF" => dictionary! { "StdCF" => dictionary! { "CFM" => "AESV2", "AuthEvent" => "EFOpen", "Length" => 16 } },
        "StmF" => "Identity", "StrF" => "Identity", "EFF" => "StdCF",
    });
    doc.trailer.set("Encrypt", encrypt);
    let id = Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    assert!(pages(&bytes).is_ok_and(|d| d.pages.len() == 1));
    assert_eq!(text_of(&bytes), "Hi");
}

#[test]
fn file_without_a_header_that_starts_like_a_pdf() {
    let bytes = simple_text(helvetica(), HELLO);
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    let headless = text.replacen("%PDF-1.5", "%PDX-1.5", 1);
    assert_ne!(headless, text);
    assert_eq!(text_of(&headless.chars().map(|c| c as u8).collect::<Vec<u8>>()), "Hi");
}
