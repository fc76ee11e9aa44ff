#![allow(clippy::unwrap_used)]

//! A shared plan on a real PostgreSQL server (`planbook_share::test_server`): publishing, joining, syncing,
//! conflicts, permissions, and what a cut connection or a crash leaves behind.

use std::path::PathBuf;

use planbook_core::model::{Action, Kind};
use planbook_core::sync::diff;
use planbook_core::sync::shared;
use planbook_core::{Start, Workbook, example};
use planbook_share::test_server::{self as support, TestServer};
use planbook_share::{Pushed, Settle, ShareError, join, publish, sync};
use serde_json::json;

struct Planner {
    wb: Workbook,
    remote: planbook_share::Remote,
}

fn published(server: &TestServer, dir: &std::path::Path) -> Planner {
    let path = dir.join("alice.sqlite");
    let content = example::content("our-dorset").unwrap();
    let mut wb = Workbook::create(&path, Start::Content(Box::new(content))).unwrap();
    publish(&mut wb, &server.address("alice"), "Our Dorset").unwrap();
    Planner {
        wb,
        remote: server.remote("alice"),
    }
}

fn joined(server: &TestServer, dir: &std::path::Path, role: &str, file: &str) -> Planner {
    let alice = server.remote("alice");
    planbook_share::grant(&alice, "Our Dorset", role, "editor").unwrap();
    let wb = join(&server.address(role), "Our Dorset", &dir.join(file)).unwrap();
    Planner {
        wb,
        remote: server.remote(role),
    }
}

fn sync_ok(p: &mut Planner) -> planbook_share::SyncReport {
    let r = sync(&mut p.wb, &p.remote, &Settle::Ask).unwrap();
    assert!(
        r.conflicts.is_empty(),
        "unexpected conflicts: {:?}",
        r.conflicts
    );
    r
}

fn actions(wb: &Workbook) -> Vec<Action> {
    wb.list::<Action>().unwrap()
}

fn set_title(wb: &mut Workbook, n: usize, title: &str) {
    let id = actions(wb)[n].id.clone();
    wb.set(Kind::Action, &id, "title", json!(title)).unwrap();
}

fn same_content(a: &Workbook, b: &Workbook) {
    let d = diff::diff(&a.content().unwrap(), &b.content().unwrap()).unwrap();
    assert!(d.is_empty(), "the two workbooks differ: {d:#?}");
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn two_planners_edit_one_plan_and_end_with_the_same_content() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    same_content(&alice.wb, &bob.wb);

    set_title(&mut alice.wb, 0, "Alice's new title");
    let r = sync_ok(&mut alice);
    assert_eq!((r.sent, r.seq), (1, 1));
    // A field changed on one side only merges by itself: Bob changes another action meanwhile.
    set_title(&mut bob.wb, 1, "Bob's new title");
    let r = sync_ok(&mut bob);
    assert_eq!((r.received, r.came.changed, r.sent, r.seq), (1, 1, 1, 2));
    sync_ok(&mut alice);
    same_content(&alice.wb, &bob.wb);
    assert_eq!(actions(&alice.wb)[1].title, "Bob's new title");

    // Undo stays the planner's own: Bob's undo takes back his edit, never Alice's.
    let undone = bob.wb.undo().unwrap();
    assert!(
        undone.label.to_lowercase().contains("title") || !undone.label.contains("shared"),
        "{undone:?}"
    );
    assert_eq!(actions(&bob.wb)[0].title, "Alice's new title");
    assert_ne!(actions(&bob.wb)[1].title, "Bob's new title");
}

