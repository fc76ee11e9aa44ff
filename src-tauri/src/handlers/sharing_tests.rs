//! Sharing through the handlers, as the window uses it: send a copy, merge it back (with and
//! without conflicts), backups and restoring one, and recovering a damaged file. Dialogs are
//! answered from a script; backups go to a folder of the test's own.
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, Utc};
use planbook_core::model::{Id, Kind};
use planbook_core::{Access, Start, Workbook};

use super::test_support::{TempDir, damage};
use super::*;
use crate::dialogs::ScriptedDialogs;
use crate::recent::RecentList;
use crate::wire::{MergeChoice, MergeStarted, WindowState, WorkbookId};

/// A state whose dialogs answer `answers` and whose backups go under `dir`.
fn state_with(dir: &TempDir, answers: &[String]) -> AppState {
    let lines: Vec<&str> = answers.iter().map(String::as_str).collect();
    let state = AppState::with(
        RecentList::in_memory(),
        Some(Arc::new(ScriptedDialogs::from_lines(&lines))),
    );
    state.set_backup_root(dir.path("data"));
    state
}

fn blank(path: &Path, title: &str) {
    let start = Start::Blank {
        title: title.into(),
    };
    drop(Workbook::create(path, start).expect("create"));
}

fn open(state: &AppState, path: &Path) -> WorkbookId {
    match open_path(state, path) {
        WindowState::Open { workbook, .. } => workbook,
        other => panic!("not opened: {other:?}"),
    }
}

fn title_of(state: &AppState, w: WorkbookId) -> String {
    workbook_summary(state, w).expect("summary").title
}

fn plan_id(state: &AppState, w: WorkbookId) -> Id {
    workbook_content(state, w).expect("content").plan.id
}

/// Sets the plan title of the workbook file at `path`, as a colleague would.
fn retitle_file(path: &Path, title: &str) {
    let mut wb = Workbook::open(path, Access::Edit).expect("open theirs");
    let id = wb.plan().expect("plan").id;
    wb.set(Kind::Plan, &id, "title", title.into())
        .expect("retitle");
}

#[test]
fn a_sent_copy_carries_history_only_when_asked() {
    let dir = TempDir::new("sharing-send");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let plain = dir.path("plain copy.sqlite");
    let full = dir.path("full copy.sqlite");
    let state = state_with(
        &dir,
        &[
            format!("save {}", plain.display()),
            format!("save {}", full.display()),
            "cancel".into(),
        ],
    );
    let w = open(&state, &mine);
    let id = plan_id(&state, w);
    set_field(
        &state,
        w,
        Kind::Plan,
        &id,
        "title",
        "Typed then replaced".into(),
    )
    .unwrap();
    set_field(&state, w, Kind::Plan, &id, "title", "Our plan".into()).unwrap();

    let sent = send_copy_dialog(&state, w, false).unwrap().expect("sent");
    assert_eq!(sent.file_name, "plain copy.sqlite");
    assert!(!sent.with_history && sent.size > 0);
    let sent = send_copy_dialog(&state, w, true).unwrap().expect("sent");
    assert!(sent.with_history);
    assert_eq!(
        send_copy_dialog(&state, w, false).unwrap(),
        None,
        "cancelled"
    );

    let history = |p: &Path| {
        Workbook::open(p, Access::ReadOnly)
            .unwrap()
            .history(10)
            .unwrap()
    };
    assert!(history(&plain).is_empty());
    assert_eq!(history(&full).len(), 2);
    let bytes = std::fs::read(&plain).unwrap();
    let needle = b"Typed then replaced";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "replaced text does not travel without the history"
    );
}

#[test]
fn a_copy_without_conflicts_merges_at_once_after_a_backup_and_undoes_in_one_step() {
    let dir = TempDir::new("sharing-merge-clean");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let theirs = dir.path("from Sam.sqlite");
    let state = state_with(
        &dir,
        &[
            format!("save {}", theirs.display()),
            "cancel".into(),
            format!("open {}", mine.display()),
            format!("open {}", theirs.display()),
            format!("open {}", theirs.display()),
        ],
    );
    let w = open(&state, &mine);
    send_copy_dialog(&state, w, false).unwrap().expect("sent");
    retitle_file(&theirs, "Sam's better title");

    assert_eq!(merge_dialog(&state, w).unwrap(), MergeStarted::Cancelled);
    assert_eq!(
        merge_dialog(&state, w).unwrap_err().code,
        "same_workbook",
        "a workbook is not merged into itself"
    );
    let MergeStarted::Merged { their_file, report } = merge_dialog(&state, w).unwrap() else {
        panic!("expected a clean merge");
    };
    assert_eq!(their_file, "from Sam.sqlite");
    assert_eq!((report.added, report.changed, report.removed), (0, 1, 0));
    assert_eq!(title_of(&state, w), "Sam's better title");
    let backups = list_backups(&state, w).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, "before a merge");

    undo(&state, w).unwrap();
    assert_eq!(
        title_of(&state, w),
        "Our plan",
        "one undo takes the merge back"
    );
    redo(&state, w).unwrap();

    // Merging the same copy again brings nothing new.
    let MergeStarted::Merged { report, .. } = merge_dialog(&state, w).unwrap() else {
        panic!("expected a clean merge");
    };
    assert!(report.is_empty());
}

