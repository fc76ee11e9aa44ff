//! [`Workbook`]: an open workbook file and everything a program does with it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};
use serde_json::Value;

use super::bookkeeping::NewFile;
use super::changes::{Changes, Touched};
use super::edit::Edit;
use super::history::{self, EditInfo};
use super::lock::EditLock;
use super::open::{self, Access, OpenOptions};
use super::read::Reader;
use super::rows;
use crate::content::Content;
use crate::error::{Error, Result};
use crate::model::{Entity, Field, Id, Kind, Plan, PlanStatus};

/// An open workbook.
#[derive(Debug)]
pub struct Workbook {
    conn: Connection,
    path: PathBuf,
    format_version: i64,
    read_only: Option<String>,
    user: String,
    /// The rows the last edit, undo or redo made through this handle touched (see
    /// [`Workbook::last_changes`]).
    last: Touched,
    // Declared last so it is dropped after the connection is closed.
    _lock: Option<EditLock>,
}

/// Why a workbook asked for editing was opened read-only instead: the refusal, and what the
/// person can do now that they are reading it.
#[derive(Debug)]
pub struct ReadOnlyFallback {
    pub refusal: Error,
    pub hint: String,
}

/// What a new workbook starts with.
#[derive(Debug, Clone)]
pub enum Start {
    /// An empty plan with the given title.
    Blank { title: String },
    /// Given content (an import, or the bundled example).
    Content(Box<Content>),
}

impl Workbook {
    /// Opens an existing workbook through the hardened open path.
    pub fn open(path: &Path, access: Access) -> Result<Workbook> {
        Workbook::open_with(path, &OpenOptions::new(access))
    }

    pub fn open_with(path: &Path, opts: &OpenOptions) -> Result<Workbook> {
        let opened = open::open_file(path, opts)?;
        Ok(Workbook {
            conn: opened.conn,
            path: path.to_path_buf(),
            format_version: opened.format_version,
            read_only: opened.read_only,
            user: opts.user.clone(),
            last: Touched::default(),
            _lock: opened.lock,
        })
    }

    /// Opens `path` for editing if it can be edited, and otherwise read-only when the reason
    /// still allows reading: a newer format, or someone else editing it. This is how a person
    /// opens a workbook (the desktop app's every open): they see it either way, and the
    /// [`ReadOnlyFallback`] says why they cannot edit it and what to do. Every other refusal
    /// is an error, and the file is left alone.
    pub fn open_preferring_edit(path: &Path) -> Result<(Workbook, Option<ReadOnlyFallback>)> {
        match Workbook::open(path, Access::Edit) {
            Ok(workbook) => Ok((workbook, None)),
            Err(refusal @ (Error::FileTooNew { .. } | Error::InUse { .. })) => {
                let workbook = Workbook::open(path, Access::ReadOnly)?;
                let hint = match refusal {
                    // The error's own hint offers to open it read-only, which has happened.
                    Error::InUse { .. } => {
                        "To make changes, ask them to close it, then open the workbook again."
                            .to_owned()
                    }
                    _ => refusal.hint_for(crate::Surface::App),
                };
                Ok((workbook, Some(ReadOnlyFallback { refusal, hint })))
            }
            Err(error) => Err(error),
        }
    }

    /// Creates a new workbook file at `path` (which must not exist) and opens it for editing.
    ///
    /// The file is built under a temporary name in the same folder, synced, and only then
    /// given its real name, so a crash never leaves a half-made workbook under that name.
    pub fn create(path: &Path, start: Start) -> Result<Workbook> {
        Workbook::create_at(path, start, false)
    }

    /// Like [`Workbook::create`], but replaces a file already at `path`, unless that file is
    /// open for editing by someone. The old file stays whole until the new one replaces it.
    pub fn create_replacing(path: &Path, start: Start) -> Result<Workbook> {
        if path.exists() {
            drop(super::lock::acquire(path, &super::lock::user_name())?);
        }
        Workbook::create_at(path, start, true)
    }

