//! What plan health's rules read, indexed both ways, and the rules themselves, each written
//! once about one item. The full check (`plan_health`) asks every item in turn; the
//! incremental check (`live.rs`) keeps the facts current from each edit's changes and asks
//! only the items the changes can have affected, which [`Facts::put`] and
//! [`Facts::remove`] name as they patch.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Finding, FindingKind, name};
use crate::content::Content;
use crate::jargon;
use crate::model::*;
use crate::store::RowRef;

/// The ids on the other end of a relation, by the id on this end.
type Index = HashMap<Id, BTreeSet<Id>>;

fn join(index: &mut Index, from: &Id, to: &Id) {
    index.entry(from.clone()).or_default().insert(to.clone());
}

fn part(index: &mut Index, from: &Id, to: &Id) {
    if let Some(set) = index.get_mut(from) {
        set.remove(to);
        if set.is_empty() {
            index.remove(from);
        }
    }
}

fn of<'a>(index: &'a Index, id: &Id) -> impl Iterator<Item = &'a Id> + Clone {
    index.get(id).into_iter().flatten()
}

/// The rows plan health reads (the kinds no rule reads are not kept), and their relations.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    plan: Plan,
    aims: HashMap<Id, Aim>,
    sections: HashMap<Id, Section>,
    priorities: HashMap<Id, Priority>,
    outcomes: HashMap<Id, Outcome>,
    measures: HashMap<Id, Measure>,
    readings: HashMap<Id, Reading>,
    actions: HashMap<Id, Action>,
    pub(super) glossary: HashMap<Id, GlossaryTerm>,
    priority_outcomes: HashMap<Id, PriorityOutcome>,
    action_priorities: HashMap<Id, ActionPriority>,
    action_outcomes: HashMap<Id, ActionOutcome>,
    outcomes_of_priority: Index,
    priorities_of_outcome: Index,
    priorities_of_action: Index,
    outcomes_of_action: Index,
    actions_of_outcome: Index,
    measures_of_outcome: Index,
    readings_of_measure: Index,
}

/// What a patch of the facts may have changed the findings of.
#[derive(Debug, Default)]
pub(crate) struct Affected {
    /// Items whose every finding is to be worked out again.
    pub items: BTreeSet<RowRef>,
    /// Glossary terms to look for again in every text.
    pub terms: BTreeSet<Id>,
}

impl Affected {
    fn item(&mut self, kind: Kind, id: &Id) {
        self.items.insert(RowRef {
            kind,
            id: id.clone(),
        });
    }

    fn items<'a>(&mut self, kind: Kind, ids: impl Iterator<Item = &'a Id>) {
        for id in ids {
            self.item(kind, id);
        }
    }
}

impl Facts {
    pub fn of(c: &Content) -> Facts {
        let mut f = Facts::default();
        let mut ignored = Affected::default();
        let mut put_all = |rows: Vec<ChangedRow>| {
            for row in rows {
                f.put(row, &mut ignored);
            }
        };
        macro_rules! put_lists {
            ($($list:ident),*) => {
                $( put_all(c.$list.iter().cloned().map(ChangedRow::from).collect()); )*
            };
        }
        put_lists!(
            aims,
            sections,
            priorities,
            outcomes,
            measures,
            readings,
            actions,
            glossary,
            priority_outcomes,
            action_priorities,
            action_outcomes
        );
        f.plan = c.plan.clone();
        f
    }

