//! Sharing: sending a copy, merging a colleague's copy back, backups and restoring one, and
//! recovering what can be read from a damaged file.

use chrono::{DateTime, Utc};
use planbook_core::backup::{self, BackupInfo};
use planbook_core::sync::copy::CopyOptions;
use planbook_core::sync::merge::{self, Choice, MergeReport};
use planbook_core::sync::review;
use planbook_core::{Access, Start, recover};

use super::*;
use crate::state::BackupMark;
use crate::wire::{CopySent, MergeChoice, MergeStarted};

/// Shows a Save dialog and writes a copy to send there: compact, with its lineage (so it can
/// be merged back), and with the edit history only if `with_history`. `None` if cancelled.
pub fn send_copy_dialog(
    state: &AppState,
    workbook: WorkbookId,
    with_history: bool,
) -> Result<Option<CopySent>, WireError> {
    let stem = stem(
        &state
            .path_of(workbook)
            .ok_or_else(WireError::no_such_workbook)?,
    );
    let today = chrono::Local::now().format("%Y-%m-%d");
    let suggested = format!("{stem} (sent {today}).sqlite");
    let Some(to) = state.dialogs().save_workbook("Send a copy", &suggested) else {
        return Ok(None);
    };
    read(state, workbook, |w| {
        w.save_copy_with(&to, CopyOptions { with_history })
    })?;
    let size = std::fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
    Ok(Some(CopySent {
        file_name: file_name(&to),
        size,
        with_history,
    }))
}

/// Shows an Open dialog for a colleague's copy and works out the merge. Without conflicts
/// it is made at once (after a backup); with conflicts nothing changes until
/// [`finish_merge`] brings the person's choices.
pub fn merge_dialog(state: &AppState, workbook: WorkbookId) -> Result<MergeStarted, WireError> {
    let mine = state
        .path_of(workbook)
        .ok_or_else(WireError::no_such_workbook)?;
    let Some(theirs) = state.dialogs().open_workbook("Merge a colleague's copy") else {
        return Ok(MergeStarted::Cancelled);
    };
    if same_file(&mine, &theirs) {
        return Err(WireError {
            code: "same_workbook".into(),
            message: "That is this workbook itself, not a colleague's copy of it.".into(),
            hint: "Choose the copy your colleague sent back to you.".into(),
            at_field: None,
        });
    }
    let theirs = Workbook::open(&theirs, Access::ReadOnly)?;
    let plan = read(state, workbook, |w| merge::plan(w, &theirs))?;
    let their_file = plan.their_file().to_owned();
    if plan.conflicts.is_empty() {
        let report = apply_merge(state, workbook, &plan, &[])?;
        return Ok(MergeStarted::Merged { their_file, report });
    }
    let conflicts = review::review(&plan);
    state.set_pending_merge(workbook, plan);
    Ok(MergeStarted::Conflicts {
        their_file,
        conflicts,
    })
}

/// Makes the merge waiting for `workbook`, settling its conflicts with `choices` (one per
/// conflict, in the order they were listed).
pub fn finish_merge(
    state: &AppState,
    workbook: WorkbookId,
    choices: Vec<MergeChoice>,
) -> Result<MergeReport, WireError> {
    let plan = state
        .take_pending_merge(workbook)
        .ok_or_else(|| WireError {
            code: "no_merge_waiting".into(),
            message: "There is no merge waiting to be finished.".into(),
            hint: "Start again with File › Merge a Colleague's Copy….".into(),
            at_field: None,
        })?;
    if choices.len() != plan.conflicts.len() {
        return Err(WireError {
            code: "invalid".into(),
            message: format!(
                "The merge has {} conflicts but {} were settled.",
                plan.conflicts.len(),
                choices.len()
            ),
            hint: "Start the merge again.".into(),
            at_field: None,
        });
    }
    let choices: Vec<Choice> = choices.into_iter().map(Choice::from).collect();
    apply_merge(state, workbook, &plan, &choices)
}

/// Backs the workbook up ("before a merge"), then applies the merge as one edit. No backup,
/// no merge.
fn apply_merge(
    state: &AppState,
    workbook: WorkbookId,
    plan: &merge::MergePlan,
    choices: &[Choice],
) -> Result<MergeReport, WireError> {
    let root = state.backup_root();
    read(state, workbook, |w| {
        backup::take(w, &root, "before a merge", Utc::now())
    })
    .map_err(|error| WireError {
        code: error.code,
        message: format!(
            "Nothing was merged, because a backup could not be made first: {}",
            error.message
        ),
        hint: error.hint,
        at_field: None,
    })?;
    Ok(write(state, workbook, |w| merge::apply(w, plan, choices))?.0)
}

/// The workbook's backups, newest first.
pub fn list_backups(state: &AppState, workbook: WorkbookId) -> Result<Vec<BackupInfo>, WireError> {
    let root = state.backup_root();
    read(state, workbook, |w| backup::list(w, &root))
}

