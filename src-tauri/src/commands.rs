//! The Tauri commands: each one hands its arguments to a handler and returns its wire result.
//! Every command here must also be listed in build.rs (the app manifest) and granted in
//! src-tauri/capabilities/main.json, or the webview cannot call it.
//!
//! They are `async` so Tauri runs them off the main thread and a slow workbook never freezes
//! the window.

use planbook_core::Summary;
use tauri::State;

use crate::handlers;
use crate::state::AppState;
use crate::wire::{WindowState, WireError, WorkbookId};

#[tauri::command(async)]
pub fn window_state(state: State<'_, AppState>) -> WindowState {
    handlers::window_state(&state)
}

#[tauri::command(async)]
pub fn workbook_summary(
    state: State<'_, AppState>,
    workbook: WorkbookId,
) -> Result<Summary, WireError> {
    handlers::workbook_summary(&state, workbook)
}
