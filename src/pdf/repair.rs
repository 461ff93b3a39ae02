//! Repairs for files other readers open but lopdf, as written, does not:
//! abbreviated or indirect filter names, missing stream lengths, a
//! `%PDF-` header after junk, a page tree whose root is a page.
//!
//! Two kinds: byte rewrites tried only when lopdf refuses the file (the
//! rewritten file is then read by scanning for its objects), and fixes to
//! the loaded objects, made before any content is read.

use lopdf::{Dictionary, Document, Object};

/// Readers accept a `%PDF-` header that far into the file.
pub(crate) const HEADER_SEARCH: usize = 1024;

/// Where the `%PDF-` header starts, if it starts within the first kilobyte
/// (a header right after 1024 bytes of junk still counts).
pub(crate) fn header_offset(bytes: &[u8]) -> Option<usize> {
    let head = bytes.get(..HEADER_SEARCH + 5).unwrap_or(bytes);
    head.windows(5).position(|w| w == b"%PDF-")
}

/// A file with no `%PDF-` header that still starts like one (an object in
/// its first kilobyte, `endobj` after it): readers open those too.
pub(crate) fn headless_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..HEADER_SEARCH).unwrap_or(bytes);
    find(head, 0, b" 0 obj").is_some_and(|at| find(bytes, at, b"endobj").is_some())
}

/// The abbreviations inline images use, which some writers also put on
/// streams (PDF 32000-1, table 94).
const ABBREVIATIONS: [(&[u8], &[u8]); 7] = [
    (b"AHx", b"ASCIIHexDecode"),
    (b"A85", b"ASCII85Decode"),
    (b"LZW", b"LZWDecode"),
    (b"Fl", b"FlateDecode"),
    (b"RL", b"RunLengthDecode"),
    (b"CCF", b"CCITTFaxDecode"),
    (b"DCT", b"DCTDecode"),
];

pub(crate) fn full_filter_name(name: &[u8]) -> Option<&'static [u8]> {
    ABBREVIATIONS.iter().find(|(short, _)| *short == name).map(|(_, full)| *full)
}

/// The file with every abbreviated filter name after a `/Filter` key
/// written out, or `None` when it has none. Object streams and
/// cross-reference streams are decoded by lopdf while loading, so their
/// filter names must be right in the bytes.
pub(crate) fn expand_filter_names(bytes: &[u8]) -> Option<Vec<u8>> {
    const KEY: &[u8] = b"/Filter";
    let mut out = Vec::with_capacity(bytes.len() + 64);
    let mut changed = false;
    let mut i = 0;
    while let Some(at) = find(bytes, i, KEY) {
        let mut j = at + KEY.len();
        out.extend_from_slice(&bytes[i..j]);
        // Either one name or an array of names follows.
        let end = {
            let mut k = j;
            while bytes.get(k).is_some_and(|b| b.is_ascii_whitespace()) {
                k += 1;
            }
            if bytes.get(k) == Some(&b'[') { find(bytes, k, b"]").map_or(k, |e| e + 1) } else { name_end(bytes, k) }
        };
        while j < end {
            if bytes.get(j) == Some(&b'/') {
                let stop = name_end(bytes, j);
                let name = bytes.get(j + 1..stop).unwrap_or_default();
                if let Some(full) = full_filter_name(name) {
                    out.push(b'/');
                    out.extend_from_slice(full);
                    changed = true;
                } else {
                    out.extend_from_slice(bytes.get(j..stop).unwrap_or_default());
                }
                j = stop.max(j + 1);
            } else {
                out.extend_from_slice(bytes.get(j..j + 1).unwrap_or_default());
                j += 1;
            }
        }
        i = end.max(at + KEY.len());
    }
    out.extend_from_slice(bytes.get(i..).unwrap_or_default());
    changed.then_some(out)
}

/// A font name written with its spaces ("/BaseFont /Arial,Unicode MS"):
/// the words after the name up to the next key or the dictionary's end.
static SPACED_FONT_NAME: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(/(?:BaseFont|FontName)\s*/[^\s/\[\]<>()%{}]+)((?:[ ]+[A-Za-z][A-Za-z0-9+,_-]*)+)(\s*(?:/|>>))",
    )
    .unwrap_or_else(|e| panic!("bad pattern: {e}"))
});

