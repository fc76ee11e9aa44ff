//! Creating, reading, updating, deleting, reordering and linking every kind of row; the change
//! log; undo and redo, including after reopening the file.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, temp_dir};
use planbook_core::model::*;
use planbook_core::{Access, Content, Workbook};
use serde_json::json;

fn blank(dir: &std::path::Path) -> Workbook {
    Workbook::create(
        &dir.join("blank plan.sqlite"),
        planbook_core::Start::Blank {
            title: "Test plan".into(),
        },
    )
    .unwrap()
}

#[test]
fn every_kind_can_be_added_read_changed_and_deleted() {
    let dir = temp_dir();
    let mut wb = blank(dir.path());
    let aim = wb
        .add(Aim {
            title: "Tackle inequalities".into(),
            ..Default::default()
        })
        .unwrap();
    let section = wb
        .add(Section {
            title: "Involving people".into(),
            body: "Text".into(),
            ..Default::default()
        })
        .unwrap();
    let priority = wb
        .add(Priority {
            code: "P1".into(),
            title: "Digital".into(),
            ..Default::default()
        })
        .unwrap();
    let outcome = wb
        .add(Outcome {
            code: "O1".into(),
            statement: "Better access".into(),
            ..Default::default()
        })
        .unwrap();
    let measure = wb
        .add(Measure {
            outcome_id: outcome.id.clone(),
            title: "Online users".into(),
            unit: "%".into(),
            ..Default::default()
        })
        .unwrap();
    let reading = wb
        .add(Reading {
            measure_id: measure.id.clone(),
            date: Some("2025-03-31".parse().unwrap()),
            value: Some(41.5),
            ..Default::default()
        })
        .unwrap();
    let partner = wb
        .add(Partner {
            name: "NHS Dorset".into(),
            kind: PartnerKind::Nhs,
            ..Default::default()
        })
        .unwrap();
    let action = wb
        .add(Action {
            title: "Online records".into(),
            lead_partner_id: Some(partner.id.clone()),
            ..Default::default()
        })
        .unwrap();
    let milestone = wb
        .add(Milestone {
            action_id: action.id.clone(),
            title: "Supplier chosen".into(),
            ..Default::default()
        })
        .unwrap();
    let term = wb
        .add(GlossaryTerm {
            term: "ICS".into(),
            plain_words: "working together locally".into(),
            ..Default::default()
        })
        .unwrap();
    let engagement = wb
        .add(Engagement {
            who: "Residents".into(),
            how: "Survey".into(),
            ..Default::default()
        })
        .unwrap();

    assert_eq!(wb.get::<Aim>(&aim.id).unwrap().title, "Tackle inequalities");
    assert_eq!(wb.get::<Reading>(&reading.id).unwrap().value, Some(41.5));
    assert_eq!(wb.get::<Milestone>(&milestone.id).unwrap().position, 1);

    // Update through a changed struct: only differing fields are recorded.
    let mut changed = wb.get::<Action>(&action.id).unwrap();
    changed.status = ActionStatus::AtRisk;
    changed.due_date = Some("2026-03-31".parse().unwrap());
    wb.update(&changed).unwrap();
    let stored: Action = wb.get(&action.id).unwrap();
    assert_eq!(
        (stored.status, stored.due_date),
        (ActionStatus::AtRisk, changed.due_date)
    );

    wb.set(Kind::Section, &section.id, "body", json!("New text"))
        .unwrap();
    wb.set(
        Kind::GlossaryTerm,
        &term.id,
        "definition",
        json!("Integrated care system"),
    )
    .unwrap();
    wb.set(
        Kind::Engagement,
        &engagement.id,
        "held_on",
        json!("2024-06-15"),
    )
    .unwrap();
    assert_eq!(
        wb.get::<Engagement>(&engagement.id).unwrap().held_on,
        Some("2024-06-15".parse().unwrap())
    );

    for (kind, id) in [
        (Kind::Milestone, &milestone.id),
        (Kind::Reading, &reading.id),
        (Kind::Engagement, &engagement.id),
        (Kind::GlossaryTerm, &term.id),
        (Kind::Section, &section.id),
        (Kind::Aim, &aim.id),
        (Kind::Priority, &priority.id),
    ] {
        wb.delete(kind, id).unwrap();
        assert_eq!(wb.delete(kind, id).unwrap_err().code(), "no_such_row");
    }
    assert_eq!(wb.count(Kind::Milestone).unwrap(), 0);
}

