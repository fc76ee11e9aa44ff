//! The layout step's cursor, which moves down the pages placing items.
//! Separate from `layout` so the helpers that place the cover, tables, charts and the
//! running header and footer can share it without importing `layout`, which uses them.

use super::flow::{Ink, Item, Kid, Mark, Node, Page, PlacedHeading, Role, Target, web_link};
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
    /// Contents slots: page index, the index of the entry's page number item (its link
    /// area follows it), the ordinal of the heading it lists, and the entry's Link element.
    pub contents_slots: Vec<(usize, usize, usize, usize)>,
    /// The structure tree being built (element 0 is the Document).
    pub tree: Vec<Node>,
    /// The element items are placed in now.
    pub current: usize,
    /// Whether items placed now are artifacts (repeated headers, decoration).
    pub artifact: bool,
}

/// The structure tree with its Document element, for a new cursor.
pub(super) fn new_tree() -> Vec<Node> {
    vec![Node {
        role: Role::Document,
        parent: 0,
        kids: Vec::new(),
        description: None,
    }]
}

impl Cursor {
    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Places an item in the current element (or as an artifact, when placing those).
    pub fn push(&mut self, item: Item) {
        let mark = if self.artifact {
            Mark::Artifact
        } else {
            Mark::Node(self.current)
        };
        let page = self.pages.len() - 1;
        self.push_to(page, item, mark);
    }

    /// Places an item on a given page (by index), part of `mark`.
    pub fn push_to(&mut self, page: usize, item: Item, mark: Mark) {
        let p = &mut self.pages[page];
        if let Mark::Node(n) = mark {
            self.tree[n].kids.push(Kid::Item {
                page,
                item: p.items.len(),
            });
        }
        p.items.push(item);
        p.marks.push(mark);
    }

    /// Places an artifact: drawn, but skipped by readers.
    pub fn push_artifact(&mut self, item: Item) {
        self.page().push_artifact(item);
    }

    /// A new element under `parent`, after its other children.
    pub fn node(&mut self, role: Role, parent: usize) -> usize {
        let id = self.tree.len();
        self.tree.push(Node {
            role,
            parent,
            kids: Vec::new(),
            description: None,
        });
        self.tree[parent].kids.push(Kid::Node(id));
        id
    }

    /// Opens a new element inside the current one; items go into it until [`Cursor::close`].
    pub fn open(&mut self, role: Role) -> usize {
        let id = self.node(role, self.current);
        self.current = id;
        id
    }

    /// Closes the current element: items go to its parent again.
    pub fn close(&mut self) {
        self.current = self.tree[self.current].parent;
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
            // A link is an element of its own holding its text and its clickable area, in
            // the element the line belongs to (a link is never an artifact).
            let outer = (self.current, self.artifact);
            if let Some(uri) = uri {
                let parent = if self.artifact { 0 } else { self.current };
                let link = self.node(Role::Link, parent);
                self.tree[link].description = Some(format!("{}: {uri}", run.text.trim()));
                self.current = link;
                self.artifact = false;
            }
            self.push(Item::Text {
                x: x + run.dx,
                y: base,
                size,
                face: run.face,
                ink: if linked { Ink::Link } else { ink },
                text: run.text.clone(),
            });
            if let Some(uri) = uri {
                self.push_artifact(Item::Rule {
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
            (self.current, self.artifact) = outer;
        }
    }
}
