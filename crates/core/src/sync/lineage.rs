//! Identity and shared history, kept in `planbook_meta` (not in the change log, and not in the
//! JSON form).
//!
//! - `workbook_id`: a copy's own identity. A workbook that is not a copy is known by its plan's
//!   id, which every copy of it shares in its plan row, so it needs no record.
//! - `copied_from`, `copy_base`: in a copy, the identity of the workbook it was copied from and
//!   that workbook's content at the moment of copying (the copy's own content then, so it holds
//!   no text that was not in the copy anyway).
//! - `merge_base:<identity>`: after a merge, the colleague's content as merged, with the id of
//!   the merge edit: it is only used while that edit is not undone.

use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::error::{Error, Result};
use crate::store::{Bookkeeping, Lineage, Reader};

/// A state two workbooks share, from which a three-way merge starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    /// When it was recorded (RFC 3339 UTC): the newer of two candidate bases wins.
    pub at: String,
    /// For a merge base: the merge edit in the workbook that recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_id: Option<i64>,
    pub content: Content,
}

fn get(conn: Reader<'_>, what: Lineage<'_>) -> Result<Option<String>> {
    conn.query_opt(
        "SELECT value FROM planbook_meta WHERE key = ?1",
        [what.key().as_ref()],
        |r| r.get(0),
    )
}

/// Who this workbook is, for lineage.
pub fn identity(conn: Reader<'_>) -> Result<String> {
    if let Some(id) = get(conn, Lineage::WorkbookId)? {
        return Ok(id);
    }
    let plan: String = conn.query_row("SELECT id FROM plan", [], |r| r.get(0))?;
    Ok(format!("plan:{plan}"))
}

/// The workbook this one was copied from, if it is a copy.
pub fn copied_from(conn: Reader<'_>) -> Result<Option<String>> {
    get(conn, Lineage::CopiedFrom)
}

fn base_at(conn: Reader<'_>, what: Lineage<'_>) -> Result<Option<Base>> {
    match get(conn, what)? {
        Some(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::Damaged(format!(
                "its record of a state shared with another copy cannot be read ({e})"
            ))
        }),
        None => Ok(None),
    }
}

/// The state this copy started from.
pub fn copy_base(conn: Reader<'_>) -> Result<Option<Base>> {
    base_at(conn, Lineage::CopyBase)
}

/// The colleague's state as last merged from `other`, if that merge has not been undone.
pub fn merge_base(conn: Reader<'_>, other: &str) -> Result<Option<Base>> {
    let Some(base) = base_at(conn, Lineage::MergeBase(other))? else {
        return Ok(None);
    };
    let done: Option<String> = match base.edit_id {
        Some(id) => conn.query_opt("SELECT state FROM edit WHERE id = ?1", [id], |r| r.get(0))?,
        None => None,
    };
    Ok((done.as_deref() == Some("done")).then_some(base))
}

/// Records a shared state (a copy's base, or a merge base).
pub(crate) fn put_base(bk: &Bookkeeping<'_>, what: Lineage<'_>, base: &Base) -> Result<()> {
    bk.put_lineage(
        what,
        &serde_json::to_string(base).map_err(|e| Error::Json(e.to_string()))?,
    )
}

/// The most recent state `mine` and `theirs` are known to share, if any.
pub fn common_base(mine: Reader<'_>, theirs: Reader<'_>) -> Result<Option<Base>> {
    let (me, them) = (identity(mine)?, identity(theirs)?);
    let mut candidates = vec![merge_base(mine, &them)?, merge_base(theirs, &me)?];
    if copied_from(theirs)?.as_deref() == Some(me.as_str()) {
        candidates.push(copy_base(theirs)?);
    }
    if copied_from(mine)?.as_deref() == Some(them.as_str()) {
        candidates.push(copy_base(mine)?);
    }
    Ok(candidates
        .into_iter()
        .flatten()
        .max_by(|a, b| a.at.cmp(&b.at)))
}
