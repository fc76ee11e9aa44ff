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
