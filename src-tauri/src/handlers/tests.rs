//! The handlers run here exactly as the commands run them, on real workbook files in a
//! temporary folder, with no window.
use super::test_support::TempDir;
use super::*;
use planbook_core::Start;
use planbook_core::check::FindingKind;
use std::path::PathBuf;

fn blank_workbook(dir: &TempDir, title: &str) -> PathBuf {
    let path = dir.path("plan.sqlite");
    let workbook = Workbook::create(
        &path,
        Start::Blank {
            title: title.into(),
        },
    )
    .expect("create workbook");
    drop(workbook);
    path
}

#[test]
fn without_a_path_the_window_shows_no_workbook() {
    let state = AppState::new();
    assert_eq!(open_at_start(&state, None), WindowState::NoWorkbook);
    assert_eq!(window_state(&state), WindowState::NoWorkbook);
}

#[test]
fn an_open_workbook_is_summarised_through_its_handle() {
    let dir = TempDir::new("summary");
    let path = blank_workbook(&dir, "Our plan");
    let state = AppState::new();

    let WindowState::Open { workbook, notice } = open_at_start(&state, Some(&path)) else {
        panic!("expected an open workbook, got {:?}", window_state(&state));
    };
    assert_eq!(notice, None);
    assert_eq!(
        window_state(&state),
        WindowState::Open {
            workbook,
            notice: None
        }
    );

    let summary = workbook_summary(&state, workbook).expect("summary");
    assert_eq!(summary.title, "Our plan");
    assert_eq!(summary.file_name, "plan.sqlite");
    assert_eq!(summary.read_only, None);
    assert_eq!(summary.counts.actions, 0);
    assert_eq!(window_title(&state), "plan.sqlite – Planbook");
}

#[test]
fn a_missing_file_is_explained_in_the_window() {
    let dir = TempDir::new("missing");
    let state = AppState::new();
    let WindowState::OpenFailed { error } =
        open_at_start(&state, Some(&dir.path("nowhere.sqlite")))
    else {
        panic!("expected a failure");
    };
    assert_eq!(error.code, "not_found");
    assert!(
        error.message.ends_with("nowhere.sqlite” was not found."),
        "{}",
        error.message
    );
    assert!(!error.hint.is_empty());
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_and_left_alone() {
    let dir = TempDir::new("garbage");
    let path = dir.path("notes.sqlite");
    std::fs::write(&path, b"Dear all, please find attached the plan.").expect("write");
    let state = AppState::new();

    let WindowState::OpenFailed { error } = open_at_start(&state, Some(&path)) else {
        panic!("expected a failure");
    };
    assert_eq!(error.code, "not_sqlite");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"Dear all, please find attached the plan."
    );
}

#[test]
fn a_workbook_someone_else_is_editing_opens_read_only_and_says_why() {
    let dir = TempDir::new("in-use");
    let path = blank_workbook(&dir, "Shared plan");
    let state = AppState::new();
    let (first, notice) = open_workbook(&state, &path).expect("first open");
    assert_eq!(notice, None);

    let (second, notice) =
        open_workbook(&state, &path).expect("second open falls back to read-only");
    assert_ne!(first, second);
    let notice = notice.expect("a notice saying why it is read-only");
    assert_eq!(notice.code, "in_use");
    assert!(
        notice.hint.contains("ask them to close it"),
        "{}",
        notice.hint
    );
    let summary = workbook_summary(&state, second).expect("summary");
    assert!(summary.read_only.is_some());
}

#[test]
fn the_title_says_planbook_without_a_workbook_and_marks_read_only() {
    let state = AppState::new();
    open_at_start(&state, None);
    assert_eq!(window_title(&state), "Planbook");

    let dir = TempDir::new("title");
    let path = blank_workbook(&dir, "Shared plan");
    let _editor = open_workbook(&state, &path).expect("first open");
    open_at_start(&state, Some(&path));
    assert_eq!(window_title(&state), "plan.sqlite (read-only) – Planbook");
}

