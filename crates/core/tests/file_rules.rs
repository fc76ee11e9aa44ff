//! The workbook file rules of docs/design.md, one test (or more) each.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::path::Path;

use common::{example_at, journal_files, temp_dir};
use planbook_core::model::{Action, Id, Kind, Priority};
use planbook_core::store::Setting;
use planbook_core::store::schema::{self, APPLICATION_ID, FORMAT_VERSION, MIGRATIONS};
use planbook_core::{Access, Error, OpenOptions, Start, Workbook};
use rusqlite::Connection;

fn pragma_i64(path: &Path, name: &str) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn application_id_and_format_version_are_in_the_header() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    assert_eq!(
        pragma_i64(&path, "application_id"),
        i64::from(APPLICATION_ID)
    );
    assert_eq!(pragma_i64(&path, "user_version"), FORMAT_VERSION);
    let conn = Connection::open(&path).unwrap();
    let writer: String = conn
        .query_row(
            "SELECT value FROM planbook_meta WHERE key = 'writer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(writer.starts_with("Planbook "), "{writer}");
}

#[test]
fn another_application_id_is_not_a_planbook_workbook() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "application_id", 42)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Workbook::open(&path, Access::Edit).unwrap_err();
    assert!(matches!(err, Error::NotPlanbook { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("an SQLite database, but not a Planbook workbook")
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a refused file is never modified"
    );

    let plain = dir.path().join("other program.db");
    Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_eq!(
        Workbook::open(&plain, Access::ReadOnly).unwrap_err().code(),
        "not_planbook"
    );
}

#[test]
fn a_newer_format_opens_read_only_and_says_which_version_wrote_it() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "from the future.sqlite");
    drop(wb);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", FORMAT_VERSION + 1)
            .unwrap();
        conn.execute(
            "UPDATE planbook_meta SET value = 'Planbook 9.4.0' WHERE key = 'writer'",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Workbook::open(&path, Access::Edit).unwrap_err() {
        Error::FileTooNew {
            found,
            supported,
            writer,
            ..
        } => {
            assert_eq!((found, supported), (FORMAT_VERSION + 1, FORMAT_VERSION));
            assert_eq!(writer, "Planbook 9.4.0");
        }
        other => panic!("expected FileTooNew, got {other:?}"),
    }
    let mut wb = Workbook::open(&path, Access::ReadOnly).unwrap();
    let reason = wb.read_only_reason().unwrap().to_owned();
    assert!(
        reason.contains("Planbook 9.4.0") && reason.contains("update Planbook"),
        "{reason}"
    );
    assert_eq!(wb.summary().unwrap().title, "Our Dorset");
    let plan = wb.plan().unwrap();
    let err = wb
        .set(Kind::Plan, &plan.id, "title", "Changed".into())
        .unwrap_err();
    assert_eq!(err.code(), "read_only");
    drop(wb);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn typed_errors_for_files_that_are_not_workbooks() {
    let dir = temp_dir();
    let missing = dir.path().join("not here.sqlite");
    assert_eq!(
        Workbook::open(&missing, Access::Edit).unwrap_err().code(),
        "not_found"
    );

    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "These are my notes, not a workbook.").unwrap();
    assert_eq!(
        Workbook::open(&text, Access::Edit).unwrap_err().code(),
        "not_sqlite"
    );

    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        Workbook::open(&empty, Access::Edit).unwrap_err().code(),
        "not_sqlite"
    );
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

    assert_eq!(
        Workbook::open(dir.path(), Access::ReadOnly)
            .unwrap_err()
            .code(),
        "not_sqlite"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_sqlite_reads_it() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let mut opts = OpenOptions::new(Access::ReadOnly);
    opts.size_limit = 4096;
    let err = Workbook::open_with(&path, &opts).unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit: 4096, .. }),
        "{err:?}"
    );
}

#[test]
fn a_damaged_file_is_corrupt_and_left_unchanged() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let mut bytes = std::fs::read(&path).unwrap();
    // Cut short mid-page, as an interrupted download would.
    let cut = dir.path().join("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() - 1000]).unwrap();
    assert_eq!(
        Workbook::open(&cut, Access::Edit).unwrap_err().code(),
        "corrupt"
    );
    // Scribble over the second page (a b-tree page).
    for b in &mut bytes[4096..4096 + 64] {
        *b = 0xA5;
    }
    let scribbled = dir.path().join("scribbled.sqlite");
    std::fs::write(&scribbled, &bytes).unwrap();
    let err = Workbook::open(&scribbled, Access::Edit).unwrap_err();
    assert_eq!(err.code(), "corrupt", "{err:?}");
    assert_eq!(std::fs::read(&scribbled).unwrap(), bytes);
    assert!(journal_files(&scribbled).is_empty());
}

