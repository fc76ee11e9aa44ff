//! Live shared mode: while a workbook linked to a shared plan is open, a thread of its own
//! keeps it in step with the server. It has its own connection, which LISTENs for the
//! server's notices, and syncs when the server says the plan got an edit, a second after a
//! local edit, and every 15 seconds while the server cannot be reached. It says where the
//! planner is (the selected item) every 10 seconds and when it changes, and reads who else is
//! in the plan. Each change of status, and every pull that changed rows, goes to the window
//! through the [`Host`] (the `shared-plan` event), so others' edits appear without the planner
//! doing anything.
//!
//! The workbook's lock is held only for the steps that read or change the workbook, never
//! across a call to the server (`planbook_share::sync_held`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use planbook_core::sync::shared::{self, SharedLink};
use planbook_share::{Address, Held, Pulled, Remote, Settle, ShareError, SyncReport};

use super::*;
use crate::share_wire::{OtherPlanner, ShareStatus, SharedSynced, SyncState};

/// How long after a local edit it is sent (edits typed in a row go together).
const AFTER_EDIT: Duration = Duration::from_secs(1);
/// How often a server that cannot be reached is tried again.
const RETRY: Duration = Duration::from_secs(15);
/// How often the planner's place is said again (the server forgets it after a minute).
const PRESENCE: Duration = Duration::from_secs(10);
/// How long the thread waits for a notice before looking at its own flags again.
const TICK: Duration = Duration::from_millis(200);

/// What the live thread needs of the running app: the state, and a way to tell the window.
/// The app is it (shell.rs); tests use a state of their own and keep what is told.
pub trait Host: Send + Sync + 'static {
    fn state(&self) -> &AppState;
    fn emit(&self, event: SharedSynced);
}

/// One open shared workbook's live state, shared by its thread and the commands.
#[derive(Debug)]
pub struct SharedSession {
    pub link: SharedLink,
    /// This window's id in the server's presence table.
    client: String,
    stop: AtomicBool,
    /// When the planner last edited here, if it is not sent yet.
    edited: Mutex<Option<Instant>>,
    /// Where the planner is (`kind:id`, or empty), and whether it changed since last said.
    item: Mutex<(String, bool)>,
    status: Mutex<ShareStatus>,
    /// Held for a whole sync, so the thread and Settle never sync at once.
    syncing: Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SharedSession {
    fn new(link: SharedLink) -> SharedSession {
        let status = ShareStatus {
            plan: link.plan.clone(),
            server: link.server.clone(),
            state: SyncState::Connecting,
            others: Vec::new(),
        };
        SharedSession {
            link,
            client: uuid::Uuid::new_v4().to_string(),
            stop: AtomicBool::new(false),
            edited: Mutex::new(None),
            item: Mutex::new((String::new(), false)),
            status: Mutex::new(status),
            syncing: Mutex::new(()),
        }
    }

    /// Ends the thread (the workbook was closed).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// A local edit was made: it is sent a second after the last one.
    pub fn note_edit(&self) {
        *lock(&self.edited) = Some(Instant::now());
    }

    /// The planner is now on `item` (`kind:id`, or empty).
    pub fn set_item(&self, item: &str) {
        let mut held = lock(&self.item);
        if held.0 != item {
            *held = (item.to_owned(), true);
        }
    }

    pub fn status(&self) -> ShareStatus {
        lock(&self.status).clone()
    }

    fn set_state(&self, state: SyncState) {
        lock(&self.status).state = state;
    }

    fn edit_due(&self) -> bool {
        let mut edited = lock(&self.edited);
        match *edited {
            Some(at) if at.elapsed() >= AFTER_EDIT => {
                *edited = None;
                true
            }
            _ => false,
        }
    }
}

/// A [`ShareError`] as the window shows it.
pub fn share_error(e: &ShareError) -> WireError {
    match e {
        ShareError::Core(core) => WireError::from(core),
        other => WireError {
            code: other.code().to_owned(),
            message: crate::wire::sentence(&other.to_string()),
            hint: match other {
                ShareError::Offline { .. } => {
                    "Check the address and your network, then try again.".into()
                }
                _ => "Check what you typed, or ask whoever looks after the server.".into(),
            },
            at_field: None,
        },
    }
}

/// The workbook as a sync reaches it in the app: through the state's lock, one step at a
/// time, and merging through the workbook's kept state (`Live::edit`) so the window gets the
/// rows that changed.
struct InApp<'a> {
    state: &'a AppState,
    id: WorkbookId,
    edited: Option<Edited>,
}

fn closed() -> ShareError {
    ShareError::Core(planbook_core::Error::Invalid(
        "the workbook was closed".into(),
    ))
}

