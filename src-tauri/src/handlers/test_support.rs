//! What the handler tests share.
use std::path::{Path, PathBuf};

/// A fresh folder for one test, removed when dropped.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("planbook-app-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub(super) fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Damages a table page in the middle of the file, as a bad disk sector would.
pub(super) fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let pages = bytes.len() / 4096;
    let victim = (pages / 2..pages)
        .find(|p| bytes[p * 4096] == 0x0D)
        .expect("a table leaf page");
    for b in &mut bytes[victim * 4096 + 8..victim * 4096 + 400] {
        *b ^= 0x5A;
    }
    std::fs::write(path, &bytes).unwrap();
}
