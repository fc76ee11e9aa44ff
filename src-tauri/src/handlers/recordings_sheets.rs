//! The scenarios of spreadsheets in and out (see `recordings.rs`): a tracker imported into
//! the example with the planner's choices, refused after an edit and looked at again, its
//! mapping saved; an update sent to one lead partner, brought back with a change declined;
//! and the next round of a tracker, read with the mapping the workbook remembers.

use std::path::PathBuf;

use planbook_core::sheet::{Declined, DeclinedChange};
use serde_json::json;

use super::recorder::Scenario;
use super::recordings::{W, opened, wb};
use super::*;
use crate::sheet_wire::{SheetChoices, SheetFormat};

/// The fixture tracker (crates/core/tests/fixtures), copied into the scenario's folder.
fn tracker(s: &Scenario) -> PathBuf {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/fixtures/partner-tracker.csv");
    let to = s.dir.path("partner-tracker.csv");
    std::fs::copy(fixture, &to).expect("copy the tracker");
    to
}

fn start(s: &mut Scenario) {
    s.step("import_sheet_dialog", wb(W), |st| {
        import_sheet_dialog(st, Some(W))
    })
    .unwrap();
}

/// The choices as the window sends them, and as the handler takes them.
fn replan(s: &mut Scenario, choices: serde_json::Value) {
    let typed: SheetChoices = serde_json::from_value(choices.clone()).unwrap();
    s.step("replan_sheet_import", json!({ "choices": choices }), |st| {
        replan_sheet_import(st, typed)
    })
    .unwrap();
}

fn apply(s: &mut Scenario, declined: serde_json::Value) -> Result<(), ()> {
    let typed: Declined = serde_json::from_value(declined.clone()).unwrap();
    s.step(
        "apply_sheet_import",
        json!({ "declined": declined }),
        |st| apply_sheet_import(st, &typed),
    )
    .map(|_| ())
    .map_err(|_| ())
}

fn none_declined() -> serde_json::Value {
    json!({ "rows": [], "changes": [] })
}

/// The tracker into the example: a column ignored, then a status chosen, then Import.
pub(super) fn sheet_import() -> Scenario {
    let mut s = opened("sheet-import", &["sheet {dir}/partner-tracker.csv"]).from("example");
    tracker(&s);
    start(&mut s);
    let mut choices = json!({ "sheet": null, "columns": { "Lead officer": "ignore" }, "statuses": {}, "partners": {} });
    replan(&mut s, choices.clone());
    choices["statuses"] = json!({ "Purple": "dropped" });
    replan(&mut s, choices);
    apply(&mut s, none_declined()).unwrap();
    s
}

/// "G" read as on track, then answered "not a status" (kept as "", not dropped, so the
/// reading Planbook would make is not used again).
pub(super) fn sheet_not_a_status() -> Scenario {
    let mut s = opened("sheet-not-a-status", &["sheet {dir}/partner-tracker.csv"]).from("example");
    tracker(&s);
    start(&mut s);
    replan(
        &mut s,
        json!({ "sheet": null, "columns": {}, "statuses": { "G": "" }, "partners": {} }),
    );
    s
}

/// Import refused after an edit made meanwhile; Look again, then Import.
pub(super) fn sheet_import_refused() -> Scenario {
    let mut s =
        opened("sheet-import-refused", &["sheet {dir}/partner-tracker.csv"]).from("example");
    tracker(&s);
    start(&mut s);
    let a01 = super::recordings::id_of(&s, Kind::Action, "A01");
    set_field(
        &s.state,
        W,
        Kind::Action,
        &a01,
        "title",
        "Typed meanwhile".into(),
    )
    .unwrap();
    assert!(apply(&mut s, none_declined()).is_err(), "refused");
    replan(
        &mut s,
        json!({ "sheet": null, "columns": {}, "statuses": {}, "partners": {} }),
    );
    apply(&mut s, none_declined()).unwrap();
    s
}

/// The Open dialog cancelled.
pub(super) fn sheet_import_cancelled() -> Scenario {
    let mut s = opened("sheet-import-cancelled", &["cancel"]).from("example");
    start(&mut s);
    s
}

