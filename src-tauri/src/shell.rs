//! The window's surroundings, which need the running app: the menu bar, the title, files
//! dropped on the window or passed by the operating system, and the events that tell the
//! window something changed behind its back. What each action does is a handler; this module
//! only connects Tauri's events to handlers and tells the window.

use std::path::PathBuf;

use planbook_core::document::Progress;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_opener::OpenerExt;

use crate::dialogs::Level;
use crate::handlers;
use crate::share_wire::SharedSynced;
use crate::state::AppState;
use crate::wire::{NewStart, WindowState, WireError};

/// The events the window listens to (docs/ipc.md).
pub const WINDOW_STATE_EVENT: &str = "window-state";
pub const MENU_EVENT: &str = "menu";
pub const EXPORT_PROGRESS_EVENT: &str = "export-progress";
pub const SHARED_PLAN_EVENT: &str = "shared-plan";

/// The running app is what a shared workbook's live thread reports to: it reads the app's
/// state and tells the window with the `shared-plan` event.
impl handlers::shared_live::Host for AppHandle {
    fn state(&self) -> &AppState {
        Manager::state::<AppState>(self).inner()
    }

    fn emit(&self, event: SharedSynced) {
        if let Err(error) = Emitter::emit(self, SHARED_PLAN_EVENT, event) {
            eprintln!("Planbook could not tell the window about the shared plan: {error}");
        }
    }
}

/// Menu items whose state follows the window's.
pub struct MenuHandles {
    recent: Submenu<Wry>,
    /// Usable only with a workbook open.
    with_workbook: Vec<MenuItem<Wry>>,
    /// Usable only with a workbook open for editing.
    with_editable: Vec<MenuItem<Wry>>,
}

impl std::fmt::Debug for MenuHandles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MenuHandles").finish_non_exhaustive()
    }
}

