//! Sending a copy, comparing, and merging a colleague's copy back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::path::Path;

use common::{example_at, temp_dir};
use planbook_core::model::*;
use planbook_core::sync::copy::{CopyOptions, send_copy};
use planbook_core::sync::diff::{RowChange, diff};
use planbook_core::sync::merge::{self, Choice};
use planbook_core::{Access, Workbook};
use serde_json::json;

fn copy_of(wb: &Workbook, to: &Path) -> Workbook {
    send_copy(wb, to, CopyOptions::default()).unwrap();
    Workbook::open(to, Access::Edit).unwrap()
}

#[test]
fn a_copy_without_history_holds_no_deleted_text_and_one_with_history_does() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "mine.sqlite");
    let s = wb
        .add(Section {
            title: "Draft".into(),
            body: "ZEBRA-SECRET-42 budget figures".into(),
            ..Default::default()
        })
        .unwrap();
    wb.delete(Kind::Section, &s.id).unwrap();
    let plain = dir.path().join("to send.sqlite");
    send_copy(&wb, &plain, CopyOptions::default()).unwrap();
    let bytes = std::fs::read(&plain).unwrap();
    assert!(
        !bytes.windows(15).any(|w| w == b"ZEBRA-SECRET-42"),
        "deleted text travelled in the copy"
    );
    let with = dir.path().join("with history.sqlite");
    send_copy(&wb, &with, CopyOptions { with_history: true }).unwrap();
    assert!(
        std::fs::read(&with)
            .unwrap()
            .windows(15)
            .any(|w| w == b"ZEBRA-SECRET-42")
    );

    // The copy is a complete workbook, with the same content, and one file.
    let copy = Workbook::open(&plain, Access::Edit).unwrap();
    assert!(copy.integrity_check().unwrap().is_empty());
    assert!(
        diff(&wb.content().unwrap(), &copy.content().unwrap())
            .unwrap()
            .is_empty()
    );
    assert!(copy.history(10).unwrap().is_empty());
    assert_eq!(
        send_copy(&wb, &plain, CopyOptions::default())
            .unwrap_err()
            .code(),
        "already_exists"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn a_copy_can_be_made_of_a_read_only_workbook() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "mine.sqlite");
    drop(wb);
    let ro = Workbook::open(&path, Access::ReadOnly).unwrap();
    send_copy(&ro, &dir.path().join("copy.sqlite"), CopyOptions::default()).unwrap();
}

#[test]
fn diff_lists_added_removed_and_changed_fields() {
    let dir = temp_dir();
    let (_p, mut a) = example_at(dir.path(), "a.sqlite");
    let before = a.content().unwrap();
    let p1 = before.priorities[0].clone();
    a.set(Kind::Priority, &p1.id, "title", json!("Renamed"))
        .unwrap();
    let added = a
        .add(Outcome {
            statement: "New outcome".into(),
            ..Default::default()
        })
        .unwrap();
    a.delete(Kind::Engagement, &before.engagements[0].id)
        .unwrap();
    let d = diff(&before, &a.content().unwrap()).unwrap();
    assert!(d.iter().any(|r| r.id == p1.id
        && matches!(&r.change, RowChange::Changed { fields } if fields[0].field.name == "title" && fields[0].after == json!("Renamed"))));
    assert!(
        d.iter()
            .any(|r| r.id == added.id && r.change == RowChange::Added)
    );
    assert!(
        d.iter()
            .any(|r| r.kind == Kind::Engagement && r.change == RowChange::Removed)
    );
    assert_eq!(d.len(), 3, "{d:#?}");
}

