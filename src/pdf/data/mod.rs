//! Generated lookup tables (see `generate.py` beside them).

pub(crate) mod cff_strings;
pub(crate) mod cid;
pub(crate) mod dingbats;
pub(crate) mod encodings;
pub(crate) mod fixups;
pub(crate) mod glyphlist;
pub(crate) mod std14;
