//! The golden-thread rule on the Our Dorset example, where the issue found its holes, and on
//! small cases made to show each part of the rule.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use crate::model::{ActionOutcome, ActionPriority};

fn example() -> Content {
    crate::example::content("our-dorset").unwrap()
}

fn id_of_action(c: &Content, code: &str) -> Id {
    c.actions
        .iter()
        .find(|a| a.code == code)
        .unwrap()
        .id
        .clone()
}

fn id_of_priority(c: &Content, code: &str) -> Id {
    c.priorities
        .iter()
        .find(|p| p.code == code)
        .unwrap()
        .id
        .clone()
}

fn id_of_outcome(c: &Content, code: &str) -> Id {
    c.outcomes
        .iter()
        .find(|o| o.code == code)
        .unwrap()
        .id
        .clone()
}

fn action_codes(c: &Content, t: &Thread, priority: &str) -> Vec<String> {
    let mut codes: Vec<String> = t
        .actions_of(&id_of_priority(c, priority))
        .map(|(a, _)| c.actions.iter().find(|x| &x.id == a).unwrap().code.clone())
        .collect();
    codes.sort();
    codes
}

#[test]
fn a_priority_counts_the_actions_serving_it_through_its_outcomes() {
    let c = example();
    let t = Thread::of(&c);
    let p6 = id_of_priority(&c, "P6");
    let a05 = id_of_action(&c, "A05");
    let o10 = id_of_outcome(&c, "O10");
    // A05 serves O10, one of P6's outcomes, without being linked to P6 itself.
    assert!(
        c.priority_outcomes
            .iter()
            .any(|l| l.priority_id == p6 && l.outcome_id == o10)
    );
    assert!(
        !c.action_priorities
            .iter()
            .any(|l| l.priority_id == p6 && l.action_id == a05)
    );
    let codes = action_codes(&c, &t, "P6");
    assert!(codes.contains(&"A05".to_owned()), "{codes:?}");
    let (_, serving) = t.actions_of(&p6).find(|(a, _)| **a == a05).unwrap();
    assert!(!serving.directly);
    assert_eq!(serving.through, vec![o10.clone()]);
    // Read the other way: A05 serves P6, through O10.
    let (_, back) = t.priorities_of(&a05).find(|(p, _)| **p == p6).unwrap();
    assert_eq!(back, serving);
}

#[test]
fn every_link_of_the_example_is_read_both_ways() {
    let c = example();
    let t = Thread::of(&c);
    for l in &c.action_priorities {
        assert!(
            t.priorities_of(&l.action_id)
                .any(|(p, s)| *p == l.priority_id && s.directly)
        );
        assert!(
            t.actions_of(&l.priority_id)
                .any(|(a, s)| *a == l.action_id && s.directly)
        );
    }
    for l in &c.action_outcomes {
        assert!(t.outcomes_of(&l.action_id).any(|o| *o == l.outcome_id));
        assert!(t.is_served(&l.outcome_id));
        for owner in c
            .priority_outcomes
            .iter()
            .filter(|po| po.outcome_id == l.outcome_id)
        {
            assert!(
                t.actions_of(&owner.priority_id)
                    .any(|(a, s)| *a == l.action_id && s.through.contains(&l.outcome_id))
            );
        }
    }
}

#[test]
fn an_action_linked_to_nothing_serves_nothing() {
    let mut c = example();
    let a01 = id_of_action(&c, "A01");
    c.action_priorities.retain(|l| l.action_id != a01);
    c.action_outcomes.retain(|l| l.action_id != a01);
    let t = Thread::of(&c);
    assert!(!t.serves_anything(&a01));
    assert_eq!(t.priorities_of(&a01).count(), 0);
    let a02 = id_of_action(&c, "A02");
    assert!(t.serves_anything(&a02));
}

#[test]
fn a_link_to_another_priority_s_outcome_without_that_priority_crosses() {
    let mut c = example();
    let a01 = id_of_action(&c, "A01");
    let p6 = id_of_priority(&c, "P6");
    let o10 = id_of_outcome(&c, "O10");
    assert!(
        !c.action_priorities
            .iter()
            .any(|l| l.action_id == a01 && l.priority_id == p6),
        "A01 is not P6's"
    );
    let before = Thread::of(&c).crossings().count();
    c.action_outcomes.push(ActionOutcome {
        action_id: a01.clone(),
        outcome_id: o10.clone(),
        ..Default::default()
    });
    let t = Thread::of(&c);
    assert_eq!(t.crossings().count(), before + 1);
    let crossing = t.crossings().find(|x| x.action == a01).unwrap();
    assert_eq!(crossing.outcome, o10);
    assert!(crossing.priorities.contains(&p6));
    // Linking the priority too mends it.
    c.action_priorities.push(ActionPriority {
        action_id: a01.clone(),
        priority_id: p6,
        ..Default::default()
    });
    assert_eq!(Thread::of(&c).crossings().count(), before);
}

#[test]
fn an_outcome_no_action_is_linked_to_is_not_served() {
    let mut c = example();
    let o10 = id_of_outcome(&c, "O10");
    assert!(Thread::of(&c).is_served(&o10));
    c.action_outcomes.retain(|l| l.outcome_id != o10);
    assert!(!Thread::of(&c).is_served(&o10));
}
