//! The golden thread: aims ← priorities ← outcomes ← actions, read both ways and without holes
//! (docs/design.md, "The golden thread"). The rule is here once; the app, the plan document
//! and the health check ask it.
//!
//! The rule:
//! - An action **serves a priority** when it is linked to the priority itself ("directly"), or
//!   to one of the priority's outcomes ("through" those outcomes). Both count, and a reader is
//!   told which.
//! - An action **serves an outcome** only when it is linked to it.
//! - An action linked to no priority and no outcome **serves nothing**.
//! - A link **crosses** when an action linked directly to some priorities is also linked to an
//!   outcome that belongs to none of them: it reaches another priority's outcome without that
//!   priority. (Such an action still serves that other priority, through the outcome; the
//!   crossing is reported so the planner links the priority too, or unlinks the outcome.)
//! - An outcome that no action is linked to is **served by no action**.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use ts_rs::TS;

use crate::Workbook;
use crate::content::Content;
use crate::error::Result;
use crate::model::{ActionOutcome, ActionPriority, Id, Kind, Outcome, PriorityOutcome};
use crate::store::Changes;

/// How an action serves a priority.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Serving {
    /// Linked to the priority itself.
    pub directly: bool,
    /// The priority's outcomes the action is linked to, in the priority's order.
    pub through: Vec<Id>,
}

/// The thread of one workbook's content, indexed both ways.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    /// Priority → action → how it serves it.
    by_priority: BTreeMap<Id, BTreeMap<Id, Serving>>,
    /// Action → priority → how it serves it.
    by_action: BTreeMap<Id, BTreeMap<Id, Serving>>,
    action_outcomes: BTreeMap<Id, BTreeSet<Id>>,
    served_outcomes: BTreeSet<Id>,
    crossings: Vec<Crossing>,
}

/// A link from an action to an outcome of a priority the action is not linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Crossing {
    pub action: Id,
    pub outcome: Id,
    /// The priorities the outcome belongs to (none of which the action is linked to).
    pub priorities: Vec<Id>,
}

/// Whether an action's link to an outcome crosses (the rule at the top of this file): the
/// action is linked directly to some priority (`any_direct`; `is_direct` says to which), the
/// outcome belongs to some priorities (`owners`), and the action is linked to none of them.
/// Plan health's incremental check (`check::facts`) asks this too.
pub fn crosses<'a>(
    is_direct: impl Fn(&Id) -> bool,
    any_direct: bool,
    owners: impl IntoIterator<Item = &'a Id>,
) -> bool {
    let mut owners = owners.into_iter().peekable();
    any_direct && owners.peek().is_some() && owners.all(|p| !is_direct(p))
}

/// The thread as the app reads it: every (priority, action) pair where the action serves the
/// priority, saying how, and the crossing links. The window indexes it both ways; it never
/// works out who serves what itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ThreadView {
    /// By priority id, then by action id.
    pub serving: Vec<ServingLink>,
    pub crossings: Vec<Crossing>,
}

/// One action serving one priority: linked to it (`directly`), through some of its outcomes,
/// or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ServingLink {
    pub priority_id: Id,
    pub action_id: Id,
    pub directly: bool,
    /// The priority's outcomes the action is linked to, in the outcomes' order.
    pub through: Vec<Id>,
}

/// Whether an edit that changed these rows may have changed the thread: only a link between
/// an action, a priority and an outcome can (a deleted row takes its links with it, and they
/// are among the rows removed).
pub fn touched_by(changes: &Changes) -> bool {
    let threads = |k: Kind| {
        matches!(
            k,
            Kind::ActionPriority | Kind::ActionOutcome | Kind::PriorityOutcome
        )
    };
    changes.rows.iter().any(|r| threads(r.kind()))
        || changes.removed.iter().any(|r| threads(r.kind))
}

impl Thread {
    pub fn of(c: &Content) -> Thread {
        Thread::from_links(
            &c.outcomes,
            &c.priority_outcomes,
            &c.action_priorities,
            &c.action_outcomes,
        )
    }

    /// The thread of an open workbook, reading only the links and the outcomes (whose order
    /// the "through" lists follow), not the whole content.
    pub fn read(w: &Workbook) -> Result<Thread> {
        Ok(Thread::from_links(
            &w.list::<Outcome>()?,
            &w.list::<PriorityOutcome>()?,
            &w.list::<ActionPriority>()?,
            &w.list::<ActionOutcome>()?,
        ))
    }

