//! The outline of a character in one of the bundled faces, as closed polygons, for the places
//! that paint text themselves instead of handing it to a PDF viewer (the Word document's chart
//! pictures, `chart_png`). The curves of the font are flattened into short straight segments,
//! fine enough that no corner shows at the sizes a chart's words are painted.

use azul_core::resources::GlyphOutlineOperation as Op;

use super::fonts::FaceMetrics;

/// Straight segments per curve: a chart's words are 7–9 pt at 3 pixels a point, about 25
/// pixels high, where eight segments per curve are indistinguishable from the curve.
const STEPS: usize = 8;

/// The closed contours of `c` in `face`, in em, with y growing upwards (the font's own
/// direction); empty for a space or a character the face lacks.
pub fn contours(face: &FaceMetrics, c: char) -> Vec<Vec<(f32, f32)>> {
    let Some(gid) = face.parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0) else {
        return Vec::new();
    };
    let Some(glyph) = face.parsed.get_or_decode_glyph(gid) else {
        return Vec::new();
    };
    let em = face.units_per_em();
    let p = |x: i16, y: i16| (f32::from(x) / em, f32::from(y) / em);
    let mut out: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut current: Vec<(f32, f32)> = Vec::new();
    for outline in &glyph.outline {
        for op in outline.operations.iter() {
            let from = current.last().copied().unwrap_or((0.0, 0.0));
            match op {
                Op::MoveTo(m) => {
                    close(&mut out, &mut current);
                    current.push(p(m.x, m.y));
                }
                Op::LineTo(l) => current.push(p(l.x, l.y)),
                Op::QuadraticCurveTo(q) => {
                    let (c1, end) = (p(q.ctrl_1_x, q.ctrl_1_y), p(q.end_x, q.end_y));
                    current.extend((1..=STEPS).map(|k| {
                        let t = k as f32 / STEPS as f32;
                        let u = 1.0 - t;
                        (
                            u * u * from.0 + 2.0 * u * t * c1.0 + t * t * end.0,
                            u * u * from.1 + 2.0 * u * t * c1.1 + t * t * end.1,
                        )
                    }));
                }
                Op::CubicCurveTo(q) => {
                    let (c1, c2, end) = (
                        p(q.ctrl_1_x, q.ctrl_1_y),
                        p(q.ctrl_2_x, q.ctrl_2_y),
                        p(q.end_x, q.end_y),
                    );
                    current.extend((1..=STEPS).map(|k| {
                        let t = k as f32 / STEPS as f32;
                        let u = 1.0 - t;
                        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                        (
                            a * from.0 + b * c1.0 + c * c2.0 + d * end.0,
                            a * from.1 + b * c1.1 + c * c2.1 + d * end.1,
                        )
                    }));
                }
                Op::ClosePath => close(&mut out, &mut current),
            }
        }
        close(&mut out, &mut current);
    }
    out
}

/// Ends the contour being built (a contour is closed implicitly: its last point joins its first).
fn close(out: &mut Vec<Vec<(f32, f32)>>, current: &mut Vec<(f32, f32)>) {
    if current.len() >= 3 {
        out.push(std::mem::take(current));
    } else {
        current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::flow::Face;
    use crate::document::fonts::Fonts;

    #[test]
    fn a_letter_has_closed_contours_within_its_em_and_a_space_has_none() {
        let fonts = Fonts::get().expect("fonts");
        let o = contours(fonts.face(Face::Regular), 'o');
        // An "o" is two contours: the outside and the counter.
        assert_eq!(o.len(), 2, "{o:?}");
        for (x, y) in o.iter().flatten() {
            assert!(
                (0.0..1.0).contains(x) && (-0.1..0.8).contains(y),
                "({x}, {y})"
            );
        }
        assert!(contours(fonts.face(Face::Regular), ' ').is_empty());
    }
}
