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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use ts_rs::TS;

use crate::Workbook;
use crate::content::Content;
use crate::error::Result;
use crate::model::{ActionOutcome, ActionPriority, ChangedRow, Id, Kind, Outcome, PriorityOutcome};
use crate::store::{Changes, RowRef};

/// How an action serves a priority.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Serving {
    /// Linked to the priority itself.
    pub directly: bool,
    /// The priority's outcomes the action is linked to, in the priority's order.
    pub through: Vec<Id>,
}

/// The thread of one workbook's content, indexed both ways, with the links it was worked out
/// from, so that an edit's changes patch it ([`Thread::apply`]) by working out again only the
/// actions whose links they touched.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    links: Links,
    /// Action → how it serves each priority, and its crossing links (only actions with either).
    by_action: BTreeMap<Id, OneAction>,
    /// Priority → action → how it serves it (the same servings, read the other way).
    by_priority: BTreeMap<Id, BTreeMap<Id, Serving>>,
}

/// What the rule says of one action: the priorities it serves, and its links that cross.
#[derive(Debug, Clone, Default, PartialEq)]
struct OneAction {
    serving: BTreeMap<Id, Serving>,
    crossings: Vec<Crossing>,
}

impl OneAction {
    fn is_empty(&self) -> bool {
        self.serving.is_empty() && self.crossings.is_empty()
    }
}

/// The rows the thread is read from, indexed for working out one action at a time.
#[derive(Debug, Clone, Default)]
struct Links {
    /// Each link row by kind and id, with what it links: a removed link is reported by its id
    /// alone, and a changed one must be taken out where it was before it is put in anew.
    rows: HashMap<RowRef, Link>,
    /// Action → the priorities it is linked to.
    direct: BTreeMap<Id, BTreeSet<Id>>,
    /// Action → the outcomes it is linked to.
    outcomes: BTreeMap<Id, BTreeSet<Id>>,
    /// Outcome → the actions linked to it.
    actions: BTreeMap<Id, BTreeSet<Id>>,
    /// Outcome → the priorities it belongs to.
    owners: BTreeMap<Id, BTreeSet<Id>>,
    /// Outcome → its position: "through" lists follow the outcomes' order.
    positions: HashMap<Id, i64>,
}

/// One link row the thread reads.
#[derive(Debug, Clone, PartialEq)]
enum Link {
    Direct { action: Id, priority: Id },
    ToOutcome { action: Id, outcome: Id },
    Owner { priority: Id, outcome: Id },
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

/// The thread as the app reads it on opening: every (priority, action) pair where the action
/// serves the priority, saying how, and the crossing links. The window indexes it both ways;
/// it never works out who serves what itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ThreadView {
    /// By priority id, then by action id.
    pub serving: Vec<ServingLink>,
    /// By action id, then in the outcomes' order.
    pub crossings: Vec<Crossing>,
}

/// What an edit changed in the thread, as the window patches it: for each action in
/// `actions`, everything the window held of its serving and crossings is replaced by the
/// entries below that name it (none, if it now serves nothing). Only the actions whose
/// serving changed are named, so a link edit sends a few entries, not the whole thread.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ThreadChange {
    /// The actions whose entries are replaced, by id.
    pub actions: Vec<Id>,
    /// Their servings, by action id, then by priority id.
    pub serving: Vec<ServingLink>,
    /// Their crossing links, by action id, then in the outcomes' order.
    pub crossings: Vec<Crossing>,
    /// True when the thread is sent whole (it was worked out again from the file, having
    /// changed behind the kept one's back): the window replaces everything it held with it.
    pub whole: bool,
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

impl ServingLink {
    fn of(priority: &Id, action: &Id, s: &Serving) -> ServingLink {
        ServingLink {
            priority_id: priority.clone(),
            action_id: action.clone(),
            directly: s.directly,
            through: s.through.clone(),
        }
    }
}

