//! Text files: bytes → decoded text → lines without geometry.
