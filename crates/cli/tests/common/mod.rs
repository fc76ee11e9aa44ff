//! What the CLI tests share: the real `planbook` binary run in a folder, as a person would.
#![allow(dead_code)] // each test file uses the part it needs

use std::path::Path;
use std::process::{Command, Output};

/// Runs `planbook` with `args` in `dir`.
pub fn planbook(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("planbook runs")
}

/// Runs `planbook` with `args` in `dir`, its app data (backups) in `dir`'s folder `data`.
pub fn planbook_with_data(dir: &Path, data: &str, args: &[&str]) -> Output {
    command(dir, args)
        .env("PLANBOOK_DATA_DIR", dir.join(data))
        .output()
        .expect("planbook runs")
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_planbook"));
    c.args(args).current_dir(dir);
    c
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new folder whose name starts `prefix` (with letters beyond ASCII, as planners' are).
pub fn folder(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary folder")
}
