//! Text files: bytes → decoded text → lines without geometry.
//!
//! A form feed starts a new page, as `pdftotext` prints them.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

use super::Line;
use crate::{Diagnostic, Error, Result};

/// Decoded text plus how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. "UTF-8" or "Big5".
    pub encoding: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a text file: a BOM wins (UTF-8, UTF-16LE/BE); else UTF-8 when the
/// bytes are valid UTF-8; else whichever of Big5 and GB18030 needs fewer
/// replacement characters, since plans come from Hong Kong (Big5) and
/// occasionally the mainland (GB).
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let mut diagnostics = vec![Diagnostic::new(None, format!("decoded as {} (byte order mark)", enc.name()))];
        if had_errors {
            diagnostics.push(Diagnostic::new(None, format!("invalid {} sequences replaced by U+FFFD", enc.name())));
        }
        return Ok(Decoded { text: text.into_owned(), encoding: enc.name(), diagnostics });
    }
    // Only UTF-16 puts NUL bytes in text, and it was caught by its BOM.
    if looks_binary(bytes) {
        return Err(Error::UnknownEncoding("binary data (NUL bytes), not text".into()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), encoding: UTF_8.name(), diagnostics: Vec::new() });
    }
    let candidates = [BIG5, GB18030].map(|enc| {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let text = if enc == BIG5 { big5_full_width(&text) } else { text.into_owned() };
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        (enc, text, bad)
    });
    // Ties go to Big5: GB18030 decodes nearly any byte sequence, so a tie
    // says little, and Big5 is the Hong Kong encoding.
    let best = candidates.into_iter().min_by_key(|(_, text, bad)| (*bad * 1000) / text.chars().count().max(1));
    let Some((enc, text, bad)) = best else {
        return Err(Error::UnknownEncoding("no candidate encoding".into()));
    };
    let total = text.chars().count().max(1);
    if bad * 20 > total {
        return Err(Error::UnknownEncoding(format!(
            "not UTF-8, and {bad} of {total} characters are invalid as {}",
            enc.name()
        )));
    }
    let mut diagnostics =
        vec![Diagnostic::new(None, format!("not UTF-8; decoded as {} ({bad} invalid sequences)", enc.name()))];
    if bad > 0 {
        diagnostics.push(Diagnostic::new(None, format!("{bad} characters could not be decoded (U+FFFD)")));
    }
    Ok(Decoded { text, encoding: enc.name(), diagnostics })
}

/// Big5 is a double-byte set whose every character is full width, but the
/// WHATWG table decodes its solidus and reverse solidus (0xA241, 0xA242) to
/// the mathematical U+2215 / U+2216; a reader sees ／ and ＼.
pub fn big5_full_width(text: &str) -> String {
    text.replace('\u{2215}', "／").replace('\u{2216}', "＼")
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0
}

/// Splits decoded text into lines, numbering pages by form feeds.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, page) in text.split('\x0c').enumerate() {
        let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for raw in page.lines() {
            out.push(Line {
                page: page_no,
                text: raw.trim_end_matches('\r').to_owned(),
                bbox: None,
                words: Vec::new(),
            });
        }
    }
    out
}

/// Whether the text keeps its columns apart with runs of spaces, as
/// `pdftotext -layout` (or `odplan text --layout`) prints tables.
pub fn is_column_layout(text: &str) -> bool {
    let (mut lines, mut gapped) = (0usize, 0usize);
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            continue;
        }
        lines += 1;
        if line.contains("   ") {
            gapped += 1;
        }
    }
    lines >= 5 && gapped * 4 >= lines
}

/// Lines of column-layout text with their words placed by character
/// column, so that the table stage can cut cells by position as it does
/// for a PDF. `cjk_columns` is how many columns a CJK character takes: two
/// in terminals and `odplan text --layout`, one in `pdftotext -layout`.
pub fn column_lines(text: &str, cjk_columns: usize) -> Vec<Line> {
    const COLUMN: f32 = 5.0;
    const LINE: f32 = 12.0;
    let mut out = Vec::new();
    for (i, page) in text.split('\x0c').enumerate() {
        let page_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (row, raw) in page.lines().enumerate() {
            let y0 = row as f32 * LINE;
            let mut words = Vec::new();
            let mut col = 0usize;
            let mut current: Option<(usize, String)> = None;
            for c in raw.trim_end_matches('\r').chars() {
                let width = if super::script::display_width(c) == 2 { cjk_columns } else { 1 };
                if c.is_whitespace() {
                    if let Some((start, w)) = current.take() {
                        words.push(column_word(start, col, w, y0, COLUMN));
                    }
                } else {
                    current.get_or_insert_with(|| (col, String::new())).1.push(c);
                }
                col += width;
            }
            if let Some((start, w)) = current.take() {
                words.push(column_word(start, col, w, y0, COLUMN));
            }
            let Some(first) = words.first() else { continue };
            let bbox = words.iter().skip(1).fold(first.bbox, |b, w| b.union(&w.bbox));
            let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            out.push(Line { page: page_no, text, bbox: Some(bbox), words });
        }
    }
    out
}

