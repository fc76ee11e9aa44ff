//! Who has a workbook open for editing.
//!
//! An editor keeps a small marker file beside the workbook (`.~lock.NAME#`, as office suites
//! do) and holds an operating-system lock on it for as long as the workbook is open. A second
//! program finds the marker locked, reads who holds it, and is offered read-only access. When a
//! program crashes the operating system releases its lock, so a marker left behind is
//! recognised as stale (it can be locked again) and never locks the workbook forever. The
//! marker is separate from the workbook because SQLite's own locks on the workbook must not be
//! disturbed, and because the workbook is the one file that travels by email.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Who holds a workbook open for editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// When they opened it, RFC 3339 UTC.
    pub since: String,
}

impl Holder {
    fn describe(&self) -> String {
        format!("{} on {}", self.user, self.host)
    }

    fn since_words(&self) -> String {
        chrono::DateTime::parse_from_rfc3339(&self.since)
            .map(|d| d.to_utc().format("%-d %B %Y at %H:%M UTC").to_string())
            .unwrap_or_else(|_| "an unknown time".into())
    }
}

/// The marker beside `workbook`.
pub fn marker_path(workbook: &Path) -> PathBuf {
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    workbook.with_file_name(format!(".~lock.{name}#"))
}

/// Holds a workbook for editing until dropped.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
}

/// Takes the edit lock on `workbook` for `user`, or says who has it.
pub fn acquire(workbook: &Path, user: &str) -> Result<EditLock> {
    let path = marker_path(workbook);
    for _ in 0..3 {
        let mut file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::PermissionDenied {
                    path: folder_of(workbook),
                });
            }
            Err(e) => return Err(e.into()),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = serde_json::from_str::<Holder>(text.trim()).ok();
                return Err(Error::InUse {
                    path: workbook.to_path_buf(),
                    holder: holder
                        .as_ref()
                        .map_or_else(|| "another program".into(), Holder::describe),
                    since: holder
                        .as_ref()
                        .map_or_else(|| "an unknown time".into(), Holder::since_words),
                });
            }
            // A file system without locks (some network shares): carry on unlocked rather than
            // refuse to edit at all.
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {}
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
        // The previous holder may have removed the marker between our open and our lock; then
        // we hold a lock on a file nobody else can see, so start again.
        if !same_file(&file, &path) {
            continue;
        }
        let me = Holder {
            user: user.to_owned(),
            host: host_name(),
            pid: std::process::id(),
            since: crate::model::now().0,
        };
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(
            serde_json::to_string(&me)
                .map_err(|e| Error::Json(e.to_string()))?
                .as_bytes(),
        )?;
        file.sync_all()?;
        return Ok(EditLock { file, path });
    }
    Err(Error::Invalid(
        "the workbook's lock marker kept changing; try again".into(),
    ))
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Remove the marker while still holding the lock, so nobody can take a lock on a marker
        // that is about to disappear without noticing (see `same_file`).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// This computer's name, for telling a colleague who has a workbook open.
pub fn host_name() -> String {
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

/// The name of the person using this computer, for the change log and the lock marker.
pub fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "someone".into())
}