#[test]
fn ten_clients_editing_the_same_plan_converge() {
    let server = TestServer::start();
    let dir = temp();
    let mut planners = vec![published(&server, dir.path())];
    for n in 1..10 {
        let role = support::PLANNERS[1 + n % 4];
        planners.push(joined(&server, dir.path(), role, &format!("p{n}.sqlite")));
    }
    let count = actions(&planners[0].wb).len();
    for round in 0..4 {
        for (n, p) in planners.iter_mut().enumerate() {
            // Some edits collide on the same action's other fields, some on different actions.
            let target = (n * 3 + round) % count;
            let id = actions(&p.wb)[target].id.clone();
            let field = if n % 2 == 0 { "title" } else { "progress_note" };
            p.wb.set(
                Kind::Action,
                &id,
                field,
                json!(format!("round {round} by client {n}")),
            )
            .unwrap();
            let r = sync(&mut p.wb, &p.remote, &Settle::AllMine).unwrap();
            assert!(r.conflicts.is_empty());
        }
    }
    // Two more rounds with nothing new bring everyone to the server's state.
    for _ in 0..2 {
        for p in planners.iter_mut() {
            sync_ok(p);
        }
    }
    for p in &planners[1..] {
        same_content(&planners[0].wb, &p.wb);
    }
    let head = planners[0]
        .remote
        .head(
            &shared::link(planners[0].wb.reader())
                .unwrap()
                .unwrap()
                .plan_id,
        )
        .unwrap();
    assert!(
        head >= 40,
        "every client's edits reached the server ({head})"
    );
}

#[test]
fn a_planner_offline_for_a_day_merges_when_back() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    let n = actions(&alice.wb).len();
    // A day's work on both sides: Alice online, syncing after each edit; Bob offline.
    for i in 0..n {
        let id = actions(&alice.wb)[i].id.clone();
        alice
            .wb
            .set(
                Kind::Action,
                &id,
                "progress_note",
                json!(format!("Alice, edit {i}")),
            )
            .unwrap();
        sync_ok(&mut alice);
        let id = actions(&bob.wb)[i].id.clone();
        bob.wb
            .set(Kind::Action, &id, "status", json!("at_risk"))
            .unwrap();
    }
    let r = sync_ok(&mut bob);
    assert_eq!(r.received, n);
    assert!(r.sent >= 1);
    sync_ok(&mut alice);
    same_content(&alice.wb, &bob.wb);
    for a in actions(&alice.wb) {
        assert!(a.progress_note.starts_with("Alice, edit"));
        assert_eq!(a.status, planbook_core::model::ActionStatus::AtRisk);
    }
}

#[test]
fn a_true_conflict_is_offered_and_nothing_changes_until_it_is_settled() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    set_title(&mut alice.wb, 0, "Alice's title");
    sync_ok(&mut alice);
    set_title(&mut bob.wb, 0, "Bob's title");
    let before = bob.wb.content().unwrap();
    let plan_id = shared::link(bob.wb.reader()).unwrap().unwrap().plan_id;
    let head = bob.remote.head(&plan_id).unwrap();

    let r = sync(&mut bob.wb, &bob.remote, &Settle::Ask).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    let c = &r.conflicts[0];
    assert_eq!(
        (c.mine.as_str(), c.theirs.as_str()),
        (Some("Bob's title"), Some("Alice's title"))
    );
    assert_eq!(c.theirs_by.as_ref().map(|b| b.who.as_str()), Some("alice"));
    // Nothing changed, here or on the server.
    assert!(
        diff::diff(&before, &bob.wb.content().unwrap())
            .unwrap()
            .is_empty()
    );
    assert_eq!(bob.remote.head(&plan_id).unwrap(), head);

    let r = sync(&mut bob.wb, &bob.remote, &Settle::AllTheirs).unwrap();
    assert!(r.conflicts.is_empty());
    assert_eq!(actions(&bob.wb)[0].title, "Alice's title");
    sync_ok(&mut alice);
    same_content(&alice.wb, &bob.wb);
}

