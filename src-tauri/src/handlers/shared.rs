//! A shared plan on a server, as the window asks for it: File › Share on a Server…, File ›
//! Open a Shared Plan…, the header's status, where the planner is, and settling conflicts.
//! The live sync itself is `shared_live.rs`.

use planbook_core::sync::merge::Choice;
use planbook_core::sync::review::{self, ConflictView};
use planbook_core::sync::shared;
use planbook_share::{Address, Remote, Settle, ShareError};

use super::shared_live::{self, share_error};
use super::*;
use crate::share_wire::{ServerPlan, ShareStatus, SharedSynced, SyncState};
use crate::wire::MergeChoice;

/// `url` with `password` put in (percent-encoded), for connecting; never kept.
pub(crate) fn with_password(url: &str, password: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let Some((user, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = user.split(':').next().unwrap_or_default();
    let encoded: String = password
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{scheme}://{user}:{encoded}@{host}{tail}")
}

/// The address typed, with the password typed (if any) in it; the password is kept in the
/// keychain, and for this run in memory in case the keychain cannot keep it.
fn address_of(state: &AppState, request: &ServerPlan) -> Result<Address, WireError> {
    let bare = Address::parse(&request.server).map_err(|e| share_error(&e))?;
    if request.password.is_empty() {
        return Ok(bare);
    }
    let addr = Address::parse(&with_password(bare.shown(), &request.password))
        .map_err(|e| share_error(&e))?;
    if let Some(why) = planbook_share::secret::remember(&addr) {
        eprintln!("Planbook: {why}");
    }
    state.set_password(bare.shown(), &request.password);
    Ok(addr)
}

/// File › Share on a Server…: makes a shared plan of the workbook on the server and links the
/// workbook to it. The live sync starts once the command has run (`start_sessions`).
pub fn share_on_server(
    state: &AppState,
    workbook: WorkbookId,
    request: &ServerPlan,
) -> Result<ShareStatus, WireError> {
    let addr = address_of(state, request)?;
    let link = state
        .with_workbook_mut(workbook, |w| {
            planbook_share::publish(w, &addr, &request.plan)
        })
        .ok_or_else(WireError::no_such_workbook)?
        .map_err(|e| share_error(&e))?;
    Ok(ShareStatus {
        plan: link.plan,
        server: link.server,
        state: SyncState::Connecting,
        others: Vec::new(),
    })
}

/// File › Open a Shared Plan…: checks the plan is there, asks where to keep the local copy,
/// makes it from the plan and shows it. `None` in the window's place if cancelled.
pub fn open_shared_plan(
    state: &AppState,
    request: &ServerPlan,
) -> Result<Option<WindowState>, WireError> {
    let addr = address_of(state, request)?;
    let plan = Remote::connect(&addr)
        .and_then(|r| {
            r.check_format()?;
            r.plan_named(request.plan.trim())
        })
        .map_err(|e| share_error(&e))?;
    let suggested = format!(
        "{}.sqlite",
        planbook_core::place::safe_file_stem(&plan.name)
    );
    let Some(path) = state
        .dialogs()
        .save_workbook("Keep the shared plan's copy", &suggested)
    else {
        return Ok(None);
    };
    let wb = planbook_share::join(&addr, &plan.name, &path).map_err(|e| share_error(&e))?;
    Ok(Some(show_made(state, wb, None)))
}

/// The header's status of a shared workbook; `None` for a workbook not shared (or open
/// read-only, which is not kept in step).
pub fn share_status(state: &AppState, workbook: WorkbookId) -> Option<ShareStatus> {
    state.shared_session(workbook).map(|s| s.status())
}

/// Where the planner is now (`kind:id` of the selected item, or empty), for others to see.
pub fn share_here(state: &AppState, workbook: WorkbookId, item: &str) {
    if let Some(s) = state.shared_session(workbook) {
        s.set_item(item);
    }
}

fn session_of(
    state: &AppState,
    workbook: WorkbookId,
) -> Result<std::sync::Arc<shared_live::SharedSession>, WireError> {
    state.shared_session(workbook).ok_or_else(|| WireError {
        code: "not_shared".into(),
        message: "This workbook is not kept in step with a shared plan.".into(),
        hint: "Share it with File › Share on a Server…, or open a shared plan.".into(),
        at_field: None,
    })
}

fn connected(state: &AppState, link: &shared::SharedLink) -> Result<Remote, WireError> {
    let addr = match state.password_for(&link.server) {
        Some(p) => Address::parse(&with_password(&link.server, &p)),
        None => Address::parse(&link.server),
    }
    .map_err(|e| share_error(&e))?;
    let remote = Remote::connect(&addr).map_err(|e| share_error(&e))?;
    remote.check_format().map_err(|e| share_error(&e))?;
    Ok(remote)
}

/// The conflicts between this workbook and the shared plan now, in a planner's words, in
/// the order `settle_shared` takes its choices.
pub fn shared_conflicts(
    state: &AppState,
    workbook: WorkbookId,
) -> Result<Vec<ConflictView>, WireError> {
    let session = session_of(state, workbook)?;
    let remote = connected(state, &session.link)?;
    let base = read(state, workbook, |w| {
        Ok(shared::base(w.reader())?.map_or(0, |b| b.seq))
    })?;
    let received = remote
        .edits_since(&session.link.plan_id, base)
        .map_err(|e| share_error(&e))?;
    read(state, workbook, |w| {
        Ok(review::review(shared::plan_pull(w, &received)?.merge()))
    })
}

/// Settles the conflicts `shared_conflicts` listed, one choice each in order, and syncs.
pub fn settle_shared(
    state: &AppState,
    workbook: WorkbookId,
    choices: Vec<MergeChoice>,
) -> Result<SharedSynced, WireError> {
    let session = session_of(state, workbook)?;
    let remote = connected(state, &session.link)?;
    let choices: Vec<Choice> = choices.into_iter().map(Choice::from).collect();
    shared_live::sync_once(state, workbook, &session, &remote, &Settle::Each(choices))
        .map_err(|e: ShareError| share_error(&e))
}