#[test]
fn one_sided_changes_merge_by_themselves_and_links_merge_as_sets() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let c = mine.content().unwrap();
    let (a1, a2, p1, p6) = (
        &c.actions[0],
        &c.actions[1],
        &c.priorities[0],
        &c.priorities[5],
    );
    mine.set(Kind::Action, &a1.id, "status", json!("complete"))
        .unwrap();
    theirs
        .set(
            Kind::Action,
            &a1.id,
            "progress_note",
            json!("Signed off by the board"),
        )
        .unwrap();
    theirs
        .set(Kind::Action, &a2.id, "title", json!("Their new title"))
        .unwrap();
    mine.link(Kind::ActionPriority, &a1.id, &p6.id).unwrap();
    theirs.link(Kind::ActionPriority, &a2.id, &p1.id).unwrap();
    let removed = c
        .action_priorities
        .iter()
        .find(|l| l.action_id == a1.id)
        .unwrap()
        .priority_id
        .clone();
    theirs
        .unlink(Kind::ActionPriority, &a1.id, &removed)
        .unwrap();
    let new_partner = theirs
        .add(Partner {
            name: "Dorset Libraries".into(),
            ..Default::default()
        })
        .unwrap();

    let plan = merge::plan(&mine, &theirs).unwrap();
    assert!(plan.conflicts.is_empty(), "{:#?}", plan.conflicts);
    let edits_before = mine.history(1000).unwrap().len();
    let report = merge::apply(&mut mine, &plan, &[]).unwrap();
    assert!(!report.is_empty());
    let a1m: Action = mine.get(&a1.id).unwrap();
    assert_eq!(
        (a1m.status, a1m.progress_note.as_str()),
        (ActionStatus::Complete, "Signed off by the board")
    );
    assert_eq!(mine.get::<Action>(&a2.id).unwrap().title, "Their new title");
    assert!(mine.get::<Partner>(&new_partner.id).is_ok());
    let links = mine.list::<ActionPriority>().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l.action_id == a1.id && l.priority_id == p6.id),
        "mine added"
    );
    assert!(
        links
            .iter()
            .any(|l| l.action_id == a2.id && l.priority_id == p1.id),
        "theirs added"
    );
    assert!(
        !links
            .iter()
            .any(|l| l.action_id == a1.id && l.priority_id == removed),
        "theirs removed"
    );

    // One undoable step, recorded in the change log.
    let history = mine.history(1000).unwrap();
    assert_eq!(history.len(), edits_before + 1);
    assert!(history[0].label.starts_with("Merge a colleague's copy"));
    let merged = mine.content().unwrap();
    mine.undo().unwrap();
    assert_eq!(mine.get::<Action>(&a2.id).unwrap().title, a2.title);
    mine.redo().unwrap();
    assert!(diff(&merged, &mine.content().unwrap()).unwrap().is_empty());

    // Merging the same copy again changes nothing.
    let again = merge::plan(&mine, &theirs).unwrap();
    assert!(again.conflicts.is_empty());
    assert!(merge::apply(&mut mine, &again, &[]).unwrap().is_empty());
    assert_eq!(mine.history(1000).unwrap().len(), edits_before + 1);
}

#[test]
fn an_unchanged_copy_changes_nothing() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let p = mine.list::<Priority>().unwrap().remove(0);
    mine.set(Kind::Priority, &p.id, "summary", json!("Mine only"))
        .unwrap();
    let plan = merge::plan(&mine, &theirs).unwrap();
    assert!(merge::apply(&mut mine, &plan, &[]).unwrap().is_empty());
    assert_eq!(mine.get::<Priority>(&p.id).unwrap().summary, "Mine only");
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_settled_per_field() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let p = mine.list::<Priority>().unwrap().remove(0);
    let o = mine.list::<Outcome>().unwrap().remove(0);
    mine.set(Kind::Priority, &p.id, "title", json!("Mine"))
        .unwrap();
    theirs
        .set(Kind::Priority, &p.id, "title", json!("Theirs"))
        .unwrap();
    mine.set(Kind::Outcome, &o.id, "statement", json!("Mine too"))
        .unwrap();
    theirs
        .set(Kind::Outcome, &o.id, "statement", json!("Theirs too"))
        .unwrap();
    let plan = merge::plan(&mine, &theirs).unwrap();
    assert_eq!(plan.conflicts.len(), 2, "{:#?}", plan.conflicts);
    let c = &plan.conflicts[0];
    assert_eq!(
        (c.field.map(|f| f.name), &c.mine, &c.theirs),
        (Some("title"), &json!("Mine"), &json!("Theirs"))
    );
    assert!(
        c.mine_by.is_some() && c.theirs_by.is_some(),
        "who changed it and when"
    );
    merge::apply(
        &mut mine,
        &plan,
        &[Choice::Theirs, Choice::Value(json!("Agreed wording"))],
    )
    .unwrap();
    assert_eq!(mine.get::<Priority>(&p.id).unwrap().title, "Theirs");
    assert_eq!(
        mine.get::<Outcome>(&o.id).unwrap().statement,
        "Agreed wording"
    );
}

