//! Spreadsheet import and export: a realistic council tracker (title rows, a merged priority,
//! RAG as letters, words and fills, free-text dates, a key below the table) read row by row;
//! CSV in Windows-1252 and UTF-8 with a BOM; one edit that one Undo takes back; and the round
//! trip of an exported tracker that changes only what the partner changed.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use chrono::NaiveDate;
use planbook_core::model::{ActionStatus, Kind, Partner, PartnerKind};
use planbook_core::sheet::values::List;
use planbook_core::sheet::{self, Mapping, Outcome};
use planbook_core::{Access, Content, Start, Workbook};

use common::tracker;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn blank(dir: &std::path::Path) -> Workbook {
    Workbook::create(
        &dir.join("new.sqlite"),
        Start::Blank {
            title: "Imported".into(),
        },
    )
    .unwrap()
}

#[test]
fn the_council_tracker_is_read_row_by_row() {
    let dir = common::temp_dir();
    let path = tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let plan = sheet::prepare(&path, None, &Mapping::default(), &Content::default()).unwrap();
    assert_eq!(plan.sheet, "Action plan");
    assert_eq!(plan.header_row, 4, "below the title rows");
    let rows: Vec<usize> = plan.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(
        plan.notes,
        [13, 14],
        "the key and the source note are not actions"
    );
    assert!(
        matches!(&plan.rows[5].outcome, Outcome::SetAside { reason } if reason.contains("no action title"))
    );
    assert!(matches!(&plan.rows[6].outcome, Outcome::Create { code, .. } if code == "HH4"));
    assert_eq!((plan.created(), plan.set_aside()), (6, 1));

    // The values that cannot be read are named by sheet, row and column.
    let problems: Vec<String> = plan.problems().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "sheet “Action plan”, row 8, column I (Target date): “soonish” is not a date"
        ),
        "{}",
        problems[0]
    );
    assert!(
        problems[1]
            .starts_with("sheet “Action plan”, row 8, column J (RAG): “Purple” is not a status"),
        "{}",
        problems[1]
    );

    let new: Vec<(List, &str, &str)> = plan
        .new_rows
        .iter()
        .map(|n| (n.list, n.code.as_str(), n.name.as_str()))
        .collect();
    for expected in [
        (List::Priority, "P1", "Healthy homes"),
        (List::Priority, "P2", "Mental health"),
        (List::Outcome, "O1", "Warmer homes"),
        (List::Outcome, "O2", "Safer homes"),
        (List::Partner, "", "Caerphilly CBC"),
        (List::Partner, "", "Age Cymru"),
        (List::Partner, "", "Mind Cymru"),
    ] {
        assert!(new.contains(&expected), "{expected:?} in {new:#?}");
    }
    // "Caerphilly CBC and Age Cymru" is two partners met before, not a third.
    assert_eq!(
        new.iter().filter(|n| n.0 == List::Partner).count(),
        6,
        "{new:#?}"
    );
}