    /// Stores a row as an edit left it, noting what it may have changed the findings of
    /// (before and after: a measure moved to another outcome affects both).
    pub fn put(&mut self, row: ChangedRow, affected: &mut Affected) {
        self.forget(row.kind(), row.id(), affected);
        match row {
            ChangedRow::Plan(p) => {
                affected.item(Kind::Plan, &p.id);
                self.plan = p;
            }
            ChangedRow::Aim(a) => {
                affected.item(Kind::Aim, &a.id);
                self.aims.insert(a.id.clone(), a);
            }
            ChangedRow::Section(s) => {
                affected.item(Kind::Section, &s.id);
                self.sections.insert(s.id.clone(), s);
            }
            ChangedRow::Priority(p) => {
                self.priority_named(&p.id, affected);
                self.priorities.insert(p.id.clone(), p);
            }
            ChangedRow::Outcome(o) => {
                self.outcome_named(&o.id, affected);
                self.outcomes.insert(o.id.clone(), o);
            }
            ChangedRow::Measure(m) => {
                affected.item(Kind::Measure, &m.id);
                affected.item(Kind::Outcome, &m.outcome_id);
                join(&mut self.measures_of_outcome, &m.outcome_id, &m.id);
                self.measures.insert(m.id.clone(), m);
            }
            ChangedRow::Reading(r) => {
                self.measure_figures(&r.measure_id, affected);
                join(&mut self.readings_of_measure, &r.measure_id, &r.id);
                self.readings.insert(r.id.clone(), r);
            }
            ChangedRow::Action(a) => {
                affected.item(Kind::Action, &a.id);
                self.actions.insert(a.id.clone(), a);
            }
            ChangedRow::GlossaryTerm(t) => {
                affected.terms.insert(t.id.clone());
                self.glossary.insert(t.id.clone(), t);
            }
            ChangedRow::PriorityOutcome(l) => {
                self.owners_changed(&l.priority_id, &l.outcome_id, affected);
                join(
                    &mut self.outcomes_of_priority,
                    &l.priority_id,
                    &l.outcome_id,
                );
                join(
                    &mut self.priorities_of_outcome,
                    &l.outcome_id,
                    &l.priority_id,
                );
                self.priority_outcomes.insert(l.id.clone(), l);
            }
            ChangedRow::ActionPriority(l) => {
                affected.item(Kind::Action, &l.action_id);
                join(&mut self.priorities_of_action, &l.action_id, &l.priority_id);
                self.action_priorities.insert(l.id.clone(), l);
            }
            ChangedRow::ActionOutcome(l) => {
                affected.item(Kind::Action, &l.action_id);
                affected.item(Kind::Outcome, &l.outcome_id);
                join(&mut self.outcomes_of_action, &l.action_id, &l.outcome_id);
                join(&mut self.actions_of_outcome, &l.outcome_id, &l.action_id);
                self.action_outcomes.insert(l.id.clone(), l);
            }
            // No rule reads these.
            ChangedRow::Partner(_)
            | ChangedRow::Milestone(_)
            | ChangedRow::Engagement(_)
            | ChangedRow::PriorityAim(_)
            | ChangedRow::ActionPartner(_) => {}
        }
    }

    /// Forgets a deleted row, noting what it may have changed the findings of.
    pub fn remove(&mut self, row: &RowRef, affected: &mut Affected) {
        self.forget(row.kind, &row.id, affected);
    }

    /// Takes a row out of the facts and its relations (before it is stored again or gone).
    fn forget(&mut self, kind: Kind, id: &Id, affected: &mut Affected) {
        match kind {
            Kind::Aim => drop(self.aims.remove(id)),
            Kind::Section => drop(self.sections.remove(id)),
            Kind::Priority => drop(self.priorities.remove(id)),
            Kind::Outcome => drop(self.outcomes.remove(id)),
            Kind::Action => drop(self.actions.remove(id)),
            Kind::Measure => {
                if let Some(m) = self.measures.remove(id) {
                    affected.item(Kind::Outcome, &m.outcome_id);
                    part(&mut self.measures_of_outcome, &m.outcome_id, id);
                }
            }
            Kind::Reading => {
                if let Some(r) = self.readings.remove(id) {
                    self.measure_figures(&r.measure_id, affected);
                    part(&mut self.readings_of_measure, &r.measure_id, id);
                }
            }
            Kind::GlossaryTerm => {
                self.glossary.remove(id);
                affected.terms.insert(id.clone());
            }
            Kind::PriorityOutcome => {
                if let Some(l) = self.priority_outcomes.remove(id) {
                    self.owners_changed(&l.priority_id, &l.outcome_id, affected);
                    part(
                        &mut self.outcomes_of_priority,
                        &l.priority_id,
                        &l.outcome_id,
                    );
                    part(
                        &mut self.priorities_of_outcome,
                        &l.outcome_id,
                        &l.priority_id,
                    );
                }
            }
            Kind::ActionPriority => {
                if let Some(l) = self.action_priorities.remove(id) {
                    affected.item(Kind::Action, &l.action_id);
                    part(&mut self.priorities_of_action, &l.action_id, &l.priority_id);
                }
            }
            Kind::ActionOutcome => {
                if let Some(l) = self.action_outcomes.remove(id) {
                    affected.item(Kind::Action, &l.action_id);
                    affected.item(Kind::Outcome, &l.outcome_id);
                    part(&mut self.outcomes_of_action, &l.action_id, &l.outcome_id);
                    part(&mut self.actions_of_outcome, &l.outcome_id, &l.action_id);
                }
            }
            Kind::Plan
            | Kind::Partner
            | Kind::Milestone
            | Kind::Engagement
            | Kind::PriorityAim
            | Kind::ActionPartner => {}
        }
        affected.item(kind, id);
    }

