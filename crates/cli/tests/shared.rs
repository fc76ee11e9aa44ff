//! The shared-plan commands used as a person would, against a real PostgreSQL server:
//! publish, join, sync (with a conflict), server init/grant/plans, and wrong addresses.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{planbook_with_data, text};
use planbook_core::model::{Action, Kind};
use planbook_core::{Access, Workbook};
use planbook_share::test_server::TestServer;
use serde_json::json;

fn retitle(file: &std::path::Path, n: usize, title: &str) {
    let mut wb = Workbook::open(file, Access::Edit).unwrap();
    let id = wb.list::<Action>().unwrap()[n].id.clone();
    wb.set(Kind::Action, &id, "title", json!(title)).unwrap();
}

fn title(file: &std::path::Path, n: usize) -> String {
    let wb = Workbook::open(file, Access::ReadOnly).unwrap();
    wb.list::<Action>().unwrap()[n].title.clone()
}

#[test]
fn publish_join_and_sync_from_the_command_line() {
    let server = TestServer::start();
    let d = common::folder("planbook shared ");
    let data = d.path().join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| planbook_with_data(d.path(), data, args);
    let (alice_url, bob_url) = (server.url("alice"), server.url("bob"));

    assert!(
        run(&["new", "alice.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let out = run(&["publish", "alice.sqlite", "--server", &alice_url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("as the shared plan “Our Dorset”"),
        "{}",
        text(&out.stdout)
    );

    // Bob may not see it until Alice gives him access.
    let out = run(&["join", &bob_url, "--plan", "Our Dorset", "-o", "bob.sqlite"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no shared plan called “Our Dorset”"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&[
        "server",
        "grant",
        &alice_url,
        "--plan",
        "Our Dorset",
        "--role",
        "bob",
        "--access",
        "editor",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("bob is now an editor"));
    let out = run(&["join", &bob_url, "--plan", "Our Dorset", "-o", "bob.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["info", "bob.sqlite"]);
    assert!(
        text(&out.stdout).contains("Shared plan:    “Our Dorset” on postgres://bob@127.0.0.1:"),
        "{}",
        text(&out.stdout)
    );
    let out = run(&["server", "plans", &bob_url]);
    assert_eq!(text(&out.stdout).trim(), "Our Dorset\teditor");

    let (alice, bob) = (d.path().join("alice.sqlite"), d.path().join("bob.sqlite"));
    retitle(&alice, 0, "Alice's title");
    let out = run(&["sync", "alice.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Went: 1 change of yours."),
        "{}",
        text(&out.stdout)
    );

    // The same field changed on both sides: listed, exit 1, nothing changed.
    retitle(&bob, 0, "Bob's title");
    let out = run(&["sync", "bob.sqlite"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stdout);
    assert!(
        said.contains("1 conflict with the shared plan; nothing was changed"),
        "{said}"
    );
    assert!(
        said.contains("Bob's title") && said.contains("Alice's title") && said.contains("alice"),
        "{said}"
    );
    assert_eq!(title(&bob, 0), "Bob's title");
    let out = run(&["sync", "bob.sqlite", "--prefer", "theirs"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Came: 1 edit by alice"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(title(&bob, 0), "Alice's title");
    let out = run(&["sync", "bob.sqlite"]);
    assert!(
        text(&out.stdout).contains("Nothing new from others."),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn server_init_prints_or_applies_the_schema() {
    let server = TestServer::start();
    let d = common::folder("planbook shared init ");
    let data = d.path().join("data");
    let run = |args: &[&str]| planbook_with_data(d.path(), data.to_str().unwrap(), args);
    let out = run(&["server", "init", "postgres://admin@db.example/plans"]);
    assert!(out.status.success());
    let sql = text(&out.stdout);
    assert!(
        sql.contains("CREATE SCHEMA planbook;") && sql.contains("ROW LEVEL SECURITY"),
        "{sql}"
    );
    planbook_share::schema::run_as_admin(&server.remote("admin"), "CREATE DATABASE fresh").unwrap();
    let fresh = format!("postgres://admin@127.0.0.1:{}/fresh", server.port);
    let out = run(&["server", "init", &fresh, "--apply"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Made Planbook's schema (format 1)"));
    let out = run(&["server", "init", &fresh, "--apply"]);
    assert!(text(&out.stdout).contains("already has Planbook's schema"));
}

#[test]
fn wrong_addresses_and_absent_servers_are_explained() {
    let d = common::folder("planbook shared bad ");
    let data = d.path().join("data");
    let run = |args: &[&str]| planbook_with_data(d.path(), data.to_str().unwrap(), args);
    assert!(
        run(&["new", "a.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &["publish", "a.sqlite", "--server", "db.example/plans"],
            "postgres://YOUR-NAME@SERVER/DATABASE",
        ),
        (
            &[
                "publish",
                "a.sqlite",
                "--server",
                "postgres://127.0.0.1:1/plans",
            ],
            "names no one",
        ),
        (
            &[
                "publish",
                "a.sqlite",
                "--server",
                "postgres://alice@127.0.0.1:1/plans",
            ],
            "cannot be reached",
        ),
        (&["sync", "a.sqlite"], "not linked to a shared plan"),
        (&["sync", "missing.sqlite"], "was not found"),
    ];
    for (args, cause) in cases {
        let out = run(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {err}");
        assert!(
            lines[0].starts_with("error: ") && lines[0].contains(cause),
            "{args:?}: {err}"
        );
        assert!(lines[1].starts_with("hint: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

fn add_milestone(file: &std::path::Path, title: &str) {
    let mut wb = Workbook::open(file, Access::Edit).unwrap();
    let action = wb.list::<Action>().unwrap()[0].id.clone();
    let fields = json!({"action_id": action.0, "title": title});
    wb.add_fields(Kind::Milestone, fields.as_object().unwrap().clone())
        .unwrap();
}

/// Every milestone made is on the server exactly once, and a fresh copy of the shared plan
/// holds what `file` holds.
fn nothing_lost_or_doubled(
    server: &TestServer,
    dir: &std::path::Path,
    file: &std::path::Path,
    made: &[String],
) {
    let wb = Workbook::open(file, Access::ReadOnly).unwrap();
    let link = planbook_core::sync::shared::link(wb.reader())
        .unwrap()
        .unwrap();
    let edits = server
        .remote("alice")
        .edits_since(&link.plan_id, 0)
        .unwrap();
    let mut inserted: Vec<String> = Vec::new();
    for e in &edits {
        for op in &e.ops {
            if let planbook_core::sync::shared::Op::Insert { kind, row, .. } = op
                && kind == "milestone"
            {
                inserted.push(row["title"].as_str().unwrap().to_owned());
            }
        }
    }
    inserted.sort();
    let mut want = made.to_vec();
    want.sort();
    assert_eq!(inserted, want, "each milestone reached the server once");
    let fresh = dir.join(format!("fresh-{}.sqlite", edits.len()));
    let copy = planbook_share::join(&server.address("alice"), &link.plan, &fresh).unwrap();
    let d =
        planbook_core::sync::diff::diff(&wb.content().unwrap(), &copy.content().unwrap()).unwrap();
    assert!(d.is_empty(), "the server's plan is the workbook's: {d:#?}");
}

#[test]
fn a_sync_killed_at_any_moment_loses_and_doubles_nothing() {
    let server = TestServer::start();
    let d = common::folder("planbook shared kill ");
    let data = d.path().join("data");
    let run = |args: &[&str]| planbook_with_data(d.path(), data.to_str().unwrap(), args);
    assert!(
        run(&["new", "alice.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    assert!(
        run(&["publish", "alice.sqlite", "--server", &server.url("alice")])
            .status
            .success()
    );
    let file = d.path().join("alice.sqlite");
    let mut made = Vec::new();
    for round in 0..12u64 {
        let title = format!("Milestone {round}");
        add_milestone(&file, &title);
        made.push(title);
        // The planner's sync is killed (kill -9) after a different moment each round: before
        // it connects, while it pushes, after the server committed but before it recorded so.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planbook"))
            .args(["sync", "alice.sqlite"])
            .current_dir(d.path())
            .env("PLANBOOK_DATA_DIR", &data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis((round * 7) % 60));
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = run(&["sync", "alice.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    nothing_lost_or_doubled(&server, d.path(), &file, &made);
}

#[test]
fn a_server_killed_at_any_moment_of_a_sync_loses_and_doubles_nothing() {
    let server = TestServer::start();
    let d = common::folder("planbook shared crash ");
    let data = d.path().join("data");
    let run = |args: &[&str]| planbook_with_data(d.path(), data.to_str().unwrap(), args);
    assert!(
        run(&["new", "alice.sqlite", "--example", "our-dorset"])
            .status
            .success()
    );
    assert!(
        run(&["publish", "alice.sqlite", "--server", &server.url("alice")])
            .status
            .success()
    );
    let file = d.path().join("alice.sqlite");
    let mut made = Vec::new();
    for round in 0..6u64 {
        let title = format!("Milestone {round}");
        add_milestone(&file, &title);
        made.push(title);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planbook"))
            .args(["sync", "alice.sqlite"])
            .current_dir(d.path())
            .env("PLANBOOK_DATA_DIR", &data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis((round * 11) % 50));
        server.kill();
        let _ = child.wait();
        server.restart();
    }
    let out = run(&["sync", "alice.sqlite"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    nothing_lost_or_doubled(&server, d.path(), &file, &made);
}
