//! The one way any workbook file is opened.
//!
//! Workbooks arrive by email from anyone, so every file is treated as hostile until it has
//! passed these checks, in this order: the file exists, may be read and is not too large; its
//! 100-byte header says SQLite, Planbook's application id and a sane page size (checked with
//! plain file reads, before SQLite sees it); the connection is hardened (defensive mode,
//! untrusted schema, no triggers or views run, lowered limits, no memory mapping); SQLite's
//! `quick_check` passes; the schema is exactly the one this format defines. A file that fails
//! any check gets a specific [`Error`] and is never written to.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::lock::{self, EditLock};
use super::schema::{self, APPLICATION_ID, FORMAT_VERSION};
use crate::error::{Error, Result, Surface};

/// How a workbook is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// For editing: takes the edit lock and may upgrade an older format.
    Edit,
    /// For reading only: never writes, never locks; works on files newer than this build.
    ReadOnly,
}

/// No plan comes near this; a larger file is refused before SQLite reads it.
pub const DEFAULT_SIZE_LIMIT: u64 = 512 * 1024 * 1024;

/// Options for [`super::Workbook::open_with`].
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub access: Access,
    pub size_limit: u64,
    /// Who is editing, for the change log and the lock marker.
    pub user: String,
}

impl OpenOptions {
    pub fn new(access: Access) -> Self {
        OpenOptions {
            access,
            size_limit: DEFAULT_SIZE_LIMIT,
            user: lock::user_name(),
        }
    }
}

/// A connection that has passed every check.
#[derive(Debug)]
pub(crate) struct Opened {
    pub conn: Connection,
    pub format_version: i64,
    /// Why the workbook is read-only, when it is.
    pub read_only: Option<String>,
    pub lock: Option<EditLock>,
}

/// What the first 100 bytes of the file say.
struct Header {
    user_version: i64,
}

