//! The JSON form: versioned, documented, and lossless for everything but the change log.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, temp_dir};
use planbook_core::model::{Action, Kind};
use planbook_core::{Access, Content, Start, Workbook};

#[test]
fn export_import_export_gives_identical_bytes() {
    let dir = temp_dir();
    let (_p, mut wb) = example_at(dir.path(), "a.sqlite");
    // Make it awkward: edits, odd characters, numbers with fractions, empty and null fields.
    let a = wb.list::<Action>().unwrap().remove(0);
    wb.set(
        Kind::Action,
        &a.id,
        "description",
        "Line one\nLine two — “quoted” £5 ŵ ŷ é \u{1F600} <b>not bold</b>".into(),
    )
    .unwrap();
    wb.set(Kind::Action, &a.id, "due_date", serde_json::Value::Null)
        .unwrap();
    let first = wb.content().unwrap().to_json().unwrap();
    let back = Workbook::create(
        &dir.path().join("b.sqlite"),
        Start::Content(Box::new(Content::from_json(&first).unwrap())),
    )
    .unwrap();
    let second = back.content().unwrap().to_json().unwrap();
    assert_eq!(first, second);
    assert!(first.starts_with("{\n  \"format\": \"planbook-workbook\",\n  \"version\": 1,"));
    assert!(
        back.history(10).unwrap().is_empty(),
        "the change log is not part of the JSON form"
    );
}

#[test]
fn bad_json_gets_a_clear_error_and_creates_nothing() {
    let dir = temp_dir();
    let target = dir.path().join("never.sqlite");
    let good = planbook_core::example::content("our-dorset")
        .unwrap()
        .to_json()
        .unwrap();
    let cases = [
        ("{", "bad_json"),
        ("[]", "bad_json"),
        (
            r#"{"format":"something-else","version":1,"plan":{}}"#,
            "bad_json",
        ),
        (
            &good.replace("\"version\": 1,", "\"version\": 99,"),
            "bad_json",
        ),
        (
            &good.replace("\"status\": \"on_track\"", "\"status\": \"sort of\""),
            "bad_json",
        ),
        (
            &good.replace(
                "\"title\": \"Our Dorset\"",
                "\"title\": \"Our Dorset\", \"colour\": \"red\"",
            ),
            "bad_json",
        ),
    ];
    for (text, code) in cases {
        let err = Content::from_json(text).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
    }
    // Content that parses but breaks the rules (a link to a missing row) is refused whole.
    let mut c = Content::from_json(&good).unwrap();
    c.action_priorities[0].priority_id = planbook_core::model::Id::new();
    let err = Workbook::create(&target, Start::Content(Box::new(c))).unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(!target.exists(), "a refused import leaves no file behind");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "not even a temporary one"
    );
    let _ = Workbook::open(&target, Access::ReadOnly).unwrap_err();
}
