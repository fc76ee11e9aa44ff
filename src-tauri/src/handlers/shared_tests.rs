//! A shared plan through the handlers, against a real PostgreSQL (`planbook_share`'s test
//! server): the live thread brings others' edits into the open workbook and tells the window,
//! sends the planner's own, says who else is in the plan and where, and leaves conflicts for
//! the planner to settle. Sharing and opening a shared plan as the File menu does them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use planbook_core::model::{Action, Kind};
use planbook_core::{Start, Workbook, example};
use planbook_share::test_server::TestServer;
use planbook_share::{Settle, join, publish, sync};
use serde_json::json;

use super::shared_live::{Host, start_sessions};
use super::test_support::TempDir;
use super::*;
use crate::dialogs::ScriptedDialogs;
use crate::recent::RecentList;
use crate::share_wire::{ServerPlan, SharedSynced, SyncState};

/// The app as the live thread sees it, keeping what the window would be told.
#[derive(Debug)]
struct TestHost {
    state: AppState,
    told: Mutex<Vec<SharedSynced>>,
}

impl Host for TestHost {
    fn state(&self) -> &AppState {
        &self.state
    }
    fn emit(&self, event: SharedSynced) {
        self.told.lock().expect("told").push(event);
    }
}

fn host(dir: &TempDir, answers: &[&str]) -> Arc<TestHost> {
    let state = AppState::with(
        RecentList::in_memory(),
        Some(Arc::new(ScriptedDialogs::from_lines(answers))),
    );
    state.set_backup_root(dir.path("data"));
    Arc::new(TestHost {
        state,
        told: Mutex::new(Vec::new()),
    })
}

fn start(host: &Arc<TestHost>) {
    let dynamic: Arc<dyn Host> = host.clone();
    start_sessions(&dynamic);
}

/// Waits (up to 20 s: the machine may be busy) until `what` holds.
fn wait_until(what: &str, done: impl FnMut() -> bool) {
    wait_up_to(Duration::from_secs(20), what, done);
}

fn wait_up_to(patience: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let end = Instant::now() + patience;
    while !done() {
        assert!(Instant::now() < end, "waited in vain until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn state_of(host: &TestHost, w: WorkbookId) -> SyncState {
    share_status(&host.state, w).expect("shared").state
}

/// Alice's workbook published as "Our Dorset", and Bob's copy joined from it.
fn alice_and_bob(server: &TestServer, dir: &TempDir) -> (std::path::PathBuf, Workbook) {
    let path = dir.path("alice.sqlite");
    let content = example::content("our-dorset").expect("example");
    let mut wb = Workbook::create(&path, Start::Content(Box::new(content))).expect("create");
    publish(&mut wb, &server.address("alice"), "Our Dorset").expect("publish");
    drop(wb);
    planbook_share::grant(&server.remote("alice"), "Our Dorset", "bob", "editor").expect("grant");
    let bob = join(
        &server.address("bob"),
        "Our Dorset",
        &dir.path("bob.sqlite"),
    )
    .expect("join");
    (path, bob)
}

fn first_action(wb: &Workbook) -> Action {
    wb.list::<Action>().expect("actions").remove(0)
}

fn open(host: &TestHost, path: &std::path::Path) -> WorkbookId {
    match open_path(&host.state, path) {
        WindowState::Open { workbook, .. } => workbook,
        other => panic!("not opened: {other:?}"),
    }
}

#[test]
fn others_edits_appear_in_the_open_workbook_and_it_says_up_to_date() {
    let server = TestServer::start();
    let dir = TempDir::new("shared-live-pull");
    let (alice, mut bob) = alice_and_bob(&server, &dir);
    let host = host(&dir, &[]);
    let w = open(&host, &alice);
    start(&host);
    wait_until("up to date", || state_of(&host, w) == SyncState::UpToDate);

    let action = first_action(&bob);
    bob.set(Kind::Action, &action.id, "title", json!("Bob's title"))
        .expect("bob edits");
    sync(&mut bob, &server.remote("bob"), &Settle::Ask).expect("bob syncs");

    // The window is told what changed, as an edit's answer, without asking.
    wait_until("the window is told of Bob's edit", || {
        host.told.lock().expect("told").iter().any(|e| {
            e.edited
                .as_ref()
                .is_some_and(|ed| json!(ed.changes).to_string().contains(&action.id.0))
        })
    });
    let content = workbook_content(&host.state, w).expect("content");
    let title = &content
        .actions
        .iter()
        .find(|a| a.id == action.id)
        .expect("action")
        .title;
    assert_eq!(title, "Bob's title");
    assert_eq!(state_of(&host, w), SyncState::UpToDate);
    // Bob's edit is not Alice's to undo.
    let undo = undo_state(&host.state, w).expect("undo state");
    assert!(undo.undo.is_none(), "{undo:?}");
}

#[test]
fn an_edit_here_is_sent_by_itself_and_others_are_seen_on_their_item() {
    let server = TestServer::start();
    let dir = TempDir::new("shared-live-push");
    let (alice, mut bob) = alice_and_bob(&server, &dir);
    let host = host(&dir, &[]);
    let w = open(&host, &alice);
    start(&host);
    wait_until("up to date", || state_of(&host, w) == SyncState::UpToDate);

    let action = first_action(&bob);
    set_field(
        &host.state,
        w,
        Kind::Action,
        &action.id,
        "title",
        json!("Alice's title"),
    )
    .expect("alice edits");
    let bob_remote = server.remote("bob");
    wait_until("Alice's edit reaches the server", || {
        sync(&mut bob, &bob_remote, &Settle::Ask).expect("bob syncs");
        first_action(&bob).title == "Alice's title"
    });
    wait_until("up to date again", || {
        state_of(&host, w) == SyncState::UpToDate
    });

    // Bob is on the action: Alice's header names him and the action in words.
    let plan_id = planbook_core::sync::shared::link(bob.reader())
        .expect("link")
        .expect("linked")
        .plan_id;
    let client = uuid::Uuid::new_v4().to_string();
    bob_remote
        .here(&plan_id, &client, &format!("action:{}", action.id.0))
        .expect("bob is here");
    share_here(&host.state, w, "priority:none");
    wait_until("Bob is seen", || {
        share_status(&host.state, w)
            .expect("status")
            .others
            .iter()
            .any(|o| {
                o.who == "bob"
                    && o.item.as_deref() == Some(&format!("{} “Alice's title”", action.code))
            })
    });
}

#[test]
fn conflicts_change_nothing_until_settled() {
    let server = TestServer::start();
    let dir = TempDir::new("shared-live-conflict");
    let (alice, mut bob) = alice_and_bob(&server, &dir);
    let action = first_action(&bob);
    // Both change the same title while Alice's workbook is closed.
    bob.set(Kind::Action, &action.id, "title", json!("Bob's title"))
        .expect("bob edits");
    sync(&mut bob, &server.remote("bob"), &Settle::Ask).expect("bob syncs");
    let mut wb = Workbook::open(&alice, planbook_core::Access::Edit).expect("open");
    wb.set(Kind::Action, &action.id, "title", json!("Alice's title"))
        .expect("alice edits");
    drop(wb);

    let host = host(&dir, &[]);
    let w = open(&host, &alice);
    start(&host);
    wait_until("a conflict", || {
        state_of(&host, w) == SyncState::Conflicts { count: 1 }
    });
    let conflicts = shared_conflicts(&host.state, w).expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].mine.as_str(), conflicts[0].theirs.as_str()),
        ("Alice's title", "Bob's title")
    );
    assert_eq!(
        conflicts[0].theirs_by.as_ref().map(|b| b.who.as_str()),
        Some("bob")
    );

    let synced =
        settle_shared(&host.state, w, vec![crate::wire::MergeChoice::Theirs]).expect("settled");
    assert_eq!(synced.status.state, SyncState::UpToDate);
    assert!(
        synced.edited.is_some(),
        "the window gets the rows that changed"
    );
    let content = workbook_content(&host.state, w).expect("content");
    assert_eq!(
        content
            .actions
            .iter()
            .find(|a| a.id == action.id)
            .expect("action")
            .title,
        "Bob's title"
    );
}

