//! Who has a workbook open for editing.
//!
//! An editor keeps two small files beside the workbook while it is open:
//!
//! - the **marker**, `.~lock.NAME#` (the name office suites use), which says in words who has
//!   the workbook open and since when. Nothing ever holds an operating-system lock on it, so
//!   any program can read it on any system;
//! - the **hold**, `.~lock.NAME#.held`, on which the editor holds an operating-system lock for
//!   as long as the workbook is open. A second program fails to take that lock, reads the
//!   marker, and is offered read-only access.
//!
//! Why two files: locks differ by system. On Linux and macOS a file lock is advisory, so a
//! locked file can still be read; on Windows `LockFileEx` (what `File::try_lock` uses there)
//! is mandatory over the whole file, so a second program could not read words kept in the
//! locked file itself and would never be told who holds the workbook. Keeping the lock and the
//! words apart behaves the same everywhere ([`Locks`] is the seam the tests use to simulate
//! mandatory locks on Linux).
//!
//! When a program crashes the operating system releases its lock, so files left behind are
//! recognised as stale (the hold can be locked again) and never lock the workbook forever; a
//! normal close removes both. Both are separate from the workbook because SQLite's own locks on
//! the workbook must not be disturbed, and because the workbook is the one file that travels by
//! email.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

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

/// The marker beside `workbook`: who has it open, in words anyone can read.
pub fn marker_path(workbook: &Path) -> PathBuf {
    beside(workbook, "")
}

/// The hold beside `workbook`: the file an editor keeps an operating-system lock on.
pub fn hold_path(workbook: &Path) -> PathBuf {
    beside(workbook, ".held")
}

fn beside(workbook: &Path, suffix: &str) -> PathBuf {
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    workbook.with_file_name(format!(".~lock.{name}#{suffix}"))
}

/// What taking an operating-system lock on the hold found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// This program now holds it.
    Yes,
    /// Another program (or another open of this one) holds it.
    HeldElsewhere,
    /// The file system has no locks (some network shares): editing goes on unlocked.
    Unsupported,
}

/// The operating system's file operations the edit lock relies on. [`OsLocks`] is the real
/// one; tests put a simulation of another system's behaviour in its place (for example
/// Windows' mandatory locks, under which a locked file cannot be read).
pub trait Locks: Send + Sync + std::fmt::Debug {
    fn try_lock(&self, file: &File, path: &Path) -> std::io::Result<Taken>;
    fn unlock(&self, file: &File, path: &Path);
    fn read(&self, path: &Path) -> std::io::Result<String>;
}

/// This system's own file locks.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsLocks;

impl Locks for OsLocks {
    fn try_lock(&self, file: &File, _path: &Path) -> std::io::Result<Taken> {
        match file.try_lock() {
            Ok(()) => Ok(Taken::Yes),
            Err(TryLockError::WouldBlock) => Ok(Taken::HeldElsewhere),
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                Ok(Taken::Unsupported)
            }
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    fn unlock(&self, file: &File, _path: &Path) {
        let _ = file.unlock();
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// Holds a workbook for editing until dropped.
#[derive(Debug)]
pub struct EditLock {
    hold: File,
    hold_path: PathBuf,
    marker: PathBuf,
    locks: Arc<dyn Locks>,
}

/// How often a step that may meet another program half-way is tried before giving up.
const TRIES: usize = 5;
const PAUSE: Duration = Duration::from_millis(40);

/// Takes the edit lock on `workbook` for `user`, or says who has it.
pub fn acquire(workbook: &Path, user: &str) -> Result<EditLock> {
    acquire_with(workbook, user, Arc::new(OsLocks))
}

/// [`acquire`] over the given file operations (the tests simulate other systems with it).
pub fn acquire_with(workbook: &Path, user: &str, locks: Arc<dyn Locks>) -> Result<EditLock> {
    let hold_path = hold_path(workbook);
    let marker = marker_path(workbook);
    for attempt in 0..TRIES {
        let hold = match open_rw(&hold_path) {
            Ok(f) => f,
            // On Windows a hold that its last holder is removing ("delete pending") refuses
            // to open for a moment; a folder we may not write to refuses every time.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                if attempt + 1 < TRIES {
                    std::thread::sleep(PAUSE);
                    continue;
                }
                return Err(Error::PermissionDenied {
                    path: folder_of(workbook),
                });
            }
            Err(e) => return Err(e.into()),
        };
        match locks.try_lock(&hold, &hold_path)? {
            Taken::Yes | Taken::Unsupported => {}
            Taken::HeldElsewhere => return Err(in_use(workbook, &marker, locks.as_ref())),
        }
        // The previous holder may have removed the hold between our open and our lock; then
        // we hold a lock on a file nobody else can see, so start again.
        if !same_file(&hold, &hold_path) {
            locks.unlock(&hold, &hold_path);
            continue;
        }
        let lock = EditLock {
            hold,
            hold_path,
            marker,
            locks,
        };
        lock.write_marker(user)?;
        return Ok(lock);
    }
    Err(Error::Invalid(
        "the workbook's lock marker kept changing; try again".into(),
    ))
}

/// The refusal for a workbook someone else holds, naming them if the marker says who.
fn in_use(workbook: &Path, marker: &Path, locks: &dyn Locks) -> Error {
    // The holder writes the marker just after taking the hold, so it may be missing or half
    // written for a moment.
    let mut holder = None;
    for attempt in 0..TRIES {
        holder = locks
            .read(marker)
            .ok()
            .and_then(|text| serde_json::from_str::<Holder>(text.trim()).ok());
        if holder.is_some() || attempt + 1 == TRIES {
            break;
        }
        std::thread::sleep(PAUSE);
    }
    Error::InUse {
        path: workbook.to_path_buf(),
        holder: holder
            .as_ref()
            .map_or_else(|| "another program".into(), Holder::describe),
        since: holder
            .as_ref()
            .map_or_else(|| "an unknown time".into(), Holder::since_words),
    }
}

impl EditLock {
    fn write_marker(&self, user: &str) -> Result<()> {
        let me = Holder {
            user: user.to_owned(),
            host: host_name(),
            pid: std::process::id(),
            since: crate::model::now().0,
        };
        let text = serde_json::to_string(&me).map_err(|e| Error::Json(e.to_string()))?;
        let mut file = open_rw(&self.marker)?;
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        Ok(())
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Remove both files while still holding the lock, so nobody can take a lock on a hold
        // that is about to disappear without noticing (see `same_file`), and nobody reads a
        // marker of ours after we have gone.
        let _ = std::fs::remove_file(&self.marker);
        let _ = std::fs::remove_file(&self.hold_path);
        self.locks.unlock(&self.hold, &self.hold_path);
    }
}

/// Opens (creating if need be) a file for reading and writing. On Windows the two lock files
/// are hidden, as office suites' markers are, so they do not clutter a shared folder.
fn open_rw(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
        options.attributes(FILE_ATTRIBUTE_HIDDEN);
    }
    options.open(path)
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

/// Windows has no stable file identity in std (its file index is unstable), so the creation
/// time stands in for it: a hold removed and made again between our open and our lock is a
/// new file with a later creation time (100 ns resolution).
#[cfg(windows)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::windows::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.creation_time() == b.creation_time(),
        _ => false,
    }
}

#[cfg(not(any(unix, windows)))]
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

#[cfg(test)]
#[path = "lock_tests.rs"]
mod tests;
