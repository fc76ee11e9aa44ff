//! Drawing: laid-out pages turned into PDF content streams. No layout decision is made here;
//! this only converts top-left coordinates to PDF's bottom-left ones and items to operators.
//!
//! Each page's content stream is written as bytes and compressed as soon as the page is
//! drawn, and the page's items are freed: a 2,000-page plan never holds more than one
//! page's operators (the fonts and the codes of their characters come first, from `embed`).

use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::embed::{Codes, Started};
use super::flow::{Face, Ink, Item, Layout, Mark, Node, Page, Target};
use super::fonts::Fonts;
use super::options::Progress;
use super::pdf_file::{deflate_content, int, name};
use crate::error::Result;
use crate::model::ActionStatus;

/// Appends a number with at most three decimals (a thousandth of a point is far below what
/// any device shows), then a space.
fn num(out: &mut Vec<u8>, v: f32) {
    let r = (v * 1000.0).round() / 1000.0;
    if r == r.trunc() && r.abs() < 1e9 {
        int(out, r as i64);
    } else {
        let _ = write!(out, "{r}");
    }
    out.push(b' ');
}

fn op(out: &mut Vec<u8>, operator: &[u8]) {
    out.extend_from_slice(operator);
    out.push(b'\n');
}

fn point(out: &mut Vec<u8>, x: f32, y: f32) {
    num(out, x);
    num(out, y);
}

fn rgb(out: &mut Vec<u8>, (r, g, b): (u8, u8, u8), operator: &[u8]) {
    for c in [r, g, b] {
        num(out, f32::from(c) / 255.0);
    }
    op(out, operator);
}

fn fill_color(out: &mut Vec<u8>, ink: Ink) {
    rgb(out, ink.rgb(), b"rg");
}

fn stroke_color(out: &mut Vec<u8>, ink: Ink) {
    rgb(out, ink.rgb(), b"RG");
}

/// The status colours, which only ever accompany a shape and a word.
fn status_rgb(s: ActionStatus) -> (u8, u8, u8) {
    match s {
        ActionStatus::NotStarted => (0x50, 0x5a, 0x5f),
        ActionStatus::OnTrack | ActionStatus::Complete => (0x00, 0x70, 0x3c),
        ActionStatus::AtRisk => (0xb2, 0x5b, 0x00),
        ActionStatus::OffTrack => (0xd4, 0x35, 0x1c),
        ActionStatus::Dropped => (0x6f, 0x77, 0x7b),
    }
}

/// What became of a page's item in the PDF: marked content with this id, the page's link
/// annotation with this index, or nothing the structure tree refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Drawn {
    Nothing,
    Mcid(u32),
    Annot(u32),
}

/// Where marked content is open while a page's operations are written. Consecutive items
/// of one element share a marked-content sequence (one id); artifacts are `/Artifact` BMC.
struct Marking {
    open: Option<(Mark, Drawn)>,
    next: u32,
    /// Off for the benchmark's untagged export, which writes no marked content.
    on: bool,
}

impl Marking {
    fn enter(&mut self, out: &mut Vec<u8>, mark: Mark, tree: &[Node]) -> Drawn {
        if !self.on {
            return Drawn::Nothing;
        }
        if let Some((m, drawn)) = self.open
            && m == mark
        {
            return drawn;
        }
        self.leave(out);
        let drawn = match mark {
            Mark::Artifact => {
                op(out, b"/Artifact BMC");
                Drawn::Nothing
            }
            Mark::Pagination => {
                op(out, b"/Artifact<</Type/Pagination>>BDC");
                Drawn::Nothing
            }
            Mark::Node(n) => {
                let id = self.next;
                self.next += 1;
                name(out, tree[n].role.pdf_name().as_bytes());
                out.extend_from_slice(b"<</MCID ");
                int(out, id);
                op(out, b">>BDC");
                Drawn::Mcid(id)
            }
        };
        self.open = Some((mark, drawn));
        drawn
    }

