//! The domain: one plain struct per kind of row in a workbook.
//!
//! Every struct is both the row (its serde field names are the table's column names, see
//! `store::rows`) and the wire type shown to the desktop UI (TypeScript is generated from these
//! definitions by ts-rs). Each has a stable UUID and created/updated timestamps, so two copies
//! of one workbook can be compared row by row.

mod entities;
mod ids;
mod kinds;
mod links;
mod values;

pub use entities::*;
pub use ids::{Id, Timestamp, now};
pub use kinds::{Entity, Kind, OnDelete};
pub use links::*;
pub use values::*;
