//! The layout step: the document model flowed onto pages. Pure (no PDF), so tests can check
//! page breaks, repeated headers and contents page numbers directly.
//!
//! Coordinates are points from the page's top-left corner; a text item's `y` is its
//! baseline. Everything placed inside the text area stays inside it: a block that does not
//! fit moves on, and one too tall for any page is split (paragraphs by line, table rows by
//! line, with the header row repeated).

use super::cursor::{Cursor, new_tree};
use super::flow::{
    Block, ContentsEntry, Doc, Face, Heading, Ink, Item, Layout, PlacedHeading, Role, Span, Target,
};
use super::fonts::Fonts;
use super::options::{ExportOptions, Paper};
use super::text::Typesetter;
use super::{chart, chrome, cover, table};
use crate::error::Result;

const BODY: f32 = 11.0;
/// Room for a chart with two lines of its caption.
const CHART_ROOM: f32 = chart::HEIGHT + 36.0;
const BODY_LEAD: f32 = 16.0;

/// Heading sizes: font size, leading, space before, space after.
fn heading_style(level: u8) -> (f32, f32, f32, f32) {
    match level {
        1 => (26.0, 31.0, 28.0, 14.0),
        2 => (18.0, 23.0, 22.0, 8.0),
        3 => (14.0, 18.0, 16.0, 6.0),
        _ => (11.5, 15.0, 12.0, 4.0),
    }
}

/// Lays out the document.
pub fn lay_out(doc: &Doc, options: &ExportOptions) -> Result<Layout> {
    let fonts = Fonts::get()?;
    let (width, height) = options.paper.size_pt();
    let side = if options.paper == Paper::Letter {
        66.0
    } else {
        62.0
    };
    let mut f = Cursor {
        t: Typesetter::new(fonts),
        width,
        height,
        left: side,
        right: width - side,
        top: 78.0,
        bottom: height - 70.0,
        y: 0.0,
        pages: Vec::new(),
        headings: Vec::new(),
        contents_slots: Vec::new(),
        tree: new_tree(),
        current: 0,
        artifact: false,
    };
    f.new_page();
    let title_shown = doc.has_cover();
    let listed: Vec<&Heading> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.in_contents => Some(h),
            _ => None,
        })
        .collect();
    for (k, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Cover(cover) => cover::place(&mut f, cover),
            Block::Contents => contents(&mut f, &listed),
            Block::Heading(h) => {
                let next = need_after(&mut f, &doc.blocks[k + 1..]);
                heading(&mut f, h, doc.structure_level(h, title_shown), next);
            }
            Block::Paragraph(p) => paragraph(&mut f, p, BODY, BODY_LEAD, Ink::Text, 9.0),
            Block::Lead(p) => paragraph(&mut f, p, 13.0, 19.0, Ink::Text, 12.0),
            Block::Note(text) => {
                paragraph(&mut f, &[Span::italic(text)], 10.0, 14.0, Ink::Muted, 9.0)
            }
            Block::Bullets(items) => bullets(&mut f, items),
            Block::Table(t) => {
                // A measure's table and its chart stay on one page.
                if let Some(Block::Chart(_)) = doc.blocks.get(k + 1) {
                    let need = table::start_height(&mut f, t) + CHART_ROOM;
                    if need <= f.bottom - f.top {
                        f.ensure(need);
                    }
                }
                table::place(&mut f, t)
            }
            Block::Chart(c) => chart::place(&mut f, c),
        }
    }
    // The contents list is laid out before the pages it points to, with its numbers left
    // blank; they are filled in now that every heading has landed. Entries never wrap
    // differently because of a number: the number column is reserved.
    let listed_pages: Vec<PlacedHeading> = f
        .headings
        .iter()
        .filter(|h| h.in_contents)
        .cloned()
        .collect();
    let mut contents_entries = Vec::new();
    let slots = std::mem::take(&mut f.contents_slots);
    for (page, number_at, ordinal, link) in slots {
        let Some(h) = listed_pages.get(ordinal) else {
            continue;
        };
        contents_entries.push(ContentsEntry {
            text: h.text.clone(),
            level: h.level,
            page: h.page,
        });
        f.tree[link].description = Some(format!("{}, page {}", h.text, h.page));
        let number = h.page.to_string();
        let items = &mut f.pages[page].items;
        if let Some(Item::Text {
            x,
            size,
            face,
            text,
            ..
        }) = items.get_mut(number_at)
        {
            *x -= f.t.width(*face, *size, &number);
            *text = number;
        }
        if let Some(Item::Link { target, .. }) = items.get_mut(number_at + 1) {
            *target = Target::Page(h.page);
        }
    }
    chrome::add(&mut f, doc);
    Ok(Layout {
        width,
        height,
        area: (f.left, f.top, f.right, f.bottom),
        missing_chars: f.t.missing.iter().copied().collect(),
        pages: f.pages,
        headings: f.headings,
        contents: contents_entries,
        structure: f.tree,
    })
}

