//! The plan document: a typeset PDF and its accessible HTML twin, both from one content model.
//!
//! The pipeline is deliberately split so each step can be tested on its own:
//!
//! 1. [`model`] turns a workbook's [`Content`] into a document model: headings, paragraphs
//!    (with the section markup parsed by [`markup`]), lists, tables and charts, in reading
//!    order, with the export options (parts, statuses) already applied (the priority
//!    chapters and annexes are built in `chapters`).
//! 2. [`layout`] measures every character with the embedded font's own metrics
//!    ([`fonts`], wrapping in `text`), and paginates into a [`Layout`]: pages of positioned
//!    items that tests inspect without any PDF. The cover (`cover`), tables (`table`), charts
//!    (`chart`) and the running header and footer (`chrome`) each have their own module.
//! 3. [`draw`] turns the pages into printpdf operations, and [`outline`] post-processes the
//!    PDF with lopdf for what printpdf lacks (nested bookmarks, `/Lang`, the title shown in the
//!    window, the PDF version).
//! 4. [`html`] writes the same document model as one self-contained HTML file.

mod chapters;
mod chart;
mod chrome;
mod cover;
mod draw;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod markup;
pub mod model;
mod outline;
mod table;
mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::Content;
use crate::error::Result;
use crate::model::ActionStatus;

pub use layout::{Item, Layout, Page};

/// The paper the PDF is laid out on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// 210 × 297 mm, the default in the UK.
    #[default]
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

/// A part of the plan document that can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Cover,
    Contents,
    /// The vision and the narrative sections.
    Sections,
    Aims,
    PlanOnAPage,
    Priorities,
    Engagement,
    Traceability,
    Partners,
    Glossary,
}

impl Part {
    /// Every part, in the order they appear in the document.
    pub const ALL: &'static [Part] = &[
        Part::Cover,
        Part::Contents,
        Part::Sections,
        Part::Aims,
        Part::PlanOnAPage,
        Part::Priorities,
        Part::Engagement,
        Part::Traceability,
        Part::Partners,
        Part::Glossary,
    ];

    /// The part in plain words, for the export dialog.
    pub fn label(self) -> &'static str {
        match self {
            Part::Cover => "Cover",
            Part::Contents => "Contents",
            Part::Sections => "About this plan (vision and narrative sections)",
            Part::Aims => "Our aims",
            Part::PlanOnAPage => "Our plan on a page",
            Part::Priorities => "Our priorities (outcomes, measures and actions)",
            Part::Engagement => "How people were involved",
            Part::Traceability => "Annex: which actions serve which priorities and outcomes",
            Part::Partners => "Annex: partners",
            Part::Glossary => "Annex: glossary",
        }
    }

    /// The name used on the command line (`--parts cover,contents,…`).
    pub fn key(self) -> &'static str {
        match self {
            Part::Cover => "cover",
            Part::Contents => "contents",
            Part::Sections => "sections",
            Part::Aims => "aims",
            Part::PlanOnAPage => "plan-on-a-page",
            Part::Priorities => "priorities",
            Part::Engagement => "engagement",
            Part::Traceability => "traceability",
            Part::Partners => "partners",
            Part::Glossary => "glossary",
        }
    }

    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.iter().copied().find(|p| p.key() == key)
    }
}

/// What to export and how. The desktop app shows these in its export dialog; the CLI has a
/// flag for each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ExportOptions {
    pub paper: Paper,
    /// Mark every page DRAFT.
    pub draft: bool,
    /// The parts to include, in any order (the document's order is fixed).
    pub parts: Vec<Part>,
    /// Only actions with these statuses appear (in the priority chapters and the annex).
    pub statuses: Vec<ActionStatus>,
    /// The date printed on the cover; today when not given. Tests and reproducible builds
    /// set it so two exports of the same workbook are the same.
    pub date: Option<NaiveDate>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            paper: Paper::A4,
            draft: false,
            parts: Part::ALL.to_vec(),
            statuses: ActionStatus::ALL.to_vec(),
            date: None,
        }
    }
}

impl ExportOptions {
    pub fn includes(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }

    fn date(&self) -> NaiveDate {
        self.date
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// How far an export has got, for a progress bar. `done` of `total` steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case", tag = "stage")]
pub enum Progress {
    /// The document model is built and laid out into `pages` pages.
    LaidOut { pages: usize },
    /// `done` of `total` pages drawn.
    Drawing { done: usize, total: usize },
    /// Fonts are being subset and the file written.
    Writing,
}

/// A finished PDF export.
#[derive(Debug, Clone)]
pub struct PdfExport {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Things the planner should know: characters no bundled font has (drawn as “?”), and
    /// any warning from the PDF writer. Empty for a clean export.
    pub warnings: Vec<String>,
}

/// Lays the plan document out without drawing it: what tests inspect.
pub fn layout(content: &Content, options: &ExportOptions) -> Result<Layout> {
    let doc = model::build(content, options);
    layout::lay_out(&doc, options)
}

/// Exports the plan document as PDF.
pub fn export_pdf(content: &Content, options: &ExportOptions) -> Result<PdfExport> {
    export_pdf_with_progress(content, options, &mut |_| {})
}

/// Exports the plan document as PDF, reporting progress as it goes (the desktop app shows a
/// progress bar for long plans).
pub fn export_pdf_with_progress(
    content: &Content,
    options: &ExportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<PdfExport> {
    let doc = model::build(content, options);
    let mut laid = layout::lay_out(&doc, options)?;
    let pages = laid.pages.len();
    progress(Progress::LaidOut { pages });
    let mut warnings: Vec<String> = laid
        .missing_chars
        .iter()
        .map(|c| {
            format!(
                "The character “{c}” (U+{:04X}) is in no font Planbook has; it is shown as “?”.",
                *c as u32
            )
        })
        .collect();
    let pdf = draw::draw(&doc, &mut laid, progress)?;
    progress(Progress::Writing);
    // A given date makes the export reproducible: the same workbook gives the same bytes.
    let created = match options.date {
        Some(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        None => chrono::Utc::now(),
    };
    let bytes = outline::finish(pdf, &doc, &laid, created, &mut warnings)?;
    Ok(PdfExport {
        bytes,
        pages,
        warnings,
    })
}

/// Exports the plan document as one self-contained, accessible HTML file.
pub fn export_html(content: &Content, options: &ExportOptions) -> String {
    let doc = model::build(content, options);
    html::render(&doc)
}