/// The file with font names written with spaces made one name each
/// ("Arial,Unicode MS" as `/Arial,Unicode#20MS`), or `None` when it has
/// none: lopdf refuses the dictionary, and the font goes with it.
pub(crate) fn join_spaced_font_names(bytes: &[u8]) -> Option<Vec<u8>> {
    if !SPACED_FONT_NAME.is_match(bytes) {
        return None;
    }
    let out = SPACED_FONT_NAME.replace_all(bytes, |c: &regex::bytes::Captures| {
        let mut v = c[1].to_vec();
        for word in c[2].split(|&b| b == b' ').filter(|w| !w.is_empty()) {
            v.extend_from_slice(b"#20");
            v.extend_from_slice(word);
        }
        v.extend_from_slice(&c[3]);
        v
    });
    Some(out.into_owned())
}

/// The end of a name that starts at `start` (with its `/`, or after it).
fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut k = start + usize::from(bytes.get(start) == Some(&b'/'));
    while bytes.get(k).is_some_and(|b| !b.is_ascii_whitespace() && !b"/[]<>()%{}".contains(b)) {
        k += 1;
    }
    k
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// An encrypted file whose trailer holds its `/Encrypt` dictionary inline
/// (lopdf wants a reference) or has no `/ID` (poppler and pdf.js then
/// derive the key from an empty one): an inline dictionary is moved into a
/// new object before the cross-reference table (whose offsets are then
/// stale, so lopdf finds the objects by scanning), and an empty `/ID` added.
pub(crate) fn encrypt_by_reference(bytes: &[u8]) -> Option<Vec<u8>> {
    let at = bytes.windows(7).rposition(|w| w == b"trailer")?;
    let key = find(bytes, at, b"/Encrypt")?;
    let mut open = key + b"/Encrypt".len();
    while bytes.get(open).is_some_and(|b| b.is_ascii_whitespace()) {
        open += 1;
    }
    if bytes.get(open..open + 2) != Some(b"<<") {
        // By reference already: only a missing /ID to add, inside the
        // trailer dictionary, which moves no object.
        if find(bytes.get(at..)?, 0, b"/ID").is_some() {
            return None;
        }
        let dict = find(bytes, at, b"<<")? + 2;
        let mut out = Vec::with_capacity(bytes.len() + 16);
        out.extend_from_slice(bytes.get(..dict)?);
        out.extend_from_slice(b" /ID [<> <>] ");
        out.extend_from_slice(bytes.get(dict..)?);
        return Some(out);
    }
    let mut depth = 0usize;
    let mut end = open;
    while end + 1 < bytes.len() {
        match bytes.get(end..end + 2) {
            Some(b"<<") => {
                depth += 1;
                end += 2;
            }
            Some(b">>") => {
                depth -= 1;
                end += 2;
                if depth == 0 {
                    break;
                }
            }
            _ => end += 1,
        }
    }
    if depth != 0 {
        return None;
    }
    let xref = bytes.get(..at)?.windows(4).rposition(|w| w == b"xref")?;
    let size = find(bytes, at, b"/Size").and_then(|s| {
        let digits: String = bytes
            .get(s + 5..)?
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .map(|b| char::from(*b))
            .collect();
        digits.parse::<u32>().ok()
    })?;
    let has_id = find(bytes.get(at..)?, 0, b"/ID").is_some();
    let mut out = Vec::with_capacity(bytes.len() + 64);
    out.extend_from_slice(bytes.get(..xref)?);
    out.extend_from_slice(format!("{size} 0 obj\n").as_bytes());
    out.extend_from_slice(bytes.get(open..end)?);
    out.extend_from_slice(b"\nendobj\n");
    out.extend_from_slice(bytes.get(xref..key)?);
    if !has_id {
        out.extend_from_slice(b"/ID [<> <>] ");
    }
    out.extend_from_slice(format!("/Encrypt {size} 0 R").as_bytes());
    out.extend_from_slice(bytes.get(end..)?);
    Some(out)
}

/// Object references nest this deep inside an encryption dictionary.
const MAX_INLINE_DEPTH: usize = 4;

