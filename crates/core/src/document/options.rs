//! What a caller asks of an export (paper, parts, statuses, date) and what it hears back
//! while the export runs. A leaf: every step of the pipeline reads these, so they depend on
//! no other module of `document/`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ActionStatus;

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
    /// The date printed on the cover; today when not given. Tests and reproducible builds set
    /// it so two exports of the same workbook are the same.
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
    /// What an export of `plan` starts with: everything in, on A4, and marked DRAFT until the
    /// plan is approved or published.
    pub fn for_plan(plan: &crate::model::Plan) -> ExportOptions {
        ExportOptions {
            draft: !plan.status.is_agreed(),
            ..ExportOptions::default()
        }
    }

    pub fn includes(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }

    /// The date printed on the cover: the one asked for, else today.
    pub(super) fn date(&self) -> NaiveDate {
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
