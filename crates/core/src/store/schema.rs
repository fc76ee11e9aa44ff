//! The workbook format: its identity in the SQLite header, its version, and the migrations
//! that bring an older file up to date.

use std::sync::OnceLock;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of every Planbook workbook: the bytes "PlnB".
pub const APPLICATION_ID: i32 = 0x506C_6E42;

/// `PRAGMA user_version`: the format this build writes and the newest it can edit.
pub const FORMAT_VERSION: i64 = 1;

/// The program that writes workbooks, recorded in `planbook_meta` so that a newer file can say
/// which Planbook made it.
pub const WRITER: &str = concat!("Planbook ", env!("CARGO_PKG_VERSION"));

/// One step from format `n` to `n + 1`, at index `n`. Index 0 creates a new workbook's schema.
pub type Migration = fn(&Connection) -> rusqlite::Result<()>;

pub const MIGRATIONS: &[Migration] = &[|c| c.execute_batch(include_str!("sql/v1_schema.sql"))];

/// Brings the database to [`FORMAT_VERSION`] with the given steps, all in one transaction:
/// either every step and the new `user_version` are committed, or nothing is.
pub fn migrate(conn: &mut Connection, steps: &[Migration]) -> Result<()> {
    let target = steps.len() as i64;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if from >= target {
        return Ok(());
    }
    for (n, step) in steps.iter().enumerate().skip(from as usize) {
        step(&tx).map_err(|e| {
            Error::Invalid(format!(
                "upgrading the workbook to format {} failed: {e}",
                n + 1
            ))
        })?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", target)?;
    tx.execute(
        "INSERT OR REPLACE INTO planbook_meta (key, value) VALUES ('writer', ?1)",
        [WRITER],
    )?;
    tx.commit()?;
    Ok(())
}

/// One schema object as SQLite records it: (type, name, table, SQL).
pub type SchemaObject = (String, String, String, Option<String>);

/// Every schema object of a database, in a fixed order.
pub fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// The schema a current workbook has, made once in memory from the migrations themselves.
pub fn expected_schema() -> &'static [SchemaObject] {
    static EXPECTED: OnceLock<Vec<SchemaObject>> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let mut conn = super::open::in_memory();
        migrate(&mut conn, MIGRATIONS).expect("the built-in migrations apply to an empty database");
        schema_of(&conn).expect("an in-memory schema can be read")
    })
}

/// The whole schema as text, for the snapshot test that makes every schema change visible.
pub fn schema_text(conn: &Connection) -> rusqlite::Result<String> {
    let mut out = String::new();
    for (kind, name, _, sql) in schema_of(conn)? {
        out.push_str(&format!(
            "-- {kind} {name}\n{};\n\n",
            sql.unwrap_or_default()
        ));
    }
    Ok(out)
}
