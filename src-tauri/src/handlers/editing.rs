//! Editing: each is one edit in core, made through the workbook's kept state (core's
//! `live::Live`), and returns the undo state after it with what it changed: the rows, whole,
//! the rows removed, and the health findings that appeared and went.

use super::*;

/// Runs one edit, undo or redo `f` on the workbook behind `id`, and returns its result, the
/// undo state after it and what it changed.
pub(crate) fn write<R>(
    state: &AppState,
    id: WorkbookId,
    f: impl FnOnce(&mut Workbook) -> planbook_core::Result<R>,
) -> Result<(R, Edited), WireError> {
    // Overdue is as of the planner's own day, as `plan_health` reports it.
    let today = state.today();
    let done = state.with_live(id, |w, live| {
        let (out, changes) = live.edit(w, today, f)?;
        let undo_state = undo_state_of(w)?;
        Ok((
            out,
            Edited {
                undo_state,
                changes,
            },
        ))
    });
    let done = done
        .ok_or_else(WireError::no_such_workbook)?
        .map_err(|e: planbook_core::Error| WireError::from(e))?;
    // A shared workbook's live sync sends it a second after the last edit.
    if let Some(session) = state.shared_session(id) {
        session.note_edit();
    }
    Ok(done)
}

pub fn add_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    fields: Map<String, Value>,
) -> Result<Added, WireError> {
    let (
        id,
        Edited {
            undo_state,
            changes,
        },
    ) = write(state, workbook, |w| w.add_fields(kind, fields))?;
    Ok(Added {
        id,
        undo_state,
        changes,
    })
}

pub fn set_field(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
    field: &str,
    value: Value,
) -> Result<Edited, WireError> {
    Ok(write(state, workbook, |w| w.set(kind, id, field, value))?.1)
}

pub fn delete_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
) -> Result<Edited, WireError> {
    Ok(write(state, workbook, |w| w.delete(kind, id))?.1)
}

pub fn link(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    a: &Id,
    b: &Id,
) -> Result<Edited, WireError> {
    Ok(write(state, workbook, |w| w.link(kind, a, b))?.1)
}

pub fn unlink(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    a: &Id,
    b: &Id,
) -> Result<Edited, WireError> {
    Ok(write(state, workbook, |w| w.unlink(kind, a, b))?.1)
}

pub fn move_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
    index: usize,
) -> Result<Edited, WireError> {
    Ok(write(state, workbook, |w| w.move_to(kind, id, index))?.1)
}

pub fn undo(state: &AppState, workbook: WorkbookId) -> Result<Edited, WireError> {
    Ok(write(state, workbook, Workbook::undo)?.1)
}

pub fn redo(state: &AppState, workbook: WorkbookId) -> Result<Edited, WireError> {
    Ok(write(state, workbook, Workbook::redo)?.1)
}
