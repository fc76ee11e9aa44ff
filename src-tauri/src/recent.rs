//! The recent workbooks: a small JSON file in the app's data folder, newest first, at most
//! [`MAX`] entries, each workbook once. Files that have gone (moved, deleted, on a drive that
//! is not there) are dropped when the list is read. The list is a convenience: a missing or
//! unreadable list file is an empty list, and a list that cannot be saved is only logged.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::wire::RecentWorkbook;

/// How many workbooks the list keeps.
pub const MAX: usize = 10;

/// One workbook in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: PathBuf,
    /// The plan's title when it was last opened.
    pub title: String,
    /// When it was last opened (RFC 3339, UTC).
    pub last_opened: String,
}

/// The list file's content.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ListFile {
    version: u32,
    workbooks: Vec<Entry>,
}

/// The recent list, and the file it is kept in (none in tests: then it lives only in memory).
#[derive(Debug, Default)]
pub struct RecentList {
    file: Option<PathBuf>,
    entries: Vec<Entry>,
}

impl RecentList {
    /// A list kept only in memory.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The list kept in `file`; empty if the file is missing or unreadable.
    pub fn load(file: PathBuf) -> Self {
        let entries = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<ListFile>(&bytes).ok())
            .map(|list| list.workbooks)
            .unwrap_or_default();
        let mut list = RecentList {
            file: Some(file),
            entries: Vec::new(),
        };
        // Through `record`'s rules, so a hand-edited file cannot break them.
        for entry in entries.into_iter().rev() {
            list.push_front(entry);
        }
        list
    }

    /// Puts `path` first, with the plan's title, and saves the list.
    pub fn record(&mut self, path: &Path, title: &str, at: String) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.push_front(Entry {
            path,
            title: title.to_owned(),
            last_opened: at,
        });
        self.save();
    }

    /// Updates the title shown for `path`, if it is in the list, without moving it.
    pub fn retitle(&mut self, path: &Path, title: &str) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(entry) = self.entries.iter_mut().find(|e| e.path == path)
            && entry.title != title
        {
            title.clone_into(&mut entry.title);
            self.save();
        }
    }

    fn push_front(&mut self, entry: Entry) {
        self.entries.retain(|e| e.path != entry.path);
        self.entries.insert(0, entry);
        self.entries.truncate(MAX);
    }

    /// Drops the entries whose file is no longer there, saving the list if any were.
    pub fn forget_missing(&mut self) {
        let before = self.entries.len();
        self.entries.retain(|e| e.path.is_file());
        if self.entries.len() != before {
            self.save();
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry the window named by its key.
    pub fn find(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| key_of(&e.path) == key)
    }

    /// The list as the window shows it.
    pub fn wire(&self) -> Vec<RecentWorkbook> {
        self.entries
            .iter()
            .map(|e| RecentWorkbook {
                key: key_of(&e.path),
                title: e.title.clone(),
                file_name: e
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                folder: e
                    .path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                last_opened: e.last_opened.clone(),
            })
            .collect()
    }

    fn save(&self) {
        let Some(file) = &self.file else { return };
        let list = ListFile {
            version: 1,
            // A path that is not Unicode cannot be written as JSON text; it is left out.
            workbooks: self
                .entries
                .iter()
                .filter(|e| e.path.to_str().is_some())
                .cloned()
                .collect(),
        };
        let saved = serde_json::to_vec_pretty(&list)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if let Some(folder) = file.parent() {
                    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
                }
                planbook_core::store::files::write_atomically(file, &bytes)
                    .map_err(|e| e.to_string())
            });
        if let Err(error) = saved {
            eprintln!(
                "Planbook could not save its list of recent workbooks in {}: {error}",
                file.display()
            );
        }
    }
}

/// An opaque key for a path: FNV-1a of its bytes, in hex. The same path always has the same
/// key, so a key the window holds stays valid while the list changes around it.
fn key_of(path: &Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Folder(PathBuf);
    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir()
                .join(format!("planbook-app-recent-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("create temp dir");
            Folder(dir)
        }
        fn file(&self, name: &str) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, b"x").expect("write");
            path.canonicalize().expect("canonical")
        }
    }
    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn newest_first_each_once_at_most_ten() {
        let dir = Folder::new("order");
        let mut list = RecentList::in_memory();
        let files: Vec<PathBuf> = (0..12).map(|n| dir.file(&format!("{n}.sqlite"))).collect();
        for (n, f) in files.iter().enumerate() {
            list.record(f, &format!("Plan {n}"), format!("t{n}"));
        }
        list.record(&files[5], "Plan five, renamed", "t99".into());
        let titles: Vec<&str> = list.entries().iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Plan five, renamed",
                "Plan 11",
                "Plan 10",
                "Plan 9",
                "Plan 8",
                "Plan 7",
                "Plan 6",
                "Plan 4",
                "Plan 3",
                "Plan 2"
            ]
        );
    }

    #[test]
    fn a_new_title_keeps_the_entry_in_its_place() {
        let dir = Folder::new("retitle");
        let (a, b) = (dir.file("a.sqlite"), dir.file("b.sqlite"));
        let mut list = RecentList::in_memory();
        list.record(&a, "A", "t1".into());
        list.record(&b, "B", "t2".into());
        list.retitle(&a, "A, renamed");
        list.retitle(&dir.0.join("not listed.sqlite"), "X");
        let titles: Vec<&str> = list.entries().iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["B", "A, renamed"]);
        assert_eq!(list.entries()[1].last_opened, "t1");
    }

    #[test]
    fn the_same_file_by_another_path_is_one_entry() {
        let dir = Folder::new("same");
        let f = dir.file("plan.sqlite");
        let mut list = RecentList::in_memory();
        list.record(&f, "A", "t1".into());
        let roundabout = f.parent().expect("folder").join(".").join("plan.sqlite");
        list.record(&roundabout, "B", "t2".into());
        assert_eq!(list.entries().len(), 1);
        assert_eq!(list.entries()[0].title, "B");
    }

    #[test]
    fn missing_files_are_dropped_and_keys_find_entries() {
        let dir = Folder::new("missing");
        let kept = dir.file("kept.sqlite");
        let gone = dir.file("gone.sqlite");
        let mut list = RecentList::in_memory();
        list.record(&kept, "Kept", "t1".into());
        list.record(&gone, "Gone", "t2".into());
        std::fs::remove_file(&gone).expect("remove");
        list.forget_missing();
        let wire = list.wire();
        assert_eq!(wire.len(), 1);
        assert_eq!(wire[0].title, "Kept");
        assert_eq!(wire[0].file_name, "kept.sqlite");
        assert_eq!(
            wire[0].folder,
            kept.parent().expect("folder").display().to_string()
        );
        assert_eq!(list.find(&wire[0].key).map(|e| &e.path), Some(&kept));
        assert!(list.find("0000").is_none());
    }

    #[test]
    fn the_list_survives_a_restart_and_a_damaged_file_is_an_empty_list() {
        let dir = Folder::new("file");
        let store = dir.0.join("data").join("recent.json");
        let f = dir.file("plan.sqlite");
        let mut list = RecentList::load(store.clone());
        assert!(list.entries().is_empty());
        list.record(&f, "Our plan", "t1".into());
        let again = RecentList::load(store.clone());
        assert_eq!(again.entries(), list.entries());

        std::fs::write(&store, b"{ not json").expect("write");
        assert!(RecentList::load(store).entries().is_empty());
    }
}
