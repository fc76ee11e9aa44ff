//! The mapping a tracker was read with, remembered in the workbook for the next round of
//! the same tracker: the planner's choices of columns, statuses and partners are offered
//! again without a mapping file. It is kept by the sheet's header signature (its headers,
//! folded, in order), in `planbook_meta` through the store's bookkeeping (item 7 of
//! `store/bookkeeping.rs`), written in the import's own edit.

use super::columns::Mapping;
use super::plan::ImportPlan;
use super::table::Column;
use crate::error::Result;
use crate::store::edit::Edit;
use crate::store::{Reader, sheet_mapping_key};

/// The signature a tracker's mapping is remembered by: its headers, folded, in order.
pub fn signature(columns: &[Column]) -> String {
    let headers: Vec<String> = columns
        .iter()
        .map(|c| super::values::fold(&c.header))
        .collect();
    headers.join("|")
}

/// Remembers, in `e`'s transaction, how `plan` read its sheet. The sheet's name and header
/// row are left out: the next round's file may name its sheets otherwise, and its header
/// row is found again.
pub(crate) fn remember(e: &Edit<'_>, plan: &ImportPlan) -> Result<()> {
    let mapping = Mapping {
        sheet: None,
        header_row: None,
        ..super::review::mapping_of(plan)
    };
    e.bookkeeping()
        .remember_sheet_mapping(&signature(&plan.columns), &mapping.to_json())
}

/// The mapping remembered for a tracker with these headers, if there is one. A remembered
/// mapping this Planbook cannot read (a later version's) is not offered.
pub fn remembered(reader: Reader<'_>, signature: &str) -> Result<Option<Mapping>> {
    let text: Option<String> = reader.query_opt(
        "SELECT value FROM planbook_meta WHERE key = ?1",
        [sheet_mapping_key(signature)],
        |r| r.get(0),
    )?;
    Ok(text.and_then(|t| Mapping::parse(&t).ok()))
}
