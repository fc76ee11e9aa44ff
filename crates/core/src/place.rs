//! Where a workbook lives, and what that means on each operating system: names Windows
//! refuses, paths too long for Windows' old limit, folders a sync service (OneDrive,
//! SharePoint, Dropbox, Google Drive, iCloud) copies behind Planbook's back, the "conflict
//! copies" those services leave, and network drives, where file locks are not to be trusted.
//!
//! Everything that differs by system about a workbook's place is here, so the rest of core,
//! the CLI and the app ask this module instead of knowing it themselves (ARCHITECTURE.md,
//! "What differs by system").

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// The longest file name (without its extension) Planbook suggests: well inside every file
/// system's 255-unit limit, and short enough that a path in a deep folder stays readable.
const LONGEST_STEM: usize = 120;

/// Names Windows keeps for devices, with or without an extension ("CON", "nul.txt", "COM1").
const WINDOWS_DEVICES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A plan's title made into a file name that Windows, macOS and Linux all accept, for the
/// names Planbook suggests ("Our Dorset: 2026/27 plan?" becomes "Our Dorset- 2026-27 plan-").
/// Characters Windows refuses become "-", trailing dots and spaces (which Windows drops
/// silently) go, device names get " plan" added, and long titles are shortened on a character
/// boundary. Never empty.
pub fn safe_file_stem(title: &str) -> String {
    let replaced: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut stem: String = replaced
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(LONGEST_STEM)
        .collect();
    stem = stem.trim_end_matches(['.', ' ']).to_owned();
    let device = stem.split('.').next().unwrap_or_default().trim_end();
    if WINDOWS_DEVICES
        .iter()
        .any(|d| d.eq_ignore_ascii_case(device))
    {
        stem.push_str(" plan");
    }
    if stem.is_empty() { "Plan".into() } else { stem }
}

/// The path to hand to SQLite. On Windows a path longer than the old 260-character limit
/// (`MAX_PATH`) only works in its "verbatim" form (`\\?\C:\…`, `\\?\UNC\server\share\…`),
/// which Rust's own file functions use by themselves but SQLite does not; elsewhere the path
/// is used as it is.
pub fn sqlite_path(path: &Path) -> PathBuf {
    #[cfg(windows)]
    {
        verbatim_if_long(path)
    }
    #[cfg(not(windows))]
    {
        path.to_path_buf()
    }
}

/// The verbatim form of a long Windows path (kept apart from [`sqlite_path`] so that its rule
/// is tested on every system).
#[cfg_attr(not(windows), allow(dead_code))]
fn verbatim_if_long(path: &Path) -> PathBuf {
    const MAX_PATH: usize = 260;
    let text = path.to_string_lossy();
    // Less the room SQLite needs for its journal's suffix ("-journal").
    if text.len() + "-journal".len() < MAX_PATH || text.starts_with(r"\\?\") {
        return path.to_path_buf();
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('/', r"\");
    match text.strip_prefix(r"\\") {
        Some(unc) => PathBuf::from(format!(r"\\?\UNC\{unc}")),
        None => PathBuf::from(format!(r"\\?\{text}")),
    }
}

/// Whether `error` is Windows saying a cloud file (a OneDrive or SharePoint "online-only"
/// placeholder) could not be fetched: the provider is not running, the network is down, the
/// fetch timed out. These are the `ERROR_CLOUD_FILE_*` block of `winerror.h` (358–400); other
/// systems' sync apps surface as ordinary I/O errors.
pub fn is_cloud_file_error(error: &std::io::Error) -> bool {
    cfg!(windows)
        && error
            .raw_os_error()
            .is_some_and(|code| (358..=400).contains(&code))
}

/// A sync service whose folder a workbook is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncService {
    OneDrive,
    Dropbox,
    GoogleDrive,
    ICloud,
}

impl SyncService {
    pub fn name(self) -> &'static str {
        match self {
            SyncService::OneDrive => "OneDrive (or SharePoint)",
            SyncService::Dropbox => "Dropbox",
            SyncService::GoogleDrive => "Google Drive",
            SyncService::ICloud => "iCloud Drive",
        }
    }

    /// The service whose folder this is, from the folder's name as each service's app names
    /// it on Windows and macOS ("OneDrive - NHS Dorset", "GoogleDrive-alice@…", "Mobile
    /// Documents" for iCloud).
    fn of_folder(name: &str) -> Option<SyncService> {
        let starts = |prefix: &str| name == prefix || name.starts_with(prefix);
        if starts("OneDrive") || name.starts_with("SharePoint") {
            Some(SyncService::OneDrive)
        } else if starts("Dropbox") {
            Some(SyncService::Dropbox)
        } else if starts("Google Drive") || starts("GoogleDrive") || name == "My Drive" {
            Some(SyncService::GoogleDrive)
        } else if name == "iCloud Drive" || name == "Mobile Documents" {
            Some(SyncService::ICloud)
        } else {
            None
        }
    }
}

/// Something about a workbook's place that the planner should know, in their words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceNote {
    /// The workbook is in a folder a sync service copies to other computers.
    SyncFolder { service: SyncService },
    /// The sync service has left copies of the workbook it could not reconcile.
    ConflictCopies {
        service: SyncService,
        #[ts(type = "string[]")]
        names: Vec<String>,
    },
    /// The workbook is on a network drive, where file locks are not always honoured.
    NetworkDrive,
}

