//! A copy for sending: compact, self-contained, and never half-written under its final name.

use std::path::Path;

use rusqlite::Connection;

use super::lineage::{self, Base};
use crate::error::{Error, Result};
use crate::store::{Workbook, files, open};

/// What a copy carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyOptions {
    /// Include the edit history (undo, and who changed what). Without it, text deleted before
    /// copying cannot be recovered from the copy.
    pub with_history: bool,
}

/// Writes a copy of `wb` to `to` (which must not exist): `VACUUM INTO` a temporary file beside
/// it, record the copy's lineage there, drop the history unless asked to keep it, sync, and
/// rename into place. The copy remembers where it came from and what it held, so it can be
/// merged back.
pub fn send_copy(wb: &Workbook, to: &Path, options: CopyOptions) -> Result<()> {
    if to.exists() {
        return Err(Error::AlreadyExists {
            path: to.to_path_buf(),
        });
    }
    let folder = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::NotFound {
            path: folder.to_path_buf(),
        });
    }
    let temp = files::temp_beside(to);
    let made = (|| -> Result<()> {
        let _ = std::fs::remove_file(&temp);
        let source_identity = lineage::identity(wb.conn())?;
        vacuum_into(wb.conn(), &temp)?;
        let conn = Connection::open(crate::place::sqlite_path(&temp))?;
        open::harden(&conn)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let tx = conn.unchecked_transaction()?;
        // A copy carries no record of other workbooks' states: those may hold text that was
        // deleted since.
        tx.execute("DELETE FROM planbook_meta WHERE key NOT IN ('writer')", [])?;
        if !options.with_history {
            tx.execute("DELETE FROM change", [])?;
            tx.execute("DELETE FROM edit", [])?;
        }
        lineage::put(&tx, "workbook_id", &crate::model::Id::new().0)?;
        lineage::put(&tx, "copied_from", &source_identity)?;
        let content = crate::content::Content::read(&tx)?;
        lineage::put_base(
            &tx,
            "copy_base",
            &Base {
                at: crate::model::now().0,
                edit_id: None,
                content,
            },
        )?;
        tx.commit()?;
        // Rewrites the file so that the rows deleted above leave nothing behind.
        conn.execute_batch("VACUUM")?;
        conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
        std::fs::File::open(&temp)?.sync_all()?;
        if to.exists() {
            return Err(Error::AlreadyExists {
                path: to.to_path_buf(),
            });
        }
        std::fs::rename(&temp, to)?;
        files::sync_folder(to);
        Ok(())
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    made
}

/// `VACUUM INTO` writes only the new file, but SQLite refuses it on a connection marked
/// `query_only` (how read-only workbooks are opened), so that mark is lifted for this one
/// statement. A connection opened read-only still cannot write the workbook itself.
pub(crate) fn vacuum_into(conn: &Connection, to: &Path) -> Result<()> {
    let query_only: bool = conn.query_row("PRAGMA query_only", [], |r| r.get(0))?;
    if query_only {
        conn.pragma_update(None, "query_only", false)?;
    }
    let to = crate::place::sqlite_path(to);
    let done = conn.execute("VACUUM INTO ?1", [to.to_string_lossy().as_ref()]);
    if query_only {
        conn.pragma_update(None, "query_only", true)?;
    }
    done?;
    Ok(())
}