/// An encryption dictionary whose `/CF` (or a crypt filter in it) is an
/// indirect object, which lopdf does not follow (it then decrypts nothing):
/// the referenced objects are written into the dictionary. The offsets after
/// it go stale, so lopdf finds the objects by scanning.
pub(crate) fn inline_crypt_filters(bytes: &[u8]) -> Option<Vec<u8>> {
    let key = bytes.windows(8).rposition(|w| w == b"/Encrypt")?;
    let tail = bytes.get(key + 8..(key + 40).min(bytes.len()))?;
    let reference = regex::bytes::Regex::new(r"^\s*(\d+)\s+(\d+)\s+R").ok()?;
    let caps = reference.captures(tail)?;
    let (start, end) = object_body(bytes, caps.get(1)?.as_bytes(), caps.get(2)?.as_bytes())?;
    let body = bytes.get(start..end)?;
    let cf = regex::bytes::Regex::new(r"/CF\s+\d+\s+\d+\s+R").ok()?;
    if !cf.is_match(body) {
        return None;
    }
    let inlined = inline_references(bytes, body, MAX_INLINE_DEPTH);
    Some([bytes.get(..start)?, &inlined, bytes.get(end..)?].concat())
}

/// `text` with each `N G R` replaced by the body of object `N G`.
fn inline_references(bytes: &[u8], text: &[u8], depth: usize) -> Vec<u8> {
    let Ok(reference) = regex::bytes::Regex::new(r"(\d+)\s+(\d+)\s+R\b") else {
        return text.to_vec();
    };
    if depth == 0 {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut last = 0;
    for caps in reference.captures_iter(text) {
        let (Some(all), Some(n), Some(g)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        let Some(body) = object_body(bytes, n.as_bytes(), g.as_bytes()).and_then(|(s, e)| bytes.get(s..e)) else {
            continue;
        };
        out.extend_from_slice(text.get(last..all.start()).unwrap_or_default());
        out.extend_from_slice(&inline_references(bytes, body, depth - 1));
        last = all.end();
    }
    out.extend_from_slice(text.get(last..).unwrap_or_default());
    out
}

/// Where the body of object `n g` lies: after `n g obj`, before `endobj`.
fn object_body(bytes: &[u8], n: &[u8], g: &[u8]) -> Option<(usize, usize)> {
    let (n, g) = (std::str::from_utf8(n).ok()?, std::str::from_utf8(g).ok()?);
    let head = regex::bytes::Regex::new(&format!(r"(?:^|[^0-9]){n}\s+{g}\s+obj")).ok()?;
    let start = head.find(bytes)?.end();
    let end = find(bytes, start, b"endobj")?;
    Some((start, end))
}

/// A file "encrypted" with crypt filters that leave strings and streams as
/// they are (`/StmF /Identity /StrF /Identity`: only embedded files are
/// encrypted), with its `/Encrypt N 0 R` entries blanked out: nothing the
/// text needs is encrypted. Blanking keeps every offset.
pub(crate) fn drop_identity_encryption(bytes: &[u8]) -> Option<Vec<u8>> {
    let squeeze = |b: &[u8]| -> Vec<u8> { b.iter().copied().filter(|c| !c.is_ascii_whitespace()).collect() };
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut from = 0;
    while let Some(key) = find(bytes, from, b"/Encrypt") {
        from = key + 1;
        // `/Encrypt N G R`
        let tail = bytes.get(key + 8..(key + 40).min(bytes.len()))?;
        let text: String = tail.iter().map(|b| char::from(*b)).collect();
        let mut words = text.split_whitespace();
        let (Some(n), Some(g), Some(r)) = (words.next(), words.next(), words.next()) else { continue };
        let (Ok(n), Ok(_)) = (n.parse::<u32>(), g.parse::<u16>()) else { continue };
        if !r.starts_with('R') {
            continue;
        }
        let head = format!("{n} {g} obj");
        let Some(obj) = find(bytes, 0, head.as_bytes()) else { continue };
        let end = find(bytes, obj, b"endobj").unwrap_or(bytes.len());
        let dict = squeeze(bytes.get(obj..end)?);
        let identity = |k: &[u8]| find(&dict, 0, &[k, b"/Identity"].concat()).is_some();
        if !(identity(b"/StmF") && identity(b"/StrF")) {
            return None;
        }
        let stop = key + 8 + text.find('R')? + 1;
        out.get_mut(key..stop)?.fill(b' ');
        changed = true;
    }
    changed.then_some(out)
}

/// Fixes the loaded streams: a `/Filter` or `/DecodeParms` given by
/// reference is resolved, abbreviated filter names are written out, an
/// empty filter array is dropped, and a stream lopdf could not size (no or
/// a wrong `/Length`) gets the bytes up to its `endstream`.
pub(crate) fn fix_streams(doc: &mut Document, bytes: &[u8]) {
    let mut fixes: Vec<((u32, u16), Fix)> = Vec::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let filter = stream.dict.get(b"Filter").ok().map(|f| normal_filter(doc, f));
        let params = match stream.dict.get(b"DecodeParms").ok() {
            Some(p @ Object::Reference(_)) => Some(resolved(doc, p)),
            Some(Object::Array(items)) if items.iter().any(|o| matches!(o, Object::Reference(_))) => {
                Some(Object::Array(items.iter().map(|o| resolved(doc, o)).collect()))
            }
            _ => None,
        };
        let content = match stream.start_position {
            Some(start) if stream.content.is_empty() => raw_stream(bytes, start),
            _ => None,
        };
        let filter_changed = filter.as_ref().is_some_and(|f| Some(f) != stream.dict.get(b"Filter").ok());
        if filter_changed || params.is_some() || content.is_some() {
            fixes.push((*id, Fix { filter: filter.filter(|_| filter_changed), params, content }));
        }
    }
    for (id, fix) in fixes {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else {
            continue;
        };
        match fix.filter {
            Some(Object::Null) => {
                stream.dict.remove(b"Filter");
                stream.dict.remove(b"DecodeParms");
            }
            Some(f) => stream.dict.set("Filter", f),
            None => {}
        }
        if let Some(p) = fix.params {
            stream.dict.set("DecodeParms", p);
        }
        if let Some(c) = fix.content {
            stream.content = c;
        }
    }
}

struct Fix {
    /// `Null` means "no filter".
    filter: Option<Object>,
    params: Option<Object>,
    content: Option<Vec<u8>>,
}

fn resolved(doc: &Document, o: &Object) -> Object {
    super::obj::resolve(doc, o).clone()
}

/// A `/Filter` value as lopdf wants it: a name or an array of names, full
/// names, no references; `Null` for no filter at all.
fn normal_filter(doc: &Document, filter: &Object) -> Object {
    let name = |o: &Object| -> Option<Object> {
        let n = super::obj::resolve(doc, o).as_name().ok()?;
        Some(Object::Name(full_filter_name(n).unwrap_or(n).to_vec()))
    };
    match super::obj::resolve(doc, filter) {
        Object::Array(items) => {
            let names: Vec<Object> = items.iter().filter_map(name).collect();
            match names.len() {
                0 => Object::Null,
                1 => names.into_iter().next().unwrap_or(Object::Null),
                _ => Object::Array(names),
            }
        }
        other => name(other).unwrap_or(Object::Null),
    }
}

/// A stream's bytes from `start` (just after `stream` and its end of line,
/// as lopdf records it) to the next `endstream`, without the end of line
/// before it.
fn raw_stream(bytes: &[u8], start: usize) -> Option<Vec<u8>> {
    let end = find(bytes, start, b"endstream")?;
    let mut data = bytes.get(start..end)?;
    if let Some(d) = data.strip_suffix(b"\n") {
        data = d.strip_suffix(b"\r").unwrap_or(d);
    } else if let Some(d) = data.strip_suffix(b"\r") {
        data = d;
    }
    (!data.is_empty()).then(|| data.to_vec())
}

/// The page tree's root, when it is itself a page (as some writers make a
/// one-page file): lopdf finds no pages under it.
pub(crate) fn root_page(doc: &Document) -> Option<(u32, u16)> {
    let catalog = doc.catalog().ok()?;
    let id = catalog.get(b"Pages").ok()?.as_reference().ok()?;
    let root: &Dictionary = doc.get_dictionary(id).ok()?;
    let is_page = root.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Page")
        || (root.has(b"Contents") && !root.has(b"Kids"));
    is_page.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_after_a_kilobyte_of_junk_is_found() {
        let mut bytes = vec![b'x'; HEADER_SEARCH];
        bytes.extend_from_slice(b"%PDF-1.4\n");
        assert_eq!(header_offset(&bytes), Some(HEADER_SEARCH));
        bytes.insert(0, b'x');
        assert_eq!(header_offset(&bytes), None);
        assert!(headless_pdf(b"%comment\n1 0 obj << /Type /Catalog >> endobj"));
        assert!(!headless_pdf(b"<html>1 0 obj</html>"));
    }

    #[test]
    fn abbreviated_filters_are_written_out() {
        let out = expand_filter_names(b"<< /Filter [/A85 /Fl] /Length 3 >> << /Filter/AHx>> /Fl").expect("changed");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<< /Filter [/ASCII85Decode /FlateDecode] /Length 3 >> << /Filter/ASCIIHexDecode>> /Fl"
        );
        assert!(expand_filter_names(b"<< /Filter /FlateDecode >>").is_none());
    }
}