/// How much of the block after a heading must fit beside it, so a heading is never left
/// alone at the foot of a page. A heading followed by another heading ("What this will lead
/// to", then an outcome) keeps both with the start of what follows the second.
fn need_after(f: &mut Cursor, after: &[Block]) -> f32 {
    match after.first() {
        Some(Block::Heading(h)) if !h.new_page => {
            let (size, lead, before, gap) = heading_style(h.level);
            let lines =
                f.t.wrap(&[Span::plain(&h.text)], true, size, f.text_width());
            let rule = if h.level == 1 { 7.0 } else { 0.0 };
            before + lines.len() as f32 * lead + rule + gap + need_after(f, &after[1..])
        }
        Some(Block::Chart(_)) => chart::HEIGHT,
        Some(Block::Table(t)) => {
            let chart = match after.get(1) {
                Some(Block::Chart(_)) => CHART_ROOM,
                _ => 0.0,
            };
            table::start_height(f, t) + chart
        }
        Some(Block::Lead(_)) => 2.0 * 19.0,
        Some(_) => 2.0 * BODY_LEAD,
        None => 0.0,
    }
}

fn heading(f: &mut Cursor, h: &Heading, level: u8, next: f32) {
    let (size, lead, before, after) = heading_style(h.level);
    if h.new_page && !f.at_top() {
        f.new_page();
    }
    let lines =
        f.t.wrap(&[Span::plain(&h.text)], true, size, f.text_width());
    let own = lines.len() as f32 * lead;
    f.gap(before);
    // A heading taller than a page (a very long title) is allowed to break; otherwise it
    // moves with the start of what follows it.
    if own + after + next <= f.bottom - f.top {
        f.ensure(own + after + next);
    }
    let ink = if h.level <= 2 { Ink::Accent } else { Ink::Text };
    let page = f.pages.len();
    let y = f.y;
    f.headings.push(PlacedHeading {
        level: h.level,
        text: h.text.clone(),
        anchor: h.anchor.clone(),
        in_contents: h.in_contents,
        page,
        y,
    });
    f.open(Role::H(level));
    f.lines(&lines, f.left, size, lead, ink);
    f.close();
    if h.level == 1 {
        let y = f.y + 4.0;
        let x = f.left;
        f.push_artifact(Item::Fill {
            x,
            y,
            w: 48.0,
            h: 3.0,
            ink: Ink::Accent,
        });
        f.y += 7.0;
    }
    f.y += after;
}

fn paragraph(f: &mut Cursor, spans: &[Span], size: f32, lead: f32, ink: Ink, after: f32) {
    let lines = f.t.wrap(spans, false, size, f.text_width());
    // Keep at least two lines together at the foot of a page.
    f.ensure(lead * lines.len().min(2) as f32);
    f.open(Role::P);
    f.lines(&lines, f.left, size, lead, ink);
    f.close();
    f.y += after;
}

fn bullets(f: &mut Cursor, items: &[Vec<Span>]) {
    let indent = 18.0;
    f.open(Role::L);
    for item in items {
        let lines = f.t.wrap(item, false, BODY, f.text_width() - indent);
        f.ensure(BODY_LEAD * lines.len().min(2) as f32);
        let base = f.y + BODY * 0.93 + (BODY_LEAD - BODY) * 0.35;
        let x = f.left + 5.0;
        f.open(Role::LI);
        f.open(Role::Lbl);
        f.push(Item::Text {
            x,
            y: base,
            size: BODY,
            face: Face::Regular,
            ink: Ink::Accent,
            text: "•".into(),
        });
        f.close();
        f.open(Role::LBody);
        f.lines(&lines, f.left + indent, BODY, BODY_LEAD, Ink::Text);
        f.close();
        f.close();
        f.y += 4.0;
    }
    f.close();
    f.y += 5.0;
}

fn contents(f: &mut Cursor, listed: &[&Heading]) {
    let number_column = 44.0;
    f.open(Role::TOC);
    for (ordinal, h) in listed.iter().enumerate() {
        let (size, face, indent, before) = if h.level == 1 {
            (11.0, true, 0.0, 9.0)
        } else {
            (10.5, false, 16.0, 2.0)
        };
        let lead = size + 5.0;
        let lines = f.t.wrap(
            &[Span {
                bold: face,
                ..Span::plain(&h.text)
            }],
            false,
            size,
            f.text_width() - indent - number_column,
        );
        f.gap(before);
        f.ensure(lead * lines.len() as f32);
        let page = f.pages.len() - 1;
        let base = f.y + size * 0.93 + (lead - size) * 0.35;
        let right = f.right;
        f.open(Role::TOCI);
        let link = f.open(Role::Link);
        f.lines(&lines, f.left + indent, size, lead, Ink::Text);
        // The page number and the clickable area are placed now, in reading order, and
        // filled in once the headings have landed.
        f.contents_slots
            .push((page, f.pages[page].items.len(), ordinal, link));
        f.push(Item::Text {
            x: right,
            y: base,
            size,
            face: if h.level == 1 {
                Face::Bold
            } else {
                Face::Regular
            },
            ink: Ink::Text,
            text: String::new(),
        });
        let left = f.left;
        f.push(Item::Link {
            x: left,
            y: base - 12.0,
            w: right - left,
            h: 16.0,
            target: Target::Page(1),
        });
        f.close();
        f.close();
    }
    f.close();
}