#[test]
fn conflicts_wait_for_the_planner_and_are_settled_per_field() {
    let dir = TempDir::new("sharing-merge-conflict");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let theirs = dir.path("from Sam.sqlite");
    let open_theirs = format!("open {}", theirs.display());
    let state = state_with(
        &dir,
        &[
            format!("save {}", theirs.display()),
            open_theirs.clone(),
            open_theirs.clone(),
        ],
    );
    let w = open(&state, &mine);
    send_copy_dialog(&state, w, false).unwrap().expect("sent");
    retitle_file(&theirs, "Sam's title");
    let id = plan_id(&state, w);
    set_field(&state, w, Kind::Plan, &id, "title", "My title".into()).unwrap();

    let MergeStarted::Conflicts {
        their_file,
        conflicts,
    } = merge_dialog(&state, w).unwrap()
    else {
        panic!("expected a conflict");
    };
    assert_eq!(their_file, "from Sam.sqlite");
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(
        (c.field_label.as_str(), c.mine.as_str(), c.theirs.as_str()),
        ("Title", "My title", "Sam's title")
    );
    assert_eq!(c.before, "Our plan");
    assert!(c.editable && c.mine_by.is_some() && c.theirs_by.is_some());
    assert_eq!(
        title_of(&state, w),
        "My title",
        "nothing changes before it is settled"
    );

    // Too few choices is refused, and the merge must be started again.
    assert_eq!(finish_merge(&state, w, vec![]).unwrap_err().code, "invalid");
    assert_eq!(
        finish_merge(&state, w, vec![MergeChoice::Mine])
            .unwrap_err()
            .code,
        "no_merge_waiting"
    );

    let MergeStarted::Conflicts { .. } = merge_dialog(&state, w).unwrap() else {
        panic!("expected the conflict again");
    };
    let own = MergeChoice::Own {
        text: "Our agreed title".into(),
    };
    let report = finish_merge(&state, w, vec![own]).unwrap();
    assert_eq!(report.changed, 1);
    assert_eq!(title_of(&state, w), "Our agreed title");
    undo(&state, w).unwrap();
    assert_eq!(title_of(&state, w), "My title");
}

#[test]
fn a_merge_is_refused_if_the_workbook_changed_while_it_waited() {
    let dir = TempDir::new("sharing-merge-stale");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let theirs = dir.path("theirs.sqlite");
    let state = state_with(
        &dir,
        &[
            format!("save {}", theirs.display()),
            format!("open {}", theirs.display()),
        ],
    );
    let w = open(&state, &mine);
    send_copy_dialog(&state, w, false).unwrap().expect("sent");
    retitle_file(&theirs, "Theirs");
    let id = plan_id(&state, w);
    set_field(&state, w, Kind::Plan, &id, "title", "Mine".into()).unwrap();
    let MergeStarted::Conflicts { .. } = merge_dialog(&state, w).unwrap() else {
        panic!("expected a conflict");
    };
    set_field(
        &state,
        w,
        Kind::Plan,
        &id,
        "vision",
        "Edited meanwhile".into(),
    )
    .unwrap();
    let err = finish_merge(&state, w, vec![MergeChoice::Theirs]).unwrap_err();
    assert_eq!(err.code, "invalid", "{err:?}");
    assert_eq!(title_of(&state, w), "Mine");
    let vision = workbook_content(&state, w).unwrap().plan.vision;
    assert_eq!(vision, "Edited meanwhile", "the later edit is kept");
}

#[test]
fn edited_workbooks_are_backed_up_every_fifteen_minutes_and_on_closing() {
    let dir = TempDir::new("sharing-backups");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let state = state_with(&dir, &[]);
    let w = open(&state, &mine);
    // Within the last day, so thinning keeps one backup per hour (see backup::thin_out).
    let t0 = Utc::now() - Duration::hours(3);
    assert!(take_due_backups(&state, t0).is_empty(), "not edited yet");

    let id = plan_id(&state, w);
    set_field(&state, w, Kind::Plan, &id, "title", "One".into()).unwrap();
    let taken = take_due_backups(&state, t0);
    assert_eq!(taken.len(), 1, "the first edit is backed up");
    assert_eq!(taken[0].reason, "every 15 minutes");
    assert!(
        take_due_backups(&state, t0 + Duration::minutes(20)).is_empty(),
        "no edit since"
    );

    set_field(&state, w, Kind::Plan, &id, "title", "Two".into()).unwrap();
    assert!(
        take_due_backups(&state, t0 + Duration::minutes(10)).is_empty(),
        "too soon"
    );
    assert_eq!(
        take_due_backups(&state, t0 + Duration::minutes(60)).len(),
        1
    );

    set_field(&state, w, Kind::Plan, &id, "title", "Three".into()).unwrap();
    let listed = |state: &AppState, w| list_backups(state, w).unwrap().len();
    assert_eq!(listed(&state, w), 2);
    close_workbook(&state, w);
    let w = open(&state, &mine);
    let backups = list_backups(&state, w).unwrap();
    assert_eq!(backups.len(), 3, "{backups:?}");
    assert_eq!(backups[0].reason, "on closing");
    close_workbook(&state, w);
    let w = open(&state, &mine);
    assert_eq!(listed(&state, w), 3, "closing without an edit takes none");
}

