//! One user edit: one transaction, with every row change recorded in the change log.
//!
//! All writes a user makes go through [`Edit`]. It validates each new value by building the
//! whole struct (so types and allowed values are checked by the same code that reads rows),
//! applies the write, and appends a `change` row holding the value before and after.

use rusqlite::Transaction;
use serde_json::Value;

use super::bookkeeping::Bookkeeping;
use super::changelog::{ChangeOp, EditState, WHOLE_ROW};
use super::changes::Touched;
use super::read::Reader;
use super::rows::{self, RowObject};
use crate::error::{Error, Result};
use crate::model::with_kind;
use crate::model::{Entity, Field, FieldType, Id, Kind, OnDelete, Plan, Timestamp};
use crate::validate;

/// An edit in progress. Dropping it without [`Edit::commit`] rolls everything back.
#[derive(Debug)]
pub struct Edit<'c> {
    tx: Transaction<'c>,
    edit_id: i64,
    at: Timestamp,
    who: String,
    changed: bool,
    /// The rows the change log rows of this edit name, in the order they were first logged:
    /// what the edit reports it changed (see [`super::changes`]).
    touched: Touched,
    /// The position the next row inserted of a kind and scope (the scope's value as text)
    /// takes, known from the last insert of one: a run of inserts (an import of 10,000
    /// actions) would otherwise scan the table for each, as positions have no index. Any
    /// other change logged for the kind forgets it, so it is only ever a row's own insert
    /// that is trusted.
    next_positions: std::collections::HashMap<(Kind, String), i64>,
    /// Others' edits applied from a shared plan leave the planner's undone edits redoable.
    keep_redo: bool,
}

impl<'c> Edit<'c> {
    pub(crate) fn begin(tx: Transaction<'c>, label: &str, who: &str) -> Result<Self> {
        let at = crate::model::now();
        tx.execute(
            "INSERT INTO edit (at, who, label, state) VALUES (?1, ?2, ?3, ?4)",
            (&at.0, who, label, EditState::Done),
        )?;
        let edit_id = tx.last_insert_rowid();
        Ok(Edit {
            tx,
            edit_id,
            at,
            who: who.to_owned(),
            changed: false,
            touched: Touched::default(),
            next_positions: std::collections::HashMap::new(),
            keep_redo: false,
        })
    }

