//! A chart as a PNG picture, for the Word document (Word 2016 does not show SVG pictures, and
//! a picture is what a comms team can move and resize).
//!
//! The picture is not drawn from a second idea of what a chart looks like: `chart::figure`
//! lays the chart out exactly as for the PDF (without the summary the PDF prints under it,
//! which the Word document gives as an editable caption), into a cursor of its own, and this module
//! paints the rules, lines, dots, fills and words it placed, anti-aliased, at [`SCALE`] pixels
//! per point. The words (scale values, dates, legend) are painted from the bundled fonts'
//! own outlines (`glyphs`), so the picture reads as the PDF's chart does; the Word document
//! also gives them in the caption under the picture and in its alternative text.

use super::chart;
use super::cursor::Cursor;
use super::flow::{Chart, Ink, Item};
use super::fonts::Fonts;
use super::glyphs;
use super::text::Typesetter;
use crate::error::{Error, Result};

/// Pixels per point: sharp when printed at the picture's size (216 pixels per inch).
const SCALE: f32 = 3.0;
/// White space kept around what the chart placed, in points.
const MARGIN: f32 = 6.0;
/// The PDF's dash pattern for dashed rules (on, off), in points.
const DASH: (f32, f32) = (4.0, 3.0);

/// A chart painted as a PNG.
#[derive(Debug, Clone)]
pub struct ChartPicture {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    /// The size to show it at, in points.
    pub width_pt: f32,
    pub height_pt: f32,
}

/// Paints a chart as a PNG.
pub fn render(c: &Chart) -> Result<ChartPicture> {
    painted(&placed(c)?)
}

/// Paints what the chart placed.
fn painted(items: &[Item]) -> Result<ChartPicture> {
    let (x0, y0, x1, y1) = bounds(items);
    let (ox, oy) = (x0 - MARGIN, y0 - MARGIN);
    let width_pt = x1 - x0 + 2.0 * MARGIN;
    let height_pt = y1 - y0 + 2.0 * MARGIN;
    let mut canvas = Canvas::new(
        (width_pt * SCALE).ceil() as u32,
        (height_pt * SCALE).ceil() as u32,
    );
    let at = |x: f32, y: f32| ((x - ox) * SCALE, (y - oy) * SCALE);
    for item in items {
        match item {
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                ink,
                dashed,
            } => {
                let (a, b) = (at(*x1, *y1), at(*x2, *y2));
                let w = width * SCALE;
                if *dashed {
                    canvas.dashed(a, b, w, ink.rgb());
                } else {
                    canvas.segment(a, b, w, ink.rgb());
                }
            }
            Item::Polyline { points, width, ink } => {
                for pair in points.windows(2) {
                    let (a, b) = (at(pair[0].0, pair[0].1), at(pair[1].0, pair[1].1));
                    canvas.segment(a, b, width * SCALE, ink.rgb());
                }
            }
            Item::Dot { x, y, r, ink } => canvas.disc(at(*x, *y), r * SCALE, ink.rgb()),
            Item::Text {
                x,
                y,
                size,
                face,
                ink,
                text,
            } => {
                let metrics = Fonts::get()?.face(*face);
                let mut pen = *x;
                for c in text.chars() {
                    // Each contour from em (y up) to pixels (y down) at the pen's place.
                    let shape: Vec<Vec<(f32, f32)>> = glyphs::contours(metrics, c)
                        .into_iter()
                        .map(|contour| {
                            contour
                                .into_iter()
                                .map(|(gx, gy)| at(pen + gx * size, y - gy * size))
                                .collect()
                        })
                        .collect();
                    canvas.fill(&shape, ink.rgb());
                    pen += metrics.advance(c).unwrap_or(0.5) * size;
                }
            }
            Item::Fill { x, y, w, h, ink } => {
                let (a, b) = (at(*x, *y), at(x + w, y + h));
                canvas.rect(a, b, ink.rgb());
            }
            // Shapes and links do not occur in a chart.
            _ => {}
        }
    }
    Ok(ChartPicture {
        png: canvas.encode()?,
        width_px: canvas.w,
        height_px: canvas.h,
        width_pt,
        height_pt,
    })
}