#[test]
fn links_are_sets_and_can_be_removed() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let action = wb
        .add(Action {
            title: "New action".into(),
            ..Default::default()
        })
        .unwrap();
    let p1 = wb.list::<Priority>().unwrap().remove(0);
    let o1 = wb.list::<Outcome>().unwrap().remove(0);
    let first = wb.link(Kind::ActionPriority, &action.id, &p1.id).unwrap();
    let again = wb.link(Kind::ActionPriority, &action.id, &p1.id).unwrap();
    assert_eq!(first, again, "linking twice keeps one link");
    wb.link(Kind::ActionOutcome, &action.id, &o1.id).unwrap();
    let serving = wb
        .list::<ActionPriority>()
        .unwrap()
        .into_iter()
        .filter(|l| l.action_id == action.id)
        .count();
    assert_eq!(serving, 1);
    wb.unlink(Kind::ActionPriority, &action.id, &p1.id).unwrap();
    assert!(
        !wb.list::<ActionPriority>()
            .unwrap()
            .iter()
            .any(|l| l.action_id == action.id)
    );
    let err = wb
        .link(Kind::ActionPriority, &action.id, &Id::new())
        .unwrap_err();
    assert_eq!(
        err.code(),
        "invalid",
        "a link to a missing row is refused: {err}"
    );
    assert!(
        wb.link(Kind::Action, &action.id, &p1.id).is_err(),
        "an action is not a link kind"
    );
}

#[test]
fn reordering_renumbers_the_list_and_is_one_undoable_edit() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let codes = |wb: &Workbook| {
        wb.list::<Priority>()
            .unwrap()
            .into_iter()
            .map(|p| p.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&wb), ["P1", "P2", "P3", "P4", "P5", "P6"]);
    let p5 = wb.list::<Priority>().unwrap().remove(4);
    wb.move_to(Kind::Priority, &p5.id, 0).unwrap();
    assert_eq!(codes(&wb), ["P5", "P1", "P2", "P3", "P4", "P6"]);
    wb.move_to(Kind::Priority, &p5.id, 99).unwrap();
    assert_eq!(codes(&wb), ["P1", "P2", "P3", "P4", "P6", "P5"]);
    wb.undo().unwrap();
    assert_eq!(codes(&wb), ["P5", "P1", "P2", "P3", "P4", "P6"]);
    wb.undo().unwrap();
    assert_eq!(codes(&wb), ["P1", "P2", "P3", "P4", "P5", "P6"]);
    // Measures are ordered within their outcome.
    let m = wb
        .list::<Measure>()
        .unwrap()
        .into_iter()
        .find(|m| m.title == "Adults who smoke")
        .unwrap();
    wb.move_to(Kind::Measure, &m.id, 0).unwrap();
    let in_o5: Vec<_> = wb
        .list::<Measure>()
        .unwrap()
        .into_iter()
        .filter(|x| x.outcome_id == m.outcome_id)
        .map(|x| x.title)
        .collect();
    assert_eq!(
        in_o5,
        ["Adults who smoke", "Healthy life expectancy at birth"]
    );
}

