//! What an edit, an undo or a redo changed, reported to whoever made it, so that a program
//! showing the workbook (the desktop app) patches what it holds instead of reading the whole
//! workbook again.
//!
//! The rows are derived from the change log: every change row an edit writes (and every one
//! undo or redo replays) names a row, and [`Touched`] collects those names as they are
//! logged. [`Changes::read`] then reads each named row as it now is: a row still there is
//! reported whole (whatever changed in it, its position included, so a move that renumbers
//! a list reports every row it renumbered), a row no longer there is reported removed (a
//! cascaded delete names every row it took with it, links included).

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use super::read::Reader;
use super::rows;
use crate::check::HealthChange;
use crate::document::MeasureChart;
use crate::error::Result;
use crate::model::{ChangedRow, Id, Kind, with_kind};
use crate::thread::ThreadChange;

/// A row named by its kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
pub struct RowRef {
    pub kind: Kind,
    pub id: Id,
}

/// The rows the change log of one edit (or of the edit an undo or redo replayed) names,
/// each once, in the order they were first logged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touched {
    order: Vec<RowRef>,
    seen: HashSet<RowRef>,
}

impl Touched {
    pub(crate) fn note(&mut self, kind: Kind, id: &Id) {
        let row = RowRef {
            kind,
            id: id.clone(),
        };
        if !self.seen.contains(&row) {
            self.seen.insert(row.clone());
            self.order.push(row);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn rows(&self) -> &[RowRef] {
        &self.order
    }
}

/// What one edit, undo or redo changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Changes {
    /// The rows added or changed, whole, as they now are.
    pub rows: Vec<ChangedRow>,
    /// The rows deleted (including links, and rows deleted with the row deleted).
    pub removed: Vec<RowRef>,
    /// The plan-health findings that appeared and went. The store leaves it empty; whoever
    /// keeps the findings fills it in (`check::live`).
    pub health: HealthChange,
    /// What changed in the golden thread, when the edit changed how some action serves (the
    /// servings of those actions only); filled in, like `health`, by `live.rs` from the kept
    /// thread (the store leaves it empty).
    pub thread: Option<ThreadChange>,
    /// Every measure's chart as it now is, when the edit changed a measure or a reading;
    /// filled in by `live.rs`.
    pub charts: Option<Vec<MeasureChart>>,
}

impl Changes {
    /// Each touched row as it is now: whole if it is still there, removed if not.
    pub fn read(reader: Reader<'_>, touched: &Touched) -> Result<Changes> {
        let mut changes = Changes::default();
        for row in touched.rows() {
            match reader.get_object(row.kind, &row.id)? {
                Some(obj) => changes.rows.push(with_kind!(row.kind, T => {
                    ChangedRow::from(rows::from_object::<T>(obj)?)
                })),
                None => changes.removed.push(row.clone()),
            }
        }
        Ok(changes)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.removed.is_empty()
    }
}
