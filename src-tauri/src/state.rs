//! What the app holds while it runs: the open workbooks, each behind an opaque handle, what
//! the window shows, the recent list, the dialogs, and what sharing needs to remember (the
//! merge being settled, when each workbook was last backed up, the file that failed to open),
//! the spreadsheet import being looked at, and the live state of each shared workbook.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use chrono::{DateTime, NaiveDate, Utc};
use planbook_core::Workbook;
use planbook_core::live::Live;
use planbook_core::sync::merge::MergePlan;

use crate::dialogs::Dialogs;
use crate::handlers::PendingImport;
use crate::handlers::shared_live::SharedSession;
use crate::recent::RecentList;
use crate::wire::{WindowState, WorkbookId};

/// Shared by every command. Workbook handles are numbers handed out in order and never
/// reused, so a stale handle can never reach a different workbook.
#[derive(Debug)]
pub struct AppState {
    inner: Mutex<Inner>,
    recent: Mutex<RecentList>,
    /// Set once, when the app starts (the native dialogs need the running app).
    dialogs: OnceLock<Arc<dyn Dialogs>>,
    /// Where backups go (`backups/` under it): core's data folder unless a test sets another.
    backup_root: OnceLock<PathBuf>,
    /// The planner's day, which plan health's "overdue" is as of: the computer's date unless
    /// a test fixes it (the UI tests' recording must not change with the calendar).
    today: OnceLock<NaiveDate>,
}

/// When a workbook was last backed up, and how many changes its connection had made then
/// (SQLite's running count: any edit, undo or redo since moves it).
#[derive(Debug, Clone, Copy, Default)]
pub struct BackupMark {
    pub at: Option<DateTime<Utc>>,
    pub changes: u64,
}

#[derive(Debug)]
struct Inner {
    workbooks: BTreeMap<WorkbookId, Workbook>,
    /// Each open workbook's kept health findings and search index (core's `live`), so an
    /// edit costs what it touched.
    live: BTreeMap<WorkbookId, Live>,
    last_id: u32,
    window: WindowState,
    /// The plan document last exported from each workbook (PDF, web page or Word), which Open
    /// and Show in Folder act on (the window never holds the path).
    exported: BTreeMap<WorkbookId, PathBuf>,
    backups: BTreeMap<WorkbookId, BackupMark>,
    /// A merge worked out and waiting for the planner to settle its conflicts.
    pending_merge: Option<(WorkbookId, MergePlan)>,
    /// The file the window last failed to open, which "Recover what can be read" reads.
    failed: Option<PathBuf>,
    /// A spreadsheet import worked out and shown, waiting for Import.
    pending_import: Option<PendingImport>,
    /// Each open workbook kept in step with a shared plan, with its live thread's state.
    shared: BTreeMap<WorkbookId, Arc<SharedSession>>,
    /// Servers' passwords typed in this run, by address, for when the keychain cannot keep
    /// them. Never written anywhere.
    passwords: BTreeMap<String, String>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            inner: Mutex::new(Inner {
                workbooks: BTreeMap::new(),
                live: BTreeMap::new(),
                last_id: 0,
                window: WindowState::NoWorkbook,
                exported: BTreeMap::new(),
                backups: BTreeMap::new(),
                pending_merge: None,
                failed: None,
                pending_import: None,
                shared: BTreeMap::new(),
                passwords: BTreeMap::new(),
            }),
            recent: Mutex::new(RecentList::in_memory()),
            dialogs: OnceLock::new(),
            backup_root: OnceLock::new(),
            today: OnceLock::new(),
        }
    }
}

impl AppState {
    /// No workbooks, a recent list in memory only, and no dialogs yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// With the recent list kept in `file` and these dialogs.
    pub fn with(recent: RecentList, dialogs: Option<Arc<dyn Dialogs>>) -> Self {
        let state = AppState {
            recent: Mutex::new(recent),
            ..Self::default()
        };
        if let Some(dialogs) = dialogs {
            state.set_dialogs(dialogs);
        }
        state
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
        let mark = BackupMark {
            at: None,
            changes: workbook.reader().total_changes(),
        };
        inner.backups.insert(id, mark);
        inner.workbooks.insert(id, workbook);
        id
    }

    /// Runs `f` with the workbook behind `id`, or returns `None` if there is none.
    pub fn with_workbook<R>(&self, id: WorkbookId, f: impl FnOnce(&Workbook) -> R) -> Option<R> {
        self.lock().workbooks.get(&id).map(f)
    }

    /// Runs `f` with the workbook behind `id` for changing it, or returns `None`.
    pub fn with_workbook_mut<R>(
        &self,
        id: WorkbookId,
        f: impl FnOnce(&mut Workbook) -> R,
    ) -> Option<R> {
        self.lock().workbooks.get_mut(&id).map(f)
    }

    /// Runs `f` with the workbook behind `id` and what is kept beside it (its health
    /// findings and search index), or returns `None`.
    pub fn with_live<R>(
        &self,
        id: WorkbookId,
        f: impl FnOnce(&mut Workbook, &mut Live) -> R,
    ) -> Option<R> {
        let mut inner = self.lock();
        let Inner {
            workbooks, live, ..
        } = &mut *inner;
        let workbook = workbooks.get_mut(&id)?;
        Some(f(workbook, live.entry(id).or_default()))
    }

    /// The file of the workbook behind `id`.
    pub fn path_of(&self, id: WorkbookId) -> Option<PathBuf> {
        self.with_workbook(id, |w| w.path().to_path_buf())
    }

