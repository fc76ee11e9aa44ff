//! Spreadsheets in the window: the fixture tracker (crates/core/tests/fixtures) imported into
//! the example through File › Import a Spreadsheet… (the Open dialog answered from the
//! script, as every file dialog is), its plan looked at, imported as one edit that Undo
//! offers to take back, the new action seen in the window; then the actions exported as a
//! spreadsheet; and an update round (sent to one lead partner, brought back with a change
//! declined). What the app wrote is checked with core after it has quit.

use planbook_core::Access;

use crate::*;

const NEW_ACTION: &str = "Open a warm space in every library";

#[test]
fn e2e_import_a_tracker_into_the_example_and_export_a_spreadsheet() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Our plan.sqlite");
    let content = example::content("our-dorset").unwrap();
    let actions_before = content.actions.len();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    let tracker = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/fixtures/partner-tracker.csv");
    let exported = desktop.path("Our plan actions.xlsx");
    desktop.answer(&format!("sheet {}", tracker.display()));
    desktop.answer(&format!("xlsx {}", exported.display()));

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("import-sheet");
    app.get("sheet-import-dialog");
    let rows = app.wait_text("sheet-import-rows", |t| t.contains(NEW_ACTION));
    assert!(rows.contains("New action T1"), "{rows}");
    assert!(
        rows.contains("“Purple”"),
        "the unknown status is reported: {rows}"
    );
    app.click_testid("sheet-import-start");
    app.wait_text("sheet-import-done", |t| {
        t.contains("Imported 2 new actions")
    });
    app.click_testid("sheet-import-close");
    app.wait("the import dialog to go", || {
        app.all("[data-testid='sheet-import-dialog']")
            .is_empty()
            .then_some(())
    });
    app.wait_undo_offers("import from partner-tracker.csv");
    app.click_testid("nav-actions");
    app.wait_page_text(NEW_ACTION);

    // The actions out again, as a spreadsheet: where it went, in full.
    app.click_testid("export-sheet");
    app.get("sheet-export-dialog");
    app.click_testid("sheet-export-start");
    let folder = exported.parent().unwrap().display().to_string();
    app.wait_text("sheet-export-done", |t| {
        t.contains("Our plan actions.xlsx") && t.contains(&folder)
    });
    assert!(std::fs::read(&exported).unwrap().starts_with(b"PK\x03\x04"));
    app.click_testid("sheet-export-close");
    app.quit();

    let wb = wait_for(PATIENCE, "the app to let go of the workbook", || {
        Workbook::open(&file, Access::Edit).ok()
    });
    let c = wb.content().unwrap();
    assert_eq!(c.actions.len(), actions_before + 2);
    assert!(
        c.actions
            .iter()
            .any(|a| a.code == "T1" && a.title == NEW_ACTION)
    );
    let back = planbook_core::sheet::prepare(
        &exported,
        None,
        &planbook_core::sheet::Mapping::default(),
        &c,
    )
    .unwrap();
    assert_eq!(
        back.unchanged(),
        c.actions.len(),
        "the export reads back unchanged"
    );
}

/// An update round in the window: "Send for an update…" writes one lead partner's tracker,
/// the partner changes a status and a note, and "Bring back an update…" shows both changes
/// side by side; the planner declines the status, and only the note changes.
#[test]
fn e2e_send_for_an_update_and_bring_it_back_with_a_change_declined() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Our plan.sqlite");
    let content = example::content("our-dorset").unwrap();
    let lead = content.partners[0].clone();
    let a = content
        .actions
        .iter()
        .find(|a| a.lead_partner_id.as_ref() == Some(&lead.id) && !a.progress_note.is_empty())
        .expect("one of theirs with a note")
        .clone();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    let update = desktop.path("their update.csv");
    desktop.answer(&format!("csv {}", update.display()));
    desktop.answer(&format!("sheet {}", update.display()));

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("send-update");
    app.get("sheet-export-dialog");
    app.click(&app.wait_for_css("[data-testid='sheet-export-format'][data-format='csv']"));
    app.click_testid("sheet-export-start");
    app.wait_text("sheet-export-done", |t| {
        t.contains(&format!("The actions {} leads", lead.name)) && t.contains("their update.csv")
    });
    app.click_testid("sheet-export-close");

    // The partner fills it in.
    let text = std::fs::read_to_string(&update).unwrap();
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
    std::fs::write(&update, text.replacen(line, &edited, 1)).unwrap();

    app.click_testid("bring-back-update");
    app.get("sheet-import-dialog");
    let from = app.wait_text("sheet-import-from", |t| t.contains(&lead.name));
    assert!(from.contains("An update from"), "{from}");
    let rows = app.wait_text("sheet-import-rows", |t| {
        t.contains(&format!("Updates {}", a.code))
    });
    assert!(
        rows.contains(to) && rows.contains("Two more areas from January."),
        "{rows}"
    );
    app.click(&app.wait_for_css(
        "[data-testid='sheet-import-change'][data-field='status'] input[type='checkbox']",
    ));
    app.click_testid("sheet-import-start");
    app.wait_text("sheet-import-done", |t| t.contains("updated 1 action"));
    app.click_testid("sheet-import-close");
    app.quit();

    let wb = wait_for(PATIENCE, "the app to let go of the workbook", || {
        Workbook::open(&file, Access::Edit).ok()
    });
    let after = wb.content().unwrap();
    let b = after.actions.iter().find(|b| b.id == a.id).unwrap();
    assert_eq!(b.status, a.status, "the declined status is as it was");
    assert_eq!(
        b.progress_note, "Two more areas from January.",
        "the accepted note"
    );
}