/// Builds the menu bar (File, Edit, Help), installs it, and keeps the items that change.
pub fn install_menu(app: &AppHandle) -> tauri::Result<()> {
    let item = |id: &str, text: &str, accelerator: Option<&str>| {
        MenuItem::with_id(app, id, text, true, accelerator)
    };
    let new = item("new", "New…", Some("CmdOrCtrl+N"))?;
    let new_example = item(
        "new-example",
        "New from the Our Dorset Example…",
        Some("CmdOrCtrl+Shift+N"),
    )?;
    let open = item("open", "Open…", Some("CmdOrCtrl+O"))?;
    let recent = Submenu::with_id(app, "open-recent", "Open Recent", true)?;
    let save_copy = item("save-copy", "Save a Copy As…", Some("CmdOrCtrl+Shift+S"))?;
    let send_copy = item("send-copy", "Send a Copy…", None)?;
    let merge = item(
        "merge",
        "Merge a Colleague's Copy…",
        Some("CmdOrCtrl+Shift+M"),
    )?;
    let restore = item("restore-backup", "Restore from Backup…", None)?;
    // A shared plan on a server (issue 13): the window asks for the address and the plan.
    let share = item("share-on-server", "Share on a Server…", None)?;
    let open_shared = item("open-shared-plan", "Open a Shared Plan…", None)?;
    let import_sheet = item("import-sheet", "Import a Spreadsheet…", None)?;
    // An update round: one lead partner's tracker out, their filled-in copy back for review.
    let send_update = item("send-update", "Send for an Update…", None)?;
    let bring_back = item("bring-back-update", "Bring Back an Update…", None)?;
    // File › Export: each opens the window's export dialog with that format chosen.
    let export_pdf = item("export-pdf", "PDF…", Some("CmdOrCtrl+E"))?;
    let export_html = item("export-html", "Web Page (HTML)…", None)?;
    let export_docx = item("export-docx", "Word Document…", None)?;
    let export_sheet = item("export-sheet", "Spreadsheet…", None)?;
    let export = Submenu::with_items(
        app,
        "Export",
        true,
        &[&export_pdf, &export_html, &export_docx, &export_sheet],
    )?;
    let close = item("close", "Close", Some("CmdOrCtrl+W"))?;
    let undo = item("undo", "Undo", Some("CmdOrCtrl+Z"))?;
    let redo = item("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))?;
    let about = item("about", "About Planbook", None)?;

    let file = Submenu::with_items(
        app,
        "File",
        true,
        &[
            &new,
            &new_example,
            &open,
            &recent,
            &open_shared,
            &PredefinedMenuItem::separator(app)?,
            &save_copy,
            &send_copy,
            &merge,
            &restore,
            &share,
            &PredefinedMenuItem::separator(app)?,
            &import_sheet,
            &export,
            &send_update,
            &bring_back,
            &PredefinedMenuItem::separator(app)?,
            &close,
        ],
    )?;
    // macOS has Quit in the app menu. GTK has no predefined Quit item, so it is our own.
    #[cfg(not(target_os = "macos"))]
    {
        file.append(&PredefinedMenuItem::separator(app)?)?;
        file.append(&item("quit", "Quit", Some("CmdOrCtrl+Q"))?)?;
    }
    // On macOS the webview's text fields get cut, copy and paste only through the Edit menu.
    #[cfg(target_os = "macos")]
    let edit = Submenu::with_items(
        app,
        "Edit",
        true,
        &[
            &undo,
            &redo,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;
    #[cfg(not(target_os = "macos"))]
    let edit = Submenu::with_items(app, "Edit", true, &[&undo, &redo])?;
    let help = Submenu::with_items(app, "Help", true, &[&about])?;

    #[cfg(target_os = "macos")]
    let menu = {
        let app_menu = Submenu::with_items(
            app,
            "Planbook",
            true,
            &[
                &PredefinedMenuItem::hide(app, None)?,
                &PredefinedMenuItem::separator(app)?,
                &PredefinedMenuItem::quit(app, None)?,
            ],
        )?;
        Menu::with_items(app, &[&app_menu, &file, &edit, &help])?
    };
    #[cfg(not(target_os = "macos"))]
    let menu = Menu::with_items(app, &[&file, &edit, &help])?;
    app.set_menu(menu)?;
    app.manage(MenuHandles {
        recent,
        with_workbook: vec![
            save_copy,
            send_copy,
            export_pdf,
            export_html,
            export_docx,
            export_sheet,
            close,
        ],
        with_editable: vec![undo, redo, merge, restore, import_sheet, share],
    });
    window_changed(app);
    Ok(())
}

/// After what the window shows changed: its title, the menu items that need a workbook, and
/// the recent list. Failures here are cosmetic and only logged.
pub fn window_changed(app: &AppHandle) {
    // A workbook linked to a shared plan that was just opened (or just shared) is kept in step
    // from now on; one closed has stopped its thread already.
    let host: std::sync::Arc<dyn handlers::shared_live::Host> = std::sync::Arc::new(app.clone());
    handlers::shared_live::start_sessions(&host);
    let state = app.state::<AppState>();
    if let Some(window) = app.get_webview_window("main")
        && let Err(error) = window.set_title(&handlers::window_title(&state))
    {
        eprintln!("Planbook could not set the window title: {error}");
    }
    let Some(menus) = app.try_state::<MenuHandles>() else {
        return;
    };
    let open = state.shown_workbook();
    let editable = open.is_some_and(|w| {
        handlers::workbook_summary(&state, w).is_ok_and(|s| s.read_only.is_none())
    });
    let mut result = Ok(());
    for item in &menus.with_workbook {
        result = result.and(item.set_enabled(open.is_some()));
    }
    for item in &menus.with_editable {
        result = result.and(item.set_enabled(editable));
    }
    result = result.and(rebuild_recent(app, &menus.recent, &state));
    if let Err(error) = result {
        eprintln!("Planbook could not update its menus: {error}");
    }
}

fn rebuild_recent(app: &AppHandle, submenu: &Submenu<Wry>, state: &AppState) -> tauri::Result<()> {
    while submenu.remove_at(0)?.is_some() {}
    let recent = handlers::recent_workbooks(state);
    if recent.is_empty() {
        submenu.append(&MenuItem::with_id(
            app,
            "recent-none",
            "No recent workbooks",
            false,
            None::<&str>,
        )?)?;
    }
    for r in recent {
        let text = if r.title.trim().is_empty() {
            r.file_name.clone()
        } else {
            format!("{} — {}", r.title, r.file_name)
        };
        submenu.append(&MenuItem::with_id(
            app,
            format!("recent:{}", r.key),
            text,
            true,
            None::<&str>,
        )?)?;
    }
    Ok(())
}

/// Tells the window it shows something else now (and updates title and menus).
pub fn announce(app: &AppHandle, window: &WindowState) {
    window_changed(app);
    if let Err(error) = app.emit(WINDOW_STATE_EVENT, window) {
        eprintln!("Planbook could not tell the window what it shows: {error}");
    }
}

/// A menu item was chosen. Runs on the main thread, so anything that may show a dialog (which
/// waits) or touch a file moves to a worker thread.
pub fn on_menu(app: &AppHandle, id: &str) {
    let app = app.clone();
    let id = id.to_owned();
    std::thread::spawn(move || menu_action(&app, &id));
}

fn menu_action(app: &AppHandle, id: &str) {
    let state = app.state::<AppState>();
    let dialogs = state.dialogs();
    let shown = state.shown_workbook();
    let failed = |title: &str, error: WireError| {
        dialogs.show(
            Level::Error,
            title,
            &format!("{}\n\n{}", error.message, error.hint),
        );
    };
    match (id, shown) {
        ("new" | "new-example", _) => {
            let start = if id == "new" {
                NewStart::Blank
            } else {
                NewStart::Example
            };
            match handlers::new_workbook_dialog(&state, start) {
                Ok(window) => announce(app, &window),
                Err(error) => failed("The workbook could not be created", error),
            }
        }
        ("open", _) => announce(app, &handlers::open_workbook_dialog(&state)),
        ("save-copy", Some(w)) => {
            if let Err(error) = handlers::save_copy_dialog(&state, w) {
                failed("The copy could not be saved", error);
            }
        }
        // The window asks for the export's options (or whether to include the history, or
        // how to settle a merge's conflicts, or which backup), then calls the command. Undo
        // and Redo go through the window too: it first saves a field being typed in (the
        // shortcut reaches the menu before the field), so nothing typed is lost.
        (
            "export-pdf" | "export-html" | "export-docx" | "export-sheet" | "send-copy" | "merge"
            | "restore-backup" | "import-sheet" | "send-update" | "bring-back-update" | "undo"
            | "redo" | "share-on-server",
            Some(_),
        ) => {
            if let Err(error) = app.emit(MENU_EVENT, id) {
                eprintln!("Planbook could not tell the window about the menu: {error}");
            }
        }
        ("close", Some(w)) => announce(app, &handlers::close_workbook(&state, w)),
        // Exiting runs RunEvent::Exit, which closes the workbooks (releasing their locks).
        ("quit", _) => app.exit(0),
        ("about" | "open-shared-plan", _) => {
            if let Err(error) = app.emit(MENU_EVENT, id) {
                eprintln!("Planbook could not tell the window about the menu: {error}");
            }
        }
        (id, _) => {
            if let Some(key) = id.strip_prefix("recent:") {
                match handlers::open_recent(&state, key) {
                    Ok(window) => announce(app, &window),
                    Err(error) => {
                        window_changed(app);
                        failed("The workbook could not be opened", error);
                    }
                }
            }
        }
    }
}

/// Files dropped on the window, or passed by the operating system while the app runs (macOS
/// sends a double-clicked file this way, not on the command line): the first is opened.
pub fn open_files(app: &AppHandle, paths: Vec<PathBuf>) {
    let Some(path) = paths.into_iter().next() else {
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let window = handlers::open_path(&app.state::<AppState>(), &path);
        announce(&app, &window);
    });
}

/// Planbook was started again by the same person (a double-click on a workbook, the command
/// line): that second process has ended, handing over its command line. The window comes to
/// the front and shows the workbook it named (see [`handlers::hand_over`]).
pub fn second_launch(app: &AppHandle, argv: &[String], cwd: &std::path::Path) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let path = crate::args::handed_over(argv, cwd);
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        match handlers::hand_over(&state, path.as_deref()) {
            handlers::HandedOver::Nothing => {}
            handlers::HandedOver::Opened(window) => announce(&app, &window),
            handlers::HandedOver::Deferred { title, message } => {
                state.dialogs().show(Level::Info, &title, &message);
            }
        }
    });
}

