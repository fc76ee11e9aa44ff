//! The rows a planner writes. Field names are column names; see the module docs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ActionStatus, Direction, Id, PartnerKind, PlanStatus, Timestamp};

/// The plan itself: exactly one per workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    pub id: Id,
    pub title: String,
    pub subtitle: String,
    /// Who the plan belongs to, e.g. "Our Dorset"; also the PDF's author.
    pub partnership: String,
    pub area: String,
    /// How many people live in the area.
    pub population: Option<i64>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub vision: String,
    pub status: PlanStatus,
    pub version_label: String,
    /// A BCP 47 language tag, e.g. "en-GB".
    pub language: String,
    /// Notes for the planners, not printed in the plan document.
    pub notes: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One of the system's purposes, which priorities contribute to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Aim {
    pub id: Id,
    pub title: String,
    pub description: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A narrative section of the plan. `body` is lightly marked-up text: paragraphs separated by
/// blank lines, lines starting "- " as bullet lists, `**bold**`, `*italic*`, `[text](address)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Section {
    pub id: Id,
    pub title: String,
    pub body: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Something the partnership has chosen to focus on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Priority {
    pub id: Id,
    /// A short reference such as "P1".
    pub code: String,
    pub title: String,
    pub summary: String,
    /// An optional grouping such as "Living Well".
    pub theme: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a priority is expected to lead to ("This will lead to …").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Outcome {
    pub id: Id,
    pub code: String,
    pub statement: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An indicator that shows whether an outcome is being reached.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Measure {
    pub id: Id,
    pub outcome_id: Id,
    pub title: String,
    /// What the numbers count, e.g. "%" or "people".
    pub unit: String,
    pub direction: Direction,
    pub baseline_value: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_date: Option<NaiveDate>,
    /// Where the figures come from.
    pub source: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One value of a measure at a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Reading {
    pub id: Id,
    pub measure_id: Id,
    pub date: Option<NaiveDate>,
    pub value: Option<f64>,
    pub note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An organisation in the partnership.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Partner {
    pub id: Id,
    pub name: String,
    pub short_name: String,
    pub kind: PartnerKind,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Something that will be done. Supporting partners, priorities and outcomes are links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Action {
    pub id: Id,
    pub code: String,
    pub title: String,
    pub description: String,
    pub lead_partner_id: Option<Id>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub progress_note: String,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A step on the way to completing an action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Milestone {
    pub id: Id,
    pub action_id: Id,
    pub title: String,
    pub due_date: Option<NaiveDate>,
    /// When it was reached; empty while it is still to come.
    pub completed_on: Option<NaiveDate>,
    pub position: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A word the partnership avoids, and the plain words it uses instead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct GlossaryTerm {
    pub id: Id,
    pub term: String,
    pub plain_words: String,
    pub definition: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A record of involving people: who, how, when, what they said and what changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Engagement {
    pub id: Id,
    pub who: String,
    pub how: String,
    pub held_on: Option<NaiveDate>,
    pub what_they_said: String,
    pub what_changed: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}
