//! End-to-end tests: the real desktop app, driven through WebDriver, on a virtual display.
//!
//! Each test starts its own Xvfb (on a free display number) and `tauri-driver` (on free
//! ports; it starts WebKitWebDriver, which starts the app), and stops them afterwards:
//! tauri-driver with SIGTERM, never SIGKILL, or its WebKitWebDriver child would keep running
//! and hold the output pipe (see ../shared/TAURI-NOTES.md). The tests run one at a time.
//!
//! The app's file dialogs are answered from a script (`PLANBOOK_TEST_DIALOG_SCRIPT`, see
//! src-tauri/src/dialogs.rs) and its recent list lives in a temporary `XDG_DATA_HOME`, so a
//! run never touches the real user's files.
//!
//! On Linux every tool must be present (scripts/dev test installs them): a missing one fails
//! with a message saying how to install it. On other systems the tests are skipped, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use planbook_core::model::Kind;
use planbook_core::{Start, Workbook, example};
use serde_json::{Value, json};

mod desktop;
mod fields;
mod instances;
mod overview;
mod shared;
mod sharing;
mod sheets;
mod webdriver;

use desktop::*;
use webdriver::*;

pub(crate) const APP: &str = env!("CARGO_BIN_EXE_planbook-app");

/// One test at a time: each runs a whole desktop app, and the machine may have two cores.
pub(crate) static SERIAL: Mutex<()> = Mutex::new(());

/// How long to wait for something to appear in the window.
pub(crate) const PATIENCE: Duration = Duration::from_secs(15);

// Scenarios.

/// The Tab key, as WebDriver spells it.
const TAB: &str = "\u{E004}";
/// The Enter key.
const ENTER: &str = "\u{E007}";

