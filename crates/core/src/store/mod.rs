//! The workbook file: opening it safely, its schema, rows, edits and history.

pub mod bookkeeping;
pub mod changelog;
pub mod changes;
pub mod edit;
pub mod files;
pub mod history;
pub mod lock;
pub mod open;
pub mod read;
pub mod rows;
pub mod schema;
pub mod search_index;
mod workbook;

pub use bookkeeping::{Bookkeeping, Lineage, NewFile, sheet_mapping_key};
pub use changes::{Changes, RowRef, Touched};
pub use read::{Reader, Scanned, Setting};
pub use workbook::{ReadOnlyFallback, Start, Workbook, blank_plan};
