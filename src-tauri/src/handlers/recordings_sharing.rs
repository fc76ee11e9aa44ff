//! The scenarios of saving, sending, merging, restoring and exporting (see `recordings.rs`).

use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use planbook_core::{Access, Start};
use serde_json::json;

use super::recorder::Scenario;
use super::recordings::{W, id_of, opened, wb};
use super::*;
use crate::wire::MergeChoice;

pub(super) fn save_copy() -> Scenario {
    let mut s = opened("save-copy", &["save {dir}/Copy of Our Dorset.sqlite"]).from("example");
    s.step("save_copy_dialog", wb(W), |st| save_copy_dialog(st, W))
        .unwrap();
    s
}

pub(super) fn send_copy() -> Scenario {
    let mut s = opened("send-copy", &["save {dir}/Our Dorset (sent).sqlite"]).from("example");
    s.step(
        "send_copy_dialog",
        json!({ "workbook": W, "withHistory": true }),
        |st| send_copy_dialog(st, W, true),
    )
    .unwrap();
    s
}

pub(super) fn send_copy_refused() -> Scenario {
    let mut s = opened("send-copy-refused", &["save {dir}/Our Dorset.sqlite"]).from("example");
    let refused = s.step(
        "send_copy_dialog",
        json!({ "workbook": W, "withHistory": false }),
        |st| send_copy_dialog(st, W, false),
    );
    assert!(
        refused.is_err(),
        "sending a copy over the open workbook is refused"
    );
    s
}

fn merge_step(s: &mut Scenario) -> crate::wire::MergeStarted {
    s.step("merge_dialog", wb(W), |st| merge_dialog(st, W))
        .unwrap()
}

pub(super) fn merge_cancelled() -> Scenario {
    let mut s = opened("merge-cancelled", &["cancel"]).from("example");
    merge_step(&mut s);
    s
}

/// The scenario's example sent to a colleague (not recorded), as `from Sam.sqlite`.
fn sent(name: &'static str, answers: &[&str]) -> (Scenario, PathBuf) {
    let mut lines = vec!["save {dir}/from Sam.sqlite"];
    lines.extend_from_slice(answers);
    // Not `from` the example: the scenarios then edit before they record.
    let s = opened(name, &lines);
    send_copy_dialog(&s.state, W, false).unwrap().expect("sent");
    let theirs = s.dir.path("from Sam.sqlite");
    (s, theirs)
}

fn colleague(path: &Path, f: impl FnOnce(&mut Workbook, &Content)) {
    let mut theirs = Workbook::open(path, Access::Edit).expect("open theirs");
    let content = theirs.content().expect("their content");
    f(&mut theirs, &content);
}

pub(super) fn merge_clean() -> Scenario {
    let (mut s, theirs) = sent("merge-clean", &["open {dir}/from Sam.sqlite"]);
    colleague(&theirs, |w, c| {
        w.set(
            Kind::Plan,
            &c.plan.id,
            "vision",
            "Everyone in Dorset lives well.".into(),
        )
        .unwrap();
        w.add_fields(
            Kind::Aim,
            json!({ "title": "Work as one" })
                .as_object()
                .cloned()
                .unwrap(),
        )
        .unwrap();
    });
    merge_step(&mut s);
    s
}

pub(super) fn merge_nothing() -> Scenario {
    let (mut s, _) = sent("merge-nothing", &["open {dir}/from Sam.sqlite"]);
    merge_step(&mut s);
    s
}

/// Both changed the plan's title; they deleted an action I changed.
pub(super) fn merge_conflicts() -> Scenario {
    let (mut s, theirs) = sent("merge-conflicts", &["open {dir}/from Sam.sqlite"]);
    colleague(&theirs, |w, c| {
        w.set(Kind::Plan, &c.plan.id, "title", "Sam’s title".into())
            .unwrap();
        let a04 = c.actions.iter().find(|a| a.code == "A04").expect("A04");
        w.delete(Kind::Action, &a04.id).unwrap();
    });
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    set_field(&s.state, W, Kind::Plan, &plan, "title", "My title".into()).unwrap();
    let a04 = id_of(&s, Kind::Action, "A04");
    set_field(
        &s.state,
        W,
        Kind::Action,
        &a04,
        "progress_note",
        "Kept, with changes".into(),
    )
    .unwrap();
    merge_step(&mut s);
    let choices = json!([{ "kind": "own", "text": "Our agreed title" }, { "kind": "theirs" }]);
    let typed: Vec<MergeChoice> = serde_json::from_value(choices.clone()).unwrap();
    s.step(
        "finish_merge",
        json!({ "workbook": W, "choices": choices }),
        |st| finish_merge(st, W, typed),
    )
    .unwrap();
    s
}

