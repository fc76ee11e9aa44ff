//! Typed errors. Every error knows a stable machine code (for the IPC edge and tests), a
//! sentence saying what happened, and a hint saying what the user can do about it. The hint
//! depends on where it is shown ([`Surface`]): a command line offers flags and commands, the
//! app its buttons and menus.

use std::path::PathBuf;

/// Everything that can go wrong in planbook-core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("“{}” was not found", .path.display())]
    NotFound { path: PathBuf },

    #[error("“{}” is kept online by a sync service and could not be brought to this computer", .path.display())]
    NotDownloaded { path: PathBuf },

    #[error("Planbook does not have permission to use “{}”", .path.display())]
    PermissionDenied { path: PathBuf },

    #[error("“{}” is not an SQLite file, so it cannot be a Planbook workbook", .path.display())]
    NotSqlite { path: PathBuf },

    #[error("“{}” is an SQLite database, but not a Planbook workbook", .path.display())]
    NotPlanbook { path: PathBuf },

    #[error(
        "“{}” was made by a newer Planbook ({writer}, workbook format {found}); this version understands format {supported} and older",
        .path.display()
    )]
    FileTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
        writer: String,
    },

    #[error("“{}” is damaged: {detail}", .path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error("“{}” is open for editing by {holder} since {since}", .path.display())]
    InUse {
        path: PathBuf,
        holder: String,
        since: String,
    },

    #[error("“{}” is {size} bytes, more than the {limit} bytes a workbook may have", .path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    #[error("“{}” already exists", .path.display())]
    AlreadyExists { path: PathBuf },

    #[error("this workbook is open read-only: {reason}")]
    ReadOnly { reason: String },

    #[error("{0}")]
    Invalid(String),

    /// A value a row cannot take, named by the row (its kind, code and title) and the field's
    /// label: "The plan “Our Dorset”: Population must be a whole number, such as 812500".
    /// Beside the field itself the row and the field go unsaid ([`Error::at_field`]).
    #[error("{item}: {field} {}{problem}", typed_as(.typed.as_deref()))]
    BadValue {
        /// The row in words ("The action A1 “Launch the service”").
        item: String,
        /// The field's declared label ("Due date").
        field: &'static str,
        /// What a planner typed, when it could not be read as the field's type (a date, a
        /// number); `problem` then says what to type, in a sentence of its own.
        typed: Option<String>,
        /// What is wrong, and what would do ("must be a date, such as 2026-03-31").
        problem: String,
        /// What to do, where the general advice does not fit.
        hint: Option<&'static str>,
    },

    /// Something read back from a workbook that this version cannot use: damage to the file
    /// (reported with the file's name as [`Error::Corrupt`] where the file is known).
    #[error("the workbook is damaged: {0}")]
    Damaged(String),

    /// A fault in Planbook itself, not in the file or in what the person did.
    #[error("Planbook went wrong: {0}")]
    Internal(String),

    /// A spreadsheet that cannot be read at all (damaged, protected, empty, too large): the
    /// file and, where known, the sheet, in words; nothing was written.
    #[error("“{}” could not be imported: {detail}", .path.display())]
    Sheet {
        path: PathBuf,
        detail: String,
        /// What to do about it.
        hint: &'static str,
    },

    /// A mapping file (docs/spreadsheets.md) that cannot be used, naming what is wrong in it.
    #[error("the mapping file “{}” cannot be used: {detail}", .path.display())]
    Mapping { path: PathBuf, detail: String },

    /// Something worked out from the workbook as it was (a spreadsheet import) would be
    /// applied to a workbook that has changed since: it would overwrite the edits made in
    /// between, so it is refused and worked out again.
    #[error("this workbook changed after {what} was worked out, so nothing was changed")]
    ChangedSince { what: &'static str },

    #[error("no {kind} with id {id} in this workbook")]
    NoSuchRow { kind: &'static str, id: String },

    #[error("there is nothing to {}", .0.verb())]
    NothingTo(Step),

    #[error("the JSON could not be read: {0}")]
    Json(String),

    #[error("a file operation failed: {0}")]
    Io(#[from] std::io::Error),

    #[error("the workbook could not be read or written: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where an error is shown, for the hints that differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// The `planbook` command line.
    Cli,
    /// The desktop app.
    App,
}

/// A step through the edit history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

impl Step {
    pub fn verb(self) -> &'static str {
        match self {
            Step::Undo => "undo",
            Step::Redo => "redo",
        }
    }
}

/// "was typed as “31/13/2027”. " before a refusal of typed text, naming what was typed for
/// messages shown away from the field.
fn typed_as(typed: Option<&str>) -> String {
    typed.map_or_else(String::new, |t| format!("was typed as “{t}”. "))
}

impl Error {
    /// The refusal as the field a planner typed into shows it, GOV.UK style: only what is
    /// wrong and what to type, without the row's name (the field is on that row's card) nor,
    /// for typed text, what was typed (it stays in the box). A sentence, with the refusal's
    /// own hint where it has one. `None` for errors that are not about one field's value.
    pub fn at_field(&self) -> Option<String> {
        let Error::BadValue {
            field,
            typed,
            problem,
            hint,
            ..
        } = self
        else {
            return None;
        };
        let mut text = if typed.is_some() {
            problem.clone()
        } else {
            format!("{field} {problem}.")
        };
        if let Some(hint) = hint {
            text.push(' ');
            text.push_str(hint);
        }
        Some(text)
    }

    /// A stable code for programs and tests; never shown alone to a person.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::NotDownloaded { .. } => "not_downloaded",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::NotSqlite { .. } => "not_sqlite",
            Error::NotPlanbook { .. } => "not_planbook",
            Error::FileTooNew { .. } => "file_too_new",
            Error::Corrupt { .. } => "corrupt",
            Error::InUse { .. } => "in_use",
            Error::TooLarge { .. } => "too_large",
            Error::AlreadyExists { .. } => "already_exists",
            Error::ReadOnly { .. } => "read_only",
            Error::Invalid(_) | Error::BadValue { .. } => "invalid",
            Error::Damaged(_) => "corrupt",
            Error::Internal(_) => "internal",
            Error::Sheet { .. } => "bad_sheet",
            Error::Mapping { .. } => "bad_mapping",
            Error::ChangedSince { .. } => "changed_since",
            Error::NoSuchRow { .. } => "no_such_row",
            Error::NothingTo(_) => "nothing_to_do",
            Error::Json(_) => "bad_json",
            Error::Io(_) => "io",
            Error::Sqlite(_) => "database",
        }
    }

    /// What the person can do next, in plain words, as shown on `surface`.
    pub fn hint_for(&self, surface: Surface) -> String {
        let cli = surface == Surface::Cli;
        match self {
            Error::NotFound { .. } => {
                "Check the file name and folder; it may have been moved or renamed.".into()
            }
            Error::NotDownloaded { .. } => {
                "Check that you are online and that OneDrive (or your sync app) is running, then open it again. To keep it available offline, right-click it in File Explorer and choose “Always keep on this device”.".into()
            }
            Error::PermissionDenied { .. } => {
                "Ask the owner of the file or folder for access, or use a copy in a folder of your own."
                    .into()
            }
            Error::NotSqlite { .. } => {
                "Check that you chose the right file: a Planbook workbook ends in .sqlite and was saved by Planbook.".into()
            }
            Error::NotPlanbook { .. } => {
                "This database belongs to another program. Open a workbook saved by Planbook instead.".into()
            }
            Error::FileTooNew { .. } => {
                "You can read it now (it opens read-only). To edit it, update Planbook to the latest version.".into()
            }
            Error::Corrupt { .. } if cli => {
                "The file was left unchanged. Ask whoever sent it for a fresh copy, or recover what can still be read from it into a new workbook with “planbook recover”.".into()
            }
            Error::Corrupt { .. } => {
                "The file was left unchanged. Ask whoever sent it for a fresh copy, or choose “Recover what can be read…” to make a new workbook of what is still readable.".into()
            }
            Error::InUse { .. } => {
                "You can open it read-only now, or ask them to close it and try again.".into()
            }
            Error::TooLarge { .. } => {
                "This is far larger than any plan; check that you chose the right file.".into()
            }
            Error::AlreadyExists { .. } if cli => {
                "Choose another name, or use --force to replace the existing file.".into()
            }
            Error::AlreadyExists { .. } => {
                "Choose another name, or choose the existing file again and confirm that it is to be replaced.".into()
            }
            Error::ReadOnly { .. } if cli => {
                "Make a copy with “planbook copy” to edit it, or try again when it can be edited.".into()
            }
            Error::ReadOnly { .. } => {
                "Save a copy (File › Save a Copy As…) to edit it, or reopen it when it can be edited.".into()
            }
            Error::Invalid(_) | Error::BadValue { hint: None, .. } => {
                "Correct the value and try again.".into()
            }
            Error::BadValue {
                hint: Some(hint), ..
            } => (*hint).into(),
            Error::Damaged(_) if cli => {
                "The file was left unchanged. Open a backup, or recover what can still be read from it into a new workbook with “planbook recover”.".into()
            }
            Error::Damaged(_) => {
                "The file was left unchanged. Open a backup, or choose “Recover what can be read…” to make a new workbook of what is still readable.".into()
            }
            Error::Internal(_) => {
                "This is a fault in Planbook. Nothing was changed; please report what you were doing.".into()
            }
            Error::Sheet { hint, .. } => (*hint).into(),
            Error::Mapping { .. } => {
                "Correct the mapping file as the message says (its format is in docs/spreadsheets.md), or import without it to let Planbook guess the columns.".into()
            }
            Error::ChangedSince { .. } if cli => {
                "Run the command again: it works the import out from the workbook as it is now.".into()
            }
            Error::ChangedSince { .. } => {
                "Choose Look again to see what the import does to the workbook as it is now.".into()
            }
            Error::NoSuchRow { .. } => {
                "It may have been deleted; reload the workbook to see its current content.".into()
            }
            Error::NothingTo(Step::Undo) => {
                "Every edit in this workbook's history has been undone, or none has been made yet.".into()
            }
            Error::NothingTo(Step::Redo) => {
                "Redo brings back an edit you undid; none is waiting to be brought back (a new edit ends the chance to redo).".into()
            }
            Error::Json(_) => {
                "Check that the file is a Planbook JSON export; if it was edited by hand, correct what the message names and import it again.".into()
            }
            Error::Io(_) => {
                "Check that the disk has room and the folder can be written to, then try again.".into()
            }
            Error::Sqlite(_) => {
                "Try again; if it keeps happening, the file may be damaged: open a backup.".into()
            }
        }
    }

    pub(crate) fn corrupt(path: &std::path::Path, detail: impl Into<String>) -> Self {
        Error::Corrupt {
            path: path.to_path_buf(),
            detail: detail.into(),
        }
    }
}
