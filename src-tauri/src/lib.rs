//! Planbook's desktop shell: one window over planbook-core. The window's content is the web
//! front end in `ui/`; it reaches the workbook only through the commands in [`commands`], which
//! are thin: [`handlers`] call core and map results to [`wire`] types.

pub mod args;
pub mod commands;
pub mod display;
pub mod handlers;
pub mod state;
pub mod wire;

use std::process::ExitCode;

use tauri::Manager;

use crate::args::Args;
use crate::state::AppState;

/// Opens the workbook named on the command line (if any), then runs the window until it is
/// closed.
pub fn run(args: Args) -> ExitCode {
    let state = AppState::new();
    handlers::open_at_start(&state, args.workbook.as_deref());

    let app = tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            // The title is set here, from Rust, so the webview needs no window permissions.
            if let Some(window) = app.get_webview_window("main") {
                window.set_title(&handlers::window_title(&app.state::<AppState>()))?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::window_state,
            commands::workbook_summary
        ])
        .build(tauri::generate_context!("tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            eprintln!("Planbook could not start its window: {error}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // Close workbooks (releasing their edit locks) before the process ends.
            app.state::<AppState>().close_all();
        }
    });
    ExitCode::SUCCESS
}
