//! What each command does, as plain functions over [`AppState`]: no window, no Tauri types, so
//! they are tested directly. Each is a few lines: call core, map the result to a wire type.

use std::path::Path;

use planbook_core::{Access, Error, Summary, Workbook};

use crate::state::AppState;
use crate::wire::{WindowState, WireError, WorkbookId};

/// Opens `path` for editing, or read-only when editing is refused for a reason that still
/// allows reading (a newer format, or someone else editing it). The refusal comes back as a
/// notice so the window can say why it is read-only and what to do about it.
pub fn open_workbook(
    state: &AppState,
    path: &Path,
) -> Result<(WorkbookId, Option<WireError>), WireError> {
    let (workbook, notice) = match Workbook::open(path, Access::Edit) {
        Ok(workbook) => (workbook, None),
        Err(refusal @ (Error::FileTooNew { .. } | Error::InUse { .. })) => {
            let workbook = Workbook::open(path, Access::ReadOnly)?;
            let mut notice = WireError::from(&refusal);
            if let Error::InUse { .. } = refusal {
                // Core's hint offers to open it read-only; here that has already happened.
                notice.hint =
                    "To make changes, ask them to close it, then open the workbook again.".into();
            }
            (workbook, Some(notice))
        }
        Err(error) => return Err(error.into()),
    };
    Ok((state.insert(workbook), notice))
}

/// At start: opens the workbook from the command line, if any, and records what the window
/// shows.
pub fn open_at_start(state: &AppState, path: Option<&Path>) -> WindowState {
    let window = match path.map(|path| open_workbook(state, path)) {
        None => WindowState::NoWorkbook,
        Some(Ok((workbook, notice))) => WindowState::Open { workbook, notice },
        Some(Err(error)) => WindowState::OpenFailed { error },
    };
    state.set_window(window.clone());
    window
}

/// What the window shows.
pub fn window_state(state: &AppState) -> WindowState {
    state.window()
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

/// The open workbook at a glance.
pub fn workbook_summary(state: &AppState, workbook: WorkbookId) -> Result<Summary, WireError> {
    state
        .with_workbook(workbook, Workbook::summary)
        .ok_or_else(WireError::no_such_workbook)?
        .map_err(WireError::from)
}

#[cfg(test)]
mod tests {
    //! The handlers run here exactly as the commands run them, on real workbook files in a
    //! temporary folder, with no window.
    use super::*;
    use planbook_core::Start;
    use std::path::PathBuf;

    /// A fresh folder for one test, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("planbook-app-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("create temp dir");
            TempDir(dir)
        }
        fn path(&self, file: &str) -> PathBuf {
            self.0.join(file)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn blank_workbook(dir: &TempDir, title: &str) -> PathBuf {
        let path = dir.path("plan.sqlite");
        let workbook = Workbook::create(
            &path,
            Start::Blank {
                title: title.into(),
            },
        )
        .expect("create workbook");
        drop(workbook);
        path
    }

    #[test]
    fn without_a_path_the_window_shows_no_workbook() {
        let state = AppState::new();
        assert_eq!(open_at_start(&state, None), WindowState::NoWorkbook);
        assert_eq!(window_state(&state), WindowState::NoWorkbook);
    }

    #[test]
    fn an_open_workbook_is_summarised_through_its_handle() {
        let dir = TempDir::new("summary");
        let path = blank_workbook(&dir, "Our plan");
        let state = AppState::new();

        let WindowState::Open { workbook, notice } = open_at_start(&state, Some(&path)) else {
            panic!("expected an open workbook, got {:?}", window_state(&state));
        };
        assert_eq!(notice, None);
        assert_eq!(
            window_state(&state),
            WindowState::Open {
                workbook,
                notice: None
            }
        );

        let summary = workbook_summary(&state, workbook).expect("summary");
        assert_eq!(summary.title, "Our plan");
        assert_eq!(summary.file_name, "plan.sqlite");
        assert_eq!(summary.read_only, None);
        assert_eq!(summary.counts.actions, 0);
        assert_eq!(window_title(&state), "plan.sqlite – Planbook");
    }

    #[test]
    fn a_missing_file_is_explained_in_the_window() {
        let dir = TempDir::new("missing");
        let state = AppState::new();
        let WindowState::OpenFailed { error } =
            open_at_start(&state, Some(&dir.path("nowhere.sqlite")))
        else {
            panic!("expected a failure");
        };
        assert_eq!(error.code, "not_found");
        assert!(
            error.message.ends_with("nowhere.sqlite” was not found."),
            "{}",
            error.message
        );
        assert!(!error.hint.is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_and_left_alone() {
        let dir = TempDir::new("garbage");
        let path = dir.path("notes.sqlite");
        std::fs::write(&path, b"Dear all, please find attached the plan.").expect("write");
        let state = AppState::new();

        let WindowState::OpenFailed { error } = open_at_start(&state, Some(&path)) else {
            panic!("expected a failure");
        };
        assert_eq!(error.code, "not_sqlite");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"Dear all, please find attached the plan."
        );
    }

    #[test]
    fn a_workbook_someone_else_is_editing_opens_read_only_and_says_why() {
        let dir = TempDir::new("in-use");
        let path = blank_workbook(&dir, "Shared plan");
        let state = AppState::new();
        let (first, notice) = open_workbook(&state, &path).expect("first open");
        assert_eq!(notice, None);

        let (second, notice) =
            open_workbook(&state, &path).expect("second open falls back to read-only");
        assert_ne!(first, second);
        let notice = notice.expect("a notice saying why it is read-only");
        assert_eq!(notice.code, "in_use");
        assert!(
            notice.hint.contains("ask them to close it"),
            "{}",
            notice.hint
        );
        let summary = workbook_summary(&state, second).expect("summary");
        assert!(summary.read_only.is_some());
    }

    #[test]
    fn the_title_says_planbook_without_a_workbook_and_marks_read_only() {
        let state = AppState::new();
        open_at_start(&state, None);
        assert_eq!(window_title(&state), "Planbook");

        let dir = TempDir::new("title");
        let path = blank_workbook(&dir, "Shared plan");
        let _editor = open_workbook(&state, &path).expect("first open");
        open_at_start(&state, Some(&path));
        assert_eq!(window_title(&state), "plan.sqlite (read-only) – Planbook");
    }

    #[test]
    fn an_unknown_handle_is_a_plain_error() {
        let state = AppState::new();
        let error = workbook_summary(&state, WorkbookId(42)).expect_err("no such workbook");
        assert_eq!(error, WireError::no_such_workbook());
    }
}
