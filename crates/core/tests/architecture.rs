//! Architecture invariants that a test can check.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

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

/// ARCHITECTURE.md's code map names every Rust source file of the workspace (by its file
/// name, or its folder's name for a test folder such as `malformed_corpus/`), so the map
/// cannot fall behind the code unnoticed.
#[test]
fn the_code_map_names_every_rust_source_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for top in ["crates", "src-tauri", "tests"] {
        let mut stack = vec![root.join(top)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if name != "target" && name != "gen" {
                        stack.push(path);
                    }
                    continue;
                }
                if !name.ends_with(".rs") {
                    continue;
                }
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
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name these source files:\n{}",
        missing.join("\n")
    );
}