/// The mapping saved as a file.
pub(super) fn sheet_mapping() -> Scenario {
    let mut s = opened(
        "sheet-mapping",
        &[
            "sheet {dir}/partner-tracker.csv",
            "json {dir}/partner-tracker mapping.json",
        ],
    )
    .from("example");
    tracker(&s);
    start(&mut s);
    s.step("save_sheet_mapping", json!({}), save_sheet_mapping)
        .unwrap();
    s
}

/// The actions as a spreadsheet, all of them or one lead partner's ("Send for an update…").
fn export(s: &mut Scenario, lead: Option<&str>) {
    s.step(
        "export_sheet_dialog",
        json!({ "workbook": W, "format": "csv", "lead": lead }),
        |st| export_sheet_dialog(st, W, SheetFormat::Csv, lead),
    )
    .unwrap();
}

/// The lead partner of the scenarios' update round: the example's first partner.
fn first_partner(s: &Scenario) -> String {
    workbook_content(&s.state, W).unwrap().partners[0]
        .name
        .clone()
}

pub(super) fn sheet_export() -> Scenario {
    let mut s = opened("sheet-export", &["csv {dir}/Our Dorset actions.csv"]).from("example");
    export(&mut s, None);
    s.step("open_export", wb(W), |st| last_export(st, W).map(|_| ()))
        .unwrap();
    s.step("show_export_in_folder", wb(W), |st| {
        last_export(st, W).map(|_| ())
    })
    .unwrap();
    s
}

pub(super) fn sheet_send_update() -> Scenario {
    let mut s = opened("sheet-send-update", &["csv {dir}/update.csv"]).from("example");
    let lead = first_partner(&s);
    export(&mut s, Some(&lead));
    s
}

/// The first partner's tracker comes back with a status and a note changed on one action
/// (not recorded: sent and filled in before the window asks); the status is declined.
pub(super) fn sheet_bring_back() -> Scenario {
    let mut s = opened(
        "sheet-bring-back",
        &["csv {dir}/update.csv", "sheet {dir}/update.csv"],
    )
    .from("example");
    let lead = first_partner(&s);
    export_sheet_dialog(&s.state, W, SheetFormat::Csv, Some(&lead)).unwrap();
    let csv = s.dir.path("update.csv");
    let content = workbook_content(&s.state, W).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let a = content
        .actions
        .iter()
        .find(|a| !a.progress_note.is_empty() && text.lines().any(|l| l.starts_with(&a.code)))
        .expect("one of theirs with a note");
    let line = text.lines().find(|l| l.starts_with(&a.code)).unwrap();
    let to = if a.status.label() == "At risk" {
        "Complete"
    } else {
        "At risk"
    };
    let edited = line.replacen(a.status.label(), to, 1).replacen(
        &a.progress_note,
        "Two more areas from January.",
        1,
    );
    std::fs::write(&csv, text.replacen(line, &edited, 1)).unwrap();
    start(&mut s);
    let row = text.lines().position(|l| l.starts_with(&a.code)).unwrap() + 1;
    let declined = Declined {
        rows: Default::default(),
        changes: [DeclinedChange {
            row,
            field: "status".into(),
        }]
        .into(),
    };
    apply(&mut s, serde_json::to_value(declined).unwrap()).unwrap();
    s
}

/// The tracker's second round: read as the planner read it the first time (their choices,
/// not recorded), then a partner matched to another.
pub(super) fn sheet_remembered() -> Scenario {
    let mut s = opened(
        "sheet-remembered",
        &[
            "sheet {dir}/partner-tracker.csv",
            "sheet {dir}/partner-tracker.csv",
        ],
    )
    .from("example");
    tracker(&s);
    import_sheet_dialog(&s.state, Some(W)).unwrap();
    let first = SheetChoices {
        columns: [("Lead officer".to_owned(), "ignore".to_owned())].into(),
        statuses: [("Purple".to_owned(), "dropped".to_owned())].into(),
        ..SheetChoices::default()
    };
    replan_sheet_import(&s.state, first).unwrap();
    apply_sheet_import(&s.state, &Declined::default()).unwrap();
    start(&mut s);
    replan(
        &mut s,
        json!({ "sheet": null, "columns": {}, "statuses": {}, "partners": { "Citizens Advice": "" } }),
    );
    s
}
