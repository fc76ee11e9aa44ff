//! Undo and redo, replayed from the change log. Because the log is in the workbook, undo
//! works across closing and reopening the file.
//!
//! Edits are `done`, `undone` (and can be redone) or `discarded` (undone, then overtaken by a
//! new edit). The undone edits are always the newest ones, so undo takes the newest `done`
//! edit and redo the oldest `undone` one.
//!
//! Undo stays the planner's own: an edit that applied others' edits from a shared plan
//! (marked received, bookkeeping item 8) is passed by, and an edit of one's own is not undone
//! or redone over what others changed since in the same fields: that is refused in words.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::bookkeeping::SHARED_RECEIVED;
use super::changelog::{ChangeOp, EditState, WHOLE_ROW};
use super::changes::Touched;
use super::rows::{self, RowObject};
use crate::error::{Error, Result, Step};
use crate::model::{Field, Id, Kind, with_kind};

/// An edit as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EditInfo {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub label: String,
}

struct Change {
    kind: Kind,
    row_id: Id,
    /// The field an update set; none for an insert or a delete.
    field: Option<Field>,
    op: ChangeOp,
    before: Option<Value>,
    after: Option<Value>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

/// Undoes the newest edit; returns it and the rows its change log names.
pub(crate) fn undo(conn: &mut Connection) -> Result<(EditInfo, Touched)> {
    step(conn, Direction::Undo)
}

/// Redoes the oldest undone edit; returns it and the rows its change log names.
pub(crate) fn redo(conn: &mut Connection) -> Result<(EditInfo, Touched)> {
    step(conn, Direction::Redo)
}

/// What undo and redo would act on now.
pub(crate) fn next(conn: &Connection) -> Result<(Option<EditInfo>, Option<EditInfo>)> {
    Ok((find(conn, Direction::Undo)?, find(conn, Direction::Redo)?))
}

fn find(conn: &Connection, dir: Direction) -> Result<Option<EditInfo>> {
    let read = |r: &rusqlite::Row<'_>| {
        Ok(EditInfo {
            id: r.get(0)?,
            at: r.get(1)?,
            who: r.get(2)?,
            label: r.get(3)?,
        })
    };
    let found = match dir {
        Direction::Undo => conn.query_row(
            "SELECT id, at, who, label FROM edit WHERE state = ?1 AND NOT EXISTS
               (SELECT 1 FROM planbook_meta WHERE key = ?2 || edit.id) ORDER BY id DESC LIMIT 1",
            rusqlite::params![EditState::Done, SHARED_RECEIVED],
            read,
        ),
        Direction::Redo => conn.query_row(
            "SELECT id, at, who, label FROM edit WHERE state = ?1 ORDER BY id ASC LIMIT 1",
            [EditState::Undone],
            read,
        ),
    };
    Ok(found.optional()?)
}

fn step(conn: &mut Connection, dir: Direction) -> Result<(EditInfo, Touched)> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(edit) = find(&tx, dir)? else {
        return Err(Error::NothingTo(if dir == Direction::Undo {
            Step::Undo
        } else {
            Step::Redo
        }));
    };
    if let Some(who) = changed_since_by_others(&tx, edit.id)? {
        let step = if dir == Direction::Undo {
            "undone"
        } else {
            "redone"
        };
        return Err(Error::Invalid(format!(
            "“{}” cannot be {step}: {who} changed the same items since, on the shared plan. Change them by hand instead",
            edit.label
        )));
    }
    let mut changes = changes_of(&tx, edit.id)?;
    if dir == Direction::Undo {
        changes.reverse();
    }
    let at = crate::model::now();
    let mut touched = Touched::default();
    for c in &changes {
        touched.note(c.kind, &c.row_id);
        use ChangeOp::*;
        let (op, value) = match (dir, c.op) {
            (Direction::Undo, Insert) | (Direction::Redo, Delete) => (Delete, None),
            (Direction::Undo, Delete) => (Insert, c.before.as_ref()),
            (Direction::Redo, Insert) => (Insert, c.after.as_ref()),
            (Direction::Undo, Update) => (Update, c.before.as_ref()),
            (Direction::Redo, Update) => (Update, c.after.as_ref()),
        };
        match (op, value, c.field) {
            (Delete, _, _) => rows::delete_row(&tx, c.kind, &c.row_id)?,
            (Insert, Some(Value::Object(obj)), _) => {
                rows::insert_object(&tx, c.kind, &as_row(c.kind, obj)?)?
            }
            (Update, Some(v), Some(field)) => rows::update_column(&tx, &c.row_id, field, v, &at.0)?,
            _ => {
                return Err(Error::Invalid(format!(
                    "the change log entry for {} {} is damaged",
                    c.kind, c.row_id
                )));
            }
        }
    }
    let state = if dir == Direction::Undo {
        EditState::Undone
    } else {
        EditState::Done
    };
    tx.execute("UPDATE edit SET state = ?1 WHERE id = ?2", (state, edit.id))?;
    tx.commit()?;
    Ok((edit, touched))
}