impl PlaceNote {
    pub fn message(&self) -> String {
        match self {
            PlaceNote::SyncFolder { service } => format!(
                "This workbook is in a {} folder. Planbook saves every change at once, and {} copies the file to your other computers and to anyone it is shared with. If two people edit it at the same time on different computers, {} keeps both as separate files instead of combining them.",
                service.name(),
                service.name(),
                service.name()
            ),
            PlaceNote::ConflictCopies { service, names } => format!(
                "{} has kept {} beside this workbook: {}. Each holds someone's changes that could not be combined with yours. Use File › Merge a Colleague's Copy… to bring them in, then delete the copy.",
                service.name(),
                if names.len() == 1 {
                    "a conflicting copy".to_owned()
                } else {
                    format!("{} conflicting copies", names.len())
                },
                names.join(", ")
            ),
            PlaceNote::NetworkDrive => "This workbook is on a network drive. Network drives do not always keep two people from editing one file at the same time, which can damage it. Make sure only one person edits it at once, or copy it to your computer and send copies instead.".into(),
        }
    }
}

/// What the planner should know about where `workbook` lives.
pub fn assess(workbook: &Path) -> Vec<PlaceNote> {
    let mut notes = Vec::new();
    if let Some(service) = sync_service(workbook) {
        notes.push(PlaceNote::SyncFolder { service });
        let names = conflict_copies(workbook, service);
        if !names.is_empty() {
            notes.push(PlaceNote::ConflictCopies { service, names });
        }
    }
    if on_network_drive(workbook) {
        notes.push(PlaceNote::NetworkDrive);
    }
    notes
}

/// The sync service whose folder holds `workbook`, if any.
pub fn sync_service(workbook: &Path) -> Option<SyncService> {
    let absolute = std::path::absolute(workbook).ok()?;
    let parent = absolute.parent()?;
    parent
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .find_map(SyncService::of_folder)
}

/// The names of the copies a sync service made beside `workbook` when it could not reconcile
/// two versions: OneDrive adds the computer's name ("Plan-LAPTOP-7.sqlite"), Dropbox says so
/// ("Plan (Alice's conflicted copy 2026-11-30).sqlite"). Only Planbook workbooks count.
pub fn conflict_copies(workbook: &Path, service: SyncService) -> Vec<String> {
    let (Some(folder), Some(stem)) = (
        workbook.parent(),
        workbook.file_stem().and_then(|s| s.to_str()),
    ) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_conflict_copy(name, stem, service))
        .filter(|name| is_planbook_file(&folder.join(name)))
        .collect();
    names.sort();
    names
}

fn is_conflict_copy(name: &str, stem: &str, service: SyncService) -> bool {
    let Some(rest) = name
        .strip_prefix(stem)
        .and_then(|r| r.strip_suffix(".sqlite"))
    else {
        return false;
    };
    match service {
        // "-COMPUTER" or "-COMPUTER-2": one word after the hyphen, as OneDrive writes it.
        SyncService::OneDrive => rest
            .strip_prefix('-')
            .is_some_and(|host| !host.is_empty() && !host.contains(' ')),
        SyncService::Dropbox | SyncService::GoogleDrive | SyncService::ICloud => {
            rest.contains("conflicted copy") || rest.contains("Conflict")
        }
    }
}

/// Whether `path` starts as a Planbook workbook does (SQLite's header and Planbook's
/// application id), read with plain file reads as the open path does.
fn is_planbook_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 72];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head.starts_with(b"SQLite format 3\0")
        && u32::from_be_bytes([head[68], head[69], head[70], head[71]])
            == crate::store::schema::APPLICATION_ID as u32
}

/// Whether `workbook` is on a network drive: a UNC path on Windows (`\\server\share\…`), or a
/// network file system on Linux (from `/proc/self/mountinfo`). Drive letters mapped to a share
/// on Windows and network volumes on macOS are not recognised (that needs system calls this
/// crate does not make); ARCHITECTURE.md says so.
pub fn on_network_drive(workbook: &Path) -> bool {
    let text = workbook.to_string_lossy();
    if cfg!(windows)
        && (text.starts_with(r"\\") && !text.starts_with(r"\\?\") || text.starts_with(r"\\?\UNC\"))
    {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        let absolute = workbook
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok());
        if let (Some(folder), Ok(mounts)) =
            (absolute, std::fs::read_to_string("/proc/self/mountinfo"))
        {
            return network_fs_type(&mounts, &folder);
        }
    }
    false
}

/// Whether the mount holding `folder`, in a `/proc/self/mountinfo` listing, is a network file
/// system.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn network_fs_type(mountinfo: &str, folder: &Path) -> bool {
    const NETWORK: &[&str] = &[
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
    ];
    let mut best: Option<(usize, &str)> = None;
    for line in mountinfo.lines() {
        // Fields: id parent major:minor root mount-point options … - fstype source options.
        let mut fields = line.split(' ');
        let Some(mount_point) = fields.nth(4) else {
            continue;
        };
        let Some(fs_type) = line.split(" - ").nth(1).and_then(|r| r.split(' ').next()) else {
            continue;
        };
        let mount_point = mount_point.replace("\\040", " ");
        if folder.starts_with(&mount_point) && best.is_none_or(|(len, _)| mount_point.len() > len) {
            best = Some((mount_point.len(), fs_type));
        }
    }
    best.is_some_and(|(_, fs)| NETWORK.contains(&fs))
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