pub(crate) fn open_file(path: &Path, opts: &OpenOptions) -> Result<Opened> {
    let header = check_file(path, opts.size_limit)?;
    let newer = header.user_version > FORMAT_VERSION;
    if header.user_version < 1 {
        return Err(Error::corrupt(path, "it was never completely created"));
    }

    // A newer file is only ever read: check it read-only, and refuse editing with the name of
    // the Planbook that wrote it.
    if newer {
        let conn = connect(path, Access::ReadOnly)?;
        verify(&conn, path, header.user_version)?;
        // A damaged record of the writer is no reason to refuse reading the file.
        let writer = super::read::Reader::new(&conn)
            .query_opt::<String, _>(
                "SELECT value FROM planbook_meta WHERE key = 'writer'",
                [],
                |r| r.get(0),
            )
            .ok()
            .flatten()
            .unwrap_or_else(|| "an unknown version".into());
        let err = Error::FileTooNew {
            path: path.to_path_buf(),
            found: header.user_version,
            supported: FORMAT_VERSION,
            writer,
        };
        if opts.access == Access::Edit {
            return Err(err);
        }
        return Ok(Opened {
            conn,
            format_version: header.user_version,
            read_only: Some(format!("{err}. {}", err.hint_for(Surface::App))),
            lock: None,
        });
    }

    let lock = match opts.access {
        Access::Edit => Some(lock::acquire(path, &opts.user)?),
        Access::ReadOnly => None,
    };
    let conn = connect(path, opts.access)?;
    verify(&conn, path, header.user_version)?;
    if opts.access == Access::Edit {
        // Rollback journal, fully synced: after every commit the workbook is one complete file.
        let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(Error::corrupt(
                path,
                format!("its journal mode could not be set (it is {mode})"),
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        remove_stale_journal(&conn, path);
    }
    let read_only =
        (opts.access == Access::ReadOnly).then(|| "it was opened for reading only".to_owned());
    Ok(Opened {
        conn,
        format_version: header.user_version,
        read_only,
        lock,
    })
}

/// The checks made with plain file reads, before SQLite touches the file.
fn check_file(path: &Path, size_limit: u64) -> Result<Header> {
    let io_err = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
            path: path.to_path_buf(),
        },
        _ if crate::place::is_cloud_file_error(&e) => Error::NotDownloaded {
            path: path.to_path_buf(),
        },
        _ => Error::Io(e),
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(Error::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > size_limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: size_limit,
        });
    }
    let mut bytes = [0u8; 100];
    let mut file = File::open(path).map_err(io_err)?;
    let n = read_up_to(&mut file, &mut bytes).map_err(io_err)?;
    if n < 100 || &bytes[..16] != b"SQLite format 3\0" {
        return Err(Error::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let be32 =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if be32(68) as i32 != APPLICATION_ID {
        return Err(Error::NotPlanbook {
            path: path.to_path_buf(),
        });
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => {
            return Err(Error::corrupt(
                path,
                "its header gives an impossible page size",
            ));
        }
    };
    match (bytes[18], bytes[19]) {
        (1, 1) => {}
        (2, 2) => {
            return Err(Error::corrupt(
                path,
                "it was saved in write-ahead-log mode by another program, and Planbook keeps workbooks as one self-contained file",
            ));
        }
        _ => return Err(Error::corrupt(path, "its header is damaged")),
    }
    if meta.len() % page_size != 0 {
        return Err(Error::corrupt(
            path,
            "it is incomplete (it was cut short, perhaps while being copied or sent)",
        ));
    }
    Ok(Header {
        user_version: i64::from(be32(60) as i32),
    })
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A hardened connection to a file being built under a temporary name (a new workbook, a
/// copy for sending), which no one else has open: created if it does not exist, with the
/// journal settings of a workbook open for editing. Only `bookkeeping::NewFile` uses it.
pub(super) fn being_built(temp: &Path) -> Result<Connection> {
    let conn = Connection::open(crate::place::sqlite_path(temp))?;
    harden(&conn)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

/// An empty database in memory, on which the expected schema is built (`schema.rs`), or the
/// search index (`search_index.rs`), which is derived from a workbook and never in its file.
pub(super) fn in_memory() -> Connection {
    Connection::open_in_memory().expect("an in-memory database always opens")
}

/// A damaged file opened read-only and hardened, with none of its checks made, so that what
/// can still be read is read (`recover`). It can only be read through [`ReadOnlyFile::reader`].
pub fn for_salvage(path: &Path) -> Result<ReadOnlyFile> {
    Ok(ReadOnlyFile {
        conn: connect(path, Access::ReadOnly)?,
    })
}

/// A file open for reading only, outside a [`super::Workbook`].
#[derive(Debug)]
pub struct ReadOnlyFile {
    conn: Connection,
}

impl ReadOnlyFile {
    pub fn reader(&self) -> super::read::Reader<'_> {
        super::read::Reader::new(&self.conn)
    }
}

/// A hardened connection to an existing file. Never creates one.
fn connect(path: &Path, access: Access) -> Result<Connection> {
    let flags = match access {
        Access::Edit => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_EXRESCODE;
    // Long Windows paths need their verbatim form to reach SQLite (see `place`).
    let conn = Connection::open_with_flags(crate::place::sqlite_path(path), flags)
        .map_err(|e| sqlite_open_error(path, e))?;
    harden(&conn)?;
    if access == Access::ReadOnly {
        conn.pragma_update(None, "query_only", true)?;
    }
    Ok(conn)
}

/// Settings that limit what a hostile file can make SQLite do. Also used for new workbooks,
/// so every connection Planbook makes behaves the same.
pub(super) fn harden(conn: &Connection) -> Result<()> {
    for (config, on) in [
        (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
        (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
        (DbConfig::SQLITE_DBCONFIG_DQS_DDL, false),
        (DbConfig::SQLITE_DBCONFIG_DQS_DML, false),
    ] {
        conn.set_db_config(config, on)?;
    }
    for (limit, value) in [
        (Limit::SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024),
        (Limit::SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024),
        (Limit::SQLITE_LIMIT_COLUMN, 200),
        (Limit::SQLITE_LIMIT_EXPR_DEPTH, 100),
        (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 8),
        (Limit::SQLITE_LIMIT_FUNCTION_ARG, 16),
        (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000),
        (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 1000),
        (Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 1),
    ] {
        conn.set_limit(limit, value)?;
    }
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.busy_timeout(std::time::Duration::from_secs(3))?;
    Ok(())
}

/// `quick_check`, then the identity and the exact schema.
fn verify(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let corrupt = |e: rusqlite::Error| match sqlite_read_error(path, e) {
        Error::Sqlite(e) => Error::corrupt(path, format!("SQLite could not check it ({e})")),
        other => other,
    };
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(corrupt)?;
    if verdict != "ok" {
        return Err(Error::corrupt(
            path,
            // SQLite's verdict ("*** in database main *** Tree 30 page 30 …") means nothing
            // to a planner, so the message says what it means for them instead.
            "part of the file is damaged, as happens when a copy or a save is cut off",
        ));
    }
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotPlanbook {
            path: path.to_path_buf(),
        });
    }
    let found = schema::schema_of(conn).map_err(corrupt)?;
    if version == FORMAT_VERSION {
        let expected = schema::expected_schema();
        if found != expected {
            let odd = found
                .iter()
                .find(|o| !expected.contains(o))
                .or_else(|| expected.iter().find(|o| !found.contains(o)));
            let what = odd.map_or_else(String::new, |(kind, name, ..)| {
                format!(" (at the {kind} “{name}”)")
            });
            return Err(Error::corrupt(
                path,
                format!("its structure is not the one Planbook writes{what}"),
            ));
        }
    } else if let Some((kind, name, ..)) =
        found.iter().find(|(k, ..)| k == "trigger" || k == "view")
    {
        // A newer format may add tables, but never code that runs by itself.
        return Err(Error::corrupt(
            path,
            format!("it contains a {kind} (“{name}”) that Planbook does not run"),
        ));
    } else {
        // A newer format may add tables and columns but must keep the ones this version
        // reads, or nothing in it could be shown.
        for kind in crate::model::Kind::ALL {
            let sql = format!("SELECT name FROM pragma_table_info('{}')", kind.table());
            let mut stmt = conn.prepare(&sql).map_err(corrupt)?;
            let have: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .map_err(corrupt)?
                .collect::<rusqlite::Result<_>>()
                .map_err(corrupt)?;
            if let Some(missing) = kind
                .columns()
                .iter()
                .find(|c| !have.iter().any(|h| h == *c))
            {
                return Err(Error::corrupt(
                    path,
                    format!(
                        "its {} table lacks the “{missing}” column every Planbook workbook has",
                        kind.table()
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn sqlite_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) if !path.exists() => Error::NotFound {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Error::PermissionDenied {
            path: path.to_path_buf(),
        },
        _ => sqlite_read_error(path, e),
    }
}

/// Maps an error met while reading a file that passed the header checks.
pub(crate) fn sqlite_read_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            Error::corrupt(path, "SQLite cannot read it as a database")
        }
        Some(ErrorCode::DatabaseCorrupt) => Error::corrupt(path, "SQLite found damaged pages"),
        Some(ErrorCode::TooBig) => {
            Error::corrupt(path, "it holds a value larger than Planbook allows")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::InUse {
            path: path.to_path_buf(),
            holder: "another program".into(),
            since: "now".into(),
        },
        _ => match e {
            rusqlite::Error::SqliteFailure(_, Some(ref msg)) if msg.contains("malformed") => {
                Error::corrupt(path, "its structure is damaged")
            }
            other => Error::Sqlite(other),
        },
    }
}

/// A program killed inside a transaction leaves a journal beside the workbook. If it had begun
/// to change the workbook, SQLite rolled those changes back and removed the journal when the
/// file was first read (by `quick_check`); a journal still there is one whose transaction never
/// touched the workbook, which SQLite would only reuse at the next edit. It is removed now, so
/// the workbook is again one file, but only while holding the write lock, so that a journal
/// another program is writing at this moment is never touched.
fn remove_stale_journal(conn: &Connection, path: &Path) {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let journal = std::path::PathBuf::from(journal);
    if journal.exists() && conn.execute_batch("BEGIN IMMEDIATE").is_ok() {
        let _ = std::fs::remove_file(&journal);
        let _ = conn.execute_batch("COMMIT");
    }
}
