//! A workbook at a glance: what `planbook info` prints and the desktop app's header shows.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::model::{Kind, PlanStatus};
use crate::store::Workbook;

/// How many of each kind of item a workbook holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Counts {
    pub aims: i64,
    pub sections: i64,
    pub priorities: i64,
    pub outcomes: i64,
    pub measures: i64,
    pub readings: i64,
    pub partners: i64,
    pub actions: i64,
    pub milestones: i64,
    pub glossary_terms: i64,
    pub engagements: i64,
    /// Links of every kind: priority–aim, priority–outcome, action–priority, action–outcome
    /// and supporting partners.
    pub links: i64,
}

/// A workbook at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Summary {
    pub title: String,
    pub partnership: String,
    pub area: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub status: PlanStatus,
    /// The status in words.
    pub status_label: String,
    pub format_version: i64,
    /// Why the workbook is read-only, when it is.
    pub read_only: Option<String>,
    pub file_name: String,
    pub counts: Counts,
    /// What the planner should know about where the file lives (a sync service's folder, its
    /// conflict copies, a network drive), in words; see [`crate::place`].
    pub place: Vec<String>,
    /// The shared plan the workbook is linked to (its name on the server), if any.
    pub shared_plan: Option<String>,
}

impl Workbook {
    pub fn summary(&self) -> Result<Summary> {
        let plan = self.plan()?;
        let n = |kind| self.count(kind);
        let counts = Counts {
            aims: n(Kind::Aim)?,
            sections: n(Kind::Section)?,
            priorities: n(Kind::Priority)?,
            outcomes: n(Kind::Outcome)?,
            measures: n(Kind::Measure)?,
            readings: n(Kind::Reading)?,
            partners: n(Kind::Partner)?,
            actions: n(Kind::Action)?,
            milestones: n(Kind::Milestone)?,
            glossary_terms: n(Kind::GlossaryTerm)?,
            engagements: n(Kind::Engagement)?,
            links: Kind::ALL
                .iter()
                .filter(|k| k.link_columns().is_some())
                .map(|&k| n(k))
                .sum::<Result<i64>>()?,
        };
        Ok(Summary {
            title: plan.title,
            partnership: plan.partnership,
            area: plan.area,
            period_start: plan.period_start,
            period_end: plan.period_end,
            status: plan.status,
            status_label: plan.status.label().to_owned(),
            format_version: self.format_version(),
            read_only: self.read_only_reason().map(str::to_owned),
            place: crate::place::assess(self.path())
                .iter()
                .map(crate::place::PlaceNote::message)
                .collect(),
            file_name: self
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            counts,
            shared_plan: crate::sync::shared::link(self.reader())?.map(|l| l.plan),
        })
    }
}
