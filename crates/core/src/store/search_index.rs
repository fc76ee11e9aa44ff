//! The search index: every text a planner writes (`search::text_fields`), in an SQLite FTS5
//! table with the trigram tokenizer, so a search finds any run of three or more characters
//! ignoring case, as the search always has, without reading every row.
//!
//! It lives in a database of its own in memory, not in the workbook: it is derived from the
//! rows, so the file format does not change, a read-only workbook can be searched, and a
//! stale index cannot be sent with a copy. It is built from the content when first needed
//! and kept current from each edit's [`Changes`] (`live.rs`).

use rusqlite::{Connection, params};
use serde_json::Value;

use super::changes::{Changes, RowRef};
use super::rows;
use crate::content::{Content, EachKind};
use crate::error::{Error, Result};
use crate::model::{Entity, Id, Kind};

/// A text the index holds that contains the query's trigrams: the search still checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: Kind,
    pub id: Id,
    /// The field's column name.
    pub field: String,
    pub text: String,
}

/// The fewest characters the trigram index can look up; a shorter query reads every text.
pub const INDEXED_QUERY_CHARS: usize = 3;

/// One workbook's texts, indexed.
pub struct SearchIndex {
    conn: Connection,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

impl SearchIndex {
    /// The index of every text in `content`.
    pub fn build(content: &Content) -> Result<SearchIndex> {
        let mut conn = super::open::in_memory();
        // `doc` holds the texts; `words` indexes them (external content, so each text is
        // held once) and is kept in step by hand, as only this module writes either.
        conn.execute_batch(
            "CREATE TABLE doc (n INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL,
                               field TEXT NOT NULL, text TEXT NOT NULL);
             CREATE INDEX doc_by_row ON doc (kind, id);
             CREATE VIRTUAL TABLE words USING fts5(text, content = 'doc', content_rowid = 'n',
                                                   tokenize = 'trigram');",
        )?;
        let tx = conn.transaction()?;
        struct Adder<'t>(&'t Connection);
        impl EachKind for Adder<'_> {
            fn rows<T: Entity>(&mut self, rows_of_kind: &[T]) -> Result<()> {
                for row in rows_of_kind {
                    add(self.0, T::KIND, row.id(), &rows::to_object(row)?)?;
                }
                Ok(())
            }
        }
        content.each_kind(&mut Adder(&tx))?;
        tx.commit()?;
        Ok(SearchIndex { conn })
    }

    /// Brings the index up to date with an edit's changes.
    pub fn apply(&mut self, changes: &Changes) -> Result<()> {
        let tx = self.conn.transaction()?;
        for row in &changes.rows {
            remove(&tx, row.kind(), row.id())?;
            let obj = match serde_json::to_value(row) {
                Ok(Value::Object(mut tagged)) => match tagged.remove("row") {
                    Some(Value::Object(obj)) => obj,
                    _ => return Err(Error::Internal("a changed row is not an object".into())),
                },
                _ => return Err(Error::Internal("a changed row is not an object".into())),
            };
            add(&tx, row.kind(), row.id(), &obj)?;
        }
        for RowRef { kind, id } in &changes.removed {
            remove(&tx, *kind, id)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The texts that may contain `query` (already trimmed, not empty): those holding its
    /// trigrams, or every text for a query shorter than [`INDEXED_QUERY_CHARS`].
    pub fn candidates(&self, query: &str) -> Result<Vec<Candidate>> {
        let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, String, String, String)> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        };
        let found: Vec<(String, String, String, String)> =
            if query.chars().count() >= INDEXED_QUERY_CHARS {
                // One FTS5 string: the whole query as a run of characters, quotes doubled.
                let phrase = format!("\"{}\"", query.replace('"', "\"\""));
                let mut stmt = self.conn.prepare_cached(
                    "SELECT d.kind, d.id, d.field, d.text FROM words JOIN doc d ON d.n = words.rowid
                     WHERE words MATCH ?1",
                )?;
                stmt.query_map([phrase], read)?
                    .collect::<rusqlite::Result<_>>()?
            } else {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT kind, id, field, text FROM doc")?;
                stmt.query_map([], read)?.collect::<rusqlite::Result<_>>()?
            };
        found
            .into_iter()
            .map(|(kind, id, field, text)| {
                let kind = Kind::from_table(&kind)
                    .ok_or_else(|| Error::Internal(format!("the search index holds “{kind}”")))?;
                Ok(Candidate {
                    kind,
                    id: Id(id),
                    field,
                    text,
                })
            })
            .collect()
    }
}

fn add(conn: &Connection, kind: Kind, id: &Id, obj: &rows::RowObject) -> Result<()> {
    for field in crate::search::text_fields(kind) {
        let Some(text) = obj.get(field.name).and_then(Value::as_str) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        conn.prepare_cached("INSERT INTO doc (kind, id, field, text) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![kind.table(), id.0, field.name, text])?;
        conn.prepare_cached("INSERT INTO words (rowid, text) VALUES (?1, ?2)")?
            .execute(params![conn.last_insert_rowid(), text])?;
    }
    Ok(())
}

fn remove(conn: &Connection, kind: Kind, id: &Id) -> Result<()> {
    let old: Vec<(i64, String)> = conn
        .prepare_cached("SELECT n, text FROM doc WHERE kind = ?1 AND id = ?2")?
        .query_map(params![kind.table(), id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (n, text) in old {
        // An external-content index forgets a text when told the text it indexed.
        conn.prepare_cached("INSERT INTO words (words, rowid, text) VALUES ('delete', ?1, ?2)")?
            .execute(params![n, text])?;
        conn.prepare_cached("DELETE FROM doc WHERE n = ?1")?
            .execute([n])?;
    }
    Ok(())
}
