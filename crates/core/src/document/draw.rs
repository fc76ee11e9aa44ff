//! Drawing: laid-out pages turned into printpdf operations. No layout decision is made here;
//! this only converts top-left coordinates to PDF's bottom-left ones and items to operators.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Color, Destination, DictItem, FontId, LineDashPattern, LinePoint,
    LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::flow::{Doc, Face, Ink, Item, Layout, Mark, Node, Page, Target};
use super::fonts::Fonts;
use super::options::Progress;
use crate::error::Result;
use crate::model::ActionStatus;

fn color(ink: Ink) -> Color {
    let (r, g, b) = ink.rgb();
    rgb(r, g, b)
}

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
        None,
    ))
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

/// The status colours, which only ever accompany a shape and a word.
fn status_color(s: ActionStatus) -> Color {
    match s {
        ActionStatus::NotStarted => rgb(0x50, 0x5a, 0x5f),
        ActionStatus::OnTrack | ActionStatus::Complete => rgb(0x00, 0x70, 0x3c),
        ActionStatus::AtRisk => rgb(0xb2, 0x5b, 0x00),
        ActionStatus::OffTrack => rgb(0xd4, 0x35, 0x1c),
        ActionStatus::Dropped => rgb(0x6f, 0x77, 0x7b),
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
    fn enter(&mut self, ops: &mut Vec<Op>, mark: Mark, tree: &[Node]) -> Drawn {
        if !self.on {
            return Drawn::Nothing;
        }
        if let Some((m, drawn)) = self.open
            && m == mark
        {
            return drawn;
        }
        self.leave(ops);
        let drawn = match mark {
            Mark::Artifact => {
                ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".into(),
                });
                Drawn::Nothing
            }
            Mark::Pagination => {
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Artifact".into(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([(
                            "Type".to_owned(),
                            DictItem::Name(b"Pagination".to_vec()),
                        )]),
                    },
                });
                Drawn::Nothing
            }
            Mark::Node(n) => {
                let id = self.next;
                self.next += 1;
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: tree[n].role.pdf_name().into(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(i64::from(id)))]),
                    },
                });
                Drawn::Mcid(id)
            }
        };
        self.open = Some((mark, drawn));
        drawn
    }

    fn leave(&mut self, ops: &mut Vec<Op>) {
        if self.open.take().is_some() {
            ops.push(Op::EndMarkedContent);
        }
    }
}

/// Draws the pages, taking them out of `layout` so each page's items are freed as soon as
/// its operations exist (this keeps the peak memory of a 2,000-page plan down). With
/// `tagged`, every item is drawn inside marked content (its element's, or an artifact's),
/// and what became of each item is returned, page by page, for the structure tree.
pub(super) fn draw(
    doc: &Doc,
    layout: &mut Layout,
    tagged: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<(PdfDocument, Vec<Vec<Drawn>>)> {
    let fonts = Fonts::get()?;
    let mut pdf = PdfDocument::new(&doc.title);
    // Only faces that are used are added, so an unused fallback font is not embedded.
    let mut used: BTreeMap<Face, FontId> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text { face, .. } = item
                && !used.contains_key(face)
            {
                used.insert(*face, pdf.add_font(&fonts.face(*face).parsed));
            }
        }
    }
    let wm_face = Face::Bold;
    if layout
        .pages
        .iter()
        .any(|p| p.items.iter().any(|i| matches!(i, Item::Watermark { .. })))
        && !used.contains_key(&wm_face)
    {
        used.insert(wm_face, pdf.add_font(&fonts.face(wm_face).parsed));
    }
    let to_mm = |v: f32| Mm(v * 25.4 / 72.0);
    let total = layout.pages.len();
    let mut pages = Vec::with_capacity(total);
    let laid = std::mem::take(&mut layout.pages);
    let mut drawn = Vec::with_capacity(total);
    for (n, page) in laid.into_iter().enumerate() {
        let (ops, page_drawn) = page_ops(layout, &page, &used, fonts, tagged);
        drawn.push(page_drawn);
        drop(page);
        pages.push(PdfPage::new(to_mm(layout.width), to_mm(layout.height), ops));
        if n % 16 == 15 || n + 1 == total {
            progress(Progress::Drawing { done: n + 1, total });
        }
    }
    pdf.with_pages(pages);
    Ok((pdf, drawn))
}

