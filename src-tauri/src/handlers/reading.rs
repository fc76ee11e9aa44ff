//! Reading an open workbook: summary, content, health, search, jargon, undo state.

use super::*;

/// Runs a read of the workbook behind `id`.
pub(crate) fn read<R>(
    state: &AppState,
    id: WorkbookId,
    f: impl FnOnce(&Workbook) -> planbook_core::Result<R>,
) -> Result<R, WireError> {
    state
        .with_workbook(id, f)
        .ok_or_else(WireError::no_such_workbook)?
        .map_err(WireError::from)
}

/// The open workbook at a glance.
pub fn workbook_summary(state: &AppState, workbook: WorkbookId) -> Result<Summary, WireError> {
    read(state, workbook, Workbook::summary)
}

/// Every row of the workbook.
pub fn workbook_content(state: &AppState, workbook: WorkbookId) -> Result<Content, WireError> {
    read(state, workbook, Workbook::content)
}

/// Runs `f` with the workbook behind `id` and what is kept beside it.
fn with_live<R>(
    state: &AppState,
    id: WorkbookId,
    f: impl FnOnce(&Workbook, &mut Live) -> planbook_core::Result<R>,
) -> Result<R, WireError> {
    state
        .with_live(id, |w, live| f(w, live))
        .ok_or_else(WireError::no_such_workbook)?
        .map_err(WireError::from)
}

/// The golden thread and each measure's chart, as core works them out (read on opening and
/// after a merge or a restore, and kept; edits report what changed in their changes).
pub fn workbook_derived(state: &AppState, workbook: WorkbookId) -> Result<Derived, WireError> {
    with_live(state, workbook, |w, live| live.derived(w))
}

/// Plan health as of `today` (the same findings as `planbook check`), checked in full: the
/// window asks on opening and after a merge or a restore; edits then report what changed.
pub fn plan_health(
    state: &AppState,
    workbook: WorkbookId,
    today: NaiveDate,
) -> Result<Vec<Finding>, WireError> {
    with_live(state, workbook, |w, live| live.plan_health(w, today))
}

/// Every field of every item that contains `query`, through the workbook's kept index.
pub fn search(
    state: &AppState,
    workbook: WorkbookId,
    query: &str,
) -> Result<Vec<SearchHit>, WireError> {
    with_live(state, workbook, |w, live| live.search(w, query))
}

/// The glossary terms in `text`, for marking them as the planner types.
/// The glossary terms in `text`, being typed into `field` of a row of `kind`; none in a field
/// the plain-English check does not look at (words quoted from people).
pub fn jargon(
    state: &AppState,
    workbook: WorkbookId,
    kind: Kind,
    field: &str,
    text: &str,
) -> Result<Vec<JargonSpan>, WireError> {
    read(state, workbook, |w| {
        if !kind
            .field(field)
            .is_some_and(planbook_core::jargon::applies_to)
        {
            return Ok(Vec::new());
        }
        Ok(planbook_core::jargon::jargon_spans(
            text,
            &w.list::<GlossaryTerm>()?,
        ))
    })
}

/// What undo and redo would act on now.
pub fn undo_state(state: &AppState, workbook: WorkbookId) -> Result<UndoState, WireError> {
    read(state, workbook, undo_state_of)
}

pub(crate) fn undo_state_of(w: &Workbook) -> planbook_core::Result<UndoState> {
    let (undo, redo) = w.undo_redo_state()?;
    Ok(UndoState { undo, redo })
}
