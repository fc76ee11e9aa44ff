//! The Tauri commands: each one hands its arguments to a handler and returns its wire result.
//! Every command here must also be listed in build.rs (the app manifest) and granted in
//! src-tauri/capabilities/main.json, or the webview cannot call it. docs/ipc.md is the
//! contract they implement.
//!
//! They are `async` so Tauri runs them off the main thread: a slow workbook never freezes the
//! window, and the file dialogs (which wait for an answer) may be shown from them.

use planbook_core::backup::BackupInfo;
use planbook_core::check::{Finding, JargonSpan};
use planbook_core::document::ExportOptions;
use planbook_core::live::Derived;
use planbook_core::model::{Id, Kind};
use planbook_core::search::SearchHit;
use planbook_core::sheet::Declined;
use planbook_core::sheet::review::ImportView;
use planbook_core::sync::merge::MergeReport;
use planbook_core::sync::review::ConflictView;
use planbook_core::{Content, Summary};
use serde_json::{Map, Value};
use tauri::{AppHandle, State};

use crate::handlers;
use crate::share_wire::{ServerPlan, ShareStatus, SharedSynced};
use crate::sheet_wire::{SheetChoices, SheetFormat, SheetImportStarted, SheetImported};
use crate::shell;
use crate::state::AppState;
use crate::wire::{
    Added, CopySent, DocumentExported, DocumentFormat, Edited, MergeChoice, MergeStarted, NewStart,
    PdfExported, RecentWorkbook, UndoState, WindowState, WireError, WorkbookId,
};

type Reply<T> = Result<T, WireError>;

// Window and files. Those that change what the window shows also update its title and menus.

#[tauri::command(async)]
pub fn window_state(state: State<'_, AppState>) -> WindowState {
    handlers::window_state(&state)
}

#[tauri::command(async)]
pub fn recent_workbooks(state: State<'_, AppState>) -> Vec<RecentWorkbook> {
    handlers::recent_workbooks(&state)
}

#[tauri::command(async)]
pub fn open_recent(app: AppHandle, state: State<'_, AppState>, key: String) -> Reply<WindowState> {
    let window = handlers::open_recent(&state, &key);
    shell::window_changed(&app);
    window
}

#[tauri::command(async)]
pub fn open_workbook_dialog(app: AppHandle, state: State<'_, AppState>) -> WindowState {
    let window = handlers::open_workbook_dialog(&state);
    shell::window_changed(&app);
    window
}

#[tauri::command(async)]
pub fn new_workbook_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
    start: NewStart,
) -> Reply<WindowState> {
    let window = handlers::new_workbook_dialog(&state, start);
    shell::window_changed(&app);
    window
}

#[tauri::command(async)]
pub fn save_copy_dialog(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Option<String>> {
    handlers::save_copy_dialog(&state, workbook)
}

#[tauri::command(async)]
pub fn export_pdf_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
    workbook: WorkbookId,
    options: ExportOptions,
) -> Reply<Option<PdfExported>> {
    handlers::export_pdf_dialog(&state, workbook, &options, &mut |p| {
        shell::export_progress(&app, p)
    })
}

#[tauri::command(async)]
pub fn export_document_dialog(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    format: DocumentFormat,
    options: ExportOptions,
) -> Reply<Option<DocumentExported>> {
    handlers::export_document_dialog(&state, workbook, format, &options)
}

#[tauri::command(async)]
pub fn export_defaults(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<ExportOptions> {
    handlers::export_defaults(&state, workbook)
}

#[tauri::command(async)]
pub fn open_export(app: AppHandle, state: State<'_, AppState>, workbook: WorkbookId) -> Reply<()> {
    shell::open_file(&app, &handlers::last_export(&state, workbook)?)
}

#[tauri::command(async)]
pub fn show_export_in_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    workbook: WorkbookId,
) -> Reply<()> {
    shell::show_in_folder(&app, &handlers::last_export(&state, workbook)?)
}

#[tauri::command(async)]
pub fn close_workbook(
    app: AppHandle,
    state: State<'_, AppState>,
    workbook: WorkbookId,
) -> WindowState {
    let window = handlers::close_workbook(&state, workbook);
    shell::window_changed(&app);
    window
}

// Spreadsheets. An import changes the workbook (or makes a new one); the window reads it
// again afterwards.

#[tauri::command(async)]
pub fn import_sheet_dialog(
    state: State<'_, AppState>,
    workbook: Option<WorkbookId>,
) -> Reply<SheetImportStarted> {
    handlers::import_sheet_dialog(&state, workbook)
}

#[tauri::command(async)]
pub fn replan_sheet_import(state: State<'_, AppState>, choices: SheetChoices) -> Reply<ImportView> {
    handlers::replan_sheet_import(&state, choices)
}

#[tauri::command(async)]
pub fn apply_sheet_import(
    app: AppHandle,
    state: State<'_, AppState>,
    declined: Declined,
) -> Reply<SheetImported> {
    let imported = handlers::apply_sheet_import(&state, &declined);
    shell::window_changed(&app);
    imported
}

#[tauri::command(async)]
pub fn save_sheet_mapping(state: State<'_, AppState>) -> Reply<Option<String>> {
    handlers::save_sheet_mapping(&state)
}

#[tauri::command(async)]
pub fn export_sheet_dialog(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    format: SheetFormat,
    lead: Option<String>,
) -> Reply<Option<DocumentExported>> {
    handlers::export_sheet_dialog(&state, workbook, format, lead.as_deref())
}