    /// A priority's name is in the crossing findings of actions linked to its outcomes.
    fn priority_named(&self, id: &Id, affected: &mut Affected) {
        affected.item(Kind::Priority, id);
        for outcome in of(&self.outcomes_of_priority, id) {
            affected.items(Kind::Action, of(&self.actions_of_outcome, outcome));
        }
    }

    /// An outcome's name is in its measures' findings and its actions' crossing findings.
    fn outcome_named(&self, id: &Id, affected: &mut Affected) {
        affected.item(Kind::Outcome, id);
        affected.items(Kind::Measure, of(&self.measures_of_outcome, id));
        affected.items(Kind::Action, of(&self.actions_of_outcome, id));
    }

    /// A reading decides whether its measure is empty, which decides its outcome's findings.
    fn measure_figures(&self, measure: &Id, affected: &mut Affected) {
        affected.item(Kind::Measure, measure);
        if let Some(m) = self.measures.get(measure) {
            affected.item(Kind::Outcome, &m.outcome_id);
        }
    }

    /// Which priorities an outcome belongs to decides whether its actions' links cross.
    fn owners_changed(&self, priority: &Id, outcome: &Id, affected: &mut Affected) {
        affected.item(Kind::Priority, priority);
        affected.items(Kind::Action, of(&self.actions_of_outcome, outcome));
    }

    // The rules, one item each.

    /// Every finding about one item, as of `today`.
    pub fn findings_of(&self, item: &RowRef, today: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        let id = &item.id;
        match item.kind {
            Kind::Priority => out.extend(self.priority(id)),
            Kind::Measure => out.extend(self.measure(id)),
            Kind::Outcome => out.extend(self.outcome(id)),
            Kind::Action => {
                out.extend(self.action(id, today));
                for outcome in of(&self.outcomes_of_action, id) {
                    out.extend(self.crossing(id, outcome));
                }
            }
            _ => {}
        }
        out.extend(self.jargon(item.kind, id, self.glossary.values()));
        out
    }

    pub fn priority(&self, id: &Id) -> Option<Finding> {
        let p = self.priorities.get(id)?;
        (!self.outcomes_of_priority.contains_key(id)).then(|| {
            Finding::new(
                FindingKind::PriorityWithoutOutcomes,
                Kind::Priority,
                id,
                format!(
                    "Priority {} has no expected outcomes.",
                    name(&p.code, &p.title)
                ),
            )
        })
    }

    /// An untitled measure with no figures does not count as its outcome's measure.
    fn is_empty(&self, m: &Measure) -> bool {
        m.title.trim().is_empty()
            && m.baseline_value.is_none()
            && m.target_value.is_none()
            && !self.readings_of_measure.contains_key(&m.id)
    }

    fn outcome_name(&self, id: &Id) -> String {
        self.outcomes
            .get(id)
            .map_or_else(String::new, |o| name(&o.code, &o.statement))
    }

    pub fn measure(&self, id: &Id) -> Option<Finding> {
        let m = self.measures.get(id)?;
        self.is_empty(m).then(|| {
            Finding::new(
                FindingKind::EmptyMeasure,
                Kind::Measure,
                id,
                format!(
                    "A measure of outcome {} has no title and no figures yet.",
                    self.outcome_name(&m.outcome_id)
                ),
            )
        })
    }