/// Who, through an edit received from a shared plan after `edit_id`, changed a field (or a
/// whole row) that edit changed too.
fn changed_since_by_others(conn: &Connection, edit_id: i64) -> Result<Option<String>> {
    let sql = "SELECT e.who FROM change c JOIN edit e ON e.id = c.edit_id
               WHERE e.id > ?1 AND e.state = ?2
                 AND EXISTS (SELECT 1 FROM planbook_meta m WHERE m.key = ?3 || e.id)
                 AND EXISTS (SELECT 1 FROM change mine WHERE mine.edit_id = ?1
                     AND mine.entity = c.entity AND mine.row_id = c.row_id
                     AND (mine.field = c.field OR mine.field = ?4 OR c.field = ?4))
               ORDER BY e.id DESC LIMIT 1";
    Ok(conn
        .query_row(
            sql,
            rusqlite::params![edit_id, EditState::Done, SHARED_RECEIVED, WHOLE_ROW],
            |r| r.get(0),
        )
        .optional()?)
}

/// A whole row from the change log, checked by building its struct: the log is part of a file
/// that may come from anyone, and its keys become column names.
fn as_row(kind: Kind, obj: &serde_json::Map<String, Value>) -> Result<RowObject> {
    with_kind!(kind, T => rows::to_object(&rows::from_object::<T>(obj.clone())?))
}

fn changes_of(conn: &Connection, edit_id: i64) -> Result<Vec<Change>> {
    let mut stmt =
        conn.prepare_cached("SELECT entity, row_id, field, op, before, after FROM change WHERE edit_id = ?1 ORDER BY id")?;
    let raw = stmt.query_map([edit_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let parse = |t: Option<String>| -> Result<Option<Value>> {
        t.map(|t| serde_json::from_str(&t).map_err(|e| Error::Json(e.to_string())))
            .transpose()
    };
    let mut out = Vec::new();
    for row in raw {
        let (entity, row_id, field, op, before, after) = row?;
        let kind = Kind::from_table(&entity).ok_or_else(|| {
            Error::Invalid(format!(
                "the change log names an unknown kind of item, “{entity}”"
            ))
        })?;
        // The log is part of a file that may come from anyone: an operation this version
        // does not know is damage, not something to guess at.
        let op = ChangeOp::from_word(&op).ok_or_else(|| {
            Error::Invalid(format!("the change log names an unknown operation, “{op}”"))
        })?;
        let field = match field.as_str() {
            WHOLE_ROW => None,
            name => Some(kind.field(name).ok_or_else(|| {
                Error::Invalid(format!("the change log names an unknown field, “{name}”"))
            })?),
        };
        out.push(Change {
            kind,
            row_id: Id(row_id),
            field,
            op,
            before: parse(before)?,
            after: parse(after)?,
        });
    }
    Ok(out)
}

/// The most recent edits, newest first.
pub(crate) fn recent(conn: &Connection, limit: usize) -> Result<Vec<EditInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, who, label FROM edit WHERE state = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map((EditState::Done, limit as i64), |r| {
        Ok(EditInfo {
            id: r.get(0)?,
            at: r.get(1)?,
            who: r.get(2)?,
            label: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
