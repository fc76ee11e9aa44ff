//! The document model: the plan document's words and structure, in reading order, before any
//! layout. Both the PDF and the HTML twin are made from it, so they say the same things.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::markup::{BodyBlock, Inline, Span, parse_body};
use super::{ExportOptions, Part};
use crate::content::Content;
use crate::model::{ActionStatus, Id};

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

/// A date as planners write it: "1 April 2024".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A short date for tables and charts: "Apr 2024".
pub fn short_date(d: NaiveDate) -> String {
    d.format("%b %Y").to_string()
}

/// A number with its unit: "62%", "1,200 people".
pub fn amount(v: f64, unit: &str) -> String {
    let n = if v.fract().abs() < 1e-9 && v.abs() < 1e15 {
        group_thousands(v as i64)
    } else {
        format!("{v:.1}")
    };
    match unit.trim() {
        "" => n,
        "%" => format!("{n}%"),
        "£" => format!("£{n}"),
        u => format!("{n} {u}"),
    }
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "Code title", or the title alone.
fn coded(code: &str, title: &str) -> String {
    if code.trim().is_empty() {
        title.to_owned()
    } else {
        format!("{code} {title}")
    }
}

/// Builds the document model, applying the options (parts, statuses).
pub fn build(c: &Content, o: &ExportOptions) -> Doc {
    let mut b = DocBuilder {
        c,
        o,
        blocks: Vec::new(),
        anchors: HashSet::new(),
    };
    b.all();
    let plan = &c.plan;
    let subject = if plan.subtitle.trim().is_empty() {
        format!("The plan of {}", plan.partnership)
    } else {
        plan.subtitle.clone()
    };
    Doc {
        title: plan.title.clone(),
        author: plan.partnership.clone(),
        subject,
        lang: if plan.language.trim().is_empty() {
            "en-GB".into()
        } else {
            plan.language.clone()
        },
        draft: o.draft,
        blocks: b.blocks,
    }
}

pub(super) struct DocBuilder<'a> {
    c: &'a Content,
    o: &'a ExportOptions,
    blocks: Vec<Block>,
    anchors: HashSet<String>,
}

