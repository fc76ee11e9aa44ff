//! The types that flow between the steps of the plan document, and nothing else. A leaf: it
//! imports no other module of `document/`, so every step can use it without the steps
//! depending on each other.
//!
//! - Spans: styled text, made by `markup` and the chapter builders, measured by `text`.
//! - Blocks: the document model, in reading order (`model` and `chapters` make them;
//!   `layout` and `html` read them), so the PDF and the HTML twin say the same things.
//! - Boxes and positions: what `layout` places on pages (`draw` and `outline` read them, and
//!   tests inspect them without a PDF).

use chrono::NaiveDate;

use crate::model::ActionStatus;

// ---- Spans ----

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The address this text links to; only one [`web_link`] accepts is ever made a link.
    pub link: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: true,
            ..Span::default()
        }
    }

    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            italic: true,
            ..Span::default()
        }
    }
}

/// A run of text made of styled spans.
pub type Inline = Vec<Span>;

/// The one link rule, for every output (PDF, HTML, Word): only web and mail addresses
/// (`https:`, `http:`, `mailto:`) become links. Anything else (`javascript:`, `file:`,
/// `data:`, a bare path) is never made a link: it stays as its text. Returns the address to
/// link to, trimmed.
pub fn web_link(address: &str) -> Option<&str> {
    let address = address.trim();
    let scheme_end = address.find(':')?;
    let scheme = &address[..scheme_end];
    let rest = &address[scheme_end + 1..];
    let ok = match scheme.to_ascii_lowercase().as_str() {
        "https" | "http" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => !rest.is_empty(),
        _ => false,
    };
    // Control characters have no place in an address and could hide what it is.
    (ok && !address.chars().any(char::is_control)).then_some(address)
}

// ---- Blocks ----

/// The plan document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    /// The partnership: the PDF's author.
    pub author: String,
    pub subject: String,
    /// A BCP 47 tag, e.g. "en-GB".
    pub lang: String,
    pub draft: bool,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// The structure level of a heading (1 for H1): the plan's title is the one H1 when
    /// the cover shows it, and the document's headings sit one level below it, so levels
    /// run in order without gaps (the HTML twin, which always shows the title, and the
    /// tagged PDF both use this).
    pub fn structure_level(&self, h: &Heading, title_shown: bool) -> u8 {
        if title_shown { h.level + 1 } else { h.level }
    }

    /// Whether the document starts with its cover, which shows the plan's title.
    pub fn has_cover(&self) -> bool {
        self.blocks.iter().any(|b| matches!(b, Block::Cover(_)))
    }
}

/// One block of the document.
#[derive(Debug, Clone)]
pub enum Block {
    Cover(Cover),
    /// The contents list: every heading whose `in_contents` is set.
    Contents,
    Heading(Heading),
    Paragraph(Inline),
    /// A larger introductory paragraph.
    Lead(Inline),
    /// Muted small print, such as "no actions yet".
    Note(String),
    Bullets(Vec<Inline>),
    Table(Table),
    Chart(Chart),
}

impl Block {
    /// A heading without its anchor yet: `model::build` gives every heading its anchor once
    /// the whole document is known, as anchors must be unique across it.
    pub fn heading(level: u8, text: impl Into<String>, in_contents: bool, new_page: bool) -> Block {
        Block::Heading(Heading {
            level,
            text: text.into(),
            anchor: String::new(),
            in_contents,
            new_page,
        })
    }

    /// A paragraph of plain text.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    pub fn note(text: impl Into<String>) -> Block {
        Block::Note(text.into())
    }
}

#[derive(Debug, Clone)]
pub struct Cover {
    pub title: String,
    pub subtitle: String,
    pub partnership: String,
    pub details: Vec<(String, String)>,
    pub draft: bool,
}

