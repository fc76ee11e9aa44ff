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
