//! The desktop app's security settings, checked on every test run (issue 3, "Security"):
//! the CSP, the Tauri switches, the plugins, the capability against the app manifest, and
//! that the UI's code never hands text to the HTML parser.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod repository;
use repository::{json, read, root};

#[test]
fn the_csp_allows_only_the_app_itself_and_tauri_ipc() {
    let config = json("tauri.conf.json");
    let security = &config["app"]["security"];
    let csp = security["csp"]
        .as_object()
        .expect("the CSP is written as an object of directives in tauri.conf.json");
    for (directive, sources) in csp {
        let sources = sources.as_str().expect("sources are a string");
        for source in sources.split_whitespace() {
            let allowed = matches!(source, "'self'" | "'none'")
                || (directive == "connect-src"
                    && matches!(source, "ipc:" | "http://ipc.localhost"));
            assert!(
                allowed,
                "{directive} allows “{source}”: only 'self', 'none' and Tauri's IPC are allowed \
                 (no remote sources, no 'unsafe-eval', no 'unsafe-inline', no data: or blob:)"
            );
        }
    }
    for directive in [
        "default-src",
        "script-src",
        "style-src",
        "object-src",
        "base-uri",
        "form-action",
        "frame-src",
    ] {
        assert!(csp.contains_key(directive), "the CSP must set {directive}");
    }
    assert_eq!(csp["script-src"], "'self'", "scripts only from the app");
    // Tauri adds hashes for its own scripts unless told not to; it must not be told.
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri must keep adding its script hashes to the CSP"
    );
}

#[test]
fn no_global_tauri_a_frozen_prototype_and_no_asset_protocol() {
    let config = json("tauri.conf.json");
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], Value::Bool(true));
    assert_eq!(security["assetProtocol"]["enable"], Value::Bool(false));
    assert!(
        config["build"].get("devUrl").is_none(),
        "a devUrl would make plain debug builds load a server instead of ui/dist"
    );
}

/// The app manifest's commands (build.rs's `COMMANDS`).
fn manifest_commands() -> Vec<String> {
    let build = read("src-tauri/build.rs");
    let start = build
        .find("COMMANDS: &[&str] = &[")
        .expect("build.rs declares COMMANDS");
    let list = &build[start + "COMMANDS: &[&str] = &[".len()..];
    let list = &list[..list.find("];").unwrap()];
    let commands: Vec<String> = list
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    assert!(commands.len() > 10, "{commands:?}");
    commands
}

#[test]
fn the_capability_grants_exactly_the_manifest_commands_and_event_listening() {
    let capability = json("src-tauri/capabilities/main.json");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("permissions are named").to_owned())
        .collect();
    let mut expected: BTreeSet<String> = manifest_commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.insert("core:event:allow-listen".into());
    expected.insert("core:event:allow-unlisten".into());
    assert_eq!(granted, expected);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    // One capability file, for the one window.
    let files: Vec<_> = std::fs::read_dir(root().join("src-tauri/capabilities"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["main.json"]);
}

#[test]
fn every_registered_command_is_in_the_manifest_and_the_contract() {
    let lib = read("src-tauri/src/lib.rs");
    let start = lib.find("generate_handler![").unwrap();
    let list = &lib[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').unwrap()];
    let registered: Vec<String> = list
        .split(',')
        .map(|c| c.trim().trim_start_matches("commands::").to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(registered, manifest_commands());
    let contract = read("docs/ipc.md");
    for command in &registered {
        assert!(
            contract.contains(&format!("`{command}`")),
            "{command} is not in docs/ipc.md"
        );
    }
}

#[test]
fn no_fs_or_shell_plugin_opener_for_rust_only_and_no_webview_plugin_permissions() {
    let manifest = read("Cargo.toml");
    for plugin in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http"] {
        assert!(
            !manifest.contains(plugin),
            "Cargo.toml must not depend on {plugin}"
        );
    }
    let lib = read("src-tauri/src/lib.rs");
    // The crate of each plugin registered (`.plugin(NAME::init…`).
    let plugins: Vec<&str> = lib
        .match_indices(".plugin(")
        .map(|(at, found)| {
            let from = at + found.len();
            &lib[from..from + lib[from..].find("::").unwrap()]
        })
        .collect();
    // The opener is registered so that Rust can open an exported PDF ("Open PDF"); the window
    // is granted none of its commands (below), so it cannot open anything itself. The single
    // instance plugin has no commands at all: it hands a second launch's arguments to Rust.
    assert_eq!(
        plugins,
        [
            "tauri_plugin_single_instance",
            "tauri_plugin_dialog",
            "tauri_plugin_opener"
        ]
    );
    let capability = read("src-tauri/capabilities/main.json");
    for prefix in [
        "fs:",
        "shell:",
        "dialog:",
        "opener:",
        "core:default",
        "core:path",
    ] {
        assert!(
            !capability.contains(&format!("\"{prefix}")),
            "the window must not be granted {prefix}…"
        );
    }
    assert!(
        !capability.contains("opener"),
        "the window must not be granted any opener permission"
    );
}

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn the_ui_never_hands_text_to_the_html_parser() {
    let mut all = Vec::new();
    files(&root().join("ui/src"), &mut all);
    assert!(all.len() > 5, "ui/src has the UI's sources");
    for path in all {
        let name = path.to_string_lossy();
        // Test files name these words in their own checks.
        if name.ends_with(".test.ts") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for forbidden in [
            "{@html",
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            assert!(
                !text.contains(forbidden),
                "{name} uses {forbidden}: user text must reach the DOM only as text"
            );
        }
    }
}