    /// Closes the workbook behind `id` (releasing its edit lock); true if there was one.
    pub fn close(&self, id: WorkbookId) -> bool {
        let mut inner = self.lock();
        inner.exported.remove(&id);
        inner.backups.remove(&id);
        inner.live.remove(&id);
        if inner.pending_merge.as_ref().is_some_and(|(w, _)| *w == id) {
            inner.pending_merge = None;
        }
        if inner
            .pending_import
            .as_ref()
            .is_some_and(|p| p.workbook() == Some(id))
        {
            inner.pending_import = None;
        }
        if let Some(session) = inner.shared.remove(&id) {
            session.stop();
        }
        let closed = inner.workbooks.remove(&id);
        closed.is_some()
    }

    /// The handles of every open workbook.
    pub fn open_workbooks(&self) -> Vec<WorkbookId> {
        self.lock().workbooks.keys().copied().collect()
    }

    /// When the workbook behind `id` was last backed up.
    pub fn backup_mark(&self, id: WorkbookId) -> BackupMark {
        self.lock().backups.get(&id).copied().unwrap_or_default()
    }

    pub fn set_backup_mark(&self, id: WorkbookId, mark: BackupMark) {
        self.lock().backups.insert(id, mark);
    }

    /// Where backups go. Set once; a later call is ignored.
    pub fn set_backup_root(&self, root: PathBuf) {
        let _ = self.backup_root.set(root);
    }

    /// Fixes the planner's day (see [`AppState::today`]); for tests.
    pub fn set_today(&self, today: NaiveDate) {
        let _ = self.today.set(today);
    }

    /// The planner's own day: the computer's local date, unless fixed by `set_today`.
    pub fn today(&self) -> NaiveDate {
        self.today
            .get()
            .copied()
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn backup_root(&self) -> PathBuf {
        self.backup_root
            .get_or_init(planbook_core::backup::data_dir)
            .clone()
    }

    /// Whether a merge is waiting for the planner to settle its conflicts.
    pub fn has_pending_merge(&self) -> bool {
        self.lock().pending_merge.is_some()
    }

    /// Keeps a merge of the workbook behind `id` until its conflicts are settled.
    pub fn set_pending_merge(&self, id: WorkbookId, plan: MergePlan) {
        self.lock().pending_merge = Some((id, plan));
    }

    /// Takes the merge waiting for the workbook behind `id`, if there is one.
    pub fn take_pending_merge(&self, id: WorkbookId) -> Option<MergePlan> {
        let mut inner = self.lock();
        match inner.pending_merge.take() {
            Some((w, plan)) if w == id => Some(plan),
            other => {
                inner.pending_merge = other;
                None
            }
        }
    }

    /// Keeps the spreadsheet import being looked at (replacing any other).
    pub fn set_pending_import(&self, import: PendingImport) {
        self.lock().pending_import = Some(import);
    }

    /// Takes the spreadsheet import being looked at, if there is one.
    pub fn take_pending_import(&self) -> Option<PendingImport> {
        self.lock().pending_import.take()
    }

    /// Runs `f` with the spreadsheet import being looked at, if there is one.
    pub fn with_pending_import<R>(&self, f: impl FnOnce(&PendingImport) -> R) -> Option<R> {
        self.lock().pending_import.as_ref().map(f)
    }

    /// The live state of the workbook behind `id`, if it is kept in step with a shared plan.
    pub fn shared_session(&self, id: WorkbookId) -> Option<Arc<SharedSession>> {
        self.lock().shared.get(&id).cloned()
    }

    pub fn set_shared_session(&self, id: WorkbookId, session: Arc<SharedSession>) {
        self.lock().shared.insert(id, session);
    }

    /// The password typed for `server` in this run, if any.
    pub fn password_for(&self, server: &str) -> Option<String> {
        self.lock().passwords.get(server).cloned()
    }

    pub fn set_password(&self, server: &str, password: &str) {
        self.lock()
            .passwords
            .insert(server.to_owned(), password.to_owned());
    }

    /// Notes the file that just failed to open (or that none did).
    pub fn set_failed(&self, path: Option<PathBuf>) {
        self.lock().failed = path;
    }

    pub fn failed(&self) -> Option<PathBuf> {
        self.lock().failed.clone()
    }

    /// Notes the plan document just exported from the workbook behind `id`.
    pub fn set_exported(&self, id: WorkbookId, file: PathBuf) {
        self.lock().exported.insert(id, file);
    }

    /// The plan document last exported from the workbook behind `id`, if any.
    pub fn exported(&self, id: WorkbookId) -> Option<PathBuf> {
        self.lock().exported.get(&id).cloned()
    }

    pub fn window(&self) -> WindowState {
        self.lock().window.clone()
    }

    pub fn set_window(&self, window: WindowState) {
        self.lock().window = window;
    }

    /// The workbook the window shows, if any.
    pub fn shown_workbook(&self) -> Option<WorkbookId> {
        match self.window() {
            WindowState::Open { workbook, .. } => Some(workbook),
            _ => None,
        }
    }

    pub fn recent(&self) -> MutexGuard<'_, RecentList> {
        self.recent.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sets the dialogs once; later calls are ignored.
    pub fn set_dialogs(&self, dialogs: Arc<dyn Dialogs>) {
        let _ = self.dialogs.set(dialogs);
    }

    /// The dialogs. Before they are set (never, once the app runs) every dialog is cancelled.
    pub fn dialogs(&self) -> Arc<dyn Dialogs> {
        self.dialogs
            .get()
            .cloned()
            .unwrap_or_else(|| Arc::new(crate::dialogs::ScriptedDialogs::from_lines(&[])))
    }
}
