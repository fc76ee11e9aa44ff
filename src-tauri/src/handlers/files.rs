//! Opening, creating, copying, exporting and closing workbooks, and the window title.

use super::*;

/// Opens `path` for editing, or read-only when editing is refused for a reason that still
/// allows reading (core's rule: a newer format, or someone else editing it). The reason comes
/// back as a notice so the window can say why it is read-only and what to do about it. The
/// workbook is added to the recent list.
pub fn open_workbook(
    state: &AppState,
    path: &Path,
) -> Result<(WorkbookId, Option<WireError>), WireError> {
    let (workbook, fallback) = Workbook::open_preferring_edit(path)?;
    remember(state, &workbook);
    Ok((
        state.insert(workbook),
        fallback.as_ref().map(WireError::from),
    ))
}

/// Closes a workbook, first backing it up if it was edited since its last backup and noting
/// its plan's title (which may have changed while it was open) in the recent list.
pub(crate) fn close(state: &AppState, id: WorkbookId) {
    back_up_if_edited(state, id, chrono::Utc::now());
    let titled = state.with_workbook(id, |w| Some((w.path().to_path_buf(), w.plan().ok()?.title)));
    if let Some(Some((path, title))) = titled {
        state.recent().retitle(&path, &title);
    }
    state.close(id);
}

/// Closes every workbook, as [`close`] does. Called when the app exits.
pub fn close_all(state: &AppState) {
    for id in state.open_workbooks() {
        close(state, id);
    }
}

pub(crate) fn remember(state: &AppState, workbook: &Workbook) {
    if let Ok(plan) = workbook.plan() {
        state
            .recent()
            .record(workbook.path(), &plan.title, planbook_core::model::now().0);
    }
}

/// Shows `path` in the window (the one workbook it shows), closing the workbook it showed.
/// Used for every way a person opens a file: the Open dialog, the recent list, a file dropped
/// on the window, the operating system. If the file cannot be opened the window says why
/// (nothing is lost by closing the previous workbook: every edit was saved when it was made).
/// Opening the workbook already shown changes nothing.
pub fn open_path(state: &AppState, path: &Path) -> WindowState {
    if let Some(shown) = state.shown_workbook()
        && state.path_of(shown).is_some_and(|p| same_file(&p, path))
    {
        return state.window();
    }
    let opened = open_workbook(state, path);
    let window = match opened {
        Ok((workbook, notice)) => {
            state.set_failed(None);
            close_others(state, workbook);
            WindowState::Open { workbook, notice }
        }
        Err(error) => {
            if let Some(shown) = state.shown_workbook() {
                close(state, shown);
            }
            state.set_failed(Some(path.to_path_buf()));
            WindowState::OpenFailed { error }
        }
    };
    state.set_window(window.clone());
    window
}

pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

pub(crate) fn close_others(state: &AppState, keep: WorkbookId) {
    if let Some(shown) = state.shown_workbook()
        && shown != keep
    {
        close(state, shown);
    }
}

/// At start: opens the workbook from the command line, if any, and records what the window
/// shows.
pub fn open_at_start(state: &AppState, path: Option<&Path>) -> WindowState {
    match path {
        Some(path) => open_path(state, path),
        None => {
            state.set_window(WindowState::NoWorkbook);
            WindowState::NoWorkbook
        }
    }
}

/// What the window shows.
pub fn window_state(state: &AppState) -> WindowState {
    state.window()
}

/// The recent workbooks, newest first; files that have gone are dropped.
pub fn recent_workbooks(state: &AppState) -> Vec<RecentWorkbook> {
    let mut recent = state.recent();
    recent.forget_missing();
    recent.wire()
}

/// Opens a workbook from the recent list by its key.
pub fn open_recent(state: &AppState, key: &str) -> Result<WindowState, WireError> {
    let path = state.recent().find(key).map(|e| e.path.clone());
    match path {
        Some(path) => Ok(open_path(state, &path)),
        None => Err(WireError {
            code: "not_in_recent_list".into(),
            message: "That workbook is no longer in the recent list.".into(),
            hint: "Use Open… to find it.".into(),
            at_field: None,
        }),
    }
}