#[test]
fn a_viewers_edit_is_refused_by_the_server() {
    let server = TestServer::start();
    let dir = temp();
    let _alice = published(&server, dir.path());
    planbook_share::grant(&server.remote("alice"), "Our Dorset", "viewer", "viewer").unwrap();
    let mut v = Planner {
        wb: join(
            &server.address("viewer"),
            "Our Dorset",
            &dir.path().join("v.sqlite"),
        )
        .unwrap(),
        remote: server.remote("viewer"),
    };
    set_title(&mut v.wb, 0, "A viewer's title");
    let e = sync(&mut v.wb, &v.remote, &Settle::Ask).unwrap_err();
    assert!(matches!(e, ShareError::NotAllowed(_)), "{e}");
    assert!(e.to_string().contains("ask an owner"), "{e}");
    // Not only through Planbook: the server itself refuses the row, and a viewer cannot make
    // themselves an editor.
    let plan_id = shared::link(v.wb.reader()).unwrap().unwrap().plan_id;
    let e = v.remote.grant(&plan_id, "viewer", "editor").unwrap_err();
    assert!(matches!(e, ShareError::NotAllowed(_)), "{e}");
    assert_eq!(v.remote.head(&plan_id).unwrap(), 0);
    // Someone not given the plan does not see it at all.
    let e = join(
        &server.address("carol"),
        "Our Dorset",
        &dir.path().join("c.sqlite"),
    )
    .unwrap_err();
    assert!(matches!(e, ShareError::NoSuchPlan(_)), "{e}");
}

#[test]
fn a_push_repeated_after_a_cut_connection_is_applied_once() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    set_title(&mut alice.wb, 0, "Once");
    let plan_id = shared::link(alice.wb.reader()).unwrap().unwrap().plan_id;
    let ops = shared::outgoing(&mut alice.wb).unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        alice.remote.push(&plan_id, &id, 0, "t", &ops).unwrap(),
        Pushed::Accepted(1)
    );
    // The acknowledgement is lost (the client is killed before it records it); the same push
    // again is applied once.
    assert_eq!(
        alice.remote.push(&plan_id, &id, 0, "t", &ops).unwrap(),
        Pushed::Accepted(1)
    );
    assert_eq!(alice.remote.head(&plan_id).unwrap(), 1);
    // And a client that never recorded it sends nothing twice: its own edit comes back.
    let r = sync_ok(&mut alice);
    assert_eq!((r.received, r.sent, r.seq), (1, 0, 1));
    assert_eq!(alice.remote.head(&plan_id).unwrap(), 1);
    // A push on top of an old state is not taken.
    let other = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        alice.remote.push(&plan_id, &other, 0, "t", &ops).unwrap(),
        Pushed::Behind(1)
    );
}

#[test]
fn the_server_killed_mid_sync_loses_and_duplicates_nothing() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    set_title(&mut alice.wb, 0, "Before the crash");
    sync_ok(&mut alice);
    server.kill();
    set_title(&mut alice.wb, 1, "During the outage");
    let e = sync(&mut alice.wb, &alice.remote, &Settle::Ask).unwrap_err();
    assert!(e.is_offline(), "{e}");
    assert_eq!(
        actions(&alice.wb)[1].title,
        "During the outage",
        "nothing of the planner's is lost"
    );
    server.restart();
    // A new connection after the restart sends what waited, once.
    alice.remote = server.remote("alice");
    bob.remote = server.remote("bob");
    let r = sync_ok(&mut alice);
    assert_eq!((r.sent, r.seq), (1, 2));
    sync_ok(&mut bob);
    same_content(&alice.wb, &bob.wb);
    let plan_id = shared::link(bob.wb.reader()).unwrap().unwrap().plan_id;
    let edits = bob.remote.edits_since(&plan_id, 0).unwrap();
    assert_eq!(edits.len(), 2, "every acknowledged edit is there once");
}

