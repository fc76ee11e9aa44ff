//! The scenarios of a shared plan on a server (see `recordings.rs`), recorded against a real
//! PostgreSQL (`planbook_share::test_server`): the header with someone else in the plan, and
//! a conflict settled. The live thread's work is done once on the recorder's thread
//! (`shared_live::step_now`), so the recording does not depend on timing.

use planbook_core::model::{Action, Kind};
use planbook_core::sync::shared;
use planbook_share::test_server::TestServer;
use planbook_share::{Settle, join, publish, sync};
use serde_json::json;

use super::recorder::Scenario;
use super::recordings::{W, example_file, opening_reads, wb};
use super::shared_live::step_now;
use super::*;
use crate::wire::MergeChoice;

/// What the server's address reads in the recording (its port changes from run to run).
const SERVER: &str = "postgres://alice@planbook.example.org/partnership";

/// The example published as "Our Dorset" by Alice, Bob's copy joined from it, and Bob on the
/// fifth action; `edit` runs on both sides before Alice's workbook is opened.
fn shared(
    name: &'static str,
    server: &TestServer,
    edit: impl FnOnce(&mut Workbook, &mut Workbook),
) -> Scenario {
    let mut s = Scenario::new(name, &[]);
    s.alias(server.url("alice"), SERVER);
    let path = example_file(&s, "Our Dorset.sqlite");
    let mut alice = Workbook::open(&path, planbook_core::Access::Edit).expect("open");
    publish(&mut alice, &server.address("alice"), "Our Dorset").expect("publish");
    planbook_share::grant(&server.remote("alice"), "Our Dorset", "bob", "editor").expect("grant");
    let mut bob = join(
        &server.address("bob"),
        "Our Dorset",
        &s.dir.path("bob.sqlite"),
    )
    .expect("join");
    edit(&mut alice, &mut bob);
    drop(alice);
    let bob_remote = server.remote("bob");
    sync(&mut bob, &bob_remote, &Settle::Ask).expect("bob syncs");
    let link = shared::link(bob.reader()).expect("link").expect("linked");
    let action = &bob.list::<Action>().expect("actions")[4];
    bob_remote
        .here(
            &link.plan_id,
            &uuid::Uuid::new_v4().to_string(),
            &format!("action:{}", action.id.0),
        )
        .expect("bob is here");
    assert!(matches!(
        open_at_start(&s.state, Some(&path)),
        WindowState::Open { .. }
    ));
    step_now(&s.state, W);
    opening_reads(&mut s, W);
    s.read("share_status", wb(W), |st| Ok(share_status(st, W)))
        .unwrap();
    s.read("share_here", json!({ "workbook": W, "item": "" }), |st| {
        share_here(st, W, "");
        Ok(())
    })
    .unwrap();
    s
}

/// Bob is in the plan, on A05; the workbook is up to date.
pub(super) fn others() -> Scenario {
    let server = TestServer::start();
    shared("shared-others", &server, |_, _| {})
}

/// Alice and Bob changed the same action's title: one conflict, settled by taking Bob's.
pub(super) fn conflict() -> Scenario {
    let server = TestServer::start();
    let mut s = shared("shared-conflict", &server, |alice, bob| {
        let id = alice.list::<Action>().expect("actions")[0].id.clone();
        alice
            .set(Kind::Action, &id, "title", json!("Alice's title"))
            .expect("alice edits");
        bob.set(Kind::Action, &id, "title", json!("Bob's title"))
            .expect("bob edits");
    });
    s.step("shared_conflicts", wb(W), |st| shared_conflicts(st, W))
        .unwrap();
    s.step(
        "settle_shared",
        json!({ "workbook": W, "choices": [{ "kind": "theirs" }] }),
        |st| settle_shared(st, W, vec![MergeChoice::Theirs]),
    )
    .unwrap();
    s
}
