//! Plan health: what a planner should fix before the plan goes out. The CLI's `check` and the
//! desktop app's health panel show the same findings.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::content::Content;
use crate::jargon;
pub use crate::jargon::{JargonSpan, jargon_spans};
use crate::model::{Id, Kind, Measure};
use crate::thread::Thread;

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
    pub kind: FindingKind,
    /// The item to fix.
    pub entity: Kind,
    pub id: Id,
    /// A sentence saying what is wrong, naming the item.
    pub message: String,
}

/// Every finding for a workbook's content, as of `today`.
pub fn plan_health(c: &Content, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |kind, entity, id: &Id, message: String| {
        out.push(Finding {
            kind,
            entity,
            id: id.clone(),
            message,
        })
    };

    let with_outcomes: HashSet<&Id> = c.priority_outcomes.iter().map(|l| &l.priority_id).collect();
    for p in &c.priorities {
        if !with_outcomes.contains(&p.id) {
            add(
                FindingKind::PriorityWithoutOutcomes,
                Kind::Priority,
                &p.id,
                format!(
                    "Priority {} has no expected outcomes.",
                    name(&p.code, &p.title)
                ),
            );
        }
    }
    let thread = Thread::of(c);
    let with_readings: HashSet<&Id> = c.readings.iter().map(|r| &r.measure_id).collect();
    let is_empty = |m: &Measure| {
        m.title.trim().is_empty()
            && m.baseline_value.is_none()
            && m.target_value.is_none()
            && !with_readings.contains(&m.id)
    };
    // An untitled measure with no figures does not count as the outcome's measure.
    let with_measures: HashSet<&Id> = c
        .measures
        .iter()
        .filter(|m| !is_empty(m))
        .map(|m| &m.outcome_id)
        .collect();
    let outcome_name = |id: &Id| {
        c.outcomes
            .iter()
            .find(|o| &o.id == id)
            .map_or_else(String::new, |o| name(&o.code, &o.statement))
    };
    for m in c.measures.iter().filter(|m| is_empty(m)) {
        add(
            FindingKind::EmptyMeasure,
            Kind::Measure,
            &m.id,
            format!(
                "A measure of outcome {} has no title and no figures yet.",
                outcome_name(&m.outcome_id)
            ),
        );
    }
    for o in &c.outcomes {
        if !thread.is_served(&o.id) {
            add(
                FindingKind::OutcomeWithoutActions,
                Kind::Outcome,
                &o.id,
                format!("Outcome {} has no actions.", name(&o.code, &o.statement)),
            );
        }
        if !with_measures.contains(&o.id) {
            add(
                FindingKind::OutcomeWithoutMeasures,
                Kind::Outcome,
                &o.id,
                format!("Outcome {} has no measure.", name(&o.code, &o.statement)),
            );
        }
    }
    let priority_name = |id: &Id| {
        c.priorities
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(String::new, |p| name(&p.code, &p.title))
    };
    for a in &c.actions {
        let who = name(&a.code, &a.title);
        if a.code.trim().is_empty() {
            add(
                FindingKind::ActionWithoutCode,
                Kind::Action,
                &a.id,
                format!("Action {who} has no code (such as A11)."),
            );
        }
        if !thread.serves_anything(&a.id) {
            add(
                FindingKind::ActionServesNothing,
                Kind::Action,
                &a.id,
                format!(
                    "Action {who} serves no priority or outcome: link it to what it will lead to."
                ),
            );
        }
        if a.lead_partner_id.is_none() {
            add(
                FindingKind::ActionWithoutLead,
                Kind::Action,
                &a.id,
                format!("Action {who} has no lead partner."),
            );
        }
        match a.due_date {
            None if a.status.is_open() => add(
                FindingKind::ActionWithoutDueDate,
                Kind::Action,
                &a.id,
                format!("Action {who} has no due date."),
            ),
            Some(due) if due < today && a.status.is_open() => add(
                FindingKind::ActionOverdue,
                Kind::Action,
                &a.id,
                format!(
                    "Action {who} is overdue: it was due on {} and is “{}”.",
                    due.format("%-d %B %Y"),
                    a.status.label()
                ),
            ),
            _ => {}
        }
    }
    for crossing in thread.crossings() {
        let who = c
            .actions
            .iter()
            .find(|a| a.id == crossing.action)
            .map_or_else(String::new, |a| name(&a.code, &a.title));
        let owners: Vec<String> = crossing.priorities.iter().map(priority_name).collect();
        add(
            FindingKind::LinkCrossesPriorities,
            Kind::Action,
            &crossing.action,
            format!(
                "Action {who} is linked to outcome {}, which priority {} expects, but not to that priority: link the priority too, or unlink the outcome.",
                outcome_name(&crossing.outcome),
                owners.join(" and ")
            ),
        );
    }
    // One finding per item and term, even when the term is in several of its fields; by the
    // rules of `jargon` (whole words, case-aware, not in quotations, names only suggested). A
    // plain use outweighs one inside a name: then the term is really the item's jargon.
    // (item, term, message, whether the use is inside a name)
    let mut uses: Vec<((Kind, &Id), &Id, String, bool)> = Vec::new();
    for (entity, id, place, text) in texts(c) {
        for u in jargon::uses(text, &c.glossary) {
            let (term, plain) = (&u.term.term, &u.term.plain_words);
            let message = if u.in_name {
                format!(
                    "{place} uses “{term}” in what looks like a name (“{}”): keep it if it is the name of an organisation or a title; otherwise say “{plain}”.",
                    name_around(text, u.start, u.end)
                )
            } else {
                format!("{place} uses “{term}”; the partnership says “{plain}” instead.")
            };
            match uses
                .iter_mut()
                .find(|(item, t, ..)| *item == (entity, id) && *t == &u.term.id)
            {
                Some(found) if found.3 && !u.in_name => {
                    found.2 = message;
                    found.3 = false;
                }
                Some(_) => {}
                None => uses.push(((entity, id), &u.term.id, message, u.in_name)),
            }
        }
    }
    for ((entity, id), _, message, _) in uses {
        add(FindingKind::Jargon, entity, id, message);
    }
    out
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

fn name(code: &str, title: &str) -> String {
    if code.is_empty() {
        format!("“{title}”")
    } else {
        format!("{code} “{title}”")
    }
}

/// Every piece of text that is published, with the item it belongs to and where it is.
fn texts(c: &Content) -> Vec<(Kind, &Id, String, &str)> {
    type Place<'a> = (Kind, &'a Id, String, &'a str);
    fn push<'a>(t: &mut Vec<Place<'a>>, kind: Kind, id: &'a Id, place: String, fields: &[&'a str]) {
        t.extend(fields.iter().map(|f| (kind, id, place.clone(), *f)));
    }
    let mut t: Vec<Place<'_>> = Vec::new();
    let plan = &c.plan;
    push(
        &mut t,
        Kind::Plan,
        &plan.id,
        "The plan's title".into(),
        &[&plan.title],
    );
    push(
        &mut t,
        Kind::Plan,
        &plan.id,
        "The plan's subtitle".into(),
        &[&plan.subtitle],
    );
    push(
        &mut t,
        Kind::Plan,
        &plan.id,
        "The plan's vision".into(),
        &[&plan.vision],
    );
    for s in &c.sections {
        push(
            &mut t,
            Kind::Section,
            &s.id,
            format!("The section “{}”", s.title),
            &[&s.title, &s.body],
        );
    }
    for a in &c.aims {
        push(
            &mut t,
            Kind::Aim,
            &a.id,
            format!("The aim “{}”", a.title),
            &[&a.title, &a.description],
        );
    }
    for p in &c.priorities {
        push(
            &mut t,
            Kind::Priority,
            &p.id,
            format!("Priority {}", p.code),
            &[&p.title, &p.summary],
        );
    }
    for o in &c.outcomes {
        push(
            &mut t,
            Kind::Outcome,
            &o.id,
            format!("Outcome {}", o.code),
            &[&o.statement],
        );
    }
    for a in &c.actions {
        push(
            &mut t,
            Kind::Action,
            &a.id,
            format!("Action {}", a.code),
            &[&a.title, &a.description],
        );
    }
    t
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
