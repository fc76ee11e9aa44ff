//! The Word document: the same document model as the PDF and the HTML twin, written with
//! docx-rs in Word's own built-in styles (Title, Heading 1–4, List Bullet, Caption, Table Grid,
//! the contents' "toc 1"/"toc 2"), so a comms team can restyle it by attaching their own
//! template. Formatting lives in the styles, never on the text, except bold and italic spans.
//!
//! What docx-rs cannot say (the document's title, author and language, header rows that
//! repeat, the alternative text of pictures) is added to its XML by `docx_package`.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, FieldCharType, Footer, Header, Hyperlink,
    HyperlinkType, IndentLevel, InstrPAGE, InstrText, Level, LevelJc, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts, Shading,
    ShdType, SpecialIndentType, Start, Style, StyleType, Tab, TabLeaderType, TabValueType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow,
    WidthType,
};

use super::chart_png::{self, ChartPicture};
use super::docx_package::{self, Picture};
use super::flow::Heading;
use super::flow::{Block, Cell, CellPara, Chart, Cover, Doc, Inline, Span};
use super::options::ExportOptions;
use super::words::{amount, short_date};
use crate::error::Result;

/// The style ids this module writes, and the names Word knows its built-in styles by. Word
/// matches a built-in style by its name (lower case for some, as Word itself writes them).
pub mod style {
    pub const TITLE: (&str, &str) = ("Title", "Title");
    pub const SUBTITLE: (&str, &str) = ("Subtitle", "Subtitle");
    pub const HEADINGS: [(&str, &str); 4] = [
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
        ("Heading4", "heading 4"),
    ];
    pub const TOC_HEADING: (&str, &str) = ("TOCHeading", "TOC Heading");
    /// docx-rs names the contents' paragraph styles `ToC1`, `ToC2`, …
    pub const TOC: [(&str, &str); 2] = [("ToC1", "toc 1"), ("ToC2", "toc 2")];
    pub const LIST_BULLET: (&str, &str) = ("ListBullet", "List Bullet");
    /// Defined so a template's numbered lists have their style; the document model has no
    /// numbered list today.
    pub const LIST_NUMBER: (&str, &str) = ("ListNumber", "List Number");
    pub const CAPTION: (&str, &str) = ("Caption", "caption");
    pub const TABLE: (&str, &str) = ("TableGrid", "Table Grid");
    pub const HYPERLINK: (&str, &str) = ("Hyperlink", "Hyperlink");
    /// Planbook's own, for the larger introductory paragraphs and the muted notes.
    pub const LEAD: (&str, &str) = ("Lead", "Lead paragraph");
    pub const NOTE: (&str, &str) = ("Note", "Note");
    pub const TABLE_TEXT: (&str, &str) = ("TableText", "Table text");
}

/// The numbering definitions: one bullet list, one numbered list. docx-rs already defines a
/// numbering of its own with id 1 (decimal), so ours start above it.
const BULLETS: usize = 10;
const NUMBERS: usize = 11;

const FONT: &str = "Arial";
const ACCENT: &str = "005EB8";
const MUTED: &str = "505A5F";
const RULE: &str = "B1B4B6";
const PANEL: &str = "F0F4F5";
/// Twentieths of a point per point.
const TWIPS: f32 = 20.0;
/// English Metric Units per point, how pictures are sized.
const EMU: f32 = 12_700.0;
const MARGIN_PT: f32 = 62.0;