#[test]
fn share_on_a_server_then_open_it_elsewhere_from_the_file_menu() {
    let server = TestServer::start();
    let dir = TempDir::new("shared-menu");
    let path = dir.path("mine.sqlite");
    let content = example::content("our-dorset").expect("example");
    drop(Workbook::create(&path, Start::Content(Box::new(content))).expect("create"));
    let copy = dir.path("copy.sqlite");
    let save = format!("save {}", copy.display());
    let host = host(&dir, &[&save]);
    let w = open(&host, &path);

    let typed = |server: String, plan: &str| ServerPlan {
        server,
        password: String::new(),
        plan: plan.into(),
    };
    let wrong = share_on_server(
        &host.state,
        w,
        &typed("db.example/plans".into(), "Our Dorset"),
    )
    .expect_err("not an address");
    assert_eq!(wrong.code, "bad_address");
    assert!(
        wrong
            .message
            .contains("postgres://YOUR-NAME@SERVER/DATABASE"),
        "{}",
        wrong.message
    );

    let status =
        share_on_server(&host.state, w, &typed(server.url("alice"), "Our Dorset")).expect("shared");
    assert_eq!(status.plan, "Our Dorset");
    start(&host);
    wait_until("up to date", || state_of(&host, w) == SyncState::UpToDate);

    // Alice opens it on another computer: a plan not there is said in words, then the real one.
    let missing = open_shared_plan(&host.state, &typed(server.url("alice"), "Their plan"))
        .expect_err("no such plan");
    assert_eq!(missing.code, "no_such_plan");
    let window = open_shared_plan(&host.state, &typed(server.url("alice"), "Our Dorset"))
        .expect("opened")
        .expect("not cancelled");
    let WindowState::Open { workbook, .. } = window else {
        panic!("{window:?}")
    };
    assert_eq!(
        host.state.path_of(workbook).as_deref(),
        Some(copy.as_path())
    );
    start(&host);
    wait_until("the copy is up to date", || {
        state_of(&host, workbook) == SyncState::UpToDate
    });
}

#[test]
fn a_server_that_goes_away_keeps_edits_says_so_and_sends_them_when_back() {
    let server = TestServer::start();
    let dir = TempDir::new("shared-offline");
    let (alice, bob) = alice_and_bob(&server, &dir);
    let host = host(&dir, &[]);
    let w = open(&host, &alice);
    start(&host);
    wait_until("up to date", || state_of(&host, w) == SyncState::UpToDate);
    server.kill();
    let content = workbook_content(&host.state, w).expect("content");
    let action = &content.actions[0];
    set_field(
        &host.state,
        w,
        Kind::Action,
        &action.id,
        "title",
        json!("Offline title"),
    )
    .expect("edits offline");
    wait_until("offline with one edit kept", || {
        matches!(state_of(&host, w), SyncState::Offline { to_send: 1, .. })
    });

    // Back: tried again within 15 seconds, and the kept edit goes.
    server.restart();
    wait_up_to(
        Duration::from_secs(45),
        "up to date once the server is back",
        || state_of(&host, w) == SyncState::UpToDate,
    );
    let mut bob = bob;
    sync(&mut bob, &server.remote("bob"), &Settle::Ask).expect("bob syncs");
    assert_eq!(
        bob.list::<Action>().expect("actions")[0].title,
        "Offline title"
    );
}