#[test]
fn a_hostile_trigger_is_refused_and_never_runs() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TRIGGER wipe AFTER UPDATE ON plan BEGIN DELETE FROM action; END;")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Workbook::open(&path, Access::Edit).unwrap_err();
    assert_eq!(err.code(), "corrupt");
    assert!(err.to_string().contains("wipe"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_is_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "private.sqlite");
    drop(wb);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Running as root: permissions do not apply, so this cannot be observed here. The
        // mapping from the operating system's error is still checked below.
        eprintln!("skipped the unreadable-file part: this user can read any file");
    } else {
        assert_eq!(
            Workbook::open(&path, Access::ReadOnly).unwrap_err().code(),
            "permission_denied"
        );
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn no_journal_files_remain_after_an_edit_or_a_close() {
    let dir = temp_dir();
    let (path, mut wb) = example_at(dir.path(), "plan.sqlite");
    assert!(journal_files(&path).is_empty());
    let mode: String = wb.reader().setting(Setting::JournalMode).unwrap();
    assert_eq!(mode, "delete");
    let sync: i64 = wb.reader().setting(Setting::Synchronous).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let plan = wb.plan().unwrap();
    wb.set(Kind::Plan, &plan.id, "title", "Our Dorset plan".into())
        .unwrap();
    assert!(
        journal_files(&path).is_empty(),
        "after an edit: {:?}",
        journal_files(&path)
    );
    wb.undo().unwrap();
    assert!(journal_files(&path).is_empty(), "after an undo");
    drop(wb);
    assert!(journal_files(&path).is_empty(), "after close");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "exactly one file after close: {names:?}");
}

#[test]
fn migrations_are_all_or_nothing() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let before = std::fs::read(&path).unwrap();
    let mut steps: Vec<schema::Migration> = MIGRATIONS.to_vec();
    steps.push(|c| {
        c.execute_batch(
            "ALTER TABLE action ADD COLUMN budget REAL; CREATE TABLE extra (x INTEGER);",
        )
    });
    steps.push(|c| c.execute_batch("ALTER TABLE no_such_table ADD COLUMN y INTEGER;"));
    let mut conn = Connection::open(&path).unwrap();
    let err = schema::migrate(&mut conn, &steps).unwrap_err();
    assert!(err.to_string().contains("format 3"), "{err}");
    drop(conn);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a failed migration leaves the file as it was"
    );
    assert_eq!(pragma_i64(&path, "user_version"), FORMAT_VERSION);

    // And a successful one moves every step and the version together.
    steps.pop();
    let mut conn = Connection::open(&path).unwrap();
    schema::migrate(&mut conn, &steps).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, FORMAT_VERSION + 1);
}

#[test]
fn the_schema_matches_its_snapshot() {
    // Every schema change shows up in review as a change to this file. To accept a change on
    // purpose, run with UPDATE_SNAPSHOTS=1.
    let conn = {
        let mut c = Connection::open_in_memory().unwrap();
        schema::migrate(&mut c, MIGRATIONS).unwrap();
        c
    };
    let text = schema::schema_text(&conn).unwrap();
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/schema.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        committed == text,
        "the schema changed; review it and run with UPDATE_SNAPSHOTS=1:\n{text}"
    );
}

#[test]
fn every_row_has_a_uuid_and_timestamps() {
    let dir = temp_dir();
    let (path, mut wb) = example_at(dir.path(), "plan.sqlite");
    let p = wb
        .add(Priority {
            title: "Added later".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(p.id.is_well_formed());
    drop(wb);
    let conn = Connection::open(&path).unwrap();
    for kind in Kind::ALL {
        let sql = format!("SELECT id, created_at, updated_at FROM {}", kind.table());
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (id, created, updated) = row.unwrap();
            assert!(Id(id.clone()).is_well_formed(), "{kind:?} id {id}");
            for t in [&created, &updated] {
                assert!(
                    chrono::DateTime::parse_from_rfc3339(t).is_ok() && t.ends_with('Z'),
                    "{kind:?} timestamp {t}"
                );
            }
            assert!(updated >= created);
        }
    }
}

#[test]
fn updated_at_moves_on_an_edit_and_created_at_does_not() {
    let dir = temp_dir();
    let (_path, mut wb) = example_at(dir.path(), "plan.sqlite");
    let a = wb.list::<Action>().unwrap().remove(0);
    std::thread::sleep(std::time::Duration::from_millis(5));
    wb.set(Kind::Action, &a.id, "title", "Renamed".into())
        .unwrap();
    let after: Action = wb.get(&a.id).unwrap();
    assert_eq!(after.created_at, a.created_at);
    assert!(after.updated_at > a.updated_at);
}

#[test]
fn create_refuses_to_overwrite_and_replacing_keeps_one_file() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    drop(wb);
    let err = Workbook::create(
        &path,
        Start::Blank {
            title: "New".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "already_exists");
    assert_eq!(
        Workbook::open(&path, Access::ReadOnly)
            .unwrap()
            .plan()
            .unwrap()
            .title,
        "Our Dorset"
    );
    let wb = Workbook::create_replacing(
        &path,
        Start::Blank {
            title: "New".into(),
        },
    )
    .unwrap();
    assert_eq!(wb.plan().unwrap().title, "New");
    drop(wb);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_workbook_open_for_editing_cannot_be_replaced() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "plan.sqlite");
    let err = Workbook::create_replacing(
        &path,
        Start::Blank {
            title: "New".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "in_use");
    drop(wb);
}