    /// What the app is sent.
    pub fn view(&self) -> ThreadView {
        ThreadView {
            serving: self
                .by_priority
                .iter()
                .flat_map(|(p, actions)| {
                    actions.iter().map(|(a, s)| ServingLink {
                        priority_id: p.clone(),
                        action_id: a.clone(),
                        directly: s.directly,
                        through: s.through.clone(),
                    })
                })
                .collect(),
            crossings: self.crossings.clone(),
        }
    }

    fn from_links(
        outcomes: &[Outcome],
        priority_outcomes: &[PriorityOutcome],
        action_priorities: &[ActionPriority],
        action_outcomes: &[ActionOutcome],
    ) -> Thread {
        let mut t = Thread::default();
        let mut outcome_priorities: BTreeMap<&Id, Vec<&Id>> = BTreeMap::new();
        // Links in the priorities' order, so "through" lists read as the plan does.
        let order: BTreeMap<&Id, usize> = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| (&o.id, i))
            .collect();
        for l in priority_outcomes {
            outcome_priorities
                .entry(&l.outcome_id)
                .or_default()
                .push(&l.priority_id);
        }
        let mut direct: BTreeMap<&Id, BTreeSet<&Id>> = BTreeMap::new();
        for l in action_priorities {
            direct
                .entry(&l.action_id)
                .or_default()
                .insert(&l.priority_id);
            t.serve(&l.priority_id, &l.action_id).directly = true;
        }
        let mut links: Vec<_> = action_outcomes.iter().collect();
        links.sort_by_key(|l| (order.get(&l.outcome_id).copied(), &l.outcome_id));
        for l in links {
            t.action_outcomes
                .entry(l.action_id.clone())
                .or_default()
                .insert(l.outcome_id.clone());
            t.served_outcomes.insert(l.outcome_id.clone());
            let owners = outcome_priorities
                .get(&l.outcome_id)
                .cloned()
                .unwrap_or_default();
            for p in &owners {
                t.serve(p, &l.action_id).through.push(l.outcome_id.clone());
            }
            let linked = direct.get(&l.action_id);
            if crosses(
                |p| linked.is_some_and(|l| l.contains(p)),
                linked.is_some_and(|l| !l.is_empty()),
                owners.iter().copied(),
            ) {
                t.crossings.push(Crossing {
                    action: l.action_id.clone(),
                    outcome: l.outcome_id.clone(),
                    priorities: owners.iter().map(|p| (*p).clone()).collect(),
                });
            }
        }
        for (p, actions) in &t.by_priority {
            for (a, serving) in actions {
                t.by_action
                    .entry(a.clone())
                    .or_default()
                    .insert(p.clone(), serving.clone());
            }
        }
        t
    }

    fn serve(&mut self, priority: &Id, action: &Id) -> &mut Serving {
        self.by_priority
            .entry(priority.clone())
            .or_default()
            .entry(action.clone())
            .or_default()
    }

    /// Every action serving `priority`, directly or through its outcomes.
    pub fn actions_of(&self, priority: &Id) -> impl Iterator<Item = (&Id, &Serving)> {
        self.by_priority.get(priority).into_iter().flatten()
    }

    /// Every priority `action` serves, directly or through its outcomes.
    pub fn priorities_of(&self, action: &Id) -> impl Iterator<Item = (&Id, &Serving)> {
        self.by_action.get(action).into_iter().flatten()
    }

    /// The outcomes `action` is linked to.
    pub fn outcomes_of(&self, action: &Id) -> impl Iterator<Item = &Id> {
        self.action_outcomes.get(action).into_iter().flatten()
    }

    /// Whether `action` serves any priority or outcome.
    pub fn serves_anything(&self, action: &Id) -> bool {
        self.by_action.contains_key(action) || self.action_outcomes.contains_key(action)
    }

    /// Whether any action is linked to `outcome`.
    pub fn is_served(&self, outcome: &Id) -> bool {
        self.served_outcomes.contains(outcome)
    }

    /// The links that reach another priority's outcome without that priority.
    pub fn crossings(&self) -> &[Crossing] {
        &self.crossings
    }
}

#[cfg(test)]
#[path = "thread_tests.rs"]
mod tests;