/// Shows the Open dialog and opens the chosen workbook; cancelling changes nothing.
pub fn open_workbook_dialog(state: &AppState) -> WindowState {
    match state.dialogs().open_workbook("Open a workbook") {
        Some(path) => open_path(state, &path),
        None => state.window(),
    }
}

/// Shows a Save dialog for a new workbook, creates it (blank, titled after the file name, or
/// the Our Dorset example) and shows it. Cancelling changes nothing; if it cannot be created
/// the error says why and the window is unchanged.
pub fn new_workbook_dialog(state: &AppState, start: NewStart) -> Result<WindowState, WireError> {
    let (title, name) = match start {
        NewStart::Blank => ("New workbook", "New plan.sqlite"),
        NewStart::Example => ("New workbook from the example", "Our Dorset example.sqlite"),
    };
    match state.dialogs().save_workbook(title, name) {
        Some(path) => new_workbook(state, start, &path),
        None => Ok(state.window()),
    }
}

/// Creates a workbook at `path` (replacing a file there unless someone is editing it) and
/// shows it.
pub fn new_workbook(
    state: &AppState,
    start: NewStart,
    path: &Path,
) -> Result<WindowState, WireError> {
    let start = match start {
        NewStart::Blank => Start::Blank {
            title: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "New plan".into()),
        },
        NewStart::Example => Start::Content(Box::new(example::content("our-dorset")?)),
    };
    let workbook = Workbook::create_replacing(path, start)?;
    Ok(show_made(state, workbook, None))
}

/// Shows a workbook just made (new, recovered, from a spreadsheet) as the window's one open
/// workbook: remembered in the recent list, the one shown before closed.
pub(crate) fn show_made(
    state: &AppState,
    workbook: Workbook,
    notice: Option<WireError>,
) -> WindowState {
    remember(state, &workbook);
    let id = state.insert(workbook);
    close_others(state, id);
    let window = WindowState::Open {
        workbook: id,
        notice,
    };
    state.set_window(window.clone());
    window
}

/// Closes the workbook; the window then shows the start screen.
pub fn close_workbook(state: &AppState, workbook: WorkbookId) -> WindowState {
    close(state, workbook);
    if state.shown_workbook() == Some(workbook) {
        state.set_window(WindowState::NoWorkbook);
    }
    state.window()
}

/// Shows a Save dialog and writes a copy of the workbook there (see
/// [`Workbook::save_copy`]). Returns the file name written, or `None` if cancelled.
pub fn save_copy_dialog(
    state: &AppState,
    workbook: WorkbookId,
) -> Result<Option<String>, WireError> {
    let stem = stem(
        &state
            .path_of(workbook)
            .ok_or_else(WireError::no_such_workbook)?,
    );
    let Some(to) = state
        .dialogs()
        .save_workbook("Save a copy as", &format!("{stem} (copy).sqlite"))
    else {
        return Ok(None);
    };
    read(state, workbook, |w| w.save_copy(&to))?;
    Ok(Some(file_name(&to)))
}

