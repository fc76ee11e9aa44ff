//! Automatic backups of open workbooks, in the app's data folder: taken every 15 minutes while
//! a workbook is being edited and before a merge, each checked by opening it, and thinned out
//! so that recent hours and then days stay covered. Restoring one is an ordinary edit of the
//! workbook (so it too can be undone).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::{Workbook, files};
use crate::sync::merge::{self, MergeReport};
use crate::{Access, sync};

/// How often a workbook that is being edited is backed up.
pub const INTERVAL: Duration = Duration::minutes(15);

/// One backup of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    #[serde(skip)]
    #[ts(skip)]
    pub path: PathBuf,
    /// The backup's file name, which names it among the workbook's backups.
    pub file_name: String,
    /// When it was taken (RFC 3339 UTC).
    pub taken_at: String,
    /// Why: "every 15 minutes", "before a merge", …
    pub reason: String,
    pub size: u64,
}

/// The folder Planbook keeps its own files in, the same one the desktop app uses (Tauri's
/// `app_local_data_dir`; `PLANBOOK_DATA_DIR` overrides it, for tests and portable set-ups).
///
/// On Windows this is the *local* application data folder (`%LOCALAPPDATA%`), not the roaming
/// one (`%APPDATA%`): backups are whole workbooks, and NHS and council networks often copy
/// roaming profiles to a server at every sign-in and cap their size. On macOS and Linux there
/// is one application data folder.
pub fn data_dir() -> PathBuf {
    const APP: &str = "org.planbook.desktop";
    if let Some(dir) = std::env::var_os("PLANBOOK_DATA_DIR") {
        return PathBuf::from(dir);
    }
    let home = || {
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from)
            .unwrap_or_default()
    };
    if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA")
            .map(PathBuf::from)
            .unwrap_or_else(home)
            .join(APP)
    } else if cfg!(target_os = "macos") {
        home().join("Library/Application Support").join(APP)
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| home().join(".local/share"))
            .join(APP)
    }
}

/// Where the backups of `wb` go: one folder per workbook identity.
pub fn folder_for(root: &Path, wb: &Workbook) -> Result<PathBuf> {
    let identity = sync::lineage::identity(wb.reader())?;
    let safe: String = identity
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(root.join("backups").join(safe))
}

/// Backs `wb` up into its folder under `root`, checks the backup opens, and thins out older
/// backups. Returns the new backup.
pub fn take(wb: &Workbook, root: &Path, reason: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
    let folder = folder_for(root, wb)?;
    std::fs::create_dir_all(&folder)?;
    let stamp = now.format("%Y-%m-%dT%H-%M-%S%.3fZ");
    let reason_slug: String = reason
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let path = folder.join(format!("{stamp} {reason_slug}.sqlite"));
    let temp = files::temp_beside(&path);
    let made = wb.copy_file_to(&temp).and_then(|()| {
        std::fs::File::open(&temp)?.sync_all()?;
        // A backup that does not open is no backup.
        drop(Workbook::open(&temp, Access::ReadOnly)?);
        std::fs::rename(&temp, &path)?;
        files::sync_folder(&path);
        Ok(())
    });
    if let Err(e) = made {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    for old in thin_out(&list_folder(&folder)?, now) {
        let _ = std::fs::remove_file(old);
    }
    let size = std::fs::metadata(&path)?.len();
    Ok(BackupInfo {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        taken_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason: reason.into(),
        size,
    })
}

/// Whether a workbook edited since its last backup is due another.
pub fn due(last_backup: Option<DateTime<Utc>>, edited_since: bool, now: DateTime<Utc>) -> bool {
    edited_since && last_backup.is_none_or(|last| now - last >= INTERVAL)
}

/// The backups of `wb`, newest first.
pub fn list(wb: &Workbook, root: &Path) -> Result<Vec<BackupInfo>> {
    list_folder(&folder_for(root, wb)?)
}

fn list_folder(folder: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".sqlite") else {
            continue;
        };
        let (stamp, reason) = stem.split_once(' ').unwrap_or((stem, ""));
        // Files Planbook did not name are not its backups; leave them alone.
        let Ok(at) = chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H-%M-%S%.3fZ")
            .map(|n| n.and_utc())
        else {
            continue;
        };
        out.push(BackupInfo {
            path: entry.path(),
            file_name: name.clone(),
            taken_at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            reason: reason.replace('-', " "),
            size: entry.metadata()?.len(),
        });
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    Ok(out)
}

/// Which backups to delete: within a day keep the newest of each hour, within a month the
/// newest of each day, nothing older; the newest backup is always kept.
pub fn thin_out(backups: &[BackupInfo], now: DateTime<Utc>) -> Vec<PathBuf> {
    let mut newest_first: Vec<&BackupInfo> = backups.iter().collect();
    newest_first.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    let mut kept_buckets = std::collections::HashSet::new();
    let mut delete = Vec::new();
    for (n, b) in newest_first.iter().enumerate() {
        let Some(at) = DateTime::parse_from_rfc3339(&b.taken_at)
            .ok()
            .map(|d| d.to_utc())
        else {
            continue;
        };
        let age = now - at;
        let bucket = if age <= Duration::days(1) {
            Some(at.format("h%Y%m%d%H").to_string())
        } else if age <= Duration::days(31) {
            Some(at.format("d%Y%m%d").to_string())
        } else {
            None
        };
        let keep = n == 0 || bucket.is_some_and(|k| kept_buckets.insert(k));
        if !keep {
            delete.push(b.path.clone());
        }
    }
    delete
}

/// Restores `wb` to the content of a backup, as one edit that can be undone.
pub fn restore(wb: &mut Workbook, backup: &Path) -> Result<MergeReport> {
    let content = Workbook::open(backup, Access::ReadOnly)?.content()?;
    if content.plan.id != wb.plan()?.id {
        return Err(Error::Invalid("that backup is of another workbook".into()));
    }
    let stem = backup
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let when = stem.split(' ').next().unwrap_or_default();
    merge::make_equal(wb, &content, &format!("Restore from backup ({when})"))
}
