//! Spreadsheets in and out (docs/spreadsheets.md): a tracker read from `.xlsx`, `.xls`,
//! `.ods` or `.csv` into actions, and an actions tracker written for partners to fill in.
//!
//! An import runs in steps that each hand the next a value, so a dry run and the app's
//! preview stop before the last: `read` (the file into a grid of cells) → `table` (the header
//! row, the columns, the rows that are actions) → `plan` (each row's outcome, read by
//! `row` with `values` and `columns`) → `apply` (one edit). `write` exports.

pub mod apply;
pub mod columns;
mod ods;
pub mod plan;
pub mod read;
pub mod remember;
pub mod review;
mod row;
pub mod table;
pub mod values;
pub mod write;

use std::path::Path;

pub use apply::{Declined, DeclinedChange, ImportReport, apply, apply_declining};
pub use columns::{Mapping, Target};
pub use plan::{ImportPlan, Outcome, Problem};
pub use read::Limits;
pub use write::export;

use crate::Content;
use crate::error::Result;
use crate::store::Reader;

/// Works out the import of the tracker at `path` into a workbook holding `content`; the
/// file is only read. `sheet` (or the mapping's) chooses the sheet, else the first.
pub fn prepare(
    path: &Path,
    sheet: Option<&str>,
    mapping: &Mapping,
    content: &Content,
) -> Result<ImportPlan> {
    let sheet = sheet.or(mapping.sheet.as_deref());
    let grid = read::read_grid(path, sheet, &Limits::default())?;
    let table = table::find(&grid, mapping)?;
    Ok(ImportPlan::new(&grid, &table, mapping, content))
}

/// Works out the import as [`prepare`] does with no mapping given, except that a tracker
/// whose headers are those of one imported into this workbook before is read with the
/// mapping remembered then (`remember`); the plan says whether it was.
pub fn prepare_remembered(
    path: &Path,
    reader: Reader<'_>,
    content: &Content,
) -> Result<ImportPlan> {
    let grid = read::read_grid(path, None, &Limits::default())?;
    let guessed = table::find(&grid, &Mapping::default())?;
    let Some(mapping) = remember::remembered(reader, &remember::signature(&guessed.columns))?
    else {
        return Ok(ImportPlan::new(
            &grid,
            &guessed,
            &Mapping::default(),
            content,
        ));
    };
    let table = table::find(&grid, &mapping)?;
    let mut plan = ImportPlan::new(&grid, &table, &mapping, content);
    plan.remembered = true;
    Ok(plan)
}

/// A title for a workbook made from a tracker: the first line above its header row that
/// looks like a title, or the file's name.
pub fn title_for(path: &Path, sheet: Option<&str>, mapping: &Mapping) -> String {
    let from_sheet = read::read_grid(path, sheet.or(mapping.sheet.as_deref()), &Limits::default())
        .ok()
        .and_then(|grid| {
            let header = table::find(&grid, mapping).ok()?.header_row;
            grid.rows[..header]
                .iter()
                .flat_map(|r| r.iter())
                .map(|c| c.value.shown())
                .find(|t| !t.is_empty())
        });
    from_sheet.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported plan".into())
    })
}