#[test]
fn an_edit_against_a_deletion_is_a_conflict_never_a_silent_loss() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let c = mine.content().unwrap();
    let (a, o) = (
        c.actions[2].clone(),
        c.outcomes.iter().find(|o| o.code == "O3").unwrap().clone(),
    );
    mine.delete(Kind::Action, &a.id).unwrap();
    theirs
        .set(
            Kind::Action,
            &a.id,
            "progress_note",
            json!("Important update"),
        )
        .unwrap();
    // They add a measure under an outcome I deleted.
    mine.delete(Kind::Outcome, &o.id).unwrap();
    let m = theirs
        .add(Measure {
            outcome_id: o.id.clone(),
            title: "New measure".into(),
            ..Default::default()
        })
        .unwrap();
    let plan = merge::plan(&mine, &theirs).unwrap();
    let kinds: Vec<_> = plan.conflicts.iter().map(|c| (c.kind, c.field)).collect();
    assert!(kinds.contains(&(Kind::Action, None)), "{kinds:?}");
    assert!(kinds.contains(&(Kind::Outcome, None)), "{kinds:?}");

    // Taking theirs restores the deleted rows with their edits.
    let choices: Vec<Choice> = plan.conflicts.iter().map(|_| Choice::Theirs).collect();
    merge::apply(&mut mine, &plan, &choices).unwrap();
    assert_eq!(
        mine.get::<Action>(&a.id).unwrap().progress_note,
        "Important update"
    );
    assert!(mine.get::<Outcome>(&o.id).is_ok());
    assert!(mine.get::<Measure>(&m.id).is_ok());
}

#[test]
fn keeping_my_deletion_drops_what_they_added_under_it() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let o = mine
        .list::<Outcome>()
        .unwrap()
        .into_iter()
        .find(|o| o.code == "O3")
        .unwrap();
    mine.delete(Kind::Outcome, &o.id).unwrap();
    let m = theirs
        .add(Measure {
            outcome_id: o.id.clone(),
            title: "New measure".into(),
            ..Default::default()
        })
        .unwrap();
    let plan = merge::plan(&mine, &theirs).unwrap();
    assert_eq!(plan.conflicts.len(), 1);
    merge::apply(&mut mine, &plan, &[Choice::Mine]).unwrap();
    assert!(mine.get::<Outcome>(&o.id).is_err());
    assert!(mine.get::<Measure>(&m.id).is_err());
    assert!(mine.integrity_check().unwrap().is_empty());
}

#[test]
fn conflicts_are_described_in_a_planners_words() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let actions = mine.list::<Action>().unwrap();
    let (a, b) = (&actions[0], &actions[1]);
    let p = mine.list::<Priority>().unwrap().pop().unwrap();
    mine.set(Kind::Action, &a.id, "due_date", json!("2026-03-31"))
        .unwrap();
    theirs
        .set(Kind::Action, &a.id, "due_date", json!("2026-06-30"))
        .unwrap();
    // They link an action to a priority I deleted: a link added under a deletion.
    theirs.link(Kind::ActionPriority, &b.id, &p.id).unwrap();
    mine.delete(Kind::Priority, &p.id).unwrap();

    let plan = merge::plan(&mine, &theirs).unwrap();
    let views = planbook_core::sync::review::review(&plan);
    assert_eq!(views.len(), plan.conflicts.len());
    let date = views
        .iter()
        .find(|v| v.field_label == "Due date")
        .expect("the due date conflict");
    assert_eq!(
        (date.mine.as_str(), date.theirs.as_str()),
        ("31 March 2026", "30 June 2026")
    );
    assert!(
        date.item.starts_with(&format!("Action {}", a.code)),
        "{date:?}"
    );
    assert!(!date.editable, "a date is settled by taking a side");
    let kept = views
        .iter()
        .find(|v| v.kind == Kind::Priority)
        .unwrap_or_else(|| panic!("the priority I deleted and they linked to: {views:#?}"));
    assert!(kept.item.contains(&p.title), "{kept:?}");
    assert_eq!(kept.field_label, "");
    assert!(kept.deleted_mine && !kept.deleted_theirs);
    assert_eq!(kept.mine, "Deleted");
    assert_eq!(kept.theirs, "Kept, with something new added under it");
}