/// Writes the document model as a .docx file.
pub fn render(doc: &Doc, options: &ExportOptions) -> Result<Vec<u8>> {
    let (page_w, page_h) = options.paper.size_pt();
    let text_width = page_w - 2.0 * MARGIN_PT;
    let mut w = Writer {
        docx: with_styles(Docx::new()),
        pictures: Vec::new(),
        bookmark: 0,
        text_width,
    };
    for (k, block) in doc.blocks.iter().enumerate() {
        let titles_contents = matches!(doc.blocks.get(k + 1), Some(Block::Contents));
        w.block(doc, block, titles_contents)?;
    }
    let docx = w
        .docx
        .page_size(twips(page_w), twips(page_h))
        .page_margin(
            PageMargin::new()
                .top(twips(MARGIN_PT) as i32)
                .bottom(twips(MARGIN_PT) as i32)
                .left(twips(MARGIN_PT) as i32)
                .right(twips(MARGIN_PT) as i32)
                .header(twips(28.0) as i32)
                .footer(twips(28.0) as i32),
        )
        .header(running_header(doc))
        .footer(page_footer());
    docx_package::finish(docx, doc, options, &w.pictures)
}

fn twips(pt: f32) -> u32 {
    (pt * TWIPS).round() as u32
}

struct Writer {
    docx: Docx,
    /// The charts' alternative text, in the order their pictures appear.
    pictures: Vec<Picture>,
    /// Bookmarks given to headings so far (the contents link to them).
    bookmark: usize,
    text_width: f32,
}

impl Writer {
    fn para(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn block(&mut self, doc: &Doc, block: &Block, titles_contents: bool) -> Result<()> {
        match block {
            Block::Cover(c) => self.cover(c),
            Block::Contents => self.contents(doc),
            Block::Heading(h) => {
                let p = if bookmarked(h) {
                    // Only headings get bookmarks, named as Word names its own contents'.
                    self.bookmark += 1;
                    let name = bookmark_name(self.bookmark);
                    Paragraph::new()
                        .add_bookmark_start(self.bookmark, &name)
                        .add_run(Run::new().add_text(&h.text))
                        .add_bookmark_end(self.bookmark)
                } else {
                    Paragraph::new().add_run(Run::new().add_text(&h.text))
                };
                // The contents' own title is a heading in the model but no entry of them.
                let id = if titles_contents {
                    style::TOC_HEADING.0
                } else {
                    heading_style(h.level)
                };
                self.para(p.style(id).page_break_before(h.new_page).keep_next(true));
            }
            Block::Paragraph(spans) => self.para(inline(Paragraph::new(), spans)),
            Block::Lead(spans) => self.para(inline(Paragraph::new().style(style::LEAD.0), spans)),
            Block::Note(t) => self.para(
                Paragraph::new()
                    .style(style::NOTE.0)
                    .add_run(Run::new().add_text(t)),
            ),
            Block::Bullets(items) => {
                for item in items {
                    self.para(bullet(inline(Paragraph::new(), item)));
                }
            }
            Block::Table(t) => {
                let widths: Vec<f32> = t.columns.iter().map(|c| c.1).collect();
                let header: Vec<Cell> = t
                    .columns
                    .iter()
                    .map(|(title, _)| vec![CellPara::bold(title)])
                    .collect();
                let table = self.table(&t.caption, &widths, &header, &t.rows);
                self.docx = std::mem::take(&mut self.docx).add_table(table);
            }
            Block::Chart(c) => self.chart(c)?,
        }
        Ok(())
    }

    fn cover(&mut self, c: &Cover) {
        self.para(
            Paragraph::new()
                .add_run(Run::new().add_text(&c.partnership).bold())
                .style(style::SUBTITLE.0),
        );
        self.para(
            Paragraph::new()
                .style(style::TITLE.0)
                .add_run(Run::new().add_text(&c.title)),
        );
        if !c.subtitle.trim().is_empty() {
            self.para(
                Paragraph::new()
                    .style(style::SUBTITLE.0)
                    .add_run(Run::new().add_text(&c.subtitle)),
            );
        }
        if c.draft {
            self.para(Paragraph::new().add_run(Run::new().add_text("DRAFT").bold()));
        }
        for (k, v) in &c.details {
            self.para(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{k}: ")).bold())
                    .add_run(Run::new().add_text(v)),
            );
        }
    }

    /// A contents field over Heading 1 and 2 that Word fills in with page numbers when the
    /// document is opened (the field is marked dirty). Its entries are written out too, each
    /// linked to its heading, so a reader that does not update fields (LibreOffice
    /// converting headless) still shows them. Written run by run as Word writes
    /// fields: docx-rs's own contents put a field's parts in one run, and LibreOffice then
    /// prints the first entry's field codes as text.
    fn contents(&mut self, doc: &Doc) {
        let tab = twips(self.text_width) as usize;
        let field = |instr: &str, begin_dirty: bool| {
            [
                Run::new().add_field_char(FieldCharType::Begin, begin_dirty),
                Run::new().add_instr_text(InstrText::Unsupported(instr.to_owned())),
                Run::new().add_field_char(FieldCharType::Separate, false),
            ]
        };
        let entries: Vec<(usize, &Heading)> = bookmarked_headings(doc)
            .filter(|(_, h)| h.in_contents)
            .collect();
        for (k, (n, h)) in entries.iter().enumerate() {
            let level = usize::from(h.level.clamp(1, 2));
            let mut p = Paragraph::new().style(style::TOC[level - 1].0).add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .leader(TabLeaderType::Dot)
                    .pos(tab),
            );
            if k == 0 {
                for r in field(r#"TOC \o "1-2" \h \z"#, true) {
                    p = p.add_run(r);
                }
            }
            // The entry as its last result: the heading, linked. No page number, as only
            // Word's layout knows it (LibreOffice shows a contents field's last result as
            // it is, and a guessed number would be wrong there).
            let link = Hyperlink::new(bookmark_name(*n), HyperlinkType::Anchor)
                .add_run(Run::new().add_text(&h.text));
            p = p.add_hyperlink(link);
            if k + 1 == entries.len() {
                p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
            }
            self.para(p);
        }
    }