/// What `chart::figure` puts down for the chart, on a page tall enough for all of it.
fn placed(c: &Chart) -> Result<Vec<Item>> {
    let mut f = Cursor {
        t: Typesetter::new(Fonts::get()?),
        width: 1000.0,
        height: 1000.0,
        left: 0.0,
        right: 1000.0,
        top: 0.0,
        bottom: 1000.0,
        y: 0.0,
        pages: Vec::new(),
        headings: Vec::new(),
        contents_slots: Vec::new(),
        // The structure tree the PDF tags with is built too, and not used: a picture has
        // none (its alternative text is the chart's summary).
        tree: super::cursor::new_tree(),
        current: 0,
        artifact: false,
    };
    f.new_page();
    chart::figure(&mut f, c);
    Ok(f.pages.into_iter().flat_map(|p| p.items).collect())
}

/// The box around the painted items: left, top, right, bottom in points.
fn bounds(items: &[Item]) -> (f32, f32, f32, f32) {
    let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut take = |x: f32, y: f32, pad: f32| {
        b = (
            b.0.min(x - pad),
            b.1.min(y - pad),
            b.2.max(x + pad),
            b.3.max(y + pad),
        );
    };
    for item in items {
        match item {
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => {
                take(*x1, *y1, width / 2.0);
                take(*x2, *y2, width / 2.0);
            }
            Item::Polyline { points, width, .. } => {
                for (x, y) in points {
                    take(*x, *y, width / 2.0);
                }
            }
            Item::Dot { x, y, r, .. } => take(*x, *y, *r),
            Item::Fill { x, y, w, h, .. } => {
                take(*x, *y, 0.0);
                take(x + w, y + h, 0.0);
            }
            Item::Text {
                x,
                y,
                size,
                face,
                text,
                ..
            } => {
                // From the ascent above the baseline to the descent below it.
                let width = Fonts::get().map_or(0.0, |f| f.width(*face, *size, text));
                take(*x, y - size, 0.0);
                take(x + width, y + size * 0.25, 0.0);
            }
            _ => {}
        }
    }
    if b.0 > b.2 { (0.0, 0.0, 1.0, 1.0) } else { b }
}

