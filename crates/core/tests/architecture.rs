//! Architecture invariants that a test can check.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

/// planbook-core must build without any GUI stack, so the CLI and tests run anywhere and the
/// rules cannot drift into the desktop shell.
#[test]
fn core_depends_on_no_gui_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "planbook-core",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && tree.contains("planbook-core"),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        for banned in [
            "tauri",
            "wry",
            "webkit",
            "gtk",
            "gdk",
            "tao",
            "javascriptcore",
            "soup",
        ] {
            assert!(
                !name.starts_with(banned) && !name.contains(&format!("-{banned}")),
                "planbook-core depends on {name}"
            );
        }
    }
}

/// The workspace's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file below these folders of the workspace (build output left out).
fn rust_files(folders: &[&str]) -> Vec<PathBuf> {
    let mut stack: Vec<PathBuf> = folders.iter().map(|f| root().join(f)).collect();
    let mut out = Vec::new();
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "target" && name != "gen" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    out
}

/// Every Rust source of the workspace outside tests, with its path from the workspace root and
/// its text up to its first `#[cfg(test)]` (a module's unit tests come last in this project).
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in rust_files(&["crates/core/src", "crates/cli/src", "src-tauri/src"]) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with("tests.rs") || name == "test_support.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_owned(),
            None => text,
        };
        let shown = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        out.push((shown, text));
    }
    assert!(
        out.iter()
            .any(|(p, _)| p == "crates/core/src/store/open.rs"),
        "the sources were not found"
    );
    out
}

/// Lines of `text` (comments left out) holding any of `needles`.
fn lines_with<'t>(text: &'t str, needles: &[&str]) -> Vec<&'t str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .collect()
}

/// Only `store/open.rs` opens SQLite files (and the one in-memory database the expected
/// schema is built in), so every open is the hardened one.
#[test]
fn only_store_open_opens_sqlite_files() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        if path == "crates/core/src/store/open.rs" {
            continue;
        }
        for line in lines_with(
            &text,
            &["Connection::open", "open_with_flags", "open_in_memory"],
        ) {
            found.push(format!("{path}: {}", line.trim()));
        }
    }
    assert!(
        found.is_empty(),
        "SQLite opened outside store/open.rs:\n{}",
        found.join("\n")
    );
}

/// Outside `store/`, code holds only a `Reader`: no connection, transaction or statement,
/// and no call of a method that writes. (The types make most of this impossible; this check
/// keeps a `rusqlite::Connection` from coming back in by another door.)
#[test]
fn nothing_outside_store_writes_to_a_connection() {
    let writes = [
        ".execute(",
        ".execute_batch(",
        ".pragma_update(",
        ".transaction(",
        ".transaction_with_behavior(",
        ".unchecked_transaction(",
        ".savepoint(",
        "Connection",
        "Transaction",
        ".prepare(",
        ".prepare_cached(",
    ];
    let mut found = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("crates/core/src/store/") {
            continue;
        }
        for line in lines_with(&text, &writes) {
            found.push(format!("{path}: {}", line.trim()));
        }
    }
    assert!(
        found.is_empty(),
        "a connection is written to (or held) outside store/:\n{}",
        found.join("\n")
    );
}

/// ARCHITECTURE.md's code map names every Rust source file of the workspace (by its file
/// name, or its folder's name for a test folder such as `malformed_corpus/`), so the map
/// cannot fall behind the code unnoticed.
#[test]
fn the_code_map_names_every_rust_source_file() {
    let root = root();
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for path in rust_files(&["crates", "src-tauri", "tests"]) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        // `mod.rs`, `main.rs` and `lib.rs` are named with their folder or crate.
        let named = map.contains(&format!("`{name}`"))
            || map.contains(&format!("{name}`"))
            || map.contains(&format!("/{name}"))
            || (["mod.rs", "main.rs", "lib.rs"].contains(&name.as_str())
                && map.contains(&format!("{folder}/")));
        // A test made of several files is named by its folder.
        let in_named_test_folder = folder != "tests"
            && path.components().any(|c| c.as_os_str() == "tests")
            && map.contains(&format!("`{folder}/`"));
        if !named && !in_named_test_folder {
            missing.push(path.strip_prefix(&root).unwrap().display().to_string());
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name these source files:\n{}",
        missing.join("\n")
    );
}