    /// A table in the Table Grid style whose first row is its header, repeated on every
    /// page it crosses; the caption above it is a Caption paragraph.
    fn table(
        &mut self,
        caption: &str,
        widths: &[f32],
        header: &[Cell],
        rows: &[Vec<Cell>],
    ) -> Table {
        if !caption.trim().is_empty() {
            self.para(
                Paragraph::new()
                    .style(style::CAPTION.0)
                    .keep_next(true)
                    .add_run(Run::new().add_text(caption)),
            );
        }
        let total: f32 = widths.iter().sum::<f32>().max(0.01);
        let grid: Vec<usize> = widths
            .iter()
            .map(|f| twips(self.text_width * f / total) as usize)
            .collect();
        let row = |cells: &[Cell], head: bool| {
            let cells = cells
                .iter()
                .zip(&grid)
                .map(|(c, w)| {
                    let mut cell = TableCell::new().width(*w, WidthType::Dxa);
                    if head {
                        cell = cell.shading(Shading::new().shd_type(ShdType::Clear).fill(PANEL));
                    }
                    for p in cell_paragraphs(c) {
                        cell = cell.add_paragraph(p);
                    }
                    cell
                })
                .collect();
            // Every row is kept whole on a page; `docx_package` marks the first as the
            // header, whose mark it finds by this property.
            TableRow::new(cells).cant_split()
        };
        let mut out = vec![row(header, true)];
        out.extend(rows.iter().map(|r| row(r, false)));
        // Without borders of its own, so the table style's apply (and a template's).
        Table::without_borders(out)
            .style(style::TABLE.0)
            .set_grid(grid.clone())
            .width(grid.iter().sum(), WidthType::Dxa)
            .margins(TableCellMargins::new().margin(60, 80, 60, 80))
    }

