//! Forgiving accessors over lopdf objects: a missing key, a dangling
//! reference or a value of the wrong type is `None`, never an error.

use lopdf::{Dictionary, Document, Object, Stream};

/// Follows references, at most a few levels deep.
pub(crate) fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &Object::Null,
            },
            _ => return obj,
        }
    }
    &Object::Null
}

pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o)).filter(|o| !o.is_null())
}

pub(crate) fn dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    get(doc, dict, key)?.as_stream().ok()
}

pub(crate) fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    get(doc, dict, key)?.as_array().ok()
}

pub(crate) fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub(crate) fn number(doc: &Document, obj: &Object) -> Option<f32> {
    resolve(doc, obj).as_float().ok().filter(|v| v.is_finite())
}

pub(crate) fn num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(doc, get(doc, dict, key)?)
}

/// A numeric array such as `/MediaBox` or `/FontMatrix`.
pub(crate) fn numbers(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<f32>> {
    array(doc, dict, key)?.iter().map(|o| number(doc, o)).collect()
}

/// A stream's decoded bytes, bounded so a hostile stream cannot exhaust memory.
pub(crate) fn stream_bytes(stream: &Stream) -> Option<Vec<u8>> {
    stream.decompressed_content_with_limit(MAX_STREAM).ok()
}

/// 64 MiB: far above any real content or font stream.
pub(crate) const MAX_STREAM: usize = 64 << 20;
