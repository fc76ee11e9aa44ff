//! The kept golden thread (`live::Live`, `Thread::apply`): many random link edits, deletes
//! that cascade, moves of outcomes, undos and redos, on the example and on a generated
//! workbook (fixed seeds, so a failure is reproduced by running the test again), each made
//! through `Live::edit`, and after each one
//! - the kept thread equals `Thread::of` the file's content;
//! - the window's copy, patched from the edit's `ThreadChange` as the UI patches it, equals
//!   it too;
//! - the change names exactly the actions whose serving or crossings differ, and no other.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use common::{Rng, temp_dir};
use planbook_core::live::Live;
use planbook_core::model::*;
use planbook_core::thread::{Crossing, ServingLink, Thread, ThreadChange, ThreadView};
use planbook_core::{Content, Start, Workbook};
use serde_json::json;

/// One action's entries in a thread: how it serves each priority, and its crossing links.
type Entries = (Vec<ServingLink>, Vec<Crossing>);

fn by_action(view: &ThreadView) -> BTreeMap<Id, Entries> {
    let mut out: BTreeMap<Id, Entries> = BTreeMap::new();
    for l in &view.serving {
        out.entry(l.action_id.clone())
            .or_default()
            .0
            .push(l.clone());
    }
    for x in &view.crossings {
        out.entry(x.action.clone()).or_default().1.push(x.clone());
    }
    for (serving, _) in out.values_mut() {
        serving.sort_by(|a, b| a.priority_id.cmp(&b.priority_id));
    }
    out
}

/// What the window does with a change (ui/src/lib/thread.ts, `patchThread`): the named
/// actions' entries replaced by those sent, or everything when the thread is sent whole.
fn patched(held: &BTreeMap<Id, Entries>, change: &ThreadChange) -> BTreeMap<Id, Entries> {
    let sent = by_action(&ThreadView {
        serving: change.serving.clone(),
        crossings: change.crossings.clone(),
    });
    if change.whole {
        return sent;
    }
    let mut out = held.clone();
    for a in &change.actions {
        out.remove(a);
    }
    out.extend(sent);
    out
}

/// One random edit of what the thread reads, undo or redo (which may be refused, or do
/// nothing, as a planner's may).
fn one_edit(rng: &mut Rng, w: &mut Workbook, c: &Content) -> planbook_core::Result<()> {
    let ids = |rows: Vec<&Id>| rows.into_iter().cloned().collect::<Vec<Id>>();
    let actions = ids(c.actions.iter().map(|r| &r.id).collect());
    let priorities = ids(c.priorities.iter().map(|r| &r.id).collect());
    let outcomes = ids(c.outcomes.iter().map(|r| &r.id).collect());
    match rng.below(12) {
        0..=4 => {
            let (kind, a, b) = match rng.below(3) {
                0 => (Kind::ActionPriority, &actions, &priorities),
                1 => (Kind::ActionOutcome, &actions, &outcomes),
                _ => (Kind::PriorityOutcome, &priorities, &outcomes),
            };
            let (Some(a), Some(b)) = (rng.pick_owned(a), rng.pick_owned(b)) else {
                return Ok(());
            };
            if rng.chance(60) {
                w.link(kind, &a, &b).map(drop)
            } else {
                w.unlink(kind, &a, &b)
            }
        }
        5 => {
            // A delete that takes links with it (or a link alone).
            let (kind, pool) = match rng.below(4) {
                0 => (Kind::Action, actions),
                1 => (Kind::Priority, priorities),
                2 => (Kind::Outcome, outcomes),
                _ => (
                    Kind::ActionOutcome,
                    ids(c.action_outcomes.iter().map(|r| &r.id).collect()),
                ),
            };
            match rng.pick_owned(&pool) {
                Some(id) => w.delete(kind, &id),
                None => Ok(()),
            }
        }
        6 | 7 => match rng.pick_owned(&outcomes) {
            // Moving an outcome reorders the "through" lists of the actions linked to it.
            Some(o) => w.move_to(Kind::Outcome, &o, rng.below(outcomes.len() + 1)),
            None => Ok(()),
        },
        8 => {
            let (kind, fields) = match rng.below(3) {
                0 => (Kind::Outcome, json!({ "statement": "A new outcome" })),
                1 => (Kind::Action, json!({ "title": "A new action" })),
                _ => (Kind::Priority, json!({ "title": "A new priority" })),
            };
            w.add_fields(kind, fields.as_object().unwrap().clone())
                .map(drop)
        }
        9 | 10 => w.undo().map(drop),
        _ => w.redo().map(drop),
    }
}