#[test]
fn an_unknown_handle_is_a_plain_error() {
    let state = AppState::new();
    let error = workbook_summary(&state, WorkbookId(42)).expect_err("no such workbook");
    assert_eq!(error, WireError::no_such_workbook());
}

// The commands added for the desktop app (issue 3).

use crate::dialogs::ScriptedDialogs;
use crate::recent::RecentList;
use planbook_core::model::{Action, Priority};
use serde_json::json;
use std::sync::Arc;

pub(super) fn state_answering(lines: &[&str]) -> AppState {
    AppState::with(
        RecentList::in_memory(),
        Some(Arc::new(ScriptedDialogs::from_lines(lines))),
    )
}

pub(super) fn open_id(window: &WindowState) -> WorkbookId {
    match window {
        WindowState::Open { workbook, .. } => *workbook,
        other => panic!("expected an open workbook, got {other:?}"),
    }
}

fn fields(v: Value) -> Map<String, Value> {
    v.as_object().expect("an object").clone()
}

#[test]
fn a_new_workbook_from_the_example_is_shown_and_listed_as_recent() {
    let dir = TempDir::new("new-example");
    let path = dir.path("Our Dorset.sqlite");
    let answer = format!("save {}", path.display());
    let state = state_answering(&[&answer, "cancel"]);

    let window = new_workbook_dialog(&state, NewStart::Example).expect("created");
    let id = open_id(&window);
    assert_eq!(window_state(&state), window);
    assert!(path.is_file());
    let summary = workbook_summary(&state, id).expect("summary");
    assert_eq!(summary.title, "Our Dorset");
    assert!(summary.counts.priorities > 0);

    let recent = recent_workbooks(&state);
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].title, "Our Dorset");
    assert_eq!(recent[0].file_name, "Our Dorset.sqlite");

    // Cancelling the next dialog leaves the window as it was.
    assert_eq!(
        new_workbook_dialog(&state, NewStart::Blank).expect("cancelled"),
        window
    );
}

#[test]
fn a_blank_workbook_is_titled_after_its_file() {
    let dir = TempDir::new("new-blank");
    let state = AppState::new();
    let window =
        new_workbook(&state, NewStart::Blank, &dir.path("Dorset 2026.sqlite")).expect("new");
    let summary = workbook_summary(&state, open_id(&window)).expect("summary");
    assert_eq!(summary.title, "Dorset 2026");
    assert_eq!(summary.counts.actions, 0);
}

#[test]
fn a_new_workbook_that_cannot_be_made_leaves_the_window_alone() {
    let dir = TempDir::new("new-fail");
    let state = AppState::new();
    let error = new_workbook(&state, NewStart::Blank, &dir.path("no folder/x.sqlite"))
        .expect_err("no such folder");
    assert_eq!(error.code, "not_found");
    assert_eq!(window_state(&state), WindowState::NoWorkbook);
}

#[test]
fn opening_another_workbook_closes_the_first_and_releases_its_lock() {
    let dir = TempDir::new("switch");
    let first = blank_workbook(&dir, "First");
    let second = dir.path("second.sqlite");
    drop(
        Workbook::create(
            &second,
            Start::Blank {
                title: "Second".into(),
            },
        )
        .expect("create"),
    );
    let answer = format!("open {}", second.display());
    let state = state_answering(&[&answer, "cancel"]);

    let a = open_id(&open_path(&state, &first));
    // Opening the same file again changes nothing (and is not "in use" by ourselves).
    assert_eq!(open_id(&open_path(&state, &first)), a);
    let b = open_id(&open_workbook_dialog(&state));
    assert_ne!(a, b);
    assert_eq!(
        workbook_summary(&state, a).expect_err("closed"),
        WireError::no_such_workbook()
    );
    // The first file's edit lock is gone: it opens for editing elsewhere.
    drop(Workbook::open(&first, planbook_core::Access::Edit).expect("not locked"));
    // A cancelled Open dialog changes nothing.
    assert_eq!(open_id(&open_workbook_dialog(&state)), b);

    let recent = recent_workbooks(&state);
    let titles: Vec<&str> = recent.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Second", "First"]);
    assert_eq!(
        open_id(&open_recent(&state, &recent[1].key).expect("open")),
        WorkbookId(b.0 + 1)
    );
    assert_eq!(
        open_recent(&state, "no such key")
            .expect_err("unknown")
            .code,
        "not_in_recent_list"
    );
}