impl InApp<'_> {
    /// Runs `f` through `Live::edit`, and keeps what it changed when `keep_changes` says so.
    fn through_live<R>(
        &mut self,
        f: impl FnOnce(&mut Workbook) -> planbook_share::Result<R>,
        keep_changes: impl FnOnce(&R) -> bool,
    ) -> planbook_share::Result<R> {
        let today = self.state.today();
        let done = self.state.with_live(self.id, |w, live| {
            // The closure never fails for Live: a failed step wrote nothing (each write is one
            // transaction), and a step that wrote no row leaves what Live keeps as it is (it
            // patches again from the last edit's rows as they now are, which changes nothing)
            // while noting the workbook's new change count, so the next edit is not taken for
            // a change behind its back.
            let (out, changes) = live.edit(w, today, |w| Ok(f(w)))?;
            let edited = match &out {
                Ok(r) if keep_changes(r) => Some(Edited {
                    undo_state: undo_state_of(w)?,
                    changes,
                }),
                _ => None,
            };
            Ok::<_, planbook_core::Error>((out, edited))
        });
        let (out, edited) = done.ok_or_else(closed)??;
        if edited.is_some() {
            self.edited = edited;
        }
        out
    }
}

impl Held for InApp<'_> {
    fn with<R>(
        &mut self,
        f: impl FnOnce(&mut Workbook) -> planbook_share::Result<R>,
    ) -> planbook_share::Result<R> {
        self.state
            .with_workbook_mut(self.id, f)
            .ok_or_else(closed)?
    }

    fn pull(
        &mut self,
        f: impl FnOnce(&mut Workbook) -> planbook_share::Result<Pulled>,
    ) -> planbook_share::Result<Pulled> {
        self.through_live(f, Pulled::changed_rows)
    }

    fn keep(
        &mut self,
        f: impl FnOnce(&mut Workbook) -> planbook_share::Result<()>,
    ) -> planbook_share::Result<()> {
        self.through_live(f, |_| false)
    }
}

/// Syncs the workbook behind `id` once with `remote`, settling as `settle` says, and sets its
/// session's status from what happened. Returns what the window is told.
pub fn sync_once(
    state: &AppState,
    id: WorkbookId,
    session: &SharedSession,
    remote: &Remote,
    settle: &Settle,
) -> Result<SharedSynced, ShareError> {
    let _one_at_a_time = lock(&session.syncing);
    let mut held = InApp {
        state,
        id,
        edited: None,
    };
    let report = planbook_share::sync_held(&mut held, remote, settle)?;
    let state_now = settled_state(state, id, &report)?;
    session.set_state(state_now);
    Ok(SharedSynced {
        workbook: id,
        status: session.status(),
        edited: held.edited,
    })
}

fn settled_state(
    state: &AppState,
    id: WorkbookId,
    report: &SyncReport,
) -> Result<SyncState, ShareError> {
    if !report.conflicts.is_empty() {
        return Ok(SyncState::Conflicts {
            count: report.conflicts.len(),
        });
    }
    // Edits made while this sync ran are sent by the next.
    Ok(match to_send(state, id)? {
        0 => SyncState::UpToDate,
        edits => SyncState::ToSend { edits },
    })
}

/// How many row changes here are not yet on the server.
fn to_send(state: &AppState, id: WorkbookId) -> Result<usize, ShareError> {
    Ok(state
        .with_workbook(id, shared::unsent)
        .ok_or_else(closed)??)
}

/// Connects to the server the session's plan is on (with the password given in this run,
/// if the keychain could not keep it), and listens for its notices.
fn connect(state: &AppState, session: &SharedSession) -> Result<Remote, ShareError> {
    let server = &session.link.server;
    let addr = match state.password_for(server) {
        Some(password) => Address::parse(&super::shared::with_password(server, &password))?,
        None => Address::parse(server)?,
    };
    let remote = Remote::connect(&addr)?;
    remote.check_format()?;
    remote.listen()?;
    Ok(remote)
}

/// Starts a live session for every open, editable workbook linked to a shared plan that has
/// none yet. Called whenever what is open may have changed.
pub fn start_sessions(host: &Arc<dyn Host>) {
    let state = host.state();
    for id in state.open_workbooks() {
        if state.shared_session(id).is_some() {
            continue;
        }
        let link = state.with_workbook(id, |w| {
            if w.read_only_reason().is_some() {
                return None;
            }
            shared::link(w.reader()).ok().flatten()
        });
        let Some(Some(link)) = link else { continue };
        let session = Arc::new(SharedSession::new(link));
        state.set_shared_session(id, Arc::clone(&session));
        let host = Arc::clone(host);
        let spawned = std::thread::Builder::new()
            .name(format!("shared plan {}", id.0))
            .spawn(move || run(&*host, id, &session));
        if let Err(e) = spawned {
            eprintln!("Planbook could not start keeping the shared plan in step: {e}");
        }
    }
}

