//! Spreadsheets through the handlers, as the import dialog and the export use them: the plan
//! shown, the planner's choices, Import as one undoable edit, Import refused after the
//! workbook changed (and "Look again"), a new workbook from a sheet, the mapping saved, and
//! the export. Dialogs are answered from a script; the tracker is the fixture in
//! crates/core/tests/fixtures.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use planbook_core::model::Kind;
use planbook_core::sheet::review::ImportView;
use planbook_core::sheet::{Declined, Outcome};
use planbook_core::{Start, Workbook};

use super::test_support::TempDir;
use super::*;
use crate::dialogs::ScriptedDialogs;
use crate::recent::RecentList;
use crate::sheet_wire::{SheetChoices, SheetFormat, SheetImportStarted, SheetImported};

pub(super) fn tracker() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/core/tests/fixtures/partner-tracker.csv")
}

pub(super) fn state_with(dir: &TempDir, answers: &[String]) -> AppState {
    let lines: Vec<&str> = answers.iter().map(String::as_str).collect();
    let state = AppState::with(
        RecentList::in_memory(),
        Some(Arc::new(ScriptedDialogs::from_lines(&lines))),
    );
    state.set_backup_root(dir.path("data"));
    state
}

pub(super) fn open_blank(state: &AppState, path: &Path) -> WorkbookId {
    let start = Start::Blank {
        title: "Our plan".into(),
    };
    drop(Workbook::create(path, start).expect("create"));
    match open_path(state, path) {
        WindowState::Open { workbook, .. } => workbook,
        other => panic!("not opened: {other:?}"),
    }
}

pub(super) fn planned(started: SheetImportStarted) -> ImportView {
    match started {
        SheetImportStarted::Planned { view } => *view,
        other => panic!("not planned: {other:?}"),
    }
}

fn titles(state: &AppState, w: WorkbookId) -> Vec<String> {
    workbook_content(state, w)
        .expect("content")
        .actions
        .into_iter()
        .map(|a| a.title)
        .collect()
}

#[test]
fn the_plan_shows_columns_rows_and_statuses_and_import_is_one_undoable_edit() {
    let dir = TempDir::new("sheets-import");
    let state = state_with(&dir, &[format!("sheet {}", tracker().display())]);
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    let view = planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    assert_eq!(view.file_name, "partner-tracker.csv");
    assert_eq!(view.header_row, 3);
    let target = |header: &str| {
        view.columns
            .iter()
            .find(|c| c.header == header)
            .map(|c| c.target.clone())
    };
    assert_eq!(target("Ref").as_deref(), Some("code"));
    assert_eq!(target("RAG").as_deref(), Some("status"));
    assert_eq!(target("Lead officer").as_deref(), Some("note"));
    // The choices come from the action's declaration, then "note" and "ignore".
    let words: Vec<&str> = view.targets.iter().map(|t| t.word.as_str()).collect();
    assert!(words.starts_with(&["code", "title"]), "{words:?}");
    assert!(words.ends_with(&["note", "ignore"]), "{words:?}");
    assert!(
        view.rows
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Create { .. }))
    );
    let purple = view.statuses.iter().find(|s| s.written == "Purple");
    assert_eq!(purple.map(|s| s.status), Some(None), "{:?}", view.statuses);
    assert_eq!(view.counts.problems, 1);
    assert_eq!(
        view.new_rows.len(),
        2,
        "two new partners: {:?}",
        view.new_rows
    );
    assert!(titles(&state, w).is_empty(), "planning changes nothing");

    let imported = apply_sheet_import(&state, &Declined::default()).expect("import");
    let SheetImported::Imported { report } = imported else {
        panic!("not imported: {imported:?}");
    };
    assert_eq!(
        (report.created, report.label.as_str()),
        (2, "Import from partner-tracker.csv")
    );
    assert_eq!(
        titles(&state, w),
        [
            "Open a warm space in every library",
            "Train volunteers in benefits advice"
        ]
    );
    assert!(
        std::fs::read_dir(dir.path("data/backups")).is_ok_and(|mut d| d.next().is_some()),
        "a backup first"
    );
    undo(&state, w).expect("undo");
    assert!(titles(&state, w).is_empty(), "one undo takes it all back");
}

#[test]
fn the_planners_choices_replan_the_import() {
    let dir = TempDir::new("sheets-choices");
    let state = state_with(&dir, &[format!("sheet {}", tracker().display())]);
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    let choices = SheetChoices {
        sheet: None,
        columns: [("Lead officer".to_owned(), "ignore".to_owned())].into(),
        statuses: [("Purple".to_owned(), "dropped".to_owned())].into(),
        partners: Default::default(),
    };
    let view = replan_sheet_import(&state, choices).expect("replan");
    let officer = view.columns.iter().find(|c| c.header == "Lead officer");
    assert_eq!(officer.map(|c| c.target.as_str()), Some("ignore"));
    let purple = view.statuses.iter().find(|s| s.written == "Purple");
    assert_eq!(
        purple.and_then(|s| s.status),
        Some(planbook_core::model::ActionStatus::Dropped)
    );
    assert_eq!(view.counts.problems, 0);
    apply_sheet_import(&state, &Declined::default()).expect("import");
    let content = workbook_content(&state, w).expect("content");
    let t2 = content.actions.iter().find(|a| a.code == "T2").expect("T2");
    assert_eq!(t2.status, planbook_core::model::ActionStatus::Dropped);
    assert!(
        !t2.progress_note.contains("A Jones"),
        "{}",
        t2.progress_note
    );
}

