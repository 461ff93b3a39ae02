//! Synthetic pages for the layout tests.

use super::script::is_cjk;
use crate::pdf::{Glyph, Page, Rect};

/// Builds a page from runs of synthetic glyphs. Latin glyphs advance half
/// an em and CJK glyphs a full em; the box spans 0.8 em above the
/// baseline and 0.2 em below.
#[derive(Default)]
pub(crate) struct Sketch {
    pub(crate) glyphs: Vec<Glyph>,
}

impl Sketch {
    /// Lays out `s` from `x` on `baseline`: a `' '` is a gap of 0.3 em
    /// (no glyph, as many PDFs write it); a `'_'` is a space glyph.
    pub(crate) fn text(self, x: f32, baseline: f32, size: f32, s: &str) -> Sketch {
        self.tracked(x, baseline, size, s, 0.0)
    }

    /// Like [`Sketch::text`], with `tracking` ems added after each glyph.
    pub(crate) fn tracked(mut self, x: f32, baseline: f32, size: f32, s: &str, tracking: f32) -> Sketch {
        let mut x = x;
        for ch in s.chars() {
            let advance = if is_cjk(ch) { size } else { 0.5 * size };
            match ch {
                ' ' => x += 0.3 * size,
                '_' => {
                    self = self.glyph(x, baseline, size, " ", 0.28 * size);
                    x += (0.28 + tracking) * size;
                }
                _ => {
                    self = self.glyph(x, baseline, size, ch.encode_utf8(&mut [0; 4]), advance);
                    x += advance + tracking * size;
                }
            }
        }
        self
    }

    pub(crate) fn glyph(mut self, x: f32, baseline: f32, size: f32, text: &str, advance: f32) -> Sketch {
        let bbox = Rect { x0: x, y0: baseline - 0.8 * size, x1: x + advance, y1: baseline + 0.2 * size };
        self.glyphs.push(Glyph { bbox, baseline, size, text: text.to_owned(), vertical: false });
        self
    }

    pub(crate) fn page(self, number: u32) -> Page {
        Page { number, width: 595.0, height: 842.0, glyphs: self.glyphs, rules: Vec::new() }
    }
}
