//! Trimming objects as lopdf loads them. lopdf holds every object of the
//! file at once, so what text extraction never reads is dropped, or made
//! smaller, before it is kept:
//!
//! - the bytes of streams never read (images, XML metadata, embedded files);
//! - dictionaries never read: structure-tree elements and their references,
//!   and annotations that draw nothing (see [`unread`]);
//! - such dictionaries inside object streams too, which lopdf would
//!   otherwise parse all at once (a file of 65,000 objects in one object
//!   stream) before any filter sees them: the stream is rewritten without
//!   them first ([`object_stream`]).

use lopdf::{Dictionary, Object, ObjectId, ObjectStream, Stream};

use super::obj::MAX_STREAM;

/// The load filter given to lopdf.
pub(super) fn slim(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    // lopdf keeps the object changed in place for objects read at their
    // offset (streams among them), but takes the returned one for objects
    // out of object streams (never streams): both must be the object.
    let s = match object {
        Object::Dictionary(d) if unread(d) => return None,
        Object::Stream(s) => s,
        _ => return Some((id, object.clone())),
    };
    let name = |key: &[u8]| s.dict.get(key).and_then(Object::as_name).ok();
    let unread_bytes = matches!(name(b"Subtype"), Some(b"Image" | b"XML"))
        || matches!(name(b"Type"), Some(b"Metadata" | b"EmbeddedFile"));
    if unread_bytes {
        s.content = Vec::new();
        // Nor may lopdf or `repair::fix_streams` read it again.
        s.start_position = None;
    }
    if name(b"Type") == Some(b"ObjStm") {
        object_stream(s);
    }
    if matches!(s.dict.get(b"Length"), Ok(Object::Integer(_))) && !s.content.is_empty() {
        // Of no use once the stream is read: a dictionary holding nothing
        // else then needs no allocation (about 450 bytes per stream).
        s.dict.remove(b"Length");
        // A map keeps its capacity when emptied.
        if s.dict.is_empty() {
            s.dict = Dictionary::new();
        }
    }
    Some((id, Object::Null))
}

/// A dictionary that nothing drawing a page's text reads, found by its
/// type alone:
///
/// - the structure tree (`/StructTreeRoot`, `/StructElem`) and its
///   references to marked content and objects (`/MCR`, `/OBJR`): the text
///   of tagged content is in the content stream, and its `/ActualText` in
///   marked-content properties;
/// - number-tree leaves (a `/Nums` array): the structure's parent tree and
///   page labels, neither read;
/// - an annotation without an appearance stream that no reader writes text
///   for (all but widgets and FreeText, see `annots::draw`), and a pop-up,
///   never drawn: links, most of all, of which a page may have thousands.
pub(super) fn unread(d: &Dictionary) -> bool {
    let name = |key: &[u8]| d.get(key).and_then(Object::as_name).ok();
    let kind = name(b"Type");
    if matches!(kind, Some(b"StructTreeRoot" | b"StructElem" | b"MCR" | b"OBJR")) || d.has(b"Nums") {
        return true;
    }
    let annotation = matches!(kind, None | Some(b"Annot")) && d.has(b"Rect");
    match name(b"Subtype") {
        Some(b"Popup") => annotation,
        Some(b"Widget" | b"FreeText") | None => false,
        Some(_) => annotation && !d.has(b"AP"),
    }
}

/// Byte strings at least one of which an [`unread`] dictionary holds: a
/// member of an object stream without any is kept without parsing it.
const UNREAD_MARKS: [&[u8]; 6] = [b"/StructElem", b"/StructTreeRoot", b"/MCR", b"/OBJR", b"/Nums", b"/Rect"];

/// Rewrites an object stream (`/Type /ObjStm`) decoded and without its
/// [`unread`] members, so that lopdf, which parses every member of an
/// object stream before its filter sees any, never holds them. A stream
/// that does not decode, or holds nothing to drop, is left to lopdf.
fn object_stream(s: &mut Stream) {
    let Ok(content) = s.get_plain_content_with_limit(MAX_STREAM) else {
        return;
    };
    let Some(first) = s.dict.get(b"First").and_then(Object::as_i64).ok().and_then(|f| usize::try_from(f).ok()) else {
        return;
    };
    let Some(mut members) = index(&content, first) else {
        return;
    };
    // A member runs to the next member's start, or to the end.
    let mut starts: Vec<usize> = members.iter().map(|m| m.1).collect();
    starts.sort_unstable();
    starts.dedup();
    let body = |start: usize| {
        let end = starts.get(starts.partition_point(|&o| o <= start)).copied().unwrap_or(content.len());
        content.get(start..end).unwrap_or_default()
    };
    let count = members.len();
    members.retain(|&(number, start)| !droppable(number, body(start)));
    if members.len() == count {
        return;
    }
    let mut offsets = String::new();
    let mut bodies = Vec::new();
    for &(number, start) in &members {
        offsets += &format!("{number} {} ", bodies.len());
        bodies.extend_from_slice(body(start));
        // Members that were apart stay apart.
        bodies.push(b'\n');
    }
    drop(content);
    let mut rewritten = offsets.into_bytes();
    let first = rewritten.len();
    rewritten.append(&mut bodies);
    s.dict.set("N", members.len() as i64);
    s.dict.set("First", first as i64);
    s.set_plain_content(rewritten);
}