#[test]
fn e2e_start_screen_and_the_window_is_locked_down() {
    let Some(desktop) = desktop() else { return };
    let app = desktop.launch(&[]);
    app.get("start-new-example");
    app.get("start-open");
    // No Tauri global, a frozen prototype, and no eval (CSP without unsafe-eval).
    assert_eq!(
        app.js("return typeof window.__TAURI__;"),
        json!("undefined")
    );
    assert_eq!(
        app.js("return Object.isFrozen(Object.prototype);"),
        json!(true)
    );
    assert_eq!(
        app.js("try { eval('1'); return 'ran'; } catch (e) { return 'refused'; }"),
        json!("refused")
    );
    // An inline script added to the page does not run.
    app.js(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1';
         document.body.appendChild(s); return null;",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.js("return window.__inline === undefined;"), json!(true));
    app.quit();
}

const PRIORITY: &str = "Help people stay well at home";
const OUTCOME: &str = "Fewer emergency admissions for older people";
const ACTION: &str = "Home visits by community teams";
const NARRATIVE: &str = " Planbook end-to-end narrative line.";

#[test]
fn e2e_create_from_example_edit_link_undo_redo_and_reopen() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Our Dorset.sqlite");
    desktop.answer(&format!("save {}", file.display()));
    let app = desktop.launch(&[]);

    // Create a workbook from the example (the Save dialog is answered from the script).
    app.click_testid("start-new-example");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    assert!(file.is_file());

    // A priority, and an outcome made from it (linked to it).
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(&title, &format!("{PRIORITY}{TAB}"));
    app.wait_text("priority-heading", |t| t.contains(PRIORITY));
    app.click_testid("add-outcome");
    let statement = app.wait_empty_field("outcome-statement-input");
    app.type_into(&statement, &format!("{OUTCOME}{TAB}"));
    app.wait_undo_offers("Fewer emergency");

    // An action, linked to both.
    app.click_testid("nav-actions");
    app.click_testid("add-action");
    let action = app.wait_empty_field("action-title-input");
    // A new action is whole: the example's ten actions are A01 to A10, so it is A11, and the
    // keyboard is in its title, the first thing a planner fills.
    app.wait_value("action-code-input", |v| v == "A11");
    app.wait("the focus in the new action's title", || {
        (app.js("return document.activeElement && document.activeElement.dataset.testid")
            == json!("action-title-input"))
        .then_some(())
    });
    app.type_into(&action, &format!("{ACTION}{TAB}"));
    app.wait_text("action-heading", |t| t.contains(ACTION));
    app.pick("action-link-priority", "stay well at home", PRIORITY);
    app.pick(
        "action-link-outcome",
        "emergency admissions for older",
        OUTCOME,
    );
    // Under LANG=en_US.UTF-8 (every e2e desktop), a due date typed the UK way is 31 March,
    // and a day that cannot be is refused at its field, keeping what was typed.
    let due = app.get("action-due-input");
    app.type_into(&due, &format!("31/03/2027{TAB}"));
    app.wait_undo_offers(ACTION);
    let saved = Workbook::open(&file, planbook_core::Access::ReadOnly)
        .unwrap()
        .content()
        .unwrap();
    let made = saved.actions.iter().find(|a| a.title == ACTION).unwrap();
    assert_eq!(made.due_date, Some("2027-03-31".parse().unwrap()));
    let due = app.get("action-due-input");
    app.wait_value("action-due-input", |v| v == "31/03/2027");
    app.js("const e = document.querySelector('[data-testid=\"action-due-input\"]'); e.value = ''; return null;");
    app.type_into(&due, &format!("31/13/2027{TAB}"));
    app.wait_text("action-due-input-error", |t| {
        t.contains("13 is not a month")
    });
    app.wait_value("action-due-input", |v| v == "31/13/2027");
    // A start after the due date (31 March 2027, as saved) is refused at the start box, which
    // keeps what was typed; the file keeps no start.
    let start = app.get("action-start-input");
    app.type_into(&start, &format!("01/04/2027{TAB}"));
    app.wait_text("action-start-input-error", |t| {
        t.contains("before the start date")
    });
    app.wait_value("action-start-input", |v| v == "01/04/2027");
    let saved = Workbook::open(&file, planbook_core::Access::ReadOnly)
        .unwrap()
        .content()
        .unwrap();
    let made = saved.actions.iter().find(|a| a.title == ACTION).unwrap();
    assert_eq!(made.start_date, None);

    // A narrative section, then undo and redo of that edit. The refused fields' errors stay
    // with the action's page: nothing is marked, and no banner follows the planner here.
    app.click_testid("nav-narrative");
    app.wait("the narrative without the action's errors", || {
        (app.js(
            "return document.querySelectorAll('[aria-invalid=\"true\"], [role=\"alert\"], [data-testid=\"error-summary\"]').length",
        ) == json!(0))
        .then_some(())
    });
    let body = app.get("section-body-input");
    let before = app.value(&body);
    app.type_into(&body, &format!("{NARRATIVE}{TAB}"));
    app.wait_undo_offers("The national picture");
    app.click_testid("undo-button");
    app.wait_value("section-body-input", |v| v == before);
    app.click_testid("redo-button");
    app.wait_value("section-body-input", |v| v.ends_with(NARRATIVE));
    app.wait_undo_offers("The national picture");
    app.quit();

    // Everything is in the file, linked.
    let wb = Workbook::open(&file, planbook_core::Access::ReadOnly).unwrap();
    let c = wb.content().unwrap();
    let p = c
        .priorities
        .iter()
        .find(|p| p.title == PRIORITY)
        .expect("the priority");
    let o = c
        .outcomes
        .iter()
        .find(|o| o.statement == OUTCOME)
        .expect("the outcome");
    let a = c
        .actions
        .iter()
        .find(|a| a.title == ACTION)
        .expect("the action");
    assert!(
        c.priority_outcomes
            .iter()
            .any(|l| l.priority_id == p.id && l.outcome_id == o.id)
    );
    assert!(
        c.action_priorities
            .iter()
            .any(|l| l.action_id == a.id && l.priority_id == p.id)
    );
    assert!(
        c.action_outcomes
            .iter()
            .any(|l| l.action_id == a.id && l.outcome_id == o.id)
    );
    assert!(c.sections[0].body.ends_with(NARRATIVE));
    drop(wb);

    // Relaunch: the workbook is in the recent list, and everything is there.
    let app = desktop.launch(&[]);
    app.wait_text("recent-workbook", |t| t.contains("Our Dorset"));
    app.click_testid("recent-workbook");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("nav-priorities");
    app.wait_page_text(PRIORITY);
    app.click_testid("nav-outcomes");
    app.wait_page_text(OUTCOME);
    app.click_testid("nav-actions");
    app.wait_page_text(ACTION);
    app.click_testid("nav-narrative");
    app.wait_value("section-body-input", |v| v.ends_with(NARRATIVE));
    // Undo still works after reopening: the change log is in the file.
    app.wait_undo_offers("The national picture");
    app.quit();
}