#[test]
fn a_copy_for_email_carries_no_server_link_or_password() {
    let server = TestServer::start();
    let dir = temp();
    let path = dir.path().join("alice.sqlite");
    let mut wb = Workbook::create(
        &path,
        Start::Content(Box::new(example::content("our-dorset").unwrap())),
    )
    .unwrap();
    // The test server trusts local connections, so any password is accepted and must not be kept.
    let with_password = format!(
        "postgres://alice:Secret-4711@127.0.0.1:{}/postgres",
        server.port
    );
    publish(
        &mut wb,
        &planbook_share::Address::parse(&with_password).unwrap(),
        "Our Dorset",
    )
    .unwrap();
    let link = shared::link(wb.reader()).unwrap().unwrap();
    assert!(!link.server.contains("Secret-4711"));
    drop(wb);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !contains(&bytes, b"Secret-4711"),
        "the password is not in the workbook"
    );
    let wb = Workbook::open(&path, planbook_core::Access::ReadOnly).unwrap();
    let copy: PathBuf = dir.path().join("copy.sqlite");
    planbook_core::sync::copy::send_copy(&wb, &copy, Default::default()).unwrap();
    let copy = Workbook::open(&copy, planbook_core::Access::ReadOnly).unwrap();
    assert!(
        shared::link(copy.reader()).unwrap().is_none(),
        "a copy is not linked to the server"
    );
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn others_edits_arrive_by_notification() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    bob.remote.listen().unwrap();
    let plan_id = shared::link(bob.wb.reader()).unwrap().unwrap().plan_id;
    set_title(&mut alice.wb, 0, "Heard at once");
    sync_ok(&mut alice);
    let seq = bob
        .remote
        .wait_for_edit(&plan_id, std::time::Duration::from_secs(10));
    assert_eq!(seq, Some(1));
    sync_ok(&mut bob);
    assert_eq!(actions(&bob.wb)[0].title, "Heard at once");
}

#[test]
fn who_else_has_the_plan_open() {
    let server = TestServer::start();
    let dir = temp();
    let alice = published(&server, dir.path());
    let bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    let plan_id = shared::link(bob.wb.reader()).unwrap().unwrap().plan_id;
    let (a, b) = (
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
    );
    alice.remote.here(&plan_id, &a, "action:A01").unwrap();
    bob.remote.here(&plan_id, &b, "").unwrap();
    let others = bob.remote.others(&plan_id, &b).unwrap();
    assert_eq!(others.len(), 1);
    assert_eq!(
        (others[0].who.as_str(), others[0].item.as_str()),
        ("alice", "action:A01")
    );
    alice.remote.gone(&plan_id, &a).unwrap();
    assert!(bob.remote.others(&plan_id, &b).unwrap().is_empty());
}

#[test]
fn a_server_without_planbooks_schema_says_what_to_run() {
    let server = TestServer::start();
    let admin = server.remote("admin");
    planbook_share::schema::run_as_admin(&admin, "CREATE DATABASE empty").unwrap();
    let url = format!("postgres://alice@127.0.0.1:{}/empty", server.port);
    let remote =
        planbook_share::Remote::connect(&planbook_share::Address::parse(&url).unwrap()).unwrap();
    let e = remote.check_format().unwrap_err();
    assert!(e.to_string().contains("planbook server init"), "{e}");
    // And nobody is listening on a port: offline, in words.
    let url = format!(
        "postgres://alice@127.0.0.1:{}/postgres",
        support::unused_port()
    );
    let e = planbook_share::Remote::connect(&planbook_share::Address::parse(&url).unwrap())
        .unwrap_err();
    assert!(e.is_offline(), "{e}");
}

/// This computer's address on its network, as another computer would reach it, if it has one.
fn network_address() -> Option<std::net::IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // No packet is sent: connecting a UDP socket only picks the route and so the address.
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn a_server_on_another_computer_must_use_tls() {
    let server = TestServer::start();
    let Some(ip) = network_address() else {
        eprintln!("skipped: this machine has no network address besides loopback");
        return;
    };
    // The test server speaks no TLS: Planbook refuses to talk to it unencrypted from afar.
    let url = format!("postgres://alice@{ip}:{}/postgres", server.port);
    let addr = planbook_share::Address::parse(&url).unwrap();
    assert!(!addr.is_local());
    let e = planbook_share::Remote::connect(&addr).unwrap_err();
    assert!(matches!(e, ShareError::NeedsTls { .. }), "{e}");
    assert!(e.to_string().contains("must be encrypted (TLS)"), "{e}");
}