#[test]
fn an_import_is_one_edit_that_one_undo_takes_back() {
    let dir = common::temp_dir();
    let path = tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let mut wb = blank(dir.path());
    let plan = sheet::prepare(&path, None, &Mapping::default(), &wb.content().unwrap()).unwrap();
    let report = sheet::apply(&mut wb, &plan).unwrap();
    assert_eq!((report.created, report.updated), (6, 0));
    assert_eq!(wb.history(10).unwrap().len(), 1, "one edit");
    assert_eq!(wb.history(1).unwrap()[0].label, "Import from tracker.xlsx");

    let c = wb.content().unwrap();
    let action = |code: &str| c.actions.iter().find(|a| a.code == code).unwrap();
    let hh1 = action("HH1");
    assert_eq!(hh1.title, "Insulate 500 council homes");
    assert_eq!(
        (hh1.start_date, hh1.due_date),
        (d(2025, 4, 1), d(2025, 12, 31))
    );
    assert_eq!(hh1.status, ActionStatus::OnTrack);
    for kept in [
        "Lead officer: J. Evans",
        "Q1 update: Survey done",
        "Q2 update: 200 homes fitted",
    ] {
        assert!(
            hh1.progress_note.contains(kept),
            "{kept} in {:?}",
            hh1.progress_note
        );
    }
    let name_of = |id: &planbook_core::model::Id| {
        c.partners
            .iter()
            .find(|p| &p.id == id)
            .unwrap()
            .name
            .clone()
    };
    assert_eq!(
        name_of(hh1.lead_partner_id.as_ref().unwrap()),
        "Caerphilly CBC"
    );
    let mut supporting: Vec<String> = c
        .action_partners
        .iter()
        .filter(|l| l.action_id == hh1.id)
        .map(|l| name_of(&l.partner_id))
        .collect();
    supporting.sort();
    assert_eq!(supporting, ["Age Cymru", "Care and Repair Cymru"]);
    // The merged priority serves all three of its actions; the new outcome serves P1.
    let p1 = c.priorities.iter().find(|p| p.code == "P1").unwrap();
    assert_eq!(
        c.action_priorities
            .iter()
            .filter(|l| l.priority_id == p1.id)
            .count(),
        3
    );
    let o1 = c.outcomes.iter().find(|o| o.code == "O1").unwrap();
    assert!(
        c.priority_outcomes
            .iter()
            .any(|l| l.priority_id == p1.id && l.outcome_id == o1.id)
    );

    let hh2 = action("HH2");
    assert_eq!(
        hh2.start_date,
        d(2025, 4, 1),
        "an Excel serial in a date column"
    );
    assert_eq!(
        (hh2.due_date, hh2.status),
        (d(2026, 3, 31), ActionStatus::AtRisk)
    );
    let hh3 = action("HH3");
    assert_eq!(hh3.due_date, None, "no date is invented for “Ongoing”");
    assert!(hh3.progress_note.contains("Target date: Ongoing"));
    assert_eq!(hh3.status, ActionStatus::OnTrack, "from the green fill");
    let mh1 = action("MH1");
    assert_eq!(mh1.due_date, None);
    assert!(
        mh1.progress_note.contains("Target date: soonish")
            && mh1.progress_note.contains("RAG: Purple"),
        "nothing of a bad value is lost"
    );
    assert_eq!(
        action("MH2").due_date,
        d(2026, 3, 31),
        "2025/26 ends on 31 March 2026"
    );
    assert_eq!(action("MH2").status, ActionStatus::OffTrack);
    assert!(action("HH4").progress_note.contains("Target date: TBC"));
    let council = c
        .partners
        .iter()
        .find(|p| p.name == "Caerphilly CBC")
        .unwrap();
    assert_eq!(council.kind, PartnerKind::LocalAuthority);

    wb.undo().unwrap();
    let c = wb.content().unwrap();
    assert!(c.actions.is_empty() && c.partners.is_empty() && c.priorities.is_empty());
}

#[test]
fn names_are_matched_by_code_and_by_folded_name() {
    let dir = common::temp_dir();
    let path = tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let mut wb = blank(dir.path());
    wb.add(Partner {
        name: "Caerphilly County Borough Council".into(),
        kind: PartnerKind::LocalAuthority,
        ..Partner::default()
    })
    .unwrap();
    let mut mapping = Mapping::default();
    mapping.statuses.insert("Purple".into(), "dropped".into());
    mapping.partners.insert(
        "Aneurin Bevan UHB".into(),
        "Caerphilly County Borough Council".into(),
    );
    let plan = sheet::prepare(&path, None, &mapping, &wb.content().unwrap()).unwrap();
    assert!(
        plan.matched.iter().any(|m| m.written == "Caerphilly CBC" && m.name == "Caerphilly County Borough Council"),
        "{:#?}",
        plan.matched
    );
    assert!(
        !plan
            .new_rows
            .iter()
            .any(|n| n.name.contains("Caerphilly") || n.name.contains("Bevan"))
    );
    assert_eq!(
        plan.problems().count(),
        1,
        "Purple is a status the mapping gives"
    );
    sheet::apply(&mut wb, &plan).unwrap();
    let c = wb.content().unwrap();
    assert_eq!(
        c.actions.iter().find(|a| a.code == "MH1").unwrap().status,
        ActionStatus::Dropped
    );
}

#[test]
fn csv_in_windows_1252_and_with_a_bom_is_read() {
    let dir = common::temp_dir();
    for (path, first, due) in [
        (
            tracker::windows_csv(dir.path(), "tracker.csv"),
            "Café drop-ins – every week",
            d(2026, 3, 31),
        ),
        (
            tracker::bom_csv(dir.path(), "bom.csv"),
            "Walk, talk and cycle",
            d(2026, 3, 31),
        ),
    ] {
        let mut wb = Workbook::create(
            &dir.path()
                .join(format!("{}.sqlite", path.display().to_string().len())),
            Start::Blank { title: "t".into() },
        )
        .unwrap();
        let plan =
            sheet::prepare(&path, None, &Mapping::default(), &wb.content().unwrap()).unwrap();
        assert_eq!(plan.set_aside(), 0, "{:#?}", plan.rows);
        sheet::apply(&mut wb, &plan).unwrap();
        let c = wb.content().unwrap();
        assert_eq!(c.actions[0].title, first);
        assert_eq!(c.actions[0].due_date, due);
        assert_eq!(c.actions[0].status, ActionStatus::OnTrack);
        assert_eq!(c.actions.len(), 2);
    }
}

