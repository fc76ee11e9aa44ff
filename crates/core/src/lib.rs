//! planbook-core: Planbook's domain, workbook file, checks and exports.
//!
//! Read top-down: [`model`] is the domain; [`store`] is the workbook file (the hardened open
//! path, the schema and its migrations, rows, edits and the change log); [`content`] is a
//! workbook's whole content, which is also its JSON form; [`check`] is plan health;
//! [`example`] builds the Our Dorset example. This crate has no GUI dependency.

pub mod backup;
pub mod check;
pub mod codes;
pub mod content;
pub mod document;
pub mod error;
pub mod example;
pub mod generate;
pub mod jargon;
pub mod live;
pub mod model;
pub mod place;
pub mod recover;
pub mod search;
pub mod sheet;
pub mod store;
pub mod summary;
pub mod sync;
pub mod thread;
pub mod typing;
mod validate;

pub use content::Content;
pub use error::{Error, Result, Step, Surface};
pub use store::open::{Access, OpenOptions};
pub use store::{Start, Workbook};
pub use summary::{Counts, Summary};