/// A workbook that is no copy of this one.
pub(super) fn merge_refused() -> Scenario {
    let mut s = opened("merge-refused", &["open {dir}/other.sqlite"]).from("example");
    let other = s.dir.path("other.sqlite");
    drop(
        Workbook::create(
            &other,
            Start::Blank {
                title: "Another plan".into(),
            },
        )
        .unwrap(),
    );
    assert!(
        s.step("merge_dialog", wb(W), |st| merge_dialog(st, W))
            .is_err()
    );
    s
}

/// Two backups of edited states, fifteen minutes apart, and the older restored.
pub(super) fn restore() -> Scenario {
    let mut s = opened("restore", &[]);
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 13, 50, 0).unwrap();
    for (title, at) in [
        ("Our Dorset plan", t0),
        ("Our Dorset plan, revised", t0 + Duration::minutes(60)),
    ] {
        set_field(&s.state, W, Kind::Plan, &plan, "title", title.into()).unwrap();
        take_due_backups(&s.state, at);
    }
    let backups = s
        .read("list_backups", wb(W), |st| list_backups(st, W))
        .unwrap();
    let older = backups.last().expect("two backups").file_name.clone();
    s.step(
        "restore_backup",
        json!({ "workbook": W, "fileName": older }),
        |st| restore_backup(st, W, &older),
    )
    .unwrap();
    s
}

/// The example with a character no font has in an action's title (so the PDF warns), and
/// its export defaults.
fn export_setup(name: &'static str, answers: &[&str]) -> Scenario {
    let mut s = opened(name, answers);
    let a01 = id_of(&s, Kind::Action, "A01");
    let title = "Extend the Healthy Homes Dorset scheme 𓀀";
    set_field(&s.state, W, Kind::Action, &a01, "title", title.into()).unwrap();
    s.read("export_defaults", wb(W), |st| export_defaults(st, W))
        .unwrap();
    s
}

fn export_pdf_step(s: &mut Scenario, options: Value) {
    let typed: ExportOptions = serde_json::from_value(options.clone()).unwrap();
    s.step_with_events(
        "export_pdf_dialog",
        json!({ "workbook": W, "options": options }),
        |st, progress| export_pdf_dialog(st, W, &typed, progress),
    )
    .unwrap();
}

fn default_options(s: &Scenario) -> Value {
    serde_json::to_value(export_defaults(&s.state, W).unwrap()).unwrap()
}

/// PDF on Letter, without the contents or the dropped actions, not DRAFT; then opened.
pub(super) fn export_pdf() -> Scenario {
    let mut s = export_setup("export-pdf", &["pdf {dir}/<b>Plan.pdf"]);
    let mut options = default_options(&s);
    options["paper"] = "letter".into();
    options["draft"] = false.into();
    options["parts"] = json!([
        "cover",
        "sections",
        "aims",
        "plan_on_a_page",
        "priorities",
        "engagement",
        "traceability",
        "partners",
        "glossary"
    ]);
    options["statuses"] = json!([
        "not_started",
        "on_track",
        "at_risk",
        "off_track",
        "complete"
    ]);
    export_pdf_step(&mut s, options);
    s.step("open_export", wb(W), |st| last_export(st, W).map(|_| ()))
        .unwrap();
    s.step("show_export_in_folder", wb(W), |st| {
        last_export(st, W).map(|_| ())
    })
    .unwrap();
    s
}

/// Only the cover, and the Save dialog cancelled.
pub(super) fn export_cancelled() -> Scenario {
    let mut s = export_setup("export-cancelled", &["cancel"]).from("export-pdf");
    let mut options = default_options(&s);
    options["parts"] = json!(["cover"]);
    export_pdf_step(&mut s, options);
    s
}

pub(super) fn export_docx() -> Scenario {
    let mut s = export_setup("export-docx", &["docx {dir}/Our Dorset.docx"]).from("export-pdf");
    let options = default_options(&s);
    let typed: ExportOptions = serde_json::from_value(options.clone()).unwrap();
    let args = json!({ "workbook": W, "format": "docx", "options": options });
    s.step("export_document_dialog", args, |st| {
        export_document_dialog(st, W, DocumentFormat::Docx, &typed)
    })
    .unwrap();
    s
}

pub(super) fn export_html_cancelled() -> Scenario {
    let mut s = export_setup("export-html-cancelled", &["cancel"]).from("export-pdf");
    let options = default_options(&s);
    let typed: ExportOptions = serde_json::from_value(options.clone()).unwrap();
    let args = json!({ "workbook": W, "format": "html", "options": options });
    s.step("export_document_dialog", args, |st| {
        export_document_dialog(st, W, DocumentFormat::Html, &typed)
    })
    .unwrap();
    s
}