/// Restores the backup named `file_name` (one of [`list_backups`]) as one edit that can be
/// undone.
pub fn restore_backup(
    state: &AppState,
    workbook: WorkbookId,
    file_name: &str,
) -> Result<MergeReport, WireError> {
    let chosen = list_backups(state, workbook)?
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| WireError {
            code: "no_such_backup".into(),
            message: "That backup is no longer there.".into(),
            hint: "Choose another from the list.".into(),
            at_field: None,
        })?;
    Ok(write(state, workbook, |w| backup::restore(w, &chosen.path))?.0)
}

/// Backs up every open workbook edited since its last backup, if 15 minutes have passed since
/// then (the app calls this every minute). Returns what was backed up; failures are logged.
pub fn take_due_backups(state: &AppState, now: DateTime<Utc>) -> Vec<BackupInfo> {
    state
        .open_workbooks()
        .into_iter()
        .filter_map(|id| {
            back_up_if(state, id, "every 15 minutes", now, |mark, edited| {
                backup::due(mark.at, edited, now)
            })
        })
        .collect()
}

/// Backs the workbook up if it was edited since its last backup (when it is closed).
pub(crate) fn back_up_if_edited(state: &AppState, id: WorkbookId, now: DateTime<Utc>) {
    back_up_if(state, id, "on closing", now, |_, edited| edited);
}

fn back_up_if(
    state: &AppState,
    id: WorkbookId,
    reason: &str,
    now: DateTime<Utc>,
    wanted: impl FnOnce(BackupMark, bool) -> bool,
) -> Option<BackupInfo> {
    let mark = state.backup_mark(id);
    let root = state.backup_root();
    let taken = state.with_workbook(id, |w| {
        let edited = w.reader().total_changes() != mark.changes;
        if w.read_only_reason().is_some() || !wanted(mark, edited) {
            return None;
        }
        Some(backup::take(w, &root, reason, now).map(|b| (b, w.reader().total_changes())))
    })??;
    match taken {
        Ok((info, changes)) => {
            let at = Some(now);
            state.set_backup_mark(id, BackupMark { at, changes });
            Some(info)
        }
        Err(error) => {
            eprintln!("Planbook could not back up a workbook: {error}");
            None
        }
    }
}

/// "Recover what can be read": reads what it can from the file that just failed to open as
/// corrupt into a new workbook the person names, and shows that. The damaged file is only
/// read. `Ok` with the unchanged window if cancelled.
pub fn recover_dialog(state: &AppState) -> Result<WindowState, WireError> {
    let damaged = state.failed().ok_or_else(|| WireError {
        code: "nothing_to_recover".into(),
        message: "There is no damaged workbook to recover from.".into(),
        hint: "Open the damaged workbook first.".into(),
        at_field: None,
    })?;
    let suggested = format!("{} (recovered).sqlite", stem(&damaged));
    let Some(to) = state
        .dialogs()
        .save_workbook("Save what can be read as a new workbook", &suggested)
    else {
        return Ok(state.window());
    };
    if same_file(&to, &damaged) {
        return Err(WireError {
            code: "same_workbook".into(),
            message: "The recovered workbook cannot replace the damaged file.".into(),
            hint: "Choose another name, so the file you received stays as it was.".into(),
            at_field: None,
        });
    }
    let (content, report) = recover::salvage(&damaged)?;
    let rows: usize = report.recovered.values().sum();
    if rows == 0 {
        return Err(WireError {
            code: "nothing_recovered".into(),
            message: format!("Nothing in “{}” could be read.", file_name(&damaged)),
            hint: "Ask whoever sent it for a fresh copy.".into(),
            at_field: None,
        });
    }
    let workbook = Workbook::create_replacing(&to, Start::Content(Box::new(content)))?;
    state.set_failed(None);
    let notice = recovered_notice(&damaged, rows, &report);
    Ok(show_made(state, workbook, Some(notice)))
}

fn recovered_notice(damaged: &Path, rows: usize, report: &recover::RecoveryReport) -> WireError {
    let lost = match report.lost {
        0 => "Everything that could be found was read".to_owned(),
        1 => "1 item could not be read".to_owned(),
        n => format!("{n} items could not be read"),
    };
    let plan = if report.plan_lost {
        " The plan's own details were lost: fill them in again under Plan."
    } else {
        ""
    };
    WireError {
        code: "recovered".into(),
        message: format!(
            "This is a new workbook holding the {rows} items that could be read from “{}”. That file was not changed.",
            file_name(damaged)
        ),
        hint: format!(
            "{lost}; check the plan against what you expected, and ask whoever sent the file for a fresh copy if anything is missing.{plan}"
        ),
        at_field: None,
    }
}