    fn leave(&mut self, out: &mut Vec<u8>) {
        if self.open.take().is_some() {
            op(out, b"EMC");
        }
    }
}

/// Draws the pages into the document `embed` started, taking them out of `layout` so each
/// page's items are freed as soon as its content stream exists. With `tagged`, every item
/// is drawn inside marked content (its element's, or an artifact's), and what became of
/// each item is returned, page by page, for the structure tree.
pub(super) fn draw(
    layout: &mut Layout,
    started: Started,
    tagged: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Document, Vec<Vec<Drawn>>)> {
    let metrics = Fonts::get()?;
    let Started {
        mut lo,
        codes,
        resources,
        pages: pages_id,
    } = started;
    let total = layout.pages.len();
    // Ids first: a link may point at a later page.
    let page_ids: Vec<ObjectId> = (0..total).map(|_| lo.new_object_id()).collect();
    let media_box = Object::Array(vec![
        Object::Integer(0),
        Object::Integer(0),
        Object::Real(layout.width),
        Object::Real(layout.height),
    ]);
    let laid = std::mem::take(&mut layout.pages);
    let mut drawn = Vec::with_capacity(total);
    let mut content = Vec::with_capacity(64 * 1024);
    for (n, page) in laid.into_iter().enumerate() {
        content.clear();
        let (page_drawn, annots) = page_ops(
            &mut content,
            layout,
            &page,
            &codes,
            metrics,
            &page_ids,
            tagged,
        );
        drawn.push(page_drawn);
        drop(page);
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let mut stream = Stream::new(dict, deflate_content(&content)?);
        stream.allows_compression = false;
        let contents = lo.add_object(stream);
        let mut page_dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("MediaBox", media_box.clone()),
            ("Parent", Object::Reference(pages_id)),
            ("Resources", Object::Reference(resources)),
            ("Contents", Object::Reference(contents)),
        ]);
        if !annots.is_empty() {
            page_dict.set("Annots", Object::Array(annots));
        }
        lo.objects
            .insert(page_ids[n], Object::Dictionary(page_dict));
        if n % 16 == 15 || n + 1 == total {
            progress(Progress::Drawing { done: n + 1, total });
        }
    }
    lo.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Count", Object::Integer(total as i64)),
            (
                "Kids",
                Object::Array(page_ids.iter().map(|id| Object::Reference(*id)).collect()),
            ),
        ])),
    );
    Ok((lo, drawn))
}

/// A link annotation (drawn with no border: without a zero border, viewers draw a box round
/// every link).
fn link(
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    target: &Target,
    page_h: f32,
    pages: &[ObjectId],
) -> Object {
    let action = match target {
        Target::Page(p) => Dictionary::from_iter(vec![
            ("S", Object::Name(b"GoTo".to_vec())),
            (
                "D",
                Object::Array(vec![
                    p.checked_sub(1)
                        .and_then(|k| pages.get(k))
                        .map_or(Object::Null, |id| Object::Reference(*id)),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(page_h),
                    Object::Null,
                ]),
            ),
        ]),
        Target::Uri(u) => Dictionary::from_iter(vec![
            ("S", Object::Name(b"URI".to_vec())),
            (
                "URI",
                Object::String(u.as_bytes().to_vec(), StringFormat::Literal),
            ),
        ]),
    };
    let bottom = page_h - y - h;
    Object::Dictionary(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Link".to_vec())),
        (
            "Rect",
            Object::Array(vec![
                Object::Real(x),
                Object::Real(bottom),
                Object::Real(x + w),
                Object::Real(bottom + h),
            ]),
        ),
        ("A", Object::Dictionary(action)),
        (
            "Border",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Integer(0),
            ]),
        ),
        ("H", Object::Name(b"I".to_vec())),
    ]))
}

