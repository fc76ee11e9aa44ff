//! What the desktop app asks of core beyond plain editing: adding a row from a field object,
//! opening read-only when editing is refused, and saving a copy for sending.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, journal_files, temp_dir};
use planbook_core::model::*;
use planbook_core::store::Setting;
use planbook_core::store::schema::FORMAT_VERSION;
use planbook_core::{Access, Workbook};
use rusqlite::Connection;
use serde_json::json;

fn fields(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    value.as_object().unwrap().clone()
}

#[test]
fn a_row_is_added_from_a_field_object_with_the_rest_defaulted() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    let before = wb.list::<Action>().unwrap().len();

    let id = wb
        .add_fields(
            Kind::Action,
            fields(json!({ "title": "Open a community hub", "due_date": "2027-03-31" })),
        )
        .unwrap();
    let action: Action = wb.get(&id).unwrap();
    assert!(id.is_well_formed());
    assert_eq!(action.title, "Open a community hub");
    assert_eq!(action.due_date.unwrap().to_string(), "2027-03-31");
    assert_eq!(action.status, ActionStatus::default());
    assert_eq!(action.position, before as i64 + 1, "goes at the end");
    assert_eq!(wb.undo_redo_state().unwrap().0.unwrap().label, "Add action");

    // One undo removes it again.
    wb.undo().unwrap();
    assert!(wb.get::<Action>(&id).is_err());
}

#[test]
fn adding_refuses_store_fields_unknown_fields_and_bad_values() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    for (field, value) in [
        ("id", json!("x")),
        ("created_at", json!("2020-01-01T00:00:00.000Z")),
        ("position", json!(1)),
        ("colour", json!("red")),
    ] {
        let err = wb
            .add_fields(Kind::Priority, fields(json!({ field: value })))
            .unwrap_err();
        assert_eq!(err.code(), "invalid", "{field}");
        assert!(err.to_string().contains(field), "{err}");
    }
    let err = wb
        .add_fields(Kind::Action, fields(json!({ "due_date": "31/13/2027" })))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let err = wb
        .add_fields(Kind::Plan, fields(json!({ "title": "Second plan" })))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        wb.history(100).unwrap().len(),
        0,
        "refused adds leave no trace in the change log"
    );
}

#[test]
fn a_link_can_be_added_from_a_field_object() {
    let dir = temp_dir();
    let (_, mut wb) = example_at(dir.path(), "plan.sqlite");
    let priority = wb
        .add_fields(Kind::Priority, fields(json!({ "title": "New" })))
        .unwrap();
    let outcome = wb
        .add_fields(Kind::Outcome, fields(json!({ "statement": "Better" })))
        .unwrap();
    wb.add_fields(
        Kind::PriorityOutcome,
        fields(json!({ "priority_id": priority.0, "outcome_id": outcome.0 })),
    )
    .unwrap();
    let links = wb.list::<PriorityOutcome>().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l.priority_id == priority && l.outcome_id == outcome)
    );
}

fn make_newer(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", FORMAT_VERSION + 1)
        .unwrap();
}

#[test]
fn opening_prefers_editing_and_falls_back_to_reading_with_the_reason() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);

    let (editor, fallback) = Workbook::open_preferring_edit(&path).unwrap();
    assert!(fallback.is_none());
    assert!(editor.read_only_reason().is_none());

    // Someone (here: `editor`) is editing it: the second open reads, and says what to do.
    let (reader, fallback) = Workbook::open_preferring_edit(&path).unwrap();
    let fallback = fallback.unwrap();
    assert_eq!(fallback.refusal.code(), "in_use");
    assert!(
        fallback.hint.contains("ask them to close it"),
        "{}",
        fallback.hint
    );
    assert!(reader.read_only_reason().is_some());
    drop((editor, reader));

    // A newer format: read-only, with the error's own hint (update Planbook).
    make_newer(&path);
    let before = std::fs::read(&path).unwrap();
    let (reader, fallback) = Workbook::open_preferring_edit(&path).unwrap();
    let fallback = fallback.unwrap();
    assert_eq!(fallback.refusal.code(), "file_too_new");
    assert_eq!(
        fallback.hint,
        fallback.refusal.hint_for(planbook_core::Surface::App)
    );
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Anything else is an error.
    let missing = dir.path().join("nowhere.sqlite");
    assert_eq!(
        Workbook::open_preferring_edit(&missing).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn a_copy_is_a_complete_workbook_without_the_deleted_text() {
    let dir = temp_dir();
    let (path, mut wb) = example_at(dir.path(), "plan.sqlite");
    let secret = "CONFIDENTIAL-DRAFT-WORDING-".repeat(40);
    let id = wb
        .add_fields(
            Kind::Section,
            fields(json!({ "title": "Draft", "body": secret })),
        )
        .unwrap();
    // Deleted: the text is now only in free pages and in the edit history.
    wb.delete(Kind::Section, &id).unwrap();

    let copy = dir.path().join("copy to send.sqlite");
    wb.save_copy(&copy).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    assert!(
        !bytes
            .windows(secret.len().min(200))
            .any(|w| w == &secret.as_bytes()[..200]),
        "deleted text must not travel in the copy"
    );
    assert!(journal_files(&copy).is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let copied = Workbook::open(&copy, Access::Edit).unwrap();
    assert_eq!(copied.content().unwrap(), wb.content().unwrap());
    assert_eq!(
        copied.undo_redo_state().unwrap(),
        (None, None),
        "a copy for sending carries no edit history"
    );
    drop(copied);

    // The copy replaces an older file of the same name.
    wb.save_copy(&copy).unwrap();
    // But never the workbook itself.
    assert_eq!(wb.save_copy(&path).unwrap_err().code(), "invalid");
    // Nor a file someone is editing.
    let _editing = Workbook::open(&copy, Access::Edit).unwrap();
    assert_eq!(wb.save_copy(&copy).unwrap_err().code(), "in_use");
    // Nor into a folder that is not there.
    assert_eq!(
        wb.save_copy(&dir.path().join("no such folder/copy.sqlite"))
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn a_read_only_workbook_can_be_copied_and_stays_unchanged() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let before = std::fs::read(&path).unwrap();
    let reader = Workbook::open(&path, Access::ReadOnly).unwrap();
    let copy = dir.path().join("my copy.sqlite");
    reader.save_copy(&copy).unwrap();
    // The connection is still marked query-only afterwards (the copy lifts that mark for its
    // one statement), and the read handle refuses a statement that writes.
    let plan = reader.plan().unwrap();
    let query_only: bool = reader.reader().setting(Setting::QueryOnly).unwrap();
    assert!(query_only);
    let refused = reader
        .reader()
        .query_row(
            "UPDATE plan SET title = 'x' WHERE id = ?1 RETURNING id",
            [plan.id.as_str()],
            |r| r.get::<_, String>(0),
        )
        .unwrap_err();
    assert_eq!(refused.code(), "internal");
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mut copied = Workbook::open(&copy, Access::Edit).unwrap();
    copied
        .set(Kind::Plan, &plan.id, "title", "Mine now".into())
        .unwrap();
}