#[test]
fn closed_sets_positions_and_numbers_conflict_in_words_and_as_values() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let partners = mine.list::<Partner>().unwrap();
    let (first, last) = (&partners[0], partners.last().unwrap());
    assert_eq!(first.position, 1);
    mine.set(
        Kind::Partner,
        &first.id,
        "kind",
        json!("voluntary_community"),
    )
    .unwrap();
    theirs
        .set(Kind::Partner, &first.id, "kind", json!("local_authority"))
        .unwrap();
    // I move the last partner to the top, they move it one place up: both change its place.
    mine.move_to(Kind::Partner, &last.id, 0).unwrap();
    theirs
        .move_to(Kind::Partner, &last.id, partners.len() - 2)
        .unwrap();

    let plan = merge::plan(&mine, &theirs).unwrap();
    let views = planbook_core::sync::review::review(&plan);
    let kind = views
        .iter()
        .find(|v| v.field_label == fields::partner::kind.label)
        .unwrap_or_else(|| panic!("the partner kind conflict: {views:#?}"));
    assert_eq!(
        (kind.mine.as_str(), kind.theirs.as_str()),
        ("Voluntary and community", "Local authority")
    );
    assert!(!kind.editable, "a closed set is settled by taking a side");
    let moved = views
        .iter()
        .find(|v| v.field_label == "Place in the list" && v.item.contains(&last.name))
        .unwrap_or_else(|| panic!("the place conflict: {views:#?}"));
    assert_eq!(moved.mine, "1st", "position 1 is the first place");
    assert_eq!(moved.theirs, ordinal_of(partners.len() - 1));
}

fn ordinal_of(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[test]
fn a_number_stored_as_3_0_and_sent_as_3_is_no_conflict() {
    let dir = temp_dir();
    let (_p, mut mine) = example_at(dir.path(), "mine.sqlite");
    let m = mine.list::<Measure>().unwrap().remove(0);
    mine.set(Kind::Measure, &m.id, "baseline_value", json!(3.0))
        .unwrap();
    let mut theirs = copy_of(&mine, &dir.path().join("theirs.sqlite"));
    let edits = mine.history(100).unwrap().len();
    theirs
        .set(Kind::Measure, &m.id, "baseline_value", json!(3))
        .unwrap();
    mine.set(Kind::Measure, &m.id, "title", json!("Renamed"))
        .unwrap();
    let plan = merge::plan(&mine, &theirs).unwrap();
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(mine.history(100).unwrap().len(), edits + 1);
}

#[test]
fn workbooks_with_no_shared_start_cannot_be_merged() {
    let dir = temp_dir();
    let (_a, mine) = example_at(dir.path(), "a.sqlite");
    let (_b, other) = example_at(dir.path(), "b.sqlite");
    let err = merge::plan(&mine, &other).unwrap_err();
    assert!(err.to_string().contains("share no starting point"), "{err}");
}

#[test]
fn import_into_updates_a_workbook_to_match_json_as_one_edit() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "a.sqlite");
    let mut c = wb.content().unwrap();
    c.priorities[0].title = "Bulk renamed".into();
    c.actions.remove(3);
    c.action_priorities
        .retain(|l| c.actions.iter().any(|a| a.id == l.action_id));
    c.action_outcomes
        .retain(|l| c.actions.iter().any(|a| a.id == l.action_id));
    c.action_partners
        .retain(|l| c.actions.iter().any(|a| a.id == l.action_id));
    c.milestones
        .retain(|m| c.actions.iter().any(|a| a.id == m.action_id));
    let report = merge::import_into(&mut wb, &c).unwrap();
    assert_eq!((report.changed, report.added), (1, 0));
    assert!(diff(&c, &wb.content().unwrap()).unwrap().is_empty());
    assert_eq!(wb.history(10).unwrap()[0].label, "Update from JSON");
    wb.undo().unwrap();
    assert_eq!(wb.count(Kind::Action).unwrap(), 10);
    let mut other = c.clone();
    other.plan.id = Id::new();
    assert_eq!(
        merge::import_into(&mut wb, &other).unwrap_err().code(),
        "invalid"
    );
}
