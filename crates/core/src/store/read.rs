//! [`Reader`]: the only handle on a workbook's connection that code outside `store/` gets.
//!
//! It can run queries and nothing else: every statement it prepares is checked with SQLite's
//! own `sqlite3_stmt_readonly` before it runs, so a write cannot slip through as a query
//! (`DELETE … RETURNING` included). Writes are made in `store/` only: a planner's through
//! [`super::edit::Edit`], the rest through [`super::bookkeeping`].

use rusqlite::{Connection, OptionalExtension, Params, Row};

use super::rows::{self, RowObject};
use crate::error::{Error, Result};
use crate::model::{Entity, Field, Id, Kind};

/// Read access to one workbook (or to a file being built, or a damaged file being salvaged).
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: &'c Connection,
}

impl std::fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reader")
    }
}

/// How a [`Reader::scan`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scanned {
    /// Every row was read.
    All,
    /// SQLite stopped while stepping (a damaged page): the rows before were handed over.
    Stopped,
}

impl<'c> Reader<'c> {
    pub(super) fn new(conn: &'c Connection) -> Self {
        Reader { conn }
    }

    fn prepare(&self, sql: &str) -> Result<rusqlite::CachedStatement<'c>> {
        let stmt = self.conn.prepare_cached(sql)?;
        if !stmt.readonly() {
            return Err(Error::Internal(format!(
                "a read handle was asked to run a statement that writes: {sql}"
            )));
        }
        Ok(stmt)
    }

    /// The first row of a query (an error if there is none).
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        Ok(self.prepare(sql)?.query_row(params, f)?)
    }

    /// The first row of a query, if there is one.
    pub fn query_opt<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.prepare(sql)?.query_row(params, f).optional()?)
    }

    /// Every row of a query.
    pub fn query_all<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.prepare(sql)?;
        let rows = stmt.query_map(params, f)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Hands each row to `f` until the rows end or SQLite fails to step to the next one; an
    /// error only if the query could not start. For reading past damage (`recover`).
    pub fn scan<P: Params>(
        &self,
        sql: &str,
        params: P,
        mut f: impl FnMut(&Row<'_>),
    ) -> Result<Scanned> {
        let mut stmt = self.prepare(sql)?;
        let mut cursor = stmt.query(params)?;
        loop {
            match cursor.next() {
                Ok(Some(row)) => f(row),
                Ok(None) => return Ok(Scanned::All),
                Err(_) => return Ok(Scanned::Stopped),
            }
        }
    }

    /// A setting's current value (`PRAGMA name` without a value, which only reads it; SQLite
    /// does not count every such form as read-only, so it is not a query above).
    pub fn pragma<T: rusqlite::types::FromSql>(&self, name: &'static str) -> Result<T> {
        Ok(self.conn.pragma_query_value(None, name, |r| r.get(0))?)
    }

    /// How many rows this connection has changed since it was opened: a mark, so that a
    /// caller can tell later whether anything was written in between (the app's backups).
    pub fn total_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Every row of a kind, in its order.
    pub fn list<T: Entity>(&self) -> Result<Vec<T>> {
        rows::list(self.conn)
    }

    /// Rows of a kind whose reference `field` names `value`.
    pub fn list_where<T: Entity>(&self, field: Field, value: &Id) -> Result<Vec<T>> {
        rows::list_where(self.conn, field, value)
    }

    pub fn get<T: Entity>(&self, id: &Id) -> Result<T> {
        rows::get(self.conn, id)
    }

    /// One row as an object, if it exists.
    pub fn get_object(&self, kind: Kind, id: &Id) -> Result<Option<RowObject>> {
        rows::get_object(self.conn, kind, id)
    }

    pub fn count(&self, kind: Kind) -> Result<i64> {
        rows::count(self.conn, kind)
    }
}
