//! The words the change log stores: an edit's state and a change's operation. They are
//! written to and read from SQL only through these types, so a misspelt state cannot reach
//! the file, and a file holding a state this version does not know is reported as damaged.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Where an edit is in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditState {
    /// In effect; the newest is what undo acts on.
    Done,
    /// Undone, and can be redone; the oldest is what redo acts on.
    Undone,
    /// Undone, then overtaken by a new edit: it can no longer be redone.
    Discarded,
}

/// What one change did to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// The row was added (`after` is the whole row).
    Insert,
    /// One field was set (`before` and `after` are its values).
    Update,
    /// The row was deleted (`before` is the whole row).
    Delete,
}

/// Each type's words, written once, for both directions.
macro_rules! stored_words {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            pub fn word(self) -> &'static str {
                match self { $($ty::$variant => $word),+ }
            }

            pub fn from_word(word: &str) -> Option<$ty> {
                match word {
                    $($word => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.word()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                $ty::from_word(value.as_str()?).ok_or(FromSqlError::InvalidType)
            }
        }
    };
}

stored_words!(EditState {
    Done => "done",
    Undone => "undone",
    Discarded => "discarded",
});

stored_words!(ChangeOp {
    Insert => "insert",
    Update => "update",
    Delete => "delete",
});

/// The `field` a change of a whole row (an insert or a delete) records.
pub const WHOLE_ROW: &str = "*";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_to_sql_and_back() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for state in [EditState::Done, EditState::Undone, EditState::Discarded] {
            let back: EditState = conn.query_row("SELECT ?1", [state], |r| r.get(0)).unwrap();
            assert_eq!(back, state);
        }
        for op in [ChangeOp::Insert, ChangeOp::Update, ChangeOp::Delete] {
            let back: ChangeOp = conn.query_row("SELECT ?1", [op], |r| r.get(0)).unwrap();
            assert_eq!(back, op);
        }
        let odd = conn.query_row("SELECT 'done '", [], |r| r.get::<_, EditState>(0));
        assert!(odd.is_err());
    }
}
