//! Sharing in the window: sending a copy (with and without the edit history), merging a
//! colleague's copy back while settling a conflict, restoring a backup, and recovering what
//! can be read from a damaged file. Workbooks are prepared with core before the app starts;
//! what the app wrote is checked with core after it has quit.

use planbook_core::Access;

use crate::*;

/// The plan title each side gives in the merge, and the one agreed on.
const MY_TITLE: &str = "My title";
const SAMS_TITLE: &str = "Sam's title";
const AGREED_TITLE: &str = "Our agreed title";
/// A change only the colleague made, which the merge brings in without asking.
const SAMS_NOTE: &str = "Signed off by the board (Sam)";

#[test]
fn e2e_merge_a_colleagues_copy_settling_a_conflict() {
    let Some(desktop) = desktop() else { return };
    let mine_path = desktop.path("Our plan.sqlite");
    let theirs_path = desktop.path("from Sam.sqlite");
    let mut mine = example_at(&mine_path);
    mine.save_copy(&theirs_path).unwrap();
    let plan_id = mine.plan().unwrap().id;
    let action_id = mine.content().unwrap().actions[0].id.clone();
    {
        let mut theirs = Workbook::open(&theirs_path, Access::Edit).unwrap();
        theirs
            .set(Kind::Plan, &plan_id, "title", SAMS_TITLE.into())
            .unwrap();
        theirs
            .set(Kind::Action, &action_id, "progress_note", SAMS_NOTE.into())
            .unwrap();
    }
    mine.set(Kind::Plan, &plan_id, "title", MY_TITLE.into())
        .unwrap();
    drop(mine);
    let theirs_bytes = std::fs::read(&theirs_path).unwrap();
    desktop.answer(&format!("open {}", theirs_path.display()));

    let app = desktop.launch(&[&mine_path]);
    app.wait_text("plan-title", |t| t.contains(MY_TITLE));
    // Rust shows the Open dialog (answered from the script) and finds one conflict: the
    // title both changed. Sam's progress note is not a conflict.
    app.click_testid("merge-copy");
    app.get("merge-dialog");
    app.get("merge-conflict");
    let conflicts = app.all("[data-testid='merge-conflict']");
    assert_eq!(conflicts.len(), 1, "one conflict, the plan title");
    assert_eq!(
        app.attribute(&conflicts[0], "data-index").as_deref(),
        Some("0")
    );
    app.wait_text("merge-mine-value", |t| t.contains(MY_TITLE));
    app.wait_text("merge-theirs-value", |t| t.contains(SAMS_TITLE));
    let finish = app.get("merge-finish");
    assert!(
        is_disabled(&app, &finish),
        "Finish waits until every conflict has a choice"
    );

    // A title of our own, agreed with Sam.
    let undecided = app.wait_text("merge-progress", |t| !t.is_empty());
    app.click_testid("merge-choose-own");
    let own = app.get("merge-own-text");
    replace_text(&app, &own, AGREED_TITLE);
    app.wait_value("merge-own-text", |v| v == AGREED_TITLE);
    app.wait_text("merge-progress", |t| t != undecided && t.contains('1'));
    app.wait("Finish to be enabled", || {
        let finish = app.all("[data-testid='merge-finish']").into_iter().next()?;
        (!is_disabled(&app, &finish)).then_some(finish)
    });
    app.click_testid("merge-finish");
    let done = app.wait_text("merge-done", |t| t.contains("changed"));
    assert!(done.chars().any(|c| c.is_ascii_digit()), "counts: {done}");
    app.click_testid("merge-close");
    wait_gone(&app, "merge-dialog");
    app.wait_text("plan-title", |t| t.contains(AGREED_TITLE));

    // One undo takes the whole merge back; redo makes it again.
    app.wait_undo_offers("merge a colleague");
    app.click_testid("undo-button");
    app.wait_text("plan-title", |t| t.contains(MY_TITLE));
    // The edit before the merge (my own title, made before launch) is next to undo.
    app.wait_undo_offers("plan’s title");
    app.click_testid("redo-button");
    app.wait_text("plan-title", |t| t.contains(AGREED_TITLE));
    app.wait_undo_offers("merge a colleague");
    app.quit();

    let mine = once_closed(&mine_path);
    let c = mine.content().unwrap();
    assert_eq!(c.plan.title, AGREED_TITLE);
    let action = c.actions.iter().find(|a| a.id == action_id).unwrap();
    assert_eq!(action.progress_note, SAMS_NOTE, "Sam's own change arrived");
    assert!(mine.integrity_check().unwrap().is_empty());
    drop(mine);
    let backups = files_under(&data_root(&desktop).join("backups"));
    assert!(
        backups.iter().any(|p| p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains("before-a-merge"))),
        "a backup before the merge: {backups:?}"
    );
    assert_eq!(
        std::fs::read(&theirs_path).unwrap(),
        theirs_bytes,
        "the colleague's copy is only read"
    );
}

