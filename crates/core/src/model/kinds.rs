//! What the store needs to know about each kind of row: its table, how it is ordered, and what
//! it refers to (which drives deletion: a deleted row takes its dependants with it, and every
//! one of those deletions is recorded, so undo brings them all back).

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use ts_rs::TS;

use super::*;

/// Every kind of row a workbook holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Plan,
    Aim,
    Section,
    Priority,
    Outcome,
    Measure,
    Reading,
    Partner,
    Action,
    Milestone,
    GlossaryTerm,
    Engagement,
    PriorityAim,
    PriorityOutcome,
    ActionPriority,
    ActionOutcome,
    ActionPartner,
}

/// What happens to a row when the row it refers to is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// The referring row is deleted too.
    Cascade,
    /// The reference is cleared.
    SetNull,
}

impl Kind {
    /// In dependency order: a kind only refers to kinds before it.
    pub const ALL: &'static [Kind] = &[
        Kind::Plan,
        Kind::Aim,
        Kind::Section,
        Kind::Priority,
        Kind::Outcome,
        Kind::Measure,
        Kind::Reading,
        Kind::Partner,
        Kind::Action,
        Kind::Milestone,
        Kind::GlossaryTerm,
        Kind::Engagement,
        Kind::PriorityAim,
        Kind::PriorityOutcome,
        Kind::ActionPriority,
        Kind::ActionOutcome,
        Kind::ActionPartner,
    ];

    /// The table name, which is also the kind's name in the change log and in JSON.
    pub fn table(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Aim => "aim",
            Kind::Section => "section",
            Kind::Priority => "priority",
            Kind::Outcome => "outcome",
            Kind::Measure => "measure",
            Kind::Reading => "reading",
            Kind::Partner => "partner",
            Kind::Action => "action",
            Kind::Milestone => "milestone",
            Kind::GlossaryTerm => "glossary_term",
            Kind::Engagement => "engagement",
            Kind::PriorityAim => "priority_aim",
            Kind::PriorityOutcome => "priority_outcome",
            Kind::ActionPriority => "action_priority",
            Kind::ActionOutcome => "action_outcome",
            Kind::ActionPartner => "action_partner",
        }
    }

    pub fn from_table(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.table() == name)
    }

    /// The kind in plain words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Aim => "aim",
            Kind::Section => "section",
            Kind::Priority => "priority",
            Kind::Outcome => "outcome",
            Kind::Measure => "measure",
            Kind::Reading => "reading",
            Kind::Partner => "partner",
            Kind::Action => "action",
            Kind::Milestone => "milestone",
            Kind::GlossaryTerm => "glossary term",
            Kind::Engagement => "engagement record",
            Kind::PriorityAim => "link between a priority and an aim",
            Kind::PriorityOutcome => "link between a priority and an outcome",
            Kind::ActionPriority => "link between an action and a priority",
            Kind::ActionOutcome => "link between an action and an outcome",
            Kind::ActionPartner => "supporting partner of an action",
        }
    }

    /// The kind in plain words with "a" or "an" before it, for messages.
    pub fn a(self) -> String {
        let label = self.label();
        let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {label}")
    }

    /// The columns that refer to other rows, and what a deletion of the referred row does.
    pub fn references(self) -> &'static [(&'static str, Kind, OnDelete)] {
        use OnDelete::*;
        match self {
            Kind::Measure => &[("outcome_id", Kind::Outcome, Cascade)],
            Kind::Reading => &[("measure_id", Kind::Measure, Cascade)],
            Kind::Action => &[("lead_partner_id", Kind::Partner, SetNull)],
            Kind::Milestone => &[("action_id", Kind::Action, Cascade)],
            Kind::PriorityAim => &[
                ("priority_id", Kind::Priority, Cascade),
                ("aim_id", Kind::Aim, Cascade),
            ],
            Kind::PriorityOutcome => &[
                ("priority_id", Kind::Priority, Cascade),
                ("outcome_id", Kind::Outcome, Cascade),
            ],
            Kind::ActionPriority => &[
                ("action_id", Kind::Action, Cascade),
                ("priority_id", Kind::Priority, Cascade),
            ],
            Kind::ActionOutcome => &[
                ("action_id", Kind::Action, Cascade),
                ("outcome_id", Kind::Outcome, Cascade),
            ],
            Kind::ActionPartner => &[
                ("action_id", Kind::Action, Cascade),
                ("partner_id", Kind::Partner, Cascade),
            ],
            _ => &[],
        }
    }

    /// For link kinds, the two columns the link joins.
    pub fn link_columns(self) -> Option<(&'static str, &'static str)> {
        match self {
            Kind::PriorityAim => Some(("priority_id", "aim_id")),
            Kind::PriorityOutcome => Some(("priority_id", "outcome_id")),
            Kind::ActionPriority => Some(("action_id", "priority_id")),
            Kind::ActionOutcome => Some(("action_id", "outcome_id")),
            Kind::ActionPartner => Some(("action_id", "partner_id")),
            _ => None,
        }
    }

    /// The kinds whose rows carry a `position`, and the column (if any) within which positions
    /// are numbered: measures are ordered within their outcome, milestones within their action.
    pub fn position_scope(self) -> Option<Option<&'static str>> {
        match self {
            Kind::Aim
            | Kind::Section
            | Kind::Priority
            | Kind::Outcome
            | Kind::Partner
            | Kind::Action => Some(None),
            Kind::Measure => Some(Some("outcome_id")),
            Kind::Milestone => Some(Some("action_id")),
            _ => None,
        }
    }

    /// The SQL ordering of rows of this kind in lists and exports; it always ends with the id,
    /// so the order is total and every export of the same content is the same.
    pub fn order_by(self) -> &'static str {
        match self {
            Kind::Plan => "id",
            Kind::Measure => "outcome_id, position, id",
            Kind::Milestone => "action_id, position, id",
            Kind::Reading => "measure_id, date, id",
            Kind::GlossaryTerm => "term COLLATE NOCASE, term, id",
            Kind::Engagement => "held_on, id",
            Kind::PriorityAim => "priority_id, aim_id, id",
            Kind::PriorityOutcome => "priority_id, outcome_id, id",
            Kind::ActionPriority => "action_id, priority_id, id",
            Kind::ActionOutcome => "action_id, outcome_id, id",
            Kind::ActionPartner => "action_id, partner_id, id",
            _ => "position, id",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A struct that is a row of a workbook table.
pub trait Entity:
    Serialize + DeserializeOwned + Default + Clone + std::fmt::Debug + 'static
{
    const KIND: Kind;
    fn id(&self) -> &Id;
    /// The identity and timestamps, which the store fills in.
    fn stamps_mut(&mut self) -> (&mut Id, &mut Timestamp, &mut Timestamp);
}

macro_rules! entity {
    ($($ty:ident => $kind:ident),+ $(,)?) => {
        $(impl Entity for $ty {
            const KIND: Kind = Kind::$kind;
            fn id(&self) -> &Id { &self.id }
            fn stamps_mut(&mut self) -> (&mut Id, &mut Timestamp, &mut Timestamp) {
                (&mut self.id, &mut self.created_at, &mut self.updated_at)
            }
        })+

    };
}

entity! {
    Plan => Plan,
    Aim => Aim,
    Section => Section,
    Priority => Priority,
    Outcome => Outcome,
    Measure => Measure,
    Reading => Reading,
    Partner => Partner,
    Action => Action,
    Milestone => Milestone,
    GlossaryTerm => GlossaryTerm,
    Engagement => Engagement,
    PriorityAim => PriorityAim,
    PriorityOutcome => PriorityOutcome,
    ActionPriority => ActionPriority,
    ActionOutcome => ActionOutcome,
    ActionPartner => ActionPartner,
}

/// Runs `$body` with `$t` bound to the struct type of a [`Kind`] known only at run time.
#[macro_export]
#[doc(hidden)]
macro_rules! with_kind {
    ($k:expr, $t:ident => $body:expr) => {
        match $k {
            $crate::model::Kind::Plan => {
                type $t = $crate::model::Plan;
                $body
            }
            $crate::model::Kind::Aim => {
                type $t = $crate::model::Aim;
                $body
            }
            $crate::model::Kind::Section => {
                type $t = $crate::model::Section;
                $body
            }
            $crate::model::Kind::Priority => {
                type $t = $crate::model::Priority;
                $body
            }
            $crate::model::Kind::Outcome => {
                type $t = $crate::model::Outcome;
                $body
            }
            $crate::model::Kind::Measure => {
                type $t = $crate::model::Measure;
                $body
            }
            $crate::model::Kind::Reading => {
                type $t = $crate::model::Reading;
                $body
            }
            $crate::model::Kind::Partner => {
                type $t = $crate::model::Partner;
                $body
            }
            $crate::model::Kind::Action => {
                type $t = $crate::model::Action;
                $body
            }
            $crate::model::Kind::Milestone => {
                type $t = $crate::model::Milestone;
                $body
            }
            $crate::model::Kind::GlossaryTerm => {
                type $t = $crate::model::GlossaryTerm;
                $body
            }
            $crate::model::Kind::Engagement => {
                type $t = $crate::model::Engagement;
                $body
            }
            $crate::model::Kind::PriorityAim => {
                type $t = $crate::model::PriorityAim;
                $body
            }
            $crate::model::Kind::PriorityOutcome => {
                type $t = $crate::model::PriorityOutcome;
                $body
            }
            $crate::model::Kind::ActionPriority => {
                type $t = $crate::model::ActionPriority;
                $body
            }
            $crate::model::Kind::ActionOutcome => {
                type $t = $crate::model::ActionOutcome;
                $body
            }
            $crate::model::Kind::ActionPartner => {
                type $t = $crate::model::ActionPartner;
                $body
            }
        }
    };
}
