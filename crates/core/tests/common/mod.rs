//! Helpers shared by the core integration tests.
#![allow(dead_code)]

pub mod tracker;

use std::path::{Path, PathBuf};

use planbook_core::{Start, Workbook, example};

/// A temporary folder whose path has a space and non-ASCII letters, so every test also checks
/// that such paths work.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("planbook test ŵŷ é ")
        .tempdir()
        .expect("a temporary folder")
}

/// A new workbook made from the Our Dorset example.
pub fn example_at(dir: &Path, name: &str) -> (PathBuf, Workbook) {
    let path = dir.join(name);
    let content = example::content("our-dorset").expect("the example builds");
    let wb = Workbook::create(&path, Start::Content(Box::new(content)))
        .expect("the example workbook is created");
    (path, wb)
}

/// Files beside a workbook that must not outlive an edit or a close.
pub fn journal_files(path: &Path) -> Vec<PathBuf> {
    ["-journal", "-wal", "-shm"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", path.display())))
        .filter(|p| p.exists())
        .collect()
}