#[test]
fn a_file_that_cannot_be_opened_replaces_the_workbook_with_the_reason() {
    let dir = TempDir::new("open-fail");
    let path = blank_workbook(&dir, "Plan");
    let state = AppState::new();
    let a = open_id(&open_path(&state, &path));
    let window = open_path(&state, &dir.path("gone.sqlite"));
    let WindowState::OpenFailed { error } = window else {
        panic!("expected a failure, got {window:?}");
    };
    assert_eq!(error.code, "not_found");
    assert!(workbook_summary(&state, a).is_err());
}

#[test]
fn the_recent_list_has_the_title_the_plan_had_when_it_was_closed() {
    let dir = TempDir::new("retitle");
    let path = blank_workbook(&dir, "Draft");
    let state = AppState::new();
    let w = open_id(&open_path(&state, &path));
    let plan = workbook_content(&state, w).expect("content").plan;
    set_field(
        &state,
        w,
        Kind::Plan,
        &plan.id,
        "title",
        json!("Our plan 2026"),
    )
    .expect("set");
    close_workbook(&state, w);
    assert_eq!(recent_workbooks(&state)[0].title, "Our plan 2026");
}

#[test]
fn closing_shows_the_start_screen() {
    let dir = TempDir::new("close");
    let path = blank_workbook(&dir, "Plan");
    let state = AppState::new();
    let a = open_id(&open_path(&state, &path));
    assert_eq!(close_workbook(&state, a), WindowState::NoWorkbook);
    assert_eq!(window_title(&state), "Planbook");
    assert!(workbook_summary(&state, a).is_err());
}