/// An RGB picture on white that shapes are painted into with anti-aliased edges.
struct Canvas {
    w: u32,
    h: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        let (r, g, b) = Ink::White.rgb();
        Canvas {
            w,
            h,
            rgb: [r, g, b].repeat((w * h) as usize),
        }
    }

    /// Paints `colour` over the pixels of a box, each covered as `coverage` says (0 to 1).
    fn paint(
        &mut self,
        (x0, y0, x1, y1): (f32, f32, f32, f32),
        colour: (u8, u8, u8),
        coverage: impl Fn(f32, f32) -> f32,
    ) {
        let clamp = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
        for py in clamp(y0.floor(), self.h)..clamp(y1.ceil() + 1.0, self.h) {
            for px in clamp(x0.floor(), self.w)..clamp(x1.ceil() + 1.0, self.w) {
                let a = coverage(px as f32 + 0.5, py as f32 + 0.5).clamp(0.0, 1.0);
                if a <= 0.0 {
                    continue;
                }
                self.blend(px, py, colour, a);
            }
        }
    }

    /// Mixes `colour` into one pixel by `a` (0 to 1).
    fn blend(&mut self, px: u32, py: u32, colour: (u8, u8, u8), a: f32) {
        let k = ((py * self.w + px) * 3) as usize;
        for (i, c) in [colour.0, colour.1, colour.2].into_iter().enumerate() {
            let old = f32::from(self.rgb[k + i]);
            self.rgb[k + i] = (old + (f32::from(c) - old) * a).round() as u8;
        }
    }

    /// A straight stroke with round ends, so the segments of a line join smoothly.
    fn segment(&mut self, a: (f32, f32), b: (f32, f32), width: f32, colour: (u8, u8, u8)) {
        let half = width.max(1.0) / 2.0;
        let pad = half + 1.0;
        let area = (
            a.0.min(b.0) - pad,
            a.1.min(b.1) - pad,
            a.0.max(b.0) + pad,
            a.1.max(b.1) + pad,
        );
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = (dx * dx + dy * dy).max(1e-6);
        self.paint(area, colour, |x, y| {
            let t = (((x - a.0) * dx + (y - a.1) * dy) / len2).clamp(0.0, 1.0);
            let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
            let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
            half + 0.5 - d
        });
    }

    /// A stroke broken into the PDF's dashes.
    fn dashed(&mut self, a: (f32, f32), b: (f32, f32), width: f32, colour: (u8, u8, u8)) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            return;
        }
        let (on, off) = (DASH.0 * SCALE, DASH.1 * SCALE);
        let mut s = 0.0;
        while s < len {
            let e = (s + on).min(len);
            let p = |t: f32| (a.0 + dx * t / len, a.1 + dy * t / len);
            // Butt ends, as in the PDF: the round end of `segment` would close the gaps.
            let (pa, pb) = (
                p(s + width / 2.0),
                p((e - width / 2.0).max(s + width / 2.0)),
            );
            self.segment(pa, pb, width, colour);
            s = e + off;
        }
    }

    fn disc(&mut self, c: (f32, f32), r: f32, colour: (u8, u8, u8)) {
        let area = (c.0 - r - 1.0, c.1 - r - 1.0, c.0 + r + 1.0, c.1 + r + 1.0);
        self.paint(area, colour, |x, y| {
            r + 0.5 - ((x - c.0).powi(2) + (y - c.1).powi(2)).sqrt()
        });
    }

    fn rect(&mut self, a: (f32, f32), b: (f32, f32), colour: (u8, u8, u8)) {
        self.paint((a.0, a.1, b.0, b.1), colour, |x, y| {
            let inside = |v: f32, lo: f32, hi: f32| (v - lo + 0.5).min(hi - v + 0.5);
            inside(x, a.0, b.0).min(inside(y, a.1, b.1))
        });
    }

    /// Fills closed polygons (in pixels) by the nonzero winding rule, as a font's outlines
    /// are meant to be filled: each pixel row is crossed by [`ROWS`] scan lines, and each
    /// span between crossings adds the part of every pixel it covers.
    fn fill(&mut self, contours: &[Vec<(f32, f32)>], colour: (u8, u8, u8)) {
        const ROWS: usize = 4;
        let points = contours.iter().flatten();
        let (mut top, mut bottom) = (f32::MAX, f32::MIN);
        let (mut left, mut right) = (f32::MAX, f32::MIN);
        for (x, y) in points {
            (top, bottom) = (top.min(*y), bottom.max(*y));
            (left, right) = (left.min(*x), right.max(*x));
        }
        if top > bottom {
            return;
        }
        let x0 = (left.floor().max(0.0) as usize).min(self.w as usize);
        let x1 = (right.ceil().max(0.0) as usize + 1).min(self.w as usize);
        let mut cover = vec![0.0f32; x1.saturating_sub(x0)];
        let mut crossings: Vec<(f32, i32)> = Vec::new();
        let (first, last) = (
            top.floor().max(0.0) as u32,
            (bottom.ceil() as u32).min(self.h),
        );
        for py in first..last {
            cover.iter_mut().for_each(|c| *c = 0.0);
            for row in 0..ROWS {
                let sy = py as f32 + (row as f32 + 0.5) / ROWS as f32;
                crossings.clear();
                for contour in contours {
                    for (k, a) in contour.iter().enumerate() {
                        let b = contour[(k + 1) % contour.len()];
                        if (a.1 <= sy) != (b.1 <= sy) {
                            let t = (sy - a.1) / (b.1 - a.1);
                            crossings.push((a.0 + t * (b.0 - a.0), if b.1 > a.1 { 1 } else { -1 }));
                        }
                    }
                }
                crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut winding = 0;
                for pair in crossings.windows(2) {
                    winding += pair[0].1;
                    if winding != 0 {
                        span(&mut cover, x0, pair[0].0, pair[1].0, 1.0 / ROWS as f32);
                    }
                }
            }
            for (i, a) in cover.iter().enumerate() {
                if *a > 0.0 {
                    self.blend((x0 + i) as u32, py, colour, a.min(1.0));
                }
            }
        }
    }

    fn encode(&self) -> Result<Vec<u8>> {
        let fail = |e: png::EncodingError| Error::Invalid(format!("a chart picture: {e}"));
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.w, self.h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(&self.rgb).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(out)
    }
}