/// Writes one page's content into `out`; returns what became of each item and the page's
/// link annotations.
fn page_ops(
    out: &mut Vec<u8>,
    layout: &Layout,
    page: &Page,
    codes: &Codes,
    metrics: &Fonts,
    pages: &[ObjectId],
    tagged: bool,
) -> (Vec<Drawn>, Vec<Object>) {
    let h = layout.height;
    let tree = &layout.structure;
    let mut drawn = vec![Drawn::Nothing; page.items.len()];
    let mut annots = Vec::new();
    let mut marking = Marking {
        open: None,
        next: 0,
        on: tagged,
    };
    // The DRAFT mark first, under everything; then graphics (fills sit under text); then
    // all text in one text object.
    let watermarks = page
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i, Item::Watermark { .. }));
    let graphics = page
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !matches!(i, Item::Watermark { .. } | Item::Text { .. }));
    for (k, item) in watermarks.chain(graphics) {
        let mark = page.marks.get(k).copied().unwrap_or(Mark::Artifact);
        if let Item::Link {
            x,
            y,
            w,
            h: lh,
            target,
        } = item
        {
            // An annotation is no content: the structure tree refers to it as an object.
            drawn[k] = Drawn::Annot(annots.len() as u32);
            annots.push(link(*x, *y, *w, *lh, target, h, pages));
            continue;
        }
        drawn[k] = marking.enter(out, mark, tree);
        match item {
            Item::Watermark { text } => {
                let size = 110.0;
                let w = metrics.width(Face::Bold, size, text);
                let (c, s) = (
                    std::f32::consts::FRAC_PI_4.cos(),
                    std::f32::consts::FRAC_PI_4.sin(),
                );
                // Centre the word on the page, rotated 45°.
                let (cx, cy) = (layout.width / 2.0, h / 2.0);
                let (x, y) = (
                    cx - c * w / 2.0 + s * size * 0.35,
                    cy - s * w / 2.0 - c * size * 0.35,
                );
                op(out, b"q\nBT");
                font(out, codes, Face::Bold, size);
                rgb(out, (0xf2, 0xdc, 0xd8), b"rg");
                for v in [c, s, -s, c, x, y] {
                    num(out, v);
                }
                op(out, b"Tm");
                show(out, codes, Face::Bold, text);
                op(out, b"ET\nQ");
            }
            Item::Fill {
                x,
                y,
                w,
                h: rh,
                ink,
            } => {
                fill_color(out, *ink);
                point(out, *x, h - y - rh);
                point(out, *w, *rh);
                op(out, b"re f");
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                ink,
                dashed,
            } => {
                stroke_color(out, *ink);
                num(out, *width);
                op(out, b"w");
                op(out, if *dashed { b"[4 3] 0 d" } else { b"[] 0 d" });
                line(out, &[(*x1, h - y1), (*x2, h - y2)]);
            }
            Item::Polyline { points, width, ink } => {
                stroke_color(out, *ink);
                num(out, *width);
                op(out, b"w\n[] 0 d");
                let pts: Vec<(f32, f32)> = points.iter().map(|(x, y)| (*x, h - y)).collect();
                line(out, &pts);
            }
            Item::Dot { x, y, r, ink } => {
                fill_color(out, *ink);
                circle(out, *x, h - y, *r);
                op(out, b"f");
            }
            Item::Shape { status, x, y, size } => {
                shape(out, *status, *x, h - y, *size);
            }
            Item::Link { .. } | Item::Text { .. } => {}
        }
    }
    marking.leave(out);
    op(out, b"BT");
    let mut current: Option<(Face, f32)> = None;
    let mut ink_now: Option<Ink> = None;
    for (k, item) in page.items.iter().enumerate() {
        if let Item::Text {
            x,
            y,
            size,
            face,
            ink,
            text,
        } = item
        {
            if codes.name(*face).is_none() {
                continue;
            }
            let mark = page.marks.get(k).copied().unwrap_or(Mark::Artifact);
            drawn[k] = marking.enter(out, mark, tree);
            if current != Some((*face, *size)) {
                font(out, codes, *face, *size);
                current = Some((*face, *size));
            }
            if ink_now != Some(*ink) {
                fill_color(out, *ink);
                ink_now = Some(*ink);
            }
            out.extend_from_slice(b"1 0 0 1 ");
            point(out, *x, h - y);
            op(out, b"Tm");
            show(out, codes, *face, text);
        }
    }
    marking.leave(out);
    op(out, b"ET");
    (drawn, annots)
}

