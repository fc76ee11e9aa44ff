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

/// The connection settings a [`Reader`] can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    JournalMode,
    Synchronous,
    QueryOnly,
    ForeignKeys,
}

impl Setting {
    fn pragma(self) -> &'static str {
        match self {
            Setting::JournalMode => "journal_mode",
            Setting::Synchronous => "synchronous",
            Setting::QueryOnly => "query_only",
            Setting::ForeignKeys => "foreign_keys",
        }
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
        // A query returns columns: this also refuses what SQLite counts as read-only but is
        // not a query (ATTACH, which can create a file; BEGIN and COMMIT).
        if !stmt.readonly() || stmt.column_count() == 0 {
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

    /// A setting's current value. Read with `PRAGMA name` and no value, which SQLite does not
    /// count as read-only, so only the settings of [`Setting`] can be read (some pragmas act
    /// when named, such as `incremental_vacuum`).
    pub fn setting<T: rusqlite::types::FromSql>(&self, setting: Setting) -> Result<T> {
        Ok(self
            .conn
            .pragma_query_value(None, setting.pragma(), |r| r.get(0))?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_runs_queries_and_refuses_everything_else() {
        let conn = super::super::open::in_memory();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
            .unwrap();
        let reader = Reader::new(&conn);
        let x: i64 = reader
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 1);
        for sql in [
            "DELETE FROM t RETURNING x",
            "UPDATE t SET x = 2 RETURNING x",
            "INSERT INTO t VALUES (3) RETURNING x",
            "ATTACH DATABASE ':memory:' AS other",
            "BEGIN",
            "DROP TABLE t",
        ] {
            let err = reader
                .query_opt(sql, [], |r| r.get::<_, i64>(0))
                .unwrap_err();
            assert_eq!(err.code(), "internal", "{sql}");
        }
        let x: i64 = reader
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 1, "nothing was written");
        let mode: String = reader.setting(Setting::JournalMode).unwrap();
        assert_eq!(mode, "memory");
    }
}
