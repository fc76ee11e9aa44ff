//! What the app holds while it runs: the open workbooks, each behind an opaque handle, and
//! what the window shows.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use planbook_core::Workbook;

use crate::wire::{WindowState, WorkbookId};

/// Shared by every command. Workbook handles are numbers handed out in order and never
/// reused, so a stale handle can never reach a different workbook.
#[derive(Debug)]
pub struct AppState {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    workbooks: BTreeMap<WorkbookId, Workbook>,
    last_id: u32,
    window: WindowState,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            inner: Mutex::new(Inner {
                workbooks: BTreeMap::new(),
                last_id: 0,
                window: WindowState::NoWorkbook,
            }),
        }
    }
}

impl AppState {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while the lock was held cannot leave a workbook half-written (every edit is
        // its own transaction in core), so carrying on with the data is safe.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps `workbook` open and returns its new handle.
    pub fn insert(&self, workbook: Workbook) -> WorkbookId {
        let mut inner = self.lock();
        inner.last_id += 1;
        let id = WorkbookId(inner.last_id);
        inner.workbooks.insert(id, workbook);
        id
    }

    /// Runs `f` with the workbook behind `id`, or returns `None` if there is none.
    pub fn with_workbook<R>(&self, id: WorkbookId, f: impl FnOnce(&Workbook) -> R) -> Option<R> {
        self.lock().workbooks.get(&id).map(f)
    }

    /// Closes every workbook (releasing their edit locks). Called when the app exits.
    pub fn close_all(&self) {
        let workbooks = std::mem::take(&mut self.lock().workbooks);
        drop(workbooks);
    }

    pub fn window(&self) -> WindowState {
        self.lock().window.clone()
    }

    pub fn set_window(&self, window: WindowState) {
        self.lock().window = window;
    }
}
