//! Every write to a workbook file that is not a planner's edit, named in one place.
//!
//! A planner's content is written only through [`super::edit::Edit`], which records each
//! change so it can be undone. What follows is the whole list of the other writes; nothing
//! outside `store/` can make any write but these, because outside it there is only a
//! [`Reader`]:
//!
//! 1. **Lineage** in `planbook_meta` ([`Lineage`]: a copy's own identity, the workbook it was
//!    copied from and its state then, a colleague's state as last merged), through
//!    [`Bookkeeping::put_lineage`]. A merge records its `merge_base` inside its own edit's
//!    transaction ([`Edit::bookkeeping`](super::edit::Edit::bookkeeping)), so it is committed
//!    or rolled back with the merge.
//! 2. **A copy of the whole file into a new file** (`VACUUM INTO`), for backups and for copies
//!    to send: [`super::Workbook::copy_file_to`], and [`super::Workbook::copy_to_new_file`]
//!    which opens the copy as a [`NewFile`]. It writes only the new file.
//! 3. **Preparing a copy for sending**, in the new file only ([`NewFile`]): forgetting other
//!    workbooks' lineage, dropping the history unless it is to travel, compacting.
//! 4. **Building a new workbook** under a temporary name: its schema and starting content
//!    (`Workbook::create`, through [`NewFile`]).
//! 5. **Undo and redo**, which replay the change log (`history.rs`) and mark edits undone,
//!    done or discarded.
//! 6. **Opening for editing**: the journal settings and a stale journal's rollback
//!    (`open.rs`).
//! 7. **A spreadsheet mapping remembered** in `planbook_meta` under
//!    [`sheet_mapping_key`]: how a tracker with those headers was last read, written by a
//!    spreadsheet import inside its own edit's transaction
//!    ([`Bookkeeping::remember_sheet_mapping`]), so the next round reads it the same way. It
//!    is not content (Undo does not forget it), and a copy for sending does not carry it.
//! 8. **A link to a shared plan** on a PostgreSQL server (`sync::shared`): the server's
//!    address without any password, the plan, and the plan's state as last received from the
//!    server (the shared base the next three-way merge starts from), through
//!    [`Bookkeeping::put_lineage`] with [`Lineage::SharedLink`] and [`Lineage::SharedBase`];
//!    and the mark `shared_received:<edit>` on each local edit that applied others' edits
//!    (so Undo passes them by: it stays the planner's own). The base moves in the edit that
//!    applied what came, or, when nothing came, in a transaction of its own
//!    ([`super::Workbook::keep`]). A copy for sending carries none of it.

use std::borrow::Cow;
use std::path::Path;

use rusqlite::Connection;

use super::read::Reader;
use super::{open, rows, schema};
use crate::content::{Content, EachKind};
use crate::error::{Error, Result};
use crate::model::Entity;

/// The lineage records kept in `planbook_meta` (see `sync::lineage` for what each means).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lineage<'a> {
    /// A copy's own identity.
    WorkbookId,
    /// In a copy: the identity of the workbook it was copied from.
    CopiedFrom,
    /// In a copy: the content it started from.
    CopyBase,
    /// A colleague's state as last merged from their copy, by their identity.
    MergeBase(&'a str),
    /// The shared plan this workbook is linked to (item 8).
    SharedLink,
    /// The shared plan's state as last received from its server (item 8).
    SharedBase,
    /// Marks a local edit that applied others' edits from the shared plan (item 8).
    SharedReceived(i64),
    /// The state of the change log when this workbook last matched the shared base plus its
    /// own unsent edits (item 8): unchanged since means nothing new to send.
    SharedSeen,
}

impl Lineage<'_> {
    pub fn key(&self) -> Cow<'static, str> {
        match self {
            Lineage::WorkbookId => "workbook_id".into(),
            Lineage::CopiedFrom => "copied_from".into(),
            Lineage::CopyBase => "copy_base".into(),
            Lineage::MergeBase(other) => format!("merge_base:{other}").into(),
            Lineage::SharedLink => "shared_link".into(),
            Lineage::SharedBase => "shared_base".into(),
            Lineage::SharedSeen => "shared_seen".into(),
            Lineage::SharedReceived(edit) => format!("{SHARED_RECEIVED}{edit}").into(),
        }
    }
}

/// The prefix of the mark on a local edit that applied others' edits (item 8).
pub(crate) const SHARED_RECEIVED: &str = "shared_received:";

