//! The layout step's cursor, which moves down the pages placing items.
//! Separate from `layout` so the helpers that place the cover, tables, charts and the
//! running header and footer can share it without importing `layout`, which uses them.

use super::flow::{Ink, Item, Page, PlacedHeading, Target, web_link};
use super::text::{Line, Typesetter};

/// A cursor moving down the pages, placing items: what `layout` and its helpers (`cover`,
/// `table`, `chart`, `chrome`) all move. It owns the typesetter, so every measurement goes
/// through one place and the characters no font has are collected once.
pub(super) struct Cursor {
    pub t: Typesetter,
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub y: f32,
    pub pages: Vec<Page>,
    pub headings: Vec<PlacedHeading>,
    /// Contents slots: page index, baseline, and the ordinal of the heading it lists.
    pub contents_slots: Vec<(usize, f32, f32, usize)>,
}

impl Cursor {
    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn push(&mut self, item: Item) {
        self.page().items.push(item);
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page {
            chrome: true,
            ..Page::default()
        });
        self.y = self.top;
    }

    pub fn at_top(&self) -> bool {
        self.y <= self.top + 0.01
    }

    pub fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Starts a new page unless `h` points fit below the cursor (or the page is empty:
    /// moving on would not help).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// Space between blocks, dropped at the top of a page.
    pub fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Places wrapped lines at `x`, breaking pages between lines.
    pub fn lines(&mut self, lines: &[Line], x: f32, size: f32, lead: f32, ink: Ink) {
        for line in lines {
            self.ensure(lead);
            let base = self.y + size * 0.93 + (lead - size) * 0.35;
            self.line_at(line, x, base, size, ink);
            self.y += lead;
        }
    }

    /// Draws one line with its baseline at `base`, with link areas over linked runs.
    pub fn line_at(&mut self, line: &Line, x: f32, base: f32, size: f32, ink: Ink) {
        for run in &line.runs {
            // Spans reach here through the model, which already applied the link rule; it
            // is applied again so no other path can ever make a dangerous link.
            let uri = run.link.as_deref().and_then(web_link);
            let linked = uri.is_some();
            self.push(Item::Text {
                x: x + run.dx,
                y: base,
                size,
                face: run.face,
                ink: if linked { Ink::Link } else { ink },
                text: run.text.clone(),
            });
            if let Some(uri) = uri {
                self.push(Item::Rule {
                    x1: x + run.dx,
                    y1: base + size * 0.12,
                    x2: x + run.dx + run.width,
                    y2: base + size * 0.12,
                    width: 0.6,
                    ink: Ink::Link,
                    dashed: false,
                });
                self.push(Item::Link {
                    x: x + run.dx,
                    y: base - size,
                    w: run.width,
                    h: size * 1.25,
                    target: Target::Uri(uri.to_owned()),
                });
            }
        }
    }
}