fn run(mut w: Workbook, seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let mut live = Live::new();
    let today = "2026-12-01".parse::<NaiveDate>().unwrap();
    let mut held = by_action(&live.derived(&w).unwrap().thread);
    let mut content = w.content().unwrap();
    let mut changed_some = 0;
    for step in 0..steps {
        let done = live.edit(&mut w, today, |w| one_edit(&mut rng, w, &content));
        let after = w.content().unwrap();
        let full = Thread::of(&after).view();
        let want = by_action(&full);
        assert_eq!(
            live.kept_thread().as_ref(),
            Some(&full),
            "step {step}: the kept thread is the file's"
        );
        match done {
            Ok(((), changes)) => match &changes.thread {
                Some(change) => {
                    assert!(!change.whole, "step {step}: kept, so never sent whole");
                    let differ: BTreeSet<&Id> = held
                        .keys()
                        .chain(want.keys())
                        .filter(|a| held.get(*a) != want.get(*a))
                        .collect();
                    let named: BTreeSet<&Id> = change.actions.iter().collect();
                    assert_eq!(
                        named, differ,
                        "step {step}: the actions named are those changed"
                    );
                    held = patched(&held, change);
                    changed_some += 1;
                }
                None => assert_eq!(held, want, "step {step}: no change, the thread is as held"),
            },
            Err(_) => assert_eq!(
                after, content,
                "step {step}: a refused edit changes nothing"
            ),
        }
        assert_eq!(
            held, want,
            "step {step}: the window's copy, patched, is the file's"
        );
        content = after;
    }
    assert!(
        changed_some > steps / 4,
        "the edits changed the thread ({changed_some} times)"
    );
}

#[test]
fn random_link_edits_to_the_example_keep_the_thread_true() {
    let dir = temp_dir();
    let (_, w) = common::example_at(dir.path(), "example.sqlite");
    run(w, 0x7d1e_0001, 300);
}

#[test]
fn random_link_edits_to_a_generated_workbook_keep_the_thread_true() {
    let dir = temp_dir();
    let content = planbook_core::generate::content(60, 3).unwrap();
    let w = Workbook::create(
        &dir.path().join("generated.sqlite"),
        Start::Content(Box::new(content)),
    )
    .unwrap();
    run(w, 0x7d1e_0002, 300);
}

/// A thread not read yet, or changed behind the kept one's back, is read again and sent whole
/// by the next edit that touches it.
#[test]
fn a_thread_changed_behind_its_back_is_sent_whole() {
    let dir = temp_dir();
    let (_, mut w) = common::example_at(dir.path(), "example.sqlite");
    let mut live = Live::new();
    let today = "2026-12-01".parse::<NaiveDate>().unwrap();
    live.derived(&w).unwrap();
    let c = w.content().unwrap();
    let (a, o) = (&c.actions[0].id, &c.outcomes[0].id);
    // Not through `Live::edit`, as a merge or a restore writes.
    w.unlink(Kind::ActionOutcome, a, o).unwrap();
    w.link(Kind::ActionOutcome, a, o).unwrap();
    w.unlink(Kind::ActionPriority, a, &c.priorities[0].id)
        .unwrap();
    let ((), changes) = live
        .edit(&mut w, today, |w| {
            w.link(Kind::ActionPriority, a, &c.priorities[0].id)
                .map(drop)
        })
        .unwrap();
    let change = changes.thread.expect("the thread changed");
    assert!(change.whole);
    let full = Thread::of(&w.content().unwrap()).view();
    assert_eq!(
        (&change.serving, &change.crossings),
        (&full.serving, &full.crossings)
    );
    assert_eq!(live.kept_thread(), Some(full));
}