/// Adds `weight` times the covered part of each pixel between `from` and `to` (pixels) to
/// `cover`, whose first entry is the pixel at `x0`.
fn span(cover: &mut [f32], x0: usize, from: f32, to: f32, weight: f32) {
    let (from, to) = (from - x0 as f32, to - x0 as f32);
    let first = from.floor().max(0.0) as usize;
    let last = (to.ceil().max(0.0) as usize).min(cover.len());
    for (i, c) in cover.iter_mut().enumerate().take(last).skip(first) {
        let (l, r) = (i as f32, i as f32 + 1.0);
        *c += (to.min(r) - from.max(l)).max(0.0) * weight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn chart() -> Chart {
        let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap_or_default();
        Chart {
            title: "Smoking prevalence".into(),
            unit: "%".into(),
            target: Some((10.0, Some(d(12)))),
            baseline: Some((16.0, Some(d(1)))),
            readings: vec![(d(3), 15.0), (d(6), 13.5), (d(9), 12.0)],
            summary: "Readings fell from 15% to 12%.".into(),
        }
    }

    #[test]
    fn a_chart_is_a_png_with_its_lines_painted() {
        let p = render(&chart()).expect("render");
        assert!(p.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(p.width_px, (p.width_pt * SCALE).ceil() as u32);
        // Something other than white was painted, in the accent colour of the line.
        let decoder = png::Decoder::new(std::io::Cursor::new(&p.png));
        let mut reader = decoder.read_info().expect("header");
        let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
        reader.next_frame(&mut buf).expect("frame");
        let accent = Ink::Accent.rgb();
        assert!(
            buf.chunks(3).any(|px| (px[0], px[1], px[2]) == accent),
            "the readings line is not painted"
        );
    }

    /// The pixels of a picture.
    fn pixels(p: &ChartPicture) -> Vec<u8> {
        let decoder = png::Decoder::new(std::io::Cursor::new(&p.png));
        let mut reader = decoder.read_info().expect("header");
        let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
        reader.next_frame(&mut buf).expect("frame");
        buf
    }

    #[test]
    fn the_words_of_the_chart_are_painted_too() {
        // The same placed chart painted with and without its words: the words add pixels
        // in their ink that the shapes alone do not have, a few hundred per word.
        let items = placed(&chart()).expect("placed");
        let words: Vec<&Item> = items
            .iter()
            .filter(|i| matches!(i, Item::Text { .. }))
            .collect();
        assert!(words.len() >= 4, "{words:?}");
        let Item::Text { ink, .. } = words[0] else {
            unreachable!()
        };
        let inked = |p: &ChartPicture| {
            let want = ink.rgb();
            pixels(p)
                .chunks(3)
                .filter(|px| (px[0], px[1], px[2]) == want)
                .count()
        };
        let shapes: Vec<Item> = items
            .iter()
            .filter(|i| !matches!(i, Item::Text { .. }))
            .cloned()
            .collect();
        let (with, without) = (
            painted(&items).expect("paint"),
            painted(&shapes).expect("paint"),
        );
        assert!(
            inked(&with) > inked(&without) + 100 * words.len(),
            "{} inked pixels with the words, {} without",
            inked(&with),
            inked(&without)
        );
    }

    #[test]
    fn a_filled_square_covers_its_pixels_and_half_of_those_its_edge_halves() {
        let mut canvas = Canvas::new(20, 20);
        canvas.fill(
            &[vec![(2.0, 2.0), (12.0, 2.0), (12.0, 12.5), (2.0, 12.5)]],
            (0, 0, 0),
        );
        let at = |x: u32, y: u32| canvas.rgb[((y * 20 + x) * 3) as usize];
        assert_eq!(
            (at(2, 2), at(11, 11), at(1, 5), at(12, 5)),
            (0, 0, 255, 255)
        );
        // Row 12 is half inside: grey.
        assert!((100..160).contains(&at(5, 12)), "{}", at(5, 12));
    }
}