#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 for chapters, 2 for their sections, and so on.
    pub level: u8,
    pub text: String,
    /// A stable id for links (HTML anchors).
    pub anchor: String,
    /// Listed in the contents and the PDF outline.
    pub in_contents: bool,
    /// Starts a new page.
    pub new_page: bool,
}

/// A table with a header row that is repeated on every page it crosses.
#[derive(Debug, Clone)]
pub struct Table {
    /// Short text naming the table (HTML caption); not drawn in the PDF.
    pub caption: String,
    /// Column titles and widths as fractions of the text width.
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Whether each row's first cell is a header naming its row (for the HTML's
    /// `<th scope="row">` and the PDF's `TH /Scope /Row`). Only when the data cells still
    /// outnumber the header cells: a table of one or two rows reads well by its column
    /// headers alone, and more header cells than data cells reads as shredded headers (the
    /// checker outloud's TBL-010).
    pub fn row_headers(&self) -> bool {
        let (rows, columns) = (self.rows.len(), self.columns.len());
        columns > 1 && rows * (columns - 1) >= rows + columns
    }
}

/// A table cell: lines of text, each optionally led by a status shape.
pub type Cell = Vec<CellPara>;

#[derive(Debug, Clone)]
pub struct CellPara {
    pub text: Inline,
    pub shape: Option<ActionStatus>,
    /// Smaller, muted text (descriptions, dates of milestones).
    pub muted: bool,
    pub bullet: bool,
}

impl CellPara {
    pub fn plain(text: impl Into<String>) -> CellPara {
        CellPara {
            text: vec![Span::plain(text)],
            shape: None,
            muted: false,
            bullet: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> CellPara {
        CellPara {
            text: vec![Span::bold(text)],
            ..CellPara::plain("")
        }
    }
    pub fn muted(text: impl Into<String>) -> CellPara {
        CellPara {
            muted: true,
            ..CellPara::plain(text)
        }
    }
}

/// Readings of a measure against its target.
#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub unit: String,
    pub target: Option<(f64, Option<NaiveDate>)>,
    pub baseline: Option<(f64, Option<NaiveDate>)>,
    pub readings: Vec<(NaiveDate, f64)>,
    /// The readings in words, printed under the chart and used as the HTML description.
    pub summary: String,
}

// ---- Structure ----

/// What a part of the document is, named as PDF's standard structure types name it (ISO
/// 32000-1, 14.8.4): what the tagged PDF's structure tree is made of, and what the HTML
/// twin's elements and the Word document's styles correspond to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Document,
    /// A heading of this level, 1 to 6.
    H(u8),
    P,
    /// A list, its items, an item's label (the bullet) and body.
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell, for its column or for its row.
    TH(Scope),
    TD,
    /// A chart; its description says what it shows, values included.
    Figure,
    /// The contents list and one entry of it.
    TOC,
    TOCI,
    /// A link, holding its text and its annotation.
    Link,
}

/// Which cells a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Column,
    Row,
}

impl Role {
    /// The standard structure type's name in PDF.
    pub fn pdf_name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
        }
    }
}

/// One element of the structure tree. Element 0 is the Document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    /// The element holding this one (0, the Document, holds itself).
    pub parent: usize,
    /// Its children in reading order: elements, and items drawn on pages.
    pub kids: Vec<Kid>,
    /// A figure's alternative text, or where a link goes in words (its annotation's
    /// `/Contents`).
    pub description: Option<String>,
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Node(usize),
    /// An item of a page (page index from 0, item index on it): drawn content, or a link's
    /// clickable area.
    Item {
        page: usize,
        item: usize,
    },
}

/// What a drawn item is part of: a structure element, or an artifact (running headers and
/// footers, page numbers, rules, fills, repeated table headers, status shapes beside their
/// word), which readers skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Node(usize),
    Artifact,
    /// An artifact that is page furniture: running header, footer, page number.
    Pagination,
}

// ---- Boxes and positions ----

/// A font face the document uses. The font files and their metrics are in `fonts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// DejaVu Sans, for characters Liberation Sans lacks.
    Fallback,
    FallbackBold,
}

