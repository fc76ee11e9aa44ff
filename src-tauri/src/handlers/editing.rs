//! Editing: each is one edit in core, and returns the undo state after it.

use super::*;

pub(crate) fn write<R>(
    state: &AppState,
    id: WorkbookId,
    f: impl FnOnce(&mut Workbook) -> planbook_core::Result<R>,
) -> Result<(R, UndoState), WireError> {
    let done: Option<planbook_core::Result<(R, UndoState)>> =
        state.with_workbook_mut(id, |w| Ok((f(w)?, undo_state_of(w)?)));
    done.ok_or_else(WireError::no_such_workbook)?
        .map_err(WireError::from)
}

pub fn add_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    fields: Map<String, Value>,
) -> Result<Added, WireError> {
    let (id, undo_state) = write(state, workbook, |w| w.add_fields(kind, fields))?;
    Ok(Added { id, undo_state })
}

pub fn set_field(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
    field: &str,
    value: Value,
) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, |w| w.set(kind, id, field, value))?.1)
}

pub fn delete_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, |w| w.delete(kind, id))?.1)
}

pub fn link(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    a: &Id,
    b: &Id,
) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, |w| w.link(kind, a, b))?.1)
}

pub fn unlink(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    a: &Id,
    b: &Id,
) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, |w| w.unlink(kind, a, b))?.1)
}

pub fn move_row(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    id: &Id,
    index: usize,
) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, |w| w.move_to(kind, id, index))?.1)
}

pub fn undo(state: &AppState, workbook: WorkbookId) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, Workbook::undo)?.1)
}

pub fn redo(state: &AppState, workbook: WorkbookId) -> Result<UndoState, WireError> {
    Ok(write(state, workbook, Workbook::redo)?.1)
}