fn column_word(start: usize, end: usize, text: String, y0: f32, column: f32) -> super::Word {
    let bbox = crate::pdf::Rect { x0: start as f32 * column, y0, x1: end as f32 * column, y1: y0 + 2.0 * column };
    super::Word { text, bbox, starts: Vec::new() }
}

/// The number of pages: form feeds + 1, not counting a trailing form feed.
pub fn page_count(text: &str) -> u32 {
    let n = text.trim_end().split('\x0c').count();
    u32::try_from(n.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expect: expect_test::Expect) {
        let actual = match decode(bytes) {
            Ok(d) => format!(
                "{} {:?} {:?}",
                d.encoding,
                d.text,
                d.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>()
            ),
            Err(e) => format!("error: {e}"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn utf8_plain_and_bom() {
        check("數據".as_bytes(), expect_test::expect![[r#"UTF-8 "數據" []"#]]);
        check(b"\xEF\xBB\xBFab", expect_test::expect![[r#"UTF-8 "ab" ["decoded as UTF-8 (byte order mark)"]"#]]);
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("開放".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("開放".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        check(&le, expect_test::expect![[r#"UTF-16LE "開放" ["decoded as UTF-16LE (byte order mark)"]"#]]);
        check(&be, expect_test::expect![[r#"UTF-16BE "開放" ["decoded as UTF-16BE (byte order mark)"]"#]]);
    }

    #[test]
    fn big5_and_gb18030_chosen_by_fewest_errors() {
        let (big5, _, _) = BIG5.encode("創新科技及工業局 數據集名稱");
        check(
            &big5,
            expect_test::expect![[
                r#"Big5 "創新科技及工業局 數據集名稱" ["not UTF-8; decoded as Big5 (0 invalid sequences)"]"#
            ]],
        );
        let (gb, _, _) = GB18030.encode("创新科技及工业局 数据集名称");
        check(
            &gb,
            expect_test::expect![[
                r#"Big5 "斐陔褪撮摯馱珛擁 杅擂摩靡備" ["not UTF-8; decoded as Big5 (0 invalid sequences)"]"#
            ]],
        );
    }

    #[test]
    fn empty_and_binary_are_errors() {
        check(b"", expect_test::expect!["error: empty file"]);
        check(
            b"\x00\x01\xff\xfe\x00",
            expect_test::expect!["error: text in an unknown encoding: binary data (NUL bytes), not text"],
        );
    }

    #[test]
    fn column_layout_words_sit_at_their_columns() {
        let text = "Item  Name     Date\n1     街燈位置  05/2024\n      [新項目]\nA. heading\nmore\n";
        assert!(is_column_layout(text));
        assert!(!is_column_layout("1 科技及廣播 智慧生活\n• 獲取錄的公司名稱\n03/2024 每季\nx\ny\n"));
        let place = |w: usize| {
            column_lines(text, w)
                .iter()
                .map(|l| {
                    l.words.iter().map(|w| format!("{}@{}", w.text, w.bbox.x0 / 5.0)).collect::<Vec<_>>().join(" ")
                })
                .collect::<Vec<_>>()
        };
        // Two columns a CJK character (terminals, odplan text --layout) or one (pdftotext).
        assert_eq!(place(2)[1], "1@0 街燈位置@6 05/2024@16");
        assert_eq!(place(1)[1], "1@0 街燈位置@6 05/2024@12");
        assert_eq!(place(2)[2], "[新項目]@6");
    }

    #[test]
    fn form_feeds_number_pages() {
        let ls = lines("a\nb\x0cc\r\n\x0c");
        let pages: Vec<_> = ls.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(pages, vec![(1, "a"), (1, "b"), (2, "c")]);
        assert_eq!(page_count("a\x0cb\x0c"), 2);
        assert_eq!(page_count("a"), 1);
    }
}
