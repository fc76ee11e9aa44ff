//! Errors in a planner's words: a bad value names the item and the field and says what would
//! do; damage read back is damage, a planner's bad input is not; hints fit where they are shown.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, temp_dir};
use planbook_core::model::*;
use planbook_core::{Access, Error, Start, Surface, Workbook};
use serde_json::json;

fn first_action(wb: &Workbook) -> Action {
    wb.list::<Action>().unwrap().into_iter().next().unwrap()
}

/// How messages name the example's first action: by its code and title, the title cut at a
/// word so that the field and what is wrong stay in view.
const A01: &str = "The action A01 “Extend the Healthy Homes Dorset scheme to more…”";

#[test]
fn a_fraction_in_a_whole_number_names_the_item_and_the_field() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    let plan = wb.plan().unwrap();
    let err = wb
        .set(Kind::Plan, &plan.id, "population", json!(12.5))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.to_string(),
        format!(
            "The plan “{}”: Population must be a whole number, such as 812500",
            plan.title
        )
    );
    assert!(!err.to_string().contains("i64"), "{err}");
    assert_eq!(
        err.hint_for(Surface::App),
        "Correct the value and try again."
    );
}

#[test]
fn a_bad_date_names_the_action_by_code_and_title() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    let action = first_action(&wb);
    let err = wb
        .set(Kind::Action, &action.id, "due_date", json!("31/13/2026"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: Due date was typed as “31/13/2026”. 13 is not a month. Type the day first, then the month: 31/03/2027.",
            A01
        )
    );
    // A rule between two fields names the row and the field too.
    let err = wb
        .edit("Dates", |e| {
            e.set_fields(
                Kind::Action,
                &action.id,
                &[
                    (fields::action::start_date, json!("2026-05-01")),
                    (fields::action::due_date, json!("2026-03-01")),
                ],
            )
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: Due date (1 March 2026) is before the start date (1 May 2026)",
            A01
        )
    );
}

#[test]
fn a_reference_to_a_missing_row_says_which_field_and_what_to_do() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    let action = first_action(&wb);
    let err = wb
        .set(
            Kind::Action,
            &action.id,
            "lead_partner_id",
            json!(Id::new().0),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: Lead partner refers to a partner that is not in this workbook",
            A01
        )
    );
    assert!(err.hint_for(Surface::App).contains("add it first"));
    // A new row is checked the same way.
    let err = wb
        .add_fields(
            Kind::Milestone,
            serde_json::from_value(json!({"action_id": Id::new().0, "title": "Go live"})).unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The milestone “Go live”: Action refers to an action that is not in this workbook"
    );
}

#[test]
fn undo_and_redo_with_nothing_to_do_say_so() {
    let dir = temp_dir();
    let path = dir.path().join("new.sqlite");
    let mut wb = Workbook::create(
        &path,
        Start::Blank {
            title: "A plan".into(),
        },
    )
    .unwrap();
    let undo = wb.undo().unwrap_err();
    assert_eq!(undo.to_string(), "there is nothing to undo");
    assert!(
        undo.hint_for(Surface::App)
            .contains("undone, or none has been made")
    );
    let redo = wb.redo().unwrap_err();
    assert_eq!(redo.to_string(), "there is nothing to redo");
    let hint = redo.hint_for(Surface::App);
    assert!(hint.contains("brings back an edit you undid"), "{hint}");
    assert!(!hint.contains("earlier edit"), "{hint}");
}

#[test]
fn a_file_in_the_way_is_replaced_with_force_on_the_command_line_only() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let err = Workbook::create(&path, Start::Blank { title: "x".into() }).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }));
    assert!(err.hint_for(Surface::Cli).contains("--force"));
    let app = err.hint_for(Surface::App);
    assert!(!app.contains("--"), "{app}");
    assert!(app.contains("Choose another name"), "{app}");
}

#[test]
fn damage_read_back_is_damage_and_a_planners_bad_input_is_not() {
    let dir = temp_dir();
    let (path, mut wb) = example_at(dir.path(), "plan.sqlite");
    let plan = wb.plan().unwrap();
    let bad = wb
        .set(Kind::Plan, &plan.id, "status", json!("finished"))
        .unwrap_err();
    assert_eq!(bad.code(), "invalid", "{bad}");
    assert!(
        bad.to_string().contains("Status must be one of “Draft”"),
        "{bad}"
    );
    drop(wb);

    // The same word written into the file by something else is damage to the file.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE plan SET status = 'finished'", [])
        .unwrap();
    drop(conn);
    let wb = Workbook::open(&path, Access::ReadOnly).unwrap();
    let err = wb.plan().unwrap_err();
    assert_eq!(err.code(), "corrupt", "{err}");
    assert!(err.to_string().contains("is damaged"), "{err}");
    assert!(err.to_string().contains("Status must be one of"), "{err}");
    assert!(err.hint_for(Surface::Cli).contains("planbook recover"));
    assert!(
        err.hint_for(Surface::App)
            .contains("Recover what can be read")
    );
}