/// A logout, a shutdown or `kill` (SIGTERM), or Ctrl+C in the terminal that started the app
/// (SIGINT), ends it as Quit does: edited workbooks are backed up and their edit locks
/// released (every edit was already saved). Without this the process just stops.
#[cfg(unix)]
pub fn quit_on_signals(app: &AppHandle) {
    use async_signal::{Signal, Signals};
    use futures_lite::StreamExt;
    let mut signals = match Signals::new([Signal::Term, Signal::Int]) {
        Ok(signals) => signals,
        Err(error) => {
            eprintln!("Planbook cannot listen for the signal to stop: {error}");
            return;
        }
    };
    let app = app.clone();
    std::thread::spawn(move || {
        if futures_lite::future::block_on(signals.next()).is_some() {
            app.exit(0);
        }
    });
}

/// Every minute, backs up each workbook that has been edited and not backed up for 15
/// minutes. The thread ends with the app.
pub fn start_backups(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
            handlers::take_due_backups(&app.state::<AppState>(), chrono::Utc::now());
        }
    });
}

/// Tells the window how far an export has got (its progress bar).
pub fn export_progress(app: &AppHandle, progress: Progress) {
    if let Err(error) = app.emit(EXPORT_PROGRESS_EVENT, progress) {
        eprintln!("Planbook could not tell the window how the export is going: {error}");
    }
}