/// The `planbook_meta` key of the mapping remembered for a tracker whose headers have this
/// signature (`sheet::ImportPlan::signature`; item 7 above).
pub fn sheet_mapping_key(signature: &str) -> String {
    format!("sheet_mapping:{signature}")
}

/// Writes of lineage records (item 1 of the list above), in a merge's edit or a new file,
/// and of a remembered spreadsheet mapping (item 7), in an import's edit.
#[derive(Debug)]
pub struct Bookkeeping<'c> {
    conn: &'c Connection,
}

impl<'c> Bookkeeping<'c> {
    pub(super) fn new(conn: &'c Connection) -> Self {
        Bookkeeping { conn }
    }

    pub fn reader(&self) -> Reader<'c> {
        Reader::new(self.conn)
    }

    /// Records one lineage value, replacing what was there.
    pub fn put_lineage(&self, what: Lineage<'_>, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO planbook_meta (key, value) VALUES (?1, ?2)",
            [what.key().as_ref(), value],
        )?;
        Ok(())
    }

    /// Remembers the mapping (its JSON) a tracker with this header signature was read with,
    /// replacing what was there (item 7).
    pub fn remember_sheet_mapping(&self, signature: &str, mapping: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO planbook_meta (key, value) VALUES (?1, ?2)",
            [sheet_mapping_key(signature).as_str(), mapping],
        )?;
        Ok(())
    }
}

/// A workbook file being made under a temporary name, which no one else has open: a new
/// workbook being built, or a copy for sending being prepared (items 3 and 4 above). It is
/// opened through `open.rs` and given its real name only when it is complete.
#[derive(Debug)]
pub struct NewFile {
    conn: Connection,
}

impl NewFile {
    /// Opens the file at `temp` (made by `VACUUM INTO`, or to be made) to finish it. Only
    /// `store/` can: outside it a `NewFile` comes only from
    /// [`super::Workbook::copy_to_new_file`], so it is never a workbook someone has open.
    pub(super) fn open(temp: &Path) -> Result<NewFile> {
        Ok(NewFile {
            conn: open::being_built(temp)?,
        })
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.conn)
    }

    /// Runs `f` in one transaction on this file, committed if it succeeds.
    pub fn atomically<R>(&self, f: impl FnOnce(&Bookkeeping<'_>) -> Result<R>) -> Result<R> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&Bookkeeping::new(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    /// Forgets every lineage record: a copy carries no record of other workbooks' states,
    /// which may hold text deleted since.
    pub fn forget_lineage(&self) -> Result<()> {
        self.conn
            .execute("DELETE FROM planbook_meta WHERE key NOT IN ('writer')", [])?;
        Ok(())
    }

    /// Drops the edit history (undo, and who changed what).
    pub fn drop_history(&self) -> Result<()> {
        self.conn.execute("DELETE FROM change", [])?;
        self.conn.execute("DELETE FROM edit", [])?;
        Ok(())
    }

    /// Rewrites the file so that deleted rows leave nothing behind.
    pub fn compact(&self) -> Result<()> {
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }

    /// Closes the file, reporting a failure to write it out.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::Sqlite(e))
    }

    /// Builds a complete new workbook at `temp` (which is replaced) holding `content`.
    pub(super) fn build(temp: &Path, content: &Content) -> Result<()> {
        let _ = std::fs::remove_file(temp);
        let mut file = NewFile::open(temp)?;
        file.conn.pragma_update(None, "foreign_keys", true)?;
        file.conn.pragma_update(None, "page_size", 4096)?;
        schema::migrate(&mut file.conn, schema::MIGRATIONS)?;
        let tx = file.conn.transaction()?;
        write_content(&tx, content)?;
        tx.commit()?;
        file.close()
    }
}

/// Writes every row into an empty workbook, as it is (ids and timestamps kept), without
/// change-log entries: the content becomes the workbook's starting point.
fn write_content(conn: &Connection, content: &Content) -> Result<()> {
    content.check_header()?;
    struct Store<'c>(&'c Connection);
    impl EachKind for Store<'_> {
        fn rows<T: Entity>(&mut self, rows_of_kind: &[T]) -> Result<()> {
            for row in rows_of_kind {
                crate::validate::row(row)?;
                let obj = rows::to_object(row)?;
                rows::check_references(self.0, T::KIND, &obj)?;
                rows::insert_object(self.0, T::KIND, &obj).map_err(|e| {
                    Error::Invalid(format!(
                        "{} could not be stored: {e}",
                        rows::item(T::KIND, &obj)
                    ))
                })?;
            }
            Ok(())
        }
    }
    content.each_kind(&mut Store(conn))
}
