//! The domain: one plain struct per kind of row in a workbook, declared once in `kinds.rs`.
//!
//! Every struct is both the row (its serde field names are the table's column names, see
//! `store::rows`) and the wire type shown to the desktop UI (TypeScript is generated from these
//! definitions by ts-rs). Each has a stable UUID and created/updated timestamps, so two copies
//! of one workbook can be compared row by row.

#[macro_use]
mod declare;
mod ids;
mod kinds;
mod values;

pub use declare::{Field, FieldType, SHORT_TEXT_MAX, same_value};
pub use ids::{Id, Timestamp, now};
pub use kinds::*;
pub(crate) use kinds::{each_kind, with_kind};
pub use values::*;