/// Shows a Save dialog for a PDF and exports the plan document there with the window's
/// options, reporting progress as it goes. Returns what was written, or `None` if cancelled.
/// The file is remembered for [`exported_pdf`] ("Open PDF").
pub fn export_pdf_dialog(
    state: &AppState,
    workbook: WorkbookId,
    options: &ExportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<PdfExported>, WireError> {
    let title = workbook_summary(state, workbook)?.title;
    let Some(to) = state.dialogs().save_pdf(&format!(
        "{}.pdf",
        planbook_core::place::safe_file_stem(&title)
    )) else {
        return Ok(None);
    };
    let content = workbook_content(state, workbook)?;
    let export = document::export_pdf_with_progress(&content, options, progress)?;
    write_atomically(&to, &export.bytes)?;
    state.set_exported(workbook, to.clone());
    Ok(Some(PdfExported {
        written: written(&to),
        pages: export.pages,
        warnings: export.warnings,
    }))
}

/// Shows a Save dialog for the plan document in `format` (a web page or a Word document) and
/// exports it there with the window's options. Returns what was written, or `None` if
/// cancelled. Quick enough (well under a second for a large plan) to need no progress.
pub fn export_document_dialog(
    state: &AppState,
    workbook: WorkbookId,
    format: DocumentFormat,
    options: &ExportOptions,
) -> Result<Option<DocumentExported>, WireError> {
    let title = workbook_summary(state, workbook)?.title;
    let suggested = format!(
        "{}.{}",
        planbook_core::place::safe_file_stem(&title),
        format.extension()
    );
    let Some(to) = state.dialogs().save_document(format, &suggested) else {
        return Ok(None);
    };
    let content = workbook_content(state, workbook)?;
    let bytes = match format {
        DocumentFormat::Html => document::export_html(&content, options).into_bytes(),
        DocumentFormat::Docx => document::export_docx(&content, options)?,
    };
    write_atomically(&to, &bytes)?;
    state.set_exported(workbook, to.clone());
    Ok(Some(written(&to)))
}

/// What the window is told of a file an export wrote: its name and, to read, its folder.
pub(crate) fn written(path: &Path) -> DocumentExported {
    DocumentExported {
        file_name: file_name(path),
        folder: path
            .parent()
            .map(|f| f.display().to_string())
            .unwrap_or_default(),
    }
}

/// What the export dialog starts with for this workbook's plan (core's defaults: DRAFT until
/// the plan is approved or published).
pub fn export_defaults(state: &AppState, workbook: WorkbookId) -> Result<ExportOptions, WireError> {
    read(state, workbook, |w| Ok(ExportOptions::for_plan(&w.plan()?)))
}

/// The plan document last exported from the workbook (in any format), for Rust to open or
/// show in its folder; the window never acts on the path.
pub fn last_export(state: &AppState, workbook: WorkbookId) -> Result<PathBuf, WireError> {
    state.exported(workbook).ok_or_else(|| WireError {
        code: "nothing_exported".into(),
        message: "No plan document has been exported from this workbook yet.".into(),
        hint: "Export the plan document first (File › Export).".into(),
        at_field: None,
    })
}

/// What the running app does when a second launch hands it a workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum HandedOver {
    /// Nothing to open: the window only comes to the front.
    Nothing,
    /// The workbook was opened (or could not be, and the window says why).
    Opened(WindowState),
    /// Not opened, because a merge is waiting for the planner to settle its conflicts there;
    /// the message says so and what to do.
    Deferred { title: String, message: String },
}

/// A second launch of Planbook asked for `path`. Every edit is already saved, so the shown
/// workbook can give way to it as when a file is dropped on the window (backed up if edited,
/// its lock released): there is nothing to ask. The one thing on screen that is not saved is
/// a merge whose conflicts are being settled; then the file is not opened, and the planner is
/// told how to open it when the merge is done.
pub fn hand_over(state: &AppState, path: Option<&Path>) -> HandedOver {
    let Some(path) = path else {
        return HandedOver::Nothing;
    };
    if state.has_pending_merge() {
        return HandedOver::Deferred {
            title: "Finish the merge first".into(),
            message: format!(
                "Planbook was asked to open “{}”, but you are settling a merge in this window. Finish or cancel the merge, then open the file again (File › Open…).",
                file_name(path)
            ),
        };
    }
    HandedOver::Opened(open_path(state, path))
}

/// A file's name without its extension ("Our plan" of "Our plan.sqlite"), for suggesting the
/// names of copies.
pub(crate) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The window's title: the workbook's file name, as desktop programs name their documents,
/// marked when it is read-only.
pub fn window_title(state: &AppState) -> String {
    let WindowState::Open { workbook, .. } = state.window() else {
        return "Planbook".into();
    };
    match state.with_workbook(workbook, Workbook::summary) {
        Some(Ok(summary)) if summary.read_only.is_some() => {
            format!("{} (read-only) – Planbook", summary.file_name)
        }
        Some(Ok(summary)) => format!("{} – Planbook", summary.file_name),
        _ => "Planbook".into(),
    }
}