#[test]
fn edits_link_and_undo_through_handles() {
    let dir = TempDir::new("edit");
    let path = blank_workbook(&dir, "Plan");
    let state = AppState::new();
    let w = open_id(&open_path(&state, &path));
    assert_eq!(
        undo_state(&state, w).expect("state"),
        UndoState {
            undo: None,
            redo: None
        }
    );

    let p = add_row(
        &state,
        w,
        Kind::Priority,
        fields(json!({ "title": "Digital" })),
    )
    .expect("priority");
    assert_eq!(
        p.undo_state.undo.as_ref().map(|e| e.label.as_str()),
        Some("Add priority")
    );
    let o = add_row(
        &state,
        w,
        Kind::Outcome,
        fields(json!({ "statement": "Access" })),
    )
    .expect("outcome")
    .id;
    let a = add_row(&state, w, Kind::Action, fields(json!({ "title": "App" })))
        .expect("action")
        .id;
    link(&state, w, Kind::PriorityOutcome, &p.id, &o).expect("link");
    link(&state, w, Kind::ActionPriority, &a, &p.id).expect("link");
    link(&state, w, Kind::ActionOutcome, &a, &o).expect("link");
    set_field(&state, w, Kind::Action, &a, "due_date", json!("2027-03-31")).expect("set");
    let c = workbook_content(&state, w).expect("content");
    assert_eq!(c.action_priorities.len(), 1);
    assert_eq!(
        c.actions[0].due_date.map(|d| d.to_string()).as_deref(),
        Some("2027-03-31")
    );

    unlink(&state, w, Kind::ActionOutcome, &a, &o).expect("unlink");
    assert!(
        workbook_content(&state, w)
            .expect("content")
            .action_outcomes
            .is_empty()
    );
    let after_undo = undo(&state, w).expect("undo");
    assert_eq!(
        after_undo
            .undo_state
            .redo
            .as_ref()
            .map(|e| e.label.as_str()),
        Some("Remove link between an action and an outcome")
    );
    assert_eq!(
        workbook_content(&state, w)
            .expect("content")
            .action_outcomes
            .len(),
        1
    );
    redo(&state, w).expect("redo");
    assert!(
        workbook_content(&state, w)
            .expect("content")
            .action_outcomes
            .is_empty()
    );

    let second = add_row(
        &state,
        w,
        Kind::Action,
        fields(json!({ "title": "Second" })),
    )
    .expect("action")
    .id;
    let moved = move_row(&state, w, Kind::Action, &second, 0).expect("move");
    // Both actions were renumbered, and are reported whole.
    let renumbered: Vec<&Id> = moved.changes.rows.iter().map(|r| r.id()).collect();
    assert_eq!(renumbered, [&second, &a]);
    let titles: Vec<String> = workbook_content(&state, w)
        .expect("content")
        .actions
        .into_iter()
        .map(|a: Action| a.title)
        .collect();
    assert_eq!(titles, ["Second", "App"]);

    // Deleting the priority takes its links; one undo brings everything back.
    let today = chrono::Local::now().date_naive();
    let before = plan_health(&state, w, today).expect("health");
    let deleted = delete_row(&state, w, Kind::Priority, &p.id).expect("delete");
    let c = workbook_content(&state, w).expect("content");
    assert!(c.priorities.is_empty() && c.action_priorities.is_empty());
    let mut gone: Vec<Kind> = deleted.changes.removed.iter().map(|r| r.kind).collect();
    gone.sort();
    assert_eq!(
        gone,
        [Kind::Priority, Kind::PriorityOutcome, Kind::ActionPriority]
    );
    // The action now serves nothing, and the edit says so; the priority's own finding went.
    let added: Vec<(FindingKind, &Id)> = deleted
        .changes
        .health
        .added
        .iter()
        .map(|f| (f.kind, &f.id))
        .collect();
    assert!(
        added.contains(&(FindingKind::ActionServesNothing, &a)),
        "{added:?}"
    );
    let after = planbook_core::check::plan_health(&c, today);
    let mut kept: std::collections::BTreeMap<String, Finding> =
        before.into_iter().map(|f| (f.key.clone(), f)).collect();
    for key in &deleted.changes.health.removed {
        kept.remove(key);
    }
    for f in &deleted.changes.health.added {
        kept.insert(f.key.clone(), f.clone());
    }
    assert_eq!(
        kept.into_values().collect::<Vec<_>>().len(),
        after.len(),
        "the findings reported add up to a full check"
    );
    let restored = undo(&state, w).expect("undo");
    assert_eq!(restored.changes.rows.len(), 3);
    assert!(restored.changes.removed.is_empty());
    let c = workbook_content(&state, w).expect("content");
    assert_eq!(c.priorities.len(), 1);
    assert_eq!(c.action_priorities.len(), 1);
    assert_eq!(c.priority_outcomes.len(), 1);
}

#[test]
fn bad_edits_are_plain_errors() {
    let dir = TempDir::new("bad-edit");
    let path = blank_workbook(&dir, "Plan");
    let state = AppState::new();
    let w = open_id(&open_path(&state, &path));
    let e = add_row(&state, w, Kind::Action, fields(json!({ "colour": "red" })))
        .expect_err("unknown field");
    assert_eq!(e.code, "invalid");
    assert!(e.message.ends_with('.'), "{}", e.message);
    let e = set_field(&state, w, Kind::Action, &Id::new(), "title", json!("x"))
        .expect_err("no such row");
    assert_eq!(e.code, "no_such_row");
    assert_eq!(undo(&state, w).expect_err("nothing").code, "nothing_to_do");
    let nothing = redo(&state, w).expect_err("nothing to redo");
    assert_eq!(nothing.message, "There is nothing to redo.");
    assert!(nothing.hint.contains("edit you undid"), "{}", nothing.hint);
    assert_eq!(
        undo(&state, WorkbookId(99)).expect_err("no workbook"),
        WireError::no_such_workbook()
    );

    // A bad value names the item and the field, in the window's sentences.
    let plan = workbook_content(&state, w).expect("content").plan;
    let e = set_field(&state, w, Kind::Plan, &plan.id, "population", json!(12.5))
        .expect_err("a fraction");
    assert_eq!(
        e,
        WireError {
            code: "invalid".into(),
            message: "The plan “Plan”: Population must be a whole number, such as 812500.".into(),
            hint: "Correct the value and try again.".into(),
            at_field: Some("Population must be a whole number, such as 812500.".into()),
        }
    );
}