    /// A handle for reading the workbook as this edit has left it so far.
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.tx)
    }

    /// Bookkeeping that belongs with this edit (a merge's record of the colleague's state as
    /// merged): written in this edit's transaction, so committed or rolled back with it, and
    /// not in the change log (see [`super::bookkeeping`]).
    pub fn bookkeeping(&self) -> Bookkeeping<'_> {
        Bookkeeping::new(&self.tx)
    }

    /// Leaves the edits undone before this one redoable (others' edits from a shared plan).
    pub(crate) fn keep_redo(&mut self) {
        self.keep_redo = true;
    }

    /// The id of this edit in the change log.
    pub fn id(&self) -> i64 {
        self.edit_id
    }

    /// Commits the edit, and returns the rows its change log names. An edit that changed
    /// nothing leaves no trace in the change log.
    pub(crate) fn commit(self) -> Result<Touched> {
        if self.changed {
            if self.keep_redo {
                self.tx.commit()?;
                return Ok(self.touched);
            }
            // A new edit ends the chance to redo edits that were undone before it.
            self.tx.execute(
                "UPDATE edit SET state = ?1 WHERE state = ?2",
                (EditState::Discarded, EditState::Undone),
            )?;
            self.tx.commit()?;
        }
        Ok(self.touched)
    }

    fn log(
        &mut self,
        kind: Kind,
        id: &Id,
        field: Option<Field>,
        op: ChangeOp,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<()> {
        let text = |v: Option<&Value>| v.map(Value::to_string);
        self.tx
            .prepare_cached(
                "INSERT INTO change (edit_id, at, who, entity, row_id, field, op, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(rusqlite::params![
                self.edit_id,
                self.at.0,
                self.who,
                kind.table(),
                id.0,
                field.map_or(WHOLE_ROW, |f| f.name),
                op,
                text(before),
                text(after)
            ])?;
        self.changed = true;
        self.touched.note(kind, id);
        self.next_positions.retain(|(k, _), _| *k != kind);
        Ok(())
    }

    /// Adds a row. A missing id is made; the timestamps are set; a row with a position goes at
    /// the end of its list. Returns the row as stored.
    pub fn insert<T: Entity>(&mut self, mut row: T) -> Result<T> {
        if T::KIND == Kind::Plan && rows::count(&self.tx, Kind::Plan)? > 0 {
            return Err(Error::Invalid("a workbook holds exactly one plan".into()));
        }
        {
            let (id, created, updated) = row.stamps_mut();
            if id.0.is_empty() {
                *id = Id::new();
            }
            *created = self.at.clone();
            *updated = self.at.clone();
        }
        let mut obj = rows::to_object(&row)?;
        let mut placed = None;
        if let (Some(position), Some(scope)) = (T::KIND.position_field(), T::KIND.position_scope())
        {
            let key = (
                T::KIND,
                scope.map_or_else(String::new, |f| {
                    obj.get(f.name).map_or_else(String::new, Value::to_string)
                }),
            );
            let at = match self.next_positions.get(&key) {
                Some(at) => *at,
                None => self.next_position(T::KIND, scope, &obj)?,
            };
            obj.insert(position.name.into(), Value::from(at));
            placed = Some((key, at));
        }
        let row: T = rows::from_object(obj.clone())?;
        validate::row(&row)?;
        rows::check_references(&self.tx, T::KIND, &obj)?;
        rows::insert_object(&self.tx, T::KIND, &obj).map_err(constraint_words)?;
        self.log(
            T::KIND,
            row.id(),
            None,
            ChangeOp::Insert,
            None,
            Some(&Value::Object(obj)),
        )?;
        if let Some((key, at)) = placed {
            self.next_positions.insert(key, at + 1);
        }
        Ok(row)
    }

    /// Adds a row of a kind known only at run time, from an object of field values (what the
    /// desktop app's "add" sends); the fields not given take their defaults. The store sets
    /// the id, timestamps and position exactly as [`Edit::insert`] does, so those cannot be
    /// given. Returns the new row's id.
    pub fn insert_object(&mut self, kind: Kind, fields: RowObject) -> Result<Id> {
        if let Some(field) = fields.keys().find(|f| {
            kind.field(f)
                .is_none_or(|f| Some(f) == kind.position_field())
        }) {
            return Err(Error::Invalid(format!(
                "{} has no field “{field}” that can be set",
                kind.a()
            )));
        }
        let mut typed = RowObject::new();
        for (name, value) in fields {
            let field = editable(kind, &name)?;
            let value = validate::typed(field, value, || format!("The new {kind}"))?;
            typed.insert(name, value);
        }
        with_kind!(kind, T => {
            let mut obj = rows::to_object(&T::default())?;
            obj.extend(typed);
            let row: T = rows::from_object(obj)?;
            Ok(self.insert(row)?.id().clone())
        })
    }

    fn next_position(&self, kind: Kind, scope: Option<Field>, obj: &RowObject) -> Result<i64> {
        let (filter, arg) = match scope {
            Some(within) => (
                format!("WHERE {} = ?1", within.name),
                rows::to_sql(obj.get(within.name).unwrap_or(&Value::Null)),
            ),
            None => ("WHERE ?1 IS NULL".to_owned(), rusqlite::types::Value::Null),
        };
        let sql = format!(
            "SELECT coalesce(max(position), 0) + 1 FROM {} {filter}",
            kind.table()
        );
        Ok(self.tx.query_row(&sql, [arg], |r| r.get(0))?)
    }

    /// Sets one field, named by its column name (what the desktop app sends), of one row to a
    /// new value (a JSON value of the field's type).
    /// A date or number may be sent as the text the planner typed, and text is held to the
    /// field's length (`validate::typed`).
    pub fn set(&mut self, kind: Kind, id: &Id, field: &str, value: Value) -> Result<()> {
        let field = editable(kind, field)?;
        let value = validate::typed(field, value, || {
            rows::get_object(&self.tx, kind, id)
                .ok()
                .flatten()
                .map_or_else(|| format!("The {kind}"), |o| rows::item(kind, &o))
        })?;
        self.set_field(id, field, value)
    }

    /// Sets one field of one row to a new value (a JSON value of the field's type). A value
    /// equal to the stored one (3 where 3.0 is stored) changes nothing and is not recorded.
    pub fn set_field(&mut self, id: &Id, field: Field, value: Value) -> Result<()> {
        let kind = field.kind;
        let Some(mut obj) = rows::get_object(&self.tx, kind, id)? else {
            return Err(Error::NoSuchRow {
                kind: kind.label(),
                id: id.0.clone(),
            });
        };
        let before = obj
            .insert(field.name.to_owned(), value.clone())
            .unwrap_or(Value::Null);
        if field.same(&before, &value) {
            return Ok(());
        }
        // The value as the field's type holds it (3 becomes 3.0 for a number), which is what
        // is stored and recorded.
        let mut row = with_kind!(kind, T => {
            let row: T = rows::from_object(obj)?;
            validate::row(&row)?;
            rows::to_object(&row)?
        });
        if matches!(field.ty, FieldType::Ref { .. }) {
            rows::check_references(&self.tx, kind, &row)?;
        }
        let value = row.remove(field.name).unwrap_or(Value::Null);
        if field.same(&before, &value) {
            return Ok(());
        }
        rows::update_column(&self.tx, id, field, &value, &self.at.0).map_err(constraint_words)?;
        self.log(
            kind,
            id,
            Some(field),
            ChangeOp::Update,
            Some(&before),
            Some(&value),
        )
    }

    /// Stores every field of `row` that differs from the stored row, each as a change.
    pub fn update<T: Entity>(&mut self, row: &T) -> Result<()> {
        let stored = rows::to_object(&rows::get::<T>(&self.tx, row.id())?)?;
        let mut new = rows::to_object(row)?;
        for &field in T::KIND.fields() {
            let value = new.remove(field.name).unwrap_or(Value::Null);
            if !field.same(stored.get(field.name).unwrap_or(&Value::Null), &value) {
                self.set_field(row.id(), field, value)?;
            }
        }
        Ok(())
    }

    /// Deletes a row and what depends on it (its measures' readings, its links, …); a lead
    /// partner that is deleted is cleared from its actions. Every step is recorded, so one
    /// undo brings it all back.
    pub fn delete(&mut self, kind: Kind, id: &Id) -> Result<()> {
        if kind == Kind::Plan {
            return Err(Error::Invalid("the plan itself cannot be deleted".into()));
        }
        let Some(obj) = rows::get_object(&self.tx, kind, id)? else {
            return Err(Error::NoSuchRow {
                kind: kind.label(),
                id: id.0.clone(),
            });
        };
        for &dependant in Kind::ALL {
            for (field, target, on_delete) in dependant.references() {
                if target != kind {
                    continue;
                }
                for other in rows::ids_referring(&self.tx, field, id)? {
                    match on_delete {
                        OnDelete::Cascade => self.delete(dependant, &other)?,
                        OnDelete::SetNull => self.set_field(&other, field, Value::Null)?,
                    }
                }
            }
        }
        rows::delete_row(&self.tx, kind, id)?;
        self.log(
            kind,
            id,
            None,
            ChangeOp::Delete,
            Some(&Value::Object(obj)),
            None,
        )
    }

    /// Links two rows (for example an action to a priority); linking them again does nothing.
    pub fn link(&mut self, kind: Kind, a: &Id, b: &Id) -> Result<Id> {
        let Some((ca, cb)) = kind.link_columns() else {
            return Err(Error::Invalid(format!("{} is not a link", kind.a())));
        };
        if let Some(existing) = rows::link_id(&self.tx, kind, a, b)? {
            return Ok(existing);
        }
        let mut obj = RowObject::new();
        obj.insert(ca.name.into(), Value::String(a.0.clone()));
        obj.insert(cb.name.into(), Value::String(b.0.clone()));
        with_kind!(kind, T => {
            let row: T = rows::from_object(obj)?;
            Ok(self.insert(row)?.id().clone())
        })
    }

    /// Removes the link between two rows, if there is one.
    pub fn unlink(&mut self, kind: Kind, a: &Id, b: &Id) -> Result<()> {
        match rows::link_id(&self.tx, kind, a, b)? {
            Some(id) => self.delete(kind, &id),
            None => Ok(()),
        }
    }

    /// Moves a row to `index` (0-based) in its list, renumbering the list.
    pub fn move_to(&mut self, kind: Kind, id: &Id, index: usize) -> Result<()> {
        let (Some(position), Some(scope)) = (kind.position_field(), kind.position_scope()) else {
            return Err(Error::Invalid(format!(
                "{kind}s are not kept in an order of their own"
            )));
        };
        let Some(obj) = rows::get_object(&self.tx, kind, id)? else {
            return Err(Error::NoSuchRow {
                kind: kind.label(),
                id: id.0.clone(),
            });
        };
        let mut order: Vec<Id> = match scope {
            Some(within) => {
                let parent = Id(obj
                    .get(within.name)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned());
                with_kind!(kind, T => rows::list_where::<T>(&self.tx, within, &parent)?.iter().map(|r| r.id().clone()).collect())
            }
            None => {
                with_kind!(kind, T => rows::list::<T>(&self.tx)?.iter().map(|r| r.id().clone()).collect())
            }
        };
        order.retain(|other| other != id);
        order.insert(index.min(order.len()), id.clone());
        for (n, row_id) in order.iter().enumerate() {
            self.set_field(row_id, position, Value::from(n as i64 + 1))?;
        }
        Ok(())
    }

    /// Adds a row exactly as given, keeping its id, timestamps and position: for rows that
    /// come from another copy of this workbook (a merge, or a bulk update from JSON).
    pub fn insert_verbatim(&mut self, kind: Kind, obj: RowObject) -> Result<()> {
        let (id, obj) = with_kind!(kind, T => {
            let row: T = rows::from_object(obj)?;
            validate::row(&row)?;
            (row.id().clone(), rows::to_object(&row)?)
        });
        rows::check_references(&self.tx, kind, &obj)?;
        rows::insert_object(&self.tx, kind, &obj).map_err(constraint_words)?;
        self.log(
            kind,
            &id,
            None,
            ChangeOp::Insert,
            None,
            Some(&Value::Object(obj)),
        )
    }

    /// Sets several fields of one row at once and checks the row as a whole afterwards, so
    /// that values which must agree (a start and a due date) can change together.
    pub fn set_fields(&mut self, kind: Kind, id: &Id, fields: &[(Field, Value)]) -> Result<()> {
        let Some(before) = rows::get_object(&self.tx, kind, id)? else {
            return Err(Error::NoSuchRow {
                kind: kind.label(),
                id: id.0.clone(),
            });
        };
        let mut after = before.clone();
        for (field, value) in fields {
            if field.kind != kind {
                return Err(Error::Invalid(format!(
                    "{} has no field “{}” that can be edited",
                    kind.a(),
                    field.name
                )));
            }
            after.insert(field.name.to_owned(), value.clone());
        }
        with_kind!(kind, T => {
            let row: T = rows::from_object(after.clone())?;
            validate::row(&row)?;
        });
        if fields
            .iter()
            .any(|(f, _)| matches!(f.ty, FieldType::Ref { .. }))
        {
            rows::check_references(&self.tx, kind, &after)?;
        }
        for &(field, ref value) in fields {
            let old = before.get(field.name).cloned().unwrap_or(Value::Null);
            if !field.same(&old, value) {
                rows::update_column(&self.tx, id, field, value, &self.at.0)
                    .map_err(constraint_words)?;
                self.log(
                    kind,
                    id,
                    Some(field),
                    ChangeOp::Update,
                    Some(&old),
                    Some(value),
                )?;
            }
        }
        Ok(())
    }

    /// The plan row (there is always exactly one).
    pub fn plan(&self) -> Result<Plan> {
        rows::list::<Plan>(&self.tx)?
            .pop()
            .ok_or_else(|| Error::Invalid("the workbook has no plan".into()))
    }
}

/// The declared field `name` of `kind`, refused if there is none (the id and timestamps are
/// the store's, and not declared).
pub(crate) fn editable(kind: Kind, name: &str) -> Result<Field> {
    kind.field(name).ok_or_else(|| {
        Error::Invalid(format!(
            "{} has no field “{name}” that can be edited",
            kind.a()
        ))
    })
}

/// Puts SQLite's constraint errors in a planner's words.
fn constraint_words(e: Error) -> Error {
    match &e {
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            let msg = msg.clone().unwrap_or_default();
            if msg.contains("FOREIGN KEY") {
                Error::Invalid("it refers to an item that is not in this workbook".into())
            } else if msg.contains("UNIQUE") {
                Error::Invalid("an item with the same identity is already in this workbook".into())
            } else {
                Error::Invalid(format!("the workbook refused the value ({msg})"))
            }
        }
        _ => e,
    }
}