impl Face {
    pub const ALL: [Face; 6] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Fallback,
        Face::FallbackBold,
    ];

    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, Face::Bold | Face::BoldItalic | Face::FallbackBold)
    }
}

/// The colours of the document. Meaning is never carried by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    Text,
    Muted,
    /// Headings and the cover band (NHS blue).
    Accent,
    Link,
    /// Table rules.
    Rule,
    /// Table header and panel fills.
    Panel,
    White,
    Draft,
}

impl Ink {
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Ink::Text => (0x0b, 0x0c, 0x0c),
            Ink::Muted => (0x50, 0x5a, 0x5f),
            Ink::Accent => (0x00, 0x5e, 0xb8),
            Ink::Link => (0x1d, 0x70, 0xb8),
            Ink::Rule => (0xb1, 0xb4, 0xb6),
            Ink::Panel => (0xf0, 0xf4, 0xf5),
            Ink::White => (0xff, 0xff, 0xff),
            Ink::Draft => (0xd4, 0x35, 0x1c),
        }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A page number, counting from 1.
    Page(usize),
    Uri(String),
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        ink: Ink,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        ink: Ink,
        dashed: bool,
    },
    /// A filled rectangle; `y` is its top.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
    /// An action's status shape, centred on (`x`, `y`).
    Shape {
        status: ActionStatus,
        x: f32,
        y: f32,
        size: f32,
    },
    /// A round chart marker.
    Dot { x: f32, y: f32, r: f32, ink: Ink },
    Polyline {
        points: Vec<(f32, f32)>,
        width: f32,
        ink: Ink,
    },
    /// A clickable area; `y` is its top.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: Target,
    },
    /// The DRAFT mark across the page.
    Watermark { text: String },
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// What each item is part of, item by item (the same length as `items`).
    pub marks: Vec<Mark>,
    /// Whether it has the running header and footer (every page but the cover).
    pub chrome: bool,
    /// Table header rows drawn on this page (a table crossing pages repeats its header).
    pub table_headers: Vec<String>,
}

impl Page {
    /// Adds an item that belongs to no element of the structure tree: an artifact.
    pub fn push_artifact(&mut self, item: Item) {
        self.items.push(item);
        self.marks.push(Mark::Artifact);
    }

    /// Adds page furniture (running header, footer, page number): an artifact too.
    pub fn push_pagination(&mut self, item: Item) {
        self.items.push(item);
        self.marks.push(Mark::Pagination);
    }
}

/// A heading and where it landed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedHeading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub in_contents: bool,
    /// Counting from 1, as printed in the footer and the contents.
    pub page: usize,
    /// The top of the heading.
    pub y: f32,
}

/// A contents entry and the page number printed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    pub text: String,
    pub level: u8,
    pub page: usize,
}

/// The laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// The text area: left, top, right and bottom edges.
    pub area: (f32, f32, f32, f32),
    pub pages: Vec<Page>,
    pub headings: Vec<PlacedHeading>,
    pub contents: Vec<ContentsEntry>,
    /// Characters no bundled font has (drawn as "?").
    pub missing_chars: Vec<char>,
    /// The structure tree: element 0 is the Document, the others hang under it.
    pub structure: Vec<Node>,
}

impl Layout {
    /// All text of a page, item by item, for tests.
    pub fn page_text(&self, page: usize) -> Vec<&str> {
        self.pages[page - 1]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        for ok in [
            "https://example.org/a?b=1",
            " HTTP://example.org ",
            "mailto:team@example.org",
            "MailTo:x@y.z",
        ] {
            assert_eq!(web_link(ok), Some(ok.trim()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "vbscript:x",
            "ftp://example.org",
            "example.org",
            "/relative/path",
            "https:",
            "https:example.org",
            "mailto:",
            "https://exa\u{0}mple.org",
            "https://example.org/\nx",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }
}
