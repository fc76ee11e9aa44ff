//! Sharing workbooks: sending a copy, comparing two workbooks, and merging a colleague's copy
//! back (a three-way merge from the state both started from).
//!
//! - [`lineage`]: who a workbook is (its identity) and what it shares with others (the state a
//!   copy started from; the state last merged from a colleague).
//! - [`copy`]: a compact, self-contained copy for sending.
//! - [`diff`]: what differs between two contents, row by row and field by field.
//! - [`merge`]: the three-way merge, its conflicts, and applying it as one undoable edit.
//! - [`review`]: a merge's conflicts in a planner's words, for the app's side-by-side view.
//! - [`shared`]: a workbook linked to a shared plan on a PostgreSQL server: what came, what
//!   goes, and the merge between them (the server itself is the `planbook-share` crate's).

pub mod copy;
pub mod diff;
pub mod lineage;
pub mod merge;
pub mod review;
pub mod shared;
