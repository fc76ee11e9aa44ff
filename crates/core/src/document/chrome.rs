//! What every page but the cover carries: the running header (the plan's title, and DRAFT
//! when asked), the footer (the partnership, "Page N of M"), and the DRAFT mark. Added after
//! pagination, when the number of pages is known.

use super::cursor::Cursor;
use super::flow::{Doc, Face, Ink, Item, Span};
use super::text::{Line, Typesetter};

/// The running header (plan title, DRAFT), the footer (partnership, "Page N of M") and the
/// DRAFT mark.
pub(super) fn add(f: &mut Cursor, doc: &Doc) {
    let total = f.pages.len();
    let (left, right, width, height) = (f.left, f.right, f.width, f.height);
    let size = 8.5;
    let badge = if doc.draft { "DRAFT" } else { "" };
    let badge_w = f.t.width(Face::Bold, size, badge);
    let room = right - left - badge_w - 16.0;
    // Set through the typesetter, so characters needing the fallback font get it here too.
    let title = fit(&f.t, &doc.title, size, room);
    let title = f.t.wrap(&[Span::plain(title)], false, size, f32::MAX);
    let footer_left = fit(&f.t, &doc.author, size, (right - left) * 0.6);
    let footer_left = f.t.wrap(&[Span::plain(footer_left)], false, size, f32::MAX);
    let runs = |lines: &[Line], x: f32, y: f32| -> Vec<Item> {
        lines
            .iter()
            .take(1)
            .flat_map(|l| &l.runs)
            .map(|r| Item::Text {
                x: x + r.dx,
                y,
                size,
                face: r.face,
                ink: Ink::Muted,
                text: r.text.clone(),
            })
            .collect()
    };
    for (n, page) in f.pages.iter_mut().enumerate() {
        // Every piece of chrome is an artifact: readers skip it. (`draw` paints the DRAFT
        // mark first, under everything else.)
        if doc.draft {
            page.push_artifact(Item::Watermark {
                text: "DRAFT".into(),
            });
        }
        if !page.chrome {
            continue;
        }
        let header_y = 44.0;
        for item in runs(&title, left, header_y) {
            page.push_pagination(item);
        }
        if doc.draft {
            page.push_pagination(Item::Text {
                x: right - badge_w,
                y: header_y,
                size,
                face: Face::Bold,
                ink: Ink::Draft,
                text: badge.into(),
            });
        }
        page.push_pagination(Item::Rule {
            x1: left,
            y1: header_y + 8.0,
            x2: right,
            y2: header_y + 8.0,
            width: 0.5,
            ink: Ink::Rule,
            dashed: false,
        });
        let footer_y = height - 40.0;
        let number = format!("Page {} of {}", n + 1, total);
        let w = f.t.width(Face::Regular, size, &number);
        page.push_pagination(Item::Text {
            x: right - w,
            y: footer_y,
            size,
            face: Face::Regular,
            ink: Ink::Muted,
            text: number,
        });
        for item in runs(&footer_left, left, footer_y) {
            page.push_pagination(item);
        }
        let _ = width;
    }
}

/// `text` shortened with an ellipsis to fit `room` (running headers only: the full text is
/// on the cover).
fn fit(t: &Typesetter, text: &str, size: f32, room: f32) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.width(Face::Regular, size, &text) <= room {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        if t.width(Face::Regular, size, &format!("{out}{c}…")) > room {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}