#[test]
fn e2e_a_newer_format_opens_read_only_and_is_left_alone() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("from a newer Planbook.sqlite");
    let content = example::content("our-dorset").unwrap();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "user_version", version + 1)
            .unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();

    let app = desktop.launch(&[&file]);
    let banner = app.wait_text("read-only-banner", |t| t.contains("newer Planbook"));
    assert!(banner.contains("update Planbook"), "{banner}");
    app.click_testid("nav-priorities");
    let title = app.get("priority-title-input");
    assert_eq!(app.attribute(&title, "readonly").as_deref(), Some("true"));
    assert!(app.all("[data-testid='add-priority']").is_empty());
    assert!(app.all("[data-testid='undo-button']").is_empty());
    app.quit();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "a newer file is never written"
    );
}

/// Markup and script in every kind of text field: none of it may run, all of it must show.
const PAYLOAD: &str = "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>\
[click me](javascript:window.__pwned='link') <a href=\"javascript:window.__pwned='a'\">a</a> <b>bold?</b>";

#[test]
fn e2e_hostile_text_shows_literally_and_never_runs() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("hostile.sqlite");
    let content = example::content("our-dorset").unwrap();
    let mut wb = Workbook::create(&file, Start::Content(Box::new(content))).unwrap();
    let c = wb.content().unwrap();
    // The first item of every kind, and every text field it has.
    let firsts: Vec<(Kind, planbook_core::model::Id)> = vec![
        (Kind::Plan, c.plan.id.clone()),
        (Kind::Aim, c.aims[0].id.clone()),
        (Kind::Section, c.sections[0].id.clone()),
        (Kind::Priority, c.priorities[0].id.clone()),
        (Kind::Outcome, c.outcomes[0].id.clone()),
        (Kind::Measure, c.measures[0].id.clone()),
        (Kind::Partner, c.partners[0].id.clone()),
        (Kind::Action, c.actions[0].id.clone()),
        (Kind::GlossaryTerm, c.glossary[0].id.clone()),
        (Kind::Engagement, c.engagements[0].id.clone()),
        (Kind::Reading, c.readings[0].id.clone()),
        (Kind::Milestone, c.milestones[0].id.clone()),
    ];
    let mut fields = 0;
    for (kind, id) in &firsts {
        for field in planbook_core::search::text_fields(*kind) {
            let value = if field == planbook_core::model::fields::section::body {
                format!("{PAYLOAD}\n\n- {PAYLOAD}\n- [site](javascript:alert(1))")
            } else {
                PAYLOAD.to_owned()
            };
            // Stored as a colleague's copy or a JSON form would bring it: not through the
            // typed-value path, whose length limits would refuse most of the payload.
            wb.edit("Hostile text", |e| e.set_field(id, field, value.into()))
                .unwrap();
            fields += 1;
        }
    }
    drop(wb);
    assert!(fields >= 25, "{fields} fields");

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("<img src=x"));
    let nothing_ran = |place: &str| {
        let verdict = app.js(
            "return {
               pwned: window.__pwned === undefined ? null : String(window.__pwned),
               imgs: document.querySelectorAll('img[onerror], img[src=\"x\"]').length,
               scripts: document.querySelectorAll('script:not([src])').length,
               jsLinks: Array.from(document.querySelectorAll('a[href]'))
                 .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
               bold: document.querySelectorAll('main b').length,
             };",
        );
        assert_eq!(
            verdict,
            json!({ "pwned": null, "imgs": 0, "scripts": 0, "jsLinks": 0, "bold": 0 }),
            "in the {place} view"
        );
    };
    nothing_ran("start");
    let views = [
        "overview",
        "plan",
        "aims",
        "narrative",
        "priorities",
        "outcomes",
        "measures",
        "actions",
        "matrix",
        "partners",
        "glossary",
        "engagement",
        "health",
    ];
    for view in views {
        app.click_testid(&format!("nav-{view}"));
        std::thread::sleep(Duration::from_millis(200));
        nothing_ran(view);
    }
    // The narrative preview renders the markup: still no javascript: link, and the text shows.
    app.click_testid("nav-narrative");
    app.wait_value("section-body-input", |v| v.contains("<img src=x"));
    let toggle = app.get("section-preview-toggle");
    if app.attribute(&toggle, "aria-expanded").as_deref() != Some("true") {
        app.click(&toggle);
    }
    app.wait_text("section-preview", |t| t.contains("<img src=x onerror="));
    nothing_ran("narrative preview");
    // In a list (priorities) and a table (actions) the text shows as typed.
    app.click_testid("nav-actions");
    app.wait_page_text("<script>window.__pwned='script'</script>");
    nothing_ran("actions");
    // An action's own page, with its milestones.
    app.click_testid("open-action");
    app.get("milestone-item");
    nothing_ran("action");

    // Typed in the window too.
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(
        &title,
        &format!("<img src=y onerror=\"window.__typed=1\">{TAB}"),
    );
    app.wait_text("priority-heading", |t| t.contains("<img src=y onerror="));
    assert_eq!(app.js("return window.__typed === undefined;"), json!(true));
    nothing_ran("priorities, after typing");
    app.quit();
}