#[test]
fn import_is_refused_after_the_workbook_changed_and_look_again_replans() {
    let dir = TempDir::new("sheets-stale");
    let state = state_with(&dir, &[format!("sheet {}", tracker().display())]);
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    let mut fields = Map::new();
    fields.insert("title".into(), "Typed meanwhile".into());
    add_row(&state, w, Kind::Action, fields).expect("an edit meanwhile");

    let refused = apply_sheet_import(&state, &Declined::default()).expect_err("refused");
    assert_eq!(refused.code, "changed_since");
    assert!(refused.message.contains("changed"), "{}", refused.message);
    assert!(refused.hint.contains("Look again"), "{}", refused.hint);
    assert_eq!(titles(&state, w), ["Typed meanwhile"], "nothing imported");

    // "Look again": the same choices, worked out from the workbook as it is now.
    replan_sheet_import(&state, SheetChoices::default()).expect("look again");
    apply_sheet_import(&state, &Declined::default()).expect("import");
    assert_eq!(titles(&state, w).len(), 3);
}

#[test]
fn start_from_a_spreadsheet_makes_a_new_workbook() {
    let dir = TempDir::new("sheets-new");
    let new = dir.path("from the tracker.sqlite");
    let state = state_with(
        &dir,
        &[
            format!("sheet {}", tracker().display()),
            format!("save {}", new.display()),
        ],
    );
    let view = planned(import_sheet_dialog(&state, None).expect("plan"));
    assert_eq!(view.counts.created, 2);
    let SheetImported::Created { report, window } =
        apply_sheet_import(&state, &Declined::default()).expect("import")
    else {
        panic!("not created");
    };
    assert_eq!(report.created, 2);
    let WindowState::Open { workbook, .. } = window else {
        panic!("not shown: {window:?}");
    };
    assert_eq!(state.shown_workbook(), Some(workbook));
    assert_eq!(titles(&state, workbook).len(), 2);
    assert_eq!(
        workbook_summary(&state, workbook).expect("summary").title,
        "Partner action tracker 2025/26"
    );
}

#[test]
fn the_mapping_is_saved_as_the_documented_file() {
    let dir = TempDir::new("sheets-mapping");
    let saved = dir.path("tracker mapping.json");
    let state = state_with(
        &dir,
        &[
            format!("sheet {}", tracker().display()),
            format!("json {}", saved.display()),
        ],
    );
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    let choices = SheetChoices {
        statuses: [("Purple".to_owned(), "dropped".to_owned())].into(),
        ..SheetChoices::default()
    };
    replan_sheet_import(&state, choices).expect("replan");
    let name = save_sheet_mapping(&state).expect("save");
    assert_eq!(name.as_deref(), Some("tracker mapping.json"));
    let mapping = planbook_core::sheet::Mapping::read(&saved).expect("a valid mapping file");
    assert_eq!(mapping.header_row, Some(3));
    assert_eq!(mapping.columns.get("Ref").map(String::as_str), Some("code"));
    assert_eq!(
        mapping.statuses.get("Purple").map(String::as_str),
        Some("dropped")
    );
}

#[test]
fn the_export_writes_the_tracker_and_can_be_opened() {
    let dir = TempDir::new("sheets-export");
    let xlsx = dir.path("actions.xlsx");
    let csv = dir.path("actions.csv");
    let state = state_with(
        &dir,
        &[
            format!("sheet {}", tracker().display()),
            format!("xlsx {}", xlsx.display()),
            format!("csv {}", csv.display()),
            "cancel".into(),
        ],
    );
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    apply_sheet_import(&state, &Declined::default()).expect("import");

    let written = export_sheet_dialog(&state, w, SheetFormat::Xlsx, None)
        .expect("export")
        .expect("not cancelled");
    assert_eq!(written.file_name, "actions.xlsx");
    assert_eq!(last_export(&state, w).expect("remembered"), xlsx);
    let back =
        planbook_core::sheet::read::read_grid(&xlsx, None, &Default::default()).expect("read back");
    assert_eq!(back.sheet, "Actions");

    export_sheet_dialog(&state, w, SheetFormat::Csv, None).expect("csv");
    let text = std::fs::read_to_string(&csv).expect("csv written");
    assert!(
        text.contains("Open a warm space in every library"),
        "{text}"
    );
    assert_eq!(
        export_sheet_dialog(&state, w, SheetFormat::Csv, None),
        Ok(None)
    );
}