#[test]
fn a_backup_is_restored_as_one_undoable_edit() {
    let dir = TempDir::new("sharing-restore");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Before");
    let state = state_with(&dir, &[]);
    let w = open(&state, &mine);
    let id = plan_id(&state, w);
    set_field(&state, w, Kind::Plan, &id, "title", "Backed up".into()).unwrap();
    take_due_backups(&state, Utc::now());
    set_field(&state, w, Kind::Plan, &id, "title", "Later".into()).unwrap();

    let backups = list_backups(&state, w).unwrap();
    let report = restore_backup(&state, w, &backups[0].file_name).unwrap();
    assert_eq!(report.changed, 1);
    assert_eq!(title_of(&state, w), "Backed up");
    undo(&state, w).unwrap();
    assert_eq!(title_of(&state, w), "Later");
    let err = restore_backup(&state, w, "../plan.sqlite").unwrap_err();
    assert_eq!(err.code, "no_such_backup");
}

#[test]
fn what_can_be_read_of_a_corrupt_file_is_recovered_into_a_new_workbook() {
    let dir = TempDir::new("sharing-recover");
    let damaged = dir.path("received.sqlite");
    let content = planbook_core::example::content("our-dorset").unwrap();
    drop(Workbook::create(&damaged, Start::Content(Box::new(content))).unwrap());
    damage(&damaged);
    let before = std::fs::read(&damaged).unwrap();
    let recovered = dir.path("received (recovered).sqlite");
    let state = state_with(
        &dir,
        &[
            format!("save {}", damaged.display()),
            format!("save {}", recovered.display()),
        ],
    );
    assert_eq!(
        recover_dialog(&state).unwrap_err().code,
        "nothing_to_recover"
    );
    let WindowState::OpenFailed { error } = open_path(&state, &damaged) else {
        panic!("the damaged file opened");
    };
    assert_eq!(error.code, "corrupt");
    assert_eq!(
        recover_dialog(&state).unwrap_err().code,
        "same_workbook",
        "the received file is never replaced"
    );
    let WindowState::Open { workbook, notice } = recover_dialog(&state).unwrap() else {
        panic!("the recovered workbook is shown");
    };
    let notice = notice.expect("a notice");
    assert_eq!(notice.code, "recovered");
    assert!(notice.message.contains("“received.sqlite”"), "{notice:?}");
    assert!(notice.message.contains("not changed"), "{notice:?}");
    assert!(workbook_summary(&state, workbook).unwrap().counts.actions > 0);
    assert_eq!(
        std::fs::read(&damaged).unwrap(),
        before,
        "the damaged file is unchanged"
    );
    let reopened = Workbook::open(&recovered, Access::ReadOnly).unwrap();
    assert!(reopened.integrity_check().unwrap().is_empty());
}

#[test]
fn a_second_launch_opens_its_workbook_unless_a_merge_is_being_settled() {
    let dir = TempDir::new("second-launch");
    let mine = dir.path("plan.sqlite");
    blank(&mine, "Our plan");
    let other = dir.path("other.sqlite");
    blank(&other, "Another plan");
    let theirs = dir.path("from Sam.sqlite");
    let open_theirs = format!("open {}", theirs.display());
    let state = state_with(
        &dir,
        &[format!("save {}", theirs.display()), open_theirs.clone()],
    );
    assert_eq!(hand_over(&state, None), HandedOver::Nothing);

    let w = open(&state, &mine);
    send_copy_dialog(&state, w, false).unwrap().expect("sent");
    retitle_file(&theirs, "Sam's title");
    let id = plan_id(&state, w);
    set_field(&state, w, Kind::Plan, &id, "title", "My title".into()).unwrap();
    assert!(matches!(
        merge_dialog(&state, w).unwrap(),
        MergeStarted::Conflicts { .. }
    ));
    let HandedOver::Deferred { message, .. } = hand_over(&state, Some(&other)) else {
        panic!("a merge being settled is not thrown away");
    };
    assert!(message.contains("“other.sqlite”") && message.contains("Finish or cancel the merge"));
    assert_eq!(
        state.shown_workbook(),
        Some(w),
        "the merge's workbook stays shown"
    );

    state.take_pending_merge(w);
    let HandedOver::Opened(WindowState::Open { workbook, .. }) = hand_over(&state, Some(&other))
    else {
        panic!("the handed-over workbook opens");
    };
    assert_eq!(title_of(&state, workbook), "Another plan");
    assert!(
        state.path_of(w).is_none(),
        "the workbook it replaced was closed"
    );
}
