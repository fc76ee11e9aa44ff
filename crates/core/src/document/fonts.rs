//! The fonts of the plan document, bundled from `assets/fonts/` (see the README and licences
//! there), and their metrics.
//!
//! Text is measured with the same font files that are embedded, one glyph per character and
//! no kerning, which is exactly how printpdf draws: so a measured width is the drawn width and
//! a line that fits when laid out fits on the page.

use std::sync::OnceLock;

use printpdf::ParsedFont;

// Re-exported: `Fonts` is read face by face, so its callers name faces from here.
pub use super::flow::Face;
use crate::error::{Error, Result};

// The bundled font file of each face and its place in `Fonts`: private to this module.
impl Face {
    fn index(self) -> usize {
        self as usize
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../../../assets/fonts/LiberationSans-Regular.ttf"),
            Face::Bold => include_bytes!("../../../../assets/fonts/LiberationSans-Bold.ttf"),
            Face::Italic => include_bytes!("../../../../assets/fonts/LiberationSans-Italic.ttf"),
            Face::BoldItalic => {
                include_bytes!("../../../../assets/fonts/LiberationSans-BoldItalic.ttf")
            }
            Face::Fallback => include_bytes!("../../../../assets/fonts/DejaVuSans.ttf"),
            Face::FallbackBold => include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf"),
        }
    }
}

/// Characters below this are measured from a table built once; others are looked up.
const TABLE: usize = 0x2200;

/// One parsed face and its advance widths (in em) for the common characters.
#[derive(Debug)]
pub struct FaceMetrics {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance in em for each character below [`TABLE`]; negative when the face lacks it.
    table: Vec<f32>,
    pub ascent: f32,
    pub descent: f32,
}

impl FaceMetrics {
    fn load(face: Face) -> Result<FaceMetrics> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings).ok_or_else(|| {
            Error::Invalid(format!(
                "the bundled font for {face:?} text could not be read: {warnings:?}"
            ))
        })?;
        let m = &parsed.pdf_font_metrics;
        let units_per_em = f32::from(m.units_per_em.max(1));
        let (ascent, descent) = (
            f32::from(m.ascender) / units_per_em,
            f32::from(m.descender) / units_per_em,
        );
        let mut metrics = FaceMetrics {
            parsed,
            units_per_em,
            table: Vec::new(),
            ascent,
            descent,
        };
        metrics.table = (0..TABLE as u32)
            .map(|cp| metrics.lookup(cp).unwrap_or(-1.0))
            .collect();
        Ok(metrics)
    }

    fn lookup(&self, cp: u32) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(cp)?;
        // Glyph 0 is ".notdef", the empty box: the face does not have the character.
        (gid != 0).then(|| f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// Font units per em, to read the face's outlines (`glyphs`) in em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The advance of `c` in em, or `None` when this face has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let cp = c as usize;
        if cp < TABLE {
            let w = self.table[cp];
            (w >= 0.0).then_some(w)
        } else {
            self.lookup(c as u32)
        }
    }
}

/// Every face, parsed once per process: parsing is the slowest part of a small export.
#[derive(Debug)]
pub struct Fonts {
    faces: Vec<FaceMetrics>,
}

static FONTS: OnceLock<std::result::Result<Fonts, String>> = OnceLock::new();

impl Fonts {
    /// The bundled fonts.
    pub fn get() -> Result<&'static Fonts> {
        FONTS
            .get_or_init(|| {
                Face::ALL
                    .iter()
                    .map(|f| FaceMetrics::load(*f))
                    .collect::<Result<Vec<_>>>()
                    .map(|faces| Fonts { faces })
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| Error::Invalid(e.clone()))
    }

    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// The face to draw `c` with when the text asks for `wanted`, and its advance in em:
    /// the wanted face if it has the character, else the fallback of the same weight, else
    /// `None` (the caller reports the character and draws a substitute).
    pub fn resolve(&self, wanted: Face, c: char) -> Option<(Face, f32)> {
        if let Some(w) = self.face(wanted).advance(c) {
            return Some((wanted, w));
        }
        let fallback = if wanted.is_bold() {
            Face::FallbackBold
        } else {
            Face::Fallback
        };
        self.face(fallback).advance(c).map(|w| (fallback, w))
    }

    /// The width in points of `text` set in `face` at `size`, with fallbacks as drawn.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|c| self.resolve(face, c).map_or(0.5, |(_, w)| w) * size)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_face_covers_the_characters_planners_type() {
        let fonts = Fonts::get().expect("the bundled fonts load");
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            for c in "£–’“”éŵŷâêîôûŴŶ".chars() {
                assert!(fonts.face(face).advance(c).is_some(), "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn missing_characters_fall_back_or_are_reported() {
        let fonts = Fonts::get().expect("the bundled fonts load");
        // U+2690 (white flag) is in DejaVu Sans but not Liberation Sans.
        assert_eq!(
            fonts.resolve(Face::Regular, '\u{2690}').map(|r| r.0),
            Some(Face::Fallback)
        );
        // A private-use character is in neither.
        assert_eq!(fonts.resolve(Face::Regular, '\u{E000}'), None);
    }
}
