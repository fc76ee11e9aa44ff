//! The workbook file: opening it safely, its schema, rows, edits and history.

pub mod changelog;
pub mod edit;
pub mod files;
pub mod history;
pub mod lock;
pub mod open;
pub mod rows;
pub mod schema;
mod workbook;

pub use workbook::{ReadOnlyFallback, Start, Workbook, blank_plan};