const SENT_TITLE: &str = "Our Dorset, as sent to Sam";

#[test]
fn e2e_send_a_copy_with_and_without_history() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Our plan.sqlite");
    drop(example_at(&file));
    let plain = desktop.path("to Sam.sqlite");
    let with = desktop.path("to Sam with history.sqlite");
    desktop.answer(&format!("save {}", plain.display()));
    desktop.answer(&format!("save {}", with.display()));

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    // An edit, so there is history to send (or not).
    app.click_testid("nav-plan");
    let title = app.get("plan-title-input");
    replace_text(&app, &title, &format!("{SENT_TITLE}{TAB}"));
    app.wait_undo_offers("plan’s title");
    app.wait_text("plan-title", |t| t.contains(SENT_TITLE));

    // Without the history (the default).
    app.click_testid("send-copy");
    app.get("send-copy-dialog");
    let history = app.get("send-copy-history");
    assert!(!is_checked(&app, &history), "history is off by default");
    app.click_testid("send-copy-start");
    app.wait_text("send-copy-done", |t| t.contains("to Sam.sqlite"));
    app.click_testid("send-copy-close");
    wait_gone(&app, "send-copy-dialog");

    // With it.
    app.click_testid("send-copy");
    app.get("send-copy-dialog");
    let history = app.get("send-copy-history");
    if !is_checked(&app, &history) {
        app.click(&history);
    }
    app.wait("the history checkbox to be checked", || {
        let history = app
            .all("[data-testid='send-copy-history']")
            .into_iter()
            .next()?;
        is_checked(&app, &history).then_some(())
    });
    app.click_testid("send-copy-start");
    app.wait_text("send-copy-done", |t| {
        t.contains("to Sam with history.sqlite")
    });
    app.click_testid("send-copy-close");
    wait_gone(&app, "send-copy-dialog");
    app.quit();

    let sent = Workbook::open(&plain, Access::Edit).unwrap();
    assert!(sent.integrity_check().unwrap().is_empty());
    assert_eq!(sent.plan().unwrap().title, SENT_TITLE);
    assert!(
        sent.history(10).unwrap().is_empty(),
        "no history unless asked for"
    );
    drop(sent);
    let sent = Workbook::open(&with, Access::Edit).unwrap();
    assert!(sent.integrity_check().unwrap().is_empty());
    assert_eq!(sent.plan().unwrap().title, SENT_TITLE);
    let history = sent.history(10).unwrap();
    assert!(
        history.iter().any(|e| e.label.contains("plan’s title")),
        "the edit history travelled: {history:?}"
    );
}

#[test]
fn e2e_a_corrupt_file_offers_recovery_and_is_left_alone() {
    let Some(desktop) = desktop() else { return };
    let damaged = desktop.path("received.sqlite");
    drop(example_at(&damaged));
    damage(&damaged);
    let before = std::fs::read(&damaged).unwrap();
    let recovered = desktop.path("recovered.sqlite");
    desktop.answer(&format!("save {}", recovered.display()));

    let app = desktop.launch(&[&damaged]);
    app.get("error-message");
    app.click_testid("recover-start");
    let notice = app.wait_text("notice-banner", |t| t.contains("not changed"));
    assert!(notice.contains("received.sqlite"), "{notice}");
    app.click_testid("notice-dismiss");
    wait_gone(&app, "notice-banner");
    app.get("plan-title");
    app.quit();

    let got = once_closed(&recovered);
    assert_eq!(
        std::fs::read(&damaged).unwrap(),
        before,
        "the damaged file is only read"
    );
    assert!(got.integrity_check().unwrap().is_empty());
    assert!(!got.content().unwrap().actions.is_empty());
}

#[test]
fn e2e_restore_from_backup() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("plan.sqlite");
    let mut wb = example_at(&file);
    let original = wb.plan().unwrap();
    planbook_core::backup::take(
        &wb,
        &data_root(&desktop),
        "every 15 minutes",
        chrono::Utc::now(),
    )
    .unwrap();
    wb.set(
        Kind::Plan,
        &original.id,
        "title",
        "Changed after the backup".into(),
    )
    .unwrap();
    drop(wb);

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Changed after the backup"));
    app.click_testid("restore-backup");
    app.get("restore-dialog");
    app.get("restore-item");
    assert_eq!(app.all("[data-testid='restore-item']").len(), 1);
    assert!(app.all("[data-testid='restore-empty']").is_empty());
    app.click_testid("restore-item");
    app.click_testid("restore-start");
    app.get("restore-done");
    app.click_testid("restore-close");
    wait_gone(&app, "restore-dialog");
    app.wait_text("plan-title", |t| t.contains(&original.title));
    app.wait_undo_offers("restore from backup");
    app.quit();

    let wb = once_closed(&file);
    assert_eq!(wb.plan().unwrap().title, original.title);
    assert!(wb.integrity_check().unwrap().is_empty());
}

