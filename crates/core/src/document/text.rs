//! Measuring and wrapping styled text into lines of a given width.
//!
//! Each character is measured in the face it will be drawn in (after font fallback), so a
//! line's measured width is its drawn width. Lines break at spaces; a word longer than the
//! line (a long compound, a web address) breaks inside itself, after a slash, hyphen or dot
//! when there is one, so nothing ever runs past the margin. No character is dropped: one no
//! font has is drawn as "?" and reported.

use std::collections::BTreeSet;

use super::flow::{Face, Span};
use super::fonts::Fonts;

/// A run of characters in one face, placed `dx` points from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub dx: f32,
    pub width: f32,
    pub face: Face,
    pub text: String,
    /// The web address the run links to.
    pub link: Option<String>,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
}

#[cfg(test)]
impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Clone, Copy)]
struct Glyph {
    c: char,
    face: Face,
    /// Advance in points.
    w: f32,
    /// Index of the span the character came from.
    span: usize,
}

/// Measures and wraps text, remembering characters no font has.
#[derive(Debug)]
pub struct Typesetter {
    pub fonts: &'static Fonts,
    pub missing: BTreeSet<char>,
}

impl Typesetter {
    pub fn new(fonts: &'static Fonts) -> Typesetter {
        Typesetter {
            fonts,
            missing: BTreeSet::new(),
        }
    }

    /// The width of plain text in one face, as drawn.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.fonts.width(face, size, text)
    }

    /// Wraps `spans` into lines no wider than `width`. `bold` makes every span bold
    /// (headings, table headers).
    pub fn wrap(&mut self, spans: &[Span], bold: bool, size: f32, width: f32) -> Vec<Line> {
        let glyphs = self.glyphs(spans, bold, size);
        let mut lines = Vec::new();
        let n = glyphs.len();
        let mut start = 0;
        while start < n {
            let mut i = start;
            let mut x = 0.0;
            let mut last_space = None;
            while i < n {
                let g = glyphs[i];
                if g.c == ' ' {
                    last_space = Some(i);
                } else if x + g.w > width + 0.01 {
                    break;
                }
                x += g.w;
                i += 1;
            }
            let (end, next) = if i == n {
                (n, n)
            } else if let Some(sp) = last_space.filter(|&sp| sp > start) {
                (sp, sp + 1)
            } else {
                // A word wider than the line: break inside it, preferably after a character
                // that separates the parts of an address or a compound.
                let cut = (start + (i - start) / 2 + 1..i)
                    .rev()
                    .find(|&k| matches!(glyphs[k - 1].c, '/' | '-' | '.' | '_' | '?' | '&' | '='))
                    .unwrap_or(i)
                    .max(start + 1);
                (cut, cut)
            };
            lines.push(self.line(spans, &glyphs[start..end]));
            start = next;
            while start < n && glyphs[start].c == ' ' {
                start += 1;
            }
        }
        lines
    }

    /// The characters of `spans` with whitespace collapsed, each resolved to a face.
    fn glyphs(&mut self, spans: &[Span], bold: bool, size: f32) -> Vec<Glyph> {
        let mut out: Vec<Glyph> = Vec::new();
        for (k, span) in spans.iter().enumerate() {
            let wanted = Face::of(bold || span.bold, span.italic);
            for c in span.text.chars() {
                let c = if c.is_whitespace() && c != '\u{a0}' {
                    ' '
                } else {
                    c
                };
                if c == ' ' && out.last().is_none_or(|g| g.c == ' ') {
                    continue;
                }
                if c.is_control() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}') {
                    continue;
                }
                let (face, c, em) = match self.fonts.resolve(wanted, c) {
                    Some((face, em)) => (face, c, em),
                    None => {
                        self.missing.insert(c);
                        let em = self.fonts.face(wanted).advance('?').unwrap_or(0.5);
                        (wanted, '?', em)
                    }
                };
                out.push(Glyph {
                    c,
                    face,
                    w: em * size,
                    span: k,
                });
            }
        }
        while out.last().is_some_and(|g| g.c == ' ') {
            out.pop();
        }
        out
    }

    fn line(&self, spans: &[Span], glyphs: &[Glyph]) -> Line {
        let mut glyphs = glyphs;
        while let [rest @ .., last] = glyphs
            && last.c == ' '
        {
            glyphs = rest;
        }
        let mut line = Line::default();
        for g in glyphs {
            match line.runs.last_mut() {
                Some(r) if r.face == g.face && r.link == spans[g.span].link => {
                    r.text.push(g.c);
                    r.width += g.w;
                }
                _ => line.runs.push(Run {
                    dx: line.width,
                    width: g.w,
                    face: g.face,
                    text: g.c.to_string(),
                    link: spans[g.span].link.clone(),
                }),
            }
            line.width += g.w;
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setter() -> Typesetter {
        Typesetter::new(Fonts::get().expect("fonts"))
    }

    #[test]
    fn lines_fit_and_keep_every_character() {
        let mut t = setter();
        let text = "Everyone in Dorset deserves to live well. We want to support people to live healthy and happy lives from cradle to old age.";
        let lines = t.wrap(&[Span::plain(text)], false, 11.0, 200.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width <= 200.01, "{} is {}", l.text(), l.width);
        }
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn long_words_and_addresses_break_inside() {
        let mut t = setter();
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochllanfairpwll";
        let lines = t.wrap(&[Span::plain(word)], false, 11.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.01));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
        let url = "https://www.ourdorset.nhs.uk/wp-content/uploads/2019/11/Our-Dorset-Looking-Forward-2019.pdf";
        let lines = t.wrap(&[Span::plain(url)], false, 11.0, 150.0);
        assert!(lines.iter().all(|l| l.width <= 150.01));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), url);
    }
}