/// Opens a file Planbook wrote (an exported plan document) in the program the system uses
/// for it. Only Rust does this: the window has no opener permission and never holds a path.
/// The system's own words (a launcher's exit status) go to the log, not to the planner.
pub fn open_file(app: &AppHandle, path: &std::path::Path) -> Result<(), WireError> {
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|error| {
            eprintln!("Planbook could not open {}: {error}", path.display());
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            WireError {
                code: "could_not_open".into(),
                message: format!(
                    "This computer did not open “{name}”: it may have no program set to open {}.",
                    kind_of_file(path).0
                ),
                hint: format!(
                    "Choose Show in Folder and open it from there, or install {}.",
                    kind_of_file(path).1
                ),
                at_field: None,
            }
        })
}

/// Shows the file in the system's file manager (Explorer, Finder, the desktop's own), selected.
pub fn show_in_folder(app: &AppHandle, path: &std::path::Path) -> Result<(), WireError> {
    app.opener().reveal_item_in_dir(path).map_err(|error| {
        eprintln!(
            "Planbook could not show {} in its folder: {error}",
            path.display()
        );
        WireError {
            code: "could_not_show".into(),
            message:
                "The folder could not be shown: this computer has no file manager Planbook can ask."
                    .into(),
            hint: format!(
                "The file is in {}.",
                path.parent()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default()
            ),
            at_field: None,
        }
    })
}

/// What kind of file an export is, and the program that opens it, in a planner's words.
fn kind_of_file(path: &std::path::Path) -> (&'static str, &'static str) {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("pdf") => ("PDF files", "a PDF reader"),
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {
            ("web pages", "a web browser")
        }
        Some(e) if e.eq_ignore_ascii_case("docx") => {
            ("Word documents", "Word or LibreOffice Writer")
        }
        _ => ("this kind of file", "a program that opens it"),
    }
}
