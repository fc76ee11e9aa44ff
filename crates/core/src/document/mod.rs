//! The plan document: a typeset PDF and its accessible HTML twin, both from one content model.
//!
//! The pipeline is deliberately split so each step can be tested on its own:
//!
//! 1. [`model`] turns a workbook's [`Content`] into a document model: headings, paragraphs
//!    (with the section markup parsed by [`markup`]), lists, tables and charts, in reading
//!    order, with the export options (parts, statuses) already applied (the priority
//!    chapters and annexes are built in `chapters`, which returns their blocks).
//!    The blocks are the one model every output reads (PDF, HTML, Word); the one link rule
//!    (`flow::web_link`) is applied as they are built, and again by each output.
//! 2. [`layout`] measures every character with the embedded font's own metrics
//!    ([`fonts`], wrapping in `text`), and paginates into a [`Layout`]: pages of positioned
//!    items that tests inspect without any PDF. The cover (`cover`), tables (`table`), charts
//!    (`chart`) and the running header and footer (`chrome`) each have their own module,
//!    and all move the one cursor of `cursor`, which also builds the structure tree
//!    (`flow::Node`) as it places items: every item is part of an element or an artifact.
//! 3. `embed` begins the PDF with printpdf: the fonts, subset to the characters the layout
//!    uses (shown once each on a probe page), and the code of each character; [`draw`]
//!    then writes each page's content stream itself, every item inside marked content (its
//!    structure element's, with an `/MCID`, or an artifact's), compressed as soon as the page
//!    is drawn; [`outline`] adds with lopdf what printpdf lacks (nested bookmarks, `/Lang`,
//!    the title shown in the window, the PDF version), calling `tags` to add the structure
//!    tree the layout built, its parent tree and the XMP metadata (PDF/UA-1); and
//!    `pdf_file` writes the file (small objects in object streams, the structure elements
//!    written there as bytes directly).
//! 4. [`html`] writes the same document model as one self-contained HTML file.
//! 5. `docx` writes it as a Word document in Word's built-in styles (charts painted as PNG
//!    by `chart_png`; what docx-rs cannot say added by `docx_package`).
//!
//! The modules never import each other in a circle, so each can be read and tested alone
//! (`tests/document_modules.rs` checks): what the steps hand each other is in [`flow`]
//! (spans, blocks, boxes, positions), the options in `options` and the words for numbers and
//! dates in `words`, and those three import nothing else from here. This file only runs the
//! pipeline; no module below imports it.

mod chapters;
mod chart;
mod chart_png;
mod chrome;
mod cover;
mod cursor;
mod docx;
mod docx_package;
mod draw;
mod embed;
pub mod flow;
pub mod fonts;
mod glyphs;
pub mod html;
pub mod layout;
pub mod markup;
pub mod model;
mod options;
mod outline;
mod pdf_file;
mod table;
mod tags;
mod text;
pub(crate) mod words;

use crate::content::Content;
use crate::error::Result;

pub use chart::{ChartLabel, ChartModel, ChartPoint, MeasureChart, measure_charts};
pub use flow::{Item, Layout, Page};
pub use options::{ExportOptions, Paper, Part, Progress};

/// A finished PDF export.
#[derive(Debug, Clone)]
pub struct PdfExport {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Things the planner should know: characters no bundled font has (drawn as “?”), and
    /// any warning from the PDF writer. Empty for a clean export.
    pub warnings: Vec<String>,
    /// The characters no bundled font has, each also named in `warnings`.
    pub missing_chars: Vec<char>,
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
    export(content, options, true, progress)
}

/// Exports the plan document as PDF without tags (no marked content, structure tree or XMP
/// metadata): only for the benchmark that measures what tagging costs. Not accessible.
#[doc(hidden)]
pub fn export_pdf_untagged_for_benchmark(
    content: &Content,
    options: &ExportOptions,
) -> Result<PdfExport> {
    export(content, options, false, &mut |_| {})
}

fn export(
    content: &Content,
    options: &ExportOptions,
    tagged: bool,
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
    // A given date makes the export reproducible: the same workbook gives the same bytes.
    let created = match options.date {
        Some(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        None => chrono::Utc::now(),
    };
    let started = embed::start(&doc, &laid, created, &mut warnings)?;
    let (lo, drawn) = draw::draw(&mut laid, started, tagged, progress)?;
    progress(Progress::Writing);
    let drawn = tagged.then_some(drawn.as_slice());
    let bytes = outline::finish(lo, &doc, &laid, drawn, created)?;
    Ok(PdfExport {
        bytes,
        pages,
        warnings,
        missing_chars: laid.missing_chars,
    })
}

/// Exports the plan document as one self-contained, accessible HTML file.
pub fn export_html(content: &Content, options: &ExportOptions) -> String {
    let doc = model::build(content, options);
    html::render(&doc)
}

/// Exports the plan document as a Word document (.docx), for comms teams to restyle.
pub fn export_docx(content: &Content, options: &ExportOptions) -> Result<Vec<u8>> {
    let doc = model::build(content, options);
    docx::render(&doc, options)
}