#[test]
fn e2e_a_logout_signal_ends_the_app_as_quit_does() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Signalled plan.sqlite");
    drop(example_at(&file));
    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("nav-plan");
    let title = app.get("plan-title-input");
    replace_text(&app, &title, &format!("Edited before a logout{TAB}"));
    app.wait_undo_offers("plan’s title");
    let marker = desktop.path(".~lock.Signalled plan.sqlite#");
    assert!(marker.is_file(), "the edit lock marker while the app runs");

    // SIGTERM, as a logout or a shutdown sends it, to the app started on this workbook.
    let found = Command::new("pgrep")
        .args(["-f", "planbook-app.*Signalled plan.sqlite"])
        .output()
        .expect("run pgrep");
    let pids = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    let pid = pids
        .lines()
        .next()
        .expect("the app's process")
        .trim()
        .to_owned();
    let sent = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(sent.expect("run kill").success());
    wait_for(PATIENCE, "the app to end", || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its parent.
        (stat.is_empty() || stat.contains(") Z ")).then_some(())
    });

    assert!(!marker.exists(), "the lock marker is removed, as on Quit");
    let backups = files_under(&data_root(&desktop).join("backups"));
    assert!(
        backups.iter().any(|p| p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains("on-closing"))),
        "the edited workbook was backed up on the way out: {backups:?}"
    );
    let wb = Workbook::open(&file, Access::Edit).unwrap();
    assert_eq!(wb.plan().unwrap().title, "Edited before a logout");
    assert!(wb.integrity_check().unwrap().is_empty());
}

// Helpers.

/// A new workbook at `path`, made from the Our Dorset example.
pub(crate) fn example_at(path: &Path) -> Workbook {
    let content = example::content("our-dorset").unwrap();
    Workbook::create(path, Start::Content(Box::new(content))).unwrap()
}

/// The workbook at `path`, opened for editing once the app has let go of it: the session
/// has ended, but the app may take a moment to exit (and release its edit lock).
fn once_closed(path: &Path) -> Workbook {
    wait_for(PATIENCE, "the app to let go of the workbook", || {
        Workbook::open(path, Access::Edit).ok()
    })
}

/// The folder the app keeps its backups under: core's data folder as the app sees it
/// (the test's `XDG_DATA_HOME`, unless `PLANBOOK_DATA_DIR` reaches the app).
fn data_root(desktop: &Desktop) -> PathBuf {
    std::env::var_os("PLANBOOK_DATA_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| desktop.path("data").join("org.planbook.desktop"))
}

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Damages one b-tree page that holds rows (not page 1), as a bad sector would.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = bytes.len() / 4096;
    let victim = (pages / 2..pages)
        .find(|p| bytes[p * 4096] == 0x0D)
        .expect("a table leaf page");
    for b in &mut bytes[victim * 4096 + 8..victim * 4096 + 400] {
        *b ^= 0x5A;
    }
    std::fs::write(path, &bytes).unwrap();
}

/// Empties a text field (as the window sees it: an `input` event, without leaving the field),
/// then types `text` into it as a person would.
pub(crate) fn replace_text(app: &Session, element: &str, text: &str) {
    app.call(
        "POST",
        "/execute/sync",
        Some(json!({
            "script": "arguments[0].focus(); arguments[0].value = '';
                       arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                       return null;",
            "args": [{ ELEMENT: element }],
        })),
    );
    app.type_into(element, text);
}

fn is_checked(app: &Session, element: &str) -> bool {
    app.call("GET", &format!("/element/{element}/property/checked"), None) == json!(true)
}

fn is_disabled(app: &Session, element: &str) -> bool {
    app.call(
        "GET",
        &format!("/element/{element}/property/disabled"),
        None,
    ) == json!(true)
}

/// Waits until no element has this `data-testid` (a dialog closed, a banner dismissed).
fn wait_gone(app: &Session, testid: &str) {
    app.wait(&format!("{testid} to go"), || {
        app.all(&format!("[data-testid='{testid}']"))
            .is_empty()
            .then_some(())
    });
}