    pub fn outcome(&self, id: &Id) -> Vec<Finding> {
        let Some(o) = self.outcomes.get(id) else {
            return Vec::new();
        };
        let who = name(&o.code, &o.statement);
        let mut out = Vec::new();
        if !self.actions_of_outcome.contains_key(id) {
            out.push(Finding::new(
                FindingKind::OutcomeWithoutActions,
                Kind::Outcome,
                id,
                format!("Outcome {who} has no actions."),
            ));
        }
        let measured = of(&self.measures_of_outcome, id)
            .filter_map(|m| self.measures.get(m))
            .any(|m| !self.is_empty(m));
        if !measured {
            out.push(Finding::new(
                FindingKind::OutcomeWithoutMeasures,
                Kind::Outcome,
                id,
                format!("Outcome {who} has no measure."),
            ));
        }
        out
    }

    /// The action's own findings (its crossings are [`Facts::crossing`]).
    pub fn action(&self, id: &Id, today: NaiveDate) -> Vec<Finding> {
        let Some(a) = self.actions.get(id) else {
            return Vec::new();
        };
        let who = name(&a.code, &a.title);
        let mut out = Vec::new();
        let mut add = |kind, message| out.push(Finding::new(kind, Kind::Action, id, message));
        if a.code.trim().is_empty() {
            add(
                FindingKind::ActionWithoutCode,
                format!("Action {who} has no code (such as A11)."),
            );
        }
        // The thread's rule: an action serves something when it is linked to a priority or
        // an outcome.
        let serves =
            self.priorities_of_action.contains_key(id) || self.outcomes_of_action.contains_key(id);
        if !serves {
            add(
                FindingKind::ActionServesNothing,
                format!(
                    "Action {who} serves no priority or outcome: link it to what it will lead to."
                ),
            );
        }
        if a.lead_partner_id.is_none() {
            add(
                FindingKind::ActionWithoutLead,
                format!("Action {who} has no lead partner."),
            );
        }
        match a.due_date {
            None if a.status.is_open() => add(
                FindingKind::ActionWithoutDueDate,
                format!("Action {who} has no due date."),
            ),
            Some(due) if due < today && a.status.is_open() => add(
                FindingKind::ActionOverdue,
                format!(
                    "Action {who} is overdue: it was due on {} and is “{}”.",
                    crate::typing::date_in_words(due),
                    a.status.label()
                ),
            ),
            _ => {}
        }
        out
    }

    /// The finding about an action's link to an outcome, if the link crosses (see `thread`).
    pub fn crossing(&self, action: &Id, outcome: &Id) -> Option<Finding> {
        let direct = self.priorities_of_action.get(action);
        // In id order, which is the order of the priority–outcome links.
        let owners = of(&self.priorities_of_outcome, outcome);
        if !crate::thread::crosses(
            |p| direct.is_some_and(|d| d.contains(p)),
            direct.is_some(),
            owners.clone(),
        ) {
            return None;
        }
        let who = self
            .actions
            .get(action)
            .map_or_else(String::new, |a| name(&a.code, &a.title));
        let owners: Vec<String> = owners
            .map(|p| {
                self.priorities
                    .get(p)
                    .map_or_else(String::new, |p| name(&p.code, &p.title))
            })
            .collect();
        let mut finding = Finding::new(
            FindingKind::LinkCrossesPriorities,
            Kind::Action,
            action,
            format!(
                "Action {who} is linked to outcome {}, which priority {} expects, but not to that priority: link the priority too, or unlink the outcome.",
                self.outcome_name(outcome),
                owners.join(" and ")
            ),
        );
        finding.key.push('/');
        finding.key.push_str(outcome.as_str());
        Some(finding)
    }

