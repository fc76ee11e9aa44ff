//! Plan health: what a planner should fix before the plan goes out. The CLI's `check` and the
//! desktop app's health panel show the same findings.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::content::Content;
pub use crate::jargon::{JargonSpan, jargon_spans};
use crate::model::{Id, Kind};

mod facts;
pub mod live;

use facts::Facts;
pub use live::LiveHealth;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    PriorityWithoutOutcomes,
    OutcomeWithoutActions,
    OutcomeWithoutMeasures,
    /// A measure with no title and no figures: not yet a measure.
    EmptyMeasure,
    /// An action linked to no priority and no outcome (see `thread`).
    ActionServesNothing,
    /// An action linked to an outcome of a priority it is not linked to (see `thread`).
    LinkCrossesPriorities,
    ActionWithoutCode,
    ActionWithoutLead,
    ActionWithoutDueDate,
    ActionOverdue,
    Jargon,
}

/// One thing to fix, pointing at the item to fix.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    /// Unique among one workbook's findings and the same across edits, so a program can keep
    /// findings by key and remove them by key: the finding's kind, the item's kind and id, and
    /// for a crossing link the outcome, for jargon the glossary term's id.
    pub key: String,
    pub kind: FindingKind,
    /// The item to fix.
    pub entity: Kind,
    pub id: Id,
    /// A sentence saying what is wrong, naming the item.
    pub message: String,
}

impl Finding {
    fn new(kind: FindingKind, entity: Kind, id: &Id, message: String) -> Finding {
        // The kind's word as serde writes it, so the key reads like the JSON.
        let word = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        Finding {
            key: format!("{word}/{}/{id}", entity.table()),
            kind,
            entity,
            id: id.clone(),
            message,
        }
    }
}

/// The findings that appeared and went with one edit. A finding whose item's words changed
/// (a renamed action) keeps its key and is in `added` with its new message: a program keeping
/// findings by key removes `removed`, then puts `added`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct HealthChange {
    pub added: Vec<Finding>,
    /// The keys of the findings that went.
    pub removed: Vec<String>,
}

impl HealthChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Every finding for a workbook's content, as of `today`, in the order the health panel and
/// `planbook check` list them: by rule, then in the workbook's order. The rules are in
/// `facts.rs`, each about one item, and are the same ones the incremental check asks.
pub fn plan_health(c: &Content, today: NaiveDate) -> Vec<Finding> {
    in_order(&Facts::of(c), c, today)
}

/// [`plan_health`] of `c` with its facts already indexed.
fn in_order(f: &Facts, c: &Content, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(c.priorities.iter().filter_map(|p| f.priority(&p.id)));
    out.extend(c.measures.iter().filter_map(|m| f.measure(&m.id)));
    out.extend(c.outcomes.iter().flat_map(|o| f.outcome(&o.id)));
    out.extend(c.actions.iter().flat_map(|a| f.action(&a.id, today)));
    // Crossings in the outcomes' order, as the thread reads them.
    let order: HashMap<&Id, usize> = c
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (&o.id, i))
        .collect();
    let mut links: Vec<_> = c.action_outcomes.iter().collect();
    links.sort_by_key(|l| (order.get(&l.outcome_id).copied(), &l.outcome_id));
    out.extend(
        links
            .iter()
            .filter_map(|l| f.crossing(&l.action_id, &l.outcome_id)),
    );
    let texts = std::iter::once((Kind::Plan, &c.plan.id))
        .chain(c.sections.iter().map(|s| (Kind::Section, &s.id)))
        .chain(c.aims.iter().map(|a| (Kind::Aim, &a.id)))
        .chain(c.priorities.iter().map(|p| (Kind::Priority, &p.id)))
        .chain(c.outcomes.iter().map(|o| (Kind::Outcome, &o.id)))
        .chain(c.actions.iter().map(|a| (Kind::Action, &a.id)));
    for (kind, id) in texts {
        out.extend(f.jargon(kind, id, c.glossary.iter()));
    }
    out
}

pub(crate) fn name(code: &str, title: &str) -> String {
    if code.is_empty() {
        format!("“{title}”")
    } else {
        format!("{code} “{title}”")
    }
}

#[cfg(test)]
mod tests;