#[test]
fn e2e_export_pdf_save_a_copy_and_close() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("plan.sqlite");
    let content = example::content("our-dorset").unwrap();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    let pdf = desktop.path("Our Dorset plan.pdf");
    let draft = desktop.path("draft.pdf");
    let copy = desktop.path("copy to send.sqlite");
    let word = desktop.path("Our Dorset for comms.docx");
    desktop.answer(&format!("pdf {}", pdf.display()));
    desktop.answer(&format!("pdf {}", draft.display()));
    desktop.answer(&format!("docx {}", word.display()));
    desktop.answer(&format!("save {}", copy.display()));

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    // The export dialog: US Letter, no DRAFT mark, without the glossary annex. The example is
    // a draft, so the DRAFT mark starts ticked and is unticked here.
    app.click_testid("export-pdf");
    app.get("export-dialog");
    let draft_ticked = || {
        (app.js("return document.querySelector('[data-testid=\"export-draft\"]').checked;")
            == json!(true))
        .then_some(())
    };
    app.wait("the DRAFT mark ticked for a draft plan", draft_ticked);
    app.click_testid("export-draft");
    app.click_testid("export-paper-letter");
    app.js("document.querySelector('[data-part=\"glossary\"]').click(); return null;");
    app.click_testid("export-start");
    let folder = pdf.parent().unwrap().display().to_string();
    app.wait_text("export-done", |t| {
        t.contains("Our Dorset plan.pdf") && t.contains("pages") && t.contains(&folder)
    });
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("612 x 792"), "US Letter: {info}");
    let text = poppler("pdftotext", &pdf);
    assert!(!text.contains("DRAFT"), "no DRAFT mark when unchecked");
    assert!(
        text.contains("Our Dorset") && !text.contains("Glossary"),
        "no glossary"
    );
    app.click_testid("export-close");

    // Again, with the DRAFT mark (ticked again: each export starts from the plan's defaults),
    // on A4.
    app.click_testid("export-pdf");
    app.wait("the DRAFT mark ticked again", draft_ticked);
    app.click_testid("export-start");
    app.wait_text("export-done", |t| t.contains("draft.pdf"));
    let text = poppler("pdftotext", &draft);
    assert!(text.contains("DRAFT") && text.contains("Glossary"));
    assert!(poppler("pdfinfo", &draft).contains("595.28 x 841.89"));
    app.click_testid("export-close");

    // The Word document, chosen beside PDF and HTML in the same dialog.
    app.click_testid("export-pdf");
    app.js("document.querySelector('[data-format=\"docx\"]').click(); return null;");
    app.click_testid("export-start");
    app.wait_text("export-done", |t| t.contains("Our Dorset for comms.docx"));
    assert!(std::fs::read(&word).unwrap().starts_with(b"PK\x03\x04"));
    app.click_testid("export-close");

    app.click_testid("save-copy");
    app.wait_text("undo-toast", |t| t.contains("copy to send.sqlite"));
    let copied = Workbook::open(&copy, planbook_core::Access::Edit).unwrap();
    assert_eq!(copied.plan().unwrap().title, "Our Dorset");
    drop(copied);

    // Close: the start screen, which lists the workbook as recent.
    app.click_testid("close-workbook");
    app.wait_text("recent-workbook", |t| t.contains("plan.sqlite"));
    app.quit();
}

