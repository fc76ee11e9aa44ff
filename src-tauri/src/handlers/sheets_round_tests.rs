//! An update round through the handlers: "Send for an update…" writes one lead partner's
//! tracker; "Bring back an update…" shows whose update it is and each change field by field,
//! and applies only what the planner accepted; the partners' mapping is changeable; and the
//! mapping the planner made is remembered in the workbook for the next round.
use std::path::Path;

use planbook_core::model::{ActionStatus, Kind};
use planbook_core::sheet::{Declined, DeclinedChange, Outcome};
use planbook_core::{Start, Workbook, example};

use super::sheets_tests::{open_blank, planned, state_with, tracker};
use super::test_support::TempDir;
use super::*;
use crate::sheet_wire::{SheetChoices, SheetFormat, SheetImported};

fn open_example(state: &AppState, path: &Path) -> WorkbookId {
    let start = Start::Content(Box::new(example::content("our-dorset").expect("example")));
    drop(Workbook::create(path, start).expect("create"));
    match open_path(state, path) {
        WindowState::Open { workbook, .. } => workbook,
        other => panic!("not opened: {other:?}"),
    }
}

#[test]
fn an_update_is_sent_to_one_partner_and_brought_back_with_a_change_declined() {
    let dir = TempDir::new("sheets-round");
    let csv = dir.path("update.csv");
    let state = state_with(
        &dir,
        &[
            format!("csv {}", csv.display()),
            format!("sheet {}", csv.display()),
        ],
    );
    let w = open_example(&state, &dir.path("plan.sqlite"));
    let content = workbook_content(&state, w).expect("content");
    let lead = content.partners[0].clone();
    let theirs: Vec<_> = content
        .actions
        .iter()
        .filter(|a| a.lead_partner_id.as_ref() == Some(&lead.id))
        .collect();
    assert!(!theirs.is_empty() && theirs.len() < content.actions.len());

    let written = export_sheet_dialog(&state, w, SheetFormat::Csv, Some(&lead.name))
        .expect("send")
        .expect("not cancelled");
    assert_eq!(written.file_name, "update.csv");
    let text = std::fs::read_to_string(&csv).expect("written");
    assert_eq!(text.lines().count(), theirs.len() + 1, "their actions only");

    // The partner changes the first action's status and note.
    let a = *theirs
        .iter()
        .find(|a| !a.progress_note.is_empty())
        .expect("one of theirs with a note");
    let line = text.lines().find(|l| l.starts_with(&a.code)).expect("row");
    let to = if a.status == ActionStatus::AtRisk {
        "Complete"
    } else {
        "At risk"
    };
    let edited =
        line.replacen(a.status.label(), to, 1)
            .replacen(&a.progress_note, "Partner's news", 1);
    std::fs::write(&csv, text.replacen(line, &edited, 1)).expect("edit");

    let view = planned(import_sheet_dialog(&state, Some(w)).expect("bring back"));
    assert_eq!(view.from_partner.as_deref(), Some(lead.name.as_str()));
    let row = view
        .rows
        .iter()
        .find(|r| matches!(r.outcome, Outcome::Update { .. }))
        .expect("an update");
    let Outcome::Update { changes, .. } = &row.outcome else {
        unreachable!()
    };
    let words: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(words, ["status", "progress_note"]);
    assert_eq!(changes[0].before, a.status.label(), "Planbook's value");
    assert_eq!(changes[0].after, to, "the partner's value");

    let declined = Declined {
        rows: Default::default(),
        changes: [DeclinedChange {
            row: row.row,
            field: "status".into(),
        }]
        .into(),
    };
    let SheetImported::Imported { report } = apply_sheet_import(&state, &declined).expect("import")
    else {
        panic!("not imported")
    };
    assert_eq!((report.created, report.updated), (0, 1));
    let after = workbook_content(&state, w).expect("content");
    let b = after.actions.iter().find(|b| b.id == a.id).expect("there");
    assert_eq!(b.status, a.status, "the declined status is Planbook's");
    assert_eq!(b.progress_note, "Partner's news", "the accepted note");
}

#[test]
fn the_partners_mapping_is_changeable_and_the_mapping_is_remembered() {
    let dir = TempDir::new("sheets-remember");
    let answers = [format!("sheet {}", tracker().display())];
    let state = state_with(&dir, &[answers[0].clone(), answers[0].clone()]);
    let w = open_blank(&state, &dir.path("plan.sqlite"));
    let mut fields = serde_json::Map::new();
    fields.insert("name".into(), "Dorset Council".into());
    add_row(&state, w, Kind::Partner, fields).expect("a partner");
    let view = planned(import_sheet_dialog(&state, Some(w)).expect("plan"));
    assert!(!view.remembered);
    assert_eq!(view.partner_choices, ["Dorset Council"]);
    let written = "Citizens Advice".to_owned();
    let seen = view.partners.iter().find(|p| p.written == written);
    assert_eq!(seen.map(|p| p.partner.clone()), Some(None), "a new partner");

    let choices = SheetChoices {
        columns: [("Lead officer".to_owned(), "ignore".to_owned())].into(),
        partners: [(written.clone(), "Dorset Council".to_owned())].into(),
        ..SheetChoices::default()
    };
    let view = replan_sheet_import(&state, choices).expect("replan");
    let seen = view.partners.iter().find(|p| p.written == written);
    assert_eq!(
        seen.and_then(|p| p.partner.as_deref()),
        Some("Dorset Council")
    );
    apply_sheet_import(&state, &Declined::default()).expect("import");

    // The next round of the same tracker: read as the planner chose, with no file saved.
    let again = planned(import_sheet_dialog(&state, Some(w)).expect("again"));
    assert!(again.remembered);
    let officer = again.columns.iter().find(|c| c.header == "Lead officer");
    assert_eq!(officer.map(|c| c.target.as_str()), Some("ignore"));
    let seen = again.partners.iter().find(|p| p.written == written);
    assert_eq!(
        seen.and_then(|p| p.partner.as_deref()),
        Some("Dorset Council")
    );

    // A choice made now goes over what was remembered, which stays.
    let choices = SheetChoices {
        partners: [(written.clone(), String::new())].into(),
        ..SheetChoices::default()
    };
    let view = replan_sheet_import(&state, choices).expect("replan");
    let officer = view.columns.iter().find(|c| c.header == "Lead officer");
    assert_eq!(officer.map(|c| c.target.as_str()), Some("ignore"));
    let seen = view.partners.iter().find(|p| p.written == written);
    assert_eq!(
        seen.map(|p| p.partner.clone()),
        Some(None),
        "a new partner now"
    );
}