fn page_ops(
    layout: &Layout,
    page: &Page,
    fonts: &BTreeMap<Face, FontId>,
    metrics: &Fonts,
    tagged: bool,
) -> (Vec<Op>, Vec<Drawn>) {
    let h = layout.height;
    let tree = &layout.structure;
    let mut ops = Vec::with_capacity(page.items.len() * 4 + 8);
    let mut drawn = vec![Drawn::Nothing; page.items.len()];
    let mut marking = Marking {
        open: None,
        next: 0,
        on: tagged,
    };
    let mut annots = 0;
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
        if let Item::Link { .. } = item {
            // An annotation is no content: the structure tree refers to it as an object.
            drawn[k] = Drawn::Annot(annots);
            annots += 1;
        } else {
            drawn[k] = marking.enter(&mut ops, mark, tree);
        }
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
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::StartTextSection);
                if let Some(id) = fonts.get(&Face::Bold) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(size),
                    });
                }
                ops.push(Op::SetFillColor {
                    col: rgb(0xf2, 0xdc, 0xd8),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([c, s, -s, c, x, y]),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Fill {
                x,
                y,
                w,
                h: rh,
                ink,
            } => {
                ops.push(Op::SetFillColor { col: color(*ink) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
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
                ops.push(Op::SetOutlineColor { col: color(*ink) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::SetLineDashPattern {
                    dash: if *dashed {
                        LineDashPattern::new(0.0, &[4.0, 3.0])
                    } else {
                        LineDashPattern::solid()
                    },
                });
                ops.push(line(&[(*x1, h - y1), (*x2, h - y2)], false));
            }
            Item::Polyline { points, width, ink } => {
                ops.push(Op::SetOutlineColor { col: color(*ink) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::solid(),
                });
                let pts: Vec<(f32, f32)> = points.iter().map(|(x, y)| (*x, h - y)).collect();
                ops.push(line(&pts, false));
            }
            Item::Dot { x, y, r, ink } => {
                ops.push(Op::SetFillColor { col: color(*ink) });
                ops.push(circle(*x, h - y, *r, PaintMode::Fill));
            }
            Item::Shape { status, x, y, size } => {
                shape(&mut ops, *status, *x, h - y, *size);
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => {
                let actions = match target {
                    Target::Page(p) => Actions::Goto(Destination::Xyz {
                        page: *p,
                        left: Some(0.0),
                        top: Some(h),
                        zoom: None,
                    }),
                    Target::Uri(u) => Actions::Uri(u.clone()),
                };
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect {
                            x: Pt(*x),
                            y: Pt(h - y - lh),
                            width: Pt(*w),
                            height: Pt(*lh),
                            mode: None,
                            winding_order: None,
                        },
                        actions,
                        // Without a zero border, viewers draw a box round every link.
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
            Item::Text { .. } => {}
        }
    }
    marking.leave(&mut ops);
    ops.push(Op::StartTextSection);
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
            let Some(id) = fonts.get(face) else { continue };
            let mark = page.marks.get(k).copied().unwrap_or(Mark::Artifact);
            drawn[k] = marking.enter(&mut ops, mark, tree);
            if current != Some((*face, *size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(*size),
                });
                current = Some((*face, *size));
            }
            if ink_now != Some(*ink) {
                ops.push(Op::SetFillColor { col: color(*ink) });
                ink_now = Some(*ink);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
    }
    marking.leave(&mut ops);
    ops.push(Op::EndTextSection);
    (ops, drawn)
}

fn line(points: &[(f32, f32)], closed: bool) -> Op {
    Op::DrawLine {
        line: printpdf::Line {
            points: points
                .iter()
                .map(|(x, y)| LinePoint {
                    p: pt(*x, *y),
                    bezier: false,
                })
                .collect(),
            is_closed: closed,
        },
    }
}

fn polygon(points: Vec<LinePoint>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

fn corner(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: pt(x, y),
        bezier: false,
    }
}

fn control(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: pt(x, y),
        bezier: true,
    }
}

/// A circle from four Bézier arcs, in PDF coordinates.
fn circle(cx: f32, cy: f32, r: f32, mode: PaintMode) -> Op {
    let k = 0.552_284_8 * r;
    polygon(
        vec![
            corner(cx + r, cy),
            control(cx + r, cy + k),
            control(cx + k, cy + r),
            corner(cx, cy + r),
            control(cx - k, cy + r),
            control(cx - r, cy + k),
            corner(cx - r, cy),
            control(cx - r, cy - k),
            control(cx - k, cy - r),
            corner(cx, cy - r),
            control(cx + k, cy - r),
            control(cx + r, cy - k),
            corner(cx + r, cy),
        ],
        mode,
    )
}

/// Each status has its own shape, so it reads without colour: ○ not started, ● on track,
/// ▲ at risk, ◆ off track, ✓ complete, ✕ dropped.
fn shape(ops: &mut Vec<Op>, status: ActionStatus, x: f32, y: f32, size: f32) {
    let r = size / 2.0;
    let col = status_color(status);
    ops.push(Op::SetFillColor { col: col.clone() });
    ops.push(Op::SetOutlineColor { col });
    ops.push(Op::SetOutlineThickness { pt: Pt(1.2) });
    ops.push(Op::SetLineDashPattern {
        dash: LineDashPattern::solid(),
    });
    match status {
        ActionStatus::NotStarted => ops.push(circle(x, y, r - 0.6, PaintMode::Stroke)),
        ActionStatus::OnTrack => ops.push(circle(x, y, r, PaintMode::Fill)),
        ActionStatus::AtRisk => ops.push(polygon(
            vec![
                corner(x - r, y - r * 0.85),
                corner(x + r, y - r * 0.85),
                corner(x, y + r),
            ],
            PaintMode::Fill,
        )),
        ActionStatus::OffTrack => ops.push(polygon(
            vec![
                corner(x, y + r),
                corner(x + r, y),
                corner(x, y - r),
                corner(x - r, y),
            ],
            PaintMode::Fill,
        )),
        ActionStatus::Complete => {
            ops.push(Op::SetOutlineThickness { pt: Pt(1.6) });
            ops.push(line(
                &[
                    (x - r, y),
                    (x - r * 0.25, y - r * 0.75),
                    (x + r, y + r * 0.8),
                ],
                false,
            ));
        }
        ActionStatus::Dropped => {
            ops.push(line(
                &[(x - r * 0.8, y - r * 0.8), (x + r * 0.8, y + r * 0.8)],
                false,
            ));
            ops.push(line(
                &[(x - r * 0.8, y + r * 0.8), (x + r * 0.8, y - r * 0.8)],
                false,
            ));
        }
    }
}