    /// A chart: its picture (with the words the PDF prints on it) and the readings in words
    /// as alternative text, a Caption with the chart's title and its summary, and the
    /// readings as a table, as in the HTML twin.
    fn chart(&mut self, c: &Chart) -> Result<()> {
        let ChartPicture {
            png,
            width_px,
            height_px,
            width_pt,
            height_pt,
        } = chart_png::render(c)?;
        let k = (self.text_width / width_pt).min(1.0);
        let pic = Pic::new_with_dimensions(png, width_px, height_px)
            .size((width_pt * k * EMU) as u32, (height_pt * k * EMU) as u32);
        self.pictures.push(Picture {
            name: format!("Chart: {}", c.title),
            alt: c.summary.clone(),
        });
        // Space above, so the picture never sits on the table before it.
        self.para(
            Paragraph::new()
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(160))
                .add_run(Run::new().add_image(pic)),
        );
        let mut legend = vec!["Readings: the solid line and dots"];
        if c.target.is_some() {
            legend.push("target: the dashed line");
        }
        if c.baseline.is_some() {
            legend.push("baseline: the ring");
        }
        // The summary names the chart and gives its readings in words.
        self.para(
            Paragraph::new()
                .style(style::CAPTION.0)
                .add_run(Run::new().add_text(format!("{} ({}.)", c.summary, legend.join("; ")))),
        );
        if !c.readings.is_empty() {
            let cells: Vec<Vec<Cell>> = c
                .readings
                .iter()
                .map(|(d, v)| {
                    vec![
                        vec![CellPara::plain(short_date(*d))],
                        vec![CellPara::plain(amount(*v, &c.unit))],
                    ]
                })
                .collect();
            let header = [
                vec![CellPara::bold("Date")],
                vec![CellPara::bold("Reading")],
            ];
            let table = self.table(
                &format!("Readings of {}", c.title),
                &[0.3, 0.3],
                &header,
                &cells,
            );
            self.docx = std::mem::take(&mut self.docx).add_table(table);
        }
        Ok(())
    }
}

/// The headings the contents may link to (Word's contents field lists levels 1 and 2).
fn bookmarked(h: &Heading) -> bool {
    h.in_contents || h.level <= 2
}

/// The bookmarked headings with their bookmark numbers, counting from 1 in reading order,
/// as `Writer::block` gives them.
fn bookmarked_headings(doc: &Doc) -> impl Iterator<Item = (usize, &Heading)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if bookmarked(h) => Some(h),
            _ => None,
        })
        .enumerate()
        .map(|(k, h)| (k + 1, h))
}

fn bookmark_name(n: usize) -> String {
    format!("_Toc{n:08}")
}

fn heading_style(level: u8) -> &'static str {
    style::HEADINGS[usize::from(level.clamp(1, 4)) - 1].0
}

fn bullet(p: Paragraph) -> Paragraph {
    p.style(style::LIST_BULLET.0)
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

/// The paragraphs of a table cell: status shapes as their symbol, muted lines as notes,
/// bullets in List Bullet.
fn cell_paragraphs(c: &Cell) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = c
        .iter()
        .map(|p| {
            let mut para = Paragraph::new().style(if p.muted {
                style::NOTE.0
            } else {
                style::TABLE_TEXT.0
            });
            if let Some(s) = p.shape {
                para = para
                    .add_run(Run::new().add_text(format!("{} ", super::words::status_symbol(s))));
            }
            para = inline(para, &p.text);
            if p.bullet { bullet(para) } else { para }
        })
        .collect();
    if out.is_empty() {
        // Word requires a paragraph in every cell.
        out.push(Paragraph::new().style(style::TABLE_TEXT.0));
    }
    out
}

/// Only web and mail addresses become links: the one link rule of every output
/// (`flow::web_link`); anything else stays as its text.
fn linkable(address: &str) -> bool {
    super::flow::web_link(address).is_some()
}

fn inline(mut p: Paragraph, spans: &Inline) -> Paragraph {
    for Span {
        text,
        bold,
        italic,
        link,
    } in spans
    {
        let mut run = Run::new().add_text(text);
        if *bold {
            run = run.bold();
        }
        if *italic {
            run = run.italic();
        }
        match link {
            Some(address) if linkable(address) => {
                p = p.add_hyperlink(
                    Hyperlink::new(address.trim(), HyperlinkType::External)
                        .add_run(run.style(style::HYPERLINK.0)),
                );
            }
            Some(address) => {
                p = p
                    .add_run(run)
                    .add_run(Run::new().add_text(format!(" ({address})")));
            }
            None => p = p.add_run(run),
        }
    }
    p
}