impl DocBuilder<'_> {
    fn heading(&mut self, level: u8, text: impl Into<String>, in_contents: bool, new_page: bool) {
        let text = text.into();
        let base: String = text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() { "part".into() } else { base };
        let mut anchor = base.clone();
        let mut n = 2;
        while !self.anchors.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        self.blocks.push(Block::Heading(Heading {
            level,
            text,
            anchor,
            in_contents,
            new_page,
        }));
    }

    fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(vec![Span::plain(text)]));
    }

    fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }

    fn body(&mut self, body: &str) {
        for block in parse_body(body) {
            self.blocks.push(match block {
                BodyBlock::Paragraph(p) => Block::Paragraph(p),
                BodyBlock::Bullets(items) => Block::Bullets(items),
            });
        }
    }

    fn all(&mut self) {
        let o = self.o;
        if o.includes(Part::Cover) {
            self.cover();
        }
        if o.includes(Part::Contents) {
            self.heading(1, "Contents", false, true);
            self.blocks.push(Block::Contents);
        }
        if o.includes(Part::Sections) {
            self.sections();
        }
        if o.includes(Part::Aims) {
            self.aims();
        }
        if o.includes(Part::PlanOnAPage) {
            self.plan_on_a_page();
        }
        if o.includes(Part::Priorities) {
            super::chapters::priorities(self);
        }
        if o.includes(Part::Engagement) {
            super::chapters::engagement(self);
        }
        if o.includes(Part::Traceability) {
            super::chapters::traceability(self);
        }
        if o.includes(Part::Partners) {
            super::chapters::partners(self);
        }
        if o.includes(Part::Glossary) {
            super::chapters::glossary(self);
        }
    }

    fn cover(&mut self) {
        let p = &self.c.plan;
        let mut details = Vec::new();
        let mut add = |k: &str, v: String| {
            if !v.trim().is_empty() {
                details.push((k.to_owned(), v));
            }
        };
        add("Partnership", p.partnership.clone());
        add("Area", p.area.clone());
        add(
            "Population",
            p.population.map(group_thousands).unwrap_or_default(),
        );
        add(
            "Plan period",
            match (p.period_start, p.period_end) {
                (Some(s), Some(e)) => format!("{} to {}", long_date(s), long_date(e)),
                (Some(s), None) => format!("From {}", long_date(s)),
                (None, Some(e)) => format!("Until {}", long_date(e)),
                (None, None) => String::new(),
            },
        );
        add("Status", p.status.label().to_owned());
        add("Version", p.version_label.clone());
        add("Date", long_date(self.o.date()));
        self.blocks.push(Block::Cover(Cover {
            title: p.title.clone(),
            subtitle: p.subtitle.clone(),
            partnership: p.partnership.clone(),
            details,
            draft: self.o.draft,
        }));
    }

    fn sections(&mut self) {
        let c = self.c;
        self.heading(1, "About this plan", true, true);
        if c.plan.vision.trim().is_empty() && c.sections.is_empty() {
            self.note("No vision or narrative sections have been written yet.");
        }
        if !c.plan.vision.trim().is_empty() {
            self.heading(2, "Our vision", true, false);
            self.blocks
                .push(Block::Lead(vec![Span::plain(&c.plan.vision)]));
        }
        for s in &c.sections {
            self.heading(2, s.title.clone(), true, false);
            self.body(&s.body);
        }
    }

    fn aims(&mut self) {
        let c = self.c;
        self.heading(1, "Our aims", true, true);
        if c.aims.is_empty() {
            self.note("No aims have been written yet.");
            return;
        }
        self.para(format!(
            "Everything in this plan serves {} aims. Each priority contributes to one or more of them.",
            words_for(c.aims.len())
        ));
        let priorities: HashMap<&Id, &crate::model::Priority> =
            c.priorities.iter().map(|p| (&p.id, p)).collect();
        let rows = c
            .aims
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let mut what = vec![CellPara::bold(&a.title)];
                if !a.description.trim().is_empty() {
                    what.push(CellPara::plain(&a.description));
                }
                let mut served: Vec<&&crate::model::Priority> = c
                    .priority_aims
                    .iter()
                    .filter(|l| l.aim_id == a.id)
                    .filter_map(|l| priorities.get(&l.priority_id))
                    .collect();
                served.sort_by_key(|p| p.position);
                let served: Vec<String> = served.iter().map(|p| coded(&p.code, &p.title)).collect();
                let by = if served.is_empty() {
                    vec![CellPara::muted("No priority is linked to this aim yet.")]
                } else {
                    served
                        .into_iter()
                        .map(|s| CellPara {
                            bullet: true,
                            ..CellPara::plain(s)
                        })
                        .collect()
                };
                vec![vec![CellPara::plain(format!("{}", n + 1))], what, by]
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            caption: "Our aims and the priorities that contribute to them".into(),
            columns: vec![
                ("".into(), 0.06),
                ("Aim".into(), 0.47),
                ("Priorities that contribute".into(), 0.47),
            ],
            rows,
        }));
    }

    fn plan_on_a_page(&mut self) {
        let c = self.c;
        self.heading(1, "Our plan on a page", true, true);
        if !c.plan.vision.trim().is_empty() {
            self.blocks
                .push(Block::Lead(vec![Span::plain(&c.plan.vision)]));
        }
        if c.priorities.is_empty() {
            self.note("No priorities have been written yet.");
            return;
        }
        let outcomes: HashMap<&Id, &crate::model::Outcome> =
            c.outcomes.iter().map(|o| (&o.id, o)).collect();
        let rows = c
            .priorities
            .iter()
            .map(|p| {
                let mut left = vec![CellPara::bold(coded(&p.code, &p.title))];
                if !p.theme.trim().is_empty() {
                    left.push(CellPara::muted(format!("Theme: {}", p.theme)));
                }
                let mut linked: Vec<&&crate::model::Outcome> = c
                    .priority_outcomes
                    .iter()
                    .filter(|l| l.priority_id == p.id)
                    .filter_map(|l| outcomes.get(&l.outcome_id))
                    .collect();
                linked.sort_by_key(|o| o.position);
                let leads: Cell = linked
                    .into_iter()
                    .map(|o| CellPara {
                        bullet: true,
                        ..CellPara::plain(&o.statement)
                    })
                    .collect();
                let leads = if leads.is_empty() {
                    vec![CellPara::muted("No outcomes yet.")]
                } else {
                    leads
                };
                vec![left, leads]
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            caption: "Our priorities and what they will lead to".into(),
            columns: vec![
                ("Our priority".into(), 0.42),
                ("This will lead to".into(), 0.58),
            ],
            rows,
        }));
    }
}

/// Small counts in words, as plain-English style guides ask.
pub fn words_for(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

// The priority chapters and annexes are in their own module to keep this one readable.
impl<'a> DocBuilder<'a> {
    pub(super) fn content(&self) -> &'a Content {
        self.c
    }
    pub(super) fn statuses(&self) -> &'a [ActionStatus] {
        &self.o.statuses
    }
    pub(super) fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
    pub(super) fn add_heading(&mut self, level: u8, text: String, contents: bool, new_page: bool) {
        self.heading(level, text, contents, new_page);
    }
    pub(super) fn add_note(&mut self, text: &str) {
        self.note(text);
    }
    pub(super) fn add_para(&mut self, text: String) {
        self.para(text);
    }
}

pub(super) fn coded_name(code: &str, title: &str) -> String {
    coded(code, title)
}