fn font(out: &mut Vec<u8>, codes: &Codes, face: Face, size: f32) {
    if let Some(n) = codes.name(face) {
        name(out, n);
        out.push(b' ');
        num(out, size);
        op(out, b"Tf");
    }
}

/// Shows `text` in `face`: each character's two-byte code, in hexadecimal.
fn show(out: &mut Vec<u8>, codes: &Codes, face: Face, text: &str) {
    out.push(b'<');
    for c in text.chars() {
        let _ = write!(out, "{:04X}", codes.code(face, c));
    }
    op(out, b">Tj");
}

/// An open stroked line through `points`.
fn line(out: &mut Vec<u8>, points: &[(f32, f32)]) {
    for (k, (x, y)) in points.iter().enumerate() {
        point(out, *x, *y);
        op(out, if k == 0 { b"m" } else { b"l" });
    }
    op(out, b"S");
}

/// A closed path through `points`, filled.
fn polygon(out: &mut Vec<u8>, points: &[(f32, f32)]) {
    for (k, (x, y)) in points.iter().enumerate() {
        point(out, *x, *y);
        op(out, if k == 0 { b"m" } else { b"l" });
    }
    op(out, b"h f");
}

/// A closed circle path from four Bézier arcs, in PDF coordinates; the caller paints it.
fn circle(out: &mut Vec<u8>, cx: f32, cy: f32, r: f32) {
    let k = 0.552_284_8 * r;
    point(out, cx + r, cy);
    op(out, b"m");
    for [c1, c2, end] in [
        [(cx + r, cy + k), (cx + k, cy + r), (cx, cy + r)],
        [(cx - k, cy + r), (cx - r, cy + k), (cx - r, cy)],
        [(cx - r, cy - k), (cx - k, cy - r), (cx, cy - r)],
        [(cx + k, cy - r), (cx + r, cy - k), (cx + r, cy)],
    ] {
        for (x, y) in [c1, c2, end] {
            point(out, x, y);
        }
        op(out, b"c");
    }
    op(out, b"h");
}

/// Each status has its own shape, so it reads without colour: ○ not started, ● on track,
/// ▲ at risk, ◆ off track, ✓ complete, ✕ dropped.
fn shape(out: &mut Vec<u8>, status: ActionStatus, x: f32, y: f32, size: f32) {
    let r = size / 2.0;
    let col = status_rgb(status);
    rgb(out, col, b"rg");
    rgb(out, col, b"RG");
    op(out, b"1.2 w\n[] 0 d");
    match status {
        ActionStatus::NotStarted => {
            circle(out, x, y, r - 0.6);
            op(out, b"S");
        }
        ActionStatus::OnTrack => {
            circle(out, x, y, r);
            op(out, b"f");
        }
        ActionStatus::AtRisk => polygon(
            out,
            &[(x - r, y - r * 0.85), (x + r, y - r * 0.85), (x, y + r)],
        ),
        ActionStatus::OffTrack => {
            polygon(out, &[(x, y + r), (x + r, y), (x, y - r), (x - r, y)]);
        }
        ActionStatus::Complete => {
            op(out, b"1.6 w");
            line(
                out,
                &[
                    (x - r, y),
                    (x - r * 0.25, y - r * 0.75),
                    (x + r, y + r * 0.8),
                ],
            );
        }
        ActionStatus::Dropped => {
            line(
                out,
                &[(x - r * 0.8, y - r * 0.8), (x + r * 0.8, y + r * 0.8)],
            );
            line(
                out,
                &[(x - r * 0.8, y + r * 0.8), (x + r * 0.8, y - r * 0.8)],
            );
        }
    }
}