    fn create_at(path: &Path, start: Start, replace: bool) -> Result<Workbook> {
        if path.exists() && !replace {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(Error::NotFound {
                path: folder.to_path_buf(),
            });
        }
        let temp = super::files::temp_beside(path);
        let built = build_new(&temp, start).and_then(|()| {
            std::fs::File::open(&temp)?.sync_all()?;
            if path.exists() && !replace {
                return Err(Error::AlreadyExists {
                    path: path.to_path_buf(),
                });
            }
            std::fs::rename(&temp, path)?;
            super::files::sync_folder(path);
            Ok(())
        });
        if let Err(e) = built {
            let _ = std::fs::remove_file(&temp);
            return Err(match e {
                Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                    Error::PermissionDenied {
                        path: folder.to_path_buf(),
                    }
                }
                Error::Sqlite(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) =>
                {
                    Error::PermissionDenied {
                        path: folder.to_path_buf(),
                    }
                }
                other => other,
            });
        }
        Workbook::open(path, Access::Edit)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn format_version(&self) -> i64 {
        self.format_version
    }

    /// Why this workbook cannot be edited, if it cannot.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Who the change log records as making edits.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// A handle for reading the workbook. Writes go through [`Workbook::edit`], or are one of
    /// the bookkeeping writes listed in [`super::bookkeeping`].
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.conn)
    }

    /// Copies the whole file into a new file at `temp` (as [`Workbook::copy_file_to`]) and
    /// opens the copy to be finished: a copy for sending (bookkeeping, see
    /// [`super::bookkeeping`]).
    pub fn copy_to_new_file(&self, temp: &Path) -> Result<NewFile> {
        self.copy_file_to(temp)?;
        NewFile::open(temp)
    }

    /// Copies the whole file into a new file at `to` with `VACUUM INTO` (bookkeeping: for
    /// backups and copies to send). SQLite refuses it on a connection marked `query_only`
    /// (how read-only workbooks are opened), so that mark is lifted for this one statement;
    /// a connection opened read-only still cannot write the workbook itself.
    pub fn copy_file_to(&self, to: &Path) -> Result<()> {
        let conn = &self.conn;
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

    /// Makes one edit: `f` runs inside one transaction, every change it makes is recorded in
    /// the change log under `label`, and it is all committed at once, or not at all if `f`
    /// fails.
    pub fn edit<R>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Edit<'_>) -> Result<R>,
    ) -> Result<R> {
        let who = self.user.clone();
        self.edit_as(label, &who, false, f)
    }

    /// One edit in `who`'s name; a received one (others' edits from a shared plan) is marked so
    /// Undo passes it by, and leaves the planner's undone edits redoable.
    fn edit_as<R>(
        &mut self,
        label: &str,
        who: &str,
        received: bool,
        f: impl FnOnce(&mut Edit<'_>) -> Result<R>,
    ) -> Result<R> {
        self.last = Touched::default();
        self.ensure_editable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut edit = Edit::begin(tx, label, who)?;
        if received {
            edit.keep_redo();
            edit.bookkeeping()
                .put_lineage(super::Lineage::SharedReceived(edit.id()), "")?;
        }
        let out = f(&mut edit)?;
        self.last = edit.commit()?;
        Ok(out)
    }

    /// Applies others' edits from a shared plan as one edit made in their name (`who`): it is
    /// marked received (bookkeeping item 8), so Undo passes it by, and unlike a planner's
    /// edit it leaves the edits they undid ready to redo.
    pub fn edit_received<R>(
        &mut self,
        label: &str,
        who: &str,
        f: impl FnOnce(&mut Edit<'_>) -> Result<R>,
    ) -> Result<R> {
        self.edit_as(label, who, true, f)
    }

    /// Bookkeeping in a transaction of its own, with no edit: a shared plan's base moved after
    /// a push, or after a pull that changed nothing here (item 8 of [`super::bookkeeping`]).
    pub fn keep<R>(&mut self, f: impl FnOnce(&super::Bookkeeping<'_>) -> Result<R>) -> Result<R> {
        self.ensure_editable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&super::Bookkeeping::new(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    /// What the last edit, undo or redo made through this handle changed, read as the rows
    /// are now (so ask right after it): the rows its change log names, whole, or as removed.
    /// Empty after an edit that changed nothing or failed.
    pub fn last_changes(&self) -> Result<Changes> {
        self.typed(Changes::read(self.reader(), &self.last))
    }

    fn ensure_editable(&self) -> Result<()> {
        match &self.read_only {
            Some(reason) => Err(Error::ReadOnly {
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    pub fn undo(&mut self) -> Result<EditInfo> {
        self.last = Touched::default();
        self.ensure_editable()?;
        let (edit, touched) = history::undo(&mut self.conn)?;
        self.last = touched;
        Ok(edit)
    }

    pub fn redo(&mut self) -> Result<EditInfo> {
        self.last = Touched::default();
        self.ensure_editable()?;
        let (edit, touched) = history::redo(&mut self.conn)?;
        self.last = touched;
        Ok(edit)
    }

    /// The edits that undo and redo would act on now.
    pub fn undo_redo_state(&self) -> Result<(Option<EditInfo>, Option<EditInfo>)> {
        history::next(&self.conn)
    }

    /// The newest edits first.
    pub fn history(&self, limit: usize) -> Result<Vec<EditInfo>> {
        history::recent(&self.conn, limit)
    }

    // Reading.

    pub fn plan(&self) -> Result<Plan> {
        self.typed(rows::list::<Plan>(&self.conn))?
            .pop()
            .ok_or_else(|| Error::corrupt(&self.path, "it holds no plan"))
    }

    pub fn list<T: Entity>(&self) -> Result<Vec<T>> {
        self.typed(rows::list(&self.conn))
    }

    pub fn get<T: Entity>(&self, id: &Id) -> Result<T> {
        self.typed(rows::get(&self.conn, id))
    }

    pub fn count(&self, kind: Kind) -> Result<i64> {
        self.typed(rows::count(&self.conn, kind))
    }

    /// Everything in the workbook (not its change log).
    pub fn content(&self) -> Result<Content> {
        self.typed(Content::read(self.reader()))
    }

    /// Damage met while reading a file that opened (SQLite's first check does not read every
    /// page) is reported as damage to this file, like damage found while opening it.
    fn typed<T>(&self, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            Error::Sqlite(e) => open::sqlite_read_error(&self.path, e),
            // A stored value this version cannot use came from the file, not from the user.
            Error::Damaged(detail) => Error::corrupt(&self.path, detail),
            other => other,
        })
    }

    // Edits of one step each, for callers that need no more.

    /// Adds a row as one edit.
    pub fn add<T: Entity>(&mut self, row: T) -> Result<T> {
        self.edit(&format!("Add {}", T::KIND), |e| e.insert(row))
    }

    /// Adds a row of `kind` from an object of field values (the rest default) as one edit, and
    /// returns its id. See [`Edit::insert_object`].
    /// Adds a row from named fields as one edit. A priority, outcome or action given no code
    /// gets the next one in the workbook's scheme ("A11"), so a new item is whole at once.
    pub fn add_fields(
        &mut self,
        kind: Kind,
        mut fields: serde_json::Map<String, Value>,
    ) -> Result<Id> {
        let has_code = fields
            .get("code")
            .and_then(Value::as_str)
            .is_some_and(|c| !c.trim().is_empty());
        if !has_code && kind.columns().contains(&"code") {
            let mut statement = self
                .conn
                .prepare(&format!("SELECT code FROM {}", kind.table()))?;
            let codes: Vec<String> = statement
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            drop(statement);
            if let Some(code) = crate::codes::next_code(kind, codes.iter().map(String::as_str)) {
                fields.insert("code".into(), Value::String(code));
            }
        }
        self.edit(&format!("Add {kind}"), |e| e.insert_object(kind, fields))
    }

    /// Sets one field, named by its column name, as one edit labelled in a planner's words
    /// with what it changed: "Change A01 “Extend the Healthy Homes…”", "Change the plan's
    /// population". A date or a number may be typed text (`validate::typed`).
    pub fn set(&mut self, kind: Kind, id: &Id, field: &str, value: Value) -> Result<()> {
        let field = super::edit::editable(kind, field)?;
        let label = if kind == Kind::Plan {
            format!("Change the plan’s {}", field.label.to_lowercase())
        } else {
            format!(
                "Change {}",
                self.label_name(kind, id, Some((field, &value)))
            )
        };
        self.edit(&label, |e| e.set(kind, id, field.name, value))
    }

    /// A row's name for an edit's label (which the Undo button shows): its code and the start
    /// of its title — as the edit leaves it, when `setting` one of its naming fields — or
    /// "the {kind}" when it has no name.
    fn label_name(&self, kind: Kind, id: &Id, setting: Option<(Field, &Value)>) -> String {
        const LONGEST: usize = 40;
        let Ok(Some(mut row)) = self.reader().get_object(kind, id) else {
            return kind.a();
        };
        if let Some((field, value @ Value::String(_))) = setting {
            row.insert(field.name.to_owned(), value.clone());
        }
        let named = kind.name_fields().iter().any(|f| {
            row.get(f.name)
                .and_then(Value::as_str)
                .is_some_and(|t| !t.trim().is_empty())
        });
        if !named {
            return format!("the {kind}");
        }
        let name = rows::name_of(kind, &row);
        if name.chars().count() <= LONGEST {
            return name;
        }
        let cut: String = name.chars().take(LONGEST).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(words, _)| words);
        format!("{}…”", cut.trim_end_matches([',', ';', ':', '”']))
    }

    /// Stores a changed row (only the fields that differ) as one edit.
    pub fn update<T: Entity>(&mut self, row: &T) -> Result<()> {
        self.edit(&format!("Change {}", T::KIND), |e| e.update(row))
    }

    /// Deletes a row and what depends on it, as one edit.
    pub fn delete(&mut self, kind: Kind, id: &Id) -> Result<()> {
        let label = format!("Delete {}", self.label_name(kind, id, None));
        self.edit(&label, |e| e.delete(kind, id))
    }

    pub fn link(&mut self, kind: Kind, a: &Id, b: &Id) -> Result<Id> {
        self.edit(&format!("Add {kind}"), |e| e.link(kind, a, b))
    }

    pub fn unlink(&mut self, kind: Kind, a: &Id, b: &Id) -> Result<()> {
        self.edit(&format!("Remove {kind}"), |e| e.unlink(kind, a, b))
    }

    pub fn move_to(&mut self, kind: Kind, id: &Id, index: usize) -> Result<()> {
        self.edit(&format!("Reorder {kind}s"), |e| e.move_to(kind, id, index))
    }

    /// Writes a copy of the workbook to `to`, for sending (the desktop app's Save a Copy
    /// As): the sharing module's copy ([`crate::sync::copy::send_copy`]: `VACUUM INTO` a
    /// temporary file, without the edit history, so no deleted text travels; with its lineage,
    /// so it can be merged back; synced, then renamed). An existing file at `to` (the Save
    /// dialog has asked to replace it) is moved aside first and put back if the copy fails,
    /// and is never replaced while someone has it open for editing; the workbook itself cannot
    /// be the target. Works on a read-only workbook too (a copy is how one gets an editable
    /// workbook from a file someone else is editing).
    pub fn save_copy(&self, to: &Path) -> Result<()> {
        self.save_copy_with(to, crate::sync::copy::CopyOptions::default())
    }

    /// [`Workbook::save_copy`] with a choice of what the copy carries (File › Send a Copy…
    /// asks whether to include the edit history).
    pub fn save_copy_with(&self, to: &Path, options: crate::sync::copy::CopyOptions) -> Result<()> {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        if same(to, &self.path) {
            return Err(Error::Invalid(
                "a copy cannot be saved over the workbook it is a copy of; choose another name"
                    .into(),
            ));
        }
        if !to.exists() {
            return crate::sync::copy::send_copy(self, to, options);
        }
        // Refuses (with who has it) when someone is editing the file to be replaced.
        let lock = super::lock::acquire(to, &super::lock::user_name())?;
        let aside = to.with_file_name(format!(
            ".{}.{}.replaced",
            to.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id()
        ));
        std::fs::rename(to, &aside)?;
        let made = crate::sync::copy::send_copy(self, to, options);
        match &made {
            Ok(()) => {
                let _ = std::fs::remove_file(&aside);
            }
            Err(_) => {
                let _ = std::fs::rename(&aside, to);
            }
        }
        drop(lock);
        made
    }

    /// `PRAGMA integrity_check`: the full check SQLite can make of the file.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let found = self
            .typed((|| {
                let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            })())
            .map_err(|e| match e {
                // Whatever stops the full check is itself a fault in the file.
                Error::Sqlite(e) => {
                    Error::corrupt(&self.path, format!("SQLite could not check it ({e})"))
                }
                other => other,
            })?;
        Ok(if found == ["ok"] { Vec::new() } else { found })
    }
}

/// Builds a complete new workbook at `temp`.
fn build_new(temp: &Path, start: Start) -> Result<()> {
    let content = match start {
        Start::Content(content) => *content,
        Start::Blank { title } => Content {
            format: crate::content::JSON_FORMAT.into(),
            version: crate::content::JSON_VERSION,
            plan: blank_plan(title),
            ..Content::default()
        },
    };
    NewFile::build(temp, &content)
}

/// The plan of a new blank workbook.
pub fn blank_plan(title: String) -> Plan {
    let at = crate::model::now();
    Plan {
        id: Id::new(),
        title,
        status: PlanStatus::Draft,
        version_label: "0.1".into(),
        language: "en-GB".into(),
        created_at: at.clone(),
        updated_at: at,
        ..Plan::default()
    }
}