/// The live thread of one open shared workbook, until it is closed.
fn run(host: &dyn Host, id: WorkbookId, session: &SharedSession) {
    let state = host.state();
    let plan_id = session.link.plan_id.clone();
    let mut remote: Option<Remote> = None;
    let mut next_try = Instant::now();
    let mut next_presence = Instant::now();
    let mut sync_due = true;
    let tell = |synced: SharedSynced| host.emit(synced);
    let status_only = || SharedSynced {
        workbook: id,
        status: session.status(),
        edited: None,
    };
    while !session.stop.load(Ordering::SeqCst) {
        let edit_due = session.edit_due();
        let Some(r) = remote.as_mut() else {
            if edit_due {
                offline_again(state, id, session, None);
                tell(status_only());
            }
            if Instant::now() >= next_try {
                match connect(state, session) {
                    Ok(r) => {
                        remote = Some(r);
                        sync_due = true;
                        next_presence = Instant::now();
                    }
                    Err(e) => {
                        went(state, id, session, &e);
                        tell(status_only());
                        next_try = Instant::now() + RETRY;
                    }
                }
            } else {
                std::thread::sleep(TICK);
            }
            continue;
        };
        let mut failed = None;
        if sync_due || edit_due {
            sync_due = false;
            match sync_once(state, id, session, r, &Settle::Ask) {
                Ok(synced) => tell(synced),
                Err(e) => failed = Some(e),
            }
        }
        if failed.is_none() && (Instant::now() >= next_presence || lock(&session.item).1) {
            next_presence = Instant::now() + PRESENCE;
            match presence(state, id, session, r) {
                Ok(()) => tell(status_only()),
                Err(e) => failed = Some(e),
            }
        }
        if failed.is_none() && r.wait_for_edit(&plan_id, TICK).is_some() {
            sync_due = true;
        }
        if failed.is_none() && !r.is_open() {
            failed = Some(ShareError::Offline {
                server: session.link.server.clone(),
                detail: "the connection was closed".into(),
            });
        }
        if let Some(e) = failed {
            went(state, id, session, &e);
            tell(status_only());
            if e.is_offline() {
                remote = None;
                next_try = Instant::now() + RETRY;
            }
        }
    }
    if let Some(r) = remote {
        let _ = r.gone(&plan_id, &session.client);
    }
}

/// The server went away or refused: the status says so.
fn went(state: &AppState, id: WorkbookId, session: &SharedSession, e: &ShareError) {
    if e.is_offline() {
        offline_again(state, id, session, Some(e));
    } else {
        session.set_state(SyncState::Refused {
            error: share_error(e),
        });
    }
}

/// Offline, with how many edits wait here (counted again after a local edit).
fn offline_again(
    state: &AppState,
    id: WorkbookId,
    session: &SharedSession,
    e: Option<&ShareError>,
) {
    let to_send = to_send(state, id).unwrap_or(0);
    let message = match (e, &session.status().state) {
        (Some(e), _) => crate::wire::sentence(&e.to_string()),
        (None, SyncState::Offline { message, .. }) => message.clone(),
        (None, _) => String::new(),
    };
    session.set_state(SyncState::Offline { to_send, message });
}

/// Says where the planner is, and reads who else is in the plan and where, in words.
fn presence(
    state: &AppState,
    id: WorkbookId,
    session: &SharedSession,
    r: &Remote,
) -> Result<(), ShareError> {
    let item = {
        let mut held = lock(&session.item);
        held.1 = false;
        held.0.clone()
    };
    r.here(&session.link.plan_id, &session.client, &item)?;
    let mut seen = r.others(&session.link.plan_id, &session.client)?;
    // One line per person, their latest place first (a person may have two windows open).
    seen.dedup_by(|b, a| a.who == b.who);
    let others = state
        .with_workbook(id, |w| {
            seen.iter()
                .map(|p| OtherPlanner {
                    who: p.who.clone(),
                    item: shared::item_in_words(w.reader(), &p.item),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    lock(&session.status).others = others;
    Ok(())
}

/// For the UI tests' recording: what the live thread does once (a session, one sync, where
/// the planner is and who else is in the plan), on the caller's thread, so what is recorded
/// does not depend on when a thread ran.
#[cfg(test)]
pub(crate) fn step_now(state: &AppState, id: WorkbookId) -> SharedSynced {
    let session = match state.shared_session(id) {
        Some(s) => s,
        None => {
            let link = state
                .with_workbook(id, |w| shared::link(w.reader()))
                .and_then(|l| l.ok().flatten())
                .expect("a shared workbook");
            let session = Arc::new(SharedSession::new(link));
            state.set_shared_session(id, Arc::clone(&session));
            session
        }
    };
    let remote = connect(state, &session).expect("connects");
    let synced = sync_once(state, id, &session, &remote, &Settle::Ask).expect("syncs");
    presence(state, id, &session, &remote).expect("presence");
    SharedSynced {
        status: session.status(),
        ..synced
    }
}
