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

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::error::{Error, Result};

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

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM planbook_meta WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO planbook_meta (key, value) VALUES (?1, ?2)",
        [key, value],
    )?;
    Ok(())
}

/// Who this workbook is, for lineage.
pub fn identity(conn: &Connection) -> Result<String> {
    if let Some(id) = get(conn, "workbook_id")? {
        return Ok(id);
    }
    let plan: String = conn.query_row("SELECT id FROM plan", [], |r| r.get(0))?;
    Ok(format!("plan:{plan}"))
}

/// The workbook this one was copied from, if it is a copy.
pub fn copied_from(conn: &Connection) -> Result<Option<String>> {
    get(conn, "copied_from")
}

fn base_at(conn: &Connection, key: &str) -> Result<Option<Base>> {
    match get(conn, key)? {
        Some(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::Invalid(format!(
                "the workbook's record of a shared state is damaged: {e}"
            ))
        }),
        None => Ok(None),
    }
}

/// The state this copy started from.
pub fn copy_base(conn: &Connection) -> Result<Option<Base>> {
    base_at(conn, "copy_base")
}

/// The colleague's state as last merged from `other`, if that merge has not been undone.
pub fn merge_base(conn: &Connection, other: &str) -> Result<Option<Base>> {
    let Some(base) = base_at(conn, &format!("merge_base:{other}"))? else {
        return Ok(None);
    };
    let done: Option<String> = match base.edit_id {
        Some(id) => conn
            .query_row("SELECT state FROM edit WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok((done.as_deref() == Some("done")).then_some(base))
}

pub(crate) fn put_base(conn: &Connection, key: &str, base: &Base) -> Result<()> {
    put(
        conn,
        key,
        &serde_json::to_string(base).map_err(|e| Error::Json(e.to_string()))?,
    )
}

/// The most recent state `mine` and `theirs` are known to share, if any.
pub fn common_base(mine: &Connection, theirs: &Connection) -> Result<Option<Base>> {
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
