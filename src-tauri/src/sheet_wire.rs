//! The wire types of spreadsheets in the app (File › Import a Spreadsheet…, File › Export ›
//! Spreadsheet): what the window sends and is sent back. Core's import view
//! (`sheet::review::ImportView`) crosses as it is; these are the shapes that exist only at
//! the edge. Registered with the generator of `ui/src/lib/wire.ts` by [`visit_all`].

use std::collections::BTreeMap;

use planbook_core::sheet::ImportReport;
use planbook_core::sheet::review::ImportView;
use serde::{Deserialize, Serialize};
use ts_rs::{TS, TypeVisitor};

use crate::wire::WindowState;

/// The spreadsheet formats File › Export › Spreadsheet writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    /// An Excel workbook: the actions with drop-downs, and sheets of priorities, outcomes,
    /// measures, readings and partners.
    Xlsx,
    /// The actions alone, in UTF-8 with a byte-order mark.
    Csv,
}

/// What choosing a spreadsheet to import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetImportStarted {
    /// The person cancelled the Open dialog.
    Cancelled,
    /// The import worked out, for the planner to look at and change; nothing changed yet.
    Planned { view: Box<ImportView> },
}

/// The planner's changes to how the sheet is read, in the mapping file's own words
/// (docs/spreadsheets.md): the sheet, each column's target word by its header, what a
/// status written in the sheet means, and which partner of the workbook a partner written in
/// the sheet is ("" for a new one). What is left out is guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct SheetChoices {
    pub sheet: Option<String>,
    pub columns: BTreeMap<String, String>,
    pub statuses: BTreeMap<String, String>,
    pub partners: BTreeMap<String, String>,
}

/// What Import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetImported {
    /// Into the open workbook, as one edit (one Undo takes it back); the window reads the
    /// workbook again.
    Imported { report: ImportReport },
    /// A new workbook was made from the sheet, and the window shows it.
    Created {
        report: ImportReport,
        window: WindowState,
    },
    /// The person cancelled the Save dialog for the new workbook; nothing was made.
    Cancelled,
}

/// Registers these types (and what they reach) with the wire types' generator.
pub fn visit_all(visitor: &mut impl TypeVisitor) {
    visitor.visit::<SheetFormat>();
    visitor.visit::<SheetImportStarted>();
    visitor.visit::<SheetChoices>();
    visitor.visit::<SheetImported>();
    visitor.visit::<planbook_core::sheet::Declined>();
}