// Sharing. A merge or a restore changes the workbook; the window reads it again afterwards.

#[tauri::command(async)]
pub fn send_copy_dialog(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    with_history: bool,
) -> Reply<Option<CopySent>> {
    handlers::send_copy_dialog(&state, workbook, with_history)
}

#[tauri::command(async)]
pub fn merge_dialog(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<MergeStarted> {
    handlers::merge_dialog(&state, workbook)
}

#[tauri::command(async)]
pub fn finish_merge(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    choices: Vec<MergeChoice>,
) -> Reply<MergeReport> {
    handlers::finish_merge(&state, workbook, choices)
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Vec<BackupInfo>> {
    handlers::list_backups(&state, workbook)
}

#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    file_name: String,
) -> Reply<MergeReport> {
    handlers::restore_backup(&state, workbook, &file_name)
}

#[tauri::command(async)]
pub fn recover_dialog(app: AppHandle, state: State<'_, AppState>) -> Reply<WindowState> {
    let window = handlers::recover_dialog(&state);
    shell::window_changed(&app);
    window
}

// Reading.

#[tauri::command(async)]
pub fn workbook_summary(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Summary> {
    handlers::workbook_summary(&state, workbook)
}

#[tauri::command(async)]
pub fn workbook_content(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Content> {
    handlers::workbook_content(&state, workbook)
}

#[tauri::command(async)]
pub fn workbook_derived(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Derived> {
    handlers::workbook_derived(&state, workbook)
}

#[tauri::command(async)]
pub fn plan_health(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Vec<Finding>> {
    handlers::plan_health(&state, workbook, state.today())
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    query: String,
) -> Reply<Vec<SearchHit>> {
    handlers::search(&state, workbook, &query)
}

#[tauri::command(async)]
pub fn jargon(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    field: String,
    text: String,
) -> Reply<Vec<JargonSpan>> {
    handlers::jargon(&state, workbook, kind, &field, &text)
}

#[tauri::command(async)]
pub fn undo_state(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<UndoState> {
    handlers::undo_state(&state, workbook)
}

// Editing.

#[tauri::command(async)]
pub fn add_row(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    fields: Map<String, Value>,
) -> Reply<Added> {
    handlers::add_row(&state, workbook, kind, fields)
}

#[tauri::command(async)]
pub fn set_field(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    id: Id,
    field: String,
    value: Value,
) -> Reply<Edited> {
    handlers::set_field(&state, workbook, kind, &id, &field, value)
}

#[tauri::command(async)]
pub fn delete_row(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    id: Id,
) -> Reply<Edited> {
    handlers::delete_row(&state, workbook, kind, &id)
}

#[tauri::command(async)]
pub fn link(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    a: Id,
    b: Id,
) -> Reply<Edited> {
    handlers::link(&state, workbook, kind, &a, &b)
}

#[tauri::command(async)]
pub fn unlink(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    a: Id,
    b: Id,
) -> Reply<Edited> {
    handlers::unlink(&state, workbook, kind, &a, &b)
}

#[tauri::command(async)]
pub fn move_row(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    kind: Kind,
    id: Id,
    index: usize,
) -> Reply<Edited> {
    handlers::move_row(&state, workbook, kind, &id, index)
}

#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Edited> {
    handlers::undo(&state, workbook)
}

#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>, workbook: WorkbookId) -> Reply<Edited> {
    handlers::redo(&state, workbook)
}

// A shared plan on a server (issue 13). The live sync runs on a thread of its own per
// workbook (handlers/shared_live.rs), started once a linked workbook is open.

/// Runs `f` on a thread of its own: a server connection blocks on a runtime of its own,
/// which cannot start on the Tauri runtime's thread an async command runs on.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or_else(|p| std::panic::resume_unwind(p))
}

#[tauri::command(async)]
pub fn share_on_server(
    app: AppHandle,
    state: State<'_, AppState>,
    workbook: WorkbookId,
    request: ServerPlan,
) -> Reply<ShareStatus> {
    let status = off_runtime(|| handlers::share_on_server(&state, workbook, &request));
    shell::window_changed(&app);
    status
}

#[tauri::command(async)]
pub fn open_shared_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ServerPlan,
) -> Reply<Option<WindowState>> {
    let window = off_runtime(|| handlers::open_shared_plan(&state, &request));
    shell::window_changed(&app);
    window
}

#[tauri::command(async)]
pub fn share_status(state: State<'_, AppState>, workbook: WorkbookId) -> Option<ShareStatus> {
    handlers::share_status(&state, workbook)
}

#[tauri::command(async)]
pub fn share_here(state: State<'_, AppState>, workbook: WorkbookId, item: String) {
    handlers::share_here(&state, workbook, &item);
}

#[tauri::command(async)]
pub fn shared_conflicts(
    state: State<'_, AppState>,
    workbook: WorkbookId,
) -> Reply<Vec<ConflictView>> {
    off_runtime(|| handlers::shared_conflicts(&state, workbook))
}

#[tauri::command(async)]
pub fn settle_shared(
    state: State<'_, AppState>,
    workbook: WorkbookId,
    choices: Vec<MergeChoice>,
) -> Reply<SharedSynced> {
    off_runtime(|| handlers::settle_shared(&state, workbook, choices))
}
