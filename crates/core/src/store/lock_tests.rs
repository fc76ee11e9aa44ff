//! The edit lock under this system's locks and under a simulation of Windows' mandatory
//! locks, so the Windows behaviour's logic is checked on every system. (The workflow for the
//! public repository runs these and `tests/two_processes.rs` on Windows itself too.)
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::*;

/// Windows' behaviour, simulated: a file someone holds a lock on cannot be read by anyone
/// (`LockFileEx` locks are mandatory), however it is opened.
#[derive(Debug, Default)]
struct MandatoryLocks {
    locked: Mutex<HashSet<PathBuf>>,
}

impl Locks for MandatoryLocks {
    fn try_lock(&self, file: &File, path: &Path) -> std::io::Result<Taken> {
        let taken = OsLocks.try_lock(file, path)?;
        if taken == Taken::Yes {
            self.locked.lock().unwrap().insert(path.to_path_buf());
        }
        Ok(taken)
    }

    fn unlock(&self, file: &File, path: &Path) {
        self.locked.lock().unwrap().remove(path);
        OsLocks.unlock(file, path);
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        if self.locked.lock().unwrap().contains(path) {
            // What Windows says: ERROR_LOCK_VIOLATION.
            return Err(std::io::Error::other(
                "the process cannot access the file because another process has locked a portion of the file",
            ));
        }
        OsLocks.read(path)
    }
}

fn workbook_in(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("Our plan.sqlite");
    std::fs::write(&path, b"stands in for a workbook").unwrap();
    path
}

fn holder_of(error: Error) -> String {
    match error {
        Error::InUse { holder, .. } => holder,
        other => panic!("expected in use, got {other:?}"),
    }
}

#[test]
fn under_mandatory_locks_the_second_program_is_told_who_holds_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook_in(&dir);
    let windows: Arc<dyn Locks> = Arc::new(MandatoryLocks::default());
    let _first = acquire_with(&workbook, "Alice Planner", windows.clone()).unwrap();

    let refused = acquire_with(&workbook, "Bob", windows.clone()).unwrap_err();
    assert_eq!(
        holder_of(refused),
        format!("Alice Planner on {}", host_name())
    );
}

#[test]
fn the_simulation_really_refuses_to_read_a_locked_file() {
    // Without this, the test above would pass with words kept in the locked file itself (the
    // earlier design, which told a Windows user only "another program").
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook_in(&dir);
    let windows = Arc::new(MandatoryLocks::default());
    let _held = acquire_with(&workbook, "Alice", windows.clone()).unwrap();
    assert!(windows.read(&hold_path(&workbook)).is_err());
    assert!(windows.read(&marker_path(&workbook)).is_ok());
}

#[test]
fn a_normal_close_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook_in(&dir);
    for locks in [
        Arc::new(OsLocks) as Arc<dyn Locks>,
        Arc::new(MandatoryLocks::default()),
    ] {
        let held = acquire_with(&workbook, "Alice", locks).unwrap();
        assert!(marker_path(&workbook).is_file());
        assert!(hold_path(&workbook).is_file());
        drop(held);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("Our plan.sqlite")]);
    }
}

#[test]
fn files_left_by_a_crash_are_stale_and_are_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook_in(&dir);
    // A crashed holder leaves both files, but no program holds a lock on the hold any more.
    let crashed = Holder {
        user: "Crashed".into(),
        host: "elsewhere".into(),
        pid: 1,
        since: "2026-01-01T00:00:00Z".into(),
    };
    std::fs::write(
        marker_path(&workbook),
        serde_json::to_string(&crashed).unwrap(),
    )
    .unwrap();
    std::fs::write(hold_path(&workbook), b"").unwrap();

    let windows: Arc<dyn Locks> = Arc::new(MandatoryLocks::default());
    let _mine = acquire_with(&workbook, "Alice", windows.clone()).unwrap();
    let marker: Holder =
        serde_json::from_str(&std::fs::read_to_string(marker_path(&workbook)).unwrap()).unwrap();
    assert_eq!(marker.user, "Alice", "the stale marker is replaced");
    assert_eq!(
        holder_of(acquire_with(&workbook, "Bob", windows).unwrap_err()),
        format!("Alice on {}", host_name())
    );
}

#[test]
fn a_marker_that_cannot_be_read_still_refuses_with_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook_in(&dir);
    let _held = acquire(&workbook, "Alice").unwrap();
    std::fs::write(marker_path(&workbook), b"\xff not words").unwrap();
    assert_eq!(
        holder_of(acquire(&workbook, "Bob").unwrap_err()),
        "another program"
    );
}

#[test]
fn the_marker_keeps_the_name_office_suites_use() {
    let workbook = Path::new("/plans/Our plan.sqlite");
    assert_eq!(
        marker_path(workbook),
        Path::new("/plans/.~lock.Our plan.sqlite#")
    );
    assert_eq!(
        hold_path(workbook),
        Path::new("/plans/.~lock.Our plan.sqlite#.held")
    );
}
