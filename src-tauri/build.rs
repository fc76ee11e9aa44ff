//! Build script for the desktop app. tauri.conf.json lives at the repository root (beside the
//! manifest that holds this package; see the comment at the top of Cargo.toml), so the config is
//! found from the crate directory, but the capabilities live in src-tauri/capabilities and must be
//! pointed at explicitly.

/// The app's own commands. Declaring them here makes Tauri generate `allow-<command>`
/// permissions for them and check every call against the window's capability, exactly like a
/// plugin's commands. A command missing from this list cannot be granted, so it cannot be called.
/// Kept in the order of docs/ipc.md; src-tauri/capabilities/main.json grants exactly these
/// (a test checks it).
pub const COMMANDS: &[&str] = &[
    "window_state",
    "recent_workbooks",
    "open_recent",
    "open_workbook_dialog",
    "new_workbook_dialog",
    "save_copy_dialog",
    "export_pdf_dialog",
    "export_document_dialog",
    "export_defaults",
    "open_export",
    "show_export_in_folder",
    "close_workbook",
    "import_sheet_dialog",
    "replan_sheet_import",
    "apply_sheet_import",
    "save_sheet_mapping",
    "export_sheet_dialog",
    "send_copy_dialog",
    "merge_dialog",
    "finish_merge",
    "list_backups",
    "restore_backup",
    "recover_dialog",
    "workbook_summary",
    "workbook_content",
    "workbook_derived",
    "plan_health",
    "search",
    "jargon",
    "undo_state",
    "add_row",
    "set_field",
    "delete_row",
    "link",
    "unlink",
    "move_row",
    "undo",
    "redo",
    "share_on_server",
    "open_shared_plan",
    "share_status",
    "share_here",
    "shared_conflicts",
    "settle_shared",
];

fn main() {
    // The window's content is compiled into the binary, so ui/ must be built first. Say so
    // plainly instead of letting tauri's macro panic deep inside lib.rs.
    println!("cargo:rerun-if-changed=ui/dist/index.html");
    if !std::path::Path::new("ui/dist/index.html").exists() {
        println!(
            "cargo::error=The front end has not been built (ui/dist/index.html is missing). \
             Build it first: cd ui && npm ci && npm run build"
        );
        return;
    }
    // Cargo does not know the capability files are inputs unless told (the custom pattern turns
    // off tauri-build's own watch).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .config_path("tauri.conf.json")
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        // anyhow's alternate form prints the whole cause chain on one line.
        panic!("tauri-build failed: {error:#}");
    }
}
