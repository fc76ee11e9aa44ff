//! Values as a planner types them into a field (the app and the CLI send the text): dates and
//! numbers read by the plan's rules whatever the computer's locale, and text held to the
//! length the layouts are built for — refused with a message naming the item and the field,
//! never cut, and nothing stored.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, temp_dir};
use planbook_core::model::*;
use planbook_core::{Error, Workbook};
use serde_json::json;

fn first_action(wb: &Workbook) -> Action {
    wb.list::<Action>().unwrap().remove(0)
}

#[test]
fn a_date_typed_the_uk_way_is_saved_as_that_date() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let a = first_action(&wb);
    for typed in ["31/03/2027", "31 March 2027", "31 Mar 2027", "2027-03-31"] {
        wb.set(Kind::Action, &a.id, "due_date", json!(typed))
            .unwrap();
        assert_eq!(
            wb.get::<Action>(&a.id).unwrap().due_date,
            Some("2027-03-31".parse().unwrap()),
            "typed {typed}"
        );
    }
    // Empty text is no date (not today's).
    wb.set(Kind::Action, &a.id, "due_date", json!("")).unwrap();
    assert_eq!(wb.get::<Action>(&a.id).unwrap().due_date, None);
}

#[test]
fn a_date_that_cannot_be_read_is_refused_at_its_field_and_nothing_is_stored() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let a = first_action(&wb);
    let before = wb.undo_redo_state().unwrap();
    let e = wb
        .set(Kind::Action, &a.id, "due_date", json!("31/13/2027"))
        .unwrap_err();
    let Error::BadValue { item, field, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(item.contains(&a.code), "{item}");
    assert_eq!(*field, "Due date");
    let message = e.to_string();
    assert!(message.contains("31/13/2027"), "{message}");
    assert!(message.contains("Type the day first"), "{message}");
    assert_eq!(wb.get::<Action>(&a.id).unwrap().due_date, a.due_date);
    assert_eq!(
        wb.undo_redo_state().unwrap(),
        before,
        "no edit was recorded"
    );
}

#[test]
fn numbers_take_thousands_separators() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let plan = wb.plan().unwrap();
    wb.set(Kind::Plan, &plan.id, "population", json!("812,500"))
        .unwrap();
    assert_eq!(wb.plan().unwrap().population, Some(812_500));
    let e = wb
        .set(Kind::Plan, &plan.id, "population", json!("812.5"))
        .unwrap_err();
    assert!(e.to_string().contains("whole number"), "{e}");
    let m = wb.list::<Measure>().unwrap().remove(0);
    wb.set(Kind::Measure, &m.id, "baseline_value", json!("1,234.5"))
        .unwrap();
    assert_eq!(
        wb.get::<Measure>(&m.id).unwrap().baseline_value,
        Some(1234.5)
    );
    let e = wb
        .set(Kind::Measure, &m.id, "baseline_value", json!("12,5"))
        .unwrap_err();
    assert!(e.to_string().contains("full stop"), "{e}");
}

#[test]
fn text_past_its_length_is_refused_never_cut() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let a = first_action(&wb);
    let long = "Plan ".repeat(1000);
    let e = wb
        .set(Kind::Action, &a.id, "title", json!(long))
        .unwrap_err();
    let message = e.to_string();
    assert!(message.contains("5,000 characters"), "{message}");
    assert!(message.contains("at most 160"), "{message}");
    assert_eq!(wb.get::<Action>(&a.id).unwrap().title, a.title);
    // Exactly the limit is fine; a code has a shorter one, from its declaration.
    let at_limit = "x".repeat(SHORT_TEXT_MAX);
    wb.set(Kind::Action, &a.id, "title", json!(at_limit))
        .unwrap();
    assert_eq!(fields::action::code.max_chars, Some(12));
    assert!(
        wb.set(Kind::Action, &a.id, "code", json!("A".repeat(13)))
            .is_err()
    );
    // Long text has no such limit, and a new row's fields are held to the same rules.
    wb.set(Kind::Action, &a.id, "description", json!(long))
        .unwrap();
    let e = wb
        .add_fields(
            Kind::Action,
            [("title".to_owned(), json!(long))].into_iter().collect(),
        )
        .unwrap_err();
    assert!(
        e.to_string().starts_with("The new action: Title is 5,000"),
        "{e}"
    );
}

#[test]
fn a_longer_text_already_in_the_file_does_not_stop_other_edits() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let mut a = first_action(&wb);
    // As a merged copy or an imported JSON form might bring it.
    a.title = "A very long title ".repeat(20);
    wb.update(&a).unwrap();
    wb.set(Kind::Action, &a.id, "due_date", json!("30/06/2027"))
        .unwrap();
    assert_eq!(wb.get::<Action>(&a.id).unwrap().title, a.title);
}

/// Beside the field a planner typed into, a refusal says only what to type: not the item's
/// name (the field is on its card) nor what was typed (it stays in the box); elsewhere (the
/// CLI, the app's error summary) the message still names both.
#[test]
fn a_refusal_at_its_field_says_only_what_to_type() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "typed.sqlite");
    let a = first_action(&wb);
    let e = wb
        .set(Kind::Action, &a.id, "due_date", json!("31/13/2027"))
        .unwrap_err();
    assert_eq!(
        e.at_field().unwrap(),
        "13 is not a month. Type the day first, then the month: 31/03/2027."
    );
    assert!(e.to_string().contains(&a.code) && e.to_string().contains("31/13/2027"));

    let e = wb
        .set(Kind::Action, &a.id, "title", json!("x".repeat(5000)))
        .unwrap_err();
    let at_field = e.at_field().unwrap();
    assert!(
        at_field.starts_with("Title is 5,000 characters long, and can be at most 160"),
        "{at_field}"
    );
    assert!(!at_field.contains(&a.code), "{at_field}");
    assert!(
        at_field.contains("the rest can go in the description"),
        "{at_field}"
    );
    // A plan has no description for the rest to go in, so none is offered.
    let plan = wb.plan().unwrap();
    let e = wb
        .set(Kind::Plan, &plan.id, "title", json!("x".repeat(5000)))
        .unwrap_err();
    assert_eq!(
        e.at_field().unwrap(),
        "Title is 5,000 characters long, and can be at most 160: shorten it."
    );

    // A rule between two fields, at the plan's own date fields, in the declaration's words.
    let e = wb
        .set(Kind::Plan, &plan.id, "period_end", json!("31/03/2000"))
        .unwrap_err();
    assert_eq!(
        e.at_field().unwrap(),
        format!(
            "Plan ends (31 March 2000) is before the plan starts ({}).",
            planbook_core::typing::date_in_words(plan.period_start.unwrap())
        )
    );
    assert!(e.to_string().starts_with("The plan “"), "{e}");

    // An error about no one field has nothing to say at a field.
    assert_eq!(Error::Invalid("x".into()).at_field(), None);
}