#[test]
fn a_read_only_workbook_refuses_edits_and_says_why() {
    let dir = TempDir::new("read-only-edit");
    let path = blank_workbook(&dir, "Plan");
    let state = AppState::new();
    let (_editor, _) = open_workbook(&state, &path).expect("first");
    let w = open_id(&open_path(&state, &path));
    let e =
        add_row(&state, w, Kind::Priority, fields(json!({ "title": "x" }))).expect_err("read-only");
    assert_eq!(e.code, "read_only");
}

#[test]
fn health_search_and_jargon_read_the_open_workbook() {
    let dir = TempDir::new("read");
    let state = AppState::new();
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let findings = plan_health(&state, w, today).expect("health");
    let c = workbook_content(&state, w).expect("content");
    assert_eq!(findings, planbook_core::check::plan_health(&c, today));

    let p: &Priority = &c.priorities[0];
    let word = p.title.split_whitespace().last().expect("a word");
    let hits = search(&state, w, word).expect("search");
    assert!(
        hits.iter()
            .any(|h| h.entity == Kind::Priority && h.id == p.id),
        "{hits:?}"
    );
    assert!(search(&state, w, "").expect("blank").is_empty());

    let term = &c.glossary[0];
    let text = format!("We are an {} now.", term.term);
    let spans = jargon(&state, w, Kind::Action, "description", &text).expect("jargon");
    assert_eq!(spans.len(), 1, "{spans:?}");
    assert_eq!(spans[0].start, 10);
    assert_eq!(spans[0].plain_words, term.plain_words);
    // Words quoted from people are not checked.
    let quoted = jargon(&state, w, Kind::Engagement, "what_they_said", &text).expect("jargon");
    assert!(quoted.is_empty(), "{quoted:?}");
}

#[test]
fn the_thread_and_charts_are_core_s_and_an_edit_sends_them_when_they_change() {
    let dir = TempDir::new("derived");
    let state = AppState::new();
    let w =
        open_id(&new_workbook(&state, NewStart::Example, &dir.path("ex.sqlite")).expect("example"));
    let c = workbook_content(&state, w).expect("content");
    let derived = workbook_derived(&state, w).expect("derived");
    assert_eq!(derived.thread, planbook_core::thread::Thread::of(&c).view());
    assert!(!derived.charts.is_empty());
    let code = |code: &str| {
        c.actions
            .iter()
            .find(|a| a.code == code)
            .expect("action")
            .id
            .clone()
    };
    let p6 = c
        .priorities
        .iter()
        .find(|p| p.code == "P6")
        .expect("P6")
        .id
        .clone();
    assert!(
        derived
            .thread
            .serving
            .iter()
            .any(|l| l.priority_id == p6 && l.action_id == code("A05") && !l.directly)
    );

    // Linking A05 to P6 itself: the edit sends A05's servings alone, now saying it is linked.
    let edited = link(&state, w, Kind::ActionPriority, &code("A05"), &p6).expect("link");
    let thread = edited.changes.thread.expect("the thread changed");
    assert_eq!(thread.actions, vec![code("A05")]);
    assert!(!thread.whole);
    assert!(
        thread
            .serving
            .iter()
            .any(|l| l.priority_id == p6 && l.action_id == code("A05") && l.directly)
    );
    let mut now: Vec<_> = workbook_derived(&state, w)
        .expect("derived")
        .thread
        .serving
        .into_iter()
        .filter(|l| l.action_id == code("A05"))
        .collect();
    now.sort_by(|a, b| a.priority_id.cmp(&b.priority_id));
    assert_eq!(thread.serving, now);
    assert!(edited.changes.charts.is_none());
}