#[test]
fn a_mapping_file_is_checked_and_used() {
    let dir = common::temp_dir();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"planbook_mapping": 1, "columns": {"Ref": "reference"}}"#,
    )
    .unwrap();
    let e = Mapping::read(&bad).unwrap_err().to_string();
    assert!(
        e.contains("“Ref” is mapped to “reference”, which is not one of code, title"),
        "{e}"
    );
    std::fs::write(&bad, r#"{"planbook_mapping": 2}"#).unwrap();
    assert!(
        Mapping::read(&bad)
            .unwrap_err()
            .to_string()
            .contains("version 2")
    );

    let good = dir.path().join("mapping.json");
    std::fs::write(
        &good,
        r#"{"planbook_mapping": 1, "sheet": "Action plan", "header_row": 4,
            "columns": {"Lead officer": "ignore", "Q2 update": "progress_note"}}"#,
    )
    .unwrap();
    let mapping = Mapping::read(&good).unwrap();
    let path = tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let mut wb = blank(dir.path());
    let plan = sheet::prepare(&path, None, &mapping, &wb.content().unwrap()).unwrap();
    sheet::apply(&mut wb, &plan).unwrap();
    let hh1 = wb
        .content()
        .unwrap()
        .actions
        .into_iter()
        .find(|a| a.code == "HH1")
        .unwrap();
    assert!(
        hh1.progress_note.starts_with("200 homes fitted"),
        "{:?}",
        hh1.progress_note
    );
    assert!(!hh1.progress_note.contains("J. Evans"));
    // What the mapping says is what it writes back.
    assert_eq!(Mapping::read(&good).unwrap().to_json(), mapping.to_json());
}

#[test]
fn an_exported_tracker_comes_back_changing_only_what_the_partner_changed() {
    let dir = common::temp_dir();
    let (path, mut wb) = common::example_at(dir.path(), "plan.sqlite");
    let before = wb.content().unwrap();
    let xlsx = dir.path().join("tracker.xlsx");
    assert_eq!(
        sheet::export(&before, &xlsx, None).unwrap(),
        before.actions.len()
    );
    let plan = sheet::prepare(&xlsx, None, &Mapping::default(), &before).unwrap();
    assert_eq!(plan.unchanged(), before.actions.len(), "{:#?}", plan.rows);
    assert!(!plan.changes_anything() && plan.problems().count() == 0);

    // The partner changes one status and one note in the CSV form and adds nothing else.
    let csv = dir.path().join("tracker.csv");
    sheet::export(&before, &csv, None).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let a = &before.actions[0];
    let line = text.lines().find(|l| l.starts_with(&a.code)).unwrap();
    let edited = line.replacen(a.status.label(), "At risk", 1).replacen(
        &a.progress_note,
        "Delayed by the winter",
        1,
    );
    std::fs::write(&csv, text.replacen(line, &edited, 1)).unwrap();
    let plan = sheet::prepare(&csv, None, &Mapping::default(), &before).unwrap();
    assert_eq!((plan.updated(), plan.created()), (1, 0), "{:#?}", plan.rows);
    let Outcome::Update { changes, .. } = &plan.rows[0].outcome else {
        panic!()
    };
    assert_eq!(changes.len(), 2, "{changes:#?}");
    sheet::apply(&mut wb, &plan).unwrap();
    let after = wb.content().unwrap();
    assert_eq!(after.actions[0].status, ActionStatus::AtRisk);
    assert_eq!(after.actions[0].progress_note, "Delayed by the winter");
    assert_eq!(
        after.actions[1..],
        before.actions[1..],
        "the other actions are as they were"
    );
    assert_eq!(after.action_partners, before.action_partners);
    drop(wb);
    let _ = Workbook::open(&path, Access::ReadOnly).unwrap();
}