#[test]
fn undo_does_not_take_back_what_others_changed_since() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    set_title(&mut bob.wb, 0, "Bob's title");
    sync_ok(&mut bob);
    sync_ok(&mut alice);
    set_title(&mut alice.wb, 0, "Alice's title, after Bob's");
    sync_ok(&mut alice);
    sync_ok(&mut bob);
    // Bob's newest own edit is the title Alice has changed since: undoing it would overwrite
    // her edit, so it is refused in words, and nothing changes.
    let e = bob.wb.undo().unwrap_err().to_string();
    assert!(e.contains("cannot be undone") && e.contains("alice"), "{e}");
    assert_eq!(actions(&bob.wb)[0].title, "Alice's title, after Bob's");
}

#[test]
fn an_undo_after_a_sync_is_sent_like_any_edit() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    let before = actions(&alice.wb)[0].title.clone();
    set_title(&mut alice.wb, 0, "Soon undone");
    assert_eq!(sync_ok(&mut alice).sent, 1);
    // Nothing new on either side: a sync does nothing (and need not read the content).
    assert_eq!(sync_ok(&mut alice).sent, 0);
    alice.wb.undo().unwrap();
    assert_eq!(sync_ok(&mut alice).sent, 1, "the undo goes to the server");
    sync_ok(&mut bob);
    assert_eq!(actions(&bob.wb)[0].title, before);
    // And a redo too.
    alice.wb.redo().unwrap();
    assert_eq!(sync_ok(&mut alice).sent, 1);
    sync_ok(&mut bob);
    assert_eq!(actions(&bob.wb)[0].title, "Soon undone");
}

#[test]
fn a_server_schema_newer_than_this_planbook_is_refused_not_misread() {
    let server = TestServer::start();
    let mut admin = server.remote("admin");
    assert_eq!(
        admin.init().unwrap(),
        planbook_share::schema::FORMAT,
        "init again changes nothing"
    );
    planbook_share::schema::run_as_admin(&admin, "UPDATE planbook.format SET version = 99")
        .unwrap();
    let e = server.remote("alice").check_format().unwrap_err();
    assert!(
        matches!(e, ShareError::SchemaTooNew { found: 99, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("update Planbook"), "{e}");
    assert!(matches!(
        admin.init().unwrap_err(),
        ShareError::SchemaTooNew { .. }
    ));
}

#[test]
fn two_planners_adding_an_action_at_once_end_with_two_codes() {
    let server = TestServer::start();
    let dir = temp();
    let mut alice = published(&server, dir.path());
    let mut bob = joined(&server, dir.path(), "bob", "bob.sqlite");
    let add = |wb: &mut Workbook, title: &str| {
        let fields = json!({ "title": title });
        wb.add_fields(Kind::Action, fields.as_object().unwrap().clone())
            .unwrap();
    };
    add(&mut alice.wb, "Alice's new action");
    add(&mut bob.wb, "Bob's new action");
    let code_of = |wb: &Workbook, title: &str| {
        actions(wb)
            .into_iter()
            .find(|a| a.title == title)
            .unwrap()
            .code
    };
    assert_eq!(
        code_of(&alice.wb, "Alice's new action"),
        code_of(&bob.wb, "Bob's new action")
    );
    sync_ok(&mut alice);
    sync_ok(&mut bob);
    sync_ok(&mut alice);
    same_content(&alice.wb, &bob.wb);
    let (a, b) = (
        code_of(&bob.wb, "Alice's new action"),
        code_of(&bob.wb, "Bob's new action"),
    );
    assert_ne!(a, b, "the one that came second takes the next code");
    assert_eq!((a.as_str(), b.as_str()), ("A11", "A12"));
}
