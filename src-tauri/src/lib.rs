//! Planbook's desktop shell: one window over planbook-core. The window's content is the web
//! front end in `ui/`; it reaches the workbook only through the commands in [`commands`], which
//! are thin: [`handlers`] call core and map results to [`wire`] types. [`shell`] connects the
//! menus, dropped files and the operating system to the same handlers.

pub mod args;
pub mod commands;
pub mod dialogs;
pub mod display;
pub mod handlers;
pub mod recent;
pub mod share_wire;
pub mod sheet_wire;
pub mod shell;
pub mod state;
pub mod wire;
pub mod wire_tables;

use std::process::ExitCode;
use std::sync::Arc;

use tauri::Manager;

use crate::args::Args;
use crate::dialogs::{Dialogs, NativeDialogs, ScriptedDialogs};
use crate::recent::RecentList;
use crate::state::AppState;

/// The recent list's file, in the app's local data folder (its paths belong to this computer).
const RECENT_FILE: &str = "recent-workbooks.json";

/// Opens the workbook named on the command line (if any), then runs the window until it is
/// closed.
pub fn run(args: Args) -> ExitCode {
    let app = tauri::Builder::default()
        // First, so a second launch ends before anything else starts: it hands its command
        // line to this (first) process, which opens the workbook it names (shell.rs).
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            shell::second_launch(app, &argv, std::path::Path::new(&cwd));
        }))
        .plugin(tauri_plugin_dialog::init())
        // For Rust only ("Open PDF" after an export): the window has no opener permission.
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let recent = match app.path().app_local_data_dir() {
                Ok(folder) => RecentList::load(folder.join(RECENT_FILE)),
                Err(error) => {
                    eprintln!("Planbook has no data folder for its recent list ({error})");
                    RecentList::in_memory()
                }
            };
            let dialogs: Arc<dyn Dialogs> = match ScriptedDialogs::from_environment() {
                Some(scripted) => Arc::new(scripted),
                None => Arc::new(NativeDialogs::new(app.handle().clone())),
            };
            let state = AppState::with(recent, Some(dialogs));
            // Backups go where the CLI puts them too (core's data folder, the state's default),
            // which is this app's data folder unless PLANBOOK_DATA_DIR says otherwise.
            let backups = state.backup_root();
            if app.path().app_local_data_dir().ok().as_ref() != Some(&backups) {
                eprintln!("Planbook keeps backups in {}", backups.display());
            }
            handlers::open_at_start(&state, args.workbook.as_deref());
            app.manage(state);
            // The menu sets the title too, from Rust, so the webview needs no window
            // permissions.
            shell::install_menu(app.handle())?;
            shell::start_backups(app.handle());
            #[cfg(unix)]
            shell::quit_on_signals(app.handle());
            Ok(())
        })
        .on_menu_event(|app, event| shell::on_menu(app, event.id().as_ref()))
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                shell::open_files(window.app_handle(), paths.clone());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::window_state,
            commands::recent_workbooks,
            commands::open_recent,
            commands::open_workbook_dialog,
            commands::new_workbook_dialog,
            commands::save_copy_dialog,
            commands::export_pdf_dialog,
            commands::export_document_dialog,
            commands::export_defaults,
            commands::open_export,
            commands::show_export_in_folder,
            commands::close_workbook,
            commands::import_sheet_dialog,
            commands::replan_sheet_import,
            commands::apply_sheet_import,
            commands::save_sheet_mapping,
            commands::export_sheet_dialog,
            commands::send_copy_dialog,
            commands::merge_dialog,
            commands::finish_merge,
            commands::list_backups,
            commands::restore_backup,
            commands::recover_dialog,
            commands::workbook_summary,
            commands::workbook_content,
            commands::workbook_derived,
            commands::plan_health,
            commands::search,
            commands::jargon,
            commands::undo_state,
            commands::add_row,
            commands::set_field,
            commands::delete_row,
            commands::link,
            commands::unlink,
            commands::move_row,
            commands::undo,
            commands::redo,
            commands::share_on_server,
            commands::open_shared_plan,
            commands::share_status,
            commands::share_here,
            commands::shared_conflicts,
            commands::settle_shared,
        ])
        .build(tauri::generate_context!("tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            eprintln!("Planbook could not start its window: {error}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| match event {
        tauri::RunEvent::Exit => {
            // Close workbooks (backing up edited ones, releasing their edit locks) before the
            // process ends.
            if let Some(state) = app.try_state::<AppState>() {
                handlers::close_all(&state);
            }
        }
        #[cfg(any(target_os = "macos", target_os = "ios"))]
        tauri::RunEvent::Opened { urls } => {
            let paths = urls.iter().filter_map(|u| u.to_file_path().ok()).collect();
            shell::open_files(app, paths);
        }
        _ => {}
    });
    ExitCode::SUCCESS
}