#[test]
fn deleting_takes_dependants_along_and_one_undo_brings_all_back() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let before = wb.content().unwrap();
    let o5 = before
        .outcomes
        .iter()
        .find(|o| o.code == "O5")
        .unwrap()
        .clone();
    wb.delete(Kind::Outcome, &o5.id).unwrap();
    let after = wb.content().unwrap();
    assert!(
        after.measures.iter().all(|m| m.outcome_id != o5.id),
        "its measures went too"
    );
    assert!(
        after.readings.len() < before.readings.len(),
        "and their readings"
    );
    assert!(
        after.action_outcomes.iter().all(|l| l.outcome_id != o5.id),
        "and its links"
    );
    wb.undo().unwrap();
    assert_eq!(wb.content().unwrap(), before);

    // A deleted lead partner is cleared from its actions, and comes back on undo.
    let nhs = before
        .partners
        .iter()
        .find(|p| p.short_name == "NHS Dorset")
        .unwrap()
        .clone();
    wb.delete(Kind::Partner, &nhs.id).unwrap();
    assert!(
        wb.list::<Action>()
            .unwrap()
            .iter()
            .all(|a| a.lead_partner_id.as_ref() != Some(&nhs.id))
    );
    wb.undo().unwrap();
    let restored = wb.content().unwrap();
    assert_eq!(restored.partners, before.partners);
    assert_eq!(restored.action_partners, before.action_partners);
    let leads = |c: &Content| {
        c.actions
            .iter()
            .map(|a| a.lead_partner_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(leads(&restored), leads(&before));
}

#[test]
fn the_change_log_records_when_who_what_before_and_after() {
    let dir = temp_dir();
    let path = dir.path().join("logged.sqlite");
    let mut opts = planbook_core::OpenOptions::new(Access::Edit);
    opts.user = "Alice Planner".into();
    drop(
        Workbook::create(
            &path,
            planbook_core::Start::Blank {
                title: "Old title".into(),
            },
        )
        .unwrap(),
    );
    let mut wb = Workbook::open_with(&path, &opts).unwrap();
    let plan = wb.plan().unwrap();
    wb.set(Kind::Plan, &plan.id, "title", json!("New title"))
        .unwrap();
    let row: (String, String, String, String, String, String, Option<String>, Option<String>) = wb
        .reader()
        .query_row("SELECT at, who, entity, row_id, field, op, before, after FROM change ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })
        .unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(&row.0).is_ok());
    assert_eq!(
        (
            row.1.as_str(),
            row.2.as_str(),
            row.3.as_str(),
            row.4.as_str(),
            row.5.as_str()
        ),
        ("Alice Planner", "plan", plan.id.as_str(), "title", "update")
    );
    assert_eq!(
        (row.6.as_deref(), row.7.as_deref()),
        (Some("\"Old title\""), Some("\"New title\""))
    );
    let history = wb.history(10).unwrap();
    assert_eq!(history[0].label, "Change the plan’s title");
    assert_eq!(history[0].who, "Alice Planner");
}

#[test]
fn undo_and_redo_work_after_reopening_the_file() {
    let dir = temp_dir();
    let (path, mut wb) = example_at(dir.path(), "plan.sqlite");
    let original = wb.content().unwrap();
    let p1 = original.priorities[0].clone();
    wb.set(Kind::Priority, &p1.id, "title", json!("First title change"))
        .unwrap();
    let added = wb
        .add(Outcome {
            code: "O12".into(),
            statement: "A new outcome".into(),
            ..Default::default()
        })
        .unwrap();
    wb.link(Kind::PriorityOutcome, &p1.id, &added.id).unwrap();
    let edited = wb.content().unwrap();
    drop(wb);

    let mut wb = Workbook::open(&path, Access::Edit).unwrap();
    assert_eq!(
        wb.content().unwrap(),
        edited,
        "edits were saved without a Save step"
    );
    let (can_undo, can_redo) = wb.undo_redo_state().unwrap();
    assert_eq!(
        can_undo.unwrap().label,
        "Add link between a priority and an outcome"
    );
    assert!(can_redo.is_none());
    for _ in 0..3 {
        wb.undo().unwrap();
    }
    let undone = wb.content().unwrap();
    assert_eq!(undone.priorities[0].title, p1.title);
    assert!(undone.outcomes.iter().all(|o| o.id != added.id));
    assert_eq!(wb.undo().unwrap_err().code(), "nothing_to_do");
    drop(wb);

    let mut wb = Workbook::open(&path, Access::Edit).unwrap();
    for _ in 0..3 {
        wb.redo().unwrap();
    }
    let redone = wb.content().unwrap();
    assert_eq!(redone.priorities[0].title, "First title change");
    assert!(
        redone
            .priority_outcomes
            .iter()
            .any(|l| l.outcome_id == added.id)
    );
    assert_eq!(wb.redo().unwrap_err().code(), "nothing_to_do");
    // Redo is only possible until a new edit is made.
    wb.undo().unwrap();
    wb.set(Kind::Priority, &p1.id, "summary", json!("Something new"))
        .unwrap();
    assert!(wb.undo_redo_state().unwrap().1.is_none());
    assert_eq!(wb.redo().unwrap_err().code(), "nothing_to_do");
}

#[test]
fn bad_values_are_refused_and_nothing_is_stored() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let before = wb.content().unwrap();
    let a = before.actions[0].clone();
    let plan = before.plan.clone();
    let cases: Vec<(Kind, Id, &str, serde_json::Value)> = vec![
        (Kind::Action, a.id.clone(), "status", json!("finished-ish")),
        (Kind::Action, a.id.clone(), "due_date", json!("2020-01-01")),
        (Kind::Action, a.id.clone(), "due_date", json!("31/13/2026")),
        (
            Kind::Action,
            a.id.clone(),
            "lead_partner_id",
            json!(Id::new().0),
        ),
        (Kind::Action, a.id.clone(), "no_such_field", json!("x")),
        (Kind::Action, a.id.clone(), "id", json!(Id::new().0)),
        (
            Kind::Action,
            a.id.clone(),
            "created_at",
            json!("2020-01-01T00:00:00.000Z"),
        ),
        (Kind::Plan, plan.id.clone(), "title", json!("   ")),
        (Kind::Plan, plan.id.clone(), "population", json!(-5)),
        (
            Kind::Plan,
            plan.id.clone(),
            "period_end",
            json!("2020-01-01"),
        ),
        (Kind::Action, Id::new(), "title", json!("x")),
    ];
    for (kind, id, field, value) in cases {
        let err = wb.set(kind, &id, field, value.clone()).unwrap_err();
        assert!(
            ["invalid", "no_such_row"].contains(&err.code()),
            "{kind:?}.{field} = {value}: {err:?}"
        );
        assert!(
            !err.to_string().is_empty() && !err.hint_for(planbook_core::Surface::Cli).is_empty()
        );
    }
    // A failing step inside a larger edit rolls the whole edit back.
    let err = wb
        .edit("Two steps", |e| {
            e.set(Kind::Action, &a.id, "title", json!("Changed"))?;
            e.set(Kind::Action, &a.id, "status", json!("nonsense"))
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(wb.content().unwrap(), before);
    assert_eq!(
        wb.history(100).unwrap().len(),
        0,
        "failed edits leave no trace in the change log"
    );
    assert!(
        wb.add(Plan {
            title: "Second plan".into(),
            ..Default::default()
        })
        .is_err(),
        "one plan per workbook"
    );
    assert!(
        wb.delete(Kind::Plan, &plan.id).is_err(),
        "the plan cannot be deleted"
    );
}

#[test]
fn an_edit_that_changes_nothing_is_not_recorded() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let plan = wb.plan().unwrap();
    wb.set(Kind::Plan, &plan.id, "title", json!(plan.title))
        .unwrap();
    assert!(wb.history(10).unwrap().is_empty());
}

#[test]
fn values_are_compared_as_typed_values_so_a_same_value_is_no_edit() {
    let dir = temp_dir();
    let mut wb = blank(dir.path());
    let outcome = wb
        .add(Outcome {
            statement: "Better access".into(),
            ..Default::default()
        })
        .unwrap();
    let measure = wb
        .add(Measure {
            outcome_id: outcome.id.clone(),
            title: "Online users".into(),
            baseline_value: Some(3.0),
            baseline_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 31),
            ..Default::default()
        })
        .unwrap();
    let before = wb.history(10).unwrap();
    let (undo_before, _) = wb.undo_redo_state().unwrap();

    // 3 where 3.0 is stored, the same date, and the same row sent back: nothing changes.
    wb.set(Kind::Measure, &measure.id, "baseline_value", json!(3))
        .unwrap();
    wb.set(Kind::Measure, &measure.id, "baseline_value", json!(3.0))
        .unwrap();
    wb.set(
        Kind::Measure,
        &measure.id,
        "baseline_date",
        json!("2026-03-31"),
    )
    .unwrap();
    wb.update(&wb.get::<Measure>(&measure.id).unwrap()).unwrap();
    assert_eq!(wb.history(10).unwrap(), before, "no edit was logged");
    assert_eq!(wb.undo_redo_state().unwrap().0, undo_before, "no undo step");
    let changes: i64 = wb
        .reader()
        .query_row(
            "SELECT count(*) FROM change WHERE entity = 'measure' AND field <> '*'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(changes, 0, "no change-log row");

    // A different number is an edit, and undo takes it back.
    wb.set(Kind::Measure, &measure.id, "baseline_value", json!(4))
        .unwrap();
    assert_eq!(
        wb.get::<Measure>(&measure.id).unwrap().baseline_value,
        Some(4.0)
    );
    wb.undo().unwrap();
    assert_eq!(
        wb.get::<Measure>(&measure.id).unwrap().baseline_value,
        Some(3.0)
    );
}

#[test]
fn a_new_action_outcome_or_priority_gets_the_next_code() {
    let dir = common::temp_dir();
    let (_path, mut wb) = common::example_at(dir.path(), "codes.sqlite");
    let code_of = |wb: &Workbook, kind: Kind, id: &planbook_core::model::Id| -> String {
        let c = wb.content().unwrap();
        match kind {
            Kind::Action => c.actions.iter().find(|a| &a.id == id).unwrap().code.clone(),
            Kind::Outcome => c
                .outcomes
                .iter()
                .find(|o| &o.id == id)
                .unwrap()
                .code
                .clone(),
            _ => c
                .priorities
                .iter()
                .find(|p| &p.id == id)
                .unwrap()
                .code
                .clone(),
        }
    };
    for (kind, expected) in [
        (Kind::Action, "A11"),
        (Kind::Outcome, "O12"),
        (Kind::Priority, "P7"),
    ] {
        let id = wb.add_fields(kind, serde_json::Map::new()).unwrap();
        assert_eq!(code_of(&wb, kind, &id), expected);
    }
    // A code the planner gives is kept.
    let mut fields = serde_json::Map::new();
    fields.insert("code".into(), "X9".into());
    let id = wb.add_fields(Kind::Action, fields).unwrap();
    assert_eq!(code_of(&wb, Kind::Action, &id), "X9");
}

#[test]
fn edit_labels_name_what_was_changed_in_a_planners_words() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "plan.sqlite");
    let c = wb.content().unwrap();
    let label = |wb: &Workbook| wb.undo_redo_state().unwrap().0.unwrap().label;
    wb.set(Kind::Section, &c.sections[0].id, "body", json!("New text"))
        .unwrap();
    assert_eq!(label(&wb), "Change “The national picture”");
    wb.set(Kind::Plan, &c.plan.id, "vision", json!("A vision"))
        .unwrap();
    assert_eq!(label(&wb), "Change the plan’s vision");
    // Renaming names the row by its new name; a long name is cut at a word.
    let a = &c.actions[0];
    wb.set(Kind::Action, &a.id, "title", json!("Home visits"))
        .unwrap();
    assert_eq!(label(&wb), format!("Change {} “Home visits”", a.code));
    wb.delete(Kind::Priority, &c.priorities[0].id).unwrap();
    let deleted = label(&wb);
    assert!(deleted.starts_with("Delete P1 “"), "{deleted}");
    assert!(
        deleted.chars().count() <= 48 && deleted.ends_with("…”"),
        "{deleted}"
    );
}
