//! The plan-health findings about the golden thread and about half-made items.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use crate::model::{Action, ActionStatus, Measure};

fn example() -> Content {
    crate::example::content("our-dorset").unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn of_kind(c: &Content, kind: FindingKind) -> Vec<String> {
    plan_health(c, today())
        .into_iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.message)
        .collect()
}

#[test]
fn an_untitled_measure_with_no_figures_is_not_the_outcome_s_measure() {
    let mut c = example();
    let o4 = c
        .outcomes
        .iter()
        .find(|o| o.code == "O4")
        .unwrap()
        .id
        .clone();
    assert_eq!(
        of_kind(&c, FindingKind::OutcomeWithoutMeasures)
            .iter()
            .filter(|m| m.contains("O4"))
            .count(),
        1
    );
    // What "Add a measure" makes: still nothing to measure by.
    c.measures.push(Measure {
        id: Id::from_key("new measure"),
        outcome_id: o4.clone(),
        ..Default::default()
    });
    assert_eq!(
        of_kind(&c, FindingKind::OutcomeWithoutMeasures)
            .iter()
            .filter(|m| m.contains("O4"))
            .count(),
        1
    );
    assert_eq!(
        of_kind(&c, FindingKind::EmptyMeasure),
        vec![
            "A measure of outcome O4 “Improvements in the quality and equality of care” has no title and no figures yet."
        ]
    );
    // Once it has a title it counts.
    c.measures.last_mut().unwrap().title = "Patients rating their care good".into();
    assert!(
        of_kind(&c, FindingKind::OutcomeWithoutMeasures)
            .iter()
            .all(|m| !m.contains("O4"))
    );
    assert!(of_kind(&c, FindingKind::EmptyMeasure).is_empty());
}

#[test]
fn actions_that_serve_nothing_or_have_no_code_are_named() {
    let mut c = example();
    c.actions.push(Action {
        id: Id::from_key("stray"),
        title: "Stray action".into(),
        status: ActionStatus::NotStarted,
        ..Default::default()
    });
    assert_eq!(
        of_kind(&c, FindingKind::ActionServesNothing),
        vec![
            "Action “Stray action” serves no priority or outcome: link it to what it will lead to."
        ]
    );
    assert_eq!(
        of_kind(&c, FindingKind::ActionWithoutCode),
        vec!["Action “Stray action” has no code (such as A11)."]
    );
}

#[test]
fn a_link_to_another_priority_s_outcome_is_named_with_both() {
    let c = example();
    let crossings = of_kind(&c, FindingKind::LinkCrossesPriorities);
    assert_eq!(crossings.len(), 1, "{crossings:?}");
    assert!(crossings[0].starts_with("Action A05 "), "{}", crossings[0]);
    assert!(crossings[0].contains("outcome O10 "));
    assert!(crossings[0].contains("priority P6 "));
}
