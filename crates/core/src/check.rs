//! Plan health: what a planner should fix before the plan goes out. The CLI's `check` and the
//! desktop app's health panel show the same findings.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::content::Content;
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
    // One finding per item and term, even when the term is in several of its fields.
    let mut reported = HashSet::new();
    for (entity, id, place, text) in texts(c) {
        for term in &c.glossary {
            if !term.term.trim().is_empty()
                && contains_phrase(text, &term.term)
                && reported.insert((id, &term.id))
            {
                add(
                    FindingKind::Jargon,
                    entity,
                    id,
                    format!(
                        "{place} uses “{}”; the partnership says “{}” instead.",
                        term.term, term.plain_words
                    ),
                );
            }
        }
    }
    out
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

/// Whether `text` contains `phrase` as whole words, ignoring case.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let text = text.to_lowercase();
    let phrase = phrase.trim().to_lowercase();
    let mut from = 0;
    while let Some(at) = text[from..].find(&phrase) {
        let start = from + at;
        let end = start + phrase.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// A glossary term found in a piece of text, for marking it where the planner is typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JargonSpan {
    /// Where the term is, in UTF-16 code units (JavaScript string indices), end exclusive.
    pub start: usize,
    pub end: usize,
    /// The glossary's term, as the glossary spells it.
    pub term: String,
    /// The words the partnership uses instead.
    pub plain_words: String,
}

/// Every glossary term in `text`, as whole words and ignoring case (the rule plan health
/// uses), in order. Where two terms overlap ("care" inside "integrated care system") the
/// earlier, then the longer, is kept, so spans never overlap.
pub fn jargon_spans(text: &str, glossary: &[crate::model::GlossaryTerm]) -> Vec<JargonSpan> {
    let mut found: Vec<(usize, usize, &crate::model::GlossaryTerm)> = Vec::new();
    for term in glossary {
        let phrase = term.term.trim();
        if phrase.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some((start, end)) = crate::search::find_ignoring_case(text, phrase, from) {
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                found.push((start, end, term));
            }
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    let mut spans = Vec::new();
    let mut covered_to = 0;
    for (start, end, term) in found {
        if start < covered_to {
            continue;
        }
        covered_to = end;
        spans.push(JargonSpan {
            start: utf16(start),
            end: utf16(end),
            term: term.term.clone(),
            plain_words: term.plain_words.clone(),
        });
    }
    spans
}

#[cfg(test)]
mod jargon_tests {
    use super::*;
    use crate::model::GlossaryTerm;

    fn term(term: &str, plain: &str) -> GlossaryTerm {
        GlossaryTerm {
            id: Id::from_key(term),
            term: term.into(),
            plain_words: plain.into(),
            ..GlossaryTerm::default()
        }
    }

    #[test]
    fn spans_are_whole_words_in_utf16_units_without_overlaps() {
        let glossary = [
            term("integrated care system", "working together locally"),
            term("care", "support"),
            term("ICS", "our partnership"),
            term("", "nothing"),
        ];
        // "🙂" is two UTF-16 code units; "physics" holds "ics" but not as a word.
        let text = "🙂 Our Integrated Care System (ICS) and physics; care.";
        let spans = jargon_spans(text, &glossary);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let pieces: Vec<String> = spans
            .iter()
            .map(|s| String::from_utf16_lossy(&utf16[s.start..s.end]))
            .collect();
        assert_eq!(pieces, ["Integrated Care System", "ICS", "care"]);
        assert_eq!(spans[0].start, 7);
        assert_eq!(spans[0].term, "integrated care system");
        assert_eq!(spans[0].plain_words, "working together locally");
        assert_eq!(spans[2].plain_words, "support");
    }

    #[test]
    fn no_glossary_or_no_terms_means_no_spans() {
        assert!(jargon_spans("integrated care system", &[]).is_empty());
        assert!(jargon_spans("", &[term("ICS", "x")]).is_empty());
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