fn running_header(doc: &Doc) -> Header {
    let mut text = doc.title.clone();
    if doc.draft {
        text = format!("DRAFT — {text}");
    }
    Header::new().add_paragraph(
        Paragraph::new()
            .style(style::NOTE.0)
            .add_run(Run::new().add_text(text)),
    )
}

/// "Page N of M", with fields Word and LibreOffice fill in.
fn page_footer() -> Footer {
    let field = |instr: InstrText| {
        Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .style(style::NOTE.0)
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text("Page "))
            .add_run(field(InstrText::PAGE(InstrPAGE::new())))
            .add_run(Run::new().add_text(" of "))
            .add_run(field(InstrText::NUMPAGES(docx_rs::InstrNUMPAGES::new()))),
    )
}

/// The styles: Word's built-in ones under their built-in names, so a template replaces
/// them, and the numbering the list styles use.
fn with_styles(docx: Docx) -> Docx {
    let para = |(id, name): (&str, &str)| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
    };
    let mut docx = docx
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(22)
        // A little space after every paragraph (4 pt), in the defaults a template replaces.
        .default_line_spacing(LineSpacing::new().after(80))
        .add_style(para(style::TITLE).size(56).bold().color(ACCENT))
        .add_style(para(style::SUBTITLE).size(30).color(MUTED))
        .add_style(para(style::LEAD).size(26))
        .add_style(para(style::NOTE).size(18).italic().color(MUTED))
        .add_style(para(style::TABLE_TEXT).size(19))
        .add_style(para(style::CAPTION).size(18).bold().color(MUTED))
        .add_style(para(style::LIST_BULLET))
        .add_style(para(style::LIST_NUMBER))
        .add_style(
            Style::new(style::HYPERLINK.0, StyleType::Character)
                .name(style::HYPERLINK.1)
                .color("1D70B8")
                .underline("single"),
        )
        .add_style(
            Style::new(style::TABLE.0, StyleType::Table)
                .name(style::TABLE.1)
                .set_borders(table_borders()),
        );
    for (k, (size, lvl)) in [(40, 0), (32, 1), (26, 2), (22, 3)].into_iter().enumerate() {
        docx = docx.add_style(
            para(style::HEADINGS[k])
                .line_spacing(LineSpacing::new().before(240 - 40 * k as u32).after(80))
                .size(size)
                .bold()
                .color(ACCENT)
                .outline_lvl(lvl),
        );
    }
    docx = docx.add_style(
        // Looks like Heading 1 but is no level of the outline, so the contents do not list
        // their own title.
        para(style::TOC_HEADING).size(40).bold().color(ACCENT),
    );
    for s in style::TOC {
        docx = docx.add_style(para(s));
    }
    let list = |id: usize, format: &str, text: &str| {
        AbstractNumbering::new(id).add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
        )
    };
    docx.add_abstract_numbering(list(BULLETS, "bullet", "•"))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_abstract_numbering(list(NUMBERS, "decimal", "%1."))
        .add_numbering(Numbering::new(NUMBERS, NUMBERS))
}

fn table_borders() -> TableBorders {
    let border = |pos| {
        TableBorder::new(pos)
            .size(4)
            .color(RULE)
            .border_type(BorderType::Single)
    };
    TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV))
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::BuildXML;

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        let spans = vec![
            Span {
                link: Some("javascript:alert(1)".into()),
                ..Span::plain("click")
            },
            Span {
                link: Some("https://example.org/".into()),
                ..Span::plain("site")
            },
        ];
        let xml = String::from_utf8(inline(Paragraph::new(), &spans).build()).unwrap_or_default();
        assert_eq!(xml.matches("<w:hyperlink").count(), 1, "{xml}");
        assert!(
            xml.contains("(javascript:alert(1))"),
            "the address stays as text"
        );
    }
}
