//! The cover: a band in the partnership's blue with the title, then the plan's details.

use super::cursor::Cursor;
use super::flow::{Cover, Face, Ink, Item, Role, Span};

/// Lays out the cover on a page of its own, without running header or footer.
pub(super) fn place(f: &mut Cursor, cover: &Cover) {
    if !f.at_top() || !f.page().items.is_empty() {
        f.new_page();
    }
    f.page().chrome = false;
    let w = f.text_width();
    let max_band = f.height * 0.62;
    // The biggest title size whose band fits the upper part of the page. A title too long for
    // any band is set on the white page instead, where it may run on to further pages.
    let mut band = None;
    for (size, sub) in [(34.0, 16.0), (26.0, 14.0), (20.0, 12.0), (15.0, 11.0)] {
        let title = f.t.wrap(&[Span::plain(&cover.title)], true, size, w);
        let subtitle = f.t.wrap(&[Span::plain(&cover.subtitle)], false, sub, w);
        let h = 118.0
            + title.len() as f32 * size * 1.18
            + 14.0
            + subtitle.len() as f32 * sub * 1.35
            + 44.0;
        if h <= max_band {
            band = Some((size, sub, title, subtitle, h.max(f.height * 0.42)));
            break;
        }
    }
    let partner_size = 13.0;
    let partner =
        f.t.wrap(&[Span::bold(&cover.partnership)], false, partner_size, w);
    match band {
        Some((size, sub, title, subtitle, h)) => {
            let (width, left) = (f.width, f.left);
            f.push_artifact(Item::Fill {
                x: 0.0,
                y: 0.0,
                w: width,
                h,
                ink: Ink::Accent,
            });
            f.y = 64.0;
            f.open(Role::P);
            f.lines(&partner, left, partner_size, 18.0, Ink::White);
            f.close();
            f.y = 118.0;
            // The plan's title is the document's one H1.
            f.open(Role::H(1));
            f.lines(&title, left, size, size * 1.18, Ink::White);
            f.close();
            f.y += 14.0;
            f.open(Role::P);
            f.lines(&subtitle, left, sub, sub * 1.35, Ink::White);
            f.close();
            f.y = h + 36.0;
        }
        None => {
            f.open(Role::P);
            f.lines(&partner, f.left, partner_size, 18.0, Ink::Accent);
            f.close();
            f.y += 12.0;
            let title = f.t.wrap(&[Span::plain(&cover.title)], true, 15.0, w);
            f.open(Role::H(1));
            f.lines(&title, f.left, 15.0, 19.0, Ink::Accent);
            f.close();
            f.y += 8.0;
            let subtitle = f.t.wrap(&[Span::plain(&cover.subtitle)], false, 11.0, w);
            f.open(Role::P);
            f.lines(&subtitle, f.left, 11.0, 15.0, Ink::Text);
            f.close();
            f.y += 24.0;
        }
    }
    if cover.draft {
        f.ensure(40.0);
        let (x, y) = (f.left, f.y);
        let text_w = f.t.width(Face::Bold, 14.0, "DRAFT");
        f.push_artifact(Item::Rule {
            x1: x,
            y1: y,
            x2: x + text_w + 20.0,
            y2: y,
            width: 1.5,
            ink: Ink::Draft,
            dashed: false,
        });
        f.open(Role::P);
        f.push(Item::Text {
            x: x + 10.0,
            y: y + 20.0,
            size: 14.0,
            face: Face::Bold,
            ink: Ink::Draft,
            text: "DRAFT".into(),
        });
        f.close();
        f.push_artifact(Item::Rule {
            x1: x,
            y1: y + 28.0,
            x2: x + text_w + 20.0,
            y2: y + 28.0,
            width: 1.5,
            ink: Ink::Draft,
            dashed: false,
        });
        f.y += 46.0;
    }
    let label_w = 110.0;
    // The details are a list of labelled values: each an item whose label is its Lbl.
    f.open(Role::L);
    for (label, value) in &cover.details {
        let lines = f.t.wrap(&[Span::plain(value)], false, 11.0, w - label_w);
        let label_lines = f.t.wrap(&[Span::bold(label)], false, 11.0, label_w - 8.0);
        f.ensure(16.0 * lines.len().max(label_lines.len()) as f32 + 8.0);
        let top = f.y;
        let left = f.left;
        f.open(Role::LI);
        f.open(Role::Lbl);
        f.lines(&label_lines, left, 11.0, 16.0, Ink::Muted);
        f.close();
        let after_label = f.y;
        f.y = top;
        f.open(Role::LBody);
        f.lines(&lines, left + label_w, 11.0, 16.0, Ink::Text);
        f.close();
        f.close();
        f.y = f.y.max(after_label) + 4.0;
        let (l, r, y) = (f.left, f.right, f.y);
        f.push_artifact(Item::Rule {
            x1: l,
            y1: y,
            x2: r,
            y2: y,
            width: 0.5,
            ink: Ink::Rule,
            dashed: false,
        });
        f.y += 5.0;
    }
    f.close();
    // What follows the cover starts on a fresh page.
    f.new_page();
}