#[test]
fn the_export_has_its_columns_from_the_declaration_and_one_lead_on_request() {
    let dir = common::temp_dir();
    let (_, wb) = common::example_at(dir.path(), "plan.sqlite");
    let c = wb.content().unwrap();
    let all = sheet::write::actions_sheet(&c, None).unwrap();
    let labels: Vec<String> = sheet::columns::action_columns()
        .iter()
        .map(|t| t.label())
        .collect();
    assert_eq!(all.headers, labels);
    let lead = &c.partners[0];
    let theirs = sheet::write::actions_sheet(&c, Some(&lead.name)).unwrap();
    let n = c
        .actions
        .iter()
        .filter(|a| a.lead_partner_id.as_ref() == Some(&lead.id))
        .count();
    assert_eq!(theirs.rows.len(), n);
    assert!(n > 0 && n < all.rows.len());
    let e = sheet::write::actions_sheet(&c, Some("Nobody at all"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("no partner called “Nobody at all”"), "{e}");
    assert_eq!(Kind::Action.list_name(), "actions");
}

/// The rule of an update round (docs/spreadsheets.md): in a tracker Planbook exported, a cell
/// the partner emptied clears the value, and the plan says so; in any other tracker an empty
/// cell says nothing.
#[test]
fn an_emptied_cell_clears_a_value_only_in_a_tracker_planbook_exported() {
    let dir = common::temp_dir();
    let (_, mut wb) = common::example_at(dir.path(), "plan.sqlite");
    let before = wb.content().unwrap();
    let a = before
        .actions
        .iter()
        .find(|a| a.due_date.is_some() && !a.progress_note.is_empty())
        .expect("an action with a due date and a note");
    let due = a.due_date.unwrap().format("%Y-%m-%d").to_string();
    let csv = dir.path().join("tracker.csv");
    sheet::export(&before, &csv, None).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let line = text.lines().find(|l| l.starts_with(&a.code)).unwrap();
    let emptied = line.replacen(&due, "", 1).replacen(&a.progress_note, "", 1);
    std::fs::write(&csv, text.replacen(line, &emptied, 1)).unwrap();

    let plan = sheet::prepare(&csv, None, &Mapping::default(), &before).unwrap();
    assert!(plan.exported);
    assert_eq!(plan.updated(), 1, "{:#?}", plan.rows);
    let changes = plan
        .rows
        .iter()
        .find_map(|r| match &r.outcome {
            Outcome::Update { changes, .. } => Some(changes.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert!(
        changes[0].to_string().starts_with("Due date “")
            && changes[0]
                .to_string()
                .ends_with("” cleared (its cell was emptied)"),
        "{changes:#?}"
    );
    assert!(
        changes[1].to_string().starts_with("Progress note “"),
        "{changes:#?}"
    );
    sheet::apply(&mut wb, &plan).unwrap();
    let after = wb.content().unwrap();
    let b = after.actions.iter().find(|b| b.id == a.id).unwrap();
    assert_eq!((b.due_date, b.progress_note.as_str()), (None, ""));
    assert_eq!(b.title, a.title, "the title is never cleared");

    // The same emptied cells under a tracker's own header: nothing is cleared.
    let (_, wb) = common::example_at(dir.path(), "again.sqlite");
    let before = wb.content().unwrap();
    let own = std::fs::read_to_string(&csv)
        .unwrap()
        .replacen("Due date", "Target date", 1);
    let own_csv = dir.path().join("own.csv");
    std::fs::write(&own_csv, own).unwrap();
    let plan = sheet::prepare(&own_csv, None, &Mapping::default(), &before).unwrap();
    assert!(!plan.exported);
    assert!(!plan.changes_anything(), "{:#?}", plan.rows);
}

/// An import applies to the workbook it was worked out from, or not at all: an edit made in
/// between would otherwise be overwritten (the app offers "Look again").
#[test]
fn an_import_worked_out_before_an_edit_is_refused() {
    let dir = common::temp_dir();
    let (_, mut wb) = common::example_at(dir.path(), "plan.sqlite");
    let path = tracker::council_xlsx(dir.path(), "tracker.xlsx");
    let plan = sheet::prepare(&path, None, &Mapping::default(), &wb.content().unwrap()).unwrap();
    let action = wb.content().unwrap().actions[0].id.clone();
    wb.set(Kind::Action, &action, "title", "Changed meanwhile".into())
        .unwrap();
    let edited = wb.content().unwrap();
    let e = sheet::apply(&mut wb, &plan).unwrap_err();
    assert_eq!(e.code(), "changed_since", "{e}");
    assert!(e.to_string().contains("nothing was changed"), "{e}");
    assert_eq!(wb.content().unwrap(), edited, "nothing was written");

    // The plan's own details are not what an import reads: a new title does not stop it.
    let plan = sheet::prepare(&path, None, &Mapping::default(), &edited).unwrap();
    let plan_id = edited.plan.id.clone();
    wb.set(Kind::Plan, &plan_id, "title", "Retitled".into())
        .unwrap();
    sheet::apply(&mut wb, &plan).unwrap();
}