#[test]
fn e2e_menu_accelerators_create_undo_and_close() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("from the menu.sqlite");
    desktop.answer(&format!("save {}", file.display()));
    let app = desktop.launch(&[]);
    app.get("start-new-example");

    // File › New from the Example (Ctrl+Shift+N): Rust shows the dialog, creates the
    // workbook and tells the window (window-state).
    desktop.press("ctrl+shift+n");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    assert!(file.is_file());

    // An edit in the window, then Edit › Undo (Ctrl+Z): the menu hands it to the window.
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(&title, &format!("Made to be undone{TAB}"));
    app.wait_undo_offers("Made to be undone");
    let heading = app.get("priority-heading");
    app.click(&heading);
    desktop.press("ctrl+z");
    app.wait_undo_offers("add priority");
    let wb = Workbook::open(&file, planbook_core::Access::ReadOnly).unwrap();
    let c = wb.content().unwrap();
    assert!(c.priorities.iter().all(|p| p.title != "Made to be undone"));
    drop(wb);
    // Edit › Redo (Ctrl+Shift+Z), and Ctrl+Y (Windows' redo, caught by the window).
    desktop.press("ctrl+shift+z");
    app.wait_undo_offers("Made to be undone");
    desktop.press("ctrl+z");
    app.wait_undo_offers("add priority");
    desktop.press("ctrl+y");
    app.wait_undo_offers("Made to be undone");
    // Ctrl+Z while still typing in a field (the menu catches the key before the field): what
    // was typed is saved, then undone, never thrown away; Redo brings it back.
    let title = app.get("priority-title-input");
    app.type_into(&title, " again");
    desktop.press("ctrl+z");
    app.wait_value("priority-title-input", |v| v == "Made to be undone");
    desktop.press("ctrl+shift+z");
    app.wait_value("priority-title-input", |v| v == "Made to be undone again");

    // File › Export PDF… (Ctrl+E) opens the window's export dialog; Save a Copy As…
    // (Ctrl+Shift+S); both answered from the script.
    let pdf = desktop.path("menu export.pdf");
    let copy = desktop.path("menu copy.sqlite");
    desktop.answer(&format!("pdf {}", pdf.display()));
    desktop.answer(&format!("save {}", copy.display()));
    desktop.press("ctrl+e");
    app.click_testid("export-start");
    app.wait_text("export-done", |t| t.contains("menu export.pdf"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    app.click_testid("export-close");
    desktop.press("ctrl+shift+s");
    wait_for(PATIENCE, "the copy", || {
        Workbook::open(&copy, planbook_core::Access::ReadOnly).ok()
    });

    // File › Close (Ctrl+W): the start screen.
    desktop.press("ctrl+w");
    app.get("start-new-example");
    app.quit();
}

#[test]
fn e2e_open_dialog_and_the_open_recent_menu() {
    let Some(desktop) = desktop() else { return };
    let [first, second] = desktop.example_workbooks([
        ("first.sqlite", "Our Dorset"),
        ("second.sqlite", "Second plan"),
    ]);
    desktop.answer(&format!("open {}", second.display()));

    // Opened from the command line, then another from the Open dialog.
    let app = desktop.launch(&[&first]);
    app.wait_text("workbook-file-name", |t| t.contains("first.sqlite"));
    app.click_testid("close-workbook");
    app.click_testid("start-open");
    app.wait_text("plan-title", |t| t.contains("Second plan"));

    // File › Open Recent › the second entry (the first workbook), by keyboard: F10 opens
    // the menu bar, Down walks to Open Recent, Right opens it.
    desktop.press("F10");
    for key in ["Down", "Down", "Down", "Down", "Right", "Down", "Return"] {
        std::thread::sleep(Duration::from_millis(150));
        desktop.press(key);
    }
    app.wait_text("workbook-file-name", |t| t.contains("first.sqlite"));
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.quit();
}

/// The text `pdfinfo` or `pdftotext` gives for a PDF (poppler-utils, which the tests need).
fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let mut command = std::process::Command::new(tool);
    command.arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
