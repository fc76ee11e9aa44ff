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

/// A small deterministic generator (xorshift) for the random tests: the same seed gives the
/// same cases on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }

    pub fn pick_owned<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        self.pick(items).cloned()
    }
}