    /// Every piece of an item's text that is published, with where it is, in order.
    fn texts(&self, kind: Kind, id: &Id) -> Vec<(String, &str)> {
        fn each<'a>(place: String, fields: &[&'a str]) -> Vec<(String, &'a str)> {
            fields.iter().map(|f| (place.clone(), *f)).collect()
        }
        let found = match kind {
            Kind::Plan if &self.plan.id == id => {
                let p = &self.plan;
                Some(vec![
                    ("The plan's title".to_owned(), p.title.as_str()),
                    ("The plan's subtitle".to_owned(), p.subtitle.as_str()),
                    ("The plan's vision".to_owned(), p.vision.as_str()),
                ])
            }
            Kind::Section => self
                .sections
                .get(id)
                .map(|s| each(format!("The section “{}”", s.title), &[&s.title, &s.body])),
            Kind::Aim => self.aims.get(id).map(|a| {
                each(
                    format!("The aim “{}”", a.title),
                    &[&a.title, &a.description],
                )
            }),
            Kind::Priority => self
                .priorities
                .get(id)
                .map(|p| each(format!("Priority {}", p.code), &[&p.title, &p.summary])),
            Kind::Outcome => self
                .outcomes
                .get(id)
                .map(|o| each(format!("Outcome {}", o.code), &[&o.statement])),
            Kind::Action => self
                .actions
                .get(id)
                .map(|a| each(format!("Action {}", a.code), &[&a.title, &a.description])),
            _ => None,
        };
        found.unwrap_or_default()
    }

    /// One finding per glossary term of `terms` in the item's texts, even when the term is in
    /// several of them (the first names the place), by the rules of `core::jargon`: whole
    /// words, case-aware, not in quotations, and a term inside a name only suggested. A plain
    /// use outweighs one inside a name: then the term really is the item's jargon.
    pub fn jargon<'t>(
        &self,
        kind: Kind,
        id: &Id,
        terms: impl Iterator<Item = &'t GlossaryTerm> + Clone,
    ) -> Vec<Finding> {
        // Per term, in the order first found: the finding, and whether it is inside a name.
        // Each term is looked for on its own (`uses_of`), so a finding never depends on
        // another term, and one term can be asked about again alone.
        let mut found: Vec<(&Id, Finding, bool)> = Vec::new();
        for (place, text) in self.texts(kind, id) {
            for u in terms.clone().flat_map(|t| jargon::uses_of(text, t)) {
                let (term, plain) = (&u.term.term, &u.term.plain_words);
                let message = if u.in_name {
                    format!(
                        "{place} uses “{term}” in what looks like a name (“{}”): keep it if it is the name of an organisation or a title; otherwise say “{plain}”.",
                        name_around(text, u.start, u.end)
                    )
                } else {
                    format!("{place} uses “{term}”; the partnership says “{plain}” instead.")
                };
                let term_id = &u.term.id;
                match found.iter_mut().find(|(t, ..)| *t == term_id) {
                    Some((_, finding, in_name)) if *in_name && !u.in_name => {
                        finding.message = message;
                        *in_name = false;
                    }
                    Some(_) => {}
                    None => {
                        let mut finding = Finding::new(FindingKind::Jargon, kind, id, message);
                        finding.key.push('/');
                        finding.key.push_str(term_id.as_str());
                        found.push((term_id, finding, u.in_name));
                    }
                }
            }
        }
        found.into_iter().map(|(_, f, _)| f).collect()
    }

    /// Every item that has texts to look for jargon in.
    pub fn texts_items(&self) -> impl Iterator<Item = RowRef> + '_ {
        std::iter::once(RowRef {
            kind: Kind::Plan,
            id: self.plan.id.clone(),
        })
        .chain(refs(Kind::Section, self.sections.keys()))
        .chain(refs(Kind::Aim, self.aims.keys()))
        .chain(refs(Kind::Priority, self.priorities.keys()))
        .chain(refs(Kind::Outcome, self.outcomes.keys()))
        .chain(refs(Kind::Action, self.actions.keys()))
    }

    /// Every item any rule is about, for a full check from the facts.
    pub fn all_items(&self) -> impl Iterator<Item = RowRef> + '_ {
        self.texts_items()
            .chain(refs(Kind::Measure, self.measures.keys()))
    }
}

fn refs<'a>(
    kind: Kind,
    ids: impl Iterator<Item = &'a Id> + 'a,
) -> impl Iterator<Item = RowRef> + 'a {
    ids.map(move |id| RowRef {
        kind,
        id: id.clone(),
    })
}

/// The run of capitalised words around a use that looks like part of a name.
fn name_around(text: &str, start: usize, end: usize) -> String {
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let before: Vec<&str> = text[..start]
        .split_whitespace()
        .rev()
        .take_while(capitalised)
        .collect();
    let after: Vec<&str> = text[end..]
        .split_whitespace()
        .take_while(capitalised)
        .collect();
    let mut words: Vec<&str> = before.into_iter().rev().collect();
    words.push(&text[start..end]);
    words.extend(after);
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}
