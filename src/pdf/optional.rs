//! Optional content (PDF 32000-1, 8.11): groups the document's default
//! configuration turns off are not drawn, and pdftotext prints none of
//! their text.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::obj;

/// The optional content groups that are off when the document opens.
#[derive(Debug, Default)]
pub(crate) struct Hidden {
    off: HashSet<ObjectId>,
}

impl Hidden {
    pub(crate) fn load(doc: &Document) -> Hidden {
        let mut off = HashSet::new();
        let Some(props) = doc.catalog().ok().and_then(|c| obj::dict(doc, c, b"OCProperties")) else {
            return Hidden { off };
        };
        let Some(config) = obj::dict(doc, props, b"D") else {
            return Hidden { off };
        };
        let ids = |key: &[u8]| -> Vec<ObjectId> {
            obj::array(doc, config, key)
                .or_else(|| obj::array(doc, props, key))
                .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
                .unwrap_or_default()
        };
        if obj::name(doc, config, b"BaseState") == Some(b"OFF") {
            let on: HashSet<ObjectId> = obj::array(doc, config, b"ON")
                .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
                .unwrap_or_default();
            off.extend(ids(b"OCGs").into_iter().filter(|id| !on.contains(id)));
        } else {
            off.extend(ids(b"OFF"));
        }
        Hidden { off }
    }

    /// Whether content marked with this optional content group or
    /// membership dictionary (`/OC` of a `BDC` or a form) is hidden.
    pub(crate) fn hides(&self, doc: &Document, oc: &Object) -> bool {
        if self.off.is_empty() {
            return false;
        }
        if let Ok(id) = oc.as_reference()
            && self.off.contains(&id)
        {
            return true;
        }
        let Ok(dict) = obj::resolve(doc, oc).as_dict() else {
            return false;
        };
        if obj::name(doc, dict, b"Type") != Some(b"OCMD") {
            return false;
        }
        self.membership(doc, dict)
    }

    /// An optional content membership dictionary: its groups under its
    /// visibility policy (`/VE` expressions are not evaluated: visible).
    fn membership(&self, doc: &Document, md: &Dictionary) -> bool {
        let groups: Vec<bool> = match md.get(b"OCGs").ok() {
            Some(Object::Reference(id)) if !matches!(obj::resolve(doc, &Object::Reference(*id)), Object::Array(_)) => {
                vec![self.off.contains(id)]
            }
            Some(o) => match obj::resolve(doc, o) {
                Object::Array(items) => {
                    items.iter().filter_map(|i| i.as_reference().ok()).map(|id| self.off.contains(&id)).collect()
                }
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        if groups.is_empty() {
            return false;
        }
        match obj::name(doc, md, b"P") {
            Some(b"AllOn") => groups.iter().any(|off| *off),
            Some(b"AnyOff") => groups.iter().all(|off| !off),
            Some(b"AllOff") => groups.iter().any(|off| !off),
            // AnyOn, the default.
            _ => groups.iter().all(|off| *off),
        }
    }
}
