//! The scenarios of the start screen and of opening (see `recordings.rs`): no workbook, the
//! recent list, new workbooks, files that cannot be opened, a damaged file recovered.

use planbook_core::Start;
use serde_json::json;

use super::recorder::Scenario;
use super::recordings::{W, example_file, opening_reads};
use super::test_support::damage;
use super::*;

pub(super) fn start() -> Scenario {
    let mut s = Scenario::new("start", &["open {dir}/notes.sqlite"]);
    std::fs::write(
        s.dir.path("notes.sqlite"),
        b"Dear all, please find attached the plan.",
    )
    .unwrap();
    assert_eq!(open_at_start(&s.state, None), WindowState::NoWorkbook);
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    s.read("recent_workbooks", json!({}), |st| Ok(recent_workbooks(st)))
        .unwrap();
    s.step("open_workbook_dialog", json!({}), |st| {
        Ok(open_workbook_dialog(st))
    })
    .unwrap();
    s
}

pub(super) fn new_example() -> Scenario {
    let mut s =
        Scenario::new("new-example", &["save {dir}/Our Dorset example.sqlite"]).from("start");
    open_at_start(&s.state, None);
    s.step("new_workbook_dialog", json!({ "start": "example" }), |st| {
        new_workbook_dialog(st, NewStart::Example)
    })
    .unwrap();
    opening_reads(&mut s, W);
    s
}

/// Two workbooks opened before and closed: the example and one with a hostile title.
fn recent_setup(s: &mut Scenario) {
    let hostile = s.dir.path("x.sqlite");
    let title = "<img src=x onerror=alert(1)>".into();
    drop(Workbook::create(&hostile, Start::Blank { title }).unwrap());
    let example = example_file(s, "Our Dorset.sqlite");
    open_path(&s.state, &hostile);
    let WindowState::Open { workbook, .. } = open_path(&s.state, &example) else {
        panic!("the example did not open");
    };
    close_workbook(&s.state, workbook);
    alias_recent_keys(s);
}

/// The recent list's keys (hashes of the scenario's paths) read as `recent-N`.
pub(super) fn alias_recent_keys(s: &mut Scenario) {
    for (i, r) in recent_workbooks(&s.state).iter().enumerate() {
        s.alias(r.key.clone(), format!("recent-{}", i + 1));
    }
}

pub(super) fn recent() -> Scenario {
    let mut s = Scenario::new("recent", &[]);
    recent_setup(&mut s);
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    let listed = s
        .read("recent_workbooks", json!({}), |st| Ok(recent_workbooks(st)))
        .unwrap();
    let key = listed[0].key.clone();
    let Ok(WindowState::Open { workbook, .. }) =
        s.step("open_recent", json!({ "key": key.clone() }), |st| {
            open_recent(st, &key)
        })
    else {
        panic!("the recent workbook did not open");
    };
    opening_reads(&mut s, workbook);
    s
}

pub(super) fn new_blank() -> Scenario {
    let mut s = Scenario::new("new-blank", &["save {dir}/New plan.sqlite"]).from("recent");
    recent_setup(&mut s);
    s.step("new_workbook_dialog", json!({ "start": "blank" }), |st| {
        new_workbook_dialog(st, NewStart::Blank)
    })
    .unwrap();
    s
}

pub(super) fn open_failed(name: &'static str, bytes: &[u8]) -> Scenario {
    let mut s = Scenario::new(name, &[]);
    let path = s.dir.path("notes.sqlite");
    std::fs::write(&path, bytes).unwrap();
    open_at_start(&s.state, Some(&path));
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    s
}

pub(super) fn missing() -> Scenario {
    let mut s = Scenario::new("missing", &[]);
    open_at_start(&s.state, Some(&s.dir.path("nowhere.sqlite")));
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    s
}

/// A damaged example, then what can be read of it recovered into a new workbook.
pub(super) fn corrupt() -> Scenario {
    let mut s = Scenario::new("corrupt", &["save {dir}/received (recovered).sqlite"]);
    let path = example_file(&s, "received.sqlite");
    damage(&path);
    open_at_start(&s.state, Some(&path));
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    let Ok(WindowState::Open { workbook, .. }) =
        s.step("recover_dialog", json!({}), recover_dialog)
    else {
        panic!("nothing was recovered");
    };
    opening_reads(&mut s, workbook);
    s
}