/// Whether an edit that changed these rows may have changed the thread: a link between an
/// action, a priority and an outcome (a deleted row takes its links with it, and they are
/// among the rows removed), or an outcome, whose position orders the "through" lists.
pub fn touched_by(changes: &Changes) -> bool {
    let threads = |k: Kind| {
        matches!(
            k,
            Kind::ActionPriority | Kind::ActionOutcome | Kind::PriorityOutcome | Kind::Outcome
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

    /// What the app is sent on opening.
    pub fn view(&self) -> ThreadView {
        ThreadView {
            serving: self
                .by_priority
                .iter()
                .flat_map(|(p, actions)| actions.iter().map(move |(a, s)| ServingLink::of(p, a, s)))
                .collect(),
            crossings: self.crossings().cloned().collect(),
        }
    }

    fn from_links(
        outcomes: &[Outcome],
        priority_outcomes: &[PriorityOutcome],
        action_priorities: &[ActionPriority],
        action_outcomes: &[ActionOutcome],
    ) -> Thread {
        let mut links = Links::default();
        for o in outcomes {
            links.positions.insert(o.id.clone(), o.position);
        }
        let rows = priority_outcomes
            .iter()
            .map(|l| (Kind::PriorityOutcome, &l.id, Link::owner(l)))
            .chain(
                action_priorities
                    .iter()
                    .map(|l| (Kind::ActionPriority, &l.id, Link::direct(l))),
            )
            .chain(
                action_outcomes
                    .iter()
                    .map(|l| (Kind::ActionOutcome, &l.id, Link::to_outcome(l))),
            );
        for (kind, id, link) in rows {
            links.add(
                RowRef {
                    kind,
                    id: id.clone(),
                },
                link,
            );
        }
        let mut t = Thread {
            links,
            ..Thread::default()
        };
        let actions: BTreeSet<Id> = t
            .links
            .direct
            .keys()
            .chain(t.links.outcomes.keys())
            .cloned()
            .collect();
        for a in actions {
            t.replace(&a);
        }
        t
    }

    /// Patches the thread from what one edit, undo or redo changed (see `touched_by`) and
    /// returns what changed in it, or `None` when no action's serving did. Only the actions
    /// the changed rows reach are worked out again: those of a changed action link, those
    /// linked to an outcome whose priorities changed, and those linked to an outcome that
    /// moved (their "through" lists follow the outcomes' order).
    pub fn apply(&mut self, changes: &Changes) -> Option<ThreadChange> {
        let mut reached = BTreeSet::new();
        for r in &changes.removed {
            if let Some(link) = self.links.remove(r) {
                reached.extend(self.links.reached_by(&link));
            }
            if r.kind == Kind::Outcome {
                self.links.positions.remove(&r.id);
            }
        }
        for row in &changes.rows {
            let r = RowRef {
                kind: row.kind(),
                id: row.id().clone(),
            };
            let link = match row {
                ChangedRow::ActionPriority(l) => Link::direct(l),
                ChangedRow::ActionOutcome(l) => Link::to_outcome(l),
                ChangedRow::PriorityOutcome(l) => Link::owner(l),
                ChangedRow::Outcome(o) => {
                    if self.links.positions.insert(o.id.clone(), o.position) != Some(o.position) {
                        reached.extend(self.links.reordered_by(&o.id));
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some(old) = self.links.remove(&r) {
                reached.extend(self.links.reached_by(&old));
            }
            reached.extend(self.links.reached_by(&link));
            self.links.add(r, link);
        }
        let actions: Vec<Id> = reached.into_iter().filter(|a| self.replace(a)).collect();
        if actions.is_empty() {
            return None;
        }
        let mut change = ThreadChange {
            actions,
            ..ThreadChange::default()
        };
        for a in &change.actions {
            if let Some(one) = self.by_action.get(a) {
                change
                    .serving
                    .extend(one.serving.iter().map(|(p, s)| ServingLink::of(p, a, s)));
                change.crossings.extend(one.crossings.iter().cloned());
            }
        }
        Some(change)
    }

    /// The whole thread as a change that replaces everything the window held.
    pub fn whole(&self) -> ThreadChange {
        let view = self.view();
        ThreadChange {
            actions: Vec::new(),
            serving: view.serving,
            crossings: view.crossings,
            whole: true,
        }
    }

    /// Works out `action`'s serving again from the links and puts it in place of what was
    /// kept; says whether it changed.
    fn replace(&mut self, action: &Id) -> bool {
        let now = self.links.one_action(action);
        let before = self.by_action.remove(action).unwrap_or_default();
        if before == now {
            if !now.is_empty() {
                self.by_action.insert(action.clone(), now);
            }
            return false;
        }
        for p in before.serving.keys() {
            if let Some(actions) = self.by_priority.get_mut(p) {
                actions.remove(action);
                if actions.is_empty() {
                    self.by_priority.remove(p);
                }
            }
        }
        for (p, s) in &now.serving {
            self.by_priority
                .entry(p.clone())
                .or_default()
                .insert(action.clone(), s.clone());
        }
        if !now.is_empty() {
            self.by_action.insert(action.clone(), now);
        }
        true
    }

    /// Every action serving `priority`, directly or through its outcomes.
    pub fn actions_of(&self, priority: &Id) -> impl Iterator<Item = (&Id, &Serving)> {
        self.by_priority.get(priority).into_iter().flatten()
    }

    /// Every priority `action` serves, directly or through its outcomes.
    pub fn priorities_of(&self, action: &Id) -> impl Iterator<Item = (&Id, &Serving)> {
        self.by_action
            .get(action)
            .into_iter()
            .flat_map(|one| one.serving.iter())
    }

    /// The outcomes `action` is linked to.
    pub fn outcomes_of(&self, action: &Id) -> impl Iterator<Item = &Id> {
        self.links.outcomes.get(action).into_iter().flatten()
    }

    /// Whether `action` serves any priority or outcome.
    pub fn serves_anything(&self, action: &Id) -> bool {
        self.priorities_of(action).next().is_some() || self.links.outcomes.contains_key(action)
    }

    /// Whether any action is linked to `outcome`.
    pub fn is_served(&self, outcome: &Id) -> bool {
        self.links.actions.contains_key(outcome)
    }

    /// The links that reach another priority's outcome without that priority, by action,
    /// then in the outcomes' order.
    pub fn crossings(&self) -> impl Iterator<Item = &Crossing> {
        self.by_action.values().flat_map(|one| one.crossings.iter())
    }
}

impl Link {
    fn direct(l: &ActionPriority) -> Link {
        Link::Direct {
            action: l.action_id.clone(),
            priority: l.priority_id.clone(),
        }
    }

    fn to_outcome(l: &ActionOutcome) -> Link {
        Link::ToOutcome {
            action: l.action_id.clone(),
            outcome: l.outcome_id.clone(),
        }
    }

    fn owner(l: &PriorityOutcome) -> Link {
        Link::Owner {
            priority: l.priority_id.clone(),
            outcome: l.outcome_id.clone(),
        }
    }
}

impl Links {
    /// The rule at the top of this file, for one action: the one place it is written, asked
    /// by the full build and by each edit's patch alike.
    fn one_action(&self, action: &Id) -> OneAction {
        let none = BTreeSet::new();
        let direct = self.direct.get(action).unwrap_or(&none);
        let mut one = OneAction::default();
        for p in direct {
            one.serving.entry(p.clone()).or_default().directly = true;
        }
        // In the outcomes' order, so "through" lists read as the plan does (an outcome not
        // among the outcomes, which a file's links cannot name, first).
        let mut outcomes: Vec<&Id> = self.outcomes.get(action).into_iter().flatten().collect();
        outcomes.sort_by_key(|o| (self.positions.get(*o), *o));
        for o in outcomes {
            let owners = self.owners.get(o).unwrap_or(&none);
            for p in owners {
                one.serving
                    .entry(p.clone())
                    .or_default()
                    .through
                    .push(o.clone());
            }
            if crosses(|p| direct.contains(p), !direct.is_empty(), owners) {
                one.crossings.push(Crossing {
                    action: action.clone(),
                    outcome: o.clone(),
                    priorities: owners.iter().cloned().collect(),
                });
            }
        }
        one
    }

    /// The actions whose serving a link's coming or going may change: its own action, or
    /// every action linked to the outcome whose priorities it names.
    fn reached_by(&self, link: &Link) -> Vec<Id> {
        match link {
            Link::Direct { action, .. } | Link::ToOutcome { action, .. } => vec![action.clone()],
            Link::Owner { outcome, .. } => self
                .actions
                .get(outcome)
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
        }
    }

    /// The actions whose "through" lists and crossings an outcome's move may reorder: those
    /// linked to it and to another outcome (one outcome alone has no order to change).
    fn reordered_by(&self, outcome: &Id) -> Vec<Id> {
        let linked = self.actions.get(outcome).into_iter().flatten();
        linked
            .filter(|a| self.outcomes.get(*a).is_some_and(|o| o.len() > 1))
            .cloned()
            .collect()
    }

    fn add(&mut self, row: RowRef, link: Link) {
        match &link {
            Link::Direct { action, priority } => {
                insert(&mut self.direct, action, priority);
            }
            Link::ToOutcome { action, outcome } => {
                insert(&mut self.outcomes, action, outcome);
                insert(&mut self.actions, outcome, action);
            }
            Link::Owner { priority, outcome } => {
                insert(&mut self.owners, outcome, priority);
            }
        }
        self.rows.insert(row, link);
    }

    /// Takes a link row out, if it was kept, and returns what it linked.
    fn remove(&mut self, row: &RowRef) -> Option<Link> {
        let link = self.rows.remove(row)?;
        match &link {
            Link::Direct { action, priority } => take(&mut self.direct, action, priority),
            Link::ToOutcome { action, outcome } => {
                take(&mut self.outcomes, action, outcome);
                take(&mut self.actions, outcome, action);
            }
            Link::Owner { priority, outcome } => take(&mut self.owners, outcome, priority),
        }
        Some(link)
    }
}

fn insert(m: &mut BTreeMap<Id, BTreeSet<Id>>, key: &Id, value: &Id) {
    m.entry(key.clone()).or_default().insert(value.clone());
}

/// Takes `value` out of `key`'s set, and the key with its set when that empties it (so that
/// a key is there only while something is linked to it).
fn take(m: &mut BTreeMap<Id, BTreeSet<Id>>, key: &Id, value: &Id) {
    if let Some(set) = m.get_mut(key) {
        set.remove(value);
        if set.is_empty() {
            m.remove(key);
        }
    }
}

#[cfg(test)]
#[path = "thread_tests.rs"]
mod tests;