/// An object stream's index: `(object number, offset of its bytes in
/// the content)` per member, or `None` when it does not read.
fn index(content: &[u8], first: usize) -> Option<Vec<(u32, usize)>> {
    let text = std::str::from_utf8(content.get(..first)?).ok()?;
    // A comment is white space, as lopdf reads it.
    let numbers: Vec<usize> = text
        .split(['\r', '\n'])
        .flat_map(|line| line.split('%').next().unwrap_or_default().split_whitespace())
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    numbers
        .chunks_exact(2)
        .map(|pair| Some((u32::try_from(pair[0]).ok()?, first.checked_add(pair[1])?)))
        .collect::<Option<_>>()
        .filter(|members: &Vec<(u32, usize)>| members.iter().all(|&(_, start)| start <= content.len()))
}

/// A member of an object stream that is an [`unread`] dictionary. It is
/// parsed alone, as a one-member object stream, by lopdf's own parser.
fn droppable(number: u32, bytes: &[u8]) -> bool {
    if !UNREAD_MARKS.iter().any(|mark| bytes.windows(mark.len()).any(|w| w == *mark)) {
        return false;
    }
    let mut content = format!("{number} 0\n").into_bytes();
    let first = content.len();
    content.extend_from_slice(bytes);
    let dict = lopdf::dictionary! { "Type" => "ObjStm", "N" => 1, "First" => first as i64 };
    let Ok(mut one) = ObjectStream::new_with_limit(&Stream::new(dict, content), None) else {
        return false;
    };
    matches!(one.objects.remove(&(number, 0)), Some(Object::Dictionary(d)) if unread(&d))
}

/// Drops the object and cross-reference streams once lopdf has read them:
/// nothing reads them again, and an object stream rewritten by
/// [`object_stream`] holds its members decoded.
pub(super) fn release_structure(doc: &mut lopdf::Document) {
    doc.objects.retain(|_, o| {
        !matches!(o, Object::Stream(s) if matches!(s.dict.get(b"Type").and_then(Object::as_name), Ok(b"ObjStm" | b"XRef")))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn unread_by_type() {
        let rect = || Object::Array(vec![0.into(), 0.into(), 1.into(), 1.into()]);
        let ap = || dictionary! { "N" => Object::Reference((9, 0)) };
        // Never drawn.
        assert!(unread(&dictionary! { "Type" => "StructElem", "S" => "P" }));
        assert!(unread(&dictionary! { "Type" => "MCR", "MCID" => 0 }));
        assert!(unread(&dictionary! { "Type" => "StructTreeRoot", "K" => vec![] }));
        assert!(unread(&dictionary! { "Nums" => vec![0.into(), Object::Reference((5, 0))] }));
        assert!(unread(&dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect() }));
        assert!(unread(&dictionary! { "Subtype" => "Highlight", "Rect" => rect() }));
        assert!(unread(&dictionary! { "Subtype" => "Popup", "Rect" => rect(), "AP" => ap() }));
        // Drawn: an appearance, or text a reader makes up.
        assert!(!unread(&dictionary! { "Subtype" => "Link", "Rect" => rect(), "AP" => ap() }));
        assert!(!unread(&dictionary! { "Subtype" => "Widget", "Rect" => rect() }));
        assert!(!unread(&dictionary! { "Subtype" => "FreeText", "Rect" => rect() }));
        // Not annotations at all.
        assert!(!unread(&dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }));
        assert!(!unread(&dictionary! { "Type" => "XObject", "Subtype" => "Link", "Rect" => rect() }));
        assert!(!unread(&dictionary! { "Type" => "Page", "Annots" => vec![] }));
    }

    #[test]
    fn object_stream_index_reads_as_lopdf_reads_it() {
        let content = b"1 0 % a comment\r2 5\n<<>> [1]";
        assert_eq!(index(content, 20), Some(vec![(1, 20), (2, 25)]));
        assert_eq!(index(content, 200), None);
        assert_eq!(index(b"1 x <<>>", 4), None);
    }
}
